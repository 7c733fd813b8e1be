"""The review queue and its worksheet (``python -m build_scripts review PLAN``): a new plan's
tasks with the linker's ranked candidates, written so that ``data/links.yaml`` reads it."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.__main__ import main
from build_scripts.core.errors import DataError
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import load_corpus
from build_scripts.lineage.curation import ADD, CONFIRM, NONE, load_curation
from build_scripts.lineage.queue import decided_lines
from build_scripts.lineage.worksheet import line, quoted

ENTRY = re.compile(r"(?m)^(?=  - successor: )")


def without_plan(data_dir, plan_prefix: str) -> int:
    """Remove every decision about the plan's tasks from ``data_dir/links.yaml``; how many."""
    path = data_dir / "links.yaml"
    head, body = path.read_text(encoding="utf-8").split("\nlinks:\n", 1)
    entries = ENTRY.split(body)
    kept = [e for e in entries if not e.startswith(f"  - successor: {plan_prefix}")]
    path.write_text(head + "\nlinks:\n" + "".join(kept), encoding="utf-8")
    return len(entries) - len(kept)


@given(st.text())
def test_a_quoted_value_reads_back_exactly(value):
    assert yaml.safe_load(quoted(value)) == value


@given(st.text())
def test_a_comment_stays_one_comment(value):
    assert yaml.safe_load(f"# {line(value)}\nx: 1\n") == {"x": 1}


@pytest.fixture(scope="module")
def new_p13(tmp_path_factory):
    """The real data with p13 as a new plan: no decision about its tasks."""
    data = tmp_path_factory.mktemp("arrival") / "data"
    shutil.copytree(DATA, data)
    assert without_plan(data, "p13-") > 100
    return data


def test_a_new_plans_worksheet_lists_every_pair_and_reads_as_decisions(new_p13, tmp_path, capsys):
    out = tmp_path / "review-p13.yaml"
    assert main(["review", "p13", "--data", str(new_p13), "--out", str(out)]) == 0
    assert "126 of 126 pairs open" in capsys.readouterr().err  # 42 tasks × 3 earlier plans
    text = out.read_text(encoding="utf-8")
    assert text.count("# ── p13-") == 126
    merged = tmp_path / "data"
    shutil.copytree(new_p13, merged)
    (merged / "links.yaml").write_text(text, encoding="utf-8")
    corpus = load_corpus(merged)
    # As written, every note still says 待审定 (the placeholder), and each is refused at its line.
    with pytest.raises(DataError) as refused:
        load_curation(corpus, merged / "links.yaml")
    placeholders = [n for n, row in enumerate(text.split("\n"), start=1) if re.match(r'    note: "待审定', row)]
    assert [p.line for p in refused.value.problems] == placeholders and placeholders
    assert all("review worksheet's placeholder" in p.message for p in refused.value.problems)
    # Once an editor has rewritten the notes, it reads as decisions: the format holds.
    (merged / "links.yaml").write_text(text.replace('note: "待审定：', 'note: "已读两段原文：'), encoding="utf-8")
    decisions, _ = load_curation(corpus, merged / "links.yaml")
    kinds = {d.decision for d in decisions}
    assert kinds == {CONFIRM, NONE} and all(d.successor.startswith("p13-") for d in decisions)
    confirmed = {(d.successor, d.predecessor) for d in decisions if d.decision == CONFIRM}
    nones = {(d.successor, d.plan) for d in decisions if d.decision == NONE}
    plan_of = {t.id: t.plan_id for t in corpus.tasks}
    assert not {(s, plan_of[p]) for s, p in confirmed} & nones  # a pair is proposed one way

    # The editors' links for p13 (hidden above) are mostly in the queue, as the drill measures.
    real, _ = load_curation(load_corpus(DATA), DATA / "links.yaml")
    editors = {
        (d.successor, d.predecessor) for d in real if d.decision in (CONFIRM, ADD) and d.successor.startswith("p13-")
    }
    offered = set(re.findall(r'- successor: "([^"]+)"\n  (?:# )?  predecessor: "([^"]+)"', text))  # taken or not
    assert confirmed <= offered
    assert len(editors & offered) / len(editors) > 0.85

    # A candidate listed for a decided line names the task's candidate in another plan that a
    # visible decision (the other plans') ties to it.
    visible, _ = load_curation(load_corpus(new_p13), new_p13 / "links.yaml")
    lines = decided_lines(visible)
    via = []
    for row in text.split("\n"):
        if m := re.match(r"  # ── (\S+)「", row):
            task = m.group(1)
        elif m := re.match(r"  # 候选 \d+：(\S+)「", row):
            candidate = m.group(1)
        elif m := re.match(r"  #   已审定的脉络：本任务在.+中的首选候选 (\S+)「", row):
            via.append((task, candidate, m.group(1)))
    assert len(via) == text.count("已审定的脉络：本任务") > 100
    for task, candidate, best in via:
        assert candidate in lines[best] and plan_of[best] != plan_of[candidate] and (task, best) in offered


