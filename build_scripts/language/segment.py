"""Chinese word segmentation for the lineage linker: jieba, set up deliberately.

Pipeline place: the linker (``lineage.build``) calls :func:`segmenter` once per run and
cuts every task with it (:meth:`Segmenter.cut`); the compare view (``website/lineage_views``, through ``website/pages/lineage``) cuts
the verbatim texts it aligns with the same tokenizer (:meth:`Segmenter.tokens`). Search does
not use jieba: its analyzer (``analyzer``) must run in the browser too.

How jieba is set up, and why:

* **Own tokenizer.** A private :class:`jieba.Tokenizer` instance, never the module-level
  global one, so that words added here do not leak into (or get changed by) other code
  that imports jieba, and two dictionaries can coexist in one process (the tests use a
  tiny made-up one).
* **Policy dictionary.** Every ``term`` and ``variant`` of ``data/terms.yaml`` is added
  with a high frequency (:data:`POLICY_FREQ`), so policy names such as 电子政务, 物联网,
  首都之窗 stay whole instead of being cut into everyday words. Variants are mapped back
  to their main term (:meth:`Segmenter.canonical`), so 全光纤网络 and its main form count
  as the same term. The file may be absent (then no words are added) or change between
  runs (the tokenizer is rebuilt for each distinct dictionary).
* **Cache in the project.** jieba pickles its prefix dictionary to a cache file; by
  default it silently writes ``/tmp/jieba.cache``. Here the cache lives in
  ``.cache/jieba/`` under the repository (gitignored), or a directory the caller names.
  jieba writes it through a temporary file and an atomic rename, so parallel builds
  cannot read a half-written cache.
* **Quiet.** jieba logs "Building prefix dict …" to stderr at DEBUG level through its own
  logger; the level is raised to WARNING before the tokenizer is built.
* **Deterministic.** jieba's dynamic programme and HMM are deterministic for a given
  dictionary; words are added in sorted order so the dictionary, and therefore every
  cut, is the same in every run.
"""

from __future__ import annotations

import logging
import marshal
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba

from ..core.errors import display_path
from ..core.paths import ROOT
from .terms import Term, load_terms

CACHE_DIR = ROOT / ".cache" / "jieba"
CACHE_FILE = "jieba.cache"  # the cache of jieba's own dictionary (ours is added at run time)
POLICY_FREQ = 200_000  # high enough that a policy term wins over any split of it

# jieba only keeps a word whole if all its characters are of this class (re_han_default)
JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")
_QUOTES = str.maketrans("", "", "“”‘’\"'《》〈〉「」『』")


@dataclass(frozen=True)
class PolicyTerm:
    """One entry of the policy dictionary: its main form and its variants."""

    id: str
    term: str
    variants: tuple[str, ...] = ()
    category: str = ""
    renamed_as: tuple[str, ...] = ()  # main forms of the terms that later name it


@dataclass(frozen=True)
class Dictionary:
    """The policy dictionary as the segmenter uses it."""

    terms: tuple[PolicyTerm, ...] = ()
    source: str = ""  # where it was read from, for messages

    def forms(self) -> dict[str, str]:
        """Every word to add to jieba → the main term it stands for, or, for a term of a
        rename family, the family (its members' main forms, earliest first, joined by ／)."""
        family = self.families()
        out: dict[str, str] = {}
        for entry in self.terms:
            for form in (entry.term, *entry.variants):
                word = _word(form)
                if word and JIEBA_WORD.match(word):
                    out.setdefault(word, family.get(entry.term, _word(entry.term)))
        return out

    def families(self) -> dict[str, str]:
        """Main form of each term in a rename family → the family's label. A family is a
        term and every term reached through ``renamed_as`` (validated as a tree)."""
        later = {entry.term: entry.renamed_as for entry in self.terms}
        named = {name for names in later.values() for name in names}
        out: dict[str, str] = {}
        for entry in self.terms:
            if entry.term in named or not entry.renamed_as:
                continue  # families are walked from their earliest name
            members, stack = [], [entry.term]
            while stack:
                here = stack.pop(0)
                if here not in members:
                    members.append(here)
                    stack.extend(later.get(here, ()))
            label = FAMILY_JOIN.join(_word(m) for m in members)
            out.update((m, label) for m in members)
        return out


FAMILY_JOIN = "／"  # between the names of a rename family in its label


def _word(form: str) -> str:
    return normalise(form).translate(_QUOTES)


def normalise(text: str) -> str:
    """NFKC (full-width ASCII → ASCII, compatibility forms) and lower-case Latin letters."""
    return unicodedata.normalize("NFKC", text).lower()


def load_dictionary(path: Path) -> Dictionary:
    """The policy dictionary from ``terms.yaml``, validated by :func:`terms.load_terms`
    (a file with problems raises :class:`DataError`); an absent file is an empty dictionary."""
    return dictionary_of(load_terms(path) if path.exists() else (), display_path(path))


