"""Paragraph layout: logical text and style spans → display-ready screen lines.

The order of work follows UAX #9 and what a terminal needs (see the project's notes on RTL text):

1. When the paragraph is built (once): its base direction, its bidi levels resolved over the whole
   paragraph (`levels.resolve_levels`), the glyph of every logical character (shaped word by word
   in logical order, `shaping.shape_words`), ZWNJ/ZWJ/bidi/format controls turned into nothing
   (their effect is already in the letter forms), a tab into one space, each combining mark moved
   into its base character's glyph (rule L3: it stays after its base whatever the direction),
   paired characters mirrored where their level is odd (rule L4), each emoji cluster (skin tone,
   ZWJ family, flag, VS16) made one glyph, and the cell width of every glyph.
2. For a width (memoized per width and mode): wrap in logical order by cells, breaking at spaces
   (the space at a break is not shown; a word wider than the line is cut into pieces), then reorder
   each line by rules L1–L2 with the paragraph's levels, and pad RTL lines on the left.

Because step 1 holds everything that is expensive, a new width costs only the wrapping and the
reordering. Style spans are carried through by index: each logical character knows its glyph, each
screen line knows which logical characters it shows and in which visual order. A LAM-ALEF ligature
is styled as its first character (LAM) is; a combining mark is drawn in its base's cell.

Mode TERMINAL: the lines hold the logical, unshaped text (ZWNJ and ZWJ kept — the terminal needs
them to shape), wrapped by cells, not reordered and not padded: a terminal that does bidi decides
each line's direction and alignment itself (VTE, for one, right-aligns a line whose first strong
character is RTL). `ScreenLine.rtl` still tells the caller the paragraph's direction.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, chain, pairwise, repeat
from operator import itemgetter

from madara_tui.records import record
from madara_tui.text.direction import base_of
from madara_tui.text.glyphs import DROPPED, WIDTHS, classify, display_words
from madara_tui.text.levels import resolve_levels
from madara_tui.text.termmode import BidiMode

MIN_WIDTH = 2
"""Narrowest layout width: one cell less could not hold a wide (CJK) character."""


@record
class Span:
    """A style over `text[start:end]` (character offsets); `style` is an opaque key."""

    start: int
    end: int
    style: str


@record
class ScreenLine:
    """One screen row, ready to draw: visual order (mode app) or logical (mode terminal), RTL
    lines padded on the left to the width, no control, bidi or zero-width characters (mode
    terminal keeps ZWNJ/ZWJ). `spans` are character offsets into `text`."""

    text: str
    spans: tuple[Span, ...] = ()
    rtl: bool = False


_PLUS_ONE = (1).__add__
_SPACE = (" ",)
_RUN = re.compile(r"(.)\1*", re.DOTALL)


def _positions(text: str, char: str) -> list[int]:
    found: list[int] = []
    pos = text.find(char)
    while pos >= 0:
        found.append(pos)
        pos = text.find(char, pos + 1)
    return found


@cache
def _mirrors() -> tuple[dict[str, str], re.Pattern[str]]:
    """Rule L4's mirrored characters (BidiMirroring.txt), and a pattern that finds them."""
    from bidi.mirror import MIRRORED

    table: dict[str, str] = MIRRORED
    return table, re.compile("[" + "".join(map(re.escape, table)) + "]")


def _mirror(text: str, levels: str, glyphs: list[str], starts: list[int],
            cells: list[int]) -> None:
    """Rule L4: a mirrored character at an odd level is drawn as its mirror image (and its
    word's cells follow its width)."""
    mirrors, pattern = _mirrors()
    for match in pattern.finditer(text):
        pos, char = match.start(), match.group()
        if ord(levels[pos]) & 1 and glyphs[pos] == char:
            glyphs[pos] = mirrors[char]
            cells[bisect_right(starts, pos) - 1] += WIDTHS[glyphs[pos]] - WIDTHS[char]


Line = tuple[int, int, int]
"""A wrapped line: logical start, logical end, cells."""


def _break_word(start: int, end: int, widths: Sequence[int], width: int,
                out: list[Line]) -> Line:
    """Cut a too-wide word (`widths`: its glyphs' cells) into lines; returns the last piece,
    which later words may join."""
    piece, cells = start, 0
    for pos, w in enumerate(widths, start):
        if cells + w > width and cells > 0:
            out.append((piece, pos, cells))
            piece, cells = pos, 0
        cells += w
    return piece, end, cells


