"""Terminal bidi mode detection."""

from __future__ import annotations

import pytest

from madara_tui.text import (
    EXPLICIT_MODE,
    IMPLICIT_MODE,
    BidiMode,
    in_multiplexer,
    mode_switch,
    resolve_bidi_mode,
)


@pytest.mark.parametrize(("env", "mode"), [
    ({"VTE_VERSION": "7600"}, BidiMode.APP),
    ({"VTE_VERSION": "5800"}, BidiMode.APP),
    ({"VTE_VERSION": "5202"}, BidiMode.APP),
    ({"TERM_PROGRAM": "mintty"}, BidiMode.APP),
    ({"KONSOLE_VERSION": "230805"}, BidiMode.TERMINAL),
    ({"MLTERM": "3.9.3"}, BidiMode.TERMINAL),
    ({"TERM": "xterm-256color"}, BidiMode.APP),
    ({}, BidiMode.APP),
    ({"VTE_VERSION": "junk"}, BidiMode.APP),
])
def test_auto(env: dict[str, str], mode: BidiMode) -> None:
    assert resolve_bidi_mode("auto", env) is mode


@pytest.mark.parametrize("env", [{}, {"TERM": "xterm"}, {"VTE_VERSION": "7600"},
                                 {"SSH_CONNECTION": "10.0.0.2 5000 10.0.0.1 22"}])
def test_the_mode_switch_is_sent_whatever_the_environment_says(env: dict[str, str]) -> None:
    # Over ssh nothing tells a VTE terminal apart: the switch goes out everywhere.
    assert mode_switch(env) == (EXPLICIT_MODE, IMPLICIT_MODE)


def test_inside_tmux_the_switch_also_goes_through_passthrough() -> None:
    enter, leave = mode_switch({"TMUX": "/tmp/tmux-0/default,1,0", "TMUX_PANE": "%0"})
    assert enter == "\x1b[8l\x1bPtmux;\x1b\x1b[8l\x1b\\"
    assert leave == "\x1b[8h\x1bPtmux;\x1b\x1b[8h\x1b\\"
    assert in_multiplexer({"TMUX": "x"}) == "tmux"
    assert in_multiplexer({"STY": "1.pts-0"}) == "screen"
    assert in_multiplexer({}) is None


def test_explicit_settings_win() -> None:
    assert resolve_bidi_mode("terminal", {"VTE_VERSION": "7600"}) is BidiMode.TERMINAL
    assert resolve_bidi_mode("APP", {"KONSOLE_VERSION": "1"}) is BidiMode.APP
    with pytest.raises(ValueError):
        resolve_bidi_mode("sideways", {})


def test_sequences() -> None:
    assert (EXPLICIT_MODE, IMPLICIT_MODE) == ("\x1b[8l", "\x1b[8h")
    assert BidiMode("app") is BidiMode.APP
