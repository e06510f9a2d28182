"""Key press → next frame in the headline list with 100k cached articles, headless (Textual's
pilot, `app.run_test(size=(120, 40))`), median and 95th percentile.

Method. The app is built by the same factory as the program (`make_app`) over a real runtime
(offline, the 100k cache). A frame is the moment Textual's screen hands a compositor update to
`App._display` — it does so headless too (the headless driver then simply doesn't write it), so
the bench wraps that one method on the app instance to timestamp every frame. For each key: note
the clock, `await pilot.press(key)` (the key goes through the app's real event path: bindings,
the action, the list's reactive updates), then yield to the event loop until the next frame has
been produced. The figure is clock → that frame: the handling of the key plus Textual's frame
pacing (the screen's update timer, at most 1/60 s) plus rendering the changed lines. Keys:
150 × `j` from the top, then `G` (off the clock), then 50 × `k` near the bottom, so pages are
read from the store at both ends of the list.

Run: .venv/bin/python bench/bench_keypress.py [--runs N] [--data DIR] [--quick]
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import datasets
from common import (
    Figure,
    collector_as_the_program,
    median,
    p95,
    parse_options,
    print_figures,
    work_dir,
)

SIZE = 100_000
QUICK_SIZE = 200
FRAME_TIMEOUT = 2.0


async def _frame_after(frames: list[float], count: int) -> float | None:
    """The time of frame number `count` once it exists (None after FRAME_TIMEOUT)."""
    deadline = time.perf_counter() + FRAME_TIMEOUT
    while len(frames) <= count:
        if time.perf_counter() > deadline:
            return None
        await asyncio.sleep(0.0005)
    return frames[count]


async def _run(data_dir: Path, config: Path, downs: int, ups: int) -> tuple[list[float],
                                                                             list[float]]:
    # Imported here: the other bench scripts never pay for the UI's imports.
    from madara_tui.commands.reader import make_app
    from madara_tui.config import Overrides
    from madara_tui.runtime import open_runtime
    from madara_tui.text import BidiMode

    args = Overrides(offline=True, data_dir=data_dir, config_file=config, bidi="app")
    latencies: list[float] = []
    handling: list[float] = []
    async with open_runtime(args) as runtime, collector_as_the_program():
        app = make_app(runtime, bidi=BidiMode.APP, env={"TERM": "dumb"},
                       refresh_on_start=False, demo=True)
        frames: list[float] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = timed_display  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(5):  # the first screen, its first page of rows
                await app.workers.wait_for_complete()
                await pilot.pause()
            for key, times in (("j", downs), ("G", 1), ("k", ups)):
                for _ in range(times):
                    count = len(frames)
                    start = time.perf_counter()
                    await pilot.press(key)
                    pressed = time.perf_counter()
                    frame = await _frame_after(frames, count)
                    if key != "G" and frame is not None:
                        latencies.append(frame - start)
                        handling.append(pressed - start)
                    if key == "G":
                        await app.workers.wait_for_complete()
                        await pilot.pause()
    return latencies, handling


def measure(root: Path, size: int, downs: int, ups: int) -> list[Figure]:
    """The key press → frame figure over a cache of `size` articles."""
    site = datasets.content(size)
    data_dir = datasets.build_ours(root, site, [size])[size]
    config = root / "empty.toml"
    config.write_text("")
    latencies, handling = asyncio.run(_run(data_dir, config, downs, ups))
    if not latencies:
        raise RuntimeError("no frame followed any key press")
    label = f"{size // 1000}k" if size >= 1000 else str(size)
    ms = [s * 1000 for s in latencies]
    return [Figure(
        name=f"keypress_frame_{label}", ours=median(ms), unit="ms", target="≤ 16 ms median",
        met=median(ms) <= 16, runs=len(ms),
        note=f"p95 {p95(ms):.1f} ms; the key's handling alone (press returns) median "
             f"{median(handling) * 1000:.1f} ms; {len(ms)} of {downs + ups} presses drew")]


def main(argv: list[str] | None = None) -> list[Figure]:
    """Parse the options, measure, print the figure lines; returns the figures."""
    args = parse_options(__doc__, argv)
    downs, ups = (10, 5) if args.quick else (150, 50)
    if args.runs:
        downs, ups = args.runs, max(1, args.runs // 3)
    figures = measure(work_dir(args.data), QUICK_SIZE if args.quick else SIZE, downs, ups)
    print_figures(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
