"""Search: Material's built-in search, set up for Chinese policy terms.

Pipeline place: runs inside ``mkdocs build`` from ``hooks.py`` — before the pages are
indexed (:func:`prepare_index_segmenter`) and after the site is written
(:func:`write_index_as_utf8`, and ``search_fix`` for the browser-side worker).

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
from pathlib import Path

import jieba

from .segment import CACHE_DIR, POLICY_FREQ, Dictionary, adopt_base, quiet_jieba

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
