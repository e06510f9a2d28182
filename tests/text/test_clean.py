"""clean_text against hostile strings: nothing of an escape sequence survives; ZWNJ does."""

from __future__ import annotations

import pytest

from madara_tui.text import clean_text

ZWNJ = "\u200c"
WORD = f"می{ZWNJ}شود"

HOSTILE = {
    "osc8_link": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "osc52_clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "title": "\x1b]0;pwned title\x07",
    "title_st_8bit": "\x9d2;pwned title\x9c",
    "csi_8bit": "\x9b31mred\x9b0m",
    "csi_7bit": "\x1b[2J\x1b[1;31mred\x1b[0m",
    "lone_esc": "\x1b",
    "esc_pair": "\x1bc\x1b(0",
    "unterminated_osc": "\x1b]0;never ends",
    "dcs": "\x1bP1$r0m\x1b\\",
    "apc": "\x1b_payload\x1b\\",
    "pm": "\x1b^payload\x1b\\",
    "sos": "\x1bXpayload\x1b\\",
    "dcs_8bit": "\x90payload\x9c",
    "nul": "\x00",
    "del": "\x7f",
    "bell": "\x07",
    "backspace": "\x08\x08",
    "rlo": "\u202e",
    "lri": "\u2066",
    "pdi": "\u2069",
    "bom": "\ufeff",
    "annotation": "\ufff9x\ufffa\ufffb",
}
PAYLOAD_WORDS = ("evil", "cm0g", "pwned", "31m", "2J", "never", "payload", "$r", "8;;", "52;")


@pytest.mark.parametrize("multiline", [True, False])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_sequences_leave_nothing(name: str, multiline: bool) -> None:
    dirty = f"{WORD} {HOSTILE[name]} {WORD}"
    cleaned = clean_text(dirty, multiline=multiline)
    assert not any(c < " " and c not in "\n\t" for c in cleaned)
    assert not any("\x7f" <= c <= "\x9f" for c in cleaned)
    assert not set(cleaned) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
                                  "\ufff9\ufffa\ufffb")
    for payload in PAYLOAD_WORDS:
        assert payload not in cleaned
    # ZWNJ survives; an unterminated sequence swallows the rest of its line, as a terminal would.
    assert cleaned.count(WORD) == (1 if name.startswith("unterminated") else 2)


def test_unterminated_string_sequence_ends_at_the_line_break() -> None:
    assert clean_text("a\x1b]0;title\nb", multiline=True) == "a\nb"


def test_visible_text_inside_a_link_is_kept() -> None:
    assert clean_text(HOSTILE["osc8_link"]) == "click"


def test_body_strength_keeps_lines_tabs_and_marks() -> None:
    text = f"سطر\u200fیک\tو{ZWNJ}\u200d\u200e\u061c\r\nدو\rسه\u2028چهار"
    assert clean_text(text, multiline=True) == (
        f"سطر\u200fیک\tو{ZWNJ}\u200d\u200e\u061c\nدو\nسه\nچهار")


def test_single_line_strength() -> None:
    text = f"  عنوان\u200f خبر\n\tدوم\r\n  {WORD}\u200e  "
    assert clean_text(text) == f"عنوان خبر دوم {WORD}"


def test_nfc() -> None:
    assert clean_text("e\u0301") == "\u00e9"
    assert clean_text("خانهٔ") == "خانهٔ"  # HEH + HAMZA ABOVE has no composed form


def test_runs_of_combining_marks_are_capped() -> None:
    cleaned = clean_text("ب" + "\u064b" * 5000 + "پ", multiline=True)
    assert cleaned == "ب" + "\u064b" * 16 + "پ"
    assert clean_text("ب" + "\u064b" * 16) == "ب" + "\u064b" * 16
    # A run mixing BMP marks with astral ones (U+1D167, a musical combining mark) is one run.
    mixed = "\u064b\U0001d167" * 20
    capped = clean_text("ب" + mixed + "پ", multiline=True)  # NFC reorders the marks
    assert len(capped) == 18 and capped[0] == "ب" and capped[-1] == "پ"
    assert clean_text("\U0001d167" * 30) == "\U0001d167" * 16  # no base: still capped


def test_empty() -> None:
    assert clean_text("") == ""
    assert clean_text("\x1b[31m") == ""
