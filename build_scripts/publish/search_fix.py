"""The Chinese search worker: Material's search worker with six exact patches, as a theme override.

Place in the build: none while building. ``overrides/assets/javascripts/workers/
search.<hash>.min.js`` is a generated, committed file: the installed theme's worker
(``material/templates/assets/javascripts/workers/search.<hash>.min.js``) with every patch of
:data:`PATCHES` applied and a one-line header comment. MkDocs copies each static file of the
theme from the first theme directory that holds it, and ``custom_dir`` (``overrides/``) comes
first, so every build of this project serves the override under the very name the theme's
``base.html`` loads: the hooks build, and the project ``write-docs`` writes (which copies
``overrides/``) when ProperDocs builds it. The hooks build checks that the worker it wrote is
the patched one (:func:`check_site_worker`, ``hooks.on_post_build``); ``tests/test_search_fix.py``
checks that the committed file equals :func:`override_text` of the installed theme's worker
and carries that worker's name (:func:`check_override`).

Regenerate it after changing a patch, or after a Material upgrade that the patches still fit::

    python -m build_scripts.publish.search_fix --write-override

(``--check``, the default, only compares.) A Material release that changes the worker changes
its name (the hash): the committed override no longer has the name ``base.html`` loads, and
the check and the hooks build fail, naming both files. If a patch's snippet is gone from the
new worker, :func:`patch_worker_text` fails naming the patch; then look whether upstream fixed
Chinese search, update the patches and :data:`THEME_VERSION`, and regenerate.

Licence: Material for MkDocs is MIT-licensed (Copyright (c) 2016-2025 Martin Donath), and so
is Lunr, bundled in the worker with its notices, which the file keeps. The header
(:data:`HEADER`, a ``/* … */`` line before the theme's ``"use strict"``) names the source,
its licence and the command above. The theme's ``.map`` file is not overridden (browser
devtools only; the header shifts its lines by one, the patches its columns).

The first patch (:data:`SEGMENT`; the others say what they do where they are defined) fixes
a defect of mkdocs-material 9.8.1 and 9.8.2, which ship the same worker
(``search.a7633da7.min.js``): before a query is handed to
Lunr, every run of Han characters is cut into words that exist in the index by ``segment()``
(upstream source
``src/templates/assets/javascripts/integrations/search/query/segment/index.ts``)::

    for (let i = 0; i < query.length; i++)
      for (let j = i + 1; j < query.length; j++) {   // never tries query.slice(i, query.length)
        if (query.slice(i, j) in index) wordcuts[i] = j - i
      ...
      if (wordcuts[q] && q < query.length - 1)       // never continues at the last character

Because ``j`` stops one short, no candidate word may end at the last character
of the query, so 智能交通 is searched as ``智能*`` and 物联网 as ``物*`` (the
whole term is never looked up, results merely share its first word).  The
second bound is the same off-by-one one step later: once the first is fixed,
a trailing single-character word (交通网 → 交通 + 网) would still be dropped.
The fix changes ``j < query.length`` to ``j <= query.length`` and
``q < query.length - 1`` to ``q < query.length``; nothing else.

Each patch is an exact textual replacement of its ``original`` snippet by its ``patched``
one; a worker that does not hold each original exactly once raises
:class:`SearchWorkerPatchError`, so nothing ships an unfixed worker.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..core.paths import OVERRIDES, ROOT

__all__ = [
    "HEADER",
    "ORIGINAL_SNIPPET",
    "PATCHED_SNIPPET",
    "PATCHES",
    "REGENERATE",
    "THEME_VERSION",
    "WORKER_DIR",
    "Patch",
    "SearchWorkerPatchError",
    "check_installed_theme_worker",
    "check_override",
    "check_site_worker",
    "expected_override",
    "find_worker",
    "installed_theme_worker",
    "override_text",
    "patch_worker_text",
    "write_override",
]

#: Where Material keeps the worker, relative to the site (or theme) directory.
WORKER_DIR = Path("assets", "javascripts", "workers")
WORKER_GLOB = "search.*.min.js"

#: The mkdocs-material release whose worker the patches are written for (its worker is the
#: same file in 9.8.2). Named in the override's header and in the errors.
THEME_VERSION = "9.8.2"
REGENERATE = "python -m build_scripts.publish.search_fix --write-override"
#: The override's first line: its source, licence and how it is made.
HEADER = (
    f"/* Search worker of Material for MkDocs {THEME_VERSION} (MIT licence, Copyright (c) 2016-2025 "
    "Martin Donath; Lunr inside: MIT), with the Chinese search patches of "
    f"build_scripts/publish/search_fix.py. Generated, do not edit: {REGENERATE} */\n"
)


@dataclass(frozen=True)
class Patch:
    """One exact textual change to the minified worker, and why it is needed."""

    name: str
    original: str
    patched: str


#: 1. segment(): the loops as minified in mkdocs-material 9.8.1/9.8.2 (t = query, e = inverted
#: index, n = wordcuts, i = stack, r = segments); both bounds corrected
#: (``o<=t.length``, ``a<t.length``) so a word may end at the query's last character.
SEGMENT = Patch(
    "segment() bounds",
    "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
    "let i=[0];for(let s=i.length;s>0;){let o=i[--s];"
    "for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);"
    "let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a)",
    "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
    "let i=[0];for(let s=i.length;s>0;){let o=i[--s];"
    "for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);"
    "let a=o+n[o];n[a]&&a<t.length&&(i[s++]=a)",
)

#: 2. search(): how a run of Chinese characters becomes query clauses. Policy terms are
#: indexed whole (智能交通, 电子政务), so a word must match the indexed words that
#: *contain* it: the run is searched as ``+*run*`` when some indexed word contains it
#: (交通 → 智能交通, 城市交通, 交通管理 …); otherwise it is cut into indexed words by
#: segment() and every piece is required (``+*智能交通* +*管理*``). segment() silently
#: drops what it cannot cut (区块链 → 区); then the run is searched whole, so a query found
#: nowhere returns nothing instead of everything containing 区. Clauses are spaced apart
#: from what surrounds the run (800兆无线政务专网 → ``800 +*兆无线政务专网*``). Lunr expands the
#: wildcards against the index's own words, so highlights mark an indexed word, never a
#: whole paragraph.
CONTAINS = Patch(
    "Chinese query clauses",
    '[...fe(s,this.index.invertedIndex)].join("* ")',
    "(w=>Object.keys(this.index.invertedIndex).some(k=>k.includes(s))||![...s].every(c=>w.some(x=>x.includes(c)))"
    '?[s]:w)([...fe(s,this.index.invertedIndex)]).map(w=>" +*"+w+"* ").join("")',
)

#: 3. getSearchQueryTerms(): a query term counts as found when a matched indexed word
#: *contains* it (was: starts with it), so a result found through 智能交通 for the query
#: 交通 is not ranked down or shown as missing 交通.
FOUND_TERMS = Patch(
    "found terms may lie inside words",
    "e[s].startsWith(o.term)&&(n[o.term]=!0,r.delete(o))",
    "e[s].includes(o.term)&&(n[o.term]=!0,r.delete(o))",
)

#: 4. search(): the query arrives as ``query`` or ``query + U+001F + plan id`` (the page script
#: ``docs/javascripts/search.js`` adds the plan the reader narrowed the results to). The plan
#: is split off before anything else, and the query is kept as typed, without spaces or
#: U+200B and lower-cased, to recognise a page titled exactly as the query.
QUERY_PARTS = Patch(
    "query and plan",
    "search(e){if(e=e.replace(",
    'search(e){let[$query,$plan=""]=e.split("\\u001f");e=$query;'
    'let $exact=$query.replace(/[\\s\\u200b]+/g,"").toLowerCase();if(e=e.replace(',
)

#: 5. search(): the order of results, before they are grouped by page. Each result gets a
#: tier: 0 for a page or section titled exactly as the query, else the ``rank`` that
#: ``search.annotate_index`` gave its page (1 plan text, 2 glossary, 3 everything else);
#: results sort by tier, then by Lunr's score (a term in a task's heading weighs 1000 times a
#: term in its text, each further occurrence adds), so tasks come in order of how prominently
#: they use the term. Results outside the chosen plan are dropped; a result on a plan's page
#: is titled with the plan's short name (“十三五”规划 · 二、完善信息基础设施). Titles are
#: compared and prefixed here, in the results, so the plan names are never indexed.
ORDER = Patch(
    "tiers, plan filter and plan names",
    ".sort((s,o)=>o.score-s.score).reduce((s,o)=>{let a=this.map.get(o.location);",
    ".filter(s=>!$plan||s.plan===$plan)"
    '.map(s=>(s.tier=this.map.get(s.location).title.replace(/[\\s\\u200b]+/g,"").toLowerCase()===$exact?0:s.rank||3,'
    's.label&&(s.title=s.label+" \\u00b7 "+s.title),s))'
    ".sort((s,o)=>s.tier-o.tier||o.score-s.score).reduce((s,o)=>{let a=this.map.get(o.location);",
)

#: 6. search(): a page whose sections matched but not the page itself is still shown as the
#: group's header; it is titled with its plan as well.
HEADERS = Patch(
    "plan names of group headers",
    "o.push(B(_({},a),{score:0,terms:{}}))",
    'o.push(B(_({},a),{score:0,terms:{},title:a.label?a.label+" \\u00b7 "+a.title:a.title}))',
)

PATCHES = (SEGMENT, CONTAINS, FOUND_TERMS, QUERY_PARTS, ORDER, HEADERS)
#: Kept for callers that only know the first fix.
ORIGINAL_SNIPPET, PATCHED_SNIPPET = SEGMENT.original, SEGMENT.patched


class SearchWorkerPatchError(RuntimeError):
    """The search worker is missing, does not look like the one we know how to fix, or the
    override (or a built site's worker) is not the patched installed theme's worker."""


def find_worker(directory: Path) -> Path:
    """Return the single ``search.*.min.js`` in *directory* (a ``workers`` folder)."""
    found = sorted(Path(directory).glob(WORKER_GLOB))
    if len(found) != 1:
        raise SearchWorkerPatchError(
            f"expected exactly one {WORKER_GLOB} in {directory}, found {[p.name for p in found] or 'none'}"
        )
    return found[0]


def patch_worker_text(text: str, *, source: str = "search worker") -> str:
    """Return *text* with every patch applied (unchanged if already applied).

    Raises :class:`SearchWorkerPatchError`, naming *source* and the patch, unless the
    text holds each patch's original snippet exactly once, or its patched one exactly once.
    """
    for patch in PATCHES:
        original, patched = text.count(patch.original), text.count(patch.patched)
        if original == 0 and patched == 1:
            continue
        if original != 1 or patched != 0:
            raise SearchWorkerPatchError(
                f"{source}: expected the {patch.name} snippet of mkdocs-material {THEME_VERSION} exactly "
                f"once (found {original} original, {patched} patched). The theme's search worker "
                f"has changed; check whether upstream fixed Chinese search, update "
                f"build_scripts/publish/search_fix.py and run `{REGENERATE}`. Expected: {patch.original!r}"
            )
        text = text.replace(patch.original, patch.patched)
    return text


def installed_theme_worker() -> Path:
    """Return the search worker shipped in the installed ``material`` package."""
    templates = Path(str(resources.files("material") / "templates"))
    return find_worker(templates / WORKER_DIR)


def check_installed_theme_worker() -> Path:
    """Check that the installed theme's worker contains each original snippet once.

    Returns the worker's path; raises :class:`SearchWorkerPatchError` otherwise.
    """
    worker = installed_theme_worker()
    text = worker.read_text(encoding="utf-8")
    for patch in PATCHES:
        count = text.count(patch.original)
        if count != 1:
            raise SearchWorkerPatchError(
                f"{worker}: expected the original {patch.name} snippet exactly once, found it {count} times"
            )
    return worker


def override_text(theme_text: str, *, source: str = "search worker") -> str:
    """The override's content: :data:`HEADER`, then *theme_text* with every patch applied."""
    return HEADER + patch_worker_text(theme_text, source=source)


def expected_override(overrides: Path = OVERRIDES) -> tuple[Path, str]:
    """Where the override belongs (the installed theme's worker name under *overrides*) and
    what it must hold (:func:`override_text` of that worker)."""
    worker = installed_theme_worker()
    text = override_text(worker.read_text(encoding="utf-8"), source=str(worker))
    return Path(overrides) / WORKER_DIR / worker.name, text


def write_override(overrides: Path = OVERRIDES) -> Path:
    """(Re)write the override from the installed theme's worker; remove an override of another
    name (an older theme's worker, which ``base.html`` no longer loads). Returns its path."""
    path, text = expected_override(overrides)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(WORKER_GLOB):
        if stale != path:
            stale.unlink()
    path.write_bytes(text.encode("utf-8"))  # as is: no newline translation
    return path


def check_override(overrides: Path = OVERRIDES) -> Path:
    """Check that the committed override is the installed theme's worker, patched, under that
    worker's name; return its path. Raises :class:`SearchWorkerPatchError` saying what to do."""
    path, text = expected_override(overrides)
    present = sorted(p.name for p in path.parent.glob(WORKER_GLOB))
    if present != [path.name]:
        raise SearchWorkerPatchError(
            f"{path.parent}: expected the override {path.name} (the name of the installed theme's worker, "
            f"which the theme's base.html loads), found {present or 'none'}. If Material was upgraded, "
            f"check that the patches still fit its worker and run `{REGENERATE}`"
        )
    if path.read_bytes() != text.encode("utf-8"):
        raise SearchWorkerPatchError(
            f"{path} is not the installed theme's worker with the patches of "
            f"build_scripts/publish/search_fix.py applied; do not edit it by hand, run `{REGENERATE}`"
        )
    return path


def check_site_worker(site_dir: Path, overrides: Path = OVERRIDES) -> Path:
    """Check that the built site in *site_dir* serves the patched worker (the override) under
    the name the theme loads; return its path. Raises :class:`SearchWorkerPatchError`."""
    override = check_override(overrides)
    written = Path(site_dir) / WORKER_DIR / override.name
    if not written.is_file():
        problem = "is missing"
    elif written.read_bytes() != override.read_bytes():
        problem = f"is not the patched override {override}"
    else:
        return written
    raise SearchWorkerPatchError(
        f"{written}: the built site's search worker {problem}; is overrides/ still the theme's "
        "custom_dir in mkdocs.yml?"
    )


def main(argv: list[str] | None = None) -> int:
    """``--check`` (default): compare the committed override with the installed theme's
    worker, patched; ``--write-override``: write it."""
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"], ["--write-override"]):
        print(f"usage: {REGENERATE.removesuffix(' --write-override')} [--check | --write-override]", file=sys.stderr)
        return 2
    try:
        if args == ["--write-override"]:
            print(f"search_fix: wrote {write_override().relative_to(ROOT)}")
        else:
            print(f"search_fix: {check_override().relative_to(ROOT)} ok")
    except SearchWorkerPatchError as error:
        print(f"search_fix: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
