"""Layer 3 (beside ``lineage``): the figures the plans state.

``numbers`` (a figure: a number with its unit, and its value), ``naming`` (the indicator a
figure counts, and the key that matches it across plans), ``statements`` (every figure of a
plan with its kind, target or baseline, and year), ``curation`` (``data/indicators.yaml``:
the editors' corrections), ``indicators`` (statements grouped into indicators and series:
:func:`indicators.build`, what the site loads), ``export`` (``indicators.json``). Imports the
layers below; not ``lineage`` (a sibling).
"""
