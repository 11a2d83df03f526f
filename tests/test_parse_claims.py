"""Prose claims: the seeds, the clean articles' documented claims, each phrasing, and the polars gates
that spare Python the patterns which cannot match."""

import re

import polars as pl
import pytest

from conftest import CLEAN, FIXTURES, RAW, SEED_BRAZIL, SEED_P2, SEED_USGP, austin_with_paragraphs, austin_with_prose, text_file
from parcferme.parse.claims import (
    CLAIM_PATTERNS, GATE_WORD, GATES, OTHER_RACE, PYTHON_SPACE, ROLE_BIT, ROLE_GATE, RUNNER_UP, SENTENCE_SPLIT, SERIES_BIT, WORD_CLASS, ProseReader, _gate, _rust, read_prose,
    split_sentences,
)


def test_seed_claims(seeds):
    _, marts = seeds
    claims = marts["claims"]
    points = set(claims.filter(pl.col("kind") == "points").select("article_id", "line", "driver", "points").iter_rows())
    assert points == {(SEED_P2, 19, "Sergio Pérez", 273.0), (SEED_P2, 19, "Max Verstappen", 549.0)}
    margin = claims.filter(pl.col("kind") == "margin").select("article_id", "line", "driver", "rival", "margin").rows()
    assert margin == [(SEED_BRAZIL, 15, "Sergio Pérez", "Lewis Hamilton", 32.0)]
    positions = set(claims.filter(pl.col("kind") == "position").select("article_id", "line", "driver", "position", "series").iter_rows())
    # line 11: "Horner praised Sergio Perez's performance ... as the Mexican secured second place in the drivers' championship table"
    assert positions == {(SEED_USGP, 9, "Sergio Pérez", 2, "WRC"), (SEED_P2, 1, "Sergio Pérez", 2, "F1"), (SEED_P2, 11, "Sergio Pérez", 2, None)}


def test_seed_series_mentions(seeds):
    _, marts = seeds
    mentions = marts["series_mentions"]
    wrc = mentions.filter(pl.col("series") == "WRC").row(0, named=True)
    assert (wrc["article_id"], wrc["line"], wrc["driver"], wrc["has_role"], wrc["is_past"]) == (SEED_USGP, 9, "Sergio Pérez", True, False)
    assert wrc["text"].endswith("explains the current WRC runner-up.")
    assert set(mentions["series"]) == {"WRC", "F1"}


def _documented_claims() -> set[tuple]:
    """The claims tables of tests/fixtures/articles/clean/EXPECTED.md: (article, line, kind, driver, rival, value)."""
    rows = set()
    article = None
    for text in (CLEAN / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"## `(.+)\.txt`", text):
            article = m.group(1)
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if article and len(cells) == 6 and cells[0].isdigit() and cells[1] in {"points", "margin", "position", "finish", "time_gap"}:
            rows.add((article, int(cells[0]), cells[1], cells[2], cells[3] or None, float(cells[4])))
    return rows


