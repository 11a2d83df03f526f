"""The claim reader's Python step in a helper process (parcferme/prose_process.py): the same rows as
read in the run's own process, on the seed articles and on a synthetic archive; a helper that dies
leaves the reading to the run's process; the flow's local runner uses one for a run of more batches
than it has in flight, and its tables are those of a run without."""

from __future__ import annotations

import contextlib
import logging
import pickle
import signal
import subprocess
import sys

import polars as pl
import psutil
import pytest

from conftest import RAW, ROOT, article_files, script
from parcferme import pipeline
from parcferme.parse.claims import ProseReader, split_sentences
from parcferme.prose_process import ProseProcess, helper_for

synth = script("synth_archive")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prose-archive")
    synth.generate(folder, 150, seed=7, error_rate=0.1, other_share=0.3)
    return folder


def _children() -> set[int]:
    """This process's spawned children (multiprocessing's resource tracker, started with the first, stays)."""
    pids = set()
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):  # gone meanwhile
            if "spawn_main" in " ".join(child.cmdline()):
                pids.add(child.pid)
    return pids


def _assert_same_staging(here: pipeline.Staged, there: pipeline.Staged) -> None:
    for name, frame in here.frames().items():
        assert frame.equals(there.frames()[name]), name


def test_claims_read_in_the_helper_are_those_read_here(archive, reference):
    files = article_files(RAW) + article_files(archive)
    here = pipeline.stage_batch(files, reference)
    before = _children()
    with ProseProcess() as prose:
        there = pipeline.stage_batch(files, reference, prose.read)
        helper = _children() - before
    assert len(helper) == 1  # one process, started for the first batch
    assert not _children() & helper and not psutil.pid_exists(helper.pop())  # stopped on leaving
    _assert_same_staging(here, there)
    assert here.staging.claims.height > 1000 and here.staging.series_mentions.height > 10


def test_a_reader_goes_to_another_process_as_what_it_is_made_of(reference):
    driver_keys = set(reference.names.filter(pl.col("kind") == "driver")["key"])
    reader = ProseReader(driver_keys, dict(zip(reference.series["spelling"], reference.series["series"])))
    copy = pickle.loads(pickle.dumps(reader))
    prose = pl.DataFrame({"article_id": ["a", "a"], "line": [1, 2], "text": ["Verstappen has 466 points.", "He leads Perez by 20 points."]})
    sentences = split_sentences(prose)
    claims, _ = copy.read(sentences)
    assert (claims, []) == reader.read(sentences)
    # kind, driver, points, margin: 'he' is the driver named before, also there
    assert [(row[1], row[4], row[5], row[8]) for row in claims] == [("points", "verstappen", 466.0, None), ("margin", "verstappen", None, 20.0)]


def test_a_helper_that_dies_leaves_the_reading_here(reference, caplog):
    files = article_files(RAW)
    here = pipeline.stage_batch(files, reference)
    before = _children()
    with ProseProcess() as prose:
        pipeline.stage_batch(files, reference, prose.read)
        (helper,) = _children() - before
        psutil.Process(helper).kill()
        psutil.Process(helper).wait(10)
        with caplog.at_level(logging.WARNING, logger="parcferme.prose_process"):
            after_death = pipeline.stage_batch(files, reference, prose.read)
            later = pipeline.stage_batch(files, reference, prose.read)
        assert _children() <= before  # no new helper was started
    assert [r.getMessage() for r in caplog.records if "reading them in this process" in r.getMessage()]
    assert len(caplog.records) == 1  # said once, for the batch the helper died under
    _assert_same_staging(here, after_death)
    _assert_same_staging(here, later)


KILLED_RUN = """
import os, signal, sys
from pathlib import Path
import psutil
from parcferme import pipeline
from parcferme.prose_process import ProseProcess
from parcferme.raw import list_raw, read_entry
from parcferme.reference import load_reference
prose = ProseProcess().__enter__()
pipeline.stage_batch([read_entry(e).as_tuple() for e in list_raw(Path(sys.argv[1]))], load_reference(), prose.read)
print(*(c.pid for c in psutil.Process().children() if "spawn_main" in " ".join(c.cmdline())), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_killed_outright_leaves_no_helper_behind():
    # the helper holds the run's output open while it lives: were it left waiting for work, reading
    # that output would never end
    done = subprocess.run([sys.executable, "-c", KILLED_RUN, str(RAW)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    (helper,) = map(int, done.stdout.split())
    with contextlib.suppress(psutil.NoSuchProcess):
        psutil.Process(helper).wait(10)
    assert not psutil.pid_exists(helper)


def test_a_helper_only_for_more_batches_than_in_flight():
    with helper_for(3, 3) as prose:
        assert prose is None
    with helper_for(4, 3) as prose:
        assert isinstance(prose, ProseProcess)


def test_the_local_runner_reads_claims_in_a_helper(prefect_harness, archive, tmp_path, monkeypatch):
    import flows.build
    from flows.etl import parcferme_flow

    helpers = []

    def recording(batches, in_flight):
        helper = helper_for(batches, in_flight)
        helpers.append((batches, in_flight, type(helper).__name__))
        return helper

    monkeypatch.setattr(flows.build, "helper_for", recording)
    parcferme_flow(raw_dir=str(archive), warehouse_dir=str(tmp_path / "batched"), batch_size=20, in_flight=2)
    parcferme_flow(raw_dir=str(archive), warehouse_dir=str(tmp_path / "whole"), batch_size=1000)
    assert helpers == [(8, 2, "ProseProcess"), (1, 3, "nullcontext")]
    for table in pipeline.MART_COLUMNS:
        batched = pl.read_parquet(tmp_path / "batched" / f"{table}.parquet")
        assert batched.equals(pl.read_parquet(tmp_path / "whole" / f"{table}.parquet")), table
        assert table != "claims" or batched.height > 1000
