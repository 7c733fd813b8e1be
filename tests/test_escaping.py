"""The one escaping rule (build_scripts/website/escaping.py): titles handed to MkDocs are HTML text."""

from __future__ import annotations

import html

import pytest
from test_render import TINY_TEXT, tiny_plan

from build_scripts.core.model import Corpus
from build_scripts.website import escaping, load, navigation
from build_scripts.website.urls import SiteMap

PAYLOAD = "</title><script>alert(1)</script>&amp;\"'{{ x }}"


@pytest.mark.parametrize(
    "title", ["三、构建信息惠民体系", "A &amp; B", "&lt;b&gt;", "&#60;", "&#x3c;", "“十三五”规划（2016–2020）"]
)
def test_escaped_titles_pass(title):
    escaping.check_title(title, "here")


@pytest.mark.parametrize("title, bad", [("a<b", "<"), ("a>b", ">"), ('say "x"', '"'), ("A & B", "&"), ("&lt", "&")])
def test_raw_titles_are_refused_naming_the_character(title, bad):
    with pytest.raises(escaping.TitleError) as caught:
        escaping.check_title(title, "plans/x/1.md")
    assert str(caught.value).startswith(f"plans/x/1.md: title {title!r} is not escaped HTML text ({bad!r}")


def test_every_text_escape_decodes_to_the_text():
    assert html.unescape(escaping.text(PAYLOAD)) == PAYLOAD
    assert html.unescape(escaping.title(PAYLOAD + "\r\n行")) == PAYLOAD + " 行"
    assert escaping.lines("a<\r\nb\rc\nd") == "a&lt;<br>b<br>c<br>d"


def titles(entries):
    for entry in entries:
        for title, value in entry.items():
            yield title
            if isinstance(value, list):
                yield from titles(value)


def test_navigation_titles_are_escaped_once(tmp_path, monkeypatch):
    """A chapter heading (a page of its own) reaches the sidebar and the footer as its nav title."""
    monkeypatch.setattr("test_render.TINY_TEXT", TINY_TEXT.replace("二、主要任务", "二、主要任务" + PAYLOAD))
    corpus = Corpus(plans=(tiny_plan(tmp_path),))
    nav = navigation.nav(load.make_site(corpus, SiteMap(corpus)))
    found = [t for t in titles(nav) if "alert" in t]
    assert found == ["二、主要任务" + escaping.text(PAYLOAD)]
    for title in titles(nav):
        escaping.check_title(title, "nav")


def test_markdown_escapes_never_split_a_character_reference():
    """'' becomes &#x27; — a backslash before its # (escaping it for Markdown) made MkDocs'
    page title &amp;#x27;, shown literally in <title> (found by the property test)."""
    assert escaping.markdown_inline("x'y #*") == "x&#x27;y \\#\\*"
    assert "&\\#" not in escaping.markdown_inline("'\"<>&#")


@pytest.mark.parametrize("value", ["说明。  ", "说明。 \t ", "a\n  ", "x  ", "说明\t", "x \t"])
def test_trailing_spaces_never_become_a_line_break(value):
    """A text ending in two spaces, followed by a line (a term's explanation and its attribute
    list), was a Markdown hard line break: <br> from nothing; so was one ending in a tab
    (both found by the property test)."""
    import markdown

    html = markdown.markdown(escaping.markdown_inline(value) + "\n{: .x }", extensions=["attr_list"])
    assert "<br" not in html
    assert html.count(" ") + html.count("&#32;") >= escaping.flat(value).count(" ")  # no space lost
