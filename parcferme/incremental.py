"""Deciding what a run must parse: new or changed files by content hash, deleted files, and
whether anything at all changed since the warehouse was last written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from parcferme import __version__
from parcferme.raw import RawEntry, RawFile, read_entry

CODE_PACKAGES = ("parcferme", "schemas")


@dataclass
class Plan:
    fresh: list[RawEntry] = field(default_factory=list)  # new or changed: to read and parse
    unchanged: list[str] = field(default_factory=list)  # article ids whose staging rows are kept
    deleted: list[str] = field(default_factory=list)  # in the warehouse, gone from raw
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    files: dict[str, dict] = field(default_factory=dict)  # manifest entry per article id
    full_rebuild: bool = False

    @property
    def nothing_new(self) -> bool:
        return not (self.fresh or self.deleted or self.full_rebuild)

    def record_reads(self, reads: dict[str, tuple[str | None, str | None]]) -> None:
        """Complete the manifest entries of fresh files with what parsing read: (sha256, problem)."""
        for article_id, (sha256, problem) in reads.items():
            entry = self.files.get(article_id)
            if entry is not None and entry.get("sha256") is None:
                entry.update(sha256=sha256, problem=problem)


def fingerprint() -> str:
    """Hash of everything that changes the output for the same raw files: code and reference data."""
    digest = hashlib.sha256(__version__.encode())
    for package in CODE_PACKAGES:
        root = Path(str(resources.files(package)))
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".csv", ".json"}):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _manifest_entry(entry: RawEntry, raw: RawFile | None) -> dict:
    """A file as recorded; without `raw` (a file not read yet) the hash is filled in by `Plan.record_reads`."""
    return {
        "source_file": entry.source_file,
        "size": entry.size,
        "mtime_ns": entry.mtime_ns,
        "sha256": raw.sha256 if raw else None,
        "problem": raw.read_error if raw else entry.problem,
    }


def _same_file(old: dict | None, entry: RawEntry) -> bool:
    """As recorded: the same readable file by size and mtime, or the same problem (not an article...)."""
    if old is None or old.get("source_file") != entry.source_file:
        return False
    if entry.problem is not None:
        return old.get("problem") == entry.problem
    return old.get("sha256") is not None and old.get("size") == entry.size and old.get("mtime_ns") == entry.mtime_ns


def plan_run(entries: list[RawEntry], manifest: dict, code_fingerprint: str, read=read_entry) -> Plan:
    """Compare the raw folder with the last run's manifest. A file whose size and mtime are as
    recorded keeps its recorded hash (as git's index does); a recorded file that looks different is
    read and hashed to tell a touched file from a changed one. New files (and every file of a full
    rebuild) are not read here: parsing reads them once, and its hashes complete the manifest."""
    previous: dict[str, dict] = manifest.get("files", {})
    plan = Plan(full_rebuild=manifest.get("fingerprint") != code_fingerprint)
    seen = set()
    for entry in entries:
        seen.add(entry.article_id)
        old = previous.get(entry.article_id)
        if _same_file(old, entry) and not plan.full_rebuild:
            plan.unchanged.append(entry.article_id)
            plan.files[entry.article_id] = old
            continue
        if old is None or plan.full_rebuild:
            plan.files[entry.article_id] = _manifest_entry(entry, None)
            (plan.new if old is None else plan.changed).append(entry.article_id)
            plan.fresh.append(entry)
            continue
        raw = read(entry)
        plan.files[entry.article_id] = _manifest_entry(entry, raw)
        if raw.sha256 is not None and raw.sha256 == old.get("sha256"):
            plan.unchanged.append(entry.article_id)
            continue
        plan.changed.append(entry.article_id)
        plan.fresh.append(entry)
    plan.deleted = sorted(set(previous) - seen)
    return plan
