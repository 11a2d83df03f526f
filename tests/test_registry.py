"""The check registry: every check is well-formed, runs through pandera, and has a test that
makes it fire on an exact line."""

import polars as pl
import pytest

from conftest import planted_expectations
from schemas.frames import BUILDERS
from schemas.registry import FRAME_TABLES, SEVERITIES, all_checks
from schemas.validate import frame_schema
from test_checks_articles import EMPTIED, MUTATIONS
from test_checks_seeds import SEED_ERRORS

# checks whose failing fixtures live in tests of files and folders rather than articles
FILE_LEVEL_TESTS = {
    "parse.empty_file": "test_parse_document.py::test_empty_binary_and_latin1_files",
    "parse.binary_file": "test_parse_document.py::test_empty_binary_and_latin1_files",
    "parse.encoding": "test_parse_document.py::test_empty_binary_and_latin1_files",
    "parse.missing_date": "test_parse_document.py::test_missing_and_malformed_date_are_issues_not_crashes",
    "parse.unread_file": "test_warehouse.py::test_raw_listing_problems_become_issue_rows",
    "parse.not_article": "test_warehouse.py::test_raw_listing_problems_become_issue_rows",
    "format.driver_alias": "test_checks_seeds.py::test_format_oddities_are_info",
    "format.position_style": "test_checks_seeds.py::test_format_oddities_are_info",
    "standings.duplicate_kept": "test_checks_seeds.py::test_gasly_52_named_inconsistent_with_evidence",
    "cross.claim_points_possible": "test_prose_forms.py::test_a_total_in_the_prose_is_bounded_by_the_points_that_could_be_scored",
    "cross.standings_result": "test_table_forms.py::test_standings_are_checked_against_the_same_article_s_results",
    # level tables warn both articles: a planted one would warn the clean fixture's table too
    "season.results_level": "test_results_agree.py::test_two_tables_level_are_both_warned_of",
    "season.times_level": "test_times_agree.py::test_two_tables_level_are_both_warned_of",
    "season.points_same_round_level": "test_season_forms.py::test_standings_after_the_same_round_are_compared",
    # two rows of one table must each change: more than one mutated line
    "results.fastest_lap_points": "test_parse_results.py::test_one_row_of_a_table_only_scores_the_fastest_laps_point",
}


def test_registry_is_well_formed():
    checks = all_checks()
    assert len({c.id for c in checks}) == len(checks)
    for check in checks:
        assert check.severity in SEVERITIES
        assert check.description and "\n" not in check.description
        assert check.frames and all(f in BUILDERS and f in FRAME_TABLES for f in check.frames)


def test_every_check_has_a_failing_fixture():
    covered = {check for cases in planted_expectations().values() for _, check in cases}
    covered |= {check for *_, check in SEED_ERRORS}
    covered |= {check for m in MUTATIONS for _, check in m[3] | m[4]}
    covered |= {check for *_, expected in EMPTIED for _, check in expected}
    covered |= set(FILE_LEVEL_TESTS)
    missing = {c.id for c in all_checks()} - covered
    assert not missing, f"checks without a failing fixture: {sorted(missing)}"


@pytest.mark.parametrize("check", all_checks(), ids=lambda c: c.id)
def test_rules_evaluate_on_every_frame_they_name(check, seeds):
    """Each rule, message and value compiles against every frame it names, on the seed data."""
    from parcferme.reference import load_reference
    from schemas.frames import CheckInput

    staging = seeds[0].staging
    ci = CheckInput(staging, load_reference())
    for frame in check.frames:
        data = ci.frame(frame)
        data.select(
            check.rule.alias("rule"), check.message.alias("message"), check.observed.alias("observed"),
            check.expected.alias("expected"), check.line.alias("issue_line"),
        )
        data.select(check.rule.fill_null(True)).to_series().cast(pl.Boolean)


def test_pandera_runs_the_rules_on_data_not_only_schema(seeds):
    """pandera checks on a LazyFrame would only look at names and dtypes: ours must fire on data."""
    from pandera.errors import SchemaErrors

    from schemas.frames import CheckInput
    from parcferme.reference import load_reference

    staging = seeds[0].staging
    frame = CheckInput(staging, load_reference()).frame("driver_standings")
    dup = [c for c in all_checks() if c.id == "standings.duplicate_driver"]
    with pytest.raises(SchemaErrors) as err:
        frame_schema("driver_standings", dup).validate(frame, lazy=True)
    failing = err.value.failure_cases["index"].to_list()
    assert sorted(frame[failing]["line"].to_list()) == [81]  # line 79, the consistent entry, is kept (standings.duplicate_kept, info)
