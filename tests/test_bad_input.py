"""Bad input stops the build with file, line and what was expected — and writes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from datadir import SMALL_PLAN, copy_real_data, entry, make_data

from build_scripts.core.errors import DataError, line_of
from build_scripts.core.paths import DATA, ROOT
from build_scripts.ingest.corpus import load_corpus
from build_scripts.ingest.sources import write_manifest


def problems(data) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_corpus(data)
    return [str(p) for p in caught.value.problems]


def only(data) -> str:
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def test_empty_file(tmp_path):
    data = make_data(tmp_path, {"a.txt": ""}, [entry("a", "a.txt")])
    assert only(data) == "data/sources/a.txt:1: the file is empty; expected the text of a plan".replace(
        "data/", str(data) + "/", 1
    )


def test_whitespace_only_file(tmp_path):
    data = make_data(tmp_path, {"a.txt": " \n\u3000\n"}, [entry("a", "a.txt")])
    assert only(data).endswith("a.txt:1: the file contains only whitespace; expected the text of a plan")


def test_gbk_encoded_copy_is_named(tmp_path):
    text = SMALL_PLAN.encode("gbk")
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    message = only(data)
    assert "a.txt:1:1: not valid UTF-8 (byte 0xb2 at offset 0)" in message
    assert "it looks like GBK/GB18030: convert it to UTF-8" in message


def test_invalid_byte_later_in_the_file_gives_its_line(tmp_path):
    text = SMALL_PLAN.encode("utf-8").replace("推进物联网".encode(), "推进物联网".encode("gbk"))
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    assert "a.txt:7:1: not valid UTF-8" in only(data)


def test_a_source_over_the_size_limit_is_refused_at_once_with_its_size(tmp_path):
    """Issue 21: a 50 MB source hung check and the build for minutes; now 8 MB is refused
    before it is parsed (and parsing stays linear below the limit)."""
    big = (SMALL_PLAN + "\n") * (8 * 1024 * 1024 // len((SMALL_PLAN + "\n").encode()) + 1)
    data = make_data(tmp_path, {"a.txt": big}, [entry("a", "a.txt")])
    started = time.perf_counter()
    message = only(data)
    assert time.perf_counter() - started < 10
    assert message.endswith(
        f"a.txt: is {len(big.encode()):,} bytes; a plan text is at most 4,194,304 bytes (4 MiB): is this the right file?"
    )


def test_a_nul_or_other_control_character_is_refused_at_line_and_column(tmp_path):
    """Issue 21: a NUL in a source was written raw into a page."""
    text = SMALL_PLAN.replace("推进物联网", "推进\x00物联网").replace("。", "。\x0c", 1)
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    found = problems(data)
    nul = text.index("\x00")
    line, column = text.count("\n", 0, nul) + 1, nul - text.rfind("\n", 0, nul)
    assert any(
        p.endswith(
            f"a.txt:{line}:{column}: control character U+0000 (NUL); expected plan text: is the file damaged or not a text file?"
        )
        for p in found
    ), found
    assert any("U+000C (form feed)" in p for p in found) and len(found) == 2


def test_line_numbers_are_linear_in_the_size_of_a_source():
    text = "一段文字。\r\n第二行\r第三行\n" * 200_000  # 3.4 million characters, every kind of break
    started = time.perf_counter()
    lines = [line_of(text, offset) for offset in range(0, len(text), 17)]
    assert time.perf_counter() - started < 5  # counting from the start for each took minutes
    assert lines[0] == 1 and line_of(text, len(text)) == 600_001 and line_of(text, 7) == 2 and line_of(text, 5) == 1


def test_registry_entry_whose_source_is_missing(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("a", "a.txt"), entry("b", "missing.txt")])
    message = only(data)
    assert message.endswith(
        "plans.yaml:29: b: source file missing.txt not found in " + str(data / "sources") + "/"
    )  # the source field


def test_a_misspelt_source_is_reported_at_its_field_with_the_closest_file(tmp_path):
    data = make_data(
        tmp_path, {"a.txt": SMALL_PLAN, "b_plan.txt": SMALL_PLAN}, [entry("a", "a.txt"), entry("b", "b_plam.txt")]
    )
    assert "plans.yaml:29: b: source file b_plam.txt not found in" in only(data)
    assert only(data).endswith("/ (did you mean b_plan.txt?)")


def test_a_missing_section_is_reported_at_its_field(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("a", "a.txt", task_sections=[2, 6])])
    assert "plans.yaml:10: " not in only(data) and "a: task/safeguard section 6 does not exist" in only(data)
    lines = (data / "plans.yaml").read_text(encoding="utf-8").split("\n")
    field = next(n for n, row in enumerate(lines, start=1) if row.strip() == "task_sections:")
    assert f"plans.yaml:{field}: a: task/safeguard section 6" in only(data)


def test_source_that_no_entry_mentions(tmp_path):
    data = make_data(
        tmp_path, {"a.txt": SMALL_PLAN, "b.txt": "天气晴朗，适合出游，饮食清淡为宜。"}, [entry("a", "a.txt")]
    )
    assert "b.txt:1: no plans.yaml entry names this file" in only(data)


def test_numbering_out_of_order(tmp_path):
    text = SMALL_PLAN.replace("(二)完善公共服务", "(三)完善公共服务")
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    assert only(data).endswith("a.txt:8: numbering out of order: expected （二） after （一）, found (三)")


def test_a_heading_that_lost_its_mark_is_named_where_its_number_goes_missing(tmp_path):
    """二、主要任务 printed as 二主要任务 reads as body text, so the number goes missing; the
    problem at the next heading names the line that may be it."""
    text = SMALL_PLAN.replace("二、主要任务", "二主要任务") + "三、保障措施\n加强组织领导。\n"
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    lost = next(n for n, row in enumerate(text.split("\n"), start=1) if row == "二主要任务")
    found = [m for m in problems(data) if "numbering out of order" in m]
    assert found and found[0].endswith(
        f"expected 二、 after 一、, found 三、 (line {lost} begins '二主': the heading 二、 without its mark?)"
    )


def test_numbering_duplicated(tmp_path):
    text = SMALL_PLAN.replace("(二)完善公共服务", "(一)完善公共服务")
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    assert only(data).endswith("a.txt:8: numbering duplicated: expected （二） after （一）, found (一)")


def test_heading_with_no_body(tmp_path):
    text = SMALL_PLAN.replace("二、主要任务\n", "二、主要任务\n三、空的章节\n", 1)
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt", task_sections=[3])])
    found = problems(data)
    assert any(
        p.endswith("a.txt:4: heading 「二、主要任务」 has no body; expected text or subsections after it")
        for p in found
    ), found


def test_last_heading_with_no_body(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN + "三、保障措施\n"}, [entry("a", "a.txt")])
    assert only(data).endswith("a.txt:10: heading 「三、保障措施」 has no body; expected text or subsections after it")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("推进三网融合。", "推进《三网融合。", "a.txt:6:24: unbalanced 《: never closed; expected 》"),
        ("推进网上办理。", "推进网上办理）。", "a.txt:9:16: unbalanced ）: expected no closing mark here"),
        ("坚持统筹规划，", "坚持“统筹规划，", "a.txt:3:3: unbalanced “: never closed; expected ”"),
    ],
)
def test_unbalanced_bracket_or_quote(tmp_path, old, new, expected):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN.replace(old, new)}, [entry("a", "a.txt")])
    assert only(data).endswith(expected)


def test_bracket_pair_may_span_lines(tmp_path):
    text = SMALL_PLAN.replace("推进三网融合。", "推进《三网\n融合》。")
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt", tasks=4)])  # 融合》。 is a paragraph
    assert load_corpus(data).plans[0].tasks


def test_registry_reports_every_problem_at_once(tmp_path):
    bad = entry(
        "a", "a.txt", kind="plan", period={"start": "2001年", "end": 2005}, issue_date="last year", task_sections="二"
    )
    del bad["title"]
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [bad, entry("a", "b.txt", profile="nope")])
    found = [p.split("/data/", 1)[1] for p in problems(data)]
    assert found == [
        "plans.yaml:10: plans[0]: missing required field 'title' (str)",
        'plans.yaml:12: plans[0].kind: expected one of five-year-plan, work-points, found the string "plan"',
        'plans.yaml:14: plans[0].period.start: expected a year (integer), found the string "2001年"',
        'plans.yaml:18: plans[0].task_sections: expected a list of distinct positive integers, found the string "二"',
        'plans.yaml:20: plans[0].issue_date: expected a date (YYYY-MM-DD), found the string "last year"',
        "plans.yaml:21: plans[1].id: duplicate id 'a' (first at line 10)",
        "plans.yaml:29: plans[1].profile: unknown profile 'nope'; expected one of lined",  # the field's line
    ]


def test_registry_states_a_date_the_text_does_not(tmp_path):
    data = copy_real_data(tmp_path)
    registry = data / "plans.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("2016-12-01", "2016-12-02"), encoding="utf-8")
    assert "p13: issue_date 2016-12-02 is not the date the text states (date lines found: 2016年12月1日)" in only(data)


def test_a_changed_source_is_reported_and_its_new_text_checked(tmp_path):
    """A changed text is still parsed (so that moved tasks can be named): what it now says
    against the registry is reported beside the change itself."""
    data = copy_real_data(tmp_path)
    source = data / "sources" / "003_70c5cfdcaffc58bd.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("2016年12月1日", "2016年12月2日"), encoding="utf-8")
    changed, date = sorted(problems(data), key=lambda m: "changed since" not in m)
    assert "003_70c5cfdcaffc58bd.txt: changed since it was recorded (SHA-256" in changed
    assert "sources are never edited" in changed
    assert "p13: issue_date 2016-12-01" in date and "tasks differ" not in date


def test_cli_writes_no_output_on_bad_input(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN.replace("(二)", "(三)")}, [entry("a", "a.txt")])
    out = tmp_path / "model.json"
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "dump", "--data", str(data), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "numbering out of order" in result.stderr
    assert not out.exists()


def test_manifest_refuses_what_the_build_would_refuse_and_records_nothing(tmp_path):
    """Issue 21: `manifest` recorded a GB18030, UTF-16, BOM, NUL or empty file without a word."""
    data = make_data(
        tmp_path,
        {"a.txt": SMALL_PLAN, "b.txt": SMALL_PLAN.encode("utf-16"), "c.txt": "\ufeff" + SMALL_PLAN, "d.txt": "x\x00y"},
        [entry("a", "a.txt")],
        manifest=False,
    )
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "manifest", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout
    assert "b.txt:1:1: not valid UTF-8" in result.stderr
    assert "c.txt:1: starts with a byte-order mark" in result.stderr
    assert "d.txt:1:2: control character U+0000 (NUL)" in result.stderr
    assert "a.txt" not in result.stderr and not (data / "manifest.yaml").exists()


@pytest.mark.parametrize(
    "source", ["/etc/passwd", "../../..", "../sources/a.txt", "sub/a.txt", "..", "a.md", "C:\\a.txt", "a.txt/"]
)
def test_registry_source_must_be_a_bare_name_inside_sources(tmp_path, source):
    """A source that leaves data/sources/ (or names something else than a .txt file in it) is a
    problem at its line, naming the field and the value — even when that path exists."""
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("a", "a.txt"), entry("b", source)])
    (data / "sources" / "sub").mkdir()
    (data / "sources" / "sub" / "a.txt").write_text(SMALL_PLAN, encoding="utf-8")
    registry = (data / "plans.yaml").read_text(encoding="utf-8").splitlines()
    line = [i for i, text in enumerate(registry, 1) if text.strip().startswith("source:")][1]
    shown = json.dumps(source, ensure_ascii=False)
    assert only(data) == (
        f"{data}/plans.yaml:{line}: plans[1].source: expected the name of a .txt file directly "
        f'inside data/sources/ (no directory, no "..", not absolute), found {shown}'
    )


def test_check_refuses_a_source_outside_sources_and_prints_no_ok(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("a", "a.txt"), entry("b", "/etc/passwd")])
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check", "--data", str(data)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "plans[1].source: expected the name of a .txt file directly inside data/sources/" in result.stderr
    assert '"/etc/passwd"' in result.stderr
    assert "ok" not in result.stdout.split()


def cut_p12(data, share: float) -> str:
    """Cut the 12th plan's source at ``share`` of its characters and record it; its last line."""
    source = data / "sources" / "002_99c0caddeb1bc252.txt"
    text = source.read_text(encoding="utf-8")
    cut = text[: int(len(text) * share)]
    source.write_text(cut, encoding="utf-8")
    write_manifest(data / "sources", data / "manifest.yaml")
    return cut


