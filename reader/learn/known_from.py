"""Words the learner already knows, from a list kept elsewhere: one word a line, a CSV, an Anki
notes export (TSV) or an Anki package (.apkg): the first field of each.

A learner coming from Anki or another reader should not have to mark again, one by one, the
thousands of words they know. Each entry is lemmatized as the reader lemmatizes a text ("went"
counts for "go"); an entry with no word in it, or too long to be a term, is counted as not a
word. A file that is binary, empty or not UTF-8/UTF-16 text is refused whole, before anything
is marked.

A CSV or TSV often starts with a header row ("word,meaning"). The first row is taken as a
header, not an entry, when its first cell is a name for a column of words (:data:`WORD_HEADERS`:
"word", "term", "lemma", "front"…) and each of its other cells is empty or a name for another
column (:data:`OTHER_HEADERS`: "meaning", "translation", "back", "tags"…), case aside. So
"word,meaning" is a header, while "word,a unit of language" (a list that starts with the word
"word") is an entry. A plain list, one word a line, has no header.
"""

from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.learn.status import IGNORED, KNOWN, get_terms, set_statuses
from reader.text.tokenize import tokenize

MAX_WORDS = 6  # an entry longer than this is a sentence, not a term
MAX_BYTES = 200 * 1024 * 1024
_TAG = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")


WORD_HEADERS = frozenset(
    ("word", "words", "term", "terms", "lemma", "lemmas", "front", "headword", "vocabulary",
     "vocab", "expression", "entry", "target")
)  # fmt: skip
OTHER_HEADERS = frozenset(
    ("meaning", "meanings", "translation", "translations", "definition", "definitions", "back",
     "gloss", "glosses", "note", "notes", "tag", "tags", "example", "examples", "sentence",
     "context", "pos", "part of speech", "reading", "pronunciation", "frequency", "rank",
     "count", "status", "level", "source", "language", "lang", "date", "added", "known")
)  # fmt: skip


class WordListError(ValueError):
    """The file cannot be read as a word list; nothing was marked."""


@dataclass(frozen=True, slots=True)
class KnownReport:
    new: int
    already: int  # known, or ignored (left as they are)
    not_words: int
    keys: tuple[str, ...]  # newly marked


def entries(path: Path) -> list[str]:
    """The first field of every entry of the file, cleaned of HTML."""
    if not path.is_file():
        raise WordListError(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise WordListError(f"{path}: too large for a word list")
    data = path.read_bytes()
    if not data.strip():
        raise WordListError(f"{path}: the file is empty; nothing was marked")
    if zipfile.is_zipfile(io.BytesIO(data)):
        found = _apkg_fields(path)
    else:
        found = _text_fields(path, _decode(path, data))
    cleaned = [_clean(f) for f in found]
    cleaned = [c for c in cleaned if c]
    if not cleaned:
        raise WordListError(f"{path}: no entries in the file; nothing was marked")
    return cleaned


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WordListError(
                f"{path}: not UTF-8 text (save it as UTF-8); nothing was marked"
            ) from None
    raise WordListError(f"{path}: a binary file, not a word list; nothing was marked")


def _text_fields(path: Path, text: str) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()]
    # Anki's notes export starts with "#separator:tab", "#html:true" ... lines.
    lines = [line for line in lines if not re.match(r"#[a-z ]+:", line)]
    if path.suffix.lower() == ".csv" or (lines and "," in lines[0] and "\t" not in lines[0]):
        rows = [row for row in csv.reader(lines, "excel") if row]
    elif any("\t" in line for line in lines):
        rows = [row for row in csv.reader(lines, delimiter="\t") if row]
    else:
        return lines
    if rows and is_header(rows[0]):
        rows = rows[1:]
    return [row[0] for row in rows]


def is_header(row: list[str]) -> bool:
    """Whether a CSV/TSV's first row names its columns (the rule is in the module docstring)."""
    cells = [" ".join(cell.split()).lower() for cell in row]
    return (
        bool(cells)
        and cells[0] in WORD_HEADERS
        and all(not cell or cell in OTHER_HEADERS for cell in cells[1:])
    )


def _apkg_fields(path: Path) -> list[str]:
    """The first field of every note of an Anki package (its SQLite collection)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            member = next(
                (n for n in ("collection.anki21", "collection.anki2") if n in names), None
            )
            if member is None:
                raise WordListError(
                    f"{path}: no collection this program can read in the package (export it "
                    "from Anki with 'Support older Anki versions' ticked); nothing was marked"
                )
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / "collection.db"
                target.write_bytes(package.read(member))
                conn = sqlite3.connect(target)
                try:
                    rows = conn.execute("SELECT flds FROM notes ORDER BY id").fetchall()
                finally:
                    conn.close()
    except (zipfile.BadZipFile, sqlite3.DatabaseError, KeyError) as exc:
        raise WordListError(f"{path}: not an Anki package that can be read ({exc})") from None
    return [str(r[0]).split("\x1f", 1)[0] for r in rows]


def _clean(field: str) -> str:
    text = _SOUND.sub(" ", field)
    text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())


def keys_of(items: list[str], lang: str = "en") -> list[str | None]:
    """The term key of each entry (its words' lemmas), or None for one that is not a word."""
    from reader.text.tagger import tag_sentences  # lazy: numpy (~0.1 s)

    tokens = [tokenize(item) for item in items]
    tagged = tag_sentences([[t.text for t in ts] for ts in tokens])
    out: list[str | None] = []
    for ts, tags in zip(tokens, tagged, strict=True):
        words = [lemma or t.text for t, (_pos, lemma) in zip(ts, tags, strict=True) if t.is_word]
        if not words or len(words) > MAX_WORDS:
            out.append(None)
            continue
        out.append(" ".join(w.lower() for w in words))
    return out


def mark_known_from(db: sqlite_utils.Database, items: list[str], lang: str = "en") -> KnownReport:
    """Mark the words of a list's :func:`entries` known (all in one transaction)."""
    keys = keys_of(items, lang)
    wanted = sorted({k for k in keys if k})
    states = get_terms(db, wanted, lang)
    already = [k for k in wanted if states[k].status in (KNOWN, IGNORED)]
    fresh = [k for k in wanted if states[k].status not in (KNOWN, IGNORED)]
    if fresh:
        set_statuses(db, fresh, KNOWN, lang, source="import")
    return KnownReport(len(fresh), len(already), sum(1 for k in keys if k is None), tuple(fresh))
