"""The annotations → the term pages, the term index and each plan's term changes.

Pipeline place: ``website.load.load_site`` runs ``annotate`` once (``Site.annotations``); this
module turns those annotations into pages. the MkDocs plugin adds :func:`pages` as virtual
files: the index is in the navigation (``navigation.nav``: 术语), the ~200 term pages are
``not_in_nav`` (set on the generated files, so ``--strict`` nav validation stays quiet).

* ``terms/index.md`` — every term grouped by category (``labels.CATEGORY_LABELS``) with its
  count in each plan, and per plan how many terms first/last appear there;
* ``terms/<id>.md`` — the explanation, category, variants and the forms as printed, the
  names of its rename family (曾用名 / 后称, ``renamed_as``) with their years, first and last
  appearance (and the later name it continues under), counts per plan as an inline SVG bar chart (built here, no script;
  ``<title>``/``<desc>`` and a visible sentence as text alternative), and every occurrence
  grouped by plan in time order, then by place (task, section, front/back matter), each
  with a link to that place and the sentence it stands in, the term marked
  (``termmarks.highlight``; ``<mark>`` around the escaped text) so the sentence stays verbatim;
* on each plan's overview (``plan_terms.md.j2``, included by ``overview.md.j2``): the terms
  the plan introduced (新出现), those that later plans name otherwise (改称: a later name
  of their rename family appears after the plan) and those that do not appear after it
  under any name (不再出现).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ...core.model import Plan
from ...language.annotate import Occurrence, PlaceKind
from ...language.terms import Term, TermCategory
from ..charts import Bar, Chart, bar_chart
from ..labels import CATEGORY_LABELS
from ..load import Site
from ..templating import render_template
from ..termmarks import Marked, highlight
from ..urls import TERMS_INDEX, Target, html_relative, matter_target, overview_page, relative, term_page
from ..views import block_label, page_label, plan_label, plan_years
from . import Page

CHART_ID = "term-chart"


# ---------------------------------------------------------------- views for the templates


@dataclass(frozen=True)
class SentenceView:
    marked: Marked  # the verbatim sentence, the term's occurrences marked (<mark>)
    hits: int


@dataclass(frozen=True)
class PlaceView:
    label: str  # task title, section label, 文前/文末
    note: str  # task id, or what part of the section (章节标题, 指导思想, ...)
    href: str  # final URL relative to the term page (raw HTML)
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True)
class PlanOccurrences:
    plan: Plan
    count: int
    places: tuple[PlaceView, ...]


def place_view(site: Site, page: str, group: list[Occurrence]) -> PlaceView:
    first = group[0]
    place = first.place
    if place.kind == PlaceKind.TASK:
        task = site.tasks[place.key]
        label, note, target = task.title, task.id, site.sitemap.target(task.id)
    elif place.kind == PlaceKind.SECTION:
        section = site.sections[place.key]
        label, target = page_label(section), site.sitemap.target(section.key)
        note = "章节标题" if first.block == section.heading else block_label(section)
    else:
        label = "文前" if place.kind == PlaceKind.FRONT else "文末"
        note, target = (
            "标题与印发通知" if place.kind == PlaceKind.FRONT else "结语与署名",
            matter_target(place.key, place.kind.value),
        )
    sentences: dict[tuple, list[Occurrence]] = {}
    for occurrence in group:
        sentences.setdefault((occurrence.block, occurrence.sentence), []).append(occurrence)
    views = []
    for (block, (start, end)), hits in sentences.items():
        spans = [(o.start - start, o.end - start) for o in hits]
        views.append(SentenceView(highlight(block.text[start:end], spans), len(hits)))
    return PlaceView(label, note, html_relative(page, target), tuple(views))


def occurrences_by_plan(site: Site, term: Term) -> list[PlanOccurrences]:
    annotations = site.hits
    page = term_page(term.id)
    out = []
    for plan in site.corpus.plans:
        found = [o for o in annotations.occurrences[term.id] if o.plan_id == plan.id]
        if not found:
            continue
        groups: dict = {}
        for occurrence in found:
            groups.setdefault(occurrence.place, []).append(occurrence)
        out.append(PlanOccurrences(plan, len(found), tuple(place_view(site, page, g) for g in groups.values())))
    return out


def count_sentence(site: Site, term: Term) -> str:
    counts = site.hits.counts(term.id)
    parts = [f"{plan.meta.short_name}（{plan_years(plan)}）{counts.get(plan.id, 0)} 次" for plan in site.corpus.plans]
    return f"“{term.term}”在各规划中的出现次数：" + "，".join(parts) + "。"


def term_chart(site: Site, term: Term) -> Chart:
    """Bars per plan in chronological order, with a text alternative (drawn as inline SVG by
    ``_bar_chart.svg.j2``)."""
    counts = site.hits.counts(term.id)
    bars = [
        Bar(counts.get(plan.id, 0), str(counts.get(plan.id, 0)), plan.meta.short_name, plan_years(plan))
        for plan in site.corpus.plans
    ]
    return bar_chart(CHART_ID, f"{term.term}：各规划中的出现次数", count_sentence(site, term), bars)


def printed_forms(site: Site, term: Term) -> list[tuple[str, int]]:
    """The forms as printed in the plans, with counts (e.g. IPV6 for IPv6), most frequent first."""
    return Counter(o.form for o in site.hits.occurrences[term.id]).most_common()


@dataclass(frozen=True)
class NameRef:
    """Another name of a term's rename family, linked, with the years the plans use it."""

    term: Term
    href: str
    years: str  # first plan's start – last plan's end using it ("" if no plan does)


