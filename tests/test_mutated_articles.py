"""Articles a careless source could send: the seed and clean test articles with random edits
(characters and tokens inserted, lines swapped, repeated, dropped or cut short, numbers far too
large, broken bytes). Whatever the edits, the core makes every table, with an `articles` row for
every file and a message for every issue, and the contract holds: bad input is issue rows, never
a crash. Deterministic: the same seed gives the same articles."""

from __future__ import annotations

import random

import polars as pl
import pytest

from conftest import CLEAN, RAW
from parcferme import pipeline

SEED = 20261203
BATCHES, PER_BATCH = 40, 8
TOKENS = [
    b"\n", b" ", b"(", b")", b",", b"+", b"-", b":", b".", b"0", b"1", b"9", b"99999999999999999999",
    b"DNF", b"DSQ", b"laps", b"pts", b"\xc3\xa9", b"\xff", b"\t", b"\r", b"\x00", b"\xe2\x80\x94",
    b"Standings", b"Constructors", b"Drivers", b"Out", b"points", b"ahead of", b"he", b"WRC", b"P", b"1st",
    b"1:35:21.362", b"+1 lap", b"hrs", b"date 2023-13-45", b"date 1900-01-01", b"date 9999-12-31",
    b" after round 99999999999999999999 of 3", b" after 25 of 22 rounds", b"P999999999999999999999",
    b"99999999999999999999th", b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"Max Verstappen", b"Red Bull", b"(NL)",
    b"(XX)", b"\xd9\xa3", b"\xef\xbc\x91", b"Sprint", b"1950", b"leads", b"points clear of", b"sits 3rd in the",
    b"\xc2\xbd", b"1,028", b"999,999,999,999,999,999,999", b"Points",
]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        if op < 0.3 and lines:
            i = rng.randrange(len(lines))
            j = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(TOKENS) + lines[i][j + rng.randint(0, 3) :]
        elif op < 0.45 and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op < 0.6 and lines:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
        elif op < 0.7 and lines:
            del lines[rng.randrange(len(lines))]
        elif op < 0.8:
            return b"\n".join(lines)[: rng.randint(0, len(data))]
        elif lines:
            i = rng.randrange(len(lines))
            lines[i] = lines[i].upper() if rng.random() < 0.5 else lines[i] * rng.randint(2, 4)
    return b"\n".join(lines)


def _batches() -> list[list[tuple[str, str, bytes]]]:
    originals = [p.read_bytes() for p in sorted(RAW.glob("*.txt")) + sorted(CLEAN.glob("*.txt"))]
    rng = random.Random(SEED)
    return [
        [(f"m{b:02d}-{k}", f"m{b:02d}-{k}.txt", _mutate(rng.choice(originals), rng)) for k in range(PER_BATCH)]
        for b in range(BATCHES)
    ]


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_articles_give_tables_and_issues_never_a_crash(batch, reference):
    files = _batches()[batch]
    staged, marts = pipeline.build(files, reference)  # validates every table against the contract
    assert sorted(marts["articles"]["article_id"]) == sorted(f[0] for f in files)
    issues = marts["validation_issues"]
    assert issues["message"].null_count() == 0 and issues.filter(pl.col("message") == "").is_empty()
