"""The renderer uses kaleido's public API only, and still recognises kaleido's own errors as render failures.

If a kaleido upgrade moved its error classes, ``render_failures`` would quietly fall back to the built-in
errors and a KaleidoError (which derives from Exception, not RuntimeError) would escape as a traceback;
this test fails that day instead.
"""

from __future__ import annotations

import ast

import pytest
from choreographer.errors import DevtoolsProtocolError
from kaleido.errors import KaleidoError

from coverage import paths
from coverage.exports import images

pytestmark = pytest.mark.unit


def test_kaleidos_own_errors_count_as_render_failures_and_ctrl_c_never_does():
    failures = images.render_failures()
    assert KaleidoError in failures and DevtoolsProtocolError in failures
    assert not any(issubclass(stop, failures) for stop in (KeyboardInterrupt, SystemExit))


def test_no_module_imports_a_private_module_of_kaleido_or_choreographer():
    private = []
    for path in sorted((paths.PROJECT_ROOT / "coverage").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            private += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in ("kaleido", "choreographer") and "._" in n
            ]
    assert private == []
