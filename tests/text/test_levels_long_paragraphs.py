"""Bidi levels of paragraphs as long as an article's: the paths a long paragraph takes (classes
memoized word by word, the rules' patterns, removed characters restored per level run, bracket
pairs found among the kept characters) against GNU FriBidi and against rule X9 itself."""

from __future__ import annotations

import subprocess
from unittest import mock

import pytest
from fribidi_oracle import require_fribidi
from hypothesis import example, given, settings
from hypothesis import strategies as st

from madara_tui.text import levels
from madara_tui.text.levels import (
    _CLASSES,
    base_level,
    bidi_classes,
    clear_word_classes,
    first_strong_level,
    resolve_levels,
)

WORDS = ["کتاب", "می\u200cرود", "خانه\u200cهای", "ICCN", "Metropolis", "۳۶٪", "12", "10:30",
         "(UNESCO)", "[به\u200cویژه", "شهر]", "«هنر", "زنده»", "(۱۲", "درصد)", "a<b", "{c}",
         "و", "۱۴۰۳/۱۱/۰۳", "-", "2,500", "\u200c", "\u200c(x)", "بین\u200cالمللی", "x\u200c",
         "\u200c\u200cب", "خانهٔ", "اصطلاحاً", "-5", "$3", "(", ")", "abc\u200c(د)",
         "ب\u200c\u200c\u200c", "x\u200c\u200c", "\u05e9\u200c\u00ad", "۱۲\u200c", "(\u200cx",
         "٪\u200cها", "،\u200cو", "a,\u200c1", "\u064e\u200cب", "-\u200c5", "1\u200c+\u200c2",
         "(\u200c\u064eب)", "\u200c \u200c", "\u0660\u200c\u0661", "x\u200d", "٪\u200c\u200c1",
         "ب\u064e\u064f\u0650", "۱\u064e", "a\u0301\u0302\u0303", "(\u064e"]
REMOVED = "\u200c\u200d\u00ad"
"""Characters rule X9 removes (class BN) that cleaned text keeps."""

paragraphs = st.lists(st.sampled_from(WORDS), min_size=12, max_size=70).map(" ".join)


def fribidi_levels(text: str, rtl: bool) -> list[int]:
    done = subprocess.run([require_fribidi(), "--nopad", "--nobreak", "--levels",
                           "--rtl" if rtl else "--ltr"],
                          input=text.encode("utf-8"), capture_output=True, check=True)
    return [int(x) for x in done.stdout.decode("utf-8").split("\n")[1].split()]


def x9_levels(text: str, base: int) -> list[int]:
    """Rule X9 spelled out: the levels of the text without its removed characters, each removed
    one given the level of the character before it (the paragraph's before the first)."""
    kept = [i for i, char in enumerate(text) if char not in REMOVED]
    inner = resolve_levels("".join(text[i] for i in kept), base)
    levels, previous, k = [], base, 0
    for char in text:
        if char in REMOVED:
            levels.append(previous)
        else:
            previous = ord(inner[k])
            levels.append(previous)
            k += 1
    return levels


@settings(max_examples=150, deadline=None)
@given(paragraphs, st.booleans())
@example("(UNESCO) \u200c(x) کتاب " * 4 + "ICCN", True)
@example("کتاب \u200c\u200cب 12 x\u200c ICCN " * 4, False)
def test_long_paragraph_levels_match_fribidi_and_rule_x9(text: str, rtl: bool) -> None:
    clear_word_classes()
    ours = [ord(level) for level in resolve_levels(text, 1 if rtl else 0)]
    theirs = fribidi_levels(text, rtl)
    assert len(ours) == len(theirs) == len(text)
    wrong = [(i, text[i], a, b) for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
             if a != b and text[i] not in REMOVED]
    assert not wrong, (text, wrong)
    # Trailing whitespace (rule L1) goes back to the paragraph level, removed characters too.
    body = len(text.rstrip(" " + REMOVED))
    assert ours[:body] == x9_levels(text, 1 if rtl else 0)[:body]


@given(paragraphs)
def test_classes_word_by_word_equal_one_translation(text: str) -> None:
    clear_word_classes()
    assert bidi_classes(text) == text.translate(_CLASSES)
    assert bidi_classes(text) == text.translate(_CLASSES)  # from the memo


def test_removed_characters_after_a_strong_one_need_no_restoring(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A ZWNJ after a letter, a digit, a percent sign, a haraka or a comma before a letter
    (Persian has one in every other word) is resolved as a copy of that character's class, not
    removed and put back: the restoring pass is not run at all, and the levels are still rule
    X9's."""
    def fail(*args: object) -> str:
        raise AssertionError("restored")

    text = ("می\u200cرود به خانه\u200cهای ICCN\u200c و Metro\u200c\u200cpolis ۱۲ (می\u200cشود)"
            " ۳۶٪\u200cها ۱۲\u200cمین خانهٔ\u200cما ما،\u200cشما")
    expected = {rtl: x9_levels(text, rtl) for rtl in (0, 1)}
    monkeypatch.setattr(levels, "_restore_removed", fail)
    for rtl in (0, 1):
        clear_word_classes()
        assert [ord(level) for level in resolve_levels(text, rtl)] == expected[rtl]


@given(paragraphs)
@example("12 - ( " * 6 + "Metropolis کتاب")
@example("12 - ( " * 6 + "کتاب Metropolis")
@example("۱۲ " * 20)
def test_the_first_strong_level_read_from_the_first_words_is_the_whole_texts(text: str) -> None:
    clear_word_classes()
    assert first_strong_level(text) == base_level(text.translate(_CLASSES))


RTL_ONLY = ["کتاب", "می\u200cرود", "خانهٔ", "«هنر", "زنده»", "(", ")", "،", "-", "اصطلاحاً",
            "\u200c", "\u05d1\u05d9\u05ea", "٪", "!", "[به\u200cویژه", "شهر]", "\u064e", "\u00ad"]
LTR_ONLY = ["ICCN", "Metropolis", "12", "10:30", "2,500", "(UNESCO)", "-5", "$3", "a<b",
            "x\u200c", "{c}", "(", ")", "-", "\u200c", "\u0301", "%"]


@settings(max_examples=100, deadline=None)
@given(case=st.one_of(st.lists(st.sampled_from(RTL_ONLY), min_size=1, max_size=40).map(
    lambda words: (" ".join(words), True)), st.lists(st.sampled_from(LTR_ONLY), min_size=1,
    max_size=40).map(lambda words: (" ".join(words), False))))
@example(case=("\u064e\u200c کتاب  ", True))
@example(case=("\u0301 12 ", False))
def test_a_paragraph_of_one_direction_is_all_at_its_level(case: tuple[str, bool]) -> None:
    """No strong type of the other direction and no number that rises: every character is at
    the paragraph level, without the rules — as FriBidi and the rules themselves resolve it."""
    text, rtl = case
    base = 1 if rtl else 0
    clear_word_classes()
    ours = resolve_levels(text, base)
    assert ours == chr(base) * len(text)
    theirs = fribidi_levels(text, rtl)
    assert [ord(a) for a, char in zip(ours, text, strict=True) if char not in REMOVED] == [
        b for b, char in zip(theirs, text, strict=True) if char not in REMOVED]
    with mock.patch.object(levels, "_one_direction", return_value=False):  # the rules' way
        assert resolve_levels(text, base) == ours
