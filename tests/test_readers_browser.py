"""What a reader meets in Chromium (issue 14): no serious or critical axe-core violation on
any page type at desktop and phone widths (nor a Content-Security-Policy violation), every
link in the main content a Tab stop, with a visible focus, wide tables that become cards on a
phone, copied links without search parameters."""

from __future__ import annotations

import json
import re

import pytest
from browser_support import quiet, serious_violations, settle

from benchmarks.screenshots import PAGE_TYPES


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_accessibility_violation(built_site, serve_dir, new_page, name, width):
    """Nor, while axe-core reads the page, a Content-Security-Policy violation (the kept page
    watches from the first script), a request to another host or a script error."""
    page = new_page.look(serve_dir(built_site) + PAGE_TYPES[name], viewport={"width": width, "height": 900})
    found = serious_violations(page)
    assert not found, found
    quiet(page)  # every request the page made while axe-core read it is done (and seen)
    assert page.evaluate("window.__csp") == []
    assert not [m for m in new_page.console if "Content Security Policy" in m]
    assert not new_page.external_requests and not new_page.page_errors


@pytest.mark.parametrize("url", ["performance/", "changelog/", "lineage/p13-2-1-1/"])
def test_no_serious_accessibility_violation_on_a_touch_phone(built_site, serve_dir, new_page, url):
    """As a phone is (touch): Material makes a wide code block focusable only without touch, so
    performance/'s scrolled past the keyboard there (axe: scrollable-region-focusable)."""
    page = new_page(serve_dir(built_site) + url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    settle(page)
    found = serious_violations(page)
    assert not found, found


OUT_OF_TAB = """
(root) => { root.querySelectorAll('details').forEach(d => { d.open = true })
  return [...root.querySelectorAll('a[href]')].filter(a => a.tabIndex < 0).map(a => a.outerHTML.slice(0, 90)) }
"""


@pytest.mark.parametrize("url", ["plans/p13/5/", "plans/p11/3-3/", "plans/p12/8/", "plans/wp2009/1/", "terms/iot/"])
def test_every_link_in_the_main_content_is_a_tab_stop(built_site, serve_dir, new_page, url):
    """Term links in a task's text, its breadcrumb and ¶: what the mouse reaches, Tab reaches."""
    page = new_page.look(serve_dir(built_site) + url)
    assert page.eval_on_selector("article", OUT_OF_TAB) == []


def test_tab_walks_a_task_block_in_reading_order_with_a_visible_focus(built_site, serve_dir, new_page):
    page = new_page(serve_dir(built_site) + "plans/p13/5/")
    count = page.eval_on_selector(  # what shows of the block (the lineage details is closed)
        "article.task",
        """(block) => { const folded = e => {  // inside a closed details (its own summary aside)?
              for (let d = e.parentElement.closest('details'); d; d = d.parentElement.closest('details'))
                if (!d.open && !(e.tagName === 'SUMMARY' && e.parentElement === d)) return true
              return false }
            window.__stops = [...block.querySelectorAll('a[href], button, summary, [tabindex="0"]')]
              .filter(e => e.getClientRects().length && !folded(e)); return window.__stops.length }""",
    )
    assert count >= 5  # ¶, task id, 复制链接, the breadcrumb's links, term links …, 前序与后续
    page.focus("article.task .task-title a.headerlink")
    for n in range(count):
        reached = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                return [window.__stops.indexOf(e), s.outlineStyle, s.outlineWidth] }"""
        )
        assert reached[0] == n, (n, reached)
        assert reached[1] != "none" and reached[2] != "0px", reached
        page.keyboard.press("Tab")


def test_a_wide_table_on_a_phone_becomes_cards_with_its_column_names(built_site, serve_dir, new_page):
    page = new_page.look(serve_dir(built_site) + "topics/", viewport={"width": 390, "height": 800})
    table = page.locator("article table.cards").first
    assert table.is_visible()
    box = page.evaluate("""() => { const w = document.querySelector('article table.cards').closest('.md-typeset__scrollwrap');
        return [w.scrollWidth, w.clientWidth] }""")
    assert box[0] <= box[1] + 1  # nothing beyond the screen
    labels = table.locator("td[data-label]").evaluate_all("cells => cells.slice(0, 6).map(c => c.dataset.label)")
    assert labels[:4] == ["“十一五”规划", "2009年工作要点", "“十二五”规划", "“十三五”规划"]
    assert not page.locator(".scroll-hint.shown").count()  # nothing to scroll, nothing to say
    desktop = new_page.look(serve_dir(built_site) + "topics/", viewport={"width": 1280, "height": 800})
    assert desktop.locator("article table.cards").count() == 0  # a desktop keeps the table


def test_a_card_shows_no_column_name_without_a_value(built_site, serve_dir, new_page):
    """A total row may leave a column it does not sum empty: as a card on a phone it shows only
    what it has, not "相关：" with nothing after it. (The review page's table has no empty cell
    now, so one is emptied here, and the tables are re-checked as on a resize.)"""
    page = new_page.look(serve_dir(built_site) + "lineage/review/", viewport={"width": 390, "height": 800})
    assert page.locator("article table.cards").count()
    page.evaluate("""() => { const row = [...document.querySelectorAll('article table.cards tr')].pop();
        row.cells[4].textContent = ''; window.dispatchEvent(new Event('resize')); }""")
    page.wait_for_function("() => document.querySelector('article table.cards td.blank') !== null")
    empty = page.evaluate("""() => [...document.querySelectorAll('article table.cards td')]
        .filter(c => c.offsetParent !== null && !c.textContent.trim())
        .map(c => (c.dataset.label || '') + '@' + c.parentElement.cells[0].textContent.trim())""")
    assert empty == []


def test_a_table_of_names_and_counts_is_cards_on_any_phone(built_site, serve_dir, new_page):
    """The review's table by plan pair (a pair of plan names, five counts) fits a 430 px phone
    only with its names broken a character or two a line: inside .phone-cards it is cards on
    every phone, each card headed by its pair; a desktop keeps the table."""
    base = serve_dir(built_site)
    for width in (360, 430):
        page = new_page.look(base + "lineage/review/", viewport={"width": width, "height": 800})
        table = page.locator("article .phone-cards table")
        assert table.get_attribute("class") == "cards", width
        assert page.evaluate("() => document.documentElement.scrollWidth") == width
    desktop = new_page.look(base + "lineage/review/", viewport={"width": 1280, "height": 800})
    assert desktop.locator("article .phone-cards table.cards").count() == 0


def test_no_table_is_clipped_on_a_desktop(built_site, serve_dir, new_page):
    """At 1280 px every table fits its column (terms/ cut off 合计; lineage/ has 7 columns)."""
    base = serve_dir(built_site)
    for url in ("terms/", "", "lineage/", "lineage/review/", "plans/", "about/", "sources/"):
        page = new_page.look(base + url, viewport={"width": 1280, "height": 900})
        wide = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
            .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.querySelector('tr').innerText)""")
        assert wide == [], url


