"""curation: data/links.yaml is validated (every problem at once, file:line) and overrides."""

from __future__ import annotations

import pytest
from test_link import tiny_corpus, tiny_seg, tiny_settings  # noqa: F401  (tiny_seg is a fixture)

from build_scripts.core.errors import DataError
from build_scripts.core.paths import DATA
from build_scripts.language.concepts import Vocabulary
from build_scripts.lineage.build import build_lineage
from build_scripts.lineage.curation import apply_curation, load_curation
from build_scripts.lineage.graph import ADDED, AUTO, CONFIRMED, RELATED_REVIEW, STRONG, WEAK
from build_scripts.lineage.index import Index
from build_scripts.lineage.inputs import LinkerInputs
from build_scripts.lineage.selection import auto_links


def write(tmp_path, body: str):
    path = tmp_path / "links.yaml"
    path.write_text("# curated\nlinks:\n" + body, encoding="utf-8")
    return path


def entry(successor, predecessor, decision="confirm", note="看过。", strength="strong") -> str:
    graded = f"    strength: {strength}\n" if decision in ("confirm", "add") else ""
    return (
        f"  - successor: {successor}\n    predecessor: {predecessor}\n"
        f"    decision: {decision}\n{graded}    note: {note}\n"
    )


def test_every_problem_is_reported_with_file_and_line(tmp_path):
    path = write(
        tmp_path,
        entry("bb-1", "a-1")  # line 3: unknown id, suggestion b-1
        + entry("a-1", "b-1")  # line 8: forward in time (its predecessor at line 9)
        + entry("b-1", "a-1")  # line 13: fine
        + entry("b-1", "a-1", "reject")  # line 18: duplicate pair
        + "  - successor: b-1\n    predecessor: a-2\n    decision: maybe\n"  # line 22: bad decision, no note
        + entry("b-2", "b-1"),
    )  # line 25: same plan (its predecessor at line 26)
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    text = str(caught.value)
    assert "links.yaml:3: successor 'bb-1': no such task (did you mean b-1?)" in text
    assert "links.yaml:9: predecessor b-1 is in a later plan than successor a-1" in text
    assert "links.yaml:18: duplicate entry for b-1 ← a-1 (first at line 13)" in text
    assert "links.yaml:22: links[4]: missing required field 'note'" in text
    assert "links.yaml:24: links[4].decision: expected one of confirm, reject, add, none, related" in text
    assert "links.yaml:26: predecessor b-1 is in the same plan as successor b-2" in text
    assert len(caught.value.problems) == 6


def test_an_unknown_id_or_plan_is_reported_at_its_own_field(tmp_path):
    path = write(
        tmp_path,
        entry("b-1", "a-9")  # line 3; its predecessor at line 4
        + "  - successor: b-1\n    decision: none\n    plan: zz\n    note: 看过。\n",  # line 8; plan at line 10
    )
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    assert [f"{p.line}: {p.message.split(':')[0]}" for p in caught.value.problems] == [
        "4: predecessor 'a-9'",
        "10: plan 'zz'",
    ]


def test_unknown_fields_and_decisions(tmp_path):
    path = write(tmp_path, entry("b-1", "a-1", "approve") + "    reviewer: 某人\n")
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    text = str(caught.value)
    assert "links[0].reviewer: unknown field" in text
    assert 'links[0].decision: expected one of confirm, reject, add, none, related, found the string "approve"' in text


def test_review_fields_are_checked(tmp_path):
    path = write(
        tmp_path,
        entry("b-1", "a-1", "reject").replace("reject", "confirm")  # line 3: confirm without a strength
        + entry("b-3", "a-2", strength="medium")  # line 7: unknown strength (line 10)
        + "  - successor: b-6\n    decision: none\n    plan: z\n    note: 无。\n"  # line 12: unknown plan (line 14)
        + "  - successor: b-6\n    decision: none\n    plan: c\n    note: 无。\n"  # line 16: later plan (line 18)
        + entry("b-4", "a-4", "add")  # line 20: quotes, one not in its task (line 26)
        + "    evidence:\n      successor: 首都之窗政府门户网站改版\n      predecessor: 不在原文中的话\n"
        + "  - successor: b-5\n    decision: related\n    note: 相关。\n",
    )  # line 28: no predecessor
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    text = str(caught.value)
    assert (
        "links.yaml:3: links[0]: missing required field 'strength' (one of strong, weak) for decision confirm" in text
    )
    assert 'links.yaml:10: links[1].strength: expected one of strong, weak, found the string "medium"' in text
    assert "links.yaml:14: plan 'z': expected the id of the earlier plan reviewed (a, b, c)" in text
    assert "links.yaml:18: plan c is not earlier than b-6's plan b" in text
    assert "links.yaml:26: evidence.predecessor: '不在原文中的话' is not in the title or text of a-4" in text
    assert "links.yaml:28: links[5]: missing required field 'predecessor' (str) for decision related" in text
    assert len(caught.value.problems) == 6


