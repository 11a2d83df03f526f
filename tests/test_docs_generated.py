"""The generated docs (checks table, data dictionary, JSON schemas) match the registry and models."""

from conftest import ROOT, script


def _gen_docs():
    return script("gen_docs")


def test_generated_docs_are_up_to_date():
    stale = [
        str(path.relative_to(ROOT))
        for path, text in _gen_docs().generated().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"regenerate with `python scripts/gen_docs.py`: {stale}"
