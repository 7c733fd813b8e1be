"""The single URL rule (urls.py): relative paths between pages, checked against the
standard library on open-ended paths."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from build_scripts.website.urls import Target, html_relative, relative, relpath

SEGMENT = st.sampled_from(["plans", "p11", "p12", "lineage", "terms", "物联网", "3-1", "index.md", "a.md", "."])
SITE_PATH = st.lists(SEGMENT, max_size=5).map("/".join)
DIR_PATH = st.builds(lambda path, slash: path + ("/" if slash and path else ""), SITE_PATH, st.booleans())


@given(DIR_PATH, DIR_PATH)
def test_relpath_agrees_with_the_standard_library(path, start):
    assert relpath(path, start or ".") == posixpath.relpath(path or ".", start or ".")


def test_links_between_pages():
    assert relative("plans/p12/8.md", Target("lineage/p12-8-1-2.md", "line")) == "../../lineage/p12-8-1-2.md#line"
    assert relative("index.md", Target("plans/index.md")) == "plans/index.md"
    assert html_relative("plans/p12/8.md", Target("plans/p12/8.md", "x")) == "./#x"
    assert html_relative("terms/3g.md", Target("plans/index.md")) == "../../plans/"
    assert html_relative("index.md", Target("plans/p11/index.md")) == "plans/p11/"
