"""Query sets made from the data, for the search tests (``tests/test_search_browser.py``) and
the search benchmark (``benchmarks.search``): what readers type, and where it should lead.

* ``titles``: every task title as the site shows it, and as printed in the plan (numbering
  label and closing punctuation), → that task first;
* ``ids``: every task id, in lower and upper case, → that task first;
* ``substrings``: random runs of 2–9 (and a few of 10–40) characters of every received text,
  with a fixed seed, → some result holds the run;
* ``variants``: every variant of a glossary term → the term's page in the top 3; every name
  in a rename family → every member's page in the top 3;
* ``typos``: one character replaced, left out, added or two swapped in a glossary form (only
  where the result occurs in no document and is one edit from that form alone) → the form is
  suggested;
* ``plan_names``: each plan's names → its overview first.

``run_js`` answers a batch in the browser with the site's own engine (search-engine.js, the
code the dialog calls) and returns what each query found.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from build_scripts.language.analyzer import fold
from build_scripts.website.search.documents import SearchDoc, plan_names
from build_scripts.website.urls import overview_page, page_url, term_page

SEED = 19
# Policy terms staff type; every one a form of data/terms.yaml (tests/test_search_browser.py checks).
TERMS = [
    "物联网", "云计算", "大数据", "电子政务", "首都之窗", "智能交通", "网格化", "三网融合", "无线城市", "电子商务",
    "信息安全", "社会保障卡", "市民卡", "电子病历", "数字北京", "智慧北京", "京津冀", "北斗", "车联网",
    "下一代互联网", "800兆无线政务专网", "光网城市", "信息惠民", "数字奥运", "电子健康档案", "容灾备份",
    "文化创意产业", "移动互联网", "科技冬奥", "智慧城市", "4G", "NGB", "数字电视", "信息管道", "集成电路",
]  # fmt: skip


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expect: tuple[str, ...] = ()  # the addresses (from the site root) that must come first / in the top 3
    hold: bool = False  # a result must hold the text (substrings)
    form: str = ""  # the form a typing error should be corrected to


def titles(site) -> list[Query]:
    out = []
    for task in site.corpus.tasks:
        url = site.sitemap.url(task.id)
        out.append(Query("title", task.title, (url,)))
        first = task.blocks[0].text
        at = first.find(task.title)
        printed = first[: at + len(task.title) + 1] if at >= 0 else ""
        if printed and printed != task.title:
            out.append(Query("numbered title", printed, (url,)))
    return out


def ids(site) -> list[Query]:
    return [
        Query("id", case(t.id), (site.sitemap.url(t.id),)) for t in site.corpus.tasks for case in (str.lower, str.upper)
    ]


def substrings(site, per_text: int = 60, long: int = 15) -> list[Query]:
    rng = random.Random(SEED)
    texts = [p.source.text for p in site.corpus.plans] + [e.source.text for e in site.corpus.excerpts]
    out = []
    for text in texts:
        for n in range(per_text + long):
            length = rng.randint(2, 9) if n < per_text else rng.randint(10, 40)
            start = rng.randrange(0, len(text) - length)
            run = text[start : start + length]
            if len(fold(run)) >= 2:
                out.append(Query("substring", run, hold=True))
    return out


def families(terms) -> list[list]:
    main = {t.term: t for t in terms}
    later = {name for t in terms for name in t.renamed_as}
    out = []
    for term in terms:
        if term.term in later or not term.renamed_as:
            continue
        members, stack = [], [term]
        while stack:
            here = stack.pop(0)
            if here not in members:
                members.append(here)
                stack += [main[n] for n in here.renamed_as if n in main]
        out.append(members)
    return out


def variants(site) -> list[Query]:
    terms = site.annotations.terms
    out = [Query("variant", v, (page_url(term_page(t.id)),)) for t in terms for v in t.variants]
    for members in families(terms):
        pages = tuple(page_url(term_page(m.id)) for m in members)
        out += [Query("family", m.term, pages) for m in members]
    return out


def plan_name_queries(site) -> list[Query]:
    return [Query("plan", name, (page_url(overview_page(p.id)),)) for p in site.corpus.plans for name in plan_names(p)]


def one_edit(a: str, b: str) -> bool:
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    if abs(len(a) - len(b)) != 1:
        return False
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def typos(site, docs: list[SearchDoc]) -> list[Query]:
    rng = random.Random(SEED)
    forms = sorted({fold(f) for t in site.annotations.terms for f in t.forms})
    haystack = "\0".join(fold(d.title) + "\0" + fold(d.text) for d in docs)
    han = sorted({ch for ch in haystack if "\u4e00" <= ch <= "\u9fff"})
    out = []
    for form in forms:
        if len(form) < 3:
            continue
        for _ in range(20):
            i = rng.randrange(len(form))
            edit = rng.choice(("replace", "leave out", "add", "swap"))
            if edit == "replace":
                typo = form[:i] + rng.choice(han) + form[i + 1 :]
            elif edit == "leave out":
                typo = form[:i] + form[i + 1 :]
            elif edit == "add":
                typo = form[:i] + rng.choice(han) + form[i:]
            else:
                typo = form[:i] + form[i + 1 : i + 2] + form[i] + form[i + 2 :] if i + 1 < len(form) else form
            near = [f for f in forms if one_edit(typo, f)]
            if typo not in forms and typo not in haystack and near == [form]:
                out.append(Query("typo", typo, form=form))
                break
    return out


def all_queries(site, docs: list[SearchDoc]) -> list[Query]:
    return [
        *titles(site),
        *ids(site),
        *substrings(site),
        *variants(site),
        *typos(site, docs),
        *plan_name_queries(site),
    ]


RUN_JS = """
async ([base, queries, top]) => {
  const idx = new SiteSearchEngine.Index(base + "search/")
  await idx.open()
  const a = idx.analyzer
  const out = []
  for (const q of queries) {
    const started = performance.now()
    const r = await idx.search(q.text, {})
    const ms = performance.now() - started
    const hits = []
    for (const h of r.hits.slice(0, top)) hits.push([(await idx.card(h.doc)).url, h.kind])
    let holder = -1
    if (q.hold) {
      const key = a.fold(q.text)
      for (let i = 0; i < Math.min(r.hits.length, 300) && holder < 0; i++) {
        const doc = r.hits[i].doc
        if (a.fold((await idx.card(doc)).title).includes(key) || a.fold(await idx.text(doc)).includes(key)) holder = i
      }
    }
    out.push({state: r.state, suggestion: r.suggestion ? a.fold(r.suggestion.form) : "", total: r.hits.length, hits, holder, ms})
  }
  return out
}
"""


def run_js(page, base: str, queries: list[Query], top: int = 5) -> list[dict]:
    """Answer every query with the site's engine in *page* (served from *base*)."""
    payload = [{"text": q.text, "hold": q.hold} for q in queries]
    return page.evaluate(RUN_JS, [base, payload, top])


def passed(query: Query, found: dict) -> bool:
    """Did the query lead where it should?"""
    urls = [url for url, _ in found["hits"]]
    if query.kind in ("title", "numbered title", "id", "plan"):
        return urls[:1] == list(query.expect)
    if query.kind in ("variant", "family"):
        return all(url in urls[: max(3, len(query.expect))] for url in query.expect)
    if query.kind == "typo":
        return found["suggestion"] == query.form
    return found["holder"] >= 0


__all__ = ["TERMS", "Query", "all_queries", "passed", "run_js"]
