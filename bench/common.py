"""What every bench script shares: the figure record, medians and percentiles, interleaved runs,
the command-line options, and finding (or installing) newsboat.

A figure is one row of the results table: our value, newsboat's value when there is one, their
ratio and the target it is judged against.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
VENV_BIN = Path(sys.executable).parent
MADARA = VENV_BIN / "madara-tui"
"""The program under test, from the same environment as the interpreter running the bench."""


@dataclass(frozen=True)
class Figure:
    """One measured figure (one row of the table)."""

    name: str
    ours: float
    unit: str
    theirs: float | None = None
    """newsboat's value for the same thing, when there is one."""
    target: str = ""
    """The target in words, e.g. "≤ 0.12× newsboat"."""
    met: bool | None = None
    """Whether the target is met; None when the figure has no target."""
    runs: int = 1
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """ours / theirs, when both exist."""
        if self.theirs is None or self.theirs == 0:
            return None
        return self.ours / self.theirs

    def line(self) -> str:
        """The figure as one printed line (what the scripts print and the tests look for)."""
        parts = [f"FIGURE {self.name}: ours {fmt(self.ours, self.unit)}"]
        if self.theirs is not None:
            parts.append(f"newsboat {fmt(self.theirs, self.unit)}")
        if self.ratio is not None:
            parts.append(f"ratio {self.ratio:.2f}")
        if self.target:
            verdict = "" if self.met is None else (" met" if self.met else " MISSED")
            parts.append(f"target {self.target}{verdict}")
        parts.append(f"runs {self.runs}")
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)


def fmt(value: float, unit: str) -> str:
    """A value with its unit, in a readable precision (seconds below 1 s shown in ms)."""
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:g} {unit}"


def median(values: Sequence[float]) -> float:
    """The median (of a non-empty sequence)."""
    return float(statistics.median(values))


def p95(values: Sequence[float]) -> float:
    """The 95th percentile by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, math.ceil(0.95 * len(ordered)))
    return float(ordered[rank - 1])


def interleaved(ours: Callable[[], float], theirs: Callable[[], float],
                runs: int) -> tuple[list[float], list[float]]:
    """Run ours, theirs, ours, theirs, … `runs` times each; returns both lists of results, so a
    change in the machine's load hits both programs alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(ours())
        b.append(theirs())
    return a, b


def pair_ratio(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """The median of the per-pair ratios ours[i] / theirs[i]."""
    return median([o / t for o, t in zip(ours, theirs, strict=True) if t > 0])


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options every bench script takes."""
    parser.add_argument("--quick", action="store_true",
                        help="tiny data and one or two runs: proves the script works, "
                             "measures nothing worth reading")
    parser.add_argument("--runs", type=int, default=0, metavar="N",
                        help="runs per program (default: the script's own)")
    parser.add_argument("--data", metavar="DIR",
                        help="where the built datasets live (default: a temporary directory); "
                             "datasets already there are reused")


def parse_options(doc: str | None, argv: list[str] | None) -> argparse.Namespace:
    """The common options, parsed, with the script's docstring's first line as its description.
    Also writes the program's bytecode (`compile_package`), so every script measures the program
    as installed."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    add_options(parser)
    args = parser.parse_args(argv)
    compile_package()
    return args


@asynccontextmanager
async def collector_as_the_program() -> AsyncIterator[None]:
    """The garbage collector as `madara-tui` runs it, for an app built by `make_app` here:
    paused until the first headlines are drawn, which then freeze what is alive
    (`madara_tui.collector`, started by `cli.main` in the program). Undone afterwards, so the
    next figure in this process starts from a plain collector. (Async only to sit in the
    benches' `async with` beside the runtime.)"""
    from madara_tui import collector

    collector.pause()
    try:
        yield
    finally:
        collector.resume()  # only if the app never drew its first headlines
        gc.unfreeze()


def compile_package() -> None:
    """Write the .pyc files of madara_tui, as installing it from a wheel does.

    The bench runs the package from the source tree (an editable install). With
    PYTHONDONTWRITEBYTECODE set in the environment, as on some shared and CI machines, Python
    never writes them there, so every start, refresh and memory run compiled every module of the
    package from source (~10% of the CPU of importing the reader) — a cost no installed copy
    pays, and one Textual's own modules (compiled by pip at install) never paid in the floor app.
    """
    import compileall

    import madara_tui

    compileall.compile_dir(Path(madara_tui.__file__).parent, quiet=1)


def work_dir(data: str | None) -> Path:
    """The dataset directory: `data` when given, else a fresh temporary directory."""
    if data:
        path = Path(data)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="madara-bench-"))


class NewsboatMissing(RuntimeError):
    """newsboat is not installed and could not be installed."""


def ensure_newsboat() -> str:
    """The path of newsboat, installing Debian's package first when it is missing (as root, or
    through `sudo -n`). Raises NewsboatMissing with what to do when neither works."""
    found = shutil.which("newsboat")
    if found:
        return found
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo"):
        prefix = ["sudo", "-n"]
    else:
        raise NewsboatMissing("newsboat is not installed; run: sudo apt-get install -y newsboat")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "newsboat"]):
        done = subprocess.run(prefix + command, env=env, capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            raise NewsboatMissing(
                f"could not install newsboat ({' '.join(command)} failed: "
                f"{done.stderr.strip()[-300:]}); run: sudo apt-get install -y newsboat")
    found = shutil.which("newsboat")
    if not found:
        raise NewsboatMissing("newsboat still not found after installing it")
    return found


def newsboat_version(path: str) -> str:
    """`newsboat -v`'s first line, e.g. "newsboat 2.21.0 - https://newsboat.org/"."""
    done = subprocess.run([path, "-v"], capture_output=True, text=True, check=False)
    first = done.stdout.splitlines()[0] if done.stdout else "newsboat (unknown version)"
    return first.split(" - ")[0]


def print_figures(figures: Sequence[Figure]) -> None:
    """Print each figure's line."""
    for figure in figures:
        print(figure.line(), flush=True)