def test_clean_articles_claims_match_their_documentation(clean):
    _, marts = clean
    claims = marts["claims"].with_columns(
        pl.coalesce(pl.col("points"), pl.col("margin"), pl.col("position").cast(pl.Float64), pl.col("gap_ms").cast(pl.Float64)).alias("value")
    )
    got = set(claims.select("article_id", "line", "kind", "driver_id", "rival_id", "value").iter_rows())
    documented = _documented_claims()
    assert len(documented) > 40
    assert documented <= got
    # "X leads the standings with N points" also gives X's place: first
    extra = got - documented
    leaders = set(claims.filter(pl.col("text").str.contains(" leads ")).select("article_id", "line").iter_rows())
    assert all(kind == "position" and value == 1.0 and (a, line) in leaders for a, line, kind, _, _, value in extra), extra


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Verstappen has 466 points.", [("points", "max-verstappen", None, 466.0)]),
        ("Verstappen leads the standings with 466 points.", [("points", "max-verstappen", None, 466.0), ("position", "max-verstappen", None, 1.0)]),
        ("Pérez is on 240 points.", [("points", "sergio-perez", None, 240.0)]),
        ("With 240 points to his name, Pérez is second.", [("points", "sergio-perez", None, 240.0)]),
        ("Verstappen is 226 points clear of Pérez.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Perez increased his lead to 39 points over Hamilton.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        (
            "Sergio Perez has 240 points, while Lewis Hamilton has 201 points.",
            [("points", "sergio-perez", None, 240.0), ("points", "lewis-hamilton", None, 201.0)],
        ),
        ("Sergio Perez is second in the drivers' championship.", [("position", "sergio-perez", None, 2.0)]),
        # no figure in digits, and no word a place is often said with: read all the same
        ("Hamilton is second in the title race.", [("position", "lewis-hamilton", None, 2.0)]),
        ("Ferrari are third in the constructors' table.", [("position", None, None, 3.0)]),
        # every place of a grid in words, not the first twelve only
        ("Hülkenberg is thirteenth in the standings.", [("position", "nico-hulkenberg", None, 13.0)]),
        ("Sargeant is twenty-first in the championship.", [("position", "logan-sargeant", None, 21.0)]),
        ("Bottas finished seventeenth in the race.", [("finish", "valtteri-bottas", None, 17.0)]),
        # a place in the race said otherwise
        ("Albon brought his Williams home in ninth.", [("finish", "alexander-albon", None, 9.0)]),
        ("Gasly finished the Grand Prix in tenth.", [("finish", "pierre-gasly", None, 10.0)]),
        ("Alonso was fifth at the flag.", [("finish", "fernando-alonso", None, 5.0)]),
        # points abbreviated
        ("Verstappen has 466 pts.", [("points", "max-verstappen", None, 466.0)]),
        ("Hamilton is third with 201 pts.", [("points", "lewis-hamilton", None, 201.0), ("position", "lewis-hamilton", None, 3.0)]),
        # a team's two claims joined by "and"
        ("Red Bull have 706 points and are first in the constructors' standings.", [("points", None, None, 706.0), ("position", None, None, 1.0)]),
        # a comma between thousands
        ("Red Bull have 1,028 points.", [("points", None, None, 1028.0)]),
        ("Verstappen has 1,028 points and is first in the championship.", [("points", "max-verstappen", None, 1028.0), ("position", "max-verstappen", None, 1.0)]),
        ("Gasly has 12,5 points.", [("points", "pierre-gasly", None, 12.5)]),
        # a half written as "½"
        ("Gasly has 12½ points.", [("points", "pierre-gasly", None, 12.5)]),
        ("Verstappen is 225½ points clear of Pérez.", [("margin", "max-verstappen", "sergio-perez", 225.5)]),
        # the championship's name written as a title
        ("Norris is second in the World Drivers' Championship.", [("position", "lando-norris", None, 2.0)]),
        ("Mercedes are second in the Constructors' Championship.", [("position", None, None, 2.0)]),
        ("Verstappen leads the Championship by 226 points.", [("lead", "max-verstappen", None, 226.0), ("position", "max-verstappen", None, 1.0)]),
        ("The championship runner-up Perez drove well.", [("position", "sergio-perez", None, 2.0)]),
        ("Hamilton finished third in the race.", [("finish", "lewis-hamilton", None, 3.0)]),  # a place in the race, not the championship
        ("Hamilton finished third in the championship.", []),
        ("Verstappen's tally now stands at 466 points.", [("points", "max-verstappen", None, 466.0)]),
        ("Verstappen, on 466 points, is out of reach.", [("points", "max-verstappen", None, 466.0)]),
        ("Pérez trails Verstappen by 226 points.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        # the rival named before the figure, or the driver behind closing in
        ("Pérez has extended his lead over Hamilton to 39 points.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Hamilton closed the gap to Pérez to 39 points.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Hamilton cut Pérez's advantage to 39 points.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Hamilton has reduced his deficit to Pérez to just 39 points.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        # a place said before a margin in points is the standings' place
        ("Hamilton is third, 39 points behind Pérez.", [("margin", "sergio-perez", "lewis-hamilton", 39.0), ("position", "lewis-hamilton", None, 3.0)]),
        ("Hamilton was third, 39 points behind Pérez.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),  # a past moment's place
        ("Hamilton is 39 points adrift of Pérez.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Hamilton finished 39 points behind Pérez's time in qualifying, on 201 points.", []),
        ("Norris finished 10 seconds behind Verstappen.", [("time_gap", "max-verstappen", "lando-norris", 10000.0)]),  # a time at the flag, no points margin
        ("Verstappen now has a lead of 226 points over Pérez.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Pérez's advantage over Hamilton is 39 points.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Hamilton is now just 39 points behind Pérez.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Pérez is still only 39 points clear of Hamilton.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Pérez holds second place with 240 points.", [("points", "sergio-perez", None, 240.0), ("position", "sergio-perez", None, 2.0)]),
        ("Hamilton sits third on 201 points.", [("points", "lewis-hamilton", None, 201.0), ("position", "lewis-hamilton", None, 3.0)]),
        ("Verstappen moved onto 466 points.", [("points", "max-verstappen", None, 466.0)]),
        ("Verstappen took his tally to 466 points.", [("points", "max-verstappen", None, 466.0)]),
        ("Verstappen remains at the top of the standings with 466 points.", [("points", "max-verstappen", None, 466.0), ("position", "max-verstappen", None, 1.0)]),
        ("Hamilton, third in the championship, has 201 points.", [("points", "lewis-hamilton", None, 201.0), ("position", "lewis-hamilton", None, 3.0)]),
        ("Hamilton, who has 201 points, was disqualified.", [("points", "lewis-hamilton", None, 201.0)]),
        ("Unlike Pérez, Hamilton, the seven-time champion, has 201 points.", [("points", "lewis-hamilton", None, 201.0)]),
        # an aside between a pair and its verb does not make the second one's the pair's figure
        ("Norris and Piastri, both of them, have 242 points.", []),
        ("Pérez, on 240 points, is second in the championship.", [("points", "sergio-perez", None, 240.0), ("position", "sergio-perez", None, 2.0)]),
        # a place given with a total is the standings' place; with a haul it is the weekend's
        ("Hamilton is third with 201 points.", [("points", "lewis-hamilton", None, 201.0), ("position", "lewis-hamilton", None, 3.0)]),
        ("Norris sits 6th on 159 points.", [("points", "lando-norris", None, 159.0), ("position", "lando-norris", None, 6.0)]),
        ("Norris is second with 18 points this weekend.", []),
        ("Logan Sargeant has 1 point.", [("points", "logan-sargeant", None, 1.0)]),
        ("Alonso is 1 point clear of Hamilton.", [("margin", "fernando-alonso", "lewis-hamilton", 1.0)]),
        ("Verstappen leads the championship by 226 points from Pérez.", [("margin", "max-verstappen", "sergio-perez", 226.0), ("position", "max-verstappen", None, 1.0)]),
        ("Pérez's deficit to Verstappen is 226 points.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Pérez is 226 points down on Verstappen.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Pérez's 240 points put him second.", [("points", "sergio-perez", None, 240.0)]),
        ("Hamilton's tally of 201 points is his best since 2021.", [("points", "lewis-hamilton", None, 201.0)]),
        # a possessive's points that are a haul or a lead are no total
        ("Verstappen's 26 points from Austin were a record.", []),
        ("Verstappen's 226 points lead is the largest ever.", []),
        ("Norris's 18 points this weekend lifted McLaren.", []),
        # "now", "still" after the verb; "overall" for a place given with a total
        ("Norris is now sixth in the standings.", [("position", "lando-norris", None, 6.0)]),
        ("Mercedes are still second in the constructors' championship.", [("position", None, None, 2.0)]),
        ("Hamilton is now third in the drivers' standings with 201 points.", [("points", "lewis-hamilton", None, 201.0), ("position", "lewis-hamilton", None, 3.0)]),
        ("Hamilton is fourth overall with 201 points.", [("points", "lewis-hamilton", None, 201.0), ("position", "lewis-hamilton", None, 4.0)]),
        ("Verstappen has now scored 466 points.", [("points", "max-verstappen", None, 466.0)]),
        ("Verstappen moves on to 466 points.", [("points", "max-verstappen", None, 466.0)]),
        # "tops", "heads" the standings; a margin after a place and a total, or "moved N points clear"
        ("Verstappen tops the standings on 466 points.", [("points", "max-verstappen", None, 466.0), ("position", "max-verstappen", None, 1.0)]),
        ("Verstappen heads the standings with 466 points.", [("points", "max-verstappen", None, 466.0), ("position", "max-verstappen", None, 1.0)]),
        ("Red Bull head the constructors' standings with 706 points.", [("points", None, None, 706.0), ("position", None, None, 1.0)]),
        ("Verstappen heads Pérez by 226 points.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        # where the lead is, said before its figure; a team's lead
        ("Verstappen extended his lead in the championship to 226 points over Pérez.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Verstappen has extended his lead at the top to 226 points over Pérez.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Red Bull extended their lead to 362 points over Mercedes.", [("margin", None, "mercedes", 362.0)]),
        # a rival named with what he is to the subject
        ("Verstappen extended his lead to 226 points over his team-mate Pérez.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Hamilton is 18 points ahead of his title rival Alonso.", [("margin", "lewis-hamilton", "fernando-alonso", 18.0)]),
        ("Pérez moved 39 points clear of Hamilton.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        (
            "Hamilton is third on 201 points, 18 points ahead of Alonso.",
            [("margin", "lewis-hamilton", "fernando-alonso", 18.0), ("points", "lewis-hamilton", None, 201.0), ("position", "lewis-hamilton", None, 3.0)],
        ),
        ("Hamilton is third in the championship, 18 points ahead of Alonso.", [("margin", "lewis-hamilton", "fernando-alonso", 18.0), ("position", "lewis-hamilton", None, 3.0)]),
        (
            "Alonso is fourth on 183 points, 18 points behind Hamilton.",
            [("margin", "lewis-hamilton", "fernando-alonso", 18.0), ("points", "fernando-alonso", None, 183.0), ("position", "fernando-alonso", None, 4.0)],
        ),
        ("Norris and Piastri pull 20 points clear of Ferrari.", []),
        # a subject left out after "and" is the one starting the clause before, when that clause is plain
        ("Verstappen won in Austin and extended his lead to 226 points over Pérez.", [("finish", "max-verstappen", None, 1.0), ("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Hamilton finished second and now has 201 points.", [("finish", "lewis-hamilton", None, 2.0), ("points", "lewis-hamilton", None, 201.0)]),
        ("Alonso struggled in qualifying and trails Hamilton by 18 points.", [("margin", "lewis-hamilton", "fernando-alonso", 18.0)]),
        ("In Austin, Verstappen won and leads the championship by 226 points.", [("lead", "max-verstappen", None, 226.0), ("position", "max-verstappen", None, 1.0)]),
        ("Verstappen, the champion, took his 50th win and has 466 points.", [("points", "max-verstappen", None, 466.0)]),
        ("Hamilton drove well, Pérez struggled and is 39 points clear of Hamilton.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        ("Pérez had a poor start and finished fourth.", [("finish", "sergio-perez", None, 4.0)]),
        ("Verstappen won in Austin and leads by 226 points and has 466 points.", [("finish", "max-verstappen", None, 1.0), ("lead", "max-verstappen", None, 226.0), ("points", "max-verstappen", None, 466.0)]),
        # ... and not when another subject, a reported or subordinate clause stands between, nor of a past moment
        ("Hamilton said Pérez was fast and has 240 points.", []),
        ("Verstappen won and Hamilton finished second and has 201 points.", [("finish", "lewis-hamilton", None, 2.0)]),
        ("Norris and Piastri finished ahead and have 242 points.", []),
        ("Verstappen won while Hamilton spun and has 466 points.", []),
        ("Verstappen won before the summer break and had 300 points.", []),
    ],
)
def test_claim_phrasings(run_core, sentence, expected):
    marts = run_core([text_file("claims", f" date 2023-10-26 {sentence}\n")])
    claims = marts["claims"].with_columns(
        pl.coalesce(pl.col("points"), pl.col("margin"), pl.col("position").cast(pl.Float64), pl.col("gap_ms").cast(pl.Float64)).alias("value")
    )
    assert sorted(claims.select("kind", "driver_id", "rival_id", "value").rows()) == sorted(expected)


GATE_SENTENCES = [
    "Mercedes are second in the constructors' championship.", "Ferrari sit 4th in the Constructors’ table.", "Red Bull have 706 points.",
    "Red Bull lead the constructors' table with 706 points.", "McLaren trail Aston Martin by 6 points.", "Red Bull tops the constructors' standings.",
    "Sergio Pérez has 240 points.", "Pérez's 240 points put him second.", "O'Ward has 12 points in IndyCar.", "HE has 9 points.",
    "Verstappen\x1chas 3 points.", "Verstappen has\u00a03 points.", "Hülkenberg sits P11 in the standings.", "Gasly has 12,5 points.",
    "“Verstappen leads the championship,” he said.", "Sainz Jr. has 100 points.", "Zhou Guanyu (6 points) trails.",
    "Stroll has extended his lead to an impressive 12 points over Alonso.", "Ocon has a 7-point lead over Gasly.",
    "Magnussen remains tenth of the F1 world drivers' championship standings.", "Tsunoda is currently in 12th place in the championship.",
    "The CHAMPİONSHIP RUNNER-UP Perez.", "The champıonship leader Perez.", "Verstappen, the WORLD\x1fCHAMPION.", "F1runner-up Perez.",
    "MotoGP’s Marquez has 100 points.", "Formula-E and the 24 Hours of Le Mans.", "Norris… has 50 points!",
    "Verstappen's points tally reached 466 points.", "Verstappen,\u00a0on 466 points, leads.", "He trails Verstappen by 226 points.",
    "Hamilton is third, 39 points behind him.", "Hamilton sits 39 points short of Pérez.",
    "Hamilton, third in the championship, has 201 points.", "Verstappen remains at the top of the standings.", "Pérez's advantage over Hamilton is 39 points.",
    "Verstappen now has a lead of 226 points over Pérez.", "Verstappen took his tally to 466 points.", "The Mexican, who has 240 points, won.",
    "Mercedes, second in the constructors' standings, have 344 points.", "Hamilton is now just 39 points behind Pérez.",
    "Norris sits 6th on 159 points.", "Hamilton is third with 201 points.",
    "Logan Sargeant has 1 point.", "Hamilton trails Alonso by 1 point.",
    "Verstappen leads the championship by 226 points from Pérez.", "Red Bull lead the constructors' standings by 362 points over Mercedes.",
    "Pérez's deficit to Verstappen is 226 points.", "Pérez is 226 points down on Verstappen.", "Hamilton's tally of 201 points stands.",
    "Norris is second in the World Drivers' Championship.", "Mercedes are second in the Constructors' Championship.",
    "Hamilton, third in the Drivers' Standings, has 201 points.", "Verstappen leads the Championship by 226 points.",
    "Hamilton is second in the title race.", "Sargeant is twenty-first in the Standings.", "Ferrari are third in the constructors' table.",
    "Red Bull have 1,028 points.", "Verstappen has 1,028 points and is first in the championship.", "Verstappen leads by 1,028 points.",
    "Verstappen has 466 pts.", "Hamilton is third with 201 pts.", "Verstappen is 226 pts. clear of Pérez.",
    "Albon brought his Williams home in ninth.", "Gasly finished the Grand Prix in tenth.", "Alonso was fifth at the flag.",
    "Red Bull have 706 points and are first in the constructors' standings.",
    "Gasly has 12½ points.", "Verstappen is 225½ points clear of Pérez.",
    "Verstappen extended his lead in the championship to 226 points over his team-mate Pérez.",
    "Red Bull extended their lead at the top of the constructors' standings to 362 points over Mercedes.",
]


def _fixture_sentences() -> list[str]:
    files = [*RAW.glob("*.txt"), *FIXTURES.rglob("*.txt")]
    return [s for path in files for text in path.read_text(encoding="utf-8").splitlines() for s in SENTENCE_SPLIT.split(text.strip()) if s]


def test_gates_are_set_wherever_a_pattern_matches(reference):
    """Python runs a pattern only on the sentences whose gate polars set, so a gate must never miss a match."""
    driver_keys = set(reference.names.filter(pl.col("kind") == "driver")["key"].to_list())
    reader = ProseReader(driver_keys, dict(zip(reference.series["spelling"], reference.series["series"])))
    sentences = GATE_SENTENCES + _fixture_sentences()
    checked = [(pattern, 1 << bit) for bit, (_, pattern) in enumerate(CLAIM_PATTERNS)] + [(RUNNER_UP, ROLE_BIT), (reader.series_re, SERIES_BIT)]
    # a sentence about another race or session is by definition no place in this race: its finish gates stay unset
    other_race = set(pl.Series(sentences, dtype=pl.String).filter(pl.Series(sentences, dtype=pl.String).str.contains(OTHER_RACE)).to_list())
    finish = {1 << bit for bit, (kind, _) in enumerate(CLAIM_PATTERNS) if kind == "finish"}
    missed = [
        (s, p.pattern[:40]) for s, gate in zip(sentences, reader.gates(sentences)) for p, bit in checked
        if p.search(s) and not gate & bit and not (bit in finish and s in other_race)
    ]
    assert missed == []
    assert any(p.search(s) for s in other_race for p, bit in checked if bit in finish), "no sentence about another session to test the exclusion on"


ELIDED_SENTENCES = [
    "Verstappen won in Austin and leads the championship by 226 points over Pérez.",
    "Hülkenberg, the German, scored twice and sits 15th on 9 points and leads Magnussen.",
    "“Pérez 🏎 had a poor start and finished fourth,” said Horner.",
    "In São Paulo, Pérez struggled and trails Verstappen by 226 points.",
    "Hamilton said Pérez was fast and has 240 points.",
    "Norris and Piastri finished ahead and have 242 points.",
]


def test_a_clause_with_its_subject_left_out_keeps_the_sentences_positions(reference):
    """Polars blanks the words between a subject and the clause that leaves it out; every position of
    the clause is the sentence's own (names and figures with characters beyond ASCII before it), and
    its gate is set wherever a pattern matches from the subject."""
    driver_keys = set(reference.names.filter(pl.col("kind") == "driver")["key"].to_list())
    reader = ProseReader(driver_keys, dict(zip(reference.series["spelling"], reference.series["series"])))
    sentences = pl.DataFrame({"sentence": ELIDED_SENTENCES, "first": [0] * len(ELIDED_SENTENCES)})
    clauses = reader.elided(sentences)
    subjects = {}
    for at, text, start in clauses.iter_rows():
        sentence = ELIDED_SENTENCES[at]
        blank = re.search(r" {2,}", text)  # the subject, the words blanked, then the rest of the sentence as it is
        assert len(text) == len(sentence)
        assert text[: blank.start()] == sentence[: blank.start()] and text[blank.end() :] == sentence[blank.end() :]
        assert re.search(r"\band\s+$", sentence[: blank.end()])
        subjects.setdefault(at, []).append((sentence[start : start + 12], text[blank.end() :][:12]))
    assert subjects == {
        0: [("Verstappen w", "leads the ch")],
        1: [("Hülkenberg, ", "sits 15th on"), ("Hülkenberg, ", "leads Magnus")],
        2: [("Pérez 🏎 had ", "finished fou")],
        3: [("Pérez strugg", "trails Verst")],
    }
    gated = reader.gate(sentences)
    matched = [
        (text, p.pattern[:40], bool(gate >> bit & 1)) for at, rows in gated.elided.items() for text, start, gate in rows
        for bit, (_, p) in enumerate(CLAIM_PATTERNS) if p.match(text, start)
    ]
    assert len(matched) >= 5 and [m for m in matched if not m[2]] == []
    assert sorted(gated.elided) == [0, 1, 2, 3]


def test_a_sentence_too_long_for_news_has_no_clause_read_with_its_subject_left_out(reference):
    """A clause is a copy of its sentence: in a 'sentence' of thousands of characters with an "and"
    every few words (a file with no full stops) none is made, so the copies cannot grow as its square."""
    from parcferme.parse.claims import ELISION_MAX_CHARS

    reader = ProseReader({"verstappen"}, {"F1": "F1"})
    claim = "Verstappen won in Austin and leads by 226 points."
    padded = claim[:-1] + " and x" * ((ELISION_MAX_CHARS - len(claim)) // 6) + "."
    hostile = "Verstappen won" + " and x" * 400 + " and leads by 226 points."  # 401 clauses were it read
    clauses = reader.elided(pl.DataFrame({"sentence": [claim, padded, hostile]}))
    assert len(padded) <= ELISION_MAX_CHARS < len(padded) + 6 < len(hostile)
    assert clauses.group_by("at").len().sort("at").rows() == [(0, 1), (1, (len(padded) - len(claim)) // 6 + 1)]


def test_gate_classes_cover_what_python_counts():
    """The gates widen \\s and \\w to Python's (checked on every code point), and ROLE_GATE lets through
    every letter Python's re.IGNORECASE takes for one of its own."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for cls in (r"\s", r"[\w'’\-]"):  # as the patterns use them
        python = [c for c in chars if re.fullmatch(cls, c)]
        assert pl.Series(python).str.contains("^" + _rust(re.compile(cls)) + "$").all(), cls
    every_word_class = {m.group(0) for _, p in CLAIM_PATTERNS for m in WORD_CLASS.finditer(_rust(p))}
    assert r"[\w\p{N}'’\-\u00ad\u200c\u200d\u2060]" in every_word_class  # a name's
    for cls in every_word_class:  # the gates' one class of word characters takes every character each of them takes
        python = [c for c in chars if re.fullmatch(cls.replace(r"\p{N}", ""), c)]
        assert pl.Series(python).str.contains("^" + GATE_WORD + "$").all(), cls
    assert GATES == [_gate(p) for _, p in CLAIM_PATTERNS]  # what makes them cheap to compile: no Unicode word class, no {m,n}
    assert not [g for g in GATES if "\\w" in g or re.search(r"\{[0-9]+,[0-9]+\}", g)]
    cased = [c for c in chars if re.fullmatch("[a-z]", c, re.IGNORECASE)]
    for word in ("runner-up", "leader", "world champion"):
        variants = [word[:i] + c + word[i + 1 :] for i, x in enumerate(word) for c in cased if re.fullmatch(x, c, re.IGNORECASE)]
        assert pl.Series(variants).str.contains(ROLE_GATE).all(), word


SPLIT_LINES = [
    "Verstappen won. Perez was second! Was it close? “Yes,” he said. (Hamilton) agreed… 2023 was his year.",
    'He said "done." Then left. It is 3.5 points. Mr. Smith… and then? no. "Quoted." “Curly.” ‘Single.’ X',
    "  Tabs\tand.\u00a0Non-breaking.\u2003Em space!\x1cFile separator.\x1fUnit. end.  ",
    "No break.Here. Or here .A lower. case after. 9 starts. (Brackets) too.",
    "..  .. A?! B... C", "", "   ", "One.", "Ends with space. ",
]


def test_polars_cuts_sentences_as_python_does():
    """split_sentences (polars) cuts each prose line exactly as SENTENCE_SPLIT does on the stripped line."""
    texts = SPLIT_LINES + [text for path in [*RAW.glob("*.txt"), *FIXTURES.rglob("*.txt")] for text in path.read_text(encoding="utf-8").splitlines()]
    prose = pl.DataFrame({"article_id": [f"a{i // 7:05d}" for i in range(len(texts))], "line": list(range(1, len(texts) + 1)), "text": texts})
    got = split_sentences(prose)
    expected = [(f"a{i // 7:05d}", i + 1, s) for i, text in enumerate(texts) for s in SENTENCE_SPLIT.split(text.strip()) if s]
    assert got.select("article_id", "line", "sentence").rows() == expected
    firsts = [next(j for j, row in enumerate(expected) if row[0] == article_id) for article_id, _, _ in expected]
    assert got["first"].to_list() == firsts
    every = [chr(c) for c in range(0x110000)]
    assert PYTHON_SPACE == "".join(c for c in every if re.fullmatch(r"\s", c)) == "".join(c for c in every if c.isspace())


def test_he_is_the_last_driver_named_before_in_the_article():
    prose = pl.DataFrame({
        "article_id": ["a", "a", "a", "b"],
        "line": [1, 2, 3, 1],
        "text": ["Norris spoke, then Piastri. It rained.", "The car was fast.", "He has 97 points. Norris has 205 points.", "He has 5 points."],
    })
    claims, _, _ = read_prose(prose, {"norris", "piastri"}, {"F1": "F1"})
    assert claims.select("article_id", "line", "driver_key", "points").rows() == [("a", 3, "piastri", 97.0), ("a", 3, "norris", 205.0)]


def _unread(run_core, article_id: str, sentences: list[str]) -> tuple[dict, pl.DataFrame]:
    """The marts of an article whose sentences are paragraphs of their own (lines 3, 5, 7...), and its
    parse.unread_claim issues."""
    marts = run_core([text_file(article_id, " date 2023-10-26 Standings talk.\n\n" + "\n\n".join(sentences) + "\n")])
    return marts, marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")


def test_a_statement_of_points_no_pattern_reads_is_an_info_issue(run_core):
    sentences = [
        "Verstappen has 466 points.",
        "The gap between them is 226 points.",
        "The constructors' title race is worth 706 points to Red Bull.",
        "Verstappen is 226 points ahead of Pérez.",
        "Piastri, the current Formula 2 points leader, impressed the team.",
    ]
    marts, unread = _unread(run_core, "talk", sentences)
    assert unread.select("line", "severity", "table", "observed", "raw_text").rows() == [
        (5, "info", "claims", sentences[1], sentences[1]),
        (7, "info", "claims", sentences[2], sentences[2]),
    ]
    assert marts["claims"].select("line", "kind").rows() == [(3, "points"), (9, "margin")]
    assert unread["message"].to_list() == [
        "this sentence states 226 points in a way the claim reader does not know: it is not checked",
        "this sentence states 706 points in a way the claim reader does not know: it is not checked",
    ]


def test_a_place_in_the_title_race_or_the_table_no_pattern_reads_is_an_info_issue(run_core):
    """Every name of the championship a claim can give (the title race, the constructors' table) and
    the table, and every place in words: a place said so that the reader does not read stays
    visible, and one it reads (the twenty-first) is no unread figure."""
    sentences = [
        "Hamilton was second in the title race before Monaco.",  # a moment's place, not the table's
        "Norris is third in the table.",
        "Hamilton is second in the title race.",
        "Mercedes were fourth in the constructors' table after Spain.",
        "De Vries was nineteenth in the standings before Monaco.",
        "Sargeant is twenty-first in the standings.",
    ]
    marts, unread = _unread(run_core, "places", sentences)
    assert unread.select("line", "severity", "observed").rows() == [
        (3, "info", sentences[0]), (5, "info", sentences[1]), (9, "info", sentences[3]), (11, "info", sentences[4]),
    ]
    assert "nineteenth in the standings in a way the claim reader does not know" in unread["message"][3]
    assert marts["claims"].select("line", "kind", "driver_id", "position").rows() == [(7, "position", "lewis-hamilton", 2), (13, "position", "logan-sargeant", 21)]


def test_a_figure_with_thousands_or_abbreviated_is_quoted_whole(run_core):
    sentences = ["The constructors' title race is worth 1,412 points to Red Bull.", "Verstappen has 466pts."]
    marts, unread = _unread(run_core, "worth", sentences)
    assert unread["message"].to_list() == [
        "this sentence states 1,412 points in a way the claim reader does not know: it is not checked",
        "this sentence states 466pts in a way the claim reader does not know: it is not checked",
    ]


def test_a_figure_no_pattern_reads_is_reported_next_to_one_it_reads(run_core):
    """Per figure, not per sentence: one claim read does not vouch for the other figures of its sentence."""
    sentence = "Norris is on 205 points, and Leclerc is 3 points short, with 12-point swings possible."
    marts = run_core([text_file("mixed", f" date 2023-10-26 Standings talk.\n\n{sentence}\n")])
    assert marts["claims"].select("line", "kind", "driver_id", "points").rows() == [(3, "points", "lando-norris", 205.0)]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread.select("line", "message").rows() == [
        (3, "this sentence states 3 points, 12-point in a way the claim reader does not know: it is not checked")
    ]


def test_invisible_characters_inside_a_name_do_not_hide_its_claim(run_core):
    """A soft hyphen (web text hyphenated for display) or a zero-width joiner inside a name: the name
    is read as it shows on screen."""
    text = " date 2023-10-26 Standings talk.\n\nLando Nor\u00adris is on 205 points. Ver\u200dstappen has 466 points.\n"
    marts = run_core([text_file("shy", text)])
    assert marts["claims"].select("driver_id", "points").rows() == [("lando-norris", 205.0), ("max-verstappen", 466.0)]
    assert marts["claims"]["driver_raw"].to_list() == ["Lando Nor\u00adris", "Ver\u200dstappen"]  # as written


def test_a_haul_or_a_difference_is_no_total(run_core):
    """'26 points this weekend', '30 points in the last two races', '40 points since the break' are
    what a weekend or a run of races gave, not the standings total: unread (and said so), never an
    error. 'N points more than X' is a margin."""
    sentences = [
        "Verstappen has scored 26 points this weekend.",
        "Mercedes have collected 30 points in the last two races.",
        "Perez has scored 40 points since the summer break.",
        "Verstappen has collected 25 points in Austin.",
        "Verstappen has 226 points more than Perez.",
        "Verstappen has 466 points in the 2023 standings.",
    ]
    marts = run_core([austin_with_paragraphs("hauls", sentences)])
    assert marts["claims"].select("line", "kind", "driver", "points", "rival", "margin").rows() == [
        (11, "margin", "Max Verstappen", None, "Sergio Pérez", 226.0),
        (13, "points", "Max Verstappen", 466.0, None, None),
    ]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["line"].to_list() == [3, 5, 7, 9]
    assert marts["validation_issues"].filter(pl.col("severity") == "error").is_empty()


def test_points_still_to_be_scored_and_roles_of_other_seasons_are_no_claims(run_core):
    """'34 points to gain', '50 points to defend' are no totals (unread, said so); 'last year's
    runner-up', 'former championship runner-up', 'the 2021 championship leader', 'the runner-up in
    2021' are roles of another season: no place in this table."""
    sentences = [
        "Verstappen has 34 points to gain this weekend.",
        "Perez has 50 points to defend.",
        "Last year's runner-up Leclerc struggled.",
        "Former championship runner-up Hamilton was fast.",
        "The 2021 championship leader Hamilton was fast.",
        "Hamilton, the runner-up in 2021, was fast.",
        "The championship runner-up Perez was fast.",
    ]
    marts = run_core([austin_with_paragraphs("roles", sentences)])
    assert marts["claims"].select("line", "kind", "driver", "position").rows() == [(15, "position", "Sergio Pérez", 2)]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["line"].to_list() == [3, 5]
    assert marts["validation_issues"].filter(pl.col("severity") == "error").is_empty()


def test_a_total_of_a_past_moment_is_no_claim_about_the_table(run_core):
    """'had 25 points after the first race', 'going into the weekend, Perez had 240 points': totals
    of another moment than the table's, unread (and said so) rather than flagged; 'had' with no such
    moment, and 'after Austin' with a verb in the present, are the table's."""
    sentences = [
        "Verstappen had 25 points after the first race.",
        "Going into the weekend, Perez had 224 points.",
        "A year ago Hamilton had 200 points.",
        "After round five, Alonso was on 93 points.",
        "Leclerc was 10 points ahead of Sainz before the summer break.",
        "Perez had 240 points.",
        "After Austin, Verstappen has 466 points.",
    ]
    marts = run_core([austin_with_paragraphs("past", sentences)])
    assert marts["claims"].select("line", "kind", "driver", "points").rows() == [(13, "points", "Sergio Pérez", 240.0), (15, "points", "Max Verstappen", 466.0)]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["line"].to_list() == [3, 5, 7, 9, 11]
    assert marts["validation_issues"].filter(pl.col("severity") != "info").is_empty()


def test_a_race_runner_up_is_no_place_in_the_championship(run_core):
    """A plain 'runner-up' is a race's unless the words next to it name a championship: Norris (sixth
    in the table) finishing runner-up in Austin was once read as second in the championship, an error.
    It is a place in that race (or sprint), second."""
    sentences = [
        "Lando Norris finished runner-up in Austin.",
        "Norris was the runner-up in the sprint.",
        "Charles Leclerc was runner-up behind Verstappen at Monaco.",
        "The runner-up in the drivers' championship, Perez, was happy.",
        "Perez, the current F1 runner-up, smiled.",
        "The 2023 runner-up Perez smiled again.",
    ]
    marts = run_core([austin_with_paragraphs("race", sentences)])
    assert marts["claims"].select("line", "kind", "driver", "position", "session").rows() == [
        (3, "finish", "Lando Norris", 2, "race"), (5, "finish", "Lando Norris", 2, "sprint"), (7, "finish", "Charles Leclerc", 2, "race"),
        (9, "position", "Sergio Pérez", 2, None), (11, "position", "Sergio Pérez", 2, None), (13, "position", "Sergio Pérez", 2, None),
    ]
    assert marts["validation_issues"].filter(pl.col("severity") != "info").is_empty()


def test_a_role_or_place_said_of_the_articles_own_season_is_read_and_of_another_is_not(run_core):
    """In an article of 2023, 'the 2023 championship runner-up', 'the runner-up in 2023, X,' and
    'fourth in the 2023 championship' are places in this season's table; 'second place in the 2021
    championship' and '387 points in 2021' are another season's, no claim (the figure and the place
    are unread, and said so)."""
    sentences = [
        "The 2023 championship runner-up Hamilton is on 201 points.",
        "The runner-up in 2023, Sainz, has been consistent all season.",
        "Alonso is fourth in the 2023 championship.",
        "Hamilton secured second place in the 2021 championship.",
        "Hamilton had 387 points in 2021, and Verstappen has 466 points in 2023.",
        "The 2021 championship runner-up Hamilton was fast.",
    ]
    marts = run_core([austin_with_paragraphs("seasons", sentences)])
    assert marts["claims"].sort("line", "kind").select("line", "kind", "driver", "points", "position").rows() == [
        (3, "points", "Lewis Hamilton", 201.0, None),
        (3, "position", "Lewis Hamilton", None, 2),
        (5, "position", "Carlos Sainz Jr.", None, 2),
        (7, "position", "Fernando Alonso", None, 4),
        (11, "points", "Max Verstappen", 466.0, None),
    ]
    errors = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert errors.select("line", "check", "observed", "expected").rows() == [
        (3, "cross.claim_position", "2", "3"),
        (5, "cross.claim_position", "2", "5"),
    ]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread.select("line", "message").rows() == [
        (9, "this sentence states second place in the 2021 championship in a way the claim reader does not know: it is not checked"),
        (11, "this sentence states 387 points in a way the claim reader does not know: it is not checked"),
    ]


def test_a_move_in_the_table_ends_in_a_place(run_core):
    """'moved up to third', 'dropped to seventh', 'is up to eighth', 'holds on to second', 'climbed
    into fourth place' say where a driver or team now is; 'third in the championship, N points
    behind X' is a place and a margin."""
    prose = (
        "Hamilton moved up to third in the championship. Leclerc has dropped to seventh in the drivers' standings. "
        "Russell is up to eighth in the standings. Perez holds on to second in the championship. "
        "Ferrari slipped to fourth in the constructors' championship. McLaren have climbed into fourth place in the constructors' standings. "
        "Hamilton is third in the championship, 39 points behind Perez."
    )
    marts = run_core([austin_with_prose("moves", prose)])
    claims = marts["claims"].sort("kind", "position", "driver", "team")
    assert claims.select("kind", "driver", "team", "position", "rival", "margin").rows() == [
        ("margin", "Sergio Pérez", None, None, "Lewis Hamilton", 39.0),
        ("position", "Sergio Pérez", None, 2, None, None),
        ("position", "Lewis Hamilton", None, 3, None, None),
        ("position", "Lewis Hamilton", None, 3, None, None),
        ("position", None, "Ferrari", 4, None, None),
        ("position", None, "McLaren", 4, None, None),
        ("position", "Charles Leclerc", None, 7, None, None),
        ("position", "George Russell", None, 8, None, None),
    ]
    errors = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert errors.select("check", "message").rows() == [
        ("cross.claim_position", "the text puts Ferrari in place 4 of the championship, the constructors' table on line 59 in place 3"),
    ]
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").is_empty()


def test_a_place_no_pattern_reads_is_an_info_issue(run_core):
    """A place in the championship the reader cannot give to anyone ('the Mexican' with no Mexican
    named before, 'the Briton' after two) is reported as unread on its line, next to the places and
    figures it does read."""
    prose = (
        "As the Mexican secured second place in the drivers' championship, Hamilton is third in the championship. "
        "Norris was behind Hamilton, and the Briton is P6 in the standings. It was his first win in the championship for Ferrari."
    )
    marts = run_core([austin_with_prose("places", prose)])
    assert marts["claims"].select("kind", "driver", "points", "position").rows() == [("position", "Lewis Hamilton", None, 3)]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["message"].to_list() == [
        "this sentence states P6 in the standings in a way the claim reader does not know: it is not checked",
        "this sentence states second place in the drivers' championship in a way the claim reader does not know: it is not checked",
    ]


def test_one_subject_with_two_claims_joined_by_and(run_core):
    """'X has N points and is first in the standings' and 'X is second in the championship and has N
    points' are a figure and a place of X; 'Norris has 159 points and Leclerc is seventh' are one of each."""
    prose = (
        "Verstappen has 466 points and is first in the standings. Perez is second in the championship and has 240 points. "
        "Alonso has 183 points, and is now third in the championship. Norris has 159 points and Leclerc is seventh in the championship."
    )
    marts = run_core([austin_with_prose("and", prose)])
    claims = marts["claims"].sort("kind", "driver")
    assert claims.select("kind", "driver", "points", "position").rows() == [
        ("points", "Fernando Alonso", 183.0, None),
        ("points", "Lando Norris", 159.0, None),
        ("points", "Max Verstappen", 466.0, None),
        ("points", "Sergio Pérez", 240.0, None),
        ("position", "Charles Leclerc", None, 7),
        ("position", "Fernando Alonso", None, 3),
        ("position", "Max Verstappen", None, 1),
        ("position", "Sergio Pérez", None, 2),
    ]
    errors = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert errors.select("check", "observed", "expected").rows() == [("cross.claim_position", "3", "4")]
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").is_empty()


def test_a_claim_whose_subject_is_left_out_is_checked_on_its_line(run_core):
    """'Verstappen won in Austin and leads the championship by 240 points over Perez' is Verstappen's
    margin (226 in the table: an error on its line); where the subject is unclear the figure stays an
    info issue, never another driver's claim."""
    sentences = [
        "Verstappen won in Austin and leads the championship by 240 points over Perez.",
        "Hamilton finished second and now has 201 points.",
        "Hamilton said Perez was fast and has 250 points.",
    ]
    marts = run_core([austin_with_paragraphs("elided", sentences)])
    claims = marts["claims"].filter(pl.col("kind") != "finish")
    assert claims.select("line", "kind", "driver", "rival", "points", "margin").rows() == [
        (3, "margin", "Max Verstappen", "Sergio Pérez", None, 240.0),
        (5, "points", "Lewis Hamilton", None, 201.0, None),
    ]
    issues = marts["validation_issues"].filter(pl.col("line") <= 7)
    assert issues.select("line", "check", "severity").rows() == [(3, "cross.claim_margin", "error"), (7, "parse.unread_claim", "info")]
    assert issues.select("observed", "expected").row(0) == ("240", "226")
