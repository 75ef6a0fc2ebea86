"""dictd dictionaries: an ``.index`` of headwords and a ``.dict`` (or dictzip ``.dict.dz``).

This is the format of Debian's FreeDict packages (``dict-freedict-eng-deu`` and dozens more, in
``/usr/share/dictd``) and of many other free dictionaries. Each index line is
``headword<TAB>offset<TAB>length``, the numbers in dictd's base64; the entry at that range is
plain text whose first line repeats the headword with its pronunciation and part of speech::

    coalition /kˌəʊəlˈɪʃən/
    Koalition <fem> [pol.]
          "coalition of the parties CDU, FDP and the Greens (Germany)"  - Jamaika-Koalition
     see: {coalitions}, {grand coalition}

The translations become the gloss; examples, synonyms and "see:" cross-references are kept in
their own fields, apart from it. Entries named ``00-database-*`` describe the dictionary (its
title, and often its languages) and are not glosses. FreeDict's English-German lists each past
form of a verb as an entry of its own; those are left out (see :func:`_form_of`).

:func:`read_dictd` only reads: it returns :class:`~reader.lexicon.base.Record` rows, and the
caller decides how and when to write them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.languages import from_name, parse_pair
from reader.lexicon import dictd_parse
from reader.lexicon.base import LexiconError, Progress, Record, Row
from reader.lexicon.dictd_parse import (
    BATCH,
    GroupAligner,
    Parse,
    _decode,
    _metadata_key,
    _number,
)
from reader.lexicon.dictd_stream import Collector
from reader.lexicon.dictfiles import dictionary_stem, sibling
from reader.lexicon.dictzip import DictzipError, DictzipReader

_SHORT_PAIR = re.compile(r"^\s*([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)\s*[-–—]\s*([A-Z][a-z]+)")
_NAME_PAIR = re.compile(r"(?:^|[-_.])([a-z]{2,3})[-_]([a-z]{2,3})(?=$|[-_.])")


@dataclass(frozen=True)
class DictdFiles:
    index: Path
    data: Path

    @property
    def name(self) -> str:
        return self.index.name.removesuffix(".index")


@dataclass(frozen=True)
class DictdInfo:
    """What the ``00-database-*`` entries (or else the file name) say about the dictionary."""

    title: str | None
    source_lang: str | None
    target_lang: str | None


def locate(path: Path) -> DictdFiles:
    """The index and data files, given either one (or the folder holding them)."""
    stem, known = dictionary_stem(
        path,
        ".index",
        (".index", ".dict.dz", ".dict"),
        nothing_here="no dictd .index file in this folder",
    )
    if not known:
        raise LexiconError(f"{path.name}: a dictd dictionary is a .index with a .dict or .dict.dz")
    index = stem.with_name(stem.name + ".index")
    if not index.is_file():
        raise LexiconError(f"{path.name}: its index {index.name} is missing")
    data = sibling(stem, ".dict.dz", ".dict")
    if data is None:
        raise LexiconError(f"{index.name}: its entries ({stem.name}.dict or .dict.dz) are missing")
    return DictdFiles(index, data)


def is_dictd(path: Path) -> bool:
    """Whether ``path`` is one of a dictd dictionary's files (an index beside it)."""
    name = path.name
    for suffix in (".index", ".dict.dz", ".dict"):
        if name.endswith(suffix):
            return path.with_name(name.removesuffix(suffix) + ".index").is_file()
    return False


def _index_lines(index: Path) -> list[str]:
    """The index's lines, blank ones included (an error names a line by its number). Each is
    read into its word and numbers by the parse (:func:`_index_entry`): in the parse workers,
    not in the one process before them."""
    try:
        raw = index.read_bytes()
    except OSError as exc:
        raise LexiconError(f"cannot read {index}: {exc.strerror}") from exc
    lines = raw.decode("utf-8", errors="replace").splitlines()
    if not any(line.strip() for line in lines):
        raise LexiconError(f"{index.name}: the index is empty")
    return lines


def _open_data(files: DictdFiles) -> DictzipReader:
    try:
        return DictzipReader(files.data)
    except OSError as exc:
        raise LexiconError(f"cannot read {files.data}: {exc.strerror}") from exc
    except DictzipError as exc:
        raise LexiconError(str(exc)) from exc


def inflating(files: DictdFiles) -> Callable[[], DictzipReader]:
    """The dictionary's text inflated in a thread from now on (see
    :func:`reader.lexicon.dictd_parse.inflating`), and what waits for it."""
    return dictd_parse.inflating(_open_data(files))


_METADATA_LINE = re.compile(rb"^(00[^\t\n]*)\t([A-Za-z0-9+/]+)\t([A-Za-z0-9+/]+)\r?$", re.MULTILINE)


