"""Compiling Princeton WordNet into the lexicon tables, once, so lookups are plain indexed queries.

The database files are parsed directly (their format is wndb(5)) rather than through NLTK's
reader, which wants a ``lexnames`` file Debian's ``wordnet-base`` lacks, refuses symlinked data
directories and is far slower to load than one pass over the text files.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.lexicon.base import WORDNET_PRIORITY, LexiconError, Progress, Row, store_source
from reader.paths import wordnet_dirs

SOURCE_NAME = "wordnet"
WORDNET_MISSING = (
    "WordNet not found: install Debian's wordnet-base (apt-get install wordnet-base) or NLTK's "
    "wordnet data (python -m nltk.downloader wordnet), or set SENTENCES_WORDNET_DIR to a "
    "directory holding data.noun and index.noun"
)
MAX_SYNONYMS = 5

# File suffix, UPOS, and the order used when a word's parts of speech are otherwise tied.
_FILES = (("noun", "NOUN"), ("verb", "VERB"), ("adj", "ADJ"), ("adv", "ADV"))
_SENSE_TYPE = {"1": "NOUN", "2": "VERB", "3": "ADJ", "4": "ADV", "5": "ADJ"}
REQUIRED_FILES = tuple(f"{kind}.{suffix}" for suffix, _ in _FILES for kind in ("index", "data"))

# A gloss is "definition; "example"; "example"". Examples are only trusted at the very end, so a
# quoted phrase inside the definition ('the phrase "make strides"') stays in the definition.
_TRAILING_EXAMPLES = re.compile(r'(.*?)[\s;:]*((?:"[^"]*"[\s;,]*)+)$', re.DOTALL)
_QUOTED = re.compile(r'"([^"]*)"')
_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")


class WordNetMissing(LexiconError):
    """No WordNet database was found in any candidate directory."""


@dataclass(frozen=True)
class WordNetReport:
    source_dir: Path
    entries: int
    seconds: float


def find_wordnet(candidates: list[Path] | None = None) -> Path | None:
    """The first candidate directory holding a complete WordNet database, or None."""
    for directory in wordnet_dirs() if candidates is None else candidates:
        if all((directory / name).is_file() for name in REQUIRED_FILES):
            return directory
    return None


def is_compiled(db: sqlite_utils.Database) -> bool:
    row = db.conn.execute(
        "SELECT entry_count FROM lex_sources WHERE name = ?", (SOURCE_NAME,)
    ).fetchone()
    return bool(row and row[0])


def ensure_wordnet(
    db: sqlite_utils.Database, progress: Progress | None = None
) -> WordNetReport | None:
    """Compile WordNet unless it already is; None when nothing had to be done.

    Raises :class:`WordNetMissing` (message :data:`WORDNET_MISSING`) when there is nothing to
    compile from.
    """
    if is_compiled(db):
        return None
    return compile_wordnet(db, progress=progress)


def compile_wordnet(
    db: sqlite_utils.Database,
    source_dir: Path | None = None,
    progress: Progress | None = None,
) -> WordNetReport:
    """(Re)build the ``wordnet`` source from the database files, all-or-nothing.

    ``progress(done, total)`` counts bytes of the WordNet files read.
    """
    started = time.perf_counter()
    directory = source_dir or find_wordnet()
    if directory is None:
        raise WordNetMissing(WORDNET_MISSING)
    missing = [name for name in REQUIRED_FILES if not (directory / name).is_file()]
    if missing:
        raise WordNetMissing(f"WordNet at {directory} is incomplete (no {missing[0]})")
    entries = store_source(
        db,
        name=SOURCE_NAME,
        kind="wordnet",
        origin=str(directory),
        rows=_rows(directory, progress),
        priority=WORDNET_PRIORITY,
    )
    return WordNetReport(directory, entries, time.perf_counter() - started)


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise LexiconError(f"cannot read {path}: {exc.strerror}") from exc
    # Lines starting with two spaces are the licence header.
    return [line for line in text.split("\n") if line and not line.startswith("  ")]


def _rows(directory: Path, progress: Progress | None) -> Iterator[Row]:
    """Every (lemma, part of speech, synset) as a row, each headword's senses ranked together.

    Within a part of speech the order is index.<pos>'s, which WordNet sorts by how often each
    sense was seen in its tagged corpus. Across parts of speech, the part whose senses were seen
    most often overall comes first ("run" is first a verb, "dog" a noun), so a lookup without a
    part of speech can simply order by rank.
    """
    sizes = {name: (directory / name).stat().st_size for name in REQUIRED_FILES}
    total = sum(sizes.values())
    done = 0
    synsets: dict[str, dict[str, tuple[str, str | None, list[str]]]] = {}
    senses: dict[str, list[tuple[str, list[str]]]] = {}
    for suffix, upos in _FILES:
        synsets[upos] = _parse_data(directory / f"data.{suffix}")
        for line in _read_lines(directory / f"index.{suffix}"):
            fields = line.split()
            try:
                count = int(fields[2])
                offsets = fields[len(fields) - count :] if count else []
            except (IndexError, ValueError) as exc:
                raise LexiconError(f"index.{suffix}: malformed line {line[:40]!r}") from exc
            headword = fields[0].replace("_", " ").lower()
            senses.setdefault(headword, []).append((upos, offsets))
        done += sizes[f"data.{suffix}"] + sizes[f"index.{suffix}"]
        if progress:
            progress(done, total)
    tagged = _tag_counts(directory)
    for headword in sorted(senses):
        blocks = senses[headword]
        if len(blocks) > 1:
            blocks.sort(key=lambda b: (-tagged.get((headword, b[0]), 0), -len(b[1])))
        rank = 0
        for upos, offsets in blocks:
            table = synsets[upos]
            for offset in offsets:
                found = table.get(offset)
                if found is None:
                    raise LexiconError(f"WordNet index points at a missing synset {offset}")
                definition, example, words = found
                rank += 1
                yield Row(headword, upos, rank, definition, example, _synonyms(headword, words))


def _synonyms(headword: str, words: list[str]) -> str | None:
    others: list[str] = []
    for word in words:
        if word.lower() != headword and word not in others:
            others.append(word)
            if len(others) == MAX_SYNONYMS:
                break
    return ", ".join(others) or None


def _tag_counts(directory: Path) -> dict[tuple[str, str], int]:
    """How often each (lemma, part of speech) was seen in WordNet's tagged corpus, if shipped.

    ``index.sense`` (Debian's wordnet-sense-index) has the counts; without it every part of
    speech counts zero and the one with more senses comes first.
    """
    path = directory / "index.sense"
    counts: dict[tuple[str, str], int] = {}
    if not path.is_file():
        return counts
    for line in _read_lines(path):
        fields = line.split()
        if len(fields) < 4 or not fields[3].isdigit() or fields[3] == "0":
            continue
        lemma, _, rest = fields[0].partition("%")
        upos = _SENSE_TYPE.get(rest[:1])
        if upos:
            key = (lemma.replace("_", " ").lower(), upos)
            counts[key] = counts.get(key, 0) + int(fields[3])
    return counts


def _parse_data(path: Path) -> dict[str, tuple[str, str | None, list[str]]]:
    """Synset offset -> (definition, first example, lemmas as written)."""
    synsets: dict[str, tuple[str, str | None, list[str]]] = {}
    for line in _read_lines(path):
        head, _, gloss = line.partition(" | ")
        fields = head.split(" ", 4 + 2 * 64)
        try:
            count = int(fields[3], 16)
            words = [
                _ADJ_MARKER.sub("", w).replace("_", " ") for w in fields[4 : 4 + 2 * count : 2]
            ]
        except (IndexError, ValueError) as exc:
            raise LexiconError(f"{path.name}: malformed line {line[:40]!r}") from exc
        definition, example = split_gloss(gloss.strip())
        synsets[fields[0]] = (definition, example, words)
    return synsets


def split_gloss(gloss: str) -> tuple[str, str | None]:
    """Split a WordNet gloss into its definition and first example sentence (if any)."""
    match = _TRAILING_EXAMPLES.match(gloss)
    if match and match.group(1).strip():
        examples = _QUOTED.findall(match.group(2))
        return match.group(1).strip().rstrip(";:").strip(), (examples[0].strip() or None)
    for marker in ('; "', ': "'):
        at = gloss.find(marker)
        if at > 0:
            examples = _QUOTED.findall(gloss[at:])
            return gloss[:at].strip(), (examples[0].strip() if examples else None) or None
    return gloss.strip().rstrip(";").strip(), None
