"""Rule N0 of UAX #9 for `levels.resolve_levels`: paired brackets (BD14–BD16) take the direction
of what they enclose, or of the context before them.

Works on the class string of `text.levels` (one letter per character: L R E N … O for ON,
b for the characters rule X9 removes)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache


@cache
def _brackets() -> dict[str, tuple[str, bool]]:
    """Paired brackets (BidiBrackets.txt): char → (its opening bracket, is_opening)."""
    from bidi.mirror import MIRRORED

    pairs: dict[str, tuple[str, bool]] = {}
    for char, mate in MIRRORED.items():
        if unicodedata.category(char) == "Ps" and unicodedata.category(mate) == "Pe":
            pairs[char] = (char, True)
            pairs[mate] = (char, False)
    # Canonically equivalent angle brackets pair with each other.
    pairs["\u2329"] = ("\u3008", True)
    pairs["\u232a"] = ("\u3008", False)
    return pairs


@cache
def bracket_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in _brackets()) + "]")


def _bracket_pairs(text: str, classes: str, types: str) -> list[tuple[int, int]]:
    """Rule BD16: the bracket pairs among ON characters, sorted by opening position, as
    positions in `types` (the classes without the X9-removed characters, sos first)."""
    table = _brackets()
    removed = "b" in classes
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for match in bracket_pattern().finditer(text):
        pos = match.start()
        # A bracket's place among the kept characters, after sos (brackets are never removed).
        pos += 1 - (classes.count("b", 0, pos) if removed else 0)
        if types[pos] != "O":
            continue
        opener, is_opening = table[match.group()]
        if is_opening:
            if len(stack) == 63:
                break
            stack.append((opener, pos))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == opener:
                pairs.append((stack[depth][1], pos))
                del stack[depth:]
                break
    pairs.sort()
    return pairs


def resolve_n0(text: str, classes: str, kept: str, types: str, embedding: str) -> str:
    """Rule N0 over `types` (sos, the kept characters' classes after rule W7, eos); `kept`
    holds their classes before rule W1. Returns the new types."""
    pairs = _bracket_pairs(text, classes, types)
    if not pairs:
        return types
    opposite = "L" if embedding == "R" else "R"
    strong = types.translate(_AS_STRONG)  # L, R (EN and AN count as R) or O
    for open_pos, close_pos in pairs:
        inside = strong[open_pos + 1:close_pos]
        if embedding in inside:
            new = embedding
        elif opposite in inside:
            # The first strong type before the opening bracket (sos at the latest).
            context = "L" if strong.rfind("L", 0, open_pos) > strong.rfind("R", 0, open_pos) \
                else "R"
            new = opposite if context == opposite else embedding
        else:
            continue
        for pos in (open_pos, close_pos):
            end = pos + 1
            while end < len(types) and end <= len(kept) and kept[end - 1] == "m":
                end += 1  # marks after the bracket (W1 gave them its class) follow it
            types = types[:pos] + new * (end - pos) + types[end:]
            strong = strong[:pos] + new * (end - pos) + strong[end:]
    return types


# Strong direction of each resolved class for N0: EN and AN count as R; everything else neutral.
_AS_STRONG = str.maketrans("ENBSWOmstcb", "RROOOOOOOOO")
