"""Build scripts: Beijing's informatization plans → structured model → a static site.

The pipeline in layer packages, each importing only those below it (``tests/test_layers.py``):

    core → ingest → language → lineage | figures → site → publish

``README.md`` in this folder describes every package and module, the data flow, and how to
add a page type, a plan of a new shape or a linker tunable. ``__main__`` is the command line.
"""
