"""GNU FriBidi as an independent oracle: the expected screen lines of a paragraph.

FriBidi resolves the whole paragraph (`--nobreak`); from its logical→visual map and levels we take
each logical character's level and its shaped, mirrored glyph. The expected lines are then built
here, independently of the engine: a greedy wrap at spaces by cells, rule L2 per line with the
paragraph's levels, combining marks kept after their base (L3), ZWNJ and FriBidi's U+FEFF (the
ALEF a LAM-ALEF ligature consumed) dropped, RTL lines padded on the left.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass

import pytest
from rich.cells import cell_len

FRIBIDI = "fribidi"
_INVISIBLE = {"\u200c", "\ufeff", "\u200d"}


def require_fribidi() -> str:
    path = shutil.which(FRIBIDI)
    if path is None:
        pytest.fail("GNU FriBidi (`fribidi`, Debian package libfribidi-bin) is not installed; "
                    "`make test` installs it (scripts/system-deps.sh)", pytrace=False)
    return path


@dataclass(frozen=True)
class Resolved:
    glyphs: list[str]
    """Display glyph of each logical character ("" for ZWNJ and consumed ALEF)."""
    levels: list[int]


def resolve(text: str, rtl: bool) -> Resolved:
    """FriBidi's levels and glyphs for one paragraph with the given base direction."""
    result = subprocess.run(
        [require_fribidi(), "--nopad", "--nobreak", "--levels", "--ltov",
         "--rtl" if rtl else "--ltr"],
        input=text.encode("utf-8"), capture_output=True, check=True,
    )
    out = result.stdout.decode("utf-8").split("\n")
    visual = out[0]
    ltov, levels = [int(x) for x in out[1].split()], [int(x) for x in out[2].split()]
    assert len(ltov) == len(levels) == len(text), "fribidi output does not match the input"
    glyphs = [visual[ltov[i]] for i in range(len(text))]
    glyphs = ["" if g in _INVISIBLE else g for g in glyphs]
    return Resolved(glyphs, levels)


def _wrap(text: str, widths: list[int], width: int) -> list[tuple[int, int, int]]:
    lines: list[tuple[int, int, int]] = []
    pos = 0
    line: tuple[int, int, int] | None = None
    for word in text.split(" "):
        end = pos + len(word)
        cells = sum(widths[pos:end])
        assert cells <= width, "test data: every word must fit the width"
        if line is None:
            line = (pos, end, cells)
        elif line[2] + 1 + cells <= width:
            line = (line[0], end, line[2] + 1 + cells)
        else:
            lines.append(line)
            line = (pos, end, cells)
        pos = end + 1
    assert line is not None
    lines.append(line)
    return lines


def _visual_order(text: str, indices: list[int], levels: list[int]) -> list[int]:
    """Rule L2 over one line, with combining marks kept right after their base (L3)."""
    clusters: list[list[int]] = []
    for i in indices:
        if clusters and unicodedata.category(text[i]) in ("Mn", "Me"):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    levs = [levels[c[0]] for c in clusters]
    order = list(range(len(clusters)))
    if not clusters:
        return []
    lowest_odd = min(levs) | 1
    for level in range(max(levs), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levs[order[i]] >= level:
                j = i
                while j < len(order) and levs[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [i for k in order for i in clusters[k]]


def expected_lines(text: str, width: int, rtl: bool) -> list[str]:
    """The screen lines a correct engine shows for `text` (one paragraph) at `width`."""
    resolved = resolve(text, rtl)
    widths = [cell_len(g) for g in resolved.glyphs]
    lines = []
    for start, end, cells in _wrap(text, widths, width):
        order = _visual_order(text, list(range(start, end)), resolved.levels)
        body = "".join(resolved.glyphs[i] for i in order)
        lines.append((" " * (width - cells) if rtl else "") + body)
    return lines
