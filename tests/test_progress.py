"""How far a run has got: the percentage and the line of text the Prefect UI shows, and the bars
`parcferme run` draws on a terminal."""

import asyncio
import io
import shutil

import pytest
from rich.console import Console

from conftest import RAW
from flows.progress import PROGRESS_KEY, RunProgress, terminal_bars


def test_a_cold_run_moves_mostly_while_parsing():
    progress = RunProgress.for_run(fresh=100_000, articles=100_000)
    assert (progress.percent, progress.running.key) == (0.0, "stage")
    assert progress.description == "parse and check: 0 of 100,000 articles"
    progress.advance("stage", 50_000)
    assert 39 < progress.percent < 42  # half the parsing is 0.34 of the 0.424 ms each article takes, halved
    assert progress.description == "parse and check: 50,000 of 100,000 articles"
    progress.advance("stage", 50_000)
    assert progress.running.key == "season" and progress.description == "check across articles: 0 of 100,000 articles"


def test_a_days_update_moves_mostly_while_publishing():
    """30 articles to parse in an archive of 100,000: parsing them is a sliver of the run, publishing
    the archive again most of it."""
    progress = RunProgress.for_run(fresh=30, articles=100_000)
    progress.advance("stage", 30)
    assert progress.percent < 0.5 and progress.running.key == "season"
    progress.finish("season")
    progress.advance("publish", 50_000)
    # season 0.023 and half of publishing 0.047 ms per article, of 0.084 in all (and a sliver of parsing): 55.4 %
    assert 54 < progress.percent < 57 and progress.description == "publish articles: 50,000 of 100,000 articles"


def test_counts_stop_at_the_total_and_the_end_says_done():
    progress = RunProgress.for_run(fresh=3, articles=3)
    progress.advance("stage", 3)
    progress.finish("season")
    progress.advance("publish", 10_000)  # the flow counts every range as full: the last one ends the count
    assert progress.done_of("publish") == 3 and progress.running.key == "assemble"
    progress.finish("assemble")
    assert progress.running is None and progress.percent == 100.0
    assert progress.description == "done: 3 articles parsed and checked, 3 published"


def test_a_run_with_nothing_to_parse_starts_with_the_checks_across_articles():
    """Files deleted, none new: nothing to parse, the rest of the archive to check and publish."""
    progress = RunProgress.for_run(fresh=0, articles=40)
    assert progress.running.key == "season" and progress.percent == 0.0


@pytest.fixture
def raw_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


def _progress_artifacts(flow_run_id):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    async def read():
        async with get_client() as client:
            wanted = ArtifactFilter(key=ArtifactFilterKey(any_=[PROGRESS_KEY]), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
            return await client.read_artifacts(artifact_filter=wanted)

    return asyncio.run(read())


def test_a_run_shows_its_progress_in_the_ui_and_on_the_terminal(prefect_harness, raw_copy, tmp_path):
    from flows.etl import parcferme_flow

    console = Console(file=io.StringIO(), width=120)
    with terminal_bars(console):
        state = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(tmp_path / "wh"), return_state=True)
    assert state.is_completed()
    (artifact,) = _progress_artifacts(state.state_details.flow_run_id)
    assert (artifact.type, artifact.data) == ("progress", 100.0)
    assert artifact.description == "done: 3 articles parsed and checked, 3 published"
    lines = console.file.getvalue().splitlines()
    shown = [line[2:26].strip() for line in lines if "articles" in line]  # after the tick, the phase's 24 columns
    assert shown == ["parse and check", "check across articles", "publish articles", "assemble tables"]
    assert all(line.startswith("✓") and "3/3 articles" in line for line in lines if "articles" in line)
    assert lines[0].startswith("✓ start, list raw files")


def test_a_failed_run_says_in_the_ui_where_it_stopped(prefect_harness, raw_copy, tmp_path, monkeypatch):
    from flows import build
    from flows.etl import parcferme_flow

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build.assemble, "publish_range", broken)
    state = parcferme_flow(raw_dir=str(raw_copy), warehouse_dir=str(tmp_path / "wh"), return_state=True)
    assert state.is_failed()
    (artifact,) = _progress_artifacts(state.state_details.flow_run_id)
    assert artifact.description == "failed during publish articles"
    assert 0 < artifact.data < 100
