"""Keyboard paths: a task block has at most three Tab stops.

Pipeline place: ``hooks.on_page_content``, on each page's finished HTML.

A task's heading gets a ¶ permalink from Markdown's ``toc`` extension, like every heading.
In a task block the task id beside it is the same permalink, visible and labelled, so the
¶ stays a link for the mouse but leaves the Tab order (``tabindex="-1"``). The other two
stops are 复制链接 and the collapsed 前序与后续 (templates ``_macros``, ``_lineage``).
"""

from __future__ import annotations

import re

_TASK_PERMALINK = re.compile(
    r'(<h[1-6] class="task-title" id="(?P<id>[^"]+)">(?:(?!</h[1-6]>).)*?<a class="headerlink" href="#(?P=id)")', re.S
)


def untab_task_permalinks(html: str) -> str:
    """``html`` with the ¶ of every task heading out of the Tab order."""
    return _TASK_PERMALINK.sub(r'\1 tabindex="-1"', html)
