"""Where the pipeline reads and writes: one place for every path of the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"
REGISTRY = DATA / "plans.yaml"
MANIFEST = DATA / "manifest.yaml"
TEMPLATES = Path(__file__).resolve().parent / "templates"
DOCS = ROOT / "docs"
