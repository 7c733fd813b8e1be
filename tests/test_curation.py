"""curation: data/links.yaml is validated (every problem at once, file:line) and overrides."""

from __future__ import annotations

import pytest

from build_scripts.curation import LINKS, apply_curation, load_curation
from build_scripts.errors import DataError
from build_scripts.link import CURATED, Index, Lineage, auto_links, build_lineage
from test_link import tiny_corpus, tiny_settings, tiny_seg  # noqa: F401  (tiny_seg is a fixture)


def write(tmp_path, body: str):
    path = tmp_path / "links.yaml"
    path.write_text("# curated\nlinks:\n" + body, encoding="utf-8")
    return path


def entry(successor, predecessor, decision="confirm", note="看过。") -> str:
    return (f"  - successor: {successor}\n    predecessor: {predecessor}\n"
            f"    decision: {decision}\n    note: {note}\n")


def test_every_problem_is_reported_with_file_and_line(tmp_path):
    path = write(tmp_path,
                 entry("bb-1", "a-1")  # line 3: unknown id, suggestion b-1
                 + entry("a-1", "b-1")  # line 7: forward in time
                 + entry("b-1", "a-1")  # line 11: fine
                 + entry("b-1", "a-1", "reject")  # line 15: duplicate pair
                 + "  - successor: b-1\n    predecessor: a-2\n    decision: maybe\n"  # line 19: bad decision, no note
                 + entry("b-2", "b-1"))  # line 22: same plan
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    text = str(caught.value)
    assert "links.yaml:3: successor 'bb-1': no such task (did you mean b-1?)" in text
    assert "links.yaml:7: predecessor b-1 is in a later plan than successor a-1" in text
    assert "links.yaml:15: duplicate entry for b-1 ← a-1 (first at line 11)" in text
    assert "links.yaml:19: missing field 'note'" in text
    assert "links.yaml:22: predecessor b-1 is in the same plan as successor b-2" in text
    assert len(caught.value.problems) == 5


def test_unknown_fields_and_decisions(tmp_path):
    path = write(tmp_path, entry("b-1", "a-1", "approve") + "    reviewer: 某人\n")
    with pytest.raises(DataError) as caught:
        load_curation(tiny_corpus(), path)
    text = str(caught.value)
    assert "unknown field 'reviewer'" in text


def test_bad_decision_value(tmp_path):
    path = write(tmp_path, entry("b-1", "a-1", "approve"))
    with pytest.raises(DataError, match="decision 'approve': expected one of confirm, reject, add"):
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
    path = write(tmp_path, entry("b-1", "a-1", "reject", "测试：拒绝。")
                 + entry("b-6", "a-5", "add", "测试：补充。")
                 + entry("b-3", "a-2", "confirm", "测试：确认。")
                 + entry("c-3", "a-3", "reject", "测试：本无此链接。"))
    decisions, warnings = load_curation(corpus, path, auto)
    assert [str(w) for w in warnings] == [
        f"{path}:15: warning: reject c-3 ← a-3: the linker does not make this link (nothing to remove)"]
    links = {(l.successor, l.predecessor): l for l in apply_curation(auto, decisions, index)}
    assert ("b-1", "a-1") not in links
    assert links[("b-6", "a-5")].origin == CURATED and links[("b-6", "a-5")].note == "测试：补充。"
    confirmed = links[("b-3", "a-2")]
    original = next(l for l in auto if (l.successor, l.predecessor) == ("b-3", "a-2"))
    assert confirmed.origin == CURATED and confirmed.score == original.score and confirmed.terms == original.terms
    assert all(l.origin == "auto" for key, l in links.items() if key not in {("b-6", "a-5"), ("b-3", "a-2")})


def test_curation_switch(tmp_path, tiny_seg):
    corpus = tiny_corpus()
    path = write(tmp_path, entry("b-1", "a-1", "reject", "测试。"))
    on, _ = build_lineage(corpus, settings=tiny_settings(), seg=tiny_seg, links_path=path)
    off, _ = build_lineage(corpus, curation=False, settings=tiny_settings(), seg=tiny_seg, links_path=path)
    assert not on.predecessors("b-1") and off.predecessors("b-1")


def test_project_links_file_validates():
    from build_scripts.corpus import load_corpus

    decisions, _ = load_curation(load_corpus(), LINKS)
    assert isinstance(decisions, list)
