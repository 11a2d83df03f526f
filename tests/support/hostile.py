"""Hostile raw files, written beside the seed articles into a temporary raw folder."""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USGP = ROOT / "raw" / "2023-10-26_perez-home-race-usgp-results.txt"

DAY = "2023-10-27"
# the 20 classified and unclassified drivers of the USGP seed article, with their code and team
DRIVERS = [
    ("Max Verstappen", "NL", "Red Bull"),
    ("Lando Norris", "GB", "McLaren"),
    ("Carlos Sainz", "E", "Ferrari"),
    ("Sergio Pérez", "MEX", "Red Bull Racing"),
    ("George Russell", "GB", "Mercedes"),
    ("Pierre Gasly", "F", "Alpine"),
    ("Lance Stroll", "CDN", "Aston Martin"),
    ("Yuki Tsunoda", "J", "AlphaTauri"),
    ("Alex Albon", "T", "Williams"),
    ("Logan Sargeant", "USA", "Williams"),
    ("Nico Hülkenberg", "D", "Haas"),
    ("Valtteri Bottas", "FIN", "Alfa Romeo"),
    ("Guanyu Zhou", "RCH", "Alfa Romeo"),
    ("Kevin Magnussen", "DK", "Haas"),
    ("Daniel Ricciardo", "AUS", "AlphaTauri"),
    ("Fernando Alonso", "E", "Aston Martin"),
    ("Oscar Piastri", "AUS", "McLaren"),
    ("Esteban Ocon", "F", "Alpine"),
    ("Lewis Hamilton", "GB", "Mercedes"),
    ("Charles Leclerc", "MC", "Ferrari"),
]

RESULTS_HEAD = "USA GP, Circuit of the Americas"


def _prose(day: str = DAY) -> list[str]:
    return [f" date {day} Sergio Pérez and Nico Hülkenberg looked ahead to Mexico after the race in Austin.", ""]


# the seed's own times of the classified drivers: tables of one race in several articles must agree
SEED_TIMES = [
    "56 laps in 1:35:21.362 hrs", "+10.730", "+15.134", "+18.460", "+24.999", "+47.996", "+48.696", "+1:14.385 min",
    "+1:26.714", "+1:27.998", "+1:29.904", "+1:38.601", "+1 lap", "+1 lap", "+1 lap",
]


def _results_rows(n: int = 5) -> list[str]:
    return [f"{i:02d} {name} ({code}), {team}, {time}" for i, ((name, code, team), time) in enumerate(zip(DRIVERS[:n], SEED_TIMES), start=1)]


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def long_table_rows(n: int) -> list[str]:
    """A results table of n rows: positions 1..n, the 20 drivers over and over."""
    rows = ["01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs"]
    for i in range(2, n + 1):
        name, code, team = DRIVERS[(i - 1) % len(DRIVERS)]
        rows.append(f"{i:02d} {name} ({code}), {team}, +{i}.000")
    return rows


def huge_article(target_bytes: int) -> bytes:
    """The USGP seed article's prose and tables (everything after its date line) repeated."""
    body = USGP.read_text(encoding="utf-8").split("\n", 1)[1]
    unit = body.encode("utf-8")
    head = f" date {DAY} A very long article: the same report over and over.\n".encode("utf-8")
    return head + unit * max(1, (target_bytes - len(head)) // len(unit) + 1)


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def write_hostile(raw: Path, outside: Path, huge_mb: float = 50.0, long_rows: int = 5000) -> dict:
    """Write every hostile file into `raw`; returns facts the test checks (names, lines, counts)."""
    raw.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    facts: dict = {}

    def put(name: str, data: bytes) -> str:
        (raw / f"{name}.txt").write_bytes(data)
        return name

    facts["empty"] = put(f"{DAY}_empty", b"")
    facts["binary"] = put(f"{DAY}_binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 4096 + bytes(range(256)))
    table = [RESULTS_HEAD, "", *_results_rows(12)]
    facts["latin1"] = put(f"{DAY}_latin1", _text([*_prose(), *table]).encode("latin-1"))
    facts["bom"] = put(f"{DAY}_bom", b"\xef\xbb\xbf" + _text([*_prose(), *table]).encode("utf-8"))
    facts["crlf"] = put(f"{DAY}_crlf", _text([*_prose(), *table]).replace("\n", "\r\n").encode("utf-8"))
    facts["plain"] = put(f"{DAY}_plain", _text([*_prose(), *table]).encode("utf-8"))  # the same, LF and UTF-8
    facts["table_rows"] = 12
    facts["missing_date"] = put(
        f"{DAY}_missing-date", _text(["Sergio Pérez looked ahead to Mexico after the race in Austin.", "", *table]).encode()
    )
    facts["bad_date"] = put(f"{DAY}_bad-date", _text([" date 2023-13-45 Sergio Pérez looked ahead to Mexico.", "", *table]).encode())

    cut = [*_prose(), RESULTS_HEAD, "", *_results_rows(12), "13th Guanyu Zhou (RC"]
    facts["cut"] = put(f"{DAY}_cut-table", "\n".join(cut).encode("utf-8"))  # no line end after the cut line
    facts["cut_line"] = len(cut)

    long_lines = [*_prose(), RESULTS_HEAD, "", *long_table_rows(long_rows)]
    facts["long"] = put(f"{DAY}_long-table", _text(long_lines).encode("utf-8"))
    facts["long_rows"] = long_rows
    facts["long_first_line"] = len(_prose()) + 3

    look = [*_prose(), RESULTS_HEAD, ""]
    rows = _results_rows(4)
    look_lines = {}
    rows[0] = rows[0].replace("01", "01".translate(FULLWIDTH), 1)  # fullwidth position
    rows[2] = rows[2].replace("03", "03".translate(ARABIC_INDIC), 1)  # Arabic-Indic position
    look += rows
    look_lines["results"] = [len(_prose()) + 3, len(_prose()) + 5]
    look += ["", "World Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)", "", "Driver", ""]
    standings = ["01. Verstappen 466 points", "02. Pérez 240", "03. Hamilton 201", "04. Alonso 183"]
    standings[1] = "02. Pérez " + "240".translate(FULLWIDTH)  # fullwidth points
    standings[3] = "04. Alonso " + "183".translate(ARABIC_INDIC)  # Arabic-Indic points
    first = len(look) + 1
    look += standings
    look_lines["standings"] = [first + 1, first + 3]
    facts["lookalike"] = put(f"{DAY}_lookalike-digits", _text(look).encode("utf-8"))
    facts["lookalike_lines"] = look_lines

    secret = outside / "secret.txt"
    secret.write_text(" date 2023-10-27 Not in the raw folder.\n", encoding="utf-8")
    (raw / f"{DAY}_outside-link.txt").symlink_to(secret)
    facts["symlink"] = f"{DAY}_outside-link"
    facts["secret"] = secret

    facts["vanishing"] = put(f"{DAY}_vanishing", _text([*_prose(), *table]).encode("utf-8"))

    if huge_mb:
        started = time.perf_counter()
        facts["huge"] = put(f"{DAY}_huge", huge_article(int(huge_mb * 1_000_000)))
        facts["huge_bytes"] = (raw / f"{facts['huge']}.txt").stat().st_size
        facts["huge_write_s"] = time.perf_counter() - started
    return facts
