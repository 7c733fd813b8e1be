"""The linker's settings as the about page lists them (``data/lineage.yaml``, in file order)."""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import SETTING_MEANINGS

# ---------------------------------------------------------------- about page


@dataclass(frozen=True)
class SettingRow:
    """One number of ``data/lineage.yaml`` as the about page lists it."""

    group: str  # weights, thresholds or evidence
    key: str
    value: object
    meaning: str


def settings_rows(raw: object) -> tuple[SettingRow, ...]:
    """The numbers of ``data/lineage.yaml`` (``raw``: the parsed file, read by ``load_site``
    before anything renders), file order; keys without a known meaning point to the file's
    comments."""
    rows = []
    for group in ("weights", "thresholds", "evidence"):
        block = raw.get(group) if isinstance(raw, dict) else None
        for key, value in (block or {}).items():
            if key != "__line__":
                rows.append(
                    SettingRow(group, key, value, SETTING_MEANINGS[group].get(key, "见 data/lineage.yaml 中的注释"))
                )
    return tuple(rows)


__all__ = [
    "SettingRow",
    "settings_rows",
]
