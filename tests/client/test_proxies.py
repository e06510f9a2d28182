"""Proxies from the environment, through real proxies on loopback: an http proxy (absolute-form
requests and CONNECT tunnels to a TLS server) and a SOCKS5 proxy. The sites' names
(`news.example`, `secure.example`) resolve nowhere, so an answer proves the proxy carried it."""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from certificates import self_signed

from madara_tui.client.errors import ProxyFailure, TLSFailure
from madara_tui.client.http import Fetcher
from madara_tui.client.proxies import is_loopback, proxy_for


def _relay(one: socket.socket, other: socket.socket) -> None:
    def pump(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):  # either end closing ends the relay
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    back = threading.Thread(target=pump, args=(other, one), daemon=True)
    back.start()
    pump(one, other)
    back.join(5)


class _Servers(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    seen: list[str]
    tunnel_to: tuple[str, int]
    """Where CONNECT and SOCKS tunnels really go, whatever name the client asked for."""


@contextmanager
def _serving(handler: type[socketserver.BaseRequestHandler], tunnel_to: tuple[str, int],
             tls: ssl.SSLContext | None = None) -> Iterator[_Servers]:
    server = _Servers(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.seen = []
    server.tunnel_to = tunnel_to
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class _HTTPProxy(socketserver.StreamRequestHandler):
    """Answers absolute-form GETs itself; tunnels CONNECT to `tunnel_to`."""

    server: _Servers

    def handle(self) -> None:
        request = self.rfile.readline().decode("latin-1").strip()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        self.server.seen.append(request)
        method, target, _ = request.split(" ")
        if method == "CONNECT":
            with socket.create_connection(self.server.tunnel_to) as upstream:
                self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self.wfile.flush()
                _relay(self.connection, upstream)
            return
        body = f"via proxy: {target}".encode()
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


class _Socks5(socketserver.BaseRequestHandler):
    """SOCKS5 without authentication: records the name asked for, connects to `tunnel_to`."""

    server: _Servers

    def handle(self) -> None:
        conn = self.request
        _version, count = conn.recv(2)
        conn.recv(count)
        conn.sendall(b"\x05\x00")
        _version, command, _reserved, kind = conn.recv(4)
        assert kind == 3, "the client resolves no name itself: it passes it on"
        name = conn.recv(conn.recv(1)[0]).decode()
        port = int.from_bytes(conn.recv(2), "big")
        self.server.seen.append(f"{command} {name}:{port}")
        with socket.create_connection(self.server.tunnel_to) as upstream:
            conn.sendall(b"\x05\x00\x00\x01" + bytes(4) + bytes(2))
            _relay(conn, upstream)


class _Hello(socketserver.StreamRequestHandler):
    """The site: answers any request with `hello`."""

    def handle(self) -> None:
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"
                         b"hello")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed(tmp_path_factory.mktemp("tls"), "secure.example", "DNS:secure.example")


@pytest.fixture
def site() -> Iterator[tuple[str, int]]:
    with _serving(_Hello, ("127.0.0.1", 0)) as server:
        yield server.server_address[:2]


@pytest.fixture
def secure_site(certificate: tuple[Path, Path]) -> Iterator[tuple[str, int]]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with _serving(_Hello, ("127.0.0.1", 0), context) as server:
        yield server.server_address[:2]


@pytest.fixture(autouse=True)
def no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


async def test_http_goes_through_the_http_proxy(site: tuple[str, int],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with _serving(_HTTPProxy, site) as proxy:
        monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.server_address[1]}")
        async with Fetcher() as fetcher:
            response = await fetcher.get("http://news.example/feed/")
        assert response.body == b"via proxy: http://news.example/feed/"
        assert proxy.seen == ["GET http://news.example/feed/ HTTP/1.1"]


async def test_https_is_tunnelled_and_still_verified(
        secure_site: tuple[str, int], certificate: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with _serving(_HTTPProxy, secure_site) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", f"127.0.0.1:{proxy.server_address[1]}")  # no scheme
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
        monkeypatch.delenv("SSL_CERT_DIR", raising=False)
        async with Fetcher() as fetcher:
            # Through the tunnel the site's certificate is checked as ever: no authority signed it.
            with pytest.raises(TLSFailure):
                await fetcher.get("https://secure.example/")
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        async with Fetcher() as fetcher:
            assert (await fetcher.get("https://secure.example/")).body == b"hello"
        assert proxy.seen[-1] == "CONNECT secure.example:443 HTTP/1.1"


async def test_socks5_proxy_carries_the_name(site: tuple[str, int],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with _serving(_Socks5, site) as proxy:
        monkeypatch.setenv("all_proxy", f"socks5://127.0.0.1:{proxy.server_address[1]}")
        async with Fetcher() as fetcher:
            assert (await fetcher.get("http://news.example/feed/")).body == b"hello"
        assert proxy.seen == ["1 news.example:80"]


async def test_loopback_never_goes_through_the_proxy(site: tuple[str, int],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with _serving(_HTTPProxy, site) as proxy:
        monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.server_address[1]}")
        async with Fetcher() as fetcher:
            assert (await fetcher.get(f"http://127.0.0.1:{site[1]}/")).body == b"hello"
        assert proxy.seen == []


async def test_a_proxy_that_is_not_there_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{port}")
    async with Fetcher() as fetcher:
        with pytest.raises(ProxyFailure) as failed:
            await fetcher.get("http://news.example/feed/")
    assert not failed.value.request_sent
    assert "proxy" in failed.value.message("en").lower()


async def test_a_proxy_of_an_unknown_kind_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", "ftp://127.0.0.1:21")
    async with Fetcher() as fetcher:
        with pytest.raises(ProxyFailure, match="unsupported proxy"):
            await fetcher.get("http://news.example/feed/")


async def test_without_trust_env_no_proxy_is_used(site: tuple[str, int],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    async with Fetcher(trust_env=False) as fetcher:
        assert (await fetcher.get(f"http://localhost:{site[1]}/")).body == b"hello"


@pytest.mark.parametrize(("scheme", "host", "port", "expected"), [
    ("http", "news.example", None, "http://proxy.test:3128"),
    ("https", "news.example", None, "socks5://proxy.test:1080"),  # no https_proxy: all_proxy
    ("http", "skip.example", None, None),                          # no_proxy, the name itself
    ("http", "www.skip.example", 8080, None),                      # … and below it
    ("http", "notskip.example", None, "http://proxy.test:3128"),
    ("https", "a.other.example", None, None),
    ("http", "port.example", None, None),                          # no_proxy's :80 is http's
    ("http", "port.example", 8080, "http://proxy.test:3128"),
    ("http", "127.0.0.1", 8000, None),                             # loopback, always direct
    ("http", "::1", None, None),
    ("http", "localhost", None, None),
])
def test_which_urls_go_through_which_proxy(scheme: str, host: str, port: int | None,
                                           expected: str | None) -> None:
    proxies = {"http": "http://proxy.test:3128", "all": "socks5://proxy.test:1080",
               "no": "skip.example, .other.example,port.example:80"}
    assert proxy_for(scheme, host, port, proxies) == expected


def test_no_proxy_star_sends_everything_directly() -> None:
    assert proxy_for("http", "news.example", None, {"http": "http://p:1", "no": "*"}) is None
    assert is_loopback("127.8.9.1") and is_loopback("[::1]") and not is_loopback("10.0.0.1")
