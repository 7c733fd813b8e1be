"""Layer 5: adapters from the site build to a published site, and what runs after.

``plugin`` (the MkDocs plugin: ``mkdocs build --strict``), ``write_docs`` (the same build as a
project without the plugin, for ProperDocs or Zensical), ``finish`` and ``csp`` (what every
publisher's output goes through), ``changes`` (the change report) and ``release`` (a new version of the open data).
"""
