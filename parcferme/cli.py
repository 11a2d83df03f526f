"""`parcferme` command line: run the flow once, serve it on a schedule, list the checks."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from parcferme import allocator

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}
# `run` keeps the terminal to its bars, warnings and summary: the flow's logs still reach the
# Prefect API (and UI) at Prefect's own level; only the console shows less.
QUIET_CONSOLE = {
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "DASK_LOGGING__DISTRIBUTED": "warning",  # a local cluster's start and stop, worker by worker
}


def _prefect_env(extra: dict[str, str] | None = None) -> None:
    """Offline-safe Prefect settings, unless the user set them (PREFECT_API_URL is left to the user)."""
    for name, value in {**PREFECT_DEFAULTS, **(extra or {})}.items():
        os.environ.setdefault(name, value)


INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)


def _fail(message: str, code: int = 2) -> int:
    print(f"parcferme: {message}", file=sys.stderr)
    return code


def _preflight(raw: Path, wh: Path) -> str | None:
    from parcferme.warehouse import WarehouseError, ensure_writable

    if not raw.is_dir():
        return f"raw folder {raw} does not exist or is not a folder"
    try:
        ensure_writable(wh)
    except WarehouseError as err:
        return str(err)
    return None


def cmd_run(args: argparse.Namespace) -> int:
    raw, wh = Path(args.raw), Path(args.warehouse)
    if problem := _preflight(raw, wh):
        return _fail(problem)
    _prefect_env(QUIET_CONSOLE)
    if not os.environ.get("PREFECT_API_URL"):
        from parcferme import watchdog

        watchdog.start()  # stops Prefect's temporary API server should this run be killed
    from flows.etl import parcferme_flow
    from flows.progress import terminal_bars
    from parcferme.report import summary_text
    from parcferme.warehouse import WarehouseBusy, locked

    show_bars = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        # the lock is taken here, before Prefect starts, so a busy warehouse is one line, not a traceback
        with locked(wh, timeout_s=args.lock_timeout), terminal_bars() if show_bars else contextlib.nullcontext():
            summary = parcferme_flow(
                raw_dir=str(raw), warehouse_dir=str(wh), batch_size=args.batch_size, lock_timeout_s=args.lock_timeout,
                in_flight=args.in_flight, task_runner=args.task_runner, dask_address=args.dask_address,
            )
    except WarehouseBusy as err:
        return _fail(str(err))
    except KeyboardInterrupt:
        return _fail("interrupted: nothing was published; what batches were already parsed are kept for the next run to take over", INTERRUPTED)
    except Exception as err:  # the flow run is marked failed in Prefect; say why in one line
        return _fail(f"run failed: {type(err).__name__}: {err}")
    print(summary_text(summary))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    raw, wh = Path(args.raw).resolve(), Path(args.warehouse).resolve()
    if problem := _preflight(raw, wh):
        return _fail(problem)
    _prefect_env()
    from flows.deploy import serve

    serve(raw_dir=str(raw), warehouse_dir=str(wh), cron=args.cron, name=args.name)
    return 0


def cmd_checks(args: argparse.Namespace) -> int:
    from schemas.registry import all_checks, checks_markdown

    if args.markdown:
        print(checks_markdown(), end="")
        return 0
    for check in sorted(all_checks(), key=lambda c: c.id):
        print(f"{check.id:32} {check.severity:8} {check.description}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parcferme", description="Check F1 news articles and publish them to a Parquet warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the flow once on Prefect's local embedded API (or PREFECT_API_URL)")
    run.add_argument("--raw", default="raw", help="folder of raw articles (default: raw)")
    run.add_argument("--warehouse", default="warehouse", help="warehouse folder (default: warehouse)")
    run.add_argument("--batch-size", type=int, default=None, help="articles per parse task (default: 2000, 1000 on a local Dask cluster)")
    run.add_argument("--lock-timeout", type=float, default=300.0, help="seconds to wait for another run's lock (default: 300)")
    run.add_argument("--task-runner", choices=["local", "dask"], default="local", help="where batches run (default: local threads)")
    run.add_argument("--dask-address", default=None, help="scheduler address tcp://HOST:PORT (default: a local cluster)")
    run.add_argument(
        "--in-flight", type=int, default=None,
        help="batches read or parsing at once; the run's memory grows with it (default: 3 with local threads, 8 on Dask)",
    )
    run.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="a bar per phase on stderr (default: when stderr is a terminal)",
    )
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="register the flow as a scheduled deployment and serve it")
    serve.add_argument("--raw", default="raw")
    serve.add_argument("--warehouse", default="warehouse")
    serve.add_argument("--cron", default="0 6 * * *", help="cron schedule (default: daily at 06:00)")
    serve.add_argument("--name", default="parcferme-scheduled", help="deployment name")
    serve.set_defaults(func=cmd_serve)
    checks = sub.add_parser("checks", help="list every check: id, severity, description")
    checks.add_argument("--markdown", action="store_true", help="print the table of docs/checks.md")
    checks.set_defaults(func=cmd_checks)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    allocator.configure()  # before anything imports polars
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
