"""The versioned cache: every raw response a refresh received, with its provenance.

One folder per run, named by its start time (``20261130T002100Z``), holding
``responses/NNN-<source>.<ext>`` byte for byte and ``manifest.json`` with, per response, the
URL (secrets redacted), retrieval time, HTTP status, sha256, size, ETag and Last-Modified; per
source, the upstream version or release date the source read from the service; and the change
report. Folders are never overwritten, so any earlier refresh can be replayed exactly with
``--from-cache``.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from pathlib import Path

from coverage.pipeline.refresh.errors import RefreshError
from coverage.pipeline.refresh.http import Fetched, without_secrets

MANIFEST = "manifest.json"
EXTENSIONS = {"text/csv": "csv", "application/json": "json", "application/geo+json": "geojson"}


def _extension(content_type: str) -> str:
    return EXTENSIONS.get(content_type.split(";")[0].strip().lower(), "bin")


class Cache:
    """Writes one refresh run's responses and manifest as they arrive."""

    def __init__(self, root: Path, version: str):
        self.version = version
        self.dir = root / version
        if self.dir.exists():
            raise RefreshError("cache", "", f"cache folder {self.dir} already exists; not overwriting it")
        (self.dir / "responses").mkdir(parents=True)
        self.doc: dict = {"version": version, "responses": [], "sources": {}}
        self._save()

    def record(self, fetched: Fetched) -> None:
        n = len(self.doc["responses"]) + 1
        name = f"responses/{n:03d}-{fetched.source}.{_extension(fetched.content_type)}"
        (self.dir / name).write_bytes(fetched.body)
        self.doc["responses"].append(
            {
                "source": fetched.source,
                "url": fetched.url,
                "status": fetched.status,
                "retrieved_at": fetched.retrieved_at,
                "sha256": fetched.sha256,
                "bytes": len(fetched.body),
                "etag": fetched.etag,
                "last_modified": fetched.last_modified,
                "content_type": fetched.content_type,
                "file": name,
            }
        )
        self._save()

    def note(self, key: str, value) -> None:
        """Record a top-level fact of the run (source versions, outcome, report)."""
        self.doc[key] = value
        self._save()

    def _save(self) -> None:
        text = json.dumps(self.doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        (self.dir / MANIFEST).write_text(text, encoding="utf-8")


def replayer(folder: Path):
    """Answers requests from an earlier run's cache, in the order they were first answered.

    Requests are matched on their URL without secret parameters, so a run made with a Nomis key
    replays without one, and the other way round.
    """
    path = folder / MANIFEST
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        records = doc["responses"]
    except (OSError, ValueError, KeyError, TypeError):
        raise RefreshError("cache", "", f"{path} is not a refresh cache manifest") from None
    queues: dict[tuple[str, str], deque] = defaultdict(deque)
    for rec in records:
        if rec.get("status") == 200:
            queues[(rec["source"], without_secrets(rec["url"]))].append(rec)

    def replay(source: str, url: str) -> Fetched:
        queue = queues.get((source, without_secrets(url)))
        if not queue:
            raise RefreshError(source, url, f"this request is not in the cache {folder}")
        rec = queue[0] if len(queue) == 1 else queue.popleft()
        try:
            body = (folder / rec["file"]).read_bytes()
        except OSError:
            raise RefreshError(source, url, f"cached file {rec['file']} is missing") from None
        fetched = Fetched(
            source=source,
            url=url,
            status=200,
            body=body,
            retrieved_at=rec["retrieved_at"],
            etag=rec.get("etag", ""),
            last_modified=rec.get("last_modified", ""),
            content_type=rec.get("content_type", ""),
        )
        if fetched.sha256 != rec["sha256"]:
            raise RefreshError(source, url, f"cached file {rec['file']} does not match its recorded sha256")
        return fetched

    return replay
