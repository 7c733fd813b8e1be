"""The search index as the worker gets it (build_scripts/publish/search.py): every document has
its tier and, on a plan's pages, its plan; pages that only repeat others are left out, and
glossary pages contribute sentences, not table cells."""

from __future__ import annotations

import json

import pytest

from build_scripts.publish import search
from build_scripts.site import urls


@pytest.fixture(scope="module")
def docs(built_site):
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def by_location(docs):
    return {d["location"]: d for d in docs}


def test_every_document_has_a_tier(docs):
    assert {d["rank"] for d in docs} == {search.PLAN_TEXT, search.GLOSSARY, search.OTHER}


def test_chapter_pages_are_plan_text_of_their_plan(docs, corpus, sitemap):
    found = by_location(docs)
    for plan in corpus.plans:
        for task in plan.tasks[:3]:
            doc = found[sitemap.url(task.id)]
            assert (doc["rank"], doc["plan"], doc["label"]) == (search.PLAN_TEXT, plan.id, plan.meta.short_name)
        overview = found[urls.page_url(urls.overview_page(plan.id))]
        assert (overview["rank"], overview["plan"]) == (search.OTHER, plan.id)
        front = found.get(urls.matter_target(plan.id, "front").url)
        assert front is None or front["rank"] == search.PLAN_TEXT


def test_term_pages_are_glossary_and_read_as_sentences(docs):
    terms = [d for d in docs if d["rank"] == search.GLOSSARY]
    assert len(terms) > 100
    for doc in terms:
        assert "plan" not in doc
        text = doc["text"].replace("\u200b", "")
        assert "项目 内容" not in text and "类别" not in text, text[:80]


def test_pages_that_only_repeat_are_not_indexed(docs):
    locations = {d["location"] for d in docs}
    assert "" not in locations and not any(loc.startswith("#") for loc in locations)  # home
    assert not any(loc.startswith("about/") for loc in locations)
    assert not any("#terms" in loc for loc in locations)  # term chips of the overviews
    assert not any(loc.startswith("terms/#") for loc in locations)  # the term index's count tables
