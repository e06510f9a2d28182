"""Running the real command line against a data directory, and looking inside its databases."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from madara_tui import locations

FAULTS = ("slow", "error500", "reset", "truncate", "gzip_bomb", "redirect_loop",
          "block_wp_json", "stall")
"""Every fault mode of the demo site."""
WORKING_FAULTS = frozenset({"slow", "block_wp_json"})
"""Faults the program works through (late answers; REST blocked → RSS)."""


def argv(site: str | None, data_dir: Path, *args: str, config: Path | None = None) -> list[str]:
    """`python -m madara_tui` with a private config (next to the data dir unless given) and
    data dir (and `--site` when given)."""
    config = config or data_dir.parent / "config.toml"
    if not config.exists():
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text("", encoding="utf-8")
    site_args = ["--site", site] if site else []
    return [sys.executable, "-m", "madara_tui", *site_args, "--data-dir", str(data_dir),
            "--config", str(config), *args]


def cli(site: str | None, data_dir: Path, *args: str, stdin: str = "",
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run one command to the end; its output as text."""
    return subprocess.run(argv(site, data_dir, *args), input=stdin, capture_output=True,
                          text=True, timeout=timeout, check=False)


def forget_validators(data_dir: Path) -> None:
    """Drop the cache's ETag/Last-Modified memory, so the next refresh gets full answers (a
    fault would otherwise hide behind a 304)."""
    with closing(sqlite3.connect(locations.cache_db(data_dir))) as conn, conn:
        conn.execute("DELETE FROM validators")


def integrity(path: Path) -> str:
    """`PRAGMA integrity_check` of a database file ("ok" when sound)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))


def count(path: Path, sql: str) -> int:
    """The single integer `sql` gives on the database at `path` (read-only)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        value = conn.execute(sql).fetchone()[0]
    return int(value)
