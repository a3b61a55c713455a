"""Live births by district of the mother's residence, England and Wales, newest year, from Nomis ``NM_207_1``.

The reference found ``NM_207_1`` (web name ``lebirthrates``) in clients' code with a ``measure``
whose ``MEASURE_NAME`` includes "Live births", but could not confirm its title or that
measure's code. So the query asks for every measure and keeps the rows labelled "Live births";
if there are none, or the title does not speak of births, the refresh stops naming that point.

Where ONS publishes one figure for two districts (Cornwall with the Isles of Scilly), the
build shares it out by age-0 population. A district missing from the answer is accepted as
combined only when the answer itself says so (its partner's name names it); otherwise it is
an error, not a guess. Written in the layout of
``population/tidy/live_births_2023_by_area_england_wales.csv``; rates are left blank.
"""

from __future__ import annotations

import csv
import io

from coverage.model.licence import OGL
from coverage.pipeline.refresh.errors import RefreshError, Unconfirmed
from coverage.pipeline.refresh.http import Client
from coverage.pipeline.refresh.nomis import dataset_info, fetch_csv, retrieved
from coverage.pipeline.refresh.source import DISTRICT_KIND, NATION_NAMES, Districts, SourceResult, compare_codes

SOURCE = "births"
DATASET = "NM_207_1"
MEASURE = "Live births"
HEADER = [
    "DATE_NAME",
    "GEOGRAPHY_CODE",
    "GEOGRAPHY_NAME",
    "GEOGRAPHY_TYPE",
    "MEASURE_NAME",
    "OBS_VALUE",
    "OBS_STATUS",
    "RECORD_OFFSET",
    "RECORD_COUNT",
]
NATIONS = ("E92000001", "W92000004")
# Districts ONS has published combined with a neighbour: (small one, its partner, a word the
# partner's name carries when the figure is combined).
KNOWN_COMBINATIONS = (("E06000053", "E06000052", "Scilly"), ("E09000001", "E09000012", "City of London"))
TIDY_FILE = "population/tidy/live_births_2023_by_area_england_wales.csv"
TIDY_COLUMNS = [
    "area_code",
    "area_name",
    "geography",
    "year",
    "live_births",
    "crude_birth_rate",
    "general_fertility_rate",
    "total_fertility_rate",
]
DISTRICT_RANGE = (5, 30_000)
NATION_RANGE = {"E92000001": (400_000, 800_000), "W92000004": (20_000, 45_000)}


def _query(geography: str) -> dict[str, str]:
    return {"geography": geography, "date": "latest", "measures": "20100"}


def _live_births(rows, url: str, keep) -> tuple[dict[str, int], dict[str, str], str]:
    births, names = {}, {}
    measures = {r["MEASURE_NAME"] for r in rows}
    if MEASURE not in measures:
        raise Unconfirmed(
            SOURCE, url, "nomis-births-measure", f"no MEASURE_NAME '{MEASURE}'; measures are {sorted(measures)[:8]}"
        )
    rows = [r for r in rows if r["MEASURE_NAME"] == MEASURE and keep(r["GEOGRAPHY_CODE"])]
    dates = {r["DATE_NAME"] for r in rows}
    if len(dates) != 1:
        raise RefreshError(SOURCE, url, f"expected one year, got {sorted(dates)[:5]}")
    for r in rows:
        code, value = r["GEOGRAPHY_CODE"], r["OBS_VALUE"].strip()
        if code in births:
            raise RefreshError(SOURCE, url, f"{code} appears twice")
        try:
            births[code] = int(value)
        except ValueError:
            raise RefreshError(SOURCE, url, f"{code}: live births '{value[:20]}' is not a whole number") from None
        names[code] = r["GEOGRAPHY_NAME"]
    return births, names, dates.pop()


def fetch(client: Client, districts: Districts) -> SourceResult:
    info = dataset_info(client, SOURCE, DATASET)
    if "birth" not in info.title.lower():
        raise Unconfirmed(SOURCE, info.url, "nomis-births-title", f"{DATASET} is titled '{info.title}'")
    table = fetch_csv(client, SOURCE, DATASET, _query("TYPE424"), HEADER)
    url = table.url
    births, names, year = _live_births(table.rows, url, lambda code: code[0] in "EW")
    if not (len(year) == 4 and year.isdigit()):
        raise RefreshError(SOURCE, url, f"date '{year}' is not a year")
    expected = districts.codes(NATIONS)
    combined = {}
    for small, partner, word in KNOWN_COMBINATIONS:
        if small not in births and partner in births and word.lower() in names[partner].lower():
            combined[partner] = small
    for small, partner, _ in KNOWN_COMBINATIONS:
        if small not in births and small not in combined.values():
            raise Unconfirmed(
                SOURCE,
                url,
                "nomis-births-combined-areas",
                f"no row for {small}, and {partner}'s name does not say it includes it",
            )
    compare_codes(SOURCE, url, set(births) | set(combined.values()), expected)
    for code, n in births.items():
        if not DISTRICT_RANGE[0] <= n <= DISTRICT_RANGE[1]:
            raise RefreshError(SOURCE, url, f"{code}: {n} live births is outside {DISTRICT_RANGE}")

    countries = fetch_csv(client, SOURCE, DATASET, _query("TYPE499"), HEADER)
    totals, _, country_year = _live_births(countries.rows, countries.url, lambda code: code in NATIONS)
    if country_year != year:
        raise RefreshError(SOURCE, countries.url, f"country figures are for {country_year}, districts for {year}")
    for nation in NATIONS:
        if nation not in totals:
            raise Unconfirmed(SOURCE, countries.url, "nomis-country-type499", f"no total for {NATION_NAMES[nation]}")
        summed = sum(n for code, n in births.items() if districts.nation[code] == nation)
        if summed != totals[nation]:
            raise RefreshError(
                SOURCE,
                url,
                f"{NATION_NAMES[nation]}: districts add up to {summed:,}, the country figure is {totals[nation]:,}",
            )
        low, high = NATION_RANGE[nation]
        if not low <= totals[nation] <= high:
            raise RefreshError(
                SOURCE, countries.url, f"{NATION_NAMES[nation]} total {totals[nation]:,} is outside {low:,} to {high:,}"
            )

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TIDY_COLUMNS)
    for nation in NATIONS:
        writer.writerow([nation, NATION_NAMES[nation].upper(), "Country", year, totals[nation], "", "", ""])
    for code in sorted(births):
        shown = f"{code}, {combined[code]}" if code in combined else code
        writer.writerow([shown, names[code], DISTRICT_KIND.get(code[:3], ""), year, births[code], "", "", ""])
    pages = table.pages + countries.pages
    entry = {
        "id": f"births{year}",
        "title": f"Births in England and Wales: {year} (live births by mother's area of usual residence)",
        "publisher": "Office for National Statistics (via Nomis)",
        "vintage": f"{year} registrations (Nomis {DATASET} updated {info.last_updated})",
        "licence": OGL,
        "files": [TIDY_FILE],
        "retrieved": retrieved(
            info, pages, f"{DATASET} '{info.title}' LastUpdated {info.last_updated}; DATE_NAME {year}"
        ),
    }
    facts = {"year": int(year), "births_by_nation": {NATION_NAMES[n]: totals[n] for n in NATIONS}, "births": births}
    return SourceResult(SOURCE, "births2023", {TIDY_FILE: out.getvalue().encode("utf-8")}, entry, facts)
