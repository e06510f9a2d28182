"""`sources import` / `export`, and imported feeds taking part in `fetch`."""

from __future__ import annotations

from pathlib import Path

from cli_env import Cli

from madara_tui.demo import DemoSite


def _opml(site: DemoSite) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>خبرخوان من</title></head>
  <body>
    <outline text="اصفهان">
      <outline type="rss" text="اخبار اصفهان" xmlUrl="{site.url}/category/isfahan/feed/"/>
      <outline type="rss" text="ورزش" xmlUrl="{site.url}/category/sports/feed/"/>
    </outline>
    <outline type="rss" text="پیوند خطرناک" xmlUrl="javascript:alert(1)"/>
  </body>
</opml>
"""


def test_import_persists_export_lists_and_fetch_refreshes(cli: Cli, site: DemoSite,
                                                          tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(_opml(site), encoding="utf-8")
    first = cli("sources", "import", str(opml))
    assert first.status == 0 and "۲ منبع افزوده شد" in first.out
    again = cli("sources", "import", str(opml), options=("--lang", "en"))
    assert again.status == 0 and "0 source(s) added (2 already present)" in again.out
    exported = cli("sources", "export")
    assert exported.status == 0
    assert exported.out.startswith("<?xml") and "<opml" in exported.out
    feeds = [f"{site.url}/category/{slug}/feed/" for slug in ("isfahan", "sports")]
    for url in (site.url, *feeds):
        assert f'"{url}' in exported.out
    assert "javascript:" not in exported.out
    fetched = cli("fetch")
    assert fetched.status == 0
    assert fetched.out.count(site.url) == 3  # the site and both imported feeds


def test_import_unreadable_file_exits_1(cli: Cli, tmp_path: Path) -> None:
    missing = cli("sources", "import", str(tmp_path / "missing.opml"))
    assert missing.status == 1 and "OPML" in missing.err
    garbage = tmp_path / "garbage.opml"
    garbage.write_bytes(b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><opml>&a;</opml>")
    refused = cli("sources", "import", str(garbage))
    assert refused.status == 1 and "OPML" in refused.err
