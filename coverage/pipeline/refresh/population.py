"""Ages 0 and 1 for every UK district, newest mid-year estimate, from Nomis ``NM_2002_1``.

One narrow query (``c_age=101,102``: ages 0 and 1; ``gender=0...2``: persons, males, females;
``geography=TYPE424``: districts on April 2023 boundaries) gives about 2,200 rows, and a
second, the same for the four countries (``TYPE499``), gives the totals the districts must add
up to. Written in the layout of ``population/tidy/population_age0_1_by_lad.csv`` so the build
reads it unchanged.

Checks: exact header; one date; the geography type text of April 2023 districts; every one of
the atlas's 361 districts and no other; each (district, age, sex) once; persons = males +
females; counts whole and plausible; districts add up to each country. A blank Scottish or
Northern Irish cell is the reference's open question 1 and stops the refresh by name (the
fall-back routes, NRS and NISRA, are not built).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from coverage.model.licence import OGL
from coverage.pipeline.refresh.errors import RefreshError, Unconfirmed
from coverage.pipeline.refresh.http import Client
from coverage.pipeline.refresh.nomis import dataset_info, fetch_csv, retrieved
from coverage.pipeline.refresh.source import (
    DISTRICT_KIND,
    NATION_NAMES,
    Districts,
    SourceResult,
    compare_codes,
)

SOURCE = "population"
DATASET = "NM_2002_1"
TITLE = "Population estimates - local authority based by single year of age"
HEADER = [
    "DATE_NAME",
    "GEOGRAPHY_CODE",
    "GEOGRAPHY_NAME",
    "GEOGRAPHY_TYPE",
    "GENDER_NAME",
    "C_AGE",
    "C_AGE_NAME",
    "OBS_VALUE",
    "OBS_STATUS",
    "RECORD_OFFSET",
    "RECORD_COUNT",
]
DISTRICT_TYPE = "TYPE424"
DISTRICT_TYPE_NAME = "local authorities: district / unitary (as of April 2023)"
COUNTRY_TYPE = "TYPE499"
AGES = {"101": (0, "Age 0"), "102": (1, "Age 1")}
SEXES = {"Total": "persons", "Male": "males", "Female": "females"}
TIDY_FILE = "population/tidy/population_age0_1_by_lad.csv"
TIDY_COLUMNS = [
    "area_code",
    "area_name",
    "geography",
    "country",
    "year",
    "age",
    "persons",
    "males",
    "females",
    "source",
]
# Plausible counts of babies of one single year of age: a district (Isles of Scilly has about 20),
# and the UK (about 690,000 in 2022; the 2010s peak was about 810,000).
DISTRICT_RANGE = (5, 30_000)
UK_RANGE = (450_000, 950_000)


def _query(geography: str) -> dict[str, str]:
    return {"geography": geography, "date": "latest", "gender": "0...2", "c_age": "101,102", "measures": "20100"}


def _cells(rows, url: str, codes_ok) -> tuple[dict, dict, str]:
    """(code, age) -> {persons, males, females}; code -> name; the one DATE_NAME."""
    cells: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    names: dict[str, str] = {}
    dates = {r["DATE_NAME"] for r in rows}
    if len(dates) != 1:
        raise RefreshError(SOURCE, url, f"expected one date, got {sorted(dates)[:5]}")
    for r in rows:
        code = r["GEOGRAPHY_CODE"]
        if not codes_ok(code):
            continue
        if r["C_AGE"] not in AGES or AGES[r["C_AGE"]][1] != r["C_AGE_NAME"]:
            raise RefreshError(SOURCE, url, f"unexpected age {r['C_AGE']} '{r['C_AGE_NAME']}' for {code}")
        if r["GENDER_NAME"] not in SEXES:
            raise RefreshError(SOURCE, url, f"unexpected sex '{r['GENDER_NAME']}' for {code}")
        age, sex = AGES[r["C_AGE"]][0], SEXES[r["GENDER_NAME"]]
        value = r["OBS_VALUE"].strip()
        if value == "":
            if code[0] in "SN":
                raise Unconfirmed(
                    SOURCE,
                    url,
                    "nomis-scotland-ni-cells",
                    f"{code} age {age} {sex} is blank (status '{r['OBS_STATUS']}'); Nomis lacks Scottish or NI "
                    "single-year figures for this date and the NRS/NISRA fall-back is not built",
                )
            raise RefreshError(SOURCE, url, f"{code} age {age} {sex} is blank (status '{r['OBS_STATUS']}')")
        try:
            number = int(value)
        except ValueError:
            raise RefreshError(SOURCE, url, f"{code} age {age} {sex} is '{value[:20]}', not a whole number") from None
        if sex in cells[(code, age)]:
            raise RefreshError(SOURCE, url, f"{code} age {age} {sex} appears twice")
        cells[(code, age)][sex] = number
        names[code] = r["GEOGRAPHY_NAME"]
    return cells, names, dates.pop()


def _check_cells(cells: dict, url: str) -> None:
    for (code, age), c in cells.items():
        if set(c) != set(SEXES.values()):
            raise RefreshError(SOURCE, url, f"{code} age {age} lacks {sorted(set(SEXES.values()) - set(c))}")
        if c["persons"] != c["males"] + c["females"]:
            raise RefreshError(
                SOURCE,
                url,
                f"{code} age {age}: persons {c['persons']} is not males {c['males']} + females {c['females']}",
            )


def fetch(client: Client, districts: Districts) -> SourceResult:
    info = dataset_info(client, SOURCE, DATASET)
    if info.title != TITLE:
        raise RefreshError(SOURCE, info.url, f"{DATASET} is now titled '{info.title}', not '{TITLE}'")
    table = fetch_csv(client, SOURCE, DATASET, _query(DISTRICT_TYPE), HEADER)
    url = table.url
    types = {r["GEOGRAPHY_TYPE"] for r in table.rows}
    if types != {DISTRICT_TYPE_NAME}:
        raise RefreshError(SOURCE, url, f"geography type is {sorted(types)}, expected '{DISTRICT_TYPE_NAME}'")
    cells, names, date = _cells(table.rows, url, lambda code: True)
    if not (len(date) == 4 and date.isdigit()):
        raise RefreshError(SOURCE, url, f"date '{date}' is not a year")
    year = int(date)
    compare_codes(SOURCE, url, {code for code, _ in cells}, districts.codes())
    _check_cells(cells, url)
    for (code, age), c in cells.items():
        if not DISTRICT_RANGE[0] <= c["persons"] <= DISTRICT_RANGE[1]:
            raise RefreshError(SOURCE, url, f"{code} age {age}: {c['persons']} is outside {DISTRICT_RANGE}")

    countries = fetch_csv(client, SOURCE, DATASET, _query(COUNTRY_TYPE), HEADER)
    totals, _, country_date = _cells(countries.rows, countries.url, lambda code: code in NATION_NAMES)
    if country_date != date:
        raise RefreshError(SOURCE, countries.url, f"country figures are for {country_date}, districts for {date}")
    _check_cells(totals, countries.url)
    for nation in NATION_NAMES:
        for age in (0, 1):
            if (nation, age) not in totals:
                raise Unconfirmed(
                    SOURCE, countries.url, "nomis-country-type499", f"no total for {NATION_NAMES[nation]} age {age}"
                )
            summed = sum(
                c["persons"] for (code, a), c in cells.items() if a == age and districts.nation[code] == nation
            )
            if summed != totals[(nation, age)]["persons"]:
                raise RefreshError(
                    SOURCE,
                    url,
                    f"{NATION_NAMES[nation]} age {age}: districts add up to {summed:,}, "
                    f"the country figure is {totals[(nation, age)]['persons']:,}",
                )
    for age in (0, 1):
        uk = sum(totals[(n, age)]["persons"] for n in NATION_NAMES)
        if not UK_RANGE[0] <= uk <= UK_RANGE[1]:
            raise RefreshError(SOURCE, countries.url, f"UK age {age} total {uk:,} is outside {UK_RANGE}")

    label = f"ONS mid-{year} population estimates via Nomis {DATASET} (updated {info.last_updated})"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TIDY_COLUMNS)
    for code, age in sorted(cells):
        c = cells[(code, age)]
        nation = NATION_NAMES[districts.nation[code]]
        kind = DISTRICT_KIND.get(code[:3], "")
        writer.writerow([code, names[code], kind, nation, year, age, c["persons"], c["males"], c["females"], label])
    pages = table.pages + countries.pages
    entry = {
        "id": f"mye{year}",
        "title": f"Mid-year population estimates, UK, mid-{year} (ages 0 and 1 by local authority)",
        "publisher": "Office for National Statistics (via Nomis)",
        "vintage": f"30 June {year}, April 2023 boundaries (Nomis {DATASET} updated {info.last_updated})",
        "licence": OGL,
        "files": [TIDY_FILE],
        "retrieved": retrieved(info, pages, f"{DATASET} LastUpdated {info.last_updated}; DATE_NAME {date}"),
    }
    facts = {
        "year": year,
        "age0_by_nation": {NATION_NAMES[n]: totals[(n, 0)]["persons"] for n in NATION_NAMES},
        "age0": {code: c["persons"] for (code, age), c in cells.items() if age == 0},
    }
    return SourceResult(SOURCE, "mye2022", {TIDY_FILE: out.getvalue().encode("utf-8")}, entry, facts)