def _wrap(text: str, starts: Sequence[int], cells: Sequence[int], glyphs: Sequence[str],
          width: int, reach: Sequence[int] | None = None) -> list[Line]:
    """Greedy wrap of the space-separated words to `width` cells: word i is
    `text[starts[i]:starts[i + 1] - 1]`, `cells[i]` wide, drawn as `glyphs` (read only to cut
    a word wider than the line). `reach`, when no word is empty (no leading, trailing or
    double space): the cells up to each word, a space after each (`_reach`)."""
    if reach is not None and max(cells) <= width:
        return _wrap_words(starts, reach, width)
    out: list[Line] = []
    start = -1
    end = line = 0
    for word_start, next_start, word in zip(starts, starts[1:], cells, strict=False):
        word_end = next_start - 1
        if start >= 0:
            if line + 1 + word <= width:
                end, line = word_end, line + 1 + word
                continue
            if end > start:  # (a lone leading space that did not fit is no line)
                out.append((start, end, line))
            start = -1
        if word_start == word_end and out:
            continue  # an extra space where a line breaks: not shown
        if word <= width:
            start, end, line = word_start, word_end, word
        else:
            widths = list(map(WIDTHS.__getitem__, glyphs[word_start:word_end]))
            start, end, line = _break_word(word_start, word_end, widths, width, out)
    if start >= 0:
        out.append((start, end, line))
    trimmed: list[Line] = []
    for start, end, line in out:
        while end > start and text[end - 1] == " ":  # trailing spaces of the paragraph
            end, line = end - 1, line - 1
        trimmed.append((start, end, line))
    return trimmed or [(0, 0, 0)]


def _reach(text: str, cells: Sequence[int]) -> list[int] | None:
    """For `_wrap`: the cells before each word of `text` and a space after each, when no word
    of it is empty (else None)."""
    if not text or text[0] == " " or text[-1] == " " or "  " in text:
        return None
    return list(accumulate(map(_PLUS_ONE, cells), initial=0))


def _wrap_words(starts: Sequence[int], reach: Sequence[int], width: int) -> list[Line]:
    """`_wrap` when no word is empty and none is wider than the line: the same greedy lines,
    each found by one bisection instead of a step per word. A line from word i holds the words
    before the first j with reach[j] - reach[i] - 1 (its cells) > width."""
    out: list[Line] = []
    i, last = 0, len(reach) - 1
    while i < last:
        j = bisect_right(reach, reach[i] + width + 1, i + 1) - 1
        out.append((starts[i], starts[j] - 1, reach[j] - reach[i] - 1))
        i = j
    return out


def _reorder(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, bool]]:
    """Rule L2 over level runs (level, start, end) of one line → (start, end, reversed) pieces
    in visual order."""
    levels = [run[0] for run in runs]
    low, high = min(levels), max(levels)
    if high - low == 1:  # the common cases, {1, 2} in RTL and {0, 1} in LTR paragraphs
        ordered = reversed(runs) if low & 1 else iter(runs)
        return [(start, end, bool(level & 1)) for level, start, end in ordered]
    lowest_odd = low | 1
    order = list(range(len(runs)))
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [(runs[k][1], runs[k][2], bool(runs[k][0] & 1)) for k in order]


