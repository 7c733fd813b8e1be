"""What the site shows of the lineage beyond a task block: compare views, policy lines,
continuity per plan, the plan × plan summary and the editors' review progress and decisions per plan pair.

Pipeline place: reads a :class:`~build_scripts.lineage.graph.Lineage` (never changes it)
through :class:`LineageViews`, its view maps built once per site by ``load.make_site``;
the page producers (``pages/lineage.py``, ``pages/plans.py``, ``pages/fragments.py``) call
these functions and pass the results to their templates. Pure functions only, so the
rules in each module's docstring are tested on made-up data.

The views, one module per job: ``compare`` (two texts side by side, changes on word
boundaries), ``lines`` (policy lines, a page's comparisons, the view maps built once per
site), ``continuity`` (per plan, and the plan × plan summary), ``review`` (the editors'
progress and decisions per plan pair), ``settings_rows`` (the linker's settings for the
about page), ``told`` (a task's labels as a reader is told them).
"""
