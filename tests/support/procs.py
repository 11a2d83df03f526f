"""Subprocesses for the end-to-end tests: a real `prefect server start`, `parcferme` runs, and
stopping them (each in its own process group, so a kill reaches the children it spawned too)."""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SERVER_STARTUP_S = 180.0


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prefect_env(home: Path, api_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a child process: its own PREFECT_HOME, offline, the repo importable."""
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    if api_url:
        env["PREFECT_API_URL"] = api_url
    else:
        env.pop("PREFECT_API_URL", None)
    env.update(extra)
    return env


def spawn(args: list[str], env: dict[str, str], cwd: Path, log: Path, max_address_space: int | None = None) -> subprocess.Popen:
    """Start a process in a new session (its own process group); stdout and stderr go to `log`.
    `max_address_space` (bytes) caps its memory (RLIMIT_AS), so a runaway fails alone, not the machine."""
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = log.open("ab")

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_address_space, max_address_space))

    try:
        return subprocess.Popen(
            args, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=limit if max_address_space else None,
        )
    finally:
        handle.close()


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Signal the process group of a process this test started (its pgid is its pid)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


def stop(proc: subprocess.Popen | None, grace_s: float = 20.0) -> int | None:
    """SIGTERM, wait, then SIGKILL; the rest of its process group is killed too. Returns the exit code."""
    if proc is None:
        return None
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
    kill_group(proc, signal.SIGKILL)  # children left behind (a server, a flow-run process)
    return proc.returncode


def tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def cli_command(*args: str) -> list[str]:
    return [PYTHON, "-m", "parcferme.cli", *args]


def run_cli(*args: str, env: dict[str, str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(*args), env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


class PrefectServer:
    """`prefect server start` on 127.0.0.1 and a free port, with its own PREFECT_HOME."""

    def __init__(self, home: Path | None = None, port: int | None = None):
        self.home = Path(home or tempfile.mkdtemp(prefix="parcferme-server-home-"))
        self.port = port or free_port()
        self.log = self.home / "server.log"
        self.proc: subprocess.Popen | None = None
        self.startup_s: float | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def start(self, timeout_s: float = SERVER_STARTUP_S) -> "PrefectServer":
        env = prefect_env(
            self.home,
            PREFECT_SERVER_API_HOST="127.0.0.1",
            PREFECT_SERVER_API_PORT=str(self.port),
            PREFECT_UI_ENABLED="false",
        )
        started = time.monotonic()
        self.proc = spawn([PYTHON, "-m", "prefect", "server", "start"], env, self.home, self.log)
        while time.monotonic() - started < timeout_s:
            if self.proc.poll() is not None:
                raise RuntimeError(f"prefect server exited with {self.proc.returncode}:\n{tail(self.log)}")
            if self.healthy():
                self.startup_s = time.monotonic() - started
                return self
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"prefect server not healthy after {timeout_s:.0f} s:\n{tail(self.log)}")

    def stop(self) -> None:
        stop(self.proc)
        self.proc = None

    def client(self):
        from prefect.client.orchestration import PrefectClient

        return PrefectClient(api=self.api_url)


_shared: PrefectServer | None = None


def shared_server() -> PrefectServer:
    """One real Prefect server for the whole pytest session (starting one on a new home takes ~20 s)."""
    global _shared
    if _shared is None or _shared.proc is None or _shared.proc.poll() is not None:
        _shared = PrefectServer().start()
        atexit.register(_shared.stop)
    return _shared


def shared_server_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a child process that records its runs on the session's shared server."""
    return prefect_env(home, api_url=shared_server().api_url, **extra)
