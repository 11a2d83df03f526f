"""A sprint's results table: read as the sprint's (`race_results.session`), its points checked by the
sprint's points system, its weekend checked against the calendar, and its tables compared with
other tables of that sprint only, never with the race's."""

import csv

import polars as pl
import pytest

from conftest import CLEAN, serious, text_file

SPRINT_ARTICLE = "2023-07-29_verstappen-wins-the-wet-spa-sprint"
SPRINT_TEXT = (CLEAN / f"{SPRINT_ARTICLE}.txt").read_text(encoding="utf-8")
SPRINT_HEADING = "Belgian GP sprint, Circuit de Spa-Francorchamps"
REAL = CLEAN.parents[1] / "f1db-2023-results" / "sprint_results_rounds_1_12_18.csv"


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_the_sprint_table_is_the_real_sprint(clean):
    _, marts = clean
    got = marts["race_results"].filter(pl.col("article_id") == SPRINT_ARTICLE)
    with REAL.open(encoding="utf-8") as handle:
        real = [r for r in csv.DictReader(handle) if r["round"] == "12"]
    winner_ms = int(real[0]["time_millis"])
    expected = sorted(
        (
            r["driver_id"], r["constructor_id"], int(r["position"]) if r["position"] else None,
            "classified" if r["position"] else "retired",
            int(r["time_millis"]) - winner_ms if r["time_millis"] else None,
            float(r["points"]) if r["position"] and int(r["points"]) else None,
        )
        for r in real
    )
    rows = sorted(got.select("driver_id", "team_id", "position", "status", "gap_ms", "points").iter_rows())
    assert rows == expected
    assert got.select("round", "session", "event", "circuit").unique().rows() == [(12, "sprint", "Belgian GP", "Circuit de Spa-Francorchamps")]
    assert got.filter(pl.col("position") == 1).select("laps", "time_ms").row(0) == (11, winner_ms)
    # the race of the same weekend, in another clean article, stays the race's
    race = marts["race_results"].filter(pl.col("article_id") == "2023-08-01_verstappen-spa-twelve-out-of-twelve")
    assert race["session"].unique().to_list() == ["race"]


@pytest.mark.parametrize("heading, session, event, circuit", [
    ("Belgian GP sprint, Circuit de Spa-Francorchamps", "sprint", "Belgian GP", "Circuit de Spa-Francorchamps"),
    ("Sprint: Belgian Grand Prix", "sprint", "Belgian Grand Prix", None),
    ("Sprint race Belgian GP, Spa-Francorchamps", "sprint", "Belgian GP", "Spa-Francorchamps"),
    ("Belgian Grand Prix - Sprint results", "sprint", "Belgian Grand Prix", None),
    ("Belgian GP, Spa-Francorchamps (sprint)", "sprint", "Belgian GP", "Spa-Francorchamps"),
    ("Belgian GP, Spa-Francorchamps, sprint:", "sprint", "Belgian GP", "Spa-Francorchamps"),
    ("Belgian GP, Circuit de Spa-Francorchamps", "race", "Belgian GP", "Circuit de Spa-Francorchamps"),
])
def test_a_heading_says_the_table_is_a_sprints(run_core, heading, session, event, circuit):
    marts = run_core([text_file("sprint", _with(SPRINT_TEXT, SPRINT_HEADING, heading))])
    got = marts["race_results"]
    assert got.select("round", "session", "event", "circuit").unique().rows() == [(12, session, event, circuit)]
    # as a race's table, the sprint's points and its 11 laps are wrong for the Grand Prix, run the day after the article
    race = {(7, "ref.results_before_race"), (9, "results.race_distance"), *((line, "results.points") for line in range(9, 24, 2))}
    expected = set() if session == "sprint" else race
    assert set(serious(marts["validation_issues"]).select("line", "check").iter_rows()) == expected


def test_a_sprint_shootout_is_no_sprint_race(run_core):
    """A sprint shootout (qualifying for the sprint) names no race: its heading is an unknown event."""
    marts = run_core([text_file("shootout", _with(SPRINT_TEXT, SPRINT_HEADING, "Sprint Shootout Belgian GP"))])
    issues = serious(marts["validation_issues"])
    assert issues.select("line", "check").rows() == [(7, "parse.unknown_event")]
    assert marts["race_results"]["round"].null_count() == marts["race_results"].height


