"""The site's navigation, from the model: home, the plans in time order with their chapters,
the glossary, figures, policy lines, about; and the pages of 维护与方法 (:data:`MAINTENANCE`),
which the footer lists.

Pipeline place: ``pages.build`` returns it with the pages; the MkDocs plugin sets it as
``config.nav`` and ``write-docs`` writes it into ``mkdocs.yml``.
"""

from __future__ import annotations

from ..core.model import Plan, Section
from . import escaping
from .dataset import CHANGELOG_PAGE
from .load import Site
from .urls import (
    ABOUT_PAGE,
    HOME_PAGE,
    INDICATORS_INDEX,
    LINEAGE_PAGE,
    PLANS_INDEX,
    REVIEW_PAGE,
    SOURCES_PAGE,
    TERMS_INDEX,
    TOPICS_INDEX,
    full_text_page,
    overview_page,
)
from .views import is_page, page_label, plan_label

PERFORMANCE_PAGE = "performance.md"  # hand-written (docs/); see perf_page.py

#: 维护与方法: how the site is made and kept, for maintainers and the curious — About (in the
#: navigation, the section's entry), the editors' review, the open data's versions, the
#: benchmarks, the received texts. Linked from every page's footer and from About, never from
#: the navigation's other entries (readers' pages come first).
MAINTENANCE = (
    ("关于与方法", ABOUT_PAGE, "本站如何解析、链接、检索和发布规划文本"),
    ("脉络审定", REVIEW_PAGE, "编者逐条审定跨规划链接的进度、结果和标准"),
    ("开放数据版本", CHANGELOG_PAGE, "开放数据的各个版本及每次的变化"),
    ("性能", PERFORMANCE_PAGE, "构建、页面和搜索的实测数字"),
    ("来源文件", SOURCES_PAGE, "收到的原始文本、校验值和摘录本的差异"),
)


def maintenance(site: Site) -> tuple[tuple[str, str, str], ...]:
    """The pages of :data:`MAINTENANCE` this site has (a site without lineage has no review,
    one without a dataset no changelog): (label, page path, what it holds)."""
    missing = {REVIEW_PAGE: site.lineage is None, CHANGELOG_PAGE: site.dataset is None}
    return tuple(entry for entry in MAINTENANCE if not missing.get(entry[1], False))


#: Hand-written pages (docs/) outside the navigation: both adapters mark them so.
OUTSIDE_NAV = (PERFORMANCE_PAGE,)


def nav(site: Site) -> list:
    """The navigation: home, the plans in chronological order with Chinese labels, terms, figures,
    lines, about.

    Every label is a title (``escaping.title``): MkDocs and the theme treat it as HTML."""
    plans = sorted(site.corpus.plans, key=lambda p: (p.meta.start_year, p.meta.end_year))
    return [
        {"首页": HOME_PAGE},
        {
            "规划文本": [{"全部规划": PLANS_INDEX}]
            + [{nav_title(plan_label(plan)): plan_nav(site, plan)} for plan in plans]
        },
        *([{"术语": TERMS_INDEX}] if site.annotations is not None else []),
        # One entry: the per-plan tables are linked from it and from each plan's overview
        # (listing them here would add every plan again to every page's sidebar).
        *([{"指标": INDICATORS_INDEX}] if site.indicators is not None else []),
        # 专题脉络: the topic index; the topic pages themselves are linked from it (topics.py)
        *(
            [
                {
                    "跨规划脉络": [{"总览": LINEAGE_PAGE}, {"专题脉络": TOPICS_INDEX}]
                    if site.topics is not None
                    else LINEAGE_PAGE
                }
            ]
            if site.lineage is not None
            else []
        ),
        {"关于与方法": ABOUT_PAGE},  # the entry of 维护与方法 (MAINTENANCE: the footer lists the rest)
    ]


def plan_nav(site: Site, plan: Plan) -> list:
    entries: list = [{"概览": overview_page(plan.id)}]
    entries += [section_nav(site, section) for section in plan.sections]
    entries.append({"原文": full_text_page(plan.id)})
    return entries


def section_nav(site: Site, section: Section) -> dict:
    page = site.sitemap.target(section.key).page
    children = [s for s in section.subsections if is_page(site, s)]
    if not children:
        return {nav_title(page_label(section)): page}
    return {nav_title(page_label(section)): [{"本部分导言": page}] + [section_nav(site, s) for s in children]}


nav_title = escaping.title  # a navigation label is HTML text for MkDocs and the theme
