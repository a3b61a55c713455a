"""Which vintage of each source the atlas is built on, in words, from ``data/manifest.json``.

After ``python -m coverage refresh`` the manifest names the newer vintages and when they were
fetched; the sidebar, footer and Methods page read them from here rather than from text typed
into the pages, so they can never disagree with the data.
"""

from __future__ import annotations

KEY_SOURCES = (("Population", "mye"), ("Births", "births"), ("District boundaries", "boundaries_lad"))


def _find(manifest: dict, prefix: str) -> dict | None:
    return next((s for s in manifest.get("sources", []) if str(s.get("id", "")).startswith(prefix)), None)


def population_label(manifest: dict) -> str:
    """'ONS mid-2022' from the population source's id (``mye2022``); 'unknown' if absent."""
    src = _find(manifest, "mye")
    year = str(src.get("id", ""))[3:] if src else ""
    return f"ONS mid-{year}" if year.isdigit() else "unknown vintage"


def refreshed_on(manifest: dict) -> str:
    """Date of the latest refresh from the publishers ('' if the atlas was built from stored files)."""
    dates = [str(s["retrieved"].get("at", ""))[:10] for s in manifest.get("sources", []) if s.get("retrieved")]
    return max(dates) if dates else ""


def retrieval_note(source: dict) -> str:
    """'Fetched 2026-11-30 from the publisher's service.' for a refreshed source, else ''."""
    got = source.get("retrieved") or {}
    return f"Fetched {str(got.get('at', ''))[:10]} from the publisher's service." if got else ""


def vintage_line(manifest: dict) -> str:
    """One line naming the vintages the figures rest on, for the footer."""
    parts = []
    for label, prefix in KEY_SOURCES:
        src = _find(manifest, prefix)
        if src and src.get("vintage"):
            parts.append(f"{label}: {src['vintage']}")
    if not parts:
        return "Data vintage: see Methods and data."
    when = refreshed_on(manifest)
    return "Data vintage. " + "; ".join(parts) + (f". Refreshed from the publishers on {when}." if when else ".")
