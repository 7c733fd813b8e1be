"""The 性能 page and the 404 page speak Chinese (issue 14, item 2): outside code, the
article shows no English prose — at most a few Latin-letter words (MkDocs, Chromium)."""

from __future__ import annotations

import re

from conftest import parse_html

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CODE = ("code", "pre", "script", "style", "svg")


def article_words(path) -> list[str]:
    root = parse_html(path.read_text(encoding="utf-8"))
    article = next(e for e in root.iter() if e.tag == "article")
    text = article.text(skip=lambda e: e.tag in CODE or "headerlink" in e.classes)
    return LATIN_WORD.findall(text)


def test_performance_page_is_in_chinese(built_site):
    words = article_words(built_site / "performance" / "index.html")
    # tools named as such: the builder, the browser, the JavaScript runtime and the libraries measured for search
    assert set(words) <= {"MkDocs", "Chromium", "k", "KB", "Node", "MiniSearch", "FlexSearch", "Lunr"}, sorted(
        set(words)
    )
    text = (built_site / "performance" / "index.html").read_text(encoding="utf-8")
    assert "读者实际传输量" in text and "首次访问章节页" in text


def test_404_is_in_chinese(built_site):
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in text
    assert "<title>页面不存在 — " in text and "<h1>页面不存在</h1>" in text
    assert article_words(built_site / "404.html") == []
