"""The search index as static files, split so that a query loads only what it needs.

Pipeline place: the site layer. ``website.build.build`` calls :func:`index_files` with the
documents of ``search.documents``; both adapters (the MkDocs plugin and ``write-docs``)
publish the files as they publish the open data, so every build searches alike. The
browser side is ``docs/javascripts/search-engine.js`` (query) and ``search-ui.js`` (dialog).

Files, under ``search/``:

* ``head.json`` — read when search opens: the analyzer's rules (``analyzer.SPEC``, with the traditional characters it folds), the
  number of shards, how many documents each chunk holds, each document's kind and plan as runs over
  the document order, the plans, the kinds, and the glossary (every term's forms, its
  page and its rename family), from which the browser cuts policy words, expands a
  variant or a former name to its family and suggests a term for a typing error;
* ``s/<n>.json`` — shard *n* of the postings: for each token whose hash
  (``analyzer.shard_of``) falls in it, the documents that hold it. Namespaces: ``b``
  bigrams and ``w`` policy words (document, then ``2 × count + in title``), ``t`` title
  keys and ``i`` ids (documents). Document numbers are written as differences from the
  previous one, which gzip packs well;
* ``c/<n>.json`` — the same for the last-resort documents (kind ``text``: passages of the 原文,
  tables of contents, excerpts), namespace ``c``: read only when nothing else holds a query;
* ``m/<n>.json`` — the cards of a run of documents: title, address, crumbs;
* ``x/<n>.json`` — their texts, for snippets and for telling a phrase from words that are
  merely all present.

The shard count grows with the postings (:data:`SHARD_BYTES` of postings per shard) and the
chunks are cut by size (:data:`META_BYTES`, :data:`TEXT_BYTES`), so what one query fetches
stays about the same however many plans the site holds (``benchmarks`` measures it).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...language.analyzer import SPEC, PolicyWords, bigrams, fold, shard_of, title_key, traditional_pairs
from ...language.terms import Term
from ..labels import SEARCH_KINDS
from ..load import Site
from ..views import plan_years
from .documents import Kind, SearchDoc, documents

DIR = "search"
HEAD = f"{DIR}/head.json"
SHARD_BYTES = 2_000  # postings (JSON) per shard
META_BYTES = 2_000  # cards (JSON) per chunk
TEXT_BYTES = 1_500  # texts (JSON) per chunk
FORMAT = 1  # the file format the browser expects (search-engine.js FORMAT)
NAMESPACES = ("b", "w", "t", "i")
LAST_RESORT = "c"  # the bigrams of the last-resort documents (kind text), in shards of their own


@dataclass(frozen=True)
class PlanEntry:
    """A plan as the index names it: id, short name (its label on cards and buttons), years."""

    id: str
    label: str
    years: str


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


# ---------------------------------------------------------------- postings


def doc_tokens(doc: SearchDoc, words: PolicyWords) -> dict[str, dict[str, int]]:
    """Namespace → token → weight (``2 × count + in title`` for bigrams and words, 1 for keys).
    A last-resort document has its text's bigrams only, under :data:`LAST_RESORT`."""
    title, text = fold(doc.title), fold(doc.text)
    if doc.kind == Kind.TEXT:
        return {LAST_RESORT: {token: 2 * count for token, count in Counter(bigrams(text)).items()}}
    out: dict[str, dict[str, int]] = {ns: {} for ns in NAMESPACES}
    for ns, cut in (("b", bigrams), ("w", lambda s: [form for _, form in words.words(s)])):
        counts = Counter(cut(title)) + Counter(cut(text))
        in_title = set(cut(title))
        out[ns] = {token: 2 * count + (token in in_title) for token, count in counts.items()}
    out["t"] = {key: 1 for key in dict.fromkeys(title_key(k) for k in doc.keys) if key}
    out["i"] = {fold(i): 1 for i in doc.ids}
    return out


