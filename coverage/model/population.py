"""The 1001-days population: babies aged 0 and 1 plus pregnancies in progress.

Pregnancies are estimated as ``270/365 x annual births``: a pregnancy lasts about 270 days,
so at any moment that fraction of a year's births are on the way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage.model.assumptions import PREGNANCY_DAYS, Assumptions

FALLBACK_NOTE = "registered births not published for this area in the atlas's sources; babies aged 0 used"


def annual_births(atoms: pd.DataFrame, assumptions: Assumptions) -> tuple[pd.Series, pd.Series]:
    """Births per atom under the chosen basis, and a note per atom where it fell back."""
    if assumptions.births_basis == "age0":
        return atoms["age0"].astype(float), pd.Series("", index=atoms.index)
    registered = atoms["births_registered"]
    fell_back = registered.isna()
    births = registered.where(~fell_back, atoms["age0"]).astype(float)
    notes = pd.Series(np.where(fell_back, FALLBACK_NOTE, atoms["births_registered_note"].fillna("")), index=atoms.index)
    return births, notes


def population_1001(age0: pd.Series, age1: pd.Series, births: pd.Series) -> pd.Series:
    return age0 + age1 + births * PREGNANCY_DAYS / 365
