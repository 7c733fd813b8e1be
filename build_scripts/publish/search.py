"""Search: Material's built-in search, set up for Chinese policy terms.

Pipeline place: runs inside ``mkdocs build`` from ``hooks.py`` — before the pages are
indexed (:func:`prepare_index_segmenter`) and after the site is written
(:func:`write_index_as_utf8`, :func:`annotate_index` with :func:`places`). The browser-side
worker, which orders results by the tiers written here, is ``search_fix``'s theme override.

Material's search plugin segments Chinese text with the *global* jieba instance when it
builds ``search/search_index.json``. Left alone, jieba would cache its dictionary to
``/tmp/jieba.cache`` and log progress to stderr, and would split policy terms
(智能交通 stays whole only by luck). Here the global instance is pointed at the
project's cache directory, silenced, and given every form of every term of
``data/terms.yaml`` as a user-dictionary word — the same words the lineage linker's
private tokenizer uses (``segment.Dictionary.forms``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jieba

from ..language.segment import CACHE_DIR, POLICY_FREQ, Dictionary, adopt_base, quiet_jieba
from ..site import urls

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def prepare_index_segmenter(dictionary: Dictionary, cache_dir: Path = CACHE_DIR) -> int:
    """Configure the global jieba for the search index; return the number of words added."""
    quiet_jieba()
    cache_dir.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(cache_dir)
    adopt_base(jieba.dt)  # the linker's copy of jieba's dictionary, if it loaded one
    words = index_words(dictionary)
    for word in words:
        jieba.add_word(word, freq=POLICY_FREQ)
    return len(words)


USER_DICTIONARY = "policy-words.txt"  # the written project's jieba user dictionary (write_docs)


def user_dictionary(dictionary: Dictionary) -> str:
    """The index words as a jieba user dictionary (``word frequency`` per line), so Material's
    search plugin (``jieba_dict_user``) cuts the index of a project without hooks as
    :func:`prepare_index_segmenter` does in the hooks build."""
    words = index_words(dictionary)
    spaced = [w for w in words if any(c.isspace() for c in w)]
    if spaced:  # jieba's user dictionary splits lines at whitespace
        raise ValueError(f"policy words with whitespace cannot go into a jieba user dictionary: {spaced}")
    return "".join(f"{word} {POLICY_FREQ}\n" for word in words)


def index_words(dictionary: Dictionary) -> list[str]:
    """The words to keep whole in the index. Material hands jieba only runs of Chinese
    characters, so a term that mixes scripts (800兆无线政务专网) also contributes its
    Chinese runs (兆无线政务专网) — otherwise it would be cut into 兆 / 无线 / 政务 / 专网."""
    words = set(dictionary.forms())
    for word in list(words):
        runs = HAN_RUN.findall(word)
        if runs != [word]:
            words.update(run for run in runs if len(run) >= 2)
    return sorted(words)


INDEX = Path("search") / "search_index.json"


def write_index_as_utf8(site_dir: Path) -> int:
    """Rewrite Material's index with UTF-8 characters instead of ``\\uXXXX`` escapes
    (the same JSON, about a third of the bytes for Chinese text); return its size."""
    path = site_dir / INDEX
    data = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


# ---------------------------------------------------------------- result order and plans

PLAN_TEXT, GLOSSARY, OTHER = 1, 2, 3
"""Result tiers (``rank`` in the index): plan text (the chapter pages, whose sections are
the tasks and the plan's own context paragraphs), then glossary pages, then the rest.
A page titled exactly as the query comes before all three (tier 0, decided in the worker,
``search_fix.ORDER``)."""


@dataclass(frozen=True)
class Place:
    """Where a page of the index belongs: its plan (id and short name) and its tier."""

    rank: int
    plan: str = ""
    label: str = ""


def places(site) -> dict[str, Place]:
    """Page URL (as in the index's ``location``) → :class:`Place`, from the site map:
    chapter pages and the front and back matter of an overview (anchors of their own) are
    plan text, term pages glossary; the rest of an overview and a plan's 指标 table name
    their plan but rank with the rest."""
    found: dict[str, Place] = {}
    for plan in site.corpus.plans:
        label = plan.meta.short_name
        found[urls.page_url(urls.overview_page(plan.id))] = Place(OTHER, plan.id, label)
        found[urls.page_url(urls.indicator_plan_page(plan.id))] = Place(OTHER, plan.id, label)
        found[urls.page_url(urls.full_text_page(plan.id))] = Place(OTHER, plan.id, label)
        for part in ("front", "back"):  # the plan's own front and back matter, verbatim
            found[urls.matter_target(plan.id, part).url] = Place(PLAN_TEXT, plan.id, label)
    for page in site.sitemap.pages:
        plan = next(p for p in site.corpus.plans if page.startswith(urls.plan_dir(p.id) + "/"))
        found[urls.page_url(page)] = Place(PLAN_TEXT, plan.id, plan.meta.short_name)
    if site.annotations is not None:
        for term in site.annotations.terms:
            found[urls.page_url(urls.term_page(term.id))] = Place(GLOSSARY)
    return found


def annotate_index(site_dir: Path, where: dict[str, Place]) -> dict[int, int]:
    """Give every document of the written index its tier (``rank``) and, on a plan's
    pages, the plan (``plan``: id, ``label``: short name). The worker
    (``search_fix``) orders results by tier, narrows them to one plan and names the plan in
    each result's title; none of these fields is indexed, so matching is unchanged.
    Returns the number of documents per tier."""
    path = site_dir / INDEX
    data = json.loads(path.read_text(encoding="utf-8"))
    tiers: dict[int, int] = {}
    for doc in data["docs"]:
        location = doc["location"]
        place = where.get(location) or where.get(location.split("#", 1)[0], Place(OTHER))
        doc["rank"] = place.rank
        if place.plan:
            doc["plan"], doc["label"] = place.plan, place.label
        tiers[place.rank] = tiers.get(place.rank, 0) + 1
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return tiers
