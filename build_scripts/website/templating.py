"""The one Jinja2 environment: filters (the escaping rule), tests and the templates' globals.

Pipeline place: page producers (``pages/``) render through :func:`render_template`,
passing what a page shows as its context; all Markdown and markup comes from ``templates/``
(``StrictUndefined``). The globals are Jinja's own and data (:data:`CONSTANTS`): no function
of the project is a global, and no context holds one (``tests/test_templating.py``), so a
template computes no link and reads no file; links come in its context, made by ``urls``,
and counts as values. Verbatim source text is only ever
emitted through the ``html`` filter into raw HTML blocks that Markdown leaves alone;
titles in headings and link texts go through ``md``, attribute values through ``attr``
(``text`` where their line breaks stay: tooltips, SVG text) — all of them ``escaping.py``,
the one rule. Markup that wraps text (term and figure marks, charts, the private-use mark)
is in templates too (``_marks.html.j2``, ``_bar_chart.svg.j2``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core import model
from ..core.model import BlockKind, Plan, Section, Task, TaskForm
from ..core.paths import TEMPLATES
from ..lineage.graph import LABELS as LINEAGE_LABELS
from . import escaping, html_blocks
from .export import CSV_HEADER, LINKS_CSV, TASKS_JSON
from .labels import (
    CONTEXT_LABELS,
    CSV_MEANINGS,
    DIFFERENCE_LABELS,
    EDGE_ZH,
    EVIDENCE_STRENGTH_ZH,
    FORM_LABELS,
    INDICATOR_KINDS,
    KIND_LABELS,
    LABEL_MEANINGS_ZH,
    LEGEND_ZH,
    LINE_ROLE_ZH,
    NO_PREDECESSOR_MEANING_ZH,
    NO_PREDECESSOR_ZH,
    OUTSIDE_ROLE_ZH,
    PROPOSED_NONE_ZH,
    PROPOSED_ZH,
    RELATED_MEANING_ZH,
    RELATED_ZH,
    REVIEW_ZH,
    REVIEWED_MEANING_ZH,
    REVIEWED_ZH,
    ROLE_LABELS,
    STRENGTH_MEANINGS_ZH,
    STRENGTH_ZH,
)
from .topics import TITLE_WEIGHT as TOPIC_TITLE_WEIGHT
from .urls import (
    ABOUT_PAGE,
    DATA_DIR,
    HOME_PAGE,
    LINEAGE_PAGE,
    PLANS_INDEX,
    REVIEW_PAGE,
    SOURCES_PAGE,
    TERMS_INDEX,
    TOPICS_INDEX,
)


# ---------------------------------------------------------------- escaping filters
# The one rule (escaping.py): the template filters ``html``, ``md``, ``cell`` and ``attr``
# (an attribute value: one line, every character that could end it escaped), ``front_title``
# (a page's front-matter title: ``attr`` as a YAML scalar; a page whose breadcrumb comes
# before its heading names its title so, as ``{% set page_heading = … %}`` used for both:
# MkDocs takes a title from a heading only when the heading comes first), and ``text``
# (entities only, line breaks kept: a tooltip of several lines, SVG text).
def escape_html(value: str) -> str:
    """The ``html`` filter: :func:`escaping.lines`, a private-use character marked by the
    ``private_use`` macro of ``_marks.html.j2`` (loaded with the environment)."""
    return escaping.lines(value, _mark_private_use)


def _mark_private_use(char: str) -> str:
    return str(MARKS.private_use(char, escaping.private_use_note(char)))


escape_md = escaping.markdown_inline


escape_cell = escaping.markdown_cell


def two_places(value: float) -> str:
    """A link's score (stored with four decimals, as the open data gives it) shown with two,
    rounded half up as a reader rounds: 0.245 → 0.25 (``"%.2f"`` gives 0.24, since the float
    nearest 0.245 lies just below it)."""
    return str(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def visible(text: str) -> str:
    """Whitespace made visible for the differences table (``↵`` line break, ``␣`` space)."""
    if not text:
        return "（无）"
    return text.replace("\n", "↵").replace(" ", "␣").replace("\u3000", "□")


# ---------------------------------------------------------------- globals
# Everything else a template shows comes in its context, computed by its page producer
# (``pages/``): view records and values, never a function to call back. The globals are
# Jinja's own and these constants: where pages live (URL rule), the enums templates compare
# with, and the labels (labels.py).
CONSTANTS = dict(
    HOME_PAGE=HOME_PAGE,
    ABOUT_PAGE=ABOUT_PAGE,
    PLANS_INDEX=PLANS_INDEX,
    SOURCES_PAGE=SOURCES_PAGE,
    TERMS_INDEX=TERMS_INDEX,
    TOPICS_INDEX=TOPICS_INDEX,
    LINEAGE_PAGE=LINEAGE_PAGE,
    REVIEW_PAGE=REVIEW_PAGE,
    DATA_DIR=DATA_DIR,
    TASKS_JSON=TASKS_JSON,
    LINKS_CSV=LINKS_CSV,
    CSV_HEADER=CSV_HEADER,
    TOPIC_TITLE_WEIGHT=TOPIC_TITLE_WEIGHT,
    TaskForm=TaskForm,
    BlockKind=BlockKind,
    DifferenceKind=model.DifferenceKind,
    CONTEXT_LABELS=CONTEXT_LABELS,
    ROLE_LABELS=ROLE_LABELS,
    FORM_LABELS=FORM_LABELS,
    KIND_LABELS=KIND_LABELS,
    DIFFERENCE_LABELS=DIFFERENCE_LABELS,
    INDICATOR_KINDS=INDICATOR_KINDS,
    LINEAGE_LABELS=LINEAGE_LABELS,
    LABEL_MEANINGS_ZH=LABEL_MEANINGS_ZH,
    STRENGTH_ZH=STRENGTH_ZH,
    STRENGTH_MEANINGS_ZH=STRENGTH_MEANINGS_ZH,
    EVIDENCE_STRENGTH_ZH=EVIDENCE_STRENGTH_ZH,
    REVIEW_ZH=REVIEW_ZH,
    PROPOSED_ZH=PROPOSED_ZH,
    PROPOSED_NONE_ZH=PROPOSED_NONE_ZH,
    REVIEWED_ZH=REVIEWED_ZH,
    REVIEWED_MEANING_ZH=REVIEWED_MEANING_ZH,
    RELATED_ZH=RELATED_ZH,
    NO_PREDECESSOR_ZH=NO_PREDECESSOR_ZH,
    NO_PREDECESSOR_MEANING_ZH=NO_PREDECESSOR_MEANING_ZH,
    RELATED_MEANING_ZH=RELATED_MEANING_ZH,
    LEGEND_ZH=LEGEND_ZH,
    LINE_ROLE_ZH=LINE_ROLE_ZH,
    EDGE_ZH=EDGE_ZH,
    OUTSIDE_ROLE_ZH=OUTSIDE_ROLE_ZH,
    CSV_MEANINGS=CSV_MEANINGS,
)


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
        front_title=escaping.front_title,
        text=escaping.text,
        jsonld=escaping.script_json,
        visible=visible,
        two_places=two_places,
        html_block=html_blocks.wrap,
    )  # finished HTML, not re-parsed (html_blocks.py)
    env.tests.update(
        section=lambda n: isinstance(n, Section), task=lambda n: isinstance(n, Task), plan=lambda n: isinstance(n, Plan)
    )
    env.globals.update(CONSTANTS)
    return env


ENV = _environment()
MARKS: Any = ENV.get_template("_marks.html.j2").module  # its macros (attributes), for the html filter


def render_template(name: str, **context) -> str:
    return ENV.get_template(name).render(**context)
