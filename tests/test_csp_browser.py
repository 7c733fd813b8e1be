"""Every page under a Content-Security-Policy that allows nothing from other hosts, and the
page's scripts (search, copy link, navigation) still running under it in Chromium. Every page
type loads without a violation in ``test_readers_browser.py`` (with axe-core, at both widths)."""

from __future__ import annotations

import re

from browser_support import search


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


def test_scripts_still_work_under_the_policy(built_site, serve_dir, new_page):
    """Search (the worker), copy link and the navigation run; nothing is refused (the factory's
    pages record policy violations and console errors from the first script on)."""
    base = serve_dir(built_site)
    page = new_page()
    response = page.goto(base + "plans/p12/8/")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click('button.copy-link[data-anchor="p12-8-1-2"]')
    page.wait_for_function(
        "() => document.querySelector('button.copy-link[data-anchor=\"p12-8-1-2\"]').textContent === '已复制'"
    )
    assert search(page, "物联网")
    page.goto(base + "404.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert not [m for m in new_page.console if "Content Security Policy" in m]
    assert not new_page.external_requests
