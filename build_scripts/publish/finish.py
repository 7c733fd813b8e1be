"""The last step of any publisher's output: ``python -m build_scripts finish SITE_DIR``.

Pipeline place: after MkDocs (the plugin build) or any other MkDocs 1.x builder (ProperDocs
on the project ``write-docs`` writes) has written ``SITE_DIR``. For every HTML page it

* checks the ``<title>`` the theme wrote is HTML text, not markup (``escaping.check_title``:
  the plugin checks every title before writing, a foreign builder cannot), and
* adds the page's Content-Security-Policy (``csp.add_policy``), unless the page has one.

Every problem of every page is reported (file and what was found) and then nothing is
changed: a site with one bad title is refused whole. Running it twice changes nothing the
second time. The plugin calls it at the end of their build, so both publishers' pages go
through the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..website import escaping
from . import csp

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
POLICY = 'http-equiv="Content-Security-Policy"'


class FinishError(ValueError):
    """Pages that cannot be published; nothing was changed."""


@dataclass(frozen=True)
class Finished:
    pages: int  # HTML pages looked at
    secured: int  # of them, given their policy now (the others had one)


def _title_problems(html: str, where: str) -> list[str]:
    problems = []
    for match in TITLE.finditer(html):
        try:
            escaping.check_title(match.group(1), f"{where} <title>")
        except escaping.TitleError as error:
            problems.append(str(error))
    return problems


def finish(site: Path) -> Finished:
    """Check and secure every page of ``site`` (module docstring); raise :class:`FinishError`
    with every problem, changing nothing, if a page cannot be published."""
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise FinishError(f"{site}: no HTML page; expected a built site")
    problems: list[str] = []
    done: dict[Path, str] = {}
    for path in pages:
        where = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        problems += _title_problems(html, where)
        if POLICY in html:
            continue
        try:
            done[path] = csp.add_policy(html)
        except csp.CspError as error:
            problems.append(f"{where}: {error}")
    if problems:
        raise FinishError("\n".join(problems))
    for path, html in done.items():
        path.write_text(html, encoding="utf-8")
    return Finished(len(pages), len(done))


__all__ = ["FinishError", "Finished", "finish"]
