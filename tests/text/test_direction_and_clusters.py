"""Base direction by the text's language, and emoji clusters kept whole and measured as Rich
measures them."""

from __future__ import annotations

import unicodedata

import pytest
from rich.cells import cell_len

from madara_tui.text import Paragraph, cell_width
from madara_tui.text.direction import base_of, has_rtl
from madara_tui.text.emoji import clusters, widened_by_vs16


@pytest.mark.parametrize("text", [
    "UNESCO امروز اعلام کرد.",
    "Wi-Fi رایگان شد.",
    "5G آمد.",
    "[ویدیو] افتتاح پل",
    "۱۴۰۳/۱۱/۰۳ - 03:19",
    "The report (گزارش سالانه) says so.",
])
def test_content_is_rtl_with_any_rtl_character(text: str) -> None:
    assert has_rtl(text)
    assert base_of(text, "content") == 1
    line = Paragraph(text, direction="content").lines(60)[0]
    assert line.rtl and line.text.startswith(" ")  # right-aligned


@pytest.mark.parametrize("text", ["Version 3.1 released", "2024-11-26 10:15", "(ICCN)", ""])
def test_content_is_ltr_without_rtl_characters(text: str) -> None:
    assert base_of(text, "content") == 0
    assert not Paragraph(text, direction="content").rtl


def test_a_latin_first_persian_paragraph_reads_subject_first_period_left() -> None:
    line = Paragraph("UNESCO امروز اعلام کرد.", direction="content").lines(40)[0].text.strip()
    assert line.endswith("UNESCO")  # read first: rightmost
    assert line.startswith(".")  # the sentence's end: leftmost


def test_unknown_direction_is_refused() -> None:
    with pytest.raises(ValueError):
        base_of("x", "sideways")


EMOJI = [
    ("سلام ❤️ دوست", "❤️"),
    ("عالی بود 👍🏽 ممنون", "👍🏽"),
    ("خانواده 👨\u200d👩\u200d👧 خوشبخت", "👨\u200d👩\u200d👧"),
    ("پرچم 🇮🇷 بالا رفت", "🇮🇷"),
    ("گزینهٔ 1️⃣ را بزنید", "1️⃣"),
]


@pytest.mark.parametrize(("text", "cluster"), EMOJI)
def test_emoji_clusters_stay_whole_through_reordering(text: str, cluster: str) -> None:
    for width in (12, 20, 40):
        lines = Paragraph(text).lines(width)
        shown = "".join(line.text for line in lines)
        assert cluster in shown, (width, [line.text for line in lines])
        for line in lines:
            assert cell_len(line.text) == width  # measured as Rich does: no overflow


@pytest.mark.parametrize(("text", "cluster"), EMOJI)
def test_cluster_widths_match_rich(text: str, cluster: str) -> None:
    assert cell_width(cluster) == cell_len(cluster)
    assert cell_width(text) == cell_len(text)
    assert clusters(cluster) == [(0, len(cluster))]


def test_heart_with_vs16_is_two_cells() -> None:
    assert cell_width("❤️") == 2 == cell_len("❤️")
    assert cell_width("❤") == 1 == cell_len("❤")


def test_vs16_table_matches_rich_over_the_symbol_planes() -> None:
    # Every character followed by VS16: our width and Rich's agree (this is the table check).
    for low, high in ((0x20, 0x2FF), (0x2000, 0x2BFF), (0x1F000, 0x1FAFF)):
        for code in range(low, high + 1):
            char = chr(code)
            if unicodedata.category(char) in ("Cn", "Cs"):
                continue  # unassigned: no width to agree on (as in test_width)
            assert cell_width(char + "\ufe0f") == cell_len(char + "\ufe0f"), hex(code)
    assert widened_by_vs16("❤") and not widened_by_vs16("a")


def test_zwj_between_persian_letters_is_no_cluster() -> None:
    assert clusters("می\u200dشود") == []
    assert Paragraph("می\u200dشود").lines(20)[0].text.count("\u200d") == 0
