"""The examples of README.md and docs/analysts.md run against a warehouse built from raw/, so the docs cannot rot.

Python blocks run each in a fresh namespace, SQL blocks in the warehouse's parcferme.duckdb, both
from the folder that holds `warehouse/`, as an analyst would. A block preceded by
`<!-- requires: pkg ... -->` is skipped when one of those packages is not installed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import io
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from parcferme.pipeline import build
from parcferme.quality.duckdb_views import DUCKDB_FILE, write_duckdb
from parcferme.quality.runs import append_run
from parcferme.reference import load_reference
from parcferme.warehouse import publish

ROOT = Path(__file__).resolve().parents[1]
DOCS = (ROOT / "README.md", ROOT / "docs" / "analysts.md")
FENCE = re.compile(r"(?:<!-- requires: (?P<requires>[^>]*?) -->\n)?```(?P<lang>\w+)\n(?P<code>.*?)\n```", re.S)


@dataclass(frozen=True)
class Example:
    doc: str
    lang: str
    code: str
    line: int
    requires: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.doc}-{self.lang}-line-{self.line}"


def examples(lang: str) -> list[Example]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        found += [
            Example(doc.name, m["lang"], m["code"], text.count("\n", 0, m.start("code")) + 1, tuple((m["requires"] or "").split()))
            for m in FENCE.finditer(text)
            if m["lang"] == lang
        ]
    return found


def _run(i: int, started: dt.datetime, errors: int) -> dict:
    return dict(
        run_id=f"docs-{i}", started_at=started, finished_at=started + dt.timedelta(seconds=30), articles=3, new=3 - i,
        changed=0, unchanged=i, deleted=0, taken_over=0, errors=errors, warnings=1, infos=10, verdict="errors found", generation=f"gen-{i}",
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project folder with `warehouse/` laid out as the flow publishes it, from raw/."""
    folder = tmp_path_factory.mktemp("project")
    files = [(p.stem, p.name, p.read_bytes()) for p in sorted((ROOT / "raw").glob("*.txt"))]
    staging, marts = build(files, load_reference())
    start = dt.datetime(2024, 3, 1, 8, tzinfo=dt.timezone.utc)
    runs = append_run(append_run(None, _run(0, start, 2)), _run(1, start + dt.timedelta(days=1), 3))
    buffer = io.BytesIO()
    runs.write_parquet(buffer)
    warehouse = folder / "warehouse"
    publish(warehouse, marts, staging, manifest={}, extra_files={"runs.parquet": buffer.getvalue()})
    write_duckdb(warehouse, [*marts, "runs"])
    return folder


def _skip_without(requires: tuple[str, ...]) -> None:
    missing = [name for name in requires if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"example needs {', '.join(missing)} (not installed)")


def test_the_docs_have_examples_of_each_tool():
    code = "\n".join(e.code for e in examples("python") + examples("sql"))
    for needle in ("pl.read_parquet", "parcferme.duckdb", "read_parquet(", "pd.read_parquet", "to_pandas()", "trusted_", '"check"'):
        assert needle in code, needle


@pytest.mark.parametrize("example", examples("python"), ids=lambda e: e.id)
def test_python_example(example, project, monkeypatch):
    _skip_without(example.requires)
    monkeypatch.chdir(project)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example.code, f"{example.doc}:{example.line}", "exec"), {"__name__": "__docs__"})
    assert out.getvalue().strip(), "the example prints nothing"


@pytest.mark.parametrize("example", examples("sql"), ids=lambda e: e.id)
def test_sql_example(example, project, monkeypatch):
    monkeypatch.chdir(project)
    con = duckdb.connect(str(project / "warehouse" / DUCKDB_FILE), read_only=True)
    try:
        rows = con.sql(example.code).fetchall()  # several statements: the last one's rows
    finally:
        con.close()
    assert rows, "the example returns no row"
