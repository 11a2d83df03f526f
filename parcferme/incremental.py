"""Deciding what a run must parse: new or changed files by content hash, deleted files, and
whether anything at all changed since the warehouse was last written.

The files a generation was made from are a frame (`FILE_SCHEMA`, one row per raw file), kept with
the generation as Parquet: at 100,000 files, comparing it with the raw folder is a join, not a loop
over 100,000 dictionaries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from operator import itemgetter
from pathlib import Path

import polars as pl

from parcferme import __version__
from parcferme.raw import RawEntry, RawFile, read_entry

CODE_PACKAGES = ("parcferme", "schemas")
FILE_SCHEMA = pl.Schema(
    {"article_id": pl.String, "source_file": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64, "sha256": pl.String, "problem": pl.String}
)


def files_frame(files: pl.DataFrame | dict[str, dict] | None) -> pl.DataFrame:
    """The recorded files as a FILE_SCHEMA frame; also from a manifest written before they were a
    frame (a dict of entries by article id)."""
    if files is None:
        return FILE_SCHEMA.to_frame()
    if isinstance(files, pl.DataFrame):
        return files.select(FILE_SCHEMA.names()).cast(dict(FILE_SCHEMA))
    rows = [{"article_id": article_id, **{name: entry.get(name) for name in FILE_SCHEMA.names()[1:]}} for article_id, entry in files.items()]
    return pl.DataFrame(rows, schema=FILE_SCHEMA, orient="row")


@dataclass
class Plan:
    fresh: list[RawEntry] = field(default_factory=list)  # new or changed: to read and parse
    unchanged: list[str] = field(default_factory=list)  # article ids whose staging rows are kept
    deleted: list[str] = field(default_factory=list)  # in the warehouse, gone from raw
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    files: pl.DataFrame = field(default_factory=FILE_SCHEMA.to_frame)  # the manifest's files: a row per raw file
    full_rebuild: bool = False

    @property
    def nothing_new(self) -> bool:
        return not (self.fresh or self.deleted or self.full_rebuild)

    def record_reads(self, reads: dict[str, tuple[str | None, str | None]]) -> None:
        """Complete the rows of fresh files with what parsing read: (sha256, problem)."""
        if not reads:
            return
        read = pl.DataFrame(
            [(a, sha, problem) for a, (sha, problem) in reads.items()],
            schema={"article_id": pl.String, "_sha256": pl.String, "_problem": pl.String},
            orient="row",
        )
        unread = pl.col("sha256").is_null() & pl.col("_read").fill_null(False)
        self.files = (
            self.files.join(read.with_columns(pl.lit(True).alias("_read")), on="article_id", how="left", maintain_order="left")
            .with_columns(
                pl.when(unread).then(pl.col("_sha256")).otherwise(pl.col("sha256")).alias("sha256"),
                pl.when(unread).then(pl.col("_problem")).otherwise(pl.col("problem")).alias("problem"),
            )
            .select(FILE_SCHEMA.names())
        )


def fingerprint() -> str:
    """Hash of everything that changes the output for the same raw files: code and reference data."""
    digest = hashlib.sha256(__version__.encode())
    for package in CODE_PACKAGES:
        root = Path(str(resources.files(package)))
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".csv", ".json"}):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _listing(entries: list[RawEntry]) -> pl.DataFrame:
    """The raw folder as listed: a FILE_SCHEMA frame (no hashes yet), in the entries' order."""
    listed = {name: list(map(itemgetter(RawEntry._fields.index(name)), entries)) for name in FILE_SCHEMA.names() if name in RawEntry._fields}
    return pl.DataFrame(listed, schema={name: FILE_SCHEMA[name] for name in listed}).select(
        *(pl.col(name) if name in listed else pl.lit(None, FILE_SCHEMA[name]).alias(name) for name in FILE_SCHEMA.names())
    )