def test_fields_per_decision_are_part_of_the_schema(tmp_path):
    path = write(
        tmp_path,
        "  - successor: b-1\n    decision: none\n    predecessor: a-1\n    note: 无。\n"  # line 3: no plan
        + entry("b-1", "a-1", "reject")
        + "    strength: weak\n"  # line 7: strength on a reject (line 11)
        + entry("b-3", "a-3", "add")
        + "    plan: a\n"  # line 12: plan on an add (line 17)
        + entry("b-4", "a-4", "reject")  # line 18: quotes on a reject (line 22)
        + "    evidence:\n      successor: 首都之窗\n      predecessor: 首都之窗\n"
        + entry("b-2", "a-2", "related")
        + "    evidence:\n      successor: 首都之窗\n",  # line 25: one quote (line 30)
    )
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    assert [str(p).split("links.yaml:")[1] for p in caught.value.problems] == [
        "3: links[0]: missing required field 'plan' (str) for decision none",
        "5: links[0].predecessor: not a field of decision none; expected one of decision, note, plan, successor",
        "11: links[1].strength: not a field of decision reject; expected one of decision, note, predecessor, successor",
        "17: links[2].plan: not a field of decision add; expected one of decision, evidence, note, predecessor, "
        "strength, successor",
        "23: links[3].evidence: not a field of decision reject; expected one of decision, note, predecessor, successor",
        "30: links[4].evidence: missing required field 'predecessor' (str)",
    ]


def test_a_none_beside_a_kept_link_into_that_plan_is_refused_at_both_lines(tmp_path):
    """Issue 21: a `none` for b-1 against plan a, while the file confirms b-1 ← a-1 and adds
    b-1 ← a-2, used to publish both "two predecessors in a" and "none in a"."""
    path = write(
        tmp_path,
        entry("b-1", "a-1")  # line 3: confirm
        + "  - successor: b-1\n    decision: none\n    plan: a\n    note: 无。\n"  # line 8
        + entry("b-2", "a-1")  # line 12: another task: no conflict
        + "  - successor: b-3\n    decision: none\n    plan: a\n    note: 无。\n",  # line 17: no link of b-3 in a
    )
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    lines = [p.line for p in caught.value.problems]
    text = str(caught.value)
    assert lines == [3, 8], text
    assert "links.yaml:8: none: no predecessor of b-1 in a, but line 3 is a confirm of b-1 ← a-1" in text
    assert "links.yaml:3: a confirm of b-1 ← a-1 (a), but line 8 says b-1 has no predecessor in a" in text


def test_bad_decision_value(tmp_path):
    path = write(tmp_path, entry("b-1", "a-1", "approve"))
    with pytest.raises(DataError, match="decision: expected one of confirm, reject, add, none, related"):
        load_curation(tiny_corpus(), path)


def test_absent_or_empty_file_means_no_decisions(tmp_path):
    assert load_curation(tiny_corpus(), tmp_path / "none.yaml") == ([], [])
    empty = tmp_path / "empty.yaml"
    empty.write_text("links: []\n", encoding="utf-8")
    assert load_curation(tiny_corpus(), empty) == ([], [])


