"""The built site in Debian's chromium: readable at desktop and phone widths, no
third-party request, no script error, copy-link works. Screenshots go to /tmp/shots/
(or $SHOTS_DIR) for a human to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_support import settle

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGES = {"home": "", "p12-8": "plans/p12/8/", "p11-full-text": "plans/p11/full-text/", "sources": "sources/"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_renders_without_overflow_or_external_requests(built_site, serve_dir, new_page, name, viewport):
    base = serve_dir(built_site)
    page = new_page.look(base + PAGES[name], viewport=VIEWPORTS[viewport])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{viewport}.png"))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the viewport"
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert not new_page.external_requests
    assert not new_page.page_errors


def test_copy_link_copies_the_task_url(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    page = new_page(base + "plans/p12/8/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click('button.copy-link[data-anchor="p12-8-1-2"]')
    page.wait_for_function(
        "() => document.querySelector('button.copy-link[data-anchor=\"p12-8-1-2\"]').textContent === '已复制'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == base + "plans/p12/8/#p12-8-1-2"


def test_task_anchor_scrolls_its_block_into_view(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    page = new_page.look(base + "plans/p12/8/#p12-8-3-2")
    box = page.locator("#p12-8-3-2").bounding_box()
    assert box is not None and 0 <= box["y"] < 900


COVERED = """() => {
  const titles = [...document.querySelectorAll('.md-sidebar .md-nav__title')].filter(t => t.getBoundingClientRect().height > 0)
  const links = [...document.querySelectorAll('.md-sidebar .md-nav__link')].filter(a => a.getBoundingClientRect().height > 0)
  const out = []
  for (const a of links) for (const t of titles) {
    if (t.contains(a) || a.contains(t)) continue
    const r = a.getBoundingClientRect(), q = t.getBoundingClientRect()
    if (r.top < q.bottom - 1 && r.bottom > q.top + 1 && r.left < q.right && r.right > q.left) out.push(a.textContent.trim())
  }
  return out
}"""


@pytest.mark.parametrize("size", [(1280, 700), (1600, 800)])
def test_no_sidebar_title_covers_a_navigation_item(built_site, serve_dir, new_page, size):
    """On deep pages whose navigation is longer than the screen, however far the sidebar is
    scrolled, no sidebar title lies over a link (issue 20: the sticky title hid the first items)."""
    base = serve_dir(built_site)
    page = new_page(base, viewport={"width": size[0], "height": size[1]})
    for path in ("plans/p12/8/", "plans/p11/3-5/", "plans/p13/4/"):
        page.goto(base + path)
        settle(page)
        tall = page.evaluate(
            "(() => { const s = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap'); return s.scrollHeight > s.clientHeight })()"
        )
        assert tall or path != "plans/p11/3-5/", "the navigation should be longer than the screen here"
        for top in (0, 60, 150, 400, 10_000):
            page.evaluate(
                "t => { document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop = t }", top
            )
            page.wait_for_timeout(50)
            assert page.evaluate(COVERED) == [], (path, top)
