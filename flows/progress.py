"""How far a run that publishes has got, shown where people watch it: a progress artifact in the
Prefect UI (key `parcferme-progress`: a percentage and the phase, with its articles done) and, for
`parcferme run` on a terminal, a bar per phase.

The flow reports what is done (`Reporter.advance`, `Reporter.finish`); `RunProgress` turns it into
a percentage and one line of text, and the listeners show that. A run with nothing new reports
nothing: it takes a second or two beyond Prefect's own start.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Iterator, Protocol

PROGRESS_KEY = "parcferme-progress"


@dataclass(frozen=True)
class Phase:
    key: str
    label: str
    ms_per_article: float  # what the phase took per article at 100,000 articles (bench/RESULTS.md)
    of_fresh: bool  # counts the new and changed articles only (else every article of the new generation)
    stepwise: bool  # reported as it goes (else once, when it is done)


PHASES = (
    Phase("stage", "parse and check", 0.34, of_fresh=True, stepwise=True),
    Phase("season", "check across articles", 0.023, of_fresh=False, stepwise=False),
    Phase("publish", "publish articles", 0.047, of_fresh=False, stepwise=True),
    Phase("assemble", "assemble tables", 0.014, of_fresh=False, stepwise=False),
)


@dataclass
class RunProgress:
    """The articles each phase goes over and has done so far. The percentage weighs each phase by
    the time it takes per article, so that a day's update, with few articles to parse but the whole
    archive to publish, moves as its time goes."""

    totals: dict[str, int]
    done: dict[str, int] = field(default_factory=dict)

    @classmethod
    def for_run(cls, fresh: int, articles: int) -> RunProgress:
        return cls({phase.key: fresh if phase.of_fresh else articles for phase in PHASES})

    def advance(self, key: str, articles: int) -> None:
        self.done[key] = min(self.totals[key], self.done.get(key, 0) + articles)

    def finish(self, key: str) -> None:
        self.done[key] = self.totals[key]

    def done_of(self, key: str) -> int:
        return self.done.get(key, 0)

    @property
    def running(self) -> Phase | None:
        """The phase under way: the first not done (phases run one after the other)."""
        return next((phase for phase in PHASES if self.done_of(phase.key) < self.totals[phase.key]), None)

    @property
    def percent(self) -> float:
        expected = sum(phase.ms_per_article * self.totals[phase.key] for phase in PHASES)
        if not expected:
            return 100.0
        return round(100 * sum(phase.ms_per_article * self.done_of(phase.key) for phase in PHASES) / expected, 1)

    @property
    def description(self) -> str:
        phase = self.running
        if phase is None:
            return f"done: {self.totals['stage']:,} articles parsed and checked, {self.totals['publish']:,} published"
        return f"{phase.label}: {self.done_of(phase.key):,} of {self.totals[phase.key]:,} articles"


class Listener(Protocol):
    def show(self, progress: RunProgress) -> None: ...

    def close(self, progress: RunProgress, failed: bool) -> None: ...


class Reporter:
    """What the flow calls: each change goes to every listener."""

    def __init__(self, progress: RunProgress, listeners: list[Listener]):
        self.progress = progress
        self.listeners = listeners
        self._show()

    def advance(self, key: str, articles: int) -> None:
        self.progress.advance(key, articles)
        self._show()

    def finish(self, key: str) -> None:
        self.progress.finish(key)
        self._show()

    def close(self, failed: bool = False) -> None:
        for listener in self.listeners:
            with contextlib.suppress(Exception) if failed else contextlib.nullcontext():
                listener.close(self.progress, failed)  # a failed run's own error is the one to see

    def _show(self) -> None:
        for listener in self.listeners:
            listener.show(self.progress)


class PrefectProgress:
    """The run's progress artifact: created at the first report, updated at most every
    `min_interval_s` (a batch of a small `--batch-size` comes back every few milliseconds), and at
    the end."""

    def __init__(self, min_interval_s: float = 1.0):
        self.min_interval_s = min_interval_s
        self.artifact_id = None
        self._last = float("-inf")

    def show(self, progress: RunProgress) -> None:
        if self.artifact_id is not None and time.monotonic() - self._last < self.min_interval_s:
            return
        self._post(progress.percent, progress.description)

    def close(self, progress: RunProgress, failed: bool) -> None:
        failed_in = progress.running if failed else None
        self._post(progress.percent, f"failed during {failed_in.label}" if failed_in else progress.description)

    def _post(self, percent: float, description: str) -> None:
        from prefect.artifacts import create_progress_artifact, update_progress_artifact

        if self.artifact_id is None:
            self.artifact_id = create_progress_artifact(percent, key=PROGRESS_KEY, description=description)
        else:
            update_progress_artifact(self.artifact_id, percent, description=description)
        self._last = time.monotonic()


class TerminalBars:
    """A line per phase on the terminal: a bar of its articles, what is done of them, the time it
    took. The first line stands for what comes before the first report (Prefect's start, listing the
    raw files), so the terminal is never silent."""

    def __init__(self, console=None):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bars = Progress(
            SpinnerColumn(finished_text="[green]✓"), TextColumn("{task.description:<24}"), BarColumn(),
            TextColumn("{task.fields[count]:>24}"), TimeElapsedColumn(),
            console=console or Console(stderr=True),  # stdout is the run's summary
        )
        self._tasks: dict[str, int] = {}
        self._waiting = None

    def start(self) -> None:
        self.bars.start()
        self._waiting = self.bars.add_task("start, list raw files", total=None, count="")

    def show(self, progress: RunProgress) -> None:
        self._end_waiting()
        running = progress.running
        for phase in PHASES:
            total, done = progress.totals[phase.key], progress.done_of(phase.key)
            if done < total and phase is not running or not total:
                continue  # not begun yet; or nothing to do in this run (no article to parse)
            known = phase.stepwise or done >= total  # a phase done at once shows a spinner until then
            shown = {"completed": done, "total": total if known else None, "count": f"{done:,}/{total:,} articles" if known else f"{total:,} articles"}
            if phase.key in self._tasks:
                self.bars.update(self._tasks[phase.key], **shown)
            else:
                self._tasks[phase.key] = self.bars.add_task(phase.label, **shown)

    def close(self, progress: RunProgress, failed: bool) -> None:
        """The run's end: its lines stay as they are (`stop` ends the display)."""

    def stop(self) -> None:
        self._end_waiting()
        self.bars.stop()

    def _end_waiting(self) -> None:
        if self._waiting is not None:
            self.bars.update(self._waiting, total=1, completed=1)
            self._waiting = None


_TERMINALS: list[TerminalBars] = []  # set by `parcferme run` around the flow (see `terminal_bars`)


@contextlib.contextmanager
def terminal_bars(console=None) -> Iterator[TerminalBars]:
    """Bars on the terminal for the runs made meanwhile in this process."""
    bars = TerminalBars(console)
    bars.start()
    _TERMINALS.append(bars)
    try:
        yield bars
    finally:
        _TERMINALS.remove(bars)
        bars.stop()


def reporter(fresh: int, articles: int) -> Reporter:
    """The progress of a run that parses `fresh` articles and publishes `articles`: to the Prefect
    UI, and to the terminal when `parcferme run` shows bars."""
    return Reporter(RunProgress.for_run(fresh, articles), [PrefectProgress(), *_TERMINALS])
