"""The open data's changelog page: its releases with their change reports.

Pipeline place: a page producer (``build.PRODUCERS``); not in the navigation, the about page links it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..datapackage import LICENCES, MEDIATYPES
from ..dataset import CHANGELOG_PAGE, Dataset
from ..export import DATAPACKAGE, OPEN_DATA
from ..feed import FEED, release_anchor
from ..labels import DATASET_DESCRIPTION_ZH
from ..load import Site
from ..templating import render_template
from ..urls import DATA_DIR, html_file
from . import Page


def pages(site) -> Iterator[Page]:
    """The changelog page (not in the navigation; the about page links it): the releases, the
    dataset's citation, its feed and package, and its schema.org description (JSON-LD)."""

    if site.dataset is not None:
        context = dict(
            site=site,
            dataset=site.dataset,
            page=CHANGELOG_PAGE,
            feed_href=html_file(CHANGELOG_PAGE, FEED),
            package_href=html_file(CHANGELOG_PAGE, f"{DATA_DIR}/{DATAPACKAGE}"),
            released=site.dataset.releases[-1].date.year,
            anchors={r.version: release_anchor(r) for r in site.dataset.releases},
            jsonld=dataset_jsonld(site.dataset, description(site)),
        )
        yield Page(CHANGELOG_PAGE, render_template("changelog.md.j2", **context), in_nav=False)


def description(site: Site) -> str:
    plans = site.corpus.plans
    return DATASET_DESCRIPTION_ZH.format(
        start=plans[0].meta.start_year, end=max(p.meta.end_year for p in plans), count=len(plans)
    )


def dataset_jsonld(dataset: Dataset, about: str) -> dict:
    """schema.org ``Dataset`` for search engines: name, description, creator (the dataset's
    author, as its citation names it), version, dates, licence, and each file as a
    ``DataDownload`` (addresses relative to the site root, resolved against the page)."""
    licence = LICENCES.get(dataset.licence)
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title,
        "description": about,
        "creator": {"@type": "Organization", "name": dataset.author},
        "alternateName": dataset.name,
        "version": dataset.version,
        "inLanguage": "zh-Hans",
        "datePublished": dataset.releases[0].date.isoformat(),
        "dateModified": dataset.releases[-1].date.isoformat(),
        "license": licence[2] if licence else dataset.licence,
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": mediatype,
                "contentUrl": html_file(CHANGELOG_PAGE, f"{DATA_DIR}/{name}"),
            }
            for name, mediatype in [*((f.name, f.mediatype) for f in OPEN_DATA), (DATAPACKAGE, MEDIATYPES["json"])]
        ],
    }
