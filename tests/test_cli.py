"""The `parcferme` command: a clear one-line reason when it cannot run, a summary when it ran."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import polars as pl

from conftest import RAW, ROOT

DOCS_CHECKS = ROOT / "docs" / "checks.md"


def _cli(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_LOGGING_")}  # the command's own defaults
    env.update(PREFECT_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("PREFECT_API_URL", None)
    return subprocess.run([sys.executable, "-m", "parcferme.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_missing_raw_folder_is_one_line_and_nonzero(tmp_path):
    result = _cli("run", "--raw", str(tmp_path / "absent"), "--warehouse", str(tmp_path / "wh"), cwd=tmp_path, home=tmp_path / "ph")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"parcferme: raw folder {tmp_path / 'absent'} does not exist or is not a folder"]


def test_unwritable_warehouse_is_one_line_and_nonzero(tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder")
    result = _cli("run", "--raw", str(RAW), "--warehouse", str(tmp_path / "blocker" / "wh"), cwd=tmp_path, home=tmp_path / "ph")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "is not writable" in lines[0]


def test_run_prints_summary_and_writes_the_warehouse(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    result = _cli("run", "--raw", str(raw), "--warehouse", str(tmp_path / "wh"), "--progress", cwd=tmp_path, home=tmp_path / "ph")
    assert result.returncode == 0, result.stderr
    assert "articles: 3 in raw (3 new" in result.stdout
    assert "race_results 20" in result.stdout and "driver_standings 23" in result.stdout
    assert "issues: 2 error, 1 warning, 8 info" in result.stdout
    assert pl.read_parquet(tmp_path / "wh" / "race_results.parquet").height == 20
    bars = result.stderr.splitlines()  # asked for: the final state of each phase's bar (not a terminal here)
    assert [line[2:26].strip() for line in bars] == ["start, list raw files", "parse and check", "check across articles", "publish articles", "assemble tables"]
    assert "3/3 articles" in bars[-1]

    again = _cli("run", "--raw", str(raw), "--warehouse", str(tmp_path / "wh"), cwd=tmp_path, home=tmp_path / "ph")
    assert "(0 new, 0 changed, 3 unchanged" in again.stdout
    assert again.stderr == ""  # not a terminal: no bars unless asked for, and Prefect's INFO logs stay off the console...
    with sqlite3.connect(tmp_path / "ph" / "prefect.db") as db:  # ...but reach its API, for the UI
        logged = [message for (message,) in db.execute("SELECT message FROM log")]
    assert "raw: 3 files, 3 new, 0 changed, 0 unchanged, 0 deleted" in logged and "nothing new: warehouse left as it is" in logged


def test_docs_checks_table_is_generated_from_the_registry(tmp_path):
    result = _cli("checks", "--markdown", cwd=tmp_path, home=tmp_path / "ph")
    assert result.returncode == 0
    assert result.stdout in DOCS_CHECKS.read_text(encoding="utf-8"), "regenerate: parcferme checks --markdown"


def test_installed_command_works_outside_the_checkout(tmp_path):
    """`pip install .` (what `make` does) gives a `parcferme` command with the reference data inside."""
    command = Path(sys.executable).with_name("parcferme")
    if not command.exists():
        assert not os.environ.get("CI"), "CI must test the installed package: run `make test`"
        import pytest

        pytest.skip("parcferme is not installed in this environment (make install)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([str(command), "checks"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "standings.duplicate_driver" in result.stdout
    probe = "import parcferme.reference as r, pathlib; r.load_reference(); print(pathlib.Path(r.__file__).parent)"
    where = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert where.returncode == 0, where.stderr
    assert "site-packages" in where.stdout
