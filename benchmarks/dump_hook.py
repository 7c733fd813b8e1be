"""A MkDocs hook, used only by the benchmark: after the project's plugin
(``build_scripts/publish/plugin.py``) has run, write the navigation and every page's final
Markdown into ``$BENCH_DUMP`` so that a plain ``mkdocs build`` (without the plugin) of the very
same pages can be timed against ours."""

import json
import os
from pathlib import Path

DUMP = Path(os.environ.get("BENCH_DUMP", "bench-dump"))


def on_config(config):
    DUMP.mkdir(parents=True, exist_ok=True)
    (DUMP.parent / "nav.json").write_text(json.dumps(config.nav, ensure_ascii=False), encoding="utf-8")
    return config


def on_page_markdown(markdown, page, config, files):
    target = DUMP / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
