"""The cyclic garbage collector during the program's start.

Starting the reader makes ~100,000 objects the collector tracks, nearly all living as long as
the program — modules, classes, Textual's widgets and styles, the first screen — and the
collector, run every 700 allocations, walked them again and again while they were made:
~0.1–0.2 s of CPU before the first headlines (a full collection alone 40–115 ms;
docs/performance.md, Round 3). So `cli.main` pauses it while the command's modules are
imported, and the reader keeps it paused until its first headlines are drawn, then freezes what
is alive (`gc.freeze`: out of the collector's sight, so no later collection walks the start's
objects again, and a key press never waits on one) and turns it back on. Objects that die are
still freed by reference counting meanwhile; only reference cycles wait (~3,600 objects' worth
at the first frame, collected once the collector is back).

Later, a closed screen is a web of reference cycles (Textual's nodes and styles, the strips it
drew): garbage only a full collection frees, ~8,000 objects for a long article. Left to the
collector's own schedule, that collection fell inside whichever article open or key press came
next, once every other open (docs/performance.md, Round 5). `collect` runs it when the reader
has just drawn the screen beneath and waits for the user.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the collector off, unless something else already had (then `resume` leaves it)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, freeze: bool = False) -> None:
    """Turn the collector back on, once after `pause` (a no-op otherwise: say, in tests that
    build the app without `cli.main`). With `freeze`, what is alive now is frozen first: the
    reader's start, whose objects live as long as the program."""
    global _paused
    if _paused:
        _paused = False
        if freeze:
            gc.freeze()
        gc.enable()


def collect() -> None:
    """A full collection now, unless the collector is off (paused for the start, or by Textual
    while a smooth scroll runs)."""
    if gc.isenabled():
        gc.collect()
