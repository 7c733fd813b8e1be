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
from ..language.segment import Segmenter, dictionary_of, load_dictionary, segmenter
from ..language.terms import Term
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
    """The linker's inputs from ``data``; each one given is used instead of reading its file.
    The concept vocabulary takes part only where the settings use concepts."""
    settings = settings if settings is not None else load_settings(data / "lineage.yaml")
    if not settings.uses_concepts or settings.concepts_file is None:
        vocabulary = Vocabulary()
    elif vocabulary is None:
        vocabulary = load_concepts(settings.concepts_file)
    path = data / "terms.yaml"
    seg = segmenter(load_dictionary(path) if terms is None else dictionary_of(terms, display_path(path)))
    return LinkerInputs(settings, seg, vocabulary, data / "links.yaml")


__all__ = ["LinkerInputs", "linker_inputs"]
