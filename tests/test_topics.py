"""Topic lines (专题脉络): the membership rule on a made-up vocabulary, and the topic pages of
the built site (index in the navigation, one page per domain, concept labels linking there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import page_html
from factories import corpus_of, lead_task, meta, plan_of

from build_scripts.core.paths import DATA
from build_scripts.language.concepts import Concept, ConceptMatcher, Vocabulary, load_concepts
from build_scripts.lineage.graph import Lineage, Link
from build_scripts.website import topics
from build_scripts.website.urls import LINEAGE_PAGE, TOPICS_INDEX, page_url, topic_page

VOCABULARY = Vocabulary(
    (Concept("net", "宽带网络", ("宽带", "光纤"), 1), Concept("health", "医疗卫生", ("医疗", "卫生", "健康"), 2)),
    ("健康发展",),
)
MATCHER = ConceptMatcher(VOCABULARY)


def test_a_task_belongs_to_the_domains_its_title_names_and_to_its_dominant_one():
    # the title names health; the body is mostly about broadband: both
    both = topics.task_domains(MATCHER, lead_task("a-1", "推进医疗信息化", "宽带光纤宽带到户。"))
    assert set(both) == {"health", "net"}
    # nothing in the title: the domain signalled most often
    assert topics.task_domains(MATCHER, lead_task("a-2", "加强建设", "宽带光纤，医疗。")) == ("net",)
    # a title hit counts TITLE_WEIGHT times: one in the title outweighs two in the body
    assert topics.task_domains(MATCHER, lead_task("a-3", "医疗", "光纤宽带。")) == ("health",)
    # a tie: both
    assert set(topics.task_domains(MATCHER, lead_task("a-4", "加强建设", "宽带和医疗。"))) == {"net", "health"}
    # no signal, an ignore phrase, or a signal only in the enclosing headings: none
    none = lead_task("a-5", "加强建设", "促进产业健康发展。", headings=("宽带网络",))
    assert topics.task_domains(MATCHER, none) == ()


def test_a_figure_belongs_to_the_domains_its_indicator_names_else_its_sentence():
    assert topics.statement_domains(MATCHER, "家庭宽带带宽", "医疗机构接入率达到100%") == ("net",)
    assert topics.statement_domains(MATCHER, "接入率", "医疗机构接入率达到100%") == ("health",)
    assert topics.statement_domains(MATCHER, "覆盖率", "达到100%") == ()


def test_topics_hold_their_tasks_in_corpus_order_and_only_the_links_inside():
    corpus = corpus_of(
        plan_of(meta("a", 2001, 2005), [lead_task("a-1", "宽带建设", "光纤。"), lead_task("a-2", "医疗", "卫生。")]),
        plan_of(
            meta("b", 2006, 2010), [lead_task("b-1", "光纤到户", "宽带。"), lead_task("b-2", "健康服务", "医疗。")]
        ),
    )
    lineage = Lineage.of(
        corpus, (Link("a-1", "b-1", 0.5, ()), Link("a-2", "b-1", 0.3, ()), Link("a-2", "b-2", 0.4, ()))
    )
    found = topics.build(corpus, VOCABULARY, lineage)
    net, health = found.topics
    assert [t.id for t in net.tasks] == ["a-1", "b-1"] and [t.id for t in health.tasks] == ["a-2", "b-2"]
    assert [(l.predecessor, l.successor) for l in net.links] == [("a-1", "b-1")]  # a-2 → b-1 crosses domains
    assert [(l.predecessor, l.successor) for l in health.links] == [("a-2", "b-2")]
    assert [t.id for t in net.tasks_of("b")] == ["b-1"] and net.predecessors("b-1") == net.links
    assert found.by_label("【宽带网络】") == "net" == found.by_label("宽带网络")
    assert found.by_label("【无】") is None
    assert [t.id for t in found.of_task("b-1")] == ["net"]


def test_topic_ids_make_valid_pages():
    assert topic_page("broadband") == "topics/broadband.md"
    with pytest.raises(ValueError):
        topic_page("index")


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def published(built_site: Path) -> dict:
    return json.loads((built_site / "data" / "tasks.json").read_text(encoding="utf-8"))


def test_topic_index_is_in_the_navigation_under_the_lineage(built_site):
    home = page_html(built_site, "")
    nav = home.find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    links = [e.attrs["href"] for e in nav.iter() if e.tag == "a" and "href" in e.attrs]
    assert page_url(TOPICS_INDEX) in links and page_url(LINEAGE_PAGE) in links
    assert not any(link.startswith("topics/") and link != page_url(TOPICS_INDEX) for link in links)


def test_one_topic_page_per_domain_listing_its_tasks_plan_by_plan(built_site, published):
    vocabulary = load_concepts(DATA / "concepts.yaml")
    plan_order = [p["id"] for p in published["plans"]]
    index = page_html(built_site, page_url(TOPICS_INDEX)).text()
    for concept in vocabulary.concepts:
        root = page_html(built_site, page_url(topic_page(concept.id)))
        text = root.text()
        assert f"专题脉络：{concept.label}" in text and concept.label in index
        sections = [e.attrs["id"] for e in root.iter() if e.tag == "h2" and e.attrs.get("id") in plan_order]
        assert sections == plan_order  # every plan, 2006 → 2020


def test_topic_pages_follow_the_membership_rule_on_the_real_plans(built_site, corpus):
    vocabulary = load_concepts(DATA / "concepts.yaml")
    matcher = ConceptMatcher(vocabulary)
    domains = {t.id: topics.task_domains(matcher, t) for t in corpus.tasks}
    members = {c.id: [t.id for t in corpus.tasks if c.id in domains[t.id]] for c in vocabulary.concepts}
    for concept in vocabulary.concepts:
        root = page_html(built_site, page_url(topic_page(concept.id)))
        shown = [e.text() for e in root.iter() if e.tag == "code" and "pl-id" in e.classes]
        assert shown == members[concept.id]  # exactly the members, in corpus order
        nodes = [e.attrs["id"] for e in root.iter() if "pl-node" in e.classes]
        assert nodes == [f"t-{t}" for t in members[concept.id]]  # the 脉络图 too, one column per plan
        after = [e.attrs["href"] for e in root.iter() if e.tag == "a" and e.attrs.get("href", "").startswith("#t-")]
        assert {a.removeprefix("#") for a in after} <= set(nodes)  # 承接 points at a node of the graph


OUTSIDE_KEYS = {"前序": "predecessors", "后续": "successors", "相关条款": "related"}


def test_topic_pages_tell_each_tasks_relations_as_tasks_json_does(built_site, corpus, published):
    """Inside the domain, each task lists the predecessors, successors and related tasks that
    the open data gives it (one relation per pair, as every page tells it), and names the
    rest as leading into other domains, each by name and with what it is to the task."""
    vocabulary = load_concepts(DATA / "concepts.yaml")
    matcher = ConceptMatcher(vocabulary)
    domains = {t.id: topics.task_domains(matcher, t) for t in corpus.tasks}
    tasks = {t["id"]: t for t in published["tasks"]}
    lines = {"承接本专题的：": "predecessors", "在本专题延续为：": "successors", "本专题的相关条款：": "related"}
    checked = 0
    for concept in vocabulary.concepts:
        members = {t for t, found in domains.items() if concept.id in found}
        root = page_html(built_site, page_url(topic_page(concept.id)))
        for ul in root.find_all(lambda e: e.tag == "ul" and "topic-tasks" in e.classes):
            for item in (c for c in ul.children if not isinstance(c, str) and c.tag == "li"):
                task_id = item.find_all(lambda e: e.tag == "code")[0].text()
                t = tasks[task_id]
                want = {
                    "predecessors": {l["id"] for l in t["predecessors"]},
                    "successors": {l["id"] for l in t["successors"]},
                    "related": {l["id"] for l in t["related"]["earlier"] + t["related"]["later"]},
                }
                shown = {key: set() for key in want}
                outside: dict[str, set[str]] = {key: set() for key in want}
                for line in item.find_all(lambda e: e.tag == "li"):
                    text = line.text()
                    tasks_linked = [
                        a.attrs["href"].rsplit("#", 1)[1]
                        for a in line.iter()
                        if a.tag == "a" and "#" in a.attrs["href"] and "lineage/" not in a.attrs["href"]
                    ]
                    for prefix, key in lines.items():
                        if text.startswith(prefix):
                            shown[key] = set(tasks_linked)
                    if text.startswith("归入其他领域的："):  # each named with what it is to the task
                        entries = text.removeprefix("归入其他领域的：").split("；")
                        for entry, other in zip(entries, tasks_linked, strict=True):
                            outside[OUTSIDE_KEYS[entry.split(" ", 1)[0]]].add(other)
                assert shown == {k: v & members for k, v in want.items()}, (concept.id, task_id)
                assert outside == {k: v - members for k, v in want.items()}, (concept.id, task_id)
                checked += 1
    assert checked


def test_concept_labels_on_task_blocks_link_to_their_topic_page(built_site, published, sitemap):
    labels = {c.label: c.id for c in load_concepts(DATA / "concepts.yaml").concepts}
    expected = 0
    for t in published["tasks"]:
        for link in t["predecessors"]:
            for term in link["terms"]:
                if term.startswith("【"):
                    expected += 1
                    concept = labels[term.strip("【】")]
                    url = page_url(sitemap.target(t["id"]).page)
                    root = page_html(built_site, url)
                    hrefs = {e.attrs.get("href") for e in root.iter() if e.tag == "a" and "topic-link" in e.classes}
                    assert "../" * url.count("/") + f"topics/{concept}/" in hrefs
    assert expected  # the linker shows concept labels
