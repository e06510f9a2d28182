"""Deciding whether a link may be handed to the browser, and what host to show first.

Only http/https URLs with a real host; no whitespace, control or bidi characters anywhere (a
Trojan-Source link can display as another address); no leading "-" (browser option injection).
The host is shown in punycode so look-alike letters can't pass for another site.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

_BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True, slots=True)
class LinkCheck:
    """The verdict on a URL: `ok` with the punycode `host`, or a `reason` string key."""

    url: str
    ok: bool
    host: str = ""
    reason: str = ""
    """A key of `madara_tui.ui.strings` ("open.bad_scheme", …) when not ok."""


def _punycode(host: str) -> str | None:
    try:
        return ".".join(
            part.encode("idna").decode("ascii") if not part.isascii() else part
            for part in host.split(".")
        )
    except UnicodeError:
        return None


def check_link(url: str) -> LinkCheck:
    """Whether `url` may be opened in the browser, and the host to show before it is."""
    if not url or url.startswith("-") or any(
        ch in _BIDI or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url
    ):
        return LinkCheck(url, False, reason="open.bad_chars")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname or ""
        port = parts.port
    except ValueError:
        return LinkCheck(url, False, reason="open.bad_host")
    if parts.scheme.lower() not in ("http", "https"):
        return LinkCheck(url, False, reason="open.bad_scheme")
    host = _punycode(hostname)
    if not host or host.startswith("-") or ".." in host:
        return LinkCheck(url, False, reason="open.bad_host")
    if port is not None:
        host = f"{host}:{port}"
    return LinkCheck(url, True, host=host)
