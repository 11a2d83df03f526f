"""Numeric and positional claims in the prose, and mentions of racing series.

Prose is irregular, so this module works sentence by sentence in Python. To keep that cheap on large
archives, polars first finds, over all sentences at once, which patterns can match each one (most can
match none), and the driver a 'he' refers back to is only looked for when a sentence asks.
"""

from __future__ import annotations

import functools
import re

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
DIGIT = re.compile(r"[0-9]")  # MAY_HOLD_CLAIM's first branch, searched far faster alone

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
UNREAD = dict.fromkeys(CLAIM_SCHEMA)  # a claim row before anything is read
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
CLAIM_PATTERNS = [("margin", p) for p in MARGIN_PATTERNS] + [("points", p) for p in POINTS_PATTERNS] + [
    ("position", p) for p in POSITION_PATTERNS
]
GATE_WORDS = {"margin": "point", "points": "point", "position": "championship|standings|title"}  # in every such pattern
ROLE_GATE = r"(?i)runner-up|leader|world[\s\x1c-\x1f]+champ[iıİ]on"  # RUNNER_UP's words; Python's re.I lets ı and İ be i
ROLE_BIT = 1 << len(CLAIM_PATTERNS)
SERIES_BIT = ROLE_BIT << 1
CLAIM_BITS = ROLE_BIT | (ROLE_BIT - 1)


def _rust(pattern: re.Pattern[str]) -> str:
    """The gate of a claim pattern for polars (Rust regex): the pattern without its word boundaries, and
    with Python's wider \\s (it counts \\x1c-\\x1f as spaces) and \\w (every numeral is a word character)."""
    return pattern.pattern.replace(r"\b", "").replace(r"\s", r"[\s\x1c-\x1f]").replace(r"\w", r"\w\p{N}")


class NameFinder:
    """Finds driver names in prose: known spellings, matched on folded text (no diacritics, lower case)."""

    def __init__(self, keys: set[str]):
        self.keys = keys
        spellings = sorted(keys, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, spellings)) + r")(?:'s)?(?![\w'])") if keys else None
        self._resolved: dict[str, str | None] = {}  # the same few names come back in every article

    def resolve(self, raw: str, ctx: _Context) -> str | None:
        """The known name at the end of `raw` (so 'Red Bull's Sergio Perez' gives 'sergio perez')."""
        if raw.lower() == "he":
            return ctx.last_key
        if raw not in self._resolved:
            words = fold(raw).split()
            self._resolved[raw] = next((c for s in range(len(words)) if (c := " ".join(words[s:])) in self.keys), None)
        return self._resolved[raw]

    def mentions(self, sentence: str) -> list[str]:
        if self.pattern is None:
            return []
        return [m.group(1) for m in self.pattern.finditer(fold(sentence))]


class _Context:
    """What a sentence can refer back to: the last driver named in the article's earlier sentences.

    Few sentences ask (a 'he', a role with no name next to it, a series mention), so names are looked
    for only then, from the sentence being read backwards to the article's first."""

    def __init__(self, names: NameFinder, sentences: list[str], first: int):
        self.names = names
        self.sentences = sentences  # all the prose's; the article's start at `first`
        self.first = first
        self.at = first  # the sentence being read
        self._named: dict[int, list[str]] = {}

    def named(self, index: int) -> list[str]:
        """The drivers sentence `index` names, in order."""
        if index not in self._named:
            self._named[index] = self.names.mentions(self.sentences[index])
        return self._named[index]

    @property
    def last_key(self) -> str | None:
        return next((named[-1] for index in range(self.at - 1, self.first - 1, -1) if (named := self.named(index))), None)


CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of the sentence between the punctuation around a match: what a mention is said with."""
    before = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = CLAUSE_BREAK.search(sentence, end)
    return sentence[(before[-1] if before else 0) : (after.start() if after else len(sentence))]


def _bits(hits: dict[int, pl.Expr]) -> pl.Expr:
    """One gate column from boolean ones: the sum of the bits whose expression is true."""
    return pl.sum_horizontal([hit.cast(pl.Int64) * bit for bit, hit in hits.items()]).alias("gate")


@functools.cache
def _flagged(gate: int) -> list[tuple[str, re.Pattern[str]]]:
    """The claim patterns, in reading order, whose bits are set in a sentence's gate."""
    return [read for bit, read in enumerate(CLAIM_PATTERNS) if gate >> bit & 1]


