"""Stage 4: the model → the site's Markdown pages, navigation and page fragments.

Pipeline place: ``corpus.load_corpus`` parses ``data/``; this module turns the parsed
:class:`~build_scripts.core.model.Corpus` into MkDocs pages. It writes nothing to disk:
``hooks.py`` (declared in ``mkdocs.yml``) calls :func:`load_site` in ``on_config``,
:func:`nav` for the navigation, :func:`pages` in ``on_files`` (virtual files) and
:func:`fill_markers` in ``on_page_markdown`` (generated fragments in hand-written pages).

All Markdown comes from the Jinja2 templates in ``build_scripts/templates/`` (one
environment, ``StrictUndefined``). Every link goes through :class:`urls.SiteMap`.
Verbatim source text is only ever emitted through the ``html`` filter into raw HTML
blocks that Markdown leaves alone (``markdown="0"``); titles in headings and link texts
go through the ``md`` filter, attribute values through ``attr``, navigation labels through
``nav_title`` — all of them ``escaping.py``, the one rule. ``tests/test_render_escaping.py``
proves them literal at the page level, ``tests/test_escaping_property.py`` in the built site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core import model, timing
from ..core.model import Block, BlockKind, ContextKind, Corpus, Plan, Section, SectionRole, Task, TaskForm
from ..core.paths import DATA, TEMPLATES
from ..figures.indicators import KIND_LABELS as INDICATOR_KINDS
from ..figures.indicators import Indicators
from ..figures.indicators import build as build_indicators
from ..ingest.corpus import load_corpus
from ..ingest.sources import line_breaks, special_characters
from ..language.annotate import Annotations, annotate
from ..language.concepts import load_concepts
from ..language.segment import Segmenter, load_dictionary, segmenter
from ..language.terms import CATEGORY_LABELS, load_terms
from ..lineage.cache import cached_lineage
from ..lineage.link import STRONG, Lineage, load_settings
from . import escaping, html_blocks, lineage_views, perf_page, termmarks
from .dataset import Dataset, load_dataset
from .topics import TITLE_WEIGHT as TOPIC_TITLE_WEIGHT
from .topics import Topics
from .topics import build as build_topics
from .urls import (
    ABOUT_PAGE,
    HOME_PAGE,
    INDICATORS_INDEX,
    LINEAGE_PAGE,
    PLANS_INDEX,
    SOURCES_PAGE,
    TERMS_INDEX,
    TOPICS_INDEX,
    SiteMap,
    Target,
    full_text_page,
    html_relative,
    indicator_plan_page,
    lineage_page,
    overview_page,
    relative,
    source_download,
    term_page,
    topic_page,
)

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
MARKER = re.compile(r"<!--\s*([a-z][a-z0-9-]*)\s*-->")


# ---------------------------------------------------------------- escaping filters
# The one rule (escaping.py): the template filters ``html``, ``md``, ``cell`` and ``attr``
# (an attribute value: one line, every character that could end it escaped).
escape_html = escaping.lines
escape_md = escaping.markdown_inline
escape_cell = escaping.markdown_cell


def visible(text: str) -> str:
    """Whitespace made visible for the differences table (``↵`` line break, ``␣`` space)."""
    if not text:
        return "（无）"
    return text.replace("\n", "↵").replace(" ", "␣").replace("\u3000", "□")


# ---------------------------------------------------------------- the site model


@dataclass
class Site:
    """The corpus with what the templates look up: site map, sections by key, parents."""

    corpus: Corpus
    sitemap: SiteMap
    sections: dict[str, Section] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    lineage: Lineage | None = None
    annotations: Annotations | None = None  # term hits (annotate.py); None: no term marks or pages
    indicators: Indicators | None = None  # figures (indicators.py); None: no figure marks or 指标 pages
    line_years: int = 0  # policy lines show the plans within this many years (link settings' lookback_years)
    dataset: Dataset | None = None  # the open dataset's name, version and releases (data/dataset.yaml)
    plan_rank: dict[str, int] = field(default_factory=dict)  # plan id → corpus position
    segmenter: Segmenter | None = None  # words of the compare view; None: made when first needed
    comparisons: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)  # comparison_html
    lineage_hrefs: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)  # lineage_href
    topics: Topics | None = None  # topic lines (topics.py); None: no topic pages, labels link nowhere

    def __post_init__(self) -> None:
        for rank, plan in enumerate(self.corpus.plans):
            self.plans[plan.id] = plan
            self.plan_rank[plan.id] = rank
            self.tasks.update((task.id, task) for task in plan.tasks)
            for section in plan.sections:
                self._index(section, None)

    @property
    def hits(self) -> Annotations:
        """The term hits, for the pages that exist only with them (term pages)."""
        if self.annotations is None:
            raise ValueError("this site was built without terms (with_terms=False)")
        return self.annotations

    @property
    def figures(self) -> Indicators:
        """The figures, for the pages that exist only with them (指标 pages)."""
        if self.indicators is None:
            raise ValueError("this site was built without figures (with_indicators=False)")
        return self.indicators

    def _index(self, section: Section, parent: str | None) -> None:
        self.sections[section.key] = section
        self.parents[section.key] = parent
        for child in section.subsections:
            self._index(child, section.key)

    def ancestors(self, key: str) -> list[Section]:
        """Enclosing sections of a section key, outermost first (the section excluded)."""
        out: list[Section] = []
        parent = self.parents.get(key)
        while parent is not None:
            out.insert(0, self.sections[parent])
            parent = self.parents[parent]
        return out


@dataclass(frozen=True)
class LinkView:
    """One link as a task block shows it: the other task, how strong, why, and the
    editor's review (every published link is reviewed; ``note`` is the 编者按)."""

    task: Task
    strength: str  # STRONG or WEAK (link.py)
    score: float
    terms: tuple[str, ...]
    reviewed: bool
    note: str


