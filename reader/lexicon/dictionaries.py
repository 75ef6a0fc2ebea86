"""Dictionaries the learner brings: importing them and choosing which ones show, in what order.

Every import is one transaction (see :func:`reader.lexicon.base.store_source`): a broken file
raises :class:`LexiconError` with a one-line message and leaves the database as it was, and
re-importing a dictionary of the same name replaces it while keeping its place and on/off state.
"""

from __future__ import annotations

import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.lexicon import freedict, stardict, tabular
from reader.lexicon.base import (
    DICTIONARY_PRIORITY,
    IDIOMS_PRIORITY,
    LexiconError,
    Progress,
    Record,
    ranked,
    store_source,
)
from reader.store.db import transaction

FORMATS = ("tsv", "csv", "stardict", "freedict")
_ARCHIVES = (".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar")


@dataclass(frozen=True)
class ImportReport:
    name: str
    kind: str
    entries: int
    seconds: float


@dataclass(frozen=True)
class SourceInfo:
    name: str
    kind: str
    lang: str
    enabled: bool
    priority: int
    entry_count: int
    origin: str | None
    imported_at: str


def detect_format(path: Path) -> str:
    """The format by file name, falling back on the file's first bytes."""
    if path.is_dir():
        if any(path.rglob("*.ifo")):
            return "stardict"
        if _tei_in(path):
            return "freedict"
        raise LexiconError(f"{path}: no dictionary found in this directory")
    name = path.name.lower()
    if name.endswith((".ifo", ".idx", ".idx.gz", ".dict", ".dict.dz")):
        return "stardict"
    if name.endswith((".tei", ".tei.gz", ".xml", ".xml.gz")):
        return "freedict"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".tsv", ".tab")):
        return "tsv"
    try:
        with path.open("rb") as handle:
            head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise LexiconError(f"cannot read {path}: {exc.strerror}") from exc
    if head.startswith((b"<?xml", b"<TEI")):
        return "freedict"
    if head.startswith(stardict.MAGIC.encode()):
        return "stardict"
    return "tsv"


def import_dictionary(
    db: sqlite_utils.Database,
    path: Path | str,
    name: str | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import (or re-import) a dictionary file; a new one shows after the existing ones.

    Formats: ``tsv``/``csv`` (word, gloss), ``stardict`` (.ifo/.idx/.dict[.dz], a directory or
    a .tar.* archive holding them) and ``freedict`` (TEI XML, optionally gzipped).
    """
    started = time.perf_counter()
    path = Path(path).expanduser()
    if not path.exists():
        raise LexiconError(f"{path}: no such file")
    if fmt is not None and fmt not in FORMATS:
        raise LexiconError(f"unknown dictionary format {fmt!r} (use one of {', '.join(FORMATS)})")
    if path.is_file() and path.name.lower().endswith(_ARCHIVES):
        with tempfile.TemporaryDirectory(prefix="sentences-dict-") as tmp:
            _extract(path, Path(tmp))
            report = import_dictionary(db, Path(tmp), name, fmt, progress)
        return ImportReport(report.name, report.kind, report.entries, _since(started))
    kind = fmt or detect_format(path)
    records: Iterator[Record]
    if kind == "stardict":
        files = stardict.locate(path)
        default_name, records = files.name, stardict.read_stardict(files, progress)
    elif kind == "freedict":
        if path.is_dir():  # an unpacked FreeDict source release: eng-deu/eng-deu.tei
            path = _tei_in(path) or path
        default_name = freedict.title(path) or _stem(path)
        records = freedict.read_freedict(path, progress)
    else:
        default_name, records = _stem(path), tabular.read_table(path, progress)
    name = " ".join((name or default_name).split()) or _stem(path)
    entries = store_source(
        db,
        name=name,
        kind=kind,
        origin=str(path.resolve()),
        rows=ranked(records),
        priority=_next_priority(db),
    )
    return ImportReport(name, kind, entries, _since(started))


def _tei_in(folder: Path) -> Path | None:
    found = sorted(p for p in folder.rglob("*") if p.name.lower().endswith((".tei", ".tei.gz")))
    return found[0] if found else None


def _since(started: float) -> float:
    return time.perf_counter() - started


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".dz", ".tei", ".xml", ".tsv", ".tab", ".csv", ".txt", ".dict"):
        name = name.removesuffix(suffix)
    return name or path.name


def _extract(archive: Path, into: Path) -> None:
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(into, filter="data")
    except tarfile.ReadError:
        raise LexiconError(f"{archive.name}: not a readable tar archive") from None
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise LexiconError(f"{archive.name}: cannot unpack ({exc})") from exc


BUILTIN_KINDS = ("wordnet", "idioms")
"""Sources the program ships or compiles: they keep their places after the learner's own."""


def _next_priority(db: sqlite_utils.Database) -> int:
    """After every other dictionary of the learner's, before the built-in sources."""
    row = db.conn.execute(
        "SELECT MAX(priority) FROM lex_sources WHERE kind NOT IN (?, ?)", BUILTIN_KINDS
    ).fetchone()
    if row[0] is None:
        return DICTIONARY_PRIORITY
    ceiling = IDIOMS_PRIORITY - 1
    return min(int(row[0]) + 10, ceiling) if row[0] < ceiling else int(row[0]) + 10


def list_dictionaries(db: sqlite_utils.Database) -> list[SourceInfo]:
    """All gloss sources, WordNet included, in the order their glosses show."""
    rows = db.conn.execute(
        "SELECT name, kind, lang, enabled, priority, entry_count, origin, imported_at "
        "FROM lex_sources ORDER BY priority, name"
    ).fetchall()
    return [SourceInfo(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7]) for r in rows]


def _update(db: sqlite_utils.Database, name: str, sql: str, value: int) -> None:
    with transaction(db):
        cursor = db.conn.execute(sql, (value, name))
        if cursor.rowcount == 0:
            raise LexiconError(f"no dictionary named {name!r}")


def set_enabled(db: sqlite_utils.Database, name: str, enabled: bool) -> None:
    _update(db, name, "UPDATE lex_sources SET enabled = ? WHERE name = ?", int(enabled))


def set_priority(db: sqlite_utils.Database, name: str, priority: int) -> None:
    _update(db, name, "UPDATE lex_sources SET priority = ? WHERE name = ?", priority)


def reorder(db: sqlite_utils.Database, names: list[str]) -> None:
    """Show ``names`` first, in this order; sources not named keep their order after them.

    The built-in sources (idioms, WordNet) keep their places at the end unless named.
    """
    sources = list_dictionaries(db)
    known = [s.name for s in sources]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise LexiconError(f"no dictionary named {unknown[0]!r}")
    rest = [s.name for s in sources if s.name not in names and s.kind not in BUILTIN_KINDS]
    order = list(dict.fromkeys(names)) + rest
    with transaction(db):
        db.conn.executemany(
            "UPDATE lex_sources SET priority = ? WHERE name = ?",
            [(10 * (i + 1), n) for i, n in enumerate(order)],
        )


def remove_dictionary(db: sqlite_utils.Database, name: str) -> int:
    """Delete a source and its entries; returns how many entries went."""
    with transaction(db):
        row = db.conn.execute("SELECT id FROM lex_sources WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise LexiconError(f"no dictionary named {name!r}")
        cursor = db.conn.execute("DELETE FROM lex_entries WHERE source_id = ?", (row[0],))
        db.conn.execute("DELETE FROM lex_sources WHERE id = ?", (row[0],))
    return max(int(cursor.rowcount), 0)
