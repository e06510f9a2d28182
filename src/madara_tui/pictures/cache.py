"""The picture cache: the image bytes of each URL as the site sent them, on disk in the data dir,
within a size budget; the least recently used files go first.

One file per URL, named by the SHA-256 of the URL (no part of a name comes from the site).
Each file holds the media type, a newline, then the body. A file's modification time is its last
use: reading touches it, and eviction removes the oldest until the total fits the budget.
Writes go to a temporary file renamed into place, so a crash never leaves half a picture.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BUDGET = 200 * 1024 * 1024
"""Bytes the cache may use by default (the `images_cache_mb` setting)."""
SUFFIX = ".pic"


def pictures_dir(data_dir: Path) -> Path:
    """Where the picture cache lives inside the data dir."""
    return data_dir / "pictures"


class PictureCache:
    """Bytes by URL on disk, LRU-evicted past `budget` bytes. Blocking: call from a thread."""

    def __init__(self, directory: Path, budget: int = DEFAULT_BUDGET) -> None:
        self.directory = directory
        self.budget = budget

    def _path(self, url: str) -> Path:
        import hashlib  # here, as tempfile below: off the reader's start path

        digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.directory / f"{digest}{SUFFIX}"

    def get(self, url: str) -> tuple[str, bytes] | None:
        """(media type, body) cached for `url`, marked as just used; None when absent."""
        path = self._path(url)
        try:
            raw = path.read_bytes()
            os.utime(path)
        except FileNotFoundError:
            return None
        media_type, newline, body = raw.partition(b"\n")
        if not newline:
            path.unlink(missing_ok=True)  # not one of ours (or cut short): forget it
            return None
        return media_type.decode("ascii", "replace"), body

    def put(self, url: str, media_type: str, body: bytes) -> None:
        """Keep `body` for `url`, then evict the least recently used past the budget."""
        if len(body) > self.budget:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        import tempfile

        kind = media_type.encode("ascii", "replace")[:100].replace(b"\n", b" ")
        fd, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(kind + b"\n" + body)
            os.replace(temp, self._path(url))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.evict()

    def evict(self) -> int:
        """Remove the least recently used files until the total fits the budget; returns how
        many were removed."""
        entries = []
        total = 0
        for path in self.directory.glob(f"*{SUFFIX}"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            entries.append((stat.st_mtime_ns, stat.st_size, path))
            total += stat.st_size
        removed = 0
        for _mtime, size, path in sorted(entries):
            if total <= self.budget:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed

    def size(self) -> int:
        """Bytes the cache uses now."""
        return sum(p.stat().st_size for p in self.directory.glob(f"*{SUFFIX}"))
