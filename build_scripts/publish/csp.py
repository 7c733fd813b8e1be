"""A Content-Security-Policy on every page, as a ``<meta>`` tag computed from the page.

Pipeline place: the last step of each page (``finish``, after the build). The policy allows nothing from
another host — scripts, styles, images, fonts, workers and requests come from the site
itself — and no inline script except the ones the page holds at build time, each by its
SHA-256 hash (Material writes two small inline scripts per page; their text differs with
the page's depth, so every page gets its own list). Text from the plans can therefore never
run as script even if it became markup: it would be an inline script without a hash, or
an event-handler attribute, both refused by the browser.

Inline *styles* stay allowed ('unsafe-inline' in ``style-src``): the templates lay out the
timeline and charts with ``style`` attributes, and styles cannot run script. JSON data
blocks (``<script type="application/json">``, Material's configuration) are not scripts
and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
CHARSET = '<meta charset="utf-8">'
POLICY = (
    "default-src 'none'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'self'; "
    "form-action 'self'"
)


class CspError(ValueError):
    pass


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (no ``src``, a JavaScript type)."""
    found = []
    for match in SCRIPT.finditer(html):
        attributes, body = match.groups()
        kind = TYPE.search(attributes)
        if not SRC.search(attributes) and (kind.group(1).lower() if kind else "") in JAVASCRIPT_TYPES:
            found.append(body)
    return found


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(html: str) -> str:
    hashes = sorted({script_hash(body) for body in inline_scripts(html)})
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def add_policy(html: str) -> str:
    """The page with its policy as the first element after ``<meta charset>`` (a policy
    delivered in a ``<meta>`` applies only to what follows it)."""
    if CHARSET not in html:
        raise CspError(f"no {CHARSET} to put the Content-Security-Policy after")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(CHARSET, f"{CHARSET}\n      {tag}", 1)
