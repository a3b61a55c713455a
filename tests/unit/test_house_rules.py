"""The house's size rules, kept by a test rather than by memory: no module in the code over 350 lines
and no function over 80, so a grab-bag module or a do-everything function fails the day it appears
instead of at the next reading of the code (issue 22 split the last ones).

The syntax is read in a child interpreter (tests/support/syntax.py says why).
"""

from __future__ import annotations

import pytest

from tests.support.syntax import ROOT, code_facts, code_files, facts_of

pytestmark = pytest.mark.unit

MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 80


def long_functions(facts: dict, limit: int) -> list[tuple[str, int]]:
    """(name, lines) of each function or method in one file's facts longer than ``limit`` lines."""
    return [(name, lines) for name, lines in facts["functions"] if lines > limit]


def test_the_rule_finds_a_long_function_and_passes_a_short_one():
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    short = "\n".join(f"    x{i} = {i}" for i in range(79))
    nested = "class C:\n    def method(self):\n" + "\n".join(f"        y{i} = {i}" for i in range(80))
    facts = facts_of({"long": f"def long():\n{body}\n", "fits": f"def fits():\n{short}\n", "nested": nested})
    assert long_functions(facts["long"], 80) == [("long", 81)]
    assert long_functions(facts["long"], 81) == []
    assert long_functions(facts["fits"], 80) == []
    assert long_functions(facts["nested"], 80) == [("method", 81)]


def test_the_child_reports_imports_and_a_source_that_does_not_parse():
    facts = facts_of({"m": "import a.b, c\nfrom d.e import f\nfrom . import g\n"})
    assert facts["m"]["imports"] == ["a.b", "c", "d.e"]
    with pytest.raises(RuntimeError, match="SyntaxError"):
        facts_of({"broken": "def (:\n"})


def test_the_code_files_include_every_package():
    names = {p.relative_to(ROOT).parts[0] for p in code_files()}
    assert names == {"app.py", "coverage", "pages", "ui"}
    assert len(code_files()) > 150
    assert set(code_facts()) == {str(p.relative_to(ROOT)) for p in code_files()}


def test_no_module_is_over_350_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in code_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_80_lines():
    long = {
        f"{path}:{name}": n
        for path, facts in code_facts().items()
        for name, n in long_functions(facts, MAX_FUNCTION_LINES)
    }
    assert long == {}
