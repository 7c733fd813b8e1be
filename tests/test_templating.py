"""The templates' globals are data: Jinja's own helpers and a documented set of constants.

A page producer computes what a page shows and passes it in the template's context; a
function registered as a global would let a template compute (or read) on its own again.
No function of the project is a global: links and views come in the context.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given
from hypothesis import strategies as st

from build_scripts.core.paths import TEMPLATES
from build_scripts.website import templating
from build_scripts.website.templating import CONSTANTS, ENV

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


def _callables(value, where: str, depth: int = 2):
    """Functions and methods in a context value: the value itself and, ``depth`` levels down,
    the values of mappings and the items of lists and tuples (records are not opened)."""
    if callable(value) and not isinstance(value, type):
        yield where
    if depth == 0:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _callables(item, f"{where}[{key!r}]", depth - 1)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _callables(item, f"{where}[{index}]", depth - 1)


def test_no_render_context_holds_a_function(monkeypatch, real_site):
    """Producers pass values, mappings and records: no template gets a function to call
    back (``years=years``, a bound ``sitemap.href`` …). Every page of the real site is
    rendered with ``Template.render`` watched."""
    from jinja2 import Template

    from build_scripts.website import build

    render = Template.render
    rendered: list[str] = []

    def watched(self, *args, **context):
        for name, value in dict(*args, **context).items():
            assert not list(_callables(value, name)), f"{self.name}: {list(_callables(value, name))}"
        rendered.append(self.name)
        return render(self, *args, **context)

    monkeypatch.setattr(Template, "render", watched)
    build.build(real_site)
    assert {"terms_index.md.j2", "term_page.md.j2", "lineage_review.md.j2", "topics_index.md.j2"} <= set(rendered)


def test_no_template_calls_back_into_a_record_or_the_site_map():
    """Templates read attributes and loop: the counts and links they once computed through
    record methods (``sitemap.href``, ``annotations.used`` …, ``topic.tasks_of``,
    ``what.count``) come in their context."""
    import re

    call = re.compile(r"\b(sitemap\.\w+|annotations\.\w+|tasks_of|what\.count|years)\(")
    for path in sorted(TEMPLATES.glob("*.j2")):
        found = call.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: {found}"


@given(st.integers(min_value=0, max_value=10_000))
def test_a_score_shows_with_two_places_rounded_half_up(n):
    """Scores are stored with four decimals; shown with two, as a reader rounds them (0.245 →
    0.25, 0.185 → 0.19: ``"%.2f"`` gave 0.24 and 0.18, the floats lying just below)."""
    from decimal import ROUND_HALF_UP, Decimal

    from build_scripts.website.templating import two_places

    stored = Decimal(n) / 10_000
    assert two_places(float(stored)) == str(stored.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    assert two_places(0.245) == "0.25" and two_places(0.185) == "0.19"
