"""The fetcher's transport: plain http loads no certificates; https still verifies, against
certifi's CAs or the environment's `SSL_CERT_FILE`, on a real TLS server on loopback."""

from __future__ import annotations

import http.server
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from certificates import self_signed

from madara_tui.client.errors import TLSFailure
from madara_tui.client.http import Fetcher
from madara_tui.client.transport import SchemeTransport


class _Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(tls: ssl.SSLContext | None) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scheme = "https" if tls else "http"
    return server, f"{scheme}://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed(tmp_path_factory.mktemp("tls"), "127.0.0.1", "IP:127.0.0.1")


@pytest.fixture
def servers(certificate: tuple[Path, Path]) -> Iterator[tuple[str, str]]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    plain, plain_url = _serve(None)
    secure, secure_url = _serve(context)
    yield plain_url, secure_url
    for server in (plain, secure):
        server.shutdown()
        server.server_close()


def _transport(fetcher: Fetcher) -> SchemeTransport:
    transport = fetcher._client._transport
    assert isinstance(transport, SchemeTransport)
    return transport


async def test_plain_http_never_loads_the_certificates(
        servers: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[object] = []
    original = ssl.SSLContext.load_verify_locations

    def spy(self: ssl.SSLContext, *args: object, **kwargs: object) -> None:
        loaded.append(args)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", spy)
    async with Fetcher() as fetcher:
        response = await fetcher.get(servers[0])
        assert response.body == b"hello"
        assert not _transport(fetcher).verifying
    assert loaded == []


async def test_https_refuses_a_certificate_no_authority_signed(servers: tuple[str, str],
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    async with Fetcher() as fetcher:
        with pytest.raises(TLSFailure):
            await fetcher.get(servers[1])
        assert _transport(fetcher).verifying
        assert (await fetcher.get(servers[0])).body == b"hello"  # plain http still works


async def test_https_trusts_the_environments_authorities(
        servers: tuple[str, str], certificate: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    async with Fetcher() as fetcher:
        assert (await fetcher.get(servers[1])).body == b"hello"
    async with Fetcher(trust_env=False) as fetcher:
        with pytest.raises(TLSFailure):
            await fetcher.get(servers[1])
