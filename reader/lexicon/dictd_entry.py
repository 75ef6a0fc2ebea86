"""The text of one dictd entry, read as translation groups: headword, pronunciation, gloss,
examples and cross-references apart.

FreeDict's entries carry markup meant for a printed page (grammar marks in angle brackets,
pronunciations between slashes, abbreviations glued to genders, example sentences filed as
"see also"); a learner should read plain translations, so this module cleans them. Kept apart
from :mod:`reader.lexicon.dictd`, which reads the files, because the two change for different
reasons: the file format is fixed, the cleaning rules grow with every dictionary met.
"""

from __future__ import annotations

import re

from reader.lexicon.base import Record, headword_of, normalize_pos

_MAX_EXAMPLES = 3

# Grammar marks in angle brackets: genders and numbers are shown short, part-of-speech marks are
# read (and dropped from the gloss: the entry's part of speech is shown on its own).
_GENDERS = {"fem": "f", "masc": "m", "neut": "n", "pl": "pl", "f": "f", "m": "m", "n": "n"}
_EXTRA_POS = {"prep": "ADP", "conj": "CCONJ", "pron": "PRON", "interj": "INTJ", "num": "NUM",
              "art": "DET", "adj": "ADJ", "adv": "ADV", "v": "VERB", "vi": "VERB", "vt": "VERB",
              "n": "NOUN", "noun": "NOUN", "verb": "VERB"}  # fmt: skip
_ANGLE = re.compile(r"\s*<([^<>]*)>")
_MARK = re.compile(r"<([^<>]*)>[^\s,;<>(\[]*")
"""A grammar mark and what is glued after it (see _GLUED): one split of a translation line."""
_PLAIN_HEAD = re.compile(
    r"([^\s/<(\[{_]++(?: [^\s/<(\[{_]++)*+)\s++/([^/\n<>()]++)/(?:\s*+<([^<>()]*+)>)?"
)
"""The commonest headword line: words (single spaces, none of the characters that end a head),
a pronunciation, maybe one grammar mark: ``eel ladder /ˈiːl lˈadə/``, ``abandon /ɐbˈandən/ <v>``."""
_PAREN = re.compile(r"\([^()]*\)")
_PRON = re.compile(r"(?:^|\s)(?:/([^/\n]+)/|\[([^\]\n]+)\])")
_HEAD_END = re.compile(r"\s+(?=[/<(\[{])")
_NUMBERED = re.compile(r"^\d+[.)]\s+")
_BRACED = re.compile(r"\{([^{}]+)\}")
_LABEL = re.compile(r"^(see(?: also)?|synonyms?|antonyms?|note)\s*:\s*", re.IGNORECASE)
# FreeDict's markup that leaks into translations: an abbreviation glued to a grammar mark
# ("Abfahrt <fem>Abf.,  /ˈabf/"), a pronunciation between slashes, the commas they leave.
_GLUED = re.compile(r"(?<=>)[^\s,;<>(\[]+")
_INLINE_PRON = re.compile(r"(?:^|(?<=[\s,;]))/[^/\s][^/\n]*/")
_EMPTY_ITEMS = re.compile(r"\s*,(?:\s*,)+\s*|\s+,")
_SENTENCE = re.compile(r"^[A-Z].*\s.*\s.*[.!?]$")  # "The service is free of charge."
MAX_SEE_WORDS = 4
"""A cross-reference longer than this, or a whole sentence, is an example, not a headword."""
_SHORT_BRACED = re.compile(r"\{\s*+([^{}\s]++(?:\s++[^{}\s]++){0,3}+)\s*+\}")
"""A braced item of at most MAX_SEE_WORDS (4) words, its words without the spaces around them
(possessive: what one word or space run matched is never tried shorter, which could not match)."""

