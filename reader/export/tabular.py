"""TSV and CSV files: one row per term note, with a header.

- TSV is written for Anki's text import: the file headers (``#separator:tab``, ``#html:true``,
  ``#notetype``, ``#deck``, ``#guid column``, ``#tags column``, ``#columns``) tell Anki how to
  read it without questions, and the GUID column makes a second import update the notes instead
  of duplicating them. Fields are HTML (the term in bold, ``[sound:...]`` for the audio), as in
  the package. Quizlet and spreadsheets skip or show the ``#`` lines.
- CSV is for spreadsheets: a plain header row, plain text, the audio as a bare file name.

``media`` copies the audio files the rows name into a folder (for Anki: its ``collection.media``).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Sequence
from pathlib import Path

from reader.export.anki import DEFAULT_DECK, TAG, TERM_MODEL
from reader.export.atomic import atomic_file
from reader.export.errors import ExportError
from reader.export.fields import TERM_FIELDS, term_fields, term_note_id
from reader.export.selection import ExportItem

COLUMNS = ("GUID", *TERM_FIELDS, "Tags")


def tsv_text(items: Sequence[ExportItem], deck: str = DEFAULT_DECK) -> str:
    headers = [
        "#separator:tab",
        "#html:true",
        f"#notetype:{TERM_MODEL.name}",
        f"#deck:{_header_safe(deck)}",
        "#guid column:1",
        f"#tags column:{len(COLUMNS)}",
        "#columns:" + "\t".join(COLUMNS),
    ]
    rows = [
        "\t".join(_tsv_cell(v) for v in (term_note_id(item), *term_fields(item), TAG))
        for item in items
    ]
    return "\n".join(headers + rows) + "\n"


def csv_text(items: Sequence[ExportItem]) -> str:
    buffer = io.StringIO()
    # every cell quoted: a row whose GUID starts with "#" is a comment to Anki's reader otherwise
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow([term_note_id(item), *term_fields(item, html=False), TAG])
    return buffer.getvalue()


def write_table(
    items: Sequence[ExportItem],
    out: Path,
    kind: str,
    deck: str = DEFAULT_DECK,
    media: Path | None = None,
) -> tuple[int, int]:
    """Write ``items`` as ``kind`` ("tsv" or "csv") to ``out`` atomically; returns (rows, media
    files copied)."""
    text = tsv_text(items, deck) if kind == "tsv" else csv_text(items)
    copied = copy_media(items, media) if media is not None else 0
    with atomic_file(out) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")
    return len(items), copied


def copy_media(items: Sequence[ExportItem], folder: Path) -> int:
    """Copy each item's audio into ``folder`` under the name the rows use; returns the count."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot make the media folder {folder}: {exc.strerror or exc}") from exc
    done: set[str] = set()
    for item in items:
        if not item.audio or Path(item.audio).name in done:
            continue
        source = Path(item.audio)
        target = folder / source.name
        with atomic_file(target) as tmp:
            shutil.copyfile(source, tmp)
        done.add(source.name)
    return len(done)


def _tsv_cell(value: str) -> str:
    # Anki's reader is a CSV reader: a field with a tab, a newline or a quote is quoted, with
    # quotes doubled. Fields are HTML, so line breaks are already <br>. A line starting with "#"
    # is a comment to it, wherever it is: a GUID starting with "#" would lose its note.
    value = value.replace("\r", " ").replace("\n", "<br>")
    if value.startswith("#") or any(ch in value for ch in '\t"'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _header_safe(value: str) -> str:
    return " ".join(value.split())
