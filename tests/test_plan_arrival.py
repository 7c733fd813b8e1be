"""The plan-arrival drill (``benchmarks/plan_arrival.py``) on the real plans: each plan
arrives as the newest, its decisions never reach the linker, and the figures measure the
linker against the hidden decisions."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from benchmarks import plan_arrival as pa
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import load_corpus
from build_scripts.lineage.curation import ADD, CONFIRM, load_curation
from build_scripts.lineage.graph import Link
from build_scripts.lineage.index import earlier_in_reach
from build_scripts.lineage.inputs import linker_inputs

pytestmark = pytest.mark.slow  # runs the drill (three linkings of the real plans) per test


@pytest.fixture(scope="module")
def real():
    corpus = load_corpus(DATA)
    inputs = linker_inputs(DATA)
    decisions, _ = load_curation(corpus, inputs.links)
    return corpus, inputs, decisions


def test_an_arriving_plans_decisions_never_reach_its_linker(real):
    """A spy linker records what each arrival hands it: the plan is the newest of its
    corpus, absent from the training corpus, and no visible decision names one of its tasks,
    although the editors decided about each arriving plan's tasks."""
    corpus, inputs, decisions = real
    seen = []

    def spy(arrival, inputs_):
        seen.append(arrival)
        return pa.baseline(arrival, inputs_)

    pa.drill_corpus(corpus, inputs, decisions, spy)
    reach = earlier_in_reach(corpus.plans, inputs.settings.lookback_years)
    assert [a.plan_id for a in seen] == [p.id for p in corpus.plans if reach[p.id]]  # in the registry's order
    assert {"wp2009", "p12", "p13"} <= {a.plan_id for a in seen} and not reach["p11"]  # p11 has nothing earlier
    for arrival in seen:
        own = {t.id for t in corpus.plan(arrival.plan_id).tasks}
        assert arrival.corpus.plans[-1].id == arrival.plan_id
        assert arrival.plan_id not in {p.id for p in arrival.training.plans}
        assert not [d for d in arrival.visible if d.successor in own or d.predecessor in own]
        assert any(d.successor in own for d in decisions)  # there was something to hide
        assert len(arrival.visible) < len(decisions)


def test_a_linker_that_publishes_the_editors_links_scores_full_marks(real):
    """The scoring: a linker that publishes exactly the editors' links (read here from the
    whole file, as no linker may) and queues them first gets 1.0 everywhere."""
    corpus, inputs, decisions = real
    plan_of = {t.id: t.plan_id for t in corpus.tasks}
    editors = [d for d in decisions if d.decision in (CONFIRM, ADD)]

    def oracle(arrival, _inputs):
        links = tuple(Link(d.predecessor, d.successor, 1.0, ()) for d in editors)
        ranked: dict = {}
        for d in editors:
            ranked.setdefault((d.successor, plan_of[d.predecessor]), []).append(d.predecessor)
        return pa.Linked(links, {k: tuple(v) for k, v in ranked.items()})

    for s in pa.drill_corpus(corpus, inputs, decisions, oracle):
        figures = s.figures()
        assert figures["precision"] == figures["strong_recall"] == figures["no_predecessor_accuracy"] == 1.0
        assert figures["queue_recall_at_5"] == 1.0 and s.editors_links > 0


def test_a_linker_that_reads_only_what_it_is_given_cannot_copy_the_editors(real):
    """The same oracle on the visible decisions only: it finds none of the arriving plan's
    links, so strong recall is 0 — the drill's figures cannot come from the plan's own decisions."""
    corpus, inputs, decisions = real

    def visible_oracle(arrival, _inputs):
        links = tuple(
            Link(d.predecessor, d.successor, 1.0, ()) for d in arrival.visible if d.decision in (CONFIRM, ADD)
        )
        return pa.Linked(links, {})

    for s in pa.drill_corpus(corpus, inputs, decisions, visible_oracle):
        assert s.published == 0 and s.figures()["strong_recall"] == 0.0


def test_the_committed_report_is_the_baselines_figures(real):
    """``benchmarks/plan_arrival.json`` holds what the drill measures now (regenerate:
    ``python -m benchmarks.plan_arrival --write``)."""
    corpus, inputs, decisions = real
    scores = pa.drill_corpus(corpus, inputs, decisions, pa.baseline)
    committed = json.loads(pa.REPORT_JSON.read_text(encoding="utf-8"))
    assert committed["linker"] == "baseline"
    assert committed["mean"] == pa.mean(scores) and committed["pooled"] == pa.pooled(scores)
    assert [p["plan"] for p in committed["plans"]] == [s.plan for s in scores]
    assert pa.REPORT_MD.read_text(encoding="utf-8") == pa.markdown(committed)


def test_a_trial_value_is_a_numeric_setting_of_its_type():
    """``--set``: another value of a numeric setting for one run; a switch, an unknown name
    or a value of the wrong type is refused with the names it takes."""
    assert pa.setting("line_support=0.4") == ("line_support", 0.4)
    assert pa.setting("per_plan=2") == ("per_plan", 2)
    for bad, said in (("subwords=1", "not a numeric setting"), ("nope=1", "line_support"), ("per_plan=2.5", "int")):
        with pytest.raises(ValueError, match=said):
            pa.setting(bad)


def test_the_queue_reads_the_visible_decisions_lines(real):
    """The baseline's queue with the decided lines holds more of the hidden links within three
    candidates than by score alone, and its published links are the same (the lines reach the
    queue only)."""
    corpus, inputs, decisions = real
    off = replace(inputs, settings=replace(inputs.settings, line_support=0.0))
    with_lines = pa.drill_corpus(corpus, inputs, decisions, pa.baseline)
    by_score = pa.drill_corpus(corpus, off, decisions, pa.baseline)
    for a, b in zip(with_lines, by_score, strict=True):
        assert (a.published, a.correct, a.strong_found) == (b.published, b.correct, b.strong_found)
        assert a.queue[3] >= b.queue[3]
    assert sum(s.queue[3] for s in with_lines) > sum(s.queue[3] for s in by_score)