def test_a_sprints_points_are_the_sprint_systems(run_core):
    """8 to 1 for the first eight, and no fastest lap's point: a Grand Prix's points, or one more, are wrong."""
    text = _with(SPRINT_TEXT, "11 laps in 24:58.433, 8 pts", "11 laps in 24:58.433, 9 pts")
    text = _with(text, "+6.677, 7 pts", "+6.677, 18 pts")
    text = _with(text, "+22.410\n", "+22.410, 1 pt\n")
    issues = serious(run_core([text_file("points", text)])["validation_issues"])
    assert issues.select("line", "check", "message").rows() == [
        (9, "results.points", "the row gives 9 points for position 1, which scores 8 in a sprint of 2023"),
        (11, "results.points", "the row gives 18 points for position 2, which scores 7 in a sprint of 2023"),
        (25, "results.points", "the row gives 1 point for position 9, which scores 0 in a sprint of 2023"),
    ]


def test_a_sprint_on_a_weekend_without_one_is_an_error(run_core):
    text = _with(SPRINT_TEXT, SPRINT_HEADING, "Monaco GP sprint, Circuit de Monaco")
    issues = serious(run_core([text_file("monaco", text)])["validation_issues"])
    assert issues.select("line", "check", "message", "observed").rows() == [(
        7, "ref.sprint_weekend",
        "this heading gives a sprint's results, but the weekend of the Monaco Grand Prix 2023 had no sprint in the calendar",
        "Monaco GP, Circuit de Monaco",
    ), (
        # the Spa sprint's Ricciardo, in an AlphaTauri seat from round 11 only
        27, "cross.team_roster",
        "Daniel Ricciardo is listed with AlphaTauri, but raced for no team in round 6 of 2023 (his rounds of 2023: 11 to 12, 18 to 22)",
        "AlphaTauri",
    )]


def test_the_prose_is_checked_against_the_race_not_the_sprint(run_core, clean_files):
    """An article giving the sprint's table before the race's: 'Leclerc finished third' is the race's
    place (fifth in the sprint)."""
    spa = next(text for stem, _, text in clean_files if stem == "2023-08-01_verstappen-spa-twelve-out-of-twelve").decode("utf-8")
    sprint_table = SPRINT_TEXT[SPRINT_TEXT.index(SPRINT_HEADING):].rstrip("\n")
    both = _with(spa, "Belgian GP, Circuit de Spa-Francorchamps", f"{sprint_table}\n\nBelgian GP, Circuit de Spa-Francorchamps")
    marts = run_core([text_file("weekend", both)])
    assert serious(marts["validation_issues"]).is_empty()
    finish = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("driver_id") == "charles-leclerc"))
    assert finish["position"].to_list() == [3]
    assert marts["race_results"].group_by("session").len().sort("session").rows() == [("race", 20), ("sprint", 20)]
    # an article giving the sprint's table only: a place in the race is checked against no table of it
    alone = _with(SPRINT_TEXT, "\n\nBelgian GP sprint", "\n\nCharles Leclerc finished third.\n\nBelgian GP sprint")
    marts = run_core([text_file("sprint", alone)])
    finishes = marts["claims"].filter(pl.col("kind") == "finish").select("line", "driver_id", "position", "session")
    assert finishes.rows() == [
        (1, "max-verstappen", 1, "sprint"), (1, "oscar-piastri", 2, "sprint"), (1, "pierre-gasly", 3, "sprint"), (7, "charles-leclerc", 3, "race"),
    ]
    assert serious(marts["validation_issues"]).is_empty()


def test_the_tables_of_a_sprint_are_compared_with_each_other_only(run_core, clean_files):
    """Three tables of the Spa sprint, one giving Gasly fourth and Sainz third: it is outvoted, named
    as the sprint's; the race's table of that weekend (Gasly 11th) is compared with none of them."""
    swapped = _with(SPRINT_TEXT, "3. Pierre Gasly (FRA), Alpine, +10.733, 6 pts", "3. Carlos Sainz Jr. (ESP), Ferrari, +10.733, 6 pts")
    swapped = _with(swapped, "4. Carlos Sainz Jr. (ESP), Ferrari, +12.648, 5 pts", "4. Pierre Gasly (FRA), Alpine, +12.648, 5 pts")
    files = [*clean_files, text_file("2023-07-30_sprint-again", SPRINT_TEXT), text_file("2023-07-30_sprint-swapped", swapped)]
    issues = serious(run_core(files)["validation_issues"])
    flagged = issues.filter(pl.col("check") == "season.results_agree").sort("line")
    assert flagged.select("article_id", "line").rows() == [("2023-07-30_sprint-swapped", 13), ("2023-07-30_sprint-swapped", 15)]
    assert "the sprint of the Belgian Grand Prix 2023" in flagged["message"][0]
    assert issues.filter(pl.col("article_id") != "2023-07-30_sprint-swapped").is_empty()


