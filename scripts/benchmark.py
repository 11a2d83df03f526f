#!/usr/bin/env python3
"""Scale benchmark: how parcferme behaves on 1k, 10k and 100k synthetic articles (not a test).

    .venv/bin/python scripts/benchmark.py --sizes 1000,10000 --markdown bench/RESULTS.md

For each size it generates (or reuses, cached in --work) a synthetic archive with
scripts/synth_archive.py, then runs, each in its own child process so that time and memory are
the child's alone:

- floor:      read the same files and pull out the same tables (results, Out/DSQ rows, both
              standings tables, the prose claims: every match of the core's own claim patterns,
              roles and laps on the lines holding one of their words) with polars regexes only; no Prefect,
              no pandera, no name resolution, no checks: the least work that reads it all (run
              --floor-runs times; the fastest run is the floor). Its rows are printed beside the
              pipeline's (tests/test_benchmark_floor.py checks they are the core's);
- extract:    the core's extraction alone, the part of the pipeline the floor stands for: each batch
              read and parsed as staging does (on the same threads or staging processes), no name
              resolved, no check, nothing written (run --pipeline-runs times; the fastest is the figure);
- pipeline:   the core without Prefect, as the flow calls it, writing the warehouse included: list +
              plan, then batch by batch (--in-flight batches at once, as the flow's local runner: in
              its worker processes from 20,000 articles, on threads below) read, parse, resolve,
              check within each article and spool to disk; the checks
              across articles once; the marts range by range (pandera contract); assembling the
              tables and committing the generation (run --pipeline-runs times, in turn with the floor
              and the extraction, so that all three see the machine's same minutes; the fastest is
              the figure);
- prefect:    a trivial one-task flow in the same environment (Prefect's own start-up: import,
              ephemeral API server, flow and task run bookkeeping), measured apart;
- cli cold:   `parcferme run` into an empty warehouse; cli rerun: the same again, nothing new;
              cli update: the same warehouse after a day's news (10 new, 10 changed, 10 deleted files
              among the last files, as news comes), then after as many changes spread through the archive.

Peak memory: the child's own maximum RSS (`/usr/bin/time -v`, else getrusage) and the peak of
the summed RSS of the child's whole process tree (psutil, polled every 50 ms: Prefect's API server
and Dask workers are separate processes).

Prints a table and writes it as markdown (--markdown), with the targets met or not:
pipeline within 2x the floor; time per article flat from the smallest to the largest size; a rerun
with nothing new under 3 s beyond Prefect's own start; peak RSS under 1.5 GB at the largest size.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import importlib
import json
import os
import platform
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE_ROOT = Path(os.environ.get("BENCH_CODE_ROOT", ROOT))  # the code measured (another checkout for an A/B); a snapshot of it unless --live-code
CODE_DIRS = ("parcferme", "schemas", "flows")
PYTHON = sys.executable
TIME_BIN = "/usr/bin/time"
RSS_TARGET_MB = 1_500_000_000 / 2**20  # 1.5 GB read strictly, as 1.5e9 bytes (1,430 MiB), not 1.5 GiB (1,536 MiB)
RERUN_TARGET_S = 3.0
FLOOR_RATIO_TARGET = 2.0
# the floor's tables and the warehouse's they stand for (the floor's results and Out/DSQ rows are both race_results)
FLOOR_TABLES = {"results": "race_results", "drivers": "driver_standings", "teams": "constructor_standings", "claims": "claims"}
# the flow's defaults (flows.etl), which the report states: the pipeline without Prefect does not import the flow
BATCH_SIZE, BATCH_SIZE_LOCAL_CLUSTER, IN_FLIGHT_DASK = 2000, 1000, 8
FLAT_TOLERANCE = 1.25  # per-article time at the largest size at most 25% above the smallest


# ---------------------------------------------------------------------------------------------
# inner measurements: run as `benchmark.py --inner NAME --raw DIR [...]`, print one JSON line


def cpu_seconds() -> float:
    """CPU time of this process and of its children ended so far (the pipeline's staging processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


CELL_MARK = "\x0b"  # before a line of cells written out as a row: whitespace, which stripping the line drops


def _floor_cells(docs, P):
    """The articles holding a pipe or a tab (few), their lines written as cells (between pipes or
    tabs) joined in their order, as a row is written out ("1 Max Verstappen (NED), Red Bull,
    +22.305"), marked CELL_MARK; a table's header and the rule under it, no rows, left blank."""
    import polars as pl

    t = pl.col("text")
    lines = docs.select("article_id", pl.col("text").str.split("\n")).with_row_index("_doc").explode("text").with_row_index("_at")
    is_cell = t.str.strip_chars().str.starts_with("|") | t.str.contains("\t", literal=True)
    cell = t.str.strip_chars()
    cells = pl.when(cell.str.starts_with("|")).then(cell.str.strip_chars("|").str.split("|")).otherwise(cell.str.split("\t"))
    joined = cells.list.eval(pl.element().str.strip_chars().filter(pl.element().str.strip_chars() != "")).list.join(", ")
    row = pl.lit(CELL_MARK) + joined.str.replace(P.CELL_PLACE, "$1 ").str.replace(P.CELL_CODE, "$1 ($2)$3")
    rule = cell.str.contains(P.CELL_RULE) | joined.str.contains(_floor_header(P))
    written = lines.filter(is_cell).with_columns(pl.when(rule).then(pl.lit("")).otherwise(row).alias("text"))
    return (
        pl.concat([lines.filter(~is_cell), written])
        .sort("_at")
        .group_by("_doc", maintain_order=True)
        .agg(pl.col("article_id").first(), pl.col("text").str.join("\n"))
        .drop("_doc")
    )


def _floor_header(P) -> str:
    """A header of cells, joined: every cell one of the header's words."""
    import re

    word = "(?:" + "|".join(re.escape(w) for w in P.HEADER_CELLS) + r")\.?"
    return r"(?i)^" + word + r"(?:, " + word + r")+$"


def inner_floor(raw: Path) -> dict:
    """The fastest plain extraction: read, split into lines, sectionise by headings, regex the rows."""
    import polars as pl

    sys.path.insert(0, str(CODE_ROOT))
    from parcferme.parse import claims as C
    from parcferme.parse import patterns as P

    t0, cpu0 = time.perf_counter(), time.process_time()
    paths = sorted(raw.glob("*.txt"))
    ids, texts, size = [], [], 0
    for p in paths:
        data = p.read_bytes()
        size += len(data)
        ids.append(p.stem)
        texts.append(data.decode("utf-8", errors="replace").removeprefix("\ufeff"))
    t1 = time.perf_counter()
    docs = pl.DataFrame({"article_id": ids, "text": texts})
    del texts
    # tables written as cells only in the articles that hold a pipe or a tab (few): the rest are read as they are
    with_cells = docs["text"].str.contains_any(["|", "\t"])
    if with_cells.any():
        docs = pl.concat([docs.filter(~with_cells), _floor_cells(docs.filter(with_cells), P)])
    lines = (
        docs.lazy()
        .select("article_id", pl.col("text").str.replace_all("\r", "", literal=True).str.split("\n"))
        .with_columns(pl.int_ranges(1, pl.col("text").list.len() + 1).alias("line"))
        .explode("text", "line")
        .with_columns(pl.col("text").str.starts_with(CELL_MARK).alias("_cells"), pl.col("text").str.strip_chars())
        .filter(pl.col("text") != "")
        .with_columns(pl.col("text").str.count_matches(" ", literal=True).alias("_sp"))  # words - 1 (single spaces)
    )
    t = pl.col("text")
    heading = (
        pl.when(t.str.starts_with("date ")).then(pl.lit("prose"))
        .when(t.str.contains(P.DRIVERS_HEADING)).then(pl.lit("drivers"))  # "Drivers' standings after round 12" too
        .when(t.str.contains(P.CONSTRUCTORS_HEADING)).then(pl.lit("constructors"))
        .when(t.str.contains(P.ANY_STANDINGS_HEADING) | t.str.contains(P.STANDINGS_HEADING)).then(pl.lit("standings"))
        .when(t.str.contains(P.OUT_HEADING) | t.str.contains(P.DSQ_HEADING) | t.str.contains(P.DNS_HEADING)).then(pl.lit("out"))
        .when(t.str.contains(P.EVENT_HEADING)).then(pl.lit("results"))
        # the core's rule: 14 words, or 8 ending like a sentence, or a footnote ("* fastest lap"), is prose
        # (it ends a table), unless shaped like a row ("10th Alfa Romeo F1 Team Stake 16 pts." is one); so
        # is a note ("Source: FIA") whatever its shape, and a short sentence shaped like no row at all
        .when(t.str.contains(P.NOTE)).then(pl.lit("prose"))
        .when(
            (
                (pl.col("_sp") >= 13) | ((pl.col("_sp") >= 7) & t.str.contains(r"[.!?\"”’']$")) | t.str.contains(P.FOOTNOTE)
                | (t.str.contains(P.SENTENCE_START) & t.str.contains(r"[.!?\"”’']$") & ~t.str.contains(P.NOT_CLASSIFIED_ROW))
            )
            & ~(t.str.contains(P.RESULT_SHAPE) | t.str.contains(P.STANDINGS_ROW) | (t.str.contains(P.NOT_CLASSIFIED_ROW) & ~t.str.contains(r"[.!?\"”’']$")))
        ).then(pl.lit("prose"))
    )
    # a table written as cells: each line a row (never a heading or prose), but its header and the rule under it
    heading = pl.when(pl.col("_cells")).then(None).otherwise(heading)
    lines = lines.with_columns(heading.alias("_h")).with_columns(
        pl.col("_h").forward_fill().over("article_id").fill_null("prose").alias("section")
    ).collect()
    t2 = time.perf_counter()
    sec = pl.col("section")
    rows = lines.filter(pl.col("_h").is_null() | (pl.col("_h") == "prose"))
    results = rows.filter(sec == "results").select("article_id", "line", t.str.extract_groups(P.RESULT_ROW).alias("g")).unnest("g")
    out = rows.filter(sec == "out").select("article_id", "line", t.str.extract_groups(P.NOT_CLASSIFIED_ROW).alias("g")).unnest("g")
    drivers = rows.filter(sec == "drivers").select("article_id", "line", t.str.extract_groups(P.STANDINGS_ROW).alias("g")).unnest("g")
    teams = rows.filter(sec == "constructors").select("article_id", "line", t.str.extract_groups(P.STANDINGS_ROW).alias("g")).unnest("g")
    # the claims: every match of each of the core's claim patterns (their polars form), of its roles ("the
    # championship runner-up") and of its laps ("the 71-lap race", "after 56 laps"), tried on the prose lines
    # holding one of its words, as the core's gates do;
    # no sentences, no names resolved, nothing left out (a past total, another season's, a role of another
    # series), so overlapping matches count twice
    prose = rows.filter(sec == "prose").select("article_id", "line", "text")
    patterns = [(C._rust(p), word) for (_, p), word in zip(C.CLAIM_PATTERNS, C.GATE_WORDS)] + [("(?i)" + C.RUNNER_UP.pattern, C.ROLE_GATE)]
    patterns += [(C._rust(C.RACE_LAPS), C.LAPS_GATE), (C._rust(C.LAPS_AFTER), C.LAPS_GATE)]
    claims = pl.concat(pl.collect_all([
        prose.lazy().filter(t.str.contains(word))
        .select("article_id", "line", t.str.extract_all(pattern).alias("m"))
        .explode("m")
        .drop_nulls("m")
        .select("article_id", "line", pl.col("m").str.extract_groups(pattern).alias("g"))
        .unnest("g")
        for pattern, word in patterns
    ]), how="diagonal")
    t3 = time.perf_counter()
    return {
        "seconds": t3 - t0, "cpu_s": time.process_time() - cpu0, "read_s": t1 - t0, "lines_s": t2 - t1, "extract_s": t3 - t2,
        "articles": len(paths), "bytes": size, "lines": lines.height,
        "rows": {"results": results.height, "out": out.height, "drivers": drivers.height, "teams": teams.height, "claims": claims.height},
    }


def _in_order(threads: ThreadPoolExecutor, work, batches: list, in_flight: int):
    """`work`'s result for each batch, in order, with at most `in_flight` batches out at once (as
    flows/build.py's _staged_batches)."""
    pending = deque()
    for batch in batches:
        pending.append(threads.submit(work, batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def inner_pipeline(raw: Path, warehouse_dir: Path, batch_size: int, in_flight: int) -> dict:
    """The core without Prefect, as the flow (flows/etl.py, flows/build.py) calls it, phase by phase: plan, stage (read, parse
    and check each batch on `in_flight` threads, as the flow's local runner does, and write each as
    parts in order), the checks across articles, publish (the marts of each range of articles,
    written as parts), then write (assemble the tables and commit the generation)."""
    sys.path.insert(0, str(CODE_ROOT))
    t0 = time.perf_counter()
    with contextlib.suppress(ImportError):  # as `parcferme run` does first (code measured from before it had none)
        from parcferme import allocator

        allocator.configure()
    import polars as pl

    from parcferme import assemble, pipeline, warehouse
    from parcferme.incremental import fingerprint, plan_run
    from parcferme.raw import list_raw, read_entry
    from parcferme.reference import load_reference
    reference = load_reference()
    t1, cpu1 = time.perf_counter(), cpu_seconds()
    plan = plan_run(list_raw(raw), {}, fingerprint())
    t2 = time.perf_counter()
    generation = warehouse.Generation(warehouse_dir)
    try:  # sealing each batch for a later run to take over, as the flow does (code measured from before it had none)
        spool = assemble.Spool(generation, None, [], code=fingerprint(), listed={entry.article_id: entry for entry in plan.fresh})
    except TypeError:
        spool = assemble.Spool(generation, None, [])
    gc.freeze()  # as the flow's run does (flows/build.py, _young_objects_only): collections walk the run's objects only
    lines = 0

    try:  # a large run staged in processes, as the flow's local runner does (code measured from before them: threads alone)
        from parcferme.stage_process import processes_for, stage_and_write
    except ImportError:
        processes_for = lambda articles, batches, in_flight: contextlib.nullcontext()  # noqa: E731

    def stage(entries):
        return pipeline.stage_batch([read_entry(e).as_tuple() for e in entries], reference)

    batches = getattr(pipeline, "batches", None) or (lambda entries, size: (entries[i : i + size] for i in range(0, len(entries), size)))  # code from before batches had a byte bound
    batch_list = list(batches(plan.fresh, batch_size))
    with processes_for(len(plan.fresh), len(batch_list), in_flight) as apart, ThreadPoolExecutor(in_flight) as threads:
        if apart is None:
            for staged in _in_order(threads, stage, batch_list, in_flight):
                spool.add(staged)
                lines += int(staged.staging.articles["n_lines"].sum())
        else:  # each batch written as parts by the process that staged it, recorded here in order
            jobs = list(enumerate(batch_list, spool.next_index))
            for index, articles in _in_order(threads, lambda job: apart.run(stage_and_write, generation, *job), jobs, in_flight):
                spool.record(index, articles)
                lines += int(articles["n_lines"].sum())
    t3 = time.perf_counter()
    season_issues = pipeline.check_season(spool.season_inputs(), reference)
    t4 = time.perf_counter()
    ids = [e.article_id for e in plan.fresh]  # cut as the flow cuts them (code from before ranges followed the batches: at every RANGE_SIZE)
    ranges = pipeline.article_ranges(ids, assemble.RANGE_SIZE, starts=spool.batch_starts()) if hasattr(spool, "batch_starts") else pipeline.article_ranges(ids, assemble.RANGE_SIZE)
    for index, articles in enumerate(ranges):
        assemble.publish_range(spool, index, articles, season_issues)
    t5 = time.perf_counter()
    tables = list(pipeline.MART_COLUMNS)
    files = generation.assemble(tables)
    counts = dict(pl.read_parquet(files["validation_issues"], columns=["severity"]).group_by("severity").len().iter_rows())
    rows = {table: pl.scan_parquet(files[table]).select(pl.len()).collect().item() for table in FLOOR_TABLES.values()}  # from the footer
    generation.commit(tables, {"fingerprint": fingerprint(), "files": plan.files})
    t6 = time.perf_counter()
    return {
        "seconds": t6 - t1, "cpu_s": cpu_seconds() - cpu1, "import_s": t1 - t0,
        "plan_s": t2 - t1, "stage_s": t3 - t2, "season_s": t4 - t3, "publish_s": t5 - t4, "write_s": t6 - t5,
        "articles": len(plan.files), "lines": lines, "in_flight": in_flight,
        "issues": {k: int(v) for k, v in counts.items()}, "rows": rows,
    }


EXTRACTED = ("race_results", "driver_standings", "constructor_standings", "claims")


def _extract_batch(entries: list) -> dict[str, int]:
    """A batch read and parsed (`inner_extract`), here or in a staging process: its rows per table."""
    from parcferme.parse import documents_frame, parse_documents
    from parcferme.raw import read_entry
    from parcferme.reference import load_reference

    parsed = parse_documents(documents_frame([read_entry(entry).as_tuple() for entry in entries]), load_reference())
    return {table: getattr(parsed, table).height for table in EXTRACTED}


def _importable(function):
    """`function` as the staging processes unpickle it: they do not import the run's main module, so
    a function of this file run as a script goes as one of the module `benchmark` (its folder is
    the first entry of sys.path, which they are given)."""
    if function.__module__ == "__main__":
        sys.modules.setdefault("benchmark", sys.modules["__main__"])
        function.__module__ = "benchmark"
    return function


def inner_extract(raw: Path, batch_size: int, in_flight: int) -> dict:
    """The core's extraction alone, the part of the pipeline the floor stands for: each batch read and
    parsed (lines, sections, the three tables, the claims read in context, the statements of points)
    on `in_flight` threads, or in the staging processes when staging uses them; no names resolved, no
    check, nothing written."""
    sys.path.insert(0, str(CODE_ROOT))
    with contextlib.suppress(ImportError):
        from parcferme import allocator

        allocator.configure()
    from parcferme import pipeline
    from parcferme.raw import list_raw
    from parcferme.reference import load_reference
    from parcferme.stage_process import processes_for

    load_reference()  # before the clock, as the pipeline's
    t0, cpu0 = time.perf_counter(), cpu_seconds()
    entries = list_raw(raw)
    rows = dict.fromkeys(EXTRACTED, 0)
    batch_list = list(pipeline.batches(entries, batch_size))
    with processes_for(len(entries), len(batch_list), in_flight) as apart, ThreadPoolExecutor(in_flight) as threads:
        work = _extract_batch if apart is None else (lambda batch: apart.run(_importable(_extract_batch), batch))
        for counted in _in_order(threads, work, batch_list, in_flight):
            for table in rows:
                rows[table] += counted[table]
    return {"seconds": time.perf_counter() - t0, "cpu_s": cpu_seconds() - cpu0, "articles": len(entries), "rows": rows}


def inner_prefect() -> dict:
    """A trivial flow with one task: what any Prefect run costs before parcferme does anything."""
    t0 = time.perf_counter()
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE

    t1 = time.perf_counter()

    @task(cache_policy=NO_CACHE, persist_result=False)
    def one() -> int:
        return 1

    @flow(persist_result=False)
    def trivial() -> int:
        return one.submit().result()

    assert trivial() == 1
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "import_s": t1 - t0, "flow_s": t2 - t1}


# ---------------------------------------------------------------------------------------------
# running children with time and memory


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_child(cmd: list[str], env: dict, cwd: Path | None = None, timeout: float = 4 * 3600) -> dict:
    """Run cmd; wall time, exit code, stdout, the child's max RSS and the tree's peak summed RSS."""
    import psutil

    use_time = Path(TIME_BIN).exists()
    stats = tempfile.NamedTemporaryFile(prefix="bench-time-", suffix=".txt", delete=False)
    stats.close()
    full = [TIME_BIN, "-v", "-o", stats.name, *cmd] if use_time else cmd
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = psutil.Popen(full, env=env, cwd=cwd or CODE_ROOT, stdout=out, stderr=err)
    peak = 0
    while True:
        try:
            proc.wait(timeout=0.05)
            break
        except psutil.TimeoutExpired:
            peak = max(peak, _tree_rss(proc))
            if time.perf_counter() - start > timeout:
                proc.kill()
                raise
    wall = time.perf_counter() - start
    out.seek(0)
    err.seek(0)
    stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    max_rss = None
    if use_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", Path(stats.name).read_text())
        max_rss = int(m.group(1)) * 1024 if m else None
    os.unlink(stats.name)
    return {"wall_s": wall, "rc": proc.returncode, "stdout": stdout, "stderr": stderr, "max_rss": max_rss, "tree_peak_rss": peak}


def _json_tail(stdout: str) -> dict:
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"no JSON in the child's output:\n{stdout[-2000:]}")


def snapshot_code(work: Path) -> Path:
    """Copy the code under test (parcferme, schemas, flows) aside, so that edits made to the work tree
    while a long benchmark runs neither mix versions nor change the code fingerprint between the cold
    run and the rerun (a changed fingerprint makes the rerun a full rebuild)."""
    dest = Path(tempfile.mkdtemp(prefix="code-", dir=work))
    for name in CODE_DIRS:
        shutil.copytree(CODE_ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _env(prefect_home: Path) -> dict:
    env = dict(os.environ)
    env["BENCH_CODE_ROOT"] = str(CODE_ROOT)
    env.update(
        PYTHONPATH=str(CODE_ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
        PREFECT_HOME=str(prefect_home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_LOGGING_LEVEL="WARNING",
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="180",
    )
    return env


# ---------------------------------------------------------------------------------------------
# the benchmark


def archive_for(work: Path, n: int, seed: int, error_rate: float) -> tuple[Path, dict]:
    """The synthetic archive of n articles, generated once and reused while the generator is the same
    (a marker file says it is whole, and which generator wrote it)."""
    folder = work / f"archive-n{n}-seed{seed}-err{error_rate:g}"
    marker = folder / ".synth.json"  # dot files are not read by parcferme
    generator = hashlib.sha256((ROOT / "scripts" / "synth_archive.py").read_bytes()).hexdigest()
    if marker.exists():
        counts = json.loads(marker.read_text())
        if counts.get("generator") == generator:
            return folder, counts
    if folder.exists():
        shutil.rmtree(folder)
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth_archive

    synth_archive = importlib.reload(synth_archive)  # the generator hashed above, not one imported for a smaller size before it changed
    t = time.perf_counter()
    counts = synth_archive.generate(folder, n, seed=seed, error_rate=error_rate)
    counts["generate_s"] = time.perf_counter() - t
    counts["generator"] = generator
    marker.write_text(json.dumps(counts))
    return folder, counts


def measure_size(n: int, args, work: Path, prefect_home: Path) -> dict:
    archive, counts = archive_for(work, n, args.seed, args.error_rate)
    env = _env(prefect_home)
    mb = counts["bytes"] / 1e6
    res: dict = {"n": n, "mb": mb, "generate_s": counts.get("generate_s")}
    me = [PYTHON, str(Path(__file__).resolve())]
    print(f"[{n}] archive {archive} ({mb:.1f} MB)", flush=True)

    for path in archive.glob("*.txt"):  # same page cache for every measurement: the files are read once, untimed
        path.read_bytes()
    # the floor, the pipeline and the extraction in turn, each figure the best of its runs: the least time
    # each takes, measured alike, and in the same minutes (the machine slows under sustained load, so a
    # measurement that always came after the others would tend to be the slower)
    wh = work / f"wh-pipeline-{n}"
    sized = ["--batch-size", str(args.batch_size)] if args.batch_size else []  # else the default: each runner's for `parcferme run`
    inner = {
        "floor": [*me, "--inner", "floor", "--raw", str(archive)],
        "pipeline": [*me, "--inner", "pipeline", "--raw", str(archive), "--wh", str(wh), *sized, "--in-flight", str(args.in_flight)],
        "extract": [*me, "--inner", "extract", "--raw", str(archive), *sized, "--in-flight", str(args.in_flight)],
    }
    wanted = {"floor": args.floor_runs, "pipeline": args.pipeline_runs, "extract": args.pipeline_runs}
    runs: dict[str, list[dict]] = {name: [] for name in inner}
    for turn in range(max(wanted.values())):
        for name, cmd in inner.items():
            if turn >= wanted[name]:
                continue
            if name == "pipeline":  # each run writes a warehouse of its own
                shutil.rmtree(wh, ignore_errors=True)
                wh.mkdir(parents=True)
            r = run_child(cmd, env)
            assert r["rc"] == 0, r["stderr"][-3000:]
            runs[name].append({**_json_tail(r["stdout"]), "max_rss": r["max_rss"], "wall_s": r["wall_s"]})
    shutil.rmtree(wh, ignore_errors=True)
    for name, taken in runs.items():
        # the fastest run's figures; its peak memory the highest of all runs
        res[name] = {**min(taken, key=lambda f: f["seconds"]), "runs_s": [f["seconds"] for f in taken], "max_rss": max(f["max_rss"] or 0 for f in taken) or None}
    for name, label in (("floor", "floor"), ("pipeline", "pipeline"), ("extract", "the core's extraction alone")):
        print(f"[{n}] {label} {res[name]['seconds']:.2f} s (best of {', '.join(f'{x:.2f}' for x in res[name]['runs_s'])})", flush=True)

    if args.skip_prefect:
        return res
    starts = []
    for _ in range(args.repeats):  # Prefect's start varies by seconds from one run to the next: the median
        r = run_child([*me, "--inner", "prefect"], env)
        assert r["rc"] == 0, r["stderr"][-3000:]
        starts.append(r)
    r = _median_run(starts)
    res["prefect"] = {**_json_tail(r["stdout"]), "wall_s": r["wall_s"], "max_rss": r["max_rss"], "tree_peak_rss": r["tree_peak_rss"], "runs_s": [x["wall_s"] for x in starts]}
    print(f"[{n}] prefect trivial flow {r['wall_s']:.2f} s (median of {', '.join(f'{x:.2f}' for x in res['prefect']['runs_s'])})", flush=True)

    for runner in args.runners:
        wh = work / f"wh-cli-{runner}-{n}"
        shutil.rmtree(wh, ignore_errors=True)
        entry = [PYTHON, "-m", "parcferme.cli"]
        cli = [*entry, "run", "--raw", str(archive), "--warehouse", str(wh), "--task-runner", runner, *sized]
        cold = run_child(cli, env)
        if cold["rc"] != 0:
            raise RuntimeError(f"parcferme run failed ({runner}, {n}):\n{cold['stdout'][-2000:]}\n{cold['stderr'][-3000:]}")
        reruns, beyond = [], []
        for _ in range(args.repeats):
            # each rerun right after a trivial flow: their difference is what parcferme adds to Prefect's
            # start, measured in the same minute (the machine's speed drifts by more than that difference)
            trivial = run_child([*me, "--inner", "prefect"], env)
            rerun = run_child(cli, env)
            if rerun["rc"] != 0 or trivial["rc"] != 0:
                raise RuntimeError(f"parcferme rerun failed ({runner}, {n}):\n{rerun['stderr'][-3000:]}")
            reruns.append(rerun)
            beyond.append(rerun["wall_s"] - trivial["wall_s"])
        rerun = _median_run(reruns)
        # a day's news as it comes (files dated last), then changes spread through the archive: each
        # raw folder is the one before with its own changes, so each run sees only those
        news_raw = updated_copy(archive, work / f"news-{n}", UPDATE_FILES, latest=True)
        news = run_child([*cli[:4], "--raw", str(news_raw), *cli[6:]], env)
        updated_raw = updated_copy(news_raw, work / f"update-{n}", UPDATE_FILES)
        update = run_child([*cli[:4], "--raw", str(updated_raw), *cli[6:]], env)
        shutil.rmtree(news_raw, ignore_errors=True)
        shutil.rmtree(updated_raw, ignore_errors=True)
        for run in (news, update):
            if run["rc"] != 0:
                raise RuntimeError(f"parcferme update run failed ({runner}, {n}):\n{run['stderr'][-3000:]}")
        res[f"cli_{runner}"] = {
            "cold_s": cold["wall_s"], "cold_max_rss": cold["max_rss"], "cold_tree_peak_rss": cold["tree_peak_rss"],
            "rerun_s": rerun["wall_s"], "rerun_runs_s": [x["wall_s"] for x in reruns], "rerun_beyond_s": beyond,
            "rerun_max_rss": rerun["max_rss"], "rerun_tree_peak_rss": max(x["tree_peak_rss"] or 0 for x in reruns),
            "update_s": update["wall_s"], "update_tree_peak_rss": update["tree_peak_rss"],
            "update_summary": next((line for line in update["stdout"].splitlines() if line.startswith("articles:")), ""),
            "news_s": news["wall_s"], "news_tree_peak_rss": news["tree_peak_rss"],
            "news_summary": next((line for line in news["stdout"].splitlines() if line.startswith("articles:")), ""),
            "summary": cold["stdout"].strip().splitlines()[-6:],
            "rerun_summary": rerun["stdout"].strip().splitlines()[-6:],
            # nothing parsed again: "(0 new, 0 changed" (a changed code fingerprint would re-parse everything)
            "rerun_nothing_new": "nothing new" in rerun["stdout"].lower() or "(0 new, 0 changed" in rerun["stdout"],
        }
        print(
            f"[{n}] cli {runner}: cold {cold['wall_s']:.2f} s, rerun {rerun['wall_s']:.2f} s, "
            f"update {news['wall_s']:.2f} s (news) and {update['wall_s']:.2f} s (spread)", flush=True,
        )
        if not args.keep_warehouse:
            shutil.rmtree(wh, ignore_errors=True)
    return res


UPDATE_FILES = 10  # a day's news: this many new, changed and deleted files


def _median_run(runs: list[dict]) -> dict:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r["wall_s"])[(len(runs) - 1) // 2]


def updated_copy(archive: Path, dest: Path, k: int, latest: bool = False) -> Path:
    """The archive as it might look a day later, for an incremental run: k new files (copies of
    existing articles under new names, each beside its original), k changed (a paragraph appended)
    and k deleted, spread through the archive, or (`latest`) among its last files, as a day's news
    comes (file names start with the date). Files are hard links, so this is quick and the cached
    archive itself is never changed."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(archive, dest, copy_function=os.link)
    files = sorted(dest.glob("*.txt"))
    step = max(1, len(files) // (3 * k + 1))
    picked = files[-3 * k :] if latest else files[::step][: 3 * k]
    for i, path in enumerate(picked[:k]):
        (dest / f"{path.stem}-update{i}.txt").write_bytes(path.read_bytes())
    for path in picked[k : 2 * k]:
        content = path.read_bytes() + b"\nOne more paragraph for the update.\n"
        path.unlink()  # a new file in place of the link
        path.write_bytes(content)
    for path in picked[2 * k :]:
        path.unlink()
    return dest


def _mb(b: int | None) -> str:
    return "–" if b is None else f"{b / 2**20:,.0f}"


def _s(x: float | None) -> str:
    return "–" if x is None else f"{x:,.2f}"


def _rerun_runs(results: list[dict], runner: str) -> str:
    runs = results[-1].get(f"cli_{runner}", {}).get("rerun_runs_s", [])
    return f"{', '.join(f'{x:.2f}' for x in runs)} s" if runs else "not measured"


def _runs(result: dict, name: str) -> str:
    runs = result[name].get("runs_s", [result[name]["seconds"]])
    return f"{', '.join(f'{x:.2f}' for x in runs)} s at {result['n']:,}"


def _batching(args) -> str:
    if args.batch_size:
        return f"batch size {args.batch_size}, {args.in_flight} batches in flight"
    return f"batch size {BATCH_SIZE} (`parcferme run` on a local Dask cluster: {BATCH_SIZE_LOCAL_CLUSTER}), {args.in_flight} batches in flight (Dask: {IN_FLIGHT_DASK})"


def report(results: list[dict], args, prefect_cold: dict | None) -> str:
    runners = [r for r in args.runners] if not args.skip_prefect else []
    out = ["## Scale benchmark", ""]
    out.append(
        f"Machine: {os.cpu_count()} CPUs, {platform.python_version()}, {platform.machine()}; synthetic archives from "
        f"`scripts/synth_archive.py` (seed {args.seed}, error rate {args.error_rate}); {_batching(args)}. "
        f"Each figure is one run of a fresh child process, except: the floor is the best of {args.floor_runs} runs "
        f"({'; '.join(_runs(r, 'floor') for r in results)}), the pipeline without Prefect and the extraction the best of {args.pipeline_runs} "
        f"(pipeline: {'; '.join(_runs(r, 'pipeline') for r in results)}; extraction: {'; '.join(_runs(r, 'extract') for r in results)}), "
        f"taken in turn with the floor's, each peak memory the highest of its runs; Prefect's start and the reruns with nothing new are the median of {args.repeats} "
        f"(reruns at {results[-1]['n']:,}, local: {_rerun_runs(results, 'local')})."
    )
    out += ["", "### Wall time (s)", ""]
    head = ["articles", "MB", "floor", "pipeline (no Prefect)", "pipeline / floor"]
    for rn in runners:
        head += [f"`parcferme run` cold ({rn})", f"rerun, nothing new ({rn})"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for r in results:
        p, f = r["pipeline"], r["floor"]
        row = [f"{r['n']:,}", f"{r['mb']:.1f}", _s(f["seconds"]), _s(p["seconds"]), f"{p['seconds'] / f['seconds']:.1f}x"]
        for rn in runners:
            c = r.get(f"cli_{rn}", {})
            row += [_s(c.get("cold_s")), _s(c.get("rerun_s"))]
        out.append("| " + " | ".join(row) + " |")
    if all("cpu_s" in r["floor"] and "cpu_s" in r["pipeline"] for r in results):
        out += ["", "### CPU time (s, all threads and the staging processes, same span as the wall time)", ""]
        out.append("| articles | floor | pipeline (no Prefect) | pipeline / floor | floor: cores busy | pipeline: cores busy |")
        out.append("|---|---|---|---|---|---|")
        for r in results:
            p, f = r["pipeline"], r["floor"]
            out.append(
                f"| {r['n']:,} | {_s(f['cpu_s'])} | {_s(p['cpu_s'])} | {p['cpu_s'] / f['cpu_s']:.1f}x | "
                f"{f['cpu_s'] / f['seconds']:.2f} | {p['cpu_s'] / p['seconds']:.2f} |"
            )
    if all("extract" in r for r in results):
        out += ["", "### The core's extraction beside the floor", ""]
        out.append(
            "The extraction: the core reading and parsing each batch as staging does (lines, sections, the three tables, "
            "the claims read in context, the statements of points), on the same threads or staging processes; no name "
            "resolved, no check, nothing written. The rest of the pipeline is what the floor does not do: names resolved, "
            "the checks within each article and across articles, the staging written for the next run, the marts made, "
            "validated against the contract and written, the tables assembled."
        )
        out += ["", "| articles | floor (s) | extraction (s) | extraction / floor | CPU: extraction / floor | pipeline (s) | the rest (s) |"]
        out.append("|---|---|---|---|---|---|---|")
        for r in results:
            e, f, p = r["extract"], r["floor"], r["pipeline"]
            out.append(
                f"| {r['n']:,} | {_s(f['seconds'])} | {_s(e['seconds'])} | {e['seconds'] / f['seconds']:.1f}x | "
                f"{e['cpu_s'] / f['cpu_s']:.1f}x | {_s(p['seconds'])} | {_s(p['seconds'] - e['seconds'])} |"
            )
    out += ["", "### Throughput and time per article", ""]
    head = ["articles", "floor art/s", "floor MB/s", "pipeline art/s", "pipeline MB/s", "pipeline ms/article"]
    for rn in runners:
        head += [f"run cold art/s ({rn})", f"run cold MB/s ({rn})", f"run cold ms/article ({rn})"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for r in results:
        p, f = r["pipeline"], r["floor"]
        row = [f"{r['n']:,}", f"{r['n'] / f['seconds']:,.0f}", f"{r['mb'] / f['seconds']:.1f}", f"{r['n'] / p['seconds']:,.0f}", f"{r['mb'] / p['seconds']:.2f}", f"{1000 * p['seconds'] / r['n']:.2f}"]
        for rn in runners:
            c = r.get(f"cli_{rn}", {})
            row += [f"{r['n'] / c['cold_s']:,.0f}", f"{r['mb'] / c['cold_s']:.2f}", f"{1000 * c['cold_s'] / r['n']:.2f}"] if c else ["–"] * 3
        out.append("| " + " | ".join(row) + " |")
    if all("rows" in r["floor"] and "rows" in r["pipeline"] for r in results):
        out += ["", "### Rows: the floor's tables beside the warehouse's", ""]
        out.append(
            "The floor's results count the Out and Disqualified rows too, and every line of those tables, read or not. Its "
            "claims are every match of each of the core's claim patterns, roles and laps, overlaps included (two patterns matching "
            "the same words count twice) and nothing left out; the warehouse's are the claims the core reads, without those "
            "about another season, another series or a past moment."
        )
        out += ["", "| articles | " + " | ".join(f"{t}: floor | {t}: pipeline" for t in FLOOR_TABLES.values()) + " |"]
        out.append("|" + "---|" * (1 + 2 * len(FLOOR_TABLES)))
        for r in results:
            f, p = r["floor"]["rows"], r["pipeline"]["rows"]
            floor = {**f, "results": f["results"] + f.get("out", 0)}
            out.append(f"| {r['n']:,} | " + " | ".join(f"{floor[k]:,} | {p[t]:,}" for k, t in FLOOR_TABLES.items()) + " |")
    out += ["", "### Pipeline phases without Prefect (s)", ""]
    phases = ["import_s", "plan_s", "stage_s", "season_s", "publish_s", "write_s"]
    out.append("| articles | lines | " + " | ".join(p.removesuffix("_s") for p in phases) + " | errors | warnings |")
    out.append("|" + "---|" * (len(phases) + 4))
    for r in results:
        p = r["pipeline"]
        out.append(f"| {r['n']:,} | {p['lines']:,} | " + " | ".join(_s(p[k]) for k in phases) + f" | {p['issues'].get('error', 0):,} | {p['issues'].get('warning', 0):,} |")
    out += ["", "### Peak memory (MiB)", ""]
    head = ["articles", "floor", "pipeline"]
    for rn in runners:
        head += [f"run cold, process ({rn})", f"run cold, process tree ({rn})", f"rerun, process tree ({rn})"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for r in results:
        row = [f"{r['n']:,}", _mb(r["floor"]["max_rss"]), _mb(r["pipeline"]["max_rss"])]
        for rn in runners:
            c = r.get(f"cli_{rn}", {})
            row += [_mb(c.get("cold_max_rss")), _mb(c.get("cold_tree_peak_rss")), _mb(c.get("rerun_tree_peak_rss"))]
        out.append("| " + " | ".join(row) + " |")
    if runners:
        out += ["", f"### Updates ({UPDATE_FILES} new, {UPDATE_FILES} changed, {UPDATE_FILES} deleted files) after the cold run", ""]
        out.append(
            "First a day's news, among the archive's last files (new files are dated last), then the same "
            "number of changes spread through the archive, on the warehouse the first one left."
        )
        out += ["", "| articles | runner | changes | `parcferme run` (s) | peak RSS, process tree (MiB) | the run said |"]
        out.append("|---|---|---|---|---|---|")
        for r in results:
            for rn in runners:
                c = r.get(f"cli_{rn}", {})
                for key, where in (("news", "among the last files"), ("update", "spread")):
                    if c.get(f"{key}_s") is not None:
                        out.append(f"| {r['n']:,} | {rn} | {where} | {_s(c[f'{key}_s'])} | {_mb(c[f'{key}_tree_peak_rss'])} | `{c[f'{key}_summary']}` |")
    if not args.skip_prefect:
        runs = "; ".join(
            f"{', '.join(_s(x) for x in r['prefect'].get('runs_s', [r['prefect']['wall_s']]))} s at {r['n']:,} (median {r['prefect']['wall_s']:.2f} s)"
            for r in results if "prefect" in r
        )
        out += ["", "### Prefect's own start-up", ""]
        out.append(
            f"A trivial one-task flow in the same environment (fresh Python, ephemeral API server), {args.repeats} runs at each size: {runs}"
            + (f"; the very first run on an empty PREFECT_HOME (database migrations): {prefect_cold['wall_s']:.2f} s" if prefect_cold else "")
            + f". Peak tree RSS of the trivial flow: {_mb(results[-1]['prefect']['tree_peak_rss'])} MiB."
        )
    out += ["", "### Targets", ""]
    out += targets(results, args)
    out.append("")
    return "\n".join(out)


def targets(results: list[dict], args) -> list[str]:
    lines = []
    big = results[-1]
    ratio = big["pipeline"]["seconds"] / big["floor"]["seconds"]
    lines.append(f"- Pipeline without Prefect within {FLOOR_RATIO_TARGET:g}x the floor at {big['n']:,}: {ratio:.1f}x → **{'met' if ratio <= FLOOR_RATIO_TARGET else 'not met'}**")
    if "cpu_s" in big["pipeline"] and "cpu_s" in big["floor"]:
        lines.append(
            f"- CPU time of the same at {big['n']:,}: pipeline {big['pipeline']['cpu_s']:.1f} s, floor {big['floor']['cpu_s']:.1f} s "
            f"({big['pipeline']['cpu_s'] / big['floor']['cpu_s']:.1f}x); on {os.cpu_count()} cores, within {FLOOR_RATIO_TARGET:g}x the floor's wall time "
            f"leaves at most {FLOOR_RATIO_TARGET * big['floor']['seconds'] * (os.cpu_count() or 1):.1f} CPU-seconds"
        )
    if "extract" in big:
        extract = big["extract"]
        lines.append(
            f"- Of which the core's extraction alone at {big['n']:,}: {extract['seconds']:.1f} s, {extract['seconds'] / big['floor']['seconds']:.1f}x the floor "
            f"({extract['cpu_s'] / big['floor']['cpu_s']:.1f}x in CPU); resolving, checking and publishing: the other {big['pipeline']['seconds'] - extract['seconds']:.1f} s"
        )
    for rn in ([] if args.skip_prefect else args.runners):
        if f"cli_{rn}" in big:
            beyond = big[f"cli_{rn}"]["cold_s"] - big["prefect"]["wall_s"]
            lines.append(f"- Same through `parcferme run` ({rn}) cold less Prefect's start: {beyond:.2f} s, {beyond / big['floor']['seconds']:.1f}x the floor")
    if len(results) > 1:
        per = [(r["n"], r["pipeline"]["seconds"] / r["n"]) for r in results]
        growth = per[-1][1] / per[0][1]
        lines.append(
            f"- Time per article flat ({', '.join(f'{n:,}: {1000 * t:.2f} ms' for n, t in per)} without Prefect; "
            f"largest/smallest {growth:.2f}, tolerance {FLAT_TOLERANCE:g}) → **{'met' if growth <= FLAT_TOLERANCE else 'not met'}**"
        )
        for rn in ([] if args.skip_prefect else args.runners):
            if all(f"cli_{rn}" in r for r in results):
                per = [(r["n"], (r[f"cli_{rn}"]["cold_s"] - r["prefect"]["wall_s"]) / r["n"]) for r in results]
                growth = per[-1][1] / per[0][1]
                lines.append(
                    f"- Same through `parcferme run` ({rn}) less Prefect's start ({', '.join(f'{n:,}: {1000 * t:.2f} ms' for n, t in per)}; "
                    f"largest/smallest {growth:.2f}) → **{'met' if growth <= FLAT_TOLERANCE else 'not met'}**"
                )
    if not args.skip_prefect:
        for rn in args.runners:
            c = big.get(f"cli_{rn}")
            if c:
                pairs = c.get("rerun_beyond_s") or [c["rerun_s"] - big["prefect"]["wall_s"]]
                beyond = sorted(pairs)[(len(pairs) - 1) // 2]
                seen = next((x for x in c.get("rerun_summary", []) if x.startswith("articles:")), "?")
                lines.append(
                    f"- Rerun with nothing new at {big['n']:,} ({rn}): {c['rerun_s']:.2f} s (median), {beyond:.2f} s beyond Prefect's own start "
                    f"(median of each rerun less a trivial flow run just before it: {', '.join(f'{x:.2f}' for x in pairs)} s); "
                    f"target < {RERUN_TARGET_S:g} s → **{'met' if beyond < RERUN_TARGET_S else 'not met'}** "
                    f"(the rerun said: `{seen}`{'' if c.get('rerun_nothing_new') else '; NOT a nothing-new run'})"
                )
                peak = max(x for x in (c["cold_tree_peak_rss"], c["cold_max_rss"] or 0))
                lines.append(
                    f"- Peak RSS at {big['n']:,} ({rn}): {_mb(peak)} MiB (process tree, cold run); target < 1.5 GB = {RSS_TARGET_MB:,.1f} MiB → "
                    f"**{'met' if peak < RSS_TARGET_MB * 2**20 else 'not met'}**"
                )
    lines.append(f"- Pipeline process alone (no Prefect) peak RSS at {big['n']:,}: {_mb(big['pipeline']['max_rss'])} MiB")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,100000", help="comma-separated article counts (default 1000,10000,100000)")
    p.add_argument("--work", type=Path, default=ROOT / "bench" / "work", help="work dir for archives and warehouses (default bench/work, git-ignored)")
    p.add_argument("--markdown", type=Path, help="write the figures as markdown to this file")
    p.add_argument("--json", type=Path, help="write the raw figures as JSON to this file")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--error-rate", type=float, default=0.05)
    p.add_argument("--batch-size", type=int, default=None, help="articles per batch (default: 2000, and for `parcferme run` each runner's default: 1000 on a local Dask cluster)")
    p.add_argument("--in-flight", type=int, default=3, help="batches staged at once by the pipeline without Prefect (default 3: the flow's local runner)")
    p.add_argument("--floor-runs", type=int, default=3, help="runs of the floor at each size; the fastest is the floor (default 3)")
    p.add_argument("--pipeline-runs", type=int, default=3, help="runs of the pipeline without Prefect and of the extraction at each size, in turn with the floor's; the fastest is the figure (default 3)")
    p.add_argument("--repeats", type=int, default=5, help="runs of Prefect's trivial flow and of each nothing-new rerun, each right after one of the trivial runs; the median counts (default 5: Prefect's start alone varies by a second or two)")
    p.add_argument("--runners", default="local", help="task runners for `parcferme run`: local, dask or local,dask (default local)")
    p.add_argument("--skip-prefect", action="store_true", help="measure only the floor, the extraction and the pipeline without Prefect")
    p.add_argument("--keep-warehouse", action="store_true")
    p.add_argument("--live-code", action="store_true", help="measure the work tree as it is, not a snapshot taken at the start")
    p.add_argument("--inner", choices=["floor", "extract", "pipeline", "prefect"], help=argparse.SUPPRESS)
    p.add_argument("--raw", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--wh", type=Path, help=argparse.SUPPRESS)
    argv = sys.argv[1:] if argv is None else argv
    args = p.parse_args(argv)
    if args.inner:
        args.batch_size = args.batch_size or BATCH_SIZE
        result = {
            "floor": lambda: inner_floor(args.raw),
            "extract": lambda: inner_extract(args.raw, args.batch_size, args.in_flight),
            "pipeline": lambda: inner_pipeline(args.raw, args.wh, args.batch_size, args.in_flight),
            "prefect": inner_prefect,
        }[args.inner]()
        print(json.dumps(result))
        return 0
    args.runners = [r.strip() for r in args.runners.split(",") if r.strip()]
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    global CODE_ROOT
    snapshot = None  # the only code folder the run removes at the end
    if not args.live_code:
        CODE_ROOT = snapshot = snapshot_code(work)
        print(f"code under test: snapshot {CODE_ROOT}", flush=True)
    prefect_home = Path(tempfile.mkdtemp(prefix="prefect-home-", dir=work))
    prefect_cold = None
    try:
        if not args.skip_prefect:  # the first run on an empty PREFECT_HOME migrates its database: measured, then apart
            r = run_child([PYTHON, str(Path(__file__).resolve()), "--inner", "prefect"], _env(prefect_home))
            assert r["rc"] == 0, r["stderr"][-3000:]
            prefect_cold = {"wall_s": r["wall_s"]}
            print(f"prefect first run on an empty PREFECT_HOME: {r['wall_s']:.2f} s", flush=True)
        results = []
        for n in sizes:
            results.append(measure_size(n, args, work, prefect_home))
            text = report(results, args, prefect_cold)  # written after every size: a long run is never lost
            if args.markdown:
                args.markdown.parent.mkdir(parents=True, exist_ok=True)
                args.markdown.write_text(text, encoding="utf-8")
            if args.json:
                args.json.write_text(json.dumps({"results": results, "prefect_cold": prefect_cold}, indent=1, default=str), encoding="utf-8")
        print()
        print(text)
    finally:
        shutil.rmtree(prefect_home, ignore_errors=True)
        if snapshot is not None:
            shutil.rmtree(snapshot, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
