"""Serving the flow as a scheduled deployment on the Prefect API in use.

`flow.serve()` registers the deployment with its cron schedule and runs scheduled (and manually
triggered) runs in this process. When the process stops, the deployment is paused: its schedule
creates no runs until `parcferme serve` starts again. Prefect pauses it itself on a clean stop;
serve() makes sure of it on any exit (a SIGTERM during a run cuts Prefect's own pause short).
"""

from __future__ import annotations

import contextlib

from prefect.client.orchestration import get_client

from flows.etl import parcferme_flow


def serve(raw_dir: str, warehouse_dir: str, cron: str = "0 6 * * *", name: str = "parcferme-scheduled") -> None:
    try:
        parcferme_flow.serve(
            name=name,
            cron=cron,
            parameters={"raw_dir": raw_dir, "warehouse_dir": warehouse_dir},
            description="Check new or changed F1 articles and publish the warehouse.",
            tags=["parcferme"],
        )
    finally:
        pause(name)


def pause(name: str) -> None:
    """Pause the deployment (no error if it is already paused or was never registered)."""
    with contextlib.suppress(Exception), get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name(f"{parcferme_flow.name}/{name}")
        client.pause_deployment(deployment.id)
