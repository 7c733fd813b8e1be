"""A small made-up project whose every kind of text field carries a given payload, built
with the real ``mkdocs build`` (for the escaping property test and its browser test).

Fields (``FIELDS``): the plan's title and short name (registry), a chapter heading (a page
of its own), a section heading, a task's lead, a task's body, a term's name (kept with
``absent: true``) and explanation, a curated link's note and an indicator's name. The
payload sits inside each text, so the parser's rules (numbering, leads, sentence ends,
paired brackets) see the same document whatever it is; ``SOURCE_SAFE`` says which
characters may go into the plan text at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from build_scripts.core.paths import DATA, ROOT
from build_scripts.ingest.corpus import write_task_record
from build_scripts.ingest.sources import write_manifest

PROJECT_PARTS = ("mkdocs.yml", "build_scripts", "docs", "overrides", "benchmarks")
FIELDS = ("plan_title", "chapter", "section", "lead", "body", "term", "explanation", "note", "indicator")
IN_SOURCE = ("chapter", "section", "lead", "body")
# Characters the plan text may not take from a payload: line breaks (a new paragraph),
# brackets and quotes (they must pair up across the text), 。 (it ends a lead or turns a
# heading into a work item) and clause marks (a lead has none).
NOT_IN_SOURCE = set("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029。，；：,;:") | set("（）()《》〈〉“”‘’〔〕【】「」[]")

PLAN_A = """测试规划甲
一、总体要求
坚持统筹规划，推进信息化发展。固定电话用户数达到1070万户。
二、主要{chapter}任务
(一)建设{section}基础设施
加快宽带{lead}网络建设。建设覆盖城乡的光纤网络，推进三网融合{body}，提升城市管理水平。
推进物联网应用。在交通领域部署传感设施，提升城市服务水平。
(二)完善公共服务
整合政务服务信息，推进网上办理。
"""
PLAN_B = """测试规划乙
一、发展形势
信息技术日新月异，数字经济蓬勃发展。
二、重点工作
(一)发展智慧交通
建设交通信息平台。实时发布路况信息，方便市民出行。
(二)加强数据开放
开放公共数据资源。鼓励社会力量开发利用政务数据。
"""


def entry(plan_id: str, title: str, short_name: str, start: int, tasks: int) -> dict:
    return {
        "id": plan_id,
        "title": title,
        "short_name": short_name,
        "kind": "five-year-plan",
        "period": {"start": start, "end": start + 4},
        "issuer": None,
        "doc_number": None,
        "issue_date": None,
        "source": f"{plan_id}.txt",
        "profile": "lined",
        "task_sections": [2],
        "tasks": tasks,
    }


def make_project(dest: Path) -> Path:
    """The project's code, pages and theme overrides (no data yet) in ``dest``."""
    ignore = shutil.ignore_patterns("__pycache__")
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        else:
            shutil.copy2(source, dest / part)
    return dest


def write_data(project: Path, payload: dict[str, str]) -> None:
    """``project/data`` for the made-up corpus with ``payload[field]`` in each field."""
    data = project / "data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "sources").mkdir(parents=True)
    for name in ("lineage.yaml", "concepts.yaml"):
        shutil.copy2(DATA / name, data / name)
    (data / "sources" / "a.txt").write_text(PLAN_A.format(**{f: payload[f] for f in IN_SOURCE}), encoding="utf-8")
    (data / "sources" / "b.txt").write_text(PLAN_B, encoding="utf-8")
    dump(
        data / "plans.yaml",
        {
            "profiles": {
                "lined": {
                    "paragraph_break": "newline",
                    "levels": ["chapter", "section", "point"],
                    "page_level": "chapter",
                }
            },
            "plans": [
                entry("a", "测试规划甲" + payload["plan_title"], "甲规划" + payload["plan_title"], 2001, 3),
                entry("b", "测试规划乙", "乙规划", 2006, 2),
            ],
        },
    )
    dump(
        data / "terms.yaml",
        {
            "terms": [
                {
                    "id": "iot",
                    "term": "物联网",
                    "category": "technology",
                    "variants": [],
                    "explanation": "说明" + payload["explanation"],
                },
                {
                    "id": "payload-term",
                    "term": "词条" + payload["term"],
                    "category": "technology",
                    "variants": [],
                    "explanation": "解释" + payload["explanation"],
                    "absent": True,
                },
            ]
        },
    )
    dump(
        data / "links.yaml",
        {
            "links": [
                {
                    "successor": "b-2-1-1",
                    "predecessor": "a-2-1-1",
                    "decision": "add",
                    "strength": "strong",
                    "note": "备注" + payload["note"],
                }
            ]
        },
    )
    dump(
        data / "indicators.yaml",
        {
            "statements": [
                {
                    "plan": "a",
                    "quote": "固定电话用户数达到1070万户",
                    "action": "correct",
                    "indicator": "指标" + payload["indicator"],
                }
            ]
        },
    )
    write_manifest(data / "sources", data / "manifest.yaml")
    write_task_record(data)


def dump(path: Path, value) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the project into ``site`` (the project's own code)."""
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="315532800")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
