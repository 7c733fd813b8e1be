"""The published lineage: the automatic links with the editors' review applied.

Pipeline place: the top of the lineage layer. ``selection`` makes the automatic links,
``curation`` reads ``data/links.yaml`` and applies it; this module runs the two in order
(``cache.cached_lineage`` calls it, and stores the result).
"""

from __future__ import annotations

from ..core.errors import Problem
from ..core.model import Corpus
from .curation import NONE, apply_curation, load_curation
from .graph import Lineage, NoPredecessor, sort_links
from .index import Index
from .inputs import LinkerInputs
from .selection import auto_links


def build_lineage(corpus: Corpus, inputs: LinkerInputs, *, curation: bool = True) -> tuple[Lineage, list[Problem]]:
    """Automatic links with the curated decisions applied (unless ``curation`` is off).

    Returns ``(lineage, warnings)``; problems in the curated file raise DataError."""
    index = Index(corpus, inputs.settings, inputs.seg, inputs.vocabulary)
    auto = auto_links(corpus, index=index)
    if not curation:
        return Lineage.of(corpus, auto), []

    decisions, warnings = load_curation(corpus, inputs.links, auto)
    none = tuple(NoPredecessor(d.successor, d.plan, d.note) for d in decisions if d.decision == NONE)
    applied = apply_curation(auto, decisions, index)
    return Lineage.of(
        corpus,
        tuple(sort_links(corpus, applied.links)),
        none,
        tuple(sort_links(corpus, applied.related)),
        tuple(sort_links(corpus, applied.rejected)),
    ), warnings


__all__ = ["build_lineage"]
