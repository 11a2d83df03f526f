"""Numeric and positional claims in the prose, and mentions of racing series.

Prose is irregular, so this module reads it sentence by sentence in Python. To keep that cheap on large
archives, polars cuts the prose into sentences and finds, over all of them at once, which patterns can
match each one: Python visits only the sentences some pattern can match, runs only those patterns, and
looks for the driver a 'he' refers back to only when a sentence asks. Rows are built as tuples and
made into frames column by column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import polars as pl

from parcferme.parse import patterns as P
from parcferme.parse.fields import points_value
from parcferme.parse.results import SESSIONS
from parcferme.reference.loader import DRIVER_NOUNS  # "the Red Bull driver"; "the Mexican driver" is "the Mexican"
from parcferme.text import fold
from parcferme.windows import first_of_group

# a name, a description of a driver after 'the' ("the Mexican", "the Red Bull driver") or 'he'; a word
# of a name may hold invisible format characters (a soft hyphen, a zero-width joiner): fold drops them
NAME = (
    r"(?P<{g}>(?:[A-Z][\w'’\-\u00ad\u200c\u200d\u2060]+|de|De|van|Van|von|da|di)(?:\s+(?:[A-Z][\w'’\-\u00ad\u200c\u200d\u2060]+|de|van|von|da|di|Jr\.?))*"
    r"(?:\s+(?:" + "|".join(DRIVER_NOUNS) + r"))?|[Hh]e)"
)
# a relative clause or an apposition after a subject: "Perez, who has 273 points", "Hamilton, third in
# the championship, has 232 points" (the verb of the claim must follow the apposition's comma)
ASIDE = r"(?:\s*,\s*(?:who\b|[^,.;:()\"“”]{1,60}?\s*,))?"
# a number of points in words, as news writes the small ones ("trails Alonso by three points", "by a
# single point", "a seven-point lead"), to ninety-nine, and the hundreds ("four hundred and sixty-six points")
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_BELOW_100 = {
    **{word: n for n, word in enumerate(_ONES, 1)}, **{word: n for n, word in enumerate(_TEENS, 10)},
    **{tens: n for n, tens in zip(range(20, 100, 10), _TENS)},
    **{f"{tens}{joint}{one}": n + m for n, tens in zip(range(20, 100, 10), _TENS) for m, one in enumerate(_ONES, 1) for joint in "- "},
}
_HUNDREDS = {f"{one} hundred": 100 * n for n, one in enumerate(["a", *_ONES[1:]], 1)} | {"one hundred": 100}
NUMBER_WORDS = {
    "zero": 0, "a single": 1, **_BELOW_100, **_HUNDREDS,
    **{f"{hundred}{joint}{rest}": h + n for hundred, h in _HUNDREDS.items() for rest, n in _BELOW_100.items() for joint in (" and ", " ")},
}
_BELOW_100_WORDS = r"(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_ONES) + r"))?|" + "|".join(_TEENS + _ONES)
WORD_NUMBER = (
    r"(?i:(?:a|" + "|".join(_ONES) + r")\s+hundred(?:\s+(?:and\s+)?(?:" + _BELOW_100_WORDS + r"))?|" + _BELOW_100_WORDS + r"|zero|a\s+single)"
)
NUMBER = r"(?:" + P.POINTS_NUMBER + "|" + WORD_NUMBER + ")"  # "1,028" (thousands), "12.5", "12,5", "12½" (a half), "three"
NUM = r"(?P<n>" + NUMBER + ")"
THOUSANDS = re.compile(P.THOUSANDS)
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
# every place of a grid written as a word, to the thirtieth ("twenty-first" with its hyphen)
ORDINALS = {
    **{word: n for n, word in enumerate(_UNITS, 1)},
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    **{f"twenty-{word}": 20 + n for n, word in enumerate(_UNITS, 1)},
    "thirtieth": 30,
}
PLACE = "|".join(ORDINALS) + r"|P[0-9]{1,2}|[0-9]{1,2}(?:st|nd|rd|th)"  # a place as written: "fifth", "P5", "5th"
ORDINAL = r"(?P<ord>" + PLACE + ")"
# its words written small or as a title ("the drivers' championship", "the World Drivers' Championship")
CHAMPIONSHIP = r"(?:the\s+)?(?:[0-9]{4}\s+)?(?:F1\s+|Formula\s+(?:1|One)\s+)?(?:[Ww]orld\s+)?(?:[Dd]rivers['’]?\s+)?(?:[Ww]orld\s+)?(?:[Cc]hampionship|[Ss]tandings|[Tt]itle\s+[Rr]ace)(?:\s+(?:[Tt]able|[Ss]tandings))?"
# the constructors' championship: a pattern naming it (group cup) reads a claim about a team only
CUP = r"(?:the\s+)?(?:[0-9]{4}\s+)?(?:F1\s+|Formula\s+(?:1|One)\s+)?(?P<cup>[Cc]onstructors['’]?)\s+(?:[Ww]orld\s+)?(?:[Cc]hampionship|[Ss]tandings|[Tt]itle\s+[Rr]ace|[Tt]able)(?:\s+(?:[Tt]able|[Ss]tandings))?"


POINTS_WORD = P.POINTS_WORD  # "Sargeant has 1 point", "Verstappen has 466 pts"


# a rival named with what he is to the subject: "over his team-mate Perez", "ahead of their compatriot Alonso"
RELATION = r"(?:his|her|their|its)\s+(?:(?:former|fellow)\s+)?(?:team-?\s?mate|teammate|stable-?mate|compatriot|countryman|title\s+rival|rival)\s+"


def _n(pattern: str) -> re.Pattern[str]:
    """A claim pattern from its shorthand; 'points' is also 'point' and 'pts' (POINTS_WORD)."""
    return re.compile(
        pattern.replace("points", POINTS_WORD)
        .replace("{NAME}", NAME.format(g="name") + ASIDE)
        .replace("{RIVAL}", r"(?:the\s+|" + RELATION + r")?" + NAME.format(g="rival") + ASIDE)  # "clear of the Spaniard", "over his team-mate Perez"
        .replace("{N}", NUM)
        .replace("{ORD}", ORDINAL)
        .replace("{CHAMP}", CHAMPIONSHIP)
        .replace("{CUP}", CUP)
    )


# verbs in the singular and the plural: a team takes either ("Red Bull has", "Red Bull have")
HAS = r"(?:now\s+|currently\s+|still\s+|already\s+)?(?:has|have|had|is\s+on|are\s+on|was\s+on|were\s+on|sits?\s+on|stands?\s+on|is\s+up\s+to|are\s+up\s+to|moves?\s+(?:up\s+)?(?:on)?to|moved\s+(?:up\s+)?(?:on)?to|mov(?:es?|ed)\s+on\s+to|ha(?:s|ve)\s+(?:now\s+|already\s+)?(?:collected|scored|amassed|accumulated|racked\s+up))\s+(?:a\s+total\s+of\s+|just\s+|only\s+)?"
# a verb in the plural after the subject says it is a team or several drivers ("Norris and Piastri
# have 242 points"): never one driver
PLURAL_VERBS = {"have", "are", "were", "sit", "stand", "lie", "remain", "stay", "lead", "trail", "hold", "enjoy", "move", "top", "head", "pull", "edge"}
PAIRED_BEFORE = re.compile(r"(?!P[0-9]{1,2}\s)[A-Z][\w'’\-]*\s+(?:and|&)\s+$")  # a name (capitalised, not a place: "took P2 and Sainz third") and 'and' right before a subject
FIRST_WORD = re.compile(ASIDE + r"(?P<possessive>['’]s)?\s+(?:(?:now|still|currently|already)\s+)*(?P<word>\w+)")
POINTS_PATTERNS = [
    _n(r"\b{NAME}(?:['’]s)?\s+" + HAS + r"{N}\s+(?:championship\s+)?points"),
    _n(r"\b{NAME}\s+(?:leads|tops|heads)\s+" + CHAMPIONSHIP + r"\s+(?:with|on)\s+{N}\s+points"),
    _n(r"\b{NAME}\s+(?:leads?|is\s+leading|are\s+leading|tops?|heads?)\s+{CUP}\s+(?:with|on)\s+{N}\s+points"),
    _n(r"\b[Ww]ith\s+{N}\s+points(?:\s+(?:to\s+his\s+name|in\s+(?:his|the)\s+(?:pocket|bag|account)|on\s+the\s+board))?\s*,\s*{NAME}"),
    _n(r"\b{NAME}\s+\(\s*{N}\s+points\s*\)"),
    _n(r"\b{NAME}\s+(?:is\s+|are\s+|sits?\s+|lies\s+|lie\s+)?(?:on|with)\s+{N}\s+points"),
    _n(r"\b{NAME}\s+(?:is|are|sits?|lies|lie|remains?|stays?|holds?)\s+[^.;,]{0,60}?\s+(?:with|on)\s+{N}\s+points"),
    _n(r"\b{NAME}\s+(?:has\s+)?(?:took|takes|taken|brought|brings|moved|moves|pushed|pushes|raised|raises|lifted|lifts|increased|increases)\s+(?:his|their|its)\s+(?:points\s+|championship\s+)?(?:tally|total|haul|account)\s+to\s+{N}\s+points"),
    _n(r"\b{NAME}['’]s?\s+{N}\s+points"),
    _n(r"\b{NAME}['’]s?\s+(?:points\s+|championship\s+)?(?:tally|total)\s+of\s+{N}\s+points"),
    _n(r"\b{NAME}(?:['’]s)?\s+(?:points\s+|championship\s+)?(?:tally|total|haul|account)\s+(?:now\s+|currently\s+)?(?:stands\s+at|is|reads|has\s+reached|reached|has\s+grown\s+to|grew\s+to)\s+{N}\s+points"),
    _n(r"\b{NAME}\s*,\s*(?:now\s+|currently\s+|still\s+)?(?:on|with)\s+{N}\s+points\s*,"),
    # one subject, two claims: "X is second in the championship and has N points"
    _n(r"\b{NAME}\s+(?:is|are|sits?|lies|lie|remains?|stays?)\s+[^.;,]{0,60}?\s+and\s+(?:now\s+|still\s+)?(?:has|have|is\s+on|are\s+on|sits?\s+on)\s+{N}\s+points"),
]
# what can follow "N points" and make it no total: a haul ("this weekend", "in the last two races",
# "in Austin", "since the break"), a difference ("more than") or what is still to be scored ("to
# gain", "to defend", "available"); such a figure stays an unread claim
NOT_A_TOTAL = re.compile(
    r"\s*(?:more|fewer|less)\s+than\b"
    r"|\s+or\s+(?:more|fewer|less|better)\b"
    r"|\s+(?:this|last)\s+(?:weekend|race|sprint|round|time|year)\b"
    r"|\s+(?:in|at|on|from|over|across|during)\s+(?:the\s+)?(?:race|sprint|weekend|round|grand\s+prix|last|past|previous|first|opening|final|latest|(?:[0-9]{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:races|rounds|sprints|weekends|grands))\b"
    r"|\s+(?:at|in)\s+(?!the\b|F1\b|Formula\b|[Cc]onstructors|[Dd]rivers|[Ww]orld\b)[A-Z]"
    r"|\s+since\b"
    r"|\s+(?:lead|advantage|cushion|margin|deficit|gap|clear|ahead|behind|adrift|short|down)\b"
    r"|\s+(?:from|for)\s+(?:the\s+|his\s+|their\s+|a\s+)?(?:win|victory|podium|pole|fastest|race|sprint|weekend|round|grand\s+prix|[A-Z])"
    r"|\s+(?:to\s+(?:gain|defend|make\s+up|win|play\s+for|spare|recover|go)|available|left|remaining|up\s+for\s+grabs|at\s+stake)\b"
)
# where a lead is: "his lead at the top", "his lead in the championship"
AT_THE_TOP = r"(?:\s+(?:at\s+the\s+top(?:\s+of\s+" + CHAMPIONSHIP + r")?|in\s+(?:" + CHAMPIONSHIP + "|" + CUP.replace("(?P<cup>", "(?:") + r")|in\s+the\s+lead))?"
# a place, and maybe its championship or total, said before a margin: "Hamilton is third, 18 points ahead of
# Alonso", "Alonso is fourth in the championship, 18 points behind Hamilton", "third on 201 points, ..."
PLACE_BEFORE_MARGIN = (
    r"(?:[a-z]+(?:\s+(?:place\s+)?in\s+(?:" + CHAMPIONSHIP + "|" + CUP.replace("(?P<cup>", "(?:") + r"))?"
    r"(?:\s+(?:on|with)\s+" + NUMBER + r"\s+points)?\s*,\s*)?"
)
MARGIN_PATTERNS = [
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:has|have|had)\s+{N}\s+(?:points\s+more|more\s+points)\s+than\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:is\s+|are\s+|sits?\s+|was\s+|were\s+|remains?\s+|stays?\s+|now\s+|still\s+|just\s+|only\s+|(?:moved|moves?|pulled|pulls?|went|goes|edged|edges?)\s+)*" + PLACE_BEFORE_MARGIN + r"{N}\s+points\s+(?:clear\s+of|ahead\s+of|in\s+front\s+of|up\s+on)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:has\s+|have\s+)?(?:increased|extended|stretched|grew|cut|reduced|trimmed|built|opened|opened\s+up)\s+(?:his|their|its|the|a)\s+(?:championship\s+)?(?:lead|advantage|gap)" + AT_THE_TOP + r"\s+(?:to|at|of)\s+(?:what\s+(?:seemed|seems)\s+to\s+be\s+)?(?:an?\s+)?(?:[a-z]+\s+)?{N}\s+points\s+(?:over|ahead\s+of|clear\s+of|on)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:leads?|led|is\s+leading|are\s+leading|heads?)\s+{RIVAL}\s+by\s+{N}\s+points"),
    # the rival before the figure: "Pérez has extended his lead over Hamilton to 39 points"
    _n(r"\b{NAME}\s+(?:has\s+|have\s+)?(?:increased|extended|stretched|grew|cut|reduced|trimmed|built|opened|opened\s+up)\s+(?:his|their|its|the)\s+(?:championship\s+)?(?:lead|advantage|gap)\s+(?:over|on)\s+{RIVAL}\s+to\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:leads?|led|is\s+leading|are\s+leading)\s+" + CHAMPIONSHIP + r"\s+by\s+(?:just\s+|only\s+)?{N}\s+points\s+(?:from|over|ahead\s+of|clear\s+of|to)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:leads?|led|is\s+leading|are\s+leading)\s+{CUP}\s+by\s+(?:just\s+|only\s+)?{N}\s+points\s+(?:from|over|ahead\s+of|clear\s+of|to)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:has|have|holds?|enjoys?)\s+an?\s+{N}[- ]point\s+(?:lead|advantage)\s+(?:over|on)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:has|have|holds?|enjoys?)\s+an?\s+(?:[a-z]+\s+)?(?:lead|advantage|cushion|margin)\s+of\s+(?:just\s+|only\s+)?{N}\s+points\s+(?:over|on|to)\s+{RIVAL}"),
    _n(r"\b{NAME}['’]s?\s+(?:championship\s+)?(?:lead|advantage|cushion)\s+(?:over|on)\s+{RIVAL}\s+(?:now\s+)?(?:is|stands\s+at|is\s+now|has\s+(?:grown|risen|shrunk|fallen|dropped|been\s+cut|been\s+reduced)\s+to|(?:grew|rose|shrank|fell|dropped|was\s+cut|was\s+reduced)\s+to)\s+(?:just\s+|only\s+)?{N}\s+points"),
    # the driver behind named first: NAME is still the leader, RIVAL the driver behind
    _n(r"\b{RIVAL}['’]s?\s+(?:championship\s+)?deficit\s+(?:to|behind|on)\s+{NAME}\s+(?:now\s+)?(?:is|stands\s+at|is\s+now|has\s+(?:grown|risen|shrunk|fallen|dropped|been\s+cut|been\s+reduced)\s+to|(?:grew|rose|shrank|fell|dropped|was\s+cut|was\s+reduced)\s+to)\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{RIVAL}\s+(?:now\s+|still\s+)?(?:trails?|trailed|is\s+trailing|are\s+trailing|sits?\s+behind|is\s+behind|are\s+behind)\s+{NAME}\s+by\s+{N}\s+points"),
    # the driver behind closing in: "Hamilton closed the gap to Pérez to 39 points", "Hamilton cut Pérez's advantage to 39 points"
    _n(r"\b{RIVAL}\s+(?:has\s+|have\s+)?(?:closed|cut|reduced|trimmed|narrowed|slashed)\s+(?:the|his|their|its)\s+(?:gap|deficit)\s+to\s+{NAME}\s+to\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{RIVAL}\s+(?:has\s+|have\s+)?(?:cut|reduced|trimmed|narrowed|slashed)\s+{NAME}['’]s?\s+(?:championship\s+)?(?:lead|advantage)\s+to\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{RIVAL}\s+(?:(?:is|are|sits?|lies|lie|remains?|stays?|was|were|now|still|just|only)\s+)*" + PLACE_BEFORE_MARGIN + r"{N}\s+points\s+(?:behind|adrift\s+of|short\s+of|down\s+on)\s+{NAME}"),
]
# a lead with no rival named: over whoever is next in the standings ("Verstappen leads the championship by
# 20 points", "has extended his lead to 20 points", "is 20 points clear at the top"); a rival after the
# figure ("over his teammate", "from Perez": RIVAL_AFTER) makes it no lead of this kind (a margin, or unread)
RIVAL_AFTER = re.compile(r"\s+(?:over|from|ahead\s+of|clear\s+of|on|to|in\s+front\s+of|up\s+on|more\s+than)\b")
LEAD_PATTERNS = [
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:leads?|led|is\s+leading|are\s+leading)\s+(?:" + CHAMPIONSHIP + r"\s+)?by\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:leads?|led|is\s+leading|are\s+leading)\s+{CUP}\s+by\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{NAME}\s+(?:has\s+|have\s+)?(?:increased|extended|stretched|grew|built|opened\s+up|takes|took|moved|moves)\s+(?:his|their|its)\s+(?:championship\s+|points\s+)?(?:lead|advantage)" + AT_THE_TOP + r"\s+to\s+(?:an?\s+)?(?:[a-z]+\s+)?{N}\s+points"),
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:has|have|holds?|enjoys?)\s+an?\s+(?:[a-z]+\s+)?{N}[- ]point\s+(?:championship\s+)?(?:lead|advantage|cushion)" + AT_THE_TOP),
    _n(r"\b{NAME}\s+(?:now\s+|still\s+)?(?:has|have|holds?|enjoys?)\s+an?\s+(?:[a-z]+\s+)?(?:lead|advantage|cushion)" + AT_THE_TOP + r"\s+of\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{NAME}['’]s?\s+(?:championship\s+)?(?:lead|advantage|cushion)" + AT_THE_TOP + r"\s+(?:now\s+)?(?:is|stands\s+at|is\s+now|has\s+(?:grown|risen|shrunk|fallen|dropped|been\s+cut|been\s+reduced)\s+to|(?:grew|rose|shrank|fell|dropped|was\s+cut|was\s+reduced)\s+to)\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{NAME}\s+(?:is\s+|are\s+|sits?\s+|remains?\s+|stays?\s+|now\s+|still\s+)*{N}\s+points\s+clear\s+(?:at\s+the\s+top(?:\s+of\s+" + CHAMPIONSHIP + r")?|in\s+" + CHAMPIONSHIP + r"|of\s+the\s+(?:rest|field|chasing\s+pack|pack))"),
]
# a bound, not a figure: "Hamilton is within 39 points of Perez", "closed to within 20 points of the lead"
# (no rival named: of the leader). Checked as at most that far apart
CLOSER = (
    r"(?:(?:is|are|sits?|remains?|stays?|was|were|now|still|just|only)\s+)*"
    r"(?:(?:has\s+|have\s+)?(?:moved|moves|closed|closes|come|came|comes|pulled|pulls|drew|draws|crept|creeps|got|gets|climbed|climbs)\s+(?:up\s+)?(?:back\s+)?to\s+)?"
)
WITHIN_PATTERNS = [
    _n(r"\b{NAME}\s+" + CLOSER + r"within\s+{N}\s+points\s+of\s+{RIVAL}"),
    _n(r"\b{NAME}\s+" + CLOSER + r"within\s+{N}\s+points\s+of\s+(?:the\s+)?(?:championship\s+)?(?:lead|leader|top|summit)\b"),
]
# the points between two drivers (or teams) without saying who is ahead: checked as a distance
GAP = r"(?:gap|difference|margin|deficit)"
GAP_PATTERNS = [
    _n(r"\b[Tt]he\s+(?:points\s+|championship\s+)?" + GAP + r"\s+between\s+{NAME}\s+and\s+{RIVAL}\s+(?:in\s+" + CHAMPIONSHIP + r"\s+)?(?:now\s+)?(?:is|was|stands\s+at|remains|sits\s+at|(?:has\s+)?(?:grown|grew|shrunk|shrank|closed|narrowed|widened|dropped|fallen|fell|been\s+cut|been\s+reduced)\s+to)\s+(?:now\s+)?(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{NAME}\s+and\s+{RIVAL}\s+(?:are|were)\s+(?:now\s+|still\s+)?separated\s+by\s+(?:just\s+|only\s+)?{N}\s+points"),
    _n(r"\b{N}\s+points\s+(?:now\s+|still\s+)?separates?\s+{NAME}\s+(?:and|from)\s+{RIVAL}"),
    _n(r"\b[Tt]here\s+(?:is|are)\s+(?:now\s+|still\s+)?(?:just\s+|only\s+)?{N}\s+points\s+between\s+{NAME}\s+and\s+{RIVAL}"),
]
# the points of two drivers (or teams) added up: checked as a sum
SCORED = r"(?:now\s+|still\s+)?(?:have|had|has)\s+(?:now\s+)?(?:scored\s+|collected\s+|amassed\s+|accumulated\s+|racked\s+up\s+)?"
COMBINED = r"(?:a\s+combined\s+(?:total\s+of\s+)?|a\s+total\s+of\s+)"
LIST_BEFORE = re.compile(r"(?P<listed>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)\s*,\s*$")  # "Verstappen, " before a pair: a list
COMBINED_PATTERNS = [
    _n(r"\b{NAME}\s+and\s+{RIVAL}\s+" + SCORED + COMBINED + r"?{N}\s+points\s+(?:between\s+them|together|combined)"),
    _n(r"\b{NAME}\s+and\s+{RIVAL}\s+" + SCORED + r"(?:a\s+combined\s+(?:total\s+of\s+)?){N}\s+points"),
    _n(r"\b(?:[Bb]etween\s+them|[Tt]ogether)\s*,?\s+{NAME}\s+and\s+{RIVAL}\s+" + SCORED + COMBINED + r"?{N}\s+points"),
    _n(r"\b[Tt]he\s+combined\s+(?:points\s+)?(?:tally|total|haul)\s+of\s+{NAME}\s+and\s+{RIVAL}\s+(?:now\s+)?(?:is|stands\s+at|reads|has\s+reached|reached)\s+{N}\s+points"),
]
# a driver's place in the race the article reports ("Norris finished second", "came home fifth", "was
# classified 12th", "took fourth place", "moved up to fourth place", "won the race"): kind finish, checked
# against the article's own results table. On the road (ON_ROAD) a driver may finish ahead of one
# disqualified after the race; "classified", "moved up to" give the classification itself
ON_ROAD = (
    r"(?:finished|finishes|came\s+home|comes\s+home|came|comes|placed|ended\s+up|wound\s+up|crossed\s+the\s+(?:finish\s+)?line|took\s+the\s+chequered\s+flag|ended\s+the\s+race"
    r"|brought\s+(?:his|the)\s+(?:car|[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)\s+home)"  # "brought his Williams home"
)
CLASSIFIED = r"(?:was\s+classified|is\s+classified|moved\s+up\s+to|was\s+promoted\s+to|is\s+promoted\s+to|inherited)"
# the sprint, as a finish names it: "the sprint", "Saturday's sprint", "the Austin sprint" (the race
# named: group sprint_race), "the sprint race"
SPRINT_OF = r"(?:the\s+|(?:Friday|Saturday)['’]s\s+|this\s+weekend['’]s\s+)?(?:(?P<{g}_race>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)['’]?s?\s+)?(?P<{g}>[Ss]print)(?:\s+race)?"
# what may follow a win: of this race, of its sprint ("victory in the sprint"), or of a race named after
# it ("won in Austin": see NOT_THE_RACE)
WON = (
    r"(?:\s*[,.;]|\s+(?:by|from|ahead\s+of|on\s+Sunday|comfortably|easily)\b"
    r"|\s+in\s+" + SPRINT_OF.format(g="sprint_in") +
    r"|\s+(?:in|at)\s+(?:the\s+)?(?P<won_in>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*))"
)
WIN_ADVERB = r"(?:(?:still|comfortably|easily|eventually|ultimately|duly|then)\s+)?"  # "still won by 22.305 seconds"
# one subject, two verbs, the first of the race before the finish: "Leclerc started from pole and finished third",
# "Verstappen started sixth after a gearbox penalty and still won by 22.305 seconds"
FIRST_VERB = r"\s+(?:started|qualified|lined\s+up|recovered|battled|fought|charged|climbed|passed|overtook|made|spun|pitted)\b[^.;,]{0,80}?\s+and"
# a win, then up to those it beat, in the same clause ("won the sprint at Spa on Saturday, ahead of"; see
# NOT_ONE_CLAUSE)
WIN_THEN = r"\b(?:won|wins|win|victory)\b[^;:()\u2013\u2014]{0,80}?\s"
SAID_PLACE = {"second": 2, "third": 3}  # the place a finish pattern's group says without an ordinal ("completed the podium")
# a time at the flag, in seconds ("10.730s", "22.305 seconds")
# or in words: "53-thousandths of a second", "two tenths of a second" (PARTS_OF_A_SECOND: a part's milliseconds)
PARTS_OF_A_SECOND = {"tenth": 100, "hundredth": 10, "thousandth": 1}
COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
SECONDS = (
    r"(?P<secs>(?P<minutes>[0-9]{1,2})(?::|m\s?)(?P<in_minute>[0-5][0-9](?:\.[0-9]{1,3})?)s?\b"  # over a minute: "1:03.101", "1m03.101s"
    r"|(?P<figure>[0-9]{1,3}(?:\.[0-9]{1,3})?)(?:\s*(?:seconds|secs?)\b|-seconds?\b|s\b)"  # "10.730s", "10.7 seconds", "a 10.7-second win"
    r"|(?P<count>[0-9]{1,3}|(?i:" + "|".join(COUNTS) + r"))[\s-]+(?P<part>" + "|".join(PARTS_OF_A_SECOND) + r")s?\s+of\s+a\s+second\b)"
)
GAP_SIDE = r"(?P<side>ahead\s+of|clear\s+of|in\s+front\s+of|up\s+the\s+road\s+from|behind|adrift\s+of|down\s+on)"  # "10.730s up the road from Norris"
# the driver ahead as the race's winner: named with his title ("behind race winner Max Verstappen"), or by
# it alone ("10.730s behind the winner", group winner: the driver whose win the article has told before)
WINNER = r"(?:(?:race|sprint|eventual)\s+)?winner"
WINNER_OR_RIVAL = r"(?:(?:(?:the\s+)?" + WINNER + r"\s*,?\s+)?{RIVAL}|(?P<winner>the\s+" + WINNER + r")\b)"  # a name after the title first
# "was N seconds behind" is a result only at the flag: "Norris was 10.730s adrift of Verstappen at the flag"
AT_THE_FLAG = r"\s+(?:at|by)\s+the\s+(?:(?:chequered|checkered)\s+flag|flag|finish(?:ing\s+line)?|line|end\s+of\s+the\s+(?:race|[Gg]rand\s+[Pp]rix))\b"
# a place with "was" and a time, a result at the flag or at the sentence's end ("Norris was second, 10.730 seconds
# behind Verstappen", "..., with Sainz third", "..., and Sainz third"); "was second, 3 seconds behind Verstappen, when
# the safety car came out" is a moment of the race. A finish pattern and a time pattern both
PLACE_AND_TIME = (
    r"\b{NAME}\s+(?:was|is)\s+{ORD}(?:\s+place)?\s*,\s+(?:just\s+|only\s+)?" + SECONDS + r"\s+" + GAP_SIDE + r"\s+" + WINNER_OR_RIVAL
    + r"(?:" + AT_THE_FLAG + r"|\s*(?:[.!;]|$)|\s*,\s+with\b|\s*,?\s+and\s+" + NAME.format(g="next") + r"\s+(?:in\s+)?(?:" + PLACE + r")\b)"
)
# a race named as what was won: "won the Mexican Grand Prix", "won the season-opening Bahrain Grand Prix"
RACE_WON = r"\s+the\s+(?:[a-z0-9][\w'’\-]*\s+){0,2}(?P<race>(?:[A-Z][\w'’\-]*\s+){1,3}(?:Grand\s+Prix|GP))"
# laps down, said between a finish and its place: "Zhou finished a lap down in 13th"
LAPS_DOWN = r"(?:(?:a|one|two|three|[0-9])\s+laps?\s+down,?\s+)?"
FINISH_PATTERNS = [
    _n(r"\b{NAME}\s+(?:" + ON_ROAD + "|" + CLASSIFIED + r")\s+(?:the\s+(?:race|[Gg]rand\s+[Pp]rix|(?P<sprint>[Ss]print))\s+)?" + LAPS_DOWN + r"(?:in\s+)?{ORD}(?:\s+place)?"),
    _n(r"\b{NAME}\s+(?:was|is)\s+{ORD}\s+(?:at\s+the\s+(?:flag|finish|line)|across\s+the\s+line)"),  # "Alonso was fifth at the flag"
    _n(PLACE_AND_TIME),  # "Norris was second, 10.730 seconds behind Verstappen"
    _n(r"\b{NAME}\s+(?:took|claimed|grabbed|bagged)\s+{ORD}(?P<place_said>\s+place)?"),  # "took fourth place", "claimed P8" (see _finish)
    # a place said by what it completes: "Alonso completed the podium" (third), "with Perez completing a Red Bull one-two" (second)
    _n(
        r"\b{NAME}\s+(?:completed|completes|completing|rounded\s+out|rounds\s+out|rounding\s+out|made\s+it)\s+(?:the\s+|an?\s+)?(?:[A-Z][\w'’\-]*\s+){0,2}"
        r"(?:(?P<third>podium|top\s+three)|(?P<second>one-two|1-2))\b"
    ),
    # a medal: "the Spaniard stood his ground to take home the bronze medal" (third), "Norris took silver"
    _n(
        r"\b{NAME}\s+(?:(?:stood\s+(?:his|her)\s+ground|held\s+on|hung\s+on|went\s+on|did\s+enough)\s+to\s+)?"
        r"(?:take|takes|took|taking|claim|claims|claimed|claiming|bag|bags|bagged|grab|grabs|grabbed|secure|secures|secured|collect|collects|collected)\s+"
        r"(?:home\s+)?(?:the\s+)?(?:(?P<third>[Bb]ronze)|(?P<second>[Ss]ilver)|[Gg]old)(?:\s+medal)?\b"
    ),
    # a place or finish as a noun: "Sainz's fourth place", "Norris's second-place finish", "the P4 finish was a
    # crucial result for Perez", "a fourth-place finish for Sainz" ("his fourth finish" may count his finishes:
    # see _finish)
    _n(r"\b{NAME}['’]s?\s+{ORD}(?:(?P<place_said>[- ]place)(?:\s+finish)?|\s+finish)\b"),
    _n(r"\b(?:[Tt]he|[Aa]|[Hh]is)\s+{ORD}(?P<place_said>[- ]place)?\s+finish\s+(?:(?:was|is|proved|gave|meant|earned|brought|represented)\b[^.;:]{0,60}?\s+)?for\s+{NAME}"),
    # one subject, two verbs: "Leclerc started from pole and finished third"
    _n(r"\b{NAME}" + FIRST_VERB + r"\s+(?:then\s+|eventually\s+|ultimately\s+)?" + ON_ROAD + r"\s+(?:in\s+)?{ORD}(?:\s+place)?"),
    # a sprint won is a sprint's whatever follows: "won the sprint on Saturday"
    _n(r"\b{NAME}(?:" + FIRST_VERB + r")?\s+" + WIN_ADVERB + r"(?:won|wins)(?:\s+" + SPRINT_OF.format(g="sprint") + r"|(?:\s+the\s+(?:[0-9]{1,3}-lap\s+)?(?:race|[Gg]rand\s+[Pp]rix)|" + RACE_WON + r")?" + WON + ")"),
    _n(r"\b{NAME}\s+(?:took|takes|claimed|claims|scored|scores)\s+(?:the\s+|a\s+|his\s+)?(?:(?P<sprint>[Ss]print)\s+)?(?:win|victory)" + WON),
    # a win said of the race: "The United States Grand Prix was won by Max Verstappen", "Saturday's sprint was won by Norris"
    _n(
        r"\b(?:[Tt]he|[Tt]his|[Ss]unday['’]s|[Ss]aturday['’]s)\s+(?:[a-z0-9][\w'’\-]*\s+){0,2}(?:(?P<race>(?:[A-Z][\w'’\-]*\s+){1,3}(?:Grand\s+Prix|GP))"
        r"|race|[Gg]rand\s+[Pp]rix|(?P<sprint>[Ss]print)(?:\s+race)?)\s+(?:was|is)\s+(?:eventually\s+|comfortably\s+|easily\s+)?won\s+by\s+{NAME}"
    ),
    # the verb left out after a finish: "Verstappen won, with Norris second and Sainz third", "Norris was classified second and Sainz third"
    _n(r"\b(?P<elided>[Ww]ith|and)\s+{NAME}\s+(?:in\s+)?{ORD}(?:\s+place)?"),
    # who a win was ahead of: "Verstappen won by 22.305 seconds from Perez", "won the sprint ahead of Piastri and Gasly"
    _n(WIN_THEN + r"(?P<beaten>ahead\s+of|from)\s+{NAME}"),
    _n(WIN_THEN + r"(?P<beaten_third>ahead\s+of|from)\s+" + NAME.format(g="runner_up") + r"\s+and\s+{NAME}"),
    # second said as the runner-up of a race: "Sainz finished runner-up in Austin" (not of a championship: see _finish)
    _n(r"\b{NAME}\s+(?:" + ON_ROAD + r"|was|were)\s+(?:as\s+)?(?:the\s+)?(?P<second>runner-up)\b"),
    # a place in a session said with "was", at the sentence's end: "Leclerc was second in the sprint."
    _n(r"\b{NAME}\s+was\s+{ORD}\s+in\s+(?:the\s+(?:race|[Gg]rand\s+[Pp]rix)|" + SPRINT_OF.format(g="sprint") + r")\s*(?:[.!;]|$)"),
]
# what a driver behind lost by a time: a race's result, never a lap or a pole ("lost the battle for P3", "missed
# out on the podium")
LOST_PRIZE = r"(?:the\s+)?(?:podium|win|victory|(?:" + PLACE + r")(?:[- ]place)?)"
LOST = (
    r"emerged\s+as\s+the\s+loser|lost(?:\s+out)?|(?:was|were)\s+beaten|missed\s+out\s+on\s+" + LOST_PRIZE
    + r"|lost\s+(?:the\s+|a\s+|his\s+|their\s+)?(?:battle|fight|duel|scrap|drag\s+race)(?:\s+for\s+" + LOST_PRIZE + r")?"
)
# laps (kind laps): a race's distance, "the 71-lap race", "the 56-lap United States Grand Prix" (about race:
# checked against the calendar and the article's own table), or a driver's at the flag, after his place or
# time, "Pérez finished fifth after 56 laps" (about driver: checked against his row of the table). Not a
# moment of the race ("his car lost power after 39 laps": no place read before it), nor a sprint's (the
# calendar gives no sprint's distance)
RACE_LAPS = re.compile(
    r"\b(?:[Tt]he|[Aa]|[Tt]his|[Ss]unday['’]s)\s+(?P<laps>[0-9]{1,3})-lap\s+"
    r"(?:(?P<race>(?:[A-Z][\w'’\-]*\s+){1,3}(?:Grand\s+Prix|GP))|race|[Gg]rand\s+[Pp]rix|GP)\b"
)
SPRINT_NEXT = re.compile(r"\s+[Ss]print\b")  # "the 24-lap Belgian GP sprint": a sprint's distance
LAPS_AFTER = re.compile(r"\s*,?\s+(?:after|over)\s+(?P<laps>[0-9]{1,3})\s+laps\b")
LAPS_GATE = r"[0-9](?:-lap|\s+laps)\b"
# a time lost or won at a moment of the race or for pole, not at the flag: "lost out by 3 seconds to Russell
# at the start", "beat Norris by 0.1s for pole"
NOT_AT_THE_FLAG = re.compile(r"\s+(?:on|in|at|during|after|through|over)\s+(?:the\s+|his\s+|their\s+)?(?:[a-z]+\s+)?(?:laps?|stints?|pit|stops?|start|restart|safety)\b|\s+(?:for|to)\s+(?:the\s+)?pole\b")
BY_ONLY = r"(?:a\s+(?:matter|margin)\s+of\s+|just\s+|only\s+|a\s+mere\s+)?"
# a time at the flag between two drivers, in seconds ("won by 22.305 seconds from Perez", "crossed the
# line 11.987 seconds ahead of Pérez", "finished second, 10.730s behind Verstappen"): kind time_gap, the
# driver ahead first; a win's with no rival named is over the one classified right behind him. "was N
# seconds behind" only at the flag (AT_THE_FLAG) or after a place at the sentence's end (PLACE_AND_TIME): in a
# race report, as often a moment of the race ("was 5 seconds behind Sainz when his engine failed") as its end
TIME_GAP_PATTERNS = [
    _n(r"\b{NAME}(?:" + FIRST_VERB + r")?\s+" + WIN_ADVERB + r"(?:won|wins|took\s+(?:the\s+)?(?:win|victory)|claimed\s+(?:the\s+)?(?:win|victory))\b(?P<mid>[^;:()\u2013\u2014]{0,80}?)\s+(?P<by>by\s+(?:a\s+margin\s+of\s+|an?\s+)?)?" + SECONDS + r"(?:\s+(?:(?P<over>from|over)|" + GAP_SIDE + r")\s+{RIVAL})?"),
    # ... or clear of no one named (group alone: "crossed the line 10.730 seconds clear", over the one right behind him)
    _n(r"\b{NAME}\s+(?:" + ON_ROAD + r"|came\s+in)\s+(?:(?:in\s+)?{ORD}(?:\s+place)?\s*,?\s+)?(?:just\s+|only\s+)?" + SECONDS + r"\s+(?:" + GAP_SIDE + r"\s+" + WINNER_OR_RIVAL + r"|(?P<alone>clear|ahead)\b)"),
    _n(r"\b{NAME}\s+(?:was|were)\s+(?:just\s+|only\s+)?" + SECONDS + r"\s+" + GAP_SIDE + r"\s+" + WINNER_OR_RIVAL + AT_THE_FLAG),
    _n(PLACE_AND_TIME),
    # the driver behind named first, by how he lost (group lost): "emerged as the loser by 53-thousandths of a
    # second against Alonso", "lost the battle for third by 0.053s to Alonso", "lost out to Alonso by 0.053s"
    _n(r"\b{NAME}\s+(?P<lost>" + LOST + r")\s+by\s+" + BY_ONLY + SECONDS + r"\s+(?:to|against)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?P<lost>lost(?:\s+out)?\s+to|(?:was|were)\s+beaten\s+(?:to\s+" + LOST_PRIZE + r"\s+)?by|(?:" + ON_ROAD + r")\s+behind)\s+{RIVAL}\s+by\s+" + BY_ONLY + SECONDS),
    # the driver ahead's margin: "Verstappen's winning margin was 10.730 seconds", "Verstappen's margin of
    # victory over Norris was 10.7 seconds"
    _n(r"\b{NAME}['’]s?\s+(?:winning\s+)?margin(?:\s+of\s+victory)?(?:\s+(?:over|from|ahead\s+of)\s+{RIVAL})?\s+(?:was|is)\s+(?:just\s+|only\s+)?" + SECONDS),
    # ... or of the win the article has told before (group won_told): "The winning margin was 10.730 seconds", "His margin of
    # victory over Norris was 10.7s"
    _n(r"\b(?P<name>[Tt]he|[Hh]is)\s+(?P<won_told>winning\s+margin|margin\s+of\s+victory)(?:\s+(?:over|from|ahead\s+of)\s+{RIVAL})?\s+(?:was|is)\s+(?:just\s+|only\s+)?" + SECONDS),
    # the driver ahead named first, by how he beat the other (group beat): "beat Norris by 10.730 seconds",
    # "beat Norris to victory by 10.7s", "led Norris home by 10.730 seconds" (led: home only)
    _n(r"\b{NAME}\s+(?P<beat>beat|beats|led|leads)\s+{RIVAL}\s+(?P<to>home\s+|to\s+(?:the\s+)?(?:win|victory|line|flag|chequered\s+flag|checkered\s+flag)\s+)?by\s+" + BY_ONLY + SECONDS),
    # a win said by its time: "took a 10.730-second victory over Norris", "cruised to a 10.7s win from Norris"
    _n(r"\b{NAME}\s+(?:[a-z]+\s+){1,4}?an?\s+(?:[a-z]+\s+)?" + SECONDS + r"\s+(?:victory|win)\s+(?P<over>over|from|ahead\s+of)\s+{RIVAL}"),
]
GAP_BEHIND = ("behind", "adrift", "down")  # the first word of a GAP_SIDE that puts the driver named first behind
HEDGED = re.compile(r"\b(?:more\s+than|less\s+than|over|under|almost|nearly|around|about|some|roughly|approximately|barely|well\s+over|just\s+over|just\s+under|up\s+to|at\s+least)\s+$", re.IGNORECASE)
WIN_TO_BEATEN = re.compile(r"[^;:()\u2013\u2014]{0,80}")
NOT_ONE_CLAUSE = re.compile(r"\b(?:and|but|while|whereas|which|who|where|as|after|before|when|since|until|though|although|despite|because)\b")
FINISH_BEFORE = re.compile(r"\b(?:" + ON_ROAD + "|" + CLASSIFIED + r")|\b(?:won|wins|win|victory)\b")  # what an elided verb stands for
# after a finishing place: another session, a championship or another season: no claim of a race; a
# name ("in Austin", "at the Mexican Grand Prix"): a claim of the race it names when it names one
# (the reference's event spellings), of this race when it names a team ("fifth in the McLaren": his
# car), else none; past the driver ahead or behind ("second behind Verstappen at Monaco")
NOT_THE_RACE = re.compile(
    r"\s+(?:place\s+)?(?:in|at|of|on|during)\s+(?:the\s+|this\s+|last\s+|(?:Friday|Saturday)['’]s\s+)?"
    r"(?i:[0-9]{4}|F1\b|sprint|qualifying|practice|shootout|grid|championship|standings|drivers|constructors|world|title|season|table|year|previous|opening|FP[0-9]|Q[123])"
    r"|(?:\s+(?:behind|ahead\s+of)\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)?\s+(?:in|at)\s+(?!the\s+(?:race|[Gg]rand\s+[Pp]rix)\b)(?:the\s+)?(?P<named>[A-Z][\w'’\-]*(?:\s+(?:(?:of|de)\s+(?:the\s+)?)?[A-Z][\w'’\-]*)*)"
    r"|\s+(?i:overall)\b|\s+(?i:last|this|next)\s+(?i:year|season|time|weekend)\b"
)
# a sentence about another race or session: no place of it is read. Polars leaves such sentences out of
# the finish patterns' gate (ProseReader.gated), so Python never reads a finish in them. A sentence
# about a sprint is read (see SPRINT_AFTER), a sprint shootout's is not: it is qualifying
OTHER_RACE = (
    r"(?i)\b(?:last\s+(?:year|season|time|weekend|race|round)|a\s+year\s+ago|previous\s+(?:race|round|year|season|weekend)|next\s+(?:race|round|weekend)"
    r"|qualifying|practice|shootout|career|debut)\b"
)
OTHER_RACE_RE = re.compile(OTHER_RACE)
# In a sentence naming a sprint, a place is the sprint's when the words say so: after it ("second in the
# sprint", "fourth in the Austin sprint", "third in Saturday's sprint at Spa"), in it ("won the sprint",
# "took the sprint win", "victory in the sprint": the patterns' groups sprint and sprint_in) or leading
# the sentence ("In the sprint, Norris finished second"); the race's when they name it ("and finished
# second in the race", "won the Belgian Grand Prix"); else it is read as neither.
SPRINT_NAMED = re.compile(r"\b[Ss]prints?\b")
SPRINT_AFTER = re.compile(r"\s+(?:place\s+)?(?:in|at|of|during)\s+" + SPRINT_OF.format(g="sprint") + r"\b")
SPRINT_LEADS = re.compile(r"^[\"“‘(]?(?:In|At|During)\s+" + SPRINT_OF.format(g="sprint") + r"\b(?:\s+(?:at|in)\s+(?:the\s+)?(?P<at>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*))?\s*,")
SPRINT_RACE_AFTER = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?(?P<at>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)")  # "won the sprint in Qatar", "at the Red Bull Ring"
RACE_SAID = re.compile(r"\bthe\s+(?:race|[Gg]rand\s+[Pp]rix)\b")  # "won the race", "finished the Grand Prix in fifth"
RACE_AFTER = re.compile(r"\s+(?:place\s+)?(?:in|of|at)\s+(?:the\s+|[Ss]unday['’]s\s+)(?:main\s+|feature\s+)?(?:race|[Gg]rand\s+[Pp]rix)\b")
# a sentence that tells of the order changed after the flag: no place on the road of it is read (polars
# marks such sentences: _Context.penalised)
PENALTY = r"(?i)penalt|demoted|stripped|disqualif|excluded|reinstated|stewards|provisional|investigat|under\s+review|appeal"
# a penalty served before the start changes no order at the flag: "started sixth after a gearbox penalty and
# still won by 22.305 seconds" (the words are blanked before PENALTY is looked for)
GRID_PENALTY = r"(?i)\b(?:grid|gearbox|engine|power[\s-]+unit|component|place|back-of-the-grid|pit[\s-]+lane)\s+penalt(?:y|ies)\b"
CLASSIFIED_VERB = re.compile(CLASSIFIED)
TIME_GATE = r"sec|[0-9]s|[0-9]:[0-5][0-9]"  # "seconds", "secs", "10.730s", "1:03.101"
FINISH_GATE = r"finish|home|line|flag|race|print|unner-up|car|classified|moved|promoted|inherited|place|won|wins|win|victory|came|comes|ended|wound|podium|one-two|1-2|P[0-9]|ronze|ilver|Gold|gold"  # one is in every sentence a finish is read in
ELIDED_GATE = FINISH_GATE + "|" + TIME_GATE  # a verb left out may stand for a place said with its time ("was second, 10.7s behind Verstappen, with Sainz third")
# a move in the table ends in a place: "moved up to third", "dropped to fifth", "is up to seventh", "holds on to second"
MOVED = (
    r"(?:mov(?:es?|ed)|climb(?:s|ed)?|r[io]ses?|risen|jump(?:s|ed)?|drop(?:s|ped)?|f[ae]lls?|fallen|slip(?:s|ped)?|slid(?:es?)?)"
    r"\s+(?:back\s+)?(?:up\s+|down\s+)?(?:to|into)|(?:is|are)\s+(?:now\s+)?(?:up|down|back)\s+(?:to|in)|holds?\s+on\s+to"
)
POSITION_PATTERNS = [
    _n(r"\b{NAME}\s+(?:has\s+)?(?:now\s+)?(?:successfully\s+)?(?:secured|clinched|sealed|locked\s+in|holds|is|sits|remains|lies|stays|is\s+currently|" + MOVED + r")\s+(?:(?:now|still|currently)\s+)?(?:in\s+)?{ORD}\s+(?:place\s+)?(?:in|of)\s+" + CHAMPIONSHIP),
    _n(r"\b{NAME}\s+(?:now\s+)?(?:leads|tops|heads)\s+" + CHAMPIONSHIP),
    _n(r"\b{NAME}\s+(?:is|remains|stays|sits|(?:moved|moves|climbed|climbs|went|goes|returned|returns)\s+(?:back\s+)?to)\s+(?:now\s+|still\s+)?(?:at\s+)?(?:the\s+)?top\s+of\s+" + CHAMPIONSHIP),
    # a place given with a total is a place in the standings: "Hamilton is third with 201 points", "sits 11th on 55 points"
    _n(r"\b{NAME}\s+(?:is|are|sits?|lies|lie|remains?|stays?|holds?)\s+(?:now\s+|still\s+|currently\s+)?(?:in\s+)?{ORD}\s+(?:place\s+|overall\s+)?(?:with|on)\s+{N}\s+points"),
    # a place given with a margin in points: "Alonso is fourth, 18 points behind Hamilton" (the margin is MARGIN_PATTERNS')
    _n(r"\b{NAME}\s+(?:is|sits|lies|remains|stays)\s+(?:now\s+|still\s+|currently\s+)?(?:in\s+)?{ORD}(?:\s+place|\s+overall)?\s*,\s+(?:just\s+|only\s+)?" + NUMBER + r"\s+points\s+(?:behind|adrift\s+of|short\s+of|down\s+on|clear\s+of|ahead\s+of|in\s+front\s+of|up\s+on)\s"),
    # a place in an apposition: "Hamilton, third in the championship, has 232 points"
    _n(r"\b{NAME}\s*,\s*(?:now\s+|currently\s+|still\s+)?(?:in\s+)?{ORD}\s+(?:place\s+)?(?:in|of)\s+" + CHAMPIONSHIP + r"\s*,"),
    # one subject, two claims: "X has N points and is second in the championship"
    _n(r"\b{NAME}\s+" + HAS + NUMBER + r"\s+points\s*,?\s+and\s+(?:now\s+|still\s+)?(?:is|sits|remains|lies|stays|" + MOVED + r")\s+(?:now\s+|currently\s+)?(?:in\s+)?{ORD}\s+(?:place\s+)?(?:in|of)\s+" + CHAMPIONSHIP),
    _n(r"\b{NAME}\s+" + HAS + NUMBER + r"\s+points\s*,?\s+and\s+(?:now\s+|still\s+)?(?:is|are|sits?|remains?|lies|lie|stays?|" + MOVED + r")\s+(?:now\s+|currently\s+)?(?:in\s+)?{ORD}\s+(?:place\s+)?(?:in|of)\s+{CUP}"),
    _n(r"\b{NAME}\s+(?:ha(?:s|ve)\s+)?(?:now\s+)?(?:secured|clinched|sealed|locked\s+in|hold|holds|is|are|sits?|remains?|lies|lie|stays?|(?:is|are)\s+currently|" + MOVED + r")\s+(?:(?:now|still|currently)\s+)?(?:in\s+)?{ORD}\s+(?:place\s+)?(?:in|of)\s+{CUP}"),
    _n(r"\b{NAME}\s+(?:now\s+)?(?:leads?|are\s+leading|is\s+leading|tops?|heads?)\s+{CUP}"),
    _n(r"\b{NAME}\s*,\s*(?:now\s+|currently\s+|still\s+)?(?:in\s+)?{ORD}\s+(?:place\s+)?(?:in|of)\s+{CUP}\s*,"),
]
RUNNER_UP = re.compile(
    r"(?P<role>(?:championship|title)\s+(?:runner-up|leader)|runner-up|championship\s+leader|world\s+champion)",
    re.IGNORECASE,
)
# a plain 'runner-up' is a place in a championship only when the words next to it say so ("the current
# WRC runner-up", "the 2023 runner-up", "the runner-up in the drivers' standings", "the runner-up in 2023"); "finished
# runner-up in Austin", "the runner-up in the sprint" are a race's
CHAMPIONSHIP_AFTER_ROLE = re.compile(r"\s+(?:in|of)\s+(?:" + CUP + "|" + CHAMPIONSHIP + r"|(?:the\s+)?(?:19|20)[0-9]{2}\b)")
CHAMPIONSHIP_BEFORE_ROLE = re.compile(r"\b(?:championship|title|standings|current|reigning|drivers['’]?|constructors['’]?|world|(?:19|20)[0-9]{2})\s+$", re.IGNORECASE)
ROLE_WORDS = re.compile(
    r"\b(?:runner-up|champion|championship|title|leader|leads|standings|points|second\s+place|P[0-9]+)\b", re.IGNORECASE
)
PAST_MARKERS = re.compile(
    r"\b(?:former|ex-|past|once|previously|twice|three-time|four-time|five-time|[0-9]+-time|won|was|were|had\s+been|used\s+to|back\s+in|career)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")
# what follows a year in the title a driver is named by, up to his name ("the 2021 Formula 2 champion
# Oscar Piastri"): that year dates the title, not the place he is given; a year after a preposition
# ("In 2021 the champion Verstappen") dates the sentence
TITLE_AFTER_YEAR = re.compile(r"\s+(?:(?!(?:the|a|an)\s)[\w'’\-]+\s+){0,3}(?:champion|winner|runner-up)\s+", re.IGNORECASE)
DATING_BEFORE_YEAR = re.compile(r"\b(?:in|at|on|during|since|from|of|by|until|after|before|for)\s+$", re.IGNORECASE)
# a role of another season: "former", "last year's", "the 2021" (a word may stand between: "former F1
# runner-up") right before it, or "in 2021" right after it
PAST_ROLE_BEFORE = re.compile(
    r"(?:\b(?:former|one-time|then|previous|last\s+(?:year|season)['’]s|(?P<year>(?:19|20)[0-9]{2}))\s+(?:\S+\s+)?|\bex-)$", re.IGNORECASE
)
# a name right after a role, past the championship it is in: "the runner-up in the constructors'
# standings, Mercedes,"
NAME_AFTER_ROLE = re.compile(r"(?:\s+in\s+(?:" + CUP + "|" + CHAMPIONSHIP + r"|(?:19|20)[0-9]{2}\b))?[,\s]+" + NAME.format(g="name"))
PAST_ROLE_AFTER = re.compile(
    r"\s+(?:in|of|from)\s+(?P<year>(?:19|20)[0-9]{2})\b"
    r"|(?:\s+(?:in|of)\s+the\s+(?:championship|standings|title\s+race))?\s+(?:last|the\s+previous|a)\s+(?:year|season)\b",  # "runner-up in the championship last year"
    re.IGNORECASE,
)
# a total or margin in the past tense said of a moment ("had 25 points after the first race", "going
# into the weekend, Perez had 240 points", "a year ago"): that moment's, not the table's
PAST_VERB = re.compile(r"\b(?:had|was|were|led)\b")
PAST_MOMENT = re.compile(
    r"\b(?:after|before|going\s+into|heading\s+into|at\s+the\s+time|at\s+that\s+(?:point|stage|time)|back\s+then|by\s+then|until"
    r"|(?:a|one|two|three|a\s+few)\s+(?:years?|seasons?|races?|rounds?|weeks?|months?)\s+ago|last\s+(?:year|season))\b",
    re.IGNORECASE,
)
# "N points in 2021": a total of that season, no claim about this one's
YEAR_AFTER_POINTS = re.compile(r"\s+(?:in|during|of|for)\s+(?:the\s+)?(?P<year>(?:19|20)[0-9]{2})\b")
# a subject left out after "and": "Verstappen won in Austin and leads the championship by 20 points". The
# claim after "and" is that of the name starting the clause before it (at the sentence's start or after a
# comma: "In Austin, Verstappen won and ..."), when that clause is plain: no punctuation but a comma
# before the "and", no other subject ("Verstappen won and Hamilton finished second and ..."), no
# subordinate or reported clause ("Hamilton said Perez was fast and ..."). Such a claim is read on the
# sentence with the clause's words blanked (ProseReader.elided): every position in it is the sentence's own.
ELISION_CUT = r"(\band\s+)([a-z])"  # "and" before a word in lower case: a verb whose subject is left out
A_NUMBER_FIRST = r"^(?:" + WORD_NUMBER + r")\b"  # ... not a number ("a hundred and thirty-five points")
# a longer sentence is no sentence of news (a file with no full stops): its clauses, each a copy of it,
# are not read, so an "and" every few words cannot make its copies grow as its square
ELISION_MAX_CHARS = 1_000
NOT_PLAIN = (
    r"(?:\band|&)\s+[A-Z]"  # "and" before a name: maybe another subject ("but", "or", "nor" below: before any word)
    r"|\b(?:that|which|who|whom|whose|where|when|while|whilst|whereas|as|because|since|although|though|if|unless|until|but|or|nor|so|yet|than"
    r"|he|she|they|says?|said|told|tells|added|adds|explained|explains|insisted|insists|claimed|claims|believes?|believed|thinks?|thought|admitted|admits|noted|notes|according)\b"
)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")

CLAIM_SCHEMA = {
    "article_id": pl.String,
    "line": pl.Int64,
    "kind": pl.String,
    "about": pl.String,  # driver; team: then driver_raw, driver_key and rival_key name teams; race: a race's distance, no name
    "driver_raw": pl.String,
    "driver_key": pl.String,
    "points": pl.Float64,
    "rival_raw": pl.String,
    "rival_key": pl.String,
    "margin": pl.Float64,
    "position": pl.Int64,
    "series_raw": pl.String,
    "race_raw": pl.String,  # the race a finish (time_gap, laps) names ("fifth in Austin"); with session, gap_ms and laps, the last of CLAIM_VALUES
    "session": pl.String,  # what a finish is a place in: race or sprint (SESSIONS)
    "gap_ms": pl.Int64,  # the time a time_gap claims between its two, the driver ahead first
    "laps": pl.Int64,  # the laps a laps claim gives: the race's distance (about race), or a driver's at the flag
    "text": pl.String,
}
SENTENCE_COLUMNS = {"article_id": "article_id", "line": "line", "text": "sentence"}  # taken from the sentence read
CLAIM_VALUES = [c for c in CLAIM_SCHEMA if c not in SENTENCE_COLUMNS]  # what a sentence's claim says
# a claim's number on its line, in reading order: with article_id and line, the key of a claim (a line of
# prose is a paragraph, often of several claims, and an issue is about one of them)
CLAIM_NO = (pl.int_range(pl.len(), dtype=pl.Int64).over("article_id", "line") + 1).alias("claim_no")
NO_RACE = (None,) * len(CLAIM_VALUES)  # pads the values of a claim that names no race (all but finishes)
# a number of points as any sentence states it: a sentence holding one is a claim, read or not
POINTS_STATEMENT = r"\b" + NUMBER + r"(?i:[- ]points?\b|\s?pts\b)"  # "210 Points" in a headline too
# a place in the championship as any sentence states it, by every name CHAMPIONSHIP and CUP know and as 'the
# table' ('second in the drivers' championship', 'P2 in the standings', 'third in the title race', 'fourth in the table')
PLACE_WORDS = ["championship", "standings", "title", "table"]  # one is in every place statement (in any case)
PLACE_STATEMENT = (
    r"(?i)\b(?:" + PLACE + r")\s+(?:place\s+)?(?:in|of)\s+(?:the\s+)?(?:[0-9]{4}\s+)?"
    r"(?:F1\s+|Formula\s+(?:1|One)\s+)?(?:world\s+)?(?:(?:drivers|constructors)['’]?\s+)?(?:world\s+)?(?:championship|standings|title\s+race|table)"
)
# a time between drivers as any sentence states it: a time (SECONDS, as the claims read it) after "by" ("won by 12
# seconds", "by a matter of 53-thousandths of a second") or before a side ("10.730s behind", "2 seconds clear of")
TIME_BY = r"\bby\s+(?:[a-z]+\s+){0,3}" + SECONDS
TIME_SIDE = SECONDS + r"\s+(?:ahead|clear|behind|adrift|down|back|up\s+the\s+road|in\s+front)\b"  # "10.730s clear", "10.730s down at the flag"
TIME_WIN = SECONDS + r"\s+(?:victory|win)\b"  # "a 10.730-second victory"
TIME_MARGIN = r"\b(?:margin|gap|deficit|difference)\b[^.;:,]{0,40}?\s(?:was|is|of|at|stood\s+at|stands\s+at)\s+(?:just\s+|only\s+|a\s+mere\s+)?" + SECONDS  # "the winning margin was 10.730 seconds"
# a figure of points with its unit left out, in a sentence that speaks of points: "Verstappen has 466 points,
# Pérez 250", "Pérez on 240 and Hamilton on 211", "476 points to Pérez's 240", "leads Pérez (240 points) by 226",
# "third with 201 points, 28 ahead of Alonso", "The standings: Verstappen 466, Pérez 240"
_FIGURE = r"[0-9]{1,3}(?:[.,]5|½)?"
UNIT_LEFT_OUT = (
    r"(?:\b(?:on|by|to|with)|\b\p{Lu}[\w'’\-]+(?:['’]s)?)\s+" + _FIGURE + r"(?:\s*[,.;:)](?:\s|$)|\s+and\b|\s*$)"  # a stop, not a decimal point
    r"|,\s+" + _FIGURE + r"\s+(?:ahead|clear|behind|adrift|short|more|fewer|less|down|up)\b"  # not "Hamilton, 38, has": an age
)
NOT_A_NAME_BEFORE = [  # words before a number that is no figure of points ("lap 30,", "Turn 1.", "on 7 October", "January 7,")
    "lap", "laps", "turn", "car", "no", "round", "race", "sprint", "formula", "f", "grid", "sector", "top", "number", "season", "year",
    "page", "part", "the", "in", "at", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
]
AT_ONE_POINT = r"(?i)\bat\s+(?:one|a\s+single)\s+point\b"  # "at one point he led": a moment, no points
SERIES_NUMBER = r"(?i)\b(?:formula|f)\s*[0-9]+\b"  # the 2 of 'Formula 2 points leader' is no number of points
MENTION_SCHEMA = {
    "article_id": pl.String,
    "line": pl.Int64,
    "series_raw": pl.String,
    "subject_key": pl.String,
    "has_role": pl.Boolean,
    "is_past": pl.Boolean,
    "years": pl.List(pl.Int64),
    "text": pl.String,
}


# Polars finds, over all sentences at once, the patterns that can match each one; Python then runs only
# those. A gate may match where its pattern does not (Python decides), never the other way round.
CLAIM_PATTERNS = [("combined", p) for p in COMBINED_PATTERNS] + [("gap", p) for p in GAP_PATTERNS] + [("margin", p) for p in MARGIN_PATTERNS] + [("lead", p) for p in LEAD_PATTERNS] + [("within", p) for p in WITHIN_PATTERNS] + [("points", p) for p in POINTS_PATTERNS] + [
    ("position", p) for p in POSITION_PATTERNS
] + [("finish", p) for p in FINISH_PATTERNS] + [("time_gap", p) for p in TIME_GAP_PATTERNS]


def _gate_word(kind: str, pattern: re.Pattern[str]) -> str:
    """A word in every match of a pattern (polars tries the pattern only on the sentences holding it)."""
    if kind == "time_gap" or SECONDS in pattern.pattern:
        return TIME_GATE  # a time, also of a place said with it (PLACE_AND_TIME)
    if "(?P<elided>" in pattern.pattern:
        return ELIDED_GATE  # a verb left out stands for a finish before it, or a place said with its time
    if kind == "finish":
        return FINISH_GATE  # a word of finishing in the sentence
    if kind != "position" or r"\s+" + POINTS_WORD in pattern.pattern:
        return "point|pts"  # a number of points
    return "hampionship|tandings|itle|onstructors"  # the championship a place is in


GATE_WORDS = [_gate_word(kind, p) for kind, p in CLAIM_PATTERNS]
ROLE_GATE = r"(?i)runner-up|leader|world[\s\x1c-\x1f]+champ[iıİ]on"  # RUNNER_UP's words; Python's re.I lets ı and İ be i
ROLE_BIT = 1 << len(CLAIM_PATTERNS)
SERIES_BIT = ROLE_BIT << 1
LAPS_BIT = SERIES_BIT << 1
CLAIM_BITS = ROLE_BIT | (ROLE_BIT - 1) | LAPS_BIT
GATE_DTYPE = pl.Int128  # a bit per claim pattern, and three more: more than an Int64 holds


def _rust(pattern: re.Pattern[str]) -> str:
    """A pattern for polars (Rust regex) that matches wherever Python's does: without its word boundaries,
    and with Python's wider \\s (it counts \\x1c-\\x1f as spaces) and \\w (every numeral is a word character)."""
    return pattern.pattern.replace(r"\b", "").replace(r"\s", r"[\s\x1c-\x1f]").replace(r"\w", r"\w\p{N}")


