"""Messages for a person (notices, errors, «نتیجه‌ای پیدا نشد»), laid out like the content.

A terminal that does no bidi of its own (xterm, and VTE once told `ESC[8l`) shows a logical
Persian string backwards and unjoined. So on a terminal in app mode a message goes through the
text engine: shaped, in visual order, RTL lines right-aligned to the terminal's width, inside the
explicit-mode switch. Piped or redirected, and in terminal mode, it stays logical: a script or a
reordering terminal gets the text as written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from typing import TextIO

from madara_tui.config import BIDI_ENV
from madara_tui.text import BidiMode, Paragraph, mode_switch, resolve_bidi_mode

_setting: list[str] = []
"""The bidi setting in force (`--bidi`, the config, the environment), once it is known."""


def use_bidi_setting(setting: str | None) -> None:
    """Lay out later messages for `setting` ("auto", "app", "terminal"; None: the environment's
    variable, else auto)."""
    _setting[:] = [setting or os.environ.get(BIDI_ENV) or "auto"]


def for_terminal(text: str, stream: TextIO, env: Mapping[str, str] | None = None) -> str:
    """`text` (one message, possibly several lines) as it should be written to `stream`."""
    environ = os.environ if env is None else env
    isatty = getattr(stream, "isatty", None)
    if not text.strip() or isatty is None or not isatty():
        return text
    setting = _setting[0] if _setting else environ.get(BIDI_ENV) or "auto"
    try:
        mode = resolve_bidi_mode(setting, environ)
    except ValueError:
        return text
    if mode is not BidiMode.APP:
        return text
    width = max(shutil.get_terminal_size((80, 24)).columns, 10)
    rows: list[str] = []
    for line in text.split("\n"):
        laid = Paragraph(line, direction="content").lines(width, mode) if line.strip() else ()
        rows.extend(row.text.rstrip() for row in laid) if laid else rows.append("")
    enter, leave = mode_switch(environ)
    return enter + "\n".join(rows) + leave
