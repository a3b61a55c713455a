"""The house's size rules, kept by a test rather than by memory: no module in the code over 350 lines
and no function over 80, so a grab-bag module or a do-everything function fails the day it appears
instead of at the next reading of the code (issue 22 split the last ones).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 80


def code_files() -> list[Path]:
    """Every Python file of the app: the engine, the pages, their Streamlit helpers and app.py."""
    files = [ROOT / "app.py"]
    for folder in ("coverage", "pages", "ui"):
        files.extend(sorted((ROOT / folder).rglob("*.py")))
    return files


def long_functions(source: str, limit: int) -> list[tuple[str, int]]:
    """(name, lines) of each function or method longer than ``limit`` lines, decorators left out."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = node.end_lineno - node.lineno + 1
            if lines > limit:
                found.append((node.name, lines))
    return found


def test_the_rule_finds_a_long_function_and_passes_a_short_one():
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    assert long_functions(f"def long():\n{body}\n", 80) == [("long", 81)]
    assert long_functions(f"def fits():\n{body}\n", 81) == []
    nested = "class C:\n    def method(self):\n" + "\n".join(f"        y{i} = {i}" for i in range(80))
    assert long_functions(nested, 80) == [("method", 81)]


def test_the_code_files_include_every_package():
    names = {p.relative_to(ROOT).parts[0] for p in code_files()}
    assert names == {"app.py", "coverage", "pages", "ui"}
    assert len(code_files()) > 150


def test_no_module_is_over_350_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in code_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_80_lines():
    long = {
        f"{p.relative_to(ROOT)}:{name}": n
        for p in code_files()
        for name, n in long_functions(p.read_text(encoding="utf-8"), MAX_FUNCTION_LINES)
    }
    assert long == {}