# Polars compiles a regex on each call once it has fallen out of its cache (32 per thread, fewer than the
# gates), and a Unicode word class or a counted repeat such as {1,60} makes the automaton large: the gates
# took more time to compile than to run on a batch of 2,000 articles. So a gate widens both, which keeps
# it a superset of its pattern: a class of word characters becomes every character but spaces and ASCII
# punctuation other than ' - _ (GATE_WORD), and a repeat of at most n becomes unbounded.
WORD_CLASS = re.compile(r"\[\\w\\p\{N\}(?:'|’|\\-|\\u00ad|\\u200c|\\u200d|\\u2060)*\]")
GATE_WORD = r"[^\s!-&(-,./:-@\[-^`{-~]"
BOUNDED = re.compile(r"\{([0-9]+),[0-9]+\}")


def _gate(pattern: re.Pattern[str]) -> str:
    """The gate of a claim pattern: its Rust form (`_rust`), widened to compile fast."""
    return BOUNDED.sub(r"{\1,}", WORD_CLASS.sub(lambda _: GATE_WORD, _rust(pattern)))


GATES = [_gate(pattern) for _, pattern in CLAIM_PATTERNS]
# the clause before a subject left out, up to its "and": a name starting the sentence or following a
# comma (after an opening quote or bracket), with its aside ("Verstappen, the champion,"), then words
# without punctuation (a comma before the "and" aside)
ELIDED_HEAD = (
    r'(?:^|[,;][\s\x1c-\x1f]+)["“‘(]?(?P<subject>' + _rust(re.compile(NAME.format(g="name") + ASIDE)) + r')'
    r'(?P<plain>[^,;:!?"“”()…\u2013\u2014]*?,?[\s\x1c-\x1f]*and[\s\x1c-\x1f]+)$'
)


POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Referents:
    """Who a description refers to, per season: the drivers each spelling of a name names, and the
    drivers each description ('mexican', 'red bull driver') fits (keys folded)."""

    named: dict[tuple[int, str], frozenset[str]]
    described: dict[tuple[int, str], frozenset[str]]

    @functools.cached_property
    def descriptions(self) -> frozenset[str]:
        """Every description some season knows."""
        return frozenset(key for _, key in self.described)

    @classmethod
    def from_frames(cls, names: pl.DataFrame, descriptors: pl.DataFrame) -> Referents:
        """names: season, key, id (drivers); descriptors: season, key, driver_id."""
        def grouped(frame: pl.DataFrame, ident: str) -> dict[tuple[int, str], frozenset[str]]:
            rows = frame.group_by("season", "key").agg(pl.col(ident).unique()).iter_rows()
            return {(season, key): frozenset(ids) for season, key, ids in rows}

        return cls(grouped(names, "id"), grouped(descriptors, "driver_id"))


NO_REFERENTS = Referents({}, {})
HE = frozenset({"he", "He", "hE", "HE"})  # 'he' in any case (no other character lower-cases to h or e)
THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


class NameFinder:
    """Finds driver names in prose: known spellings, matched on folded text (no diacritics, lower case);
    and, where no driver is named, team names."""

    def __init__(self, keys: set[str], team_keys: set[str] = frozenset(), referents: Referents = NO_REFERENTS):
        self.keys = keys
        self.referents = referents
        self.team_keys = set(team_keys) - keys  # a spelling of both is the driver's
        self._teams: dict[str, str | None] = {}
        spellings = sorted(keys, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, spellings)) + r")(?:'s)?(?![\w'])") if keys else None
        self._resolved: dict[str, str | None] = {}  # the same few names come back in every article
        self._descriptions: dict[str, tuple[bool, str] | None] = {}

    def resolve(self, raw: str, ctx: _Context, start: int | None = None) -> str | None:
        """The known name at the end of `raw` (so 'Red Bull's Sergio Perez' gives 'sergio perez'); or,
        for a description after 'the' at `start` in the sentence read, the driver it refers to."""
        if raw in HE:
            return ctx.he(start)
        if raw not in self._resolved:
            words = fold(POSSESSIVE.sub("", raw)).split()  # "Verstappen's tally": the name is Verstappen
            self._resolved[raw] = next((c for s in range(len(words)) if (c := " ".join(words[s:])) in self.keys), None)
        if self._resolved[raw] is None and start is not None and self.referents.described:
            return self._described(raw, ctx, start)
        return self._resolved[raw]

    def _described(self, raw: str, ctx: _Context, start: int) -> str | None:
        """The driver 'the Mexican' (or 'the Red Bull driver') at `start` refers to: the only driver it
        fits among those the article has named before it, else none (two Britons named: 'the Briton' is
        either)."""
        description = self._description(raw)
        if description is None:
            return None
        with_the, key = description
        if not with_the and not THE_BEFORE.search(ctx.sentence, max(0, start - 12), start):
            return None  # 'Mexican' with no 'the' is no description of one driver
        fits = self.referents.described.get((ctx.year, key))
        if not fits:
            return None
        referred: dict[str, str] = {}  # driver id: the latest spelling naming him
        for named in ctx.named_before(start):
            for driver in self.referents.named.get((ctx.year, named), frozenset()) & fits:
                referred.setdefault(driver, named)
        return next(iter(referred.values())) if len(referred) == 1 else None

    def _description(self, raw: str) -> tuple[bool, str] | None:
        """Whether `raw` starts with 'the', and the description it is ('mexican' for 'Mexican driver',
        'red bull driver'); None when no season knows it (most names that are not a driver's)."""
        if raw not in self._descriptions:
            words = fold(POSSESSIVE.sub("", raw)).split()
            with_the = words[:1] == ["the"]
            words = words[with_the:]
            candidates = [" ".join(words), " ".join(words[:-1]) if words[-1:] and words[-1] in DRIVER_NOUNS else None]
            key = next((c for c in candidates if c in self.referents.descriptions), None)
            self._descriptions[raw] = (with_the, key) if key else None
        return self._descriptions[raw]

    def team(self, raw: str) -> str | None:
        """The known team name at the end of `raw` (so "Verstappen's Red Bull" gives 'red bull')."""
        if raw not in self._teams:
            words = fold(POSSESSIVE.sub("", raw)).split()
            self._teams[raw] = next((c for s in range(len(words)) if (c := " ".join(words[s:])) in self.team_keys), None)
        return self._teams[raw]

    def mentions(self, sentence: str) -> list[str]:
        if self.pattern is None:
            return []
        return [m.group(1) for m in self.pattern.finditer(fold(sentence))]


