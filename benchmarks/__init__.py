"""Benchmarks of the build and the pages: ``python -m benchmarks [--quick]`` (see run.py)."""
