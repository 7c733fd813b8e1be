"""The plan-arrival drill: how the linker does when a plan is new — ``python -m benchmarks.plan_arrival``.

The next plan (the 14th, a district's) arrives with no editor's decision about its tasks.
The drill replays that for each plan of the corpus that has an earlier plan in reach:

1. **Arrival.** The plan is the newest: the corpus holds it and the plans before it
   (``arrival_corpus``); every decision of ``data/links.yaml`` that involves one of its
   tasks is hidden (``visible``).
2. **Fit.** A linker may learn from the visible decisions only, on the corpus without the
   plan (``training_corpus``: every other plan, so that a plan's decisions about its own
   predecessors and its successors' decisions about it are both out of reach). The drill
   hands a linker nothing else; ``tests/test_plan_arrival.py`` fails if a plan's decisions
   reach its fit.
3. **Link and score** against the hidden decisions, which for every task of the plan and
   every earlier plan in reach say which tasks are its predecessors (``confirm``/``add``,
   with their strength) — none where the editors confirmed or added nothing (``none``,
   ``related``, ``reject``):

   * **precision** of the links the linker publishes for the plan's tasks;
   * **strong recall**: the editors' strong links it publishes;
   * **no-predecessor accuracy**: (task, earlier plan) pairs without any editor's link for
     which it publishes none;
   * **queue recall at 1, 3 and 5**: the editors' links among the first k candidates the
     linker ranks for the task in that plan (what a review queue would show).

The report (``benchmarks/plan_arrival.json`` and ``.md``, with ``--write``) gives each plan
and the mean over plans: the linker's figure of merit, because it is how the next plan will
arrive. The baseline linker is the project's: its published links are
``lineage.selection.auto_links`` with ``data/lineage.yaml``'s hand-set thresholds, which read
no decision; its queue is ``lineage.queue.ranked_candidates``, which reads the lines of the
visible decisions (``queue.line_support``). ``--set NAME=VALUE`` tries another value of a
setting (``--set line_support=0``: the queue by score alone).

The dev judgments of ``../shared/eval`` play no part here: the drill scores against the
editors' own decisions, and the dev set stays for measuring the published export.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from build_scripts.core.model import Corpus
from build_scripts.ingest.corpus import load_corpus
from build_scripts.lineage.curation import ADD, CONFIRM, Decision, load_curation
from build_scripts.lineage.graph import STRONG, Link
from build_scripts.lineage.index import Index, earlier_in_reach
from build_scripts.lineage.inputs import LinkerInputs, linker_inputs
from build_scripts.lineage.queue import Lines, decided_lines, ranked_candidates
from build_scripts.lineage.selection import auto_links
from build_scripts.lineage.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REPORT_JSON = ROOT / "benchmarks" / "plan_arrival.json"
REPORT_MD = ROOT / "benchmarks" / "plan_arrival.md"
QUEUE_DEPTHS = (1, 3, 5)
# Issue 23's targets, mean over plans
TARGETS = {"precision": 0.90, "strong_recall": 0.85, "no_predecessor_accuracy": 0.90, "queue_recall_at_3": 0.97}
Pair = tuple[str, str]  # (later task, earlier plan)


@dataclass(frozen=True)
class Linked:
    """What a linker gives for the new plan: its published links, and for each (task,
    earlier plan) the candidates ranked best first (the review queue)."""

    links: tuple[Link, ...]
    ranked: dict[Pair, tuple[str, ...]]


@dataclass(frozen=True)
class Arrival:
    """One plan arriving: the corpus as it then is, and what the linker may learn from."""

    plan_id: str
    corpus: Corpus  # the plan and the plans before it
    training: Corpus  # every plan but this one
    visible: tuple[Decision, ...]  # decisions that involve none of the plan's tasks


# A linker: (arrival, inputs) → links and queue. It may read arrival.visible, nothing else.
Linker = Callable[[Arrival, LinkerInputs], Linked]


def involves(decision: Decision, task_ids: frozenset[str]) -> bool:
    return decision.successor in task_ids or decision.predecessor in task_ids


def arrivals(corpus: Corpus, decisions: Sequence[Decision], inputs: LinkerInputs) -> list[Arrival]:
    """Each plan with an earlier plan in reach, as the newest."""
    out = []
    reach = earlier_in_reach(corpus.plans, inputs.settings.lookback_years)
    for i, plan in enumerate(corpus.plans):
        arrived = Corpus(corpus.plans[: i + 1])
        if not reach[plan.id]:
            continue  # nothing earlier to link to
        own = frozenset(t.id for t in plan.tasks)
        training = Corpus(tuple(p for p in corpus.plans if p.id != plan.id))
        out.append(Arrival(plan.id, arrived, training, tuple(d for d in decisions if not involves(d, own))))
    return out


def truth(
    corpus: Corpus, decisions: Iterable[Decision], plan_id: str, reach: dict[str, tuple[str, ...]]
) -> dict[Pair, dict[str, str]]:
    """For each task of the plan and each earlier plan in its reach (``earlier_in_reach``):
    the editors' predecessors there (task → strength), empty where they confirmed or added none."""
    plan_of = {t.id: t.plan_id for t in corpus.tasks}
    out: dict[Pair, dict[str, str]] = {
        (task.id, earlier): {} for task in corpus.plan(plan_id).tasks for earlier in reach.get(plan_id, ())
    }
    for d in decisions:
        if d.decision in (CONFIRM, ADD) and plan_of.get(d.successor) == plan_id:
            out.setdefault((d.successor, plan_of[d.predecessor]), {})[d.predecessor] = d.strength
    return out