# a phrase put before a sentence's subject, ended by a comma: "Due to Lewis Hamilton's disqualification, "
FRONTED_PHRASE = re.compile(r"(?i)^\s*(?:(?:due|owing|thanks)\s+to|because\s+of|after|following|despite|given|with|without)\s+[^,]+,\s*$")


def _only_fronted_possessives(prefix: str, names: list[str]) -> bool:
    """Whether `prefix` (a sentence up to a 'he') is a phrase put before the subject that names
    `names` (folded) in the possessive only ("Due to Lewis Hamilton's disqualification, "): none is the 'he'."""
    folded = fold(prefix)
    return bool(FRONTED_PHRASE.match(prefix)) and all(re.search(re.escape(name) + r"'s\b", folded) for name in names)


class _Context:
    """What a sentence can refer back to: the last driver named in its article's earlier sentences.

    One for all the sentences read; `first` (the article's first sentence) and `at` (the sentence being
    read) move as the reader goes. Few sentences ask (a 'he', a role with no name next to it, a series
    mention), so names are looked for only then, from the sentence being read back to the article's first."""

    def __init__(self, names: NameFinder, sentences: list[str], years: list[int | None] | None = None):
        self.names = names
        self.sentences = sentences
        self.years = years
        self.first = 0
        self.at = 0
        self.dated = True  # whether the sentence being read holds a year at all
        self.penalised = False  # whether it tells of a penalty or a disqualification (PENALTY)
        self.finishes: list[tuple[int, str, str | None, int, int]] = []  # the places in a race read in it: (start, session, race, place, end)
        self.runners_up: list[tuple[int, str, str]] = []  # those a win in it was ahead of, second: (start, name, driver)
        self.wins: dict[tuple[int, str], tuple[str | None, str]] = {}  # the last win read in each article, per session: (its first sentence, session): (race, driver)
        self._named: dict[int, list[str]] = {}

    def finish_before(self, start: int) -> tuple[str, str | None] | None:
        """The session and race of the last place in a race read before `start` in the sentence."""
        before = self.last_finish_before(start)
        return before[1:3] if before else None

    def last_finish_before(self, start: int) -> tuple[int, str, str | None, int, int] | None:
        """The last place in a race read before `start` in the sentence: (start, session, race, place, end)."""
        before = [finish for finish in self.finishes if finish[0] < start]
        return max(before, key=itemgetter(0)) if before else None

    def winner(self, session: str, race: str | None) -> str | None:
        """The driver whose win of `session` the article has told last, if of `race` (None: the
        article's), or of a race not named."""
        won = self.wins.get((self.first, session))
        return won[1] if won and (race is None or won[0] is None or won[0] == race) else None

    def other_season(self, year: str | None) -> bool:
        """Whether a year written in the sentence is not the season of its article (an undated
        article has none: every year written in it is another's)."""
        return year is not None and (self.years is None or self.years[self.at] != int(year))

    def named(self, index: int) -> list[str]:
        """The drivers sentence `index` names, in order."""
        if index not in self._named:
            self._named[index] = self.names.mentions(self.sentences[index])
        return self._named[index]

    def he(self, start: int | None) -> str | None:
        """The driver a 'he' at `start` of the sentence read refers to: the driver the sentence names
        before it ("Hamilton was disqualified, but he remains third"), none when it names two there
        ("Verstappen beat Hamilton and he leads": either); else the last driver named before the
        sentence, as when the sentence names him only in the possessive of a phrase put before its
        subject ("Due to Lewis Hamilton's disqualification, he moved up": not Hamilton)."""
        prefix = self.sentence[:start] if start else ""
        before = self.names.mentions(prefix)
        if not before or _only_fronted_possessives(prefix, before):
            return self.last_key
        return before[-1] if len(self._drivers(before)) == 1 else None

    def _drivers(self, spellings: list[str]) -> set:
        """The drivers some spellings name: per season where the reader knows who each names, else the spellings."""
        named = self.names.referents.named
        if not named or self.years is None:
            return set(spellings)
        return {driver for spelling in spellings for driver in named.get((self.year, spelling), {spelling})}

    @property
    def last_key(self) -> str | None:
        return next((named[-1] for index in range(self.at - 1, self.first - 1, -1) if (named := self.named(index))), None)

    @property
    def sentence(self) -> str:
        return self.sentences[self.at]

    @property
    def year(self) -> int | None:
        return self.years[self.at] if self.years is not None else None

    def named_before(self, start: int) -> Iterator[str]:
        """The drivers named before position `start` of the sentence read, the latest first, back to
        the article's first sentence."""
        yield from reversed(self.names.mentions(self.sentence[:start]))
        for index in range(self.at - 1, self.first - 1, -1):
            yield from reversed(self.named(index))


CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of the sentence between the punctuation around a match: what a mention is said with."""
    before = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = CLAUSE_BREAK.search(sentence, end)
    return sentence[(before[-1] if before else 0) : (after.start() if after else len(sentence))]


PAIR_AND = re.compile(r"[^,;]*\s+and\s+")  # from the second of a pair a win was ahead of to the third


def _without_beaten(m: re.Match, ctx: _Context) -> str:
    """A win's words before its time (group mid) without the pair it was ahead of: "won the race ahead of
    Norris and Sainz by 10.730 seconds" is one clause, its "and" the pair's."""
    start, end = m.span("mid")
    mid = m.group("mid")
    for third in ctx.finishes:
        if third[3] != 3 or not start <= third[0] < end:
            continue
        second = max((r[0] for r in ctx.runners_up if start <= r[0] < third[0]), default=None)
        if second is not None and PAIR_AND.fullmatch(m.string, second, third[0]):
            stop = min(third[4], end)
            mid = mid[: second - start] + " " * (stop - second) + mid[stop - start :]
    return mid


def _verb(m: re.Match) -> str | None:
    """The word right after the first name of a claim pattern's match (past 'now', 'still'...): its verb;
    none after a possessive ("Verstappen's lead" is a noun)."""
    first = m.end("name")  # every claim pattern has a name; a rival may come first ("Perez trails Verstappen")
    if "rival" in m.re.groupindex and m.start("rival") >= 0:
        first = min(first, m.end("rival"))
    word = FIRST_WORD.match(m.string, first, m.end())
    return word.group("word") if word and not word.group("possessive") else None


