"""Facts about Python source (functions and their lengths, imports, Streamlit magic), parsed in a child interpreter.

Why a child: CPython 3.11 keeps the syntax-tree converter's recursion depth in state shared by every
thread (CPython issue gh-106905), and 3.11 parses a source line each time it formats a traceback (for the
``^^^`` carets). So ``ast.parse`` in the test process fails with "SystemError: AST constructor recursion
depth mismatch" whenever a traceback is formatted during the parse: by another thread, or by a finaliser
that the parse's own allocations set off. CI saw it once, while a crashed browser's leftover kaleido tasks
logged their errors (the renderer now logs those quietly). A child interpreter runs no other thread and
holds no such leftovers, so the tests that read the code's syntax ask it instead.

Run as ``python -m tests.support.syntax``: reads ``{"name": "source", ...}`` as JSON on stdin and writes
``{"name": {"functions": [[name, lines], ...], "imports": [...], "magic_writes": n}, ...}``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE_FOLDERS = ("coverage", "pages", "ui")


def code_files() -> list[Path]:
    """Every Python file of the app: the engine, the pages, their Streamlit helpers and app.py."""
    files = [ROOT / "app.py"]
    for folder in CODE_FOLDERS:
        files.extend(sorted((ROOT / folder).rglob("*.py")))
    return files


def facts_of(sources: dict[str, str]) -> dict[str, dict]:
    """Each source's facts, keyed as given; a source that does not parse fails the call with the child's error."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.syntax"],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    if done.returncode != 0:
        raise RuntimeError(f"parsing in a child interpreter failed:\n{done.stderr}")
    return json.loads(done.stdout)


@cache
def code_facts() -> dict[str, dict]:
    """Facts of every code file, keyed by its path relative to the project (parsed once per test run)."""
    return facts_of({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in code_files()})


def _functions(tree: ast.AST) -> list[list]:
    """[name, lines] of every function and method, decorators left out."""
    return [
        [node.name, node.end_lineno - node.lineno + 1]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def _imports(tree: ast.AST) -> list[str]:
    """Every module named by an import: ``import a.b`` gives a.b, ``from a.b import c`` gives a.b."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _magic_writes(source: str, name: str) -> int:
    """How many expressions Streamlit's magic would draw if it were on."""
    from streamlit.runtime.scriptrunner import magic

    return ast.unparse(magic.add_magic(source, name)).count("__streamlitmagic__.transparent_write")


def _main() -> None:
    sources = json.loads(sys.stdin.read())
    facts = {}
    for name, source in sources.items():
        tree = ast.parse(source, filename=name)
        facts[name] = {
            "functions": _functions(tree),
            "imports": _imports(tree),
            "magic_writes": _magic_writes(source, name),
        }
    json.dump(facts, sys.stdout)


if __name__ == "__main__":
    _main()
