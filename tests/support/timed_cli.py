"""`python tests/support/timed_cli.py <parcferme cli args...>`: the parcferme command line, printing
to stderr how long parsing and checking each batch (pipeline.stage_batch) and the checks across
articles (pipeline.check_season) took."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from parcferme import pipeline  # noqa: E402


def _timed(name, fn):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            print(f"timed_cli: {name} {time.perf_counter() - started:.2f} s", file=sys.stderr, flush=True)

    return wrapper


if __name__ == "__main__":
    pipeline.stage_batch = _timed("stage", pipeline.stage_batch)
    pipeline.check_season = _timed("check", pipeline.check_season)
    from parcferme.cli import main

    sys.exit(main(sys.argv[1:]))