def _paired(m: re.Match) -> bool:
    """Whether the name a claim pattern matched is the second of a pair ('Red Bull and Ferrari have
    1028 points'): the figure is not the second one's alone."""
    start = m.start("name")
    if start < 4 or not m.string[max(0, start - 5) : start].rstrip().endswith(("and", "&")):
        return False  # the regex below only where it can match: most names follow no 'and' ("A & " at least)
    return PAIRED_BEFORE.search(m.string, max(0, start - 40), start) is not None


def _in_the_past(text: str) -> bool:
    """Whether `text` holds a PAST_VERB: its words looked for as text first, as few claims hold one
    (the regex alone cost about 7 % of reading the claims)."""
    return ("had" in text or "was" in text or "were" in text or "led" in text) and PAST_VERB.search(text) is not None


def _bits(hits: dict[int, pl.Expr]) -> pl.Expr:
    """One gate column from boolean ones: the sum of the bits whose expression is true."""
    return pl.sum_horizontal([hit.cast(GATE_DTYPE) * pl.lit(bit, GATE_DTYPE) for bit, hit in hits.items()]).alias("gate")


@functools.cache
def _flagged(gate: int) -> list[tuple[str, re.Pattern[str]]]:
    """The claim patterns, in reading order, whose bits are set in a sentence's gate."""
    return [read for bit, read in enumerate(CLAIM_PATTERNS) if gate >> bit & 1]


