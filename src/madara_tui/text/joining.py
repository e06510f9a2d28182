"""Arabic-script joining: each letter replaced by its contextual presentation form (isolated,
initial, medial, final), and LAM followed by ALEF by one LAM-ALEF ligature.

This is the algorithm of arabic_reshaper 3.1 (Abdullah Diab, MIT licence) with the
configuration `text.shaping` always used (harakat kept in place, tatweel kept, ZWJ honoured and
consumed, isolated letters in their isolated presentation form, only the four LAM-ALEF
ligatures), written out with that configuration fixed. The reshaper itself reads every setting
through `configparser` on each call, and importing and configuring it took ~50 ms of the
reader's start before the first Persian label could be drawn; the forms here come from the
Unicode database's compatibility decompositions (the same table the reshaper ships), built once
on first use (~2 ms).
tests/text/test_joining.py checks the output equals the configured reshaper's, quirks included.
"""

from __future__ import annotations

import unicodedata
from functools import cache

ISOLATED, INITIAL, MEDIAL, FINAL = range(4)
UNSUPPORTED = -1
"""The form of a character the table does not know (Latin, digits, space, a ligature)."""
ZWJ = "\u200d"
TATWEEL = "\u0640"
LAM = "\u0644"
ALEFS = "\u0627\u0623\u0625\u0622"
"""ALEF, with HAMZA above, with HAMZA below, with MADDA: after LAM they make a ligature."""
Forms = tuple[str, str, str, str]
"""(isolated, initial, medial, final); "" for a form the letter does not have."""

HARAKAT = frozenset(
    chr(c) for first, last in ((0x610, 0x61A), (0x64B, 0x65F), (0x670, 0x670), (0x6D6, 0x6DC),
                               (0x6DF, 0x6E8), (0x6EA, 0x6ED), (0x8D4, 0x8FF))
    for c in range(first, last + 1))
"""Combining marks the joiner steps over (the reshaper's HARAKAT_RE): they stay after the
letter they follow and never break a join."""

_KINDS = {"<isolated>": ISOLATED, "<initial>": INITIAL, "<medial>": MEDIAL, "<final>": FINAL}
_PRESENTATION_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


@cache
def tables() -> tuple[dict[str, Forms], dict[str, Forms]]:
    """(letter → its forms, the ALEF after LAM → the LAM-ALEF ligature's forms), read from the
    compatibility decompositions of the Arabic presentation-form blocks."""
    letters: dict[str, list[str]] = {}
    lam_alef: dict[str, list[str]] = {}
    for block in _PRESENTATION_FORMS:
        for code in block:
            glyph = chr(code)
            kind, *bases = unicodedata.decomposition(glyph).split() or ("",)
            if kind not in _KINDS:
                continue
            if len(bases) == 1:
                forms = letters.setdefault(chr(int(bases[0], 16)), ["", "", "", ""])
            elif (len(bases) == 2 and chr(int(bases[0], 16)) == LAM
                  and chr(int(bases[1], 16)) in ALEFS):
                forms = lam_alef.setdefault(chr(int(bases[1], 16)), ["", "", "", ""])
            else:
                continue
            if not forms[_KINDS[kind]]:
                forms[_KINDS[kind]] = glyph
    table = {letter: (f[0], f[1], f[2], f[3]) for letter, f in letters.items()}
    table[TATWEEL] = (TATWEEL,) * 4
    table[ZWJ] = (ZWJ,) * 4
    return table, {alef: (f[0], f[1], f[2], f[3]) for alef, f in lam_alef.items()}


def join(text: str) -> str:
    """`text` with its Arabic-script letters in their contextual forms, in logical order.

    Raises IndexError where arabic_reshaper 3.1 does (a ZWJ before a LAM-ALEF shifts its
    ligature positions off the end); `text.shaping` shapes such a word without its ZWJs.
    """
    if not text:
        return ""
    letters, ligatures = tables()
    output: list[tuple[str, int]] = []  # (character, form)
    marks: dict[int, list[str]] = {}
    for char in text:
        if char in HARAKAT:
            marks.setdefault(len(output) - 1, []).append(char)
        elif char not in letters:
            output.append((char, UNSUPPORTED))
        elif not output:
            output.append((char, ISOLATED))
        else:
            before, before_form = output[-1]
            forms, before_forms = letters[char], letters.get(before)
            if (before_form == UNSUPPORTED or not (forms[FINAL] or forms[MEDIAL])
                    or before_forms is None or not (before_forms[INITIAL] or before_forms[MEDIAL])
                    or (before_form == FINAL and not before_forms[MEDIAL])):
                output.append((char, ISOLATED))
            else:
                output[-1] = (before, INITIAL if before_form == ISOLATED else MEDIAL)
                output.append((char, FINAL))
        if len(output) > 1 and output[-2][0] == ZWJ:
            del output[-2]
    if output and output[-1][0] == ZWJ:
        output.pop()

    # The ligatures are found in the text without its harakat; a ZWJ taken out of `output`
    # above shifts these positions, as in the reshaper.
    bare = "".join(char for char in text if char not in HARAKAT)
    start = bare.find(LAM)
    while start != -1 and start + 1 < len(bare):
        ligature = ligatures.get(bare[start + 1])
        if ligature is None:
            start = bare.find(LAM, start + 1)
            continue
        first, last = output[start][1], output[start + 1][1]
        ends = last in (ISOLATED, FINAL)
        if first in (ISOLATED, INITIAL):
            form = ISOLATED if ends else INITIAL
        else:
            form = FINAL if ends else MEDIAL
        if ligature[form]:
            output[start] = (ligature[form], UNSUPPORTED)
            output[start + 1] = ("", UNSUPPORTED)
        start = bare.find(LAM, start + 2)

    result: list[str] = marks.get(-1, [])[:]
    for index, (char, form) in enumerate(output):
        if char:
            result.append(char if form == UNSUPPORTED else letters[char][form])
        if index in marks:
            result.extend(marks[index])
    return "".join(result)
