"""The lineage pages of the built site: every linked task has its policy line and
comparisons, the texts are shown unaltered, task blocks and overviews link to them, the
review page is reachable but not in the navigation, the about page links the open data.

The lineage is read back from the published ``data/tasks.json`` of the same build, so
these tests check the pages against exactly the links they were built from."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import page_html

from build_scripts.core.paths import DATA
from build_scripts.lineage.settings import load_settings
from build_scripts.website.urls import LINEAGE_PAGE, REVIEW_PAGE, lineage_page, overview_page, page_url


@pytest.fixture(scope="module")
def published(built_site: Path) -> dict:
    return json.loads((built_site / "data" / "tasks.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def linked(published) -> dict[str, dict]:
    """The tasks with any relation (a predecessor, successor or related pair): each has a page."""
    return {t["id"]: t for t in published["tasks"] if t["predecessors"] or t["successors"] or related(t)}


def related(task: dict) -> list[dict]:
    return task["related"]["earlier"] + task["related"]["later"]


def hrefs(root) -> list[str]:
    return [e.attrs["href"] for e in root.iter() if e.tag == "a" and "href" in e.attrs]


def by_class(root, name: str) -> list:
    return root.find_all(lambda e: name in e.classes)


def test_one_lineage_page_per_linked_task_and_no_other(built_site, linked, published):
    pages = {p.parent.name for p in (built_site / "lineage").glob("*/index.html")} - {"review"}
    assert pages == set(linked)
    assert len(pages) < len(published["tasks"])  # tasks without links have none


def test_policy_line_holds_the_closure_within_the_window_in_plan_order(built_site, linked, published):
    """The line of a task: its ancestors and descendants in the plans that started at most
    the linker's ``lookback_years`` before or after its own (lineage_views). The real
    corpus spans less than that window, so here every line is the task's whole closure."""
    years = load_settings(DATA / "lineage.yaml").lookback_years
    start = {p["id"]: p["start_year"] for p in published["plans"]}
    plan_order = [p["id"] for p in published["plans"]]
    task_order = {t["id"]: i for i, t in enumerate(published["tasks"])}
    plan_of = {t["id"]: t["plan"] for t in published["tasks"]}
    assert not years or max(start.values()) - min(start.values()) <= years  # the window holds every plan

    def reach(task_id: str, key: str, within: set[str]) -> set[str]:
        seen, stack = set(), [task_id]
        while stack:
            for link in linked.get(stack.pop(), {}).get(key, []):
                if link["id"] not in seen and plan_of[link["id"]] in within:
                    seen.add(link["id"])
                    stack.append(link["id"])
        return seen

    for task_id in linked:
        within = [p for p in plan_order if not years or abs(start[p] - start[plan_of[task_id]]) <= years]
        root = page_html(built_site, page_url(lineage_page(task_id)))
        line = by_class(root, "policy-line")[0]
        columns = [c for c in line.iter() if c.tag == "section" and "pl-plan" in c.classes]
        assert len(columns) == len(within) == len(plan_order)
        shown = [n.attrs["id"].removeprefix("pl-") for n in by_class(line, "pl-node")]
        assert len(shown) == len(set(shown))
        assert shown == sorted(shown, key=task_order.__getitem__)  # plans 2006 → 2020, document order
        own = {r["id"] for r in related(linked[task_id]) if plan_of[r["id"]] in within}
        assert set(shown) == (
            reach(task_id, "predecessors", set(within)) | reach(task_id, "successors", set(within)) | {task_id} | own
        )
        direct = {l["id"] for k in ("predecessors", "successors") for l in linked[task_id][k]} | own | {task_id}
        assert {
            n.attrs["id"].removeprefix("pl-") for n in by_class(line, "pl-node") if "pl-through" not in n.classes
        } == direct
        assert [n.attrs["id"] for n in by_class(line, "pl-focus")] == [f"pl-{task_id}"]
        assert not by_class(root, "line-continues")  # nothing lies beyond the window


