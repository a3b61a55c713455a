"""The sources behind ``data/``: what each is, its vintage and licence, and a checksum.

The app shows this on its Methods page, so attribution travels with the data rather than
being retyped in the UI.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from coverage.model.licence import ATTRIBUTION, OGL

SOURCES = [
    {
        "id": "mye2022",
        "title": "Mid-year population estimates, UK, mid-2022 (ages 0 and 1 by local authority)",
        "publisher": "Office for National Statistics",
        "vintage": "30 June 2022, April 2023 boundaries (published 26 March 2024)",
        "licence": OGL,
        "files": ["population/tidy/population_age0_1_by_lad.csv"],
    },
    {
        "id": "births2023",
        "title": "Births in England and Wales: 2023 (live births by mother's area of usual residence)",
        "publisher": "Office for National Statistics",
        "vintage": "2023 registrations (released 28 October 2024)",
        "licence": OGL,
        "files": ["population/tidy/live_births_2023_by_area_england_wales.csv"],
    },
    {
        "id": "imd2025",
        "title": "English Indices of Deprivation 2025: district and ICB summaries",
        "publisher": "Ministry of Housing, Communities and Local Government",
        "vintage": "IoD2025",
        "licence": OGL,
        "files": ["population/tidy/imd2025_lad_summary.csv", "population/tidy/imd2025_icb_summary.csv"],
    },
    {
        "id": "devolved_deprivation",
        "title": "WIMD 2019, SIMD 2020 and NIMDM 2017, aggregated to councils by the humaniverse/IMD package",
        "publisher": "Welsh Government; Scottish Government; NISRA",
        "vintage": "WIMD 2019, SIMD 2020, NIMDM 2017",
        "licence": OGL,
        "files": ["population/tidy/deprivation_devolved_la_summary.csv"],
    },
    {
        "id": "boundaries_lad",
        "title": "Local Authority Districts (May 2024) Boundaries UK BUC",
        "publisher": "Office for National Statistics",
        "vintage": "May 2024",
        "licence": OGL,
        "files": ["geography/lad_may2024_uk_buc.geojson"],
    },
    {
        "id": "boundaries_icb",
        "title": "Integrated Care Boards (April 2023) EN BSC (used to cut districts split between ICBs)",
        "publisher": "Office for National Statistics",
        "vintage": "April 2023",
        "licence": OGL,
        "files": ["geography/icb_apr2023_en_bsc.geojson"],
    },
    {
        "id": "lookups",
        "title": "District to council, region, ICB (LSOA-weighted), Welsh and Scottish health board and NI trust lookups",
        "publisher": "Office for National Statistics; Public Health Scotland; NISRA",
        "vintage": "2022 to 2024",
        "licence": OGL,
        "files": [
            "geography/lookups/lad24_master_lookup_uk.csv",
            "geography/lookups/lad24_to_icb24_en_lsoa_weighted.csv",
        ],
    },
    {
        "id": "health_names",
        "title": "Health area names and codes (ICB 2023, Welsh LHB 2022, Scottish HB 2019, NI HSCT)",
        "publisher": "ONS; Scottish Government; Department of Health NI / OpenDataNI",
        "vintage": "2017 to 2023",
        "licence": OGL,
        "files": ["geography/health_areas_uk_combined.geojson"],
    },
    {
        "id": "hsct_boundaries",
        "title": "Health and Social Care Trust boundaries (Northern Ireland); districts they cut are split by area share",
        "publisher": "Department of Health NI via OpenDataNI",
        "vintage": "2017",
        "licence": OGL,
        "files": ["geography/hsct_ni_simplified.geojson"],
    },
    {
        "id": "family_hubs",
        "title": "The 75 Family Hubs and Start for Life local authorities (April 2022 list)",
        "publisher": "Department for Education; Department of Health and Social Care",
        "vintage": "April 2022",
        "licence": OGL,
        "files": ["teams/family_hubs_las.csv"],
    },
    {
        "id": "teams_seed",
        "title": "Seed list of parent-infant services, each row with its public source",
        "publisher": "Compiled for this project from public web pages (see each team's source)",
        "vintage": "pages as stored; see each row",
        "licence": "Facts with their sources; not the Parent-Infant Network's own list",
        "files": [
            "teams/teams_seed.csv",
            "teams/teams_seed_pass3.csv",
            "teams/corrections_pass3.md",
            "teams/corrections_pass4.md",
            "teams/pass4_evidence.csv",
            "teams/FACTS.md",
        ],
    },
    {
        "id": "provision_reports",
        "title": "Area-level reports of provision (a team reported, or none found), each with its source and date",
        "publisher": "Compiled for this project from public web pages (see each report's source)",
        "vintage": "2021-2025; see each report",
        "licence": "Facts with their sources; evidence about the directory's completeness, never capacity",
        "files": ["teams/provision_reports.csv"],
    },
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(shared: Path, counts: dict[str, int], replaced: dict[str, dict] | None = None) -> dict:
    """Sources with checksums of the exact files read, plus what the build produced.

    ``replaced`` maps the id of a listed source to the entry that took its place in this build
    (a refreshed vintage, with where and when it was fetched); the files it names are
    checksummed the same way.
    """
    sources = []
    for src in SOURCES:
        entry = dict((replaced or {}).get(src["id"], src))
        entry["sha256"] = {f: sha256(shared / f) for f in src["files"]}
        sources.append(entry)
    return {"sources": sources, "attribution": ATTRIBUTION, "areas_per_level": counts}
