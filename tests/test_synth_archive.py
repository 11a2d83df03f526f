"""The synthetic archive generator (scripts/synth_archive.py): deterministic, N unique files, a clean
archive passes the core without an error or warning, and every planted error is flagged on its line."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import polars as pl
import pytest

from conftest import script, serious
from schemas.models import CLAIM_KINDS

synth = script("synth_archive")

NAME = re.compile(r"^\d{4}-\d{2}-\d{2}_[a-z0-9]+(?:-[a-z0-9]+)*-\d+\.txt$")


def _files(folder: Path) -> list[tuple[str, str, bytes]]:
    return [(p.stem, p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synth.generate(a, 120, seed=11, error_rate=0.1)
    synth.generate(b, 120, seed=11, error_rate=0.1)
    synth.generate(c, 120, seed=12, error_rate=0.1)
    assert _snapshot(a) == _snapshot(b)
    assert _snapshot(a) != _snapshot(c)


def test_writes_n_uniquely_named_articles_and_a_manifest(tmp_path):
    counts = synth.generate(tmp_path, 250, seed=3, error_rate=0.05)
    names = sorted(p.name for p in tmp_path.glob("*.txt"))
    assert len(names) == 250 == counts["articles"]
    assert all(NAME.match(n) for n in names), [n for n in names if not NAME.match(n)][:5]
    assert sorted(int(n.rsplit("-", 1)[1].removesuffix(".txt")) for n in names) == list(range(1, 251))
    manifest = synth.read_manifest(tmp_path)
    assert len(manifest) == round(0.05 * 250)
    assert {r["file"] for r in manifest} <= set(names)
    # most articles are about the season with reference data
    assert counts["by_season"]["2023"] > 0.8 * 250


def test_format_variants_are_all_there(tmp_path):
    synth.generate(tmp_path, 400, seed=5, error_rate=0)
    text = "\n".join(p.read_bytes().decode("utf-8-sig") for p in tmp_path.glob("*.txt"))
    for pattern in [
        r"(?m)^1 ", r"(?m)^01 ", r"(?m)^1\. ", r"(?m)^01\. ", r"(?m)^1st ", r"(?m)^01st ", r"(?m)^09th ", r"(?m)^22nd ",
        r"Pérez", r"Perez", r"\(NED\)", r"\(NLD\)", r"\(NL\)", r"\+\d+\.\d{3}\r?$", r"\+\d+:\d{2}\.\d{3} min", r"\+1 lap\r?$", r"\+2 laps",
        r"(?m)^Out\r?$", r"did not start", r"(?m)^Disqualified\r?$", r"(?m)^World Championship standings \(after",
        r"(?m)^Driver\r?$", r"(?m)^Constructors' Cup\r?$", r"\w+ has \d+ points", r"leads the (?:standings|drivers' championship) with \d+ points",
        r"is \d+ points clear of", r"With \d+ points to his name, ", r"Alex Albon|Checo Perez|Zhou Guanyu", r"Oracle Red Bull Racing|RBR",
        r"\(ES\)", r"\(MX\)",  # ISO alpha-2 (otherwise Spain is E or ESP, Mexico MEX)
        r"(?m)^0?1(?:st)?\.? [A-Z][^(),\n]+, [^,\n]+, \d+ laps in ",  # a results table without nationality codes
        r"(?m)^\S+ [A-Z][^()\n]+ \([A-Z][a-z][^()\n]+\) \d", r"(?m)^\S+ [A-Z][^()\n]+ \([A-Z]{1,3}\) \d",  # brackets in the drivers' standings
        r"\d Points\r?$", r"\d Pts\r?$", r"\d PTS\r?$", r"\d pts\.\r?$", r"\d pts\r?$",
        r"\d\.5(?: points|\r?$)", r"\d,5(?: points|\r?$)", r"\d½(?: points|\r?$)",  # halves, after 2021's half-points race
        r"(?m)^\S+ [A-Z][^(),\n]+, [A-Z][^(),\n]+, \d",  # a drivers' standings row with its team or code between commas
        r"(?m)^(?:DNF|Ret|NC) [A-Z]", r"(?m)^DNS [A-Z]",  # retirements placed in the classified table
        r"\d+ laps, \d:\d{2}:\d{2}\.\d{3}", r"\*\r?$", r"(?m)^\* fastest lap\r?$",
        r"(?m)^Championship standings after round \d+\r?$", r"(?m)^F1 standings after \d+ rounds\r?$", r"(?m)^Standings after the [A-Z][\w ]+ Grand Prix\r?$",
        r"(?m)^Drivers' standings after ", r"(?m)^Constructors' standings after ",
        r"(?m)^\| Pos \| Driver \|", r"(?m)^\|---\|", r"(?m)^\| \S+ \| [A-Z][^|\n]+ \| ", r"(?m)^\S+\t[A-Z][^\t\n]+\t",  # tables as cells
        r"(?m)^\S+ [A-Z][\w ]+[ -](?:Mercedes|Renault|Honda RBPT|RBPT|Honda) \d", r"(?m)^\S+ [A-Z][\w -]+ \((?:Mercedes|Ferrari|Renault|Honda RBPT|RBPT|Honda)\) \d",
        r"(?m)^\S+ [A-Z][^(),\n]+ \([A-Z]{1,3}\), [A-Z][^(),\n]+, \d+(?: \w+\.?)?\r?$",  # a drivers' standings row with its code and team
        r"(?m), \+\d+\.\d{3}, \d+ (?:points|pts)\r?$",  # a results row with its points
        r"(?m)^[A-Z][\w ]+ (?:GP|Grand Prix) (?:sprint|Sprint)(?: results)?(?:, [^\n]+)?\r?$", r"(?m)^Sprint(?: results)?: [A-Z]",  # a sprint's table
        r"(?m)^[A-Z][\w ]+ (?:GP|Grand Prix), [^\n]+ \((?:sprint|Sprint)(?: results)?\)\r?$", r"(?m)^0?1\S* [^\n]+, \d{2} laps in \d{2}:\d{2}\.\d{3}",
        r"(?m)(?:^\| \S+ \| |^\S+\t)[A-Z][^|\t\n]+ [A-Z]{3}(?: \||\t)",  # a name with its abbreviation: "| 1 | Max Verstappen VER | NED | ..."
    ]:
        assert re.search(pattern, text, flags=re.MULTILINE), pattern
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("*.txt"))
    assert b"\r\n" in raw


def test_clean_archive_has_no_error_or_warning(tmp_path, reference):
    from parcferme.pipeline import build

    synth.generate(tmp_path, 300, seed=21, error_rate=0, other_share=0)
    staging, marts = build(_files(tmp_path), reference)
    issues = serious(marts["validation_issues"])
    assert issues.is_empty(), issues.select("article_id", "line", "check", "message").head(10)
    # the variants of every kind are there, and read: standings of the top few, headings that give
    # their round otherwise (every table has its round), retirements placed in the table, footnote marks
    drivers_per_table = marts["driver_standings"].group_by("article_id").len()["len"]
    assert {5, 10} <= set(drivers_per_table) and drivers_per_table.max() >= 20
    assert marts["driver_standings"]["after_round"].null_count() == 0 and marts["driver_standings"]["rounds_total"].null_count() > 0
    assert marts["validation_issues"].filter(pl.col("check") == "format.footnote_mark").height > 0
    # tables written as cells and power units in the constructors' table are read
    assert marts["constructor_standings"]["power_unit"].drop_nulls().n_unique() == 4
    assert marts["race_results"]["points"].drop_nulls().len() > 50  # a result's points, all as the points system gives them
    # sprints' tables, each before its race's, read as the sprint's and compared with the same sprint's only
    sprints = marts["race_results"].filter(pl.col("session") == "sprint")
    sprint_rounds = set(reference.calendar.filter(pl.col("has_sprint") & (pl.col("season") == 2023))["round"])
    assert sprints.height > 100 and set(sprints["round"]) <= sprint_rounds and sprints["round"].n_unique() > 1
    # names given with their abbreviation, read as the driver's ("Max Verstappen VER": an info)
    abbreviated = marts["race_results"].filter(pl.col("driver_raw").str.contains(r" [A-Z]{3}$"))
    assert abbreviated.height > 20 and abbreviated["driver_id"].null_count() == 0
    assert marts["race_results"]["car_number"].drop_nulls().len() > 10  # and their cars' numbers, each the driver's
    lines = staging.staging.lines
    assert lines.filter(pl.col("text").str.starts_with("|") & pl.col("kind").is_in(["result_row", "driver_row", "constructor_row"])).height > 20
    assert lines.filter(pl.col("text").str.contains("\t") & (pl.col("kind") == "result_row")).height > 20
    # the checks really had something to compare: tables, claims read and resolved against them
    assert marts["race_results"].height > 500 and marts["driver_standings"].height > 500
    claims = marts["claims"]
    assert claims.height > 300 and set(claims["about"]) == {"driver", "team"}
    assert claims.filter(pl.col("about") == "driver")["driver_id"].null_count() == 0
    assert claims.filter(pl.col("about") == "team")["team_id"].null_count() == 0
    assert set(claims["kind"]) == set(CLAIM_KINDS)  # every kind, a time at the flag too
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").is_empty()


@pytest.mark.slow
def test_other_seasons_give_only_unknown_season_warnings(tmp_path, reference):
    from parcferme.pipeline import build

    synth.generate(tmp_path, 150, seed=8, error_rate=0, other_share=0.3)
    other = {p.stem for p in tmp_path.glob("*.txt") if not p.name.startswith("2023-")}
    assert other
    _, marts = build(_files(tmp_path), reference)
    issues = serious(marts["validation_issues"])
    assert set(issues["check"]) == {"parse.unknown_season"}
    assert set(issues["article_id"]) == other and issues.height == len(other)


HALF = re.compile(r"(?<![0-9.,])([0-9]*)(½|[.,]5)(?=[- ]point|\s*(?:points|Points|pts\.?|Pts|PTS)?$)")  # "12½ points", "a 34½-point lead", a row's "12,5 pts"


@pytest.mark.slow
def test_halves_of_a_half_points_race_are_read(tmp_path, reference):
    """Season 2021 gave half points at round 12 (Spa): its later articles write halves as 12.5, 12,5 or
    12½, in the standings and in the prose. Each is read as the half it is, on its line, and the
    articles give no issue but their season's."""
    from parcferme.pipeline import build

    synth.generate(tmp_path, 120, seed=8, error_rate=0, other_share=1)
    written: dict[tuple[str, int], set[float]] = {}
    styles = set()
    for p in tmp_path.glob("*.txt"):
        for number, line in enumerate(p.read_bytes().decode("utf-8-sig").splitlines(), start=1):
            for whole, half in HALF.findall(line):
                written.setdefault((p.stem, number), set()).add(int(whole or 0) + 0.5)
                styles.add(half)
    assert styles == {".5", ",5", "½"}
    _, marts = build(_files(tmp_path), reference)
    assert set(serious(marts["validation_issues"])["check"]) == {"parse.unknown_season"}
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").is_empty()
    read: dict[tuple[str, int], set[float]] = {}
    for table, columns in (("driver_standings", ["points"]), ("constructor_standings", ["points"]), ("claims", ["points", "margin"])):
        for column in columns:
            for article_id, line, value in marts[table].select("article_id", "line", column).drop_nulls().iter_rows():
                if value % 1:
                    read.setdefault((article_id, line), set()).add(value)
    assert len(written) > 40
    assert read == written


