"""The flow on a Dask cluster (DaskTaskRunner: the local cluster of a run, or one at an address) publishes the same
warehouse tables as the default local task runner, on raw/ plus a small synthetic archive."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import polars as pl
import psutil
import pytest

from conftest import RAW, ROOT, script
from support.procs import cli_command, prefect_env, spawn, stop, tail

MARTS = ("articles", "race_results", "driver_standings", "constructor_standings", "claims", "series_mentions", "validation_issues")
BATCH = 15  # small batches: several parse tasks, spread over both workers


@contextlib.contextmanager
def _environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session")
def prefect_session():
    """A throw-away PREFECT_HOME and a temporary Prefect API for the whole session."""
    home = tempfile.mkdtemp(prefix="parcferme-prefect-home-")
    # Dask worker processes are spawned: they find parcferme and flows through PYTHONPATH, not sys.path
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    from prefect.testing.utilities import prefect_test_harness

    try:
        quiet_offline = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING"}
        with _environment(PREFECT_HOME=home, PYTHONPATH=pythonpath, **quiet_offline), prefect_test_harness(server_startup_timeout=180):
            yield
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def raw_folder(tmp_path_factory):
    """raw/ and 60 synthetic articles (some with planted errors, some from seasons without reference data)."""
    synth = script("synth_archive")
    folder = tmp_path_factory.mktemp("raw-dask")
    synth.generate(folder / "synthetic", 60, seed=17, error_rate=0.1)
    for p in RAW.glob("*.txt"):
        shutil.copy2(p, folder / p.name)
    return folder


def _tables(warehouse: Path) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(warehouse / f"{name}.parquet") for name in MARTS}


def _assert_same(got: pl.DataFrame, want: pl.DataFrame, name: str) -> None:
    """Identical, or identical but for the order of rows that tie on the tables' sort key.

    The core sorts marts by (article_id, line) and issues by (article_id, line, check) with polars'
    unstable sort after a `unique()`, so two rows on one line (two issues of one check for two
    drivers, two claims) may swap places from one run to the next, whatever the task runner."""
    if got.equals(want):
        return
    assert got.columns == want.columns and got.height == want.height, f"{name}: shape or columns differ"
    assert got.sort(got.columns, nulls_last=True).equals(want.sort(want.columns, nulls_last=True)), f"{name}: rows differ"
    key = ["article_id", "line", "check"] if name == "validation_issues" else ["article_id", "line"]
    assert got.select(key).equals(want.select(key)), f"{name}: rows in another order beyond ties of {key}"


@pytest.fixture(scope="module")
def local_run(prefect_session, raw_folder, tmp_path_factory):
    """The default local runner's summary and warehouse: what every Dask run must publish."""
    from flows.etl import parcferme_flow

    wh = tmp_path_factory.mktemp("wh-local")
    return parcferme_flow(raw_dir=str(raw_folder), warehouse_dir=str(wh), batch_size=BATCH), wh


def _assert_same_run(local_run, dask: dict, dask_wh: Path) -> None:
    local, local_wh = local_run
    assert local["articles"] == dask["articles"] == 63 + 1  # 3 seeds, 60 synthetic articles, planted.csv (not an article)
    assert local["rows"] == dask["rows"] and local["issues"] == dask["issues"]
    assert local["issues"]["error"] > 0  # the planted errors and the seeds' own
    want, got = _tables(local_wh), _tables(dask_wh)
    for name in MARTS:
        assert want[name].height > 0, name
        _assert_same(got[name], want[name], name)


def _written_by_this_process(monkeypatch) -> list[int]:
    """The batches whose parts this process (the flow's) writes during the run, by index."""
    from parcferme import assemble

    written, write_batch = [], assemble.write_batch
    monkeypatch.setattr(assemble, "write_batch", lambda generation, index, staged: written.append(index) or write_batch(generation, index, staged))
    return written


