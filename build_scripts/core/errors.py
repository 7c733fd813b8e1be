"""Problems found in the input data, reported like a compiler: ``file:line: message``.

Every stage collects the problems it finds and raises one :class:`DataError` holding
all of them, in file and line order, so a maintainer sees every problem of a run at once and no stage writes
output from data that did not validate.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem at one place: a file, a line (1-based) and what was expected."""

    file: str
    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class DataError(Exception):
    """One or more problems in the input data; nothing was written."""

    def __init__(self, problems: list[Problem]):
        # File by file, and in each file what concerns it as a whole (no line) first, then by line.
        self.problems = sorted(problems, key=lambda p: (p.file, p.line is not None, p.line or 0, p.column or 0))
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the input data:"
        super().__init__("\n".join([header, *(f"  {p}" for p in self.problems)]))


def display_path(path: Path) -> str:
    """A path as shown in messages: relative to the repository when inside it."""
    from .paths import ROOT

    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# Line breaks, one policy everywhere (parse, messages, the sources page): LF, CR LF and a
# lone CR each end a line; a CR is never reported as a character of its own.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@functools.lru_cache(maxsize=8)
def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line of ``text`` starts (after each break of :data:`LINE_BREAK`): one pass
    per text (a parse asks for the line of every paragraph; counting from the start each
    time was quadratic: 13 s for a 4 MB source)."""
    return (0, *(m.end() for m in LINE_BREAK.finditer(text)))


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset (line breaks: :data:`LINE_BREAK`; a break
    belongs to the line it ends)."""
    return bisect.bisect_right(_line_starts(text), offset)


def column_of(text: str, offset: int) -> int:
    """1-based column of a character offset in its line."""
    return offset - max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset))


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)
