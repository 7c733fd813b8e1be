"""The policy-line diagram of a lineage page: the geometry of an SVG drawn at build time.

Pipeline place: reads a :class:`~build_scripts.website.lineage_views.PolicyLine` (the one line
of a task, from ``Lineage.relations``) and returns a frozen :class:`Diagram` — boxes,
lines and column heads with their coordinates and wrapped titles — which
``_line_diagram.svg.j2`` writes as SVG (the template escapes every text; no markup here).
The list of the same line below the diagram on the page is its text equivalent.

Layout: one column per plan of the line's window, earliest on the left, headed by the
plan's name and years; in each column the line's tasks in document order, each a box
holding its whole title (wrapped, never cut, never an id). A line joins every linked pair
of the line (the later task's predecessors on it), drawn by strength (强 solid and thick,
弱 dashed), and the task's own related pairs (dotted). Boxes say how a task stands to the
page's task: the task itself, its own predecessors, successors and related pairs (solid
frame), or a task reached only through a third one (dashed frame, muted). A line between
plans that are not neighbours runs above the boxes of the columns it passes, each in a lane
of its own, so it never seems to pass through a task.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lineage_views.lines import PolicyLine
from .views import plan_years

FONT = 13  # px, the titles' font size
LINE_HEIGHT = 18
BOX_WIDTH = 140  # four plans fit the desktop column (688 px at 1280)
TEXT_WIDTH = BOX_WIDTH - 16  # the padding on both sides
PAD_Y = 9
GAP_Y = 12  # between the boxes of a column
GAP_X = 40  # between columns: room for the lines
HEAD = 48  # the column heads' height
LANE = 6  # between the lanes above the boxes, where a line passing a column runs
MARGIN = 4
UNIT = re.compile(r"[A-Za-z0-9.%+-]+|.", re.S)  # a run of Latin letters and digits is never broken


def text_width(text: str) -> float:
    """Approximate width in px of ``text`` at :data:`FONT`: a wide (CJK) character is one em,
    any other about half of one."""
    return sum(FONT if unicodedata.east_asian_width(ch) in "WF" else FONT * 0.56 for ch in text)


def wrap(text: str, width: float = TEXT_WIDTH) -> tuple[str, ...]:
    """``text`` in lines no wider than ``width`` (a Latin or digit run longer than a line
    gets a line of its own); joined, the lines give back the text."""
    lines: list[str] = []
    here = ""
    for unit in UNIT.findall(text):
        if here and text_width(here + unit) > width:
            lines.append(here)
            here = ""
        here += unit
    if here or not lines:
        lines.append(here)
    return tuple(lines)


@dataclass(frozen=True)
class Head:
    x: float  # the column's centre
    name: str
    years: str


@dataclass(frozen=True)
class Box:
    task_id: str
    column: int
    x: float
    y: float
    height: float
    lines: tuple[str, ...]  # the title, wrapped
    css: str  # node-focus, node-direct or node-through; node-related too for a related pair
    title: str  # the whole title, for the box's tooltip


@dataclass(frozen=True)
class Edge:
    path: str  # the SVG path data
    css: str  # edge-strong, edge-weak or edge-related
    earlier: str
    later: str


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    heads: tuple[Head, ...]
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    box_width: float = BOX_WIDTH
    font: int = FONT
    line_height: int = LINE_HEIGHT
    pad_y: int = PAD_Y


def _css(role: str, direct: bool) -> str:
    if role == "focus":
        return "node-focus"
    return ("node-direct" if direct else "node-through") + (" node-related" if role == "related" else "")


def _path(a: Box, b: Box, lane: float | None) -> str:
    """From the right side of ``a`` to the left side of ``b``: a curve between neighbouring
    columns, else up to the lane at height ``lane``, along it and down again."""
    x1, y1 = a.x + BOX_WIDTH, a.y + a.height / 2
    x2, y2 = b.x, b.y + b.height / 2
    half = GAP_X / 2
    if lane is None:
        return f"M{x1:g} {y1:g} C{x1 + half:g} {y1:g} {x2 - half:g} {y2:g} {x2:g} {y2:g}"
    return (
        f"M{x1:g} {y1:g} C{x1 + half:g} {y1:g} {x1:g} {lane:g} {x1 + half:g} {lane:g} "
        f"L{x2 - half:g} {lane:g} C{x2:g} {lane:g} {x2 - half:g} {y2:g} {x2:g} {y2:g}"
    )


def diagram(line: PolicyLine) -> Diagram:
    """The diagram of a policy line (module docstring)."""
    heads, boxes = [], {}
    column = {node.task.id: i for i, (_, nodes) in enumerate(line.columns) for node in nodes}
    passing = [e for e in line.edges if column[e.later] - column[e.earlier] > 1]
    top = HEAD + LANE * len(passing) + (LANE if passing else 0)  # the lanes, then the boxes
    lanes = {(e.earlier, e.later): HEAD + LANE * (i + 1) for i, e in enumerate(passing)}
    bottom = float(top)
    for i, (plan, nodes) in enumerate(line.columns):
        x = MARGIN + i * (BOX_WIDTH + GAP_X)
        heads.append(Head(x + BOX_WIDTH / 2, plan.meta.short_name, plan_years(plan)))
        y = float(top)
        for node in nodes:
            lines = wrap(node.task.title)
            height = 2 * PAD_Y + LINE_HEIGHT * len(lines)
            css = _css(node.role, node.direct)
            boxes[node.task.id] = Box(node.task.id, i, x, y, height, lines, css, node.task.title)
            y += height + GAP_Y
        bottom = max(bottom, y)
    edges = tuple(
        Edge(
            _path(boxes[e.earlier], boxes[e.later], lanes.get((e.earlier, e.later))),
            f"edge-{e.kind}",
            e.earlier,
            e.later,
        )
        for e in line.edges
    )
    width = MARGIN * 2 + len(line.columns) * BOX_WIDTH + max(len(line.columns) - 1, 0) * GAP_X
    return Diagram(width, bottom + MARGIN, tuple(heads), tuple(boxes.values()), edges)


__all__ = ["Box", "Diagram", "Edge", "Head", "diagram", "text_width", "wrap"]
