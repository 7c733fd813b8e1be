"""What the linker reads, read once: settings, the segmenter, the concept vocabulary and
where the editors' decisions are.

Pipeline place: the lineage layer's entry. A build (``website.load``) hands in what it has
already parsed (the terms, the concepts), so that no data file is parsed twice; the
command line and the benchmarks start from a data folder. The data folder is always a
parameter: there is no default folder below the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import display_path
from ..language.concepts import Vocabulary, load_concepts
from ..language.segment import Segmenter, dictionary_of, segmenter
from ..language.terms import Term, load_terms
from .settings import Settings, load_settings


@dataclass(frozen=True)
class LinkerInputs:
    settings: Settings
    seg: Segmenter
    vocabulary: Vocabulary
    links: Path  # data/links.yaml: the editors' decisions (curation.py reads it)


def linker_inputs(
    data: Path,
    *,
    terms: Sequence[Term] | None = None,
    settings: Settings | None = None,
    vocabulary: Vocabulary | None = None,
) -> LinkerInputs:
    """The linker's inputs from ``data``; each one given is used instead of reading its file."""
    settings = settings if settings is not None else load_settings(data / "lineage.yaml")
    if terms is None:
        terms = load_terms(data / "terms.yaml") if (data / "terms.yaml").exists() else ()
    if vocabulary is None:
        vocabulary = (
            load_concepts(settings.concepts_file) if settings.uses_concepts and settings.concepts_file else Vocabulary()
        )
    seg = segmenter(dictionary_of(terms, display_path(data / "terms.yaml")))
    return LinkerInputs(settings, seg, vocabulary, data / "links.yaml")


__all__ = ["LinkerInputs", "linker_inputs"]
