"""The benchmark's floor (scripts/benchmark.py, inner_floor) extracts the same tables as the core: the
ratio of the pipeline to the floor means something only while it does. Checked on a synthetic archive
with every format variant and planted errors, and on the seed articles."""

from __future__ import annotations

import polars as pl
import pytest

from conftest import RAW, ROOT, article_files, script

benchmark = script("benchmark")
synth = script("synth_archive")


def _rows(marts: dict[str, pl.DataFrame]) -> dict[str, int]:
    return {table: marts[table].height for table in benchmark.FLOOR_TABLES.values()}


def _unreadable_lines(marts: dict[str, pl.DataFrame]) -> int:
    return marts["validation_issues"].filter(pl.col("check") == "parse.unreadable_row").height


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("floor-archive")
    synth.generate(folder, 300, seed=13, error_rate=0.1, other_share=0.3)
    return folder


def test_the_floor_reads_the_tables_the_core_reads(archive, reference):
    from parcferme.pipeline import build

    floor = benchmark.inner_floor(archive)["rows"]
    _, marts = build(article_files(archive), reference)
    core = _rows(marts)
    assert core["driver_standings"] > 2000 and core["constructor_standings"] > 900 and core["claims"] > 2000
    # every line of a results or Out/DSQ section is a floor row, read or not: the core's table plus the
    # rows it could not read (each an issue on its line)
    assert floor["results"] + floor["out"] == core["race_results"] + _unreadable_lines(marts)
    assert floor["drivers"] == core["driver_standings"]
    assert floor["teams"] == core["constructor_standings"]
    # every match of every claim pattern and role: overlaps, past totals and roles in other series count
    # too, so a few more than the core keeps
    assert core["claims"] <= floor["claims"] <= 1.15 * core["claims"]


def test_the_floor_reads_the_seed_articles_tables(tmp_path, reference):
    from parcferme.pipeline import build

    for path in RAW.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    floor = benchmark.inner_floor(tmp_path)["rows"]
    _, marts = build(article_files(RAW), reference)
    core = _rows(marts)
    assert floor["results"] + floor["out"] == core["race_results"] + _unreadable_lines(marts)
    assert (floor["drivers"], floor["teams"]) == (core["driver_standings"], core["constructor_standings"])
    assert core["claims"] <= floor["claims"]


@pytest.mark.parametrize("where", ["threads", "staging processes"])
def test_the_extraction_measured_beside_the_floor_is_the_cores_parsing(archive, reference, where, monkeypatch):
    """The benchmark's extraction (inner_extract), batch by batch on threads or in the staging
    processes (as staging runs a large archive), reads the rows the warehouse holds: the floor's
    ratio splits into the extraction and what only the pipeline does."""
    from parcferme import stage_process
    from parcferme.pipeline import build
    from parcferme.raw import list_raw

    if where == "staging processes":
        monkeypatch.setattr(stage_process, "FROM_ARTICLES", 100)
        monkeypatch.syspath_prepend(str(ROOT / "scripts"))  # a worker finds the benchmark's batch function as `benchmark` (run as a script: __main__)
    _, marts = build(article_files(archive), reference)
    extract = benchmark.inner_extract(archive, batch_size=40, in_flight=2)  # 8 batches
    assert extract["articles"] == len(list_raw(archive)) == marts["articles"].height + 1  # as the pipeline counts: the planted .csv too
    assert extract["rows"] == _rows(marts)
    assert extract["seconds"] > 0 and extract["cpu_s"] > 0


def test_the_benchmark_states_the_flow_s_own_defaults():
    """The report says which batch sizes and batches in flight the runs took: the flow's, which the
    benchmark's parent process (measuring a snapshot of the code) does not import."""
    from flows import etl

    assert (benchmark.BATCH_SIZE, benchmark.BATCH_SIZE_LOCAL_CLUSTER, benchmark.IN_FLIGHT_DASK) == (
        etl.BATCH_SIZE, etl.BATCH_SIZE_LOCAL_CLUSTER, etl.IN_FLIGHT_DASK,
    )
