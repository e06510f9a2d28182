"""Resolved bidi embedding levels of a paragraph (UAX #9 rules P2–P3, W1–W7, N0–N2, I1–I2).

Why our own resolver: the levels must be resolved over the whole paragraph and then used to reorder
each wrapped line, so the layout needs per-character levels. python-bidi's fast (Rust) API exposes
no levels, and its pure-Python `bidi.algorithm` internals do, but run at about 0.6 M chars/s —
50 ms for one 5,000-word article, over the whole layout budget — and they predate rule N0, so
brackets around Latin text in a Persian sentence resolve differently from FriBidi and ICU.

The approach: each character's bidi class becomes one letter of a "class string" (via
`str.translate`), and every rule is a regular-expression substitution or a translation over that
string, so the per-character work runs in C. The tests compare the levels with GNU FriBidi.

Scope (deliberate): the engine lays out cleaned text, and `clean_text` removes the explicit
embedding, override and isolate controls (U+202A–202E, U+2066–2069) from everything a site
sends. The interface itself puts isolates (LRI, RLI, FSI … PDI, rules X5a–X6a and BD9) around
the site's names it embeds in its own sentences, so they are honoured: each isolate is resolved
as its own paragraph one or two levels up, and counts as one neutral in the text around it
(its initiator and PDI, side by side). Embeddings and overrides are still treated as removed
by rule X9 (ignored), so outside isolates a paragraph is one isolating run sequence.
Boundary neutrals (BN: ZWNJ, ZWJ, soft hyphen, …) are removed by X9 and take the level of the
character before them. Rule L1 is applied here for segment separators (tab) and the whitespace
before them and at the end of the paragraph; line-end whitespace is left to the layout, which
never shows the spaces it breaks at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from madara_tui.text.bidi_brackets import bracket_pattern, resolve_n0

# One letter per bidi class. Explicit formatting classes count as BN ("b"), see the docstring.
_CODE = {
    "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "s", "ET": "t", "AN": "N", "CS": "c",
    "NSM": "m", "BN": "b", "B": "B", "S": "S", "WS": "W", "ON": "O",
    "LRE": "b", "LRO": "b", "RLE": "b", "RLO": "b", "PDF": "b",
    "LRI": "b", "RLI": "b", "FSI": "b", "PDI": "b",
}
# Default classes of unassigned code points (DerivedBidiClass.txt @missing lines, simplified).
_DEFAULT_AL = ((0x0600, 0x07BF), (0x0860, 0x08FF), (0xFB50, 0xFDCF), (0xFDF0, 0xFDFF),
               (0xFE70, 0xFEFF), (0x1EC70, 0x1EFFF))
_DEFAULT_R = ((0x0590, 0x05FF), (0x07C0, 0x085F), (0xFB1D, 0xFB4F), (0x10800, 0x10FFF),
              (0x1E800, 0x1EC6F))


def _default_class(code: int) -> str:
    if any(a <= code <= b for a, b in _DEFAULT_AL):
        return "A"
    if any(a <= code <= b for a, b in _DEFAULT_R):
        return "R"
    if 0x20A0 <= code <= 0x20CF:
        return "t"
    return "L"


class _ClassTable(dict[int, str]):
    """`str.translate` table from code point to class letter, filled on demand."""

    def __missing__(self, code: int) -> str:
        name = unicodedata.bidirectional(chr(code))
        letter = _CODE[name] if name else _default_class(code)
        self[code] = letter
        return letter


_CLASSES = _ClassTable()


class _WordClasses(dict[str, str]):
    """Class letters per space-separated word, filled on demand: an article repeats its words
    (5,000 words, ~600 distinct), and `str.translate` through a dict costs about as much per
    character as the rest of the rules together."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _MAX_WORDS:
            self.clear()
        classes = self[word] = word.translate(_CLASSES)
        return classes


_MAX_WORDS = 100_000
_WORD_CLASSES = _WordClasses()
_LONG = 48
"""Texts at least this long are classed word by word (shorter ones in one translate)."""