def _metadata_lines(index: Path) -> list[tuple[str, int, int]]:
    """The index lines of the ``00-database-*`` entries, found without reading every line (an
    import asks twice: for the dictionary and for its reverse)."""
    try:
        raw = index.read_bytes()
    except OSError as exc:
        raise LexiconError(f"cannot read {index}: {exc.strerror}") from exc
    return [
        (found[1].decode("utf-8", errors="replace"), _number(found[2].decode()),
         _number(found[3].decode()))
        for found in _METADATA_LINE.finditer(raw)
    ]  # fmt: skip


def read_info(files: DictdFiles) -> DictdInfo:
    """The title and language pair, from the metadata entries, else from the file name."""
    reader = _open_data(files)
    meta: dict[str, str] = {}
    for word, offset, length in _metadata_lines(files.index):
        key = _metadata_key(word)
        if key in ("short", "info") and key not in meta:
            body = _decode(reader.read(offset, length))
            lines = [line.strip() for line in body.splitlines() if line.strip()]
            # dictfmt repeats the entry's name as its first line: "00-database-short".
            if lines and _metadata_key(lines[0]) is not None:
                lines = lines[1:]
            meta[key] = lines[0] if lines else ""
    title = meta.get("short") or None
    source = target = None
    for text in (meta.get("short", ""), meta.get("info", "")):
        found = _SHORT_PAIR.match(text)
        if found and from_name(found[1]) and from_name(found[2]):
            source, target = from_name(found[1]), from_name(found[2])
            break
    if source is None:
        pair = pair_from_name(files.index.name)
        if pair:
            source, target = pair
    return DictdInfo(title, source, target)


def pair_from_name(name: str) -> tuple[str, str] | None:
    """``freedict-eng-deu.index`` -> (en, de): FreeDict names files by ISO 639-3 codes."""
    for found in _NAME_PAIR.finditer(name.lower()):
        pair = parse_pair(f"{found[1]}-{found[2]}")
        if pair:
            return pair
    return None


def read_dictd(files: DictdFiles, progress: Progress | None = None) -> Iterator[Record]:
    """Every entry of the dictionary, in index order, as gloss records.

    Parsing is pure Python and a big dictionary has hundreds of thousands of entries, so where
    the machine has several cores (and the process no other threads, which forking would not
    copy) the entries are parsed in worker processes, in order, while the caller stores them.
    """
    return (Record(*fields) for fields in _groups(files, progress))  # type: ignore[arg-type]


def read_rows(
    files: DictdFiles,
    progress: Progress | None = None,
    align: GroupAligner | None = None,
    parse: Parse | None = None,
) -> Iterator[Row]:
    """What ``ranked(read_dictd(files))`` gives, made straight from the parsed tuples: an
    import's main process handles every one of half a million groups, and building a Record
    and then a Row for each was a second of its time.

    With ``align``, each group also gets its sense key and confidence as the parse gives it
    (in the parse workers, which fork after it is set up and share what it reads; or, for a
    streamed parse, here): nothing of the alignment is left to do once the parse is over.
    ``parse`` is the parse already begun (see :func:`start_parse`).

    A streamed parse (an import that aligns) gives the rows' fields already kept and ranked
    (see :class:`Ranked`), and each is aligned here as it comes."""
    new = tuple.__new__
    if parse is not None and parse.streams:
        done = 0
        for batch in parse.shaped():
            for headword, pos, rank, gloss, example, synonyms, pronunciation, see_also in batch:
                key, score = align(headword, pos, gloss, synonyms, see_also) if align else _NONE
                yield new(Row, (headword, pos, rank, gloss, example, synonyms, key, False, None,
                                pronunciation, see_also, score, False))  # fmt: skip
            done += BATCH
            if progress:
                progress(min(done, parse.total), parse.total)
        return
    ranks: dict[str, int] = {}
    if align is None:
        for headword, pos, gloss, example, synonyms, pronunciation, see_also in _groups(
            files, progress, None, parse
        ):
            if not headword or not gloss:
                continue
            rank = ranks[headword] = ranks.get(headword, 0) + 1
            yield new(Row, (headword, pos, rank, gloss, example, synonyms, None, False, None,
                            pronunciation, see_also, None, False))  # fmt: skip
        return
    for headword, pos, gloss, example, synonyms, pronunciation, see_also, key, score in _groups(
        files, progress, align, parse
    ):
        if not headword or not gloss:
            continue
        rank = ranks[headword] = ranks.get(headword, 0) + 1
        yield new(Row, (headword, pos, rank, gloss, example, synonyms, key, False, None,
                        pronunciation, see_also, score, False))  # fmt: skip


def start_parse(files: DictdFiles, stream: bool = False, collect: Collector | None = None) -> Parse:
    """The dictionary's parse begun: its index read, and its text inflating; with ``stream``
    (an import that aligns) every entry parsed from now on in a child, kept and ranked there
    (:class:`Ranked`), which also hands the rows' fields to ``collect`` (see
    :class:`reader.lexicon.dictd_parse.Parse`)."""
    reader = _open_data(files)
    lines = _index_lines(files.index)
    # dictfmt's "00-database-utf8" entry: the text is UTF-8, and a byte that is not is damage
    # (older dictionaries without it may be Latin-1, read as such)
    utf8 = any(_metadata_key(w) == "utf8" for w, _, _ in _metadata_lines(files.index))
    return Parse(files.index.name, lines, reader, utf8, Ranked if stream else None, collect)


