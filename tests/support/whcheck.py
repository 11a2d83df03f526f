"""Looking at a warehouse folder from the outside, as a reader would: which generation is current,
whether every table reads (with polars and with DuckDB), and whether all of them are one generation."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import duckdb
import polars as pl

from parcferme.pipeline import MART_COLUMNS

GENERATION_NAME = re.compile(r"g\d{8}-\S+")


def current(wh: Path) -> Path:
    link = wh / "current"
    assert link.is_symlink(), f"{wh}: no current symlink"
    gen = link.resolve()
    assert gen.is_dir() and gen.parent == (wh / ".generations").resolve(), f"current -> {os.readlink(link)}"
    assert GENERATION_NAME.fullmatch(gen.name), f"current is not a complete generation: {gen.name}"
    assert (gen / "manifest.json").is_file(), f"{gen.name} has no manifest.json"
    assert (gen / "manifest_files.parquet").is_file(), f"{gen.name} has no manifest_files.parquet"
    return gen


def partials(wh: Path) -> list[str]:
    gens = wh / ".generations"
    return sorted(p.name for p in gens.iterdir() if p.name.endswith(".partial")) if gens.is_dir() else []


def debris(wh: Path) -> list[str]:
    """Hidden temporary names a killed run may leave at the top of the warehouse."""
    return sorted(p.name for p in wh.iterdir() if p.name.startswith(".") and p.name not in {".generations", ".lock"})


def read_everywhere(wh: Path) -> dict[str, pl.DataFrame]:
    """Every top-level Parquet table, read with polars and counted with DuckDB (the two must agree),
    and every view of parcferme.duckdb when there is one."""
    tables: dict[str, pl.DataFrame] = {}
    con = duckdb.connect()
    try:
        for path in sorted(wh.glob("*.parquet")):
            frame = pl.read_parquet(path)
            (count,) = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
            assert count == frame.height, f"{path.name}: duckdb counts {count} rows, polars {frame.height}"
            tables[path.stem] = frame
    finally:
        con.close()
    db = wh / "parcferme.duckdb"
    if db.exists():
        con = duckdb.connect(str(db), read_only=True)
        try:
            views = [row[0] for row in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
            for view in views:
                con.execute(f'SELECT count(*) FROM "{view}"').fetchone()
        finally:
            con.close()
    return tables


def assert_one_generation(wh: Path) -> tuple[Path, dict[str, pl.DataFrame]]:
    """The warehouse as a reader sees it is exactly one complete generation; returns it and its marts."""
    gen = current(wh)
    for path in wh.iterdir():  # the tables a reader opens (hidden names are temporary, not tables)
        if path.is_symlink() and path.name != "current" and not path.name.startswith("."):
            assert os.readlink(path) == f"current/{path.name}", f"{path.name} -> {os.readlink(path)}"
            assert path.resolve().parent == gen, f"{path.name} is not in {gen.name}"
    tables = read_everywhere(wh)
    recorded = pl.read_parquet(gen / "manifest_files.parquet")["article_id"]
    marts = {name: pl.read_parquet(gen / f"{name}.parquet") for name in MART_COLUMNS}
    for name in MART_COLUMNS:
        if name in tables:
            assert tables[name].equals(marts[name]), f"{name}.parquet is not the table of {gen.name}"
    ids = set(marts["articles"]["article_id"])
    assert marts["articles"].height == len(ids) == recorded.len() == recorded.n_unique(), (gen.name, marts["articles"].height, recorded.len())
    assert ids == set(recorded), f"{gen.name}: articles and manifest disagree"
    for name, frame in marts.items():
        assert set(frame["article_id"].drop_nulls()) <= ids, f"{name} has rows of articles not in articles.parquet"
    staged = pl.read_parquet(sorted((gen / "_staging" / "articles").glob("*.parquet")))
    assert set(staged["article_id"]) == ids, f"{gen.name}: staging and marts disagree"
    return gen, marts


def digests(gen: Path) -> dict[str, str]:
    """sha256 of every Parquet file of a generation (marts and _staging), by relative path."""
    return {
        p.relative_to(gen).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(gen.rglob("*.parquet"))
    }


def contents(gen: Path) -> dict[str, str]:
    """What two runs over the same files must agree on, byte for byte: each Parquet file of the
    generation's top level (the tables, the manifest's files), and the rows of each table's ranges
    and each staged frame, concatenated in order (their files follow the run's batches: a range of
    whole batches keeps their parts as its staging)."""
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(gen.glob("*.parquet"))}
    for folder in sorted([*gen.glob("_marts/*"), *gen.glob("_staging/*")]):
        frame = pl.read_parquet(sorted(folder.glob("*.parquet")))
        rows = hashlib.sha256(str(frame.schema).encode())
        rows.update(frame.hash_rows(seed=0).to_numpy().tobytes())
        found[folder.relative_to(gen).as_posix()] = rows.hexdigest()
    return found


def canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows in a fixed order, to compare contents regardless of row order."""
    sortable = [c for c, t in frame.schema.items() if not isinstance(t, (pl.List, pl.Struct, pl.Array, pl.Object))]
    return frame.sort(sortable, nulls_last=True, maintain_order=True)


def same_marts(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> list[str]:
    """Names of the marts whose contents differ (row order ignored)."""
    return [name for name in MART_COLUMNS if not canonical(a[name]).equals(canonical(b[name]))]
