"""The renderer uses kaleido's public API only, and still recognises kaleido's own errors as render failures.

If a kaleido upgrade moved its error classes, ``render_failures`` would quietly fall back to the built-in
errors and a KaleidoError (which derives from Exception, not RuntimeError) would escape as a traceback;
this test fails that day instead.
"""

from __future__ import annotations

import pytest
from choreographer.errors import DevtoolsProtocolError
from kaleido.errors import KaleidoError

from coverage.exports import images
from tests.support.syntax import code_facts

pytestmark = pytest.mark.unit


def test_kaleidos_own_errors_count_as_render_failures_and_ctrl_c_never_does():
    failures = images.render_failures()
    assert KaleidoError in failures and DevtoolsProtocolError in failures
    assert not any(issubclass(stop, failures) for stop in (KeyboardInterrupt, SystemExit))


def test_no_module_imports_a_private_module_of_kaleido_or_choreographer():
    engine = {path: facts for path, facts in code_facts().items() if path.startswith("coverage/")}
    assert any("kaleido" in name for facts in engine.values() for name in facts["imports"])
    private = [
        f"{path}: {name}"
        for path, facts in engine.items()
        for name in facts["imports"]
        if name.split(".")[0] in ("kaleido", "choreographer") and "._" in name
    ]
    assert private == []
