"""Warehouse I/O without Prefect: atomic generations, identical bytes, the lock, raw listing,
and the incremental plan."""

import hashlib
import json
import os
import threading
import time
from pathlib import Path

import polars as pl
import pytest

from conftest import PLANTED, RAW, article_files
from parcferme import assemble, pipeline, warehouse
from parcferme.incremental import fingerprint, plan_run
from parcferme.raw import RawEntry, list_raw, read_entry
from schemas.frames import one_season


def _publish(tmp: Path, files, reference) -> Path:
    staging, marts = pipeline.build(files, reference)
    return warehouse.publish(tmp, marts, staging, {"files": {}})


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_publish_makes_readable_tables_through_current(tmp_path, seed_files, reference):
    generation = _publish(tmp_path, seed_files, reference)
    assert (tmp_path / "current").resolve() == generation.resolve()
    for table in pipeline.MART_COLUMNS:
        assert (tmp_path / f"{table}.parquet").is_symlink()
        frame = pl.read_parquet(tmp_path / f"{table}.parquet")
        assert frame.columns == pipeline.MART_COLUMNS[table]
    assert warehouse.read_staging(tmp_path).staging.race_results.height == 20


def test_same_inputs_give_byte_identical_parquet(tmp_path, seed_files, reference):
    first = _publish(tmp_path / "a", seed_files, reference)
    second = _publish(tmp_path / "b", seed_files, reference)
    for table in pipeline.MART_COLUMNS:
        assert _digest(first / f"{table}.parquet") == _digest(second / f"{table}.parquet"), table


def test_old_generations_are_pruned_and_partials_cleaned(tmp_path, seed_files, reference):
    (tmp_path / warehouse.GENERATIONS).mkdir()
    partial = tmp_path / warehouse.GENERATIONS / ".killed.partial"
    partial.mkdir()
    gens = [_publish(tmp_path, seed_files, reference) for _ in range(3)]
    left = sorted(p.name for p in (tmp_path / warehouse.GENERATIONS).iterdir())
    assert left == sorted(g.name for g in gens[1:])
    assert not partial.exists()


def test_second_run_waits_then_says_why(tmp_path):
    entered = threading.Event()
    release = threading.Event()

    def hold():
        with warehouse.locked(tmp_path):
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    entered.wait(5)
    started = time.monotonic()
    with pytest.raises(warehouse.WarehouseBusy, match="another parcferme run holds"):
        with warehouse.locked(tmp_path, timeout_s=0.6, poll_s=0.1):
            pass
    assert time.monotonic() - started >= 0.5
    release.set()
    holder.join()
    with warehouse.locked(tmp_path, timeout_s=1):
        pass


def test_unwritable_warehouse_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(warehouse.WarehouseError, match="not writable"):
        warehouse.ensure_writable(blocker / "warehouse")


