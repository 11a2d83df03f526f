"""Staging batches in worker processes (parcferme/stage_process.py): a batch staged and written by a
worker gives the parts written in the run's own process; workers run polars on one thread, and
pandera without pandas, finding the same issues; a worker
that dies leaves the staging to the run's process; a run killed outright leaves no worker behind;
a worker sets aside from the cyclic collector what outlasts its first batch; the flow's local runner
stages a large run in workers, and its tables are those of a run without."""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import psutil
import pytest

from conftest import RAW, ROOT, script
from parcferme import allocator, pipeline, stage_process
from parcferme.assemble import write_batch
from parcferme.raw import list_raw
from parcferme.stage_process import StagedApart, StagingProcesses, processes_for, stage_and_write
from parcferme.staged import STAGED_FRAMES
from parcferme.warehouse import FRESH, PARTS, WRITERS, Generation

synth = script("synth_archive")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The seed articles and 150 synthetic ones, some of another season, with planted errors."""
    folder = tmp_path_factory.mktemp("staging-archive")
    synth.generate(folder, 150, seed=7, error_rate=0.1, other_share=0.3)
    for seed in RAW.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


def _children() -> set[int]:
    """This process's spawned children (multiprocessing's resource tracker, started with the first, stays)."""
    pids = set()
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):  # gone meanwhile
            if "spawn_main" in " ".join(child.cmdline()):
                pids.add(child.pid)
    return pids


def _started(before: set[int], count: int) -> set[int]:
    """The spawned children started since `before`, waiting up to ten seconds for `count` of them:
    a child shows its command line only once it has executed it, a moment after it is forked."""
    deadline = time.monotonic() + 10
    while len(started := _children() - before) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return started


def _parts(generation: Generation, index: int) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(generation.work / PARTS / FRESH / name / f"{index:06d}.parquet") for name in STAGED_FRAMES}


def _written_here(archive, tmp_path, reference) -> tuple[Generation, pl.DataFrame]:
    from parcferme.raw import read_entry

    here = Generation(tmp_path / "here")
    staged = pipeline.stage_batch([read_entry(entry).as_tuple() for entry in list_raw(archive)], reference)
    return here, write_batch(here, 3, staged)


def test_a_batch_staged_apart_writes_the_parts_written_here(archive, tmp_path, reference):
    here, articles = _written_here(archive, tmp_path, reference)
    there = Generation(tmp_path / "there")
    before = _children()
    with StagingProcesses(2) as processes:
        workers = _started(before, 2)
        apart = processes.run(stage_and_write, there, 3, list_raw(archive))
    assert len(workers) == 2  # both started on entering
    assert not any(psutil.pid_exists(pid) for pid in workers)  # stopped on leaving
    assert isinstance(apart, StagedApart) and apart.index == 3
    assert apart.articles.equals(articles) and articles.height == len(list_raw(archive)) == 154  # the planted .csv is an article row too
    written_here, written_there = _parts(here, 3), _parts(there, 3)
    for name, frame in written_here.items():
        assert frame.equals(written_there[name]), name
    assert written_here["claims"].height > 1000 and written_here["article_issues"].height > 100


def test_another_process_writes_the_run_s_generation_only_where_it_sees_that_very_folder(tmp_path, monkeypatch):
    """`Generation.reachable`: a process given the run's generation (a Dask worker) writes its batch
    there only when the folder at that path holds the token the run wrote (`open_to_writers`): on
    the run's machine, or on storage shared with it, whatever its working folder; not before the
    run opens it, nor where the same path is another folder, or none."""
    monkeypatch.chdir(tmp_path)
    generation = Generation(Path("wh"))  # as `parcferme run --warehouse wh` gives it
    assert generation.work.is_absolute() and not generation.reachable()
    generation.open_to_writers()
    with StagingProcesses(1) as processes:
        processes.run(os.chdir, "/")
        assert processes.run(generation.reachable)
    elsewhere = pickle.loads(pickle.dumps(generation))
    assert elsewhere.reachable()
    (generation.work / PARTS / WRITERS).write_text("f" * 32, encoding="utf-8")  # another folder at the same path
    assert not elsewhere.reachable() and not generation.reachable()
    shutil.rmtree(generation.work)
    assert not elsewhere.reachable()


def test_workers_stage_without_pandas_and_check_as_here(archive, tmp_path, reference):
    """pandera loads pandas whenever it is installed; a worker hides it (`WithoutPandas`), so pandera
    takes its polars-only way there, and the checks find the same issues as in this process."""
    here, _ = _written_here(archive, tmp_path, reference)
    assert "pandas" in sys.modules  # loaded here by pandera, which ran the checks
    there = Generation(tmp_path / "there")
    with StagingProcesses(1) as processes:
        processes.run(stage_and_write, there, 3, list_raw(archive))
        with pytest.raises(ModuleNotFoundError, match="No module named 'pandas'"):
            processes.run(importlib.import_module, "pandas")
    issues_here = _parts(here, 3)["article_issues"]
    assert issues_here.height > 100 and issues_here.equals(_parts(there, 3)["article_issues"])


def test_workers_run_polars_on_one_thread_with_the_runs_allocator_settings(monkeypatch):
    assert pl.thread_pool_size() > 1 or psutil.cpu_count() == 1  # this process: every core
    monkeypatch.setenv(allocator.SETTING, "narenas:2,dirty_decay_ms:900")  # as `allocator.configure` leaves it, and a user's option
    with StagingProcesses(2) as processes:
        assert processes.run(pl.thread_pool_size) == 1
        assert processes.run(os.getenv, allocator.SETTING).endswith("narenas:2,dirty_decay_ms:900")  # polars puts its defaults first


def test_a_worker_that_dies_leaves_the_staging_here(archive, tmp_path, reference, caplog):
    here, articles = _written_here(archive, tmp_path, reference)
    there = Generation(tmp_path / "there")
    entries = list_raw(archive)
    before = _children()
    with StagingProcesses(2) as processes:
        processes.run(stage_and_write, there, 0, entries)
        worker = min(_children() - before)
        psutil.Process(worker).kill()
        psutil.Process(worker).wait(10)
        with caplog.at_level(logging.WARNING, logger="parcferme.stage_process"):
            after_death = processes.run(stage_and_write, there, 1, entries)
            later = processes.run(stage_and_write, there, 2, entries)
        assert _children() <= before  # no new worker was started
    assert [r.getMessage() for r in caplog.records if "staging in this process from now on" in r.getMessage()]
    assert len(caplog.records) == 1  # said once, for the batch the worker died under
    assert after_death.articles.equals(articles) and later.articles.equals(articles)
    for index in (1, 2):
        written = _parts(there, index)
        for name, frame in _parts(here, 3).items():
            assert frame.equals(written[name]), (index, name)


def test_a_worker_sets_aside_what_outlasts_its_first_batch(archive, tmp_path):
    """After its first batch, a worker's lasting objects (imports, reference) are frozen out of the
    cyclic collector; the run's own process is left as it is."""
    entries = list_raw(archive)
    frozen_here = gc.get_freeze_count()
    with StagingProcesses(1) as processes:
        assert processes.run(gc.get_freeze_count) == 0
        processes.run(stage_and_write, Generation(tmp_path / "there"), 0, entries)
        frozen = processes.run(gc.get_freeze_count)
        assert frozen > 50_000  # the imports (polars, pandera...), the reference
    stage_and_write(Generation(tmp_path / "here"), 0, entries)
    assert gc.get_freeze_count() == frozen_here


