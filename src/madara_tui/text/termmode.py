"""Who reorders right-to-left text: this program (`app`) or the terminal (`terminal`).

The freedesktop "BiDi in terminal emulators" recommendation gives terminals two modes:
*implicit* (the terminal reorders each line itself) and *explicit* (the application sends
visual order and the terminal leaves it alone; `ESC[8l` switches to it, `ESC[8h` back).

Rules of `resolve_bidi_mode("auto", env)`, first match wins:

1. `VTE_VERSION` ≥ 5800 (GNOME Terminal, Tilix, … on VTE 0.58+): **app**; the terminal honours
   `ESC[8l`, so the caller sends it (see `wants_explicit_mode`) and `ESC[8h` on exit.
2. mintty (`TERM_PROGRAM=mintty` or `MINTTY_SHORTCUT` set): **app**, with the explicit-mode
   sequence as for VTE.
3. Konsole (`KONSOLE_VERSION` set) or mlterm (`MLTERM` set): **terminal**. They always reorder and
   cannot be told not to, so visual-order text would come out backwards; send logical text.
4. Anything else (xterm, Alacritty, Windows Terminal, kitty, tmux, older VTE, …): **app**, with no
   explicit-mode sequence (these terminals do no bidi, or none that can be switched off).

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


def wants_explicit_mode(env: Mapping[str, str]) -> bool:
    """True when the terminal described by `env` honours `ESC[8l` (VTE ≥ 0.58, mintty).

    In app mode the caller should then send `EXPLICIT_MODE` at start and `IMPLICIT_MODE` on exit,
    a crash included; elsewhere sending them is pointless.
    """
    vte = _vte_version(env)
    return (vte is not None and vte >= VTE_EXPLICIT_SINCE) or _is_mintty(env)


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
    if wants_explicit_mode(env):
        return BidiMode.APP
    if "KONSOLE_VERSION" in env or "MLTERM" in env:
        return BidiMode.TERMINAL
    return BidiMode.APP
