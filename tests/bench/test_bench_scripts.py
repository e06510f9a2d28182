"""Each bench script runs end to end in its --quick mode (a few hundred articles, 3 feeds) and
prints its figure lines. Nothing here looks at the numbers: the figures are for people, these
tests only prove the scripts still work against the current code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
NEEDS_TERMINAL = pytest.mark.skipif(
    not (shutil.which("tmux") and shutil.which("newsboat") and Path("/usr/bin/time").exists()),
    reason="needs tmux, newsboat and GNU time (scripts/system-deps.sh, apt-get install newsboat)",
)
NEEDS_NEWSBOAT = pytest.mark.skipif(not shutil.which("newsboat"),
                                    reason="needs newsboat (apt-get install newsboat)")


def run_script(name: str, *args: str, timeout: float = 240) -> str:
    done = subprocess.run([sys.executable, str(BENCH / name), *args], capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def figure_lines(output: str) -> dict[str, str]:
    return {line.split(":")[0].removeprefix("FIGURE "): line
            for line in output.splitlines() if line.startswith("FIGURE ")}


def test_search_prints_its_figure(tmp_path: Path) -> None:
    figures = figure_lines(run_script("bench_search.py", "--quick", "--data", str(tmp_path)))
    assert list(figures) == ["search_200"]
    assert "hits)" in figures["search_200"]


def test_keypress_prints_its_figure(tmp_path: Path) -> None:
    figures = figure_lines(run_script("bench_keypress.py", "--quick", "--data", str(tmp_path)))
    assert list(figures) == ["keypress_frame_200"]
    assert "p95" in figures["keypress_frame_200"]


def test_article_open_prints_its_figure(tmp_path: Path) -> None:
    figures = figure_lines(run_script("bench_article_open.py", "--quick", "--data",
                                      str(tmp_path)))
    assert list(figures) == ["article_open"]
    assert "p95" in figures["article_open"] and "runs 3" in figures["article_open"]


@NEEDS_TERMINAL
def test_start_prints_both_programs_and_the_flatness(tmp_path: Path) -> None:
    figures = figure_lines(run_script("bench_start.py", "--quick", "--data", str(tmp_path)))
    assert list(figures) == ["start_200", "start_400", "start_vs_textual_floor_200",
                             "start_vs_textual_floor_400", "start_flatness"]
    assert "newsboat" in figures["start_200"] and "ratio" in figures["start_400"]
    assert "minimal Textual app" in figures["start_vs_textual_floor_400"]
    assert "target ≤ 1.3× the floor" in figures["start_vs_textual_floor_200"]


@NEEDS_TERMINAL
def test_memory_prints_both_peaks(tmp_path: Path) -> None:
    figures = figure_lines(run_script("bench_memory.py", "--quick", "--data", str(tmp_path)))
    assert list(figures) == ["peak_memory_200"]
    assert "MiB; newsboat" in figures["peak_memory_200"]


@NEEDS_NEWSBOAT
def test_refresh_prints_cold_and_unchanged(tmp_path: Path) -> None:
    figures = figure_lines(run_script("bench_refresh.py", "--quick", "--data", str(tmp_path)))
    assert list(figures) == ["refresh_cold", "refresh_cold_vs_8_threads", "refresh_unchanged",
                             "refresh_unchanged_vs_8_threads"]
    assert "3 feeds × 50 items" in figures["refresh_cold"]


@NEEDS_TERMINAL
def test_run_all_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "latest.md"
    printed = run_script("run_all.py", "--quick", "--data", str(tmp_path / "data"),
                         "--out", str(out), timeout=600)
    text = out.read_text(encoding="utf-8")
    assert "| Figure | Ours | newsboat |" in text and text.strip() in printed
    for name in ("layout_first", "layout_again", "search_200", "keypress_frame_200", "article_open",
                 "start_flatness", "peak_memory_200", "refresh_unchanged"):
        assert f"| {name} |" in text
    assert "Errors:" not in text
