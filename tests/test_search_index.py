"""The search index the site writes (``build_scripts/website/search``): what its documents are,
that every character of the plans is in one, that every run of characters copied from a plan
is held by some document, and that the files hold exactly the postings of the documents,
split into small files."""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter

import pytest

from build_scripts.core.model import BlockKind
from build_scripts.language.analyzer import SPEC, PolicyWords, fold, shard_of
from build_scripts.website.search.documents import PASSAGE, Kind, SearchDoc, documents, plan_names
from build_scripts.website.search.index import (
    HEAD,
    META_BYTES,
    SHARD_BYTES,
    TEXT_BYTES,
    PlanEntry,
    index_files,
    postings,
    site_index,
)
from build_scripts.website.urls import page_url, term_page


@pytest.fixture(scope="module")
def site(real_site):
    return real_site


@pytest.fixture(scope="module")
def docs(site) -> list[SearchDoc]:
    return documents(site)


@pytest.fixture(scope="module")
def files(site) -> dict[str, bytes]:
    return site_index(site)


def held(docs: list[SearchDoc], run: str, kinds=None) -> bool:
    key = fold(run)
    return any(key in fold(d.title) or key in fold(d.text) for d in docs if kinds is None or d.kind in kinds)


# ---------------------------------------------------------------- documents


def test_every_task_is_one_document_at_its_anchor_with_its_verbatim_text(site, docs):
    tasks = [d for d in docs if d.kind == Kind.TASK]
    assert [d.ids for d in tasks] == [(t.id,) for t in site.corpus.tasks]
    for doc, task in zip(tasks, site.corpus.tasks, strict=True):
        assert doc.url == site.sitemap.url(task.id) and doc.url.endswith("#" + task.id)
        assert doc.title == task.title and doc.plan == task.plan_id
        assert doc.text == "\n".join(b.text for b in task.blocks)
        assert doc.crumbs[0] == site.plans[task.plan_id].meta.short_name
        assert task.title in doc.keys


def test_terms_are_found_by_every_form_and_plans_by_their_names(site, docs):
    by_url = {d.url: d for d in docs}
    for term in site.annotations.terms:
        doc = by_url[page_url(term_page(term.id))]
        assert doc.kind == Kind.TERM and set(term.forms) <= set(doc.keys)
        for variant in term.variants:
            assert variant in doc.text  # the card can show why a variant finds it
    p12 = next(d for d in docs if d.kind == Kind.PLAN and d.plan == "p12")
    assert {"北京“十二五”时期城市信息化建设规划", "“十二五”规划", "十二五规划", "十二五"} <= set(p12.keys)
    assert plan_names(site.plans["wp2009"])[1:] == ("2009年工作要点",)


def test_lines_have_no_keys_so_that_a_title_finds_its_task(docs):
    lines = [d for d in docs if d.kind == Kind.LINE]
    assert len(lines) > 100 and all(not d.keys and not d.ids for d in lines if d.url.startswith("lineage/"))


def test_documents_come_in_runs_of_plan_then_kind(docs):
    order = [(d.plan, d.kind) for d in docs[: next(i for i, d in enumerate(docs) if d.kind == Kind.TERM)]]
    assert order == sorted(order, key=lambda pk: ([p for p, _ in order].index(pk[0]), list(Kind).index(pk[1])))


def test_every_block_of_every_plan_is_in_a_document_readers_are_shown_first(site, docs):
    first = {Kind.TASK, Kind.SECTION, Kind.PLAN, Kind.TEXT}
    for plan in site.corpus.plans:
        for block in plan.all_blocks():
            kinds = first if block.kind == BlockKind.TOC_ENTRY else first - {Kind.TEXT}
            assert held(docs, block.text, kinds), f"{plan.id} line {block.span.line}: {block.text[:30]}"


def test_every_run_copied_from_a_plan_or_excerpt_is_held_by_a_document(site, docs):
    """The search guarantee, on the documents: any run of 2 to PASSAGE characters of a received
    text (whitespace dropped, as the search box does) is held by at least one document. The
    browser tests check that search returns it."""
    rng = random.Random(19)
    sources = [plan.source.text for plan in site.corpus.plans] + [e.source.text for e in site.corpus.excerpts]
    folded_docs = [fold(d.title) + "\0" + fold(d.text) for d in docs]
    missing = []
    for text in sources:
        for _ in range(1500):
            length = rng.randint(2, PASSAGE)
            start = rng.randrange(0, len(text) - length)
            run = fold(text[start : start + length])
            if len(run) >= 2 and not any(run in d for d in folded_docs):
                missing.append(run)
    assert missing == []


