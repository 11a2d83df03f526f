"""parcferme: nothing reaches the warehouse before it has been checked."""

__version__ = "0.1.0"
