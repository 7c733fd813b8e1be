"""The built site (``mkdocs build --strict``, once per session): pages, anchors, verbatim
text, links, third-party hosts, reproducibility and failure on bad data."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, build_site, page_html, parse_html, parsed_file, squash

from build_scripts.website.urls import full_text_page, overview_page, page_url

TEXT_FILES = (".html", ".css", ".js", ".xml", ".json")


def ids_of(site: Path, url: str) -> set[str]:
    return {e.attrs["id"] for e in page_html(site, url).iter() if "id" in e.attrs}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ---------------------------------------------------------------- the build itself


def test_strict_build_prints_no_warning(site_build):
    assert "WARNING" not in site_build.output
    assert "ERROR" not in site_build.output


def test_html_lang_is_simplified_chinese(built_site):
    for path in html_files(built_site):
        assert '<html lang="zh-Hans"' in path.read_text(encoding="utf-8"), path


def test_no_markdown_syntax_leaks_into_the_pages(built_site):
    for path in html_files(built_site):
        text = parsed_file(path).text()
        assert "{:" not in text, path
        assert "<!--" not in text, path


def test_every_page_but_the_home_page_says_where_it_is_above_its_title(built_site):
    """One breadcrumb per page, always above the page's heading: the pages outside the
    navigation had it below, the top-level pages above (and MkDocs takes a page's title from
    its heading only when the heading comes first, so those pages name their title)."""
    for path in html_files(built_site):
        if path.parent == built_site:
            continue  # the home page (and 404.html): nothing above them
        html = path.read_text(encoding="utf-8")
        article = html[html.index("<article") :]
        assert article.count('class="breadcrumb page-crumbs') == 1, path
        assert article.index('class="breadcrumb page-crumbs') < article.index("<h1"), path


# ---------------------------------------------------------------- pages and anchors


def test_every_plan_has_overview_and_full_text(built_site, corpus):
    for plan in corpus.plans:
        overview = page_html(built_site, page_url(overview_page(plan.id)))
        assert plan.meta.title in overview.text()
        assert (built_site / page_url(full_text_page(plan.id)) / "index.html").is_file()


def test_every_section_and_task_has_its_anchor(built_site, corpus, sitemap):
    ids: dict[str, set[str]] = {}
    keys = [s.key for plan in corpus.plans for s in plan.walk() if hasattr(s, "subsections")]
    keys += [task.id for task in corpus.tasks]
    for key in keys:
        target = sitemap.target(key)
        url = page_url(target.page)
        if url not in ids:
            ids[url] = ids_of(built_site, url)
        assert (target.anchor or key) in ids[url], f"{key} has no anchor on {url}"


def test_every_task_block_shows_title_id_place_and_text(built_site, corpus, sitemap):
    for task in corpus.tasks:
        url = page_url(sitemap.target(task.id).page)
        root = page_html(built_site, url)
        blocks = root.find_all(
            lambda e, task=task: (
                e.tag == "article" and "task" in e.classes and any(h.attrs.get("id") == task.id for h in e.iter())
            )
        )
        assert len(blocks) == 1, task.id
        block = blocks[0]
        heading = next(h for h in block.iter() if h.attrs.get("id") == task.id)
        assert re.fullmatch(r"h[1-6]", heading.tag)
        assert task.title in heading.text()
        assert task.id in block.find_all(lambda e: "task-id" in e.classes)[0].text()
        crumbs = block.find_all(lambda e: "breadcrumb" in e.classes)[0].text()
        assert crumbs.startswith(corpus.plan(task.plan_id).meta.short_name)
        verbatim = block.find_all(lambda e: "verbatim" in e.classes)[0].text()
        assert squash(verbatim) == squash("".join(b.text for b in task.body))


def test_full_text_pages_hold_the_whole_source_in_order(built_site, corpus):
    for plan in corpus.plans:
        root = page_html(built_site, page_url(full_text_page(plan.id)))
        # Paragraph runs and, between them, the section headings (real headings: a table of contents)
        parts = root.find_all(lambda e: "full-text" in e.classes or "ft-section" in e.classes)
        text = "".join(e.text(lambda c: "headerlink" in c.classes) for e in parts)
        assert squash(text) == squash(plan.source.text), plan.id


def test_context_is_marked_and_caption_notes_missing_table(built_site):
    root = page_html(built_site, "plans/p12/3/")
    labels = [e.text() for e in root.find_all(lambda e: "context-label" in e.classes)]
    assert "指导思想" in labels and "目标" in labels
    notes = root.find_all(lambda e: "caption-note" in e.classes)
    assert notes and "缺失" in notes[0].text()


def test_navigation_lists_plans_in_chronological_order(built_site, corpus):
    nav = page_html(built_site, "").find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    text = nav.text()
    positions = [text.index(plan.meta.short_name) for plan in corpus.plans]
    assert positions == sorted(positions)
    assert [p.meta.start_year for p in corpus.plans] == sorted(p.meta.start_year for p in corpus.plans)


def test_sources_page_lists_every_file_and_the_excerpt(built_site, corpus):
    text = page_html(built_site, "sources/").text()
    for path in sorted((ROOT / "data" / "sources").iterdir()):
        assert path.name in text
    for plan in corpus.plans:
        assert plan.source.sha256 in text
    for excerpt in corpus.excerpts:
        assert excerpt.source.sha256 in text
        assert f"{excerpt.plan_span.line}–{excerpt.plan_end_line}" in text


def test_home_shows_timeline_and_task_counts(built_site, corpus):
    root = page_html(built_site, "")
    timeline = root.find_all(lambda e: "timeline" in e.classes)[0].text()
    for plan in corpus.plans:
        assert plan.meta.short_name in timeline
        assert f"{len(plan.tasks)} 项任务" in timeline


# ---------------------------------------------------------------- links and hosts


def link_targets(root) -> list[str]:
    """Every href and src, but the canonical link's (the page's own published address)."""
    return [
        e.attrs[name]
        for e in root.iter()
        for name in ("href", "src")
        if name in e.attrs and not (e.tag == "link" and e.attrs.get("rel") == "canonical")
    ]


def site_url(site: Path) -> str:
    """The address the site says it is published at (``site_url``: $SITE_URL, else the default)."""
    home = parse_html((site / "index.html").read_text(encoding="utf-8"))
    return next(e.attrs["href"] for e in home.iter() if e.tag == "link" and e.attrs.get("rel") == "canonical")


def test_every_page_names_its_published_address_and_the_sitemap_lists_every_page(built_site):
    base = site_url(built_site)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    expected = {base + ("" if page == "." else page + "/") for page in pages}
    assert listed == expected and len(listed) > 400
    for path in (built_site / "plans" / "p12" / "8" / "index.html", built_site / "terms" / "iot" / "index.html"):
        root = parsed_file(path)
        canonical = [e.attrs["href"] for e in root.iter() if e.tag == "link" and e.attrs.get("rel") == "canonical"]
        assert canonical == [base + path.parent.relative_to(built_site).as_posix() + "/"]


def test_every_internal_link_and_anchor_resolves(built_site):
    ids: dict[Path, set[str]] = {}
    problems = []
    for path in html_files(built_site):
        page_dir = path.parent.relative_to(built_site).as_posix()
        for link in link_targets(parsed_file(path)):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                assert parts.scheme in ("data", "mailto"), f"{path}: external link {link}"
                continue
            target_path = unquote(parts.path)
            if target_path:
                # 404.html links from the site root ("/assets/…"): MkDocs serves it at any depth
                base = "" if target_path.startswith("/") else page_dir
                rel = posixpath.normpath(posixpath.join(base, target_path.lstrip("/")))
                target = built_site / rel
                if target.is_dir() or target_path.endswith("/") or rel == ".":
                    target = target / "index.html"
            else:
                target = path
            if not target.is_file():
                problems.append(f"{path.relative_to(built_site)}: {link} → missing {target}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {
                        e.attrs["id"] for e in parse_html(target.read_text(encoding="utf-8")).iter() if "id" in e.attrs
                    }
                if unquote(parts.fragment) not in ids[target]:
                    problems.append(f"{path.relative_to(built_site)}: {link} → no anchor")
    assert not problems, "\n".join(problems[:20])


EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)
ALLOWED_EXTERNAL: set[str] = set()  # no third-party reference of any kind


def test_no_reference_to_a_third_party_host(built_site):
    own = f'href="{site_url(built_site)}'  # the canonical links: the site's own address, nothing requested
    found = []
    for path in sorted(built_site.rglob("*")):
        if path.suffix in (".html", ".css", ".js"):
            for match in EXTERNAL.finditer(path.read_text(encoding="utf-8")):
                context = path.read_text(encoding="utf-8")[match.start() : match.start() + 120]
                if not context.startswith(own) and not any(allowed in context for allowed in ALLOWED_EXTERNAL):
                    found.append(f"{path.relative_to(built_site)}: {context}")
    assert not found, "\n".join(found[:20])


def test_no_google_fonts_or_cdn(built_site):
    for path in html_files(built_site):
        text = path.read_text(encoding="utf-8")
        for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "cdnjs"):
            assert host not in text, (path, host)


# ---------------------------------------------------------------- reproducibility and failure


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_site, tmp_path):
    result = build_site(tmp_path / "again")
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert first == second
    differing = [str(p) for p in first if (built_site / p).read_bytes() != (tmp_path / "again" / p).read_bytes()]
    assert not differing, differing


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A copy of what the build reads, to break on purpose."""
    copy = tmp_path / "repo"
    for name in ("build_scripts", "data", "docs", "overrides"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    return copy


@pytest.mark.slow
def test_bad_data_aborts_the_build_with_its_message_and_writes_nothing(repo_copy):
    registry = repo_copy / "data" / "plans.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "doc_number: 京政发〔2016〕57号", "doc_number: 京政发〔2016〕99号"
        ),
        encoding="utf-8",
    )
    result = build_site(repo_copy / "out", cwd=repo_copy)
    assert result.returncode != 0
    assert "京政发〔2016〕99号 is not a line of" in result.stdout + result.stderr
    assert not (repo_copy / "out").exists()