def test_no_two_documents_share_an_address(docs):
    """One result per place: the passages that start in one long paragraph of the 原文 are one
    document (a reader was shown the same card twice)."""
    seen = Counter(d.url for d in docs)
    assert [url for url, n in seen.items() if n > 1] == []
    assert sum(d.kind == Kind.TEXT for d in docs) > 100  # the 原文 is in passages at all


# ---------------------------------------------------------------- files


def decoded(files: dict[str, bytes]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    out = {}
    for path, content in files.items():
        if not path.startswith(("search/s/", "search/c/")):
            continue
        for ns, tokens in json.loads(content).items():
            for token, values in tokens.items():
                weighted = ns in ("b", "w", "c")
                step = 2 if weighted else 1
                doc, entries = 0, []
                for i in range(0, len(values), step):
                    doc += values[i]
                    entries.append((doc, values[i + 1] if weighted else 1))
                out[(ns, token)] = entries
    return out


def test_the_shards_hold_exactly_the_postings_each_where_its_hash_says(site, docs, files):
    head = json.loads(files[HEAD])
    words = PolicyWords.of((t.term, t.forms) for t in site.annotations.terms)
    expected = postings(docs, words)
    assert decoded(files) == expected
    for path, content in files.items():
        if path.startswith(("search/s/", "search/c/")):
            number = int(path.rsplit("/", 1)[1].removesuffix(".json"))
            count = head["shards"] if path.startswith("search/s/") else head["last_resort"]
            for ns, tokens in json.loads(content).items():
                assert (ns == "c") == path.startswith("search/c/")
                assert all(shard_of(ns, token, count) == number for token in tokens)
    assert ("b", "物联") in expected and ("w", "物联网") in expected and ("i", "p12-8-5") in expected
    assert ("t", "升级改造全覆盖的政务网络") in expected


def test_the_head_says_where_every_document_and_its_kind_are(docs, files):
    head = json.loads(files[HEAD])
    spec = dict(head["spec"])
    traditional = spec.pop("traditional")
    assert spec == SPEC and head["docs"] == len(docs)
    # the traditional characters the browser folds: pairs whose simplified one the index holds
    pairs = dict(zip(traditional[::2], traditional[1::2], strict=True))
    held = "".join(fold(d.title + d.text) for d in docs)
    assert pairs["電"] == "电" and pairs["務"] == "务" and set(pairs.values()) <= set(held)
    for folder, key in (("m", "meta"), ("x", "text")):
        chunks = [json.loads(files[f"search/{folder}/{n}.json"]) for n in range(len(head[key]))]
        assert sum(len(c) for c in chunks) == len(docs)
        assert head[key] == [len(c) for c in chunks]
    texts = [t for n in range(len(head["text"])) for t in json.loads(files[f"search/x/{n}.json"])]
    assert texts == [d.text for d in docs]
    kinds = [k for k, _ in head["kinds"]]
    runs = head["runs"] + [[len(docs), 0, 0]]
    for (start, kind, plan), (end, _, _) in itertools.pairwise(runs):
        for doc in docs[start:end]:
            assert doc.kind == kinds[kind]
            assert doc.plan == (head["plans"][plan][0] if plan >= 0 else "")


def test_no_file_is_much_larger_than_its_share(files):
    """What one query fetches stays small: files are cut at their size (one oversized
    token, card or text may stand alone)."""
    limits = {"s": 4 * SHARD_BYTES, "c": 4 * SHARD_BYTES, "m": 2 * META_BYTES, "x": 2 * TEXT_BYTES}
    for path, content in files.items():
        parts = path.split("/")
        if len(parts) == 3:
            data = json.loads(content)
            assert len(content) <= limits[parts[1]] or len(data) == 1, (path, len(content))


def test_the_index_is_the_same_bytes_on_every_build(site, files):
    assert site_index(site) == files


def test_a_made_up_index_answers_its_own_words():
    docs = [
        SearchDoc(
            Kind.TASK,
            "建设光网城市",
            "建设光网城市。推进三网融合。",
            "plans/a/2/#a-2-1",
            "a",
            ("甲",),
            ("建设光网城市",),
            ("a-2-1",),
        ),
        SearchDoc(
            Kind.TERM,
            "三网融合",
            "电信网、广电网、互联网融合。\n又称：三网合一",
            "terms/x/",
            keys=("三网融合", "三网合一"),
        ),
    ]
    files = index_files(docs, [PlanEntry("a", "甲", "2001–2005")], [])
    found = decoded(files)
    assert found[("b", "三网")] == [(0, 2), (1, 5)]  # 2 × count + in title: doc 0 once; doc 1 in title and text
    assert found[("t", "三网合一")] == [(1, 1)] and found[("i", "a-2-1")] == [(0, 1)]
    head = json.loads(files[HEAD])
    assert head["runs"] == [[0, 0, 0], [1, 3, -1]] and head["plans"] == [["a", "甲", "2001–2005"]]
