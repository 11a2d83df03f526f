"""Reference data: who and what exists, per season. Loaded from the CSV/JSON files in `data/`."""

from parcferme.reference.loader import Reference, load_reference

__all__ = ["Reference", "load_reference"]
