"""Hostile and broken pictures, made by code for the tests, and a loopback server for them."""

from __future__ import annotations

import contextlib
import io
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MiB = 1024 * 1024


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid 1-bit PNG of `width` × `height` pixels, all black: a few dozen KB on disk,
    1.2 GB as RGB. Built row by row, never held whole in memory."""
    squeeze = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))


def photo(size: tuple[int, int] = (400, 300), kind: str = "JPEG") -> bytes:
    """A small gradient picture."""
    from PIL import Image

    image = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A JPEG cut off in the middle of its scan."""
    whole = photo((640, 480))
    return whole[: len(whole) // 2]


def many_frames_gif(frames: int = 1000) -> bytes:
    """An animated GIF of `frames` frames; the first is red, the others blue."""
    from PIL import Image

    first = Image.new("RGB", (32, 32), (255, 0, 0))
    rest = [Image.new("RGB", (32, 32), (0, 0, 255 - i % 2)) for i in range(frames - 1)]
    out = io.BytesIO()
    first.save(out, format="GIF", save_all=True, append_images=rest, duration=20, loop=0)
    return out.getvalue()


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="9000" '
       b'height="9000"><rect width="9000" height="9000" fill="red"/></svg>')


def big_bmp(megabytes: int = 50) -> bytes:
    """A valid 24-bit BMP of about `megabytes` MB (a grey square)."""
    side = int((megabytes * MiB / 3) ** 0.5) // 4 * 4
    row = b"\x80" * (side * 3)
    header_size = 54
    size = header_size + len(row) * side
    header = (b"BM" + struct.pack("<IHHI", size, 0, 0, header_size)
              + struct.pack("<IiiHHIIiiII", 40, side, side, 1, 24, 0, len(row) * side,
                            2835, 2835, 0, 0))
    return header + row * side


Route = tuple[int, str, bytes]


@contextmanager
def picture_server(routes: dict[str, Callable[[], Route]]) -> Iterator[str]:
    """Serve `routes` (path → (status, content type, body)) on loopback; yields the base URL."""
    cache: dict[str, Route] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            make = routes.get(self.path)
            if make is None:
                self.send_error(404)
                return
            if self.path not in cache:
                cache[self.path] = make()
            status, kind, body = cache[self.path]
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if "unsized" not in self.path:  # else the body ends when the connection closes
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may stop reading: that is the point of the size cap.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
