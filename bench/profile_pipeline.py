"""cProfile of the core pipeline without Prefect (stage in batches, merge, check, publish) on one archive.

    PYTHONPATH=. .venv/bin/python bench/profile_pipeline.py bench/work/archive-n10000-seed0-err0.05 [out.prof]
"""
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parcferme import pipeline  # noqa: E402
from parcferme.incremental import fingerprint, plan_run  # noqa: E402
from parcferme.raw import list_raw, read_entry  # noqa: E402
from parcferme.reference import load_reference  # noqa: E402
from schemas.frames import BUILDERS, CheckInput  # noqa: E402


def run(raw: Path, batch: int = 2000):
    """The core as the flow runs it, in memory: stage and check each batch, the season checks, the marts."""
    ref = load_reference()
    plan = plan_run(list_raw(raw), {}, fingerprint())
    fresh = [pipeline.stage_batch([read_entry(e).as_tuple() for e in entries], ref) for entries in pipeline.batches(plan.fresh, batch)]
    staged = pipeline.Staged.concat(fresh)
    pipeline.publish(staged.staging, pipeline.check(staged, ref))
    return staged.staging, ref


def frame_times(staged, ref):
    """Wall time of each check frame builder, and of pandera over it."""
    from schemas.registry import all_checks
    from schemas.validate import failing_rows, frame_schema
    from collections import defaultdict

    ci = CheckInput(staged, ref)  # every frame over the whole archive, as if it were one batch
    by_frame = defaultdict(list)
    for c in all_checks():
        for f in c.frames:
            by_frame[f].append(c)
    rows = []
    for name in BUILDERS:
        t = time.perf_counter()
        frame = ci.frame(name)
        built = time.perf_counter() - t
        t = time.perf_counter()
        if by_frame.get(name) and not frame.is_empty():
            failing_rows(frame, frame_schema(name, by_frame[name]))
        rows.append((name, frame.height, built, time.perf_counter() - t))
    return rows


if __name__ == "__main__":
    raw = Path(sys.argv[1])
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/pipeline.prof"
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    staged, ref = run(raw)
    prof.disable()
    print(f"total {time.perf_counter() - t:.2f} s")
    prof.dump_stats(out)
    st = pstats.Stats(prof)
    st.sort_stats("cumulative").print_stats(45)
    st.sort_stats("tottime").print_stats(25)
    print("frame, rows, build s, pandera s")
    for row in frame_times(staged, ref):
        print("%-28s %9d %7.2f %7.2f" % row)
