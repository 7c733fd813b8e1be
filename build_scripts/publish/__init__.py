"""Layer 5: adapters from the site build to a published site, and what runs after.

``hooks`` (the MkDocs hooks: ``mkdocs build --strict``), ``write_docs`` (the same build as a
project without hooks, for ProperDocs or Zensical), ``csp``, ``sidebar`` (per-page finishing in the hooks
build), ``changes`` (the change report) and ``release`` (a new version of the open data).
"""
