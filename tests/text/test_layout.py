"""Paragraph layout: spans, alignment, wrapping edge cases, terminal mode, memoization."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from madara_tui.text import BidiMode, Paragraph, ScreenLine, Span, layout_text


def styled(line: ScreenLine, style: str) -> str:
    return "".join(line.text[s.start:s.end] for s in line.spans if s.style == style)


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if unicodedata.category(c).startswith("L"))


def test_a_span_on_a_latin_word_in_a_persian_line_covers_exactly_its_cells() -> None:
    text = "گزارش سالانه‌ی شرکت Metropolis در سال ۱۴۰۳ منتشر شد"
    start = text.index("Metropolis")
    (line,) = Paragraph(text, [Span(start, start + len("Metropolis"), "link:1")]).lines(60)
    (span,) = line.spans
    assert line.text[span.start:span.end] == "Metropolis"
    # Cells before the span = characters before it (every glyph here is one cell wide).
    assert cell_len(line.text[:span.start]) == span.start


def test_a_span_over_mixed_directions_covers_the_same_characters() -> None:
    text = "به گفته‌ی کارشناسان ICCN و متروپولیس هر دو عضو هستند"
    start = text.index("ICCN")
    end = text.index("هر")
    lines = Paragraph(text, [Span(start, end, "hit")]).lines(80)
    hit = "".join(styled(line, "hit") for line in lines)
    assert sorted(fold(hit)) == sorted(fold(text[start:end]))
    assert "ICCN" in hit


def test_a_bold_lead_survives_wrapping() -> None:
    lead = "استاندار اصفهان با اشاره به جایگاه بین‌المللی این استان، تأکید کرد"
    text = lead + " که از ظرفیت‌های یونسکو باید بیش از پیش استفاده شود."
    lines = Paragraph(text, [Span(0, len(lead), "bold")]).lines(24)
    assert len(lines) > 3
    bold = "".join(styled(line, "bold") for line in lines)
    plain = "".join(
        "".join(c for i, c in enumerate(line.text)
                if not any(s.start <= i < s.end for s in line.spans))
        for line in lines
    )
    assert sorted(fold(bold)) == sorted(fold(lead))
    assert sorted(fold(plain)) == sorted(fold(text[len(lead):]))
    for line in lines:  # each line's bold part is one piece: the lead is one direction
        assert len(line.spans) <= 1


def test_rtl_lines_are_padded_on_the_left_and_ltr_lines_are_not() -> None:
    rtl = Paragraph("سلام دنیا").lines(20)
    ltr = Paragraph("hello world").lines(20)
    assert rtl[0].rtl and rtl[0].text.startswith(" ") and cell_len(rtl[0].text) == 20
    assert not ltr[0].rtl and ltr[0].text == "hello world"


def test_direction_can_be_forced() -> None:
    assert Paragraph("hello", direction="rtl").rtl
    assert not Paragraph("سلام", direction="ltr").rtl


def test_a_word_wider_than_the_line_is_broken_not_lost() -> None:
    word = "ب" * 25
    lines = Paragraph(f"سلام {word} دنیا").lines(10)
    assert all(cell_len(line.text) <= 10 for line in lines)
    assert sum(fold(line.text).count("ب") for line in lines) == 25


def test_mirroring_and_marks() -> None:
    (line,) = Paragraph("«خانهٔ» (اصطلاحاً)").lines(30)
    text = line.text.strip()
    assert text.startswith("(") and text.endswith("»")  # opening marks drawn facing the text
    hamza = text.index("\u0654")
    assert unicodedata.category(text[hamza - 1]).startswith("L")  # the mark follows its base
    tanvin = text.index("\u064b")
    assert unicodedata.category(text[tanvin - 1]).startswith("L")


def test_no_allah_ligature_and_lam_alef_is_one_cell() -> None:
    (line,) = Paragraph("عبدالله لا").lines(20)
    assert "\ufdf2" not in line.text
    assert "\ufefb" in line.text  # LAM-ALEF isolated form
    assert cell_len(line.text.strip()) == len("عبدالله") + 2


def test_terminal_mode_is_logical_unshaped_and_unpadded() -> None:
    text = "خانه‌ی ما (ICCN) بزرگ است"
    lines = Paragraph(text).lines(12, BidiMode.TERMINAL)
    assert " ".join(line.text for line in lines) == text  # ZWNJ kept: the terminal shapes
    assert all(line.rtl for line in lines)
    assert not any(line.text.startswith(" ") for line in lines)


def test_terminal_mode_spans_are_logical_offsets() -> None:
    text = "گزارش شرکت Metropolis منتشر شد"
    start = text.index("Metropolis")
    (line,) = Paragraph(text, [Span(start, start + 10, "x")]).lines(80, BidiMode.TERMINAL)
    assert line.spans == (Span(start, start + 10, "x"),)


def test_lines_are_memoized_per_width_and_mode() -> None:
    paragraph = Paragraph("یک متن کوتاه برای آزمون")
    assert paragraph.lines(10) is paragraph.lines(10)
    assert paragraph.lines(10) is not paragraph.lines(10, BidiMode.TERMINAL)


def test_empty_and_blank_paragraphs() -> None:
    assert Paragraph("").lines(10) == (ScreenLine("", (), False),)
    assert [line.text for line in Paragraph("   ").lines(10)] == [""]


def test_layout_text_separates_paragraphs_with_one_blank_line() -> None:
    lines = layout_text("سلام\n\n\nدنیا\nhello", 10)
    assert [line.text.strip() for line in lines] == ["ﻡﻼﺳ", "", "ﺎﯿﻧﺩ", "", "hello"]
    assert lines[0].rtl and not lines[-1].rtl


def test_tab_is_one_space_and_controls_vanish() -> None:
    (line,) = Paragraph("a\tb\x1b\u202ec").lines(20)
    assert line.text == "a bc"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab\u200cپ\u4e00", min_size=1, max_size=12), min_size=1,
                max_size=40),
       st.integers(min_value=2, max_value=40))
@example(["\u200c", "a"], 2)  # a word of no cells
@example(["\u4e00\u4e00", "a", "\u4e00"], 3)
def test_wrapping_by_bisection_gives_the_step_by_step_lines(words: list[str], width: int) -> None:
    """With no empty word and none wider than the line, the lines are found by bisecting the
    words' cells; they are the word-by-word greedy wrap's lines."""
    from madara_tui.text.layout import _reach, _wrap, _wrap_words

    text = " ".join(words)
    paragraph = Paragraph(text)
    starts, cells, glyphs = paragraph._starts, paragraph._cells, paragraph._glyphs
    reach = _reach(text, cells)
    assert reach is not None
    assert _reach(" " + text, cells) is None and _reach(text.replace(" ", "  "), cells) in (
        None, reach)  # (the same text when it has no space)
    stepped = _wrap(text, starts, cells, glyphs, width)
    assert _wrap(text, starts, cells, glyphs, width, reach) == stepped
    if max(cells) <= width:
        assert _wrap_words(starts, reach, width) == stepped
