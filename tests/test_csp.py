"""build_scripts/publish/csp.py: which scripts are hashed, and where the policy goes."""

from __future__ import annotations

import base64
import hashlib

import pytest

from build_scripts.publish import csp

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>var a=1</script>
<script src="x.js"></script>
<script id="__config" type="application/json">{"a": 1}</script>
<script type="module">import "./m.js"</script>
</head><body><script>var a=1</script></body></html>"""


def test_only_inline_javascript_is_hashed_once_each():
    assert csp.inline_scripts(PAGE) == ["var a=1", 'import "./m.js"', "var a=1"]
    digest = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    policy = csp.policy(PAGE)
    assert policy.count(f"'sha256-{digest}'") == 1
    assert policy.count("'sha256-") == 2
    assert policy.startswith("default-src 'none'; script-src 'self' 'sha256-")


def test_the_policy_comes_first_after_the_charset():
    out = csp.add_policy(PAGE)
    assert out.index('<meta http-equiv="Content-Security-Policy"') < out.index("<script")
    assert (
        out.replace(out[out.index("\n      <meta http-equiv") : out.index('">', out.index("http-equiv")) + 2], "")
        == PAGE
    )


def test_a_page_without_charset_is_refused():
    with pytest.raises(csp.CspError):
        csp.add_policy("<html><script>x</script></html>")
