"""Who reorders right-to-left text: this program (`app`) or the terminal (`terminal`).

The freedesktop "BiDi in terminal emulators" recommendation gives terminals two modes:
*implicit* (the terminal reorders each line itself) and *explicit* (the application sends
visual order and the terminal leaves it alone; `ESC[8l` switches to it, `ESC[8h` back).

In app mode the program sends `ESC[8l` on start and `ESC[8h` on every way out **whatever the
environment says**: over ssh `VTE_VERSION` is not forwarded, and terminals that don't know mode 8
(xterm, Konsole, kitty, tmux itself) ignore it. Inside tmux the sequence is also sent wrapped for
tmux's passthrough (`ESC P tmux; ESC ESC[8l ESC \\`), which reaches the outer terminal when the
pane's `allow-passthrough` option is on (see `mode_switch`).

Rules of `resolve_bidi_mode("auto", env)`, first match wins:

1. `VTE_VERSION` ≥ 5800 (GNOME Terminal, Tilix, … on VTE 0.58+) or mintty: **app**.
2. Konsole (`KONSOLE_VERSION` set) or mlterm (`MLTERM` set): **terminal**. With their own bidi
   on (their default) visual-order text would come out backwards; the documented setup turns it
   off (Konsole: profile → Appearance → "Bi-Directional text rendering" off; mlterm:
   `--ctl=false`) and runs with `--bidi app`.
3. Anything else (xterm, Alacritty, Windows Terminal, kitty, tmux, VTE over ssh, …): **app**.

`app` and `terminal` given explicitly are returned as they are. The setting comes from `--bidi`,
the config file or the `MADARA_TUI_BIDI` environment variable (`madara_tui.config` picks it).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

EXPLICIT_MODE = "\x1b[8l"
"""Sequence that asks a bidi-aware terminal to show text as sent (the application reorders)."""
IMPLICIT_MODE = "\x1b[8h"
"""Sequence that gives reordering back to the terminal (its default); send on exit."""

VTE_EXPLICIT_SINCE = 5800
"""First VTE version (0.58, written 5800 in VTE_VERSION) that implements the bidi modes."""


class BidiMode(StrEnum):
    """Who turns logical text into what the screen shows."""

    APP = "app"
    """This program shapes and reorders; lines are sent in visual order."""
    TERMINAL = "terminal"
    """Lines are sent in logical order, unshaped; the terminal shapes and reorders."""


def _vte_version(env: Mapping[str, str]) -> int | None:
    raw = env.get("VTE_VERSION", "").strip()
    return int(raw) if raw.isdigit() else None


def _is_mintty(env: Mapping[str, str]) -> bool:
    return env.get("TERM_PROGRAM", "").lower() == "mintty" or "MINTTY_SHORTCUT" in env


def _honours_mode_8(env: Mapping[str, str]) -> bool:
    """True when `env` shows a terminal known to honour `ESC[8l` (VTE ≥ 0.58, mintty)."""
    vte = _vte_version(env)
    return (vte is not None and vte >= VTE_EXPLICIT_SINCE) or _is_mintty(env)


def in_multiplexer(env: Mapping[str, str]) -> str | None:
    """"tmux" or "screen" when the program runs inside one (they draw their own screen and
    swallow the mode switch), else None."""
    if env.get("TMUX"):
        return "tmux"
    if env.get("STY"):
        return "screen"
    return None


def in_kitty(env: Mapping[str, str]) -> bool:
    """True when the program's output is drawn by kitty (also through ssh or tmux inside it).

    kitty has no bidi algorithm, yet it shapes each run of Arabic-script cells right to left
    with HarfBuzz: text already in visual order comes out with every word's letters (and every
    number's digits) backwards, and logical text with its words in order but numbers reversed.
    Its `force_ltr` option turns that off, and then app mode shows right (docs/terminals.md).
    """
    return env.get("TERM") == "xterm-kitty" or "KITTY_WINDOW_ID" in env


def tmux_passthrough(sequence: str) -> str:
    """`sequence` wrapped for tmux's passthrough: tmux ≥ 3.3 hands it to the outer terminal
    when `allow-passthrough` is on, and drops it otherwise."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def mode_switch(env: Mapping[str, str]) -> tuple[str, str]:
    """(enter, leave): what to write for explicit mode at start and for implicit mode on exit.

    Always the plain sequences; inside tmux followed by their passthrough-wrapped form, so the
    outer terminal gets them too when tmux allows it.
    """
    if in_multiplexer(env) == "tmux":
        return (EXPLICIT_MODE + tmux_passthrough(EXPLICIT_MODE),
                IMPLICIT_MODE + tmux_passthrough(IMPLICIT_MODE))
    return EXPLICIT_MODE, IMPLICIT_MODE


def resolve_bidi_mode(setting: str, env: Mapping[str, str]) -> BidiMode:
    """The mode for `setting` ("auto", "app" or "terminal"); "auto" follows the module's rules.

    Raises ValueError for any other setting.
    """
    value = setting.strip().lower()
    if value == BidiMode.APP:
        return BidiMode.APP
    if value == BidiMode.TERMINAL:
        return BidiMode.TERMINAL
    if value != "auto":
        raise ValueError(f"bidi mode must be auto, app or terminal, not {setting!r}")
    if _honours_mode_8(env):
        return BidiMode.APP
    if "KONSOLE_VERSION" in env or "MLTERM" in env:
        return BidiMode.TERMINAL
    return BidiMode.APP
