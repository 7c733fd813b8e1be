"""Comparisons made on demand (``docs/javascripts/compare.js``) against the build's own.

A policy-line page folds its comparisons with tasks no link joins to it directly; the
browser computes them from the two tasks' compare data when the reader opens one. These
tests hold the browser's view to what Python renders for the same pair
(``LineageRenderer.comparison``, the view of every direct pair) on every folded pair of the
real site, and the browser's word alignment to ``difflib``'s on open-ended input.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.website.lineage_views.lines import Pair, line_pairs
from build_scripts.website.pages.lineage import LineageRenderer
from build_scripts.website.urls import lineage_page, page_url

# Both views as the browser parses them, without the whitespace between block elements
# that the template writes and a script does not.
NORMALISE = """(html) => {
  const box = document.createElement("div");
  box.innerHTML = html;
  const walk = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 3 && !child.data.trim() && child.parentNode.tagName === "DIV") child.remove();
      else if (child.nodeType === 1) walk(child);
    }
  };
  box.normalize();
  walk(box);
  return box.innerHTML;
}"""


def folded_pairs(site) -> dict[str, list]:
    """Task id → its page's folded pairs (earlier tasks its line reaches only through others)."""
    out = {}
    for task in site.corpus.tasks:
        before, _ = line_pairs(site.views, task.id, site.line_years)
        folded = [p for p in before if not p.direct]
        if folded:
            out[task.id] = folded
    return out


# A policy-line page's folded comparisons, opened as its own page opens them: its
# ``details.compare-more`` (with the heading before each) are fetched, put in the page at hand
# (every policy-line page is at the same depth, so their relative data addresses hold) and
# opened; compare.js's toggle listener loads the two records and renders the view.
OPEN_FOLDED = """async (url) => {
  const html = await (await fetch(url)).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  const box = document.createElement("div");
  for (const details of doc.querySelectorAll("details.compare-more")) {
    box.append(document.importNode(details.previousElementSibling, true), document.importNode(details, true));
  }
  document.querySelector("article").append(box);
  const all = [...box.querySelectorAll("details.compare-more")];
  const prerendered = box.querySelectorAll("details.compare-more .compare").length;
  all.forEach(d => { d.open = true; });
  const done = () => box.querySelectorAll(".compare-lazy[data-state=done]").length === all.length;
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10000) throw new Error("not rendered: " + url);
    await new Promise(r => setTimeout(r, 10));
  }
  box.remove();
  return {prerendered, shown: all.map(d => [d.previousElementSibling.id, d.querySelector(".compare-lazy").innerHTML])};
}"""


def test_every_folded_comparison_is_the_one_python_renders(built_site: Path, real_site, serve_dir, new_page):
    """Every folded comparison of the real site: the browser's view is, element for element
    and character for character, the view the build renders for the same pair. The first
    page is opened by a reader's click; the others' comparisons are opened in that page."""
    base = serve_dir(built_site)
    renderer = LineageRenderer.of(real_site)
    pairs = folded_pairs(real_site)
    assert sum(map(len, pairs.values())) > 20  # the real lines reach many tasks through others
    first, *_ = pairs
    page = new_page.look(base + page_url(lineage_page(first)))
    page.locator("details.compare-more summary").first.click()  # a reader's click …
    page.wait_for_function("() => document.querySelector('.compare-lazy[data-state=done]')")
    checked = 0
    for task_id, folded in pairs.items():
        opened = page.evaluate(OPEN_FOLDED, base + page_url(lineage_page(task_id)))
        assert opened["prerendered"] == 0  # nothing prerendered
        shown = page.evaluate(f"views => views.map(([id, html]) => [id, ({NORMALISE})(html)])", opened["shown"])
        expected = page.evaluate(f"htmls => htmls.map({NORMALISE})", [renderer.comparison(p) for p in folded])
        assert [heading for heading, _ in shown] == [f"vs-{p.other.id}" for p in folded], task_id
        for (_, html), want, pair in zip(shown, expected, folded, strict=True):
            assert html == want, (task_id, pair.other.id)
            checked += 1
    assert checked == sum(map(len, pairs.values()))