def baseline(arrival: Arrival, inputs: LinkerInputs) -> Linked:
    """The project's linker as it is: hand-set thresholds, no decision read for the links;
    the queue is its candidates by score, with the visible decisions' lines."""
    index = Index(arrival.corpus, inputs.settings, inputs.seg, inputs.vocabulary)
    lines = decided_lines(arrival.visible)
    return Linked(auto_links(arrival.corpus, index=index), ranked_by_score(index, arrival.plan_id, lines))


def ranked_by_score(index: Index, plan_id: str, lines: Lines | None = None) -> dict[Pair, tuple[str, ...]]:
    """The plan's review queue as the drill scores it (``queue.ranked_candidates``)."""
    return {
        (task.id, earlier): tuple(r.task for r in found)
        for task in index.corpus.plan(plan_id).tasks
        for earlier, found in ranked_candidates(index, task.id, lines).items()
    }


@dataclass
class Score:
    """The drill's figures for one plan."""

    plan: str
    tasks: int
    pairs: int  # (task, earlier plan) judged
    editors_links: int
    editors_strong: int
    published: int
    correct: int
    strong_found: int
    empty_pairs: int
    empty_kept: int
    queue: dict[int, int] = field(default_factory=dict)  # depth → editors' links within it

    def figures(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return round(a / b, 3) if b else 1.0

        return {
            "precision": share(self.correct, self.published),
            "strong_recall": share(self.strong_found, self.editors_strong),
            "no_predecessor_accuracy": share(self.empty_kept, self.empty_pairs),
            **{f"queue_recall_at_{k}": share(self.queue.get(k, 0), self.editors_links) for k in QUEUE_DEPTHS},
        }


def score(plan_id: str, tasks: int, gold: dict[Pair, dict[str, str]], linked: Linked, plan_of: dict[str, str]) -> Score:
    published: dict[Pair, set[str]] = defaultdict(set)
    for link in linked.links:
        if plan_of.get(link.successor) == plan_id:
            published[(link.successor, plan_of[link.predecessor])].add(link.predecessor)
    s = Score(plan_id, tasks, len(gold), 0, 0, 0, 0, 0, 0, 0)
    for pair, editors in gold.items():
        made = published.get(pair, set())
        s.editors_links += len(editors)
        s.editors_strong += sum(1 for v in editors.values() if v == STRONG)
        s.published += len(made)
        s.correct += len(made & set(editors))
        s.strong_found += sum(1 for p, v in editors.items() if v == STRONG and p in made)
        if not editors:
            s.empty_pairs += 1
            s.empty_kept += not made
        queue = linked.ranked.get(pair, ())
        for k in QUEUE_DEPTHS:
            s.queue[k] = s.queue.get(k, 0) + len(set(queue[:k]) & set(editors))
    return s


def drill(data: Path, linker: Linker = baseline, changes: Mapping[str, Any] | None = None) -> list[Score]:
    """Every arrival of the corpus in ``data``, linked by ``linker`` and scored; ``changes``
    replace settings of ``data/lineage.yaml`` (a trial of another value)."""
    corpus = load_corpus(data)
    inputs = linker_inputs(data)
    if changes:
        inputs = replace(inputs, settings=replace(inputs.settings, **changes))
    decisions, _ = load_curation(corpus, inputs.links)
    return drill_corpus(corpus, inputs, decisions, linker)


def drill_corpus(corpus: Corpus, inputs: LinkerInputs, decisions: Sequence[Decision], linker: Linker) -> list[Score]:
    plan_of = {t.id: t.plan_id for t in corpus.tasks}
    out = []
    reach = earlier_in_reach(corpus.plans, inputs.settings.lookback_years)  # an arrival's reach is the same
    for arrival in arrivals(corpus, decisions, inputs):
        gold = truth(corpus, decisions, arrival.plan_id, reach)
        linked = linker(arrival, inputs)
        out.append(score(arrival.plan_id, len(corpus.plan(arrival.plan_id).tasks), gold, linked, plan_of))
    return out


def mean(scores: Sequence[Score]) -> dict[str, float]:
    """Each figure's mean over the plans (each plan counts once, as the next one will)."""
    names = scores[0].figures().keys()
    return {name: round(statistics.fmean(s.figures()[name] for s in scores), 3) for name in names}


def pooled(scores: Sequence[Score]) -> dict[str, float]:
    """The figures over all plans' pairs and links together (a plan with few judged pairs,
    such as one with a single no-predecessor pair, weighs by its size)."""
    total = Score("all", *(sum(getattr(s, name) for s in scores) for name in COUNTS))
    total.queue = {k: sum(s.queue.get(k, 0) for s in scores) for k in QUEUE_DEPTHS}
    return total.figures()


COUNTS = (
    "tasks",
    "pairs",
    "editors_links",
    "editors_strong",
    "published",
    "correct",
    "strong_found",
    "empty_pairs",
    "empty_kept",
)


def report(scores: Sequence[Score], linker: str, command: str) -> dict:
    averaged = mean(scores)
    return {
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": command,
        "linker": linker,
        "plans": [{**vars(s), "queue": {str(k): v for k, v in s.queue.items()}, **s.figures()} for s in scores],
        "mean": averaged,
        "pooled": pooled(scores),
        "targets": [
            {"figure": k, "target": v, "value": averaged[k], "met": averaged[k] >= v} for k, v in TARGETS.items()
        ],
    }


LABELS = {
    "precision": "发布链接的准确率",
    "strong_recall": "强承接的召回率",
    "no_predecessor_accuracy": "无前序判断的准确率",
    "queue_recall_at_1": "审定队列前 1 名的召回率",
    "queue_recall_at_3": "审定队列前 3 名的召回率",
    "queue_recall_at_5": "审定队列前 5 名的召回率",
}


def markdown(r: dict) -> str:
    names = list(LABELS)
    out = [
        "# 新规划到来的演练（plan-arrival drill）",
        "",
        f"由 `{r['command']}` 于 {r['generated']} 生成；链接程序：{r['linker']}。"
        "每份规划轮流当作最新的一份：隐去涉及它的任务的全部编者决定，自动链接，再与隐去的决定比对。",
        "",
        "| 规划 | 任务 | 编者的链接（强） | 发布 | " + " | ".join(LABELS[n] for n in names) + " |",
        "|---|---:|---:|---:|" + "---:|" * len(names),
    ]
    for p in r["plans"]:
        cells = " | ".join(f"{p[n]:.3f}" for n in names)
        out.append(
            f"| {p['plan']} | {p['tasks']} | {p['editors_links']}（{p['editors_strong']}） | {p['published']} | {cells} |"
        )
    out.append("| 平均 | | | | " + " | ".join(f"**{r['mean'][n]:.3f}**" for n in names) + " |")
    out.append("| 合计 | | | | " + " | ".join(f"{r['pooled'][n]:.3f}" for n in names) + " |")
    out += ["", "| 目标（各规划平均） | 要求 | 实测 | 是否达到 |", "|---|---:|---:|---|"]
    out += [
        f"| {LABELS[t['figure']]} | ≥ {t['target']:.2f} | {t['value']:.3f} | {'达到' if t['met'] else '**未达到**'} |"
        for t in r["targets"]
    ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- a linker tuned on the decisions

# The selection's thresholds a tuned linker chooses among (data/lineage.yaml's are 0.18, 0.7, 1.75).
GRID = {"floor": (0.14, 0.18, 0.22), "ratio": (0.55, 0.7, 0.85), "min_z": (1.25, 1.75)}


def objective(scores: Sequence[Score]) -> float:
    """What tuning maximises: precision, strong recall and no-predecessor accuracy, pooled."""
    figures = pooled(scores)
    return (figures["precision"] + figures["strong_recall"] + figures["no_predecessor_accuracy"]) / 3


def tuned(arrival: Arrival, inputs: LinkerInputs) -> Linked:
    """The project's linker with the selection thresholds that score best against the visible
    decisions on the corpus without the arriving plan (``GRID``), then applied to it."""
    index = Index(arrival.training, inputs.settings, inputs.seg, inputs.vocabulary)
    plan_of = {t.id: t.plan_id for t in arrival.training.tasks}
    later = [p.id for p in arrival.training.plans if index.earlier.get(p.id)]
    gold = {p: truth(arrival.training, arrival.visible, p, index.earlier) for p in later}
    best: tuple[float, Settings] | None = None
    for floor in GRID["floor"]:
        for ratio in GRID["ratio"]:
            for min_z in GRID["min_z"]:
                index.settings = replace(inputs.settings, floor=floor, ratio=ratio, min_z=min_z)
                linked = Linked(auto_links(arrival.training, index=index), {})
                value = objective([score(p, 0, gold[p], linked, plan_of) for p in later])
                if best is None or value > best[0]:
                    best = (value, index.settings)
    assert best is not None
    chosen = Index(arrival.corpus, best[1], inputs.seg, inputs.vocabulary)
    return Linked(
        auto_links(arrival.corpus, index=chosen),
        ranked_by_score(chosen, arrival.plan_id, decided_lines(arrival.visible)),
    )


LINKERS: dict[str, Linker] = {"baseline": baseline, "tuned": tuned}


def setting(item: str) -> tuple[str, float]:
    """``NAME=VALUE`` of ``--set``: a numeric field of :class:`Settings` and a value of its type."""
    name, _, value = item.partition("=")
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    default = getattr(Settings(), name, None)
    if name not in fields or isinstance(default, bool) or not isinstance(default, (int, float)):
        numeric = sorted(n for n in fields if type(getattr(Settings(), n)) in (int, float))
        raise ValueError(f"--set {item}: not a numeric setting; expected one of {', '.join(numeric)}")
    try:
        return name, type(default)(value)
    except ValueError:
        raise ValueError(f"--set {item}: expected a {type(default).__name__} value") from None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.plan_arrival", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--linker", choices=sorted(LINKERS), default="baseline")
    parser.add_argument("--write", action="store_true", help="write benchmarks/plan_arrival.json and .md")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="try another value of a numeric setting of lineage.yaml (as Settings names it, e.g. line_support=0.4)",
    )
    args = parser.parse_args(argv)
    if args.write and (args.linker != "baseline" or args.set):
        parser.error("--write records the baseline (the linker and settings the build uses)")
    try:
        changes = dict(setting(item) for item in args.set)
    except ValueError as error:
        parser.error(str(error))
    scores = drill(args.data, LINKERS[args.linker], changes)
    result = report(scores, args.linker, " ".join(["python -m benchmarks.plan_arrival", *argv]))
    if args.write:
        REPORT_JSON.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        REPORT_MD.write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