_SQUEEZE = re.compile(r"[\W_]+")
_OBJECT = re.compile(r"(?:\s+(?:sth|sb)\.(?:/(?:sth|sb)\.)?)+$")
_PLACEHOLDER = re.compile(r"\b(?:sth|sb)\.")
_SPELLED_OBJECT = re.compile(r"(?:\s+(?:ˌɛsbˈiː|ˌɛstˌiːˈeɪtʃ))+$")
"""The placeholders' letters as FreeDict pronounces them: "sb." /ˌɛsbˈiː/, "sth." /ˌɛstˌiːˈeɪtʃ/."""


def without_object(headword: str) -> str:
    """FreeDict files a transitive verb with its object: "reap sth.", "flaunt sth.", "delve into
    sth.". A reader looks up "reap" and "delve into", so the object placeholders at the end go
    (ten thousand verbs of eng-deu had no entry under their own name). A headword with a
    placeholder left inside ("take sb.'s side") is a construction, kept whole."""
    if "s" not in headword or "." not in headword:
        return headword
    bare = _OBJECT.sub("", headword)
    if bare == headword or not bare.strip() or _PLACEHOLDER.search(bare):
        return headword
    return bare


def _squeeze(text: str) -> str:
    return _SQUEEZE.sub("", text.lower())


def parse_entry(index_word: str, body: str) -> Record | None:
    """The entry's first translation group (see :func:`parse_groups`), or None."""
    groups = parse_groups(index_word, body)
    return groups[0] if groups else None


def parse_groups(index_word: str, body: str) -> list[Record]:
    """One entry's text as records: headword, pronunciation, translations, and the rest apart
    (see :func:`group_tuples`)."""
    return [Record(*fields) for fields in group_tuples(index_word, body)]


Fields = tuple[str, "str | None", str, "str | None", "str | None", "str | None", "str | None"]
"""A group in Record's field order: headword, pos, gloss, example, synonyms, pronunciation,
see-also."""


def group_tuples(index_word: str, body: str) -> list[Fields]:
    """One entry's text as groups, plain tuples in Record's field order: an import's workers
    parse half a million entries and send them on as tuples, so no Record is made.

    An entry is one translation group, except where its lines are numbered ("1. affirmer",
    "2. déclarer", as in FreeDict's English-French): each numbered line is a group of its own,
    so each can be matched with its own WordNet sense.

    The first line is taken as the headword line when it repeats the index word (the usual
    dictfmt layout). A headword line of another word (with its pronunciation) is that word's
    entry, indexed under a variant: None. Otherwise the whole text is the index word's gloss.
    """
    lines = body.strip().splitlines()
    if not lines:
        return []
    head_line = lines[0].strip()
    plain = _PLAIN_HEAD.fullmatch(head_line)
    head = _plain_head(index_word, plain) if plain else _head(index_word, head_line)
    if head is None:
        return []
    headword, pos, pronunciation, first = head
    translations: list[str] = []
    examples: list[str] = []
    synonyms: list[str] = []
    see: list[str] = []
    notes: list[str] = []
    numbered = 0
    for raw in lines[first:] if first else lines:
        line = raw.strip()
        if not line:
            continue
        first_char = line[0]
        if first_char == '"':
            if len(examples) < _MAX_EXAMPLES:
                examples.append(_example(line))
            continue
        if first_char in "sSaAnN" and ":" in line:
            # "see: {…}" read by its name; the spaces after the colon matter to no label
            name, _, value = line.partition(":")
            kind = _LABELS.get(name)
            if kind is None:
                label = _LABEL.match(line)
                if label:
                    kind = label[1].lower()
                    value = line[label.end() :]
            if kind is not None:
                if kind.startswith("see"):
                    items = _items(value)
                    see = see + [i for i in items if i not in see] if see else items
                elif kind.startswith("synonym"):
                    items = _items(value)
                    synonyms = (
                        synonyms + [i for i in items if i not in synonyms] if synonyms else items
                    )
                else:
                    notes.append(f"{kind}: {value.strip()}" if kind != "note" else value.strip())
                continue
        if first_char.isdigit() and _NUMBERED.match(line):
            line = _NUMBERED.sub("", line)
            numbered += 1
        if "<" in line:
            marks, line = _plain_marks_out(line) or _marks_out(line)
            if pos is None:
                pos = _pos_of_marks(marks)
        elif "/" in line:
            line = _INLINE_PRON.sub("", line)
        text = " ".join(line.split())
        if " ," in text or ",," in text:  # the only spaces left are single " "
            text = _EMPTY_ITEMS.sub(", ", text)
        text = text.strip(" ,")
        if text:
            translations.append(text)
    if not translations:
        return []
    if len(translations) == 1 and not notes:  # the commonest entry: one group, no notes
        return [
            (
                headword,
                pos,
                translations[0],
                examples and "\n".join(examples) or None,
                synonyms and ", ".join(synonyms) or None,
                pronunciation,
                see and ", ".join(see) or None,
            )
        ]
    groups = translations if numbered == len(translations) > 1 else ["; ".join(translations)]
    if notes:
        groups[-1] += "\n(" + "; ".join(notes) + ")"
    head_group = (
        headword,
        pos,
        groups[0],
        "\n".join(examples) or None,
        ", ".join(synonyms) or None,
        pronunciation,
        ", ".join(see) or None,
    )
    if len(groups) == 1:
        return [head_group]
    return [head_group, *((headword, pos, group, None, None, None, None) for group in groups[1:])]


