"""Each fault mode, observed from a plain client."""

from __future__ import annotations

import socket
import struct
import time
import zlib

import httpx
import pytest

from madara_tui.demo import DemoSite
from madara_tui.demo.faults import BOMB_SIZE

POSTS = "/wp-json/wp/v2/posts"


def test_unknown_fault_is_refused(site: DemoSite) -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        site.set_fault("meteor")


def test_slow_answers_late_but_answers(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("slow")  # 0.5 s in the fixture
    with pytest.raises(httpx.ReadTimeout):
        http.get(site.url + POSTS, timeout=0.1)
    assert http.get(site.url + POSTS, timeout=5).status_code == 200


def test_error500(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("error500")
    assert http.get(site.url + POSTS).status_code == 500
    site.set_fault(None)
    assert http.get(site.url + POSTS).status_code == 200


def test_reset_mid_body(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("reset")
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        http.get(site.url + "/feed/", headers={"Accept-Encoding": "identity"})
    # At the socket level: headers and part of the body arrive, then a TCP reset.
    host, port = site.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET /feed/ HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        with pytest.raises(ConnectionResetError):
            while chunk := sock.recv(65536):
                received += chunk
            raise AssertionError("clean close instead of a reset")
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length")))
    assert 0 < len(body) < length


def test_truncate(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("truncate")
    with pytest.raises(httpx.RemoteProtocolError):
        http.get(site.url + POSTS)


def test_gzip_bomb_is_small_on_the_wire(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("gzip_bomb")
    with http.stream("GET", site.url + POSTS) as response:
        assert response.headers["content-encoding"] == "gzip"
        wire = int(response.headers["content-length"])
        assert wire < 2 * 1024 * 1024
        raw = b"".join(response.iter_raw())
    assert len(raw) == wire
    assert struct.unpack("<I", raw[-4:])[0] == BOMB_SIZE & 0xFFFFFFFF  # gzip ISIZE: 1 GiB
    # Inflate only the first 64 MiB, in bounded steps: all zeros.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    produced, pending = 0, raw
    while produced < 64 * 1024 * 1024:
        out = inflater.decompress(pending, 1 << 20)
        pending = inflater.unconsumed_tail
        assert out.count(0) == len(out)
        produced += len(out)
    assert produced >= 64 * 1024 * 1024


def test_redirect_loop(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("redirect_loop")
    first = http.get(site.url + POSTS)
    second = http.get(first.headers["location"])
    third = http.get(second.headers["location"])
    assert first.status_code == second.status_code == 302
    assert third.headers["location"] == first.headers["location"]
    with httpx.Client(follow_redirects=True, max_redirects=5) as client, pytest.raises(
            httpx.TooManyRedirects):
        client.get(site.url + POSTS)


def test_block_wp_json_keeps_feeds_and_pages(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("block_wp_json")
    blocked = http.get(site.url + POSTS)
    assert blocked.status_code == 403 and blocked.headers["content-type"].startswith("text/html")
    assert http.get(site.url + "/", params={"rest_route": "/wp/v2/posts"}).status_code == 403
    assert http.get(site.url + "/feed/").status_code == 200
    assert http.get(site.url + "/2025/11/zayanderud-bridge-lighting/").status_code == 200


def test_stall_hits_the_client_deadline(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("stall")  # 3 s in the fixture
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        http.get(site.url + POSTS, timeout=0.3)
    assert time.monotonic() - started < 2.0  # explicit deadline: the client gave up, not us
    site.set_fault(None)
    assert http.get(site.url + POSTS, timeout=5).status_code == 200


def test_fault_limited_to_a_path_prefix(site: DemoSite, http: httpx.Client) -> None:
    site.set_fault("reset", path_prefix="/wp-comments-post.php")
    assert http.get(site.url + POSTS).status_code == 200
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        http.post(site.url + "/wp-comments-post.php", data={"comment_post_ID": "900101"})
    assert site.fault is not None and site.fault.name == "reset"


def test_stop_does_not_wait_for_a_stalled_connection(site: DemoSite) -> None:
    site.stall_seconds = 30
    site.set_fault("stall")
    host, port = site.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
        started = time.monotonic()
        site.stop()
        assert time.monotonic() - started < 5
        assert sock.recv(10) == b""  # closed without an answer
