"""The published lineage: the automatic links with the editors' review applied, and the
review queue of what no decision names yet.

Pipeline place: the top of the lineage layer. ``selection`` makes the automatic links,
``curation`` reads ``data/links.yaml`` and applies it, ``queue`` ranks the candidates of the
pairs left open; this module runs them in order (``cache.cached_lineage`` calls it, and
stores the result).
"""

from __future__ import annotations

from ..core.errors import Problem
from ..core.model import Corpus
from .curation import NONE, apply_curation, load_curation
from .graph import Lineage, NoPredecessor, sort_links
from .index import Index
from .inputs import LinkerInputs
from .queue import open_pairs
from .selection import auto_links


def build_lineage(corpus: Corpus, inputs: LinkerInputs, *, curation: bool = True) -> tuple[Lineage, list[Problem]]:
    """Automatic links with the curated decisions applied (unless ``curation`` is off), and
    the review queue of the pairs no decision names (none without curation: nothing is
    reviewed then).

    Returns ``(lineage, notes)`` (decisions the automatic links no longer match); problems in
    the curated file raise DataError."""
    index = Index(corpus, inputs.settings, inputs.seg, inputs.vocabulary)
    auto = auto_links(corpus, index=index)
    if not curation:
        return Lineage.of(corpus, auto), []

    decisions, notes = load_curation(corpus, inputs.links, auto)
    none = tuple(NoPredecessor(d.successor, d.plan, d.note) for d in decisions if d.decision == NONE)
    applied = apply_curation(auto, decisions, index)
    return Lineage.of(
        corpus,
        tuple(sort_links(corpus, applied.links)),
        none,
        tuple(sort_links(corpus, applied.related)),
        tuple(sort_links(corpus, applied.rejected)),
        open_pairs(corpus, index, auto, decisions),
    ), notes


__all__ = ["build_lineage"]
