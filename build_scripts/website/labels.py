"""Every Chinese label of the site's own making, in one place.

Pipeline place: the site layer's vocabulary. Templates and page producers say 序言, 主要任务,
编号条目 … through these tables; the lower layers keep only the keys (enums and ids).
Exceptions, kept where they are made: the lineage labels themselves (``lineage.graph.LABELS``:
新增, 延续 …, which are also the keys of the tables below and are written into the open
data), and the qualifier words of figures (``figures.indicators.QUALIFIER_WORDS``, which the
extraction rules map to).
"""

from __future__ import annotations

from ..core import model
from ..core.model import ContextKind, SectionRole, TaskForm
from ..figures.statements import Kind
from ..language.terms import TermCategory
from ..lineage.graph import ADDED, CONFIRMED, CONTINUED, DISCONTINUED, MERGED, NEW, RELATED, SPLIT, STRONG, WEAK

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


CATEGORY_LABELS = {
    TermCategory.PROGRAMME: "战略与工程",
    TermCategory.INFRASTRUCTURE: "基础设施",
    TermCategory.TECHNOLOGY: "技术",
    TermCategory.SERVICE: "公共服务与应用",
    TermCategory.GOVERNANCE: "治理与机制",
    TermCategory.ECONOMY: "经济与产业",
    TermCategory.SECURITY: "信息安全",
}  # the glossary's categories (terms.TermCategory)


# A plan's facts on its overview (plan_views.plan_facts), and where each comes from.
FACT_LABELS = {"issuer": "发文机关", "doc_number": "文号", "issue_date": "印发日期", "official_url": "官方发布地址"}
FROM_TEXT = "据原文"  # the received text states it (and the build checks it against the text)
FROM_NOTE = "维护者记录"  # recorded in data/plans.yaml with its source: not in the text
NOT_IN_TEXT = "原文未载"  # neither: nothing is guessed
NOT_RECORDED = "未记录"  # the official address: no maintainer has recorded it

INDICATOR_KINDS = {Kind.BASELINE: "基数", Kind.TARGET: "目标"}  # figures (indicators.Kind)


# ---------------------------------------------------------------- lineage (lineage_views, templates)

SETTING_MEANINGS = {
    "weights": {
        "title": "任务标题（导语句或小节标题）中词语的权重",
        "body": "任务正文中词语的权重",
        "headings": "所在各级章节标题中词语的权重",
        "policy_term": "政策词典（术语表）中的词语的加权倍数",
        "boilerplate": "套话词语（如“加强”“推进”）的倍数，0 表示不计",
        "title_share": "总分中“标题相似度”所占的比重，其余为全文相似度",
        "title_headings": "标题相似度中所在章节标题的权重",
    },
    "thresholds": {
        "floor": "最低分数（加权词向量的余弦相似度，0–1）",
        "ratio": "须达到同一份更早规划中最佳候选分数的比例",
        "per_plan": "每份更早规划中最多保留的前序任务数",
        "min_shared": "至少共享的区分性词语数",
        "distinctive_df": "区分性词语的文档频率上限（占全部任务的比例）",
        "terms_shown": "每条链接列出的共同词数",
        "reverse_ratio": "反向检查：分数须达到该前序任务在本规划中最佳后续分数的比例（0 为不检查）",
        "min_z": "校准：分数须高于竞争候选平均分的标准差倍数（双向）",
        "extra_rank": "同一规划中的第二、三项前序，须把本任务排在它的前几名后续之内（0 为不检查）",
    },
    "evidence": {
        "floor": "链接的最佳分句对须达到的相似度（分句的区分性词向量的余弦）",
        "rescue": "分数低于下限的最佳候选，若最佳分句对达到此相似度……",
        "rescue_z": "……且分数在双向都高出竞争候选平均分这么多个标准差……",
        "rescue_score": "……且分数不低于此值，也连为链接",
        "strong_cover": "证据词语在前序任务主题分句中所占权重达到此比例，标为“强”",
        "strong_programme": "共有的政策术语在本任务词语中所占权重达到此比例，标为“强”",
    },
}


