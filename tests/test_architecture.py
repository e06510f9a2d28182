"""The layers hold and no module imports itself back: the import-linter contracts in
pyproject.toml pass, they fail when a layer is crossed (checked on a copy of the package with
one bad import added), and the import graph — imports inside functions and under
TYPE_CHECKING included — has no cycle at all, between packages or within one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import madara_tui

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(madara_tui.__file__).resolve().parent
LINT_IMPORTS = Path(sys.prefix) / "import-linter" / "bin" / "lint-imports"
"""import-linter lives in an environment of its own inside .venv (see the Makefile)."""


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the package found in `src`, with the project's contracts."""
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} is missing: `make lint` (or `make test`) builds it")
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=src, env=env, capture_output=True, text=True, timeout=120)


def cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Every set of modules that import one another in a circle (Tarjan's strongly connected
    components of more than one module, or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(start: str) -> None:
        # Iterative, so a long chain of imports cannot hit the recursion limit.
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(
                        child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                loops = node in graph.find_modules_directly_imported_by(node)
                if len(component) > 1 or loops:
                    found.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def copy_package(tmp_path: Path) -> Path:
    """A copy of the package's source to break on purpose; returns its `src`."""
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "madara_tui",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return src


def add_line(path: Path, after: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert after in text, f"{path.name} no longer has {after!r}"
    path.write_text(text.replace(after, after + line, 1), encoding="utf-8")


def test_the_contracts_hold() -> None:
    result = lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_import_graph_has_no_cycle() -> None:
    graph = grimp.build_graph("madara_tui", cache_dir=None)
    assert "madara_tui.ui.screens.article" in graph.modules  # the UI is seen, not skipped
    assert cycles(graph) == []


def test_the_cycle_finder_sees_a_circle_through_a_function_import() -> None:
    graph = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    graph.add_import(importer="p.c", imported="p.a")
    assert cycles(graph) == [{"p.a", "p.b", "p.c"}]


@pytest.mark.slow
@pytest.mark.parametrize(("module", "after", "line", "contract"), [
    # A screen reading the store itself, hidden under TYPE_CHECKING.
    ("ui/screens/article.py", "from __future__ import annotations\n",
     "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
     "    from madara_tui.store import Store\n",
     "The service is the one door"),
    # The store reaching up into the service.
    ("store/userdata.py", "from __future__ import annotations\n",
     "import madara_tui.service.core\n", "Layers"),
    # The outbox calling back into the service, from inside a function.
    ("service/outbox.py", "def _now() -> datetime:\n",
     "    from madara_tui.service.core import Service  # noqa: F401\n",
     "No import cycles"),
    # A screen importing the app.
    ("ui/screens/base.py", "from __future__ import annotations\n",
     "import madara_tui.ui.app\n", "No import cycles"),
    # The text engine drawing with Rich.
    ("text/width.py", "from __future__ import annotations\n",
     "import rich.text\n", "free of Textual and Rich"),
])
def test_a_crossed_layer_breaks_the_contracts(tmp_path: Path, module: str, after: str,
                                              line: str, contract: str) -> None:
    src = copy_package(tmp_path)
    add_line(src / "madara_tui" / module, after, line)
    result = lint_imports(src)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    report = " ".join(result.stdout.split())
    assert broken and contract in report.split("Broken contracts")[1], result.stdout


def test_only_the_command_line_sees_argparse() -> None:
    """cli.py turns the arguments into typed `Overrides`; commands read their own options; the
    runtime, the config, the service and the reader never see an argparse Namespace."""
    graph = grimp.build_graph("madara_tui", cache_dir=None, include_external_packages=True)
    users = graph.find_modules_that_directly_import("argparse")
    assert users, "argparse not found in the graph"
    assert {m for m in users
            if m != "madara_tui.cli" and not m.startswith("madara_tui.commands.")} == set()