def _same_file() -> pl.Expr:
    """As recorded: the same readable file by size and mtime, or the same problem (not an article...).
    Columns of the recorded row carry the prefix `old_`; a file not recorded has them null."""
    recorded = pl.col("old_source_file").is_not_null() & (pl.col("old_source_file") == pl.col("source_file"))
    same_problem = pl.col("old_problem").is_not_null() & (pl.col("old_problem") == pl.col("problem"))
    same_stat = (
        pl.col("old_sha256").is_not_null()
        & (pl.col("old_size") == pl.col("size")).fill_null(False)
        & (pl.col("old_mtime_ns") == pl.col("mtime_ns")).fill_null(False)
    )
    return recorded & pl.when(pl.col("problem").is_not_null()).then(same_problem).otherwise(same_stat)


def plan_run(entries: list[RawEntry], manifest: dict, code_fingerprint: str, read=read_entry) -> Plan:
    """Compare the raw folder with the last run's manifest. A file whose size and mtime are as
    recorded keeps its recorded hash (as git's index does); a recorded file that looks different is
    read and hashed to tell a touched file from a changed one. New files (and every file of a full
    rebuild) are not read here: parsing reads them once, and its hashes complete the manifest.
    Every list of the plan is in the entries' order; entries have distinct article ids (`list_raw`)."""
    previous = files_frame(manifest.get("files"))
    plan = Plan(full_rebuild=manifest.get("fingerprint") != code_fingerprint)
    recorded = FILE_SCHEMA.names()[1:]
    compared = (
        _listing(entries)
        .with_row_index("_index")
        .join(previous.rename({name: f"old_{name}" for name in recorded}), on="article_id", how="left", maintain_order="left")
        .with_columns(
            (_same_file() & (not plan.full_rebuild)).alias("_kept"),
            pl.col("old_source_file").is_null().alias("_new"),
        )
        .with_columns((~pl.col("_kept") & ~pl.col("_new") & (not plan.full_rebuild)).alias("_touched"))
    )
    reads = {index: read(entries[index]) for index in compared.filter(pl.col("_touched"))["_index"]}
    same_content = {i for i, raw in reads.items() if raw.sha256 is not None and raw.sha256 == compared["old_sha256"][i]}
    for index, (entry, kept, new) in enumerate(zip(entries, compared["_kept"].to_list(), compared["_new"].to_list())):
        if kept or index in same_content:
            plan.unchanged.append(entry.article_id)
            continue
        (plan.new if new else plan.changed).append(entry.article_id)
        plan.fresh.append(entry)
    plan.files = _recorded_files(compared, reads)
    plan.deleted = previous.join(compared.select("article_id"), on="article_id", how="anti")["article_id"].sort().to_list()
    return plan


def _recorded_files(compared: pl.DataFrame, reads: dict[int, RawFile]) -> pl.DataFrame:
    """The manifest's rows: a kept file as recorded; a file read by the plan with its hash; any other
    as listed, its hash to come from parsing (`Plan.record_reads`)."""
    read = pl.DataFrame(
        [(index, raw.sha256, raw.read_error) for index, raw in reads.items()],
        schema={"_index": pl.UInt32, "_sha256": pl.String, "_problem": pl.String},
        orient="row",
    )
    was_read, kept = pl.col("_read").fill_null(False), pl.col("_kept")
    return (
        compared.join(read.with_columns(pl.lit(True).alias("_read")), on="_index", how="left", maintain_order="left")
        .select(
            "article_id",
            *(pl.when(kept).then(pl.col(f"old_{name}")).otherwise(pl.col(name)).alias(name) for name in ("source_file", "size", "mtime_ns")),
            pl.when(kept).then(pl.col("old_sha256")).when(was_read).then(pl.col("_sha256")).otherwise(pl.lit(None, pl.String)).alias("sha256"),
            pl.when(kept).then(pl.col("old_problem")).when(was_read).then(pl.col("_problem")).otherwise(pl.col("problem")).alias("problem"),
        )
    )
