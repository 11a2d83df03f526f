"""The claim reader's Python step in a process of its own, beside the threads that parse batches.

Parsing a batch is mostly polars, which lets go of Python's interpreter lock; reading the claims in
its prose (`ProseReader.read_gated`) is Python, which holds it, so the batches in flight on threads
queue for the lock. A run on threads (the flow's local runner, the benchmark's pipeline) hands that
step to one helper process: the reader goes there as what it is made of, the gated sentences as
plain lists (`claims.Gated`), and the rows come back. The rows are the same wherever they are read
(tests/test_prose_process.py).

Measured at 100,000 articles without Prefect, alternating with the code before: the pipeline took
47.8 to 49.4 s with the helper against 53.1 to 55.1 s without (staging 35.2 to 36.1 s against 40.3
to 41.9 s); more helpers gain nothing, and the helper holds about 80 MiB. A run of no more batches
than it has in flight gains nothing (at 10,000 articles, 6 batches: 4.4 s either way), so it starts
none. Dask workers read in their own process: each is a process already (docs/scale.md).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from parcferme.parse.claims import Gated, ProseReader

log = logging.getLogger(__name__)


class ProseProcess:
    """One helper process running `ProseReader.read_gated` for any thread (`read`, a
    `claims.ReadGated`): started on entering, stopped on leaving. If the helper dies (killed, out of
    memory), the batch it was reading and every later one are read in this process instead."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProseProcess:
        # spawned, not forked: a fork of a process whose polars threads hold locks can hang
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(1, mp_context=context, initializer=_leave_with, initargs=(os.getpid(),))
        return self

    def __exit__(self, *exc) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def read(self, reader: ProseReader, gated: Gated) -> tuple[list[tuple], list[tuple]]:
        pool = self._pool
        if pool is not None:
            try:
                return pool.submit(ProseReader.read_gated, reader, gated).result()
            except (BrokenProcessPool, OSError) as error:
                if self._pool is pool:  # the first of the threads waiting on it says so
                    self._pool = None
                    log.warning("the helper process reading claims failed (%s): reading them in this process from now on", error)
                    pool.shutdown(wait=False, cancel_futures=True)
        return reader.read_gated(gated)


PARENT_POLL_S = 0.2


def _leave_with(parent: int) -> None:
    """In the helper: exit as soon as the process that started it is gone. A run killed outright
    (`kill -9`) cannot stop its helper, which would otherwise wait for work forever, holding the
    run's output open (the watchdog stops a killed run's processes only when the run started
    Prefect's temporary server)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(0)

    threading.Thread(target=watch, name="leave-with-the-run", daemon=True).start()


def helper_for(batches: int, in_flight: int) -> contextlib.AbstractContextManager[ProseProcess | None]:
    """For a run of `batches` batches on threads, `in_flight` at a time: a ProseProcess to enter, or
    nothing (None) when there are no more batches than that."""
    return ProseProcess() if batches > in_flight else contextlib.nullcontext()
