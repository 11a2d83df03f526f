"""The parcferme flow: raw folder -> checked warehouse, incremental, in batches of articles.

Only orchestration lives here; parsing, checking and writing are the core's pure functions.
No task result is persisted (results stay in memory; nothing is pickled to disk).
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, runtime, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from parcferme import pipeline, warehouse
from parcferme.incremental import Plan, fingerprint, plan_run
from parcferme.parse import Parsed
from parcferme.quality.dictionary import dictionary_markdown, json_schemas
from parcferme.quality.duckdb_views import write_duckdb
from parcferme.quality.report import render_html
from parcferme.quality.runs import append_run
from parcferme.raw import RawFile, list_raw
from parcferme.reference import load_reference
from parcferme.report import check_counts, markdown_report, severity_counts, verdict_of

REPORT_KEY = "parcferme-report"
ISSUES_KEY = "parcferme-issues"
REPORT_FILE = "report.html"
RUNS_TABLE = "runs"
BATCH_SIZE = 2000
MAX_TABLE_ARTIFACT_ROWS = 1000

task_options = {"cache_policy": NO_CACHE, "persist_result": False}
# Large arguments are passed quote()d: Prefect then hands them over as they are instead of walking
# every element looking for futures (seconds per call on tens of thousands of articles).


@task(name="plan changes", retries=2, retry_delay_seconds=1, **task_options)
def plan_changes(raw_dir: Path, manifest: dict) -> Plan:
    return plan_run(list_raw(raw_dir), manifest, fingerprint())


class ArticleBatch:
    """A batch of raw files handed to a parse task as one opaque object: Prefect does not walk it
    looking for futures, and unlike quote() it reaches tasks on Dask workers unwrapped."""

    def __init__(self, files: list[RawFile]):
        self.files = files

    def __repr__(self) -> str:
        return f"ArticleBatch({len(self.files)} files)"


@task(name="parse batch", **task_options)
def stage_batch(batch: ArticleBatch) -> Parsed:
    return pipeline.stage([f.as_tuple() for f in batch.files], load_reference())


@task(name="load previous staging", retries=2, retry_delay_seconds=1, **task_options)
def load_previous(warehouse_dir: Path) -> Parsed | None:
    return warehouse.read_staging(warehouse_dir)


@task(name="run checks", **task_options)
def run_checks(staging: Parsed) -> pl.DataFrame:
    return pipeline.check(staging, load_reference())


@task(name="publish warehouse", retries=2, retry_delay_seconds=2, **task_options)
def write_warehouse(warehouse_dir: Path, marts: dict, staging: Parsed, manifest: dict, extras: dict[str, bytes]) -> str:
    return str(warehouse.publish(warehouse_dir, marts, staging, manifest, extras))


@task(name="record run", retries=2, retry_delay_seconds=1, **task_options)
def record_run(warehouse_dir: Path, runs: pl.DataFrame, tables: list[str]) -> None:
    warehouse.write_top_level(warehouse_dir, RUNS_TABLE, runs)
    write_duckdb(warehouse_dir, [*tables, RUNS_TABLE])


def _batches(files: list[RawFile], size: int) -> list[ArticleBatch]:
    return [ArticleBatch(files[i : i + size]) for i in range(0, len(files), size)]


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
        "report_path": str((warehouse_dir / REPORT_FILE).resolve()),
    }


def _counts(marts: dict[str, pl.DataFrame]) -> dict:
    issues = marts["validation_issues"]
    return {
        "rows": {name: frame.height for name, frame in marts.items() if name != "validation_issues"},
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


def _extras(marts: dict[str, pl.DataFrame], runs: pl.DataFrame) -> dict[str, bytes]:
    """Files published with each generation: the quality report, the data dictionary, JSON schemas."""
    return {
        REPORT_FILE: render_html(marts, runs).encode("utf-8"),
        "data_dictionary.md": dictionary_markdown().encode("utf-8"),
        "schemas.json": json.dumps(json_schemas(), indent=2, sort_keys=True).encode("utf-8"),
    }


def _publish_artifacts(summary: dict, serious: pl.DataFrame) -> None:
    create_markdown_artifact(key=REPORT_KEY, markdown=markdown_report(summary, serious), description="parcferme run report")
    table = serious.select("article_id", "line", "severity", "check", "message", "raw_text").to_dicts()
    create_table_artifact(key=ISSUES_KEY, table=table, description="errors and warnings of the run")


@flow(name="parcferme", log_prints=False, persist_result=False)
def parcferme_flow(raw_dir: str = "raw", warehouse_dir: str = "warehouse", batch_size: int = BATCH_SIZE, lock_timeout_s: float = 300.0) -> dict:
    """Ingest new or changed raw articles, check the whole season, publish the warehouse atomically."""
    logger = get_run_logger()
    raw, wh = Path(raw_dir), Path(warehouse_dir)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist")
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
        previous = None if plan.full_rebuild else load_previous(wh)
        futures = [stage_batch.submit(batch) for batch in _batches(plan.fresh, batch_size)]
        staged = pipeline.merge_many(previous, [f.result() for f in futures], keep=set(plan.unchanged))
        issues = run_checks(quote(staged))
        marts = pipeline.publish(staged, issues)
        counts = _counts(marts)
        summary = _summary(plan, counts, wh)
        runs_with_this = append_run(previous_runs, _run_record(summary, started_at, None))
        new_manifest = {"fingerprint": fingerprint(), "files": plan.files, "counts": counts}
        generation = write_warehouse(wh, quote(marts), quote(staged), quote(new_manifest), quote(_extras(marts, runs_with_this)))
        summary["generation"] = Path(generation).name
        record_run(wh, quote(append_run(previous_runs, _run_record(summary, started_at, summary["generation"]))), list(marts))
        logger.info("published %s in %.1f s: %s", summary["generation"], time.perf_counter() - started, summary["issues"])
        _publish_artifacts(summary, _serious_issues(issues))
        return summary
