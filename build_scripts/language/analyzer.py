"""The search analyzer: one segmenter for the search index and for the reader's query.

Pipeline place: the language layer. ``website/search`` cuts every search document with it when
it writes the index; the browser cuts the reader's query with its twin,
``docs/javascripts/search-engine.js``, which reads the same rules from the index's head
(:data:`SPEC`, the policy words of :class:`PolicyWords`). ``tests/test_search_analyzer.py``
runs both on the plan texts and requires identical output, token for token.

The rules, and why:

* **Folding** (:func:`fold`), character by character: NFKC (full-width letters, digits and
  punctuation become their ASCII forms) and lower case, kept only where it stays one
  character, so folded text maps one to one onto the text as printed (a snippet can mark
  what the reader typed in the verbatim text); then a traditional character becomes its
  simplified form (``traditional``: 電子政務 finds 电子政务). The browser's twin gets the
  pairs whose simplified character the index holds (:func:`traditional_pairs`), the only
  ones that can make a query find more. Whitespace and invisible characters
  (:data:`DROPPED`) are dropped: the plans break lines and paragraphs where a reader's
  pasted phrase does not. Every dash (:data:`DASHES`: ‐ ‒ – — ― − ﹘ ﹣ －) folds to the
  hyphen-minus: the plans print 2006-2010, 2006—2010 and 2006－2010, the site 2006–2010,
  and a reader types whichever the keyboard offers.
* **Bigrams** (:func:`bigrams`): every pair of adjacent folded characters, whatever their
  script, punctuation included. A query is answered by the documents that hold all its
  bigrams; so *any* run of two or more characters copied from a plan finds the place it
  was copied from, however a word segmenter would have cut it (the guarantee the
  browser tests check on random runs of the texts).
* **Policy words** (:meth:`PolicyWords.words`): the forms of ``data/terms.yaml``, found
  leftmost-longest in folded text (as the site's term marks are, ``terms.TermMatcher``).
  The index records which documents hold a policy word as a word, so a query that is, or
  contains, a policy word ranks those documents first; a variant or a former name of a
  rename family is answered with the whole family (the browser expands the query).
* **Title keys** (:func:`title_key`): a title without its numbering label ((三), 1., 一、,
  第一部分) and its closing punctuation, folded. A pasted title, numbered or not, meets its
  task through this key; plan names and term forms are keys of their pages too.
* **Hashing** (:func:`shard_of`): FNV-1a over the UTF-16 code units of ``namespace + token``,
  modulo the number of shards; JavaScript computes it on the same units.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from .traditional import to_simplified

# Characters a query and a document both lose: whitespace of every kind, and the invisible
# ones a copy from a web page or a word processor carries (zero-width space, joiners, BOM,
# soft hyphen). Spelled out, not ``\s``: Python's and JavaScript's ``\s`` differ (U+001C–U+001F,
# U+0085, U+FEFF), and this class must mean the same in both.
DROPPED = (
    "[\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u00ad\\u1680\\u180e\\u2000-\\u200f"
    "\\u2028\\u2029\\u202f\\u205f\\u2060-\\u2064\\u3000\\ufeff]"
)
# Dashes, after NFKC (which makes －﹣ a hyphen-minus already but keeps ‐–—― apart): one "-".
DASHES = "[\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d]"
# A title's numbering label as the plans print it, at its start: 第一部分, 一、, （三）/(三),
# 1、/1./1．, and the 〇 of older dates. Folded text: NFKC turned （） into () and ． into .; digits
# are [0-9], not ``\d`` (which in Python also matches other scripts' digits).
NUMBERING = "^(?:第[一二三四五六七八九十百零〇]+[部分章节条]+|[一二三四五六七八九十百零〇]+[、.]|\\([一二三四五六七八九十百零〇0-9]+\\)[、.]?|[0-9]+[、.)](?![0-9]))"
# Closing punctuation a pasted title may carry (folded: ，；： are ASCII after NFKC).
CLOSING = "[。.,;:!?、]+$"

SPEC = {"dropped": DROPPED, "dashes": DASHES, "numbering": NUMBERING, "closing": CLOSING}
"""The rules the browser's twin reads from the index head (``search/head.json``)."""

_DROPPED = re.compile(DROPPED)
_DASHES = re.compile(DASHES)
_NUMBERING = re.compile(NUMBERING)
_CLOSING = re.compile(CLOSING)


@cache
def fold_char(ch: str) -> str:
    """One character folded: ``""`` if dropped, else its NFKC lower-case form when that is
    one character, else the character itself."""
    if _DROPPED.fullmatch(ch):
        return ""
    folded = unicodedata.normalize("NFKC", ch).lower()
    folded = folded if len(folded) == 1 and not _DROPPED.fullmatch(folded) else ch
    if _DASHES.fullmatch(folded):
        return "-"
    return to_simplified().get(folded, folded)


def traditional_pairs(folded_texts: Iterable[str]) -> str:
    """The traditional → simplified pairs the browser folds a query with, as one string of
    character pairs (繁简…): those whose simplified character occurs in the folded texts."""
    held = set().union(*map(set, folded_texts))
    return "".join(t + s for t, s in sorted(to_simplified().items()) if s in held)


def fold(text: str) -> str:
    """The text as the index sees it (see the module docstring)."""
    return "".join(fold_char(ch) for ch in text)


def bigrams(folded: str) -> list[str]:
    """Every pair of adjacent characters of folded text, in order (repeats kept)."""
    return [folded[i : i + 2] for i in range(len(folded) - 1)]


def title_key(title: str) -> str:
    """The key a title is looked up by: folded, without its numbering label and closing
    punctuation (a title that is nothing else keeps them)."""
    folded = fold(title)
    stripped = _CLOSING.sub("", _NUMBERING.sub("", folded, count=1))
    return stripped or folded


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of ``text`` (JavaScript strings' units)."""
    value = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(namespace: str, token: str, shards: int) -> int:
    """The shard file that holds a token of a namespace (``b`` bigrams, ``w`` policy words,
    ``t`` title keys, ``i`` ids)."""
    return fnv1a(namespace + token) % shards


@dataclass(frozen=True)
class PolicyWords:
    """The policy words as the analyzer uses them: every folded form → the index of its term
    in ``terms`` (main forms, in ``data/terms.yaml`` order)."""

    forms: dict[str, int] = field(default_factory=dict)
    terms: tuple[str, ...] = ()

    @classmethod
    def of(cls, terms: Iterable[tuple[str, Sequence[str]]]) -> PolicyWords:
        """From (main form, all forms) per term; a form that folds to nothing is skipped."""
        forms: dict[str, int] = {}
        mains: list[str] = []
        for index, (main, all_forms) in enumerate(terms):
            mains.append(main)
            for form in all_forms:
                key = fold(form)
                if key:
                    forms.setdefault(key, index)
        return cls(forms, tuple(mains))

    @property
    def lengths(self) -> list[int]:
        return sorted({len(form) for form in self.forms}, reverse=True)

    def words(self, folded: str) -> list[tuple[int, str]]:
        """(position, form) of every policy word in folded text, leftmost-longest."""
        lengths, found, position = self.lengths, [], 0
        while position < len(folded):
            for length in lengths:
                form = folded[position : position + length]
                if len(form) == length and form in self.forms:
                    found.append((position, form))
                    position += length
                    break
            else:
                position += 1
        return found


__all__ = [
    "CLOSING",
    "DROPPED",
    "NUMBERING",
    "SPEC",
    "PolicyWords",
    "bigrams",
    "fnv1a",
    "fold",
    "fold_char",
    "shard_of",
    "title_key",
]
