"""Problems found in the input data, reported like a compiler: ``file:line: message``.

Every stage collects the problems it finds and raises one :class:`DataError` holding
all of them, in file and line order, so a maintainer sees every problem of a run at once and no stage writes
output from data that did not validate.
"""

from __future__ import annotations

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


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset (line breaks: :data:`LINE_BREAK`)."""
    lone_cr = text.count("\r", 0, offset) - text.count("\r\n", 0, offset)
    if offset > 0 and text[offset - 1] == "\r" and text[offset : offset + 1] == "\n":
        lone_cr -= 1  # the CR of the CR LF that ends at offset
    return text.count("\n", 0, offset) + lone_cr + 1


def column_of(text: str, offset: int) -> int:
    """1-based column of a character offset in its line."""
    return offset - max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset))


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)
