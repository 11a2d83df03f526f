"""Finding and reading raw article files. Raw files are only ever opened for reading."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

ARTICLE_SUFFIX = ".txt"


class RawEntry(NamedTuple):  # a tuple: made for every file at every run (100,000 frozen dataclasses cost 0.1 s)
    article_id: str
    source_file: str  # relative to the raw folder
    path: str
    size: int | None
    mtime_ns: int | None
    problem: str | None = None  # why the file cannot be read as an article


@dataclass(frozen=True)
class RawFile:
    article_id: str
    source_file: str
    content: bytes | None
    sha256: str | None
    read_error: str | None = None

    def as_tuple(self) -> tuple[str, str, bytes | None, str | None]:
        return (self.article_id, self.source_file, self.content, self.read_error)


def list_raw(raw_dir: Path) -> list[RawEntry]:
    """Every file under `raw_dir`, sorted; files that cannot be articles carry a `problem`, and so
    does a folder inside that cannot be listed. Hidden files and folders are skipped; symlinks to
    folders are not followed."""
    root = raw_dir.resolve()
    entries: list[RawEntry] = []
    pending = [(str(raw_dir), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as found:
                for item in found:
                    if item.name.startswith("."):
                        continue
                    relative = f"{prefix}{item.name}"
                    if item.is_dir(follow_symlinks=False):
                        pending.append((item.path, f"{relative}/"))
                    else:
                        entries.append(_entry(item, relative, root))
        except OSError as err:
            if not prefix:
                raise  # the raw folder itself: the run has nothing to read
            shown = _as_text(prefix)
            entries.append(RawEntry(shown.rstrip("/"), shown, folder, None, None, f"cannot list the folder: {err.strerror}; its files are not read"))
    return _one_file_per_id(sorted(entries, key=lambda e: e.source_file))


def _one_file_per_id(entries: list[RawEntry]) -> list[RawEntry]:
    """Every entry with an article id of its own. Where files share one (a.txt and a.TXT, a.txt and
    a.md), an article file keeps it before any other file, a `.txt` before another case of it, then
    the first by name; each of the others takes its file name as id (made unique if need be), and an
    article file among them is left unread with the reason, so that it is reported, never dropped."""
    if len({entry.article_id for entry in entries}) == len(entries):
        return entries
    groups: dict[str, list[RawEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.article_id, []).append(entry)
    taken, replaced = set(groups), {}
    for article_id, group in groups.items():
        keeper = min(group, key=lambda e: (e.problem is not None, not e.source_file.endswith(ARTICLE_SUFFIX), e.source_file))
        for entry in group:
            if entry is keeper:
                continue
            new_id, n = entry.source_file, 1
            while new_id in taken:
                n += 1
                new_id = f"{entry.source_file}~{n}"
            taken.add(new_id)
            problem = entry.problem or f"{keeper.source_file} has the same article id ({article_id}); this file is not read: rename one of them"
            replaced[entry.source_file] = entry._replace(article_id=new_id, size=None, mtime_ns=None, problem=problem)
    return [replaced.get(entry.source_file, entry) for entry in entries]


def _as_text(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (which Python keeps as surrogates) as \\xNN."""
    return name if name.isascii() else os.fsencode(name).decode("utf-8", errors="backslashreplace")


def _entry(item: os.DirEntry, relative: str, root: Path) -> RawEntry:
    shown = _as_text(relative)
    stem, dot, suffix = shown.rpartition(".")
    article_id = stem if dot and "/" not in suffix else shown
    if shown != relative:
        return RawEntry(article_id, shown, item.path, None, None, "the file name is not valid UTF-8, so the article cannot be named: rename the file")
    if f".{suffix.lower()}" != ARTICLE_SUFFIX or not dot:
        return RawEntry(article_id, relative, item.path, None, None, f"not an article file (only {ARTICLE_SUFFIX} files are read)")
    if item.is_symlink():
        target = Path(item.path).resolve()
        if not target.is_relative_to(root):
            return RawEntry(article_id, relative, item.path, None, None, f"symlink leads outside the raw folder (to {_as_text(str(target))}); not followed")
        if not target.exists():
            return RawEntry(article_id, relative, item.path, None, None, "broken symlink")
    try:
        st = item.stat()
    except OSError as err:
        return RawEntry(article_id, relative, item.path, None, None, f"cannot stat the file: {err.strerror}")
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the read forever; a device or socket is no article either
        return RawEntry(article_id, relative, item.path, None, None, "not a regular file (a pipe, socket or device): not read")
    return RawEntry(article_id, relative, item.path, st.st_size, st.st_mtime_ns)


def read_entry(entry: RawEntry) -> RawFile:
    """Read one file; a file that vanished or cannot be opened becomes a RawFile with `read_error`."""
    if entry.problem:
        return RawFile(entry.article_id, entry.source_file, None, None, entry.problem)
    try:
        with open(entry.path, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return RawFile(entry.article_id, entry.source_file, None, None, "the file vanished while the run was reading it")
    except OSError as err:
        return RawFile(entry.article_id, entry.source_file, None, None, f"cannot read the file: {err.strerror}")
    return RawFile(entry.article_id, entry.source_file, content, hashlib.sha256(content).hexdigest())
