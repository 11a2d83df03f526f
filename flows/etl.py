"""The parcferme flow: raw folder -> checked warehouse, incremental, in batches of articles.

Only orchestration lives here; parsing, checking and writing are the core's pure functions.
No task result is persisted (results stay in memory; nothing is pickled to disk).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import threading
import time
import uuid
from collections import deque
from typing import NamedTuple
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, runtime, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from parcferme import assemble, pipeline, warehouse
from parcferme.assemble import Spool
from parcferme.incremental import Plan, fingerprint, plan_run
from parcferme.quality.dictionary import dictionary_markdown, json_schemas
from parcferme.quality.duckdb_views import write_duckdb
from parcferme.quality.report import render_html, report_frames
from parcferme.quality.runs import append_run
from parcferme.raw import RawEntry, list_raw, read_entry
from parcferme.reference import load_reference
from parcferme.report import check_counts, markdown_report, severity_counts, verdict_of

REPORT_KEY = "parcferme-report"
ISSUES_KEY = "parcferme-issues"
REPORT_FILE = "report.html"
RUNS_TABLE = "runs"
BATCH_SIZE = 2000
IN_FLIGHT = 3  # batches read or parsing at once (what bounds the run's memory): on two cores a third keeps both busy
# while the others hold the GIL (measured: 8-10 % faster than two), and staging still peaks below the season checks
IN_FLIGHT_DASK = 8  # a cluster's workers each take batches; results come back to this process one at a time
BATCH_RUNNERS = ("local", "dask")
MAX_TABLE_ARTIFACT_ROWS = 1000

task_options = {"cache_policy": NO_CACHE, "persist_result": False}
# Large arguments are passed quote()d: Prefect then hands them over as they are instead of walking
# every element looking for futures (seconds per call on tens of thousands of articles).


@task(name="plan changes", retries=2, retry_delay_seconds=1, **task_options)
def plan_changes(raw_dir: Path, manifest: dict) -> Plan:
    return plan_run(list_raw(raw_dir), manifest, fingerprint())


class ArticleBatch:
    """A batch of raw files (read by the flow, so workers need no access to raw/) handed to a parse
    task as one opaque object: Prefect does not walk it looking for futures, and unlike quote() it
    reaches tasks on Dask workers unwrapped."""

    def __init__(self, entries: list[RawEntry]):
        self.files = [read_entry(entry).as_tuple() for entry in entries]

    def __repr__(self) -> str:
        return f"ArticleBatch({len(self.files)} files)"


@task(name="parse and check batch", **task_options)
def stage_batch(batch: ArticleBatch) -> pipeline.Staged:
    _collect_in_worker_process()
    return pipeline.stage_batch(batch.files, load_reference())


# The tasks below are called, not submitted: they run in the flow's own process (never on Dask
# workers), where the new generation's parts are.
@task(name="check across articles", **task_options)
def check_season(season: dict[str, pl.LazyFrame]) -> pl.DataFrame:
    return pipeline.check_season(season, load_reference())


@task(name="publish articles", **task_options)
def publish_range(spool: Spool, index: int, first: str, last: str, season_issues: pl.DataFrame) -> dict[str, int]:
    return assemble.publish_range(spool, index, first, last, season_issues)


@task(name="assemble tables", retries=2, retry_delay_seconds=2, **task_options)
def assemble_tables(generation: warehouse.Generation, tables: list[str]) -> dict[str, Path]:
    return generation.assemble(tables)


@task(name="publish warehouse", retries=2, retry_delay_seconds=2, **task_options)
def write_warehouse(generation: warehouse.Generation, tables: list[str], manifest: dict, extras: dict[str, bytes]) -> str:
    return str(generation.commit(tables, manifest, extras))


@task(name="record run", retries=2, retry_delay_seconds=1, **task_options)
def record_run(warehouse_dir: Path, runs: pl.DataFrame, tables: list[str]) -> None:
    warehouse.write_top_level(warehouse_dir, RUNS_TABLE, runs)
    write_duckdb(warehouse_dir, [*tables, RUNS_TABLE])


class Batching(NamedTuple):
    runner: TaskRunner  # not started yet: entered only when there are files to parse
    size: int  # articles per batch
    in_flight: int  # batches out at once


def batch_runner(kind: str, dask_address: str | None, in_flight: int) -> TaskRunner:
    """Where the `parse and check batch` tasks run (`kind` is one of BATCH_RUNNERS): threads of the
    flow's process ("local"), or a Dask cluster ("dask": the scheduler at `dask_address`, else a
    local cluster of one worker process per core)."""
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"processes": True, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=in_flight)


@contextlib.contextmanager
def _api_for_spawned_processes():
    """Processes started meanwhile (a local Dask cluster's workers) report to this flow's API.

    Prefect reads its settings once, at import, and a process without an API address starts a
    temporary server of its own: on the embedded default each worker ran one (measured: 215 MiB and
    a few seconds each, every server writing the same database). A spawned process inherits the
    environment at its start, so the address is set for as long as the runner runs (a worker
    restarted meanwhile gets it too)."""
    saved = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = saved or str(get_client(sync_client=True).api_url)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PREFECT_API_URL", None)


def _staged_batches(runner: TaskRunner, entries: list[RawEntry], size: int, in_flight: int):
    """Staged batches in order, with at most `in_flight` batches read or parsing at a time (memory
    stays bounded however large the archive)."""
    pending: deque = deque()
    for start in range(0, len(entries), size):
        pending.append(runner.submit(stage_batch, {"batch": ArticleBatch(entries[start : start + size])}))
        if len(pending) >= in_flight:
            yield _released(pending.popleft())
    while pending:
        yield _released(pending.popleft())


def _released(future):
    """A task's result, with the memory of those before it given back now: Prefect's task run objects
    hold reference cycles, so without a collection each batch's frames would wait for Python's
    cyclic garbage collector (measured: +700 MB at 100k articles)."""
    result = future.result()
    del future
    gc.collect()  # cheap: see _young_objects_only
    return result


_IN_FLOW_RUN = threading.Event()  # set in the flow's process while a run collects after each batch


@contextlib.contextmanager
def _young_objects_only():
    """Make gc.collect() cheap during the run: what exists before it (Prefect, pandera, the plan...)
    is set aside from collection until the run ends, so a collection walks only the run's new objects."""
    gc.freeze()
    _IN_FLOW_RUN.set()
    try:
        yield
    finally:
        _IN_FLOW_RUN.clear()
        gc.unfreeze()


def _collect_in_worker_process() -> None:
    """In a worker process (Dask), what the flow's process does after each batch (`_released`):
    collect the earlier task runs' reference cycles, which hold their batches' frames (measured at
    100,000 articles: 160 MiB less for a local cluster's worker). The objects alive at the first
    batch (the imports, and that first task run's own, which may keep its batch) are frozen then,
    so each collection walks only what later batches made."""
    if _IN_FLOW_RUN.is_set():
        return
    if not gc.get_freeze_count():
        gc.collect()
        gc.freeze()
    gc.collect()


def _summary(plan: Plan, counts: dict, warehouse_dir: Path) -> dict:
    """What the run found and what the warehouse holds; `counts` has rows, issues and per_check."""
    return {
        "verdict": verdict_of(counts["issues"]),
        "articles": len(plan.files),
        "new": len(plan.new),
        "changed": len(plan.changed),
        "unchanged": len(plan.unchanged),
        "deleted": len(plan.deleted),
        "nothing_new": plan.nothing_new,
        **counts,
        "warehouse": str(warehouse_dir),
        "report_path": str(warehouse_dir.resolve() / REPORT_FILE),  # the link to the current generation's report
    }


def _counts(files: dict[str, Path]) -> dict:
    issues = pl.read_parquet(files["validation_issues"], columns=["severity", "check"])
    return {
        "rows": {name: pl.scan_parquet(path).select(pl.len()).collect().item() for name, path in files.items() if name != "validation_issues"},
        "issues": severity_counts(issues),
        "per_check": check_counts(issues),
    }


def _serious_issues(issues: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """The errors and warnings the artifacts list (the first MAX_TABLE_ARTIFACT_ROWS)."""
    return issues.lazy().filter(pl.col("severity").is_in(["error", "warning"])).head(MAX_TABLE_ARTIFACT_ROWS).collect()


def _run_record(summary: dict, started_at: dt.datetime, generation: str | None) -> dict:
    run_id = runtime.flow_run.id
    return {
        "run_id": str(run_id) if run_id else str(uuid.uuid4()),
        "started_at": started_at,
        "finished_at": dt.datetime.now(dt.UTC),
        **{key: summary[key] for key in ("articles", "new", "changed", "unchanged", "deleted")},
        "errors": summary["issues"]["error"],
        "warnings": summary["issues"]["warning"],
        "infos": summary["issues"]["info"],
        "verdict": summary["verdict"],
        "generation": generation,
    }


def _extras(files: dict[str, Path], runs: pl.DataFrame) -> dict[str, bytes]:
    """Files published with each generation: the quality report, the data dictionary, JSON schemas."""
    return {
        REPORT_FILE: render_html(report_frames(files), runs).encode("utf-8"),
        "data_dictionary.md": dictionary_markdown().encode("utf-8"),
        "schemas.json": json.dumps(json_schemas(), indent=2, sort_keys=True).encode("utf-8"),
    }


def _publish_artifacts(summary: dict, serious: pl.DataFrame) -> None:
    create_markdown_artifact(key=REPORT_KEY, markdown=markdown_report(summary, serious), description="parcferme run report")
    table = serious.select("article_id", "line", "severity", "check", "message", "raw_text").to_dicts()
    create_table_artifact(key=ISSUES_KEY, table=table, description="errors and warnings of the run")


@flow(name="parcferme", log_prints=False, persist_result=False)
def parcferme_flow(
    raw_dir: str = "raw",
    warehouse_dir: str = "warehouse",
    batch_size: int = BATCH_SIZE,
    lock_timeout_s: float = 300.0,
    in_flight: int | None = None,
    task_runner: str = "local",
    dask_address: str | None = None,
) -> dict:
    """Ingest new or changed raw articles, check the whole season, publish the warehouse atomically.

    task_runner: where batches are parsed and checked, "local" (threads) or "dask" (a cluster at
    dask_address, else a local one); in_flight: batches out at once (default 3 local, 8 on Dask)."""
    logger = get_run_logger()
    raw, wh = Path(raw_dir), Path(warehouse_dir)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist")
    if task_runner not in BATCH_RUNNERS:
        raise ValueError(f"unknown task runner {task_runner!r}: one of {', '.join(BATCH_RUNNERS)}")
    in_flight = in_flight or (IN_FLIGHT_DASK if task_runner == "dask" else IN_FLIGHT)
    started_at, started = dt.datetime.now(dt.UTC), time.perf_counter()
    with warehouse.locked(wh, timeout_s=lock_timeout_s):
        manifest = warehouse.read_manifest(wh)
        plan = plan_changes(raw, quote(manifest))
        logger.info(
            "raw: %d files, %d new, %d changed, %d unchanged, %d deleted%s",
            len(plan.files), len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.deleted),
            " (code or reference data changed: full rebuild)" if plan.full_rebuild and manifest else "",
        )
        previous_runs = warehouse.read_top_level(wh, RUNS_TABLE)
        if plan.nothing_new and "counts" in manifest:
            summary = _summary(plan, manifest["counts"], wh)
            record_run(wh, quote(append_run(previous_runs, _run_record(summary, started_at, None))), list(pipeline.MART_COLUMNS))
            logger.info("nothing new: warehouse left as it is")
            _publish_artifacts(summary, _serious_issues(pl.scan_parquet(wh / "validation_issues.parquet")))
            return summary
        if plan.unchanged and not warehouse.staging_covers(wh, plan.unchanged):
            logger.warning("the current generation's staging is incomplete or unreadable: every file is parsed again")
            plan = plan_changes(raw, quote({**manifest, "fingerprint": None}))
        generation = warehouse.Generation(wh)
        try:
            with _young_objects_only():
                batching = Batching(batch_runner(task_runner, dask_address, in_flight), batch_size, in_flight)
                summary = _build_generation(generation, plan, wh, batching, previous_runs, started_at, logger)
        except BaseException:
            generation.abandon()
            raise
        logger.info("published %s in %.1f s: %s", summary["generation"], time.perf_counter() - started, summary["issues"])
        return summary


def _stage_fresh(spool: Spool, entries: list[RawEntry], batching: Batching) -> dict:
    """Parse and check the new and changed files batch by batch on the batch runner (started here,
    so a run with nothing to parse never starts a cluster), spooling each batch as it comes back.
    Returns what reading each file gave: article_id -> (sha256, read error)."""
    reads = {}
    if not entries:
        return reads
    with _api_for_spawned_processes(), batching.runner as runner:
        for staged in _staged_batches(runner, entries, batching.size, batching.in_flight):
            spool.add(staged)
            reads.update((a, (sha, problem)) for a, sha, problem in staged.staging.articles.select("article_id", "sha256", "read_error").iter_rows())
            del staged
    return reads


def _build_generation(generation, plan: Plan, wh: Path, batching: Batching, previous_runs, started_at, logger) -> dict:
    """Stage the fresh articles batch by batch, check the season, make the marts range by range,
    then assemble and publish the generation (see parcferme.assemble)."""
    previous = None if plan.full_rebuild else warehouse.staging_files(wh)
    spool = Spool(generation, previous, plan.unchanged)
    nothing = pipeline.stage_batch([], load_reference())  # typed empty frames
    plan.record_reads(_stage_fresh(spool, plan.fresh, batching))
    season_issues = check_season(quote(spool.season_inputs() or nothing.season))
    ranges = pipeline.article_ranges([*plan.unchanged, *(e.article_id for e in plan.fresh)], assemble.RANGE_SIZE)
    logger.info("staged %d articles; publishing %d ranges of up to %d", len(plan.fresh), len(ranges), assemble.RANGE_SIZE)
    for index, (first, last) in enumerate(ranges):
        publish_range(quote(spool), index, first, last, quote(season_issues))
        gc.collect()  # as in _released
    if not ranges:
        assemble.publish_nothing(generation, nothing)
    tables = list(pipeline.MART_COLUMNS)
    files = assemble_tables(quote(generation), tables)
    counts = _counts(files)
    summary = _summary(plan, counts, wh)
    runs_with_this = append_run(previous_runs, _run_record(summary, started_at, None))
    new_manifest = {"fingerprint": fingerprint(), "files": plan.files, "counts": counts}
    extras = _extras(files, runs_with_this)
    serious = _serious_issues(pl.scan_parquet(files["validation_issues"]))
    final = write_warehouse(quote(generation), tables, quote(new_manifest), quote(extras))
    summary["generation"] = Path(final).name
    record_run(wh, quote(append_run(previous_runs, _run_record(summary, started_at, summary["generation"]))), tables)
    _publish_artifacts(summary, serious)
    return summary