def name_refs(site: Site, page: str, terms: tuple[Term, ...]) -> tuple[NameRef, ...]:
    annotations = site.hits
    out = []
    for t in terms:
        first, last = annotations.first_plan(t.id), annotations.last_plan(t.id)
        span = ""
        if first and last:
            start, end = site.plans[first].meta.start_year, site.plans[last].meta.end_year
            span = str(start) if start == end else f"{start}–{end}"
        out.append(NameRef(t, relative(page, Target(term_page(t.id))), span))
    return tuple(out)


# ---------------------------------------------------------------- pages


def term_markdown(site: Site, term: Term) -> str:
    annotations = site.hits
    first, last = annotations.first_plan(term.id), annotations.last_plan(term.id)
    page = term_page(term.id)
    href = dict(
        index=relative(page, Target(TERMS_INDEX)),
        category=relative(page, Target(TERMS_INDEX, term.category.value)),
        first=relative(page, Target(overview_page(first))) if first else "",
        last=relative(page, Target(overview_page(last))) if last else "",
    )
    return render_template(
        "term_page.md.j2",
        site=site,
        term=term,
        href=href,
        plan_labels={plan.id: plan_label(plan) for plan in site.corpus.plans},
        category=CATEGORY_LABELS[term.category],
        first=site.plans[first] if first else None,
        last=site.plans[last] if last else None,
        counts=annotations.counts(term.id),
        total=annotations.total(term.id),
        forms=printed_forms(site, term),
        chart=term_chart(site, term),
        count_sentence=count_sentence(site, term),
        groups=occurrences_by_plan(site, term),
        plan_years={plan.id: plan_years(plan) for plan in site.corpus.plans},
        earlier_names=name_refs(site, page, annotations.earlier_names(term.id)),
        later_names=name_refs(site, page, annotations.later_names(term.id)),
        continued_as=name_refs(site, page, annotations.continued_as(term.id)),
    )


@dataclass(frozen=True)
class PlanTermsRow:
    """A plan's row of the term index: how many terms it uses, introduces and is the last to use."""

    plan: Plan
    href: str  # the terms of its overview
    years: str
    used: int
    introduced: int
    renamed: int
    dropped: int


@dataclass(frozen=True)
class TermRow:
    """A term's row of the term index: its count per plan (``·``: none), in corpus order, and in all."""

    term: Term
    href: str
    counts: tuple[str, ...]
    total: int


def index_markdown(site: Site) -> str:
    annotations = site.hits
    plans = site.corpus.plans

    def term_row(term: Term) -> TermRow:
        counts = annotations.counts(term.id)
        href = relative(TERMS_INDEX, Target(term_page(term.id)))
        return TermRow(term, href, tuple(str(counts.get(p.id, "·")) for p in plans), annotations.total(term.id))

    categories = [
        (category, CATEGORY_LABELS[category], [term_row(t) for t in annotations.terms if t.category == category])
        for category in TermCategory
    ]
    plan_rows = [
        PlanTermsRow(
            plan,
            relative(TERMS_INDEX, Target(overview_page(plan.id), "terms")),
            plan_years(plan),
            len(annotations.used(plan.id)),
            len(annotations.introduced(plan.id)),
            len(annotations.renamed(plan.id)),
            len(annotations.dropped(plan.id)),
        )
        for plan in plans
    ]
    return render_template(
        "terms_index.md.j2",
        site=site,
        term_count=len(annotations.terms),
        categories=categories,
        plan_rows=plan_rows,
    )


def pages(site: Site) -> Iterator[Page]:
    """Every term page as (source path under docs/, Markdown, whether it is in the navigation)."""
    if site.annotations is None:
        return
    yield Page(TERMS_INDEX, index_markdown(site))
    for term in site.hits.terms:
        yield Page(term_page(term.id), term_markdown(site, term), in_nav=False)


__all__ = ["count_sentence", "occurrences_by_plan", "pages", "printed_forms", "term_chart"]
