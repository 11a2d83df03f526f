"""Regular expressions for every kind of line an article holds, in one place.

Digits are `[0-9]` on purpose: look-alike unicode digits must not pass as numbers.
"""

POSITION = r"(?P<prefix>P)?(?P<pos>[0-9]{1,3})(?P<suffix>st|nd|rd|th)?(?P<dot>\.)?"  # "1", "01.", "1st", "P1" as timing screens write it
# a number of points, in a table or in prose: "1,028" (a comma between thousands), "12.5", "12,5" or "12½" (a half)
THOUSANDS = r"[0-9]{1,3}(?:,[0-9]{3})+"
POINTS_NUMBER = r"(?:" + THOUSANDS + r"|[0-9]*½|[0-9]+(?:[.,]5)?)"  # leftmost first: "12½" is not read as 12
POINTS_WORD = r"(?:points?|pts\b\.?)"  # "1 point", "466 points", "466 pts" (a table's in any case)
POINTS_UNIT = r"(?i:" + POINTS_WORD + r"|pt\b\.?)"  # a result's points need their unit: "25 pts", "1 pt", "18 Points"
# a time or a result's points may carry a footnote mark ("+49.671*", "13* pts", "13 pts*": fastest lap,
# a penalty), explained under the table
MARK_CHARS = "[*†‡]"
MARK = r"(?:\s*" + MARK_CHARS + "+)?"
# a result's points as written, their mark too ("25 pts", "13 pts*"): `points_raw`, and the figure `points`
RESULT_POINTS = r"(?P<points_raw>(?P<points>" + POINTS_NUMBER + r")" + MARK + r"\s*" + POINTS_UNIT + MARK + r")"

HEADER = r"^\s*date\s+(?P<date>\S+)\s*(?P<rest>.*)$"
# a later line that starts like a header with a real-looking date: a second article in the same file?
LATER_HEADER = r"^\s*date\s+[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\s|$)"

