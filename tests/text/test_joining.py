"""The joiner (`text.joining`) against the reshaper it replaced (`reshaper_oracle`): the same
forms table, the same ligatures, the same output for any mix of Persian and Arabic letters,
harakat, tatweel, ZWJ, ZWNJ and other characters — including where the reshaper raises."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from reshaper_oracle import LAM_ALEF, reshaper

from madara_tui.text.joining import ALEFS, LAM, join, tables

LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأإؤئۀةيكىۍڵ"
MARKS = "\u064b\u064c\u064e\u0650\u0651\u0652\u0654\u0670\u06d6\u08f0"
OTHERS = "\u0640\u200d\u200c a1۱،«»\u202b\u2067"
ALPHABET = LETTERS + LAM * 4 + ALEFS + MARKS + OTHERS


def _outcome(shape: object, text: str) -> str | type[IndexError]:
    try:
        return shape(text)  # type: ignore[operator, no-any-return]
    except IndexError:
        return IndexError


def test_the_forms_are_the_reshapers() -> None:
    from arabic_reshaper.letters import LETTERS_ARABIC
    from arabic_reshaper.ligatures import LIGATURES

    letters, lam_alef = tables()
    assert letters == LETTERS_ARABIC
    assert {LAM + alef: forms for alef, forms in lam_alef.items()} == {
        match: forms for name, (match, forms) in LIGATURES if name in LAM_ALEF}


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
@example("\u200dلا")  # the reshaper raises: a ZWJ it consumed shifts the ligature's place
@example("لا\u200d")
@example("\u064eبل\u0654ا")  # a mark before any letter; a mark inside a LAM-ALEF
@example("ـلاـ")  # tatweel joins on both sides
@example("للاا")
def test_joining_equals_the_reshaper(text: str) -> None:
    assert _outcome(join, text) == _outcome(reshaper().reshape, text)


def test_persian_words_join() -> None:
    assert join("سلام") == "\ufeb3\ufefc\ufee1"  # LAM-ALEF after a joining letter: final form
    assert join("کتاب") == "\ufb90\ufe98\ufe8e\ufe8f"
    assert join("خانهٔ") == "\ufea7\ufe8e\ufee7\ufeea\u0654"
    assert join("لا") == "\ufefb"
    assert join("") == ""
