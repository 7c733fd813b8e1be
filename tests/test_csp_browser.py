"""Every page under a Content-Security-Policy that allows nothing from other hosts, and the
page's scripts (search, copy link, navigation) still running under it in Chromium. Every page
type loads without a violation in ``test_readers_browser.py`` (with axe-core, at both widths)."""

from __future__ import annotations

import re

import pytest
from browser_support import WATCH_CSP, search


@pytest.fixture
def watched(new_page):
    """``open(url)``: a page with CSP violations and console errors recorded from the start."""
    console: list[str] = []

    def open_page(url: str):
        page = new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(WATCH_CSP)
        page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
        response = page.goto(url)
        assert response is not None and response.ok, url
        page.wait_for_load_state("networkidle")
        return page

    open_page.console = console
    return open_page


def test_every_page_has_a_policy_allowing_nothing_from_other_hosts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 400
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert len(policies) == 1, path
        assert html.index("Content-Security-Policy") < html.index("<script"), path
        scripts = re.findall(r"script-src ([^;]*);", policies[0])[0].split()
        assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:]), path
        assert len(scripts) == 3, path  # Material's two inline scripts, by hash
        assert policies[0].startswith("default-src 'none';")
        assert not re.search(r"https?:|\*|'unsafe-eval'", policies[0]), policies[0]


def test_scripts_still_work_under_the_policy(built_site, serve_dir, watched, new_page):
    """Search (the worker), copy link and the navigation run; nothing is refused."""
    base = serve_dir(built_site)
    page = watched(base + "plans/p12/8/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click('button.copy-link[data-anchor="p12-8-1-2"]')
    page.wait_for_function(
        "document.querySelector('button.copy-link[data-anchor=\"p12-8-1-2\"]').textContent === '已复制'"
    )
    assert search(page, "物联网")
    page.goto(base + "404.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert not [m for m in watched.console if "Content Security Policy" in m]
    assert not new_page.external_requests