def test_source_cut_in_mid_sentence_is_refused_naming_its_last_line(tmp_path):
    data = copy_real_data(tmp_path)
    cut = cut_p12(data, 0.97)
    assert not cut.rstrip().endswith("。")
    last_line = cut.rstrip().count("\n") + 1
    registry = (data / "plans.yaml").read_text(encoding="utf-8").splitlines()
    entry_line = registry.index("  - id: p12") + 1
    message = only(data)
    assert message == (
        f"{data}/sources/002_99c0caddeb1bc252.txt:{last_line}: the text ends in mid-sentence: "
        f"its last paragraph ends 「…{cut.rstrip()[-20:]}」; expected sentence-final punctuation "
        "(。！？) or a closing date line — is the file cut short? (registered as p12 at "
        f"{data}/plans.yaml:{entry_line}; sources are never edited: restore the complete text)"
    )


def test_source_cut_at_a_sentence_end_is_caught_by_the_verified_task_count(tmp_path):
    data = copy_real_data(tmp_path)
    text = (data / "sources" / "002_99c0caddeb1bc252.txt").read_text(encoding="utf-8")
    end = text.rindex("。", 0, int(len(text) * 0.97)) + 1
    cut_p12(data, end / len(text))
    registry = (data / "plans.yaml").read_text(encoding="utf-8").splitlines()
    line = registry.index("    tasks: 34") + 1
    message, moved = problems(data)  # the count, and which recorded tasks are gone
    assert (
        "p12: the tasks differ" in moved
        and "deleted p12-9-7 「提升信息安全保障能力，构筑城市安全屏障」, p12-9-8 「" in moved
    )
    assert message.startswith(f"{data}/plans.yaml:{line}: p12: parsing {data}/sources/002_99c0caddeb1bc252.txt found 3")
    assert message.endswith(
        " tasks, but the registry says tasks: 34; expected the count a maintainer verified — "
        "check the text for damage, or record the new count after checking the tasks"
    )
    assert "found 34 tasks" not in message


