"""Links inside an article that lead to another article of the same site: `?p=N` links and
permalinks are opened in the reader (from the cache, or fetched) instead of a browser."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit


def same_site(source: str, url: str) -> bool:
    """True when `url` is on the site `source` (scheme, host and port alike)."""
    a, b = urlsplit(source), urlsplit(url)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port) and bool(a.hostname)


def post_id_in(url: str) -> int | None:
    """The post ID of a `?p=N` link (WordPress's plain permalink), else None."""
    values = parse_qs(urlsplit(url).query).get("p", [])
    return int(values[0]) if values and values[0].isascii() and values[0].isdigit() else None


def spellings(url: str) -> list[str]:
    """The ways the cache may hold a permalink: with and without the trailing slash and the
    fragment, its path percent-encoded or not."""
    parts = urlsplit(url)
    out: list[str] = []
    for path in (parts.path, quote(unquote(parts.path), safe="/%"), unquote(parts.path)):
        for variant in (path, path.rstrip("/"), path.rstrip("/") + "/"):
            spelled = urlunsplit((parts.scheme, parts.netloc, variant, parts.query, ""))
            if spelled not in out:
                out.append(spelled)
    return out
