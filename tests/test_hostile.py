"""A raw folder of hostile files beside the three seed articles, through the real flow (Prefect test
harness): every file gets an issue row that names it, the check and the line; the run completes;
the seed articles read as always; no row is dropped silently; the raw folder is left untouched."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import psutil
import pytest

from conftest import RAW, SEED_USGP
from parcferme.pipeline import MART_COLUMNS
from support.hostile import huge_article, write_hostile
from support.procs import PYTHON, ROOT, kill_group, shared_server_env, spawn, tail
from support.whcheck import assert_one_generation, canonical, partials

pytestmark = pytest.mark.slow
HUGE_MB = 50
LONG_ROWS = 5000
TIMED_CLI = ROOT / "tests" / "support" / "timed_cli.py"


def _raw_digest(raw: Path, outside: list[Path]) -> dict[str, tuple]:
    """Everything about the raw folder a run could change: names, link targets, bytes, size, mtime, mode;
    and the files symlinks lead to outside it."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(raw, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            st = path.lstat()
            key = path.relative_to(raw).as_posix()
            if path.is_symlink():
                out[key] = ("link", os.readlink(path), st.st_mode)
            elif path.is_file():
                out[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns, st.st_mode)
            else:
                out[key] = ("dir", st.st_mode)
    for path in outside:
        st = path.stat()
        out[f"outside:{path}"] = (hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns, st.st_mode)
    return out


@pytest.fixture(scope="module")
def hostile(prefect_harness, tmp_path_factory):
    import flows.etl as etl
    from parcferme import pipeline

    tmp = tmp_path_factory.mktemp("hostile")
    raw, wh = tmp / "raw", tmp / "warehouse"
    shutil.copytree(RAW, raw)
    facts = write_hostile(raw, tmp / "outside", huge_mb=0, long_rows=LONG_ROWS)  # the 50 MB one runs apart, below
    before = _raw_digest(raw, [facts["secret"]])
    vanishing = raw / f"{facts['vanishing']}.txt"
    real_list, real_stage = etl.list_raw, pipeline.stage
    parse_s: dict[str, float] = {}

    def list_then_vanish(folder):
        entries = real_list(folder)
        vanishing.unlink(missing_ok=True)  # gone between listing the folder and reading the file
        return entries

    def timed_stage(files, reference):
        started = time.perf_counter()
        staged = real_stage(files, reference)
        parse_s[",".join(f[0] for f in files)] = time.perf_counter() - started
        return staged

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(etl, "list_raw", list_then_vanish)
        patch.setattr(pipeline, "stage", timed_stage)
        started = time.perf_counter()
        # one file per batch, so each file's parse time is measured on its own
        state = etl.parcferme_flow(raw_dir=str(raw), warehouse_dir=str(wh), batch_size=1, return_state=True)
        flow_s = time.perf_counter() - started
    after = _raw_digest(raw, [facts["secret"]])
    marts = {name: pl.read_parquet(wh / f"{name}.parquet") for name in MART_COLUMNS} if state.is_completed() else {}
    return SimpleNamespace(
        state=state, facts=facts, raw=raw, wh=wh, before=before, after=after, marts=marts, flow_s=flow_s, parse_s=parse_s
    )


def _issues(h, key: str) -> pl.DataFrame:
    return h.marts["validation_issues"].filter(pl.col("article_id") == h.facts[key])


def _serious(frame: pl.DataFrame) -> set[tuple]:
    return set(frame.filter(pl.col("severity").is_in(["error", "warning"])).select("line", "check").iter_rows())


def test_the_run_completes_and_the_warehouse_is_one_generation(hostile):
    assert hostile.state.is_completed(), hostile.state
    summary = hostile.state.result()
    assert summary["articles"] == len(hostile.before) - 1  # every entry but the symlink target outside
    assert partials(hostile.wh) == []
    gen, marts = assert_one_generation(hostile.wh)
    assert marts["articles"].height == summary["articles"]
    print(f"\nhostile corpus: flow {hostile.flow_s:.1f} s; parse of the {LONG_ROWS}-line table "
          f"{hostile.parse_s.get(hostile.facts['long'], float('nan')):.2f} s")