@pytest.mark.slow
def test_planted_errors_are_flagged_on_their_lines(tmp_path, reference):
    from parcferme.pipeline import build

    synth.generate(tmp_path, 140, seed=4, error_rate=0.25)
    manifest = synth.read_manifest(tmp_path)
    assert {r["kind"] for r in manifest} == set(synth.KINDS)
    _, marts = build(_files(tmp_path), reference)
    issues = serious(marts["validation_issues"])
    flagged: dict[tuple[str, int], set[str]] = {}
    for article_id, line, check in issues.select("article_id", "line", "check").iter_rows():
        flagged.setdefault((article_id, line), set()).add(check)
    for row in manifest:
        checks = flagged.get((row["file"].removesuffix(".txt"), row["line"]), set())
        assert checks, f"planted {row['kind']} not flagged: {row['file']}:{row['line']} ({row['note']})"
        expected = row["check"]
        assert any(c == expected or (expected.endswith("*") and c.startswith(expected[:-1])) for c in checks), (row, checks)
    # and nothing is flagged outside the planted articles
    planted = {r["file"].removesuffix(".txt") for r in manifest}
    outside = issues.filter(~pl.col("article_id").is_in(sorted(planted)) & (pl.col("check") != "parse.unknown_season"))
    assert outside.is_empty(), outside.select("article_id", "line", "check", "message").head(10)