# a results table's heading: "USA GP, Circuit of the Americas", "Belgian Grand Prix:", "2023 United States
# Grand Prix - Circuit of the Americas" (a year other than the article's names no race of its season:
# resolve._with_round). A sprint's says so
# before the race, after it or at the end: "Sprint: Belgian GP", "Belgian GP sprint, Spa-Francorchamps",
# "Belgian Grand Prix, Spa-Francorchamps (sprint)" (results.py reads the session from the groups sprint*)
_SPRINT = r"(?i:sprint)(?:\s+(?i:race|results?|classification))?"
EVENT_HEADING = (
    r"^(?:(?P<sprint_before>" + _SPRINT + r")\s*[:,–—-]?\s+)?(?P<event>(?:(?:19|20)[0-9]{2}\s+)?[^,.!?:;\"“”()0-9]{2,60}?\b(?:GP|Grand Prix))"
    r"(?:\s*[–—-]?\s*(?P<sprint_after>" + _SPRINT + r"))?"
    r"\s*(?:(?:,|\s[–—-])\s*(?P<circuit>[^.!?:;\"“”]{2,80}?))?(?:(?:\s*[,–—-]\s*|\s*\(\s*|\s+)(?P<sprint_last>" + _SPRINT + r")\s*\)?)?\s*:?$"
)
# a standings heading and what it says the standings are after: "World Championship standings (after
# 18 of 22 Grand Prix, incl. 5 of 6 sprints)", "Championship standings after round 12 (of 22)",
# "Standings after 12 rounds", "Drivers' and constructors' standings after the Belgian Grand Prix".
# One that names one table ("Drivers' standings after round 12") is that table's heading (DRIVERS_HEADING).
_SERIES_WORDS = r"(?:(?:F1|Formula\s+(?:1|One)|World)\s+)*"
STANDINGS_HEADING = (
    r"(?i)^" + _SERIES_WORDS + r"(?:Drivers['’]?\s+(?:and|&)\s+Constructors['’]?\s+|(?:Drivers?|Constructors?|Teams?)['’]?\s+)?"
    + _SERIES_WORDS + r"(?:Championship\s+)?standings\s*"
    r"(?:"
    r"\(\s*after\s+(?P<after>[0-9]+)\s+of\s+(?P<total>[0-9]+)\s+(?:Grand\s+Prix|Grands\s+Prix|GPs?|races?)"
    r"(?:\s*,\s*incl(?:\.|uding)?\s+(?P<sprints>[0-9]+)\s+of\s+(?P<sprints_total>[0-9]+)\s+sprints?)?\s*\)"
    r"|(?:\(\s*)?(?:after|following)\s+(?:"
    r"round\s+(?P<round>[0-9]+)(?:\s*\(?\s*of\s+(?P<round_total>[0-9]+)\s*\)?)?"  # "round 12 of 22", "round 12 (of 22)"
    r"|(?P<rounds>[0-9]+)\s+(?:rounds|races|Grands\s+Prix|GPs)"
    r"|(?:the\s+)?(?P<race>(?-i:\p{Lu})[^()0-9,.:;!?\"“”]{1,59}?)"  # a race's name: "after the race" names none
    r")\s*\)?"
    r")\s*:?$"
)
ANY_STANDINGS_HEADING = r"(?i)^(?:World\s+)?Championship\s+standings\b"
# a table's heading: "Driver", "Drivers' standings", "Constructors' Cup", "Teams"; or one that also says
# what the standings are after ("Drivers' standings after round 12": `standings._standings_context`
# reads that with STANDINGS_HEADING), with no standings heading above it
_ONE_TABLE = r"|" + _SERIES_WORDS + r"(?:TABLE)['’]?\s+" + _SERIES_WORDS + r"(?:Championship\s+)?standings\s*\(?\s*(?:after|following)\s.{1,80}"
DRIVERS_HEADING = r"(?i)^(?:Drivers?['’]?(?:\s+(?:standings|championship))?\s*:?" + _ONE_TABLE.replace("TABLE", "Drivers?") + r")$"
CONSTRUCTORS_HEADING = (
    r"(?i)^(?:(?:Constructors?['’]?(?:\s+(?:Cup|Championship|standings))?|Teams?)\s*:?" + _ONE_TABLE.replace("TABLE", "Constructors?|Teams?") + r")$"
)
OUT_HEADING = r"(?i)^(?:Out|Retired|Retirements|DNF|Did not finish|Not classified)\s*:?$"
DSQ_HEADING = r"(?i)^(?:Disqualified|DSQ|Disqualifications)\s*:?$"
DNS_HEADING = r"(?i)^(?:Did not start|DNS|Non[- ]?starters?)\s*:?$"  # the drivers who never took the start

