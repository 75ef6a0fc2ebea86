"""Glosses a learner can read: cleaned WordNet text, circular definitions explained, counts in
words, words no dictionary lists explained through their parts, and "one-on-one" not a number."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from reader.learn.glossing import PARTS_SOURCE, gloss_entry
from reader.lexicon import import_dictionary
from reader.lexicon.builtin import ensure_lexicon
from reader.lexicon.lookup import Gloss
from reader.lexicon.readable import circular_word, clean_sense, clean_text, readable
from reader.lexicon.wordparts import Part, split_compound, split_word
from reader.text import tag_words
from reader.wording import counted

# -- cleaning ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "definitely or positively (`sure' is sometimes used informally for `surely')",
            "definitely or positively (“sure” is sometimes used informally for “surely”)",
        ),
        ("uttering `ooh' or `aah'", "uttering “ooh” or “aah”"),
        ("remained vulnerable--his `Achilles' heel'", "remained vulnerable — his “Achilles' heel”"),
        ("a mark (`) placed above a vowel", "a mark (`) placed above a vowel"),  # a lone backquote
        ("to remain unmolested -- used only in infinitive form",
         "to remain unmolested — used only in infinitive form"),
    ],
)  # fmt: skip
def test_backquotes_and_dashes_become_typography(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("definition", "example", "expected"),
    [
        # the example was split off after "e.g.", which was left stranded
        ("keep in a certain state, position, or activity; e.g.", "keep clean",
         ("keep in a certain state, position, or activity", "keep clean")),
        ("of metal e.g.", "bent nails", ("of metal", "bent nails")),
        ("reach a goal, e.g.", "make the first team", ("reach a goal", "make the first team")),
        # the first example was left inside the definition
        ('incapable of being changed or moved or undone; e.g. "frozen prices"',
         "living on fixed incomes",
         ("incapable of being changed or moved or undone", "frozen prices")),
        # an unquoted illustration is part of the definition, tidied
        ("any usually predatory wild animal considered undesirable; e.g., coyote", None,
         ("any usually predatory wild animal considered undesirable; e.g. coyote", None)),
        ("having two poles", "a `bipolar' magnet",
         ("having two poles", "a “bipolar” magnet")),
    ],
)  # fmt: skip
def test_e_g_is_cleaned(
    definition: str, example: str | None, expected: tuple[str, str | None]
) -> None:
    assert clean_sense(definition, example) == expected


def test_the_learners_own_words_are_never_rewritten() -> None:
    mine = Gloss("learner", "learner", "x", None, 0, "my `odd' -- note; e.g.")
    assert readable(mine) is mine
    theirs = Gloss("wordnet", "wordnet", "x", "NOUN", 1, "a `word' e.g.")
    assert readable(theirs).gloss == "a “word”"


def test_circular_definitions_are_found() -> None:
    assert circular_word("significance", "the quality of being significant") == "significant"
    assert circular_word("happiness", "state of well-being characterized by joy") is None
    assert circular_word("summit", "the highest level or degree attainable") is None
    assert circular_word("take over", "take over the running of") is None  # phrases: never
    assert circular_word("present-day", "belonging to the present time") is None
    long = "in a close relation or position in time or space"  # says enough by itself
    assert circular_word("closely", long) is None
    assert circular_word("calmly", "in a calm manner") == "calm"


def test_counts_are_grammatical() -> None:
    assert counted(1, "more sense") == "1 more sense"
    assert counted(2, "more sense") == "2 more senses"
    assert counted(1, "entry") == "1 entry"
    assert counted(206941, "entry") == "206,941 entries"
    assert counted(0, "sentence") == "0 sentences"
    assert counted(1, "lemma", sep=" ") == "1 lemma"


# -- word parts (no lexicon: a set of known words) --------------------------------------------

KNOWN = {"polar", "nuclear", "message", "counter", "heir", "training", "follow", "war", "till"}


def known(word: str) -> bool:
    return word in KNOWN


def texts(parts: list[Part] | None) -> list[str]:
    return [p.text for p in parts or []]


def test_derivations_split_into_affixes_and_a_known_stem() -> None:
    assert texts(split_word("multipolar", known)) == ["multi-", "polar"]
    assert texts(split_word("denuclearization", known)) == ["de-", "nuclear", "-ization"]
    assert texts(split_word("unfollowable", known)) == ["un-", "follow", "-able"]
    assert split_word("kimchi", known) is None  # nothing to explain it by
    assert split_word("polar", known) is None  # one part is no analysis


def test_compounds_split_with_a_prefix_first_and_glue_between() -> None:
    parts = split_compound("counter-message", known)
    assert [(p.text, p.kind) for p in parts or []] == [
        ("counter-", "prefix"),
        ("message", "word"),
    ]
    assert parts and parts[0].meaning == "against, in answer to"
    assert texts(split_compound("heir-in-training", known)) == ["heir", "in", "training"]
    assert texts(split_compound("anti-war", known)) == ["anti-", "war"]
    assert split_compound("jong-un", known) is None  # a name: not every part is explained


# -- through the lexicon ----------------------------------------------------------------------


@pytest.fixture
def lexicon(db: sqlite_utils.Database, mini_wordnet: Path, tmp_path: Path) -> sqlite_utils.Database:
    """The mini WordNet (the seed's words) and a small dictionary for the stems it lacks."""
    ensure_lexicon(db)
    extra = tmp_path / "stems.tsv"
    extra.write_text(
        "polar\thaving poles; of or near the earth's poles\n"
        "significant\timportant in effect or meaning\n"
        "counter\ta table over which business is transacted\n",
        encoding="utf-8",
    )
    import_dictionary(db, extra)
    return db


def test_a_compound_is_glossed_by_its_parts_never_by_its_first_word(
    lexicon: sqlite_utils.Database,
) -> None:
    entry = gloss_entry(lexicon, "counter-message", pos="NOUN")
    assert [s.source for s in entry.senses] == [PARTS_SOURCE]
    gloss = entry.short()
    assert gloss.startswith("counter- (against, in answer to) + message (")
    assert "table" not in gloss and "business" not in gloss


def test_a_derivation_is_glossed_by_its_parts(lexicon: sqlite_utils.Database) -> None:
    multipolar = gloss_entry(lexicon, "multipolar", pos="ADJ").short()
    assert multipolar == "multi- (many) + polar (having poles)"
    denuclearization = gloss_entry(lexicon, "denuclearization", pos="NOUN").short()
    assert denuclearization.startswith("de- (removing, undoing, reversing) + nuclear (")
    assert denuclearization.endswith(" + -ization (the process of making or becoming)")
    assert "(weapons)" not in denuclearization  # a part's domain label is dropped


def test_names_are_not_split_into_parts(lexicon: sqlite_utils.Database) -> None:
    assert gloss_entry(lexicon, "multipolar", pos="PROPN").senses == []


def test_a_circular_definition_is_followed_by_the_word_it_leans_on(
    lexicon: sqlite_utils.Database,
) -> None:
    first = gloss_entry(lexicon, "significance", pos="NOUN").senses[0]
    assert first.gloss == (
        "the quality of being significant (significant: important in effect or meaning)"
    )


def test_wordnet_text_is_cleaned_on_the_way_to_every_display(
    lexicon: sqlite_utils.Database,
) -> None:
    raw = lexicon.execute(
        "SELECT gloss FROM lex_entries WHERE headword = 'sure' AND gloss LIKE '%`%'"
    ).fetchone()
    assert raw is not None  # WordNet's own text has the backquotes
    shown = [s.gloss for s in gloss_entry(lexicon, "sure").senses]
    assert not any("`" in g for g in shown)
    assert any("“sure” is sometimes used informally for “surely”" in g for g in shown)


# -- tagging ----------------------------------------------------------------------------------


def test_one_on_one_is_not_a_number() -> None:
    words = [
        "a",
        "departure",
        "from",
        "the",
        "one-on-one",
        "summits",
        "that",
        "defined",
        "his",
        "diplomacy",
    ]
    tags = dict(zip(words, tag_words(words), strict=True))
    assert tags["one-on-one"] == ("ADJ", "one-on-one")
    said = tag_words(["They", "met", "one-on-one", "."])
    assert said[2][0] == "ADV"
    assert tag_words(["a", "one-to-one", "meeting"])[1][0] == "ADJ"
    assert tag_words(["He", "paid", "twenty-one", "dollars"])[2][0] == "NUM"
    assert tag_words(["due", "01-Feb-02", "."])[1][0] != "ADV"  # a date is no phrase


def test_the_entry_counts_hidden_senses_in_words() -> None:
    from reader.learn.glossing import GlossEntry
    from reader.ui.widgets.glosses import MAX_SENSES, render_detail

    def entry(count: int) -> GlossEntry:
        senses = [Gloss("wordnet", "wordnet", "run", "VERB", n, f"sense {n}") for n in range(count)]
        return GlossEntry("run", "VERB", senses=senses)

    assert "… 1 more sense ·" in render_detail(entry(MAX_SENSES + 1)).plain
    assert "… 2 more senses ·" in render_detail(entry(MAX_SENSES + 2)).plain


def test_a_long_gloss_keeps_the_cursor_and_the_part_of_speech() -> None:
    """Rich used to squeeze the marker and "noun" out of a row whose gloss was long."""
    from rich.console import Console

    from reader.learn.glossing import GlossEntry
    from reader.learn.session import GlossRow, Unit
    from reader.ui.widgets.glosses import render_glosses

    long = "a journalist employed to provide news stories for newspapers or broadcast media"
    rows = [
        GlossRow(
            Unit(lemma, (i,), "NOUN", False, lemma),
            GlossEntry(lemma, "NOUN", senses=[Gloss("wordnet", "wordnet", lemma, "NOUN", 0, text)]),
        )
        for i, (lemma, text) in enumerate([("correspondent", long), ("war", "armed conflict")])
    ]
    console = Console(width=56, record=True)
    console.print(render_glosses(rows, "correspondent"))
    lines = console.export_text().splitlines()
    assert lines[0].startswith("▸ correspondent noun")
    assert lines[0].endswith("…")
    assert lines[1].startswith("  war")
    assert "noun" in lines[1]


def test_see_also_is_cut_to_one_line_saying_how_many_more() -> None:
    from reader.lexicon.readable import see_also_line

    many = ", ".join(f"item number {n}" for n in range(12))
    line = see_also_line(many, width=40)
    assert line == "item number 0, item number 1 … +10"
    assert see_also_line("a, b") == "a, b"


def test_two_close_senses_share_the_row() -> None:
    from rich.text import Text

    from reader.ui.widgets.glosses import _halves

    shown = _halves(Text("a conversation between two persons at length | a discussion"), 30).plain
    assert "| a discussion" in shown and len(shown) <= 30
    assert _halves(Text("short | one"), 30).plain == "short | one"