# The rules' patterns begin with the class they change, not with a look-behind: the regex
# engine then skips in C to the next character of that class, instead of trying the
# look-behind at every position of the paragraph.
_W2 = re.compile(r"A[^LR]*")  # from an AL to the next L or R: EN there follows AL
_W4_EN = re.compile(r"[sc](?<=E.)(?=E)")
_W4_AN = re.compile(r"c(?<=N.)(?=N)")
_W5 = re.compile(r"t+(?=E)|t(?<=Et)t*")
_W6 = str.maketrans("stc", "OOO")
_W7 = re.compile(r"L[^R]*")  # from an L to the next R: EN there follows L
# N1 in two steps: single neutrals (most are one space between words) by a constant replacement,
# which runs in C, then longer runs with a callback.
_W1 = re.compile(r"([^m])(m+)")
_N1_L1 = re.compile(r"[BSWO](?<=L.)(?=L)")
_N1_R1 = re.compile(r"[BSWO](?<=[RNE].)(?=[RNE])")
_N1_L = re.compile(r"[BSWO](?<=L.)[BSWO]+(?=L)")
_N1_R = re.compile(r"[BSWO](?<=[RNE].)[BSWO]+(?=[RNE])")
_N2 = (str.maketrans("BSWO", "LLLL"), str.maketrans("BSWO", "RRRR"))
_I = (str.maketrans("LRNE", "\x00\x01\x02\x02"), str.maketrans("LRNE", "\x02\x01\x02\x02"))
_STRONG = re.compile(r"[LRA]")
_BN_RUN = re.compile(r"b+")
_LEVEL_RUN = re.compile(r"(.)\1*", re.DOTALL)
_L1 = re.compile(r"[Wb]*[SB]|[Wb]+$")
_L1_INSIDE = re.compile(r"[Wb]*[SB]")


def _fill(char: str) -> Callable[[re.Match[str]], str]:
    return lambda m: char * (m.end() - m.start())


def bidi_classes(text: str) -> str:
    """One class letter per character of `text` (L R A E s t N c m b B S W O)."""
    if len(text) < _LONG:
        return text.translate(_CLASSES)
    return "W".join(map(_WORD_CLASSES.__getitem__, text.split(" ")))  # a space is "W"


def first_strong_level(text: str) -> int:
    """`base_level(bidi_classes(text))`, reading a long text's first words only when one of
    them holds a strong character (as nearly every paragraph's first words do)."""
    if len(text) >= _LONG:
        head = text.split(" ", _HEAD_WORDS)
        head.pop()  # the rest of the text (or its last word)
        for word in head:
            match = _STRONG.search(_WORD_CLASSES[word])
            if match is not None:
                return 1 if match.group() != "L" else 0
    return base_level(bidi_classes(text))


_HEAD_WORDS = 8


def clear_word_classes() -> None:
    """Forget the classes memoized per word (a cold start, for benchmarks)."""
    _WORD_CLASSES.clear()


def base_level(classes: str) -> int:
    """Rules P2–P3: 1 if the first strong character is R or AL, else 0."""
    match = _STRONG.search(classes)
    return 1 if match and match.group() != "L" else 0




_INITIATORS = {"\u2066": 0, "\u2067": 1, "\u2068": None}
"""LRI, RLI, FSI → the direction of the isolate (None: its first strong character's)."""
PDI = "\u2069"
_ISOLATE_CHARS = re.compile("[\u2066-\u2069]")
_OUTSIDE = "\ufffc"
"""Stands for an isolate initiator or PDI in the text around the isolate: a neutral (ON)."""


def _isolates(text: str) -> list[tuple[int, int]]:
    """Rule BD9: the outermost isolates as (initiator, matching PDI) positions; an initiator
    with no PDI runs to the end of the paragraph (its end is then `len(text)`)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for match in _ISOLATE_CHARS.finditer(text):
        pos, char = match.start(), match.group()
        if char != PDI:
            if depth == 0:
                start = pos
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, pos))
    if depth:
        spans.append((start, len(text)))
    return spans


def outside_isolates(text: str) -> str:
    """`text` without its isolates (what rule P2 looks at: a paragraph's, or an FSI's, own
    characters, not those of the names isolated inside it)."""
    if not _ISOLATE_CHARS.search(text):
        return text
    pieces, last = [], 0
    for start, end in _isolates(text):
        pieces.append(text[last:start])
        last = end + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _first_strong_outside_isolates(text: str) -> int:
    """Rule P2, nested isolates skipped."""
    return base_level(bidi_classes(outside_isolates(text)))


@cache
def _raised(step: int) -> dict[int, int]:
    """`str.translate` table adding `step` to every level."""
    return {level: level + step for level in range(MAX_LEVEL)}


MAX_LEVEL = 126
"""UAX #9's deepest level plus one."""


