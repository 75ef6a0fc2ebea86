"""Dictionaries the learner brings: importing them and choosing which ones show, in what order.

Every import is one transaction (see :func:`reader.lexicon.base.store_source`): a broken file
raises :class:`LexiconError` with a one-line message and leaves the database as it was, and
re-importing a dictionary of the same name replaces it while keeping its place and on/off state.
"""

from __future__ import annotations

import gc
import sqlite3
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

import sqlite_utils

from reader import quick_exit
from reader.lexicon import dictd, freedict, stardict, tabular
from reader.lexicon.align import Aligner, wordnet_senses
from reader.lexicon.base import (
    DICTIONARY_PRIORITY,
    IDIOMS_PRIORITY,
    LexiconError,
    Progress,
    Row,
    ranked,
    store_source,
)
from reader.lexicon.dictd_parse import Parse
from reader.lexicon.import_child import LiteralGlosses, in_child
from reader.lexicon.reverse import find_reverse, read_translations
from reader.store.checkpoint import Checkpoint, checkpoint_beside
from reader.store.db import transaction

FORMATS = ("tsv", "csv", "stardict", "freedict", "dictd")
_ARCHIVES = (".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar")


@dataclass(frozen=True)
class ImportReport:
    name: str
    kind: str
    entries: int
    seconds: float
    source_lang: str = "en"
    target_lang: str | None = None
    notes: tuple[str, ...] = ()
    """One line each on what the import did besides storing entries (the alignment)."""
    stages: tuple[tuple[str, float], ...] = ()
    """Seconds (wall clock) each stage took, in order: for `dict import --timings`."""


@dataclass(frozen=True)
class SourceInfo:
    name: str
    kind: str
    lang: str
    target_lang: str | None
    enabled: bool
    priority: int
    entry_count: int
    origin: str | None
    imported_at: str


