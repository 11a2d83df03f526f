"""One column of a published table, as the data dictionary, the JSON schemas and the DuckDB
comments describe it; read from a pandera model or declared by hand (the run history)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:  # a run with nothing new describes the run history without loading pandera
    import pandera.polars as pa


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    description: str
    nullable: bool = False
    unique: bool = False
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    other_checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]


def _constraints(checks: list) -> dict:
    """pandera column checks as Column fields; checks of other kinds are kept by name."""
    out: dict = {"other_checks": ()}
    for check in checks:
        stats = check.statistics or {}
        if check.name == "isin":
            out["allowed"] = tuple(stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            out["minimum"] = stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            out["maximum"] = stats["max_value"]
        elif check.name == "in_range" and stats.get("include_min", True) and stats.get("include_max", True):
            out["minimum"], out["maximum"] = stats["min_value"], stats["max_value"]
        elif check.name == "str_length":
            out["min_length"], out["max_length"] = stats.get("min_value"), stats.get("max_value")
        else:
            out["other_checks"] += (f"{check.name} {stats}",)
    return out


def table_from_model(name: str, model: type[pa.DataFrameModel], order: list[str]) -> Table:
    """The table a pandera model declares, columns in published order."""
    schema = model.to_schema()
    columns = tuple(
        Column(
            name=col_name,
            dtype=schema.columns[col_name].dtype.type,
            description=schema.columns[col_name].description or "",
            nullable=schema.columns[col_name].nullable,
            unique=schema.columns[col_name].unique,
            **_constraints(schema.columns[col_name].checks),
        )
        for col_name in order
    )
    return Table(name=name, description=(schema.description or "").strip(), columns=columns)
