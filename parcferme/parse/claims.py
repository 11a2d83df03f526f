"""Numeric and positional claims in the prose, and mentions of racing series.

Prose is irregular, so this module works sentence by sentence in Python; polars first narrows the
lines down to those that can hold a claim, which keeps it cheap on large archives.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import polars as pl

from parcferme.text import fold

NAME = r"(?P<{g}>(?:[A-Z][\w'’\-]+|de|De|van|Van|von|da|di)(?:\s+(?:[A-Z][\w'’\-]+|de|van|von|da|di|Jr\.?))*|[Hh]e)"
NUM = r"(?P<{g}>[0-9]+(?:[.,]5)?)"
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
ORDINAL = r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|P[0-9]{1,2}|[0-9]{1,2}(?:st|nd|rd|th))"
CHAMPIONSHIP = r"(?:the\s+)?(?:[0-9]{4}\s+)?(?:F1\s+|Formula\s+(?:1|One)\s+)?(?:world\s+)?(?:drivers['’]?\s+)?(?:world\s+)?(?:championship|standings|title\s+race)(?:\s+(?:table|standings))?"


def _n(pattern: str) -> re.Pattern[str]:
    return re.compile(
        pattern.replace("{NAME}", NAME.format(g="name"))
        .replace("{RIVAL}", NAME.format(g="rival"))
        .replace("{N}", NUM.format(g="n"))
        .replace("{ORD}", ORDINAL)
        .replace("{CHAMP}", CHAMPIONSHIP)
    )


HAS = r"(?:now\s+|currently\s+|still\s+|already\s+)?(?:has|had|is\s+on|was\s+on|sits\s+on|stands\s+on|is\s+up\s+to|moves\s+(?:up\s+)?to|moved\s+(?:up\s+)?to|has\s+(?:collected|scored|amassed|accumulated|racked\s+up))\s+(?:a\s+total\s+of\s+|just\s+|only\s+)?"
POINTS_PATTERNS = [
    _n(r"\b{NAME}(?:['’]s)?\s+" + HAS + r"{N}\s+(?:championship\s+)?points"),
    _n(r"\b{NAME}\s+leads\s+" + CHAMPIONSHIP + r"\s+with\s+{N}\s+points"),
    _n(r"\b[Ww]ith\s+{N}\s+points(?:\s+(?:to\s+his\s+name|in\s+(?:his|the)\s+(?:pocket|bag|account)|on\s+the\s+board))?\s*,\s*{NAME}"),
    _n(r"\b{NAME}\s+\(\s*{N}\s+points\s*\)"),
    _n(r"\b{NAME}\s+(?:is\s+|sits\s+|lies\s+)?(?:on|with)\s+{N}\s+points"),
    _n(r"\b{NAME}\s+(?:is|sits|lies|remains|stays)\s+[^.;,]{0,60}?\s+with\s+{N}\s+points"),
]
MARGIN_PATTERNS = [
    _n(r"\b{NAME}\s+(?:is\s+|sits\s+|was\s+|remains\s+|stays\s+|now\s+)*{N}\s+points\s+(?:clear\s+of|ahead\s+of|in\s+front\s+of|up\s+on)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:has\s+)?(?:increased|extended|stretched|grew|cut|reduced|trimmed|built|opened|opened\s+up)\s+(?:his|the|a)\s+(?:championship\s+)?(?:lead|advantage|gap)\s+(?:to|at|of)\s+(?:what\s+(?:seemed|seems)\s+to\s+be\s+)?(?:an?\s+)?(?:[a-z]+\s+)?{N}\s+points\s+(?:over|ahead\s+of|clear\s+of|on)\s+{RIVAL}"),
    _n(r"\b{NAME}\s+(?:leads|led|is\s+leading)\s+{RIVAL}\s+by\s+{N}\s+points"),
    _n(r"\b{NAME}\s+(?:has|holds|enjoys)\s+an?\s+{N}[- ]point\s+(?:lead|advantage)\s+(?:over|on)\s+{RIVAL}"),
]
POSITION_PATTERNS = [
    _n(r"\b{NAME}\s+(?:has\s+)?(?:now\s+)?(?:successfully\s+)?(?:secured|clinched|sealed|locked\s+in|holds|is|sits|remains|lies|stays|is\s+currently)\s+(?:in\s+)?{ORD}\s+(?:place\s+)?(?:in|of)\s+" + CHAMPIONSHIP),
    _n(r"\b{NAME}\s+(?:now\s+)?leads\s+" + CHAMPIONSHIP),
]
RUNNER_UP = re.compile(
    r"(?P<role>(?:championship|title)\s+(?:runner-up|leader)|runner-up|championship\s+leader|world\s+champion)",
    re.IGNORECASE,
)
ROLE_WORDS = re.compile(
    r"\b(?:runner-up|champion|championship|title|leader|leads|standings|points|second\s+place|P[0-9]+)\b", re.IGNORECASE
)
PAST_MARKERS = re.compile(
    r"\b(?:former|ex-|past|once|previously|twice|three-time|four-time|five-time|[0-9]+-time|won|was|were|had\s+been|used\s+to|back\s+in|career)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")
MAY_HOLD_CLAIM = re.compile(r"[0-9]|runner-up|leader|leads|champion|standings|place", re.IGNORECASE)

CLAIM_SCHEMA = {
    "article_id": pl.String,
    "line": pl.Int64,
    "kind": pl.String,
    "driver_raw": pl.String,
    "driver_key": pl.String,
    "points": pl.Float64,
    "rival_raw": pl.String,
    "rival_key": pl.String,
    "margin": pl.Float64,
    "position": pl.Int64,
    "series_raw": pl.String,
    "text": pl.String,
}
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


@dataclass
class _Context:
    """What a sentence can refer back to: the last driver named in the article's prose."""

    last_key: str | None = None


