"""The one rule for where every plan, section and task lives on the site.

Pages (MkDocs source paths, relative to ``docs/``):

* ``plans/<plan>/index.md`` — a plan's overview;
* ``plans/<plan>/<key>.md`` — one page per section at or above the profile's page level,
  named by the section key without the plan prefix (``plans/p12/8.md``,
  ``plans/p11/3-1.md``, ``plans/p12/preamble.md``);
* ``plans/<plan>/full-text.md`` — the 原文;
* ``index.md``, ``about.md`` (hand-written) and ``sources.md`` (generated) — site pages;
* ``terms/index.md`` — the term index; ``terms/<term-id>.md`` — one page per term of
  ``data/terms.yaml`` (term ids are ASCII slugs; ``index`` is reserved).
* ``lineage/index.md`` — the cross-plan summary (脉络); ``lineage/review.md`` — the
  maintainers' review list (not in the navigation); ``lineage/<task id>.md`` — one page
  per task that has any cross-plan link: its policy line (anchor ``line``) and its
  comparison with every earlier task of its line and its direct successors (anchor
  ``vs-<other task id>``), not in the navigation; ``lineage/compare/<task id>.json`` — a
  task's words, terms and figures, from which the browser compares two tasks that no link
  joins directly when the reader opens the comparison;
* ``topics/index.md`` — the topic lines (专题脉络), in the navigation under 跨规划脉络;
  ``topics/<concept id>.md`` — one page per policy domain of ``data/concepts.yaml``
  (concept ids are ASCII slugs; ``index`` is reserved), not in the navigation;
* ``indicators/index.md`` — the targets and indicators (指标) overview;
  ``indicators/<plan>.md`` — one table per plan of its figures (row anchor: the statement
  number, ``p12-n7``); ``indicators/series/<indicator id>.md`` — one page per indicator
  stated at least twice (ids from ``data/indicators.yaml`` aliases, else ``i-`` + a hash),
  not in the navigation;
* ``data/tasks.json``, ``data/links.csv``, ``data/indicators.json`` — open data written after the build; raw HTML
  links to them come from :func:`html_file` (checked by the site's link test).

Anchors: a section's anchor is its key, a task's anchor is its id, on the page of the
page-level section that contains it. Every link the generator writes goes through
:meth:`SiteMap.href`, which returns a relative ``.md`` link; MkDocs resolves and validates
each one (``validation`` in ``mkdocs.yml``, ``--strict``), so a dangling link fails the build.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..core.model import Corpus, Numbering, Plan, Section, Task
from ..language.annotate import Place, PlaceKind

PLANS_DIR = "plans"
PLANS_INDEX = f"{PLANS_DIR}/index.md"
OVERVIEW = "index.md"
FULL_TEXT = "full-text.md"
HOME_PAGE = "index.md"
ABOUT_PAGE = "about.md"
SOURCES_PAGE = "sources.md"
LINEAGE_DIR = "lineage"
LINEAGE_PAGE = f"{LINEAGE_DIR}/index.md"
REVIEW_PAGE = f"{LINEAGE_DIR}/review.md"
LINE_ANCHOR = "line"
DATA_DIR = "data"
TERMS_DIR = "terms"
TERMS_INDEX = f"{TERMS_DIR}/index.md"
TOPICS_DIR = "topics"
TOPICS_INDEX = f"{TOPICS_DIR}/index.md"
INDICATORS_DIR = "indicators"
INDICATORS_INDEX = f"{INDICATORS_DIR}/index.md"
SOURCE_FILES_DIR = "sources/files"  # the received texts, copied as they are, for download


def plan_dir(plan_id: str) -> str:
    return f"{PLANS_DIR}/{plan_id}"


def overview_page(plan_id: str) -> str:
    return f"{plan_dir(plan_id)}/{OVERVIEW}"


def full_text_page(plan_id: str) -> str:
    return f"{plan_dir(plan_id)}/{FULL_TEXT}"


def section_page(plan_id: str, section_key: str) -> str:
    return f"{plan_dir(plan_id)}/{section_key.removeprefix(plan_id + '-')}.md"


def matter_target(plan_id: str, part: str) -> Target:
    """The overview's box of front (``front``) or back (``back``) matter of a plan."""
    if part not in ("front", "back"):
        raise ValueError(part)
    return Target(overview_page(plan_id), part)


