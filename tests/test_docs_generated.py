"""The generated docs (checks table, data dictionary, JSON schemas) match the registry and models."""

import importlib.util

from conftest import ROOT


def _gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_docs_are_up_to_date():
    stale = [
        str(path.relative_to(ROOT))
        for path, text in _gen_docs().generated().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"regenerate with `python scripts/gen_docs.py`: {stale}"
