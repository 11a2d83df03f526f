"""`parcferme.duckdb`: a DuckDB file of views over the warehouse's Parquet files.

Each view reads the stable top-level `<warehouse>/<table>.parquet` symlink by its absolute path,
so it follows every new generation and works from any working directory. `trusted_<table>`
keeps the rows with has_error = false. Views and their columns carry the data dictionary's
descriptions as comments. The file is written under a temporary name and renamed over the old
one, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from parcferme.quality.columns import Table
from parcferme.warehouse import fsync_path

if TYPE_CHECKING:
    import duckdb

DUCKDB_FILE = "parcferme.duckdb"
# written in a format DuckDB 1.0 and later can open (analysts' clients may be older than ours)
STORAGE_VERSION = "v1.0.0"


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _parquet_columns(con: duckdb.DuckDBPyConnection, source: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]


def _comment(con: duckdb.DuckDBPyConnection, view: str, columns: list[str], described: Table) -> None:
    table = described.name
    prefix = "" if view == table else f"Rows of {table} with has_error = false. "
    con.execute(f"COMMENT ON VIEW {sql_name(view)} IS {sql_string(prefix + described.description)}")
    for column in described.columns:
        if column.name in columns:
            con.execute(f"COMMENT ON COLUMN {sql_name(view)}.{sql_name(column.name)} IS {sql_string(column.description)}")


def _create_views(con: duckdb.DuckDBPyConnection, table: str, parquet: Path, described: dict[str, Table]) -> None:
    """The view of `table`, and trusted_<table> when the table has has_error, with comments."""
    source = f"read_parquet({sql_string(str(parquet))})"
    columns = _parquet_columns(con, source)
    views = {table: f"SELECT * FROM {source}"}
    if "has_error" in columns:
        views[f"trusted_{table}"] = f"SELECT * FROM {source} WHERE has_error = false"
    for view, query in views.items():
        con.execute(f"CREATE VIEW {sql_name(view)} AS {query}")
        if table in described:
            _comment(con, view, columns, described[table])


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def write_duckdb(warehouse_dir: Path, tables: list[str]) -> Path:
    """Write `<warehouse_dir>/parcferme.duckdb` with a view per table (and trusted_ views); return its path."""
    root = Path(os.path.abspath(warehouse_dir))  # absolute, but the table symlinks are not resolved
    missing = [t for t in tables if not (root / f"{t}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"no Parquet file for {', '.join(missing)} in {root}")
    from parcferme.quality.dictionary import tables as dictionary_tables  # here: it loads the pandera models, which a run with nothing new does without

    described = dictionary_tables()
    target, tmp = root / DUCKDB_FILE, root / f".{DUCKDB_FILE}.{os.getpid()}.tmp"
    _remove(tmp, Path(f"{tmp}.wal"))
    import duckdb  # here, not at the top: the flow's module is imported by every Dask worker, which never writes this file

    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {sql_string(str(tmp))} AS parcferme_build (STORAGE_VERSION {sql_string(STORAGE_VERSION)})")
        con.execute("USE parcferme_build")
        con.execute("BEGIN")  # one transaction: a commit per statement costs a write each
        for table in tables:
            _create_views(con, table, root / f"{table}.parquet", described)
        con.execute("COMMIT")
        con.execute("USE memory")
        con.execute("DETACH parcferme_build")
    except BaseException:
        con.close()
        _remove(tmp, Path(f"{tmp}.wal"))
        raise
    con.close()
    fsync_path(tmp)
    os.replace(tmp, target)
    fsync_path(root)
    return target
