"""The core (text engine, client, store, service, demo site, CLI commands) must be usable without
the UI: importing any core module in a fresh interpreter must not pull in Textual or Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import madara_tui

UI_MODULES = ("madara_tui.ui", "madara_tui.commands.reader")


def core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(madara_tui.__path__, prefix="madara_tui.")
        if not info.name.startswith(UI_MODULES) and info.name != "madara_tui.__main__"
    ]
    return sorted(names)


def test_core_module_list_covers_the_engine() -> None:
    modules = core_modules()
    assert "madara_tui.text" in modules
    assert "madara_tui.models" in modules
    assert not any(m.startswith("madara_tui.ui") for m in modules)


def test_core_imports_leave_textual_and_rich_out() -> None:
    modules = core_modules()
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "    if bad:\n"
        "        sys.exit(f'{name} imported {bad[:3]}')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or result.stdout
