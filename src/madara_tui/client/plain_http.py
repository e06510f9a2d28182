"""HTTP/1.1 over plain TCP on asyncio's own streams: the fetcher's transport for http:// URLs.

httpx's default transport goes through httpcore, h11 and anyio: ~60 ms of imports and ~2 ms of
CPU per request on this project's machines, which was most of an unchanged refresh (200 feeds
answering 304). This transport speaks the small part of HTTP/1.1 a client needs — one request,
then a status line, headers and a body framed by Content-Length, chunked transfer coding or the
end of the connection — and keeps finished connections for the next request to the same host.

It raises httpx's own exceptions, with the socket error as the cause, so the fetcher maps them
as before (`client.transport_errors`): `ConnectError`/`ConnectTimeout` before anything
was sent, `ReadError`/`WriteError`/`RemoteProtocolError`/`ReadTimeout` after. It reports
`connection.connect_tcp` and `http11.send_request_headers` to a `trace` extension, as httpcore
does, so the fetcher knows whether a request reached the wire. Bounds: 100 KiB of status line
and headers, 200 header lines, 8 KiB chunk-size lines. https never comes here.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx

MAX_HEAD_BYTES = 100 * 1024
"""Status line and headers together (httpcore's bound on h11 was the same)."""
MAX_HEADER_LINES = 200
MAX_CHUNK_LINE = 8 * 1024
READ_SIZE = 64 * 1024
KEEPALIVE_SECONDS = 5.0
"""An idle connection older than this is closed rather than reused (httpcore's default)."""
MAX_IDLE_PER_HOST = 16
NO_BODY_STATUSES = frozenset({204, 304})

Trace = Callable[[str, dict[str, Any]], Awaitable[None]]
Key = tuple[str, int]


class _Connection:
    """One TCP connection and when it was last put back idle."""

    __slots__ = ("idle_since", "key", "reader", "writer")

    def __init__(self, key: Key, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.key = key
        self.reader = reader
        self.writer = writer
        self.idle_since = 0.0

    def usable(self, now: float) -> bool:
        """Still open (an idle connection the server closed has its end of file queued by
        now) and not idle too long."""
        return (not self.writer.is_closing() and not self.reader.at_eof()
                and now - self.idle_since < KEEPALIVE_SECONDS)

    def close(self) -> None:
        self.writer.close()


def _timeout(request: httpx.Request, phase: str) -> float | None:
    value = request.extensions.get("timeout", {}).get(phase)
    return float(value) if value is not None else None


async def _read(coro: Awaitable[bytes], seconds: float | None) -> bytes:
    try:
        if seconds is None:
            return await coro
        async with asyncio.timeout(seconds):
            return await coro
    except TimeoutError as exc:
        raise httpx.ReadTimeout("timed out reading the answer") from exc
    except asyncio.IncompleteReadError as exc:
        raise httpx.RemoteProtocolError(
            "the server closed the connection in the middle of the answer") from exc
    except asyncio.LimitOverrunError as exc:
        raise httpx.RemoteProtocolError("a line of the answer is too long") from exc
    except ValueError as exc:  # StreamReader's own limit on one line
        raise httpx.RemoteProtocolError(f"bad answer: {exc}") from exc
    except OSError as exc:
        raise httpx.ReadError(f"{type(exc).__name__}: {exc}") from exc


def _head_bytes(request: httpx.Request, body: bytes) -> bytes:
    lines = [b"%s %s HTTP/1.1" % (request.method.encode("ascii"), request.url.raw_path)]
    has_length = False
    for name, value in request.headers.raw:
        if any(c in name + value for c in (b"\r", b"\n", b"\0")) or not name:
            raise httpx.LocalProtocolError(f"illegal header {name[:40]!r}")
        has_length |= name.lower() == b"content-length"
        lines.append(name + b": " + value)
    if body and not has_length:
        lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _status_line(line: bytes) -> tuple[bytes, int, bytes]:
    version, _, rest = line.rstrip(b"\r\n").partition(b" ")
    code, _, reason = rest.partition(b" ")
    if version not in (b"HTTP/1.1", b"HTTP/1.0") or len(code) != 3 or not code.isdigit():
        raise httpx.RemoteProtocolError(f"not an HTTP/1.x status line: {line[:60]!r}")
    return version, int(code), reason.strip()


def _header(line: bytes) -> tuple[bytes, bytes]:
    name, colon, value = line.partition(b":")
    if not colon or not name or name != name.strip() or b" " in name or b"\t" in name:
        raise httpx.RemoteProtocolError(f"bad header line: {line[:60]!r}")
    return name, value.strip(b" \t")


class _Head:
    """A parsed status line and headers, and how the body that follows is framed."""

    def __init__(self, version: bytes, status: int, reason: bytes,
                 headers: list[tuple[bytes, bytes]], method: str) -> None:
        self.version, self.status, self.reason, self.headers = version, status, reason, headers
        fields: dict[bytes, list[bytes]] = {}
        for name, value in headers:
            fields.setdefault(name.lower(), []).append(value)
        tokens = b",".join(fields.get(b"connection", [])).lower()
        self.keep_alive = (b"close" not in tokens if version == b"HTTP/1.1"
                           else b"keep-alive" in tokens)
        self.length: int | None = None
        """Body bytes to read; None with `chunked` or `until_close`."""
        self.chunked = False
        self.until_close = False
        if method == "HEAD" or status in NO_BODY_STATUSES or 100 <= status < 200:
            self.length = 0
            return
        codings = b",".join(fields.get(b"transfer-encoding", [])).lower()
        if codings:
            self.chunked = codings.rsplit(b",", 1)[-1].strip() == b"chunked"
            self.until_close = not self.chunked
            self.keep_alive = self.keep_alive and self.chunked
            return
        lengths = {v.strip() for v in b",".join(fields.get(b"content-length", [])).split(b",")
                   if v.strip()}
        if len(lengths) > 1 or any(not v.isdigit() for v in lengths):
            raise httpx.RemoteProtocolError(f"bad Content-Length: {sorted(lengths)[:3]!r}")
        if lengths:
            self.length = int(lengths.pop())
        else:
            self.until_close = True
            self.keep_alive = False


class _Body(httpx.AsyncByteStream):
    """The answer's body as it arrives; hands the connection back once read to its end."""

    def __init__(self, transport: PlainHTTPTransport, connection: _Connection, head: _Head,
                 read_timeout: float | None) -> None:
        self._transport = transport
        self._connection: _Connection | None = connection
        self._head = head
        self._timeout = read_timeout
        self._complete = head.length == 0
        """Read to its end (nothing to read at all: reusable at once)."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        connection = self._connection
        if connection is None:
            raise httpx.StreamClosed()
        try:
            async for chunk in self._chunks(connection.reader):
                yield chunk
        except BaseException:
            await self.aclose()
            raise
        self._complete = True
        await self.aclose()

    async def _chunks(self, reader: asyncio.StreamReader) -> AsyncIterator[bytes]:
        head, seconds = self._head, self._timeout
        if head.chunked:
            while True:
                line = await _read(reader.readuntil(b"\n"), seconds)
                if len(line) > MAX_CHUNK_LINE:
                    raise httpx.RemoteProtocolError("chunk-size line too long")
                size_text = line.split(b";", 1)[0].strip()
                try:
                    size = int(size_text, 16)
                except ValueError:
                    raise httpx.RemoteProtocolError(f"bad chunk size {size_text[:20]!r}") from None
                if size_text.startswith((b"-", b"+", b"0x", b"0X")):
                    raise httpx.RemoteProtocolError(f"bad chunk size {size_text[:20]!r}")
                if size == 0:
                    await self._trailers(reader)
                    return
                while size:
                    piece = await _read(reader.read(min(size, READ_SIZE)), seconds)
                    if not piece:
                        raise httpx.RemoteProtocolError("the server closed the connection "
                                                        "in the middle of a chunk")
                    size -= len(piece)
                    yield piece
                if await _read(reader.readuntil(b"\n"), seconds) not in (b"\r\n", b"\n"):
                    raise httpx.RemoteProtocolError("a chunk longer than its size")
        elif head.until_close:
            while piece := await _read(reader.read(READ_SIZE), seconds):
                yield piece
        else:
            left = head.length or 0
            while left:
                piece = await _read(reader.read(min(left, READ_SIZE)), seconds)
                if not piece:
                    raise httpx.RemoteProtocolError(
                        f"the server closed the connection {left} bytes before the body's end")
                left -= len(piece)
                yield piece

    async def _trailers(self, reader: asyncio.StreamReader) -> None:
        size = 0
        while (line := await _read(reader.readuntil(b"\n"), self._timeout)) not in (b"\r\n",
                                                                                   b"\n"):
            size += len(line)
            if size > MAX_HEAD_BYTES:
                raise httpx.RemoteProtocolError("trailers too long")

    async def aclose(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._complete and self._head.keep_alive:
            self._transport.put_back(connection)
        else:
            connection.close()


class PlainHTTPTransport(httpx.AsyncBaseTransport):
    """http:// requests on asyncio streams, with the finished connections kept per host."""

    def __init__(self) -> None:
        self._idle: dict[Key, list[_Connection]] = {}
        self._closed = False

    def put_back(self, connection: _Connection) -> None:
        """Keep a connection whose answer was read to its end, for the next request."""
        idle = self._idle.setdefault(connection.key, [])
        if self._closed or len(idle) >= MAX_IDLE_PER_HOST:
            connection.close()
            return
        connection.idle_since = time.monotonic()
        idle.append(connection)

    def _take_idle(self, key: Key) -> _Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            if connection.usable(now):
                return connection
            connection.close()
        return None

    async def _connect(self, key: Key, request: httpx.Request, trace: Trace | None
                       ) -> _Connection:
        if trace is not None:
            await trace("connection.connect_tcp.started", {"host": key[0], "port": key[1]})
        try:
            async with asyncio.timeout(_timeout(request, "connect")):
                reader, writer = await asyncio.open_connection(key[0], key[1], limit=READ_SIZE)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(f"connecting to {key[0]}:{key[1]} timed out") from exc
        except OSError as exc:
            raise httpx.ConnectError(f"{type(exc).__name__}: {exc}") from exc
        sock = writer.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return _Connection(key, reader, writer)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme != "http":
            raise httpx.UnsupportedProtocol(f"{request.url.scheme}: not plain http")
        if self._closed:
            raise httpx.ConnectError("the transport is closed")
        # The ASCII (IDNA) form, as httpcore connects: `host` is the Unicode one.
        key = (request.url.raw_host.decode("ascii"), request.url.port or 80)
        trace: Trace | None = request.extensions.get("trace")
        body = await request.aread()
        head_bytes = _head_bytes(request, body)
        connection = self._take_idle(key)
        # A kept connection the server dropped just now fails before any answer: an
        # idempotent request is sent once more on a new one, as browsers do.
        retry = connection is not None and request.method in ("GET", "HEAD")
        while True:
            if connection is None:
                connection = await self._connect(key, request, trace)
            try:
                head = await self._exchange(connection, request, head_bytes + body, trace)
            except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
                connection.close()
                if retry and _nothing_came(exc):
                    retry, connection = False, None
                    continue
                raise
            except BaseException:
                connection.close()
                raise
            break
        stream = _Body(self, connection, head, _timeout(request, "read"))
        return httpx.Response(head.status, headers=head.headers, stream=stream,
                              extensions={"http_version": head.version,
                                          "reason_phrase": head.reason})

    async def _exchange(self, connection: _Connection, request: httpx.Request, data: bytes,
                        trace: Trace | None) -> _Head:
        if trace is not None:
            await trace("http11.send_request_headers.started", {"request": request})
        try:
            connection.writer.write(data)
            async with asyncio.timeout(_timeout(request, "write")):
                await connection.writer.drain()
        except TimeoutError as exc:
            raise httpx.WriteTimeout("timed out sending the request") from exc
        except OSError as exc:
            raise httpx.WriteError(f"{type(exc).__name__}: {exc}") from exc
        try:
            # One deadline for the whole head (status line and headers), not one per line.
            async with asyncio.timeout(_timeout(request, "read")):
                return await self._read_head(connection.reader, request.method)
        except TimeoutError as exc:
            raise httpx.ReadTimeout("timed out reading the answer") from exc

    @staticmethod
    async def _read_head(reader: asyncio.StreamReader, method: str) -> _Head:
        while True:  # 1xx answers come before the real one
            line = await _read(reader.readuntil(b"\n"), None)
            version, status, reason = _status_line(line)
            headers: list[tuple[bytes, bytes]] = []
            size = len(line)
            while (line := await _read(reader.readuntil(b"\n"), None)) not in (b"\r\n", b"\n"):
                size += len(line)
                if size > MAX_HEAD_BYTES or len(headers) >= MAX_HEADER_LINES:
                    raise httpx.RemoteProtocolError("the answer's headers are too long")
                if line[:1] in (b" ", b"\t") and headers:  # an obsolete folded line
                    name, value = headers[-1]
                    headers[-1] = (name, value + b" " + line.strip())
                    continue
                headers.append(_header(line.rstrip(b"\r\n")))
            if not 100 <= status < 200 or status == 101:
                return _Head(version, status, reason, headers, method)

    async def aclose(self) -> None:
        self._closed = True
        idle = [connection for kept in self._idle.values() for connection in kept]
        self._idle.clear()
        for connection in idle:
            connection.close()
        # Closed transports finish on the loop's next turn: let them, before the loop ends.
        await asyncio.gather(*(c.writer.wait_closed() for c in idle), return_exceptions=True)


def _nothing_came(exc: BaseException) -> bool:
    """The server closed a kept connection before answering (end of file or reset)."""
    cause = exc.__cause__
    return (isinstance(cause, asyncio.IncompleteReadError) and not cause.partial) or \
        isinstance(cause, ConnectionResetError | BrokenPipeError)


__all__ = ["PlainHTTPTransport"]
