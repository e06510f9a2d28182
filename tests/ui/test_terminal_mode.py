"""Terminal mode: every field, label and paragraph row is isolated, so a terminal that reorders
whole rows (VTE, Konsole, mlterm) reorders each field inside itself and leaves it in place."""

from __future__ import annotations

import shutil
import subprocess

from madara_tui.text import BidiMode, Paragraph, cell_width
from madara_tui.ui.lines import (
    FSI,
    LRI,
    PDI,
    RLI,
    ParagraphCache,
    Piece,
    isolate,
    layout,
    one_line,
    rows_of,
    visual,
)

TITLE = "UNESCO امروز فهرست تازهٔ میراث جهانی را اعلام کرد"
CATEGORY = "فرهنگ و هنر"
TIME = "۱۴۰۵/۰۹/۰۵ - 10:15"


def test_each_row_of_a_paragraph_is_isolated_with_its_direction() -> None:
    rows = rows_of(Paragraph(TITLE, direction="content"), 20, BidiMode.TERMINAL)
    assert len(rows) > 1
    for row in rows:
        assert row.text.startswith(RLI) and row.text.endswith(PDI)
        assert row.text.count(PDI) == 1
    # Logical text inside, in order: the terminal does the shaping and reordering.
    assert "".join(r.text[1:-1] + " " for r in rows).strip() == TITLE
    latin = rows_of(Paragraph("Version 3.1"), 20, BidiMode.TERMINAL)[0].text
    assert latin == LRI + "Version 3.1" + PDI


def test_app_mode_has_no_isolates() -> None:
    rows = rows_of(Paragraph(TITLE, direction="content"), 20, BidiMode.APP)
    assert not any(ch in row.text for row in rows for ch in (LRI, RLI, FSI, PDI))


def test_labels_and_truncated_titles_are_isolated() -> None:
    assert visual(CATEGORY, BidiMode.TERMINAL) == FSI + CATEGORY + PDI
    cut = one_line(Paragraph(TITLE, direction="content"), 24, BidiMode.TERMINAL)
    body = cut.text.strip(" ")
    assert body.startswith("…" + RLI) and body.endswith(PDI)  # the ellipsis outside, at the end
    assert cell_width(cut.text) == 24  # the isolate controls take no cell


def test_spans_follow_the_isolate() -> None:
    line = Paragraph("abc دفتر", [], direction="content").lines(20, BidiMode.TERMINAL)[0]
    assert isolate(line).text == RLI + "abc دفتر" + PDI
    cache = ParagraphCache()
    drawn = layout([Piece("خبر [۱]", "text")], 20, BidiMode.TERMINAL, cache, indent_right=True)
    assert drawn[0].line.text.endswith(RLI + "خبر [۱]" + PDI)


def _fribidi_visual(row: str) -> str:
    """The row as a terminal that reorders shows it: FriBidi, base direction from the row's
    first strong character, as VTE and mlterm decide it."""
    fribidi = shutil.which("fribidi")
    assert fribidi, "GNU FriBidi is needed (scripts/system-deps.sh installs it)"
    return subprocess.run([fribidi, "--nopad", "--nobreak"], input=row.encode(),
                          capture_output=True, check=True).stdout.decode().rstrip("\n")


def _in_columns(shown: str) -> bool:
    """Time, then category, then the title, left to right; the title read from the right
    (UNESCO, its first word, at its right end)."""
    shown = shown.translate({ord(c): None for c in (LRI, RLI, FSI, PDI, "\ufeff")})
    time_at, unesco_at = shown.find("10:15"), shown.find("UNESCO")
    category_at = shown.find(_fribidi_visual(CATEGORY).strip())
    title_end = shown.rstrip()[-6:]
    return 0 <= time_at < category_at < len(shown) and title_end == "UNESCO" and unesco_at > 0


def test_a_reordering_terminal_keeps_the_fields_of_a_row_in_their_columns() -> None:
    # A headline row of the Persian interface in terminal mode: time · category · title, left
    # to right on screen. FriBidi stands in for the terminal.
    cells = [visual(TIME, BidiMode.TERMINAL), visual(CATEGORY, BidiMode.TERMINAL),
             rows_of(Paragraph(TITLE, direction="content"), 60, BidiMode.TERMINAL)[0].text]
    assert _in_columns(_fribidi_visual("  ".join(cells)))
    # The same fields without isolates: the terminal takes the row for one RTL paragraph and
    # mirrors the columns, and the title starting with a Latin word is ordered left to right.
    assert not _in_columns(_fribidi_visual("  ".join([TIME, CATEGORY, TITLE])))
