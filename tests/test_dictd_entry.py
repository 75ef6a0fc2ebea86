"""The entry parser's fast paths: each reads the shapes it takes exactly as the general path
does, and leaves every other shape to it."""

from __future__ import annotations

import pytest

from reader.lexicon import dictd_entry
from reader.lexicon.dictd_entry import (
    _PLAIN_HEAD,
    _head,
    _marks_out,
    _plain_head,
    _plain_marks_out,
    group_tuples,
)

PLAIN_HEADS = [
    ("eel ladder", "eel ladder /ˈiːl lˈadə/"),
    ("abandon", "abandon /ɐbˈandən/ <v>"),
    ("abject", "Abject /ˈabdʒɛkt/  <adj>"),
    ("ablebodied", "able-bodied /ˈeɪbəl bˈɒdid/ <adj>"),  # the index word squeezed
    ("dont mention it", "don't mention it\t/dɔntmenʃənit/"),
    ("reap sth", "reap sth. /ɹˈiːp ˌɛstˌiːˈeɪtʃ/"),  # handed on: the object goes from the sound
    ("take sbs side", "take sb.'s side /x/"),
    ("as", "all square /ˈɔːl skwˈeə/"),  # another headword's entry
    ("spaced", "spaced /  spˈeɪst  /"),
    ("marked", "marked /mˈɑːkt/ <v, trans>"),
    ("empty mark", "empty mark /x/ <>"),
]
OTHER_HEADS = [
    ("run", "run /ɹˈʌn/ (ran /ɹˈan/ <>, run /ɹˈʌn/ <>) <v>"),
    ("aaa", "Amateur Athletic Association /ˈamətəɹ/ (AAA /ˌeɪˌeɪˈeɪ/)"),
    ("247", "24/7 /twˈɛnti fˈɔː sˈɛvən/"),
    ("a b", "a  b /x/"),  # two spaces: headword_of() squeezes them
    ("snake_case", "snake_case /x/"),
    ("gnu", "An African antelope."),
    ("bracketed", "bracketed [ˈbɹakɪtɪd]"),
    ("two marks", "two marks /x/ <v> <adj>"),
    ("parens", "parens /x/ <(v)>"),
    ("after", "after /x/ <v> extra"),
    ("slashes", "slashes /a<b/"),
]


@pytest.mark.parametrize(("index_word", "line"), PLAIN_HEADS)
def test_a_plain_headword_line_reads_as_any_headword_line(index_word: str, line: str) -> None:
    found = _PLAIN_HEAD.fullmatch(line)
    assert found is not None
    assert _plain_head(index_word, found) == _head(index_word, line)


@pytest.mark.parametrize(("index_word", "line"), OTHER_HEADS)
def test_other_headword_lines_are_left_to_the_general_path(index_word: str, line: str) -> None:
    assert _PLAIN_HEAD.fullmatch(line) is None


PLAIN_LINES = [
    "Aalleiter <fem>, Aaltreppe <fem>, Aalpass <masc>",
    "Koalition <fem> [pol.]",
    "Nachfolger <masc>, Nachfolgerin <fem>Nc…",  # a code glued to the mark
    "Abfahrt <fem>Abf., Abflug <masc>",
    "laufen <v, intr>",
    "abstrakt <adj>, begrifflich <adj>",  # a dropped mark: no space left before the comma
    "etw. ernten  \t<v>;  abernten <v>",
    "<pl> Leute",
    "Haus <NEUT >",
    "Ding <fem><pl>x, y",
    "a <> b",
    "a < b <fem>",  # a "<" that opens no mark
]
OTHER_LINES = [
    "Abfahrt <fem>Abf.,  /ˈabf/ , Abflug <masc> [transp.]",  # a pronunciation to drop first
    "a > b <fem>",  # a ">" that closes no mark
    "x>glued <fem>",
    "sb./sth. <v>",
]


@pytest.mark.parametrize("line", PLAIN_LINES)
def test_a_plain_translation_line_loses_its_marks_as_any_line(line: str) -> None:
    assert _plain_marks_out(line) == _marks_out(line)


@pytest.mark.parametrize("line", OTHER_LINES)
def test_other_translation_lines_are_left_to_the_general_path(line: str) -> None:
    assert _plain_marks_out(line) is None


def test_the_fast_paths_give_the_groups_of_the_general_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bodies = [(w, f"{line}\n{tr}\n see: {{a b}}, {{c}}\n") for w, line in PLAIN_HEADS + OTHER_HEADS
              for tr in PLAIN_LINES + OTHER_LINES]  # fmt: skip
    fast = [group_tuples(w, b) for w, b in bodies]
    monkeypatch.setattr(dictd_entry, "_PLAIN_HEAD", dictd_entry.re.compile(r"(?!)"))
    monkeypatch.setattr(dictd_entry, "_plain_marks_out", lambda line: None)
    assert fast == [group_tuples(w, b) for w, b in bodies]
    assert any(fast)


LABELLED = [
    " see: {coalitions}, {grand coalition}",
    "See also: {wildebeest}, {The service is free. For now at least.}",
    "   Synonyms: {race}, {run}",
    "   Synonym :  {race}",  # a space before the colon: the pattern reads it
    "SYNONYMS: race, sprint, the longest run of all time",
    "Antonym: {walk}",
    "         Note: Sport",
    "note:",
    "seeing: is believing",  # no label
    "Salz: <neut>",
]


@pytest.mark.parametrize("line", LABELLED)
def test_a_label_read_by_its_name_reads_as_by_the_pattern(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = f"run /ɹˈʌn/\nlaufen <v>\n{line}\n"
    fast = group_tuples("run", body)
    monkeypatch.setattr(dictd_entry, "_LABELS", {})
    assert fast == group_tuples("run", body)
    assert fast