def test_any_two_linked_tasks_compare_as_python_does(real_site, compare_page):
    """The browser's view of two tasks as Python renders it without links, on every directly
    linked pair of the real site: these carry the renamed terms (改称) and most figures."""
    renderer = LineageRenderer.of(real_site)
    tasks = {t.id: t for t in real_site.corpus.tasks}
    pairs = [
        Pair(tasks[l.predecessor], tasks[l.predecessor], tasks[l.successor], ()) for l in real_site.views.lineage.links
    ]
    renamed = figures = 0
    for pair in pairs:
        records = [renderer.record(pair.earlier), renderer.record(pair.later)]
        shown = compare_page.evaluate(
            "([a, b]) => { const box = document.createElement('div');"
            " box.replaceChildren(...CompareView.render(CompareView.compare(a, b))); return box.innerHTML; }",
            records,
        )
        expected = renderer.comparison(pair)
        renamed += "renamed-term" in expected
        figures += 'class="figure"' in expected
        assert compare_page.evaluate(NORMALISE, shown) == compare_page.evaluate(NORMALISE, expected), pair.later.id
    assert len(pairs) > 200 and renamed and figures > 20


def test_a_folded_comparison_without_its_data_says_so(built_site: Path, serve_dir, new_page, tmp_path):
    """If the data cannot be loaded, the reader is told, in Chinese, instead of a blank box."""
    base = serve_dir(built_site)
    page = new_page()
    page.route(re.compile(r".*/lineage/compare/.*\.json$"), lambda route: route.fulfill(status=404))
    with_folded = next(
        p.parent for p in sorted(built_site.glob("lineage/*/index.html")) if "compare-more" in p.read_text()
    )
    page.goto(base + with_folded.relative_to(built_site).as_posix() + "/")
    item = page.locator("details.compare-more").first
    item.locator("summary").click()
    # The toggle event comes after the click returns: wait for the attempt to end, not for a
    # slot that is not yet busy (a failed load clears the slot's state; a loaded one says done).
    page.wait_for_function(
        "() => { const s = document.querySelector('details.compare-more .compare-lazy')"
        "; return s.dataset.state === 'done' || /未能载入/.test(s.textContent) }",
        timeout=10_000,
    )
    assert "未能载入" in item.inner_text()


WORDS = st.lists(st.sampled_from(["建设", "电子政务", "，", "。", "a", "b", "\n", "推进", "网络", "𠀀"]), max_size=40)


@pytest.fixture
def compare_page(built_site: Path, serve_dir, new_page):
    """A page that has loaded compare.js (a policy-line page with a folded comparison)."""
    base = serve_dir(built_site)
    page = new_page()
    with_folded = next(
        p.parent for p in sorted(built_site.glob("lineage/*/index.html")) if "compare-more" in p.read_text()
    )
    page.goto(base + with_folded.relative_to(built_site).as_posix() + "/")
    page.wait_for_function("() => window.CompareView")
    return page


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=WORDS, b=WORDS)
def test_the_browsers_word_alignment_is_difflibs(compare_page, a, b):
    """``matchingBlocks`` keeps the same words as ``difflib.SequenceMatcher(autojunk=False)``."""
    expected = [list(m) for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()[:-1]]
    assert compare_page.evaluate("([a, b]) => CompareView.matchingBlocks(a, b)", [a, b]) == expected


def test_evidence_shows_its_band_on_inserted_and_deleted_words_too(built_site: Path, serve_dir, new_page):
    """An inserted or deleted word paints its own background over its parent's: the evidence
    band must be drawn on the word itself, or most evidence shows as a hairline."""
    page = new_page.look(serve_dir(built_site) + "lineage/p13-5-1-1/")
    shadows = page.eval_on_selector_all(
        "article mark.evidence ins, article mark.evidence del",
        "words => words.map(w => getComputedStyle(w).boxShadow)",
    )
    assert len(shadows) > 10
    band = page.eval_on_selector("article mark.evidence", "m => getComputedStyle(m).boxShadow")
    colour = band.split(")")[0] + ")"  # the band's colour (its height follows the font size)
    assert colour.startswith("rgb") and band.endswith("inset")
    assert all(s.startswith(colour) and s.endswith("inset") for s in shadows), set(shadows)
