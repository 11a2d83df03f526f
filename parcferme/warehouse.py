"""Atomic, idempotent Parquet I/O for the warehouse folder.

Layout of a warehouse folder:

    <table>.parquet        symlink -> current/<table>.parquet   (never changes once made)
    current                symlink -> .generations/<id>          (swapped atomically per run)
    .generations/<id>/     one complete generation: marts, _staging/<frame>/<range>-<n>.parquet, manifest.json
                           and manifest_files.parquet (the raw files it was made from)
                           (while written: .generations/.<id>.partial/, with _parts/ the marts are assembled from;
                           a run that never published leaves there the batches it staged, for the next to take over)
    .lock                  advisory lock: one run at a time

A run writes a whole new generation beside the old one (each table first as parts, one per range of
articles, then assembled into one file by streaming; the staging is kept as written, a file per
range or the parts of the batches a range is made of), fsyncs it, then renames a new `current`
symlink over the old one: a single atomic step. Killed at any moment, the warehouse is either the
previous generation or the new one, each complete. Readers that opened the previous generation keep
reading it: it is deleted only when the next run publishes. Temporary names a killed run left are
removed once the next run holds the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from parcferme.incremental import files_frame
from parcferme.staged import STAGED_FRAMES, Staged, in_order

CURRENT = "current"
GENERATIONS = ".generations"
STAGING = "_staging"
MARTS = "_marts"  # each table's rows range by range, as published: a range kept as it was links them
PARTS = "_parts"
MANIFEST = "manifest.json"
MANIFEST_FILES = "manifest_files.parquet"  # the manifest's "files": a row per raw file (incremental.FILE_SCHEMA)
PARTIAL = ".partial"  # the suffix of a generation's folder while it is written
FRESH = "fresh"  # the parts of the batches a run stages
SEALS = "_seals"  # beside a group's parts: a part's seal, written last, says it is whole (Generation.seal)
WRITERS = ".writers"  # in a generation's parts: what tells another process it sees this folder (Generation.open_to_writers)
ROW_GROUP_ROWS = 65_536  # row groups small enough for readers to skip by article_id statistics


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


class WarehouseError(RuntimeError):
    """The warehouse folder cannot be used (not writable, not a folder...)."""


def fsync_path(path: Path) -> None:
    """Flush a file or a folder entry to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_parquet(frame: pl.DataFrame | pl.LazyFrame, path: Path) -> None:
    """Write (a LazyFrame by streaming, never whole in memory) and flush to disk."""
    if isinstance(frame, pl.LazyFrame):
        frame.sink_parquet(path, compression="zstd", statistics=True, row_group_size=ROW_GROUP_ROWS)
    else:
        frame.write_parquet(path, compression="zstd", statistics=True, row_group_size=ROW_GROUP_ROWS)
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def ensure_writable(warehouse: Path) -> None:
    """Create the folder if needed and prove it is writable, or raise WarehouseError with the reason."""
    try:
        warehouse.mkdir(parents=True, exist_ok=True)
        probe = warehouse / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise WarehouseError(f"warehouse {warehouse} is not writable: {err.strerror or err}") from err


_held = threading.local()  # warehouses whose lock this thread holds: the lock is re-entrant


@contextlib.contextmanager
def locked(warehouse: Path, timeout_s: float = 300.0, poll_s: float = 0.5) -> Iterator[None]:
    """Hold the warehouse lock; wait up to `timeout_s` for another run, then raise WarehouseBusy.
    Re-entrant within a thread: the CLI takes the lock before the flow, which takes it again."""
    key = str(warehouse.resolve())
    held: set[str] = _held.__dict__.setdefault("paths", set())
    if key in held:
        yield
        return
    with _flock(warehouse, timeout_s, poll_s):
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)