def test_compare_view_pairs_the_task_with_its_whole_line_and_shows_both_texts_unaltered(built_site, linked, published):
    """Every pair of tasks on a line (one reached from the other) is compared on the later
    task's page — direct neighbours open, the rest folded and computed in the browser when
    opened (``test_compare_browser.py``) — and direct neighbours also on
    the earlier task's page, so the earliest task of a line has its comparisons; its
    further descendants link to theirs. The text content of each column is the verbatim
    text; words are marked inserted/deleted."""
    texts = {t["id"]: t["text"] for t in published["tasks"]}

    def reach(task_id: str, key: str) -> set[str]:
        seen, stack = set(), [task_id]
        while stack:
            for link in linked.get(stack.pop(), {}).get(key, []):
                if link["id"] not in seen:
                    seen.add(link["id"])
                    stack.append(link["id"])
        return seen

    pairs = inserted = deleted = folded = further = 0
    for task_id, task in linked.items():
        root = page_html(built_site, page_url(lineage_page(task_id)))
        ids = {e.attrs["id"] for e in root.iter() if "id" in e.attrs}
        views = by_class(root, "compare")
        earlier, later = reach(task_id, "predecessors"), reach(task_id, "successors")
        direct_before = {l["id"] for l in task["predecessors"]}
        direct_after = {l["id"] for l in task["successors"]}
        assert len(views) == len(direct_before) + len(direct_after)  # the others are computed on demand
        assert {f"vs-{other}" for other in earlier | direct_after} <= ids
        more = by_class(root, "compare-more")
        assert len(more) == len(earlier - direct_before)  # only indirect ones fold
        for item in more:  # with the compare data of both tasks, which the build wrote
            data = [item.attrs["data-earlier"], item.attrs["data-later"]]
            assert f"../compare/{task_id}.json" in data
            assert all((built_site / "lineage" / task_id / href).resolve().is_file() for href in data)
        folded += len(earlier - direct_before)
        links = {e.attrs.get("href") for e in root.iter() if e.tag == "a"}
        for other in later - direct_after:  # on the later task's page, one click away
            assert f"../{other}/#vs-{task_id}" in links
            further += 1
        for view in views:
            left, right = (c for c in view.children if not isinstance(c, str))
            shown = [
                "\n".join(p.text() for p in by_class(col, "compare-text")[0].iter() if p.tag == "p")
                for col in (left, right)
            ]
            left_id, right_id = (
                by_class(col, "compare-label")[0].find_all(lambda e: e.tag == "a")[0].text() for col in (left, right)
            )
            assert task_id in (left_id, right_id) and {left_id, right_id} - {task_id} <= earlier | later
            assert shown == [texts[left_id], texts[right_id]]  # exactly, character for character
            assert not right.find_all(lambda e: e.tag == "del") and not left.find_all(lambda e: e.tag == "ins")
            inserted += len(right.find_all(lambda e: e.tag == "ins"))
            deleted += len(left.find_all(lambda e: e.tag == "del"))
            pairs += 1
    links_total = sum(len(t["predecessors"]) for t in linked.values())
    assert (
        pairs == 2 * links_total and pairs + folded == sum(len(reach(t, "predecessors")) for t in linked) + links_total
    )
    assert inserted > pairs and deleted > pairs and folded > 0 and further == folded
    first = [t for t, task in linked.items() if not task["predecessors"] and task["successors"]]
    assert first and all(by_class(page_html(built_site, page_url(lineage_page(t))), "compare") for t in first)


def relation_items(root, task_id: str) -> dict[str, tuple[str, str]]:
    """What a list of a task's relations shows (a lineage page's 前序、后续与相关条款, a task
    block's 前序与后续): linked task id → (strength shown, or "related"; editor's note)."""
    out = {}
    for item in root.find_all(lambda e: e.tag == "li"):
        links = [
            a
            for a in item.children
            if not isinstance(a, str) and a.tag == "a" and a.classes & {"lineage-link", "related-link"}
        ]
        if not links:
            continue
        other = links[0].attrs["href"].rsplit("#", 1)[1]
        strength = by_class(item, "strength")
        notes = by_class(item, "editor-note")
        kind = "related" if "related-link" in links[0].classes else strength[0].text()
        out[other] = (kind, notes[0].text().removeprefix("编者按：") if notes else "")
    return out


def expected_relations(task: dict) -> dict[str, tuple[str, str]]:
    shown = {"strong": "强", "weak": "弱"}
    out = {l["id"]: (shown[l["strength"]], l.get("note", "")) for k in ("predecessors", "successors") for l in task[k]}
    out.update({r["id"]: ("related", r.get("note", "")) for r in related(task)})
    return out


def test_every_page_tells_the_relations_of_tasks_json(built_site, linked, sitemap):
    """One relation per pair, the same everywhere: a task's lineage page and its block in its
    chapter list exactly the predecessors, successors and related tasks that the open data
    gives it, each with its strength and the editor's note (issue 20: 106 of 150 lineage
    pages used to leave some out)."""
    assert linked
    for task_id, task in linked.items():
        want = expected_relations(task)
        root = page_html(built_site, page_url(lineage_page(task_id)))
        section = by_class(root, "task-relations")
        assert len(section) == 1, task_id
        assert relation_items(section[0], task_id) == want, task_id
        url = page_url(sitemap.target(task_id).page)
        chapter = page_html(built_site, url)
        block = chapter.find_all(
            lambda e, task_id=task_id: e.tag == "article" and any(h.attrs.get("id") == task_id for h in e.iter())
        )[-1]  # the task's own block, inside the page's article
        assert relation_items(block, task_id) == want, task_id


