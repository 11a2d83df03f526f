"""Regenerate the generated parts of docs/ from the check registry and the pandera models:
the checks table in docs/checks.md, docs/data_dictionary.md and docs/json-schema/<table>.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parcferme.quality.dictionary import dictionary_markdown, json_schemas  # noqa: E402
from schemas.registry import checks_markdown  # noqa: E402

DOCS = ROOT / "docs"
CHECKS_MARKER = "| check | severity"


def generated() -> dict[Path, str]:
    """Every generated docs file with the text it must hold."""
    checks = DOCS / "checks.md"
    intro = checks.read_text(encoding="utf-8")
    files = {
        checks: intro[: intro.index(CHECKS_MARKER)] + checks_markdown(),
        DOCS / "data_dictionary.md": dictionary_markdown(),
    }
    for table, schema in json_schemas().items():
        files[DOCS / "json-schema" / f"{table}.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return files


def main() -> None:
    for path, text in generated().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
