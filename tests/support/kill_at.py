"""`python tests/support/kill_at.py POINT <parcferme cli args...>`: run the parcferme command line,
and SIGKILL this very process at a chosen point of publishing the warehouse (no cleanup, no finally
block runs: the same as `kill -9` landing at that instant).

Points:
  seal:N          after the N-th batch staged is sealed (parsing not finished)
  write:N         after the N-th Parquet file of the new generation is written (half a generation)
  rename:before   the new generation is complete, not yet renamed from .partial
  rename:after    renamed to its final name, `current` not yet swapped
  swap:after      `current` swapped, the table symlinks not yet (re)made
  links:N         after N table symlinks were made (matters on the very first run)
  prune:before    everything published, old generations not yet pruned
  record:mid      the run history written aside, not yet renamed over runs.parquet
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from parcferme import warehouse  # noqa: E402


def die(where: str) -> None:
    print(f"kill_at: SIGKILL at {where}", file=sys.stderr, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


class _Os:
    """`os` for the warehouse module, with rename/replace watched."""

    def __init__(self, point: str):
        self.point = point

    def __getattr__(self, name):
        return getattr(os, name)

    def rename(self, src, dst):
        partial = str(src).endswith(".partial")
        if partial and self.point == "rename:before":
            die(self.point)
        os.rename(src, dst)
        if partial and self.point == "rename:after":
            die(self.point)

    def replace(self, src, dst):
        if self.point == "record:mid" and Path(dst).name == "runs.parquet":
            die(self.point)
        os.replace(src, dst)


def install(point: str) -> None:
    kind, _, arg = point.partition(":")
    if kind == "seal":
        real_seal, sealed = warehouse.Generation.seal, [0]

        def seal(self, *args, **kwargs):
            path = real_seal(self, *args, **kwargs)
            sealed[0] += 1
            if sealed[0] == int(arg):
                die(point)
            return path

        warehouse.Generation.seal = seal
    elif kind == "write":
        real, count = warehouse._write_parquet, [0]

        def write(frame, path):
            real(frame, path)
            if any(part.endswith(".partial") for part in Path(path).parts):
                count[0] += 1
                if count[0] == int(arg):
                    die(point)

        warehouse._write_parquet = write
    elif kind in ("rename", "record"):
        warehouse.os = _Os(point)
    elif kind == "swap":
        real_swap = warehouse._swap_current

        def swap(*args, **kwargs):
            real_swap(*args, **kwargs)
            die(point)

        warehouse._swap_current = swap
    elif kind == "links":
        real_links = warehouse._ensure_table_links

        def links(wh, names):
            real_links(wh, list(names)[: int(arg)])
            die(point)

        warehouse._ensure_table_links = links
    elif kind == "prune":

        def prune(*args, **kwargs):
            die(point)

        warehouse._prune = prune
    else:
        raise SystemExit(f"kill_at: unknown point {point}")


if __name__ == "__main__":
    install(sys.argv[1])
    from parcferme.cli import main

    code = main(sys.argv[2:])
    print(f"kill_at: the run ended ({code}) without reaching {sys.argv[1]}", file=sys.stderr)
    sys.exit(100 + (code or 0))
