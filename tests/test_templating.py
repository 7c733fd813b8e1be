"""The templates' globals are data: Jinja's own helpers and a documented set of constants.

A page producer computes what a page shows and passes it in the template's context; a
function registered as a global would let a template compute (or read) on its own again.
No function of the project is a global: links and views come in the context.
"""

from __future__ import annotations

from build_scripts.site import templating
from build_scripts.site.templating import CONSTANTS, ENV

JINJA_OWN = {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}


def test_globals_are_jinjas_own_and_the_constants_only():
    assert set(ENV.globals) == JINJA_OWN | set(CONSTANTS)
    assert not hasattr(templating, "PENDING_CALLBACKS")  # the callbacks are gone; none comes back


def test_no_callable_global_but_jinjas_own_and_the_enums():
    for name, value in ENV.globals.items():
        if name in JINJA_OWN:
            continue
        # enums (compared with, iterated) are classes; nothing else may be called
        assert not callable(value) or (isinstance(value, type) and name[0].isupper()), name


def test_no_constant_is_a_function():
    for name, value in CONSTANTS.items():
        # enums (compared with, iterated) are classes; nothing else may be called
        assert not callable(value) or (isinstance(value, type) and name[0].isupper()), name


def test_no_template_reads_a_data_file_or_builds_a_comparison_itself():
    for name in ("settings_rows", "review_progress", "comparison_html", "word_cut", "lineage_href", "compare"):
        assert name not in ENV.globals, name
    assert not hasattr(templating, "comparison_html")