def topic_of_label(site: Site, label: str) -> str | None:
    """The concept id of a concept label shown with a link (【…】), if it has a topic page."""
    if site.topics is None or not label.startswith("【"):
        return None
    return site.topics.by_label(label)


def word_cut(site: Site):
    """The compare view's word cut (``Segmenter.tokens``: verbatim, cached per text)."""
    if site.segmenter is None:
        site.segmenter = segmenter()
    return site.segmenter.tokens


def lineage_href(site: Site, target: Target) -> str:
    """A raw-HTML link from any lineage page (they all lie at ``lineage/<id>/``) to
    ``target``, made once per target: comparisons name the same terms and tasks again and
    again, and a dense corpus has tens of thousands of them."""
    key = (target.page, target.anchor)
    found = site.lineage_hrefs.get(key)
    if found is None:
        found = site.lineage_hrefs[key] = html_relative(lineage_page("x"), target)
    return found


def comparison_html(site: Site, pair: lineage_views.Pair) -> str:
    """The HTML of one comparison (``_compare_block.md.j2``), rendered once per pair of
    tasks although a directly linked pair is on both their lineage pages: those pages lie
    at the same depth (``lineage/<id>/``), so the relative links in it are the same on both."""
    key = (pair.earlier.id, pair.later.id)
    found = site.comparisons.get(key)
    if found is None:
        found = site.comparisons[key] = render_template(
            "_compare_block.md.j2", site=site, pair=pair, page=lineage_page(pair.later.id)
        )
    return found


def link_groups(site: Site, task: Task, later: bool) -> list[tuple[Plan, list[LinkView]]]:
    """A task's predecessors (``later`` False) or successors, grouped by plan in time order,
    strong links first."""
    if site.lineage is None:
        return []
    links = site.lineage.successors(task.id) if later else site.lineage.predecessors(task.id)
    by_plan: dict[str, list[LinkView]] = {}
    for link in sorted(links, key=lambda l: (l.strength != STRONG, -l.score)):  # only the task's links
        other = site.tasks[link.successor if later else link.predecessor]
        by_plan.setdefault(other.plan_id, []).append(
            LinkView(other, link.strength, link.score, link.terms, bool(link.review), link.note)
        )
    return [(site.plans[plan_id], by_plan[plan_id]) for plan_id in sorted(by_plan, key=site.plan_rank.__getitem__)]


@dataclass(frozen=True)
class Run:
    """A stretch of a section's content: consecutive blocks, or one section or task."""

    kind: str  # "blocks", "section" or "task"
    nodes: tuple


