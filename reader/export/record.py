"""The record of exports (tables ``exports`` and ``export_notes``).

``export_notes`` keeps, per kind of export, a fingerprint of what was last written for each term:
``--since-last`` compares against it, so it exports exactly the terms whose notes would now read
differently, whatever the clocks say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils

from reader.store import table, transaction
from reader.store.migrations import now


@dataclass(frozen=True)
class ExportRecord:
    id: int
    kind: str
    path: str
    deck: str | None
    terms: int
    notes: int
    media: int
    started_at: str
    finished_at: str


def record_export(
    db: sqlite_utils.Database,
    *,
    kind: str,
    path: str,
    deck: str | None,
    statuses: Sequence[int],
    text_id: int | None,
    since_last: bool,
    fingerprints: Mapping[tuple[str, str], str],
    notes: int,
    media: int,
    started_at: str,
) -> int:
    """Append one export (after its file is in place) with the fingerprints of the terms it
    wrote, keyed by (lang, term key); returns its id."""
    with transaction(db):
        export = table(db, "exports").insert(
            {
                "kind": kind,
                "path": path,
                "deck": deck,
                "statuses": ",".join(str(s) for s in statuses),
                "text_id": text_id,
                "since_last": int(since_last),
                "terms": len(fingerprints),
                "notes": notes,
                "media": media,
                "started_at": started_at,
                "finished_at": now(),
            }
        )
        export_id = int(export.last_rowid or 0)
        db.conn.executemany(
            "INSERT INTO export_notes (kind, lang, term_key, fingerprint, export_id) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, lang, term_key) DO UPDATE SET "
            "fingerprint = excluded.fingerprint, export_id = excluded.export_id",
            ((kind, lang, key, value, export_id) for (lang, key), value in fingerprints.items()),
        )
    return export_id


def exported_fingerprints(db: sqlite_utils.Database, kind: str, lang: str) -> dict[str, str]:
    """Term key -> the fingerprint of what the latest export of ``kind`` wrote for it."""
    rows = db.execute(
        "SELECT term_key, fingerprint FROM export_notes WHERE kind = ? AND lang = ?",
        (kind, lang),
    ).fetchall()
    return {str(k): str(f) for k, f in rows}


def last_export(db: sqlite_utils.Database, kind: str) -> ExportRecord | None:
    """The latest export of ``kind`` (anki, tsv or csv), if any."""
    row = db.execute(
        "SELECT id, kind, path, deck, terms, notes, media, started_at, finished_at "
        "FROM exports WHERE kind = ? ORDER BY started_at DESC, id DESC LIMIT 1",
        (kind,),
    ).fetchone()
    return ExportRecord(*row) if row else None


def list_exports(db: sqlite_utils.Database) -> list[ExportRecord]:
    rows = db.execute(
        "SELECT id, kind, path, deck, terms, notes, media, started_at, finished_at "
        "FROM exports ORDER BY id"
    ).fetchall()
    return [ExportRecord(*r) for r in rows]