def _groups(
    files: DictdFiles,
    progress: Progress | None,
    align: GroupAligner | None = None,
    parse: Parse | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The translation groups as plain tuples in Record's field order (with ``align``, its
    sense key and confidence after them), in index order, each entry once, past forms of verbs
    left out (see :class:`Kept`)."""
    parse = parse or start_parse(files)
    total = parse.total
    kept = Kept()
    done = 0
    for batch in parse.batches(align):
        for groups in kept.entries(batch):
            yield from groups
        done += BATCH
        if progress:
            progress(min(done, total), total)
    if progress:
        progress(total, total)


class Kept:
    """Which parsed entries an import keeps, batch after batch in index order: each entry once
    (one listed under several index words is stored once), and no past form of a verb (see
    :func:`_form_of`). The import's main process asks it of every batch, or, for a streamed
    parse, the child does (see :class:`Ranked`)."""

    def __init__(self) -> None:
        self._seen: set[tuple[int, str | None]] = set()
        self._previous: tuple[str | None, ...] | None = None

    def entries(self, batch: list[tuple[int, list[Any]]]) -> Iterator[list[Any]]:
        """The groups of each entry of ``batch`` ((offset, groups) pairs) that is kept."""
        seen = self._seen
        for offset, groups in batch:
            if not groups:
                continue
            record = groups[0]
            key = (offset, record[0])
            if key in seen:
                continue
            seen.add(key)
            previous = self._previous
            if previous is not None and record[1] is None and _form_of(record, previous):
                continue
            self._previous = record
            yield groups


_NONE = (None, None)
Fields = tuple[str, str | None, int, str, str | None, str | None, str | None, str | None]
"""A row's fields before its alignment: headword, part of speech, rank, gloss, example,
synonyms, pronunciation, see-also."""


class Ranked:
    """What an import stores of each parsed batch, in index order: the groups of the entries
    :class:`Kept` keeps, those with a headword and a gloss, each numbered among its headword's
    (its rank), as :data:`Fields`. A streamed parse works this out in its child, so that the
    import's main process, which aligns every group, only has to align it (a fifth of a second
    less of its time); if the child fails, the import works it out itself, from the start."""

    def __init__(self) -> None:
        self._kept = Kept()
        self._ranks: dict[str, int] = {}

    def __call__(self, batch: list[tuple[int, list[Any]]]) -> list[Fields]:
        ranks = self._ranks
        out: list[Fields] = []
        append = out.append
        for groups in self._kept.entries(batch):
            for headword, pos, gloss, example, synonyms, pronunciation, see_also in groups:
                if not headword or not gloss:
                    continue
                rank = ranks[headword] = ranks.get(headword, 0) + 1
                append((headword, pos, rank, gloss, example, synonyms, pronunciation, see_also))
        return out


def _form_of(record: tuple[str | None, ...], verb: tuple[str | None, ...]) -> bool:
    """An untagged entry right after a verb's, sharing its examples or cross-references, is that
    verb's past form translated ("run" -> "gelaufen" after "run" -> "laufen"): FreeDict's
    Ding-derived dictionaries list one per form, and glossing a lemma with them adds only noise.
    Both are in Record's field order (headword, pos, gloss, example, synonyms, pronunciation,
    see_also)."""
    if record[1] is not None or verb[1] != "VERB" or record[0] != verb[0]:
        return False
    if record[3] and record[3] == verb[3]:
        return True
    mine = set((record[6] or "").split(", ")) - {""}
    theirs = set((verb[6] or "").split(", ")) - {""}
    return bool(mine & theirs)


DICTD_DIR = Path("/usr/share/dictd")
DICTD_DIR_ENV = "SENTENCES_DICTD_DIR"


@dataclass(frozen=True)
class Installed:
    files: DictdFiles
    source_lang: str | None
    target_lang: str | None


def installed_dictionaries(folder: Path | None = None, source_lang: str = "en") -> list[Installed]:
    """dictd dictionaries in ``folder`` (Debian's ``/usr/share/dictd``) from ``source_lang``.

    Dictionaries whose language pair cannot be told are listed too: they may be the learner's.
    """
    import os

    folder = folder or Path(os.environ.get(DICTD_DIR_ENV) or DICTD_DIR)
    found: list[Installed] = []
    if not folder.is_dir():
        return found
    for index in sorted(folder.glob("*.index")):
        try:
            files = locate(index)
            pair = pair_from_name(files.name)
            info = DictdInfo(None, *pair) if pair else read_info(files)
        except LexiconError:
            continue
        if info.source_lang in (source_lang, None):
            found.append(Installed(files, info.source_lang, info.target_lang))
    return found