def runs(content: tuple) -> list[Run]:
    """Group a section's content so consecutive context blocks share one box."""
    out: list[Run] = []
    for node in content:
        if isinstance(node, Block):
            if out and out[-1].kind == "blocks":
                out[-1] = Run("blocks", out[-1].nodes + (node,))
            else:
                out.append(Run("blocks", (node,)))
        else:
            out.append(Run("section" if isinstance(node, Section) else "task", (node,)))
    return out


def block_label(section: Section) -> str:
    """How context blocks directly in a section are labelled."""
    if section.role == SectionRole.TOC:
        return ROLE_LABELS[SectionRole.TOC]
    if section.context is not None:
        return CONTEXT_LABELS[section.context]
    return INTRO_LABEL


def section_heading(section: Section) -> str:
    """A section's heading as printed (label and title)."""
    return section.heading.text


def task_heading(task: Task) -> str:
    """A task's heading: the printed section heading for section tasks, else its title."""
    return task.heading.text if task.heading is not None else task.title


def plan_label(plan: Plan) -> str:
    meta = plan.meta
    years = str(meta.start_year) if meta.start_year == meta.end_year else f"{meta.start_year}–{meta.end_year}"
    return f"{meta.short_name}（{years}）"


def page_label(section: Section) -> str:
    """A section's label in the navigation: 第一部分　规划背景, 八、宽带化设施提升, 序言."""
    if section.numbering == model.Numbering.PART:
        return f"{section.label}　{section.title}"
    return f"{section.label}{section.title}"


def is_page(site: Site, section: Section) -> bool:
    return site.sitemap.target(section.key).anchor == ""


def tasks_on_page(site: Site, section: Section) -> tuple[Task, ...]:
    """The tasks a section's page shows itself (not those on its sub-pages)."""
    page = site.sitemap.target(section.key).page
    return tuple(t for t in section.tasks if site.sitemap.target(t.id).page == page)


def contents_note(section: Section) -> str:
    """What a section holds, said in the list of sub-pages: its tasks, or else what its
    paragraphs are (背景, 目标 …) and how many — never "0 项任务"."""
    if section.tasks:
        return f"{len(section.tasks)} 项任务"
    paragraphs = sum(1 for node in section.walk() if isinstance(node, model.Block))
    kind = CONTEXT_LABELS[section.context] if section.context is not None else ROLE_LABELS[section.role]
    return f"{kind}，{paragraphs} 段，无任务"


def front_title(text: str) -> str:
    """A page's front-matter ``title`` (its <title> and header): HTML text (``escaping.title``)
    as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(escaping.title(text), ensure_ascii=False)


def chapter_count(plan: Plan) -> int:
    return sum(1 for section in plan.sections if section.number is not None)


def containing_plan(site: Site, plan: Plan) -> Plan | None:
    """A longer plan whose period contains this plan's period (2009 work points → 11th plan)."""
    for other in site.corpus.plans:
        if (
            other is not plan
            and other.meta.start_year <= plan.meta.start_year
            and plan.meta.end_year <= other.meta.end_year
            and (other.meta.end_year - other.meta.start_year) > (plan.meta.end_year - plan.meta.start_year)
        ):
            return other
    return None


def captions(site: Site) -> list[tuple[Plan, Section, Block]]:
    """Every table caption (the table itself is absent) with the section it stands in."""
    found = []
    for plan in site.corpus.plans:
        for section in (s for s in plan.walk() if isinstance(s, Section)):
            found += [(plan, section, b) for b in section.blocks if b.kind == BlockKind.CAPTION]
    return found


def source_anchor(name: str) -> str:
    """Anchor of a source file on the sources page: ``src-`` and the name without extension."""
    return "src-" + name.rsplit(".", 1)[0]


