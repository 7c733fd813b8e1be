"""Pages built from issue 11's payloads open in Chromium without a single dialog (no payload
runs as script): every page of the made-up project, and the search results for them. The
project's second plan has pairs no decision names, so it also has the page types the real
site has only when a plan arrives (the review queue's pages): they meet axe-core too."""

from __future__ import annotations

from pathlib import Path

import payload_site as ps
import pytest
from browser_support import search, serious_violations
from test_escaping_property import ISSUE_PAYLOADS, fit


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    project = ps.make_project(tmp_path_factory.mktemp("payload-browser") / "project")
    ps.write_data(project, fit(ISSUE_PAYLOADS))
    site = project.parent / "site"
    result = ps.build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_no_dialog_opens_on_pages_built_from_payloads(payload_site, serve_dir, browser):
    base = serve_dir(payload_site)
    urls = sorted(str(p.parent.relative_to(payload_site)) + "/" for p in payload_site.rglob("index.html"))
    assert len(urls) > 20 and "plans/a/2/" in urls and "terms/payload-term/" in urls
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    try:
        page = context.new_page()
        for url in urls:
            page.goto(base + ("" if url == "./" else url))
            page.wait_for_load_state("load")
        page.goto(base + "plans/a/2/")
        results = search(page, "词条")
        assert results and "</title><script>alert(1)</script>" in results[0].title
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert dialogs == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_review_queues_pages_have_no_serious_accessibility_violation(payload_site, serve_dir, new_page, width):
    base = serve_dir(payload_site)
    for url in ("lineage/review/b/", "lineage/review/b/a/"):  # the plan's pairs left; those against plan a
        page = new_page.look(base + url, viewport={"width": width, "height": 900})
        assert page.locator("h1").count() == 1, url
        assert not serious_violations(page), url
