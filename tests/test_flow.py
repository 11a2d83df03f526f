"""End to end through Prefect: the flow on raw/ into a temp warehouse, incremental reruns,
changed and deleted files, artifacts, and the raw files left untouched."""

import asyncio
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest

from conftest import CLEAN, RAW, SEED_BRAZIL, SEED_P2, SEED_USGP
from support.procs import PYTHON, prefect_env, shared_server_env

# the clean articles the tests of ranges and batches below lay their cuts out for (the sprint's,
# written after them, would move every cut)
LAID_OUT = [path for path in sorted(CLEAN.glob("*.txt")) if path.stem != "2023-07-29_verstappen-wins-the-wet-spa-sprint"]


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def raw_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


def _read_artifacts(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))

    return asyncio.run(read())


def test_flow_end_to_end_and_incremental(prefect_harness, raw_copy, tmp_path):
    from flows.etl import parcferme_flow
    from flows.record import ISSUES_KEY, REPORT_KEY

    wh = tmp_path / "warehouse"
    before = _tree_digest(raw_copy)
    summary = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    assert (summary["articles"], summary["new"], summary["nothing_new"]) == (3, 3, False)
    assert summary["rows"]["race_results"] == 20 and summary["rows"]["driver_standings"] == 23
    assert summary["issues"] == {"error": 2, "warning": 1, "info": 8}
    issues = pl.read_parquet(wh / "validation_issues.parquet")
    assert set(issues.filter(pl.col("severity") != "info").select("article_id", "line").iter_rows()) == {
        (SEED_USGP, 9), (SEED_USGP, 37), (SEED_USGP, 81),
    }
    report = _read_artifacts(REPORT_KEY)
    assert report and "11th Gasly 52" in report[0].data and f"{SEED_USGP}:81" in report[0].data
    assert _read_artifacts(ISSUES_KEY)
    generation = (wh / "current").resolve()
    assert "11th Gasly 52" in (wh / "report.html").read_text(encoding="utf-8")
    assert (wh / "data_dictionary.md").exists() and (wh / "schemas.json").exists()

    again = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    assert again["nothing_new"] and again["unchanged"] == 3
    assert (wh / "current").resolve() == generation

    brazil = raw_copy / f"{SEED_BRAZIL}.txt"
    brazil.write_bytes(brazil.read_bytes() + b"\n\nAs of now, Lewis Hamilton has 226 points.\n")
    (raw_copy / f"{SEED_P2}.txt").unlink()
    changed = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    assert (changed["changed"], changed["deleted"], changed["unchanged"]) == (1, 1, 1)
    claims = pl.read_parquet(wh / "claims.parquet")
    assert set(claims["article_id"]) == {SEED_USGP, SEED_BRAZIL}
    assert claims.filter(pl.col("kind") == "points").select("driver", "points").rows() == [("Lewis Hamilton", 226.0)]
    assert pl.read_parquet(wh / "articles.parquet").height == 2
    runs = pl.read_parquet(wh / "runs.parquet")
    assert runs["new"].to_list() == [3, 0, 0] and runs["generation"].null_count() == 1
    import duckdb

    with duckdb.connect(str(wh / "parcferme.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM claims").fetchall() == [(claims.height,)]
        assert con.execute("SELECT count(*) FROM runs").fetchall() == [(3,)]
    assert _tree_digest(raw_copy) != before  # we changed it above; the flow itself never writes there
    assert not any(p.suffix != ".txt" for p in raw_copy.iterdir())


def test_flow_never_modifies_raw(prefect_harness, raw_copy, tmp_path):
    from flows.etl import parcferme_flow

    before = _tree_digest(raw_copy)
    parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(tmp_path / "wh"))
    assert _tree_digest(raw_copy) == before


def test_flow_fails_when_raw_is_missing(prefect_harness, tmp_path):
    from flows.etl import parcferme_flow

    state = parcferme_flow(raw_dir=str(tmp_path / "nope"), warehouse_dir=str(tmp_path / "wh"), return_state=True)
    assert state.is_failed()