# ---------------------------------------------------------------- templates


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(
        html=escape_html,
        md=escape_md,
        cell=escape_cell,
        attr=escaping.title,
        visible=visible,
        html_block=html_blocks.wrap,
    )  # finished HTML, not re-parsed (html_blocks.py)
    env.tests.update(
        section=lambda n: isinstance(n, Section), task=lambda n: isinstance(n, Task), plan=lambda n: isinstance(n, Plan)
    )
    env.globals.update(
        runs=runs,
        block_label=block_label,
        tasks_on_page=tasks_on_page,
        contents_note=contents_note,
        front_title=front_title,
        source_download=source_download,
        section_heading=section_heading,
        task_heading=task_heading,
        plan_label=plan_label,
        page_label=page_label,
        is_page=is_page,
        chapter_count=chapter_count,
        containing_plan=containing_plan,
        CONTEXT_LABELS=CONTEXT_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        FORM_LABELS=FORM_LABELS,
        KIND_LABELS=KIND_LABELS,
        DIFFERENCE_LABELS=DIFFERENCE_LABELS,
        TaskForm=TaskForm,
        BlockKind=BlockKind,
        DifferenceKind=model.DifferenceKind,
        HOME_PAGE=HOME_PAGE,
        SOURCES_PAGE=SOURCES_PAGE,
        ABOUT_PAGE=ABOUT_PAGE,
        PLANS_INDEX=PLANS_INDEX,
        overview_page=overview_page,
        full_text_page=full_text_page,
        indicator_plan_page=indicator_plan_page,
        Target=Target,
        relative=relative,
        html_relative=html_relative,
        captions=captions,
        source_anchor=source_anchor,
        figure_target=lambda site, s: termmarks.figure_target(site.indicators, s),
        figure_title=lambda site, s: termmarks.figure_title(site.indicators, s),
        link_groups=link_groups,
        comparison_html=comparison_html,
        lineage_href=lineage_href,
        word_cut=word_cut,
        topic_of_label=topic_of_label,
        topic_page=topic_page,
        TOPICS_INDEX=TOPICS_INDEX,
        TOPIC_TITLE_WEIGHT=TOPIC_TITLE_WEIGHT,
        INDICATOR_KINDS=INDICATOR_KINDS,
        line_breaks=line_breaks,
        special_characters=special_characters,
        term_page=term_page,
        TERMS_INDEX=TERMS_INDEX,
        CATEGORY_LABELS=CATEGORY_LABELS,
        context_paragraph=lambda site, page, block: termmarks.context_paragraph(
            site.indicators, page, block, escape_html
        ),
        task_paragraphs=lambda site, page, task: termmarks.task_paragraphs(
            site.annotations, page, task, escape_html, site.indicators
        ),
    )
    env.globals.update(lineage_views.template_globals())  # compare views, policy lines, continuity
    return env


ENV = _environment()
PERFORMANCE_PAGE = "performance.md"  # hand-written (docs/); see perf_page.py


def render_template(name: str, **context) -> str:
    return ENV.get_template(name).render(**context)


# ---------------------------------------------------------------- pages


def load_site(data=DATA, with_lineage: bool = True, with_terms: bool = True, with_indicators: bool = True) -> Site:
    """Parse ``data/`` and link the tasks across plans (raises :class:`errors.DataError`)."""
    corpus = load_corpus(data)
    with timing.stage("link"):
        lineage = cached_lineage(corpus, data=data)[0] if with_lineage else None  # link.build_lineage, cached
    with timing.stage("annotate"):
        annotations = annotate(corpus, load_terms(data / "terms.yaml", corpus)) if with_terms else None
    indicators = (
        build_indicators(corpus, annotations.terms if annotations else (), data / "indicators.yaml")
        if with_indicators
        else None
    )  # targets and baselines (indicators.py, data/indicators.yaml)
    years = load_settings(data / "lineage.yaml").lookback_years if with_lineage else 0  # as cached_lineage links
    seg = None
    if with_lineage:  # the compare view's words; loaded here, before the search index adopts
        with timing.stage("segmenter"):  # jieba's dictionary from it (segment.adopt_base)
            seg = segmenter(load_dictionary(data / "terms.yaml"))
    topics = (
        build_topics(corpus, load_concepts(data / "concepts.yaml"), lineage, indicators) if with_lineage else None
    )  # one page per policy domain (topics.py)
    dataset = load_dataset(data / "dataset.yaml") if (data / "dataset.yaml").exists() else None
    return Site(
        corpus,
        SiteMap(corpus),
        lineage=lineage,
        annotations=annotations,
        indicators=indicators,
        line_years=years,
        segmenter=seg,
        topics=topics,
        dataset=dataset,
    )


def section_page(site: Site, page: str) -> str:
    section = site.sitemap.pages[page]
    plan = plan_of(site, section)
    return render_template("section_page.md.j2", site=site, plan=plan, section=section, page=page)


