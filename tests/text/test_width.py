"""cell_width agrees with Rich's cell_len."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from madara_tui.text import cell_width, shape

SAMPLES = [
    "سلام دنیا",
    "می\u200cشود",
    shape("ظرفیت‌های اصفهان در یونسکو لا"),
    "خانهٔ اصطلاحاً",
    "Hello, World! 123",
    "e\u0301\u0302",
    "中文字符 and ｆｕｌｌ",
    "\u200e\u200f\u061c\u200d\u200c",
    "۱۴۰۳/۱۱/۰۳ - 03:19 ٪۳۶",
    "«»()[]",
    "\x1b\x07\t",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_samples(text: str) -> None:
    assert cell_width(text) == cell_len(text)


BLOCKS = [
    (0x20, 0x24F), (0x300, 0x36F), (0x600, 0x6FF), (0x750, 0x77F), (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF), (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x4E80), (0xAC00, 0xAC80),
    (0xFF00, 0xFFEF),
]


@pytest.mark.parametrize(("low", "high"), BLOCKS)
def test_every_assigned_character_of_the_blocks_that_matter(low: int, high: int) -> None:
    for code in range(low, high + 1):
        char = chr(code)
        if unicodedata.category(char) == "Cn":
            continue
        assert cell_width(char) == cell_len(char), hex(code)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cn", "Cs"),
                                      max_codepoint=0xFFFF)))
def test_random_bmp_text(text: str) -> None:
    if "\ufe0f" not in text:  # Rich widens some emoji before VS16 from a table we do not carry
        assert cell_width(text) == cell_len(text)