# Each column's meaning; ``{}`` marks a value as written in the file (shown as code).
CSV_MEANINGS = {
    "predecessor": ("前序任务（较早规划）的编号", ()),
    "successor": ("后续任务（较晚规划）的编号", ()),
    "predecessor_plan": ("前序任务所属规划的代号", ()),
    "successor_plan": ("后续任务所属规划的代号", ()),
    "score": ("分数（0–1，保留 4 位小数）", ()),
    "origin": ("{}（程序计算，未审定）、{}（编者确认）或 {}（编者补充）", ("auto", "confirmed", "added")),
    "strength": ("{}（强）或 {}（弱）", ("strong", "weak")),
    "terms": ("共同词，以 {} 分隔，最有区分力的在前", ("|",)),
    "successor_evidence": (
        "后续任务中证据分句的位置，如 {}（字段:起-止，从 0 起、不含止），几处以 {} 分隔",
        ("text:12-30", ";"),
    ),
    "predecessor_evidence": ("前序任务中证据分句的位置，格式同上", ()),
    "note": ("编者按", ()),
}


STRENGTH_ZH = {STRONG: "强", WEAK: "弱"}
STRENGTH_MEANINGS_ZH = {
    STRONG: "前序任务的主题在本任务中延续，或一项具名的工程、网络、系统延续下来并构成本任务的重要部分",
    WEAK: "本任务的主题在前序任务中只是一项次要条款（例如年度要点打包的多项措施之一），且该规划中没有更强的前序",
}
REVIEWED_ZH = "编者审定"
REVIEWED_MEANING_ZH = "编者对照两份规划的原文审定了这条链接；“编者按”说明延续的是什么"
RELATED_ZH = "相关条款"
# An earlier plan the editors read in full without finding a predecessor (a `none` decision)
NO_PREDECESSOR_ZH = "通读未见前序"
NO_PREDECESSOR_MEANING_ZH = "编者通读这份规划，认定其中没有本任务的前序。"
LEGEND_ZH = "标记说明"  # the legend of a task's 前序与后续 panel, after its links
RELATED_MEANING_ZH = "两项任务在次要条款中涉及同一措施，但不是本任务主题的延续，因此不列为前序或后续"
# How a task of a policy line stands to the page's task (lineage_views.LineNode.role) and
# what a line of the diagram is (LineEdge.kind)
LINE_ROLE_ZH = {"focus": "本任务", "ancestor": "前序", "descendant": "后续", "related": RELATED_ZH}
EDGE_ZH = {STRONG: "强", WEAK: "弱", RELATED: "相关条款"}
# What a task of another domain is to a topic page's task (Relation.role), before its title
OUTSIDE_ROLE_ZH = {"predecessor": "前序", "successor": "后续", "related": "相关条款"}


# How the compare view states a link's evidence-based strength and its review (Link fields)
EVIDENCE_STRENGTH_ZH = {STRONG: "强：" + STRENGTH_MEANINGS_ZH[STRONG], WEAK: "弱：" + STRENGTH_MEANINGS_ZH[WEAK]}
REVIEW_ZH = {CONFIRMED: "确认", ADDED: "补充"}
# What the review queue proposes for a candidate (Proposal.published) and for a pair it links nothing in
PROPOSED_ZH = {True: "建议确认（程序发布此链接）", False: "可补充"}
PROPOSED_NONE_ZH = "程序在该规划中不发布链接，建议“无前序”"


LABEL_MEANINGS_ZH = {
    NEW: "在任何更早的规划中都没有前序任务",
    CONTINUED: "承接至少一项更早规划的任务",
    MERGED: "在同一份更早的规划中有多项前序（几项工作并为一项）",
    SPLIT: "在同一份以后的规划中有多项后续（一项工作分为几项）",
    DISCONTINUED: "在下一份规划中没有后续（最后一份规划的任务不计）",
}


# ---------------------------------------------------------------- search (site/search, search-ui.js)

SEARCH_KINDS = {
    "task": "任务",
    "section": "条文",
    "plan": "规划",
    "term": "术语",
    "indicator": "指标",
    "line": "脉络",
    "text": "原文",
}  # a result's kind on its card, and the kind filter (search.documents.Kind)

SEARCH_LABELS = {
    "variants": "又称：",
    "earlier": "曾用名：",
    "later": "后称：",
    "terms": "术语",
    "indicators": "指标",
    "topics": "专题脉络",
    "line": "政策脉络",
    "full_text": "原文",
    "line_number": "（第 {} 行）",
    "paragraph": "（第 {} 段）",
    "excerpt": "{}摘录（{}）",
    "sources": "来源文件",
}  # the lines a term's search document adds to its explanation, and the crumbs of documents outside the plans

# The dataset's one-sentence description (schema.org Dataset on the changelog page): its span
# and number of plans come from the corpus, as every text that states the span does.
DATASET_DESCRIPTION_ZH = (
    "{start}–{end} 年北京市 {count} 份信息化规划中的任务（逐字照录）、跨规划的前序与后续链接及其证据、术语和指标数字。"
)
