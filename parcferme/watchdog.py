"""Clean up after a `parcferme run` that was killed.

Without PREFECT_API_URL, Prefect starts a temporary API server as a child process and stops it
when the run ends; a `kill -9` of the run gives it no chance, and the server would keep its port
and database forever. `start()` launches this module as a tiny companion process that watches the
run: while the run lives it notes the run's descendants; when the run is gone it stops those still
alive and any Prefect server the run left orphaned (started after it, same PREFECT_HOME).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil

POLL_S = 0.2
GRACE_S = 3.0


def start() -> subprocess.Popen:
    """Watch the current process; the companion exits by itself once this process is gone."""
    return subprocess.Popen(
        [sys.executable, "-m", "parcferme.watchdog", str(os.getpid())],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
    )


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _orphaned_servers(since: float, prefect_home: str | None) -> list[psutil.Process]:
    """Prefect API servers started after the run whose parent is gone, for the same PREFECT_HOME."""
    found = []
    for proc in psutil.process_iter(["cmdline", "create_time", "ppid"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
            if "prefect" not in cmdline or "server" not in cmdline or proc.info["create_time"] < since:
                continue
            parent = psutil.Process(proc.info["ppid"]) if proc.info["ppid"] else None
            if parent is not None and _alive(parent) and proc.info["ppid"] != 1:
                continue
            if proc.environ().get("PREFECT_HOME") == prefect_home:
                found.append(proc)
        except psutil.Error:
            continue
    return found


def _stop(procs: list[psutil.Process]) -> None:
    for proc in procs:
        try:
            proc.terminate()
        except psutil.Error:
            pass
    _, still = psutil.wait_procs(procs, timeout=GRACE_S)
    for proc in still:
        try:
            proc.kill()
        except psutil.Error:
            pass


def watch(run_pid: int) -> None:
    run = psutil.Process(run_pid)
    since = run.create_time()
    prefect_home = run.environ().get("PREFECT_HOME")
    me = os.getpid()
    known: dict[int, psutil.Process] = {}
    while _alive(run):
        try:
            for child in run.children(recursive=True):
                if child.pid != me:
                    known.setdefault(child.pid, child)
        except psutil.Error:
            break
        time.sleep(POLL_S)
    leftovers = [p for p in known.values() if _alive(p)]
    leftovers += [p for p in _orphaned_servers(since, prefect_home) if p.pid not in known and p.pid != me]
    _stop(leftovers)


if __name__ == "__main__":
    try:
        watch(int(sys.argv[1]))
    except psutil.Error:
        pass
