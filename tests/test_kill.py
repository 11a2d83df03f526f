"""kill -9 of `parcferme run`: at moments of a large run, and at every step of publishing.

After each kill the warehouse must read (polars and DuckDB) as exactly one complete generation, the
previous one or the new one, and a following normal run must complete and leave no `.partial`
generation. Two runs over the same inputs write byte-identical Parquet files.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import polars as pl
import psutil
import pytest

from conftest import RAW
from parcferme.pipeline import MART_COLUMNS
from support.corpus import write_corpus
from support.procs import PYTHON, ROOT, cli_command, kill_group, prefect_env, run_cli, shared_server_env, spawn, tail
from support.whcheck import assert_one_generation, contents, current, debris, digests, partials, same_marts

N_PART, N_FULL = 1000, 3000
FRACTIONS = (0.3, 0.6, 0.8, 0.9, 0.97)
KILL_AT = ROOT / "tests" / "support" / "kill_at.py"


def _run(raw: Path, wh: Path, env: dict, cwd: Path, *extra: str) -> tuple[float, str]:
    started = time.monotonic()
    result = run_cli("run", "--raw", str(raw), "--warehouse", str(wh), *extra, env=env, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    return time.monotonic() - started, result.stdout


def _copy(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)


def _state(wh: Path, previous: Path, previous_digests: dict, new_marts: dict) -> str:
    """'previous' or 'new': which complete generation the warehouse is after a kill (fails if neither)."""
    gen, marts = assert_one_generation(wh)
    if gen.name == previous.name:
        assert digests(gen) == previous_digests, "the previous generation was modified"
        return "previous"
    assert marts["articles"].height == N_FULL, f"{gen.name}: {marts['articles'].height} articles"
    assert same_marts(marts, new_marts) == [], f"{gen.name} is neither the previous nor the new warehouse"
    return "new"


@pytest.mark.slow
def test_kill_9_at_moments_of_a_large_run(tmp_path):
    env = shared_server_env(tmp_path / "prefect-home")
    raw, base = tmp_path / "raw", tmp_path / "base"
    write_corpus(raw, N_PART)
    base_s, _ = _run(raw, base, env, tmp_path)
    base_gen, base_marts = assert_one_generation(base)
    assert base_marts["articles"].height == N_PART
    base_digests = digests(base_gen)

    # two runs over the same inputs into two warehouses: identical tables and rows, whatever the batch size
    twin = tmp_path / "twin"
    _run(raw, twin, env, tmp_path, "--batch-size", "300")
    assert contents(current(twin)) == contents(base_gen)

    write_corpus(raw, N_FULL, start=N_PART)
    reference = tmp_path / "reference"
    _copy(base, reference)
    full_s, _ = _run(raw, reference, env, tmp_path)
    ref_gen, ref_marts = assert_one_generation(reference)
    assert ref_marts["articles"].height == N_FULL

    ref_contents = contents(ref_gen)
    timing = {"T": full_s}  # the shortest full run seen so far: runs vary by 10-20 % on a busy machine

    def after(fraction: float):
        def wait(proc, wh):
            deadline = time.monotonic() + fraction * timing["T"]
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.005)

        return wait

    def publishing(proc, wh):  # as soon as the new generation's folder appears
        deadline = time.monotonic() + 3 * full_s + 30
        while proc.poll() is None and time.monotonic() < deadline and not partials(wh):
            time.sleep(0.001)

    def published(proc, wh):  # as soon as `current` leads to the new generation (run history, DuckDB file next)
        before = os.readlink(wh / "current")
        deadline = time.monotonic() + 3 * full_s + 30
        while proc.poll() is None and time.monotonic() < deadline and os.readlink(wh / "current") == before:
            time.sleep(0.001)

    moments = [(f"{f:.2f}T", after(f)) for f in FRACTIONS] + [("publishing", publishing), ("published", published)]
    wh = tmp_path / "warehouse"
    outcomes = []
    for label, wait in moments:
        _copy(base, wh)  # every kill starts from the complete previous warehouse
        log = tmp_path / f"kill-{label}.log"
        started = time.monotonic()
        proc = spawn(cli_command("run", "--raw", str(raw), "--warehouse", str(wh), "--lock-timeout", "5"), env, tmp_path, log)
        wait(proc, wh)
        finished = proc.poll() is not None
        kill_group(proc)
        proc.wait()
        killed_at = time.monotonic() - started
        if finished:
            assert proc.returncode == 0, tail(log)
            timing["T"] = min(timing["T"], killed_at)
        state, left = _state(wh, base_gen, base_digests, ref_marts), partials(wh)
        if label == "publishing":
            assert not finished and left, f"the kill missed the publication:\n{tail(log)}"
        if label == "published":
            assert not finished and state == "new", f"the kill missed the moment after publication:\n{tail(log)}"
        # a normal run afterwards completes, cleans up, and writes the tables (byte for byte) and rows of the uninterrupted run
        recover_s, _ = _run(raw, wh, env, tmp_path, "--lock-timeout", "10")
        if state == "previous":  # the next run did the whole work again: one more measure of T
            timing["T"] = min(timing["T"], recover_s)
        assert partials(wh) == [], label
        gen, marts = assert_one_generation(wh)
        assert contents(gen) == ref_contents, label
        assert len(list((wh / ".generations").iterdir())) <= 2
        what = "ran to the end" if finished else f"killed {killed_at:.1f} s"
        outcomes.append((label, what, state, left, recover_s, debris(wh)))

    print(f"\nkill test: corpus {N_FULL} articles; first run ({N_PART}) {base_s:.1f} s, full run T={full_s:.1f} s "
          f"(shortest seen {timing['T']:.1f} s)")
    for label, what, state, left, recover_s, junk in outcomes:
        print(f"  kill at {label:>10}: {what:16} -> the {state} generation; partial left: {len(left)}; "
              f"next run {recover_s:.1f} s, left no partial; hidden leftovers {junk}")


def _kill_at(point: str, raw: Path, wh: Path, env: dict, cwd: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [PYTHON, str(KILL_AT), point, "run", "--raw", str(raw), "--warehouse", str(wh), "--lock-timeout", "5", *extra]
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_kill_9_at_every_step_of_publishing(tmp_path):
    """Deterministic kills inside warehouse.publish and the run history write (tests/support/kill_at.py)."""
    env = shared_server_env(tmp_path / "prefect-home")
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    n = 9
    ids = set(write_corpus(raw, n))

    # the very first run, killed while it makes the table symlinks
    result = _kill_at("links:2", raw, wh, env, tmp_path)
    assert result.returncode == -signal.SIGKILL, result.stderr[-3000:]
    gen, marts = assert_one_generation(wh)
    assert set(marts["articles"]["article_id"]) == ids
    # only the links made before the kill exist, and they lead into that one generation (checked above)
    assert len([p for p in wh.glob("*.parquet") if p.is_symlink()]) == 2

    steps = [
        ("write:3", "previous"),
        ("rename:before", "previous"),
        ("rename:after", "previous"),
        ("swap:after", "new"),
        ("prune:before", "new"),
        ("record:mid", "new"),
    ]
    seen = []
    for point, expected in steps:
        previous, before = gen, digests(gen)
        ids |= set(write_corpus(raw, n + 1, start=n))  # one more article: the run has something to publish
        n += 1
        result = _kill_at(point, raw, wh, env, tmp_path)
        assert result.returncode == -signal.SIGKILL, f"{point}: {result.returncode}\n{result.stderr[-3000:]}"
        gen, marts = assert_one_generation(wh)
        if gen.name == previous.name:
            assert digests(gen) == before
            state = "previous"
        else:
            assert set(marts["articles"]["article_id"]) == ids
            state = "new"
        assert state == expected, point
        seen.append((point, state, partials(wh), debris(wh)))

    _run(raw, wh, env, tmp_path, "--lock-timeout", "10")
    assert partials(wh) == []
    gen, marts = assert_one_generation(wh)
    assert set(marts["articles"]["article_id"]) == ids
    assert all((wh / f"{name}.parquet").is_symlink() for name in MART_COLUMNS)
    print("\nkills inside publishing (point, warehouse after, partial generations, hidden leftovers):")
    for row in seen:
        print("  ", *row)
    print(f"  after a normal run: generations {sorted(p.name for p in (wh / '.generations').iterdir())}, leftovers {debris(wh)}")


@pytest.mark.slow
def test_the_run_after_a_kill_takes_over_the_batches_it_had_staged(tmp_path):
    """kill -9 once three batches are staged: the next run takes them over instead of parsing their
    files again (not the one changed meanwhile), and publishes the bytes of a run never killed."""
    env = shared_server_env(tmp_path / "prefect-home")
    raw, wh, twin = tmp_path / "raw", tmp_path / "warehouse", tmp_path / "twin"
    write_corpus(raw, 60)
    result = _kill_at("seal:3", raw, wh, env, tmp_path, "--batch-size", "10")
    assert result.returncode == -signal.SIGKILL, result.stderr[-3000:]
    assert partials(wh) and not (wh / "current").exists()
    changed = sorted(raw.glob("*.txt"))[12]  # in the second batch
    changed.write_bytes(changed.read_bytes() + b"\nOne more line of prose, written after the kill.\n")

    _, stdout = _run(raw, wh, env, tmp_path, "--batch-size", "10")
    _run(raw, twin, env, tmp_path, "--batch-size", "10")

    assert "taken over: 20 articles staged by a run that did not publish" in stdout, stdout
    assert partials(wh) == []
    assert contents(current(wh)) == contents(current(twin))
    runs = pl.read_parquet(wh / "runs.parquet")  # the killed run published nothing, so recorded nothing
    assert runs.select("new", "taken_over").rows() == [(60, 20)]
    assert pl.read_parquet(twin / "runs.parquet").select("new", "taken_over").rows() == [(60, 0)]


@pytest.mark.slow
def test_ctrl_c_publishes_nothing_and_keeps_the_batches_already_parsed(tmp_path):
    env = shared_server_env(tmp_path / "prefect-home")
    raw, wh, log = tmp_path / "raw", tmp_path / "warehouse", tmp_path / "run.log"
    write_corpus(raw, 60)
    proc = spawn(cli_command("run", "--raw", str(raw), "--warehouse", str(wh), "--batch-size", "10"), env, tmp_path, log)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline and len(list(wh.glob(".generations/.*.partial/_parts/fresh/_seals/*.json"))) < 2:
            time.sleep(0.01)
        kill_group(proc, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground process group
        code = proc.wait(timeout=60)
    finally:
        kill_group(proc)
    assert code == 130, tail(log)
    assert "parcferme: interrupted: nothing was published" in tail(log)
    assert not (wh / "current").exists()
    (partial,) = partials(wh)
    kept = wh / ".generations" / partial
    assert [p.name for p in kept.iterdir()] == ["_parts"] and [p.name for p in (kept / "_parts").iterdir()] == ["fresh"]
    sealed = len(list((kept / "_parts" / "fresh" / "_seals").glob("*.json")))

    _, stdout = _run(raw, wh, env, tmp_path, "--batch-size", "10")

    assert sealed >= 2 and f"taken over: {10 * sealed} articles" in stdout, stdout
    assert partials(wh) == [] and assert_one_generation(wh)[1]["articles"].height == 60


@pytest.mark.slow
def test_kill_9_leaves_no_prefect_server_behind(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    env = prefect_env(tmp_path / "prefect-home")  # no PREFECT_API_URL: parcferme run as it runs by default
    log = tmp_path / "run.log"
    proc = spawn(cli_command("run", "--raw", str(raw), "--warehouse", str(tmp_path / "wh")), env, tmp_path, log)
    servers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while not servers and time.monotonic() < deadline and proc.poll() is None:
            for child in psutil.Process(proc.pid).children(recursive=True):
                try:
                    if "prefect.server" in " ".join(child.cmdline()):
                        servers.append(child)
                except psutil.Error:
                    pass
            time.sleep(0.2)
        if not servers:
            pytest.fail(f"no temporary Prefect server seen:\n{tail(log)}")
        os.kill(proc.pid, signal.SIGKILL)  # kill -9 <pid of parcferme run>, as a user or the OOM killer would
        proc.wait()
        time.sleep(5)
        alive = [s for s in servers if s.is_running() and s.status() != psutil.STATUS_ZOMBIE]
    finally:
        kill_group(proc)  # the test cleans up what it started, whatever the outcome
    assert not alive, f"left running after kill -9: {[(s.pid, s.cmdline()[:4]) for s in alive]}"


@pytest.mark.slow
def test_a_normal_run_removes_what_killed_runs_left(tmp_path):
    env = shared_server_env(tmp_path / "prefect-home")
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    write_corpus(raw, 9)
    _run(raw, wh, env, tmp_path)
    dead = 9_999_999  # above the largest pid_max of Linux (4194304): no process has it
    leftovers = [f".runs.{dead}.parquet", f".parcferme.duckdb.{dead}.tmp", f".current.{dead}", f".articles.parquet.{dead}.link"]
    shutil.copy(wh / "articles.parquet", wh / leftovers[0])
    (wh / leftovers[1]).write_bytes(b"half a duckdb file")
    os.symlink(os.readlink(wh / "current"), wh / leftovers[2])
    os.symlink("current/articles.parquet", wh / leftovers[3])
    write_corpus(raw, 10, start=9)  # something new, so the run publishes
    _run(raw, wh, env, tmp_path)
    assert_one_generation(wh)
    if debris(wh) and set(debris(wh)) - set(leftovers):
        pytest.fail(f"unexpected hidden files: {debris(wh)}")
    assert debris(wh) == [], "left behind by killed runs and never removed"


def test_a_generation_orphaned_by_a_kill_does_not_evict_the_one_readers_use(tmp_path, seed_files, reference):
    from parcferme import pipeline, warehouse

    staging, marts = pipeline.build(seed_files, reference)
    first = warehouse.publish(tmp_path, marts, staging, {"files": {}})
    # what a run killed just after renaming its finished generation leaves: complete, never current
    orphan = tmp_path / warehouse.GENERATIONS / "g00000002-20990101T000000"
    shutil.copytree(first, orphan)
    assert warehouse.current_generation(tmp_path) == first.resolve()
    third = warehouse.publish(tmp_path, marts, staging, {"files": {}})
    assert warehouse.current_generation(tmp_path) == third.resolve()
    if not first.parent.exists():
        pytest.fail("the generations folder is gone")
    assert first.is_dir(), "the generation current until this publish was deleted at once"
