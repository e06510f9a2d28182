"""Recovering from a damaged cache file, and the notices that tell the user about it."""

from __future__ import annotations

import functools
import sqlite3
import urllib.parse
from collections.abc import Callable
from contextlib import closing, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from madara_tui.messages import Lang
from madara_tui.store.db import Database, is_corruption

SIDE_FILES = ("-wal", "-shm")
"""SQLite's companions of a WAL database; they belong to the file and move with it."""


class QuickCheckFailed(sqlite3.DatabaseError):
    """`PRAGMA quick_check` found damage."""

    sqlite_errorcode = 11  # SQLITE_CORRUPT: treated like the corruption SQLite reports itself


class Notice(str):
    """Something the user should be told about the store.

    It is a `str` (the Persian text, the program's default language) so it prints as is, and it
    also carries a stable `key` and both translations.
    """

    key: str
    message_fa: str
    message_en: str

    def __new__(cls, key: str, message_fa: str, message_en: str) -> Notice:
        notice = super().__new__(cls, message_fa)
        notice.key = key
        notice.message_fa = message_fa
        notice.message_en = message_en
        return notice

    def message(self, lang: Lang) -> str:
        """The text in `lang` ("fa" or "en")."""
        return self.message_en if lang == "en" else self.message_fa


def read_only_uri(path: Path) -> str:
    """A `file:` URI opening `path` read-only."""
    return "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"


def quick_check(path: Path) -> None:
    """Raise `sqlite3.DatabaseError` when the database at `path` is damaged (missing is fine).

    The check runs on a read-only connection on purpose: closing a read-write connection makes
    SQLite checkpoint the `-wal` into the (damaged) file and delete it, whereas the damaged file
    must be moved aside exactly as found, together with its `-wal` and `-shm`.
    """
    if not path.exists():
        return
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as probe:
        verdict = [str(row[0]) for row in probe.execute("PRAGMA quick_check").fetchall()]
    if verdict != ["ok"]:
        raise QuickCheckFailed("; ".join(verdict[:3]))


def _clean_mark(path: Path) -> Path:
    return path.with_name(path.name + ".closed")


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size} {stat.st_mtime_ns}"


def mark_closed(path: Path) -> None:
    """Remember the file as this process closed it cleanly (its size and modification time)."""
    # Without the mark the next open simply checks the whole file, so a failure is harmless.
    with suppress(OSError):
        _clean_mark(path).write_text(_stamp(path), encoding="ascii")


def unchanged_since_closed(path: Path) -> bool:
    """True when the file is exactly as a clean close left it; the mark is used up either way,
    so a run that crashes before closing gets its file checked at the next open.

    `quick_check` reads the whole file (about 1 s for 100k cached articles), so it runs only when
    something may have happened to the file since: a crash, another writer, damage on disk.
    """
    mark = _clean_mark(path)
    try:
        recorded = mark.read_text(encoding="ascii")
        mark.unlink()
        return recorded == _stamp(path)
    except (OSError, ValueError):
        return False


def move_aside(path: Path) -> Path:
    """Rename the database and its `-wal`/`-shm` to `<name>.corrupt-<UTC time>[-wal|-shm]`.

    The side files go first: a stale `-wal` left next to a fresh database would be replayed
    into it. Returns the new path of the main file.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    serial = 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", *SIDE_FILES)):
        serial += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}.{serial}")
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.rename(f"{target}{suffix}")
    if path.exists():
        path.rename(target)
    return target


def cache_rebuilt(moved_to: Path) -> Notice:
    """The notice shown after a damaged cache was moved aside and rebuilt."""
    return Notice(
        "cache_rebuilt",
        "حافظهٔ خبرهای ذخیره‌شده آسیب دیده بود و از نو ساخته شد؛ نشانک‌ها، پیش‌نویس‌ها و "
        f"نظرهای در صف سالم‌اند. پروندهٔ آسیب‌دیده: {moved_to.name}",
        "The news cache was damaged and has been rebuilt; your bookmarks, drafts and queued "
        f"comments are intact. The damaged file was kept as {moved_to.name}",
    )


class _Rebuildable(Protocol):
    _cache: Database

    def _rebuild_after(self, failed: Database) -> None: ...


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=_Rebuildable)


def rebuilds_when_corrupt(method: Callable[Concatenate[S, P], R]
                          ) -> Callable[Concatenate[S, P], R]:
    """Wrap a cache method: when SQLite reports corruption during it (damage the check at open
    did not see, or that happened since), the cache is moved aside and rebuilt on the spot
    (`_rebuild_after`) and the method runs once more, on the new, empty cache. A second
    failure propagates."""

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        failed = self._cache
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
        self._rebuild_after(failed)
        return method(self, *args, **kwargs)

    return wrapper
