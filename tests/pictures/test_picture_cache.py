"""The picture cache on disk: LRU eviction within the budget, and served offline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from madara_tui.client.http import Fetcher
from madara_tui.pictures.cache import PictureCache
from madara_tui.pictures.decode import PictureRefused
from madara_tui.pictures.fetch import PictureLoader
from picture_samples import photo, picture_server


def test_least_recently_used_pictures_go_first(tmp_path: Path) -> None:
    cache = PictureCache(tmp_path, budget=3 * 1100)
    for n in range(3):
        cache.put(f"http://x/{n}", "image/png", bytes([n]) * 1000)
        os.utime(cache._path(f"http://x/{n}"), ns=(n * 10**9, n * 10**9))
    assert cache.get("http://x/0") is not None  # used now: the newest
    cache.put("http://x/3", "image/png", b"3" * 1000)
    assert cache.get("http://x/1") is None, "the least recently used went"
    assert cache.get("http://x/0") == ("image/png", bytes([0]) * 1000)
    assert cache.get("http://x/2") is not None and cache.get("http://x/3") is not None
    assert cache.size() <= cache.budget


def test_names_come_from_a_hash_and_a_damaged_file_is_dropped(tmp_path: Path) -> None:
    cache = PictureCache(tmp_path)
    url = "http://x/../../etc/passwd?\x1b]0;t\x07"
    cache.put(url, "image/png", b"body")
    (only,) = tmp_path.iterdir()
    assert only.name.endswith(".pic") and len(only.stem) == 64 and only.stem.isalnum()
    only.write_bytes(b"no newline at all")
    assert cache.get(url) is None and not only.exists()


async def test_a_fetched_picture_is_served_offline_afterwards(tmp_path: Path) -> None:
    body = photo((64, 48))
    with picture_server({"/p.jpg": lambda: (200, "image/jpeg", body)}) as server:
        async with Fetcher() as fetcher:
            online = PictureLoader(PictureCache(tmp_path / "pictures"), fetcher)
            first = await online.picture(server + "/p.jpg")
    offline = PictureLoader(PictureCache(tmp_path / "pictures"), None)
    again = await offline.picture(server + "/p.jpg")
    assert (again.width, again.height, again.rgb) == (first.width, first.height, first.rgb)
    with pytest.raises(PictureRefused) as refused:
        await offline.picture(server + "/never-fetched.jpg")
    assert refused.value.reason == "offline"