@pytest.mark.parametrize(
    "ending", ["推进网上办理。", "推进网上办理！", "推进“网上办理。”", "（推进网上办理。）", "推进网上办理？"]
)
def test_sentence_final_endings_are_complete(tmp_path, ending):
    text = SMALL_PLAN.replace("推进网上办理。", ending)
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    assert len(load_corpus(data).plans[0].tasks) == 3


def test_work_points_closed_by_a_date_line_are_complete(corpus):
    plan = next(p for p in corpus.plans if p.id == "wp2009")
    assert plan.source.text.rstrip().endswith("二○○九年二月十六日")


def test_excerpts_may_end_anywhere(tmp_path):
    """An excerpt is a partial copy by nature: cut in mid-sentence, it is still recognised."""
    data = copy_real_data(tmp_path)
    source = data / "sources" / "004_874790fe7b601db2.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text[: text.rindex("。", 0, len(text) - 5) - 3], encoding="utf-8")
    write_manifest(data / "sources", data / "manifest.yaml")
    corpus = load_corpus(data)
    assert [e.source.name for e in corpus.excerpts] == ["004_874790fe7b601db2.txt"]
    assert not corpus.excerpts[0].source.text.endswith("。")


def test_registry_requires_the_verified_task_count(tmp_path):
    plan = entry("a", "a.txt")
    del plan["tasks"]
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [plan])
    assert only(data) == f"{data}/plans.yaml:10: plans[0]: missing required field 'tasks' (count)"