def test_checks_across_articles_see_kept_and_new_articles(prefect_harness, raw_copy, tmp_path):
    """An article added later is checked against the staging kept from earlier runs, and the kept
    articles' own issues stay."""
    from flows.etl import parcferme_flow

    wh = tmp_path / "warehouse"
    first = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    assert first["per_check"].get("season.points_decrease") is None
    late = "2023-11-10_hamilton-update"
    (raw_copy / f"{late}.txt").write_text("date 2023-11-10\n\nLewis Hamilton has 150 points.\n", encoding="utf-8")
    second = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    assert (second["new"], second["unchanged"]) == (1, 3)
    issues = pl.read_parquet(wh / "validation_issues.parquet")
    decrease = issues.filter(pl.col("check") == "season.points_decrease")
    assert decrease.select("article_id", "line").rows() == [(late, 3)]
    assert SEED_USGP in decrease["message"].item() and "201" in decrease["message"].item()  # the kept USGP table, line 65
    kept = issues.filter((pl.col("article_id") == SEED_USGP) & (pl.col("severity") != "info"))
    assert set(kept.select("line", "check").iter_rows()) == {
        (9, "ref.series_mention"), (37, "ref.nationality"), (81, "standings.duplicate_driver"),
    }


def test_an_empty_raw_folder_publishes_every_table_empty(prefect_harness, tmp_path):
    from flows.etl import parcferme_flow
    from parcferme.pipeline import MART_COLUMNS

    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    raw.mkdir()
    summary = parcferme_flow(raw_dir=str(raw), warehouse_dir=str(wh))
    assert summary["articles"] == 0 and summary["issues"] == {"error": 0, "warning": 0, "info": 0}
    for table, columns in MART_COLUMNS.items():
        frame = pl.read_parquet(wh / f"{table}.parquet")
        assert frame.is_empty() and frame.columns == columns, table


class _NoRunner:
    """A batch runner that must not be started."""

    def __enter__(self):
        raise AssertionError("the batch runner was started with nothing to parse")

    def __exit__(self, *exc):
        return False


def test_a_run_with_nothing_to_parse_starts_no_batch_runner(prefect_harness, raw_copy, tmp_path, monkeypatch):
    """A deleted file alone re-publishes without parsing: no threads, and on Dask no cluster."""
    import flows.build as build
    import flows.etl as etl

    wh = tmp_path / "warehouse"
    etl.parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    (raw_copy / f"{SEED_P2}.txt").unlink()
    monkeypatch.setattr(build, "batch_runner", lambda *args: _NoRunner())
    summary = etl.parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh), task_runner="dask")
    assert (summary["deleted"], summary["unchanged"], summary["articles"]) == (1, 2, 2)
    assert set(pl.read_parquet(wh / "articles.parquet")["article_id"]) == {SEED_USGP, SEED_BRAZIL}


def test_an_unknown_task_runner_fails_the_run(prefect_harness, raw_copy, tmp_path):
    from flows.etl import parcferme_flow

    with pytest.raises(ValueError, match="unknown task runner 'spark'"):
        parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(tmp_path / "warehouse"), task_runner="spark")
    assert not (tmp_path / "warehouse").exists()


def _marts(wh: Path) -> dict[str, pl.DataFrame]:
    from parcferme.pipeline import MART_COLUMNS

    return {name: pl.read_parquet(wh / f"{name}.parquet") for name in MART_COLUMNS}


def _cold(raw: Path, wh: Path) -> dict[str, pl.DataFrame]:
    from flows.etl import parcferme_flow

    parcferme_flow(raw_dir=str(raw), warehouse_dir=str(wh))
    return _marts(wh)


def test_batches_are_cut_by_bytes_as_well_as_by_files(prefect_harness, raw_copy, tmp_path, monkeypatch):
    """A batch holds at most `pipeline.BATCH_BYTES` of files as listed (a folder of large files is cut
    into smaller batches), and the tables are those of one batch."""
    from flows import build
    from flows.etl import parcferme_flow
    from parcferme import pipeline

    sizes = sorted(path.stat().st_size for path in raw_copy.glob("*.txt"))
    made, article_batch = [], build.ArticleBatch
    with monkeypatch.context() as small:
        small.setattr(pipeline, "BATCH_BYTES", sizes[0] + sizes[1] - 1)  # no two of the three seeds together
        small.setattr(build, "ArticleBatch", lambda entries: made.append(len(entries)) or article_batch(entries))
        parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(tmp_path / "cut"), batch_size=2000)
    assert made == [1, 1, 1]
    whole = _cold(raw_copy, tmp_path / "whole")
    for name, frame in _marts(tmp_path / "cut").items():
        assert frame.equals(whole[name]), name


