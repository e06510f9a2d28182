"""`DemoSite`: the demo WordPress site on a loopback port (stdlib `ThreadingHTTPServer`).

The server adds to each route's `Reply` what a real site's stack adds: ETag / Last-Modified with
304 answers, gzip when the client accepts it, keep-alive, and — when switched on — faults
(see `madara_tui.demo.faults`).
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
import socket
import struct
import sys
import threading
import time
import traceback
from collections import deque
from email.utils import parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from madara_tui.demo.comments import CommentBook, PostedComment, wp_die_page
from madara_tui.demo.content import DemoContent, load_content
from madara_tui.demo.faults import (
    ERROR_500_PAGE,
    FAULTS,
    FIREWALL_PAGE,
    Fault,
    gzip_bomb,
    gzip_bomb_length,
)
from madara_tui.demo.render import http_date
from madara_tui.demo.reply import HTML, Reply, html_reply
from madara_tui.demo.routes import Router

RESET_GRACE_SECONDS = 0.2
"""How long the `reset` fault waits between sending half a body and resetting the connection."""

_COMPRESSIBLE = ("text/", "application/json", "application/rss+xml", "application/xml")


# Remembered per body: the benchmark feeds are 200 kB each and asked for again and again, and
# compressing one costs ~5 ms of the bench process's CPU — which the clients under test share.
@lru_cache(maxsize=256)
def _etag(body: bytes) -> str:
    return 'W/"' + hashlib.sha1(body).hexdigest()[:20] + '"'


@lru_cache(maxsize=256)
def _gzipped(body: bytes) -> bytes:
    return gzip.compress(body, 6, mtime=0)


class DemoSite:
    """A local WordPress-compatible site. `start()` binds a free loopback port and serves from
    daemon threads; `stop()` (or leaving the `with` block) closes everything it opened."""

    def __init__(self, content: DemoContent | None = None, *, flood_interval: float = 15.0,
                 slow_seconds: float = 2.0, stall_seconds: float = 15.0) -> None:
        self.content = content if content is not None else load_content()
        self.book = CommentBook(self.content.comments, flood_interval=flood_interval)
        self.slow_seconds = slow_seconds
        """How long the "slow" fault waits before answering."""
        self.stall_seconds = stall_seconds
        """How long the "stall" fault keeps a connection silent."""
        self.secret = secrets.token_hex(16)
        self.posted: list[PostedComment] = []
        """Every comment submission received, in order, with the site's answer."""
        self.requests: deque[tuple[str, str]] = deque(maxlen=100_000)
        """(method, path with query) of the latest requests, oldest first."""
        self.comment_error: str | None = None
        """When set, every comment post is refused with WordPress's error page showing this
        message as raw HTML (as a plugin's message would be): for tests of hostile error pages."""
        self._lock = threading.Lock()
        self._fault: Fault | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._router: Router | None = None
        self._url = ""

    @property
    def url(self) -> str:
        """The base URL (`http://127.0.0.1:PORT`, no trailing slash); empty before `start()`."""
        return self._url

    @property
    def flood_interval(self) -> float:
        """Seconds a sender (IP or email) must wait between comments."""
        return self.book.flood_interval

    @flood_interval.setter
    def flood_interval(self, seconds: float) -> None:
        self.book.flood_interval = seconds

    @property
    def fault(self) -> Fault | None:
        """The active fault, if any."""
        return self._fault

    def set_fault(self, name: str | None, *, path_prefix: str | None = None) -> None:
        """Switch a fault on (one of `faults.FAULTS`) or off (`None`). With `path_prefix`, only
        requests whose path (query included) starts with it are affected."""
        if name is not None and name not in FAULTS:
            raise ValueError(f"unknown fault {name!r}; choose from {sorted(FAULTS)}")
        self._fault = Fault(name, path_prefix) if name else None

    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Bind and start serving; returns the base URL."""
        if self._server is not None:
            return self._url
        server = _Server((host, port), _Handler, self)
        bound_port = server.server_address[1]
        self._url = f"http://{host}:{bound_port}"
        self._router = Router(self.content, self.book, self._url, self.secret)
        self._stopping.clear()
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="demo-site", daemon=True)
        self._thread.start()
        return self._url

    def stop(self) -> None:
        """Stop serving and close every socket (open keep-alive connections included)."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        server.close_connections()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> DemoSite:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # ---- request handling (called from the handler threads) -----------------------------------

    def _handle(self, handler: _Handler, method: str) -> None:
        target = handler.path
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        with self._lock:
            self.requests.append((method, target))
        fault = self._fault if self._fault and self._fault.applies(target) else None
        name = fault.name if fault else None
        if name == "stall":
            self._stopping.wait(self.stall_seconds)
            handler.close_connection = True
            return
        if name == "slow":
            self._stopping.wait(self.slow_seconds)
        reply = self._faulted_reply(name, parts.path, parts.query, query)
        if reply is None:
            reply = self._route(handler, method, parts.path, query)
        if name == "gzip_bomb":
            self._send_bomb(handler, reply, head=method == "HEAD")
            return
        self._send(handler, reply, head=method == "HEAD", fault=name)

    def _faulted_reply(self, name: str | None, path: str, raw_query: str,
                       query: dict[str, list[str]]) -> Reply | None:
        if name == "error500":
            return Reply(500, ERROR_500_PAGE.encode(), HTML)
        if name == "redirect_loop":
            step = "2" if query.get("loop", [""])[-1] == "1" else "1"
            return Reply(302, b"", HTML, headers=[("Location", f"{self._url}{path}?loop={step}")])
        if name == "block_wp_json" and (path.startswith("/wp-json") or "rest_route" in query):
            return Reply(403, FIREWALL_PAGE.encode(), HTML)
        return None

    def _route(self, handler: _Handler, method: str, path: str,
               query: dict[str, list[str]]) -> Reply:
        assert self._router is not None
        try:
            if method == "POST":
                length = int(handler.headers.get("Content-Length") or 0)
                body = handler.rfile.read(length) if length > 0 else b""
                form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                pairs = [(k, v) for k, values in form.items() for v in values]
                if self.comment_error is not None and path == "/wp-comments-post.php":
                    reply = html_reply(wp_die_page(self.comment_error), 200, cacheable=False)
                    posted: PostedComment | None = PostedComment(tuple(pairs), 200, "invalid")
                else:
                    reply, posted = self._router.post(path, pairs, handler.client_address[0])
                if posted is not None:
                    with self._lock:
                        self.posted.append(posted)
                return reply
            return self._router.get(path, query)
        except Exception:  # a bug in a route: answer 500 like PHP would, and say why on stderr
            traceback.print_exc(file=sys.stderr)
            return Reply(500, ERROR_500_PAGE.encode(), HTML)

    def _send(self, handler: _Handler, reply: Reply, *, head: bool, fault: str | None) -> None:
        body = reply.body
        headers = [("Content-Type", reply.content_type), *reply.headers]
        if reply.cacheable:
            etag = _etag(body)
            headers.append(("ETag", etag))
            if reply.last_modified is not None:
                headers.append(("Last-Modified", http_date(reply.last_modified)))
            if _not_modified(handler, etag, reply):
                handler.send_response(304)
                for key, value in headers:
                    if key in ("ETag", "Last-Modified", "Link", "Vary"):
                        handler.send_header(key, value)
                handler.end_headers()
                return
        if (body and "gzip" in (handler.headers.get("Accept-Encoding") or "")
                and reply.content_type.startswith(_COMPRESSIBLE) and len(body) >= 200):
            body = _gzipped(body)
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        length = len(body) + (1000 if fault == "truncate" else 0)
        handler.send_response(reply.status)
        for key, value in headers:
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(length))
        if fault in ("truncate", "reset"):
            handler.send_header("Connection", "close")
        handler.end_headers()
        if head:
            return
        if fault == "reset":
            handler.wfile.write(body[: len(body) // 2])
            handler.reset_connection()
            return
        handler.wfile.write(body)
        if fault == "truncate":
            handler.close_connection = True

    def _send_bomb(self, handler: _Handler, reply: Reply, *, head: bool) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(gzip_bomb_length()))
        handler.end_headers()
        if head:
            return
        try:
            for piece in gzip_bomb():
                if self._stopping.is_set():
                    break
                handler.wfile.write(piece)
        except OSError:  # the client gave up reading, as it should
            handler.close_connection = True


def _not_modified(handler: _Handler, etag: str, reply: Reply) -> bool:
    if_none_match = handler.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag.removeprefix("W/") in tags
    since = handler.headers.get("If-Modified-Since")
    if since and reply.last_modified is not None:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        return when.tzinfo is not None and int(reply.last_modified.timestamp()) <= when.timestamp()
    return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver listens with a backlog of 5: a client opening 8 connections at once had the
    # rest of its SYNs dropped and retried them a second later (a 1 s stall per refresh).
    request_queue_size = socket.SOMAXCONN

    def __init__(self, address: tuple[str, int], handler: type[_Handler], site: DemoSite) -> None:
        self.site = site
        self._conn_lock = threading.Lock()
        self._connections: dict[socket.socket, threading.Thread] = {}
        super().__init__(address, handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock, address

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self.process_request_thread,
                                  args=(request, client_address), daemon=True)
        with self._conn_lock:
            self._connections[request] = thread
        thread.start()

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._connections.pop(request, None)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away or idled out: normal for a web server, not a bug
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        """Wake every handler blocked on a keep-alive read, then wait for them to close."""
        with self._conn_lock:
            live = list(self._connections.items())
        for sock, _ in live:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # already closed by its handler
                continue
        for _, thread in live:
            thread.join(5)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    timeout = 30
    server: _Server

    def do_GET(self) -> None:
        self.server.site._handle(self, "GET")

    def do_HEAD(self) -> None:
        self.server.site._handle(self, "HEAD")

    def do_POST(self) -> None:
        self.server.site._handle(self, "POST")

    def reset_connection(self) -> None:
        """Close the socket with SO_LINGER 0 so the peer gets a TCP reset, not a clean close."""
        self.close_connection = True
        self.wfile.flush()
        # A reset discards whatever the peer has not read yet; give it time to read the headers
        # and the first half of the body, as on a real connection that breaks mid-body.
        time.sleep(RESET_GRACE_SECONDS)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # wfile writes straight to the socket; rfile is a makefile() holding a reference that
        # would defer the real close, so drop it first.
        self.rfile.close()
        self.connection.close()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `DemoSite.requests`; `madara-tui demo` prints its own log line."""
