"""Who holds an outbox claim, and whether that process still runs.

Each open `Store` takes an exclusive `flock` on a file of its own, `owners/<token>.lock`
beside the user database, for as long as it is open. The kernel drops the lock when the
process ends, however it ends (exit, crash, `kill -9`), so "the owner is gone" is exact: the
file can be locked by someone else. A pid alone would not do (pids are reused, and a live
process of another user can't be signalled).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from pathlib import Path

_TOKEN = re.compile(r"^[0-9]{1,10}-[0-9a-f]{16}$")


class Owners:
    """This process's owner token, and the liveness check for other tokens."""

    def __init__(self, directory: Path) -> None:
        self._dir = directory
        self._dir.mkdir(parents=True, exist_ok=True)
        # os.urandom is what secrets.token_hex reads; importing secrets (hmac, hashlib's
        # OpenSSL) cost the reader's start ~2–5 ms for these 8 bytes.
        self.token = f"{os.getpid()}-{os.urandom(8).hex()}"
        """What this store writes as the owner of the claims it takes."""
        self._fd = os.open(self._path(self.token), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _path(self, token: str) -> Path:
        return self._dir / f"{token}.lock"

    def alive(self, token: str | None) -> bool:
        """True while the store that wrote `token` is open (in this process or another)."""
        if token == self.token:
            return True
        if not token or not _TOKEN.match(token):
            return False
        try:
            fd = os.open(self._path(token), os.O_RDWR)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        # Nobody holds it: its owner is gone, and so is the need for the file.
        with contextlib.suppress(OSError):
            self._path(token).unlink()
        return False

    def close(self) -> None:
        """Release this store's lock and remove its file."""
        if self._fd < 0:
            return
        with contextlib.suppress(OSError):
            self._path(self.token).unlink()
        os.close(self._fd)
        self._fd = -1


__all__ = ["Owners"]
