"""Layer 2: words. The policy dictionary and what the texts say with it.

``terms`` (``data/terms.yaml`` → terms, variants, rename families, the matcher), ``segment``
(jieba with the policy dictionary, loaded deliberately and cached), ``concepts``
(``data/concepts.yaml`` → policy domains and their matcher), ``annotate`` (every term hit in
the corpus, with its place and sentence). Imports ``core`` and ``ingest``.
"""
