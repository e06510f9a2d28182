"""Terminal bidi mode detection."""

from __future__ import annotations

import pytest

from madara_tui.text import (
    EXPLICIT_MODE,
    IMPLICIT_MODE,
    BidiMode,
    resolve_bidi_mode,
    wants_explicit_mode,
)


@pytest.mark.parametrize(("env", "mode", "explicit"), [
    ({"VTE_VERSION": "7600"}, BidiMode.APP, True),
    ({"VTE_VERSION": "5800"}, BidiMode.APP, True),
    ({"VTE_VERSION": "5202"}, BidiMode.APP, False),
    ({"TERM_PROGRAM": "mintty"}, BidiMode.APP, True),
    ({"KONSOLE_VERSION": "230805"}, BidiMode.TERMINAL, False),
    ({"MLTERM": "3.9.3"}, BidiMode.TERMINAL, False),
    ({"TERM": "xterm-256color"}, BidiMode.APP, False),
    ({}, BidiMode.APP, False),
    ({"VTE_VERSION": "junk"}, BidiMode.APP, False),
])
def test_auto(env: dict[str, str], mode: BidiMode, explicit: bool) -> None:
    assert resolve_bidi_mode("auto", env) is mode
    assert wants_explicit_mode(env) is explicit


def test_explicit_settings_win() -> None:
    assert resolve_bidi_mode("terminal", {"VTE_VERSION": "7600"}) is BidiMode.TERMINAL
    assert resolve_bidi_mode("APP", {"KONSOLE_VERSION": "1"}) is BidiMode.APP
    with pytest.raises(ValueError):
        resolve_bidi_mode("sideways", {})


def test_sequences() -> None:
    assert (EXPLICIT_MODE, IMPLICIT_MODE) == ("\x1b[8l", "\x1b[8h")
    assert BidiMode("app") is BidiMode.APP
