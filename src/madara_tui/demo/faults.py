"""Fault modes: the ways a real site (or the network before it) misbehaves, switchable per run.

Each mode's behaviour, as the server applies it to matching requests:

- ``slow``: waits `slow_seconds` (2 s) and then answers normally.
- ``error500``: answers 500 with a small HTML error page.
- ``reset``: sends the status line, headers (true Content-Length) and half the body, then closes
  the socket with SO_LINGER 0 so the peer sees a TCP reset.
- ``truncate``: announces a Content-Length 1000 bytes larger than the body, sends the body, closes.
- ``gzip_bomb``: `Content-Encoding: gzip`, about 1 MB on the wire that inflates to 1 GiB of zeros.
- ``redirect_loop``: 302 between `<path>?loop=1` and `<path>?loop=2` forever.
- ``block_wp_json``: `/wp-json/...` and `?rest_route=` answer 403 with a firewall's HTML page;
  feeds and pages still work.
- ``stall``: accepts the request, sends nothing for `stall_seconds` (15 s), then closes.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

FAULTS = frozenset({
    "slow", "error500", "reset", "truncate", "gzip_bomb", "redirect_loop", "block_wp_json",
    "stall",
})
BOMB_CHUNK = 1 << 20
BOMB_CHUNKS = 1024
BOMB_SIZE = BOMB_CHUNK * BOMB_CHUNKS
"""What the gzip bomb inflates to: 1 GiB."""


@dataclass(frozen=True, slots=True)
class Fault:
    """An active fault: its name and, optionally, the only path prefix it applies to."""

    name: str
    path_prefix: str | None = None

    def applies(self, path: str) -> bool:
        """Whether a request for `path` (with its query string) is affected."""
        return self.path_prefix is None or path.startswith(self.path_prefix)


class _Bomb:
    """The deflate block that inflates to 1 MiB of zeros, and the CRC of the whole 1 GiB,
    computed once on first use (never at import)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parts: tuple[bytes, int] | None = None

    def parts(self) -> tuple[bytes, int]:
        with self._lock:
            if self._parts is None:
                zeros = bytes(BOMB_CHUNK)
                deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
                # A full flush resets the dictionary, so the block can be repeated verbatim.
                block = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
                crc = 0
                for _ in range(BOMB_CHUNKS):
                    crc = zlib.crc32(zeros, crc)
                self._parts = (block, crc)
            return self._parts


_BOMB = _Bomb()


def gzip_bomb() -> Iterator[bytes]:
    """The bomb as a gzip member, in pieces: header, 1024 repeated blocks, final block, trailer."""
    block, crc = _BOMB.parts()
    yield b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    for _ in range(BOMB_CHUNKS):
        yield block
    yield b"\x03\x00"  # an empty final block with fixed Huffman codes
    yield struct.pack("<II", crc, BOMB_SIZE & 0xFFFFFFFF)


def gzip_bomb_length() -> int:
    """The bomb's size on the wire (its Content-Length)."""
    block, _ = _BOMB.parts()
    return 10 + len(block) * BOMB_CHUNKS + 2 + 8


FIREWALL_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n<body>\n"
    "<center><h1>403 Forbidden</h1></center>\n<hr><center>Request blocked by the web application "
    "firewall.</center>\n</body>\n</html>\n"
)
ERROR_500_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body>\n"
    "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error.</p>\n"
    "</body>\n</html>\n"
)
