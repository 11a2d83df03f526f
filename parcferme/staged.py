"""What a run keeps per article between parsing and publishing: the staged frames.

Kept apart from `parcferme.pipeline` so that what only reads or writes them (the warehouse's
Parquet I/O, a run with nothing new) does not load the published tables' pandera models.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import polars as pl

from parcferme.parse import Parsed
from schemas.frames import SEASON_INPUT_COLUMNS

STAGING_FRAMES = tuple(f.name for f in fields(Parsed))
SEASON_INPUT_FRAMES = tuple(f"season_{name}" for name in SEASON_INPUT_COLUMNS)
STAGED_FRAMES = (*STAGING_FRAMES, "article_issues", *SEASON_INPUT_FRAMES)  # what a run keeps per article


@dataclass(frozen=True)
class Staged:
    """A set of articles as staged: parsed and resolved, checked within each article, and the
    narrow frames the season checks read."""

    staging: Parsed
    article_issues: pl.DataFrame
    season: dict[str, pl.DataFrame]

    def frames(self) -> dict[str, pl.DataFrame]:
        """Every frame by its STAGED_FRAMES name (how it is written to disk)."""
        return {
            **{name: getattr(self.staging, name) for name in STAGING_FRAMES},
            "article_issues": self.article_issues,
            **{f"season_{name}": frame for name, frame in self.season.items()},
        }

    @classmethod
    def from_frames(cls, frames: dict[str, pl.DataFrame]) -> Staged:
        return cls(
            Parsed(**{name: frames[name] for name in STAGING_FRAMES}),
            frames["article_issues"],
            {name: frames[f"season_{name}"] for name in SEASON_INPUT_COLUMNS},
        )

    @classmethod
    def concat(cls, parts: list[Staged]) -> Staged:
        frames = [p.frames() for p in parts]
        return cls.from_frames({name: pl.concat([f[name] for f in frames], how="diagonal_relaxed") for name in STAGED_FRAMES})


def in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows by article and line, ties broken by every other column: the same input always gives the
    same row order, so the same bytes."""
    return frame.sort(frame.columns, nulls_last=False)
