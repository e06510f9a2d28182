"""Plain http on asyncio streams (`client.plain_http`), through the fetcher, against a real
loopback server that answers each path with the exact bytes of a script: framing by length,
chunks and the connection's end, kept connections, and answers that break the protocol."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from madara_tui.client import ConnectionLost, Fetcher, MemoryValidators

Script = Callable[[int], tuple[bytes | None, bool]]
"""For the n-th request (from 1) on a connection: the bytes to send (None: close unanswered)
and whether to close the connection after them."""


def fixed(data: bytes, *, close: bool = False) -> Script:
    return lambda _n: (data, close)


SCRIPTS: dict[str, Script] = {
    "/length": fixed(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
    "/chunked": fixed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      b"5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n"),
    "/until-close": fixed(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end",
                          close=True),
    "/continue": fixed(b"HTTP/1.1 100 Continue\r\n\r\n"
                       b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
    "/folded": fixed(b"HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\nContent-Length: 0\r\n\r\n"),
    "/304": fixed(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n'),
    "/short": fixed(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", close=True),
    "/short-chunk": fixed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          b"a\r\nabc", close=True),
    "/bad-chunk": fixed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"zz\r\nabc\r\n0\r\n\r\n"),
    "/two-lengths": fixed(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"
                          b"abcd"),
    "/not-http": fixed(b"SSH-2.0-OpenSSH_9.2\r\n\r\n", close=True),
    "/huge-head": fixed(b"HTTP/1.1 200 OK\r\n" + b"X-Pad: " + b"a" * 60_000 + b"\r\n"
                        + b"X-Pad: " + b"b" * 60_000 + b"\r\nContent-Length: 0\r\n\r\n"),
    # The second request on a kept connection is read and the connection closed unanswered,
    # as a server whose keep-alive ran out at that moment does.
    "/drop-second": lambda n: ((b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                if n == 1 else None), False),
}


@dataclass
class Server:
    url: str = ""
    requests: list[tuple[int, bytes]] = field(default_factory=list)
    """(connection number, request head and body) in arrival order."""
    connections: int = 0


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return head + (await reader.readexactly(length) if length else b"")


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    state = Server()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state.connections += 1
        number, count = state.connections, 0
        try:
            while (request := await _read_request(reader)) is not None:
                count += 1
                state.requests.append((number, request))
                path = request.split(b" ", 2)[1].decode()
                data, close = SCRIPTS[path.split("?")[0]](count)
                if data is None:
                    break
                writer.write(data)
                await writer.drain()
                if close:
                    break
        finally:
            writer.close()

    listener = await asyncio.start_server(serve, "127.0.0.1", 0)
    state.url = f"http://127.0.0.1:{listener.sockets[0].getsockname()[1]}"
    async with listener:
        yield state


def _fetcher() -> Fetcher:
    return Fetcher(timeout=2.0, deadline=5.0, validators=MemoryValidators(), trust_env=False)


@pytest.mark.parametrize(("path", "body"), [
    ("/length", b"hello"), ("/chunked", b"hello world"), ("/until-close", b"to the end"),
    ("/continue", b"ok"), ("/folded", b""),
])
async def test_bodies_framed_every_way_are_read_whole(server: Server, path: str,
                                                      body: bytes) -> None:
    async with _fetcher() as fetcher:
        response = await fetcher.get(server.url + path)
    assert response.status == 200 and response.body == body
    if path == "/folded":
        assert response.headers["x-long"] == "one two"


async def test_finished_connections_are_used_again(server: Server) -> None:
    async with _fetcher() as fetcher:
        for path in ("/length", "/chunked", "/304", "/length"):
            await fetcher.get(server.url + path, check=False)
        await fetcher.get(server.url + "/until-close")  # its connection ends with it
        await fetcher.get(server.url + "/length")
    assert [number for number, _ in server.requests] == [1, 1, 1, 1, 1, 2]


async def test_request_line_and_headers_reach_the_server(server: Server) -> None:
    async with _fetcher() as fetcher:
        await fetcher.get(server.url + "/length", params={"q": "شهر"})
        await fetcher.post_form(server.url + "/length", [("text", "سلام")])
    get, post = (request for _number, request in server.requests)
    assert get.startswith(b"GET /length?q=%D8%B4%D9%87%D8%B1 HTTP/1.1\r\n")
    assert b"\r\nHost: 127.0.0.1:" in get and b"\r\nUser-Agent: madara-tui/" in get
    assert post.startswith(b"POST /length HTTP/1.1\r\n")
    assert post.endswith(b"\r\n\r\ntext=%D8%B3%D9%84%D8%A7%D9%85")
    assert b"\r\nContent-Length: 29\r\n" in post


async def test_a_get_on_a_connection_the_server_dropped_is_sent_again(server: Server) -> None:
    async with _fetcher() as fetcher:
        await fetcher.get(server.url + "/drop-second")
        response = await fetcher.get(server.url + "/drop-second")
    assert response.body == b"ok"
    assert [number for number, _ in server.requests] == [1, 1, 2]


async def test_a_post_on_a_dropped_connection_is_not_sent_again(server: Server) -> None:
    async with _fetcher() as fetcher:
        await fetcher.get(server.url + "/drop-second")
        with pytest.raises(ConnectionLost) as info:
            await fetcher.post_form(server.url + "/drop-second", [("a", "b")])
    assert info.value.request_sent
    assert [number for number, _ in server.requests] == [1, 1]


@pytest.mark.parametrize("path", ["/short", "/short-chunk", "/bad-chunk", "/two-lengths",
                                  "/not-http", "/huge-head"])
async def test_answers_that_break_the_protocol_are_connection_lost(server: Server,
                                                                   path: str) -> None:
    async with _fetcher() as fetcher:
        with pytest.raises(ConnectionLost) as info:
            await fetcher.get(server.url + path)
        assert info.value.request_sent
        # The broken connection was not kept: the next request gets a whole answer.
        assert (await fetcher.get(server.url + "/length")).body == b"hello"


def test_plain_http_needs_neither_httpcore_nor_anyio(server_url_in_thread: str) -> None:
    code = ("import asyncio, sys\n"
            "from madara_tui.client import Fetcher\n"
            "async def main():\n"
            "    async with Fetcher(trust_env=False) as fetcher:\n"
            f"        assert (await fetcher.get({server_url_in_thread!r})).body == b'hello'\n"
            "asyncio.run(main())\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('httpcore', 'anyio', 'h11')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"


@pytest.fixture
def server_url_in_thread() -> Iterator[str]:
    import http.server
    import threading

    class Hello(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


async def test_a_name_in_any_script_is_connected_to_in_its_ascii_form() -> None:
    # getaddrinfo gets the IDNA form httpx put in the Host header, not Python's own IDNA 2003
    # encoding of the Unicode name (which differs for some letters, ß among them).
    from madara_tui.client.plain_http import PlainHTTPTransport

    seen: list[str] = []

    async def trace(event: str, info: dict[str, object]) -> None:
        if event == "connection.connect_tcp.started":
            seen.append(str(info["host"]))

    transport = PlainHTTPTransport()
    request = httpx.Request("GET", "http://straße.invalid/",
                            extensions={"trace": trace, "timeout": {"connect": 5}})
    with pytest.raises(httpx.ConnectError):
        await transport.handle_async_request(request)
    await transport.aclose()
    assert seen == ["xn--strae-oqa.invalid"]
