"""Hostile strings: a fixed list and hypothesis strategies, shared by the hardening tests.

What a stranger's feed, page or comment could send to make a terminal act (clipboard writes,
window titles, hyperlinks, device control strings), to reorder what the user sees (bidi
overrides), to freeze layout (thousands of combining marks, huge titles) or to make a UI run an
action (Rich/Textual markup) — each mixed with ordinary Persian text.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"

PERSIAN = "خبر فوری: بازگشایی پل تاریخی خواجو پس از مرمت"
"""Ordinary text the hostile pieces are mixed into."""

# Each piece is something a terminal would act on if it reached it.
ESCAPES: tuple[str, ...] = (
    ESC + "[31m",                                   # CSI colour
    ESC + "[2J" + ESC + "[H",                       # clear the screen, home
    ESC + "[?1049h",                                # alternate screen
    ESC + "[6n",                                    # device status report (the terminal answers)
    ESC + "]8;;http://127.0.0.1:1/evil" + ST + "link" + ESC + "]8;;" + ST,  # OSC 8 hyperlink
    ESC + "]8;;javascript:alert(1)" + BEL + "x" + ESC + "]8;;" + BEL,
    ESC + "]52;c;ZWNobyBoYWNrZWQ=" + BEL,           # OSC 52 clipboard write
    ESC + "]52;c;ZWNobyBoYWNrZWQ=" + ST,
    ESC + "]0;pwned-title" + BEL,                   # window + icon title
    ESC + "]1;pwned-icon" + BEL,
    ESC + "]2;pwned-title" + ST,                    # window title
    ESC + "P+q544e" + ST,                           # DCS (XTGETTCAP)
    ESC + "P$qm" + ST,
    ESC + "_Gf=100;AAAA" + ST,                      # APC (kitty graphics)
    ESC + "^private" + ST,                          # PM
    ESC + "Xsos-string" + ST,                       # SOS
    "\x90" + "dcs8bit" + "\x9c",                    # 8-bit DCS … ST
    "\x9b" + "31m",                                 # 8-bit CSI
    "\x9d" + "0;c1-title" + "\x07",                 # 8-bit OSC
    "\x9d" + "52;c;aGk=" + "\x9c",
    "\x9e" + "pm8bit" + "\x9c",                     # 8-bit PM
    "\x9f" + "apc8bit" + "\x9c",                    # 8-bit APC
    "\x98" + "sos8bit" + "\x9c",                    # 8-bit SOS
    ESC,                                            # lone ESC
    ESC + "]0;unterminated title",                  # unterminated OSC
    ESC + "]52;c;dW50ZXJtaW5hdGVk",                 # unterminated clipboard write
    ESC + "P1;2|unterminated dcs",
    ESC + "[",                                      # CSI cut short
    ESC + ESC + "[0m]0;doubled" + BEL,
    ESC + "7" + ESC + "8" + ESC + "c",              # save/restore cursor, full reset
    "\x00", "\x7f", BEL, "\x08", "\x0b", "\x0c", "\r", "\x1a", "\x85",
)
BIDI: tuple[str, ...] = (
    "\u202e",  # RLO
    "\u202d",  # LRO
    "\u202a",  # LRE
    "\u202b",  # RLE
    "\u202c",  # PDF
    "\u2066",  # LRI
    "\u2067",  # RLI
    "\u2068",  # FSI
    "\u2069",  # PDI
    "\ufeff",  # BOM
    "\ufff9\ufffa\ufffb",  # interlinear annotation
)
MARKUP: tuple[str, ...] = (
    "[/]",
    "[@click=app.quit]x[/]",
    "[@click=app.bell]بزن[/]",
    "[link=file:///etc/passwd]x[/link]",
    "[link=javascript:alert(1)]x[/link]",
    "[bold",
    "[/bold]",
    "[b]درشت[/b][i",
    "[on red]",
    "$accent",
    "\\[escaped]",
    "<antirez>",
    "{{ template }} %s %n",
)
COMBINING = "ب" + "\u0651" * 5000 + "x" + "\u0301" * 3000
"""Thousands of combining marks on two bases."""
HUGE = ("سرخط بسیار بلند " * 70_000)[: 1 << 20]
"""A 1 MB (in characters) title."""

FIXED: tuple[str, ...] = (
    *ESCAPES,
    *BIDI,
    *MARKUP,
    *(f"{PERSIAN} {piece} پایان" for piece in (*ESCAPES, *BIDI, *MARKUP)),
    PERSIAN + "".join(ESCAPES) + "".join(BIDI) + "".join(MARKUP),
    "\u202eفایل‌txt.exe" + "\u202c",
    "abc\u2067\u202e123\u2069def",
    COMBINING,
    HUGE,
    HUGE[:2000] + ESC + "]52;c;" + "A" * 5000 + BEL,
)
"""Every hostile string of the fixed list (with each piece alone and inside Persian text)."""

MARKUP_LITERAL = "[@click=app.quit]"
"""A markup fragment that must appear literally on screen (and run nothing)."""


def c0_c1() -> st.SearchStrategy[str]:
    """Single control characters: C0, DEL and C1."""
    return st.sampled_from([chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))])


def escape_sequences() -> st.SearchStrategy[str]:
    """Escape sequences built from parts: any introducer, random parameters, maybe a
    terminator — so unterminated and malformed ones come up too."""
    introducers = st.sampled_from(
        [ESC + "[", ESC + "]", ESC + "P", ESC + "_", ESC + "^", ESC + "X", ESC, "\x9b", "\x9d",
         "\x90", "\x9e", "\x9f", "\x98", ESC + "]52;c;", ESC + "]0;", ESC + "]2;", ESC + "]8;;"])
    params = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12)
    terminators = st.sampled_from(["", BEL, ST, "\x9c", "m", "H", "\n", ESC])
    return st.builds(lambda a, b, c: a + b + c, introducers, params, terminators)


def persian_text() -> st.SearchStrategy[str]:
    """Persian letters, digits, ZWNJ, spaces and harakat."""
    return st.text(
        alphabet=st.sampled_from([*"ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأؤئ۰۱۲۳۴۵۶۷۸۹ ",
                                  "\u200c", "\u064e", "\u0650", "\u0651"]),
        max_size=30,
    )


def hostile_pieces() -> st.SearchStrategy[str]:
    """One hostile piece: a control, a sequence, a bidi control, markup or a mark run."""
    return st.one_of(
        c0_c1(),
        escape_sequences(),
        st.sampled_from(BIDI),
        st.sampled_from(MARKUP),
        st.sampled_from(ESCAPES),
        st.integers(min_value=17, max_value=400).map(lambda n: "ه" + "\u0654" * n),
    )


def hostile_text() -> st.SearchStrategy[str]:
    """Persian text with hostile pieces between its words, plus fully arbitrary text."""
    mixed = st.lists(st.one_of(persian_text(), hostile_pieces()), max_size=12).map("".join)
    return st.one_of(mixed, st.text(max_size=200))


def forbidden(text: str, *, multiline: bool) -> list[str]:
    """The characters in `text` that cleaned text must never hold (empty when clean): C0
    (except \\n and \\t in multiline text), DEL, C1, ESC, bidi embedding/override/isolate
    controls, BOM, interlinear annotation; for single-line text also \\n, \\t and bidi marks."""
    allowed = "\n\t" if multiline else ""
    banned_format = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                        "\ufeff\ufff9\ufffa\ufffb")
    if not multiline:
        banned_format |= set("\u200e\u200f\u061c")
    bad = []
    for ch in text:
        code = ord(ch)
        if (code < 0x20 and ch not in allowed) or 0x7F <= code < 0xA0 or ch in banned_format:
            bad.append(f"U+{code:04X}")
    return bad


def longest_mark_run(text: str) -> int:
    """The longest run of combining marks in `text`."""
    best = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Mc", "Me") else 0
        best = max(best, run)
    return best
