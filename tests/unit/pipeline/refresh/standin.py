"""A local stand-in for Nomis and the ONS ArcGIS FeatureServer, shaped as in ``refresh_apis.md``.

It serves "today's figures" (the shared mid-2022 population, 2023 births and May 2024 district
boundaries) through the same paging rules the real services have, or a synthetic newer vintage
(:func:`synthetic_mid_2023`), and can be told to misbehave once (:meth:`StandIn.fault`):
a 429 with Retry-After, a 500, a stall past the client's timeout, an ArcGIS error sent as
HTTP 200, a Nomis body cut short, a changed header.

Nomis: ``{id}.def.sdmx.json`` and ``{id}.data.csv`` honouring ``select``, ``recordoffset``
(any case) and ``geography`` (TYPE424 districts, TYPE499 countries), every field quoted,
``RECORD_OFFSET``/``RECORD_COUNT`` on every row, silently capped at ``nomis_cap`` rows.
ArcGIS: layer ``?f=json``, ``returnCountOnly``, ``resultOffset``/``resultRecordCount`` pages
capped at ``max_record_count`` (or shorter, ``short_page``), ``exceededTransferLimit`` under
``properties`` for ``f=geojson``.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug import Request, Response

POP_TITLE = "Population estimates - local authority based by single year of age"
BIRTHS_TITLE = "Births and fertility rates by local authority (stand-in title)"
LAD_SERVICE = "Local_Authority_Districts_May_2024_Boundaries_UK_BUC"
DISTRICT_TYPE_NAME = "local authorities: district / unitary (as of April 2023)"
NATIONS = {"E": ("E92000001", "England"), "W": ("W92000004", "Wales"), "S": ("S92000003", "Scotland")}
NATIONS["N"] = ("N92000002", "Northern Ireland")
LAD_KINDS = ["Unitary Authority", "Non-metropolitan District", "Metropolitan District", "London Borough"]


@dataclass
class Fault:
    path_part: str
    kind: str  # status | timeout | arcgis_error | cut | header | blank
    status: int = 500
    headers: dict = field(default_factory=dict)
    seconds: float = 0.0
    code: str = ""  # the area a blank or drop fault applies to
    times: int = 1


@dataclass
class Figures:
    """What the stand-in publishes: district and country counts, and boundaries."""

    pop_year: str
    pop: dict  # (code, age) -> (name, persons, males, females)
    births_year: str
    births: dict  # code -> (name, live births); Cornwall carries Scilly
    births_countries: dict  # code -> live births
    lad_features: list
    updated: str = "2024-03-26"


def todays_figures(shared: Path) -> Figures:
    pop = {}
    with (shared / "population/tidy/population_age0_1_by_lad.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["year"] == "2022":
                pop[(r["area_code"], int(r["age"]))] = (
                    r["area_name"],
                    int(r["persons"]),
                    int(r["males"]),
                    int(r["females"]),
                )
    births, countries = {}, {}
    with (shared / "population/tidy/live_births_2023_by_area_england_wales.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["geography"] in LAD_KINDS:
                births[r["area_code"].split(",")[0]] = (r["area_name"], int(r["live_births"]))
            elif r["area_code"] in ("E92000001", "W92000004"):
                countries[r["area_code"]] = int(r["live_births"])
    lad = json.loads((shared / "geography/lad_may2024_uk_buc.geojson").read_text(encoding="utf-8"))
    return Figures("2022", pop, "2023", births, countries, lad["features"])


def synthetic_mid_2023(today: Figures) -> Figures:
    """A made-up newer vintage: about 4% fewer babies, 2.5% fewer births, everywhere, by rule."""
    new = copy.deepcopy(today)
    new.pop_year, new.births_year, new.updated = "2023", "2024", "2024-10-08"
    for key, (name, _, m, f) in today.pop.items():
        m2, f2 = m - m // 25, f - f // 30
        new.pop[key] = (name, m2 + f2, m2, f2)
    new.births = {code: (name, n - n // 40) for code, (name, n) in today.births.items()}
    new.births_countries = {
        nation: sum(n for code, (_, n) in new.births.items() if code[0] == nation[0])
        for nation in today.births_countries
    }
    return new


class StandIn:
    def __init__(self, httpserver, figures: Figures):
        self.server = httpserver
        self.figures = figures
        self.nomis_cap = 25_000
        self.max_record_count = 2000
        self.short_page: int | None = None
        self.country_offset: dict[tuple[str, int], int] = {}  # (country, age) -> added to its total
        self.faults: list[Fault] = []
        self.release = threading.Event()  # set at teardown so a stalled answer frees the server at once
        self.seen: list[str] = []
        self.user_agents: set[str] = set()
        for path in (
            "/nomis/api/v01/dataset/NM_2002_1.def.sdmx.json",
            "/nomis/api/v01/dataset/NM_2002_1.data.csv",
            "/nomis/api/v01/dataset/NM_207_1.def.sdmx.json",
            "/nomis/api/v01/dataset/NM_207_1.data.csv",
            f"/arcgis/rest/services/{LAD_SERVICE}/FeatureServer/0",
            f"/arcgis/rest/services/{LAD_SERVICE}/FeatureServer/0/query",
        ):
            httpserver.expect_request(path).respond_with_handler(self._handle)

    def env(self, **extra) -> dict[str, str]:
        base = {
            "ATLAS_NOMIS_URL": self.server.url_for("/nomis/api/v01"),
            "ATLAS_ARCGIS_URL": self.server.url_for("/arcgis/rest/services"),
            "ATLAS_REFRESH_TIMEOUT": "2,1",
            "ATLAS_REFRESH_RETRIES": "3",
            "ATLAS_REFRESH_BACKOFF": "0",
            "ATLAS_REFRESH_PAUSE": "0",
        }
        return base | extra

    def fault(self, path_part: str, kind: str, **kw) -> None:
        self.faults.append(Fault(path_part, kind, **kw))

    # --- dispatch ---------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        self.seen.append(request.full_path)
        self.user_agents.add(request.headers.get("User-Agent", ""))
        args = {k.lower(): v for k, v in request.args.items()}
        fault = next((f for f in self.faults if f.path_part in request.full_path and f.times > 0), None)
        if fault is not None:
            fault.times -= 1
            if fault.kind == "status":
                return Response("busy", status=fault.status, headers=fault.headers)
            if fault.kind == "timeout":
                self.release.wait(fault.seconds)
            if fault.kind == "arcgis_error":
                body = {"error": {"code": 400, "message": "Invalid or missing input parameters.", "details": []}}
                return Response(json.dumps(body), content_type="application/json")
        path = request.path
        if path.endswith(".def.sdmx.json"):
            dataset = path.rsplit("/", 1)[1].split(".")[0]
            return self._definition(dataset)
        if path.endswith(".data.csv"):
            dataset = path.rsplit("/", 1)[1].split(".")[0]
            return self._nomis_csv(dataset, args, fault)
        if path.endswith("/query"):
            return self._arcgis_query(args)
        return self._arcgis_layer()

    # --- Nomis ------------------------------------------------------------------------------

    def _definition(self, dataset: str) -> Response:
        title = POP_TITLE if dataset == "NM_2002_1" else BIRTHS_TITLE
        doc = {
            "structure": {
                "keyfamilies": {
                    "keyfamily": [
                        {
                            "id": dataset,
                            "name": {"value": title, "lang": "en"},
                            "annotations": {
                                "annotation": [
                                    {"annotationtitle": "LastUpdated", "annotationtext": self.figures.updated},
                                    {"annotationtitle": "contenttype/sources", "annotationtext": "ons"},
                                ]
                            },
                        }
                    ]
                }
            }
        }
        return Response(json.dumps(doc), content_type="application/json")

    def _population_rows(self, geography: str) -> list[dict]:
        fig = self.figures
        if geography == "TYPE499":
            totals: dict = {}
            for (code, age), (_, p, m, f) in fig.pop.items():
                nation = NATIONS[code[0]]
                t = totals.setdefault((nation, age), [0, 0, 0])
                t[0], t[1], t[2] = t[0] + p, t[1] + m, t[2] + f
            cells = {}
            for (nation, age), (p, m, f) in totals.items():
                extra = self.country_offset.get((nation[0], age), 0)  # added to males, so persons still adds up
                cells[(nation[0], age)] = (nation[1], p + extra, m + extra, f)
            gtype = "countries"
        else:
            cells, gtype = fig.pop, DISTRICT_TYPE_NAME
        rows = []
        for code, age in sorted(cells):
            name, p, m, f = cells[(code, age)]
            for gender, value in (("Total", p), ("Male", m), ("Female", f)):
                rows.append(
                    {
                        "DATE_NAME": fig.pop_year,
                        "GEOGRAPHY_CODE": code,
                        "GEOGRAPHY_NAME": name,
                        "GEOGRAPHY_TYPE": gtype,
                        "GENDER_NAME": gender,
                        "C_AGE": str(101 + age),
                        "C_AGE_NAME": f"Age {age}",
                        "OBS_VALUE": str(value),
                        "OBS_STATUS": "A",
                    }
                )
        return rows

    def _births_rows(self, geography: str) -> list[dict]:
        fig = self.figures
        if geography == "TYPE499":
            items = [(c, NATIONS[c[0]][1], n) for c, n in sorted(fig.births_countries.items())]
            gtype = "countries"
        else:
            items = [(c, name, n) for c, (name, n) in sorted(fig.births.items())]
            gtype = DISTRICT_TYPE_NAME
        rows = []
        for code, name, n in items:
            for measure, value in (("Live births", str(n)), ("General fertility rate (GFR)", "55.1")):
                rows.append(
                    {
                        "DATE_NAME": fig.births_year,
                        "GEOGRAPHY_CODE": code,
                        "GEOGRAPHY_NAME": name,
                        "GEOGRAPHY_TYPE": gtype,
                        "MEASURE_NAME": measure,
                        "OBS_VALUE": value,
                        "OBS_STATUS": "A",
                    }
                )
        return rows

    def _nomis_csv(self, dataset: str, args: dict, fault: Fault | None) -> Response:
        geography = args.get("geography", "")
        rows = self._population_rows(geography) if dataset == "NM_2002_1" else self._births_rows(geography)
        if fault is not None and fault.kind == "blank":
            rows = [dict(r, OBS_VALUE="", OBS_STATUS="Q") if r["GEOGRAPHY_CODE"] == fault.code else r for r in rows]
        if fault is not None and fault.kind == "drop":
            rows = [r for r in rows if r["GEOGRAPHY_CODE"] != fault.code]
        total = len(rows)
        offset = int(args.get("recordoffset", "0"))
        page = rows[offset : offset + self.nomis_cap]
        select = [c.upper() for c in args.get("select", "").split(",") if c]
        header = list(select)
        if fault is not None and fault.kind == "header":
            header = [fault.headers.get(c, c) for c in header]
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        for i, row in enumerate(page):
            full = dict(row, RECORD_OFFSET=str(offset + i), RECORD_COUNT=str(total))
            writer.writerow([full.get(c, "") for c in select])
        text = out.getvalue()
        if fault is not None and fault.kind == "cut":
            text = text[: len(text) // 2]
        return Response(text, content_type="text/csv", headers={"ETag": f'"{dataset}-{offset}"'})

    # --- ArcGIS -----------------------------------------------------------------------------

    def _arcgis_layer(self) -> Response:
        doc = {
            "currentVersion": 11.5,
            "name": LAD_SERVICE,
            "geometryType": "esriGeometryPolygon",
            "objectIdField": "FID",
            "maxRecordCount": self.max_record_count,
            "advancedQueryCapabilities": {"supportsPagination": True},
            "editingInfo": {"lastEditDate": 1717200000000},
            "fields": [
                {"name": "FID", "type": "esriFieldTypeOID"},
                {"name": "LAD24CD", "type": "esriFieldTypeString"},
                {"name": "LAD24NM", "type": "esriFieldTypeString"},
            ],
        }
        return Response(json.dumps(doc), content_type="application/json")

    def _arcgis_query(self, args: dict) -> Response:
        feats = self.figures.lad_features
        if args.get("returncountonly") == "true":
            return Response(json.dumps({"count": len(feats)}), content_type="application/json")
        offset = int(args.get("resultoffset", "0"))
        size = min(int(args.get("resultrecordcount", self.max_record_count)), self.max_record_count)
        if self.short_page:
            size = min(size, self.short_page)
        page = feats[offset : offset + size]
        out = [
            {
                "type": "Feature",
                "id": offset + i + 1,
                "geometry": f["geometry"],
                "properties": {"FID": offset + i + 1, **f["properties"]},
            }
            for i, f in enumerate(page)
        ]
        doc = {"type": "FeatureCollection", "features": out}
        if offset + len(page) < len(feats):
            doc["properties"] = {"exceededTransferLimit": True}
        return Response(json.dumps(doc), content_type="application/geo+json")
