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

import io
import pickle
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.languages import from_name, parse_pair
from reader.lexicon.base import LexiconError, Progress, Record, Row
from reader.lexicon.dictd_entry import group_tuples
from reader.lexicon.dictfiles import dictionary_stem, sibling
from reader.lexicon.dictzip import DictzipError, DictzipReader

_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
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


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


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


def _index_entry(index: str, lines: list[str], number: int) -> tuple[str, int, int] | None:
    """Line ``number`` (from 0) of the index as (word, offset, length); None if blank."""
    line = lines[number]
    if not line.strip():
        return None
    parts = line.split("\t")
    try:
        return parts[0], _number(parts[1]), _number(parts[2])
    except (IndexError, KeyError):
        raise LexiconError(
            f"{index}, line {number + 1}: not a dictd index line (word, offset, length)"
        ) from None


def _open_data(files: DictdFiles) -> DictzipReader:
    try:
        return DictzipReader(files.data)
    except OSError as exc:
        raise LexiconError(f"cannot read {files.data}: {exc.strerror}") from exc
    except DictzipError as exc:
        raise LexiconError(str(exc)) from exc


def inflating(files: DictdFiles) -> Callable[[], DictzipReader]:
    """The dictionary's text inflated in a thread from now on, and what waits for it: zlib lets
    go of Python's lock while it inflates, so the caller reads something else meanwhile (an
    import, WordNet's senses and the indexes). Wait before forking: a fork copies no thread."""
    reader = _open_data(files)
    failed: list[DictzipError] = []

    def inflate() -> None:
        try:
            reader.inflate_all()
        except DictzipError as exc:
            failed.append(exc)

    thread = threading.Thread(target=inflate, name=f"inflate {files.data.name}", daemon=True)
    thread.start()

    def ready() -> DictzipReader:
        thread.join()
        if failed:
            raise LexiconError(str(failed[0])) from failed[0]
        return reader

    return ready


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _metadata_key(word: str) -> str | None:
    """``00-database-short`` and its squeezed index form ``00databaseshort`` -> ``short``."""
    if not word.startswith("00"):
        return None
    squeezed = re.sub(r"[^0-9a-z]", "", word.lower())
    return squeezed[len("00database") :] if squeezed.startswith("00database") else None


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


GroupAligner = Callable[
    [str, str | None, str, str | None, str | None], tuple[str | None, float | None]
]
"""(headword, pos, gloss, synonyms, see-also) -> (sense key, confidence): see
:meth:`reader.lexicon.align.Aligner.group`."""


def read_rows(
    files: DictdFiles,
    progress: Progress | None = None,
    align: GroupAligner | None = None,
    text: Callable[[], DictzipReader] | None = None,
) -> Iterator[Row]:
    """What ``ranked(read_dictd(files))`` gives, made straight from the parsed tuples: an
    import's main process handles every one of half a million groups, and building a Record
    and then a Row for each was a second of its time.

    With ``align``, each group also gets its sense key and confidence, worked out in the parse
    workers as they read it (set up before they fork, so they share what it reads): nothing of
    the alignment is left to do once the parse is over. ``text`` is the dictionary's text
    already being inflated (see :func:`inflating`)."""
    ranks: dict[str, int] = {}
    new = tuple.__new__
    if align is None:
        for headword, pos, gloss, example, synonyms, pronunciation, see_also in _groups(
            files, progress, None, text
        ):
            if not headword or not gloss:
                continue
            rank = ranks[headword] = ranks.get(headword, 0) + 1
            yield new(Row, (headword, pos, rank, gloss, example, synonyms, None, False, None,
                            pronunciation, see_also, None, False))  # fmt: skip
        return
    for headword, pos, gloss, example, synonyms, pronunciation, see_also, key, score in _groups(
        files, progress, align, text
    ):
        if not headword or not gloss:
            continue
        rank = ranks[headword] = ranks.get(headword, 0) + 1
        yield new(Row, (headword, pos, rank, gloss, example, synonyms, key, False, None,
                        pronunciation, see_also, score, False))  # fmt: skip


