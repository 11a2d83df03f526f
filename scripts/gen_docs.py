"""Regenerate the generated parts of docs/ from the registry and the pandera models."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from schemas.registry import checks_markdown  # noqa: E402

MARKER = "| check | severity"


def main() -> None:
    path = ROOT / "docs" / "checks.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(MARKER)] + checks_markdown(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