@contextlib.contextmanager
def _flock(warehouse: Path, timeout_s: float, poll_s: float) -> Iterator[None]:
    ensure_writable(warehouse)
    path = warehouse / ".lock"
    handle = path.open("a+")
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise WarehouseBusy(f"another parcferme run holds {path} ({holder}); waited {timeout_s:.0f} s") from None
                time.sleep(poll_s)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%S')}\n")
        handle.flush()
        _remove_stale_temporaries(warehouse)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


STALE = re.compile(r"^\.(?:current\.\d+|.+\.\d+\.parquet|.+\.link|.+\.tmp|probe-\d+)$")


def _remove_stale_temporaries(warehouse: Path) -> None:
    """Temporary names a killed run left beside the generations. Only called with the lock held,
    when no other run can be writing one."""
    for path in warehouse.iterdir():
        if STALE.match(path.name) and (path.is_symlink() or not path.is_dir()):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def current_generation(warehouse: Path) -> Path | None:
    link = warehouse / CURRENT
    if not link.is_symlink():
        return None
    target = (warehouse / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def read_manifest(warehouse: Path) -> dict:
    gen = current_generation(warehouse)
    if gen is None or not (gen / MANIFEST).exists():
        return {}
    manifest = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    if (gen / MANIFEST_FILES).exists():
        manifest["files"] = pl.read_parquet(gen / MANIFEST_FILES)
    return manifest


def staging_files(warehouse: Path) -> dict[str, list[Path]] | None:
    """The current generation's staging: per STAGED_FRAMES name, its Parquet files in order, range by
    range (`by_range` groups them; None if incomplete)."""
    gen = current_generation(warehouse)
    if gen is None:
        return None
    files = {name: sorted((gen / STAGING / name).glob("*.parquet")) for name in STAGED_FRAMES}
    ranges = {name: [path.name for path in paths] for name, paths in files.items()}
    complete = all(ranges.values()) and all(names == ranges["articles"] for names in ranges.values())
    return files if complete else None


def staging_range(path: Path) -> int:
    """The range a staging file holds (part of): `<range>-<n>.parquet`."""
    return int(path.stem.split("-")[0])


def by_range(paths: list[Path]) -> list[list[Path]]:
    """A staged frame's files (as `staging_files` gives them) grouped by range, in order: one file
    each, or the parts of the batches a range was made of."""
    ranges: dict[int, list[Path]] = {}
    for path in paths:
        ranges.setdefault(staging_range(path), []).append(path)
    return [ranges[number] for number in sorted(ranges)]


def marts_files(warehouse: Path) -> dict[str, list[Path]] | None:
    """The current generation's tables range by range: per table, its files, one per range of
    articles in order, as `staging_files` gives the staging's (None if there is no generation)."""
    gen = current_generation(warehouse)
    if gen is None:
        return None
    return {folder.name: sorted(folder.glob("*.parquet")) for folder in sorted((gen / MARTS).glob("*")) if folder.is_dir()}


def staging_covers(warehouse: Path, article_ids: list[str]) -> bool:
    """Whether the current generation's staging is complete and holds every one of `article_ids`
    (the articles a run keeps instead of parsing again)."""
    files = staging_files(warehouse)
    if files is None:
        return False
    try:
        staged = scan_parts(files["articles"]).select("article_id").collect()["article_id"]
    except (OSError, pl.exceptions.PolarsError):
        return False
    return pl.Series(article_ids, dtype=pl.String).is_in(staged.implode()).all()


def scan_parts(paths: list[Path]) -> pl.LazyFrame:
    """The parts of one frame or table as one scan, in order."""
    return pl.concat([pl.scan_parquet(path) for path in paths], how="diagonal_relaxed")


def read_staging(warehouse: Path) -> Staged | None:
    files = staging_files(warehouse)
    return Staged.from_frames({name: scan_parts(paths).collect() for name, paths in files.items()}) if files else None


def read_table(warehouse: Path, table: str) -> pl.DataFrame:
    return pl.read_parquet(warehouse / f"{table}.parquet")


def read_top_level(warehouse: Path, name: str) -> pl.DataFrame | None:
    """A table kept beside the generations (the run history), or None before the first run."""
    path = warehouse / f"{name}.parquet"
    return pl.read_parquet(path) if path.exists() else None


def write_top_level(warehouse: Path, name: str, frame: pl.DataFrame) -> Path:
    """Replace a table kept beside the generations atomically (write aside, fsync, rename)."""
    final = warehouse / f"{name}.parquet"
    tmp = warehouse / f".{name}.{os.getpid()}.parquet"
    _write_parquet(frame, tmp)
    os.replace(tmp, final)
    fsync_path(warehouse)
    return final


def _numbered(folder: Path, index: int) -> Path:
    """File `index` of a folder of parts or ranges (their names sort in index order)."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{index:06d}.parquet"


def _generation_id(gens: Path) -> str:
    """Generations are numbered in order (g00000001-<time>), so sorting names sorts by age; a number
    a run that never published took is not taken again (a run restarted within the second it was
    killed in would otherwise find its folder name taken)."""
    names = [p.name.removeprefix(".") for p in gens.iterdir()]
    numbers = [int(name[1:9]) for name in names if name[:1] == "g" and name[1:9].isdigit()]
    return f"g{max(numbers, default=0) + 1:08d}-{time.strftime('%Y%m%dT%H%M%S')}"


class Generation:
    """A new generation while it is written: tables as parts (scratch, never read by anyone else),
    then `commit` assembles each table, fsyncs, and makes the generation current."""

    def __init__(self, warehouse: Path):
        ensure_writable(warehouse)
        gens = warehouse / GENERATIONS
        gens.mkdir(exist_ok=True)
        self.warehouse = warehouse
        self.id = _generation_id(gens)
        self.work = (gens / f".{self.id}{PARTIAL}").absolute()  # the same folder for a process started elsewhere
        self.work.mkdir()
        self.writers_token: str | None = None

    def open_to_writers(self) -> None:
        """Let the processes this object is sent to (pickled) write parts of the generation wherever
        they run, when they see its folder: a random token, written in the parts' folder and kept
        here, tells them whether the folder at this path is this one (`reachable`): on this machine
        or on storage shared with it, not on a machine where the same path is another folder or none."""
        self.writers_token = secrets.token_hex(16)
        folder = self.work / PARTS
        folder.mkdir(exist_ok=True)
        (folder / WRITERS).write_text(self.writers_token, encoding="utf-8")

    def reachable(self) -> bool:
        """Whether this process sees this generation's folder, and so may write parts of it there
        (see `open_to_writers`; a folder it may not write to shows only when it tries)."""
        if self.writers_token is None:
            return False
        try:
            return (self.work / PARTS / WRITERS).read_text(encoding="utf-8") == self.writers_token
        except (OSError, UnicodeDecodeError):
            return False

    def write_part(self, group: str, name: str, index: int, frame: pl.DataFrame) -> Path:
        """Part `index` of frame `name` in `group` (a staged batch), written as the staging is: a range
        made of whole batches keeps their parts as its staging (`link_staging`)."""
        path = _numbered(self.work / PARTS / group / name, index)
        _write_parquet(frame, path)
        return path

    def write_marts(self, name: str, index: int, frame: pl.DataFrame) -> Path:
        """Range `index` of table `name`: assembled, in range order, into `<name>.parquet`, and kept
        for the next run, which links it for a range it keeps as it was (`keep_marts`)."""
        path = _numbered(self.work / MARTS / name, index)
        frame.write_parquet(path, compression="lz4", statistics=False)  # read back whole, like a part
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
        return path

    def keep_marts(self, name: str, index: int, previous: Path) -> Path:
        """Range `index` of table `name` as the previous generation's file `previous` (see `keep_staging`)."""
        return _link_or_copy(previous, _numbered(self.work / MARTS / name, index))

    def write_staging(self, name: str, index: int, frame: pl.DataFrame) -> Path:
        """Range `index` of staged frame `name`, kept as it is written: the staging is read a range or
        a season at a time, never whole, so it is not assembled into one file."""
        path = self._staging_path(name, index, 0)
        _write_parquet(frame, path)
        return path

    def link_staging(self, name: str, index: int, files: list[Path]) -> list[Path]:
        """Range `index` of staged frame `name` as the files `files` hold it, in order (the previous
        generation's files of a range kept as it was, or the parts of the batches the range is made
        of): hard links (files of a generation are never written again once written), copies where
        the file system has none."""
        return [_link_or_copy(source, self._staging_path(name, index, n)) for n, source in enumerate(files)]

    def _staging_path(self, name: str, index: int, n: int) -> Path:
        folder = self.work / STAGING / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{index:06d}-{n:04d}.parquet"

    def parts(self, group: str, name: str) -> list[Path]:
        return sorted((self.work / PARTS / group / name).glob("*.parquet"))

    def seal(self, group: str, index: int, names: list[str], record: dict) -> Path:
        """Seal part `index` of the frames `names` of `group` once all are written: a JSON file with
        `record` and the SHA-256 of each part, written aside and renamed, so that it exists only for
        parts written whole. A later run checks the digests before it takes the parts over
        (`sealed_left_behind`): parts are not flushed to disk as they are written, and a machine that
        stopped may have lost some of their bytes."""
        digests = {name: _digest(_numbered(self.work / PARTS / group / name, index)) for name in names}
        return self._write_seal(group, index, {**record, "parts": digests})

    def _write_seal(self, group: str, index: int, record: dict) -> Path:
        path = _numbered(self.work / PARTS / group / SEALS, index).with_suffix(".json")
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, path)
        return path

    def sealed_left_behind(self, group: str) -> Iterator[tuple[dict, dict[str, Path]]]:
        """The sealed parts of `group` that earlier runs wrote and never published (a run killed, or
        stopped: see `abandon`), as (the seal's record, the part of each frame), oldest run first.
        Only with the lock held: no other run is writing them."""
        others = sorted(p for p in self.work.parent.iterdir() if p.name.endswith(PARTIAL) and p != self.work)
        for folder in others:
            for path in sorted((folder / PARTS / group / SEALS).glob("*.json")):
                try:
                    record = json.loads(path.read_text(encoding="utf-8"))
                    parts = {name: folder / PARTS / group / name / f"{path.stem}.parquet" for name in record["parts"]}
                except (OSError, ValueError, KeyError, TypeError):
                    continue  # a seal that cannot be read seals nothing
                yield record, parts

    @staticmethod
    def intact(record: dict, parts: dict[str, Path]) -> bool:
        """Whether each part left behind still has the digest its seal recorded."""
        try:
            return all(_digest(path) == record["parts"][name] for name, path in parts.items())
        except OSError:  # a part gone
            return False

    def take_part(self, group: str, name: str, index: int, source: Path) -> Path:
        """Part `index` of frame `name` of `group` as the file `source` an earlier run left behind (linked)."""
        return _link_or_copy(source, _numbered(self.work / PARTS / group / name, index))

    def take_seal(self, group: str, index: int, record: dict) -> Path:
        """The seal of a part taken over, as its own: so that it is taken over again if this run
        does not publish either."""
        return self._write_seal(group, index, record)

    def remove_left_behind(self) -> None:
        """Remove the folders of earlier runs that never published (after taking over what is worth
        it). Only with the lock held."""
        for folder in self.work.parent.iterdir():
            if folder.name.endswith(PARTIAL) and folder != self.work:
                shutil.rmtree(folder, ignore_errors=True)

    def _assemble(self, name: str, target: Path) -> None:
        ranges = sorted((self.work / MARTS / name).glob("*.parquet"))
        if not ranges:
            raise WarehouseError(f"no range of {name} was written")
        _write_parquet(scan_parts(ranges), target)

    def assemble(self, tables: list[str]) -> dict[str, Path]:
        """Assemble each table's ranges into `<table>.parquet`; returns the tables' files (inside the
        unfinished generation, for the run's report)."""
        work = self.work
        for name in tables:
            self._assemble(name, work / f"{name}.parquet")
        shutil.rmtree(work / PARTS, ignore_errors=True)
        return {name: work / f"{name}.parquet" for name in tables}

    def commit(self, tables: list[str], manifest: dict, extra_files: dict[str, bytes] | None = None) -> Path:
        """Write the manifest and extra files beside the assembled tables and make this generation
        current in one rename."""
        work = self.work
        for name, content in (extra_files or {}).items():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        manifest = dict(manifest)
        if "files" in manifest:
            _write_parquet(files_frame(manifest.pop("files")), work / MANIFEST_FILES)
        (work / MANIFEST).write_text(json.dumps(manifest, sort_keys=True, default=str, indent=1), encoding="utf-8")
        for name in STAGED_FRAMES:
            fsync_path(work / STAGING / name)
        for name in tables:
            fsync_path(work / MARTS / name)
        fsync_path(work / STAGING)
        fsync_path(work / MARTS)
        fsync_path(work)
        gens = work.parent
        final = gens / self.id
        os.rename(work, final)
        fsync_path(gens)
        previous = current_generation(self.warehouse)
        _swap_current(self.warehouse, final)
        _ensure_table_links(self.warehouse, [*tables, *(extra_files or {})])
        _prune(self.warehouse, keep={final.resolve(), *([previous] if previous else [])})
        return final

    def abandon(self) -> None:
        """Remove what was written (a run that failed or was stopped before commit), but the sealed
        parts of the batches it staged: the next run takes them over instead of parsing their files
        again (its code and their files unchanged), then removes this folder."""
        fresh = self.work / PARTS / FRESH
        if not any((fresh / SEALS).glob("*.json")):
            shutil.rmtree(self.work, ignore_errors=True)
            return
        for path in [*self.work.iterdir(), *(self.work / PARTS).iterdir()]:
            if path in (self.work / PARTS, fresh):
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _link_or_copy(source: Path, path: Path) -> Path:
    """`path` as a hard link to `source` (files of a generation are never written again once
    written), a copy where the file system has none."""
    try:
        os.link(source, path)
    except OSError:
        shutil.copyfile(source, path)
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    return path


