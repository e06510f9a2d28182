"""Bad pictures through the real path (loopback server → the one HTTP client → the picture cache
→ the decoder): each is refused with a short reason, nothing crashes, memory stays bounded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from madara_tui.client.http import Fetcher
from madara_tui.pictures.cache import PictureCache
from madara_tui.pictures.decode import PictureRefused, decode_picture
from madara_tui.pictures.fetch import PictureLoader
from picture_samples import (
    SVG,
    big_bmp,
    huge_png,
    many_frames_gif,
    photo,
    picture_server,
    truncated_jpeg,
)

ROUTES = {
    "/huge.png": lambda: (200, "image/png", huge_png()),
    "/truncated.jpg": lambda: (200, "image/jpeg", truncated_jpeg()),
    "/frames.gif": lambda: (200, "image/gif", many_frames_gif()),
    "/drawing.svg": lambda: (200, "image/svg+xml", SVG),
    "/disguised.png": lambda: (200, "image/png", SVG),
    "/page.jpg": lambda: (200, "text/html; charset=utf-8", b"<html>not a picture</html>" * 99),
    "/big.bmp": lambda: (200, "image/bmp", big_bmp(50)),
    "/big-unsized.bmp": lambda: (200, "image/bmp", big_bmp(50)),
    "/good.jpg": lambda: (200, "image/jpeg", photo()),
}
EXPECTED = {
    "/huge.png": "pixels",
    "/truncated.jpg": "corrupt",
    "/drawing.svg": "svg",
    "/disguised.png": "svg",
    "/page.jpg": "type",
    "/big.bmp": "size",
    "/big-unsized.bmp": "size",
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with picture_server(ROUTES) as url:
        yield url


async def test_each_bad_picture_is_refused_with_its_reason(server: str, tmp_path: Path) -> None:
    async with Fetcher() as fetcher:
        loader = PictureLoader(PictureCache(tmp_path / "pictures"), fetcher)
        for path, reason in EXPECTED.items():
            with pytest.raises(PictureRefused) as refused:
                await loader.picture(server + path)
            assert refused.value.reason == reason, (path, refused.value)
        good = await loader.picture(server + "/good.jpg")
        assert (good.width, good.height) == (400, 300)


async def test_an_animation_shows_its_first_frame_only(server: str, tmp_path: Path) -> None:
    async with Fetcher() as fetcher:
        loader = PictureLoader(PictureCache(tmp_path / "pictures"), fetcher)
        picture = await loader.picture(server + "/frames.gif")
    assert (picture.width, picture.height) == (32, 32)
    assert set(zip(picture.rgb[0::3], picture.rgb[1::3], picture.rgb[2::3], strict=True)) == {
        (255, 0, 0)}


def test_the_size_is_checked_before_decoding() -> None:
    # Allowed by the header check, the same bytes decode; refused, nothing is decoded.
    data = photo((300, 200), "PNG")
    assert decode_picture(data, "image/png").source_size == (300, 200)
    with pytest.raises(PictureRefused) as refused:
        decode_picture(data, "image/png", max_pixels=300 * 200 - 1)
    assert refused.value.reason == "pixels"


async def test_refused_answers_are_never_cached(server: str, tmp_path: Path) -> None:
    folder = tmp_path / "pictures"
    async with Fetcher() as fetcher:
        loader = PictureLoader(PictureCache(folder), fetcher)
        for path in ("/page.jpg", "/drawing.svg", "/big.bmp"):
            with pytest.raises(PictureRefused):
                await loader.picture(server + path)
        await loader.picture(server + "/good.jpg")
    assert len(list(folder.glob("*.pic"))) == 1, "only the good picture was kept"


MEMORY_PROBE = textwrap.dedent("""
    import asyncio, json, sys
    from pathlib import Path
    from madara_tui.client.http import Fetcher
    from madara_tui.pictures.cache import PictureCache
    from madara_tui.pictures.decode import PictureRefused
    from madara_tui.pictures.fetch import PictureLoader
    import PIL.Image, PIL.PngImagePlugin, PIL.JpegImagePlugin, PIL.GifImagePlugin

    def rss() -> int:
        # The peak resident size of this process image (ru_maxrss would carry the parent's
        # over exec).
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
        raise RuntimeError("no VmHWM")

    async def main(base: str, paths: list[str], folder: str) -> dict[str, int]:
        peaks = {"start": rss()}
        async with Fetcher() as fetcher:
            loader = PictureLoader(PictureCache(Path(folder)), fetcher)
            for path in paths:
                try:
                    await loader.picture(base + path)
                except PictureRefused:
                    pass
                peaks[path] = rss()
        return peaks

    import tempfile
    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2:], tempfile.mkdtemp()))))
""")


@pytest.mark.slow
def test_peak_memory_stays_bounded(server: str) -> None:
    """Every bad picture in one process: the peak resident size (MB) after each is printed;
    none may grow the process by more than the body cap and one decoded picture allow."""
    paths = [*EXPECTED, "/frames.gif"]
    run = subprocess.run([sys.executable, "-c", MEMORY_PROBE, server, *paths],
                         capture_output=True, text=True, timeout=300, check=True)
    peaks = json.loads(run.stdout)
    print("\n[pictures] peak RSS (MB) after each:", peaks)
    growth = max(peaks.values()) - peaks["start"]
    # An 8 MB body cap plus one decoded frame: far below the 1.2 GB a 20,000² RGB needs.
    assert growth < 64, peaks
