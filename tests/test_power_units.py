"""Power units are reference data: teams.csv says which each team raced with, aliases.csv how else
they are spelled; a team's name with its power unit is one of the team's spellings."""

import shutil

import polars as pl
import pytest

from conftest import serious, text_file
from parcferme.pipeline import build
from parcferme.reference import load_reference
from parcferme.reference.loader import DATA_DIR


def test_the_season_knows_each_teams_power_unit_and_its_spellings(reference):
    units = dict(reference.teams.filter(pl.col("season") == 2023).select("team_id", "power_unit").iter_rows())
    assert units["red-bull"] == units["alphatauri"] == "Honda RBPT"
    assert units["alpine"] == "Renault"
    assert {units[t] for t in ("mercedes", "mclaren", "aston-martin", "williams")} == {"Mercedes"}
    spellings = dict(reference.power_units.filter(pl.col("season") == 2023).select("key", "power_unit").iter_rows())
    assert spellings["rbpt"] == spellings["honda"] == spellings["honda rbpt"] == "Honda RBPT"
    names = reference.names.filter((pl.col("season") == 2023) & (pl.col("kind") == "team"))
    team_of = dict(names.select("key", "id").iter_rows())
    assert team_of["alpine renault"] == team_of["bwt alpine renault"] == "alpine"
    assert team_of["red bull racing honda rbpt"] == team_of["red bull honda"] == "red-bull"
    assert "mclaren ferrari" not in team_of and "mercedes mercedes" not in team_of
    assert names["ambiguous"].sum() == 0


def test_a_power_unit_alias_of_no_teams_power_unit_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "aliases.csv").open("a", encoding="utf-8") as aliases:
        aliases.write("power_unit,Ford Cosworth,Ford\n")
    with pytest.raises(ValueError, match="power_unit alias 'Ford Cosworth' points at unknown power unit 'Ford'"):
        load_reference(data)


def test_a_season_without_power_units_loads_and_checks_none(tmp_path):
    """teams.csv without the column (and aliases.csv without power units, which would name none): the
    teams keep their names, a power unit a row gives is kept as written and not checked, and a team
    named with its power unit is unknown, as any other name."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    teams = data / "seasons" / "2023" / "teams.csv"
    pl.read_csv(teams).drop("power_unit").write_csv(teams)
    aliases = data / "aliases.csv"
    pl.read_csv(aliases).filter(pl.col("kind") != "power_unit").write_csv(aliases)
    reference = load_reference(data)
    assert reference.power_units.is_empty()
    text = (
        " date 2023-10-26 Standings.\n\nWorld Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\n"
        "Constructors' Cup\n\n1. Red Bull Racing (Honda RBPT) 706\n\n2. Mercedes 344\n\n3. Ferrari Ferrari 322\n\n4. Alpine Renault 242\n"
    )
    marts = build([text_file("no-power-units", text)], reference)[1]
    assert marts["constructor_standings"].select("team_id", "power_unit_raw", "power_unit").rows() == [
        ("red-bull", "Honda RBPT", None), ("mercedes", None, None), (None, None, None), (None, None, None)
    ]
    assert serious(marts["validation_issues"]).filter(pl.col("check") == "parse.unknown_team")["line"].to_list() == [11, 13]