def _with_isolates(text: str, spans: list[tuple[int, int]], base: int) -> str:
    """Levels of a paragraph holding isolates: the text around them is resolved with each
    isolate as two neutrals (its initiator and PDI, adjacent as in one isolating run
    sequence); each isolate's content on its own, at the least level above `base` of its
    direction (rule X5a–X5c), nested isolates the same way, one level further."""
    outer: list[str] = []
    last = 0
    for start, end in spans:
        outer.append(text[last:start])
        outer.append(_OUTSIDE * (2 if end < len(text) else 1))
        last = end + 1
    outer.append(text[last:])
    around = resolve_levels("".join(outer), base)
    levels: list[str] = []
    taken = 0  # characters of `around` used so far
    last = 0
    for start, end in spans:
        levels.append(around[taken:taken + start - last])
        taken += start - last
        levels.append(around[taken])  # the initiator
        taken += 1
        content = text[start + 1:end]
        kind = _INITIATORS[text[start]]
        direction = kind if kind is not None else _first_strong_outside_isolates(content)
        level = base + 1 if (base + 1) % 2 == direction else base + 2
        inner = resolve_levels(content, direction, line_end=False)
        levels.append(inner.translate(_raised(level - direction)))
        if end < len(text):
            levels.append(around[taken])  # the PDI
            taken += 1
        last = end + 1
    levels.append(around[taken:])
    return "".join(levels)


def resolve_levels(text: str, base: int | None = None, *, line_end: bool = True) -> str:
    """The resolved level of every character of `text` (one paragraph, no line breaks inside),
    as a string of `chr(level)`; `base` is the paragraph level (None = rules P2–P3).
    `line_end` False: `text` is an isolate's content, whose end is not the paragraph's (rule
    L1 does not reset its trailing spaces).

    Levels are 0–2, more inside isolates (see the module docstring).
    """
    if not text:
        return ""
    spans = _isolates(text) if _ISOLATE_CHARS.search(text) else []
    if base is None:
        base = _first_strong_outside_isolates(text) if spans else base_level(bidi_classes(text))
    if spans:
        levels = _with_isolates(text, spans, base)
        if line_end:
            # Rule L1 over the whole paragraph: the whitespace (and isolate controls) at its
            # end or before a tab goes back to the paragraph level, inside isolates too.
            levels = _reset_separators(bidi_classes(text), levels, base)
        return levels
    original = classes = bidi_classes(text)
    if _one_direction(classes, base):
        # Every strong type is the paragraph's and no number can rise above it: every rule
        # leaves each character at the paragraph level (rule L1's resets too).
        return chr(base) * len(text)
    if "b" in classes:
        classes = _copies(classes)
    removed = "b" in classes
    kept = classes.replace("b", "") if removed else classes
    embedding = "R" if base else "L"
    types = embedding + kept + embedding  # sos and eos
    if "m" in types:
        # Most NSMs (harakat) follow a letter: those by str.replace first, the rest by pattern.
        types = types.replace("Am", "AA").replace("Am", "AA")
        if "m" in types:
            types = _W1.sub(lambda m: m.group(1) * (m.end() - m.start()), types)
    if "E" in types and "A" in types:
        types = _W2.sub(lambda m: m.group().replace("E", "N"), types)
    types = types.replace("A", "R")
    if "s" in types or "c" in types:
        if "E" in types:
            types = _W4_EN.sub("E", types)
        if "N" in types:
            types = _W4_AN.sub("N", types)
    if "t" in types:
        types = _W5.sub(_fill("E"), types)
    types = types.translate(_W6)
    if "E" in types and "L" in types:
        types = _W7.sub(lambda m: m.group().replace("E", "L"), types)
    if bracket_pattern().search(text):
        types = resolve_n0(text, classes, kept, types, embedding)
    # The commonest single neutral, a space inside a run of one direction, by str.replace
    # first (twice: "RWRWR" overlaps); what it changes is what the patterns would change, and
    # no other neutral has a changed neighbour.
    # (A pattern whose strong type is not in the text would only scan it.)
    if "L" in types:
        types = types.replace("LWL", "LLL").replace("LWL", "LLL")
        types = _N1_L.sub(_fill("L"), _N1_L1.sub("L", types))
    if "R" in types or "N" in types or "E" in types:
        types = types.replace("RWR", "RRR").replace("RWR", "RRR")
        types = _N1_R.sub(_fill("R"), _N1_R1.sub("R", types))
    levels = types[1:-1].translate(_N2[base]).translate(_I[base])
    if removed:
        levels = _restore_removed(classes, levels, base)
    if "S" in classes or "B" in classes or (line_end and original.endswith(("W", "b"))):
        levels = _reset_separators(original, levels, base, line_end=line_end)
    return levels


