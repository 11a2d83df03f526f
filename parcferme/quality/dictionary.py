"""The data dictionary, generated from the contract: the pandera models (`schemas.models`), the
run history (`RUNS_TABLE`) and the check registry (`schemas.registry`).

`dictionary_markdown()` is for people, `json_schemas()` (JSON Schema draft 2020-12, one per table,
describing one row) is for tools.
"""

from __future__ import annotations

import polars as pl

from parcferme.quality.columns import Column, Table, table_from_model
from parcferme.quality.runs import RUNS_TABLE
from schemas.models import MART_COLUMNS, MODELS
from schemas.registry import FRAME_TABLES, Check, all_checks

JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
ISSUES_TABLE = "validation_issues"


def tables() -> dict[str, Table]:
    """Every published table, in warehouse order, then the run history."""
    marts = {name: table_from_model(name, model, MART_COLUMNS[name]) for name, model in MODELS.items()}
    return {**marts, RUNS_TABLE.name: RUNS_TABLE}


def check_tables(check: Check) -> list[str]:
    """The tables whose rows a check runs on (from its frames)."""
    return sorted({FRAME_TABLES.get(frame, frame) for frame in check.frames})


def checks_on(table: str) -> list[Check]:
    return [check for check in all_checks() if table in check_tables(check)]


# ---------------------------------------------------------------- markdown


def dtype_name(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Datetime):
        return f"Datetime ({dtype.time_zone or 'no time zone'}, {dtype.time_unit})"
    return str(dtype)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def constraint_text(column: Column) -> str:
    parts = []
    if column.allowed is not None:
        parts.append("one of " + ", ".join(f"`{v}`" for v in column.allowed))
    if column.minimum is not None or column.maximum is not None:
        low = "" if column.minimum is None else f"{_number(column.minimum)} ≤ "
        high = "" if column.maximum is None else f" ≤ {_number(column.maximum)}"
        parts.append(f"{low}value{high}")
    if column.min_length is not None or column.max_length is not None:
        lengths = {column.min_length, column.max_length} - {None}
        parts.append(f"{'–'.join(map(str, sorted(lengths)))} characters")
    if column.unique:
        parts.append("unique")
    parts.extend(column.other_checks)
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _column_rows(table: Table) -> list[str]:
    rows = ["| column | type | nullable | meaning | allowed values / range |", "|---|---|---|---|---|"]
    for c in table.columns:
        nullable = "yes" if c.nullable else "no"
        rows.append(f"| `{c.name}` | {dtype_name(c.dtype)} | {nullable} | {_cell(c.description)} | {_cell(constraint_text(c))} |")
    return rows


def _check_rows(checks: list[Check], with_tables: bool = False) -> list[str]:
    head = "| check | severity | " + ("tables | " if with_tables else "") + "what it checks |"
    rows = [head, "|---|---|" + ("---|" if with_tables else "") + "---|"]
    for check in sorted(checks, key=lambda c: c.id):
        where = f"{', '.join(check_tables(check))} | " if with_tables else ""
        rows.append(f"| `{check.id}` | {check.severity} | {where}{_cell(check.description)} |")
    return rows


def _table_checks_section(table: Table) -> list[str]:
    if table.name == ISSUES_TABLE:
        return ["Every check of the registry writes its findings here (see [Checks](#checks)).", ""]
    checks = checks_on(table.name)
    if not checks:
        return ["No check runs on this table.", ""]
    return [f"Checks on this table ({len(checks)}); rows they flag get `has_error` / `has_warning`:", "", *_check_rows(checks), ""]


def _table_section(table: Table) -> list[str]:
    has_flags = any(c.name == "has_error" for c in table.columns)
    where = f"File `warehouse/{table.name}.parquet`, DuckDB view `{table.name}`"
    where += f", rows without error in view `trusted_{table.name}`." if has_flags else "."
    return [f"## {table.name}", "", table.description, "", where, "", *_column_rows(table), "", *_table_checks_section(table)]


def _unpublished_checks() -> list[Check]:
    published = set(tables())
    return [c for c in all_checks() if not set(check_tables(c)) & published]


def dictionary_markdown() -> str:
    """Every table, column, dtype, nullability, meaning, allowed values, and the checks on each table."""
    all_tables = tables()
    out = [
        "# parcferme data dictionary",
        "",
        "Generated from the pandera models (`schemas/models.py`), the run history (`parcferme/quality/runs.py`)"
        " and the check registry (`schemas/registry.py`): do not edit by hand.",
        "",
        "Every row of a table keeps `article_id` and `line`: the raw file and the line it was read from."
        " A row with `has_error = true` must not be trusted; `has_warning = true` means very likely wrong;"
        " `validation_issues` says why.",
        "",
        "## Tables",
        "",
        *(f"- [{t.name}](#{t.name}): {t.description}" for t in all_tables.values()),
        "",
    ]
    for table in all_tables.values():
        out += _table_section(table)
    out += ["## Checks", "", f"All {len(all_checks())} registered checks.", "", *_check_rows(all_checks(), with_tables=True), ""]
    unpublished = _unpublished_checks()
    if unpublished:
        ids = ", ".join(f"`{c.id}`" for c in unpublished)
        out += [f"Table `lines` is the raw lines: not published. Issues of {ids} are only in `validation_issues`"
                " (with the raw line in `raw_text`).", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- JSON Schema


def json_type(dtype: pl.DataType) -> dict:
    if dtype == pl.String:
        return {"type": "string"}
    if dtype == pl.Boolean:
        return {"type": "boolean"}
    if dtype.is_integer():
        return {"type": "integer"}
    if dtype.is_float():
        return {"type": "number"}
    if dtype == pl.Date:
        return {"type": "string", "format": "date"}
    if isinstance(dtype, pl.Datetime):
        return {"type": "string", "format": "date-time"}
    raise ValueError(f"no JSON Schema type for polars dtype {dtype}")


def column_json_schema(column: Column) -> dict:
    schema = {"description": column.description, **json_type(column.dtype)}
    if column.nullable:
        schema["type"] = [schema["type"], "null"]
    if column.allowed is not None:
        schema["enum"] = [*column.allowed, *([None] if column.nullable else [])]
    bounds = {"minimum": column.minimum, "maximum": column.maximum, "minLength": column.min_length, "maxLength": column.max_length}
    schema.update({key: value for key, value in bounds.items() if value is not None})
    return schema


def table_json_schema(table: Table) -> dict:
    return {
        "$schema": JSON_SCHEMA_DRAFT,
        "title": table.name,
        "description": f"One row of {table.name}. {table.description}",
        "type": "object",
        "properties": {column.name: column_json_schema(column) for column in table.columns},
        "required": [column.name for column in table.columns],
        "additionalProperties": False,
    }


def json_schemas() -> dict[str, dict]:
    """A JSON Schema (draft 2020-12) per table, describing one row as an object."""
    return {name: table_json_schema(table) for name, table in tables().items()}
