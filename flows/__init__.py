"""Prefect orchestration of parcferme: find files, call the core, write results, report."""
