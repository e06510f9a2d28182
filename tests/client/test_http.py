"""The Fetcher's limits and error mapping, over `httpx.MockTransport` for cases a real server
can't easily produce, and over a closed loopback port for a real refused connection."""

from __future__ import annotations

import asyncio
import gzip
import socket
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from madara_tui.client import (
    DEFAULT_USER_AGENT,
    BadRedirect,
    ConnectionLost,
    Fetcher,
    FetchError,
    HTTPStatus,
    MemoryValidators,
    NameResolution,
    Refused,
    Timeout,
    TLSFailure,
    TooLarge,
)
from madara_tui.client.http import MiB

Handler = Callable[[httpx.Request], httpx.Response]


class Body(httpx.AsyncByteStream):
    """A response body streamed in chunks, as a real connection delivers it."""

    def __init__(self, data: bytes, chunk: int = 16384) -> None:
        self.data, self.chunk = data, chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self.data), self.chunk):
            yield self.data[start : start + self.chunk]


def stream(status: int, data: bytes = b"", **headers: str) -> httpx.Response:
    return httpx.Response(
        status, stream=Body(data), headers={k.replace("_", "-"): v for k, v in headers.items()}
    )


def fetcher_for(handler: Handler, **kwargs: object) -> Fetcher:
    return Fetcher(transport=httpx.MockTransport(handler), trust_env=False, **kwargs)  # type: ignore[arg-type]


def redirect_to(location: str) -> httpx.Response:
    return httpx.Response(302, headers={"Location": location})


