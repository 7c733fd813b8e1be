"""Build scripts: Beijing's informatization plans → structured model → MkDocs site.

The pipeline, one module per stage, data flowing one way (see README.md in this folder):

    registry, sources → parse (+ excerpts) → corpus → annotate → link → render → export
                                                                   ↑
    hooks.py is the thin MkDocs entry point that runs the pipeline inside ``mkdocs build``.
"""