def plan_of(site: Site, section: Section) -> Plan:
    for plan in site.corpus.plans:
        if section.key.startswith(plan.id + "-"):
            return plan
    raise KeyError(section.key)


def overview(site: Site, plan: Plan) -> str:
    return render_template("overview.md.j2", site=site, plan=plan, page=overview_page(plan.id))


@dataclass(frozen=True)
class FullTextPart:
    """A run of the 原文: a section heading (a real heading, so the page has a table of
    contents), or the paragraphs up to the next one, each with the task it begins, if any."""

    heading: Section | None
    paragraphs: tuple[tuple[int, Block, Task | None], ...] = ()


def full_text_parts(plan: Plan) -> list[FullTextPart]:
    """The plan's blocks in document order (``Plan.all_blocks``), cut at section headings;
    a paragraph's number is its place among all blocks (the ``para-N`` anchor)."""
    headings = {id(node.heading): node for node in plan.walk() if isinstance(node, Section)}
    starts = {id(task.blocks[0]): task for task in plan.tasks if task.blocks}
    parts: list[FullTextPart] = []
    run: list[tuple[int, Block, Task | None]] = []
    for number, block in enumerate(plan.all_blocks(), start=1):
        section = headings.get(id(block))
        if section is not None and id(block) not in starts:
            if run:
                parts.append(FullTextPart(None, tuple(run)))
                run = []
            parts.append(FullTextPart(section, ((number, block, None),)))
        else:
            run.append((number, block, starts.get(id(block))))
    if run:
        parts.append(FullTextPart(None, tuple(run)))
    return parts


def full_text(site: Site, plan: Plan) -> str:
    return render_template(
        "full_text.md.j2", site=site, plan=plan, page=full_text_page(plan.id), parts=full_text_parts(plan)
    )


def sources(site: Site) -> str:
    files = sorted(
        [(p.source, p) for p in site.corpus.plans] + [(e.source, e) for e in site.corpus.excerpts],
        key=lambda pair: pair[0].name,
    )
    return render_template("sources.md.j2", site=site, files=files, page=SOURCES_PAGE)


def plans_index(site: Site) -> str:
    return render_template("plans_index.md.j2", site=site, page=PLANS_INDEX)


def pages(site: Site) -> Iterator[tuple[str, str]]:
    """Every generated page as (source path under docs/, Markdown)."""
    yield PLANS_INDEX, plans_index(site)
    chapters: dict[str, list[str]] = {plan.id: [] for plan in site.corpus.plans}
    for page, section in site.sitemap.pages.items():  # one pass, not one per plan
        chapters[plan_of(site, section).id].append(page)
    for plan in site.corpus.plans:
        yield overview_page(plan.id), overview(site, plan)
        for page in chapters[plan.id]:
            yield page, section_page(site, page)
        yield full_text_page(plan.id), full_text(site, plan)
    yield SOURCES_PAGE, sources(site)


def nav(site: Site) -> list:
    """The navigation: home, the plans in chronological order with Chinese labels, sources, about.

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
        {"来源文件": SOURCES_PAGE},
        {"关于与方法": ABOUT_PAGE},
        {"性能": PERFORMANCE_PAGE},  # hand-written, figures from benchmarks/report.json (perf_page.py)
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


# ---------------------------------------------------------------- fragments in hand-written pages

FRAGMENTS = {
    "plans-timeline": "timeline.md.j2",
    "plans-table": "plans_table.md.j2",
    "about-forms": "about_forms.md.j2",
    "about-rules": "about_rules.md.j2",
    "about-limits": "about_limits.md.j2",
    "about-lineage": "about_lineage.md.j2",
    "about-data": "about_data.md.j2",
    "about-indicators": "about_indicators.md.j2",
}


def fill_markers(site: Site, page: str, markdown: str) -> str:
    """Replace ``<!-- name -->`` markers of the known fragments by their rendered templates."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name == "benchmark-report":  # docs/performance.md: the latest benchmarks/report.json
            return perf_page.page_fragment()
        if name not in FRAGMENTS:
            return match.group(0)
        return render_template(FRAGMENTS[name], site=site, page=page).rstrip("\n")

    return MARKER.sub(replace, markdown)
