"""Make small data/ directories (registry, sources, manifest) for tests of bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from build_scripts.core.paths import DATA
from build_scripts.ingest.sources import manifest_content

PROFILE = {"paragraph_break": "newline", "levels": ["chapter", "section", "point"], "page_level": "chapter"}


def entry(plan_id: str, source: str, **overrides) -> dict:
    base = {
        "id": plan_id,
        "title": f"测试规划{plan_id}",
        "short_name": plan_id,
        "kind": "five-year-plan",
        "period": {"start": 2001, "end": 2005},
        "source": source,
        "profile": "lined",
        "task_sections": [2],
        "tasks": 3,  # SMALL_PLAN's tasks
    }
    base.update(overrides)
    return base


def make_data(tmp_path: Path, texts: dict[str, str | bytes], plans: list[dict], manifest: bool = True) -> Path:
    """A data dir with the given source texts and registry entries; manifest recorded."""
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    for name, text in texts.items():
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        (data / "sources" / name).write_bytes(raw)
    registry = {"profiles": {"lined": PROFILE}, "plans": plans}
    (data / "plans.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if manifest:
        # recorded as the files are, bad ones too (write_manifest would refuse those): the
        # tests are about what the build says of them
        (data / "manifest.yaml").write_text(manifest_content(data / "sources"), encoding="utf-8")
    return data


def copy_real_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


SMALL_PLAN = """测试规划
一、总体要求
坚持统筹规划，推进信息化发展。
二、主要任务
(一)建设基础设施
加快宽带网络建设。建设覆盖城乡的光纤网络，推进三网融合。
推进物联网应用。在交通领域部署传感设施，提升城市管理水平。
(二)完善公共服务
整合政务服务信息，推进网上办理。
"""
