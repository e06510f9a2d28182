"""A comment draft: cleaned once before it is judged and queued (`clean_draft`), and saved
while the user types without writing on every key press (`DraftSaver`)."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable
from typing import Protocol

from madara_tui.models import CommentDraft
from madara_tui.records import replace
from madara_tui.text import clean_text

DEFAULT_DELAY = 0.5
"""Seconds of quiet typing after which the draft is written."""
RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)
"""Seconds before each new try after a failed write (the last one repeats)."""
SAVE_ERRORS = (OSError, sqlite3.Error)
"""What a full or read-only disk raises while writing the draft."""

SaveProblem = Callable[[BaseException | None], None]
"""Told at once when a write fails (with the error) and when a later one succeeds (None)."""


def clean_draft(draft: CommentDraft) -> CommentDraft:
    """`draft` as it may be judged, queued and posted: the text's escape sequences and unsafe
    controls removed (its line breaks kept), the name, email and website made one clean line.
    The one cleaning of what the user typed, whether in the reader's form or on stdin."""
    return replace(draft, author=clean_text(draft.author), email=clean_text(draft.email),
                   url=clean_text(draft.url), text=clean_text(draft.text, multiline=True).strip())


class DraftStore(Protocol):
    """The one store method the saver needs."""

    def save_draft(self, draft: CommentDraft) -> None: ...


class DraftSaver:
    """Debounced draft saving: `update()` on every change, `await flush()` before sending,
    leaving the screen or quitting.

    Only the latest draft is written; the write runs in a thread so the event loop never waits
    on SQLite. Must be used from a running event loop (the reader's, or `asyncio.run`).
    """

    def __init__(self, store: DraftStore, delay: float = DEFAULT_DELAY, *,
                 on_problem: SaveProblem | None = None) -> None:
        self._store = store
        self._delay = delay
        self._on_problem = on_problem
        self._failures = 0
        self.failing: BaseException | None = None
        """The error of the latest write when it failed (the disk is full…); None once a
        write succeeds. The words stay in memory (`pending`) and the write is retried."""
        self._pending: CommentDraft | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._writing: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self.saved = 0
        """How many writes reached the store (for tests and the status line)."""

    @property
    def pending(self) -> CommentDraft | None:
        """The draft not yet written, if any."""
        return self._pending

    def update(self, draft: CommentDraft) -> None:
        """Remember `draft` as the latest text; it is written after `delay` seconds of quiet."""
        self._pending = draft
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self._delay, self._start_write)

    def _start_write(self) -> None:
        self._timer = None
        if self._writing is None or self._writing.done():
            self._writing = asyncio.get_running_loop().create_task(self._write_quietly())
        else:
            # A write is under way: write again once it ends, with the newest text.
            self._timer = asyncio.get_running_loop().call_later(self._delay, self._start_write)

    async def flush(self) -> None:
        """Write the pending draft now (no-op when nothing is pending); returns once it is on
        disk."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        async with self._lock:
            draft, self._pending = self._pending, None
            if draft is None:
                return
            try:
                await asyncio.to_thread(self._store.save_draft, draft)
            except BaseException as exc:
                # Keep the words to retry unless the user typed something newer meanwhile.
                if self._pending is None:
                    self._pending = draft
                if isinstance(exc, SAVE_ERRORS):
                    self._failed(exc)
                raise
            self.saved += 1
            if self.failing is not None:
                self.failing, self._failures = None, 0
                if self._on_problem is not None:
                    self._on_problem(None)

    async def _write_quietly(self) -> None:
        """A write started by the timer: a failure is reported (`on_problem`) and retried,
        never raised into a task nobody awaits."""
        # Reported by `_failed`, and retried by the timer it set.
        with contextlib.suppress(*SAVE_ERRORS):
            await self.flush()

    def _failed(self, error: BaseException) -> None:
        first = self.failing is None
        self.failing = error
        wait = RETRY_DELAYS[min(self._failures, len(RETRY_DELAYS) - 1)]
        self._failures += 1
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(wait, self._start_write)
        if first and self._on_problem is not None:
            self._on_problem(error)

    async def aclose(self) -> None:
        """Flush and stop; call when the comment form goes away."""
        await self.flush()
        if self._writing is not None and not self._writing.done():
            await self._writing