def detect_format(path: Path) -> str:
    """The format by file name, falling back on the file's first bytes."""
    if path.is_dir():
        if any(dictd.is_dictd(p) for p in path.glob("*.index")):
            return "dictd"
        if any(path.rglob("*.ifo")):
            return "stardict"
        if _tei_in(path):
            return "freedict"
        raise LexiconError(f"{path}: no dictionary found in this directory")
    name = path.name.lower()
    if name.endswith((".index", ".dict", ".dict.dz")) and dictd.is_dictd(path):
        return "dictd"
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
    lang_pair: tuple[str, str] | None = None,
) -> ImportReport:
    """Import (or re-import) a dictionary file; a new one shows after the existing ones.

    Formats: ``tsv``/``csv`` (word, gloss), ``stardict`` (.ifo/.idx/.dict[.dz], a directory or
    a .tar.* archive holding them), ``freedict`` (TEI XML, optionally gzipped) and ``dictd``
    (.index with .dict or .dict.dz).

    The language pair (headwords, glosses) is ``lang_pair`` when given, else what the
    dictionary says (dictd's metadata), else the file name (``freedict-eng-deu``), else, for
    glosses in a script only one language uses (Hangul, kana...), that language.
    """
    with _collector_paused(), checkpoint_beside(db) as checkpoint:
        return _import(db, path, name, fmt, progress, lang_pair, checkpoint)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an import runs (and in its children, forked).

    An import holds half a million new rows until it stores them, and the collector would walk
    all of them again every few thousand allocations: on FreeDict eng-deu that was a third of
    the parse's time. Rows are tuples of strings and numbers, which make no cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(
    db: sqlite_utils.Database,
    path: Path | str,
    name: str | None,
    fmt: str | None,
    progress: Progress | None,
    lang_pair: tuple[str, str] | None,
    checkpoint: Checkpoint,
) -> ImportReport:
    started = time.perf_counter()
    path = Path(path).expanduser()
    if not path.exists():
        raise LexiconError(f"{path}: no such file")
    if fmt is not None and fmt not in FORMATS:
        raise LexiconError(f"unknown dictionary format {fmt!r} (use one of {', '.join(FORMATS)})")
    if path.is_file() and path.name.lower().endswith(_ARCHIVES):
        with tempfile.TemporaryDirectory(prefix="sentences-dict-") as tmp:
            _extract(path, Path(tmp))
            report = _import(db, Path(tmp), name, fmt, progress, lang_pair, checkpoint)
        return replace(report, seconds=_since(started))
    kind = fmt or detect_format(path)
    records: Iterator[Row]
    found_pair = dictd.pair_from_name(path.name)
    dictd_files: dictd.DictdFiles | None = None
    parse: Parse | None = None  # a dictd dictionary's: its index and text, held till the end
    collect: LiteralGlosses | None = None
    if kind == "dictd":
        dictd_files = dictd.locate(path)
        info = dictd.read_info(dictd_files)
        default_name = dictd_files.name  # short and typeable: `dict disable freedict-eng-deu`
        if info.source_lang and info.target_lang:
            found_pair = (info.source_lang, info.target_lang)
        records = iter(())  # read below, once the parse is begun and the alignment set up
    elif kind == "stardict":
        files = stardict.locate(path)
        default_name, records = files.name, ranked(stardict.read_stardict(files, progress))
    elif kind == "freedict":
        if path.is_dir():  # an unpacked FreeDict source release: eng-deu/eng-deu.tei
            path = _tei_in(path) or path
        default_name = freedict.title(path) or _stem(path)
        records = ranked(freedict.read_freedict(path, progress))
    else:
        default_name, records = _stem(path), ranked(tabular.read_table(path, progress))
    name = " ".join((name or default_name).split()) or _stem(path)
    source, target = lang_pair or found_pair or ("en", None)
    clock = _Clock()
    notes: list[str] = []
    aligner: Aligner | None = None
    if dictd_files is not None:
        reverse, note = _reverse(db, dictd_files, source, target)
        # with the alignment, a child parses every entry from now on (and works out the
        # literal rule from them) while what the alignment needs is read (see dictd_parse)
        collect = LiteralGlosses() if reverse is not None else None  # aligning: from English
        parse = dictd.start_parse(dictd_files, stream=reverse is not None, collect=collect)
    try:
        if dictd_files is not None and parse is not None:
            if reverse is not None:
                aligner, note = _aligner(db, reverse, note, clock)
            if note:
                notes.append(note)
            rows = list(
                dictd.read_rows(dictd_files, progress, aligner.group if aligner else None, parse)
            )
        else:
            rows = list(records)
        clock.lap("parse" if aligner is None else "parse and alignment")
        marked: Callable[[sqlite3.Connection, int], list[Row]] | None = None
        if source == "en":
            literal = parse.collected if parse is not None and collect is not None else None
            marked = in_child(db, rows, aligner, notes, clock.lap, literal)
        entries = store_source(
            db,
            name=name,
            kind=kind,
            origin=str(path.resolve()),
            rows=rows,
            priority=_next_priority(db),
            lang=source,
            target_lang=target,
            marked=marked,
        )
    finally:
        if parse is not None:
            parse.close()
    checkpoint.start()  # the log copied while this import's rows are freed (or kept: quick_exit)
    clock.lap("store" if marked is None else "commit")
    quick_exit.keep(rows, aligner, parse)  # freed by the process's end
    if target is None:
        target = _guess_target(db, name)
    report = ImportReport(name, kind, entries, _since(started), source, target, tuple(notes))
    return replace(report, stages=tuple(clock.stages))


