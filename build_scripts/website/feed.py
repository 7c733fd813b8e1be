"""``feed.xml``: an Atom feed of the open data's releases, one entry per release with its
change report, so that a follower learns what changed without visiting the site.

Pipeline place: a generated file of the site build (``build.build``), from ``dataset.yaml``'s
releases and their reports (``data/releases/VERSION.md``), written by the template
``feed.xml.j2`` (every text through the ``text`` filter). Every page's head and the changelog
link to it. Addresses are relative to the feed (Atom resolves them against the feed's own
address), so the feed names no host; ids are ``tag:`` URIs made from the dataset's name, the
date of its first release and the version, which never change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .dataset import Dataset, Release
from .templating import render_template

FEED = "feed.xml"
CHANGELOG_URL = "changelog/"  # the changelog page, relative to the site root (and the feed)


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    updated: str  # RFC 3339
    href: str
    content: str  # plain text: the summary, then the change report (Markdown) if there is one


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    updated: str
    author: str
    href: str
    self_href: str
    entries: tuple[FeedEntry, ...]  # newest first


def release_anchor(release: Release) -> str:
    """The changelog's anchor of a release, e.g. ``v1-0-0`` (pages/changelog.py gives it the heading)."""
    return "v" + release.version.replace(".", "-")


def _time(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed(dataset: Dataset) -> Feed:
    tag = f"tag:{dataset.name},{dataset.releases[0].date.isoformat()}"
    entries = tuple(
        FeedEntry(
            f"{tag}:release:{r.version}",
            f"{r.version}：{r.summary}",
            _time(r.date),
            f"{CHANGELOG_URL}#{release_anchor(r)}",
            r.summary + (f"\n\n{r.report.strip()}" if r.report.strip() else ""),
        )
        for r in reversed(dataset.releases)
    )
    return Feed(
        f"{tag}:releases",
        f"{dataset.title}（版本更新）",
        _time(dataset.releases[-1].date),
        dataset.author,  # as the citation and CITATION.cff name it
        CHANGELOG_URL,
        FEED,
        entries,
    )


def feed_xml(dataset: Dataset) -> str:
    return render_template("feed.xml.j2", feed=feed(dataset))


__all__ = ["CHANGELOG_URL", "FEED", "Feed", "FeedEntry", "feed", "feed_xml", "release_anchor"]