def _one_direction(classes: str, base: int) -> bool:
    """True when a paragraph at level `base` holds no strong type of the other direction and
    no number that would be raised: in RTL no L, EN or AN; in LTR no R, AL or AN (an EN there
    follows L or sos, so rule W7 makes it L). Isolates are resolved before this is asked."""
    if base:
        return "L" not in classes and "E" not in classes and "N" not in classes
    return "R" not in classes and "A" not in classes and "N" not in classes


def _copies(classes: str) -> str:
    """`classes` with removed characters (BN) given the class of the character before them,
    where that changes no level.

    Rule X9 removes them and each takes the level of the character before it. A copy of a
    strong type (L, R, AL), a number (EN, AN), an ET or an NSM right after itself changes
    nothing the rules look at — the nearest strong type before or after a character, what a
    run of ETs or neutrals touches, what NSMs follow, what a bracket pair holds — and resolves
    to that character's level; so does a second whitespace, or a second CS or ES when a
    strong type follows (rule W4 looks only for one CS or ES between two numbers). Not a
    second ON: a bracket's new type (rule N0) would not reach it. Persian has a ZWNJ after a
    letter in every other word: with these copies most paragraphs need no removing and
    restoring at all. (Rule L1 still reads the original classes: a ZWNJ at the paragraph's
    end goes back to the paragraph level.)"""
    for pair, copy in _COPIES:
        if pair in classes:
            classes = classes.replace(pair, copy).replace(pair, copy)
            if "b" not in classes:
                break
    return classes


_COPIES = (*((kind + "b", kind * 2) for kind in "ARLENtmW"),
           *((kind + "b" + strong, kind * 2 + strong) for kind in "cs" for strong in "ARL"))


def _restore_removed(classes: str, levels: str, base: int) -> str:
    """Give each X9-removed character the level of the character before it.

    Done per run of one level among the kept characters (a few per paragraph), not per removed
    run: Persian has a ZWNJ in every other word, nearly all inside a run of one level."""
    lead = len(classes) - len(classes.lstrip("b"))  # removed before any kept character
    pieces = [chr(base) * lead]
    done = lead  # characters of `classes` covered so far
    for run in _LEVEL_RUN.finditer(levels):
        count = run.end() - run.start()  # kept characters in the run
        end = done + count
        kept = end - done - classes.count("b", done, end)
        while kept < count:  # removed characters among them: reach further
            end += count - kept
            kept = end - done - classes.count("b", done, end)
        after = _BN_RUN.match(classes, end)  # the removed characters right after the run
        if after is not None:
            end = after.end()
        pieces.append(run.group(1) * (end - done))
        done = end
    return "".join(pieces)


def _reset_separators(classes: str, levels: str, base: int, *, line_end: bool = True) -> str:
    """Rule L1 for tabs, paragraph separators, whitespace before them and at the paragraph end."""
    chunks = list(levels)
    for match in (_L1 if line_end else _L1_INSIDE).finditer(classes):
        for pos in range(match.start(), match.end()):
            chunks[pos] = chr(base)
    return "".join(chunks)
