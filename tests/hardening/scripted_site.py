"""A loopback HTTP server that answers each path with exactly the bytes a test scripted: for
answers no honest site sends (lone surrogates in JSON, ports out of range in a Location, a
Retry-After of 99999999999999, posts dated 9999-12-31, feeds of 340k entries)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Answer:
    """One scripted answer."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: threading.Event | None = None
    """When set, the answer waits until the event is set (a site holding a request)."""
    later: Answer | None = None
    """The answer to every request of the path after the first one, when set."""


def json_answer(text: str, status: int = 200, **headers: str) -> Answer:
    """A JSON answer from its exact text (so it can hold `\\ud800` escapes)."""
    return Answer(text.encode("ascii"), status,
                  {"Content-Type": "application/json; charset=UTF-8", **headers})


def post_json(post_id: int = 7, **fields: Any) -> dict[str, Any]:
    """A WordPress post object with sane fields, `fields` replacing them."""
    post: dict[str, Any] = {
        "id": post_id,
        "date_gmt": "2026-11-20T08:00:00",
        "modified_gmt": "2026-11-20T08:00:00",
        "link": f"http://127.0.0.1:1/?p={post_id}",
        "title": {"rendered": "خبر آزمایشی"},
        "excerpt": {"rendered": "<p>خلاصه</p>"},
        "content": {"rendered": "<p>متن خبر</p>"},
        "comment_status": "open",
        "categories": [3],
        "_embedded": {
            "author": [{"name": "نویسنده"}],
            "wp:term": [[{"id": 3, "name": "اقتصاد", "taxonomy": "category"}]],
        },
    }
    post.update(fields)
    return post


class ScriptedSite:
    """`routes[path]` is the `Answer` for GET/POST of `path` (the query is ignored); anything
    else is a 404. `hits` counts requests per (method, path)."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer] = {}
        self.hits: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def posts(self, text: str, **headers: str) -> None:
        """Serve `text` as the REST post list (and no categories)."""
        self.routes["/wp-json/wp/v2/categories"] = json_answer("[]")
        self.routes["/wp-json/wp/v2/posts"] = json_answer(text, **headers)

    def count(self, method: str, path: str) -> int:
        with self._lock:
            return self.hits.get((method, path), 0)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        with self._lock:
            hits = self.hits[(handler.command, path)] = self.hits.get((handler.command, path),
                                                                      0) + 1
        length = int(handler.headers.get("Content-Length") or 0)
        if length:
            handler.rfile.read(length)
        answer = self.routes.get(path, Answer(b"not found", 404))
        if hits > 1 and answer.later is not None:
            answer = answer.later
        if answer.delay is not None:
            answer.delay.wait(30)
        handler.send_response(answer.status)
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(answer.body)))
        handler.end_headers()
        handler.wfile.write(answer.body)

    @contextmanager
    def running(self) -> Iterator[ScriptedSite]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._answer(self)

            def do_POST(self) -> None:
                site._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up on a held answer: nothing to report

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()


def dumps(value: Any) -> str:
    """JSON text, ASCII only (non-ASCII as `\\u` escapes, as WordPress writes it)."""
    return json.dumps(value, ensure_ascii=True)