def _free(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether a value's span overlaps none of the values read before it."""
    a, b = span
    for x, y in taken:
        if a < y and b > x:
            return False
    return True


def _in_other_season(m: re.Match | None, ctx: _Context) -> bool:
    """Whether a match of PAST_ROLE_BEFORE, PAST_ROLE_AFTER or YEAR_AFTER_POINTS puts a role or a total
    in another season: always for 'former', 'last year's'; for a year, unless it is the article's."""
    if m is None:
        return False
    year = m.groupdict().get("year")
    return year is None or ctx.other_season(year)


@functools.lru_cache(maxsize=4096)  # the same few places come back in every article
def _ordinal(value: str) -> int | None:
    value = value.lower()
    if value in ORDINALS:
        return ORDINALS[value]
    digits = re.sub(r"[^0-9]", "", value)
    return int(digits) if digits and len(digits) <= 18 else None  # an absurd place is still read (and checked), up to what an Int64 holds


def _gap_ms(m: re.Match) -> int:
    """The milliseconds of a SECONDS match: "10.730s", "1:03.101", "53-thousandths of a second"."""
    if m.group("minutes"):
        return int(m.group("minutes")) * 60_000 + round(float(m.group("in_minute")) * 1000)
    if m.group("figure"):
        return round(float(m.group("figure")) * 1000)
    count = m.group("count").lower()
    return (COUNTS[count] if count in COUNTS else int(count)) * PARTS_OF_A_SECOND[m.group("part").lower()]


@functools.lru_cache(maxsize=4096)  # and the same totals in every article of a round
def _num(value: str) -> float:
    """A NUMBER's value, as `points_value` reads one in a column, or its words' (NUMBER_WORDS)."""
    if (words := " ".join(value.lower().split())) in NUMBER_WORDS:
        return float(NUMBER_WORDS[words])
    return float(value.replace(",", "") if THOUSANDS.fullmatch(value) else value.replace(",", ".").replace("½", ".5"))


class Gated(NamedTuple):
    """A batch's sentences as the claim reader's Python takes them (`ProseReader.read_gated`): plain
    lists, read faster than a frame's rows. `sentences` and `years` hold every sentence, for
    the names a 'he' refers back to; the others, the sentences some pattern can match: their row in
    `sentences`, the row of their article's first sentence, their gate (`ProseReader.gates`), and
    whether they hold a year or tell of a penalty; `elided`, the few whose subject is left out after
    "and" ("Verstappen won and leads by 20 points") and some pattern can match so read."""

    sentences: list[str]
    years: list[int | None] | None
    at: list[int]
    first: list[int]
    gate: list[int]
    dated: list[bool]
    penalised: list[bool]
    elided: dict[int, list[tuple[str, int, int]]]  # per sentence row: its clauses with a subject left out (ProseReader.elided)


class ProseReader:
    def __init__(
        self, driver_keys: set[str], series_spellings: dict[str, str], team_keys: set[str] = frozenset(), referents: Referents = NO_REFERENTS,
        race_keys: set[str] = frozenset(),
    ):
        self.names = NameFinder(driver_keys, team_keys, referents)
        self.race_keys = race_keys  # folded spellings of races and where they are run (any season)
        ordered = sorted(series_spellings, key=len, reverse=True)
        self.series_re = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in ordered) + r")(?![\w-])")
        self.series_gate = pl.col("sentence").str.contains_any(ordered) if ordered else pl.lit(True)

    def gates(self, sentences: list[str]) -> list[int]:
        """Per sentence, the patterns that can match it: bit i for CLAIM_PATTERNS[i], then ROLE_BIT,
        SERIES_BIT and LAPS_BIT."""
        frame = pl.DataFrame({"sentence": sentences}, schema={"sentence": pl.String})
        return self.gated(frame)["gate"].to_list()

    def gated(self, frame: pl.DataFrame) -> pl.DataFrame:
        """`frame` (a `sentence` column) with each sentence's `gate` (see `gates`). Claim patterns are
        only tried on the sentences holding their GATE_WORDS."""
        rows = frame.lazy().select("sentence").with_row_index("at")
        sentence = pl.col("sentence")
        parts = [rows.select("at", _bits({ROLE_BIT: sentence.str.contains(ROLE_GATE), SERIES_BIT: self.series_gate, LAPS_BIT: sentence.str.contains(LAPS_GATE)}))]
        for word in dict.fromkeys(GATE_WORDS):
            hits = {1 << bit: sentence.str.contains(GATES[bit]) for bit in range(len(CLAIM_PATTERNS)) if GATE_WORDS[bit] == word}
            candidates = sentence.str.contains(word) & (~sentence.str.contains(OTHER_RACE) if word in (FINISH_GATE, TIME_GATE, ELIDED_GATE) else True)
            parts.append(rows.filter(candidates).select("at", _bits(hits)))
        gates = pl.zeros(frame.height, GATE_DTYPE, eager=True)
        for part in pl.collect_all(parts):
            gates += pl.zeros(frame.height, GATE_DTYPE, eager=True).scatter(part["at"], part["gate"])
        return frame.with_columns(gates.alias("gate"))

    def read(self, sentences: pl.DataFrame) -> tuple[list[tuple], list[tuple]]:
        """sentences: as `split_sentences` gives them. Claims and mentions as rows: the row of the
        sentence in `sentences`, then the columns of CLAIM_SCHEMA or MENTION_SCHEMA not taken from the
        sentence (SENTENCE_COLUMNS); the context flows through each article's sentences."""
        return self.read_gated(self.gate(sentences))

    def gate(self, sentences: pl.DataFrame) -> Gated:
        """The first step of `read`, in polars: which sentences some pattern can match, and which."""
        elided = self.elided(sentences)
        # the clauses gated with the sentences: one pass of the gates (compiling them costs as much as running them)
        gates = self.gated(pl.concat([sentences.select("sentence"), elided.select("sentence")]))["gate"]
        elided = elided.with_columns(gates.slice(sentences.height) & pl.lit(ROLE_BIT - 1, GATE_DTYPE)).filter(pl.col("gate") != 0)
        gated = sentences.with_columns(gates.head(sentences.height)).with_row_index("at")
        gated = gated.filter((pl.col("gate") != 0) | pl.col("at").is_in(elided["at"].implode()))
        gated = gated.with_columns(pl.col("sentence").str.contains(YEAR.pattern).alias("dated"), pl.col("sentence").str.replace_all(GRID_PENALTY, "").str.contains(PENALTY).alias("penalised"))
        years = sentences["year"].to_list() if "year" in sentences.columns else None
        clauses: dict[int, list[tuple[str, int, int]]] = {}
        for at, text, start, gate in elided.iter_rows():
            clauses.setdefault(at, []).append((text, start, gate))
        return Gated(sentences["sentence"].to_list(), years, *(gated[c].to_list() for c in ("at", "first", "gate", "dated", "penalised")), clauses)

    def elided(self, sentences: pl.DataFrame) -> pl.DataFrame:
        """The clauses whose subject is left out after "and" (ELISION_CUT), as the claim patterns read
        them: at (the sentence's row), sentence (the sentence with the words from its subject to the
        clause blanked: "Verstappen                  leads by 20 points") and start (where the
        subject starts); only where a name starts the clause before and its words are plain
        (ELIDED_HEAD, NOT_PLAIN), in a sentence of at most ELISION_MAX_CHARS characters."""
        sentence, piece = pl.col("sentence"), pl.col("piece")
        cut = pl.col("offset")  # where the clause after "and" starts
        head = sentence.str.slice(0, cut).str.extract_groups(ELIDED_HEAD)
        subject, before = pl.col("head").struct.field("subject"), pl.col("head").struct.field("plain")
        start = cut - subject.str.len_chars() - before.str.len_chars()
        return (
            sentences.lazy()
            .select("sentence")
            .with_row_index("at")
            .filter((sentence.str.len_chars() <= ELISION_MAX_CHARS) & sentence.str.contains(ELISION_CUT))
            .with_columns(sentence.str.replace_all(ELISION_CUT, "${1}\x00${2}").str.split("\x00").alias("piece"))
            .with_columns(piece.list.eval(pl.element().str.len_chars().cum_sum()).list.slice(0, piece.list.len() - 1).alias("offset"))
            .select("at", "sentence", "offset")
            .explode("offset")
            .with_columns(head.alias("head"))
            .filter(subject.is_not_null() & ~before.str.contains(NOT_PLAIN) & ~sentence.str.slice(cut).str.contains(A_NUMBER_FIRST))
            .select(
                "at",
                pl.concat_str(sentence.str.slice(0, start + subject.str.len_chars()).str.pad_end(cut, " "), sentence.str.slice(cut)).alias("sentence"),
                start.alias("start"),
            )
            .collect()
        )

    def read_gated(self, gated: Gated) -> tuple[list[tuple], list[tuple]]:
        """The second step of `read`, in Python: the claims and mentions of the gated sentences."""
        claims: list[tuple] = []
        mentions: list[tuple] = []
        ctx = _Context(self.names, gated.sentences, gated.years)
        for at, first, gate, dated, penalised in zip(gated.at, gated.first, gated.gate, gated.dated, gated.penalised):
            ctx.at, ctx.first, ctx.dated, ctx.penalised = at, first, dated, penalised
            ctx.finishes.clear()
            ctx.runners_up.clear()
            sentence = gated.sentences[at]
            series = list(self.series_re.finditer(sentence)) if gate & SERIES_BIT else []
            if gate & CLAIM_BITS or at in gated.elided:
                for values in self._claims(sentence, gate, series[0].group(1) if series else None, ctx, gated.elided.get(at, ())):
                    claims.append((at, *values, *NO_RACE[len(values) :]))
            if series:
                self._remember(sentence, series, ctx, mentions)
        return claims, mentions

    def _claims(self, sentence, gate, sentence_series, ctx, elided=()) -> list[tuple]:
        """The claims of one sentence in reading order, each as its CLAIM_VALUES; a number, ordinal or
        role is read once only. `elided`: its clauses with a subject left out, (text, start, gate) each
        (`ProseReader.elided`), read after the sentence itself and only from the subject on."""
        taken: list[tuple[int, int]] = []  # spans of the values already read (a number, an ordinal, a role)
        found: list[tuple[int, tuple]] = []
        for kind, pattern in _flagged(gate):
            for m in pattern.finditer(sentence):
                read = self._value(kind, m, sentence_series, ctx)
                if read and _free(taken, span := m.span(read[0])):
                    taken.append(span)
                    found.append((m.start(), read[1]))
                    if gate & LAPS_BIT and kind in ("finish", "time_gap"):
                        self._laps_after(m, read[1], ctx, taken, found)
        for m in RACE_LAPS.finditer(sentence) if gate & LAPS_BIT else ():  # "N-lap" is no other claim's: read whatever was read around it
            if laps := self._race_laps(m, ctx):
                found.append((m.start(), laps))
        for text, start, clause_gate in elided:
            for kind, pattern in _flagged(clause_gate):
                m = pattern.match(text, start)
                read = m and self._value(kind, m, sentence_series, ctx)
                if read and _free(taken, span := m.span(read[0])):
                    taken.append(span)
                    found.append((span[0], read[1]))
        for m in RUNNER_UP.finditer(sentence) if gate & ROLE_BIT else ():
            if not _free(taken, m.span("role")):
                continue
            role = m.group("role").lower()
            position = 2 if "runner-up" in role else 1
            if "world champion" in role:
                continue  # "world champion" names a title already won, not a place in this table
            if role == "runner-up" and not self._of_a_championship(sentence, m):
                continue
            if _in_other_season(PAST_ROLE_BEFORE.search(sentence, 0, m.start()), ctx) or _in_other_season(PAST_ROLE_AFTER.match(sentence, m.end()), ctx):
                continue  # "last year's runner-up", "the 2021 championship leader": another season's
            subject = self._role_subject(sentence, m, ctx)
            if subject:
                found.append((m.start(), ("position", *subject, None, None, None, None, position, self._series_near(sentence, m))))
        if len(found) > 1:
            found.sort(key=itemgetter(0))
        return [values for _, values in found]

    def _value(self, kind, m, sentence_series, ctx) -> tuple[str | int, tuple] | None:
        """What a claim pattern's match says: (the group holding the value, its CLAIM_VALUES), or None
        when a name is not a known driver (or, for points and margins, team) or the place is not a number."""
        name = m.group("name")
        if "won_told" in m.re.groupindex:  # "The winning margin was": the winner is the win told before
            return self._time_gap(m, "driver", "the winner", None, ctx)
        if "cup" in m.re.groupindex:  # the constructors' championship: a team's
            about, key = "team", self.names.team(name)
        else:
            about, key = "driver", self.names.resolve(name, ctx, m.start("name"))
            if not key and (kind != "position" or "n" in m.re.groupindex):  # a place in the drivers' championship is a driver's, unless given with a total
                about, key = "team", self.names.team(name)
        if not key or (kind in ("points", "margin", "lead", "within") and ((about == "driver" and _verb(m) in PLURAL_VERBS) or _paired(m))):
            return None
        if kind == "finish":  # a race is told in the past tense: "was classified third after the disqualifications"
            return self._finish(m, about, name, key, ctx)
        if kind == "time_gap":
            return self._time_gap(m, about, name, key, ctx)
        if ctx.dated and any(ctx.other_season(year) for year in YEAR.findall(m.group(0))):
            return None  # "second in the 2021 championship": a place in another season's table
        if _in_the_past(m.group(0)) and PAST_MOMENT.search(ctx.sentence):  # the sentence's, whatever clause was read
            return None
        if kind == "points":
            if NOT_A_TOTAL.match(m.string, m.end()) or _in_other_season(YEAR_AFTER_POINTS.match(m.string, m.end()), ctx):
                return None
            return "n", ("points", about, name, key, _num(m.group("n")), None, None, None, None, None)
        if kind == "lead":
            if RIVAL_AFTER.match(m.string, m.end()):
                return None  # "leads by 20 points from Perez": a margin over a driver named, not over the next
            return "n", ("lead", about, name, key, None, None, None, _num(m.group("n")), None, None)
        if kind == "within" and "rival" not in m.re.groupindex:  # "within 20 points of the lead": of the leader
            return "n", ("within", about, name, key, None, None, None, _num(m.group("n")), None, None)
        if kind == "combined" and self._listed_before(m, ctx):
            return None  # "Verstappen, Pérez and Hamilton have 907 points between them": three, not the pair
        if kind in ("margin", "gap", "combined", "within"):
            rival = m.group("rival")
            rival_key = self.names.resolve(rival, ctx, m.start("rival")) if about == "driver" else self.names.team(rival)
            if not rival_key or rival_key == key:
                return None  # a rival no one knows, or the subject himself (a 'he' read wrong)
            n = _num(m.group("n"))
            return "n", (kind, about, name, key, n if kind == "combined" else None, rival, rival_key, None if kind == "combined" else n, None, None)
        if "n" in m.re.groupindex and NOT_A_TOTAL.match(m.string, m.end()):
            return None  # "second with 18 points this weekend": a place of the weekend's, not the standings'
        value = "ord" if "ord" in m.re.groupindex and m.group("ord") else 0
        position = _ordinal(m.group(value) if value else "first")
        return (value, ("position", about, name, key, None, None, None, None, position, sentence_series)) if position else None

    def _listed_before(self, m, ctx) -> bool:
        """Whether a driver or team is listed right before the pair a claim names ("Verstappen, Pérez and
        Hamilton"; not "Together, Alonso and Stroll")."""
        listed = LIST_BEFORE.search(m.string, max(0, m.start("name") - 40), m.start("name"))
        return bool(listed) and bool(self.names.resolve(listed.group("listed"), ctx) or self.names.team(listed.group("listed")))

    def _finish(self, m, about, name, key, ctx) -> tuple[str | int, tuple] | None:
        """A driver's place in the race the article reports, or in its sprint (see SPRINT_AFTER), or in
        the race (sprint) it names ("fifth in Austin", "won the Mexican Grand Prix": its second-last
        value, the race as written; the last, the session), unless the words after it put it in another
        session or season, or name no race or team, or the sentence tells of an order changed after the
        flag (a sentence about another race or session never gets here: see OTHER_RACE). A place whose
        verb is left out ("with Norris second") is of the same race as the place read before it."""
        sentence = ctx.sentence  # m.string is a clause of it, blanked up to the subject, where one is left out
        groups = m.re.groupindex
        if about == "driver" and ("beaten" in groups or "beaten_third" in groups):
            return self._beaten(m, name, key, ctx)  # the third is the second of a pair: "ahead of Piastri and Gasly"
        if about != "driver" or _paired(m):
            return None
        # a verb left out stands for the place before it: "won the sprint in Qatar, with Piastri second"; a
        # podium completed is the one of the place before it: "won in Austin, with Sainz completing the podium"
        before = ctx.finish_before(m.start()) if "elided" in groups or ("third" in groups and m.group("third")) else None
        if not (decided := before or self._session(m, sentence)):
            return None
        session, race = decided
        if ctx.dated and self._of_another_season(m, sentence, ctx):
            return None
        if "elided" in m.re.groupindex and not before and not FINISH_BEFORE.search(sentence, 0, m.start()):
            return None  # "Perez qualified fourth and Norris fifth": no finish to stand for
        if ctx.penalised and not CLASSIFIED_VERB.search(m.group(0)):
            return None  # "finished fifth but a penalty dropped him to eighth": the road's order is not the table's
        said = next((g for g in ("ord", "second", "third") if g in groups and m.group(g)), None)  # none in a win
        if said == "second" and m.group("second") == "runner-up" and self._of_a_championship(sentence, m):
            return None  # "finished runner-up in the championship": a place in the standings (RUNNER_UP)
        if "place_said" in groups and not m.group("place_said") and not m.group("ord").startswith("P"):
            return None  # "took fourth" may be a move in the race ("took fourth from Sainz on lap 30"); "took P4" is no move
        if not (position := _ordinal(m.group("ord")) if said == "ord" else SAID_PLACE.get(said, 1)):
            return None
        ctx.finishes.append((m.start(), session, race, position, m.end()))
        if position == 1:
            ctx.wins[ctx.first, session] = (race, key)
        return said or 0, ("finish", about, name, key, None, None, None, None, position, None, race, session)

    def _time_gap(self, m, about, name, key, ctx) -> tuple[str, tuple] | None:
        """A time at the flag between two drivers (see TIME_GAP_PATTERNS), of the race (sprint) of the place
        read from the same words ("Norris finished second, 10.730 seconds behind Verstappen", "won the
        sprint by 1.2 seconds"), else as `_session` says; not a time hedged ("by more than 20 seconds"),
        nor one of another season or of a sentence telling of a penalty."""
        sentence, groups = ctx.sentence, m.re.groupindex
        if about != "driver" or _paired(m) or ctx.penalised or HEDGED.search(m.string, max(0, m.start("secs") - 24), m.start("secs")):
            return None
        side = m.group("side") if "side" in groups else None
        if "mid" in groups and (not (m.group("by") or m.group("over") or side) or NOT_ONE_CLAUSE.search(_without_beaten(m, ctx))):
            return None  # "won the race, leading for 40 seconds": no margin; "won, and Norris was 2s behind": another clause
        winner = m.group("winner") if "winner" in groups else None
        rival = m.group("rival") or winner
        rival_key = self.names.resolve(rival, ctx, m.start("rival")) if rival and not winner else None
        if not rival and "mid" in groups and (named := [r for r in ctx.runners_up if m.start("mid") <= r[0] < m.end("mid")]):
            _, rival, rival_key = named[0]  # "won from Sainz by 15.134 seconds": over the one the win was ahead of
        if (rival and not (rival_key or winner)) or (side and not rival) or (rival_key and rival_key == key):
            return None
        read_with = [finish[1:3] for finish in ctx.finishes if finish[0] == m.start()]  # the win or the place of the same words
        if not (decided := read_with[0] if read_with else self._session(m, sentence)):
            return None
        if ctx.dated and self._of_another_season(m, sentence, ctx):
            return None
        session, race = decided
        if winner and not (rival_key := ctx.winner(SESSIONS[1] if "sprint" in winner else session, race)):
            return None  # "the winner" of no win told before: a time behind no one known
        if key is None and not (key := ctx.winner(session, race)):
            return None  # "The winning margin was" with no win told before
        lost = "lost" in groups
        if "beat" in groups and m.group("beat").startswith("led") and not m.group("to"):
            return None  # "led Norris by 5 seconds": a moment of the race; "led Norris home": the flag
        if (lost or "beat" in groups) and NOT_AT_THE_FLAG.match(m.string, m.end()):
            return None
        if (side and side.startswith(GAP_BEHIND)) or lost:
            name, key, rival, rival_key = rival, rival_key, name, key
        return "secs", ("time_gap", about, name, key, None, rival, rival_key, None, None, None, race, session, _gap_ms(m))

    def _laps_after(self, m, values, ctx, taken, found) -> None:
        """A driver's laps at the flag right after his place or time ("Pérez finished fifth after 56 laps",
        "crossed the line 9.212 seconds clear of Hamilton after 72 laps"): the subject's, of the same race
        (sprint); not after those a win was ahead of ("won ahead of Norris after 56 laps" is the win's)."""
        after = LAPS_AFTER.match(m.string, m.end())
        if not after or "beaten" in m.re.groupindex or "beaten_third" in m.re.groupindex or not _free(taken, span := after.span("laps")):
            return
        name = m.group("name")
        if not (key := self.names.resolve(name, ctx, m.start("name"))):
            return
        taken.append(span)
        race, session = values[10], values[11]
        found.append((after.start("laps"), ("laps", "driver", name, key, None, None, None, None, None, None, race, session, None, int(after.group("laps")))))

    def _race_laps(self, m, ctx) -> tuple | None:
        """A race's distance ("the 71-lap race", "the 56-lap United States Grand Prix", "the 56-lap race in
        Austin"): of the race named, else the article's; none in a sentence about another race or session
        (OTHER_RACE) or season, nor of a name that is no race."""
        sentence = ctx.sentence
        if OTHER_RACE_RE.search(sentence) or SPRINT_NEXT.match(sentence, m.end()) or (ctx.dated and any(ctx.other_season(year) for year in YEAR.findall(sentence))):
            return None
        after = NOT_THE_RACE.match(sentence, m.end())  # "the 56-lap race in Austin"; "the 19-lap race in the sprint" is none
        named = m.group("race") or (after.group("named") if after else None)
        if (after and not after.group("named")) or (named and not (race := self._race(named))):
            return None
        return ("laps", "race", None, None, None, None, None, None, None, None, race if named else None, SESSIONS[0], None, int(m.group("laps")))

    @staticmethod
    def _beaten(m, name, key, ctx) -> tuple[str, tuple] | None:
        """Who a win was ahead of, in the same clause ("won by 22.305 seconds from Perez", "won the sprint
        ahead of Piastri and Gasly"): second, and the one after "and" third, of the race the win was."""
        win = ctx.last_finish_before(m.start())
        if not win or win[3] != 1 or ("beaten" in m.re.groupindex and _paired(m)):
            return None
        start, end = m.span("beaten" if "beaten" in m.re.groupindex else "beaten_third")
        between = ctx.sentence[min(win[4], start) : start]  # none when the win's words end with them: "won from Perez"
        if win[4] > end or NOT_ONE_CLAUSE.search(between) or not WIN_TO_BEATEN.fullmatch(between):
            return None  # "Verstappen won, and Hamilton finished ahead of Norris": not the win's
        _, session, race, _, _ = win
        position = 3 if "beaten_third" in m.re.groupindex else 2
        ctx.finishes.append((m.start("name"), session, race, position, m.end()))
        if position == 2:
            ctx.runners_up.append((m.start("name"), name, key))
        return "name", ("finish", "driver", name, key, None, None, None, None, position, None, race, session)

    @staticmethod
    def _of_another_season(m, sentence, ctx) -> bool:
        """Whether the sentence writes a year of another season than the article's, other than in the
        title the driver is named by ("the 2021 Formula 2 champion Oscar Piastri finished second")."""
        name = m.start("name")
        return any(
            ctx.other_season(year.group())
            and not (year.end() < name and TITLE_AFTER_YEAR.fullmatch(sentence, year.end(), name) and not DATING_BEFORE_YEAR.search(sentence, 0, year.start()))
            for year in YEAR.finditer(sentence)
        )

    def _session(self, m, sentence) -> tuple[str, str | None] | None:
        """What a place in a race is of, as the words say: (session, the race named as written or None),
        or None when they put it in no race, or, in a sentence naming a sprint, say neither."""
        if "print" not in sentence or SPRINT_NAMED.search(sentence) is None:  # the words looked for as text first: few sentences hold them
            race = self._race_named(m, sentence)
            return None if race == "" else (SESSIONS[0], race)
        sprint = self._sprint(m, sentence)
        if sprint is not None:
            race = self._race(sprint) if sprint else None
            return (SESSIONS[1], race) if race or not sprint else None  # a sprint of a place that is no race: none
        if not self._race_said(m, sentence):
            return None  # "After his sprint win, Verstappen finished first": the words do not say which
        race = self._race_named(m, sentence)
        return None if race == "" else (SESSIONS[0], race)

    def _race_named(self, m, sentence) -> str | None:
        """The race a place in a race names, as written (None: none, the article's; "": what follows puts
        the place in no race: another session, a championship, a season, or a name of no race or team)."""
        groups = m.re.groupindex
        race = (m.group("race") if "race" in groups else None) or (m.group("won_in") if "won_in" in groups else None)  # "won the Mexican Grand Prix", "won in Austin"
        after = NOT_THE_RACE.match(sentence, m.end())
        named = after.group("named") if after else None
        if race and not (race := self._race(race)):
            return ""
        if after and not (named and (self.names.team(named) or race or (race := self._race(named)))):
            return ""  # "took victory in the Saudi Arabian Grand Prix at the Jeddah Corniche Circuit": the first name is the race
        return race

    def _sprint(self, m, sentence) -> str | None:
        """Whether the words put a place in a sprint: None when not; else the race named as written ("the
        Austin sprint", "won the sprint in Qatar"), or "" for none (the article's)."""
        groups = m.re.groupindex
        said = next((g for g in ("sprint", "sprint_in") if g in groups and m.group(g)), None)
        if said:
            named, end = m.group(f"{said}_race") if f"{said}_race" in groups else None, m.end()
        elif after := SPRINT_AFTER.match(sentence, m.end()):
            named, end = after.group("sprint_race"), after.end()
        elif (leads := SPRINT_LEADS.match(sentence)) and leads.end() <= m.start():
            return leads.group("sprint_race") or leads.group("at") or ""
        else:
            return None
        at = SPRINT_RACE_AFTER.match(sentence, end) if not named else None
        return named or (at.group("at") if at else "")

    def _race_said(self, m, sentence) -> bool:
        """Whether the words name the race a place is of ("won the race", "second in the Grand Prix", "won
        the Mexican Grand Prix", "won in Austin")."""
        groups = m.re.groupindex
        named = any(g in groups and m.group(g) for g in ("race", "won_in"))
        return named or RACE_SAID.search(m.group(0)) is not None or RACE_AFTER.match(sentence, m.end()) is not None

    def _race(self, named: str) -> str | None:
        """The race `named` names, as written: the whole name or its first words ("Austin Texas": Austin)."""
        words = named.split()
        return next((" ".join(words[:n]) for n in range(len(words), 0, -1) if fold(" ".join(words[:n])) in self.race_keys), None)

    def _remember(self, sentence, series, ctx, mentions) -> None:
        """Series mentions of the sentence, said of the first driver it names, else of the last one before."""
        named = ctx.named(ctx.at)
        subject_key = named[0] if named else ctx.last_key
        for m in series:
            clause = _clause(sentence, m.start(), m.end())
            mentions.append((
                ctx.at, m.group(1), subject_key,
                bool(ROLE_WORDS.search(clause)),  # has_role
                bool(PAST_MARKERS.search(clause)),  # is_past
                [int(y) for y in YEAR.findall(clause)],  # years
            ))

    def _of_a_championship(self, sentence: str, m: re.Match) -> bool:
        """Whether the words right before or after a plain 'runner-up' name a championship."""
        before = sentence[max(0, m.start() - 40) : m.start()]
        if CHAMPIONSHIP_BEFORE_ROLE.search(before) or CHAMPIONSHIP_AFTER_ROLE.match(sentence, m.end()):
            return True
        series = list(self.series_re.finditer(before))  # "the current WRC runner-up"
        return bool(series) and not before[series[-1].end() :].strip()

    def _series_near(self, sentence: str, m: re.Match) -> str | None:
        before = sentence[max(0, m.start() - 40) : m.start()]
        hits = list(self.series_re.finditer(before))
        return hits[-1].group(1) if hits else None

    def _role_subject(self, sentence: str, m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
        """Who 'the runner-up' is, as (about, name as written, key): a name right before or after the
        phrase (a team's too), else the last driver named; in the constructors' championship, a team
        named next to it or no one."""
        cup = "onstructors" in _clause(sentence, m.start(), m.end())
        after = NAME_AFTER_ROLE.match(sentence, m.end())
        before = re.search(r"\b" + NAME.format(g="name") + r"[,\s]+(?:is\s+|are\s+)?(?:the\s+)?(?:current\s+|reigning\s+)?(?:\S+\s+)?$", sentence[: m.start()])
        names = [(near.group("name"), near.start("name")) for near in (after, before) if near]
        for name, start in () if cup else names:
            if key := self.names.resolve(name, ctx, start):
                return "driver", name, key
        for name, _ in names:
            if key := self.names.team(name):
                return "team", name, key
        if not cup and ctx.last_key and not ctx.named(ctx.at):
            return "driver", "", ctx.last_key
        return None


# what str.strip() and re's \s take (tests/test_parse_claims.py checks it against every code point)
PYTHON_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_CLASS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in PYTHON_SPACE) + "]"
# SENTENCE_SPLIT with its look-arounds as groups (kept); a closing quote after the stop is part of the break, as there
SENTENCE_BREAK = r'([.!?…])["”’]?' + _SPACE_CLASS + r'+(["“‘(]?[A-Z0-9])'


