"""Checks on the reference table parcferme/reference/data/countries.csv.

The table maps the country codes news articles put in brackets after a driver's
name (ISO 3166-1 alpha-2/alpha-3, IOC codes, international vehicle registration
codes) to one ISO 3166-1 country.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

CSV_PATH = Path(__file__).resolve().parents[1] / "parcferme" / "reference" / "data" / "countries.csv"
HEADER = ["iso3", "iso2", "name", "ioc", "vehicle", "vehicle_alt", "home_nations"]


def _load_rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _load_rows()


def _vehicle_codes(row: dict[str, str]) -> list[str]:
    codes = [row["vehicle"]] + row["vehicle_alt"].split("|")
    return [c for c in codes if c]


def _index(convention: str) -> dict[str, set[str]]:
    """code -> set of iso3 for one convention ('vehicle' includes vehicle_alt)."""
    index: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        codes = _vehicle_codes(row) if convention == "vehicle" else [row[convention]]
        for code in codes:
            if code:
                index[code].add(row["iso3"])
    return index


# --- file shape ------------------------------------------------------------


def test_header_encoding_and_line_endings():
    raw = CSV_PATH.read_bytes()
    text = raw.decode("utf-8")  # must be valid UTF-8
    assert not text.startswith("\ufeff"), "no BOM"
    assert b"\r" not in raw, "line endings must be \\n"
    assert text.endswith("\n")
    assert text.splitlines()[0] == ",".join(HEADER)


def test_every_row_has_all_columns():
    for row in ROWS:
        assert list(row) == HEADER
        assert None not in row.values(), row
        assert row["iso3"] and row["iso2"] and row["name"], row


def test_sorted_by_iso3():
    iso3s = [r["iso3"] for r in ROWS]
    assert iso3s == sorted(iso3s)


# --- ISO columns -------------------------------------------------------------


def test_iso_codes_are_real_pycountry_codes():
    for row in ROWS:
        country = pycountry.countries.get(alpha_3=row["iso3"])
        assert country is not None, row["iso3"]
        assert country.alpha_2 == row["iso2"], row
        assert pycountry.countries.get(alpha_2=row["iso2"]) is country


def test_no_duplicate_iso_codes():
    iso3s = [r["iso3"] for r in ROWS]
    iso2s = [r["iso2"] for r in ROWS]
    assert len(iso3s) == len(set(iso3s))
    assert len(iso2s) == len(set(iso2s))


def test_one_row_per_pycountry_country():
    assert {r["iso3"] for r in ROWS} == {c.alpha_3 for c in pycountry.countries}
    assert len(ROWS) == len(pycountry.countries)


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("GBR", "United Kingdom"),
        ("USA", "United States of America"),
        ("NLD", "Netherlands"),
        ("RUS", "Russia"),
        ("KOR", "South Korea"),
        ("TWN", "Taiwan"),
        ("VEN", "Venezuela"),
        ("IRN", "Iran"),
        ("CZE", "Czechia"),
        ("BOL", "Bolivia"),  # pycountry common_name
        ("DEU", "Germany"),
    ],
)
def test_names(iso3, name):
    (row,) = [r for r in ROWS if r["iso3"] == iso3]
    assert row["name"] == name


# --- IOC and vehicle columns -------------------------------------------------


def test_codes_are_upper_case_letters():
    for row in ROWS:
        if row["ioc"]:
            assert len(row["ioc"]) == 3 and row["ioc"].isalpha() and row["ioc"].isupper(), row
        for code in _vehicle_codes(row):
            assert 1 <= len(code) <= 3 and code.isalpha() and code.isupper(), row
        assert row["vehicle"] or not row["vehicle_alt"], "alt without a current code: %r" % row
        assert len(_vehicle_codes(row)) == len(set(_vehicle_codes(row))), row


def test_ioc_codes_unique():
    iocs = [r["ioc"] for r in ROWS if r["ioc"]]
    assert len(iocs) == len(set(iocs))
    # 206 NOCs, of which Kosovo (KOS) has no ISO 3166-1 entry
    assert len(iocs) == 205


def test_vehicle_codes_unique_within_convention():
    clashes = {code: isos for code, isos in _index("vehicle").items() if len(isos) > 1}
    assert clashes == {}


@pytest.mark.parametrize(
    ("code", "iso3"),
    [
        ("NL", "NLD"),
        ("GB", "GBR"),
        ("UK", "GBR"),
        ("E", "ESP"),
        ("MC", "MCO"),
        ("CDN", "CAN"),
        ("J", "JPN"),
        ("T", "THA"),
        ("D", "DEU"),
        ("DK", "DNK"),
        ("NZ", "NZL"),
        ("F", "FRA"),
        ("RCH", "CHL"),
        ("MEX", "MEX"),
        ("USA", "USA"),
        ("AUS", "AUS"),
        ("FIN", "FIN"),
        ("SF", "FIN"),
        ("RA", "ARG"),
        ("BR", "BRA"),
        ("ZA", "ZAF"),
        ("RC", "TWN"),
        ("CHN", "CHN"),
    ],
)
def test_vehicle_code_resolves(code, iso3):
    assert _index("vehicle")[code] == {iso3}


@pytest.mark.parametrize(
    ("code", "iso3"),
    [
        ("NED", "NLD"),
        ("GER", "DEU"),
        ("MON", "MCO"),
        ("DEN", "DNK"),
        ("SUI", "CHE"),
        ("CHI", "CHL"),
        ("GBR", "GBR"),
        ("POR", "PRT"),
        ("TPE", "TWN"),
    ],
)
def test_ioc_code_resolves(code, iso3):
    assert _index("ioc")[code] == {iso3}


# --- cross-convention ambiguity ----------------------------------------------

# Codes that name one country in one convention and another country in another.
# A resolver must know which convention a source uses before mapping these.
# code -> {convention: iso3}; "vehicle" covers the vehicle and vehicle_alt columns.
EXPECTED_AMBIGUOUS = {
    "BRN": {"iso3": "BRN", "ioc": "BHR", "vehicle": "BHR"},  # Brunei vs Bahrain
    "CAM": {"ioc": "KHM", "vehicle": "CMR"},  # Cambodia vs Cameroon
    "CGO": {"ioc": "COG", "vehicle": "COD"},  # Congo vs DR Congo
    "CL": {"iso2": "CHL", "vehicle": "LKA"},  # Chile vs Sri Lanka
    "ES": {"iso2": "ESP", "vehicle": "SLV"},  # Spain vs El Salvador
    "ET": {"iso2": "ETH", "vehicle": "EGY"},  # Ethiopia vs Egypt
    "KN": {"iso2": "KNA", "vehicle": "GRL"},  # Saint Kitts and Nevis vs Greenland
    "LB": {"iso2": "LBN", "vehicle": "LBR"},  # Lebanon vs Liberia
    "MS": {"iso2": "MSR", "vehicle": "MUS"},  # Montserrat vs Mauritius
    "ROU": {"iso3": "ROU", "ioc": "ROU", "vehicle": "URY"},  # Romania vs Uruguay
    "RU": {"iso2": "RUS", "vehicle": "BDI"},  # Russia vs Burundi
    "SD": {"iso2": "SDN", "vehicle": "SWZ"},  # Sudan vs Eswatini
    "SY": {"iso2": "SYR", "vehicle": "SYC"},  # Syria vs Seychelles
}


def _cross_convention_ambiguous() -> dict[str, dict[str, str]]:
    by_code: dict[str, dict[str, str]] = defaultdict(dict)
    for convention in ("iso3", "iso2", "ioc", "vehicle"):
        for code, isos in _index(convention).items():
            (iso3,) = isos  # unique within each convention (tested above)
            by_code[code][convention] = iso3
    return {
        code: convs
        for code, convs in sorted(by_code.items())
        if len(set(convs.values())) > 1
    }


def test_cross_convention_ambiguous_codes():
    assert _cross_convention_ambiguous() == EXPECTED_AMBIGUOUS