FILE_ISSUES = [
    # (hostile file, check, line, articles.status, words of the message)
    ("empty", "parse.empty_file", None, "empty", "empty"),
    ("binary", "parse.binary_file", None, "binary", "not a text file"),
    ("latin1", "parse.encoding", 1, "parsed", "first at line 1: byte 0xE9"),  # the é of Pérez
    ("missing_date", "parse.missing_date", 1, "undated", "no `date"),
    ("bad_date", "parse.bad_date", 1, "undated", "2023-13-45"),
    ("cut", "parse.unreadable_row", "cut_line", "parsed", "cannot be read"),
    ("symlink", "parse.unread_file", None, "unread", "outside the raw folder"),
    ("vanishing", "parse.unread_file", None, "unread", "vanished"),
]


@pytest.mark.parametrize("key, check, line, status, words", FILE_ISSUES, ids=[row[0] for row in FILE_ISSUES])
def test_each_bad_file_has_its_issue_row(hostile, key, check, line, status, words):
    line = hostile.facts[line] if isinstance(line, str) else line
    rows = _issues(hostile, key).filter(pl.col("check") == check)
    assert rows.height == 1, _issues(hostile, key)
    assert rows["line"].item() == line
    assert words in rows["message"].item()
    article = hostile.marts["articles"].filter(pl.col("article_id") == hostile.facts[key])
    assert article["status"].item() == status


def test_the_cut_line_is_the_only_loss_of_its_table(hostile):
    f = hostile.facts
    results = hostile.marts["race_results"].filter(pl.col("article_id") == f["cut"])
    assert results.height == f["table_rows"]
    assert _serious(_issues(hostile, "cut")) == {(f["cut_line"], "parse.unreadable_row")}


def test_encodings_and_line_ends_read_like_plain_utf8(hostile):
    f, marts = hostile.facts, hostile.marts

    def rows(key: str) -> pl.DataFrame:
        return marts["race_results"].filter(pl.col("article_id") == f[key]).drop("article_id").sort("line")

    plain = rows("plain")
    assert plain.height == f["table_rows"]
    assert {"Sergio Pérez", "Nico Hülkenberg"} <= set(plain["driver"])
    assert plain["driver_id"].null_count() == 0
    for key in ("latin1", "bom", "crlf"):
        assert rows(key).equals(plain), key
        assert _serious(_issues(hostile, key)) - {(1, "parse.encoding")} == _serious(_issues(hostile, "plain")), key
    encodings = dict(marts["articles"].select("article_id", "encoding").iter_rows())
    assert (encodings[f["latin1"]], encodings[f["bom"]], encodings[f["crlf"]]) == ("windows-1252", "utf-8-sig", "utf-8")
    assert _serious(_issues(hostile, "bom")) == set() and _serious(_issues(hostile, "crlf")) == set()


def test_no_row_of_the_long_table_is_dropped(hostile):
    f = hostile.facts
    table_lines = set(range(f["long_first_line"], f["long_first_line"] + f["long_rows"]))
    read = set(hostile.marts["race_results"].filter(pl.col("article_id") == f["long"])["line"])
    unreadable = set(_issues(hostile, "long").filter(pl.col("check") == "parse.unreadable_row")["line"])
    assert read.isdisjoint(unreadable)
    assert read | unreadable == table_lines, (len(read), len(unreadable))
    print(f"\n{f['long_rows']}-line table: {len(read)} rows read, {len(unreadable)} parse.unreadable_row")


def test_lookalike_digits_are_never_read_as_numbers(hostile):
    f = hostile.facts
    lines = f["lookalike_lines"]
    unreadable = _issues(hostile, "lookalike").filter(pl.col("check") == "parse.unreadable_row")
    assert set(unreadable["line"]) == set(lines["results"]) | set(lines["standings"])
    results = hostile.marts["race_results"].filter(pl.col("article_id") == f["lookalike"])
    standings = hostile.marts["driver_standings"].filter(pl.col("article_id") == f["lookalike"])
    assert set(results["line"]).isdisjoint(lines["results"]) and results.height == 2
    assert set(standings["line"]).isdisjoint(lines["standings"]) and standings.height == 2


