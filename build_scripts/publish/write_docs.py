"""The second adapter over the same site: write a self-contained MkDocs project to disk.

Pipeline place: beside the MkDocs plugin (``plugin.py``), over the same page list
(``website.build.build``). ``python -m build_scripts write-docs OUT`` writes

* ``OUT/docs/``: every generated page as Markdown, the hand-written pages with their
  markers filled, the stylesheets and scripts, and the open data (``data/tasks.json``,
  ``links.csv``, ``indicators.json`` and their schemas) byte for byte as the plugin build
  publishes them;
* ``OUT/docs/search/``: the search index, the same files as the plugin build's (the site
  build makes them; the scripts that read them are files of ``docs/``);
* ``OUT/overrides/``: the theme overrides;
* ``OUT/mkdocs.yml`` and ``OUT/properdocs.yml`` (:data:`CONFIG_NAMES`, one text): this
  project's configuration without the plugin and without the project's own Markdown
  extension, with the navigation written out; ProperDocs reads ``mkdocs.yml`` only as a legacy
  fallback it means to drop, MkDocs reads nothing else;
* ``OUT/README.md``: how to build it (``templates/README.md``).

Any MkDocs 1.x builder can publish it (``cd OUT && properdocs build --strict``, then
``python -m build_scripts finish site``: titles checked, each page's
Content-Security-Policy added; a test compares its pages and data files with the plugin
build page for page). The theme's overrides go with it, so the sidebar of pages outside the
navigation (``overrides/partials/nav.html``) is the same in both builds.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from ..core.paths import DOCS, OVERRIDES, ROOT

# What every publisher's output goes through after it is built (finish.py), as the plugin does
FINISH = (
    "after building, run `python -m build_scripts finish SITE_DIR`: it checks every page's titles "
    "and adds each page's Content-Security-Policy (csp.py), as the plugin build does"
)
_SECTION = re.compile(r"^(hooks|watch):\n(?:[ \t]+.*\n|\n)*", re.M)
# The project's plugin and the comment above it: the written project has none (`plugins: []`).
_PLUGIN = re.compile(r"^(?:#.*\n)*plugins:\n[ \t]+- beijing-plans\n", re.M)
_EXTRA = re.compile(r"^extra:\n", re.M)
CONFIG_NAMES = ("mkdocs.yml", "properdocs.yml")  # MkDocs' name; ProperDocs' own (it warns on the other)

# mkdocs.yml's opening comment tells how the plugin builds the site: the written project's own replaces it.
_OPENING = re.compile(r"\A(?:#.*\n)+")
HEADER = (
    "# Written by `python -m build_scripts write-docs`: the site without the project's plugin.\n"
    "# Build it with `properdocs build --strict`, then `python -m build_scripts finish site` (README.md).\n"
)
README = Path(__file__).with_name("templates") / "README.md"
_OWN_EXTENSION = re.compile(r"^[ \t]*#.*html_blocks.*\n|^[ \t]*- build_scripts\.website\.html_blocks\n", re.M)


def config_text(nav: list, outside: list[str], maintenance: tuple[tuple[str, str], ...] = ()) -> str:
    """``mkdocs.yml`` without the plugin, watch and the project's Markdown extension, with ``nav``
    and ``not_in_nav`` (the pages outside the navigation, as the plugin marks them)."""
    text = _OPENING.sub("", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    text, found = _PLUGIN.subn("plugins: []\n", _OWN_EXTENSION.sub("", _SECTION.sub("", text)))
    if found != 1:
        raise ValueError("mkdocs.yml: expected `plugins:` naming beijing-plans")
    if maintenance:  # the footer's 维护与方法, which the plugin puts into config.extra
        links = yaml.safe_dump({"maintenance": [list(link) for link in maintenance]}, allow_unicode=True, width=1000)
        text, found = _EXTRA.subn(lambda m: m.group(0) + "".join(f"  {line}\n" for line in links.splitlines()), text)
        if found != 1:
            raise ValueError("mkdocs.yml: expected one `extra:` section")
    listed = "".join(f"/{uri}\n" for uri in sorted(outside))
    dumped = yaml.safe_dump({"nav": nav, "not_in_nav": listed}, allow_unicode=True, sort_keys=False, width=1000)
    return HEADER + text.rstrip("\n") + "\n\n" + dumped


def write_docs(out: Path, data: Path) -> list[str]:
    """Write the project into ``out`` (replaced if it exists); returns the log notes."""
    from ..website.build import build
    from ..website.load import load_site
    from ..website.pages.fragments import fill_markers

    site = load_site(data)
    built = build(site)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    for page in built.pages:
        _write(docs / page.path, page.markdown)
    for static in built.files:
        (docs / static.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / static.path).write_bytes(static.content)
    for path in sorted(DOCS.rglob("*")):
        if path.is_file():
            target = docs / path.relative_to(DOCS)
            if path.suffix == ".md":
                uri = path.relative_to(DOCS).as_posix()
                _write(target, fill_markers(site, uri, path.read_text(encoding="utf-8")))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    shutil.copytree(OVERRIDES, out / "overrides")
    outside = [page.path for page in built.pages if not page.in_nav] + list(built.outside)
    config = config_text(built.nav_config(), outside, built.maintenance)
    for name in CONFIG_NAMES:  # the same configuration under each builder's own name
        (out / name).write_text(config, encoding="utf-8")
    shutil.copyfile(README, out / "README.md")
    return [str(n) for n in site.notes] + [f"note: {FINISH}"]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


__all__ = ["FINISH", "config_text", "write_docs"]