def test_several_errors_in_one_article_are_each_explained(run_core):
    """Two or three planted kinds in the same article (a wrong team in a race that is not known, a
    repeated rank in standings after the wrong round...): the run neither fails nor gives an issue
    without its message (run_core asserts that), and every such article is flagged."""
    ref = synth.Reference()
    season = synth.simulate(ref, 2023, 0)
    writer = synth.Writer(ref, {2023: season}, 0)
    planter = synth.Planter(writer)
    rng = random.Random(5)
    files, combos = [], set()
    for i in range(300):
        a = writer.article(i, season, synth._article_day(season, rng), "report", planted=True)
        kinds = rng.sample(synth.KINDS, rng.randint(2, 3))
        for kind in kinds:
            planter.plant(a, kind, random.Random(f"{i}:{kind}"))
        data, _ = writer.render(a)
        files.append((f"{a.file_name.removesuffix('.txt')}", a.file_name, data))
        combos |= {frozenset(pair) for pair in itertools.combinations(kinds, 2)}
    assert frozenset({"wrong_team", "misspelt_event"}) in combos  # the pair that once lost its message
    issues = serious(run_core(files)["validation_issues"])
    assert set(issues["article_id"]) == {f[0] for f in files}


@pytest.mark.parametrize("kind", ["nationality_code", "unknown_code"])
def test_a_wrong_code_planted_in_a_table_without_codes_is_its_only_code(run_core, kind):
    """An article whose results give no nationality codes reads whole; a code planted there is the
    table's only one, and is flagged on its line (no row is flagged for leaving its code out)."""
    ref = synth.Reference()
    season = synth.simulate(ref, 2023, 0)
    writer = synth.Writer(ref, {2023: season}, 0)
    a = writer.article(7, season, synth._article_day(season, random.Random(7)), "results", planted=True)
    a.style.codes = False
    a.results.clear(), a.results_rows.clear()
    writer._results(a, random.Random(7))
    clean, _ = writer.render(a)
    assert b" (" not in b"".join(line.text.encode() for line in a.results)
    marts = run_core([(a.file_name.removesuffix(".txt"), a.file_name, clean)])
    assert marts["race_results"].height == len(a.results) - len([line for line in a.results if not line.tag])
    assert serious(marts["validation_issues"]).is_empty()

    _, check, note = synth.Planter(writer).plant(a, kind, random.Random(3))
    planted, lines = writer.render(a)
    assert check == "ref.nationality" and note.endswith("written in a table without codes")
    issues = run_core([(a.file_name.removesuffix(".txt"), a.file_name, planted)])["validation_issues"]
    assert issues.filter(pl.col("severity") != "info").select("line", "check").rows() == [(lines["PLANT"], "ref.nationality")]
    assert "format.nationality_left_out" not in set(issues["check"])