def split_sentences(prose_lines: pl.DataFrame) -> pl.DataFrame:
    """prose_lines: article_id, line, text. One row per sentence, in order: article_id, line, sentence,
    and `first`, the row of the article's first sentence. The same cut as SENTENCE_SPLIT on each
    stripped line, done by polars: each break becomes a NUL (decoding keeps none in the text) to split on."""
    return (
        prose_lines.sort("article_id", "line")
        .select(
            "article_id",
            "line",
            *(["year"] if "year" in prose_lines.columns else []),
            pl.col("text").str.strip_chars(PYTHON_SPACE).str.replace_all(SENTENCE_BREAK, "${1}\x00${2}").str.split("\x00").alias("sentence"),
        )
        .explode("sentence")
        .filter(pl.col("sentence") != "")
        .with_columns(first_of_group(pl.int_range(pl.len(), dtype=pl.Int64), ["article_id"]).alias("first"))
    )


def read_prose(
    prose_lines: pl.DataFrame,
    driver_keys: set[str],
    series_spellings: dict[str, str],
    team_keys: set[str] = frozenset(),
    referents: Referents = NO_REFERENTS,
    race_keys: set[str] = frozenset(),
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """prose_lines: article_id, line, text (prose only) and `year`, the season of the article (a role
    or place said of that year is this season's, and `referents` of that season say who 'the
    Mexican' can be); `race_keys`, the folded spellings of races a place in a race can name ("fifth in
    Austin"). Returns (claims, series_mentions, statements)."""
    sentences = split_sentences(prose_lines)
    reader = ProseReader(driver_keys, series_spellings, team_keys, referents, race_keys)
    claims, mentions = reader.read(sentences)
    claims = _frame(claims, sentences, {"at": pl.UInt32, **CLAIM_SCHEMA})
    numbered = claims.drop("at").with_columns(CLAIM_NO).select("article_id", "line", "claim_no", *CLAIM_VALUES, "text")
    return numbered, _frame(mentions, sentences, MENTION_SCHEMA), statements(sentences, claims)




def _read_figures(claims: pl.DataFrame) -> pl.DataFrame:
    """What the claims (with `at`, the row of their sentence) read, per sentence: (at, what, value),
    what being points (a points, margin, gap or combined figure), place or time (milliseconds)."""
    place = pl.when(pl.col("kind") != "finish").then(pl.col("position"))  # a place in a race is no place in the championship
    read = claims.select("at", "points", "margin", place.cast(pl.Float64).alias("place"), pl.col("gap_ms").cast(pl.Float64).alias("time"))
    return (
        read.unpivot(index="at", on=["points", "margin", "place", "time"], variable_name="what", value_name="value")
        .drop_nulls("value")
        .with_columns(pl.col("what").replace({"margin": "points"}))
    )


def _points_said(number: pl.Expr) -> pl.Expr:
    """A NUMBER's value as `_num` reads a claim's: in figures (`points_value`) or in words."""
    words = number.str.to_lowercase().str.replace_all(r"\s+", " ").replace_strict(NUMBER_WORDS, default=None, return_dtype=pl.Float64)
    return pl.coalesce(points_value(number), words)


def _time_said(said: pl.Expr) -> pl.Expr:
    """The time of a SECONDS match as `_gap_ms` reads a claim's: a struct of `figure` (as written: "10.730s",
    "53-thousandths of a second") and `value` (its milliseconds)."""
    t = said.str.extract_groups(SECONDS)
    count = t.struct.field("count").str.to_lowercase()
    in_parts = pl.coalesce(count.replace_strict(COUNTS, default=None, return_dtype=pl.Int64), count.cast(pl.Int64, strict=False)) * t.struct.field(
        "part"
    ).str.to_lowercase().replace_strict(PARTS_OF_A_SECOND, default=None, return_dtype=pl.Int64)
    over_a_minute = t.struct.field("minutes").cast(pl.Float64) * 60_000 + (t.struct.field("in_minute").cast(pl.Float64) * 1000).round(0)
    value = pl.coalesce(over_a_minute, (t.struct.field("figure").cast(pl.Float64) * 1000).round(0), in_parts.cast(pl.Float64))
    return pl.struct(t.struct.field("secs").alias("figure"), value.alias("value"))


def statements(sentences: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """Every sentence that states a number of points, and every one that states a place in the
    championship or a time between drivers no claim of it reads (article_id, line, text), the figures no
    claim of it reads (`unread`, as written: '159 points, 12-point, second in the championship, 10.730s',
    or null) and whether
    all are read (`read`): the phrasings the reader does not know stay visible, even next to one it
    knows. claims: the claims read, with `at`, the row of their sentence in `sentences`."""
    rows = sentences.with_row_index("at")
    sentence = pl.col("sentence")
    points = (
        rows.select("at", sentence.str.replace_all(SERIES_NUMBER, "series").str.replace_all(AT_ONE_POINT, "at a moment").str.extract_all(POINTS_STATEMENT).alias("figure"))
        .explode("figure")
        .drop_nulls("figure")
        .with_columns(
            pl.lit("points").alias("what"), _points_said(pl.col("figure").str.extract("^(" + NUMBER + ")")).alias("value")
        )
    )
    word_before = pl.col("figure").str.extract(r"^(\S+)").str.to_lowercase().str.replace(r"['’]s$", "")
    unit_left_out = (
        rows.filter(sentence.str.contains(r"(?i)\b(?:points|pts|standings)\b"))
        .select("at", sentence.str.extract_all(UNIT_LEFT_OUT).alias("figure"))
        .explode("figure")
        .drop_nulls("figure")
        .filter(~word_before.is_in(NOT_A_NAME_BEFORE))
        .select("at", pl.col("figure").str.extract(r"^,?\s*(.*?[0-9][.,]?[0-9½]*)").alias("figure"))  # as written, to its figure
        .select("at", "figure", pl.lit("points").alias("what"), _points_said(pl.col("figure").str.extract("(" + _FIGURE + ")$")).alias("value"))
    )
    first_word = pl.col("figure").str.extract(r"^(\w+(?:-\w+)?)").str.to_lowercase()  # the ordinal ("twenty-first")
    places = (
        rows.filter(sentence.str.contains_any(PLACE_WORDS, ascii_case_insensitive=True))
        .select("at", sentence.str.extract_all(PLACE_STATEMENT).alias("figure"))
        .explode("figure")
        .drop_nulls("figure")
        .with_columns(
            pl.lit("place").alias("what"),
            pl.coalesce(first_word.replace_strict(ORDINALS, default=None, return_dtype=pl.Int64), first_word.str.extract(r"([0-9]+)").cast(pl.Int64, strict=False))
            .cast(pl.Float64)
            .alias("value"),
        )
    )
    times = (
        rows.filter(sentence.str.contains(TIME_GATE))
        .select("at", pl.concat_list(sentence.str.extract_all(TIME_BY), sentence.str.extract_all(TIME_SIDE), sentence.str.extract_all(TIME_MARGIN), sentence.str.extract_all(TIME_WIN)).alias("said"))
        .explode("said")
        .drop_nulls("said")
        .select("at", _time_said(pl.col("said")).alias("time"), pl.lit("time").alias("what"))
        .unnest("time")
        .unique(["at", "value"], keep="first", maintain_order=True)
        .select("at", "figure", "what", "value")
    )
    unread_figures = pl.concat([points, unit_left_out, places, times]).join(_read_figures(claims), on=["at", "what", "value"], how="anti", maintain_order="left")
    unread = unread_figures.group_by("at", maintain_order=True).agg(pl.col("figure").str.join(", ").alias("unread"))
    stated = pl.concat([points.select("at"), unread_figures.select("at")]).unique()
    return (
        rows.join(stated, on="at", how="semi", maintain_order="left")
        .join(unread, on="at", how="left", maintain_order="left")
        .select("article_id", "line", pl.col("sentence").alias("text"), "unread", pl.col("unread").is_null().alias("read"))
    )


def _frame(rows: list[tuple], sentences: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Rows (the sentence's row, then the values) to a frame in `schema` (which may hold `at`, the
    sentence's row): values column by column (several times faster than row by row), the sentence's
    article, line and text gathered by polars."""
    names = [name for name in schema if name not in SENTENCE_COLUMNS and name != "at"]
    columns = list(zip(*rows)) if rows else [[] for _ in range(len(names) + 1)]
    sentence_rows = pl.Series("at", columns[0], dtype=pl.UInt32)
    values = [sentence_rows, *(pl.Series(name, column, schema[name]) for name, column in zip(names, columns[1:]))]
    of_sentence = sentences.select(*(pl.col(c).gather(sentence_rows).alias(name) for name, c in SENTENCE_COLUMNS.items()))
    return of_sentence.with_columns(values).select(list(schema))
