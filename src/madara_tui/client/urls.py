"""One check for every http(s) URL that comes from outside (a link, a feed's address in OPML or
the config, a redirect's Location, a comment form's action) before anything stores or fetches it.

`urlsplit` accepts a port of 99999 or -1 and any host; httpx accepts the port too and fails only
when connecting (`OverflowError` from the socket layer), and rejects a bad IDNA host (`xn--`)
with an `IDNAError`. Checked here once, such a URL is refused where it enters, instead of being
stored and failing every later fetch.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

MAX_HOST = 253
"""Longest host name DNS can carry."""


def _host_problem(host: str) -> str | None:
    if not host:
        return "no host"
    if len(host) > MAX_HOST:
        return "host name too long"
    if host.isascii() and "xn--" not in host:
        return None
    # Imported on use: only hosts with non-ASCII letters or A-labels need it, and httpx (which
    # depends on it) would reject the same hosts when connecting.
    import idna

    try:
        if host.isascii():
            idna.decode(host)
        else:
            idna.encode(host.lower(), uts46=True)
    except (idna.IDNAError, UnicodeError, ValueError) as exc:
        return f"bad host name: {exc}"
    return None


def http_url_problem(url: str | SplitResult) -> str | None:
    """Why `url` can't be fetched over http(s) (scheme, host, port), or None when it can."""
    try:
        parts = urlsplit(url) if isinstance(url, str) else url
        if parts.scheme.lower() not in ("http", "https"):
            return f"not an http(s) URL: {parts.scheme[:20]!r}"
        port = parts.port  # raises ValueError out of range or not a number
        host = parts.hostname or ""
    except ValueError as exc:
        return f"bad URL: {exc}"
    if port is not None and not 0 < port < 65536:
        return f"port out of range: {port}"
    return _host_problem(host)


__all__ = ["http_url_problem"]
