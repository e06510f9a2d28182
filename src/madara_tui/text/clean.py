"""Cleaning untrusted text (site, feed, comment) before anything else sees it.

Two strengths: `multiline=True` for bodies (keeps line breaks, tabs and the characters Persian
needs: ZWNJ, ZWJ, LRM/RLM/ALM) and the default single-line strength for titles, names,
categories and URLs.

Escape sequences are removed whole, so no terminal ever acts on them: CSI (`ESC [` or 8-bit
U+009B, parameters and final byte), the string sequences OSC, DCS, APC, PM and SOS (7-bit or
8-bit introducer) up to their terminator (BEL for OSC, ST = `ESC \\` or U+009C). A string
sequence that is never terminated is removed up to the end of its line (a terminal would swallow
the text after it, and the rest of an article should not be lost to one bad byte). Other `ESC x`
pairs and a lone ESC go too. Then C0 controls (except the kept ones), DEL, C1, the bidi
embedding/override/isolate controls, BOM and the interlinear annotation characters are deleted,
the text is NFC-normalized and runs of combining marks are capped. Lone surrogates (which no
UTF-8 writer accepts) are repaired first: a pair becomes its character, a lone one U+FFFD.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

MAX_MARKS = 16
"""Longest run of combining marks kept after one base character (the rest are dropped)."""

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


class _Patterns:
    """The regular expressions of the cleaning, compiled together on the first clean: the
    reader's start draws cached text, cleaned when it was stored, and never cleans; compiled
    at import they were ~2 ms of every start (docs/performance.md, round 5)."""

    def __init__(self) -> None:
        # String sequences: OSC (ESC ] / U+009D), DCS (ESC P / U+0090), SOS (ESC X / U+0098),
        # PM (ESC ^ / U+009E), APC (ESC _ / U+009F). Terminated by BEL (OSC only, but harmless
        # for all), ST (ESC \ or U+009C); unterminated ones end at the line break.
        self.string_seq = re.compile(r"(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x9c\x1b\n]*"
                                     r"(?:\x07|\x9c|\x1b\\|(?=\x1b)|(?=\n)|$)")
        # CSI: ESC [ or U+009B, parameter bytes, intermediate bytes, a final byte (or nothing,
        # at the end).
        self.csi = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
        # Any other escape: ESC, intermediates, a final byte; or a lone ESC.
        self.esc = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")
        self.c1 = re.compile(r"[\x80-\x9f]")
        always_drop = (
            "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n")
            + "\x7f"
            + "".join(chr(c) for c in range(0x80, 0xA0))
            + _BIDI_CONTROLS
            + "\ufeff\ufff9\ufffa\ufffb"
        )
        # Deleting through a regex character class: str.translate looks every character up in
        # a dict (~60 ns a character on Persian text), the regex scans a bitmap (~10 ns).
        self.body_drop = re.compile(f"[{re.escape(always_drop)}]")
        self.line_drop = re.compile(f"[{re.escape(always_drop)}\u200e\u200f\u061c]")
        self.astral = re.compile("[\U00010000-\U0010ffff]")
        self.newlines = re.compile(r"\r\n?|[\x85\u2028\u2029\x0b\x0c]")
        self.line_space = re.compile(r"[\s\u2028\u2029]+")
        self.surrogate = re.compile("[\ud800-\udfff]")


@cache
def _patterns() -> _Patterns:
    return _Patterns()


def _mark_class(codes: Iterable[int]) -> str:
    """The combining marks (Mn, Me, Mc) among `codes` as the inside of a regex class."""
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if unicodedata.category(chr(code)) in ("Mn", "Me", "Mc"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


@cache
def _marks_run() -> re.Pattern[str]:
    """A regex for runs longer than MAX_MARKS of combining marks, built on first use."""
    # Marks live below U+20000, apart from the variation selectors supplement.
    char_class = _mark_class((*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)))
    return re.compile(f"([{char_class}]{{{MAX_MARKS}}})[{char_class}]+")


@cache
def _bmp_marks_run() -> re.Pattern[str]:
    """A regex for MAX_MARKS + 1 marks in a row, all below U+10000. Without astral characters
    in the text it finds exactly the texts `_marks_run` changes, 15× faster: a class of only
    BMP characters is a bitmap to sre, one with astral ones a list of ~300 ranges tried in turn
    at every position."""
    return re.compile(f"[{_mark_class(range(0x300, 0x10000))}]{{{MAX_MARKS + 1}}}")


def _cap_marks(text: str) -> str:
    if _bmp_marks_run().search(text) or _patterns().astral.search(text):
        return _marks_run().sub(r"\1", text)
    return text


def repair_surrogates(text: str) -> str:
    """`text` with each lone surrogate (from a JSON `\\ud800` or a feed's `&#xD800;`) replaced by
    U+FFFD and each surrogate pair joined into its character. A lone surrogate can't be encoded
    to UTF-8, so left in place it fails every later write (SQLite, the terminal, a log)."""
    if not _patterns().surrogate.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _strip_sequences(text: str, patterns: _Patterns) -> str:
    if "\x1b" in text or patterns.c1.search(text):
        text = patterns.string_seq.sub("", text)
        text = patterns.csi.sub("", text)
        text = patterns.esc.sub("", text)
    return text


def clean_text(text: str, *, multiline: bool = False) -> str:
    """`text` with every escape sequence and unsafe control removed, NFC-normalized.

    multiline=True (bodies): keeps `\\n`, `\\t`, ZWNJ, ZWJ and LRM/RLM/ALM; CR LF, CR, VT, FF,
    NEL and the Unicode line/paragraph separators become `\\n`.
    multiline=False (titles, names, categories, URLs): every run of whitespace that holds a
    line break or tab becomes one space, LRM/RLM/ALM are removed, and the ends are stripped.
    """
    if not text:
        return ""
    patterns = _patterns()
    text = repair_surrogates(text)
    text = _strip_sequences(text, patterns)
    text = patterns.newlines.sub("\n", text)
    if multiline:
        text = patterns.body_drop.sub("", text)
    else:
        text = patterns.line_drop.sub("", text)
        if not text.isprintable() or "  " in text:
            text = patterns.line_space.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if len(text) > MAX_MARKS and not text.isascii():
        text = _cap_marks(text)
    return text if multiline else text.strip()


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Mc")


def cap_joined_marks(piece: str, marks_before: int) -> tuple[str, int]:
    """`piece` (already cleaned) to be appended after text ending in `marks_before` combining
    marks: its leading marks past the `MAX_MARKS` cap of the joined run are dropped. Returns the
    piece and the run of marks the joined text now ends with. Text assembled from pieces (inline
    tags split a run: `<b>` + 16 marks, a thousand times) is capped as one run this way, with
    no second pass that would shift link offsets."""
    if not piece:
        return piece, marks_before
    if piece.isascii():
        return piece, 0
    lead = 0
    while lead < len(piece) and _is_mark(piece[lead]):
        lead += 1
    if lead:
        keep = max(0, MAX_MARKS - marks_before)
        if lead > keep:
            piece = piece[:keep] + piece[lead:]
            lead = keep
        if lead == len(piece):
            return piece, marks_before + lead
    trail = 0
    while trail < len(piece) and _is_mark(piece[-1 - trail]):
        trail += 1
    return piece, trail