def test_many_ranges_and_batches_give_the_warehouse_of_one(prefect_harness, raw_copy, tmp_path, monkeypatch):
    """Marts made range by range and a staging kept in range files, read back by an update, give
    the tables a single batch and range give, row for row."""
    from flows.etl import parcferme_flow
    from parcferme import assemble, pipeline, warehouse
    from parcferme.pipeline import STAGED_FRAMES, publish

    for path in LAID_OUT:
        shutil.copy(path, raw_copy / path.name)
    wh = tmp_path / "ranged"
    with monkeypatch.context() as small:
        small.setattr(assemble, "RANGE_SIZE", 2)
        first = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh), batch_size=3)
    assert first["articles"] == 9
    staging = warehouse.staging_files(wh)
    assert {name: len(paths) for name, paths in staging.items()} == {name: 5 for name in STAGED_FRAMES}
    marts = warehouse.marts_files(wh)
    assert {name: len(paths) for name, paths in marts.items()} == {name: 5 for name in pipeline.MART_COLUMNS}
    whole = _cold(raw_copy, tmp_path / "whole")
    for name, frame in _marts(wh).items():
        assert frame.equals(whole[name]), name

    brazil = raw_copy / f"{SEED_BRAZIL}.txt"
    brazil.write_bytes(brazil.read_bytes() + b"\n\nAs of now, Lewis Hamilton has 226 points.\n")
    (raw_copy / f"{SEED_P2}.txt").unlink()
    made = []  # the ranges whose marts are made again, not taken as they were
    outcomes, publish_range = [], assemble.publish_range  # how each range was published, as the run's log counts them
    with monkeypatch.context() as small:
        small.setattr(assemble, "RANGE_SIZE", 2)
        small.setattr(assemble, "publish", lambda staging, issues: made.append(sorted(staging.articles["article_id"])) or publish(staging, issues))
        small.setattr(assemble, "publish_range", lambda *args: outcomes.append(publish_range(*args)) or outcomes[-1])
        update = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh), batch_size=3)
    assert (update["changed"], update["deleted"], update["unchanged"]) == (1, 1, 7)
    assert made == [[SEED_USGP, SEED_BRAZIL]]  # Brazil's range; the others' marts are the previous generation's rows
    assert sorted(outcomes) == [assemble.MADE, assemble.KEPT, assemble.KEPT, assemble.KEPT]
    after = warehouse.staging_files(wh)
    assert {len(paths) for paths in after.values()} == {4}  # the ranges stay where they were; P2's, its only article, is gone
    # the three ranges without Brazil keep their staging files (the same files, linked); Brazil's is written again
    linked = {name: [os.path.samefile(path, old) for path, old in zip(after[name], staging[name])] for name in STAGED_FRAMES}
    assert set(map(tuple, linked.values())) == {(True, True, True, False)}, linked
    # and their marts' files too, as the range's rows are flagged as they were
    marts_after = warehouse.marts_files(wh)
    linked = {name: [os.path.samefile(path, old) for path, old in zip(marts_after[name], marts[name])] for name in pipeline.MART_COLUMNS}
    assert set(map(tuple, linked.values())) == {(True, True, True, False)}, linked
    rebuilt = _cold(raw_copy, tmp_path / "rebuilt")
    for name, frame in _marts(wh).items():
        assert frame.equals(rebuilt[name]), name
    assert rebuilt["claims"].filter(pl.col("driver") == "Lewis Hamilton")["points"].to_list().count(226.0) == 1
    kept, cold = warehouse.read_staging(wh), warehouse.read_staging(tmp_path / "rebuilt")
    for name, frame in kept.frames().items():
        assert frame.equals(cold.frames()[name]), name

    # a range's marts are taken as they were only while the checks across articles flag it as then
    spool = assemble.Spool(None, warehouse.staging_files(wh), [], previous_marts=warehouse.marts_files(wh))
    first_two = pipeline.ArticleRange(*sorted(p.stem for p in raw_copy.glob("*.txt"))[:2], 2, kept_from=0)
    across = pl.read_parquet(wh / "validation_issues.parquet").filter(pl.col("check").str.starts_with("season.")).drop("raw_text")
    as_they_were = spool.marts_as_they_were(first_two, across)
    assert as_they_were is not None and set(as_they_were) == set(pipeline.MART_COLUMNS)
    assert pl.read_parquet(as_they_were["articles"])["article_id"].to_list() == [first_two.first, first_two.last]
    decrease = {"article_id": first_two.first, "line": 3, "check": "season.points_decrease", "severity": "error", "table": "claims",
                "message": "fewer points than an earlier article gave", "observed": "150", "expected": "201"}
    flagged_anew = pl.concat([across, pl.DataFrame([decrease], schema=across.schema)])
    assert spool.marts_as_they_were(first_two, flagged_anew) is None
    # nor when the previous generation's files of the range are not all there, or cannot be read
    files = warehouse.marts_files(wh)
    missing = assemble.Spool(None, warehouse.staging_files(wh), [], previous_marts={k: v for k, v in files.items() if k != "claims"})
    assert missing.marts_as_they_were(first_two, across) is None
    unreadable = tmp_path / "unreadable.parquet"
    unreadable.write_bytes(b"not parquet")
    damaged = assemble.Spool(None, warehouse.staging_files(wh), [], previous_marts={**files, "validation_issues": [unreadable, *files["validation_issues"][1:]]})
    assert damaged.marts_as_they_were(first_two, across) is None

    # and a kept range whose rows are flagged anew makes its marts again, from the staging it keeps
    brazil.write_bytes(brazil.read_bytes() + b"\nAs of now, Lewis Hamilton has 227 points.\n")
    made.clear()
    outcomes.clear()
    with monkeypatch.context() as small:
        small.setattr(assemble, "RANGE_SIZE", 2)
        small.setattr(assemble, "publish", lambda staging, issues: made.append(sorted(staging.articles["article_id"])) or publish(staging, issues))
        small.setattr(assemble, "publish_range", lambda *args: outcomes.append(publish_range(*args)) or outcomes[-1])
        small.setattr(assemble.Spool, "marts_as_they_were", lambda self, articles, season_issues: None)
        parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh), batch_size=3)
    assert len(made) == 4 and [SEED_USGP, SEED_BRAZIL] in made
    assert sorted(outcomes) == [assemble.MADE, assemble.STAGING_KEPT, assemble.STAGING_KEPT, assemble.STAGING_KEPT]
    again = _cold(raw_copy, tmp_path / "rebuilt-again")
    for name, frame in _marts(wh).items():
        assert frame.equals(again[name]), name


