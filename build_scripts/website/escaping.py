"""The one escaping rule: plain text becomes HTML text exactly once, where it meets markup.

Every text of the site — plan text, headings, titles, term names and explanations,
curation notes, indicator names, file names — is *plain text* in the model. It becomes
HTML in one of these functions, at the point where it is put next to markup, and
nowhere else:

* :func:`text` — ``& < > " '`` as entities: element content and quoted attribute values
  (tooltips, ``aria-label``, SVG ``<title>``/``<text>``) alike;
* :func:`lines` — the same, with line breaks (CR LF, CR, LF) as ``<br>`` (verbatim text
  in raw HTML blocks: the ``html`` filter of the templates), and each private-use
  character (no font has a glyph for it) kept but marked with an explanation
  (:func:`private_use_note`): the ``html`` filter wraps it in ``<span class="pua">``
  (macro ``private_use`` of ``templates/_marks.html.j2``), which the stylesheet shows as a
  marked placeholder 〓;
* :func:`markdown_inline` / :func:`markdown_cell` — :func:`text`, then backslash escapes
  for Markdown's inline syntax (headings and link texts: the ``md`` and ``cell`` filters);
* :func:`title` — a title handed to MkDocs (navigation entries, and through them the
  page titles), and an attribute value in the templates (the ``attr`` filter):
  :func:`text` with line breaks as spaces.

MkDocs and Material treat every title they hold as HTML: a page title taken from its
``<h1>`` is the heading's HTML with the tags removed and its entities kept, and the theme
writes titles into the sidebar, the previous/next footer, the header and the search index
without escaping them again. So a title is *HTML text*: plain text escaped once, no tags.
:func:`check_title` holds every title to that (the MkDocs plugin calls it for each page and
navigation entry), and the theme overrides in ``overrides/`` write titles as they are —
never through ``striptags``, which would turn ``&lt;`` back into ``<``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

LINE_BREAK = re.compile(r"\r\n|\r|\n")
MD_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
# HTML text: no tag or attribute delimiter, every & starts a character reference.
_NOT_HTML_TEXT = re.compile(r"[<>\"]|&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)")


def text(value: str) -> str:
    """Plain text as HTML text: element content or a quoted attribute value."""
    return html.escape(value, quote=True)


def script_json(value: object) -> str:
    """Data as the content of a JSON data block (``<script type="application/ld+json">``):
    JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, so that no text in it can
    end the block or start markup; a JSON reader gets the same value back."""
    dumped = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def private_use_note(char: str) -> str:
    """What a reader is told about a private-use character (plain text)."""
    return f"原文此处是私用区字符 U+{ord(char):04X}，没有通用字形，含义不明；本站原样保留，以〓示意"


def lines(value: str, mark_private_use: Callable[[str], str] | None = None) -> str:
    """Verbatim text for a raw HTML block: :func:`text` per line, lines joined by ``<br>``;
    a private-use character stays in the text, replaced by ``mark_private_use(char)`` when
    given (the ``html`` filter's mark from its template, see the module docstring).

    ``<br>`` stays here: it is not wrapped around text but is how a line break of plain
    text is written in HTML text, so it belongs to the rule itself."""
    escaped = "<br>".join(text(line) for line in LINE_BREAK.split(value))
    if mark_private_use is None:
        return escaped
    return PRIVATE_USE.sub(lambda match: mark_private_use(match.group(0)), escaped)


# A final space or tab as its character reference: Markdown cannot read it as part of a
# line break (two spaces, or a tab, which it expands to spaces, before a line's end).
TRAILING_SPACE = {" ": "&#32;", "\t": "&#9;"}


def flat(value: str) -> str:
    """The text on one line: each line break a space."""
    return " ".join(LINE_BREAK.split(value))


def markdown_inline(value: str) -> str:
    """Text for inline Markdown (headings, link texts): backslash escapes, then entities.

    In this order, so that no backslash lands inside a character reference: ``'`` is
    ``&#x27;``, and ``&\\#x27;`` would reach MkDocs' page title as ``&amp;#x27;``. A final
    space or tab is written as its character reference: two spaces (or a tab) before the end
    of a line are a Markdown line break (``<br>``), and the template may go on with a new line."""
    escaped = _markdown_text(value)
    return escaped[:-1] + TRAILING_SPACE[escaped[-1]] if escaped[-1:] in TRAILING_SPACE else escaped


def _markdown_text(value: str) -> str:
    return text(MD_ESCAPED.sub(r"\\\1", flat(value)))


def markdown_cell(value: str) -> str:
    """Inline Markdown inside a table cell: also escape the column separator. (A cell never
    ends a line — the row's closing ``|`` does —, so a final space stays a space.)"""
    return _markdown_text(value).replace("|", "\\|")


def title(value: str) -> str:
    """A title for MkDocs (a navigation entry): HTML text on one line."""
    return text(flat(value))


def front_title(value: str) -> str:
    """A page's front-matter ``title`` (its <title> and header): HTML text (:func:`title`) as a
    YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(title(value), ensure_ascii=False)


class TitleError(ValueError):
    pass


def check_title(value: str | None, where: str) -> None:
    """Raise :class:`TitleError` unless ``value`` is HTML text (see the module docstring)."""
    if value is None:
        return
    bad = _NOT_HTML_TEXT.search(value)
    if bad:
        raise TitleError(
            f"{where}: title {value!r} is not escaped HTML text "
            f"({bad.group(0)!r} at offset {bad.start()}); titles go through escaping.title"
        )
