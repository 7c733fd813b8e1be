"""The libraries considered for the site's search, measured (``python -m benchmarks.search candidates``)."""