def test_taking_an_offered_add_is_removing_the_comment_marks(new_p13, tmp_path):
    """A candidate the linker does not publish is an ``add`` commented out: uncommented, it
    is a valid decision."""
    out = tmp_path / "ws.yaml"
    assert main(["review", "p13", "--data", str(new_p13), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    start = text.index("  # - successor:")
    block = []
    for row in text[start:].split("\n"):
        if not row.startswith("  # ") or (block and row.startswith("  # -")) or row.startswith("  # 候选"):
            break
        block.append(row)
    taken = "links:\n" + "\n".join("  " + r.removeprefix("  # ") for r in block) + "\n"
    (new_p13 / "links.yaml").write_text(taken.replace("待审定：程序的候选", "两者都建设同一网络。"), encoding="utf-8")
    try:
        decisions, _ = load_curation(load_corpus(new_p13), new_p13 / "links.yaml")
    finally:
        shutil.copy(DATA / "links.yaml", new_p13 / "links.yaml")
        without_plan(new_p13, "p13-")
    assert [d.decision for d in decisions] == [ADD] and decisions[0].evidence is not None


def test_a_plan_whose_pairs_are_all_decided_has_an_empty_queue(capsys, tmp_path):
    assert main(["review", "p12", "--out", str(tmp_path / "p12.yaml")]) == 0
    assert "0 of 68 pairs open" in capsys.readouterr().err
    assert yaml.safe_load((tmp_path / "p12.yaml").read_text(encoding="utf-8")) == {"links": None}


def test_review_names_the_plans_it_knows(capsys):
    assert main(["review", "p99"]) == 2
    assert ", ".join(p.id for p in load_corpus(DATA).plans) in capsys.readouterr().err


def test_the_review_page_shows_the_worksheets_queue(new_p13, tmp_path):
    """p13 arriving: its review pages (one per earlier plan) list, under each pair left, the
    worksheet's first three candidates in the worksheet's order, say which the linker publishes
    (建议确认) and propose "no predecessor" exactly where it publishes none, each candidate with
    its best evidence clause."""
    from build_scripts.website.lineage_views.review import SHOWN
    from build_scripts.website.load import load_site
    from build_scripts.website.pages import lineage as lineage_pages
    from build_scripts.website.urls import review_pair_page, review_plan_page

    out = tmp_path / "ws.yaml"
    assert main(["review", "p13", "--data", str(new_p13), "--out", str(out)]) == 0
    sheet = out.read_text(encoding="utf-8")
    site = load_site(new_p13, with_terms=False, with_indicators=False)
    plan_of = {t.id: t.plan_id for t in site.corpus.tasks}
    offered: dict[tuple[str, str], list[str]] = {}
    for successor, predecessor in re.findall(r'- successor: "([^"]+)"\n  (?:# )?  predecessor: "([^"]+)"', sheet):
        offered.setdefault((successor, plan_of[predecessor]), []).append(predecessor)
    confirmed = set(re.findall(r'(?m)^  - successor: "([^"]+)"\n    predecessor: "([^"]+)"', sheet))
    nones = set(re.findall(r'(?m)^  - successor: "([^"]+)"\n    decision: none\n    plan: "([^"]+)"', sheet))

    pages = {p.path: p.markdown for p in lineage_pages.pages(site)}
    summary = pages[review_plan_page("p13")]
    shown: dict[tuple[str, str], list[str]] = {}
    proposed_none, proposed_confirm, quoted, lined = set(), set(), 0, 0
    for earlier in ("p11", "wp2009", "p12"):  # a page per earlier plan, linked from the plan's
        assert f"](p13/{earlier}.md)" in summary
        for row in pages[review_pair_page("p13", earlier)].split("\n"):
            if m := re.match(r"- \[`([^`]+)` .*\)(：.*)?$", row):
                pair = (m.group(1), earlier)
                shown[pair] = []
                if m.group(2):
                    assert "无前序" in m.group(2)
                    proposed_none.add(pair)
            elif m := re.match(r"    \d+\. \[`([^`]+)` ", row):
                shown[pair].append(m.group(1))
                if "建议确认" in row:
                    proposed_confirm.add((pair[0], m.group(1)))
                quoted += "证据：本任务“" in row
                lined += bool(re.search(r"经已审定的脉络：本任务在.+中的首选候选 \[`", row))
    assert SHOWN == 3 and len(shown) == 126
    assert shown == {k: v[:SHOWN] for k, v in offered.items()} | {k: [] for k in shown if k not in offered}
    assert proposed_confirm == {(s, p) for s, p in confirmed if p in shown[(s, plan_of[p])]}
    assert proposed_none == nones and confirmed and nones
    assert quoted > 250  # nearly every candidate shares a clause with the task
    assert lined > 50  # and many are listed for a decided line (the worksheet's 已审定的脉络)


def test_a_pair_decided_in_part_still_offers_the_links_no_decision_names(new_p13, tmp_path, capsys):
    """An editor decides one candidate of a pair (an add of another task): the pair has a
    decision, but the links the linker publishes there are still nobody's decision — the next
    worksheet offers them (to confirm or reject), and nothing else of the pair."""
    sheet = tmp_path / "before.yaml"
    assert main(["review", "p13", "--data", str(new_p13), "--out", str(sheet)]) == 0
    text = sheet.read_text(encoding="utf-8")
    confirmed = re.findall(r'(?m)^  - successor: "([^"]+)"\n    predecessor: "([^"]+)"', text)
    offered = re.findall(r'(?m)^  # - successor: "([^"]+)"\n  #   predecessor: "([^"]+)"', text)
    plan_of = {t.id: t.plan_id for t in load_corpus(new_p13).tasks}
    task, other = next((s, p) for s, p in offered if any(s == s2 and plan_of[p2] == plan_of[p] for s2, p2 in confirmed))
    linked = {p2 for s2, p2 in confirmed if s2 == task and plan_of[p2] == plan_of[other]}
    links = new_p13 / "links.yaml"
    original = links.read_text(encoding="utf-8")
    try:
        links.write_text(
            original
            + f'  - successor: {task}\n    predecessor: {other}\n    decision: related\n    note: "测试：相关。"\n',
            encoding="utf-8",
        )
        again = tmp_path / "after.yaml"
        assert main(["review", "p13", "--data", str(new_p13), "--out", str(again)]) == 0
        after = again.read_text(encoding="utf-8")
    finally:
        links.write_text(original, encoding="utf-8")
    header = f"（{plan_of[other]}）"  # the pair's item: the task against the other's plan
    item = next(
        part
        for part in re.split(r"\n(?=  # ── )", after)
        if part.lstrip().startswith(f"# ── {task}「") and header in part.split("\n")[0]
    )
    entries = re.findall(r'(?m)^  (?:# )?- successor: "[^"]+"\n  (?:# )?  (predecessor|decision): "?([^"\n]+)', item)
    assert {v for k, v in entries if k == "predecessor"} == linked  # the published ones, no other
    assert "decision: none" not in item and other not in re.findall(r'predecessor: "([^"]+)"', item)
