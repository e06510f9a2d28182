"""Pictures on the command line: `read` names them in brackets (never a protocol), `read
--json` lists URL, alt text and size; the featured image comes from REST `_embed`; with
`prefetch_images` a refresh fills the picture cache for offline reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_env import Cli

from madara_tui.demo import DemoSite

STREET_THEATRE = "331217"
ALT = "اجرای یک گروه نمایش خیابانی در پیاده‌راه چهارباغ"


def test_read_prints_the_picture_as_a_bracketed_line(fetched: Cli) -> None:
    result = fetched("read", STREET_THEATRE)
    assert result.status == 0, result.err
    assert f"[تصویر: {ALT}]" in result.out.splitlines()
    assert "\x1b" not in result.out
    english = fetched("read", STREET_THEATRE, options=("--lang", "en"))
    assert f"[image: {ALT}]" in english.out.splitlines()


def test_read_json_lists_each_picture_with_its_size(fetched: Cli, site: DemoSite) -> None:
    article = fetched("read", STREET_THEATRE, "--json").json()["article"]
    url = f"{site.url}/wp-content/uploads/2026/11/street-theatre.jpg"
    assert article["images"] == [{"url": url, "alt": ALT,
                                  "size": {"width": 480, "height": 270}, "featured": True}]
    assert article["featured_image"]["url"] == url


def test_read_json_offline_has_no_size_for_an_uncached_picture(fetched: Cli) -> None:
    article = fetched("read", STREET_THEATRE, "--json", options=("--offline",)).json()
    (image,) = article["article"]["images"]
    assert image["size"] is None and image["alt"] == ALT


def test_prefetch_fills_the_picture_cache_on_refresh(cli: Cli, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "prefetch.toml"
    config.write_text("prefetch_images = true\nimages_cache_mb = 5\n", encoding="utf-8")
    result = cli("fetch", options=("--config", str(config)))
    assert result.status == 0, result.err
    stored = list((cli.data_dir / "pictures").glob("*.pic"))
    assert len(stored) == 3, "the pictured ones among the newest 30 (PREFETCH_NEWEST)"
    offline = cli("read", STREET_THEATRE, "--json", options=("--offline",)).json()
    assert offline["article"]["images"][0]["size"] == {"width": 480, "height": 270}


def test_without_prefetch_a_refresh_fetches_no_picture(cli: Cli) -> None:
    assert cli("fetch").status == 0
    folder = cli.data_dir / "pictures"
    assert not folder.exists() or not list(folder.iterdir())
