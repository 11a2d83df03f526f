#!/usr/bin/env python3
"""Render a parcferme quality report in headless Chromium and check its plots.

    render_report_check.py REPORT.html [--png OUT.png] [--width 1200] [--height 4200]

Writes a PNG screenshot of the page (default: REPORT.png beside the report) and, from the DOM
Chromium built (--dump-dom), checks that each plot SVG is there and has data marks (path, rect,
circle or polyline inside its `<g class="marks">`). Exit status: 0 fine, 1 a check failed,
2 Chromium missing or failing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
PLOT_IDS = ("plot-points", "plot-issues-per-check", "plot-issue-trend")
MARK_TAGS = {"path", "rect", "circle", "polyline"}
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]
TIMEOUT_S = 120


class ChromiumMissing(RuntimeError):
    pass


def find_chromium() -> Path:
    """/usr/bin/chromium (Debian package `chromium`), else a `chromium` on PATH."""
    if CHROMIUM.exists():
        return CHROMIUM
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return Path(found)
    raise ChromiumMissing(f"chromium not found at {CHROMIUM} nor on PATH: install it with `apt-get install chromium` (as root)")


def run_chromium(chromium: Path, args: list[str]) -> subprocess.CompletedProcess:
    """Chromium with a fresh throw-away profile; raises RuntimeError with its stderr if it fails."""
    with tempfile.TemporaryDirectory(prefix="parcferme-chromium-") as profile:
        command = [str(chromium), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
    return done


def screenshot(chromium: Path, report: Path, png: Path, width: int, height: int) -> None:
    png.unlink(missing_ok=True)
    run_chromium(chromium, [f"--screenshot={png.resolve()}", f"--window-size={width},{height}", report.resolve().as_uri()])
    if not png.exists() or not png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"):
        raise RuntimeError(f"chromium wrote no PNG at {png}")


def dump_dom(chromium: Path, report: Path) -> str:
    return run_chromium(chromium, ["--dump-dom", report.resolve().as_uri()]).stdout


def png_size(png: Path) -> tuple[int, int]:
    header = png.read_bytes()[16:24]
    return int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")


class _MarkCounter(HTMLParser):
    """Counts data marks inside `<g class="marks">` of each `<svg id=...>`."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, int] = {}
        self._svg: str | None = None
        self._depth_in_marks = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "svg" and attributes.get("id"):
            self._svg = attributes["id"]
            self.marks.setdefault(self._svg, 0)
        elif self._svg and tag == "g" and "marks" in (attributes.get("class") or "").split():
            self._depth_in_marks += 1
        elif self._svg and self._depth_in_marks and tag in MARK_TAGS:
            self.marks[self._svg] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "g" and self._depth_in_marks:
            self._depth_in_marks -= 1
        elif tag == "svg":
            self._svg, self._depth_in_marks = None, 0


def plot_marks(dom: str) -> dict[str, int]:
    """Number of data marks per SVG id in an HTML document."""
    counter = _MarkCounter()
    counter.feed(dom)
    return counter.marks


def plot_problems(marks: dict[str, int]) -> list[str]:
    return [f"{plot_id}: missing" if plot_id not in marks else f"{plot_id}: no data marks" for plot_id in PLOT_IDS if not marks.get(plot_id)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--png", type=Path, help="screenshot path (default: the report's name with .png)")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=4200)
    args = parser.parse_args(argv)
    if not args.report.is_file():
        print(f"render_report_check: no report at {args.report}", file=sys.stderr)
        return 2
    png = args.png or args.report.with_suffix(".png")
    try:
        chromium = find_chromium()
        started = time.perf_counter()
        screenshot(chromium, args.report, png, args.width, args.height)
        shot_s = time.perf_counter() - started
        marks = plot_marks(dump_dom(chromium, args.report))
    except (ChromiumMissing, RuntimeError, subprocess.TimeoutExpired) as err:
        print(f"render_report_check: {err}", file=sys.stderr)
        return 2
    width, height = png_size(png)
    print(f"{args.report}: {args.report.stat().st_size / 1024:.0f} KiB; screenshot {png} {width}x{height} in {shot_s:.1f} s")
    print("plots: " + ", ".join(f"{plot_id} {marks.get(plot_id, 0)} marks" for plot_id in PLOT_IDS))
    problems = plot_problems(marks)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
