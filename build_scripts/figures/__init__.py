"""Layer 3 (beside ``lineage``): the figures the plans state.

``indicators``: every quantity in the texts with its indicator, kind (target, baseline …),
qualifier words and outcome, with ``data/indicators.yaml``'s corrections and series.
Imports the layers below; not ``lineage`` (a sibling).
"""
