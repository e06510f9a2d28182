"""Crash safety and concurrency with real processes: SIGKILL in the middle of writes, and two
processes writing and reading the same data directory at once."""

from __future__ import annotations

import multiprocessing
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from madara_tui import locations
from madara_tui.models import CommentState
from madara_tui.store import Store

WORKER = Path(__file__).with_name("store_worker.py")
KILLS = 20
BATCH = 40


def start(*args: str) -> subprocess.Popen[str]:
    """Start the worker and wait until its store is open."""
    child = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        _, err = child.communicate(timeout=30)
        pytest.fail(f"worker did not start: {line!r} {err}")
    return child


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)


def check_integrity(data_dir: Path) -> None:
    with closing(sqlite3.connect(locations.cache_db(data_dir))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # FTS5's own consistency check raises when the index and its rows disagree.
        conn.execute("INSERT INTO article_fts (article_fts) VALUES ('integrity-check')")
    with closing(sqlite3.connect(locations.user_db(data_dir))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.mark.slow
def test_sigkill_during_upserts_never_leaves_half_a_batch(tmp_path: Path) -> None:
    rng = random.Random(4)
    killed_mid_run = 0
    for run in range(KILLS):
        child = start("upsert", str(tmp_path), str(run), "500", str(BATCH))
        try:
            child.wait(timeout=rng.uniform(0.05, 0.8))
        except subprocess.TimeoutExpired:
            killed_mid_run += 1
        kill(child)
        assert child.returncode in (0, -signal.SIGKILL)
    assert killed_mid_run == KILLS  # 500 batches never finish in 0.8 s: every kill hit work
    check_integrity(tmp_path)
    with Store(tmp_path) as store:
        assert store.notices == []
        sizes = {
            row["name"]: row["n"]
            for row in store._cache.query(
                "SELECT name, count(*) AS n FROM article_categories GROUP BY name"
            )
        }
        total = store.count_headlines()
        indexed = store._cache.query("SELECT count(*) FROM article_fts")[0][0]
    assert len(sizes) >= KILLS, "too few batches committed to prove anything"
    assert set(sizes.values()) == {BATCH}, sizes
    assert total == indexed == BATCH * len(sizes)


@pytest.mark.slow
@pytest.mark.parametrize(("stage", "expected"), [
    ("queued", CommentState.QUEUED),
    ("sending", CommentState.UNKNOWN),
])
def test_comment_killed_before_the_answer_is_stored_is_not_lost(
    tmp_path: Path, stage: str, expected: CommentState
) -> None:
    child = start("outbox", str(tmp_path), stage)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "done"
    kill(child)
    check_integrity(tmp_path)
    with Store(tmp_path) as store:
        assert store.recovered == (1 if stage == "sending" else 0)
        (item,) = store.outbox()
        assert item.state is expected
        assert item.draft.text == "این نظر نباید گم شود."
        assert store.draft(item.draft.source, item.draft.article_id) is None
        assert item.attempts == (1 if stage == "sending" else 0)


@pytest.mark.slow
def test_two_processes_writing_and_reading_never_see_a_locked_database(tmp_path: Path) -> None:
    with Store(tmp_path):
        pass
    children = [start("hammer", str(tmp_path), "4", role)
                for role in ("writer", "writer", "reader", "reader")]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert "locked" not in err
    check_integrity(tmp_path)
    with Store(tmp_path) as store:
        assert store.count_headlines() == 80
        assert store.draft("http://127.0.0.1:8080", 1) is not None


def _open_at_once(data_dir: str, gate: Any, errors: Any) -> None:
    gate.wait()
    try:
        Store(Path(data_dir)).close()
    except Exception as exc:  # reported to the parent, which fails the test with it
        errors.put(repr(exc))


def test_programs_started_together_on_a_new_data_directory_all_open_it(tmp_path: Path) -> None:
    # The first open of a data directory switches both files to WAL; SQLite refuses that at
    # once ("database is locked") to a second process doing the same, busy timeout or not.
    forked = multiprocessing.get_context("fork")
    errors = forked.Queue()
    for round_ in range(40):
        gate = forked.Barrier(4)
        children = [forked.Process(target=_open_at_once, args=(str(tmp_path / str(round_)), gate,
                                                                errors)) for _ in range(4)]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=60)
            assert child.exitcode == 0
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
