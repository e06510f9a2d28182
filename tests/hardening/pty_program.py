"""The real program in a pseudo-terminal: keys in, every raw byte it writes captured."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path

CSI = re.compile(r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
OSC = re.compile(r"\x1b\](\d*);([^\x07\x1b]*)(?:\x07|\x1b\\)")


class PtyProgram:
    """A child process whose stdin/stdout/stderr are a pty of `cols`×`rows`."""

    def __init__(self, argv: list[str], env: dict[str, str], *, cols: int = 100,
                 rows: int = 30, cwd: Path | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                        cwd=cwd, start_new_session=True, close_fds=True)
        os.close(slave)
        self._lock = threading.Lock()
        self._data = bytearray()
        self._last = time.monotonic()
        self._reading = threading.Event()
        self._reading.set()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            self._reading.wait()
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            with self._lock:
                self._data += chunk
                self._last = time.monotonic()

    def stop_reading(self) -> None:
        """Read nothing more the program writes (a terminal that no longer keeps up): once the
        pty's buffer is full, the program's writes block."""
        self._reading.clear()

    @property
    def output(self) -> bytes:
        """Every byte written so far."""
        with self._lock:
            return bytes(self._data)

    def text(self) -> str:
        """The output decoded, with CSI sequences (cursor moves, colours) removed."""
        return CSI.sub("", self.output.decode("utf-8", "replace"))

    def send(self, keys: str, *, pause: float = 0.0) -> None:
        """Type `keys` (a lone ESC needs a pause after it, or it reads as alt+next key)."""
        with self._lock:
            self._last = time.monotonic()  # `settle` counts quiet time from the key press
        os.write(self.master, keys.encode("utf-8"))
        if pause:
            time.sleep(pause)

    def wait_for(self, needle: str, seconds: float = 60.0) -> bool:
        """Wait until `needle` shows in `text()`; False at the deadline."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in self.text():
                return True
            if self.process.poll() is not None:
                return needle in self.text()
            time.sleep(0.1)
        return False

    def settle(self, quiet: float = 0.8, seconds: float = 30.0) -> None:
        """Wait until the program has written nothing for `quiet` seconds (at most `seconds`)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            with self._lock:
                idle = time.monotonic() - self._last
            if idle >= quiet:
                return
            time.sleep(0.05)

    def finish(self, seconds: float = 30.0) -> int:
        """Wait for the exit (killing it at the deadline); its exit status."""
        try:
            status = self.process.wait(seconds)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            status = -9
        self._reading.set()
        self._reader.join(5)
        with contextlib.suppress(OSError):  # a test may have closed it to hang up
            os.close(self.master)
        return status