def publish(
    warehouse: Path,
    marts: dict[str, pl.DataFrame],
    staged: Staged,
    manifest: dict,
    extra_files: dict[str, bytes] | None = None,
) -> Path:
    """Publish tables held in memory: a generation of one part each."""
    generation = Generation(warehouse)
    for name, frame in marts.items():
        generation.write_marts(name, 0, frame)
    for name, frame in staged.frames().items():
        generation.write_staging(name, 0, in_order(frame))
    generation.assemble(list(marts))
    return generation.commit(list(marts), manifest, extra_files)


def _swap_current(warehouse: Path, generation: Path) -> None:
    tmp = warehouse / f".{CURRENT}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(os.path.relpath(generation, warehouse), tmp)
    os.replace(tmp, warehouse / CURRENT)
    fsync_path(warehouse)


def _ensure_table_links(warehouse: Path, names: list[str]) -> None:
    for name in names:
        file_name = name if "." in name else f"{name}.parquet"
        if "/" in file_name:
            continue
        link = warehouse / file_name
        target = f"{CURRENT}/{file_name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        tmp = warehouse / f".{file_name}.{os.getpid()}.link"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        os.symlink(target, tmp)
        os.replace(tmp, link)


def _prune(warehouse: Path, keep: set[Path]) -> None:
    """Keep the new current generation and the one readers used until now; remove every other
    generation (older ones, and any a killed run renamed but never made current) and half-written ones."""
    gens = warehouse / GENERATIONS
    for path in gens.iterdir():
        if path.is_dir() and path.resolve() not in keep:
            shutil.rmtree(path, ignore_errors=True)
