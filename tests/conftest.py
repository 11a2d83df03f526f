"""Shared fixtures: the seed articles, the test articles written from real 2023 results, and
the core pipeline run over them (no Prefect)."""

from __future__ import annotations

import csv
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

# Prefect, offline and isolated: its own home per test session, no analytics
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="parcferme-prefect-home-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.pop("PREFECT_API_URL", None)

import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parcferme.pipeline import build  # noqa: E402
from parcferme.reference import load_reference  # noqa: E402
from schemas.validate import NO_DETAIL  # noqa: E402

RAW = ROOT / "raw"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
CLEAN = FIXTURES / "clean"
PLANTED = FIXTURES / "planted"
SEED_USGP = "2023-10-26_perez-home-race-usgp-results"
SEED_BRAZIL = "2023-11-06_perez-alonso-brazil"
SEED_P2 = "2023-11-24_perez-secures-p2"


def script(name: str):
    """The module of scripts/<name>.py (scripts/ is no package), loaded once and kept in sys.modules
    under its name: a dataclass looks its module up there."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def article_files(folder: Path) -> list[tuple[str, str, bytes]]:
    return [(p.stem, p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]


def text_file(article_id: str, text: str) -> tuple[str, str, bytes]:
    return (article_id, f"{article_id}.txt", text.encode("utf-8"))


# the standings after Austin: drivers (Verstappen 466, Perez 240, Hamilton 201, Alonso 183, Sainz 171,
# Norris 159...) and constructors (Red Bull 706, Mercedes 344, Ferrari 322, McLaren 242, Aston Martin 236...)
AUSTIN = (CLEAN / "2023-10-25_championship-standings-after-austin.txt").read_text(encoding="utf-8")


def austin_with_prose(article_id: str, prose: str) -> tuple[str, str, bytes]:
    """The Austin standings article with a prose paragraph before its constructors' table (line 51)."""
    return text_file(article_id, AUSTIN.replace("\n\nConstructors' Cup", f"\n\n{prose}\n\nConstructors' Cup"))


def austin_with_paragraphs(article_id: str, sentences: list[str]) -> tuple[str, str, bytes]:
    """The Austin standings article with each sentence a paragraph of its own before its standings
    heading (lines 3, 5, 7...)."""
    return text_file(article_id, AUSTIN.replace("\n\nWorld Championship", "\n\n" + "\n\n".join(sentences) + "\n\nWorld Championship", 1))


def austin_then(later: str) -> list[tuple[str, str, bytes]]:
    """The Austin standings article ('austin', 2023-10-25) and a later one ('preview') with no table."""
    return [text_file("austin", AUSTIN), text_file("preview", later)]


def serious(issues: pl.DataFrame) -> pl.DataFrame:
    return issues.filter(pl.col("severity").is_in(["error", "warning"]))


def issue_set(issues: pl.DataFrame, article_id: str | None = None) -> set[tuple]:
    frame = serious(issues)
    if article_id is not None:
        frame = frame.filter(pl.col("article_id") == article_id)
        return set(frame.select("line", "check").iter_rows())
    return set(frame.select("article_id", "line", "check").iter_rows())


def _planted_rows() -> list[dict]:
    with (PLANTED / "expected_issues.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def planted_expectations() -> dict[str, set[tuple[int | None, str]]]:
    """Per planted file, the (line, check) of the errors and warnings expected on its own lines."""
    expected: dict[str, set[tuple[int | None, str]]] = {}
    for row in _planted_rows():
        if not row.get("in_article"):
            line = int(row["line"]) if row["line"] else None
            expected.setdefault(row["file"], set()).add((line, row["check"]))
    return expected


def planted_elsewhere() -> dict[str, set[tuple[str, int, str]]]:
    """Per planted file, the (article, line, check) expected on a clean article's lines because of
    it (`in_article`): two tables after the same round giving different points are each warned of."""
    expected: dict[str, set[tuple[str, int, str]]] = {}
    for row in _planted_rows():
        if row.get("in_article"):
            expected.setdefault(row["file"], set()).add((row["in_article"], int(row["line"]), row["check"]))
    return expected


@pytest.fixture(scope="session")
def reference():
    return load_reference()


@pytest.fixture(scope="session")
def seed_files():
    return article_files(RAW)


@pytest.fixture(scope="session")
def clean_files():
    return article_files(CLEAN)


@pytest.fixture(scope="session")
def seeds(seed_files, reference):
    """(staging, marts) for the three seed articles."""
    return build(seed_files, reference)


@pytest.fixture(scope="session")
def clean(clean_files, reference):
    """(staging, marts) for the clean test articles."""
    return build(clean_files, reference)


@pytest.fixture(scope="session")
def run_core(reference):
    def run(files):
        marts = build(files, reference)[1]
        messages = marts["validation_issues"]["message"]
        assert not messages.str.ends_with(NO_DETAIL).any(), "a check's message came out null"
        return marts

    return run


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session (starting one takes seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