SERVED_RUN = """
import prefect.engine  # a flow run Prefect starts for a deployment runs as `python -m prefect.engine`
from parcferme.stage_process import StagingProcesses
from probe import prefect_loaded
if __name__ == "__main__":
    with StagingProcesses(2) as processes:
        print(*(processes.run(prefect_loaded) for _ in range(4)))
"""
PROBE = """
import sys
def prefect_loaded():
    return "prefect" in sys.modules
"""


def test_workers_do_not_import_the_runs_main_module(tmp_path):
    (tmp_path / "served.py").write_text(SERVED_RUN)
    (tmp_path / "probe.py").write_text(PROBE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "served"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"] * 4  # run here instead, where Prefect is loaded, it would say True
    assert "staging in this process" not in done.stderr


STAGED_WITHOUT_PANDERA = """
import sys
from pathlib import Path
import flows.build  # what the flow's process imports to stage
from parcferme import pipeline
from parcferme.assemble import Spool
from parcferme.incremental import fingerprint
from parcferme.raw import list_raw
from parcferme.stage_process import StagingProcesses, stage_and_write
from parcferme.warehouse import Generation
entries = list_raw(Path(sys.argv[1]))
spool = Spool(Generation(Path(sys.argv[2])), None, [], code=fingerprint(), listed={e.article_id: e for e in entries})
with StagingProcesses(2) as processes:
    for batch in pipeline.batches(entries, 40):
        staged = processes.run(stage_and_write, spool.generation, spool.next_index, batch)
        spool.record(staged.index, staged.articles)
print(spool.next_index, sum(spool.fresh_counts), *sorted(m for m in ("pandas", "pandera", "pyarrow") if m in sys.modules))
"""


def test_the_runs_process_stages_in_workers_without_loading_pandera(archive, tmp_path):
    # pandera loads pandas and pyarrow: 80 MiB of the flow's process while its workers stage, when
    # a large run's memory peaks (the checks run in the workers, which load it)
    done = subprocess.run([sys.executable, "-c", STAGED_WITHOUT_PANDERA, str(archive), str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["4", "154"]  # four batches staged and sealed, and nothing of pandera's loaded here
    issues = pl.read_parquet(sorted(tmp_path.rglob(f"{PARTS}/{FRESH}/article_issues/*.parquet")))
    assert issues.height > 100 and issues["check"].n_unique() > 5  # the workers ran the checks


KILLED_RUN = """
import os, signal, sys
from pathlib import Path
import psutil
from parcferme.raw import list_raw
from parcferme.stage_process import StagingProcesses, stage_and_write
from parcferme.warehouse import Generation
processes = StagingProcesses(2).__enter__()
processes.run(stage_and_write, Generation(Path(sys.argv[2])), 0, list_raw(Path(sys.argv[1])))
print(*(c.pid for c in psutil.Process().children() if "spawn_main" in " ".join(c.cmdline())), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_killed_outright_leaves_no_worker_behind(tmp_path):
    # a worker holds the run's output open while it lives: were it left waiting for work, reading
    # that output would never end
    done = subprocess.run([sys.executable, "-c", KILLED_RUN, str(RAW), str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    workers = list(map(int, done.stdout.split()))
    assert len(workers) == 2
    for worker in workers:
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(worker).wait(10)
        assert not psutil.pid_exists(worker)


def test_workers_only_for_a_large_run_of_several_batches(monkeypatch):
    monkeypatch.setattr(stage_process.os, "cpu_count", lambda: 2)
    with processes_for(stage_process.FROM_ARTICLES - 1, 20, 3) as processes:
        assert processes is None  # too few articles to win back the workers' start
    with processes_for(stage_process.FROM_ARTICLES, 1, 3) as processes:
        assert processes is None  # one batch: nothing to run side by side
    with processes_for(stage_process.FROM_ARTICLES, 20, 1) as processes:
        assert processes is None  # one batch at a time
    assert processes_for(stage_process.FROM_ARTICLES, 20, 3).workers == 2  # one per core
    monkeypatch.setattr(stage_process.os, "cpu_count", lambda: 8)
    assert processes_for(stage_process.FROM_ARTICLES, 20, 3).workers == 3  # no more than batches in flight


def test_the_local_runner_stages_a_large_run_in_workers(prefect_harness, archive, tmp_path, monkeypatch):
    import flows.build
    from flows.etl import parcferme_flow

    used = []

    def recording(articles, batches, in_flight):
        processes = processes_for(articles, batches, in_flight)
        used.append((articles, batches, type(processes).__name__))
        return processes

    monkeypatch.setattr(stage_process, "FROM_ARTICLES", 100)
    monkeypatch.setattr(flows.build, "processes_for", recording)
    apart = parcferme_flow(raw_dir=str(archive), warehouse_dir=str(tmp_path / "apart"), batch_size=20, in_flight=2)
    whole = parcferme_flow(raw_dir=str(archive), warehouse_dir=str(tmp_path / "whole"), batch_size=1000)
    assert used == [(154, 8, "StagingProcesses"), (154, 1, "nullcontext")]  # the planted .csv is listed too
    assert apart["articles"] == whole["articles"]
    for table in pipeline.MART_COLUMNS:
        staged_apart = pl.read_parquet(tmp_path / "apart" / f"{table}.parquet")
        assert staged_apart.equals(pl.read_parquet(tmp_path / "whole" / f"{table}.parquet")), table
        assert table != "claims" or staged_apart.height > 1000
