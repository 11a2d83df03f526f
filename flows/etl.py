"""The parcferme flow: raw folder -> checked warehouse, incremental, in batches of articles.

Only orchestration lives here; parsing, checking and writing are the core's pure functions.
No task result is persisted (results stay in memory; nothing is pickled to disk).
"""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from parcferme import pipeline, warehouse
from parcferme.incremental import Plan, fingerprint, plan_run
from parcferme.parse import Parsed
from parcferme.raw import RawFile, list_raw
from parcferme.reference import load_reference
from parcferme.report import markdown_report, severity_counts, verdict

REPORT_KEY = "parcferme-report"
ISSUES_KEY = "parcferme-issues"
BATCH_SIZE = 2000
MAX_TABLE_ARTIFACT_ROWS = 1000

task_options = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="plan changes", retries=2, retry_delay_seconds=1, **task_options)
def plan_changes(raw_dir: Path, manifest: dict) -> Plan:
    return plan_run(list_raw(raw_dir), manifest, fingerprint())


@task(name="parse batch", **task_options)
def stage_batch(files: list[RawFile]) -> Parsed:
    return pipeline.stage([f.as_tuple() for f in files], load_reference())


@task(name="load previous staging", retries=2, retry_delay_seconds=1, **task_options)
def load_previous(warehouse_dir: Path) -> Parsed | None:
    return warehouse.read_staging(warehouse_dir)


@task(name="run checks", **task_options)
def run_checks(staging: Parsed) -> pl.DataFrame:
    return pipeline.check(staging, load_reference())


@task(name="publish warehouse", retries=2, retry_delay_seconds=2, **task_options)
def write_warehouse(warehouse_dir: Path, marts: dict, staging: Parsed, manifest: dict) -> str:
    return str(warehouse.publish(warehouse_dir, marts, staging, manifest))


def _batches(files: list[RawFile], size: int) -> list[list[RawFile]]:
    return [files[i : i + size] for i in range(0, len(files), size)]


def _summary(plan: Plan, marts: dict[str, pl.DataFrame] | None, issues: pl.DataFrame, warehouse_dir: Path) -> dict:
    rows = {name: frame.height for name, frame in (marts or {}).items() if name != "validation_issues"}
    return {
        "verdict": verdict(issues),
        "articles": len(plan.files),
        "new": len(plan.new),
        "changed": len(plan.changed),
        "unchanged": len(plan.unchanged),
        "deleted": len(plan.deleted),
        "nothing_new": plan.nothing_new,
        "rows": rows,
        "issues": severity_counts(issues),
        "warehouse": str(warehouse_dir),
    }


def _publish_artifacts(summary: dict, issues: pl.DataFrame) -> None:
    create_markdown_artifact(key=REPORT_KEY, markdown=markdown_report(summary, issues), description="parcferme run report")
    serious = issues.filter(pl.col("severity").is_in(["error", "warning"])).head(MAX_TABLE_ARTIFACT_ROWS)
    table = serious.select("article_id", "line", "severity", "check", "message", "raw_text").to_dicts()
    create_table_artifact(key=ISSUES_KEY, table=table, description="errors and warnings of the run")


def _previous_summary(warehouse_dir: Path, plan: Plan) -> tuple[dict, pl.DataFrame]:
    issues = warehouse.read_table(warehouse_dir, "validation_issues")
    marts = {name: warehouse.read_table(warehouse_dir, name) for name in pipeline.MART_COLUMNS if name != "validation_issues"}
    return marts, issues


@flow(name="parcferme", log_prints=False, persist_result=False)
def parcferme_flow(raw_dir: str = "raw", warehouse_dir: str = "warehouse", batch_size: int = BATCH_SIZE, lock_timeout_s: float = 300.0) -> dict:
    """Ingest new or changed raw articles, check the whole season, publish the warehouse atomically."""
    logger = get_run_logger()
    raw, wh = Path(raw_dir), Path(warehouse_dir)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist")
    started = time.perf_counter()
    with warehouse.locked(wh, timeout_s=lock_timeout_s):
        manifest = warehouse.read_manifest(wh)
        plan = plan_changes(raw, manifest)
        logger.info(
            "raw: %d files, %d new, %d changed, %d unchanged, %d deleted%s",
            len(plan.files), len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.deleted),
            " (code or reference data changed: full rebuild)" if plan.full_rebuild and manifest else "",
        )
        if plan.nothing_new and manifest:
            marts, issues = _previous_summary(wh, plan)
            summary = _summary(plan, marts, issues, wh)
            logger.info("nothing new: warehouse left as it is")
            _publish_artifacts(summary, issues)
            return summary
        previous = None if plan.full_rebuild else load_previous(wh)
        futures = [stage_batch.submit(batch) for batch in _batches(plan.fresh, batch_size)]
        fresh = [f.result() for f in futures]
        staged = pipeline.merge_many(previous, fresh, keep=set(plan.unchanged))
        issues = run_checks(staged)
        marts = pipeline.publish(staged, issues)
        new_manifest = {"fingerprint": fingerprint(), "files": plan.files}
        generation = write_warehouse(wh, marts, staged, new_manifest)
        summary = _summary(plan, marts, issues, wh)
        summary["generation"] = generation
        logger.info("published %s in %.1f s: %s", Path(generation).name, time.perf_counter() - started, summary["issues"])
        _publish_artifacts(summary, issues)
        return summary