class Paragraph:
    """One paragraph prepared for layout: shaped and bidi-resolved once, laid out per width.

    `text` is used as given (clean it first: see `clean_text`); `direction` is "auto" (first
    strong character), "content" (RTL when it has any RTL character: text from an RTL source),
    "rtl" or "ltr" (see `direction.base_of`).
    """

    __slots__ = ("_cells", "_glyphs", "_memo", "_reach", "_run_ends", "_run_levels",
                 "_run_starts", "_starts", "_term", "base", "rtl", "spans", "text")

    def __init__(self, text: str, spans: Sequence[Span] = (), *, direction: str = "auto") -> None:
        self.text = text
        self.spans = tuple(spans)
        self.base = base_of(text, direction)
        self.rtl = self.base == 1
        levels = resolve_levels(text, self.base)
        words = text.split(" ")
        # Word i is text[starts[i]:starts[i + 1] - 1]; the last start is one past the end.
        self._starts = starts = list(accumulate(map(_PLUS_ONE, map(len, words)), initial=0))
        displays = display_words(words)
        glyphs = list(chain.from_iterable(chain.from_iterable(
            zip(map(itemgetter(0), displays), repeat(_SPACE)))))
        glyphs.pop()
        self._cells = cells = list(map(itemgetter(2), displays))
        _mirror(text, levels, glyphs, starts, cells)
        self._glyphs = glyphs
        self._reach = _reach(text, cells)
        self._run_levels, self._run_starts, self._run_ends = _level_runs(levels, self.base)
        self._memo: dict[tuple[int, BidiMode], tuple[ScreenLine, ...]] = {}
        self._term: tuple[list[str], list[int]] | None = None

    def lines(self, width: int, mode: BidiMode = BidiMode.APP) -> tuple[ScreenLine, ...]:
        """The paragraph as screen lines `width` cells wide (at least MIN_WIDTH); memoized."""
        width = max(width, MIN_WIDTH)
        key = (width, mode)
        memo = self._memo.get(key)
        if memo is None:
            if mode == BidiMode.TERMINAL:
                memo = self._terminal_lines(width)
            else:
                memo = self._app_lines(width)
            self._memo[key] = memo
        return memo

    def _app_lines(self, width: int) -> tuple[ScreenLine, ...]:
        glyphs, levels, starts, ends = (self._glyphs, self._run_levels, self._run_starts,
                                        self._run_ends)
        out: list[ScreenLine] = []
        for start, end, cells in _wrap(self.text, self._starts, self._cells, glyphs, width,
                                       self._reach):
            first = bisect_right(starts, start) - 1
            last = bisect_right(starts, end - 1) if end > start else first + 1
            pad = " " * (width - cells) if self.rtl and cells < width else ""
            if last - first == 1:  # one level run (most lines)
                backwards = bool(levels[first] & 1)
                line = glyphs[start:end]
                if backwards:
                    line.reverse()
                pieces = [(start, end, backwards)]
            else:
                line_runs = list(zip(levels[first:last], starts[first:last], ends[first:last],
                                     strict=True))
                line_runs[0] = (line_runs[0][0], start, line_runs[0][2])
                line_runs[-1] = (line_runs[-1][0], line_runs[-1][1], end)
                pieces = _reorder(line_runs)
                line = []
                for a, b, backwards in pieces:
                    line.extend(glyphs[a:b][::-1] if backwards else glyphs[a:b])
            spans = self._line_spans(start, end, pieces, len(pad)) if self.spans else ()
            out.append(ScreenLine(pad + "".join(line), spans, self.rtl))
        return tuple(out)

    def _line_spans(self, start: int, end: int, pieces: list[tuple[int, int, bool]],
                    offset: int) -> tuple[Span, ...]:
        """The spans touching logical [start, end), in the line's character offsets."""
        touching = [s for s in self.spans if s.start < end and s.end > start]
        if not touching:
            return ()
        glyphs = self._glyphs
        where: dict[int, tuple[int, int]] = {}
        pos = offset
        for a, b, backwards in pieces:
            for index in range(b - 1, a - 1, -1) if backwards else range(a, b):
                size = len(glyphs[index])
                if size:
                    where[index] = (pos, pos + size)
                    pos += size
        return _merge_spans(touching, where)

    def _terminal_lines(self, width: int) -> tuple[ScreenLine, ...]:
        if self._term is None:
            text = self.text
            present = set(text)
            classify(present)
            glyphs = list(text)
            for char in (present & DROPPED) - {"\u200c", "\u200d"}:
                for pos in _positions(text, char):
                    glyphs[pos] = ""
            for pos in _positions(text, "\t"):
                glyphs[pos] = " "
            acc = list(accumulate(map(WIDTHS.__getitem__, glyphs), initial=0))
            starts = self._starts
            cells = [acc[b - 1] - acc[a] for a, b in pairwise(starts)]
            self._term = (glyphs, cells)
        glyphs, cells = self._term
        out: list[ScreenLine] = []
        for start, end, _cells in _wrap(self.text, self._starts, cells, glyphs, width):
            spans: tuple[Span, ...] = ()
            if self.spans:
                where: dict[int, tuple[int, int]] = {}
                pos = 0
                for index in range(start, end):
                    size = len(glyphs[index])
                    if size:
                        where[index] = (pos, pos + size)
                        pos += size
                touching = [s for s in self.spans if s.start < end and s.end > start]
                spans = _merge_spans(touching, where)
            out.append(ScreenLine("".join(glyphs[start:end]), spans, self.rtl))
        return tuple(out)


def _level_runs(levels: str, base: int) -> tuple[list[int], list[int], list[int]]:
    """Maximal runs of equal level, as their levels, starts and ends (one run at `base` for
    an empty paragraph); per run only C calls."""
    if not levels:
        return [base], [0], [0]
    ends = list(map(_END, _RUN.finditer(levels)))
    starts = [0, *ends[:-1]]
    return list(map(ord, map(levels.__getitem__, starts))), starts, ends


_END = re.Match.end


def _merge_spans(spans: Sequence[Span], where: dict[int, tuple[int, int]]) -> tuple[Span, ...]:
    """Map each span's logical characters to line offsets, merging adjacent pieces."""
    result: list[Span] = []
    for span in spans:
        cells = sorted(where[i] for i in range(span.start, span.end) if i in where)
        piece_start = piece_end = -1
        for a, b in cells:
            if a == piece_end:
                piece_end = b
                continue
            if piece_end > piece_start:
                result.append(Span(piece_start, piece_end, span.style))
            piece_start, piece_end = a, b
        if piece_end > piece_start:
            result.append(Span(piece_start, piece_end, span.style))
    return tuple(result)


def layout_text(text: str, width: int, mode: BidiMode = BidiMode.APP) -> list[ScreenLine]:
    """`text` split into paragraphs at line breaks, laid out; empty input lines are skipped and
    one empty ScreenLine separates consecutive paragraphs."""
    out: list[ScreenLine] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        if out:
            out.append(ScreenLine(""))
        out.extend(Paragraph(paragraph).lines(width, mode))
    return out
