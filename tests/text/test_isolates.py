"""Isolates (LRI, RLI, FSI … PDI), which the interface puts around the names it embeds in its own
sentences, resolved as GNU FriBidi resolves them; and the lines they make."""

from __future__ import annotations

import random
import subprocess

import pytest
from fribidi_oracle import require_fribidi

from madara_tui.text import BidiMode, Paragraph
from madara_tui.text.direction import base_of
from madara_tui.text.levels import resolve_levels

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
CONTROLS = {LRI, RLI, FSI, PDI}

CASES = [
    f"Headlines · {FSI}ورزش{PDI} · 6 items",
    f"{FSI}ورزش{PDI} 6 items",
    f"رضا · {FSI}John 3{PDI} · ۲ ساعت پیش",
    f"{FSI}John 2{PDI} · ۳ ساعت پیش",
    f"{FSI}مریم رضایی{PDI} · 3 hours ago · reply to {FSI}علی{PDI}",
    f"a {RLI}abc {LRI}د 1{PDI} x{PDI} ب",
    f"سلام {FSI}abc (د) 12{PDI} ۳",
    f"x {FSI}abc",
    f"ب {FSI}ج 12 {PDI} 5",
    f"Category: {FSI}اصفهان{PDI}  2026-11-26 10:15",
    f"[image: {FSI}نمودار ۳{PDI}] 4",
    f"{PDI}unmatched ب {PDI} 7",
]


def fribidi_levels(text: str, rtl: bool) -> list[int]:
    done = subprocess.run([require_fribidi(), "--nopad", "--nobreak", "--levels",
                           "--rtl" if rtl else "--ltr"],
                          input=text.encode("utf-8"), capture_output=True, check=True)
    return [int(x) for x in done.stdout.decode("utf-8").split("\n")[1].split()]


def assert_like_fribidi(text: str, rtl: bool) -> None:
    ours = [ord(level) for level in resolve_levels(text, 1 if rtl else 0)]
    theirs = fribidi_levels(text, rtl)
    assert len(ours) == len(theirs) == len(text)
    # The controls themselves are never drawn; every other character's level must agree.
    wrong = [(i, text[i], a, b) for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
             if a != b and text[i] not in CONTROLS]
    assert not wrong, (text, wrong)


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize("text", CASES)
def test_isolates_resolve_as_fribidi_does(text: str, rtl: bool) -> None:
    assert_like_fribidi(text, rtl)


def test_random_sentences_with_names_resolve_as_fribidi_does() -> None:
    """Sentences as the interface makes them: an FSI around each name (words of one script,
    perhaps a number), the sentence's own words, numbers and punctuation around them.
    (Debian's FriBidi 1.0.8 has known isolate bugs — its issues 130 and 141, nested and
    adjacent isolates, and an isolate whose content ends against its direction — which
    such sentences never meet; `CASES` covers nesting and LRI/RLI.)"""
    names = [["John", "Reza.Gh", "abc"], ["مریم", "ورزش", "رضایی", "اصفهان"]]
    words = ["items", "خبر", "12", "۳۴", "(", ")", "·", "-", "/", ":", "%", "$", "«", "»",
             "2026-11-26", "reply to", "پاسخ به"]
    rng = random.Random(1403)
    for _ in range(300):
        parts: list[str] = []
        for _ in range(rng.randint(2, 8)):
            if rng.random() < 0.3:
                script = rng.choice(names)
                name = " ".join(rng.choice(script) for _ in range(rng.randint(1, 2)))
                if rng.random() < 0.3:
                    name += " " + rng.choice(["2", "۳", "(5)"])
                parts.append(FSI + name + PDI)
            else:
                parts.append(rng.choice(words))
        assert_like_fribidi(" ".join(parts), rtl=rng.random() < 0.5)


def test_a_sentence_takes_its_direction_from_its_own_words_not_the_names_inside() -> None:
    assert base_of(f"{FSI}مریم{PDI} · 3 hours ago", "content") == 0
    assert base_of(f"{FSI}John{PDI} · ۳ ساعت پیش", "content") == 1
    assert base_of(f"{FSI}مریم{PDI} · 3 hours ago", "auto") == 0
    assert base_of("مریم · 3 hours ago", "content") == 1  # no isolate: the old rule


def test_an_isolated_name_keeps_the_count_out_of_its_run() -> None:
    def line(text: str, direction: str = "content") -> str:
        return Paragraph(text, direction=direction).lines(80, BidiMode.APP)[0].text.strip()

    # Without the isolate the count joins the Persian name's run and lands on its wrong side
    # (even with the English line's direction given).
    assert line("Headlines ورزش 6 items", "ltr") == "Headlines 6 ﺵﺯﺭﻭ items"
    assert line(f"Headlines {FSI}ورزش{PDI} 6 items") == "Headlines ﺵﺯﺭﻭ 6 items"
    # A Latin name in a Persian sentence: the Persian digit stays with the Persian words.
    assert line(f"{FSI}John 2{PDI} · ۳ ساعت پیش") == "ﺶﯿﭘ ﺖﻋﺎﺳ ۳ · John 2"
    assert line("John 2 · ۳ ساعت پیش", "rtl") == "ﺶﯿﭘ ﺖﻋﺎﺳ John 2 · ۳"
