"""Every page type on a phone (390 px), every disclosure opened: no text lies outside the screen,
no table cell is narrower than two characters (issue 20). A chart may scroll sideways only where
it says so (its figure is a named scrolling region with a hint above it)."""

from __future__ import annotations

import pytest
from test_readers_browser import PAGE_TYPES

PHONE = {"width": 390, "height": 844}
CHECK = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true })
  const width = document.documentElement.clientWidth
  const announced = e => { const f = e.closest('figure.scrolls'); return f !== null && f.getAttribute('aria-label') }
  const off = [], squeezed = []
  for (const e of document.querySelectorAll('article *')) {
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim())
    if (!text || announced(e)) continue
    const r = e.getBoundingClientRect()
    if (r.width && (r.right > width + 1 || r.left < -1)) off.push(e.tagName + ' ' + e.textContent.trim().slice(0, 24))
  }
  for (const c of document.querySelectorAll('article td, article th')) {
    const style = getComputedStyle(c), r = c.getBoundingClientRect()
    const inner = r.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    if (r.width && c.textContent.trim() && inner < 2 * parseFloat(style.fontSize) - 0.5) squeezed.push(c.textContent.trim().slice(0, 12))
  }
  return {off, squeezed}
}"""


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_nothing_lies_outside_a_phone_screen_and_no_cell_is_squeezed(built_site, serve_dir, new_page, name):
    page = new_page.look(serve_dir(built_site) + PAGE_TYPES[name], viewport=PHONE)
    found = page.evaluate(CHECK)
    assert found == {"off": [], "squeezed": []}, found


# A phone has no hover: a tap leaves :hover on the badge until the next tap elsewhere, so
# what hover shows must fit the screen and must not stand between the reader and the panel.
TAPPED = """e => {
  const after = getComputedStyle(e, '::after')
  return {wide: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          shown: after.content !== 'none' && after.display !== 'none', text: e.textContent}
}"""


@pytest.mark.parametrize("path", ["plans/p13/5/", "plans/p11/3-1/"])
def test_a_tapped_badge_explains_itself_within_the_screen_and_the_panel_still_opens(
    built_site, serve_dir, new_page, path
):
    page = new_page(serve_dir(built_site) + path, viewport=PHONE, has_touch=True, is_mobile=True)
    badges = page.locator("article .lineage-labels .tip")
    assert badges.count() > 5
    for i in range(badges.count()):
        badge = badges.nth(i)
        badge.scroll_into_view_if_needed()
        badge.tap()
        found = badge.evaluate(TAPPED)
        assert found["shown"] and found["wide"] <= 0, found  # explained, and no sideways scroll
        # the panel's summary just below the labels opens with one tap, the explanation showing
        block = badge.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' lineage ')]")
        details = block.locator("details.lineage-details")
        if details.count():
            details.locator("> summary").tap(timeout=2000)
            assert details.evaluate("d => d.open"), found["text"]
            details.locator("> summary").tap(timeout=2000)  # closed again: the next badge stays in place


def test_a_page_title_takes_no_line_beyond_its_text(built_site, serve_dir, new_page):
    """A title's ¶, hidden until hovered, took a line of its own under a title that filled its
    last line: a 44 px gap on a phone (indicators/p13/ among others)."""
    base = serve_dir(built_site)
    for url in ("indicators/p13/", "indicators/p11/", *PAGE_TYPES.values()):
        page = new_page.look(base + url, viewport=PHONE)
        lines = page.eval_on_selector(
            "article h1",
            """h => { const r = document.createRange(); r.selectNodeContents(h.firstChild)
              const line = parseFloat(getComputedStyle(h).lineHeight)
              return [Math.round(h.getBoundingClientRect().height / line), Math.round(r.getBoundingClientRect().height / line)] }""",
        )
        assert lines[0] == lines[1], (url, lines)


def test_no_heading_takes_a_line_beyond_its_text_on_a_phone(built_site, serve_dir, new_page):
    """The ¶ of h2–h5 took a line of its own where a heading filled its last line (24 headings
    across the chapter and full-text pages; p11-3-2-1-1 among them), on a touch phone."""
    base = serve_dir(built_site)
    page = new_page(base + "plans/p11/3-2/", viewport=PHONE, has_touch=True, is_mobile=True)
    for url in ("plans/p11/3-2/", "plans/p13/5/", "plans/wp2009/full-text/", "lineage/p12-4-2/"):
        page.goto(base + url)
        taller = page.evaluate(
            """() => [...document.querySelectorAll('article :is(h2, h3, h4, h5)')].filter(h => h.firstChild).map(h => {
                 const r = document.createRange(); r.selectNodeContents(h); const text = document.createRange()
                 text.setStart(h.firstChild, 0); text.setEndAfter([...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink'))).pop())
                 const extra = h.getBoundingClientRect().height - text.getBoundingClientRect().height
                 return [h.id, Math.round(extra / parseFloat(getComputedStyle(h).lineHeight) * 100) / 100]
               }).filter(([, lines]) => lines >= 0.5)"""  # in lines: a heading's padding is not a line
        )
        assert taller == [], (url, taller)


def test_a_task_opened_by_its_link_is_marked(built_site, serve_dir, new_page):
    """The last task of a page stops below the top on a phone: the one the link meant is
    shaded, the others are not."""
    page = new_page.look(serve_dir(built_site) + "plans/p11/3-4/#p11-3-4-2-2", viewport=PHONE)
    shades = page.evaluate(
        "() => [...document.querySelectorAll('article.task')].map(a => [a.querySelector('.task-title').id,"
        " getComputedStyle(a).backgroundColor])"
    )
    plain = {colour for _, colour in shades if colour == "rgba(0, 0, 0, 0)"}
    marked = [task for task, colour in shades if colour not in plain]
    assert marked == ["p11-3-4-2-2"] and plain


def test_a_panel_opened_is_open_again_after_back(built_site, serve_dir, new_page):
    """A reader opens a task's 前序与后续, follows a successor and comes back: the panel is open
    where they left it (Back restored the scroll position with the panel closed, so the reader
    came back among other tasks)."""
    page = new_page(serve_dir(built_site) + "plans/p12/4/#p12-4-2", viewport=PHONE, has_touch=True, is_mobile=True)
    panel = page.locator("article:has([id='p12-4-2']) details.lineage-details").first
    panel.locator("summary").first.tap()
    successor = panel.locator("a[href*='#p13']").first
    successor.scroll_into_view_if_needed()
    with page.expect_navigation():
        successor.click()
    page.go_back()
    page.wait_for_function("() => location.hash === '#p12-4-2' && document.readyState === 'complete'")
    assert panel.evaluate("d => d.open")
    assert page.locator("article details[open]").count() == 1  # that one only


@pytest.mark.parametrize("task", ["p12-8-1-1", "p13-2-1-1"])
def test_a_policy_line_diagram_opens_on_its_own_task(built_site, serve_dir, new_page, task):
    """A line diagram wider than the phone scrolls sideways; it opens with the page's task (the
    red box) in sight, wherever its column is, not on the first plans' columns."""
    page = new_page.look(serve_dir(built_site) + f"lineage/{task}/", viewport=PHONE)
    figure = page.locator(".line-diagram figure")
    assert "scrolls" in (figure.get_attribute("class") or "")  # it is wider than the phone
    box = figure.bounding_box()
    focus = page.locator(".line-diagram .node-focus rect").bounding_box()
    assert box and focus and box["x"] <= focus["x"] and focus["x"] + focus["width"] <= box["x"] + box["width"]
    assert figure.evaluate("f => f.scrollLeft") > 0  # it was scrolled to get there
