"""Run summaries: the verdict, counts per check and severity, and every error and warning with
its line, as plain text for the terminal and markdown for the Prefect UI."""

from __future__ import annotations

import polars as pl

from schemas.registry import SEVERITIES, all_checks

MAX_LISTED = 200


def verdict(issues: pl.DataFrame) -> str:
    return verdict_of(severity_counts(issues))


def verdict_of(counts: dict[str, int]) -> str:
    if counts["error"]:
        return "errors found: rows flagged has_error must not be trusted"
    if counts["warning"]:
        return "warnings found: flagged rows are very likely wrong"
    return "clean: no errors or warnings"


def severity_counts(issues: pl.DataFrame) -> dict[str, int]:
    counts = dict(issues.group_by("severity").len().iter_rows()) if not issues.is_empty() else {}
    return {sev: int(counts.get(sev, 0)) for sev in SEVERITIES}


def check_counts(issues: pl.DataFrame) -> dict[str, int]:
    """Issues per check id (only checks that found something)."""
    return {check: int(n) for check, n in issues.group_by("check").len().iter_rows()}


def per_check(issues: pl.DataFrame | dict[str, int]) -> pl.DataFrame:
    """One row per registered check (those that found nothing too): id, severity, description,
    count. Takes the issues, or their counts per check."""
    counts = issues if isinstance(issues, dict) else check_counts(issues)
    registry = pl.DataFrame(
        [(c.id, c.severity, c.description, counts.get(c.id, 0)) for c in all_checks()],
        schema={"check": pl.String, "severity": pl.String, "description": pl.String, "issues": pl.Int64},
        orient="row",
    )
    return registry.sort("check")


def summary_text(summary: dict) -> str:
    lines = [
        f"parcferme: {summary['verdict']}",
        f"articles: {summary['articles']} in raw ({summary['new']} new, {summary['changed']} changed, "
        f"{summary['unchanged']} unchanged, {summary['deleted']} deleted)",
        "rows: " + ", ".join(f"{name} {n}" for name, n in summary["rows"].items()),
        "issues: " + ", ".join(f"{n} {sev}" for sev, n in summary["issues"].items()),
    ]
    if summary.get("nothing_new"):
        lines.insert(1, "nothing new since the last run: warehouse unchanged")
    if summary.get("taken_over"):
        lines.insert(2, f"taken over: {summary['taken_over']} articles staged by a run that did not publish (not parsed again)")
    lines.append(f"warehouse: {summary['warehouse']}")
    if summary.get("report_path"):
        lines.append(f"report: {summary['report_path']}")
    return "\n".join(lines)


def _md_escape(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def markdown_report(summary: dict, serious: pl.DataFrame) -> str:
    """The Prefect markdown artifact: verdict, counts (from the summary), and the errors and
    warnings in `serious` as article:line, at most MAX_LISTED of them."""
    out = [f"# parcferme run: {summary['verdict']}", ""]
    out.append(
        f"Articles in raw: **{summary['articles']}** ({summary['new']} new, {summary['changed']} changed, "
        f"{summary['unchanged']} unchanged, {summary['deleted']} deleted)."
    )
    if summary.get("taken_over"):
        out.append(f"Taken over: {summary['taken_over']} articles staged by a run that did not publish (not parsed again).")
    out.append("")
    out.append("| severity | issues |\n|---|---|")
    out.extend(f"| {sev} | {n} |" for sev, n in summary["issues"].items())
    out.append("")
    out.append("| table | rows |\n|---|---|")
    out.extend(f"| {name} | {n} |" for name, n in summary["rows"].items())
    out += ["", "## Issues per check", "", "| check | severity | issues | what it checks |", "|---|---|---|---|"]
    for check, severity, description, n in per_check(summary["per_check"]).iter_rows():
        out.append(f"| `{check}` | {severity} | {n} | {_md_escape(description)} |")
    total = summary["issues"]["error"] + summary["issues"]["warning"]
    out += ["", f"## Errors and warnings ({total})", ""]
    if serious.is_empty():
        out.append("None.")
    else:
        out += ["| where | severity | check | raw line | message |", "|---|---|---|---|---|"]
        for row in serious.head(MAX_LISTED).iter_rows(named=True):
            where = f"{row['article_id']}:{row['line'] if row['line'] is not None else '-'}"
            out.append(
                f"| `{where}` | {row['severity']} | `{row['check']}` | {_md_escape(row['raw_text'])[:160]} | {_md_escape(row['message'])} |"
            )
        if total > min(MAX_LISTED, serious.height):
            out.append(f"\n… and {total - min(MAX_LISTED, serious.height)} more: see `validation_issues.parquet`.")
    if summary.get("report_path"):
        out += ["", f"Full report: `{summary['report_path']}`"]
    return "\n".join(out)
