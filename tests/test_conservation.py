"""Nothing lost: every non-whitespace character of every source lies in exactly one block."""

from __future__ import annotations

import pytest

from build_scripts.core.model import Block
from build_scripts.core.paths import DATA, SOURCES
from build_scripts.ingest.corpus import load_corpus
from build_scripts.ingest.sources import source_paths

CORPUS = load_corpus(DATA)


def blocks_of(name: str) -> tuple[str, list[Block]]:
    for plan in CORPUS.plans:
        if plan.source.name == name:
            return plan.source.text, list(plan.all_blocks())
    for excerpt in CORPUS.excerpts:
        if excerpt.source.name == name:
            return excerpt.source.text, list(excerpt.blocks)
    raise AssertionError(f"{name} is neither a plan nor an excerpt")


@pytest.mark.parametrize("name", [p.name for p in source_paths(SOURCES)])
def test_every_character_lands_in_exactly_one_block(name):
    text, blocks = blocks_of(name)
    owner = [0] * len(text)
    for block in blocks:
        assert text[block.span.start : block.span.end] == block.text, "a block differs from its source"
        for offset in range(block.span.start, block.span.end):
            owner[offset] += 1
    lost = [i for i, ch in enumerate(text) if not ch.isspace() and owner[i] == 0]
    doubled = [i for i, count in enumerate(owner) if count > 1]
    assert not lost, f"characters not in the model at offsets {lost[:10]}: {[text[i] for i in lost[:10]]}"
    assert not doubled, f"characters in two blocks at offsets {doubled[:10]}"


def test_every_source_file_is_a_plan_or_an_excerpt():
    names = {p.name for p in source_paths(SOURCES)}
    covered = {p.source.name for p in CORPUS.plans} | {e.source.name for e in CORPUS.excerpts}
    assert names == covered


def test_blocks_are_in_document_order():
    for plan in CORPUS.plans:
        starts = [b.span.start for b in plan.all_blocks()]
        assert starts == sorted(starts), plan.id
