"""Importing this package registers every check; one module per family of checks."""

from schemas.checks import cross, formats, parse, reference, results, season, standings  # noqa: F401
