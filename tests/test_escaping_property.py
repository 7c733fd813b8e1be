"""No text becomes markup: arbitrary payloads in every kind of text field, through the real
``mkdocs build`` of a small made-up project (tests/payload_site.py).

For each example the built site must hold no element or attribute the templates did not
put there (the vocabulary of a build with neutral texts), the same scripts on every page,
no payload in an attribute that is not a text attribute — and each payload literally where it
belongs: headings, page titles, navigation, footer, tooltips, indicator tables, the search
cards' titles (plain text in the index, written as text by the dialog). A handful of examples keeps it well under a minute.
"""

from __future__ import annotations

import json
from pathlib import Path

import payload_site as ps
import pytest
from conftest import Element, parse_html, squash
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow  # builds sites of its own

SITE_NAME = "北京信息化规划 2006–2020"
SENTINEL = "evil"
PIECES = [
    "<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<x-evil evil=1>",
    "<a href=evil>a</a>",
    "</div>",
    "</p>",
    "<!--",
    "-->",
    "<![CDATA[",
    "{{ evil }}",
    "{% if evil %}",
    "{#",
    "{: #evil .evil onclick=evil }",
    "[t](evil)",
    "![i](evil)",
    "<evil@x.y>",
    "javascript:evil",
    "*",
    "**",
    "_",
    "__",
    "`",
    "```",
    "~~",
    "#",
    "# ",
    "> ",
    "- ",
    "1. ",
    "|",
    "|a|b|",
    "\\",
    "&",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#x3c;",
    '"',
    "'",
    "<",
    ">",
    "=",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u200f",
    "\u2066",
    "\ufeff",
    " ",
    "  ",
    "\t",
    "北",
    "京",
    "信息",
    "任务",
    "¶",
    "%",
    "80%",
    "1070万户",
]
PAYLOAD = st.lists(
    st.one_of(st.sampled_from(PIECES), st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))),
    min_size=1,
    max_size=12,
).map("".join)
ISSUE_PAYLOADS = {  # the payloads of issue 11, each in its field
    "plan_title": "</title><script>alert(1)</script>",
    "chapter": "</title><script>alert(1)</script>",
    "section": "<img src=x onerror=alert(1)>",
    "lead": "</title><img src=x onerror=alert(1)>",
    "body": "<script>alert(1)</script>{{ x }}{% if %}",
    "term": "</title><script>alert(1)</script>",
    "explanation": '"><img src=x onerror=alert(1)>&amp;',
    "note": "<script>alert(1)</script>",
    "indicator": "</title><svg onload=alert(1)>",
}


def source_safe(text: str) -> str:
    """The payload as the plan text can hold it (see ``payload_site.NOT_IN_SOURCE``)."""
    return "".join(ch for ch in text if ch not in ps.NOT_IN_SOURCE)


def fit(payload: dict[str, str]) -> dict[str, str]:
    out = dict(payload)
    for field in ps.IN_SOURCE:
        out[field] = source_safe(out[field])
    out["lead"] = out["lead"][:20]  # a lead is at most 30 characters
    return out


# ---------------------------------------------------------------- reading the built site


