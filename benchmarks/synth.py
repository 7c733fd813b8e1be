"""Synthetic corpora N times the size of the real one, for the scale benchmark.

Each synthetic plan re-uses the structure of one real plan — every heading, numbering,
table-of-contents line, document number, date and the *first* sentence of every paragraph
(which carries a work item's number and lead, or a clause paragraph's title) stay as they
are, so the parser profiles, numbering checks and task forms hold unchanged — and replaces
each further sentence (or clause up to ；) of a paragraph by one drawn (seeded,
reproducible) from all the real plans' paragraphs. Only sentences whose own brackets and
quotes pair up are swapped, for such sentences, so the whole text still balances.

The generated data directory holds the real plans (so ``data/links.yaml`` and
``data/terms.yaml`` still validate), the synthetic ones under new ids (``s01p11`` …) and
periods shifted 15 years per generation (``overlap="shifted"``) or 1 year (``"dense"``: the
generations cover the same years, as districts' plans would; the work points stay inside
their five-year plan), their registry entries and a manifest; ``lineage.yaml``, ``concepts.yaml`` and
``links.yaml`` are copied. ``factor`` 10 gives about 40 plan-sized documents, 40 about 160.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from build_scripts.core.model import ParagraphBreak
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import write_task_record
from build_scripts.ingest.parse import BRACKET_PAIRS, split_paragraphs
from build_scripts.ingest.sources import write_manifest

SENTENCE = re.compile(r"[^。；]*[。；]|[^。；]+$")
CLOSERS = {close: open_ for open_, close in BRACKET_PAIRS.items()}
GENERATION_YEARS = 15  # the real corpus spans 2006–2020
# How far each synthetic generation lies from the last: after the real plans (``shifted``,
# as later plans of one city), or over the same years (``dense``, as districts' or other
# cities' plans of the same period: every generation overlaps every other).
OVERLAP_YEARS = {"shifted": GENERATION_YEARS, "dense": 1}


def sentences(paragraph: str) -> list[str]:
    return SENTENCE.findall(paragraph)


def balanced(sentence: str) -> bool:
    stack: list[str] = []
    for ch in sentence:
        if ch in BRACKET_PAIRS:
            stack.append(ch)
        elif ch in CLOSERS and (not stack or stack.pop() != CLOSERS[ch]):
            return False
    return not stack


def swappable(sentence: str) -> bool:
    """A sentence (or clause up to ；) that can leave or enter a paragraph without
    unbalancing anything: its own brackets and quotes pair up, and it has no whitespace."""
    return (
        sentence[-1:] in ("。", "；")
        and 6 <= len(sentence) <= 200
        and balanced(sentence)
        and not re.search(r"\s", sentence)
    )


def recombine(text: str, paragraph_break: ParagraphBreak, pool: list[str], rng: random.Random) -> str:
    """``text`` with every non-first swappable sentence of every paragraph replaced from ``pool``."""
    out, position = [], 0
    for paragraph, span in split_paragraphs(text, paragraph_break):
        parts = sentences(paragraph)
        if len(parts) < 2:
            continue
        new = parts[:1] + [_same_end(rng.choice(pool), s) if swappable(s) else s for s in parts[1:]]
        out += [text[position : span.start], "".join(new)]
        position = span.end
    out.append(text[position:])
    return "".join(out)


def _same_end(new: str, old: str) -> str:
    """``new`` ending with ``old``'s mark (。 or ；), so a paragraph still ends as it did."""
    return new[:-1] + old[-1]


def make_corpus(dest: Path, factor: int, *, data: Path = DATA, seed: int = 0, overlap: str = "shifted") -> dict:
    """Write a data directory ``factor`` × the real corpus into ``dest``, each generation
    ``OVERLAP_YEARS[overlap]`` years after the last; return a summary."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    if overlap not in OVERLAP_YEARS:
        raise ValueError(f"overlap must be one of {sorted(OVERLAP_YEARS)}, not {overlap!r}")
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(data, dest, ignore=shutil.ignore_patterns("manifest.yaml"))
    registry = yaml.safe_load((data / "plans.yaml").read_text(encoding="utf-8"))
    profiles = registry["profiles"]
    real = list(registry["plans"])
    texts = {p["id"]: (data / "sources" / p["source"]).read_text(encoding="utf-8") for p in real}
    pool = []
    for plan in real:
        breaks = ParagraphBreak(profiles[plan["profile"]]["paragraph_break"])
        for paragraph, _ in split_paragraphs(texts[plan["id"]], breaks):
            pool += [s for s in sentences(paragraph)[1:] if swappable(s)]
    rng = random.Random(seed)
    plans = list(real)
    for generation in range(1, factor):
        shift = OVERLAP_YEARS[overlap] * generation
        for plan in real:
            breaks = ParagraphBreak(profiles[plan["profile"]]["paragraph_break"])
            new_id = f"s{generation:02d}{plan['id']}"
            name = f"{new_id}.txt"
            (dest / "sources" / name).write_text(recombine(texts[plan["id"]], breaks, pool, rng), encoding="utf-8")
            period = plan["period"]
            plans.append(
                {
                    **plan,
                    "id": new_id,
                    "title": f"{plan['title']}（合成{generation}）",
                    "short_name": f"{plan['short_name']}·合成{generation}",
                    "period": {"start": period["start"] + shift, "end": period["end"] + shift},
                    "source": name,
                    # dense generations run side by side, as districts' plans do: each is a
                    # series of its own; shifted ones are the city's later plans (its series)
                    **({"series": f"合成{generation}"} if overlap == "dense" else {}),
                }
            )
    registry["plans"] = plans
    (dest / "plans.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_manifest(dest / "sources", dest / "manifest.yaml")
    write_task_record(dest)
    return {
        "factor": factor,
        "overlap": overlap,
        "plans": len(plans),
        "pool_sentences": len(pool),
        "source_bytes": sum(p.stat().st_size for p in (dest / "sources").iterdir()),
    }


__all__ = ["make_corpus", "recombine"]
