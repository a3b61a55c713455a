"""The committed manifest: every source with its licence, vintage and a checksum that matches."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.unit.pipeline.committed import AREA_COUNTS, DATA, SHARED


@pytest.fixture(scope="module")
def manifest():
    return json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_lists_sources_with_licence_and_checksums(manifest):
    sources = manifest["sources"]
    assert sources
    ids = [s["id"] for s in sources]
    assert len(ids) == len(set(ids))
    for src in sources:
        assert src.get("licence", "").strip(), src["id"]
        assert src.get("title", "").strip(), src["id"]
        assert src["files"], src["id"]
        assert set(src["sha256"]) == set(src["files"]), src["id"]


@pytest.mark.needs("shared")
def test_manifest_checksums_match_the_shared_files(manifest):
    for src in manifest["sources"]:
        for rel, digest in src["sha256"].items():
            path = SHARED / rel
            assert path.is_file(), f"{src['id']}: {rel} not found in {SHARED}"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{src['id']}: {rel} has changed"


def test_manifest_area_counts_match(manifest):
    assert manifest["areas_per_level"] == AREA_COUNTS
    assert manifest["attribution"]