def _not_seeing_the_warehouse() -> None:
    """On a worker: as if it ran on a machine where the run's warehouse folder is not to be seen."""
    from parcferme import warehouse

    warehouse.Generation.reachable = lambda self: False


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_dask_runner_publishes_the_same_tables_as_the_local_runner(local_run, raw_folder, tmp_path, monkeypatch):
    """The local cluster's workers see the run's unfinished generation: they write their batches'
    parts there themselves, and only the articles as read come back to the flow's process."""
    from flows.etl import parcferme_flow

    written = _written_by_this_process(monkeypatch)
    dask = parcferme_flow(raw_dir=str(raw_folder), warehouse_dir=str(tmp_path / "wh-dask"), batch_size=BATCH, task_runner="dask")
    assert written == []
    _assert_same_run(local_run, dask, tmp_path / "wh-dask")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_cluster_at_an_address_publishes_the_same_tables(local_run, raw_folder, tmp_path, monkeypatch):
    """`--dask-address`: a cluster started beforehand, as on other machines (here two worker processes
    of a LocalCluster, started with the Prefect API to report to, as a remote worker would be), whose
    workers do not see the warehouse folder: every staged batch comes back to the flow's process,
    which writes it."""
    from distributed import Client, LocalCluster
    from prefect.client.orchestration import get_client

    from flows.etl import parcferme_flow

    written = _written_by_this_process(monkeypatch)
    api = str(get_client(sync_client=True).api_url)
    with _environment(PREFECT_API_URL=api), LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster.scheduler_address) as client:
            client.run(_not_seeing_the_warehouse)
        dask = parcferme_flow(
            raw_dir=str(raw_folder), warehouse_dir=str(tmp_path / "wh-dask"), batch_size=BATCH, task_runner="dask",
            dask_address=cluster.scheduler_address,
        )
        with Client(cluster.scheduler_address) as client:
            ran = client.run(lambda: __import__("sys").modules.get("flows.build") is not None)  # the workers ran the batches
    assert len(ran) == 2 and any(ran.values())
    assert written == list(range(-(-dask["new"] // BATCH))) and len(written) > 2  # every batch, in order
    _assert_same_run(local_run, dask, tmp_path / "wh-dask")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_run_s_local_cluster_starts_its_workers_without_dask_s_profiler(prefect_session):
    """The workers of the local cluster a run starts sample no stacks for a dashboard (see
    flows.build.LOCAL_CLUSTER_SETTINGS), run one thread each, polars on one thread, and pandera
    without pandas (`parcferme.stage_process.dask_setup`)."""
    import dask

    from flows import build

    def settings():
        import importlib
        import sys

        import dask
        import polars

        importlib.import_module("pandera.polars")  # which imports pandas wherever pandas is to be found
        return dask.config.get("distributed.worker.profile.enabled"), polars.thread_pool_size(), "pandas" in sys.modules

    runner = build.batch_runner("dask", None, 2)
    with build._api_for_spawned_processes(), build._local_cluster_settings(runner), runner:
        workers = runner.client.run(settings)
        threads = runner.client.nthreads()
    assert workers and set(workers.values()) == {(False, 1, False)} and set(threads.values()) == {1}
    assert dask.config.get("distributed.worker.profile.enabled") is True  # this process's settings are left as they were


def _api_servers_while_running(proc: subprocess.Popen) -> dict[int, int]:
    """Every Prefect API server (a uvicorn process) seen in `proc`'s process tree until it exits,
    polled every 50 ms: {server pid: its parent's pid}."""
    servers: dict[int, int] = {}
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            for child in root.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if child.pid not in servers and "uvicorn" in child.cmdline():
                        servers[child.pid] = child.ppid()
        time.sleep(0.05)
    return servers


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_local_dask_cluster_reports_to_the_run_s_own_temporary_api(tmp_path):
    """On the embedded default (no PREFECT_API_URL), the run starts one temporary API and the local
    cluster's workers report to it: a worker must not start an API server of its own."""
    log = tmp_path / "run.log"
    args = ("run", "--raw", str(RAW), "--warehouse", str(tmp_path / "wh"), "--task-runner", "dask", "--batch-size", "1")
    proc = spawn(cli_command(*args), prefect_env(tmp_path / "prefect-home"), tmp_path, log)
    try:
        servers = _api_servers_while_running(proc)
        proc.wait(60)
    finally:
        stop(proc)
    assert proc.returncode == 0, tail(log)
    assert "articles: 3 in raw (3 new" in log.read_text(encoding="utf-8")
    assert list(servers.values()) == [proc.pid], f"API servers (pid: parent pid) in the tree of run {proc.pid}: {servers}"


@pytest.mark.parametrize(
    ("given", "runner", "address", "expected"),
    [
        (None, "local", None, 2000),
        (None, "dask", None, 1000),  # a local cluster: its workers share the flow's machine (flows.etl.BATCH_SIZE_LOCAL_CLUSTER)
        (None, "dask", "tcp://127.0.0.1:8786", 2000),  # a cluster of its own machines
        (300, "dask", None, 300),
    ],
)
def test_the_batch_size_a_run_takes(prefect_session, raw_folder, tmp_path, monkeypatch, given, runner, address, expected):
    """The batches a run cuts, as the flow hands them to the build (stopped there: no cluster starts)."""
    from flows import build
    from flows.etl import parcferme_flow

    taken = []

    def publish_generation(plan, wh, batching, *rest):
        taken.append(batching.size)
        raise RuntimeError("stopped before staging")

    monkeypatch.setattr(build, "publish_generation", publish_generation)
    kwargs = {"batch_size": given} if given else {}
    state = parcferme_flow(raw_dir=str(raw_folder), warehouse_dir=str(tmp_path / "wh"), task_runner=runner, dask_address=address, return_state=True, **kwargs)
    assert state.is_failed() and taken == [expected]


def test_the_command_leaves_the_batch_size_to_the_run():
    from parcferme.cli import build_parser

    assert build_parser().parse_args(["run"]).batch_size is None
    assert build_parser().parse_args(["run", "--batch-size", "500"]).batch_size == 500
