"""The self-contained HTML quality report: verdict, trust per table, plots, counts per check, and
every error and warning with its article, line and raw text. No script, no network: inline CSS
and inline SVG. Every text from the data is escaped."""

from __future__ import annotations

import re
from itertools import groupby
from operator import itemgetter

import polars as pl

from parcferme.quality import plots
from parcferme.quality.runs import conform
from parcferme.quality.svg import SEVERITY_COLORS, esc
from parcferme.report import per_check, severity_counts, verdict

MAX_LISTED = 5000
ISSUES = "validation_issues"

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;margin:0;color:#1d1d1d;background:#f6f6f4}
main{max-width:1060px;margin:0 auto;padding:0 20px 40px}
header{padding:22px 28px;margin:0 0 18px;color:#fff}
header h1{margin:0 0 6px;font-size:22px}
header p{margin:4px 0;font-size:16px}
.verdict-error{background:#b71c1c}.verdict-warning{background:#b86e00}.verdict-clean{background:#2e7d32}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px 18px;margin:0 0 18px;overflow-x:auto}
h2{font-size:18px;margin:4px 0 10px}
h3.article{font-size:14px;margin:16px 0 6px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e6e6e6;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#fafafa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,.raw{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
.raw{white-space:pre-wrap;word-break:break-word;background:#f3f3f0;padding:2px 4px;display:block}
.sev{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;font-size:12px}
.zero{color:#999}
figure{margin:0 0 10px}figcaption{font-size:13px;color:#555;margin-top:4px}
svg{max-width:100%;height:auto}
footer{font-size:12px;color:#666}
"""


def _verdict_class(counts: dict[str, int]) -> str:
    return "verdict-error" if counts["error"] else "verdict-warning" if counts["warning"] else "verdict-clean"


def _severity_badge(severity: str) -> str:
    return f'<span class="sev" style="background:{SEVERITY_COLORS.get(severity, "#555")}">{esc(severity)}</span>'


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th{" class=num" if i in numeric else ""}>{esc(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if i in numeric else ""}>{c}</td>' for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _header(issues: pl.DataFrame, runs: pl.DataFrame) -> str:
    counts = severity_counts(issues)
    totals = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items())
    last = runs.sort("started_at").tail(1).to_dicts() if not runs.is_empty() else []
    when = f"Last run {esc(last[0]['run_id'])}, finished {last[0]['finished_at']:%Y-%m-%d %H:%M} UTC." if last else "No run recorded."
    return (
        f'<header class="{_verdict_class(counts)}"><h1>parcferme data quality</h1>'
        f'<p class="verdict"><strong>{esc(verdict(issues))}</strong></p><p>Issues: {esc(totals)}. {when}</p></header>'
    )


def _trust_rows(marts: dict[str, pl.DataFrame | pl.LazyFrame]) -> list[list[str]]:
    rows = []
    for name, frame in marts.items():
        if name == ISSUES or "has_error" not in frame.collect_schema().names():
            continue
        counts = frame.lazy().select(pl.len(), pl.col("has_error").sum(), pl.col("has_warning").sum()).collect()
        height, errors, warnings = (int(v) for v in counts.row(0))
        share = f"{100 * (height - errors) / height:.1f} %" if height else "–"
        rows.append([f"<code>{esc(name)}</code>", str(height), str(errors), str(warnings), share])
    return rows


def _trust_section(marts: dict[str, pl.DataFrame]) -> str:
    table = _table(["table", "rows", "rows with has_error", "rows with has_warning", "rows to trust"], _trust_rows(marts), {1, 2, 3, 4})
    return (
        '<section id="trust"><h2>Can I trust the tables?</h2>'
        "<p>Use rows with <code>has_error = false</code> (DuckDB views <code>trusted_&lt;table&gt;</code>); "
        "<code>has_warning</code> rows are very likely wrong. <code>validation_issues</code> says why a row is flagged.</p>"
        f"{table}</section>"
    )


def _plots_section(marts: dict[str, pl.DataFrame], checks: pl.DataFrame, runs: pl.DataFrame) -> str:
    figures = [
        (plots.points_chart(marts["driver_standings"], marts["claims"]),
         "Lines: drivers' standings tables, rows without error. Rings: points claimed in the prose. Crosses: rows flagged has_error. Hover a mark for its article and line."),
        (plots.issues_per_check_chart(checks), "Issues of this run per check; zero bars are checks that found nothing."),
        (plots.issue_trend_chart(runs), "Issues in the warehouse after each run (from the run history, runs.parquet)."),
    ]
    body = "".join(f"<figure>{chart}<figcaption>{esc(caption)}</figcaption></figure>" for chart, caption in figures)
    return f'<section id="plots"><h2>Plots</h2>{body}</section>'


def _checks_section(checks: pl.DataFrame) -> str:
    rows = [
        [f"<code>{esc(c)}</code>", _severity_badge(s), f'<span class="{"zero" if n == 0 else ""}">{n}</span>', esc(d)]
        for c, s, d, n in checks.select("check", "severity", "description", "issues").iter_rows()
    ]
    return f'<section id="checks"><h2>Issues per check ({checks.height} checks)</h2>{_table(["check", "severity", "issues", "what it checks"], rows, {2})}</section>'


def _message(text: str) -> str:
    """Escaped, with `quoted` values shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def _issue_row(row: dict) -> list[str]:
    line = "–" if row["line"] is None else str(row["line"])
    raw = f'<span class="raw">{esc(row["raw_text"])}</span>' if row["raw_text"] is not None else '<span class="zero">(whole article)</span>'
    return [line, _severity_badge(row["severity"]), f"<code>{esc(row['check'])}</code>", raw, _message(row["message"])]


def _article_block(article_id: str, rows: list[dict]) -> str:
    table = _table(["line", "severity", "check", "raw line", "message"], [_issue_row(r) for r in rows], {0})
    return f'<h3 class="article"><code>{esc(article_id)}</code> ({len(rows)})</h3>{table}'


def _issues_section(issues: pl.DataFrame) -> str:
    serious = issues.filter(pl.col("severity").is_in(["error", "warning"])).sort("article_id", "line", "check", nulls_last=False)
    heading = f'<section id="issues"><h2>Errors and warnings ({serious.height}), by article</h2>'
    if serious.is_empty():
        return heading + "<p>None.</p></section>"
    listed = serious.head(MAX_LISTED)
    # grouped in Python: the rows are sorted by article, and a polars group per article costs a gather each
    blocks = [_article_block(article_id, list(rows)) for article_id, rows in groupby(listed.iter_rows(named=True), key=itemgetter("article_id"))]
    more = f"<p>… and {serious.height - MAX_LISTED} more: see <code>validation_issues.parquet</code>.</p>" if serious.height > MAX_LISTED else ""
    return heading + "".join(blocks) + more + "</section>"


def render_html(marts: dict[str, pl.DataFrame | pl.LazyFrame], runs: pl.DataFrame) -> str:
    """The quality report of the warehouse tables `marts` (frames or scans; the issues as a frame)
    and the run history `runs`, as one HTML page."""
    issues, runs = marts[ISSUES], conform(runs)
    checks = per_check(issues)
    title = f"parcferme data quality: {verdict(issues)}"
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head><body>'
        f"{_header(issues, runs)}<main>{_trust_section(marts)}{_plots_section(marts, checks, runs)}"
        f"{_checks_section(checks)}{_issues_section(issues)}"
        "<footer>Generated by parcferme from the warehouse tables (issues: validation_issues; history: runs).</footer>"
        "</main></body></html>"
    )


def report_frames(files: dict) -> dict[str, pl.DataFrame | pl.LazyFrame]:
    """What render_html reads, from the tables' Parquet files (`files`: table -> path): the issues'
    columns it lists, and scans of the other tables (only counts and the chart's marks are read)."""
    frames: dict[str, pl.DataFrame | pl.LazyFrame] = {name: pl.scan_parquet(path) for name, path in files.items()}
    frames[ISSUES] = frames[ISSUES].select("article_id", "line", "severity", "check", "message", "raw_text").collect()
    return frames