def test_task_blocks_link_to_line_and_comparisons(built_site, linked, sitemap):
    for task_id, task in linked.items():
        url = page_url(sitemap.target(task_id).page)
        root = page_html(built_site, url)
        block = root.find_all(
            lambda e, task_id=task_id: e.tag == "article" and any(h.attrs.get("id") == task_id for h in e.iter())
        )[0]
        links = hrefs(block)
        depth = "../" * url.count("/")
        assert f"{depth}lineage/{task_id}/#line" in links
        for link in task["predecessors"]:
            assert f"{depth}lineage/{task_id}/#vs-{link['id']}" in links
        for link in task["successors"]:
            assert f"{depth}lineage/{link['id']}/#vs-{task_id}" in links


def test_overviews_summarise_continuity_consistently_with_the_labels(built_site, published):
    for plan in published["plans"]:
        tasks = [t for t in published["tasks"] if t["plan"] == plan["id"]]
        counts = Counter(label for t in tasks for label in t["labels"])
        root = page_html(built_site, page_url(overview_page(plan["id"])))
        assert "continuity" in {e.attrs.get("id") for e in root.iter()}
        table = [tr for tr in root.iter() if tr.tag == "tr" and by_class(tr, "lineage-label")]
        shown = {
            by_class(tr, "lineage-label")[0].text(): int([td for td in tr.iter() if td.tag == "td"][1].text())
            for tr in table
        }
        assert shown and all(counts[label] == n for label, n in shown.items()), plan["id"]
        new = [t["id"] for t in tasks if "新增" in t["labels"]]
        listed = root.find_all(lambda e: e.attrs.get("id") == "continuity-new")
        if new:
            text = root.text()
            assert listed and all(task_id in text for task_id in new)


def test_lineage_summary_is_in_the_navigation_and_review_is_not(built_site):
    home = page_html(built_site, "")
    nav = home.find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    links = hrefs(nav)
    assert page_url(LINEAGE_PAGE) in links
    assert not any("review" in link for link in links)
    assert not any(link.startswith("lineage/p") for link in links)  # nor the per-task pages
    about = page_html(built_site, "about/")
    assert "../lineage/review/" in hrefs(about)  # reachable from the about page


