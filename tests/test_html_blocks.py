"""Finished HTML blocks (html_blocks.py): through Python-Markdown unchanged and unparsed."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.website.html_blocks import END, START, HtmlBlockError, wrap
from build_scripts.website.templating import escape_html

EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables"]  # as mkdocs.yml, without html_blocks


def convert(text: str, with_blocks: bool = True) -> str:
    return markdown.markdown(
        text, extensions=EXTENSIONS + (["build_scripts.website.html_blocks"] if with_blocks else [])
    )


def test_a_block_reaches_the_page_as_written_and_markdown_around_it_still_works():
    block = '<div class="c" id="x">\n<p>*不是强调* a &amp; b</p>\n\n<p>[不是链接](x.md)</p>\n</div>'
    html = convert("# 标题\n" + wrap(block) + "\n之后 *强调*\n")
    assert block in html
    assert "<em>强调</em>" in html and "<em>不是强调</em>" not in html
    assert START not in html and END not in html


def test_same_output_as_plain_raw_html_apart_from_the_markers():
    block = '<section class="s"><p class="n"><a href="../a/#b">甲</a></p>\n<p>乙</p></section>'
    assert convert(wrap(block)) == convert(f"\n{block}\n", with_blocks=False)


def test_an_unclosed_block_is_an_error_with_its_line():
    with pytest.raises(HtmlBlockError, match="line 3"):
        convert(f"a\n\n{START}\n<div>x</div>\n")


def test_a_block_cannot_hold_the_markers():
    with pytest.raises(HtmlBlockError):
        wrap(f"<div>{END}</div>")


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40), min_size=1, max_size=4)
)
def test_escaped_text_in_a_block_comes_out_verbatim(paragraphs):
    block = '<div class="verbatim">\n' + "\n".join(f"<p>{escape_html(p)}</p>" for p in paragraphs) + "\n</div>"
    assert block in convert(wrap(block))
