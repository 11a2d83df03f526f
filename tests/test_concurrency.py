"""Two `parcferme run` at once on one warehouse: the lock makes the second wait (and complete) or,
with a short --lock-timeout, exit 2 with one line naming the lock; the warehouse stays one
readable generation."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from parcferme import warehouse
from support.corpus import write_corpus
from support.procs import cli_command, run_cli, shared_server_env, spawn, stop, tail
from support.whcheck import assert_one_generation, partials

N = 600
N_LONG = 2000  # the first run holds the lock for seconds: the second, waiting 1 s, gives up
BUSY = re.compile(r"^parcferme: another parcferme run holds (?P<lock>\S+) \((?P<holder>[^)]*)\); waited (?P<waited>\d+) s$")


def _two_at_once(tmp_path: Path, env: dict, raw: Path, wh: Path, *extra: str) -> list[tuple[int, str, str]]:
    procs = []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.out"
        procs.append((spawn(cli_command("run", "--raw", str(raw), "--warehouse", str(wh), *extra), env, tmp_path, out), out))
    results = []
    try:
        for proc, out in procs:
            proc.wait(600)
    finally:
        for proc, _ in procs:
            stop(proc)
    for proc, out in procs:
        text = out.read_text(encoding="utf-8", errors="replace")
        results.append((proc.returncode, text, str(out)))
    return results


def _busy_line(text: str) -> re.Match | None:
    lines = text.strip().splitlines()
    return BUSY.match(lines[-1]) if lines else None


@pytest.mark.slow
def test_two_runs_at_once_with_short_lock_timeout(tmp_path):
    env = shared_server_env(tmp_path / "prefect-home")
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    write_corpus(raw, N_LONG)
    results = _two_at_once(tmp_path, env, raw, wh, "--lock-timeout", "1")
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 2]), [(c, tail(Path(p))) for c, _, p in results]
    for code, text, _ in results:
        if code == 2:
            busy = _busy_line(text)
            assert busy, text[-3000:]
            assert busy["lock"] == str(wh / ".lock") and busy["waited"] == "1"
            assert re.fullmatch(r"pid \d+ since \S+", busy["holder"]), busy["holder"]
    assert partials(wh) == []
    _, marts = assert_one_generation(wh)
    assert marts["articles"].height == N_LONG
    print(f"\ntwo runs at once, --lock-timeout 1: exit codes {codes}")


@pytest.mark.slow
def test_two_runs_at_once_wait_and_both_complete(tmp_path):
    env = shared_server_env(tmp_path / "prefect-home")
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    write_corpus(raw, N)
    results = _two_at_once(tmp_path, env, raw, wh)
    assert [code for code, _, _ in results] == [0, 0], [tail(Path(p)) for _, _, p in results]
    texts = [text for _, text, _ in results]
    published = [t for t in texts if f"articles: {N} in raw ({N} new" in t]
    waited = [t for t in texts if "nothing new since the last run" in t]
    assert len(published) == 1 and len(waited) == 1, texts  # the second saw the first one's warehouse
    assert partials(wh) == []
    gen, marts = assert_one_generation(wh)
    assert marts["articles"].height == N
    assert len([p for p in (wh / ".generations").iterdir()]) == 1
    runs = wh / "runs.parquet"
    if runs.exists():  # the run history, when the core keeps one, has both runs: no lost update
        import polars as pl

        assert pl.read_parquet(runs).height == 2


@pytest.fixture(scope="module")
def busy_result(tmp_path_factory):
    """One run while the test process itself holds the warehouse lock, --lock-timeout 1."""
    tmp = tmp_path_factory.mktemp("busy")
    env = shared_server_env(tmp / "prefect-home")
    raw, wh = tmp / "raw", tmp / "warehouse"
    write_corpus(raw, 3)
    entered, release = threading.Event(), threading.Event()

    def hold():
        with warehouse.locked(wh):
            entered.set()
            release.wait(120)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert entered.wait(10)
        started = time.monotonic()
        result = run_cli("run", "--raw", str(raw), "--warehouse", str(wh), "--lock-timeout", "1", env=env, cwd=tmp)
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    return result, wh, waited


@pytest.mark.slow
def test_held_lock_exits_2_naming_the_lock(busy_result):
    result, wh, _ = busy_result
    assert result.returncode == 2, result.stdout + result.stderr
    busy = _busy_line(result.stderr)
    assert busy, result.stderr[-3000:]
    assert busy["lock"] == str(wh / ".lock")
    assert re.fullmatch(r"pid \d+ since \S+", busy["holder"])
    assert not (wh / ".generations").exists() and not (wh / "current").exists()
    assert result.stdout == ""


@pytest.mark.slow
def test_held_lock_message_is_one_line(busy_result):
    result, _, _ = busy_result
    if result.returncode != 2:
        pytest.fail(f"exit {result.returncode}, not 2")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