def dictionary_of(terms: Sequence[Term], source: str) -> Dictionary:
    """The policy dictionary of terms already loaded (a build parses terms.yaml once)."""
    entries = tuple(PolicyTerm(t.id, t.term, t.variants, t.category.value, t.renamed_as) for t in terms)
    return Dictionary(terms=entries, source=source)


@dataclass
class Segmenter:
    """A jieba tokenizer with the policy dictionary added; cut text into words."""

    dictionary: Dictionary
    cache_dir: Path = CACHE_DIR
    hmm: bool = True
    _tokenizer: jieba.Tokenizer = field(init=False, repr=False)
    _canonical: dict[str, str] = field(init=False, repr=False)
    _tokens: dict[str, tuple[str, ...]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        quiet_jieba()
        self.cache_dir = Path(self.cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tokenizer = jieba.Tokenizer()  # jieba's bundled dictionary, our own instance
        freq, total = _bundled_dictionary(self.cache_dir)
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(freq), total, True
        self._canonical = self.dictionary.forms()
        for word in sorted(self._canonical):
            tokenizer.add_word(word, freq=POLICY_FREQ)
        self._tokenizer = tokenizer

    @property
    def policy_terms(self) -> frozenset[str]:
        """The main forms of the dictionary's terms (as segmented words)."""
        return frozenset(self._canonical.values())

    def canonical(self, word: str) -> str:
        """A variant's main term; any other word unchanged."""
        return self._canonical.get(word, word)

    def cut(self, text: str, subwords: bool = False) -> list[str]:
        """The words of ``text`` (normalised, variants mapped to their main term),
        without whitespace and punctuation.

        With ``subwords``, a word of three or more characters is followed by the
        dictionary words of two and three characters inside it (as jieba's search mode
        does), so 信息安全保障 also matches 信息安全 and 保障 elsewhere."""
        words = []
        freq = self._tokenizer.FREQ
        for word in self._tokenizer.cut(normalise(text).translate(_QUOTES), HMM=self.hmm):
            word = word.strip()
            if not word or not any(ch.isalnum() for ch in word):
                continue
            words.append(self.canonical(word))
            if subwords and len(word) > 2:
                for size in (2, 3):
                    for i in range(len(word) - size + 1):
                        part = word[i : i + size]
                        if part != word and freq.get(part):
                            words.append(self.canonical(part))
        return words

    def tokens(self, text: str) -> tuple[str, ...]:
        """The verbatim text cut into words, punctuation and whitespace kept, so that
        ``"".join(tokens(text)) == text`` always holds (the compare view marks whole words
        and must give the text back exactly). Unlike :meth:`cut` nothing is normalised or
        dropped. Cached per text: each task is cut once per build, however often compared."""
        found = self._tokens.get(text)
        if found is None:
            pieces: list[str] = []
            position = 0
            for piece in self._tokenizer.cut(text, HMM=self.hmm):
                if not piece or not text.startswith(piece, position):
                    break  # jieba yields the text in order; should it ever not, characters
                pieces.append(piece)
                position += len(piece)
            pieces.extend(text[position:])
            found = self._tokens[text] = tuple(pieces)
        return found


def quiet_jieba() -> None:
    """Silence jieba's progress messages (they go to stderr at DEBUG level)."""
    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)


@lru_cache(maxsize=3)
def _bundled_dictionary(cache_dir: Path) -> tuple[dict[str, int], int]:
    """jieba's own prefix dictionary (word → frequency, and their total), read once per
    process; a copy for each new segmenter takes 15 ms. jieba writes its cache the first
    time (``initialize``); after that the cache is read here, whole: jieba's own
    ``marshal.load`` from the open file reads it piece by piece, 1.1–1.3 s for its 9 MB
    against 0.3–0.4 s for ``marshal.loads`` of the bytes (the same file and format)."""
    try:
        freq, total = marshal.loads((cache_dir / CACHE_FILE).read_bytes())
        if isinstance(freq, dict) and isinstance(total, int):
            return freq, total
    except (OSError, EOFError, ValueError, TypeError):
        pass  # absent or unreadable: jieba builds it (again) and writes it
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.cache_file = CACHE_FILE
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


@lru_cache(maxsize=4)
def _cached(dictionary: Dictionary, cache_dir: Path, hmm: bool) -> Segmenter:
    return Segmenter(dictionary, cache_dir, hmm)


def segmenter(dictionary: Dictionary, *, cache_dir: Path = CACHE_DIR, hmm: bool = True) -> Segmenter:
    """A segmenter for ``dictionary``, built once per process for each distinct dictionary
    (a changed terms.yaml gives a new one)."""
    return _cached(dictionary, Path(cache_dir), hmm)


__all__ = [
    "CACHE_DIR",
    "Dictionary",
    "PolicyTerm",
    "Segmenter",
    "dictionary_of",
    "load_dictionary",
    "normalise",
    "quiet_jieba",
    "segmenter",
]
