"""The templates' globals are data: Jinja's own helpers and a documented set of constants.

A page producer computes what a page shows and passes it in the template's context; a
function registered as a global would let a template compute (or read) on its own again.
The functions still registered (``templating.PENDING_CALLBACKS``) are listed here by name
and may only go away.
"""

from __future__ import annotations

from build_scripts.site import templating
from build_scripts.site.templating import CONSTANTS, ENV, PENDING_CALLBACKS

JINJA_OWN = {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}
STILL_PENDING = {  # shrink only: each name is to become data in a producer's context
    "Target",
    "relative",
    "html_relative",
    "overview_page",
    "indicator_plan_page",
    "term_page",
    "topic_page",
    "plan_label",
    "task_heading",
    "has_line",
}


def test_globals_are_jinjas_own_the_constants_and_the_pending_callbacks_only():
    assert set(ENV.globals) == JINJA_OWN | set(CONSTANTS) | set(PENDING_CALLBACKS)
    assert set(PENDING_CALLBACKS) <= STILL_PENDING  # no callback comes back


def test_no_constant_is_a_function():
    for name, value in CONSTANTS.items():
        # enums (compared with, iterated) are classes; nothing else may be called
        assert not callable(value) or (isinstance(value, type) and name[0].isupper()), name


def test_no_template_reads_a_data_file_or_builds_a_comparison_itself():
    for name in ("settings_rows", "review_progress", "comparison_html", "word_cut", "lineage_href", "compare"):
        assert name not in ENV.globals, name
    assert not hasattr(templating, "comparison_html")