def _plain_marks_out(line: str) -> tuple[list[str], str] | None:
    """:func:`_marks_out` in one split, for a line whose every ">" closes a grammar mark and
    which has no "/" (no pronunciation to drop first); None for any other line."""
    if "/" in line:
        return None
    parts = _MARK.split(line)
    if line.count(">") * 2 != len(parts) - 1:
        return None
    marks = parts[1::2]
    texts = parts[::2]
    last = texts.pop()
    # the split drops what is glued after each mark; rstrip the spaces before it
    kept = map(str.__add__, map(str.rstrip, texts), map(_MARK_TEXT.__getitem__, marks))
    return marks, "".join(kept) + last


def _marks_out(line: str) -> tuple[list[str], str]:
    """A translation line's grammar marks, and the line without them (genders kept short),
    without the abbreviations glued to them and without pronunciations between slashes."""
    marks = _ANGLE.findall(line)
    line = _GLUED.sub("", line)
    if "/" in line:
        line = _INLINE_PRON.sub("", line)
    return marks, _ANGLE.sub(_short_mark, line)


_Head = tuple[str, "str | None", "str | None", int]
"""What an entry's first line says: headword, part of speech, pronunciation, and the number of
lines it takes (1: a headword line; 0: none, the whole text is the gloss)."""


def _plain_head(index_word: str, found: re.Match[str]) -> _Head | None:
    """The commonest headword line, ``eel ladder /ˈiːl lˈadə/`` with maybe a mark (``<v>``),
    read from :data:`_PLAIN_HEAD`'s match as :func:`_head` reads it, without its passes."""
    head, pronunciation, mark = found.groups()
    lower = head.lower()
    if lower == index_word:
        lower = index_word  # the index's string, kept: one string fewer per entry held
    elif not _squeeze(head) == _squeeze(index_word) != "":
        return None  # another headword's entry, with its pronunciation (see _head)
    if "." in head and without_object(head) is not head:
        return _head(index_word, found.string)  # "reap sth.": its sound loses the object too
    # single spaces, no "_": the headword is the head as headword_of() stores it
    return lower, None if mark is None else _pos_of_marks([mark]), pronunciation.strip(), 1


