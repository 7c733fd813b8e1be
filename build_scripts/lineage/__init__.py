"""Layer 3: how tasks continue from plan to plan.

``link`` (the automatic linker over ``data/lineage.yaml``: candidates, scores,
strength), ``evidence`` (clauses and the clause pair a link rests on), ``curation`` (the
editors' review in ``data/links.yaml``), ``build`` (automatic links with the review applied:
the published :class:`Lineage`), ``cache`` (the result on disk, keyed by every input and
every module the linker imports). Imports the layers below; not ``figures`` (a sibling).
"""
