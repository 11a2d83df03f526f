"""A large raw corpus for the end-to-end tests: the seed articles and the clean test articles
copied under distinct names `YYYY-MM-DD_<name>-<n>.txt` (their content, date header included, as is)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "raw").glob("*.txt"), *(ROOT / "tests" / "fixtures" / "articles" / "clean").glob("*.txt")])


def corpus_names(n: int, start: int = 0) -> list[tuple[str, Path]]:
    """File names and sources of articles start..n-1 of the corpus."""
    out = []
    for i in range(start, n):
        source = SOURCES[i % len(SOURCES)]
        out.append((f"{source.stem}-{i // len(SOURCES)}.txt", source))
    return out


def write_corpus(folder: Path, n: int, start: int = 0) -> list[str]:
    """Write articles start..n-1 into `folder`; returns their article ids."""
    folder.mkdir(parents=True, exist_ok=True)
    cache: dict[Path, bytes] = {}
    ids = []
    for name, source in corpus_names(n, start):
        content = cache.setdefault(source, source.read_bytes())
        (folder / name).write_bytes(content)
        ids.append(name[: -len(".txt")])
    return ids