def test_a_range_of_whole_batches_keeps_their_parts_as_its_staging(prefect_harness, raw_copy, tmp_path, monkeypatch):
    """A first run cuts its ranges where batches start, and links each range's batch parts as its
    staging instead of reading and writing it again; the next run reads that staging back, keeps the
    ranges it leaves as they were (their several files linked), and gives a cold run's tables."""
    from flows.etl import parcferme_flow
    from parcferme import assemble, warehouse
    from parcferme.pipeline import STAGED_FRAMES

    for path in LAID_OUT:
        shutil.copy(path, raw_copy / path.name)
    wh = tmp_path / "linked"
    outcomes, publish_range = [], assemble.publish_range
    parts = []  # the files (inodes) of the batch parts each range links, seen before the parts are removed
    link_batches = assemble.Spool.link_batches

    def linking(spool, index, batches):
        parts.append([os.stat(spool.generation.parts("fresh", "lines")[i]).st_ino for i in batches])
        return link_batches(spool, index, batches)

    with monkeypatch.context() as small:
        small.setattr(assemble, "RANGE_SIZE", 4)
        small.setattr(assemble, "publish_range", lambda *args: outcomes.append(publish_range(*args)) or outcomes[-1])
        small.setattr(assemble.Spool, "link_batches", linking)
        first = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh), batch_size=2)
    assert first["articles"] == 9 and outcomes == [assemble.BATCHES_LINKED] * 3
    staging = warehouse.staging_files(wh)
    ranges = {name: [[path.name for path in files] for files in warehouse.by_range(paths)] for name, paths in staging.items()}
    assert ranges == {name: [["000000-0000.parquet", "000000-0001.parquet"], ["000001-0000.parquet", "000001-0001.parquet"], ["000002-0000.parquet"]] for name in STAGED_FRAMES}
    assert parts == [[os.stat(path).st_ino for path in files] for files in warehouse.by_range(staging["lines"])]  # the parts themselves
    cold_marts = _cold(raw_copy, tmp_path / "cold")
    cold = warehouse.read_staging(tmp_path / "cold")
    for name, frame in warehouse.read_staging(wh).frames().items():
        assert frame.equals(cold.frames()[name]), name
    for name, frame in _marts(wh).items():
        assert frame.equals(cold_marts[name]), name

    brazil = raw_copy / f"{SEED_BRAZIL}.txt"
    brazil.write_bytes(brazil.read_bytes() + b"\n\nAs of now, Lewis Hamilton has 226 points.\n")
    outcomes.clear()
    with monkeypatch.context() as small:
        small.setattr(assemble, "RANGE_SIZE", 4)
        small.setattr(assemble, "publish_range", lambda *args: outcomes.append(publish_range(*args)) or outcomes[-1])
        update = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh), batch_size=2)
    assert (update["changed"], update["unchanged"]) == (1, 8)
    assert sorted(outcomes) == sorted([assemble.MADE, assemble.KEPT, assemble.KEPT])
    # the ranges without Brazil keep their files (several for a range of several batches), linked; Brazil's is written again, as one
    before, after = ({name: warehouse.by_range(paths) for name, paths in files.items()} for files in (staging, warehouse.staging_files(wh)))
    brazils = sorted(path.stem for path in raw_copy.glob("*.txt")).index(SEED_BRAZIL) // 4
    for name in STAGED_FRAMES:
        assert [len(files) for files in after[name]] == [1 if i == brazils else len(files) for i, files in enumerate(before[name])], name
        same = [len(new) == len(old) and all(map(os.path.samefile, new, old)) for new, old in zip(after[name], before[name])]
        assert same == [i != brazils for i in range(3)], name
    rebuilt = _cold(raw_copy, tmp_path / "rebuilt")
    for name, frame in _marts(wh).items():
        assert frame.equals(rebuilt[name]), name
    cold = warehouse.read_staging(tmp_path / "rebuilt")
    for name, frame in warehouse.read_staging(wh).frames().items():
        assert frame.equals(cold.frames()[name]), name


