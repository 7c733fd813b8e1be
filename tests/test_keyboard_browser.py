"""A keyboard user, in Chromium (an audit at 1280 px and at 200 % zoom): focus is seen on the red
header and never left under it, the navigation drawer opens and closes from the keyboard and
takes no Tab stop while closed, 显示更多 hands the focus on, "/" does not fire on a control,
a badge's explanation is dismissed with Escape, and small links are big enough and underlined."""

from __future__ import annotations

import pytest
from browser_support import SEARCH_INPUT, search

ZOOMED = {"width": 640, "height": 400}  # 1280 × 800 at 200 %

FOCUSED = """() => { const e = document.activeElement, r = e.getBoundingClientRect()
  return {tag: e.tagName, text: (e.textContent || '').trim().slice(0, 20), top: r.top, bottom: r.bottom,
          left: r.left, right: r.right, outline: getComputedStyle(e).outlineColor} }"""
HEADER_BOTTOM = "() => document.querySelector('.md-header').getBoundingClientRect().bottom"


def test_the_header_search_button_shows_its_focus(built_site, serve_dir, new_page):
    page = new_page.look(serve_dir(built_site) + "plans/p13/2/")
    page.locator(".md-header .site-search-button").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus-visible comes from the keyboard
    assert page.evaluate(FOCUSED)["outline"] == "rgb(255, 255, 255)"  # not the accent red on red


@pytest.mark.parametrize("url", ["plans/p13/2/", "terms/"])
def test_shift_tab_never_leaves_the_focus_under_the_sticky_header(built_site, serve_dir, new_page, url):
    """30 of 135 stops on plans/p13/2/ ended under the 48 px header going backwards."""
    page = new_page(serve_dir(built_site) + url, viewport={"width": 1280, "height": 800})
    page.locator("article :is(a[href], button, summary)").last.focus()  # the end of the page
    hidden = []
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        at = page.evaluate(FOCUSED)
        if page.evaluate("() => !!document.activeElement.closest('.md-header, .md-sidebar, .md-footer')"):
            continue
        if at["bottom"] > 0 and at["top"] < page.evaluate(HEADER_BOTTOM) - 1:
            hidden.append(at["text"])
    assert hidden == []


def test_the_drawer_opens_from_the_keyboard_and_takes_no_tab_stop_while_closed(built_site, serve_dir, new_page):
    """At 200 % zoom the navigation is a drawer: its 27 links took Tab stops off the screen,
    and its menu button (a label) took none."""
    page = new_page(serve_dir(built_site) + "plans/p13/2/", viewport=ZOOMED)
    width = page.evaluate("innerWidth")
    offscreen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        at = page.evaluate(FOCUSED)
        if at["right"] <= 0 or at["left"] >= width:
            offscreen.append(at["text"])
    assert offscreen == []
    menu = page.locator('.md-header label[for="__drawer"]')
    assert menu.get_attribute("role") == "button" and menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "导航菜单"


def test_more_results_hand_the_focus_to_the_first_one_added(built_site, serve_dir, new_page):
    page = new_page(serve_dir(built_site) + "plans/p13/2/")
    found = search(page, "电子政务")
    more = page.locator(".site-search__more")
    assert len(found) == 50 and more.is_visible()
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('[data-search-result]') !== null")
    focused = page.evaluate(
        "() => [...document.querySelectorAll('[data-search-result] > a')].indexOf(document.activeElement)"
    )
    assert focused == 50


def test_slash_opens_search_from_the_page_but_no_letter_and_not_on_a_control(built_site, serve_dir, new_page):
    page = new_page(serve_dir(built_site) + "plans/p13/2/")
    dialog = page.locator("#site-search")
    for key in ("s", "f"):
        page.keyboard.press(key)
        assert not dialog.is_visible(), key
    page.locator("button.copy-link").first.focus()
    page.keyboard.press("/")
    assert not dialog.is_visible()  # a stray key on a control does nothing
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("/")
    page.locator(SEARCH_INPUT).wait_for(state="visible")
    assert page.locator(SEARCH_INPUT).input_value() == ""  # no stray "/" typed into the box


def test_a_badges_explanation_is_dismissed_with_escape(built_site, serve_dir, new_page):
    page = new_page(serve_dir(built_site) + "plans/p13/2/")
    badge = page.locator(".tip").first
    badge.scroll_into_view_if_needed()
    badge.hover()
    shown = "() => getComputedStyle(document.querySelector('.tip:hover'), '::after').display !== 'none'"
    assert page.evaluate(shown)
    page.keyboard.press("Escape")
    assert not page.evaluate(shown)
    page.mouse.move(0, 0)
    badge.hover()
    assert page.evaluate(shown)  # back once the pointer left and came again


def test_its_line_links_are_big_enough_and_underlined(built_site, serve_dir, new_page):
    page = new_page.look(serve_dir(built_site) + "lineage/p13-2-1-1/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('a.pl-more, .pl-after a')].map(a => [a.className,
             a.getBoundingClientRect().height, getComputedStyle(a).textDecorationLine])"""
    )
    assert sizes and all(line == "underline" for _, _, line in sizes)
    assert all(height >= 24 for name, height, _ in sizes if name == "pl-more")


def test_screen_readers_hear_short_news_and_the_skip_link_says_where_it_goes(built_site, serve_dir, new_page):
    """Expanding a folded comparison said all of it at once (its slot was a live region); it now
    says that it is there. The copy announcer is in the page before the first copy."""
    base = serve_dir(built_site)
    page = new_page(base + "plans/p13/2/")
    assert page.locator("a.md-skip").inner_text().strip() == "跳转至正文"
    assert page.locator("body > .site-sr-only[role=status]").count() == 1  # before any copy
    page.goto(base + "lineage/p13-2-1-1/")
    folded = page.locator("details.compare-more").first
    assert folded.locator(".compare-lazy").get_attribute("aria-live") is None
    folded.locator("summary").click()
    page.wait_for_function(
        "() => document.querySelector('details.compare-more[open] .compare-status').textContent !== ''"
    )
    assert folded.locator(".compare-status").inner_text() == "对照已载入。"
