"""The other names people type for an area: ICB abbreviations, Welsh names, the usual short forms.

An ICB commissioner types "BNSSG", not "NHS Bristol, North Somerset and South Gloucestershire
Integrated Care Board"; a Welsh campaigner may type "Caerdydd". Most abbreviations follow one rule,
the initials of the name's words (so they need no list and cover new names): the place words for an
ICB or Scottish board ("Bristol, North Somerset and South Gloucestershire" gives BNSSG), every word
for a Welsh health board or a Northern Irish trust ("Betsi Cadwaladr University Health Board" gives
BCUHB). A short table holds the few that do not follow it. Initials shorter than three letters
("KM" for Kent and Medway) are left out: they would match far too much.
"""

from __future__ import annotations

import re

import pandas as pd

# Words that are not initialled: joining words, and the titles the rule adds back only where usual.
SKIP = {"and", "the", "of", "nhs", "integrated", "care", "board", "icb"}
MIN_INITIALS = 3

# Abbreviations the rule does not give, as each ICB names itself (on its own website and papers).
KNOWN = {
    "E54000040": ("BSW",),  # Bath and North East Somerset, Swindon and Wiltshire
    "E54000044": ("BOB",),  # Buckinghamshire, Oxfordshire and Berkshire West
    "E54000042": ("HIOW",),  # Hampshire and Isle of Wight
    "E54000036": ("CIOS",),  # Cornwall and the Isles of Scilly
    "E54000055": ("BSOL",),  # Birmingham and Solihull
    "E54000057": ("GM",),
}

# The 22 Welsh principal areas' official Welsh names (ONS Counties and Unitary Authorities, Dec 2023,
# column CTYUA23NMW), where they differ from the English name.
WELSH_COUNCILS = {
    "W06000001": "Ynys Môn",
    "W06000004": "Sir Ddinbych",
    "W06000005": "Sir y Fflint",
    "W06000006": "Wrecsam",
    "W06000009": "Sir Benfro",
    "W06000010": "Sir Gaerfyrddin",
    "W06000011": "Abertawe",
    "W06000012": "Castell-nedd Port Talbot",
    "W06000013": "Pen-y-bont ar Ogwr",
    "W06000014": "Bro Morgannwg",
    "W06000015": "Caerdydd",
    "W06000018": "Caerffili",
    "W06000021": "Sir Fynwy",
    "W06000022": "Casnewydd",
    "W06000024": "Merthyr Tudful",
}


def initials(name: str, every_word: bool = False) -> str:
    """The initials of a name's words, lower case ("Stoke-on-Trent" is three words)."""
    words = [w for w in re.split(r"[^\w]+", name.lower()) if w]
    if not every_word:
        words = [w for w in words if w not in SKIP]
    else:
        words = [w for w in words if w not in ("and", "the", "of")]
    return "".join(w[0] for w in words)


def _rule(row) -> list[str]:
    """Initials by the rule for a health area: place words for ICBs and boards, every word otherwise."""
    name = str(row.short_name if isinstance(row.short_name, str) and row.short_name else row.area_name)
    nhs = name.startswith("NHS ") or name.endswith(" ICB")
    found = initials(name, every_word=not nhs)
    return [found] if len(found) >= MIN_INITIALS else []


def other_names(areas: pd.DataFrame) -> list[tuple[str, str, str, bool]]:
    """(level, area code, name, whole only) for each name a person might type besides the official one.

    ``whole only`` marks an abbreviation: it matches only when typed whole ("bn" must not offer BNSSG).
    """
    out: list[tuple[str, str, str, bool]] = []
    for row in areas.itertuples():
        if isinstance(row.short_name, str) and row.short_name and row.short_name != row.area_name:
            out.append((row.level, row.area_code, row.short_name, False))
        if row.level == "health":
            for abbreviation in dict.fromkeys([*_rule(row), *(k.lower() for k in KNOWN.get(row.area_code, ()))]):
                out.append((row.level, row.area_code, abbreviation, True))
        if row.level in ("utla", "lad") and row.area_code in WELSH_COUNCILS:
            out.append((row.level, row.area_code, WELSH_COUNCILS[row.area_code], False))
    return out
