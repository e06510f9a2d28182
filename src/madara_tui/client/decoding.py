"""Turning raw response bytes into a body and text, with bounded memory.

`BoundedDecoder` inflates gzip/deflate itself, a small step per call, so a compressed body can't
grow past the cap in memory before the size check sees it. `decode_body` picks a charset the way
browsers do, falling through mislabeled declarations, and never raises.
"""

from __future__ import annotations

import codecs
import re
import zlib

from madara_tui.client.errors import ConnectionLost, ParseFailure, TooLarge

_DECODE_STEP = 64 * 1024
"""Most bytes one decompress call may produce: bounds memory between two size checks."""

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_WIDE = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "big5"})


def _charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_body(body: bytes, content_type: str = "") -> str:
    """Decode `body` to text: BOM, then the HTTP charset, then an XML/HTML declaration, then UTF-8.

    A declared charset that doesn't fit the bytes (Persian sites mislabel windows-1256 and UTF-8)
    falls through to the next candidate; the last resort replaces bad bytes, so this never raises.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace")
    head = body[:2048]
    declared = _charset_of(content_type)
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    inline = match.group(1).decode("ascii") if match else None
    candidates = [c for c in (_known(declared), _known(inline), "utf-8", "cp1256") if c]
    if candidates[0] not in _WIDE and not body.isascii():
        # Bytes that are valid UTF-8 with non-ASCII in them are UTF-8 whatever the label says:
        # legacy single-byte text almost never forms valid multi-byte sequences by chance.
        candidates.insert(0, "utf-8")
    for name in dict.fromkeys(candidates):
        try:
            return body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode(candidates[0], errors="replace")


class BoundedDecoder:
    """Decodes a raw body stream (identity, gzip or deflate) and stops once it passes `limit`."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        self._limit = limit
        self._url = url
        self._out = bytearray()
        self._encoding = encoding
        self._seen_input = False
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise ParseFailure(url, f"unsupported Content-Encoding {encoding!r}", request_sent=True)

    def _append(self, data: bytes) -> None:
        if len(self._out) + len(data) > self._limit:
            raise TooLarge(self._url, f"body over {self._limit} bytes", request_sent=True)
        self._out += data

    def feed(self, data: bytes) -> None:
        """Add raw bytes; raises `TooLarge` as soon as the decoded size passes the limit."""
        if self._zlib is None:
            self._append(data)
            return
        while data:
            if self._zlib.eof:
                data = self._next_member(self._zlib.unused_data + data)
                continue
            room = min(_DECODE_STEP, self._limit - len(self._out) + 1)
            try:
                out = self._zlib.decompress(data, room)
            except zlib.error as exc:
                if self._encoding == "deflate" and not self._seen_input:
                    # Some servers send raw deflate without the zlib header.
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._seen_input = True
                    continue
                detail = f"bad compressed body: {exc}"
                raise ParseFailure(self._url, detail, request_sent=True) from exc
            self._seen_input = True
            self._append(out)
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                data = self._next_member(self._zlib.unused_data + data)

    def _next_member(self, rest: bytes) -> bytes:
        """After a gzip member ends: start the next member, or drop trailing padding."""
        if self._encoding in ("gzip", "x-gzip") and rest.strip(b"\0"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            return rest
        return b""

    def finish(self) -> bytes:
        """The decoded body; `ConnectionLost` when a compressed stream stopped short."""
        if self._zlib is not None and self._seen_input and not self._zlib.eof:
            raise ConnectionLost(self._url, "compressed body cut short", request_sent=True)
        return bytes(self._out)


__all__ = ["BoundedDecoder", "decode_body"]