def test_curated_decisions_override_automatic_ones(tmp_path, tiny_seg):
    corpus = tiny_corpus()
    index = Index(corpus, tiny_settings(), tiny_seg)
    auto = auto_links(corpus, index=index)
    made = {(l.successor, l.predecessor) for l in auto}
    assert ("b-1", "a-1") in made and ("b-6", "a-5") not in made and ("b-3", "a-2") in made
    assert ("b-4", "a-4") in made and ("c-1", "b-3") in made
    path = write(
        tmp_path,
        entry("b-1", "a-1", "reject", "测试：拒绝。")
        + entry("b-6", "a-5", "add", "测试：补充。", "weak")
        + entry("b-3", "a-2", "confirm", "测试：确认。")
        + "    evidence:\n      successor: 扩容电子政务外网\n      predecessor: 建设电子政务外网\n"
        + entry("c-3", "a-3", "reject", "测试：本无此链接。")
        + entry("b-4", "a-4", "related", "测试：相关。")
        + "  - successor: c-1\n    decision: none\n    plan: b\n    note: 测试：无前序。\n",
    )
    decisions, notes = load_curation(corpus, path, auto)
    assert [str(n) for n in notes] == [
        f"{path}:20: note: reject c-3 ← a-3: the linker does not make this link (the veto stands)"
    ]
    applied = apply_curation(auto, decisions, index)
    links, related = applied.links, applied.related
    assert {(l.successor, l.predecessor, l.note) for l in applied.rejected} >= {("b-1", "a-1", "测试：拒绝。")}
    assert all(l.note == "测试：无前序。" for l in applied.rejected if l.successor == "c-1")
    by_pair = {(l.successor, l.predecessor): l for l in links}
    assert ("b-1", "a-1") not in by_pair and ("b-4", "a-4") not in by_pair
    assert not any(l.successor == "c-1" and l.predecessor.startswith("b-") for l in links)
    added = by_pair[("b-6", "a-5")]
    assert (added.origin, added.strength, added.note) == (ADDED, WEAK, "测试：补充。")
    confirmed = by_pair[("b-3", "a-2")]
    original = next(l for l in auto if (l.successor, l.predecessor) == ("b-3", "a-2"))
    assert (confirmed.origin, confirmed.strength) == (CONFIRMED, STRONG)
    assert confirmed.score == original.score and confirmed.terms == original.terms
    quoted = confirmed.evidence[0]
    task = {t.id: t for t in corpus.tasks}
    assert quoted.successor.of(task["b-3"].title, task["b-3"].text) == "扩容电子政务外网"
    assert quoted.predecessor.of(task["a-2"].title, task["a-2"].text) == "建设电子政务外网"
    assert quoted.words and all(w in "扩容电子政务外网" and w in "建设电子政务外网" for w in quoted.words)
    # the linker's own pairs follow, but not the quoted clauses again (a longer span of them)
    assert not [
        e
        for e in confirmed.evidence[1:]
        if e.successor.start < quoted.successor.end
        and quoted.successor.start < e.successor.end
        and e.predecessor.start < quoted.predecessor.end
        and quoted.predecessor.start < e.predecessor.end
        and (e.successor.part, e.predecessor.part) == (quoted.successor.part, quoted.predecessor.part)
    ]
    assert [
        e
        for e in original.evidence
        if e.successor.of(task["b-3"].title, task["b-3"].text).find("扩容电子政务外网") >= 0
    ]
    assert [(l.successor, l.predecessor, l.origin, l.note) for l in related] == [
        ("b-4", "a-4", RELATED_REVIEW, "测试：相关。")
    ]
    assert all(l.origin == AUTO for key, l in by_pair.items() if key not in {("b-6", "a-5"), ("b-3", "a-2")})


def test_curation_switch(tmp_path, tiny_seg):
    corpus = tiny_corpus()
    path = write(tmp_path, entry("b-1", "a-1", "reject", "测试。"))
    inputs = LinkerInputs(tiny_settings(), tiny_seg, Vocabulary(), path)
    on, _ = build_lineage(corpus, inputs)
    off, _ = build_lineage(corpus, inputs, curation=False)
    assert not on.predecessors("b-1") and off.predecessors("b-1")


def test_project_links_file_validates_and_every_quote_is_verbatim():
    from build_scripts.ingest.corpus import load_corpus

    corpus = load_corpus(DATA)
    decisions, _ = load_curation(corpus, DATA / "links.yaml")
    task = {t.id: t for t in corpus.tasks}
    quoted = [d for d in decisions if d.evidence is not None]
    assert decisions and quoted
    for d in quoted:
        later, earlier = task[d.successor], task[d.predecessor]
        assert d.evidence.successor.of(later.title, later.text) in later.title + later.text
        assert d.evidence.predecessor.of(earlier.title, earlier.text) in earlier.title + earlier.text
