"""Helpers for the end-to-end tests (real Prefect server, subprocesses, generated corpora)."""
