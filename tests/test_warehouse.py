"""Warehouse I/O without Prefect: atomic generations, identical bytes, the lock, raw listing,
and the incremental plan."""

import hashlib
import os
import threading
import time
from pathlib import Path

import polars as pl
import pytest

from conftest import RAW, article_files
from parcferme import pipeline, warehouse
from parcferme.incremental import fingerprint, plan_run
from parcferme.raw import list_raw, read_entry


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
    assert warehouse.read_staging(tmp_path).race_results.height == 20


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


def test_plan_reads_only_new_or_changed_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for _, name, content in article_files(RAW):
        (raw / name).write_bytes(content)
    code = fingerprint()
    first = plan_run(list_raw(raw), {}, code)
    assert sorted(first.new) == sorted(p.stem for p in RAW.glob("*.txt")) and first.full_rebuild
    manifest = {"fingerprint": code, "files": first.files}
    reads = []

    def counting_read(entry):
        reads.append(entry.article_id)
        return read_entry(entry)

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