class NameFinder:
    """Finds driver names in prose: known spellings, matched on folded text (no diacritics, lower case)."""

    def __init__(self, keys: set[str]):
        self.keys = keys
        spellings = sorted(keys, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, spellings)) + r")(?:'s)?(?![\w'])") if keys else None

    def resolve(self, raw: str, ctx: _Context) -> str | None:
        """The known name at the end of `raw` (so 'Red Bull's Sergio Perez' gives 'sergio perez')."""
        if raw.lower() == "he":
            return ctx.last_key
        words = fold(raw).split()
        for start in range(len(words)):
            candidate = " ".join(words[start:])
            if candidate in self.keys:
                return candidate
        return None

    def mentions(self, sentence: str) -> list[str]:
        if self.pattern is None:
            return []
        return [m.group(1) for m in self.pattern.finditer(fold(sentence))]


CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of the sentence between the punctuation around a match: what a mention is said with."""
    before = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = CLAUSE_BREAK.search(sentence, end)
    return sentence[(before[-1] if before else 0) : (after.start() if after else len(sentence))]


def _ordinal(value: str) -> int | None:
    value = value.lower()
    if value in ORDINALS:
        return ORDINALS[value]
    digits = re.sub(r"[^0-9]", "", value)
    return int(digits) if digits else None


def _num(value: str) -> float:
    return float(value.replace(",", "."))


class ProseReader:
    def __init__(self, driver_keys: set[str], series_spellings: dict[str, str]):
        self.names = NameFinder(driver_keys)
        ordered = sorted(series_spellings, key=len, reverse=True)
        self.series_re = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in ordered) + r")(?![\w-])")

    def read_article(self, article_id: str, prose: list[tuple[int, str]]) -> tuple[list[dict], list[dict]]:
        claims: list[dict] = []
        mentions: list[dict] = []
        ctx = _Context()
        for line, text in prose:
            for sentence in SENTENCE_SPLIT.split(text.strip()):
                if sentence:
                    self._read_sentence(article_id, line, sentence, ctx, claims, mentions)
        return claims, mentions

    def _claim(self, article_id, line, kind, sentence, driver_raw, driver_key, series=None, **values) -> dict:
        row = {k: None for k in CLAIM_SCHEMA}
        row.update(article_id=article_id, line=line, kind=kind, text=sentence, driver_raw=driver_raw,
                   driver_key=driver_key, series_raw=series, **values)
        return row

    def _read_sentence(self, article_id, line, sentence, ctx, claims, mentions) -> None:
        series = [m.group(1) for m in self.series_re.finditer(sentence)]
        sentence_series = next((s for s in series), None)
        taken: list[tuple[int, int]] = []  # spans of the values already read (a number, an ordinal, a role)

        def free(m: re.Match, group: str) -> bool:
            a, b = m.span(group)
            return all(b <= x or a >= y for x, y in taken)

        found: list[tuple[int, dict]] = []
        if not MAY_HOLD_CLAIM.search(sentence):
            self._remember(sentence, series, article_id, line, ctx, mentions)
            return
        about_points = "point" in sentence
        for pattern in MARGIN_PATTERNS if about_points else ():
            for m in pattern.finditer(sentence):
                key = self.names.resolve(m.group("name"), ctx)
                rival = self.names.resolve(m.group("rival"), ctx)
                if key and rival and free(m, "n"):
                    taken.append(m.span("n"))
                    found.append((m.start(), self._claim(article_id, line, "margin", sentence, m.group("name"), key,
                                                         margin=_num(m.group("n")), rival_raw=m.group("rival"), rival_key=rival)))
        for pattern in POINTS_PATTERNS if about_points else ():
            for m in pattern.finditer(sentence):
                key = self.names.resolve(m.group("name"), ctx)
                if key and free(m, "n"):
                    taken.append(m.span("n"))
                    found.append((m.start(), self._claim(article_id, line, "points", sentence, m.group("name"), key,
                                                         points=_num(m.group("n")))))
        for pattern in POSITION_PATTERNS:
            for m in pattern.finditer(sentence):
                key = self.names.resolve(m.group("name"), ctx)
                value = "ord" if m.groupdict().get("ord") else 0
                position = _ordinal(m.group(value) if value else "first")
                if key and position and free(m, value):
                    taken.append(m.span(value))
                    found.append((m.start(), self._claim(article_id, line, "position", sentence, m.group("name"), key,
                                                         position=position, series=sentence_series)))
        for m in RUNNER_UP.finditer(sentence):
            if not free(m, "role"):
                continue
            role = m.group("role").lower()
            position = 2 if "runner-up" in role else 1
            if "world champion" in role:
                continue  # "world champion" names a title already won, not a place in this table
            subject = self._role_subject(sentence, m, ctx)
            if subject:
                found.append((m.start(), self._claim(article_id, line, "position", sentence, subject[0], subject[1],
                                                     position=position, series=self._series_near(sentence, m))))
        claims.extend(row for _, row in sorted(found, key=lambda x: x[0]))
        self._remember(sentence, series, article_id, line, ctx, mentions)

    def _remember(self, sentence, series, article_id, line, ctx, mentions) -> None:
        """Series mentions of the sentence, and the last driver it names for the sentences after it."""
        named = self.names.mentions(sentence)
        subject_key = named[0] if named else ctx.last_key
        for m in self.series_re.finditer(sentence):
            clause = _clause(sentence, m.start(), m.end())
            mentions.append({
                "article_id": article_id, "line": line, "series_raw": m.group(1), "subject_key": subject_key,
                "has_role": bool(ROLE_WORDS.search(clause)),
                "is_past": bool(PAST_MARKERS.search(clause)),
                "years": [int(y) for y in YEAR.findall(clause)],
                "text": sentence,
            })
        if named:
            ctx.last_key = named[-1]

    def _series_near(self, sentence: str, m: re.Match) -> str | None:
        before = sentence[max(0, m.start() - 40) : m.start()]
        hits = list(self.series_re.finditer(before))
        return hits[-1].group(1) if hits else None

    def _role_subject(self, sentence: str, m: re.Match, ctx: _Context) -> tuple[str, str] | None:
        """Who 'the runner-up' is: a name right before or after the phrase, else the last driver named."""
        after = re.match(r"[,\s]+" + NAME.format(g="name"), sentence[m.end():])
        if after and (key := self.names.resolve(after.group("name"), ctx)):
            return after.group("name"), key
        before = re.search(NAME.format(g="name") + r"[,\s]+(?:is\s+)?(?:the\s+)?(?:current\s+|reigning\s+)?(?:\S+\s+)?$", sentence[: m.start()])
        if before and (key := self.names.resolve(before.group("name"), ctx)):
            return before.group("name"), key
        if ctx.last_key and not self.names.mentions(sentence):
            return "", ctx.last_key
        return None


def read_prose(prose_lines: pl.DataFrame, driver_keys: set[str], series_spellings: dict[str, str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """prose_lines: article_id, line, text (prose only, in order). Returns (claims, series_mentions)."""
    reader = ProseReader(driver_keys, series_spellings)
    claims: list[dict] = []
    mentions: list[dict] = []
    ordered = prose_lines.sort("article_id", "line")
    rows = zip(ordered["article_id"].to_list(), ordered["line"].to_list(), ordered["text"].to_list())
    for article_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        c, m = reader.read_article(article_id, [(line, text) for _, line, text in group])
        claims.extend(c)
        mentions.extend(m)
    return pl.DataFrame(claims, schema=CLAIM_SCHEMA), pl.DataFrame(mentions, schema=MENTION_SCHEMA)
