"""Making a generation one range of articles at a time: how an archive of any size goes through the
pure core with bounded memory.

1. `Spool.add`: each staged batch of new or changed articles is written as parts of the generation,
   then sealed; `Spool.take_over` first takes the sealed batches a run that did not publish left;
2. `Spool.season_inputs`: the narrow rows of every article (kept articles' from the previous
   staging) the checks across articles read, one season at a time (`pipeline.check_season`);
3. `publish_range`: the marts of one range of articles, from the staged parts and the previous
   staging, with the range's issues; the range's marts and staging are written as kept for the
   next run (`_marts/`, `_staging/`), which links both for a range it keeps as it was. A range
   made of whole batches (a first run's, as `pipeline.article_ranges` cuts them) links their parts
   as its staging instead of writing it again;
4. `warehouse.Generation.assemble` streams each table from its ranges, in order, and
   `Generation.commit` makes the generation current.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from parcferme import pipeline
from parcferme.pipeline import ArticleRange, ids_in_range, publish, quote_lines
from parcferme.parse import Parsed
from parcferme.raw import RawEntry
from parcferme.staged import STAGED_FRAMES, STAGING_FRAMES, Staged, in_order
from parcferme.warehouse import FRESH, Generation, by_range, scan_parts
from schemas.frames import SEASON_INPUT_COLUMNS
from schemas.registry import season_checks

# Articles per range of marts. The contract validation costs about the same per call whatever the rows
# (about 0.1 s), so larger ranges cost less in all; at 10,000 publishing a range needs no more memory
# than the season checks before it (measured at 100,000 articles without Prefect, the process's peak
# in each phase: staging 656 MiB, checking the season 802, publishing 787, assembling 766). Ranges of
# 5,000 peaked the same, slower.
RANGE_SIZE = 10_000

# The most batches a range links as its staging (`Spool.whole_batches`): a range of more, smaller
# batches is written as one file, so that the next run does not read it from hundreds.
MOST_LINKED = 10


AS_READ = ["article_id", "source_file", "sha256", "read_error", "n_lines"]  # what a run keeps of a batch's articles beside its parts


def write_batch(generation: Generation, index: int, staged: Staged) -> pl.DataFrame:
    """Write a staged batch's frames as parts `index` of `generation` (in the run's process, or in a
    staging process: `parcferme.stage_process`); returns its articles as read (AS_READ)."""
    for name, frame in staged.frames().items():
        generation.write_part(FRESH, name, index, in_order(frame))  # in the staging's order: see whole_batches
    return staged.staging.articles.select(AS_READ)


@dataclass
class Spool:
    """The articles of one run as staged on disk: fresh batches as parts of the new generation, and
    the previous generation's staging for the articles kept from earlier runs."""

    generation: Generation
    previous: dict[str, list[Path]] | None  # the previous generation's staging: each frame's files, a range each
    kept: list[str]  # articles whose previous staging is kept (unchanged files)
    fresh_ranges: list[tuple[str, str]] = field(default_factory=list)  # (first, last) article of each staged part
    fresh_counts: list[int] = field(default_factory=list)  # the articles of each staged part
    previous_marts: dict[str, list[Path]] | None = None  # the previous generation's tables: each one's files, a range each
    code: str | None = None  # the fingerprint of the code: with it, each batch is sealed for a later run to take over
    listed: dict[str, RawEntry] = field(default_factory=dict)  # the run's fresh files as listed, by article id

    def __post_init__(self) -> None:
        self.kept = sorted(self.kept) if self.previous is not None else []
        self.previous_by_range = {name: by_range(paths) for name, paths in (self.previous or {}).items()}

    @property
    def next_index(self) -> int:
        """The index of the next fresh batch's parts."""
        return len(self.fresh_ranges)

    def add(self, staged: Staged) -> None:
        """Write a freshly staged batch as parts, then record and seal it (`record`)."""
        if not staged.staging.articles.is_empty():
            self.record(self.next_index, write_batch(self.generation, self.next_index, staged))

    def record(self, index: int, articles: pl.DataFrame) -> None:
        """Count in the batch written as parts `index` (`write_batch`, here or in a staging process),
        its articles as read, and seal its parts (see `take_over`). Batches are recorded in order."""
        if index != self.next_index:
            raise ValueError(f"batch {index} recorded out of order: the next is {self.next_index}")
        ids = articles["article_id"]
        self.fresh_ranges.append((ids.min(), ids.max()))
        self.fresh_counts.append(ids.len())
        if self.code and (files := self._as_read(articles)):
            self.generation.seal(FRESH, index, list(STAGED_FRAMES), {"code": self.code, "files": files})

    def _as_read(self, articles: pl.DataFrame) -> list[list] | None:
        """Each file of a staged batch as [article_id, source_file, size, mtime_ns, sha256]; None if one
        was not listed or not read whole (a batch with a file that could not be read is never taken
        over: the next run tries the file again)."""
        files = []
        for article_id, source_file, sha256, read_error in articles.select("article_id", "source_file", "sha256", "read_error").iter_rows():
            entry = self.listed.get(article_id)
            if entry is None or entry.problem or read_error or sha256 is None or entry.source_file != source_file:
                return None
            files.append([article_id, source_file, entry.size, entry.mtime_ns, sha256])
        return files

    def take_over(self) -> dict[str, tuple[str, None]]:
        """Take over the batches earlier runs staged with this code and never published (killed, or
        stopped): sealed, intact, and each of their files listed now as it was then (the same name,
        size and mtime: the manifest's test of an unchanged file) among this run's fresh files.
        Their parts are linked in as this run's, and the folders they were in removed. Returns what
        reading their files gave, as `pipeline` reads do: article_id -> (sha256, no problem)."""
        taken: dict[str, tuple[str, None]] = {}
        for record, parts in self.generation.sealed_left_behind(FRESH):
            files = record.get("files") or []
            if record.get("code") != self.code or set(parts) != set(STAGED_FRAMES) or not files:
                continue
            if not all(self._listed_as(file, taken) for file in files) or not self.generation.intact(record, parts):
                continue
            index = len(self.fresh_ranges)
            for name, path in parts.items():
                self.generation.take_part(FRESH, name, index, path)
            self.generation.take_seal(FRESH, index, record)
            ids = [file[0] for file in files]
            self.fresh_ranges.append((min(ids), max(ids)))
            self.fresh_counts.append(len(ids))
            taken.update((article_id, (sha256, None)) for article_id, *_, sha256 in files)
        self.generation.remove_left_behind()
        return taken

    def _listed_as(self, file: list, taken: dict) -> bool:
        """Whether a file a seal records is one of this run's fresh files, as it was then, and not taken yet."""
        if not isinstance(file, list) or len(file) != 5:
            return False
        article_id, source_file, size, mtime_ns, _ = file
        entry = self.listed.get(article_id)
        return entry is not None and article_id not in taken and entry.problem is None and (entry.source_file, entry.size, entry.mtime_ns) == (source_file, size, mtime_ns)

    def season_inputs(self) -> dict[str, pl.LazyFrame]:
        """The season inputs of every article of the run, kept and fresh, as scans of the staged
        parts and the previous staging: read a season at a time by `pipeline.check_season`."""
        inputs = {}
        for name in SEASON_INPUT_COLUMNS:
            scans = [pl.scan_parquet(path) for path in self.generation.parts(FRESH, f"season_{name}")]
            if self.kept:
                # the few articles of the previous staging not kept are fewer to look up than the many kept
                keep = ~pl.col("article_id").is_in(self._previous_not_kept().implode())
                scans.append(scan_parts(self.previous[f"season_{name}"]).filter(keep))
            inputs[name] = pl.concat(scans, how="diagonal_relaxed") if scans else None
        return inputs if all(scan is not None for scan in inputs.values()) else {}

    def _previous_not_kept(self) -> pl.Series:
        """The articles of the previous staging this run does not keep (changed or deleted since)."""
        staged = scan_parts(self.previous["articles"]).select("article_id").collect()["article_id"]
        return staged.filter(~staged.is_in(pl.Series(self.kept, dtype=pl.String).implode()))

    def previous_ranges(self) -> list[list[str]] | None:
        """The sorted article ids of each range of the previous generation's staging (None without one)."""
        if self.previous is None:
            return None
        ranges = [sorted(pl.read_parquet(files, columns=["article_id"])["article_id"].unique().to_list()) for files in self.previous_by_range["articles"]]
        return ranges if all(ranges) else None

    def keep_previous_staging(self, index: int, previous_index: int) -> None:
        """Range `index` of the new generation's staging is range `previous_index` of the previous
        one, as it was: its files, linked."""
        for name in STAGED_FRAMES:
            self.generation.link_staging(name, index, self.previous_by_range[name][previous_index])

    def batch_starts(self) -> list[str]:
        """The first article of each batch staged (for `pipeline.article_ranges` to cut ranges there)."""
        return [first for first, _ in self.fresh_ranges]

    def whole_batches(self, articles: ArticleRange) -> list[int] | None:
        """The staged batches a range is made of, in order, when it is made of whole batches and
        nothing else (no article kept from the previous staging), at most MOST_LINKED of them, and
        none reaching into another's span; else None. Each part is in the staging's order
        (`in_order`), so these parts one after another are the range's staging, in order."""
        touching = sorted((lo, hi, i) for i, (lo, hi) in enumerate(self.fresh_ranges) if lo <= articles.last and hi >= articles.first)
        whole = all(articles.first <= lo and hi <= articles.last for lo, hi, _ in touching)
        apart = all(hi < next_lo for (_, hi, _), (next_lo, _, _) in zip(touching, touching[1:]))
        counted = sum(self.fresh_counts[i] for _, _, i in touching) == articles.count
        if not touching or len(touching) > MOST_LINKED or not (whole and apart and counted) or ids_in_range(self.kept, articles.first, articles.last):
            return None
        return [i for _, _, i in touching]

    def link_batches(self, index: int, batches: list[int]) -> None:
        """Range `index` of the new generation's staging is the parts of `batches`, linked."""
        for name in STAGED_FRAMES:
            parts = self.generation.parts(FRESH, name)
            self.generation.link_staging(name, index, [parts[i] for i in batches])

    def marts_as_they_were(self, articles: ArticleRange, season_issues: pl.DataFrame) -> dict[str, Path] | None:
        """The previous generation's files of each table for a range kept as it was, when the checks
        across articles flag its rows as they did then (its articles' own issues are its staging's,
        kept as well); None when they flag them otherwise, or those files are not all there."""
        index = articles.kept_from
        files = {name: paths[index] for name, paths in (self.previous_marts or {}).items() if index is not None and index < len(paths)}
        if set(files) != set(pipeline.MART_COLUMNS):
            return None
        in_range = pl.col("article_id").is_between(pl.lit(articles.first), pl.lit(articles.last))
        across = pl.col("check").is_in(pl.Series([check.id for check in season_checks()], dtype=pl.String).implode())
        try:
            before = pl.read_parquet(files["validation_issues"]).filter(in_range & across).drop("raw_text")
        except (OSError, pl.exceptions.PolarsError):
            return None  # made again, from the staging kept
        now = season_issues.filter(in_range).select(before.columns).cast(before.schema)
        if not before.sort(before.columns, nulls_last=True).equals(now.sort(before.columns, nulls_last=True)):
            return None
        return files

    def read_frames(self, first: str, last: str, names: tuple[str, ...]) -> dict[str, pl.DataFrame]:
        """The staged frames `names` of the articles from `first` to `last` (kept and fresh)."""
        in_range = pl.col("article_id").is_between(pl.lit(first), pl.lit(last))
        fresh = [i for i, (lo, hi) in enumerate(self.fresh_ranges) if lo <= last and hi >= first]
        kept = ids_in_range(self.kept, first, last)
        frames = {}
        for name in names:
            paths = self.generation.parts(FRESH, name)
            scans = [pl.scan_parquet(paths[i]).filter(in_range) for i in fresh]
            if kept:
                keep = pl.col("article_id").is_in(pl.Series(kept, dtype=pl.String).implode())
                scans.append(scan_parts(self.previous[name]).filter(in_range & keep))
            frames[name] = pl.concat(scans, how="diagonal_relaxed").collect() if scans else None
        if any(frame is None for frame in frames.values()):
            raise ValueError(f"no staged article from {first} to {last}")
        return frames


