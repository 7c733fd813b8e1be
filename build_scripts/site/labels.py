"""Every Chinese label of the site's own making, in one place.

Pipeline place: the site layer's vocabulary. Templates and page producers say 序言, 主要任务,
编号条目 … through these tables; the lower layers keep only the keys (enums and ids).
"""

from __future__ import annotations

from ..core import model
from ..core.model import ContextKind, SectionRole, TaskForm

CONTEXT_LABELS = {
    ContextKind.PREAMBLE: "序言",
    ContextKind.BACKGROUND: "背景",
    ContextKind.GUIDING_IDEAS: "指导思想",
    ContextKind.PRINCIPLES: "原则",
    ContextKind.GOALS: "目标",
    ContextKind.GENERAL: "总体要求",
}


ROLE_LABELS = {
    SectionRole.PREAMBLE: "序言",
    SectionRole.TOC: "目录",
    SectionRole.CONTEXT: "背景与目标",
    SectionRole.TASKS: "主要任务",
    SectionRole.SAFEGUARDS: "保障措施",
}


FORM_LABELS = {
    TaskForm.ITEM: "编号条目",
    TaskForm.LEAD: "导语段落",
    TaskForm.SECTION: "整节任务",
    TaskForm.CLAUSE: "首句标题段落",
}


KIND_LABELS = {model.PlanKind.FIVE_YEAR: "五年规划", model.PlanKind.WORK_POINTS: "年度工作要点"}


DIFFERENCE_LABELS = {
    model.DifferenceKind.WIDTH: "全角/半角标点",
    model.DifferenceKind.DASH: "破折号/连字符",
    model.DifferenceKind.LINE_BREAK: "换行",
    model.DifferenceKind.WORDING: "措辞",
}


INTRO_LABEL = "导言"  # paragraphs of a task section that has subsections