def test_a_printed_chapter_wastes_no_sheets_and_prints_no_legend(built_site, serve_dir, new_page):
    """Printed, a chapter of nine tasks took 23 A4 sheets: each task was kept whole, so one
    with its 前序与后续 (Chromium prints details open) left the sheet before a third used. A task
    now runs on; the legend (screen help, once per task) and link colours are not printed."""
    page = new_page(serve_dir(built_site) + "plans/p13/5/")
    tasks = page.locator("article.task").count()
    pdf = page.pdf(format="A4")
    sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 0 < sheets <= 2 * tasks, (sheets, tasks)
    page.emulate_media(media="print")
    legend = page.locator("dl.lineage-legend").first
    assert legend.evaluate("e => getComputedStyle(e).display") == "none"
    crumb = page.locator("article.task .breadcrumb a").first
    assert crumb.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"


def test_copied_link_has_no_search_parameter(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    page = new_page(base + "plans/p13/5/?h=物联网")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click('button.copy-link[data-anchor="p13-5-3-2"]')
    page.wait_for_function(
        "() => document.querySelector('button.copy-link[data-anchor=\"p13-5-3-2\"]').textContent === '已复制'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == base + "plans/p13/5/#p13-5-3-2"


def test_each_copy_button_names_its_task_and_says_when_it_has_copied(built_site, serve_dir, new_page):
    """Nine tasks on a page make nine 复制链接 and nine 引用: each button's name says which task
    it is for (the visible word first), and a screen reader hears that the text was copied."""
    page = new_page(serve_dir(built_site) + "plans/p13/5/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    names = page.eval_on_selector_all(
        "article .task-meta button",
        "bs => bs.map(b => [b.dataset.anchor, b.textContent, b.getAttribute('aria-label')])",
    )
    assert len(names) >= 2 * 9
    for anchor, text, name in names:
        assert name == f"{text}（任务 {anchor}）", (anchor, text, name)
    page.click('button.cite-task[data-anchor="p13-5-3-2"]')
    page.wait_for_function(
        "() => document.querySelector('[role=status]')?.textContent === '引文已复制，全文见按钮下方'"
    )
    page.click('button.copy-link:not(.cite-task)[data-anchor="p13-5-3-2"]')
    page.wait_for_function("() => document.querySelector('[role=status]').textContent === '链接已复制'")


def test_a_citation_is_shown_below_the_buttons_as_copied_and_fits_a_phone(built_site, serve_dir, new_page):
    """引用 shows what it copied (both forms, selectable) below the task's buttons, within a
    phone's width; 关闭 and Escape close it, and a second citation replaces the first."""
    page = new_page(serve_dir(built_site) + "plans/p13/5/", viewport={"width": 390, "height": 844})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click('button.cite-task[data-anchor="p13-5-3-2"]')
    shown = page.locator("article .cite-preview pre")
    shown.wait_for()
    assert shown.text_content() == page.evaluate("navigator.clipboard.readText()")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    block = page.locator("article.task", has=page.locator("#p13-5-3-2"))
    assert block.locator(".cite-preview").count() == 1  # in the task it cites
    page.focus(".cite-preview__close")
    page.keyboard.press("Escape")
    assert page.locator(".cite-preview").count() == 0
    assert page.evaluate("document.activeElement.dataset.anchor") == "p13-5-3-2"  # not lost to the page
    page.click('button.cite-task[data-anchor="p13-5-3-2"]')
    page.click('button.cite-task[data-anchor="p13-5-1-1"]')
    assert page.locator(".cite-preview").count() == 1 and "p13-5-1-1" in shown.text_content()
    page.click(".cite-preview__close")
    assert page.locator(".cite-preview").count() == 0
    assert page.evaluate("document.activeElement.dataset.anchor") == "p13-5-1-1"  # back where it was


def test_without_the_clipboard_api_a_citation_is_still_copied(built_site, serve_dir, new_page):
    """Over plain http (a mirror) a page has no navigator.clipboard: 引用 copies through a
    selected text area instead of only jumping to the task."""
    page = new_page()
    page.add_init_script(
        """Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
        document.execCommand = function (command) {
          window.__copied = [command, document.activeElement && document.activeElement.value]; return true }"""
    )
    page.goto(serve_dir(built_site) + "plans/p13/5/")
    page.click('button.cite-task[data-anchor="p13-5-3-2"]')
    page.wait_for_function(
        "() => document.querySelector('button.cite-task[data-anchor=\"p13-5-3-2\"]').textContent === '已复制'",
        timeout=3000,
    )
    command, copied = page.evaluate("window.__copied")
    assert command == "copy" and "：任务 p13-5-3-2 " in copied and "@misc{p13-5-3-2," in copied
    assert not page.url.endswith("#p13-5-3-2")  # copied, not only shown
    assert page.evaluate("document.activeElement.dataset.anchor") == "p13-5-3-2"  # the focus given back


def copied_citation(page, button: str) -> str:
    """Click the citation button ``button`` (a CSS selector) with the clipboard granted; the
    text it copied once it says 已复制."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click(button)
    page.wait_for_function(f"() => document.querySelector({json.dumps(button)}).textContent === '已复制'")
    return page.evaluate("navigator.clipboard.readText()")


def cited_address(page) -> str:
    """The address a citation gives: the canonical one where it is published; the tests' build
    has no SITE_URL, so its canonical is `mkdocs serve`'s 127.0.0.1:8000, and the page's own."""
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    assert canonical.startswith("http://127.0.0.1:8000/")  # the build's default (no SITE_URL)
    return re.split(r"[?#]", page.url)[0]


def test_a_citation_gives_the_published_address_where_there_is_one(built_site, serve_dir, new_page):
    """With a published canonical address (SITE_URL set, as the deploy workflow does) the
    citation gives it, not the address the page was read at."""
    page = new_page(serve_dir(built_site) + "plans/p13/5/")
    page.evaluate(
        """() => document.querySelector('link[rel="canonical"]').href = 'https://plans.example.org/plans/p13/5/'"""
    )
    reference = copied_citation(page, 'button.cite-task[data-anchor="p13-5-3-2"]').split("\n\n", 1)[0]
    assert reference.endswith(" https://plans.example.org/plans/p13/5/#p13-5-3-2.")


def test_a_task_citation_names_plan_task_version_and_its_permanent_address(built_site, serve_dir, new_page, real_site):
    """引用 copies a GB/T 7714 style reference and a BibTeX entry (issue 24): the plan's title,
    the task id and title, the dataset version, today's date and the canonical address."""
    import datetime

    site = real_site
    task, plan = site.tasks["p13-5-3-2"], site.plans["p13"]
    page = new_page(serve_dir(built_site) + "plans/p13/5/?h=物联网")
    text = copied_citation(page, 'button.cite-task[data-anchor="p13-5-3-2"]')
    canonical = cited_address(page)
    reference, bib = text.split("\n\n", 1)
    meta, dataset = plan.meta, site.dataset
    issuer = f"{meta.issuer}. " if meta.issuer else ""  # as recorded in plans.yaml, never guessed
    number = f"（{meta.doc_number}）" if meta.doc_number else ""
    # the plan as its issuer titled it (no period added), then the edition it was read in ("//")
    assert reference == (
        f"{issuer}{meta.title}{number}：任务 p13-5-3-2 {task.title}[EB/OL]//{dataset.author}. {dataset.title}. "
        f"版本 {dataset.version}. {dataset.releases[-1].date.year}[{datetime.date.today().isoformat()}]. "
        f"{canonical}#p13-5-3-2."
    )
    assert meta.doc_number == "京政发〔2016〕57号" and "?h=" not in text
    assert bib.startswith("@misc{p13-5-3-2,\n") and "\\url{" + canonical + "#p13-5-3-2}" in bib
    assert f"note = {{{meta.doc_number}；收入{dataset.author}整理的《{dataset.title}》，版本 {dataset.version}；" in bib


def test_a_plan_overview_offers_the_plans_citation(built_site, serve_dir, new_page, real_site):
    import datetime

    site = real_site
    meta, dataset = site.plans["p11"].meta, site.dataset
    page = new_page(serve_dir(built_site) + "plans/p11/")
    reference, bib = copied_citation(page, 'button.cite-task[data-key="p11"]').split("\n\n", 1)
    canonical = cited_address(page)
    issuer = f"{meta.issuer}. " if meta.issuer else ""
    assert reference == (
        f"{issuer}{meta.title}[EB/OL]//{dataset.author}. {dataset.title}. 版本 {dataset.version}. "
        f"{dataset.releases[-1].date.year}[{datetime.date.today().isoformat()}]. {canonical}."
    )
    assert bib.startswith("@misc{p11,\n") and "\\url{" + canonical + "}" in bib


def test_the_dataset_citation_names_its_author_title_version_and_address(built_site, serve_dir, new_page, real_site):
    """引用本数据集 on the changelog: GB/T 7714's [DS/OL] with the author CITATION.cff names,
    the title, the version and its date; BibTeX says the same."""
    import datetime

    dataset = real_site.dataset
    page = new_page(serve_dir(built_site) + "changelog/")
    reference, bib = copied_citation(page, 'button.cite-task[data-kind="dataset"]').split("\n\n", 1)
    released = dataset.releases[-1].date.year
    anchor = "v" + dataset.version.replace(".", "-")
    assert reference == (
        f"{dataset.author}. {dataset.title}[DS/OL]. 版本 {dataset.version}. {released}. "
        f"[{datetime.date.today().isoformat()}]. {cited_address(page)}#{anchor}."  # that version's entry
    )
    assert "  author = {{" + dataset.author + "}}" in bib and "  version = {" + dataset.version + "}" in bib
    assert bib.startswith(f"@misc{{{dataset.name}-{dataset.version},") and f"note = {{版本 {dataset.version}；" in bib


def test_private_use_character_is_a_marked_placeholder(built_site, serve_dir, new_page):
    page = new_page(serve_dir(built_site) + "plans/p13/full-text/")
    mark = page.locator("span.pua").first
    assert mark.text_content() == "\ue010"  # the text is unchanged
    assert "U+E010" in mark.get_attribute("title")
    assert page.evaluate("getComputedStyle(document.querySelector('span.pua'), '::before').content") == '"〓"'


def test_series_chart_on_a_phone_keeps_12px_text_and_scrolls_by_keyboard(built_site, serve_dir, new_page):
    page = new_page(
        serve_dir(built_site) + "indicators/series/broadband-bandwidth/", viewport={"width": 390, "height": 800}
    )
    settle(page)
    sizes = page.evaluate("""() => { const svg = document.querySelector('svg.indicator-chart');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale); }""")
    assert sizes and min(sizes) >= 12, sizes  # the font size as drawn: declared size × the SVG's scale
    figure = page.locator(".indicator-chart-box figure")
    assert figure.get_attribute("tabindex") == "0" and figure.get_attribute("aria-label") == "可横向滚动的图表"
