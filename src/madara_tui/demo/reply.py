"""What a route hands back to the server: status, headers and body, before the server applies
conditional GET, gzip and faults."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

HTML = "text/html; charset=UTF-8"
JSON = "application/json; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"


@dataclass(slots=True)
class Reply:
    """One HTTP answer. `last_modified` (aware) and `cacheable` drive ETag / 304 handling."""

    status: int
    body: bytes = b""
    content_type: str = HTML
    headers: list[tuple[str, str]] = field(default_factory=list)
    last_modified: datetime | None = None
    cacheable: bool = False


def wp_json(value: Any) -> bytes:
    """JSON the way WordPress's `wp_json_encode` writes it: non-ASCII as `\\uXXXX`, `/` as `\\/`."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/").encode()


def json_reply(value: Any, status: int = 200, *, cacheable: bool = False,
               last_modified: datetime | None = None) -> Reply:
    """A REST answer. WordPress sends no ETag or Last-Modified with one (so a client's
    conditional GET never gets a 304 there: it asks with `modified_after` instead)."""
    return Reply(status, wp_json(value), JSON, cacheable=cacheable and status == 200,
                 last_modified=last_modified)


def rest_error(code: str, message: str, status: int, **data: Any) -> Reply:
    """A REST error object: `{"code", "message", "data": {"status"}}`."""
    return json_reply({"code": code, "message": message, "data": {"status": status, **data}},
                      status, cacheable=False)


def html_reply(text: str, status: int = 200, *, cacheable: bool = True,
               last_modified: datetime | None = None) -> Reply:
    """An HTML answer."""
    return Reply(status, text.encode("utf-8"), HTML, cacheable=cacheable and status == 200,
                 last_modified=last_modified)
