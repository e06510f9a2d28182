"""`fetch` and `list` against the demo site."""

from __future__ import annotations

import contextlib
import io
from datetime import datetime

from cli_env import Cli, free_port

from madara_tui.cli import build_parser
from madara_tui.demo import DemoSite
from madara_tui.store import Store

EN = ("--lang", "en")


def test_fetch_prints_a_summary_and_then_not_modified(cli: Cli, site: DemoSite) -> None:
    first = cli("fetch")
    assert first.status == 0, first.err
    assert site.url in first.out and "۴۴ تازه" in first.out.replace(str(len(site.content.by_id)),
                                                                  "۴۴")
    second = cli("fetch", options=EN)
    assert second.status == 0, second.err
    # REST answers carry no ETag (as WordPress's): `modified_after` tells nothing changed.
    assert f"{site.url}: not modified" in second.out


def test_fetch_site_down_exits_non_zero_with_a_clear_message(cli: Cli) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    result = cli("fetch", site=down)
    assert result.status == 1
    assert "سایت در دسترس نیست" in result.err and "هیچ منبعی به‌روز نشد" in result.err
    english = cli("fetch", site=down, options=EN)
    assert english.status == 1
    assert "connection refused" in english.err and "no source could be refreshed" in english.err


def test_fetch_offline_fetches_nothing_and_says_so(cli: Cli, site: DemoSite) -> None:
    result = cli("fetch", options=("--offline", *EN))
    assert result.status == 1
    assert "offline" in result.err
    assert not site.requests


def test_list_json_is_logical_utf8_with_offsets(fetched: Cli, site: DemoSite) -> None:
    result = fetched("list", "--limit", "5", "--json")
    assert result.status == 0
    assert "\\u" not in result.out  # UTF-8, not escapes
    data = result.json()
    assert data["version"] == 1 and len(data["headlines"]) == 5
    row = data["headlines"][0]
    assert set(row) == {"id", "source", "title", "category", "published", "read", "bookmarked"}
    assert row["title"] == site.content.by_id[row["id"]].title  # logical order, untouched
    assert datetime.fromisoformat(row["published"]).utcoffset() is not None
    dates = [datetime.fromisoformat(r["published"]) for r in data["headlines"]]
    assert dates == sorted(dates, reverse=True)


def test_list_human_rows_and_filters(fetched: Cli, site: DemoSite) -> None:
    result = fetched("list", "--limit", "3")
    assert result.status == 0 and len(result.out.splitlines()) == 3
    by_slug = fetched("list", "--category", "isfahan", "--json").json()["headlines"]
    assert by_slug and all(h["category"] == "اصفهان" for h in by_slug)
    # Arabic yeh in the name still finds «شهری».
    by_name = fetched("list", "--category", "شهري", "--json", "--limit", "100").json()
    assert any(h["category"] == "شهری" for h in by_name["headlines"])
    assert fetched("read", "331201").status == 0
    unread = fetched("list", "--unread", "--json", "--limit", "1000").json()["headlines"]
    assert 331201 not in {h["id"] for h in unread}
    assert len(unread) == len(site.content.by_id) - 1


def test_list_marks_unread_and_bookmarked_rows_in_persian_digits(fetched: Cli) -> None:
    newest = fetched("list", "--limit", "2", "--json").json()["headlines"]
    first, second = newest[0], newest[1]
    with Store(fetched.data_dir) as store:
        store.set_bookmark(first["source"], first["id"], True)
        store.mark_read(second["source"], second["id"], True)
    rows = fetched("list", "--limit", "2").out.splitlines()
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    assert rows[0].startswith("●★ " + str(first["id"]).translate(digits) + "  ")
    assert rows[1].startswith("   " + str(second["id"]).translate(digits) + "  ")
    english = fetched("list", "--limit", "1", options=EN).out
    assert english.startswith(f"●★ {first['id']}  ")


def test_help_says_no_command_opens_the_reader(cli: Cli) -> None:
    text = io.StringIO()
    with contextlib.redirect_stdout(text), contextlib.suppress(SystemExit):
        build_parser().parse_args(["--help"])
    help_text = text.getvalue()
    assert "usage: madara-tui [options] [COMMAND ...]" in help_text
    assert "With no command, it opens the reader" in " ".join(help_text.split())
    assert build_parser().parse_args([]).command is None


def test_list_unknown_category_exits_3(fetched: Cli) -> None:
    result = fetched("list", "--category", "no-such-category")
    assert result.status == 3 and "no-such-category" in result.err
