"""`parcferme serve` against a real `prefect server start` (no mock, no test harness): the deployment
appears with its cron schedule, a run triggered through the API completes in the serve process
and writes the warehouse and the report artifact, and stopping serve pauses the deployment."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import time
from pathlib import Path

import httpx
import polars as pl
import psutil
import pytest

from conftest import RAW, SEED_USGP
from support.corpus import write_corpus
from support.procs import cli_command, prefect_env, shared_server, spawn, stop, tail

DEPLOYMENT = "parcferme/parcferme-scheduled"
CRON = "0 6 * * *"
REPORT_KEY = "parcferme-report"


def _api(server, call):
    """Run `call(client)` (a coroutine function) against the server's API."""

    async def go():
        async with server.client() as client:
            return await call(client)

    return asyncio.run(go())


def _deployment_or_none(server, name: str = DEPLOYMENT):
    from prefect.exceptions import ObjectNotFound

    async def read(client):
        try:
            return await client.read_deployment_by_name(name)
        except ObjectNotFound:
            return None
        except httpx.HTTPError as err:  # a busy server on a 2-core machine: ask again
            print(f"API: {type(err).__name__}: {err}")
            return None

    return _api(server, read)


def _flow_run_processes(proc) -> list:
    """The flow-run processes serve spawned (multiprocessing children, not its resource tracker)."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        with contextlib.suppress(psutil.Error):
            if "resource_tracker" not in " ".join(child.cmdline()):
                found.append(child)
    return found


@contextlib.contextmanager
def _logs_on_failure(*logs: Path):
    """Print the serve logs when the test fails (pytest shows captured output of failed tests)."""
    try:
        yield
    except BaseException:
        for log in logs:
            print(f"--- {log.name}\n{tail(log, 80)}")
        raise


def _wait(what: str, probe, timeout_s: float, proc=None, log: Path | None = None, every_s: float = 0.5):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if (value := probe()) is not None:
            return value
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"{what}: serve exited with {proc.returncode}\n{tail(log) if log else ''}")
        time.sleep(every_s)
    pytest.fail(f"{what}: not after {timeout_s:.0f} s\n{tail(log) if log else ''}")


@pytest.mark.slow
def test_serve_schedules_runs_and_pauses_on_stop(tmp_path):
    with _logs_on_failure(tmp_path / "serve.log", tmp_path / "serve-again.log"):
        _serve_schedules_runs_and_pauses_on_stop(tmp_path)


def _serve_schedules_runs_and_pauses_on_stop(tmp_path):
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    server = shared_server()
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    shutil.copytree(RAW, raw)
    log = tmp_path / "serve.log"
    env = prefect_env(tmp_path / "serve-home", api_url=server.api_url, PREFECT_LOGGING_LEVEL="INFO")
    # started from an unrelated folder: the deployment must not depend on the caller's cwd
    proc = spawn(cli_command("serve", "--raw", str(raw), "--warehouse", str(wh), "--cron", CRON), env, tmp_path, log)
    try:
        started = time.monotonic()
        deployment = _wait("deployment registered", lambda: _deployment_or_none(server), 120, proc, log)
        registered_s = time.monotonic() - started
        assert len(deployment.schedules) == 1
        schedule = deployment.schedules[0]
        assert schedule.schedule.cron == CRON and schedule.active
        assert not deployment.paused
        assert deployment.parameters == {"raw_dir": str(raw.resolve()), "warehouse_dir": str(wh.resolve())}

        flow_run = _api(server, lambda c: c.create_flow_run_from_deployment(deployment.id))
        started = time.monotonic()

        def finished():
            run = _api(server, lambda c: c.read_flow_run(flow_run.id))
            return run if run.state is not None and run.state.is_final() else None

        final = _wait("triggered run finished", finished, 180, proc, log, every_s=1.0)
        run_s = time.monotonic() - started
        assert final.state.is_completed(), f"{final.state!r}\n{tail(log)}"

        assert (wh / "current").is_symlink()
        assert pl.read_parquet(wh / "race_results.parquet").height == 20
        assert pl.read_parquet(wh / "articles.parquet").height == 3
        issues = pl.read_parquet(wh / "validation_issues.parquet")
        serious = issues.filter(pl.col("severity").is_in(["error", "warning"]))
        assert set(serious.select("article_id", "line").iter_rows()) == {
            (SEED_USGP, 9), (SEED_USGP, 37), (SEED_USGP, 81),
        }

        artifacts = _api(
            server,
            lambda c: c.read_artifacts(
                artifact_filter=ArtifactFilter(
                    key=ArtifactFilterKey(any_=[REPORT_KEY]), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id])
                )
            ),
        )
        assert len(artifacts) == 1 and artifacts[0].type == "markdown"
        assert f"{SEED_USGP}:81" in artifacts[0].data
        print(f"\nserve: deployment registered after {registered_s:.1f} s, triggered run completed in {run_s:.1f} s")
        # the triggered run's own process (a child of serve) is gone once it has reported its end
        _wait("flow-run process exited", lambda: None if _flow_run_processes(proc) else True, 60)
    finally:
        code = stop(proc)

    # flow.serve() handles SIGTERM: it pauses the deployment (Runner.pause_on_shutdown) and exits 0;
    # flows/deploy.serve pauses it again on the way out, since Prefect's own pause can be cut short
    # (then its "All deployments have been paused!" line never comes: the log is not the proof).
    # What Prefect 3.8.8 really does: the deployment is paused, its schedule object stays `active`.
    assert code == 0, tail(log)
    after = _deployment_or_none(server)
    assert after is not None and after.paused
    assert [(s.schedule.cron, s.active) for s in after.schedules] == [(CRON, True)]

    # serving again resumes it (as flows/deploy.py says)
    log = tmp_path / "serve-again.log"
    again = spawn(cli_command("serve", "--raw", str(raw), "--warehouse", str(wh), "--cron", CRON), env, tmp_path, log)
    try:
        resumed = _wait("deployment resumed", lambda: (d if not (d := _deployment_or_none(server)).paused else None), 120, again, log)
        assert resumed.id == deployment.id
    finally:
        stop(again)


@pytest.mark.slow
def test_serve_stopped_during_a_run_pauses_the_deployment(tmp_path):
    server = shared_server()
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    write_corpus(raw, 600)
    name = "parcferme-inflight"
    log = tmp_path / "serve.log"
    env = prefect_env(tmp_path / "serve-home", api_url=server.api_url, PREFECT_LOGGING_LEVEL="INFO")
    proc = spawn(cli_command("serve", "--raw", str(raw), "--warehouse", str(wh), "--name", name), env, tmp_path, log)
    try:
        deployment = _wait("deployment registered", lambda: _deployment_or_none(server, f"parcferme/{name}"), 120, proc, log)
        flow_run = _api(server, lambda c: c.create_flow_run_from_deployment(deployment.id))

        def running():
            run = _api(server, lambda c: c.read_flow_run(flow_run.id))
            return run if run.state is not None and (run.state.is_running() or run.state.is_final()) else None

        if not _wait("triggered run running", running, 120, proc, log, every_s=0.2).state.is_running():
            pytest.fail("the triggered run ended before serve could be stopped during it")
        proc.terminate()
        code = proc.wait(30)

        def final():
            run = _api(server, lambda c: c.read_flow_run(flow_run.id))
            return run if run.state is not None and run.state.is_final() else None

        # what Prefect does with the run in flight: its process outlives serve and finishes it
        ended = _wait("the in-flight run ends", final, 120, every_s=1.0)
        print(f"\nserve stopped during a run: exit {code}, the run ended {ended.state.type.value}")
        if ended.state.is_completed() and pl.read_parquet(wh / "articles.parquet").height != 600:
            pytest.fail("the run completed but the warehouse is not the 600 articles")
        after = _deployment_or_none(server, f"parcferme/{name}")
    finally:
        stop(proc)
    assert after.paused, "deployment still active after serve stopped:\n" + tail(log)