def place_target(sitemap: SiteMap, place: Place) -> Target:
    """Where a place of a plan is shown: a task's or section's anchor, or the overview's box of
    front or back matter (a statement's place, ``indicators.json``'s ``url``)."""
    if place.kind in (PlaceKind.TASK, PlaceKind.SECTION):
        return sitemap.target(place.key)
    return matter_target(place.key, place.kind.value)


def term_page(term_id: str) -> str:
    """The page of one term of the dictionary."""
    if term_id == "index":
        raise ValueError("the term id 'index' is reserved for the term index page")
    return f"{TERMS_DIR}/{term_id}.md"


def topic_page(concept_id: str) -> str:
    """The topic line of one policy domain (a concept of ``data/concepts.yaml``)."""
    if concept_id == "index":
        raise ValueError("the concept id 'index' is reserved for the topic index page")
    return f"{TOPICS_DIR}/{concept_id}.md"


def indicator_plan_page(plan_id: str) -> str:
    """The table of one plan's targets and baselines."""
    return f"{INDICATORS_DIR}/{plan_id}.md"


def indicator_page(indicator_id: str) -> str:
    """The series page of one indicator (stated at least twice)."""
    return f"{INDICATORS_DIR}/series/{indicator_id}.md"


def review_plan_page(plan_id: str) -> str:
    """The page of what is left to review of one plan's tasks (plans with anything left only)."""
    return f"{LINEAGE_DIR}/review/{plan_id}.md"


def review_pair_page(plan_id: str, earlier_id: str) -> str:
    """The page of one plan's tasks left to read against one earlier plan, with the review
    queue's candidates (pairs of plans with anything left only)."""
    return f"{LINEAGE_DIR}/review/{plan_id}/{earlier_id}.md"


def lineage_page(task_id: str) -> str:
    """The page of a task's policy line and comparisons (tasks with any link only)."""
    return f"{LINEAGE_DIR}/{task_id}.md"


def compare_data(task_id: str) -> str:
    """What the browser needs to compare the task with another on demand (a static JSON file;
    ``pages/lineage.py``, ``docs/javascripts/compare.js``)."""
    return f"{LINEAGE_DIR}/compare/{task_id}.json"


def compare_anchor(predecessor_id: str) -> str:
    return f"vs-{predecessor_id}"


def is_page_section(plan: Plan, section: Section) -> bool:
    """Sections at or above the profile's page level have a page of their own."""
    if section.numbering is None:
        return section.level <= 1
    levels = plan.meta.profile.levels
    return levels.index(section.numbering) <= levels.index(plan.meta.profile.page_level)


