"""Screenshots of every page type at a phone's and a desktop's width, to look at before a
release: ``python -m benchmarks.screenshots [SITE] [--out DIR]``.

The built site (default ``site/``) is served on 127.0.0.1 and each page of :data:`PAGE_TYPES`
is opened in headless Chromium (``benchmarks.transfer``'s browser) at 390 and 1280 px wide,
with every disclosure (``<details>``) opened, and saved whole as
``DIR/<page type>-<width>.png`` (default ``screenshots/``, not committed). The browser tests
use the same page types.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.transfer import CHROMIUM, CHROMIUM_ARGS, serve

PAGE_TYPES = {
    "home": "",
    "plans index": "plans/",
    "overview": "plans/p13/",
    "chapter": "plans/p13/5/",
    "part page": "plans/p11/3/",
    "full text": "plans/p13/full-text/",
    "sources": "sources/",
    "about": "about/",
    "terms index": "terms/",
    "term": "terms/big-data/",
    "indicators index": "indicators/",
    "plan indicators": "indicators/p13/",
    "indicator series": "indicators/series/broadband-bandwidth/",
    "lineage index": "lineage/",
    "task lineage": "lineage/p13-5-3-2/",
    "review": "lineage/review/",
    "topics index": "topics/",
    "topic": "topics/broadband/",
    "changelog": "changelog/",
    "404": "404.html",
    "performance": "performance/",
}
WIDTHS = (390, 1280)


def take(site: Path, out: Path, browser) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with serve(site) as (base, _):
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            try:
                page = context.new_page()
                for name, url in PAGE_TYPES.items():
                    page.goto(base + url)
                    page.wait_for_load_state("networkidle")
                    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
                    path = out / f"{name.replace(' ', '-')}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    saved.append(path)
            finally:
                context.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.screenshots", description=__doc__)
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), help="built site (default site/)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="where to write (default screenshots/)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            saved = take(args.site, args.out, browser)
        finally:
            browser.close()
    print(f"{len(saved)} screenshots in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
