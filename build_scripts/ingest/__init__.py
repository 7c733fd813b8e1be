"""Layer 1: the received texts → a parsed :class:`~build_scripts.core.model.Corpus`.

``registry`` (``data/plans.yaml`` → plan metadata and profiles), ``sources`` (the texts,
UTF-8 and SHA-256 checked against ``data/manifest.yaml``), ``parse`` (a text + its profile →
sections, tasks, context blocks, lossless), ``excerpts`` (a partial copy → an excerpt of a
registered plan), ``task_record`` (the task ids as last recorded in ``data/task_ids.yaml``,
and which moved since), ``corpus`` (all of it, every problem reported at once). Imports ``core`` only.
"""