def pages(site: Path) -> dict[str, Element]:
    return {str(p.relative_to(site)): parse_html(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def signature(element: Element) -> tuple[str, frozenset[str]]:
    return element.tag, frozenset(element.attrs)


def vocabulary(parsed: dict[str, Element]) -> set:
    return {signature(e) for root in parsed.values() for e in root.iter() if e.tag != "#root"}


JSON_LD = "application/ld+json"  # a data block (never run): it holds the page's texts as JSON


def scripts(root: Element) -> list[tuple]:
    """Every script as the templates wrote it; a JSON-LD data block by its attributes only
    (its content carries the page's texts: :func:`data_blocks` checks it)."""
    return [
        (tuple(sorted(e.attrs.items())), "" if e.attrs.get("type") == JSON_LD else e.text(lambda _: False))
        for e in root.iter()
        if e.tag == "script"
    ]


def data_blocks(root: Element) -> list[str]:
    return [e.text(lambda _: False) for e in root.iter() if e.tag == "script" and e.attrs.get("type") == JSON_LD]


def search_cards(site: Path) -> dict[str, str]:
    """Address → title of every search result card (``search/m/*.json``): plain text, which the
    dialog writes as text (``textContent``), never as markup."""
    head = json.loads((site / "search" / "head.json").read_text(encoding="utf-8"))
    cards = {}
    for n in range(len(head["meta"])):
        for title, url, _ in json.loads((site / "search" / "m" / f"{n}.json").read_text(encoding="utf-8")):
            cards[url] = title
    return cards


def visible(element: Element) -> str:
    return squash(element.text(lambda e: e.tag in ("script", "style") or "headerlink" in e.classes))


def by_id(root: Element, anchor: str) -> Element:
    return next(e for e in root.iter() if e.attrs.get("id") == anchor)


def first(root: Element, tag: str) -> Element:
    return next(e for e in root.iter() if e.tag == tag)


def attribute_values(root: Element, name: str) -> list[str]:
    return [e.attrs[name] for e in root.iter() if name in e.attrs]


# ---------------------------------------------------------------- the test


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return ps.make_project(tmp_path_factory.mktemp("payload") / "project")


class Baseline(dict):
    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return "<baseline site>"


@pytest.fixture(scope="module")
def baseline(project) -> Baseline:
    """The site built with neutral texts: what the templates put there."""
    ps.write_data(project, dict.fromkeys(ps.FIELDS, ""))
    site = project.parent / "baseline"
    result = ps.build(project, site)
    assert result.returncode == 0, result.stderr
    parsed = pages(site)
    return Baseline(
        vocabulary=vocabulary(parsed),
        scripts={url: scripts(root) for url, root in parsed.items()},
    )


# Attributes whose value is text by design: shown as a tooltip or read aloud, or read by a
# script as text (task-links.js puts a citation's parts on the clipboard, never into markup).
TEXT_ATTRIBUTES = ("title", "aria-label", "data-plan-title", "data-task-title", "data-issuer", "data-dataset")


def check_site(site: Path, payload: dict[str, str], baseline: dict) -> None:
    parsed = pages(site)
    assert set(parsed) == set(baseline["scripts"]), "the payload changed which pages exist"
    extra = vocabulary(parsed) - baseline["vocabulary"]
    assert not extra, f"elements or attributes the templates did not make: {sorted(extra)[:5]}"
    for url, root in parsed.items():
        assert scripts(root) == baseline["scripts"][url], f"{url}: its scripts changed"
        for block in data_blocks(root):  # the texts stay JSON strings: nothing ends the block
            assert "<" not in block and ">" not in block, f"{url}: markup characters in a JSON-LD block"
            assert isinstance(json.loads(block), dict), url
        for element in root.iter():
            for name, value in element.attrs.items():
                if name not in TEXT_ATTRIBUTES and SENTINEL in value and SENTINEL not in str(baseline):
                    pytest.fail(f"{url}: <{element.tag} {name}={value!r}> carries payload text")
    cards = search_cards(site)

    def page(url: str) -> Element:
        return parsed[url + "index.html"]

    def titled(url: str, text: str, title: str | None = None) -> None:
        """The page's h1 is ``text``; its <title> is ``title`` (default: the same text), plain text
        with the entities decoded once (a page in the navigation is titled by its entry)."""
        assert visible(first(page(url), "h1")) == squash(text), url
        assert squash(first(page(url), "title").text()) == squash(f"{title or text} — {SITE_NAME}"), url

    s = dict(payload)
    plan_title, chapter = "测试规划甲" + s["plan_title"], f"二、主要{s['chapter']}任务"
    short = "甲规划" + s["plan_title"]  # plan pages name their plan in the <title> (front matter)
    titled("plans/a/", plan_title, f"{short} 概览")
    titled("plans/a/2/", chapter, f"{short} {chapter}")
    titled("terms/payload-term/", "词条" + s["term"])
    titled("lineage/a-2-1-1/", f"政策脉络：加快宽带{s['lead']}网络建设")
    nav_links = [visible(e) for e in page("plans/a/1/").iter() if e.tag == "a" and "md-nav__link" in e.classes]
    assert squash(chapter) in nav_links
    assert squash(f"甲规划{s['plan_title']}（2001–2005）") in [
        visible(e) for e in page("plans/a/1/").iter() if "md-nav__link" in e.classes
    ]
    footer = next(e for e in page("plans/a/1/").iter() if "md-footer__link--next" in e.classes)
    assert squash(chapter) in visible(footer)
    assert squash(footer.attrs["aria-label"]) == squash("下一页: " + chapter)
    assert visible(by_id(page("plans/a/2/"), "a-2-1")) == squash(f"(一)建设{s['section']}基础设施")
    assert visible(by_id(page("plans/a/2/"), "a-2-1-1")) == squash(f"加快宽带{s['lead']}网络建设")
    body = f"加快宽带{s['lead']}网络建设。建设覆盖城乡的光纤网络，推进三网融合{s['body']}，提升城市管理水平。"
    assert squash(body) in [visible(e) for e in page("plans/a/full-text/").iter() if e.tag == "p"]
    for location, text in (
        ("plans/a/2/", chapter),
        ("plans/a/2/#a-2-1", f"(一)建设{s['section']}基础设施"),
        ("plans/a/2/#a-2-1-1", f"加快宽带{s['lead']}网络建设"),
        ("terms/payload-term/", "词条" + s["term"]),
    ):
        assert cards[location] == text, location  # the search card's title: the text itself
    assert squash(f"物联网：说明{s['explanation']}") in map(squash, attribute_values(page("plans/a/2/"), "title"))
    assert squash("解释" + s["explanation"]) in visible(page("terms/payload-term/"))
    assert squash("备注" + s["note"]) in visible(page("lineage/b-2-1-1/"))
    assert squash("指标" + s["indicator"]) in visible(page("indicators/a/"))
    assert any(
        squash(t).startswith(squash(f"指标{s['indicator']}：")) for t in attribute_values(page("plans/a/1/"), "title")
    )


# No shrinking: each example is a full build, and a failing example is readable as drawn.
@settings(
    max_examples=5,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(payload=st.fixed_dictionaries(dict.fromkeys(ps.FIELDS, PAYLOAD)))
@example(payload=ISSUE_PAYLOADS)
@example(payload={**ISSUE_PAYLOADS, "explanation": "以两个空格结尾  "})  # once a Markdown <br>
def test_no_text_becomes_markup_in_the_built_site(project, baseline, payload):
    payload = fit(payload)
    ps.write_data(project, payload)
    site = project.parent / "site"
    result = ps.build(project, site)
    assert result.returncode == 0, result.stderr
    check_site(site, payload, baseline)
