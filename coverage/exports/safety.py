"""Exports that are safe to open in a spreadsheet.

Following OWASP's CSV-injection guidance, a text cell starting with ``= + - @``, a tab or a
carriage return is prefixed with a single quote so Excel or LibreOffice shows it as text
instead of running it. Spreadsheets also skip leading spaces and line breaks before a
formula, so the trigger is looked for after any leading whitespace too. Numbers are left
alone so they stay numbers.
"""

from __future__ import annotations

import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and (value.startswith(DANGEROUS_START) or value.lstrip().startswith(DANGEROUS_START)):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def safe_csv(frame: pd.DataFrame) -> str:
    return safe_frame(frame).to_csv(index=False, lineterminator="\n")
