"""Serving the flow as a scheduled deployment on the Prefect API in use.

`flow.serve()` registers the deployment with its cron schedule and runs scheduled (and manually
triggered) runs in this process. When the process stops, Prefect pauses the deployment's schedule;
start `parcferme serve` again to resume it.
"""

from __future__ import annotations

from flows.etl import parcferme_flow


def serve(raw_dir: str, warehouse_dir: str, cron: str = "0 6 * * *", name: str = "parcferme-scheduled") -> None:
    parcferme_flow.serve(
        name=name,
        cron=cron,
        parameters={"raw_dir": raw_dir, "warehouse_dir": warehouse_dir},
        description="Check new or changed F1 articles and publish the warehouse.",
        tags=["parcferme"],
    )
