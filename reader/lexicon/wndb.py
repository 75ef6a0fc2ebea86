"""Reading Princeton WordNet's database files (the wndb(5) format), from a directory or a zip.

NLTK's downloader may leave only ``corpora/wordnet.zip``, so a zip holding the files in one
folder is read in place. Data lines are keyed by the byte offset each one starts with, which is
how the index files point at them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from reader.lexicon.base import LexiconError, Progress, Row

MAX_SYNONYMS = 5
# File suffix and UPOS, in the order used when a word's parts of speech are otherwise tied.
POS_FILES = (("noun", "NOUN"), ("verb", "VERB"), ("adj", "ADJ"), ("adv", "ADV"))
REQUIRED_FILES = tuple(f"{kind}.{suffix}" for suffix, _ in POS_FILES for kind in ("index", "data"))
_SENSE_TYPE = {"1": "NOUN", "2": "VERB", "3": "ADJ", "4": "ADV", "5": "ADJ"}

# A gloss is 'definition; "example"; "example"'. Examples are only trusted at the very end, so a
# quoted phrase inside the definition ('the phrase "make strides"') stays in the definition.
_EXAMPLE_START = re.compile(r'[;:]\s*"')
_TRAILING_EXAMPLES = re.compile(r'(.*?)\s*[;:,]\s*((?:"[^"]*"[\s;:,]*)+)$', re.DOTALL)
_QUOTED = re.compile(r'"([^"]*)"')
_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")
_TIGHT_SEMICOLON = re.compile(r";(?=[A-Za-z(])")  # "to a great depth;far down"
_LABEL = re.compile(r"^\(([a-z][a-z -]*)\)\s")  # "(computer science) rules determining..."
_SS_TYPE_NUMBER = {"n": 1, "v": 2, "a": 3, "s": 5, "r": 4}


class Synset(NamedTuple):
    """One data line: what a sense shows, and what its sense key and cannot-fit flags need."""

    definition: str
    example: str | None
    words: list[str]  # lemmas as written, '_' as spaces, adjective markers dropped
    lex_ids: list[int]
    lexfile: int
    ss_type: str  # n, v, a, s (adjective satellite) or r
    instance: bool = False  # an instance of its hypernym: names one particular thing
    domains: tuple[str, ...] = ()  # offsets of its topic domains (';c' pointers, nouns)
    head: str | None = None  # a satellite's head synset (its '&' pointer), for the sense key


class WordNetFiles:
    """The database files of one WordNet, wherever they are stored."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        if location.is_file():
            try:
                self._zip = zipfile.ZipFile(location)
            except (OSError, zipfile.BadZipFile) as exc:
                raise LexiconError(f"{location}: not a readable zip ({exc})") from exc
            for info in self._zip.infolist():
                self._members.setdefault(info.filename.rsplit("/", 1)[-1], info)

    def has(self, name: str) -> bool:
        return name in self._members if self._zip else (self.location / name).is_file()

    def size(self, name: str) -> int:
        if self._zip:
            return self._members[name].file_size
        return (self.location / name).stat().st_size

    def lines(self, name: str) -> list[str]:
        """The file's lines, without the licence header (lines starting with two spaces)."""
        try:
            raw = (
                self._zip.read(self._members[name])
                if self._zip
                else (self.location / name).read_bytes()
            )
        except (OSError, KeyError, zipfile.BadZipFile) as exc:
            raise LexiconError(f"cannot read {name} from {self.location} ({exc})") from exc
        text = raw.decode("utf-8", errors="replace")
        return [line for line in text.split("\n") if line and not line.startswith("  ")]


def open_wordnet(location: Path) -> WordNetFiles | None:
    """The WordNet at ``location`` (a directory, or beside it ``<location>.zip``), if complete."""
    candidates = [location, location.with_name(location.name + ".zip")]
    for candidate in candidates:
        if candidate.is_dir() or (candidate.is_file() and zipfile.is_zipfile(candidate)):
            files = WordNetFiles(candidate)
            if all(files.has(name) for name in REQUIRED_FILES):
                return files
    return None


@dataclass
class Parsed:
    synsets: dict[str, dict[str, Synset]] = field(default_factory=dict)  # by UPOS, then offset
    senses: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    tagged: dict[tuple[str, str], int] = field(default_factory=dict)