SPA_RACE = "2023-08-01_verstappen-spa-twelve-out-of-twelve"


def _spa_with(clean_files, sentences: list[str]) -> tuple[str, str, bytes]:
    """The Spa race article (its race's table only, published 2023-08-01) with each sentence a
    paragraph of its own after its first (lines 3, 5, ...)."""
    spa = next(text for stem, _, text in clean_files if stem == SPA_RACE).decode("utf-8")
    head, rest = spa.split("\n\n", 1)
    return text_file("2023-08-01_sprint-prose", head + "\n\n" + "".join(f"{s}\n\n" for s in sentences) + rest)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a race named by none: the article's table's (the Belgian GP), the sprint's the latest by the article's date (Spa's)
        ("Piastri finished second in the sprint.", [("oscar-piastri", 2, "sprint", "Belgian Grand Prix")]),
        ("Piastri finished the sprint in second.", [("oscar-piastri", 2, "sprint", "Belgian Grand Prix")]),
        ("Gasly took third place in the sprint.", [("pierre-gasly", 3, "sprint", "Belgian Grand Prix")]),
        ("In the sprint, Gasly finished third.", [("pierre-gasly", 3, "sprint", "Belgian Grand Prix")]),
        ("Norris finished sixth in Saturday's sprint race.", [("lando-norris", 6, "sprint", "Belgian Grand Prix")]),
        ("Verstappen won the sprint.", [("max-verstappen", 1, "sprint", "Belgian Grand Prix")]),
        ("Verstappen took victory in the sprint.", [("max-verstappen", 1, "sprint", "Belgian Grand Prix")]),
        ("Verstappen took the sprint win.", [("max-verstappen", 1, "sprint", "Belgian Grand Prix")]),
        # the race named: in the sprint's words, after them, or leading the sentence
        ("Verstappen won the Spa sprint on Saturday.", [("max-verstappen", 1, "sprint", "Belgian Grand Prix")]),
        ("Verstappen won Saturday's sprint at Spa.", [("max-verstappen", 1, "sprint", "Belgian Grand Prix")]),
        ("Sainz finished fourth in the sprint in Austin.", [("carlos-sainz-jr", 4, "sprint", "United States Grand Prix")]),
        ("In the sprint at Spa, Gasly finished third.", [("pierre-gasly", 3, "sprint", "Belgian Grand Prix")]),
        # the race said as well: each place is its own session's
        ("Verstappen won the sprint and finished first in the race.", [("max-verstappen", 1, "race", "Belgian Grand Prix"), ("max-verstappen", 1, "sprint", "Belgian Grand Prix")]),
        ("Gasly took third place in the sprint, and Ocon finished eighth in the Grand Prix.", [("esteban-ocon", 8, "race", "Belgian Grand Prix"), ("pierre-gasly", 3, "sprint", "Belgian Grand Prix")]),
        # a verb left out: the session and race of the place before it
        ("Verstappen won the sprint, with Piastri second and Gasly third.", [("max-verstappen", 1, "sprint", "Belgian Grand Prix"), ("oscar-piastri", 2, "sprint", "Belgian Grand Prix"), ("pierre-gasly", 3, "sprint", "Belgian Grand Prix")]),
        ("Verstappen won the sprint in Qatar, with Piastri second.", [("max-verstappen", 1, "sprint", "Qatar Grand Prix"), ("oscar-piastri", 2, "sprint", "Qatar Grand Prix")]),
        ("Verstappen won the sprint in Atlantis, with Piastri second.", []),
        # the words do not say which: neither
        ("After his sprint win, Verstappen finished first.", []),
        ("Verstappen won the sprint in Atlantis.", []),  # the sprint of a place that is no race
        ("Piastri finished second in the sprint shootout.", []),  # qualifying
    ],
)
def test_a_place_in_the_sprint_is_read_as_the_sprints(run_core, clean_files, sentence, expected):
    marts = run_core([_spa_with(clean_files, [sentence])])
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") == 3))
    assert finishes.sort("session", "driver_id").select("driver_id", "position", "session", "race").rows() == expected


