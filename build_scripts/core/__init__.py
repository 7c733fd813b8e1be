"""The bottom layer: what every stage shares.

``model`` (the frozen records: Plan, Section, Task, Block, Corpus — and what a task is),
``errors`` (``Problem``: file, line, message; ``DataError`` carries every problem at once),
``schema`` (plain-YAML loading that keeps lines, and the ``Checker`` every data file goes
through), ``paths`` (every path of the repository), ``timing`` (stage timings for the log).
Imports nothing of the project.
"""