NUMERALS = "零一二三四五六七八九十"


def test_the_texts_that_state_the_sites_span_agree_with_the_plans(corpus):
    """The site's name, the home page and the citation files state the years and the number of
    plans in words written by hand; a plan added must not leave them saying otherwise (the
    files are listed in CONTRIBUTING.md, 'Adding a plan')."""
    start = min(p.meta.start_year for p in corpus.plans)
    end = max(p.meta.end_year for p in corpus.plans)
    count = NUMERALS[len(corpus.plans)] if len(corpus.plans) <= 10 else str(len(corpus.plans))
    said = {
        "mkdocs.yml": [f"site_name: 北京信息化规划 {start}–{end}", f"北京市 {start}—{end} 年"],
        "docs/index.md": [f"# 北京信息化规划 {start}–{end}", f"{start}—{end} 年间的{count}份"],
        "docs/about.md": [f"北京市 {start}—{end} 年"],
        "CITATION.cff": [f"北京信息化规划 {start}–{end}："],
        "data/dataset.yaml": [f"title: 北京信息化规划 {start}–{end}："],
    }
    for name, phrases in said.items():
        text = (ROOT / name).read_text(encoding="utf-8")
        missing = [p for p in phrases if p not in text]
        assert not missing, f"{name} should say {missing} (the plans span {start}–{end}, {len(corpus.plans)} plans)"
