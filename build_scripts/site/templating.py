"""The one Jinja2 environment: filters (the escaping rule), tests and the templates' globals.

Pipeline place: page producers (``pages/``) render through :func:`render_template`; all
Markdown comes from ``templates/`` (``StrictUndefined``). Verbatim source text is only ever
emitted through the ``html`` filter into raw HTML blocks that Markdown leaves alone;
titles in headings and link texts go through ``md``, attribute values through ``attr`` —
all of them ``escaping.py``, the one rule.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core import model
from ..core.model import BlockKind, Plan, Section, Task, TaskForm
from ..core.paths import TEMPLATES
from ..figures.indicators import KIND_LABELS as INDICATOR_KINDS
from ..ingest.sources import line_breaks, special_characters
from ..language.segment import segmenter
from ..language.terms import CATEGORY_LABELS
from . import escaping, html_blocks, lineage_views, termmarks
from .labels import CONTEXT_LABELS, DIFFERENCE_LABELS, FORM_LABELS, KIND_LABELS, ROLE_LABELS
from .load import Site
from .topics import TITLE_WEIGHT as TOPIC_TITLE_WEIGHT
from .urls import (
    ABOUT_PAGE,
    HOME_PAGE,
    PLANS_INDEX,
    SOURCES_PAGE,
    TERMS_INDEX,
    TOPICS_INDEX,
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
from .views import (
    block_label,
    captions,
    chapter_count,
    containing_plan,
    contents_note,
    front_title,
    is_page,
    link_groups,
    page_label,
    plan_label,
    runs,
    section_heading,
    source_anchor,
    task_heading,
    tasks_on_page,
    topic_of_label,
)

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


def render_template(name: str, **context) -> str:
    return ENV.get_template(name).render(**context)
