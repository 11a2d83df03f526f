"""Staging batches in processes of their own: how a large run on one machine keeps both cores busy.

Parsing a batch is mostly polars; reading the claims in its prose is Python. On threads of one
process, batches in flight queue for Python's interpreter lock, and polars splits each batch's work
over its threads, which costs more than it gains when other batches keep the cores busy anyway. So
a large run on the local runner stages its batches in worker processes, one per core, each with
polars on one thread: a worker reads the batch's files, parses, resolves and checks them, and
writes the batch's parts of the new generation itself (`assemble.write_batch`), so only the
articles as read come back (`StagedApart`), never the frames. The flow's process records each batch
in order and seals it (`Spool.record`). The parts are the same wherever they are written
(tests/test_stage_process.py).

Measured at 100,000 articles without Prefect (docs/scale.md): staging took 33.3 to 36.4 s in
processes against 37.4 to 40.9 s on threads, for 64 to 65 CPU-seconds against 68.5 to 70.9.
Starting a worker (its imports and the reference) costs about a second and a half of CPU, which a
run of 10,000 articles does not win back: only a run of `FROM_ARTICLES` fresh articles or more
starts them. Dask workers are processes already: one that sees the run's generation writes its
batch's parts there too (`flows.build.stage_batch`), else it sends the frames back to the flow's
process, which writes them.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.abc
import logging
import multiprocessing
import os
import sys
import threading
import time
import types
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from parcferme.raw import RawEntry

if TYPE_CHECKING:  # a worker imports this module before it sizes polars' thread pool (`_start_worker`)
    import polars as pl

log = logging.getLogger(__name__)

FROM_ARTICLES = 20_000  # fresh articles from which a run stages in processes (at 10,000 threads are faster)
POLARS_THREADS = "1"  # in each worker: the workers are the parallelism
_IN_WORKER = False  # whether this process is a staging worker (set by `_start_worker`)
T = TypeVar("T")


class StagedApart(NamedTuple):
    """A batch a worker staged and wrote as part `index` of the generation: its articles as read
    (`assemble.write_batch`)."""

    index: int
    articles: pl.DataFrame


class StagingProcesses:
    """Worker processes for any thread (`run`): started on entering, stopped on leaving. If a worker
    dies (killed, out of memory), the batches it and the others were on, and every later one, run
    in this process instead."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> StagingProcesses:
        # spawned, not forked: a fork of a process whose polars threads hold locks can hang
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))
        with _main_module_left_out():
            for _ in range(self.workers):  # the pool starts a worker for each task while none is idle yet
                self._pool.submit(int)
        return self

    def __exit__(self, *exc) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def run(self, work: Callable[..., T], *args) -> T:
        """`work(*args)` in a worker (`work` and its arguments picklable), else here."""
        pool = self._pool
        if pool is not None:
            try:
                return pool.submit(work, *args).result()
            except (BrokenProcessPool, OSError) as error:
                if self._pool is pool:  # the first of the threads waiting on it says so
                    self._pool = None
                    log.warning("a staging process failed (%s): staging in this process from now on", error)
                    pool.shutdown(wait=False, cancel_futures=True)
        return work(*args)


def stage_and_write(generation, index: int, entries: list[RawEntry]) -> StagedApart:
    """Read, parse, resolve and check a batch, and write it as part `index` of `generation`."""
    from parcferme import pipeline
    from parcferme.assemble import write_batch
    from parcferme.raw import read_entry
    from parcferme.reference import load_reference

    staged = pipeline.stage_batch([read_entry(entry).as_tuple() for entry in entries], load_reference())
    done = StagedApart(index, write_batch(generation, index, staged))
    del staged
    if _IN_WORKER:
        set_aside_what_lasts()
    return done


def set_aside_what_lasts() -> None:
    """In a worker process (a staging worker here, a Dask worker in `flows.build`), after its first
    batch: what is alive (its imports, the reference, the compiled patterns: about 108,000 objects)
    is set aside from Python's cyclic garbage collector, once, as the flow's process does for its
    run: the collections during each later batch (about 80, most of them triggered by the claim
    reader's tuples) walk only that batch's own objects. Measured on batches of 2,000 articles of
    the 100k archive, polars on one thread: 6 ms of collections a batch instead of 23 to 24, out of
    about 1 CPU-second."""
    if not gc.get_freeze_count():
        gc.collect()
        gc.freeze()


def processes_for(articles: int, batches: int, in_flight: int) -> contextlib.AbstractContextManager[StagingProcesses | None]:
    """For a run staging `articles` fresh articles in `batches` batches on threads, `in_flight` at a
    time: StagingProcesses to enter, one per core (at most `in_flight`), or nothing (None) for a
    run too small to win back their start, or a machine of one core."""
    workers = min(os.cpu_count() or 1, in_flight, batches)
    return StagingProcesses(workers) if articles >= FROM_ARTICLES and workers > 1 else contextlib.nullcontext()


PARENT_POLL_S = 0.2


@contextlib.contextmanager
def _main_module_left_out():
    """Workers started meanwhile do not import the run's main module. A spawned process imports it
    first, so that what it defines can be unpickled there; the workers need nothing of it, and a
    flow run that Prefect starts for a deployment runs as `python -m prefect.engine`, whose import
    would cost each worker about 70 MiB and a second (measured). Only the starting thread looks at
    the main module meanwhile (a few milliseconds)."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _start_worker(parent: int) -> None:
    # polars reads it when it is first imported, after this (nothing a worker imports before its
    # first batch imports polars); the allocator's settings come with the run's environment
    global _IN_WORKER
    os.environ["POLARS_MAX_THREADS"] = POLARS_THREADS
    _IN_WORKER = True
    sys.meta_path.insert(0, WithoutPandas())
    _leave_with(parent)


def dask_setup(worker) -> None:
    """Run by each worker of a local Dask cluster as it starts (its `preload`, `flows.build.batch_runner`):
    those workers stage batches as the staging processes do, and do without pandas too."""
    sys.meta_path.insert(0, WithoutPandas())


class WithoutPandas(importlib.abc.MetaPathFinder):
    """In a staging worker (or a local Dask cluster's), pandas is not there to import.

    pandera imports pandas whenever it is installed (the tests' and the analysts' extras install
    it), though its polars checks never use it, and takes its polars-only way when pandas is
    missing, as on an install without it. A worker stages polars frames only. Without pandas,
    importing pandera takes 66 MiB and 0.3 CPU-seconds instead of 141 MiB and 0.7, and the two
    workers of a cold run at 100k held about 100 MiB less in all at the staging's peak (measured:
    docs/scale.md, "Staging in worker processes"), finding the same issues."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)  # what Python says when it is not installed
        return None


def _leave_with(parent: int) -> None:
    """In a worker: exit as soon as the process that started it is gone. A run killed outright
    (`kill -9`) cannot stop its workers, which would otherwise wait for work forever, holding the
    run's output open (the watchdog stops a killed run's processes only when the run started
    Prefect's temporary server)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(0)

    threading.Thread(target=watch, name="leave-with-the-run", daemon=True).start()
