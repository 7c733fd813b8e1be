"""Where the pipeline reads and writes: one place for every path of the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SOURCES = DATA / "sources"
REGISTRY = DATA / "plans.yaml"
MANIFEST = DATA / "manifest.yaml"
TEMPLATES = ROOT / "build_scripts" / "website" / "templates"
DOCS = ROOT / "docs"
OVERRIDES = ROOT / "overrides"  # the theme's custom_dir (mkdocs.yml)
