"""SQLite plumbing shared by the cache and the user database.

One connection per database, shared by the UI's worker threads (hence `check_same_thread=False`
and a lock around every use). Python's implicit transactions are off (`isolation_level=None`):
every write transaction is opened explicitly with `BEGIN IMMEDIATE`, because a deferred `BEGIN`
that reads and then writes after another process committed fails at once with "database is
locked", whatever the busy timeout.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000
"""How long a statement waits for another process's lock before giving up."""

_CORRUPTION_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB (primary codes)


class StoreError(Exception):
    """The store cannot be used (e.g. a database written by a newer version of the program)."""


def is_corruption(exc: BaseException) -> bool:
    """True when `exc` says the database file itself is damaged or not a database at all.

    A busy or locked database is *not* corruption: it raises `OperationalError`, which is a
    subclass of `DatabaseError`, so the error code decides rather than the class.
    """
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in _CORRUPTION_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode, waiting for other processes doing the same.

    Switching a new file to WAL takes an exclusive lock, and SQLite answers "database is
    locked" at once, without calling the busy handler, when another process holds the file
    at that moment (two programs started on a fresh data directory). So the wait is ours:
    retry until the busy timeout has passed.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
    return "locked" in str(exc) or "busy" in str(exc)


class Database:
    """One SQLite connection, its lock, and explicit transactions."""

    def __init__(self, path: Path | str, *, synchronous: str, uri: bool = False) -> None:
        self.path = Path(path)
        if not str(path).startswith("file:") and self.path.is_dir():
            # SQLite says only "disk I/O error" (or "unable to open") for a directory.
            raise StoreError(f"{self.path} is a directory, not a database file")
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            uri=uri,
        )
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _use_wal(self.conn)
            self.conn.execute(f"PRAGMA synchronous = {synchronous}")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self.lock:
            self.conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A `BEGIN IMMEDIATE` transaction: committed on success, rolled back on any error."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                # SQLite has already rolled back after some errors (SQLITE_FULL: a full disk);
                # a second ROLLBACK would raise and hide the real error.
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                # A commit that fails (the disk filled) must not leave the transaction open,
                # or every later write fails with "cannot start a transaction within one".
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction, so that several queries see one snapshot."""
        with self.lock:
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Run one read statement and return all its rows."""
        with self.lock:
            rows: list[sqlite3.Row] = self.conn.execute(sql, params).fetchall()
            return rows

    def query_one(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Row | None:
        """Run one read statement and return its first row, or None."""
        rows = self.query(sql, params)
        return rows[0] if rows else None


def migrate(db: Database, migrations: Sequence[Sequence[str]], *, name: str) -> None:
    """Bring the schema to `len(migrations)`, all pending steps in one transaction.

    The version lives in `PRAGMA user_version`; step `n` (0-based) moves it from `n` to `n + 1`.
    """
    with db.write() as conn:
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if current > len(migrations):
            raise StoreError(
                f"{name} schema version {current} is newer than this program knows "
                f"({len(migrations)}); upgrade madara-tui"
            )
        for step in migrations[current:]:
            for statement in step:
                conn.execute(statement)
        if current != len(migrations):
            conn.execute(f"PRAGMA user_version = {len(migrations)}")
