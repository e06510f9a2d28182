"""The data directory going wrong: a corrupted cache, a data dir that can't be written, a full
disk, two programs refreshing at once. Each gives a clear message (never a traceback or
"database is locked"), and the user's own data — drafts, bookmarks, the outbox — stays intact.

Read-only data dir: the tests run as root in CI, where `chmod` doesn't stop writes. What always
works is a path that can't be a directory (its parent is a regular file, or the data dir itself
is one): creating or opening the databases fails exactly as on a read-only disk. When mounting
is allowed, a read-only bind mount over a filled data dir is tried too (skipped otherwise).

Disk full: a 1 MB-ish tmpfs when mounting is allowed; everywhere, `RLIMIT_FSIZE` (files can't
grow past a size: SQLite's writes fail as on a full disk).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import argv, cli, forget_validators, integrity

from madara_tui import locations
from madara_tui.demo import DemoSite
from madara_tui.demo.generate import generate_content
from madara_tui.models import CommentDraft
from madara_tui.store import Store

DRAFT = "پیش‌نویسی که نباید گم شود"
QUEUED = "دیدگاهی در صف ارسال"


@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    with DemoSite(flood_interval=0) as demo:
        yield demo


@pytest.fixture(scope="module")
def big_site() -> Iterator[DemoSite]:
    with DemoSite(generate_content(600, seed=11), flood_interval=0) as demo:
        yield demo


def _prepared(site: DemoSite, data: Path) -> tuple[int, int]:
    """Fetch into `data` and add the user's own words; returns (first article, second)."""
    done = cli(site.url, data, "fetch")
    assert done.returncode == 0, done.stderr
    with Store(data) as store:
        first, second = (h.id for h in store.headlines(limit=2))
        store.save_draft(CommentDraft(site.url, first, "نگار", "negar@example.com", "", DRAFT))
        store.set_bookmark(site.url, second, True)
        store.enqueue(CommentDraft(site.url, second, "نگار", "negar@example.com", "", QUEUED))
    return first, second


def _user_data_intact(site: DemoSite, data: Path, first: int, second: int) -> None:
    assert integrity(locations.user_db(data)) == "ok"
    with Store(data) as store:
        draft = store.draft(site.url, first)
        assert draft is not None and draft.text == DRAFT
        assert store.is_bookmarked(site.url, second)
        assert [i.draft.text for i in store.outbox()] == [QUEUED]


def _clear(result: subprocess.CompletedProcess[str]) -> None:
    text = result.stderr + result.stdout
    assert "Traceback" not in text, text[-3000:]
    assert "locked" not in text.lower(), text
    if result.returncode != 0:
        assert result.stderr.strip(), "a failure must say why"


def _digest(path: Path) -> dict[str, str]:
    # Every file under the data dir, sub-folders included (the outbox's owner locks live in one).
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def test_corrupted_cache_is_rebuilt_and_user_data_kept(site: DemoSite, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, second = _prepared(site, data)
    cache = locations.cache_db(data)
    size = cache.stat().st_size
    with cache.open("r+b") as f:  # scribble over the middle pages, keep the header
        for offset in range(4096, size, max(size // 8, 4096)):
            f.seek(offset)
            f.write(os.urandom(2048))
    listed = cli(site.url, data, "list")
    _clear(listed)
    assert listed.returncode == 0
    assert listed.stderr.strip(), "the user is told the cache was rebuilt"
    fetched = cli(site.url, data, "fetch")
    _clear(fetched)
    assert fetched.returncode == 0
    assert integrity(cache) == "ok"
    _user_data_intact(site, data, first, second)


@pytest.mark.parametrize("command", [["list"], ["fetch"], ["read", "331201"], []],
                         ids=["list", "fetch", "read", "reader"])
@pytest.mark.parametrize("shape", ["parent_is_a_file", "data_dir_is_a_file"])
def test_a_data_dir_that_cannot_be_written(site: DemoSite, tmp_path: Path, shape: str,
                                           command: list[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory", encoding="utf-8")
    data = blocker / "data" if shape == "parent_is_a_file" else blocker
    config = tmp_path / "config.toml"
    done = subprocess.run(argv(site.url, data, *command, config=config), capture_output=True,
                          text=True,
                          timeout=60, check=False, stdin=subprocess.DEVNULL)
    _clear(done)
    assert done.returncode != 0
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


def _umount(path: Path) -> None:
    if subprocess.run(["umount", str(path)], capture_output=True, check=False).returncode:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def test_a_read_only_mounted_data_dir(site: DemoSite, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, second = _prepared(site, data)
    before = _digest(data)
    if not _mount("--bind", "-o", "ro", str(data), str(data)):
        pytest.skip("mounting is not allowed here (the file-in-the-path tests cover this case)")
    try:
        for command in (["list"], ["fetch"], ["read", str(first)]):
            _clear(cli(site.url, data, *command))
    finally:
        _umount(data)
    assert _digest(data) == before
    _user_data_intact(site, data, first, second)


FSIZE_CHILD = """
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
"""


@pytest.mark.parametrize("limit", ["tmpfs", "rlimit_fsize"])
def test_disk_full(site: DemoSite, big_site: DemoSite, tmp_path: Path, limit: str) -> None:
    prepared = tmp_path / "prepared"
    first, second = _prepared(site, prepared)
    forget_validators(prepared)
    full = tmp_path / "small"
    full.mkdir()
    data = full / "data"
    mounted = False
    try:
        if limit == "tmpfs":
            used = sum(p.stat().st_size for p in prepared.iterdir())
            if not _mount("-t", "tmpfs", "-o", f"size={used + (1 << 20)}", "tmpfs", str(full)):
                pytest.skip("mounting is not allowed here (rlimit_fsize covers a full disk)")
            mounted = True
            shutil.copytree(prepared, data)
            stat = os.statvfs(full)
            filler = stat.f_bavail * stat.f_frsize - (48 << 10)
            (full / "filler").write_bytes(bytes(max(filler, 0)))
            runs = [cli(big_site.url, data, "fetch"), cli(site.url, data, "list")]
            runs.append(cli(site.url, data, "--offline", "read", str(first)))
        else:
            shutil.copytree(prepared, data)
            cap = max(p.stat().st_size for p in data.iterdir()) + (16 << 10)
            runs = [
                subprocess.run([sys.executable, "-c", FSIZE_CHILD, str(cap),
                                *argv(big_site.url, data, *command)[1:]],
                               capture_output=True, text=True, timeout=120, check=False)
                for command in (["fetch"], ["list"])
            ]
        for run in runs:
            _clear(run)
        fetched = runs[0]
        assert fetched.returncode != 0, "filling the disk can't have gone unnoticed"
        if mounted:
            (full / "filler").unlink()
        # With room again, everything works as before.
        assert cli(site.url, data, "--offline", "list").returncode == 0
        _user_data_intact(site, data, first, second)
        assert integrity(locations.cache_db(data)) == "ok"
    finally:
        if mounted:
            _umount(full)


def test_two_programs_refreshing_at_once(big_site: DemoSite, tmp_path: Path) -> None:
    data = tmp_path / "data"
    for _ in range(4):
        children = [subprocess.Popen(argv(big_site.url, data, "fetch"), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for child in children:
            out, err = child.communicate(timeout=180)
            assert child.returncode == 0, err
            assert "locked" not in (out + err).lower() and "Traceback" not in err, err
        forget_validators(data)  # so the next round writes again
    assert integrity(locations.cache_db(data)) == "ok"