async def test_identifies_itself_and_asks_for_bounded_encodings() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    async with fetcher_for(handler) as fetcher:
        response = await fetcher.get("http://site.test/a", params={"q": "x"})
    assert response.body == b"ok" and response.url == "http://site.test/a?q=x"
    assert seen[0].headers["user-agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("madara-tui/")
    assert seen[0].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("target", ["ftp://site.test/x", "file:///etc/passwd", "javascript:x"])
async def test_redirect_to_another_scheme_is_refused(target: str) -> None:
    async with fetcher_for(lambda request: redirect_to(target)) as fetcher:
        with pytest.raises(BadRedirect):
            await fetcher.get("http://site.test/")


async def test_five_redirects_are_followed_six_are_not() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        hop = int(request.url.params.get("hop", "0"))
        if hop < int(request.url.params["until"]):
            return redirect_to(f"/next?hop={hop + 1}&until={request.url.params['until']}")
        return httpx.Response(200, text=f"arrived after {hop}")

    async with fetcher_for(handler) as fetcher:
        ok = await fetcher.get("http://site.test/start?hop=0&until=5")
        assert ok.body == b"arrived after 5"
        assert ok.url == "http://site.test/next?hop=5&until=5"
        with pytest.raises(BadRedirect, match="more than 5"):
            await fetcher.get("http://site.test/start?hop=0&until=6")


async def test_redirect_loop_is_detected() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return redirect_to("/b" if request.url.path == "/a" else "/a")

    async with fetcher_for(handler) as fetcher:
        with pytest.raises(BadRedirect, match="loop"):
            await fetcher.get("http://site.test/a")


async def test_post_form_never_follows() -> None:
    posted: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        posted.append(request.content)
        return redirect_to("http://site.test/post/#comment-5")

    async with fetcher_for(handler) as fetcher:
        response = await fetcher.post_form(
            "http://site.test/wp-comments-post.php", [("a", "۱ ۲"), ("a", "&")]
        )
    assert response.status == 302 and len(posted) == 1
    assert posted[0] == b"a=%DB%B1+%DB%B2&a=%26"


async def test_name_resolution_failure() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as exc:
            raise httpx.ConnectError("[Errno -2] Name or service not known") from exc

    async with fetcher_for(handler) as fetcher:
        with pytest.raises(NameResolution) as info:
            await fetcher.get("http://no-such-host.test/")
    assert not info.value.request_sent
    assert info.value.url == "http://no-such-host.test/"
    assert info.value.message("fa") and info.value.message("en")


async def test_tls_failure() -> None:
    import ssl

    def handler(request: httpx.Request) -> httpx.Response:
        try:
            raise ssl.SSLCertVerificationError("certificate verify failed")
        except ssl.SSLError as exc:
            raise httpx.ConnectError("certificate verify failed") from exc

    async with fetcher_for(handler) as fetcher:
        with pytest.raises(TLSFailure):
            await fetcher.get("https://site.test/")


async def test_refused_on_a_closed_loopback_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with Fetcher(trust_env=False, deadline=5) as fetcher:
        with pytest.raises(Refused) as info:
            await fetcher.get(f"http://127.0.0.1:{port}/")
    assert not isinstance(info.value, ConnectionLost) and not info.value.request_sent
    assert "اتصال" in info.value.message_fa


async def test_read_error_after_sending_is_connection_lost() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("Connection reset by peer")

    async with fetcher_for(handler) as fetcher:
        with pytest.raises(ConnectionLost) as info:
            await fetcher.post_form("http://site.test/p", [])
    assert info.value.request_sent


async def test_conditional_request_and_304() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(
            200,
            text="fresh",
            headers={"ETag": '"v1"', "Last-Modified": "Tue, 21 Jan 2025 23:49:00 GMT"},
        )

    validators = MemoryValidators()
    async with fetcher_for(handler, validators=validators) as fetcher:
        first = await fetcher.get("http://site.test/feed/", conditional=True)
        assert first.body == b"fresh" and not first.not_modified
        assert validators.get_validators("http://site.test/feed/") == (
            '"v1"',
            "Tue, 21 Jan 2025 23:49:00 GMT",
        )
        second = await fetcher.get("http://site.test/feed/", conditional=True)
        assert second.not_modified and second.status == 304 and second.body == b""
        third = await fetcher.get("http://site.test/feed/")  # not conditional: full answer
        assert third.body == b"fresh"


async def test_error_status_raises_unless_unchecked() -> None:
    async with fetcher_for(lambda request: httpx.Response(503, text="down")) as fetcher:
        with pytest.raises(HTTPStatus) as info:
            await fetcher.get("http://site.test/")
        assert info.value.status == 503 and "۵۰۳" in info.value.message_fa
        response = await fetcher.get("http://site.test/", check=False)
        assert response.status == 503 and response.body == b"down"


def test_bad_charsets_give_readable_text() -> None:
    from madara_tui.client.http import Response

    persian = "اخبار اصفهان"
    cases = [
        (persian.encode("cp1256"), "text/html; charset=utf-8"),  # mislabeled
        (persian.encode("utf-8"), "text/html; charset=x-no-such-charset"),
        (persian.encode("utf-8"), "text/html; charset=windows-1256"),  # mislabeled the other way
        (b'<meta charset="windows-1256">' + persian.encode("cp1256"), "text/html"),
    ]
    for body, content_type in cases:
        response = Response(
            "http://x.test/", 200, httpx.Headers({"content-type": content_type}), body
        )
        assert persian in response.text(), content_type
    broken = Response(
        "http://x.test/",
        200,
        httpx.Headers({"content-type": "text/html; charset=utf-8"}),
        b"\x81\xfe\xffok",
    )
    assert broken.text().endswith("ok")


async def test_identity_body_over_the_cap_is_too_large() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return stream(200, b"x" * 2000)

    async with fetcher_for(handler, max_bytes=1000) as fetcher:
        with pytest.raises(TooLarge):
            await fetcher.get("http://site.test/")


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
async def test_compressed_bodies_are_decoded(encoding: str) -> None:
    text = ("خبر تازه " * 5000).encode()
    if encoding == "gzip":
        body = gzip.compress(text[:100]) + gzip.compress(text[100:])  # two members
    elif encoding == "deflate":
        body = zlib.compress(text)
    else:
        deflater = zlib.compressobj(wbits=-15)
        body = deflater.compress(text) + deflater.flush()
    header = "deflate" if encoding == "raw-deflate" else encoding

    def handler(request: httpx.Request) -> httpx.Response:
        return stream(200, body, content_encoding=header)

    async with fetcher_for(handler) as fetcher:
        response = await fetcher.get("http://site.test/")
    assert response.body == text


async def test_truncated_gzip_is_connection_lost() -> None:
    body = gzip.compress(b"a" * 10000)[:-20]

    def handler(request: httpx.Request) -> httpx.Response:
        return stream(200, body, content_encoding="gzip")

    async with fetcher_for(handler) as fetcher:
        with pytest.raises(ConnectionLost):
            await fetcher.get("http://site.test/")


def _bomb(size: int) -> bytes:
    deflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(MiB)
    parts = [deflater.compress(block) for _ in range(size // MiB)]
    return b"".join(parts) + deflater.flush()


async def test_gzip_bomb_is_stopped_with_bounded_memory() -> None:
    bomb = _bomb(512 * MiB)  # ~500 KB on the wire
    assert len(bomb) < 1 * MiB

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(bomb), 16384):
            yield bomb[start : start + 16384]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers={"Content-Encoding": "gzip"})

    async with fetcher_for(handler, max_bytes=16 * MiB) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge):
                await fetcher.get("http://site.test/bomb")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 50 * MiB, f"peak {peak / MiB:.1f} MiB"


async def test_deadline_covers_a_slow_body() -> None:
    async def trickle() -> AsyncIterator[bytes]:
        yield b"<rss>"
        await asyncio.sleep(30)
        yield b"</rss>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=trickle())

    async with fetcher_for(handler, deadline=0.3) as fetcher:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(Timeout) as info:
            await fetcher.get("http://site.test/slow")
        assert loop.time() - started < 2.0
    assert info.value.request_sent


async def test_concurrency_is_limited() -> None:
    running = 0
    most = 0

    async def slow_body() -> AsyncIterator[bytes]:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.02)
        running -= 1
        yield b"ok"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=slow_body())

    async with fetcher_for(handler, max_concurrency=2) as fetcher:
        results = await asyncio.gather(*(fetcher.get(f"http://site.test/{n}") for n in range(8)))
    assert all(r.body == b"ok" for r in results)
    assert most == 2


async def test_non_http_url_is_refused_before_any_request() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200)

    async with fetcher_for(handler) as fetcher:
        for url in ("file:///etc/passwd", "ftp://x.test/", "not a url", ""):
            with pytest.raises(FetchError):
                await fetcher.get(url)
    assert calls == []