def range_issues(article_issues: pl.DataFrame, lines: pl.DataFrame, season_issues: pl.DataFrame, first: str, last: str) -> pl.DataFrame:
    """Every issue of the range: its articles' own, and those of the season checks on its rows."""
    season = season_issues.filter(pl.col("article_id").is_between(pl.lit(first), pl.lit(last)))
    return quote_lines(pl.concat([article_issues, season]), lines)


MART_INPUTS = ("articles", "race_results", "driver_standings", "constructor_standings", "claims", "series_mentions")  # what `publish` reads


# how publish_range got a range's marts and staging
MADE, BATCHES_LINKED = "made", "made, its batches' parts linked as its staging"
STAGING_KEPT, KEPT = "staging kept, marts made again", "staging and marts kept"


def publish_range(spool: Spool, index: int, articles: ArticleRange, season_issues: pl.DataFrame) -> str:
    """Make and write the marts (and the next run's staging) of one range; returns how (MADE,
    BATCHES_LINKED, STAGING_KEPT or KEPT). A range made of whole staged batches keeps their parts as
    its staging (linked, not read and written again). A range kept from the previous generation as
    it was keeps that generation's staging files, and its marts' files too while the checks across
    articles flag its rows as they did then; else its marts are made again."""
    if articles.kept_from is None:
        batches = spool.whole_batches(articles)
        if batches is not None:
            spool.link_batches(index, batches)
            _write_marts(spool, index, _made_marts(spool, articles, season_issues))
            return BATCHES_LINKED
        _write_marts(spool, index, _made_marts(spool, articles, season_issues, functools.partial(_keep_for_next_run, spool, index)))
        return MADE
    spool.keep_previous_staging(index, articles.kept_from)
    kept = spool.marts_as_they_were(articles, season_issues)
    if kept is None:
        _write_marts(spool, index, _made_marts(spool, articles, season_issues))
        return STAGING_KEPT
    for name, path in kept.items():
        spool.generation.keep_marts(name, index, path)
    return KEPT