class _Clock:
    """The wall-clock seconds of an import's stages, for `dict import --timings`."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages.append((stage, now - self._last))
        self._last = now


ALIGN_ENV = "SENTENCES_NO_ALIGN"
"""Set (to anything) to import without the alignment: for timing it (bench/import_dict.py)."""


def _reverse(
    db: sqlite_utils.Database, files: dictd.DictdFiles, source: str, target: str | None
) -> tuple[dictd.DictdFiles | None, str]:
    """The reverse dictionary a dictd import aligns its groups through, if it aligns them, and
    else a line saying why not (the reverse is missing or for another pair, WordNet is not set
    up; "" for a dictionary not from English): found before the parse begins, since an import
    that aligns spreads its parse differently."""
    import os

    if source != "en" or target in (None, "en"):
        return None, ""
    if os.environ.get(ALIGN_ENV):
        return None, f"alignment skipped (${ALIGN_ENV} is set)"
    found = find_reverse(files, (source, str(target)))
    if found.files is None:
        return None, found.message
    if not db.conn.execute("SELECT 1 FROM lex_sources WHERE kind = 'wordnet'").fetchone():
        return None, NO_WORDNET
    return found.files, found.message


NO_WORDNET = "alignment skipped: WordNet is not in the lexicon (run `sentences setup`)"


def _aligner(
    db: sqlite_utils.Database, reverse: dictd.DictdFiles, note: str, clock: _Clock
) -> tuple[Aligner | None, str]:
    """What aligns each translation group with the WordNet sense it translates, through
    ``reverse``, and the line saying so (``note``, or why not after all)."""
    clock.lap("parse (the start)")
    text = dictd.inflating(reverse)  # in a thread, while WordNet's senses are read
    senses = wordnet_senses(db)
    clock.lap("WordNet senses")
    if not senses:
        with suppress(LexiconError):
            text()  # the thread ends here
        return None, NO_WORDNET
    translations = read_translations(reverse, text)
    clock.lap("reverse")
    return Aligner(senses, translations), note


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
        "SELECT name, kind, lang, target_lang, enabled, priority, entry_count, origin, "
        "imported_at FROM lex_sources ORDER BY priority, name"
    ).fetchall()
    return [SourceInfo(r[0], r[1], r[2], r[3], bool(r[4]), *r[5:]) for r in rows]


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


# Scripts that one language alone writes with: glosses in them tell the dictionary's language.
_SCRIPTS = (
    ("ko", ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))),
    ("ja", ((0x3040, 0x30FF),)),
    ("el", ((0x0370, 0x03FF),)),
    ("he", ((0x0590, 0x05FF),)),
    ("th", ((0x0E00, 0x0E7F),)),
    ("hy", ((0x0530, 0x058F),)),
    ("ka", ((0x10A0, 0x10FF),)),
)


def _guess_target(db: sqlite_utils.Database, name: str) -> str | None:
    """A dictionary with no stated language, glossed in Hangul, is Korean: record it so.

    Only scripts that one language alone uses decide; Latin, Cyrillic or Han glosses stay
    unknown (``dict import --lang-pair`` says what they are).
    """
    rows = db.conn.execute(
        "SELECT e.gloss FROM lex_entries e JOIN lex_sources s ON s.id = e.source_id "
        "WHERE s.name = ? LIMIT 200",
        (name,),
    ).fetchall()
    counts: dict[str, int] = {}
    letters = 0
    for (gloss,) in rows:
        for char in gloss:
            if not char.isalpha():
                continue
            letters += 1
            point = ord(char)
            for lang, ranges in _SCRIPTS:
                if any(low <= point <= high for low, high in ranges):
                    counts[lang] = counts.get(lang, 0) + 1
                    break
    if not counts or not letters:
        return None
    lang, count = max(counts.items(), key=lambda item: item[1])
    if count < letters / 2:
        return None
    with transaction(db):
        db.conn.execute("UPDATE lex_sources SET target_lang = ? WHERE name = ?", (lang, name))
    return lang


def set_lang_pair(db: sqlite_utils.Database, name: str, pair: tuple[str, str]) -> None:
    """Say which languages a dictionary translates between (``dict lang NAME en-ko``)."""
    with transaction(db):
        cursor = db.conn.execute(
            "UPDATE lex_sources SET lang = ?, target_lang = ? WHERE name = ?", (*pair, name)
        )
        if cursor.rowcount == 0:
            raise LexiconError(f"no dictionary named {name!r}")