def test_a_place_in_the_sprint_is_checked_against_the_articles_sprint_table(run_core):
    """In the sprint's own article, a place in the sprint is the table's; a place in the race is
    checked against no table there (the article has none of the race, and none of the race by its date)."""
    sentences = ["Piastri finished third in the sprint.", "Norris won the sprint.", "Perez finished fifth in the sprint.", "Gasly took third place in the sprint.", "Verstappen finished second in the race."]
    text = _with(SPRINT_TEXT, "\n\nBelgian GP sprint", "".join(f"\n\n{s}" for s in sentences) + "\n\nBelgian GP sprint")
    issues = serious(run_core([text_file("2023-07-29_sprint-prose", text)])["validation_issues"])
    assert issues.select("line", "check", "observed", "expected", "message").rows() == [
        (7, "cross.claim_finish", "3", "2", "the text puts Oscar Piastri in place 3 of the sprint, the results table on line 21 classifies Oscar Piastri in place 2"),
        (9, "cross.claim_finish", "1", "6", "the text puts Lando Norris in place 1 of the sprint, the results table on line 29 classifies Lando Norris in place 6"),
        (11, "cross.claim_finish", "5", "retired", "the text puts Sergio Pérez in place 5 of the sprint, the results table on line 57 lists Sergio Pérez as retired"),
    ]


def test_a_place_in_the_sprint_without_its_table_is_checked_against_the_sprints_tables(run_core, clean_files):
    """The race's article gives no sprint table: its places in the sprint are compared with the tables of
    the latest sprint by its date in other articles (the Spa sprint's), never with the race's table."""
    sentences = ["Piastri finished third in the sprint.", "Piastri finished second in the sprint.", "Gasly took eleventh place in the sprint."]
    marts = run_core([*clean_files, _spa_with(clean_files, sentences)])
    issues = serious(marts["validation_issues"]).filter(pl.col("article_id") == "2023-08-01_sprint-prose")
    assert issues.select("line", "check", "observed", "expected").rows() == [
        (3, "season.claim_finish_vs_results", "3", "2"), (7, "season.claim_finish_vs_results", "11", "3"),
    ]
    assert issues["message"][0] == (
        "the text puts Oscar Piastri in place 3 of the sprint, but the tables of the sprint of the Belgian Grand Prix 2023 "
        f"(the latest sprint by 2023-08-01) in other articles, 1 of them (the last {SPRINT_ARTICLE}, line 11), classify Oscar Piastri in place 2"
    )


@pytest.mark.parametrize(
    "published, flagged",
    [
        ("2023-07-29", True),  # the sprint's day: that sprint's, or the one before (Austria's, of no table): Spa's
        ("2023-07-28", False),  # before it: Austria's, of which no table
    ],
)
def test_the_sprint_a_place_is_of_follows_the_sprints_dates(run_core, published, flagged):
    """An article with no table: the latest sprint by its date (calendar.csv `sprint_date`), and on a
    sprint's day the one before it too."""
    article = text_file(f"{published}_sprint-news", f" date {published} Sprint news.\n\nPiastri finished third in the sprint.\n")
    issues = serious(run_core([text_file(SPRINT_ARTICLE, SPRINT_TEXT), article])["validation_issues"])
    assert issues.filter(pl.col("article_id") == f"{published}_sprint-news")["check"].to_list() == (["season.claim_finish_vs_results"] if flagged else [])


def test_the_calendar_gives_each_sprints_date_and_a_season_without_them_takes_the_day_before(tmp_path):
    import shutil

    from parcferme.reference import load_reference
    from parcferme.reference.loader import DATA_DIR

    given = load_reference().calendar.filter(pl.col("has_sprint")).select("round", pl.col("sprint_date").cast(pl.String))
    assert given.rows() == [(4, "2023-04-29"), (9, "2023-07-01"), (12, "2023-07-29"), (17, "2023-10-07"), (18, "2023-10-21"), (20, "2023-11-04")]
    assert load_reference().calendar.filter(~pl.col("has_sprint"))["sprint_date"].null_count() == 16
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    calendar = data / "seasons" / "2023" / "calendar.csv"
    pl.read_csv(calendar, infer_schema_length=0).drop("sprint_date").write_csv(calendar)
    derived = load_reference(data).calendar.filter(pl.col("has_sprint")).select("round", pl.col("sprint_date").cast(pl.String))
    assert derived.rows() == given.rows()


def test_a_place_in_the_sprint_of_a_weekend_without_one_is_an_error(run_core, clean_files):
    """'won the sprint in Monaco': the calendar has no sprint that weekend; Austin's had one."""
    marts = run_core([_spa_with(clean_files, ["Norris won the sprint in Monaco.", "Verstappen won the sprint in Austin."])])
    issues = serious(marts["validation_issues"]).filter(pl.col("check") == "ref.claim_sprint_weekend")
    assert issues.select("line", "observed", "message").rows() == [
        (3, "Monaco", "the text puts Lando Norris in place 1 of a sprint of the Monaco Grand Prix 2023, but that weekend had no sprint in the calendar"),
    ]
