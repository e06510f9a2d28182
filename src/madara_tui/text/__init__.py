"""The Persian text engine: cleaning, cell widths, shaping, bidi layout, digits and search keys,
Jalali dates, terminal bidi mode. Pure functions; no Textual, no Rich, no I/O."""

from madara_tui.text.clean import clean_text
from madara_tui.text.jalali import (
    TEHRAN,
    format_date,
    format_jalali,
    format_local,
    format_relative,
    parse_persian_date,
    usable_date,
)
from madara_tui.text.layout import Paragraph, ScreenLine, Span, layout_text
from madara_tui.text.persian import search_key, to_ascii_digits, to_persian_digits
from madara_tui.text.shaping import shape
from madara_tui.text.termmode import (
    EXPLICIT_MODE,
    IMPLICIT_MODE,
    BidiMode,
    in_kitty,
    in_multiplexer,
    mode_switch,
    resolve_bidi_mode,
)
from madara_tui.text.width import cell_width

__all__ = [
    "EXPLICIT_MODE",
    "IMPLICIT_MODE",
    "TEHRAN",
    "BidiMode",
    "Paragraph",
    "ScreenLine",
    "Span",
    "cell_width",
    "clean_text",
    "format_date",
    "format_jalali",
    "format_local",
    "format_relative",
    "in_kitty",
    "in_multiplexer",
    "layout_text",
    "mode_switch",
    "parse_persian_date",
    "resolve_bidi_mode",
    "search_key",
    "shape",
    "to_ascii_digits",
    "to_persian_digits",
    "usable_date",
]
