"""The parcferme flow: raw folder -> checked warehouse, incremental, in batches of articles.

Only orchestration lives here; parsing, checking and writing are the core's pure functions.
A run plans what changed in raw/; with nothing new it records itself and stops there, without
loading the build path (`flows.build`: parsing, checks, the contract's models), which it
imports only when there is something to publish.
No task result is persisted (results stay in memory; nothing is pickled to disk).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.utilities.annotations import quote

from flows.record import RUNS_TABLE, publish_artifacts, record_run, run_record, serious_issues, summary_of, task_options
from parcferme import warehouse
from parcferme.incremental import Plan, fingerprint, plan_run
from parcferme.quality.runs import append_run
from parcferme.raw import list_raw

BATCH_SIZE = 2000
# A local Dask cluster puts its workers on the flow's machine, and each holds Prefect's task engine and
# Dask's worker besides the batch it parses (about 100 MiB more than a local staging process): half
# the batch keeps that machine's tree under 1.5 GB at 100,000 articles (measured, four cold runs each:
# 1,302 to 1,339 MiB against 1,483 to 1,527), for about 17 % more CPU (twice the Prefect task runs,
# each costing a worker about 0.16 CPU-seconds). A cluster at an address has machines of its own.
BATCH_SIZE_LOCAL_CLUSTER = 1000
IN_FLIGHT = 3  # batches read or parsing at once (what bounds the run's memory): on two cores a third keeps both busy
# while the others hold the GIL (measured: 8-10 % faster than two), and staging still peaks below the season checks
IN_FLIGHT_DASK = 8  # a cluster's workers each take batches; results come back to this process one at a time
BATCH_RUNNERS = ("local", "dask")


def default_batch_size(task_runner: str, dask_address: str | None) -> int:
    """Articles per batch when the run is not told: BATCH_SIZE_LOCAL_CLUSTER on a local Dask cluster, else BATCH_SIZE."""
    return BATCH_SIZE_LOCAL_CLUSTER if task_runner == "dask" and not dask_address else BATCH_SIZE


@task(name="plan changes", retries=2, retry_delay_seconds=1, **task_options)
def plan_changes(raw_dir: Path, manifest: dict) -> Plan:
    return plan_run(list_raw(raw_dir), manifest, fingerprint())


@flow(name="parcferme", log_prints=False, persist_result=False)
def parcferme_flow(
    raw_dir: str = "raw",
    warehouse_dir: str = "warehouse",
    batch_size: int | None = None,
    lock_timeout_s: float = 300.0,
    in_flight: int | None = None,
    task_runner: str = "local",
    dask_address: str | None = None,
) -> dict:
    """Ingest new or changed raw articles, check the whole season, publish the warehouse atomically.

    task_runner: where batches are parsed and checked, "local" (threads) or "dask" (a cluster at
    dask_address, else a local one); batch_size: articles per `parse and check batch` task (default
    2,000, and 1,000 on a local Dask cluster: `default_batch_size`); in_flight: batches out at once
    (default 3 local, 8 on Dask)."""
    logger = get_run_logger()
    raw, wh = Path(raw_dir), Path(warehouse_dir)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist")
    if task_runner not in BATCH_RUNNERS:
        raise ValueError(f"unknown task runner {task_runner!r}: one of {', '.join(BATCH_RUNNERS)}")
    in_flight = in_flight or (IN_FLIGHT_DASK if task_runner == "dask" else IN_FLIGHT)
    batch_size = batch_size or default_batch_size(task_runner, dask_address)
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
            return _record_nothing_new(plan, manifest, wh, previous_runs, started_at, logger)
        if plan.unchanged and not warehouse.staging_covers(wh, plan.unchanged):
            logger.warning("the current generation's staging is incomplete or unreadable: every file is parsed again")
            plan = plan_changes(raw, quote({**manifest, "fingerprint": None}))
        from flows import build

        batching = build.Batching(build.batch_runner(task_runner, dask_address, in_flight), batch_size, in_flight)
        summary = build.publish_generation(plan, wh, batching, previous_runs, started_at, logger)
        logger.info("published %s in %.1f s: %s", summary["generation"], time.perf_counter() - started, summary["issues"])
        return summary


def _record_nothing_new(plan: Plan, manifest: dict, wh: Path, previous_runs, started_at: dt.datetime, logger) -> dict:
    """A run that found raw/ as the current generation records it: the warehouse is left as it is."""
    summary = summary_of(plan, manifest["counts"], wh)
    record_run(wh, quote(append_run(previous_runs, run_record(summary, started_at, None))), None)
    logger.info("nothing new: warehouse left as it is")
    publish_artifacts(summary, serious_issues(pl.scan_parquet(wh / "validation_issues.parquet")))
    return summary