def test_the_lineage_summary_counts_what_the_open_data_holds(built_site, published, linked):
    """The 跨规划脉络 page's first paragraph: links, the tasks they join (not those with a related
    pair only) and where the links come from, as links.csv has them."""
    with (built_site / "data" / "links.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    joined = {r[k] for r in rows for k in ("predecessor", "successor")}
    origins = Counter(r["origin"] for r in rows)
    text = page_html(built_site, page_url(LINEAGE_PAGE)).find_all(lambda e: "page-summary" in e.classes)[0].text()
    tasks = len(published["tasks"])
    assert f"全站共有 {len(rows)} 条这样的链接，连接 {tasks} 项任务中的 {len(joined)} 项" in text
    assert f"另有 {len(linked) - len(joined)} 项只与别的任务有“相关条款”" in text
    told = [
        f"程序算出、经编者确认的 {origins['confirmed']} 条" if origins["confirmed"] else "",
        f"编者补充的 {origins['added']} 条" if origins["added"] else "",
        f"尚未审定的 {origins['auto']} 条" if origins["auto"] else "",  # a plan just added
    ]
    assert "逐条审定：" + "，".join(filter(None, told)) + "。" in text


def test_review_page_shows_every_published_link_reviewed(built_site, published):
    root = page_html(built_site, page_url(REVIEW_PAGE))
    ids = {e.attrs.get("id") for e in root.iter()}
    assert {"progress", "left", "by-pair", "curation"} <= ids
    text = root.text()
    links = [l for t in published["tasks"] for l in t["predecessors"]]
    reviewed = [l for l in links if l["reviewed"]]
    assert links and len(reviewed) == len(links)  # the review is complete
    assert f"已发布的前序／后续链接：{len(links)} 条，其中编者审定 {len(reviewed)} 条（100%）" in text
    assert "没有：每条已发布的链接都经编者审定。" in text
    confirmed = sum(l["origin"] == "confirmed" for l in links)
    added = sum(l["origin"] == "added" for l in links)
    row = root.find_all(lambda e: e.tag == "tr" and "合计" in e.text())[0]
    cells = [c.text().strip() for c in row.find_all(lambda e: e.tag == "td")]
    assert cells[1:3] == [str(confirmed), str(added)]
    # readers' words: the criteria, no file paths or commands (the how-to is CONTRIBUTING.md's)
    assert "审定的标准" in text and ".yaml" not in text and "python -m" not in text
    rejected = root.find_all(lambda e: e.tag == "li" and "←" in e.text())
    named = [a.text() for li in rejected for a in li.find_all(lambda e: e.tag == "a")]
    assert named and not [t for t in named if re.fullmatch(r"[a-z]+\d*(-\d+)+", t)]  # titles, not bare ids


def test_about_page_documents_and_links_the_open_data(built_site):
    about = page_html(built_site, "about/")
    links = hrefs(about)
    for name in ("tasks.json", "links.csv"):
        assert f"../data/{name}" in links
        assert (built_site / "data" / name).is_file()
    text = about.text()
    for field in (
        "short_name",
        "start_year",
        "predecessors",
        "successors",
        "origin",
        "terms",
        "note",
        "predecessor_plan",
        "successor_plan",
    ):
        assert field in text
    assert "floor" in text and "ratio" in text  # the current thresholds


def test_a_renamed_term_reads_as_continuing_in_the_compare_view(built_site, linked):
    """One rename family on both sides (电子政务专网 → 有线政务专网) is named under 改称的术语
    and marked as continuing, never struck out or inserted; it is not listed as new or dropped."""
    renamed = 0
    for task_id in linked:
        root = page_html(built_site, page_url(lineage_page(task_id)))
        for mark in by_class(root, "renamed-term"):
            renamed += 1
            assert mark.text()
        for element in root.iter():
            if element.tag in ("del", "ins"):
                assert not by_class(element, "renamed-term"), task_id
    assert renamed
    root = page_html(built_site, page_url(lineage_page("p12-8-5")))
    blocks = [[p.text() for p in v.iter() if p.tag == "p"] for v in by_class(root, "compare-changes")]
    renaming = [
        b
        for b in blocks
        if any(line.startswith("改称的术语：") and "电子政务专网 → 有线政务专网" in line for line in b)
    ]
    assert renaming
    for lines in renaming:
        listed = " ".join(line for line in lines if line.startswith(("新出现的术语", "不再出现的术语")))
        assert "电子政务专网" not in listed and "有线政务专网" not in listed


def test_the_lineage_index_lists_every_policy_line_by_topic(built_site, linked):
    """/lineage/ names every task's policy line (issue 20: there was no list of the lines),
    grouped by topic in disclosures."""
    root = page_html(built_site, page_url(LINEAGE_PAGE))
    groups = by_class(root, "line-group")
    assert len(groups) > 1 and all(g.tag == "details" for g in groups)
    listed = {h.removesuffix("/#line") for g in groups for h in hrefs(g) if h.endswith("/#line")}
    assert listed == set(linked)


def test_a_task_names_the_plans_the_editors_read_without_finding_a_predecessor(built_site, real_site):
    """Every editors' none (an earlier plan read in full, no predecessor found) is on the task's
    block in its chapter, under 通读未见前序 with the plan and the editor's note, and its
    lineage page says so in that plan's empty column."""
    lineage = real_site.lineage
    assert lineage.none
    said = "编者通读这份规划，认定其中没有本任务的前序。"
    for decision in lineage.none:
        task_id = decision.successor
        page = page_html(built_site, real_site.sitemap.url(task_id).split("#")[0].strip("/") + "/")
        block = next(
            e
            for e in page.find_all(lambda e: e.tag == "article")
            if any(x.attrs.get("id") == task_id for x in e.iter())
        )
        text = block.text()
        plan = real_site.plans[decision.plan].meta.short_name
        assert "通读未见前序" in text and f"{plan}：{said}" in text and f"编者按：{decision.note}" in text
        if (built_site / lineage_page(task_id) / "index.html").exists():
            assert said in page_html(built_site, lineage_page(task_id)).text()


CARD = re.compile(r'<div class="pl-node pl-(\w+)[^"]*" id="pl-([\w-]+)">.*?<span class="pl-id">(.*?) · <code>', re.S)


def test_a_line_card_calls_each_task_what_the_task_panel_calls_it(built_site, linked):
    """A task's line card says 前序 or 后续 only for its own predecessors and successors, 间接 for
    the others of the line, and 相关条款 wherever the editors tied the two as related: a
    related clause that the line also reached was a 前序 on the card and a 相关条款 in the panel
    (24 cards)."""
    checked = 0
    for task_id, task in linked.items():
        own = {l["id"] for l in task["predecessors"] + task["successors"]}
        near = {r["id"] for r in related(task)}
        html = (built_site / page_url(lineage_page(task_id)) / "index.html").read_text(encoding="utf-8")
        for role, other, label in CARD.findall(html):
            if role == "focus":
                continue
            if role in ("ancestor", "descendant"):
                assert label.startswith("前序" if role == "ancestor" else "后续"), (task_id, other, label)
                assert ("间接" in label) == (other not in own), (task_id, other, label)
            assert ("相关条款" in label) == (other in near), (task_id, other, label)
            checked += 1
    assert checked > 500