NATIONALITY = r"\s*\((?P<code>[A-Za-z]{1,3})\)"  # "(GB)": the driver's nationality code
# rows inside a results table: "05 George Russell (GB), Mercedes, +24.999"; "Fernando Alonso (E), Aston
# Martin, damage to underbody" under Out, Disqualified or Did not start. The nationality code may be left out.
# A classified row may end with the points it scored: "01 Max Verstappen (NL), Red Bull, 56 laps in
# 1:35:21.362 hrs, 25 pts" (the unit is needed: a bare number is no points). What a line must look like
# to be such a row is RESULT_SHAPE, the row without the points (they are part of its tail): searched
# over every line of a batch, the points made it cost two thirds more (5.8 ms against 3.4).
RESULT_SHAPE = r"^" + POSITION + r"\s+(?P<name>[^(),]+?)(?:" + NATIONALITY + r")?\s*,\s*(?P<team>[^,]+?)\s*,\s*(?P<tail>.+?)\s*$"
RESULT_ROW = RESULT_SHAPE.removesuffix(r"\s*$") + r"(?:\s*,\s*" + RESULT_POINTS + r")?\s*$"
NOT_CLASSIFIED_ROW = r"^(?P<name>[^(),0-9]+?)(?:" + NATIONALITY + r")?\s*,\s*(?P<team>[^,]+?)\s*(?:,\s*(?P<reason>.+?))?\s*$"
# such a row's points, after its reason or in its place ("Fernando Alonso (E), Aston Martin, undertray,
# 2 pts", "Lewis Hamilton (GB), Mercedes, 18 pts"): read from what follows the team, as a classified
# row's are (no driver out of the race, disqualified or not started scores: results.points_unclassified)
REASON_POINTS = r"^(?:(?P<reason>.+?)\s*,\s*)?" + RESULT_POINTS + r"$"
# a results row with no place but what became of the driver: "DNF Carlos Sainz (ESP), Ferrari,
# collision damage", "NC ...", "DSQ ...", "DNS ..." (the kind of row each word makes: lines.classify)
UNPLACED = r"(?i)^(?P<unplaced>DNF|Ret|NC|DSQ|DQ|DNS)\.?\s+"
UNPLACED_ROW = UNPLACED + NOT_CLASSIFIED_ROW.removeprefix("^")
UNPLACED_KINDS = {"dnf": "out_row", "ret": "out_row", "nc": "out_row", "dns": "out_row", "dsq": "dsq_row", "dq": "dsq_row"}
# a numbered results row whose time is what became of the driver: "16. Fernando Alonso (ESP), Aston
# Martin, DNF", "17 Oscar Piastri (AUS), McLaren, Ret (collision damage)": a retirement, its number no
# classified place (`results.numbered_unclassified` says so); the status each code gives
TAIL_STATUS = (
    r"(?i)^(?P<code>DNF|Did\s+not\s+finish|Ret(?:ired)?|NC|Not\s+classified|DNS|Did\s+not\s+start|DSQ|DQ|Disqualified)\b\.?"
    r"(?:\s*[,:;(–—-]?\s*(?P<reason>[^()]+?)\s*\)?)?\.?$"
)
TAIL_STATUS_CODES = {
    "dnf": "retired", "did not finish": "retired", "ret": "retired", "retired": "retired", "nc": "retired", "not classified": "retired",
    "dns": "did_not_start", "did not start": "did_not_start", "dsq": "disqualified", "dq": "disqualified", "disqualified": "disqualified",
}
# what a retirement row without its code must start with: a name (up to four words, each capitalised
# or a particle) and its comma; "Sainz and Piastri touched at the first corner, Ferrari said" is prose
NAMED_ROW = r"^(?:\p{Lu}[^\s,()0-9]*|de|van|von|da|di|der|den|du|le|la)(?:\s+(?:\p{Lu}[^\s,()0-9]*|de|van|von|da|di|der|den|du|le|la|Jr\.?)){0,3}\s*,"
# a line that gives a nationality code: "(GB),". Outside a table, only a retirement or a long results row
# with one is taken for a stray row ("Verstappen, Red Bull, dominant" could be any line: lines.py).
# Not anchored after the name: the regex then starts at a bracket, and costs half as much.
HAS_CODE = r"\([A-Za-z]{1,3}\)\s*,"
# a drivers' standings row may give after the name, in brackets or between commas, the driver's team or
# nationality code: "01. Max Verstappen (Red Bull) 466 points", "01. Verstappen (NED) 466", "1. Max
# Verstappen, Red Bull, 466 pts", or both: "1. Max Verstappen (NED), Red Bull, 466 pts"; a comma may
# come before the points ("1. Verstappen, 466"). A constructors' row may give one of them, the team's
# power unit: "1. Red Bull Racing (Honda RBPT) 706", "4. McLaren, Mercedes, 242"; `lines.classify`
# leaves one giving both unreadable (ROW_EXTRA).
STANDINGS_ROW = (
    r"^" + POSITION + r"\s+(?P<name>[^(),]+?)(?:\s*\((?P<bracket>[^()]+)\))?(?:\s*,\s*(?P<listed>[^(),0-9\s+\-−][^(),]*?))?\s*,?\s+(?P<points>"
    + POINTS_NUMBER + r")(?:\s*(?i:" + POINTS_WORD + r"))?\s*$"
)
ROW_EXTRA = r"\)\s*,\s*[^(),0-9\s]"  # a standings row giving a bracket and then a field between commas
CODE = r"^[A-Za-z]{1,3}$"  # what a nationality code in brackets looks like (anything longer is a name)

