"""Polars' allocator gets one arena per core in the processes parcferme starts."""

from __future__ import annotations

import os
import subprocess

import pytest

from parcferme import allocator
from tests.support.procs import PYTHON, ROOT

ONE_PER_CORE = f"narenas:{os.cpu_count()}"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, ONE_PER_CORE),
        ("", ONE_PER_CORE),
        ("dirty_decay_ms:0,muzzy_decay_ms:0", f"{ONE_PER_CORE},dirty_decay_ms:0,muzzy_decay_ms:0"),  # later options win in jemalloc
        ("narenas:8", "narenas:8"),
        ("background_thread:true,narenas:1", "background_thread:true,narenas:1"),
    ],
)
def test_configure_adds_one_arena_per_core_and_keeps_what_the_environment_says(monkeypatch, given, expected):
    if given is None:
        monkeypatch.delenv(allocator.SETTING, raising=False)
    else:
        monkeypatch.setenv(allocator.SETTING, given)
    allocator.configure()
    assert os.environ[allocator.SETTING] == expected


def _polars_setting_in_child(code: str) -> str:
    """What polars handed its allocator in a fresh process that runs `code` and then reads it."""
    env = {k: v for k, v in os.environ.items() if k != allocator.SETTING}
    env["PYTHONPATH"] = str(ROOT)
    script = f"{code}\nimport polars\nprint(polars.jemalloc_conf)"
    done = subprocess.run([PYTHON, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "code",
    [
        "from parcferme.cli import main; main(['checks'])",  # the command line configures before it imports polars
        "import flows.etl",  # a process that starts from the flow's module (a deployment, a Dask worker's import)
    ],
)
def test_processes_parcferme_starts_hand_polars_the_setting(code):
    setting = _polars_setting_in_child(code)
    assert ONE_PER_CORE in setting.split(","), setting


def test_without_parcferme_polars_keeps_its_default():
    """The check above can fail: a process that never configures gets polars' own setting only."""
    assert "narenas" not in _polars_setting_in_child("import parcferme")
