"""Blocks of finished HTML in the generated Markdown: passed through whole, never re-parsed.

Pipeline place: render stage. Templates wrap a block of HTML they have built themselves
(every plan character escaped, every link made by ``urls``) in the ``html_block`` filter;
this Python-Markdown extension (declared under ``markdown_extensions`` in ``mkdocs.yml``)
stores each such block in Markdown's raw-HTML stash before any other preprocessor runs.

Why: Python-Markdown finds the end of a raw HTML block by running an HTML parser over
it, and MkDocs runs a second one to collect anchor ids. For a policy-line page that is
most of the page, and on a large corpus it was the largest single cost of the build. The
output is the same: raw HTML always reaches the page unchanged. What MkDocs no longer
sees are the ids inside these blocks, so Markdown links must not point at them (the
build's strict anchor check would say so); the site's own test follows every link.

Markup: a line ``<!-- html-block -->``, the HTML, a line ``<!-- /html-block -->``.
Without this extension the markers are plain HTML comments and the page still renders.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START = "<!-- html-block -->"
END = "<!-- /html-block -->"
PRIORITY = 29  # after whitespace normalisation (30), before MkDocs' id scan (21) and html_block (20)


class HtmlBlockError(ValueError):
    pass


def wrap(html: str) -> str:
    """The block as Markdown (the Jinja filter ``html_block``)."""
    body = html.strip("\n")
    if START in body or END in body:
        raise HtmlBlockError("an HTML block may not contain the block markers")
    return f"\n{START}\n{body}\n{END}\n"


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            if lines[index] != START:
                out.append(lines[index])
                index += 1
                continue
            try:
                end = lines.index(END, index + 1)
            except ValueError:
                raise HtmlBlockError(f"line {index + 1}: {START} without a closing {END}") from None
            placeholder = self.md.htmlStash.store("\n".join(lines[index + 1 : end]))
            out += ["", placeholder, ""]
            index = end + 1
        return out


class HtmlBlockExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Stash(md), "html_blocks", PRIORITY)


def makeExtension(**kwargs) -> HtmlBlockExtension:
    return HtmlBlockExtension(**kwargs)