def parse(files: WordNetFiles, progress: Progress | None = None, total: int = 0) -> Parsed:
    """Read every synset and every index entry; progress counts bytes read, up to ``total``."""
    parsed = Parsed()
    done = 0
    for suffix, upos in POS_FILES:
        parsed.synsets[upos] = parse_data(files, f"data.{suffix}")
        for line in files.lines(f"index.{suffix}"):
            try:
                lemma, _, count_text, _ = line.split(" ", 3)  # lemma pos synset_cnt ...
                count = int(count_text)
                offsets = line.rstrip().rsplit(" ", count)[1:] if count else []
            except ValueError as exc:
                raise LexiconError(f"index.{suffix}: malformed line {line[:40]!r}") from exc
            headword = lemma.replace("_", " ").lower()
            parsed.senses.setdefault(headword, []).append((upos, offsets))
        done += files.size(f"data.{suffix}") + files.size(f"index.{suffix}")
        if progress:
            progress(done, total)
    parsed.tagged = tag_counts(files)
    return parsed


def rows(
    parsed: Parsed, progress: Progress | None = None, start: int = 0, span: int = 0
) -> Iterator[Row]:
    """Every (lemma, part of speech, synset) as a row, each headword's senses ranked together.

    Within a part of speech the order is index.<pos>'s, which WordNet sorts by how often each
    sense was seen in its tagged corpus. Across parts of speech, the part whose senses were seen
    most often overall comes first ("run" is first a verb, "dog" a noun), so a lookup without a
    part of speech can simply order by rank. Progress runs from ``start`` to ``start + span``.
    """
    headwords = sorted(parsed.senses)
    names = domain_names(parsed)
    labels = frozenset(
        word.lower() for offset in names for word in parsed.synsets["NOUN"][offset].words
    )
    adjectives = parsed.synsets.get("ADJ", {})
    for number, headword in enumerate(headwords, start=1):
        blocks = parsed.senses[headword]
        if len(blocks) > 1:
            blocks.sort(key=lambda b: (-parsed.tagged.get((headword, b[0]), 0), -len(b[1])))
        rank = 0
        for upos, offsets in blocks:
            table = parsed.synsets[upos]
            for offset in offsets:
                found = table.get(offset)
                if found is None:
                    raise LexiconError(f"WordNet index points at a missing synset {offset}")
                rank += 1
                yield Row(
                    headword,
                    upos,
                    rank,
                    found.definition,
                    found.example,
                    _synonyms(headword, found.words),
                    sense_key(headword, found, adjectives),
                    _is_proper(headword, found),
                    domain_of(found, names, labels),
                )
        if progress and number % 10000 == 0:
            progress(start + span * number // len(headwords), start + span)


def _is_proper(headword: str, synset: Synset) -> bool:
    """Does this sense name one particular thing: an instance ("Hope, Bob Hope"), or a name
    WordNet writes capitalized where the headword is a common word ("United Front")?"""
    if synset.instance:
        return True
    written = next((w for w in synset.words if w.lower() == headword), headword)
    return written != written.lower()


def _synonyms(headword: str, words: list[str]) -> str | None:
    others: list[str] = []
    for word in words:
        if word.lower() != headword and word not in others:
            others.append(word)
            if len(others) == MAX_SYNONYMS:
                break
    return ", ".join(others) or None


def tag_counts(files: WordNetFiles) -> dict[tuple[str, str], int]:
    """How often each (lemma, part of speech) was seen in WordNet's tagged corpus, if shipped.

    ``index.sense`` (Debian's wordnet-sense-index) has the counts; without it every part of
    speech counts zero and the one with more senses comes first.
    """
    counts: dict[tuple[str, str], int] = {}
    if not files.has("index.sense"):
        return counts
    for line in files.lines("index.sense"):
        fields = line.split()
        if len(fields) < 4 or not fields[3].isdigit() or fields[3] == "0":
            continue
        lemma, _, rest = fields[0].partition("%")
        upos = _SENSE_TYPE.get(rest[:1])
        if upos:
            key = (lemma.replace("_", " ").lower(), upos)
            counts[key] = counts.get(key, 0) + int(fields[3])
    return counts


def parse_data(files: WordNetFiles, name: str) -> dict[str, Synset]:
    """Synset offset -> its :class:`Synset`."""
    synsets: dict[str, Synset] = {}
    adjectives = name == "data.adj"
    for line in files.lines(name):
        head, _, gloss = line.partition(" | ")
        fields = head.split(" ")  # offset lex_filenum ss_type w_cnt (word lex_id)... p_cnt ...
        try:
            count = int(fields[3], 16)
            pairs = fields[4 : 4 + 2 * count]
            words = [w.replace("_", " ") for w in pairs[::2]]
            lex_ids = [int(x, 16) for x in pairs[1::2]]
            pointers = _pointers(fields, 4 + 2 * count)
            lexfile = int(fields[1])
        except (IndexError, ValueError) as exc:
            raise LexiconError(f"{name}: malformed line {line[:40]!r}") from exc
        if adjectives:
            words = [_ADJ_MARKER.sub("", w) for w in words]
        definition, example = split_gloss(gloss.strip())
        synsets[fields[0]] = Synset(
            definition,
            example,
            words,
            lex_ids,
            lexfile,
            fields[2],
            instance=any(symbol == "@i" for symbol, _ in pointers),
            domains=tuple(target for symbol, target in pointers if symbol == ";c"),
            head=next((target for symbol, target in pointers if symbol == "&"), None)
            if fields[2] == "s"
            else None,
        )
    return synsets


def _pointers(fields: list[str], at: int) -> list[tuple[str, str]]:
    """(symbol, target offset) of a data line's pointers; the mini test WordNet may have none."""
    if at >= len(fields):
        return []
    count = int(fields[at])
    found = fields[at + 1 : at + 1 + 4 * count]
    return [(found[i], found[i + 1]) for i in range(0, len(found) - 3, 4)]


def sense_key(headword: str, synset: Synset, adjectives: dict[str, Synset]) -> str | None:
    """WordNet's sense key for ``headword`` in ``synset`` (``summit%1:14:00::``), or None.

    A satellite adjective's key names its cluster's head word and that word's lex id, as
    WordNet's senseidx(5) says; a satellite whose head is missing (a partial extract) has none.
    """
    lemma = headword.replace(" ", "_")
    lex_id = next(
        (i for w, i in zip(synset.words, synset.lex_ids, strict=True) if w.lower() == headword),
        None,
    )
    if lex_id is None:
        return None
    head_word, head_id = "", ""
    if synset.ss_type == "s":
        head = adjectives.get(synset.head or "")
        if head is None or not head.words:
            return None
        head_word = head.words[0].lower().replace(" ", "_")
        head_id = f"{head.lex_ids[0]:02d}"
    number = _SS_TYPE_NUMBER[synset.ss_type]
    return f"{lemma}%{number}:{synset.lexfile:02d}:{lex_id:02d}:{head_word}:{head_id}"


def domain_names(parsed: Parsed) -> dict[str, str]:
    """Topic-domain synset offset -> its name ("computer science"), for every domain in use."""
    nouns = parsed.synsets.get("NOUN", {})
    names: dict[str, str] = {}
    for table in parsed.synsets.values():
        for synset in table.values():
            for offset in synset.domains:
                target = nouns.get(offset)
                if target is not None and target.words:
                    names[offset] = target.words[0].lower()
    return names


def domain_of(synset: Synset, names: dict[str, str], labels: frozenset[str]) -> str | None:
    """The topic domain a sense needs in its context: its ';c' domain, or a gloss label
    ("(geology) ...") that names one of WordNet's topic domains. Usage labels ("(informal)")
    are not domains."""
    for offset in synset.domains:
        if offset in names:
            return names[offset]
    found = _LABEL.match(synset.definition)
    if found and found.group(1) in labels:
        return found.group(1)
    return None


def split_gloss(gloss: str) -> tuple[str, str | None]:
    """Split a WordNet gloss into its definition and first example sentence (if any).

    Examples follow the definition after '; "' (sometimes ':' or ',', with or without a space),
    while quotes inside a definition ('the phrase "make strides"') follow a plain space. An example
    may end in an attribution ("- W.Churchill"), so the earliest separator wins, whether found by
    '; "' or by the definition being followed by nothing but quotes.
    """
    cuts: list[tuple[int, int]] = []  # (end of definition, start of examples)
    if found := _EXAMPLE_START.search(gloss):
        cuts.append((found.start(), found.start()))
    if (match := _TRAILING_EXAMPLES.match(gloss)) and match.group(1).strip():
        cuts.append((match.end(1), match.start(2)))
    if not cuts:
        return _spaced(gloss.strip().rstrip(";").strip()), None
    end, start = min(cuts)
    examples = _QUOTED.findall(gloss[start:])
    example = examples[0].strip().rstrip(":;").strip() if examples else ""
    return _spaced(gloss[:end].strip().rstrip(";:,").strip()), example or None


def _spaced(definition: str) -> str:
    """A few hundred WordNet glosses lack the space after a semicolon."""
    return _TIGHT_SEMICOLON.sub("; ", definition)