# ---------------------------------------------------------------- one safe YAML reader (schema.compose)


def edit(path, old: str, new: str) -> int:
    """Replace ``old`` (once) in a file; the 1-based line where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_year_written_as_a_string_names_field_type_and_value(tmp_path):
    data = copy_real_data(tmp_path)
    line = edit(data / "plans.yaml", "period: {start: 2006,", 'period: {start: "2006",')
    assert line == 28
    assert only(data) == (
        f'{data}/plans.yaml:28: plans[0].period.start: expected a year (integer), found the string "2006"'
    )


def test_a_period_that_runs_backwards(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("a", "a.txt", period={"start": 2005, "end": 2001})])
    assert only(data) == f"{data}/plans.yaml:15: plans[0].period: expected start <= end, found start 2005 and end 2001"


PYTHON_TAG = '!!python/object/apply:os.system ["touch {marker}"]'


def read_data_file(data, file: str):
    """Read one data file the way the build does (each through its own loader)."""
    from build_scripts.figures import curation as indicator_curation
    from build_scripts.language import concepts
    from build_scripts.lineage import curation, settings
    from build_scripts.website.load import load_site

    readers = {
        "plans.yaml": lambda: load_corpus(data),
        "manifest.yaml": lambda: load_corpus(data),
        "terms.yaml": lambda: load_site(data, with_lineage=False, with_indicators=False),
        "links.yaml": lambda: curation.load_curation(load_corpus(DATA), data / "links.yaml"),
        "lineage.yaml": lambda: settings.load_settings(data / "lineage.yaml"),
        "concepts.yaml": lambda: concepts.load_concepts(data / "concepts.yaml"),
        "indicators.yaml": lambda: indicator_curation.load_curation(data / "indicators.yaml"),
    }
    return readers[file]()


@pytest.mark.parametrize(
    "file, old, new",
    [
        ("plans.yaml", "title: 2009年北京市信息化工作要点", "title: " + PYTHON_TAG),
        ("terms.yaml", "explanation: 北京自1999年起", "explanation: " + PYTHON_TAG + "\n    x: 北京自1999年起"),
        ("links.yaml", "\nlinks:", "\nlinks: " + PYTHON_TAG + "\nx:"),
        ("lineage.yaml", "\nweights:", "\nx: " + PYTHON_TAG + "\nweights:"),
        ("concepts.yaml", "\nconcepts:", "\nx: " + PYTHON_TAG + "\nconcepts:"),
        ("indicators.yaml", "\nstatements:", "\nx: " + PYTHON_TAG + "\nstatements:"),
        ("manifest.yaml", "\nsources:", "\nx: " + PYTHON_TAG + "\nsources:"),
    ],
)
def test_a_python_tag_in_any_data_file_is_a_located_problem_and_never_runs(tmp_path, file, old, new):
    data = copy_real_data(tmp_path)
    marker = tmp_path / "ran"
    line = edit(data / file, old, new.replace("{marker}", str(marker))) + old.startswith("\n")
    with pytest.raises(DataError) as caught:
        read_data_file(data, file)
    found = [str(p) for p in caught.value.problems]
    assert found == [
        f"{data}/{file}:{line}: the tag !!python/object/apply:os.system is not allowed; expected plain "
        "YAML values (strings, numbers, dates, true/false, lists, mappings)"
    ]
    assert not marker.exists()


def test_a_duplicate_key_is_a_problem_not_the_last_one_winning(tmp_path):
    data = copy_real_data(tmp_path)
    line = edit(data / "plans.yaml", "    tasks: 34\n", "    tasks: 34\n    tasks: 32\n") + 1
    assert only(data) == (
        f'{data}/plans.yaml:{line}: duplicate key "tasks" (first at line {line - 1}); '
        "expected each key once per mapping"
    )


def test_a_duplicate_key_inside_a_flow_mapping(tmp_path):
    data = copy_real_data(tmp_path)
    edit(data / "plans.yaml", "period: {start: 2006, end: 2010}", "period: {start: 2006, start: 2007, end: 2010}")
    assert only(data) == (
        f'{data}/plans.yaml:28: duplicate key "start" (first at line 28); expected each key once per mapping'
    )


def test_a_syntax_error_is_located(tmp_path):
    data = copy_real_data(tmp_path)
    line = edit(data / "terms.yaml", "    term: 数字北京", "    term: [数字北京")
    from build_scripts.website.load import load_site

    with pytest.raises(DataError) as caught:
        load_site(data)
    [message] = [str(p) for p in caught.value.problems]
    assert message.startswith(f"{data}/terms.yaml:") and "not valid YAML" in message
    assert int(message.split(":")[1]) >= line


def test_a_list_instead_of_the_registry_mapping_is_the_one_problem(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("a", "a.txt")])
    registry = data / "plans.yaml"
    registry.write_text("# a comment\n- id: a\n- id: b\n", encoding="utf-8")
    assert only(data) == f"{data}/plans.yaml:2: plans.yaml: expected a mapping, found a list"


def test_problems_come_in_file_and_line_order(tmp_path):
    data = copy_real_data(tmp_path)
    kind = edit(data / "plans.yaml", "kind: work-points", "kind: points")
    edit(data / "plans.yaml", "period: {start: 2006,", 'period: {start: "2006",')
    source = data / "sources" / "003_70c5cfdcaffc58bd.txt"
    source.write_text(source.read_text(encoding="utf-8") + "改", encoding="utf-8")
    found = problems(data)
    assert [p.split(": ")[0].rsplit("/", 1)[1] for p in found] == [
        "plans.yaml:28",
        f"plans.yaml:{kind}",
        "003_70c5cfdcaffc58bd.txt",
    ]


def test_a_data_file_that_is_not_utf8_is_located(tmp_path):
    data = copy_real_data(tmp_path)
    registry = data / "plans.yaml"
    registry.write_bytes(registry.read_bytes().replace("2009年北京市".encode(), "2009年北京市".encode("gbk")))
    message = only(data)
    assert message == (f"{data}/plans.yaml:39: not valid UTF-8 (byte 0xc4 at offset 1483); expected a UTF-8 YAML file")


# ---------------------------------------------------------------- line endings and special characters


def test_crlf_is_a_line_break_reported_once_per_file_with_its_count(tmp_path):
    from build_scripts.__main__ import summary
    from build_scripts.website.load import load_site
    from build_scripts.website.pages.plans import sources

    crlf = SMALL_PLAN.replace("\n", "\r\n")
    data = make_data(tmp_path, {"a.txt": crlf}, [entry("a", "a.txt")])
    corpus = load_corpus(data)
    lf = load_corpus(make_data(tmp_path / "lf", {"a.txt": SMALL_PLAN}, [entry("a", "a.txt")]))
    assert [(t.id, t.title, [b.text for b in t.body], [b.span.line for b in t.body]) for t in corpus.tasks] == [
        (t.id, t.title, [b.text for b in t.body], [b.span.line for b in t.body]) for t in lf.tasks
    ]
    notes = [line for line in summary(corpus).splitlines() if line.startswith("note:")]
    assert SMALL_PLAN.count("\n") == 9
    assert notes == ["note: a.txt: 9 line breaks CR LF, read as line breaks"]
    page = sources(load_site(data, with_lineage=False, with_terms=False, with_indicators=False))
    assert page.count("换行符：") == 1
    assert "- 换行符：9 处换行为 CR LF（Windows 格式），按换行读取" in page
    assert "特殊字符" not in page


def test_a_lone_cr_is_a_line_break_too(tmp_path):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN.replace("\n", "\r")}, [entry("a", "a.txt")])
    corpus = load_corpus(data)
    assert [b.span.line for t in corpus.tasks for b in t.body] == [6, 7, 9]


def test_a_problem_in_a_crlf_file_has_the_right_line_and_column(tmp_path):
    text = SMALL_PLAN.replace("推进网上办理。", "推进网上办理）。").replace("\n", "\r\n")
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    assert only(data).endswith("a.txt:9:16: unbalanced ）: expected no closing mark here")


def test_each_special_character_is_listed_once_with_count_and_first_position(tmp_path):
    from build_scripts.__main__ import summary
    from build_scripts.website.load import load_site
    from build_scripts.website.pages.plans import sources

    text = (
        SMALL_PLAN.replace("加快宽带", "加快\ue010宽带")
        .replace("推进网上", "推进\ue010网上")
        .replace("统筹规划", "统筹\u200b规划")
    )
    data = make_data(tmp_path, {"a.txt": text}, [entry("a", "a.txt")])
    corpus = load_corpus(data)
    notes = [line for line in summary(corpus).splitlines() if line.startswith("note:")]
    assert notes == [
        "note: a.txt:3:5: U+200B (Cf) is kept as received; it may not display",
        "note: a.txt:6:3: U+E010 (Co) is kept as received; it may not display (2 times; the first is shown)",
    ]
    page = sources(load_site(data, with_lineage=False, with_terms=False, with_indicators=False))
    assert page.count("特殊字符：") == 2
    assert (
        "- 特殊字符：`U+E010`（私用区字符）共 2 处，首次出现在第 6 行第 3 列，按原样保留，"
        "没有通用字形、含义不明，本站正文中以〓标出"
    ) in page
    assert "- 特殊字符：第 3 行第 5 列为 `U+200B`（不可见或未分配字符），按原样保留，浏览器中可能无法正常显示" in page


def test_registry_series_is_a_name_and_defaults_to_the_main_one(tmp_path):
    plans = [entry("a", "a.txt"), entry("b", "b.txt", series="海淀区")]
    data = make_data(tmp_path / "ok", {"a.txt": SMALL_PLAN, "b.txt": SMALL_PLAN}, plans)
    assert [p.meta.series for p in load_corpus(data).plans] == ["", "海淀区"]
    bad = make_data(tmp_path / "bad", {"a.txt": SMALL_PLAN}, [entry("a", "a.txt", series=5)])
    with pytest.raises(DataError, match=r"plans\.yaml:\d+: .*series"):
        load_corpus(bad)
