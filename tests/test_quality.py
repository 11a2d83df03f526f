"""What analysts see: the HTML quality report, the run history, the data dictionary, the DuckDB
views and the report rendered in Chromium, on the real articles (raw/ seeds and clean fixtures)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import duckdb
import jsonschema
import polars as pl
import pytest

from parcferme.pipeline import build
from parcferme.quality.dictionary import dictionary_markdown, json_schemas
from parcferme.quality.duckdb_views import DUCKDB_FILE, write_duckdb
from parcferme.quality.plots import PLOT_IDS
from parcferme.quality.report import render_html
from parcferme.quality.runs import RUNS_SCHEMA, RUNS_TABLE, append_run, empty_runs
from parcferme.reference import load_reference
from parcferme.report import per_check, verdict
from parcferme.warehouse import publish
from schemas.models import MART_COLUMNS, MODELS
from schemas.registry import all_checks

from conftest import script

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "tests" / "fixtures" / "articles" / "clean"
T0 = dt.datetime(2024, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


def _files(folder: Path) -> list[tuple]:
    return [(p.stem, p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]


@pytest.fixture(scope="module")
def built() -> tuple:
    return build(_files(ROOT / "raw") + _files(CLEAN), load_reference())


@pytest.fixture(scope="module")
def marts(built) -> dict[str, pl.DataFrame]:
    return built[1]


def _run(i: int, errors: int, warnings: int, infos: int, **overrides) -> dict:
    run = dict(
        run_id=f"run-{i}", started_at=T0 + dt.timedelta(hours=6 * i), finished_at=T0 + dt.timedelta(hours=6 * i, seconds=42),
        articles=9, new=9 if i == 0 else 0, changed=0, unchanged=0 if i == 0 else 9, deleted=0, taken_over=0,
        errors=errors, warnings=warnings, infos=infos, verdict="errors found", generation=f"gen-{i}",
    )
    return {**run, **overrides}


@pytest.fixture(scope="module")
def runs() -> pl.DataFrame:
    history = None
    for i, counts in enumerate([(0, 0, 20), (2, 1, 25), (3, 1, 25)]):
        history = append_run(history, _run(i, *counts))
    return history


@pytest.fixture(scope="module")
def report(marts, runs) -> str:
    return render_html(marts, runs)


def _load_script():
    return script("render_report_check")


def _svg(page: str, svg_id: str) -> str:
    return re.search(rf'<svg id="{svg_id}".*?</svg>', page, re.S).group(0)


def _marks(page: str, svg_id: str) -> str:
    return re.search(r'<g class="marks">(.*?)</g>', _svg(page, svg_id), re.S).group(1)


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    (row,) = con.sql(sql).fetchall()
    return row[0]


def _section_html(page: str, section_id: str) -> str:
    return re.search(rf'<section id="{section_id}">.*?</section>', page, re.S).group(0)


def _rows_with(page: str, text: str) -> list[str]:
    return [row for row in re.findall(r"<tr>(.*?)</tr>", page, re.S) if text in row]


# ------------------------------------------------------------------ HTML report


def test_report_lists_the_gasly_duplicate_with_article_line_and_raw_text(report, marts):
    issues = marts["validation_issues"].filter(pl.col("check").str.starts_with("standings.duplicate_"))
    assert sorted(issues.select("raw_text", "check").rows()) == [("10th Gasly 56", "standings.duplicate_kept"), ("11th Gasly 52", "standings.duplicate_driver")]
    for row in issues.filter(pl.col("severity") != "info").iter_rows(named=True):  # the report lists errors and warnings
        (listed,) = _rows_with(report, html.escape(row["raw_text"]))
        assert f"<td class=num>{row['line']}</td>" in listed
        assert row["check"] in listed and html.escape(row["message"]) in listed
    assert f"<code>{issues['article_id'][0]}</code>" in report


def test_report_shows_the_wrc_sentence_escaped(report, marts):
    (sentence,) = marts["validation_issues"].filter(pl.col("check") == "ref.series_mention")["raw_text"].to_list()
    assert "current WRC runner-up" in sentence and '"' in sentence
    (listed,) = _rows_with(report, html.escape(sentence))
    assert "warning" in listed and "ref.series_mention" in listed


def test_report_verdict_and_counts_of_every_registered_check(report, marts):
    issues = marts["validation_issues"]
    assert html.escape(verdict(issues)) in report
    assert 'class="verdict-error"' in report  # the seeds hold errors
    counts = per_check(issues)
    assert counts.height == len(all_checks())
    for check, severity, _, n in counts.iter_rows():
        (row,) = _rows_with(_section_html(report, "checks"), f"<code>{check}</code>")
        assert f">{severity}</span>" in row and re.search(rf'<td class=num><span class="[a-z]*">{n}</span></td>', row)


def test_report_lists_every_error_and_warning(report, marts):
    serious = marts["validation_issues"].filter(pl.col("severity").is_in(["error", "warning"]))
    assert f"Errors and warnings ({serious.height})" in report
    listing = _section_html(report, "issues")
    for row in serious.iter_rows(named=True):
        (listed,) = [r for r in _rows_with(listing, f"<code>{row['check']}</code>") if f"<td class=num>{row['line']}</td>" in r]
        assert html.escape(row["raw_text"]) in listed
    assert listing.count("<tr>") - listing.count("<thead><tr>") == serious.height


def test_plots_have_titles_labels_legends_and_real_marks(report, marts, runs):
    for plot_id in PLOT_IDS:
        plot = _svg(report, plot_id)
        assert f'<title id="{plot_id}-title">' in plot and 'class="legend"' in plot
        assert plot.count('class="axis-label"') >= 2
    standings = marts["driver_standings"].filter(pl.col("published").is_not_null())
    claims = marts["claims"].filter((pl.col("kind") == "points") & pl.col("published").is_not_null() & pl.col("points").is_not_null())
    points = _marks(report, "plot-points")
    flagged = int(standings["has_error"].sum()) + int(claims["has_error"].sum())
    assert points.count("<circle") == standings.height + claims.height - flagged
    assert points.count("<path") == flagged >= 1  # Gasly's inconsistent 52 is left out of the lines
    trusted_points = standings.filter(~pl.col("has_error")).unique(["driver", "published", "points"])
    assert points.count("<polyline") == trusted_points.group_by("driver").len().filter(pl.col("len") > 1).height
    assert _marks(report, "plot-issues-per-check").count("<rect") == len(all_checks())
    trend = _marks(report, "plot-issue-trend")
    assert trend.count("<circle") == 3 * runs.height and trend.count("<polyline") == 3


def test_report_is_self_contained_and_escapes_data(marts, runs):
    hostile = '<script>alert("x")</script>'
    issues = marts["validation_issues"].with_columns(
        pl.when(pl.col("check") == "ref.nationality").then(pl.lit(hostile)).otherwise("message").alias("message"),
        pl.when(pl.col("check") == "ref.nationality").then(pl.lit("<img src=x onerror=alert(1)>")).otherwise("raw_text").alias("raw_text"),
    )
    standings = marts["driver_standings"].with_columns(pl.when(pl.col("rank") == 1).then(pl.lit('<b>Bold & "Co"</b>')).otherwise("driver").alias("driver"))
    page = render_html({**marts, "validation_issues": issues, "driver_standings": standings}, runs)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert html.escape(hostile) in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;Bold &amp; &quot;Co&quot;&lt;/b&gt;" in page
    assert not re.search(r"<[a-zA-Z][^>]*\s(src|href)\s*=", page)  # nothing loaded from elsewhere
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"] * 3


def test_report_of_clean_articles_without_runs(runs):
    _, clean = build(_files(CLEAN), load_reference())
    page = render_html(clean, empty_runs())
    assert 'class="verdict-clean"' in page and "Errors and warnings (0)" in page
    assert "No run recorded yet." in _svg(page, "plot-issue-trend")
    assert _marks(page, "plot-points").count("<circle") > 0


# ------------------------------------------------------------------ run history


def test_append_run_sorts_and_replaces_a_retried_run(tmp_path):
    history = append_run(None, _run(2, 1, 0, 3))
    history = append_run(history, _run(0, 0, 0, 1))
    history = append_run(history, _run(1, 5, 0, 0, started_at=(T0 + dt.timedelta(hours=6)).astimezone(dt.timezone(dt.timedelta(hours=2)))))
    assert history.schema == RUNS_SCHEMA
    assert history["run_id"].to_list() == ["run-0", "run-1", "run-2"]
    assert history["started_at"][1] == T0 + dt.timedelta(hours=6)
    history.write_parquet(tmp_path / "runs.parquet")
    again = append_run(pl.read_parquet(tmp_path / "runs.parquet"), _run(1, 7, 0, 0))
    assert again.schema == RUNS_SCHEMA and again["run_id"].to_list() == ["run-0", "run-1", "run-2"]
    assert again.filter(pl.col("run_id") == "run-1")["errors"].item() == 7


def test_append_run_reads_an_older_history_without_a_column():
    old = append_run(None, _run(0, 0, 0, 0)).drop("generation", "taken_over")
    history = append_run(old, _run(1, 0, 0, 0, generation=None, taken_over=20))
    assert history.schema == RUNS_SCHEMA and history["generation"].to_list() == [None, None]
    assert history["taken_over"].to_list() == [None, 20]  # not recorded then: unknown, not zero


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"started_at": dt.datetime(2024, 3, 1, 8)}, "timezone-aware"),
        ({"deleted": -1}, "integers >= 0"),
        ({"taken_over": -1}, "integers >= 0"),
        ({"articles": True}, "integers >= 0"),
        ({"finished_at": T0 - dt.timedelta(seconds=1)}, "before started_at"),
        ({"extra": 1}, "unknown ['extra']"),
    ],
)
def test_append_run_rejects_bad_runs(bad, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        append_run(None, _run(0, 0, 0, 0, **bad))


def test_append_run_rejects_a_run_with_a_missing_field():
    run = _run(0, 0, 0, 0)
    del run["verdict"]
    with pytest.raises(ValueError, match=r"missing \['verdict'\]"):
        append_run(None, run)


# ------------------------------------------------------------------ data dictionary


def _section(markdown: str, table: str) -> str:
    return re.search(rf"^## {table}\n(.*?)(?=^## )", markdown, re.S | re.M).group(1)


def test_dictionary_lists_every_column_of_every_table_and_every_check():
    markdown = dictionary_markdown()
    for table, columns in {**MART_COLUMNS, "runs": list(RUNS_SCHEMA)}.items():
        section = _section(markdown, table)
        listed = re.findall(r"^\| `([^`]+)` \|", section, re.M)
        assert listed[: len(columns)] == columns
    for check in all_checks():
        assert f"| `{check.id}` | {check.severity} |" in _section(markdown + "\n## end", "Checks")
    standings = _section(markdown, "driver_standings")
    assert "`standings.duplicate_driver`" in standings and "`results.gap_order`" not in standings
    assert "| `severity` | String | no |" in markdown and "one of `error`, `warning`, `info`" in markdown
    assert "| `started_at` | Datetime (UTC, us) | no |" in markdown


def test_json_schemas_validate_the_real_rows_and_catch_bad_ones(marts, runs):
    schemas = json_schemas()
    assert set(schemas) == {*MODELS, "runs"}
    frames = {**marts, "runs": runs}
    for table, schema in schemas.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert list(schema["properties"]) == list(frames[table].columns)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        rows = json.loads(frames[table].write_json())
        assert rows, table
        for row in rows:
            validator.validate(row)
    issue = json.loads(marts["validation_issues"].head(1).write_json())[0]
    issues_validator = jsonschema.Draft202012Validator(schemas["validation_issues"])
    assert not issues_validator.is_valid({**issue, "severity": "fatal"})
    assert not issues_validator.is_valid({k: v for k, v in issue.items() if k != "message"})
    assert not issues_validator.is_valid({**issue, "line": 0})
    assert schemas["articles"]["properties"]["sha256"] == {
        "description": MODELS["articles"].to_schema().columns["sha256"].description,
        "type": ["string", "null"], "minLength": 64, "maxLength": 64,
    }
    assert schemas["runs"]["properties"]["started_at"]["format"] == "date-time"
    assert [c.name for c in RUNS_TABLE.columns] == list(schemas["runs"]["properties"])


# ------------------------------------------------------------------ DuckDB views


@pytest.fixture()
def warehouse(tmp_path, built) -> Path:
    staging, marts = built
    wh = tmp_path / "warehouse"
    publish(wh, marts, staging, manifest={})
    write_duckdb(wh, list(marts))
    return wh


def test_duckdb_views_work_from_any_directory(warehouse, marts, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    con = duckdb.connect(str(warehouse / DUCKDB_FILE), read_only=True)
    assert _scalar(con, "SELECT count(*) FROM driver_standings") == marts["driver_standings"].height
    checks = {row[0] for row in con.sql('SELECT "check" FROM validation_issues').fetchall()}
    assert checks == set(marts["validation_issues"]["check"]) and "standings.duplicate_driver" in checks
    trusted = _scalar(con, "SELECT count(*) FROM trusted_race_results")
    assert trusted == marts["race_results"].filter(~pl.col("has_error")).height < marts["race_results"].height
    gasly = con.sql("SELECT points FROM trusted_driver_standings WHERE driver = 'Pierre Gasly' AND article_id LIKE '2023-10-26%'").fetchall()
    assert gasly == [(56.0,)]  # the consistent entry is kept; the inconsistent 52 is flagged has_error
    views = {row[0] for row in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    flagged = {name for name, cols in MART_COLUMNS.items() if "has_error" in cols}
    assert views == set(marts) | {f"trusted_{name}" for name in flagged} and "trusted_validation_issues" not in views
    tags = _scalar(con, "SELECT tags FROM duckdb_databases() WHERE database_name = 'parcferme'")
    assert tags == {"storage_version": "v1.0.0+"}  # analysts with DuckDB 1.x can open the file
    comment = _scalar(con, "SELECT comment FROM duckdb_columns() WHERE table_name = 'validation_issues' AND column_name = 'check'")
    assert comment == MODELS["validation_issues"].to_schema().columns["check"].description


def test_duckdb_views_follow_each_new_generation(warehouse, built):
    staging, marts = built
    con = duckdb.connect(str(warehouse / DUCKDB_FILE), read_only=True)
    sql = _scalar(con, "SELECT sql FROM duckdb_views() WHERE view_name = 'driver_standings'")
    assert str(warehouse / "driver_standings.parquet") in sql and ".generations" not in sql and "current" not in sql
    first = marts["driver_standings"]["article_id"][0]
    smaller = {name: frame.filter(pl.col("article_id") != first) for name, frame in marts.items()}
    publish(warehouse, smaller, staging, manifest={})  # new generation, duckdb file untouched
    assert _scalar(con, "SELECT count(*) FROM driver_standings") == smaller["driver_standings"].height


def test_duckdb_file_is_replaced_atomically(warehouse, marts):
    target = warehouse / DUCKDB_FILE
    reader = duckdb.connect(str(target), read_only=True)
    before = target.stat().st_ino
    assert write_duckdb(warehouse, ["driver_standings", "validation_issues"]) == target
    assert target.stat().st_ino != before
    assert [p.name for p in warehouse.iterdir() if p.name.startswith(f".{DUCKDB_FILE}")] == []
    assert _scalar(reader, "SELECT count(*) FROM race_results") == marts["race_results"].height  # old file, still open
    reader.close()  # DuckDB shares one open database per path within a process: close it to see the new file
    fresh = duckdb.connect(str(target), read_only=True)
    assert {r[0] for r in fresh.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()} == {
        "driver_standings", "trusted_driver_standings", "validation_issues"}


def test_duckdb_refuses_a_table_without_parquet(warehouse):
    with pytest.raises(FileNotFoundError, match="no_such_table"):
        write_duckdb(warehouse, ["driver_standings", "no_such_table"])
    assert (warehouse / DUCKDB_FILE).exists()


# ------------------------------------------------------------------ Chromium


def test_render_check_says_clearly_when_chromium_is_missing(tmp_path, monkeypatch, capsys, report):
    checker = _load_script()
    monkeypatch.setattr(checker, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    (tmp_path / "report.html").write_text(report, encoding="utf-8")
    assert checker.main([str(tmp_path / "report.html")]) == 2
    assert "chromium not found at" in capsys.readouterr().err


def test_plot_mark_counter_reads_only_the_marks_group(report):
    marks = _load_script().plot_marks(report)
    assert all(marks[plot_id] > 0 for plot_id in PLOT_IDS)
    empty = '<svg id="plot-points"><g class="legend"><circle/></g><g class="marks"></g></svg>'
    assert _load_script().plot_problems(_load_script().plot_marks(empty)) == [
        "plot-points: no data marks", "plot-issues-per-check: missing", "plot-issue-trend: missing"]


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="/usr/bin/chromium not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path, report, capsys):
    page = tmp_path / "report.html"
    page.write_text(report, encoding="utf-8")
    png = tmp_path / "report.png"
    assert _load_script().main([str(page), "--png", str(png), "--width", "1200", "--height", "2400"]) == 0
    assert _load_script().png_size(png) == (1200, 2400)
    assert png.stat().st_size > 50_000  # a blank page compresses to a few KB
    out = capsys.readouterr().out
    assert all(re.search(rf"{plot_id} [1-9]\d* marks", out) for plot_id in PLOT_IDS)