def page_url(src: str) -> str:
    """The URL path (from the site root) MkDocs gives a page with directory URLs."""
    if src.endswith("index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


@dataclass(frozen=True)
class Target:
    """Where something is: the page's source path and the anchor on it (may be empty)."""

    page: str
    anchor: str = ""

    @property
    def url(self) -> str:
        return page_url(self.page) + (f"#{self.anchor}" if self.anchor else "")


class SiteMap:
    """Page and anchor of every section and task of a corpus."""

    def __init__(self, corpus: Corpus):
        self.targets: dict[str, Target] = {}
        self.pages: dict[str, Section] = {}  # page source path → its section
        for plan in corpus.plans:
            for section in plan.sections:
                self._place(plan, section, None)

    def _place(self, plan: Plan, section: Section, page: str | None) -> None:
        if page is None or is_page_section(plan, section):
            page = section_page(plan.id, section.key)
            self.pages[page] = section
            self.targets[section.key] = Target(page)
        else:
            self.targets[section.key] = Target(page, section.key)
        for node in section.content:
            if isinstance(node, Section):
                self._place(plan, node, page)
            elif isinstance(node, Task):
                self.targets[node.id] = Target(page, node.id)

    def target(self, key: str) -> Target:
        """The target of a section key or task id."""
        return self.targets[key]

    def href(self, from_page: str, key: str) -> str:
        """A relative Markdown link from one page to a section or task."""
        return relative(from_page, self.target(key))

    def url(self, key: str) -> str:
        return self.target(key).url

    def line(self, task_id: str) -> Target:
        """A task's policy line (on its lineage page)."""
        return Target(lineage_page(task_id), LINE_ANCHOR)

    def comparison(self, successor_id: str, predecessor_id: str) -> Target:
        """The side-by-side view of a later task and an earlier task of its line (on the later
        task's page; a directly linked pair is also on the earlier one's, anchor ``vs-<later>``)."""
        return Target(lineage_page(successor_id), compare_anchor(predecessor_id))

    def html_href(self, from_page: str, key: str) -> str:
        """A link to a section or task for raw HTML (final URL, relative to the page's URL)."""
        return html_relative(from_page, self.target(key))


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for paths under the site root (no ``..``, no leading ``/``):
    pure string work — the standard one asks the OS for the working directory twice per
    call, and the site makes hundreds of thousands of links on a large corpus."""
    to = [part for part in path.split("/") if part not in ("", ".")]
    start_parts = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(start_parts)) and to[common] == start_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to[common:]) or "."


def relative(from_page: str, target: Target) -> str:
    """A Markdown link (to the target's ``.md`` source), which MkDocs resolves and validates."""
    path = relpath(target.page, posixpath.dirname(from_page) or ".")
    return path + (f"#{target.anchor}" if target.anchor else "")


def html_relative(from_page: str, target: Target) -> str:
    """A link for raw HTML, which MkDocs neither rewrites nor validates: the final URL,
    relative to the directory URL of ``from_page`` (checked by the site's link test)."""
    base = page_url(from_page) or "."
    path = relpath(page_url(target.page) or ".", base)
    path = "./" if path == "." else path + "/"
    return path + (f"#{target.anchor}" if target.anchor else "")


def source_download(name: str) -> str:
    """Where a received text (``data/sources/<name>``) is offered for download."""
    return f"{SOURCE_FILES_DIR}/{name}"


READABLE = re.compile(r"[\u4e00-\u9fff0-9]")  # what a readable file name keeps of a title
READABLE_LENGTH = 40  # characters of the title at most (a file name stays under 255 bytes)


def readable_download(plan_id: str, title: str) -> str:
    """The same text of a plan under a readable name: its id and the Chinese characters and
    digits of its title (punctuation, Latin letters and anything else dropped, so a file name
    never carries markup or URL syntax), e.g. ``p12-北京十二五时期城市信息化建设规划.txt``."""
    words = "".join(READABLE.findall(title))[:READABLE_LENGTH]
    return f"{SOURCE_FILES_DIR}/{plan_id}-{words}.txt"


def html_file(from_page: str, path: str) -> str:
    """A link for raw HTML to a file written into the site (e.g. ``data/tasks.json``),
    relative to the directory URL of ``from_page``."""
    return relpath(path, page_url(from_page) or ".")


__all__ = [
    "ABOUT_PAGE",
    "HOME_PAGE",
    "INDICATORS_INDEX",
    "LINEAGE_PAGE",
    "REVIEW_PAGE",
    "SOURCES_PAGE",
    "TERMS_INDEX",
    "TOPICS_INDEX",
    "Numbering",
    "SiteMap",
    "Target",
    "compare_anchor",
    "compare_data",
    "full_text_page",
    "html_file",
    "html_relative",
    "indicator_page",
    "indicator_plan_page",
    "lineage_page",
    "matter_target",
    "overview_page",
    "page_url",
    "relative",
    "review_pair_page",
    "review_plan_page",
    "section_page",
    "source_download",
    "term_page",
    "topic_page",
]