def postings(docs: Sequence[SearchDoc], words: PolicyWords) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(namespace, token) → [(document, weight)] in document order."""
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for number, doc in enumerate(docs):
        for ns, tokens in doc_tokens(doc, words).items():
            for token, weight in tokens.items():
                found.setdefault((ns, token), []).append((number, weight))
    return found


def encode(ns: str, entries: list[tuple[int, int]]) -> list[int]:
    """Document differences, each followed by its weight where the namespace has weights."""
    out: list[int] = []
    previous = 0
    for number, weight in entries:
        out.append(number - previous)
        previous = number
        if ns in ("b", "w", LAST_RESORT):
            out.append(weight)
    return out


def shard_files(found: dict[tuple[str, str], list[tuple[int, int]]], folder: str) -> dict[str, bytes]:
    """The postings in ``search/<folder>/<n>.json``, as many shards as :data:`SHARD_BYTES` asks."""
    encoded = {key: encode(key[0], entries) for key, entries in found.items()}
    total = sum(len(_dump(values)) + len(key[1].encode("utf-8")) + 4 for key, values in encoded.items())
    count = max(1, math.ceil(total / SHARD_BYTES))
    shards: list[dict[str, dict[str, list[int]]]] = [{} for _ in range(count)]
    for (ns, token), values in encoded.items():
        shards[shard_of(ns, token, count)].setdefault(ns, {})[token] = values
    return {f"{DIR}/{folder}/{n}.json": _dump(shard) for n, shard in enumerate(shards)}


# ---------------------------------------------------------------- cards and texts


def chunks(items: Iterable[object], size: int) -> list[list[object]]:
    """Consecutive items in chunks of about ``size`` bytes of JSON (at least one item each)."""
    out: list[list[object]] = [[]]
    used = 0
    for item in items:
        length = len(_dump(item))
        if out[-1] and used + length > size:
            out.append([])
            used = 0
        out[-1].append(item)
        used += length
    return out if out[0] else []


def card(doc: SearchDoc, plan_labels: dict[str, str]) -> list[object]:
    """Title, address and crumbs; a crumb that names the document's plan is left to the head
    (the browser writes the plan's name and years from there)."""
    crumbs = list(doc.crumbs)
    if doc.plan and crumbs and crumbs[0] == plan_labels.get(doc.plan):
        crumbs.pop(0)
    return [doc.title, doc.url, crumbs]


def chunk_files(kind: str, parts: list[list[object]]) -> dict[str, bytes]:
    return {f"{DIR}/{kind}/{n}.json": _dump(part) for n, part in enumerate(parts)}


def sizes(parts: list[list[object]]) -> list[int]:
    """How many documents each chunk holds (the browser adds them up to find a document's
    chunk; small numbers, which keep the head small at any corpus size)."""
    return [len(part) for part in parts]


# ---------------------------------------------------------------- head


def runs(docs: Sequence[SearchDoc], plans: Sequence[PlanEntry]) -> list[list[int]]:
    """[first document, kind number, plan number (-1: none)] wherever either changes."""
    kinds = list(Kind)
    plan_numbers = {plan.id: n for n, plan in enumerate(plans)}
    out: list[list[int]] = []
    for number, doc in enumerate(docs):
        entry = [kinds.index(doc.kind), plan_numbers.get(doc.plan, -1)]
        if not out or out[-1][1:] != entry:
            out.append([number, *entry])
    return out


def families(terms: Sequence[Term]) -> list[int]:
    """Per term, the number of its rename family (the family's first term), or -1."""
    number = {term.term: n for n, term in enumerate(terms)}
    parent = list(range(len(terms)))

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    for n, term in enumerate(terms):
        for later in term.renamed_as:
            if later in number:
                parent[max(root(n), root(number[later]))] = min(root(n), root(number[later]))
    roots = [root(n) for n in range(len(terms))]
    sizes = Counter(roots)
    return [r if sizes[r] > 1 else -1 for r in roots]


def glossary(terms: Sequence[Term], docs: Sequence[SearchDoc]) -> list[list[object]]:
    """Per term: main form, all forms, its page's document number, its rename family, and the
    main forms of its earlier and later names (for the note on a family's results)."""
    page = {doc.title: number for number, doc in enumerate(docs) if doc.kind == Kind.TERM}
    family = families(terms)
    earlier: dict[str, list[str]] = {}
    for term in terms:
        for later in term.renamed_as:
            earlier.setdefault(later, []).append(term.term)
    return [
        [
            term.term,
            list(term.forms),
            page.get(term.term, -1),
            family[n],
            earlier.get(term.term, []),
            list(term.renamed_as),
        ]
        for n, term in enumerate(terms)
    ]


def head(
    docs: Sequence[SearchDoc],
    plans: Sequence[PlanEntry],
    terms: Sequence[Term],
    shards: int,
    last_resort: int,
    meta: list[list[object]],
    texts: list[list[object]],
    traditional: str,
) -> bytes:
    return _dump(
        {
            "format": FORMAT,
            "spec": {**SPEC, "traditional": traditional},
            "docs": len(docs),
            "shards": shards,
            "last_resort": last_resort,
            "meta": sizes(meta),
            "text": sizes(texts),
            "runs": runs(docs, plans),
            "kinds": [[kind.value, SEARCH_KINDS[kind.value]] for kind in Kind],
            "plans": [[plan.id, plan.label, plan.years] for plan in plans],
            "terms": glossary(terms, docs),
        }
    )


def index_files(docs: Sequence[SearchDoc], plans: Sequence[PlanEntry], terms: Sequence[Term]) -> dict[str, bytes]:
    """Every file of the search index: path under the site root → content."""
    words = PolicyWords.of((term.term, term.forms) for term in terms)
    labels = {plan.id: plan.label for plan in plans}
    found = postings(docs, words)
    shards = shard_files({k: v for k, v in found.items() if k[0] != LAST_RESORT}, "s")
    last = shard_files({k: v for k, v in found.items() if k[0] == LAST_RESORT}, LAST_RESORT)
    meta = chunks((card(doc, labels) for doc in docs), META_BYTES)
    texts = chunks((doc.text for doc in docs), TEXT_BYTES)
    # the traditional characters a query can use: those whose simplified one is in a token
    traditional = traditional_pairs(token for _, token in found)
    files = {HEAD: head(docs, plans, terms, len(shards), len(last), meta, texts, traditional)}
    files.update(shards)
    files.update(last)
    files.update(chunk_files("m", meta))
    files.update(chunk_files("x", texts))
    return files


def site_index(site: Site) -> dict[str, bytes]:
    """The search index of a site: its documents (``documents``), plans and glossary."""
    plans = [PlanEntry(p.id, p.meta.short_name, plan_years(p)) for p in site.corpus.plans]
    terms = site.annotations.terms if site.annotations is not None else ()
    return index_files(documents(site), plans, terms)


__all__ = ["DIR", "FORMAT", "HEAD", "LAST_RESORT", "PlanEntry", "doc_tokens", "index_files", "postings", "site_index"]
