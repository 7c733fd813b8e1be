"""``datapackage.json``: the open data described as a Frictionless Data Package (v2), so that
generic tools (``frictionless validate``, the Frictionless libraries, CKAN, …) load it.

Pipeline place: the last of the open data (``export.open_data``): it names every file
published under ``data/`` with its title, format, schema, size and SHA-256, and the dataset's
name, version, licence and release date (``dataset.yaml``). Made from the exact bytes of the
other files, so a file that changes changes its hash here.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from .dataset import Dataset

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# The dataset's licence as recorded (dataset.yaml) → its SPDX identifier and text.
LICENCES = {
    "CC BY 4.0": (
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
}
MEDIATYPES = {"json": "application/json", "csv": "text/csv"}


@dataclass(frozen=True)
class DataFile:
    """One file of the open data: its name under ``data/``, its resource name and Chinese
    title in the package, and the schema that describes it (a Table Schema for a CSV, a JSON
    Schema for a JSON file; "" if none)."""

    name: str
    resource: str
    title: str
    schema: str = ""

    @property
    def format(self) -> str:
        return self.name.rsplit(".", 1)[1]

    @property
    def mediatype(self) -> str:
        return MEDIATYPES[self.format]


def datapackage_json(files: Sequence[tuple[DataFile, str]], dataset: Dataset) -> str:
    """The package of ``files`` (each with its exact text) for ``dataset``'s current release."""
    spdx, title, url = LICENCES.get(dataset.licence, (dataset.licence, dataset.licence, ""))
    released = dataset.releases[-1].date
    created = datetime.datetime.combine(released, datetime.time(), tzinfo=datetime.UTC)
    package = {
        "$schema": PROFILE,
        "name": dataset.name,
        "title": dataset.title,
        "version": dataset.version,
        "created": created.isoformat().replace("+00:00", "Z"),
        "licenses": [{"name": spdx, "title": title, **({"path": url} if url else {})}],
        "contributors": [{"title": dataset.author, "roles": ["creator"]}],
        "resources": [_resource(file, text) for file, text in files],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def _resource(file: DataFile, text: str) -> dict[str, object]:
    raw = text.encode("utf-8")
    resource: dict[str, object] = {
        "name": file.resource,
        "path": file.name,
        "title": file.title,
        "type": "table" if file.format == "csv" else "json",
        "format": file.format,
        "mediatype": file.mediatype,
        "encoding": "utf-8",
        "bytes": len(raw),
        "hash": "sha256:" + hashlib.sha256(raw).hexdigest(),
    }
    if file.schema and file.format == "csv":
        resource["schema"] = file.schema  # a Table Schema: frictionless checks every row
    elif file.schema:
        resource["jsonSchema"] = file.schema  # a JSON Schema (the package format has no slot for one)
    return resource


__all__ = ["DataFile", "datapackage_json"]
