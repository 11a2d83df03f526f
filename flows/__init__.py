"""Prefect orchestration of parcferme: find files, call the core, write results, report."""

from parcferme import allocator

allocator.configure()  # before flows.etl imports polars, in a process that starts from the flow