def test_seed_articles_are_read_as_always(hostile, seeds):
    issues = hostile.marts["validation_issues"]
    serious = issues.filter(pl.col("severity").is_in(["error", "warning"]))
    seed_ids = {p.stem for p in RAW.glob("*.txt")}
    seed_serious = serious.filter(pl.col("article_id").is_in(sorted(seed_ids)))
    assert set(seed_serious.select("article_id", "line").iter_rows()) == {
        (SEED_USGP, 9), (SEED_USGP, 37), (SEED_USGP, 81),
    }
    assert sorted(seed_serious["severity"]) == ["error", "error", "warning"]
    _, alone = seeds  # the seed articles parsed and checked on their own
    for name in MART_COLUMNS:
        got = hostile.marts[name].filter(pl.col("article_id").is_in(sorted(seed_ids)))
        want = alone[name].filter(pl.col("article_id").is_in(sorted(seed_ids)))
        assert canonical(got).equals(canonical(want)), name


def test_raw_folder_is_untouched(hostile):
    expected = {k: v for k, v in hostile.before.items() if k != f"{hostile.facts['vanishing']}.txt"}
    assert hostile.after == expected


MEMORY_CAP = 8 * 2**30  # RSS at which the test stops the run (the machine has 23 GB, shared)
ADDRESS_SPACE = 12 * 2**30  # hard cap (RLIMIT_AS) should the watchdog be too slow


def test_a_50mb_article_beside_the_seeds(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    shutil.copytree(RAW, raw)
    huge = raw / "2023-10-27_huge.txt"
    huge.write_bytes(huge_article(HUGE_MB * 1_000_000))
    before = _raw_digest(raw, [])
    env = shared_server_env(tmp_path / "prefect-home")
    log = tmp_path / "run.log"
    args = [PYTHON, str(TIMED_CLI), "run", "--raw", str(raw), "--warehouse", str(wh)]
    started, peak, stopped = time.monotonic(), 0, None
    proc = spawn(args, env, tmp_path, log, max_address_space=ADDRESS_SPACE)
    try:
        while proc.poll() is None:
            try:
                rss = psutil.Process(proc.pid).memory_info().rss
            except psutil.Error:
                rss = 0
            peak = max(peak, rss)
            if rss > MEMORY_CAP or time.monotonic() - started > 400:
                stopped = f"stopped at {rss / 2**30:.1f} GB RSS after {time.monotonic() - started:.0f} s"
                break
            time.sleep(0.05)
    finally:
        kill_group(proc)
        proc.wait()
    elapsed = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    timings = dict(re.findall(r"timed_cli: (\w+) ([0-9.]+) s", text))
    print(f"\n50 MB article + seeds: {elapsed:.1f} s, peak RSS {peak / 2**30:.2f} GB, "
          f"parse {timings.get('stage', '?')} s, checks {timings.get('check', '?')} s; {stopped or 'exit ' + str(proc.returncode)}")
    assert stopped is None, f"{stopped}\n{tail(log)}"
    assert proc.returncode == 0, tail(log)
    assert _raw_digest(raw, []) == before
    marts = {name: pl.read_parquet(wh / f"{name}.parquet") for name in MART_COLUMNS}
    body = (RAW / f"{SEED_USGP}.txt").read_text(encoding="utf-8").split("\n", 1)[1].encode("utf-8")
    head = huge.read_bytes()[: huge.read_bytes().index(b"\n") + 1]
    reps = (huge.stat().st_size - len(head)) // len(body)
    article = marts["articles"].filter(pl.col("article_id") == huge.stem)
    assert article["status"].item() == "parsed"
    for table in ("race_results", "driver_standings"):
        per_usgp = marts[table].filter(pl.col("article_id") == SEED_USGP).height
        assert marts[table].filter(pl.col("article_id") == huge.stem).height == per_usgp * reps, table
    serious = marts["validation_issues"].filter(
        pl.col("severity").is_in(["error", "warning"]) & (pl.col("article_id") != huge.stem)
    )
    assert set(serious.select("article_id", "line").iter_rows()) == {
        (SEED_USGP, 9), (SEED_USGP, 37), (SEED_USGP, 81),
    }