def test_a_damaged_staging_makes_the_next_run_parse_everything_again(prefect_harness, raw_copy, tmp_path, monkeypatch):
    """The staging of unchanged articles is read back, never trusted blindly: a range file gone or
    unreadable makes the run parse every file again instead of dropping the articles it held."""
    from flows.etl import parcferme_flow
    from parcferme import assemble, warehouse

    for path in LAID_OUT:
        shutil.copy(path, raw_copy / path.name)
    wh = tmp_path / "warehouse"
    monkeypatch.setattr(assemble, "RANGE_SIZE", 2)
    parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    staging = (wh / "current").resolve() / "_staging"
    unchanged = sorted(p.stem for p in raw_copy.glob("*.txt"))
    assert warehouse.staging_covers(wh, unchanged)

    next((staging / "race_results").glob("000001-*.parquet")).unlink()
    assert warehouse.staging_files(wh) is None and not warehouse.staging_covers(wh, unchanged)
    brazil = raw_copy / f"{SEED_BRAZIL}.txt"
    brazil.write_bytes(brazil.read_bytes() + b"\n\nAs of now, Lewis Hamilton has 226 points.\n")
    again = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 9, 0)
    rebuilt = _cold(raw_copy, tmp_path / "rebuilt")
    for name, frame in _marts(wh).items():
        assert frame.equals(rebuilt[name]), name

    staging = (wh / "current").resolve() / "_staging"
    next((staging / "articles").glob("000000-*.parquet")).write_bytes(b"not parquet")
    assert warehouse.staging_files(wh) is not None and not warehouse.staging_covers(wh, unchanged)
    (raw_copy / f"{SEED_P2}.txt").unlink()
    last = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    assert (last["changed"], last["unchanged"], last["deleted"]) == (8, 0, 1)
    assert pl.read_parquet(wh / "articles.parquet").height == 8