def _groups(
    files: DictdFiles,
    progress: Progress | None,
    align: GroupAligner | None = None,
    text: Callable[[], DictzipReader] | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The translation groups as plain tuples in Record's field order (with ``align``, its
    sense key and confidence after them), in index order, each entry once, past forms of verbs
    left out (see :func:`_form_of`)."""
    # index order is not file order: inflating all at once beats chunk by chunk
    text = text or inflating(files)
    lines = _index_lines(files.index)
    reader = text()
    # dictfmt's "00-database-utf8" entry: the text is UTF-8, and a byte that is not is damage
    # (older dictionaries without it may be Latin-1, read as such)
    utf8 = any(_metadata_key(w) == "utf8" for w, _, _ in _metadata_lines(files.index))
    total = len(lines)
    seen: set[tuple[int, str | None]] = set()
    previous: tuple[str | None, ...] | None = None
    done = 0
    for batch in _parsed_batches(files.index.name, lines, reader, utf8, align):
        for offset, groups in batch:
            if not groups:
                continue
            record = groups[0]
            key = (offset, record[0])
            if key in seen:
                continue  # one entry listed under several index words is stored once
            seen.add(key)
            if previous is not None and record[1] is None and _form_of(record, previous):
                continue
            previous = record
            yield from groups
        done += BATCH
        if progress:
            progress(min(done, total), total)
    if progress:
        progress(total, total)


BATCH = 20_000
PARALLEL_FROM = 100_000  # index lines: smaller dictionaries parse faster than processes start
_shared: tuple[str, list[str], DictzipReader, bool, GroupAligner | None] | None = None


_Parsed = tuple[int, list[tuple[Any, ...]]]


def _parse_range(bounds: tuple[int, int]) -> list[_Parsed]:
    """Parse index lines ``bounds`` (a worker process's share, or the caller's own).

    Records travel back from a worker as plain tuples, which pickle several times faster.
    """
    assert _shared is not None
    index, lines, reader, utf8, align = _shared
    out: list[_Parsed] = []
    for number in range(*bounds):
        entry = _index_entry(index, lines, number)
        if entry is None:
            continue
        word, offset, length = entry
        if _metadata_key(word) is not None:
            continue
        raw = reader.read(offset, length)
        if len(raw) < length:
            raise LexiconError(
                f"{reader.path.name}: the entry “{word}” runs past the end of the file "
                "(truncated?); nothing was imported"
            )
        if utf8:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise LexiconError(
                    f"{reader.path.name}: the entry “{word}” is not UTF-8 (byte {exc.start + 1} "
                    "of it), though the dictionary says it is; nothing was imported"
                ) from None
        else:
            text = _decode(raw)
        groups = group_tuples(word, text)
        if align is None:
            out.append((offset, groups))
        else:
            out.append((offset, [
                (*record, *align(record[0], record[1], record[2], record[4], record[6]))
                for record in groups
            ]))  # fmt: skip
    return out


def _parsed_batches(
    index: str,
    lines: list[str],
    reader: DictzipReader,
    utf8: bool = False,
    align: GroupAligner | None = None,
) -> Iterator[list[_Parsed]]:
    import multiprocessing
    import os

    global _shared
    ranges = [(start, min(start + BATCH, len(lines))) for start in range(0, len(lines), BATCH)]
    _shared = (index, lines, reader, utf8, align)
    try:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        forkable = "fork" in multiprocessing.get_all_start_methods()
        if len(lines) < PARALLEL_FROM or cores < 2 or not forkable or threading.active_count() > 1:
            for bounds in ranges:
                yield _parse_range(bounds)
            return
        context = multiprocessing.get_context("fork")  # the workers inherit the text, uncopied
        with context.Pool(min(cores, 4)) as pool:
            for pickled in pool.imap(_parse_range_pickled, ranges):
                yield pickle.loads(pickled)
    finally:
        _shared = None


def _parse_range_pickled(bounds: tuple[int, int]) -> bytes:
    """:func:`_parse_range` in a worker, its answer pickled without the pickler's memo (a batch
    is plain tuples of strings, nothing shared or cyclic): the memo's bookkeeping for each of a
    batch's hundred thousand strings made pickling take three times as long."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(_parse_range(bounds))
    return buffer.getvalue()


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
