"""segment: jieba set up deliberately — own tokenizer, policy dictionary, quiet, deterministic."""

from __future__ import annotations

import jieba

from build_scripts.core.paths import DATA
from build_scripts.language.segment import Dictionary, PolicyTerm, Segmenter, load_dictionary, segmenter

TINY = Dictionary(
    terms=(
        PolicyTerm("iot", "物联网"),
        PolicyTerm("egov", "电子政务"),
        PolicyTerm("portal", "首都之窗", variants=("首都之窗网站群",)),
        PolicyTerm("quoted", "数字北京", variants=("“数字北京”大厦",)),
    )
)
TEXT = "加快首都之窗网站群和电子政务建设，推进物联网在城市管理中的应用，建成“数字北京”大厦。"


def test_dictionary_terms_stay_whole_and_variants_map_to_the_main_term(jieba_cache):
    words = Segmenter(TINY, jieba_cache).cut(TEXT)
    assert "物联网" in words and "电子政务" in words and "首都之窗" in words
    assert "首都之窗网站群" not in words  # the variant counts as its main term
    assert "数字北京" in words  # quotes inside a variant do not keep it from matching
    assert not any(ch in w for w in words for ch in "，。“”")


def test_own_tokenizer_leaves_jieba_global_alone(jieba_cache):
    seg = Segmenter(Dictionary(terms=(PolicyTerm("x", "甲乙丙丁戊"),)), jieba_cache)
    assert "甲乙丙丁戊" in seg.cut("甲乙丙丁戊己")
    assert "甲乙丙丁戊" not in jieba.dt.FREQ  # never added to the global tokenizer


def test_cache_lives_where_we_say(tmp_path):
    Segmenter(TINY, tmp_path / "cache")
    assert (tmp_path / "cache" / "jieba.cache").is_file()


def test_the_cache_is_read_whole_and_a_damaged_one_is_built_again(tmp_path):
    from build_scripts.language import segment

    made = Segmenter(TINY, tmp_path / "a").cut(TEXT)  # jieba builds the cache
    segment._bundled_dictionary.cache_clear()  # a new process: the cache is read here
    assert Segmenter(TINY, tmp_path / "a").cut(TEXT) == made
    damaged = tmp_path / "b" / segment.CACHE_FILE
    damaged.parent.mkdir()
    damaged.write_bytes((tmp_path / "a" / segment.CACHE_FILE).read_bytes()[:1000])  # cut short
    segment._bundled_dictionary.cache_clear()
    assert Segmenter(TINY, tmp_path / "b").cut(TEXT) == made
    assert damaged.read_bytes() == (tmp_path / "a" / segment.CACHE_FILE).read_bytes()  # written anew


def test_deterministic(jieba_cache):
    first = Segmenter(TINY, jieba_cache).cut(TEXT * 3)
    second = Segmenter(TINY, jieba_cache).cut(TEXT * 3)
    assert first == second


def test_no_stderr_output(tmp_path, capfd):
    seg = Segmenter(TINY, tmp_path / "fresh")  # builds the prefix dictionary and the cache
    seg.cut(TEXT)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_absent_dictionary_is_empty(tmp_path):
    assert load_dictionary(tmp_path / "missing.yaml").terms == ()


def test_project_dictionary_keeps_policy_terms_whole():
    if not {"电子政务", "物联网", "首都之窗"} <= segmenter(load_dictionary(DATA / "terms.yaml")).policy_terms:
        import pytest

        pytest.skip("data/terms.yaml does not (yet) hold these terms")
    words = segmenter(load_dictionary(DATA / "terms.yaml")).cut("推进电子政务和物联网建设，完善首都之窗。")
    assert {"电子政务", "物联网", "首都之窗"} <= set(words)


def test_tokens_keep_every_character_and_dictionary_terms_whole(jieba_cache):
    """The compare view's words: verbatim (no normalising, punctuation and whitespace
    kept), so they join back to the text; policy terms stay one word; cut once per text."""
    seg = Segmenter(TINY, jieba_cache)
    text = TEXT + "\n<b> & ＩＰv6\r\n"
    tokens = seg.tokens(text)
    assert "".join(tokens) == text
    assert "\n" in tokens and "\r\n" in tokens and "<" in tokens and "电子政务" in tokens
    assert seg.tokens(text) is tokens  # cached
    assert seg.tokens("") == ()