def test_raw_listing_problems_become_issue_rows(tmp_path, reference):
    raw = tmp_path / "raw"
    raw.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text(" date 2023-10-26 Outside the raw folder.\n")
    (raw / "escape.txt").symlink_to(outside)
    (raw / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (raw / "notes.md").write_text("not an article")
    (raw / "ok.txt").write_bytes((RAW / "2023-11-24_perez-secures-p2.txt").read_bytes())
    files = [read_entry(e).as_tuple() for e in list_raw(raw)]
    marts = pipeline.build(files, reference)[1]
    got = set(marts["validation_issues"].select("article_id", "check", "severity").iter_rows())
    assert ("escape", "parse.unread_file", "error") in got
    assert ("dangling", "parse.unread_file", "error") in got
    assert ("notes", "parse.not_article", "info") in got
    assert not {a for a, _, s in got if a == "ok" and s != "info"}
    statuses = dict(marts["articles"].select("article_id", "status").iter_rows())
    assert statuses == {"escape": "unread", "dangling": "unread", "notes": "unread", "ok": "parsed"}
    message = marts["validation_issues"].filter(pl.col("article_id") == "escape")["message"].item()
    assert "outside the raw folder" in message


def test_files_with_the_same_article_id_are_each_reported_not_a_crash(tmp_path, reference):
    """a.txt, a.TXT and a.md all name article `a`: a.txt keeps the id and is parsed; a.TXT is an
    unread-file error naming both; a.md is the usual info.
    Three rows in `articles` with distinct ids, so the contract holds and the run publishes."""
    raw = tmp_path / "raw"
    raw.mkdir()
    article = (RAW / "2023-11-24_perez-secures-p2.txt").read_bytes()
    (raw / "a.txt").write_bytes(article)
    (raw / "a.TXT").write_bytes(article + b"One more line.\n")
    (raw / "a.md").write_text("not an article")
    entries = list_raw(raw)
    assert [(e.source_file, e.article_id) for e in entries] == [
        ("a.TXT", "a.TXT"), ("a.md", "a.md"), ("a.txt", "a"),
    ]
    marts = pipeline.build([read_entry(e).as_tuple() for e in entries], reference)[1]
    statuses = dict(marts["articles"].select("article_id", "status").iter_rows())
    assert statuses == {"a": "parsed", "a.md": "unread", "a.TXT": "unread"}
    issues = marts["validation_issues"].filter(pl.col("check").is_in(["parse.unread_file", "parse.not_article"]))
    assert set(issues.select("article_id", "check", "severity").iter_rows()) == {
        ("a.TXT", "parse.unread_file", "error"), ("a.md", "parse.not_article", "info"),
    }
    message = issues.filter(pl.col("article_id") == "a.TXT")["message"].item()
    assert "a.txt has the same article id (a)" in message and message.startswith("a.TXT: ")


def test_a_pipe_and_a_name_that_is_not_utf8_are_reported_unread(tmp_path, reference):
    """A FIFO named like an article would block the read forever, and a name with bytes that are not
    UTF-8 cannot be an article id (nor a Parquet string): each is an unread-file error, and the run
    goes on with the other articles."""
    raw = tmp_path / "raw"
    raw.mkdir()
    article = (RAW / "2023-11-24_perez-secures-p2.txt").read_bytes()
    (raw / "ok.txt").write_bytes(article)
    os.mkfifo(raw / "pipe.txt")
    with open(os.path.join(os.fsencode(raw), b"bad\xffname.txt"), "wb") as handle:
        handle.write(article)
    outside = os.path.join(os.fsencode(tmp_path), b"out\xfe.txt")  # a symlink out of raw/, to a name that is not UTF-8
    with open(outside, "wb") as handle:
        handle.write(article)
    os.symlink(outside, os.path.join(os.fsencode(raw), b"link.txt"))
    entries = list_raw(raw)
    assert [(e.article_id, e.source_file) for e in entries] == [
        ("bad\\xffname", "bad\\xffname.txt"), ("link", "link.txt"), ("ok", "ok.txt"), ("pipe", "pipe.txt"),
    ]
    marts = pipeline.build([read_entry(e).as_tuple() for e in entries], reference)[1]
    statuses = dict(marts["articles"].select("article_id", "status").iter_rows())
    assert statuses == {"bad\\xffname": "unread", "link": "unread", "ok": "parsed", "pipe": "unread"}
    unread = dict(marts["validation_issues"].filter(pl.col("check") == "parse.unread_file").select("article_id", "message").iter_rows())
    assert unread == {
        "bad\\xffname": "bad\\xffname.txt: the file name is not valid UTF-8, so the article cannot be named: rename the file",
        "link": f"link.txt: symlink leads outside the raw folder (to {tmp_path.resolve()}/out\\xfe.txt); not followed",
        "pipe": "pipe.txt: not a regular file (a pipe, socket or device): not read",
    }


def test_a_folder_that_cannot_be_listed_is_reported_and_the_rest_is_read(tmp_path, reference, monkeypatch):
    raw = tmp_path / "raw"
    (raw / "2023" / "locked").mkdir(parents=True)
    (raw / "2023" / "locked" / "hidden.txt").write_text(" date 2023-10-26 Never listed.\n")
    (raw / "ok.txt").write_bytes((RAW / "2023-11-24_perez-secures-p2.txt").read_bytes())
    real_scandir = os.scandir

    def scandir(path):  # what a folder without read permission does (root, which runs the tests, may list anything)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr("parcferme.raw.os.scandir", scandir)
    entries = list_raw(raw)
    assert [(e.article_id, e.source_file, e.problem) for e in entries] == [
        ("2023/locked", "2023/locked/", "cannot list the folder: Permission denied; its files are not read"),
        ("ok", "ok.txt", None),
    ]
    marts = pipeline.build([read_entry(e).as_tuple() for e in entries], reference)[1]
    assert dict(marts["articles"].select("article_id", "status").iter_rows()) == {"2023/locked": "unread", "ok": "parsed"}
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_file")["article_id"].to_list() == ["2023/locked"]
    monkeypatch.setattr("parcferme.raw.os.scandir", lambda path: scandir(path) if str(path) != str(raw) else real_scandir(tmp_path / "gone"))
    with pytest.raises(FileNotFoundError):
        list_raw(raw)  # the raw folder itself: nothing to read, the run fails saying so


def test_a_fallback_id_already_taken_is_made_unique(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("b.txt", "b.TXT", "b.TXT.txt"):  # b.TXT would fall back to "b.TXT", the id of b.TXT.txt
        (raw / name).write_text(" date 2023-10-26 An article.\n")
    assert [(e.source_file, e.article_id, e.problem is None) for e in list_raw(raw)] == [
        ("b.TXT", "b.TXT~2", False), ("b.TXT.txt", "b.TXT", True), ("b.txt", "b", True),
    ]


def test_plan_reads_only_new_or_changed_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for _, name, content in article_files(RAW):
        (raw / name).write_bytes(content)
    code = fingerprint()
    reads = []

    def counting_read(entry):
        reads.append(entry.article_id)
        return read_entry(entry)

    first = plan_run(list_raw(raw), {}, code, read=counting_read)
    assert sorted(first.new) == sorted(p.stem for p in RAW.glob("*.txt")) and first.full_rebuild
    assert reads == [], "new files are read once, by parsing, not by the plan"
    assert first.files["sha256"].is_null().all() and first.files["article_id"].to_list() == first.new
    parsed = {f.article_id: read_entry(f) for f in first.fresh}  # what parsing reads
    first.record_reads({a: (f.sha256, f.read_error) for a, f in parsed.items()})
    assert dict(first.files.select("article_id", "sha256").iter_rows()) == {a: hashlib.sha256((raw / f"{a}.txt").read_bytes()).hexdigest() for a in parsed}
    manifest = {"fingerprint": code, "files": first.files}

    again = plan_run(list_raw(raw), manifest, code, read=counting_read)
    assert again.nothing_new and reads == []
    target = raw / "2023-11-06_perez-alonso-brazil.txt"
    os.utime(target, ns=(time.time_ns(), time.time_ns()))  # touched, same content
    touched = plan_run(list_raw(raw), manifest, code, read=counting_read)
    assert touched.nothing_new and reads == ["2023-11-06_perez-alonso-brazil"]
    target.write_bytes(target.read_bytes() + b"\nOne more line.\n")
    (raw / "2023-11-24_perez-secures-p2.txt").unlink()
    changed = plan_run(list_raw(raw), manifest, code)
    assert changed.changed == ["2023-11-06_perez-alonso-brazil"]
    assert changed.deleted == ["2023-11-24_perez-secures-p2"]
    assert [f.article_id for f in changed.fresh] == ["2023-11-06_perez-alonso-brazil"]
    recorded = {a: (size, sha) for a, size, sha in changed.files.select("article_id", "size", "sha256").iter_rows()}
    assert set(recorded) == {"2023-10-26_perez-home-race-usgp-results", "2023-11-06_perez-alonso-brazil"}
    assert recorded["2023-11-06_perez-alonso-brazil"] == (target.stat().st_size, hashlib.sha256(target.read_bytes()).hexdigest())


def test_the_manifest_keeps_the_files_as_a_table_and_reads_older_manifests(tmp_path, seed_files, reference):
    """The files a generation was made from are kept as Parquet beside manifest.json; a generation
    whose manifest.json still lists them (written before) plans the same."""
    raw, wh = tmp_path / "raw", tmp_path / "warehouse"
    raw.mkdir()
    for _, name, content in seed_files:
        (raw / name).write_bytes(content)
    code = fingerprint()
    plan = plan_run(list_raw(raw), {}, code)
    plan.record_reads({f.article_id: (f.sha256, f.read_error) for f in map(read_entry, plan.fresh)})
    staged, marts = pipeline.build([read_entry(e).as_tuple() for e in plan.fresh], reference)
    generation = warehouse.publish(wh, marts, staged, {"fingerprint": code, "files": plan.files, "counts": {"rows": {}}})
    assert json.loads((generation / "manifest.json").read_text()) == {"fingerprint": code, "counts": {"rows": {}}}
    assert pl.read_parquet(generation / "manifest_files.parquet").equals(plan.files)
    assert plan_run(list_raw(raw), warehouse.read_manifest(wh), code).nothing_new

    older = {"fingerprint": code, "files": {row.pop("article_id"): row for row in plan.files.to_dicts()}}
    (generation / "manifest.json").write_text(json.dumps(older))
    (generation / "manifest_files.parquet").unlink()
    again = plan_run(list_raw(raw), warehouse.read_manifest(wh), code)
    assert again.nothing_new and again.files.equals(plan.files)


def _generation_in_pieces(wh: Path, files, reference, batch: int, articles_per_range: int, last_batch_first: bool = False) -> Path:
    """A generation made as the flow makes it: staged batch by batch (in the order the batches finish:
    `last_batch_first`), marts range by range."""
    tables = list(pipeline.MART_COLUMNS)
    generation = warehouse.Generation(wh)
    spool = assemble.Spool(generation, None, [])
    starts = range(0, len(files), batch)
    for start in reversed(starts) if last_batch_first else starts:
        spool.add(pipeline.stage_batch(files[start : start + batch], reference))
    issues = pipeline.check_season(spool.season_inputs(), reference)
    for index, articles in enumerate(pipeline.article_ranges([f[0] for f in files], articles_per_range)):
        assemble.publish_range(spool, index, articles, issues)
    generation.assemble(tables)
    return generation.commit(tables, {})


def test_tables_do_not_depend_on_batches_or_ranges(tmp_path, seed_files, clean_files, reference):
    files = sorted([*seed_files, *clean_files, *article_files(PLANTED)])
    ways = {(1, 1, False): None, (2, 3, False): None, (2, 3, True): None, (100, 100, False): None}
    for batch, articles_per_range, last_batch_first in ways:
        wh = tmp_path / f"wh-{batch}-{articles_per_range}-{last_batch_first}"
        generation = _generation_in_pieces(wh, files, reference, batch, articles_per_range, last_batch_first)
        ways[batch, articles_per_range, last_batch_first] = {t: _digest(generation / f"{t}.parquet") for t in pipeline.MART_COLUMNS}
    assert len({tuple(sorted(d.items())) for d in ways.values()}) == 1, "the same articles in other pieces gave other bytes"
    _, marts = pipeline.build(files, reference)  # everything in memory at once
    for table in pipeline.MART_COLUMNS:
        written = pl.read_parquet(generation / f"{table}.parquet")
        assert written.equals(marts[table]), table
    assert marts["validation_issues"].filter(pl.col("check").str.starts_with("season.")).height > 0  # the season checks saw every piece


def test_a_season_is_checked_with_its_claims_and_tables_left_on_disk(tmp_path, seed_files, clean_files, reference):
    """The checks across articles read a season's claims and standings from the staged parts, each
    check frame the rows it compares: never all of them in memory at once (at 100,000 articles,
    reading them first raised the run's peak by 150 to 200 MiB); the issues are those of the same
    articles checked in memory."""
    files = sorted([*seed_files, *clean_files, *article_files(PLANTED)])
    spool = assemble.Spool(warehouse.Generation(tmp_path / "wh"), None, [])
    spool.add(pipeline.stage_batch(files, reference))
    season = one_season(spool.season_inputs(), 2023)
    lazy = {name for name, frame in season.items() if isinstance(frame, pl.LazyFrame)}
    assert lazy == {"claims", "driver_standings", "constructor_standings", "timed_results"}  # the timed rows read only for a time claimed
    from_disk = pipeline.check_season(spool.season_inputs(), reference)
    in_memory = pipeline.check_season(pipeline.stage_batch(files, reference).season, reference)
    assert from_disk.height > 0 and from_disk.equals(in_memory)


def _ids(*numbers: int) -> list[str]:
    return [f"2023-{n:05d}" for n in numbers]


def test_batches_hold_at_most_so_many_files_and_bytes():
    def entry(name, size):
        return RawEntry(name, f"{name}.txt", f"/raw/{name}.txt", size, 0 if size is not None else None)

    entries = [entry("a", 3), entry("b", 3), entry("c", 4), entry("unread", None), entry("d", 25), entry("e", 1), entry("f", 1), entry("g", 1)]
    cut = [[e.article_id for e in batch] for batch in pipeline.batches(entries, 3, max_bytes=10)]
    # c would make 10 (fits), d alone is more than 10, a file that will not be read weighs nothing
    assert cut == [["a", "b", "c"], ["unread"], ["d"], ["e", "f", "g"]]
    assert [[e.article_id for e in batch] for batch in pipeline.batches(entries, 2, max_bytes=100)] == [
        ["a", "b"], ["c", "unread"], ["d", "e"], ["f", "g"],
    ]
    assert list(pipeline.batches([], 3)) == []


def test_ranges_stay_where_they_were_so_a_days_news_leaves_most_as_they_were():
    cold = pipeline.article_ranges(_ids(*range(10)), 4)
    assert [(r.first, r.last, r.count, r.kept_from) for r in cold] == [
        ("2023-00000", "2023-00003", 4, None), ("2023-00004", "2023-00007", 4, None), ("2023-00008", "2023-00009", 2, None),
    ]
    previous = [_ids(0, 1, 2, 3), _ids(4, 5, 6, 7), _ids(8, 9)]
    # 6 changed, 2 deleted, 11 new: the first range loses one, the second is parsed again in part, the last grows
    update = pipeline.article_ranges(_ids(0, 1, 3, 4, 5, 6, 7, 8, 9, 11), 4, previous, frozenset(_ids(6, 11)))
    assert [(r.first, r.last, r.count, r.kept_from) for r in update] == [
        ("2023-00000", "2023-00003", 3, None), ("2023-00004", "2023-00007", 4, None), ("2023-00008", "2023-00011", 3, None),
    ]
    unchanged = pipeline.article_ranges(_ids(*range(10)), 4, previous, frozenset(_ids(11)))
    assert [r.kept_from for r in unchanged] == [0, 1, 2]


def test_a_range_grown_past_its_size_is_cut_and_an_emptied_one_is_dropped():
    previous = [_ids(0, 1, 2, 3), _ids(10, 11, 12, 13)]
    grown = pipeline.article_ranges(_ids(0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 16), 4, previous, frozenset(_ids(4, 14, 15, 16)))
    assert [(r.first, r.last, r.count) for r in grown] == [
        ("2023-00000", "2023-00004", 5),  # 5 articles: within 1.25 times 4
        ("2023-00010", "2023-00013", 4), ("2023-00014", "2023-00016", 3),  # 7: cut in two
    ]
    emptied = pipeline.article_ranges(_ids(10, 11), 4, previous)
    assert [(r.first, r.last, r.count) for r in emptied] == [("2023-00010", "2023-00011", 2)]
    before_all = pipeline.article_ranges(_ids(0, 1, 2, 3, 10, 11, 12, 13), 4, [_ids(1, 2, 3), _ids(10, 11, 12, 13)], frozenset(_ids(0)))
    assert [(r.first, r.count, r.kept_from) for r in before_all] == [("2023-00000", 4, None), ("2023-00010", 4, 1)]


def test_a_first_run_cuts_its_ranges_where_batches_start_within_the_growth_allowed():
    ids = _ids(*range(23))
    cuts = lambda size, starts: [(r.first, r.count) for r in pipeline.article_ranges(ids, size, starts=starts)]  # noqa: E731
    assert cuts(4, ids[::2]) == [(ids[0], 4), (ids[4], 4), (ids[8], 4), (ids[12], 4), (ids[16], 4), (ids[20], 3)]  # batches of 2: at every 4th
    # batches of 3: ranges of 5 and 6 (within 1.25 times 5), each of whole batches, the last the end of the archive
    assert cuts(5, ids[::3]) == [(ids[0], 6), (ids[6], 6), (ids[12], 6), (ids[18], 5)]
    # batches of 7: where the next start is too far, the range is cut at its size; the one before the
    # start of the last batch moves there (5 articles)
    assert cuts(4, ids[::7]) == [(ids[0], 4), (ids[4], 4), (ids[8], 4), (ids[12], 4), (ids[16], 5), (ids[21], 2)]
    assert cuts(4, None) == cuts(4, [])
    previous = [_ids(0, 1, 2, 3), _ids(4, 5, 6, 7)]  # with a previous generation, the ranges stay where they were
    assert [r.count for r in pipeline.article_ranges(_ids(*range(8)), 4, previous, frozenset(), starts=_ids(0, 3, 6))] == [4, 4]


def _raw_folder(tmp: Path, files) -> list[RawEntry]:
    raw = tmp / "raw"
    raw.mkdir()
    for _, name, content in files:
        (raw / name).write_bytes(content)
    return list_raw(raw)


def _interrupted_run(wh: Path, entries: list[RawEntry], reference, batch: int, code: str) -> tuple[warehouse.Generation, list[list[str]]]:
    """A run killed after staging its batches: sealed parts in a `.partial` folder, never published."""
    generation = warehouse.Generation(wh)
    spool = assemble.Spool(generation, None, [], code=code, listed={e.article_id: e for e in entries})
    batches = [entries[start : start + batch] for start in range(0, len(entries), batch)]
    for entries_of_batch in batches:
        spool.add(pipeline.stage_batch([read_entry(e).as_tuple() for e in entries_of_batch], reference))
    return generation, [[e.article_id for e in b] for b in batches]


def _next_run(wh: Path, raw: Path, reference, code: str) -> tuple[dict, Path]:
    """The next run, as the flow makes a generation: take over what is sealed, stage the rest, publish."""
    plan = plan_run(list_raw(raw), {}, code)
    generation = warehouse.Generation(wh)
    spool = assemble.Spool(generation, None, [], code=code, listed={e.article_id: e for e in plan.fresh})
    taken = spool.take_over()
    rest = [e for e in plan.fresh if e.article_id not in taken]
    if rest:
        spool.add(pipeline.stage_batch([read_entry(e).as_tuple() for e in rest], reference))
    issues = pipeline.check_season(spool.season_inputs(), reference)
    for index, articles in enumerate(pipeline.article_ranges([e.article_id for e in plan.fresh], 4)):
        assemble.publish_range(spool, index, articles, issues)
    tables = list(pipeline.MART_COLUMNS)
    generation.assemble(tables)
    return taken, generation.commit(tables, {})


def test_the_next_run_takes_over_the_batches_a_killed_run_staged_and_sealed(tmp_path, seed_files, clean_files, reference):
    entries = _raw_folder(tmp_path, sorted([*seed_files, *clean_files]))
    wh, code = tmp_path / "wh", fingerprint()
    killed, batches = _interrupted_run(wh, entries, reference, 2, code)
    assert len(batches) >= 4
    changed = entries[2]  # the first file of the second batch changes after the kill
    Path(changed.path).write_bytes(Path(changed.path).read_bytes().replace(b"points", b"pts", 1) + b"\n")
    sealed = sorted((killed.work / "_parts" / "fresh" / "_seals").glob("*.json"))
    truncated = killed.work / "_parts" / "fresh" / "claims" / "000002.parquet"  # a part the machine lost bytes of
    truncated.write_bytes(truncated.read_bytes()[:-9])

    taken, generation = _next_run(wh, tmp_path / "raw", reference, code)

    assert len(sealed) == len(batches)
    assert set(taken) == {a for i, b in enumerate(batches) if i not in (1, 2) for a in b}
    by_id = {e.article_id: e for e in entries}
    assert all(sha256 == _digest(Path(by_id[a].path)) and problem is None for a, (sha256, problem) in taken.items())
    assert not killed.work.exists() and warehouse.current_generation(wh) == generation.resolve()
    _, marts = pipeline.build([read_entry(e).as_tuple() for e in list_raw(tmp_path / "raw")], reference)
    for table in pipeline.MART_COLUMNS:
        assert pl.read_parquet(generation / f"{table}.parquet").equals(marts[table]), table
    changed_rows = marts["articles"].filter(pl.col("article_id") == changed.article_id)
    assert changed_rows["sha256"].item() == _digest(Path(changed.path))  # staged again, not taken over


def test_batches_staged_by_other_code_are_not_taken_over_but_removed(tmp_path, seed_files, reference):
    entries = _raw_folder(tmp_path, seed_files)
    wh = tmp_path / "wh"
    killed, _ = _interrupted_run(wh, entries, reference, 2, "the code of an older version")
    assert list((killed.work / "_parts" / "fresh" / "_seals").glob("*.json"))
    taken, _ = _next_run(wh, tmp_path / "raw", reference, fingerprint())
    assert taken == {} and not killed.work.exists()


def test_a_failed_run_keeps_only_its_sealed_batches_and_a_batch_with_an_unread_file_is_not_sealed(tmp_path, seed_files, reference):
    entries = _raw_folder(tmp_path, seed_files)
    vanished = entries[2]
    Path(vanished.path).unlink()  # listed, then gone before it was read: a batch that cannot be taken over
    generation, batches = _interrupted_run(tmp_path / "wh", entries, reference, 2, fingerprint())
    generation.write_marts("claims", 0, pl.DataFrame({"article_id": ["x"]}))
    generation.write_staging("claims", 0, pl.DataFrame({"article_id": ["x"]}))
    fresh = generation.work / "_parts" / "fresh"
    assert [p.stem for p in sorted((fresh / "_seals").glob("*.json"))] == ["000000"] and batches[1] == [vanished.article_id]

    generation.abandon()

    assert sorted(p.name for p in generation.work.iterdir()) == ["_parts"]
    assert sorted(p.name for p in (generation.work / "_parts").iterdir()) == ["fresh"]
    assert {p.name for p in fresh.iterdir()} == {"_seals", *pipeline.STAGED_FRAMES}
    nothing_sealed = warehouse.Generation(tmp_path / "wh2")
    nothing_sealed.write_part("fresh", "claims", 0, pl.DataFrame({"article_id": ["x"]}))
    nothing_sealed.abandon()
    assert not nothing_sealed.work.exists()