def _head(index_word: str, head_line: str) -> _Head | None:
    """Any first line, read as :func:`group_tuples` says."""
    head = _HEAD_END.split(head_line, maxsplit=1)[0]
    if not (head.lower() == index_word or _squeeze(head) == _squeeze(index_word) != ""):
        if _PRON.search(head_line[len(head) :]):
            # Another headword's entry ("all square /ˈɔːl skwˈeə/ (a/s)"), listed under a
            # variant or abbreviation ("as"): it is read under its own index line, not glossed
            # as this word.
            return None
        return headword_of(index_word), None, None, 0
    pos: str | None = None
    pronunciation: str | None = None
    bare = without_object(head)
    headword = headword_of(bare)
    rest = head_line[len(head) :]
    if rest:
        found = _PRON.search(rest)
        if found:
            pronunciation = (found[1] or found[2]).strip()
            if bare is not head and headword_of(head) != headword:
                # "reap sth." read as "reap": so is its sound
                pronunciation = _SPELLED_OBJECT.sub("", pronunciation) or None
        if "<" in rest:
            pos = _pos_of_marks(_ANGLE.findall(_PAREN.sub("", rest)))
    return headword, pos, pronunciation, 1


_LABELS = {  # the names _LABEL reads, as dictionaries write them
    label: label.lower()
    for name in ("see", "see also", "synonym", "synonyms", "antonym", "antonyms", "note")
    for label in (name, name.capitalize(), name.upper())
}


def _items(value: str) -> list[str]:
    """``{coalitions}, {grand coalition}`` (or a plain comma list) as its items; whole example
    sentences filed as cross-references ("{The service is free. For now at least.}") are not
    headwords to look up, and are left out."""
    # one regex pass finds the braced items of at most MAX_SEE_WORDS words, stripped: a
    # dictionary has half a million such lists, and a loop over every item was a sixth of
    # the parse
    items = _SHORT_BRACED.findall(value)
    if not items:
        if _BRACED.search(value):
            return []  # braced items, all of them too long
        items = [i for i in (i.strip() for i in value.split(",")) if i]
        items = [i for i in items if len(i.split()) <= MAX_SEE_WORDS]
    elif "." not in value and "!" not in value and "?" not in value:
        return items  # no item ends a sentence
    # a sentence ends with . ! or ?: only those items need the sentence pattern
    return [i for i in items if i[-1] not in ".!?" or not _SENTENCE.match(i)]


_EXAMPLE = re.compile(r'^"(.*)"\s*(?:-\s*(.*))?$')


def _example(line: str) -> str:
    """``"run a drugstore"  - eine Drogerie betreiben`` -> ``run a drugstore — eine ...``."""
    found = _EXAMPLE.match(line)
    if not found:
        return line.strip('"')
    source, target = found[1].strip(), (found[2] or "").strip()
    return f"{source} — {target}" if target else source


class _MarkTexts(dict[str, str]):
    """What each grammar mark met so far becomes (a dictionary uses a few hundred): genders
    kept short (``<fem>`` -> `` (f)``), others out."""

    def __missing__(self, inner: str) -> str:
        gender = _GENDERS.get(inner.strip().lower())
        text = f" ({gender})" if gender else ""
        if len(self) < 4096:
            self[inner] = text
        return text


_MARK_TEXT = _MarkTexts()


def _short_mark(found: re.Match[str]) -> str:
    """Grammar marks in a translation: genders kept short (``<fem>`` -> ``(f)``), others out."""
    return _MARK_TEXT[found[1]]


_POS_OF: dict[tuple[str, ...], str | None] = {}
"""What each list of grammar marks met so far says (a dictionary has a few thousand)."""


def _pos_of_marks(marks: list[str]) -> str | None:
    key = tuple(marks)
    if key in _POS_OF:
        return _POS_OF[key]
    pos = _pos_of_new_marks(marks)
    if len(_POS_OF) < 65536:
        _POS_OF[key] = pos
    return pos


def _pos_of_new_marks(marks: list[str]) -> str | None:
    for inner in marks:
        first = inner.split(",")[0].strip().lower()
        if first in ("fem", "masc", "neut"):
            return "NOUN"
        pos = _EXTRA_POS.get(first) or normalize_pos(first)
        if pos:
            return pos
    return None
