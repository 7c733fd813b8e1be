"""Layer 3: how tasks continue from plan to plan.

``inputs`` (what the linker reads, each file parsed once), ``settings`` (``data/lineage.yaml``), ``evidence`` (clauses, and the clause pair a link rests
on), ``index`` (vectors, candidates, scores), ``selection`` (which candidates become links,
how strong), ``graph`` (``Link``, ``Lineage``), ``curation`` (the editors' review in
``data/links.yaml``), ``build`` (automatic links with the review applied: the published
:class:`Lineage`), ``cache`` (the result on disk, keyed by every input and every module the
linker imports). Imports the layers below; not ``figures`` (a sibling).
"""