def _made_marts(spool: Spool, articles: ArticleRange, season_issues: pl.DataFrame, keep_for_next_run=None) -> dict[str, pl.DataFrame]:
    """The marts of a range made from its staging. With `keep_for_next_run`, each staged frame is also
    written for the next run as it is read: those no mart is made from are read, written and let go
    one at a time before the marts are made, so the marts are made beside their own inputs only."""
    first, last = articles.first, articles.last
    keep = keep_for_next_run or _kept_already
    quoting = spool.read_frames(first, last, ("article_issues", "lines"))
    issues = range_issues(quoting["article_issues"], quoting["lines"], season_issues, first, last)
    keep(quoting)
    del quoting
    if keep_for_next_run:  # the frames no mart is made from are read only to be kept
        for name in STAGED_FRAMES:
            if name not in (*MART_INPUTS, "article_issues", "lines"):
                keep(spool.read_frames(first, last, (name,)))
    inputs = spool.read_frames(first, last, MART_INPUTS)
    keep(inputs)
    unread = {name: pl.DataFrame() for name in STAGING_FRAMES if name not in MART_INPUTS}  # not read by `publish`
    return publish(Parsed(**inputs, **unread), issues)


def _write_marts(spool: Spool, index: int, marts: dict[str, pl.DataFrame]) -> None:
    for name, frame in marts.items():
        spool.generation.write_marts(name, index, frame)


def _keep_for_next_run(spool: Spool, index: int, frames: dict[str, pl.DataFrame]) -> None:
    for name, frame in frames.items():
        spool.generation.write_staging(name, index, in_order(frame))


def _kept_already(frames: dict[str, pl.DataFrame]) -> None:
    """A range whose staging is linked (`Spool.keep_previous_staging`, `Spool.link_batches`): nothing to write."""


def publish_nothing(generation: Generation, nothing: Staged) -> None:
    """An empty raw folder still publishes every table, empty (`nothing`: a batch of no articles)."""
    for name, frame in publish(nothing.staging, quote_lines(nothing.article_issues, nothing.staging.lines)).items():
        generation.write_marts(name, 0, frame)
    for name, frame in nothing.frames().items():
        generation.write_staging(name, 0, frame)