WINNER_TAIL = r"(?i)^(?P<laps>[0-9]+)\s+laps?(?:\s+in\s+|\s*,\s*)(?P<time>[0-9]+(?::[0-9]{2}){1,2}(?:\.[0-9]+)?)\s*(?:hrs?|hours?|h|min|mins)?\.?" + MARK + "$"
GAP_TIME_TAIL = r"(?i)^\+\s*(?P<time>(?:[0-9]+:)?[0-9]+(?:\.[0-9]+)?)\s*(?:min|mins|s|sec|secs|seconds)?\.?" + MARK + "$"
GAP_LAPS_TAIL = r"(?i)^\+\s*(?P<laps>[0-9]+)(?:\s+laps?|\s*L)\.?" + MARK + "$"  # "+1 lap", "+2 laps", "+1L"
# a footnote under a table: "* fastest lap", "† five-second penalty"; prose, so it ends the table
FOOTNOTE = "^" + MARK_CHARS + r"+\s*\S"

# a table written as cells, between pipes ("| 1 | Max Verstappen | NED | Red Bull | +22.305 |", as
# Markdown writes one) or tabs: `lines.cells_as_rows` writes each row out as the table's rows are
# written ("1 Max Verstappen (NED), Red Bull, +22.305"), for the row patterns above to read. A header
# says what each column holds; its words, by what they hold ("skipped": a column no table keeps, the
# grid place; the car's number goes to `race_results.car_number`). Without a header, the cells are
# joined in their order.
HEADER_CELLS = {
    "pos": "place", "position": "place", "p": "place", "rank": "place",
    "no": "car_number", "nr": "car_number", "#": "car_number", "number": "car_number", "car no": "car_number", "grid": "skipped",
    "driver": "driver", "drivers": "driver", "name": "driver",
    "nat": "nationality", "nationality": "nationality", "country": "nationality",
    "team": "team", "teams": "team", "car": "team", "constructor": "team", "constructors": "team", "entrant": "team",
    "time": "time", "time/retired": "time", "gap": "time", "retired": "time", "result": "time", "status": "time", "reason": "time",
    "engine": "power_unit", "power unit": "power_unit", "pu": "power_unit",
    "laps": "laps",
    "points": "points", "pts": "points",
}
# without a header, the place is followed by a space, and a nationality code right after the name goes
# in brackets ("1, Max Verstappen, NED, ..." gives "1 Max Verstappen (NED), ..."; in that order)
CELL_PLACE = r"^(P?[0-9]{1,3}(?:st|nd|rd|th)?\.?|(?i:DNF|Ret|NC|DSQ|DQ|DNS)\.?), "
CELL_CODE = r"^([^,]+), ([A-Z]{1,3})(,|$)"
CAR_NUMBER = r"^(?:#|No\.?|Nr\.?)?\s*([0-9]{1,3})$"  # a car number cell: "1", "#44", "No. 81"
CELL_RULE = r"^[\s:|+-]*-{3,}[\s:|+-]*$"  # the rule under a header: "|---|:---:|"
CLOCK = r"^[0-9]+(?::[0-9]{2}){1,2}(?:\.[0-9]+)?"  # a race time, which a row with the laps gives as "44 laps in 1:22:30.450"
CELL_POINTS = r"^[0-9.,½]+\s*" + MARK_CHARS + "*$"  # a points cell: "25", "12.5", "13*" (written out "13* pts")
NO_POINTS = r"^[–—-]$"  # a points cell saying no points: a dash, "–" (written out "0 pts")

DID_NOT_START = r"(?i)\b(?:did\s+not\s+start|didn't\s+start|dns|non[- ]starter|withdrawn\s+before\s+the\s+start)\b"

# a line is prose (never a table row) when it reads like a sentence or has nothing a row needs
PROSE_MIN_WORDS_WITH_STOP = 8
PROSE_MIN_WORDS = 14
# a short line under a table that is no row of it is prose too, and ends the table (lines.classify): a
# note, a label and its colon ("Fastest lap: Zhou Guanyu (Alfa Romeo), 1:33.996", "Source: FIA"), or a
# sentence with no shape of a row, a capitalised word (no code: "DNF ...") then a word in lower case,
# and a sentence's end ("Hamilton set the fastest lap.")
NOTE_LABELS = (
    "Fastest lap", "Pole position", "Pole", "Driver of the Day", "Source", "Note", "Photo", "Weather", "Attendance",
    "Penalty", "Penalties", "Safety car",
)
NOTE = r"(?i)^(?:" + "|".join(label.replace(" ", r"\s+") for label in NOTE_LABELS) + r")s?\s*:"
SENTENCE_START = r"^\p{Lu}\p{Ll}.*?\s\p{Ll}"
