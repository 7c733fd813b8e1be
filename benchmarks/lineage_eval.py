"""How well the links generalise: ``python -m benchmarks.lineage_eval [--curation]``.

Scores the linker on the dev set (``../shared/eval``, kept outside the project and used
only for measuring) split into two fixed halves by a hash of each judged task's anchor:
the *tuning* half, on which the tunables of ``data/lineage.yaml`` were chosen, and the
*held-out* half, which no tuning looked at. The held-out figure is the one that predicts
unseen tasks; the whole-set figure is printed too. With ``--curation`` the published
links (automatic links with the editors' decisions of ``data/links.yaml``) are scored
instead of the automatic linker alone.

It also scores the automatic linker against the editors' review (``data/links.yaml``):
for every (later task, earlier plan) an editor has reviewed, the links the editor kept
or added are the reference. That reference is project data (read from the plan texts),
so it may be tuned on; the dev halves say whether that tuning generalises.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EVAL = ROOT.parent / "shared" / "eval"
HALVES = ("tuning", "held-out")


def half(anchor: str) -> str:
    """The fixed half of a judged task: by the first byte of the SHA-256 of its anchor."""
    return HALVES[hashlib.sha256(anchor.encode("utf-8")).digest()[0] % 2]


def split(gold: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in HALVES}
    for entry in gold:
        out[half(entry["task"]["anchor"])].append(entry)
    return out


def score(tasks_json: Path, gold_path: Path) -> str:
    run = subprocess.run(
        [sys.executable, str(EVAL / "score_lineage.py"), str(tasks_json), str(gold_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()


def export(out: Path, curation: bool) -> Path:
    command = [sys.executable, "-m", "build_scripts", "lineage", "--export", str(out)]
    if not curation:
        command.insert(4, "--no-curation")
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return out / "tasks.json"


def against_editors() -> str:
    """The automatic linker scored against the editors' review in ``data/links.yaml``."""
    sys.path.insert(0, str(ROOT))
    from build_scripts.ingest.corpus import load_corpus
    from build_scripts.lineage.build import build_lineage
    from build_scripts.lineage.curation import ADD, CONFIRM, NONE, load_curation
    from build_scripts.lineage.graph import STRONG
    from build_scripts.lineage.inputs import linker_inputs

    corpus = load_corpus(DATA)
    auto, _ = build_lineage(corpus, linker_inputs(DATA), curation=False)
    decisions, _ = load_curation(corpus, DATA / "links.yaml")
    plan_of = {t.id: t.plan_id for t in corpus.tasks}
    kept = {(d.successor, d.predecessor) for d in decisions if d.decision in (CONFIRM, ADD)}
    strong = {(d.successor, d.predecessor) for d in decisions if d.decision in (CONFIRM, ADD) and d.strength == STRONG}
    reviewed = {(s, plan_of[p]) for s, p in kept} | {(d.successor, d.plan) for d in decisions if d.decision == NONE}
    made = {(l.successor, l.predecessor) for l in auto.links if (l.successor, plan_of[l.predecessor]) in reviewed}
    none = {(d.successor, d.plan) for d in decisions if d.decision == NONE}
    made_pairs = {(s, plan_of[p]) for s, p in made}
    good = len(made & kept)
    precision = good / len(made) if made else 0.0
    recall = len(made & strong) / len(strong) if strong else 0.0
    empty = sum(pair not in made_pairs for pair in none) / len(none) if none else 0.0
    return (
        f"precision {precision:.3f} ({good}/{len(made)})  strong recall {recall:.3f} "
        f"({len(made & strong)}/{len(strong)})  no-predecessor accuracy {empty:.3f} "
        f"({sum(pair not in made_pairs for pair in none)}/{len(none)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curation", action="store_true", help="score the published links")
    parser.add_argument(
        "--editors", action="store_true", help="also score the automatic linker against the editors' review"
    )
    args = parser.parse_args(argv)
    if args.editors:
        print(f"automatic links against the editors' review: {against_editors()}")
    if not (EVAL / "lineage_dev.yaml").exists():
        print(f"no dev set at {EVAL}: nothing to score")
        return 0
    gold = yaml.safe_load((EVAL / "lineage_dev.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        tasks = export(Path(tmp) / "export", args.curation)
        print(f"links: {'published (curation on)' if args.curation else 'automatic (curation off)'}")
        for name, entries in [("whole", gold)] + list(split(gold).items()):
            path = Path(tmp) / f"{name}.yaml"
            path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
            print(f"{name:9} ({len(entries):2} tasks): {score(tasks, path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