def _free(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether a value's span overlaps none of the values read before it."""
    a, b = span
    return not taken or all(b <= x or a >= y for x, y in taken)


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
        self.series_gate = pl.col("sentence").str.contains_any(ordered) if ordered else pl.lit(True)

    def gates(self, sentences: list[str]) -> list[int]:
        """Per sentence, the patterns that can match it: bit i for CLAIM_PATTERNS[i], then ROLE_BIT and
        SERIES_BIT. Claim patterns are only tried on the sentences holding their GATE_WORDS."""
        frame = pl.LazyFrame({"sentence": sentences}, schema={"sentence": pl.String}).with_row_index("at")
        sentence = pl.col("sentence")
        parts = [frame.select("at", _bits({ROLE_BIT: sentence.str.contains(ROLE_GATE), SERIES_BIT: self.series_gate}))]
        for word in dict.fromkeys(GATE_WORDS.values()):
            hits = {1 << bit: sentence.str.contains(_rust(p)) for bit, (kind, p) in enumerate(CLAIM_PATTERNS) if GATE_WORDS[kind] == word}
            parts.append(frame.filter(sentence.str.contains(word)).select("at", _bits(hits)))
        gates = pl.zeros(len(sentences), pl.Int64, eager=True)
        for part in pl.collect_all(parts):
            gates += pl.zeros(len(sentences), pl.Int64, eager=True).scatter(part["at"], part["gate"])
        return gates.to_list()

    def read(self, sentences: list[tuple[str, int, str]]) -> tuple[list[dict], list[dict]]:
        """sentences: (article_id, line, sentence) of all the prose, in order. Returns (claims, mentions)
        as rows; the context flows through each article's sentences."""
        texts = [sentence for _, _, sentence in sentences]
        claims: list[dict] = []
        mentions: list[dict] = []
        ctx = None
        for at, ((article_id, line, sentence), gate) in enumerate(zip(sentences, self.gates(texts))):
            if at == 0 or article_id != sentences[at - 1][0]:
                ctx = _Context(self.names, texts, at)
            if gate:
                ctx.at = at
                self._read_sentence(article_id, line, sentence, gate, ctx, claims, mentions)
        return claims, mentions

    def _read_sentence(self, article_id, line, sentence, gate, ctx, claims, mentions) -> None:
        series = list(self.series_re.finditer(sentence)) if gate & SERIES_BIT else []
        if gate & CLAIM_BITS and (DIGIT.search(sentence) or MAY_HOLD_CLAIM.search(sentence)):
            unread = {**UNREAD, "article_id": article_id, "line": line, "text": sentence}
            claims.extend(self._claims(sentence, gate, unread, series[0].group(1) if series else None, ctx))
        if series:
            self._remember(sentence, series, article_id, line, ctx, mentions)

    def _claims(self, sentence, gate, unread, sentence_series, ctx) -> list[dict]:
        """The claims of one sentence in reading order; a number, ordinal or role is read once only.
        unread: the sentence's claim row with nothing read yet."""
        taken: list[tuple[int, int]] = []  # spans of the values already read (a number, an ordinal, a role)
        found: list[tuple[int, dict]] = []
        for kind, pattern in _flagged(gate):
            for m in pattern.finditer(sentence):
                read = self._value(kind, m, unread, sentence_series, ctx)
                if read and _free(taken, span := m.span(read[0])):
                    taken.append(span)
                    found.append((m.start(), read[1]))
        for m in RUNNER_UP.finditer(sentence) if gate & ROLE_BIT else ():
            if not _free(taken, m.span("role")):
                continue
            role = m.group("role").lower()
            position = 2 if "runner-up" in role else 1
            if "world champion" in role:
                continue  # "world champion" names a title already won, not a place in this table
            subject = self._role_subject(sentence, m, ctx)
            if subject:
                found.append((m.start(), unread | {"kind": "position", "driver_raw": subject[0], "driver_key": subject[1],
                                                   "position": position, "series_raw": self._series_near(sentence, m)}))
        return [row for _, row in sorted(found, key=lambda x: x[0])]

    def _value(self, kind, m, unread, sentence_series, ctx) -> tuple[str | int, dict] | None:
        """What a claim pattern's match says: (the group holding the value, the claim row), or None when
        a name is not a known driver or the place is not a number."""
        name = m.group("name")
        key = self.names.resolve(name, ctx)
        if not key:
            return None
        if kind == "points":
            return "n", {**unread, "kind": kind, "driver_raw": name, "driver_key": key, "points": _num(m.group("n"))}
        if kind == "margin":
            rival = self.names.resolve(m.group("rival"), ctx)
            values = {"margin": _num(m.group("n")), "rival_raw": m.group("rival"), "rival_key": rival}
            return ("n", {**unread, "kind": kind, "driver_raw": name, "driver_key": key, **values}) if rival else None
        value = "ord" if "ord" in m.re.groupindex and m.group("ord") else 0
        position = _ordinal(m.group(value) if value else "first")
        values = {"position": position, "series_raw": sentence_series}
        return (value, {**unread, "kind": kind, "driver_raw": name, "driver_key": key, **values}) if position else None

    def _remember(self, sentence, series, article_id, line, ctx, mentions) -> None:
        """Series mentions of the sentence, said of the first driver it names, else of the last one before."""
        named = ctx.named(ctx.at)
        subject_key = named[0] if named else ctx.last_key
        for m in series:
            clause = _clause(sentence, m.start(), m.end())
            mentions.append({
                "article_id": article_id, "line": line, "series_raw": m.group(1), "subject_key": subject_key,
                "has_role": bool(ROLE_WORDS.search(clause)),
                "is_past": bool(PAST_MARKERS.search(clause)),
                "years": [int(y) for y in YEAR.findall(clause)],
                "text": sentence,
            })

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
        if ctx.last_key and not ctx.named(ctx.at):
            return "", ctx.last_key
        return None


def read_prose(prose_lines: pl.DataFrame, driver_keys: set[str], series_spellings: dict[str, str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """prose_lines: article_id, line, text (prose only, in order). Returns (claims, series_mentions)."""
    ordered = prose_lines.sort("article_id", "line")
    rows = zip(ordered["article_id"].to_list(), ordered["line"].to_list(), ordered["text"].to_list())
    sentences = [(article_id, line, s) for article_id, line, text in rows for s in SENTENCE_SPLIT.split(text.strip()) if s]
    claims, mentions = ProseReader(driver_keys, series_spellings).read(sentences)
    return pl.DataFrame(claims, schema=CLAIM_SCHEMA), pl.DataFrame(mentions, schema=MENTION_SCHEMA)
