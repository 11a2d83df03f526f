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

import psutil
import pytest

from conftest import RAW
from parcferme.pipeline import MART_COLUMNS
from support.corpus import write_corpus
from support.procs import PYTHON, ROOT, cli_command, kill_group, prefect_env, run_cli, shared_server, spawn, tail
from support.whcheck import assert_one_generation, current, debris, digests, partials, same_marts

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
    server = shared_server()
    env = prefect_env(tmp_path / "prefect-home", api_url=server.api_url)
    raw, base = tmp_path / "raw", tmp_path / "base"
    write_corpus(raw, N_PART)
    base_s, _ = _run(raw, base, env, tmp_path)
    base_gen, base_marts = assert_one_generation(base)
    assert base_marts["articles"].height == N_PART
    base_digests = digests(base_gen)

    # two runs over the same inputs into two warehouses: identical bytes, whatever the batch size
    twin = tmp_path / "twin"
    _run(raw, twin, env, tmp_path, "--batch-size", "300")
    assert digests(current(twin)) == base_digests

    write_corpus(raw, N_FULL, start=N_PART)
    reference = tmp_path / "reference"
    _copy(base, reference)
    full_s, _ = _run(raw, reference, env, tmp_path)
    ref_gen, ref_marts = assert_one_generation(reference)
    assert ref_marts["articles"].height == N_FULL

    ref_digests = digests(ref_gen)

    def after(seconds: float):
        def wait(proc, wh):
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.005)

        return wait

    def publishing(proc, wh):  # as soon as the new generation's folder appears
        deadline = time.monotonic() + 3 * full_s + 30
        while proc.poll() is None and time.monotonic() < deadline and not partials(wh):
            time.sleep(0.001)

    moments = [(f"{f:.2f}T", after(f * full_s)) for f in FRACTIONS] + [("publishing", publishing)]
    wh = tmp_path / "warehouse"
    outcomes = []
    for label, wait in moments:
        _copy(base, wh)  # every kill starts from the complete previous warehouse
        log = tmp_path / f"kill-{label}.log"
        proc = spawn(cli_command("run", "--raw", str(raw), "--warehouse", str(wh), "--lock-timeout", "5"), env, tmp_path, log)
        wait(proc, wh)
        finished = proc.poll() is not None
        kill_group(proc)
        proc.wait()
        if finished:
            assert proc.returncode == 0, tail(log)
        state, left = _state(wh, base_gen, base_digests, ref_marts), partials(wh)
        if label == "publishing":
            assert not finished and left, f"the kill missed the publication:\n{tail(log)}"
        # a normal run afterwards completes, cleans up, and writes the bytes of the uninterrupted run
        recover_s, _ = _run(raw, wh, env, tmp_path, "--lock-timeout", "10")
        assert partials(wh) == [], label
        gen, marts = assert_one_generation(wh)
        assert digests(gen) == ref_digests, label
        assert len(list((wh / ".generations").iterdir())) <= 2
        outcomes.append((label, "ran to the end" if finished else "killed", state, left, recover_s, debris(wh)))

    print(f"\nkill test: corpus {N_FULL} articles; first run ({N_PART}) {base_s:.1f} s, full run T={full_s:.1f} s")
    for label, what, state, left, recover_s, junk in outcomes:
        print(f"  kill at {label:>10}: {what:14} -> the {state} generation; partial left: {len(left)}; "
              f"next run {recover_s:.1f} s, left no partial; hidden leftovers {junk}")


def _kill_at(point: str, raw: Path, wh: Path, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    args = [PYTHON, str(KILL_AT), point, "run", "--raw", str(raw), "--warehouse", str(wh), "--lock-timeout", "5"]
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_kill_9_at_every_step_of_publishing(tmp_path):
    """Deterministic kills inside warehouse.publish and the run history write (tests/support/kill_at.py)."""
    server = shared_server()
    env = prefect_env(tmp_path / "prefect-home", api_url=server.api_url)
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
