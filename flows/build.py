"""Making and publishing a new generation: the part of a run that parses, checks and writes.

The flow (`flows.etl`) imports this module only when the raw folder has something new, so a run
with nothing new never loads what only parsing, checking and publishing need (the contract's
pandera models among them); a large run, staged in worker processes, loads pandera here only once
they are done (see `schemas.validate`). The batch task runs on the batch runner: threads of the
flow's process, or Dask workers, which import this module to run it.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import threading
from collections import Counter, deque
from pathlib import Path
from typing import NamedTuple

import polars as pl
from prefect import task
from prefect.client.orchestration import get_client
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.progress import Reporter, reporter
from flows.record import REPORT_FILE, publish_artifacts, record_run, run_record, serious_issues, summary_of, task_options
from parcferme import assemble, pipeline, warehouse
from parcferme.assemble import Spool
from parcferme.incremental import Plan, fingerprint
from parcferme.quality.report import render_html, report_frames
from parcferme.quality.runs import append_run
from parcferme.raw import RawEntry, read_entry
from parcferme.reference import load_reference
from parcferme.report import check_counts, severity_counts
from parcferme.stage_process import POLARS_THREADS, StagedApart, StagingProcesses, processes_for, set_aside_what_lasts, stage_and_write


class ArticleBatch:
    """A batch of raw files (read by the flow, so workers need no access to raw/) handed to a parse
    task as one opaque object: Prefect does not walk it looking for futures, and unlike quote() it
    reaches tasks on Dask workers unwrapped."""

    def __init__(self, entries: list[RawEntry]):
        self.files = [read_entry(entry).as_tuple() for entry in entries]

    def __repr__(self) -> str:
        return f"ArticleBatch({len(self.files)} files)"


@task(name="parse and check batch", **task_options)
def stage_batch(batch: ArticleBatch, generation: warehouse.Generation, index: int) -> pipeline.Staged | StagedApart:
    """On a thread of the flow's process or a Dask worker: the batch staged and, where the run's
    unfinished generation can be seen (the flow's machine, or storage shared with it), written there
    as parts `index`, only its articles as read going back; elsewhere, or where it cannot be written
    (a read-only mount), the staged batch goes back to the flow's process, which writes it."""
    _collect_in_worker_process()
    staged = pipeline.stage_batch(batch.files, load_reference())
    if generation.reachable():
        with contextlib.suppress(OSError):  # a part left half-written is written again by the flow's process
            return StagedApart(index, assemble.write_batch(generation, index, staged))
    return staged


@task(name="parse and check batch", **task_options)
def stage_batch_apart(processes: StagingProcesses, generation: warehouse.Generation, index: int, entries: list[RawEntry]) -> StagedApart:
    """On threads with staging processes: the batch read, staged and written as parts `index` of
    `generation` by one of them (`parcferme.stage_process`)."""
    return processes.run(stage_and_write, generation, index, entries)


# The tasks below are called, not submitted: they run in the flow's own process (never on Dask
# workers), where the new generation's parts are.
@task(name="check across articles", **task_options)
def check_season(season: dict[str, pl.LazyFrame]) -> pl.DataFrame:
    return pipeline.check_season(season, load_reference())


@task(name="publish articles", **task_options)
def publish_range(spool: Spool, index: int, articles: pipeline.ArticleRange, season_issues: pl.DataFrame) -> str:
    return assemble.publish_range(spool, index, articles, season_issues)


@task(name="assemble tables", retries=2, retry_delay_seconds=2, **task_options)
def assemble_tables(generation: warehouse.Generation, tables: list[str]) -> dict[str, Path]:
    return generation.assemble(tables)


@task(name="publish warehouse", retries=2, retry_delay_seconds=2, **task_options)
def write_warehouse(generation: warehouse.Generation, tables: list[str], manifest: dict, extras: dict[str, bytes]) -> str:
    return str(generation.commit(tables, manifest, extras))


class Batching(NamedTuple):
    runner: TaskRunner  # not started yet: entered only when there are files to parse
    size: int  # articles per batch
    in_flight: int  # batches out at once


def batch_runner(kind: str, dask_address: str | None, in_flight: int) -> TaskRunner:
    """Where the `parse and check batch` tasks run (`kind` is one of `flows.etl.BATCH_RUNNERS`): threads of the
    flow's process ("local"), or a Dask cluster ("dask": the scheduler at `dask_address`, else a
    local cluster of one worker process per core, one thread each, polars on one thread in each and
    without pandas, as the local runner's staging processes: `parcferme.stage_process.dask_setup`)."""
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        workers = {"threads_per_worker": 1, "env": {"POLARS_MAX_THREADS": POLARS_THREADS}, "preload": ["parcferme.stage_process"]}
        return DaskTaskRunner(cluster_kwargs={"processes": True, "dashboard_address": None, **workers})
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


# Dask settings a local cluster's workers are started with (they take the flow's process's): no
# statistical profiler, which samples every thread's stack each 10 ms for a dashboard a run never
# starts (measured at 100k: 52.7 and 53.8 s against 56.1 and 57.6 s, 91.5 and 91.8 CPU-seconds
# against 96.8 and 99.2, alternating). A cluster at an address keeps its own settings.
LOCAL_CLUSTER_SETTINGS = {"distributed.worker.profile.enabled": False}


@contextlib.contextmanager
def _local_cluster_settings(runner: TaskRunner):
    """While `runner` starts and runs: LOCAL_CLUSTER_SETTINGS, for a Dask runner."""
    if isinstance(runner, ThreadPoolTaskRunner):
        yield
        return
    import dask

    with dask.config.set(LOCAL_CLUSTER_SETTINGS):
        yield


def _staged_batches(runner: TaskRunner, batches: list[list[RawEntry]], in_flight: int, processes: StagingProcesses | None, spool: Spool):
    """Staged batches in order (Staged, or StagedApart from a task or a staging process that wrote the
    parts itself), with at most `in_flight` batches read or parsing at a time: memory stays bounded
    however large the archive and its files."""
    pending: deque = deque()
    first = spool.next_index  # the parts each batch is written as, in order
    for offset, batch in enumerate(batches):
        if processes is None:
            pending.append(runner.submit(stage_batch, {"batch": ArticleBatch(batch), "generation": spool.generation, "index": first + offset}))
        else:
            parameters = {"processes": quote(processes), "generation": quote(spool.generation), "index": first + offset, "entries": quote(batch)}
            pending.append(runner.submit(stage_batch_apart, parameters))
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
    set_aside_what_lasts()
    gc.collect()


def _counts(files: dict[str, Path]) -> dict:
    issues = pl.read_parquet(files["validation_issues"], columns=["severity", "check"])
    return {
        "rows": {name: pl.scan_parquet(path).select(pl.len()).collect().item() for name, path in files.items() if name != "validation_issues"},
        "issues": severity_counts(issues),
        "per_check": check_counts(issues),
    }


def _extras(files: dict[str, Path], runs: pl.DataFrame) -> dict[str, bytes]:
    """Files published with each generation: the quality report, the data dictionary, JSON schemas."""
    from parcferme.quality.dictionary import dictionary_markdown, json_schemas  # here: it loads pandera (see parcferme.pipeline)

    return {
        REPORT_FILE: render_html(report_frames(files), runs).encode("utf-8"),
        "data_dictionary.md": dictionary_markdown().encode("utf-8"),
        "schemas.json": json.dumps(json_schemas(), indent=2, sort_keys=True).encode("utf-8"),
    }


def _stage_fresh(spool: Spool, entries: list[RawEntry], batching: Batching, progress: Reporter, logger) -> dict:
    """Parse and check the new and changed files batch by batch on the batch runner (started here,
    so a run with nothing to parse never starts a cluster), spooling each batch as it comes back.
    Returns what reading each file gave: article_id -> (sha256, read error)."""
    reads = {}
    if not entries:
        return reads
    batches = list(pipeline.batches(entries, batching.size))
    on_threads = isinstance(batching.runner, ThreadPoolTaskRunner)  # a Dask worker is a process of its own
    processes = processes_for(len(entries), len(batches), batching.in_flight) if on_threads else contextlib.nullcontext()
    spool.generation.open_to_writers()
    sent_back = 0
    with _api_for_spawned_processes(), _local_cluster_settings(batching.runner), processes as apart, batching.runner as runner:  # the processes outlive the threads
        for staged in _staged_batches(runner, batches, batching.in_flight, apart, spool):
            if isinstance(staged, StagedApart):
                spool.record(staged.index, staged.articles)
                articles = staged.articles
            else:
                spool.add(staged)
                articles = staged.staging.articles
                sent_back += 1
            reads.update((a, (sha, problem)) for a, sha, problem in articles.select("article_id", "sha256", "read_error").iter_rows())
            progress.advance("stage", articles.height)
            del staged, articles
    if sent_back:
        logger.info(
            "%d of %d batches came back to be written by the flow's process: their workers do not see the warehouse "
            "folder %s, or may not write there (on the flow's machine, or storage shared with it at the same path, "
            "workers write their batches themselves)",
            sent_back, len(batches), spool.generation.warehouse,
        )
    return reads


def _build_generation(generation, plan: Plan, wh: Path, batching: Batching, previous_runs, started_at, logger, progress: Reporter) -> dict:
    """Take over what a run that did not publish staged, stage the other fresh articles batch by batch,
    check the season, make the marts range by range, then assemble and publish the generation (see
    parcferme.assemble)."""
    previous = None if plan.full_rebuild else warehouse.staging_files(wh)
    spool = Spool(
        generation, previous, plan.unchanged, previous_marts=warehouse.marts_files(wh) if previous else None,
        code=fingerprint(), listed={entry.article_id: entry for entry in plan.fresh},
    )
    taken = spool.take_over()
    if taken:
        logger.info("took over %d articles a run that did not publish had staged: not parsed again", len(taken))
        progress.advance("stage", len(taken))
    to_stage = [entry for entry in plan.fresh if entry.article_id not in taken]
    plan.record_reads({**taken, **_stage_fresh(spool, to_stage, batching, progress, logger)})
    nothing = pipeline.stage_batch([], load_reference())  # typed empty frames; after staging, which a large run does without pandera
    season_issues = check_season(quote(spool.season_inputs() or nothing.season))
    progress.finish("season")
    fresh = [entry.article_id for entry in plan.fresh]
    ranges = pipeline.article_ranges([*plan.unchanged, *fresh], assemble.RANGE_SIZE, spool.previous_ranges(), frozenset(fresh), spool.batch_starts())
    logger.info(
        "staged %d articles; publishing %d ranges of up to %d articles (%d as they were: their staging is kept)",
        len(plan.fresh), len(ranges), int(pipeline.GROWN * assemble.RANGE_SIZE), sum(r.kept_from is not None for r in ranges),
    )
    published = Counter()
    for index, articles in enumerate(ranges):
        published[publish_range(quote(spool), index, articles, quote(season_issues))] += 1
        progress.advance("publish", articles.count)
        gc.collect()  # as in _released
    if ranges:
        logger.info("published %d ranges: %s", len(ranges), ", ".join(f"{n} {how}" for how, n in published.most_common()))
    else:
        assemble.publish_nothing(generation, nothing)
    tables = list(pipeline.MART_COLUMNS)
    files = assemble_tables(quote(generation), tables)
    counts = _counts(files)
    summary = {**summary_of(plan, counts, wh), "taken_over": len(taken)}
    runs_with_this = append_run(previous_runs, run_record(summary, started_at, None))
    new_manifest = {"fingerprint": spool.code, "files": plan.files, "counts": counts}
    extras = _extras(files, runs_with_this)
    serious = serious_issues(pl.scan_parquet(files["validation_issues"]))
    final = write_warehouse(quote(generation), tables, quote(new_manifest), quote(extras))
    summary["generation"] = Path(final).name
    progress.finish("assemble")
    record_run(wh, quote(append_run(previous_runs, run_record(summary, started_at, summary["generation"]))), tables)
    publish_artifacts(summary, serious)
    return summary


def publish_generation(plan: Plan, wh: Path, batching: Batching, previous_runs: pl.DataFrame | None, started_at, logger) -> dict:
    """Make the new generation and publish it; a run that fails or is stopped publishes nothing, and
    leaves only the batches it sealed, for the next run to take over (`Spool.take_over`)."""
    generation = warehouse.Generation(wh)
    progress = reporter(fresh=len(plan.fresh), articles=len(plan.unchanged) + len(plan.fresh))
    try:
        with _young_objects_only():
            summary = _build_generation(generation, plan, wh, batching, previous_runs, started_at, logger, progress)
    except BaseException:
        generation.abandon()
        progress.close(failed=True)
        raise
    progress.close()
    return summary
