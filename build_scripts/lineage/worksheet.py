"""The review worksheet: a plan's review queue (``queue``) written in the format of
``data/links.yaml``, with Chinese comments, for an editor to correct and merge.

Pipeline place: ``python -m build_scripts review PLAN`` (``__main__``) renders it; the
template is ``templates/review_worksheet.yaml.j2``. Values are written as JSON strings (a
valid YAML double-quoted scalar whatever they hold: quotes, colons, ``#``), comments on one
line, so that any task text gives a worksheet that ``curation.load_curation`` reads
(``tests/test_review_queue.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from ..core.model import Corpus
from .curation import UNREVIEWED
from .queue import DEPTH, Queue

TEMPLATES = Path(__file__).resolve().parent / "templates"
# What YAML does not take as it is inside a scalar or comment: characters outside its printable
# set, and the line breaks beside \n and \r (NEL, LS, PS), which would fold a quoted value.
NOT_AS_IS = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def quoted(value: object) -> str:
    """A YAML double-quoted scalar that reads back as ``value`` exactly: a JSON string (JSON
    escapes are YAML's), with the characters YAML would not keep as they are escaped too."""
    return NOT_AS_IS.sub(_escaped, json.dumps(str(value), ensure_ascii=False))


def line(value: object) -> str:
    """Text for a comment: on one line, what YAML would not keep shown as an escape."""
    return NOT_AS_IS.sub(_escaped, " ".join(str(value).split()))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML: values are quoted by the filter below
    )
    env.filters["quoted"] = quoted
    env.filters["line"] = line
    return env


def worksheet(corpus: Corpus, queue: Queue, command: str, depth: int = DEPTH) -> str:
    """The worksheet's text."""
    plan = corpus.plan(queue.plan_id).meta
    names = {p.id: p.meta.short_name for p in corpus.plans}
    template = _environment().get_template("review_worksheet.yaml.j2")
    return template.render(queue=queue, plan=plan, names=names, command=command, depth=depth, unreviewed=UNREVIEWED)


__all__ = ["line", "quoted", "worksheet"]