def test_a_worker_process_frees_what_earlier_batches_left_in_reference_cycles(tmp_path):
    """A batch task in a process of its own (a Dask worker) collects the cycles earlier task runs
    left, which hold their frames; in the flow's process during a run it leaves that to the flow."""
    probe = """
import gc, weakref
from flows import build

class Frame:
    pass

def cycle():
    held = Frame()
    held.self = held
    return weakref.ref(held)

gc.disable()  # only the collections under test run
with build._young_objects_only():
    in_flow = cycle()
    build._collect_in_worker_process()
    assert in_flow() is not None, "the flow's process collects after each batch itself"
in_worker = cycle()
build._collect_in_worker_process()
assert in_worker() is None, "a worker process left an earlier batch's cycle uncollected"
assert gc.get_freeze_count() > 0
print("ok")
"""
    result = subprocess.run([PYTHON, "-c", probe], env=prefect_env(tmp_path / "prefect-home"), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_a_batch_task_writes_its_parts_where_it_sees_the_run_s_generation_else_sends_the_batch_back(tmp_path):
    """The `parse and check batch` task (on a thread, or a Dask worker): where the run's unfinished
    generation can be seen, the batch's parts are written there and only its articles as read go
    back; elsewhere the staged batch goes back whole, for the flow's process to write: the same parts."""
    from flows import build
    from parcferme.assemble import write_batch
    from parcferme.pipeline import STAGED_FRAMES, Staged
    from parcferme.raw import list_raw
    from parcferme.stage_process import StagedApart
    from parcferme.warehouse import FRESH, PARTS, Generation

    batch = build.ArticleBatch(list_raw(RAW))
    seen, unseen, here = (Generation(tmp_path / name) for name in ("seen", "unseen", "here"))
    seen.open_to_writers()
    with build._young_objects_only():  # as in the flow's process: the task leaves collecting to it
        apart = build.stage_batch.fn(batch, seen, 4)
        staged = build.stage_batch.fn(batch, unseen, 4)  # never opened to writers: as a worker that does not see it
    assert isinstance(apart, StagedApart) and apart.index == 4 and sorted(apart.articles["article_id"]) == sorted([SEED_BRAZIL, SEED_P2, SEED_USGP])
    assert isinstance(staged, Staged) and not (unseen.work / PARTS).exists()
    assert write_batch(here, 4, staged).equals(apart.articles)
    for name in STAGED_FRAMES:
        part = f"{FRESH}/{name}/000004.parquet"
        assert pl.read_parquet(seen.work / PARTS / part).equals(pl.read_parquet(here.work / PARTS / part)), name
    assert pl.read_parquet(seen.work / PARTS / FRESH / "race_results" / "000004.parquet").height == 20  # the seeds' results rows


def test_a_batch_task_that_cannot_write_where_it_sees_the_generation_sends_the_batch_back(tmp_path, monkeypatch):
    """A worker that sees the run's generation on a mount it may not write to (read-only) sends its
    staged batch back rather than failing the run."""
    from flows import build
    from parcferme.pipeline import Staged
    from parcferme.raw import list_raw
    from parcferme.warehouse import Generation

    def read_only(generation, index, staged):
        raise PermissionError(13, "Read-only file system", str(generation.work))

    seen = Generation(tmp_path / "seen")
    seen.open_to_writers()
    monkeypatch.setattr(build.assemble, "write_batch", read_only)
    with build._young_objects_only():
        staged = build.stage_batch.fn(build.ArticleBatch(list_raw(RAW)), seen, 0)
    assert isinstance(staged, Staged) and staged.staging.race_results.height == 20


def test_a_run_with_nothing_new_leaves_the_build_path_unloaded(prefect_harness, raw_copy, tmp_path):
    """A scheduled rerun of an unchanged raw/ records itself without importing what parsing, checking
    and publishing need (pandera's models among them: half a second of a rerun's start), keeps the
    DuckDB file as it is, and writes it again when it is missing."""
    from flows.etl import parcferme_flow

    wh = tmp_path / "warehouse"
    parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(wh))
    duckdb_file = wh / "parcferme.duckdb"
    written = duckdb_file.stat().st_mtime_ns
    probe = f"""
import json, sys
from flows.etl import parcferme_flow
summary = parcferme_flow(raw_dir={str(raw_copy)!r}, warehouse_dir={str(wh)!r})
build_path = ("flows.build", "parcferme.pipeline", "schemas.models", "pandera")
print(json.dumps({{"nothing_new": summary["nothing_new"], "loaded": [m for m in build_path if m in sys.modules]}}))
"""
    env = shared_server_env(tmp_path / "prefect-home")

    def rerun() -> dict:
        result = subprocess.run([PYTHON, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert rerun() == {"nothing_new": True, "loaded": []}
    assert duckdb_file.stat().st_mtime_ns == written
    assert pl.read_parquet(wh / "runs.parquet").height == 2

    duckdb_file.unlink()
    assert rerun()["nothing_new"] is True
    import duckdb

    with duckdb.connect(str(duckdb_file), read_only=True) as con:
        views = {row[0] for row in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 3
    assert {"articles", "race_results", "validation_issues", "runs", "trusted_claims"} <= views
