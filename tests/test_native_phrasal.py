"""A German speaker reading "leaders from the three sides came together": German for the phrasal
verb (joined as German joins it), and never a French gloss first (issue 19)."""

from __future__ import annotations

from pathlib import Path

from _dictd import write_dictd

from reader.learn.glossing import gloss_entry
from reader.lexicon import import_dictionary
from reader.lexicon.base import WORDNET_PRIORITY, Row, store_source

SENTENCE = "This was the first time that leaders from the three sides came together."


def _wordnet(db) -> None:
    rows = [
        Row("come together", "VERB", 1, "come together, as if in an embrace", None, "close",
            sense_key="come_together%2:38:03::"),
        Row("take over", "VERB", 1, "seize and take control without authority", None, "seize",
            sense_key="take_over%2:41:00::"),
    ]  # fmt: skip
    store_source(db, name="wordnet", kind="wordnet", origin="test", rows=rows,
                 priority=WORDNET_PRIORITY, target_lang="en")  # fmt: skip


def _import_pairs(db, tmp_path: Path) -> None:
    _wordnet(db)
    write_dictd(tmp_path, "freedict-deu-eng", [
        ("zusammenkommen", "zusammenkommen /x/ <v>\nget together <v>, meet <v>, assemble <v>\n"),
        ("zusammenkommend", "zusammenkommend /x/ <adj>\ngetting together\n"),
        ("überdauern", "überdauern /x/ <v>\noutlast <v>, outlive <v>\n"),
    ])  # fmt: skip
    forward = write_dictd(tmp_path, "freedict-eng-deu", [
        ("come", "come /x/ <v>\nkommen <v>\n"),
        ("come", "come /x/ <v>\nkommend\n"),
        ("take", "take /x/ <v>\ndauern <v>\n"),
        ("together", "together /x/ <adv>\nzusammen\n"),
        ("over", "over /x/ <prep>\nüber\n"),
    ])  # fmt: skip
    import_dictionary(db, forward)
    write_dictd(tmp_path, "freedict-fra-eng", [("accoupler", "accoupler /x/\nto couple\n")])
    french = write_dictd(tmp_path, "freedict-eng-fra", [
        ("come together", "come together /x/ <v>\ns'accoupler\n"),
    ])  # fmt: skip
    import_dictionary(db, french)


def test_a_phrasal_verb_the_dictionary_lacks_gets_its_german_compound(db, tmp_path) -> None:
    _import_pairs(db, tmp_path)
    first = gloss_entry(db, "come together", native_lang="de").senses[0]
    assert (first.source, first.gloss) == ("freedict-eng-deu", "zusammenkommen")
    assert first.sense_key == "come_together%2:38:03::"  # aligned through "get together"
    # a joining whose English says nothing of the phrase's senses is no translation of it
    take_over = gloss_entry(db, "take over", native_lang="de").senses
    assert [s.source for s in take_over] == ["wordnet"]


def test_a_french_gloss_never_comes_first_for_a_german_speaker(db, tmp_path) -> None:
    _import_pairs(db, tmp_path)
    db.conn.execute(
        "DELETE FROM lex_entries WHERE headword = 'come together' AND source_id = "
        "(SELECT id FROM lex_sources WHERE name = 'freedict-eng-deu')"
    )
    german = gloss_entry(db, "come together", native_lang="de").senses
    assert [s.source for s in german] == ["wordnet", "freedict-eng-fra"]
    # a French speaker still gets French first, and without a language set the order holds
    french = gloss_entry(db, "come together", native_lang="fr").senses
    assert french[0].source == "freedict-eng-fra"
    plain = gloss_entry(db, "come together", native_lang="").senses
    assert [s.source for s in plain] == ["freedict-eng-fra", "wordnet"]


def test_the_sentence_shows_the_german_for_came_together(db, tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from reader.cli import main

    _import_pairs(db, tmp_path)
    run = CliRunner(mix_stderr=False)
    assert run.invoke(main, ["config", "set", "native_lang", "de"]).exit_code == 0
    result = run.invoke(main, ["analyze", "--glosses", "--json"], input=SENTENCE)
    assert result.exit_code == 0, result.stderr
    tokens = {t["text"]: t for t in json.loads(result.stdout)[0]["tokens"]}
    gloss = tokens["came"]["gloss"]
    assert (gloss["term"], gloss["source"], gloss["text"]) == (
        "come together", "freedict-eng-deu", "zusammenkommen",
    )  # fmt: skip


RULE = "For decades the old king held absolute rule over the valley."


def _import_rule(db, tmp_path: Path) -> None:
    _wordnet(db)
    write_dictd(tmp_path, "freedict-deu-eng", [("herrschaft", "Herrschaft /x/\nrule <n>\n")])
    german = write_dictd(tmp_path, "freedict-eng-deu", [
        ("rule", "rule /x/\nHerrschaft <fem>\n"), ("king", "king /x/\nKönig <masc>\n"),
    ])  # fmt: skip
    import_dictionary(db, german)
    write_dictd(tmp_path, "freedict-fra-eng", [("autocratie", "autocratie /x/\nautocracy\n")])
    french = write_dictd(tmp_path, "freedict-eng-fra", [
        ("absolute rule", "absolute rule /x/\nautocratie\n"),
    ])  # fmt: skip
    import_dictionary(db, french)


def _gloss_of(word: str, native_lang: str) -> dict:
    import json

    from click.testing import CliRunner

    from reader.cli import main

    run = CliRunner(mix_stderr=False)
    assert run.invoke(main, ["config", "set", "native_lang", native_lang]).exit_code == 0
    result = run.invoke(main, ["analyze", "--glosses", "--json"], input=RULE)
    assert result.exit_code == 0, result.stderr
    tokens = {t["text"]: t for t in json.loads(result.stdout)[0]["tokens"]}
    return tokens[word]["gloss"] or {}


def test_a_phrase_only_a_third_language_lists_is_no_term(db, tmp_path) -> None:
    from reader.learn.phrases import PhraseIndex
    from reader.learn.study_phrases import phrase_set

    _import_rule(db, tmp_path)
    # a German speaker: "absolute rule" is only in the French dictionary, so no term glossed
    # "autocratie"; "absolute" and "rule" are words of their own
    gloss = _gloss_of("absolute", "de")
    assert gloss.get("term") != "absolute rule"
    assert _gloss_of("rule", "de")["text"] == "Herrschaft (f)"
    for_german = PhraseIndex.from_db(db, native_lang="de").size
    german = phrase_set(db, "en")
    # a French speaker gets the term in French, and so does a learner with no language set
    assert (_gloss_of("absolute", "fr")["term"], _gloss_of("absolute", "fr")["text"]) == (
        "absolute rule", "autocratie",
    )  # fmt: skip
    assert PhraseIndex.from_db(db, native_lang="").size == for_german + 1
    # the study list's kept counts were made for the German learner's phrases: counted again
    assert phrase_set(db, "en") != german


def test_an_adverb_between_a_verb_and_its_preposition_keeps_the_term(db, tmp_path) -> None:
    from reader.learn.annotate import token_rows
    from reader.learn.phrases import PhraseIndex
    from reader.learn.texts import TokenRow
    from reader.text import analyze

    def tokens(sentence: str) -> list[TokenRow]:
        (analyzed,) = analyze(sentence)
        return token_rows(analyzed["tokens"])

    index = PhraseIndex(
        ["delve into", "get on", "look into", "walk up", "up and down", "turn away"]
    )
    (match,) = index.match(tokens("Delving deeper into the parade, we look at Seoul."))
    assert match.key == "delve into" and match.split
    (match,) = index.match(tokens("He shut the book, turning sharply away."))
    assert match.key == "turn away"
    # the verb's own object between still makes the particle a preposition of its own, and so
    # does an adverb that is no comparative: "into" is a place here, not "look into"
    assert index.match(tokens("South Korea aims to get China on board.")) == []
    assert index.match(tokens("He was looking straight into her eyes.")) == []
    # a phrase written out whole after the adverb is read before a verb reaching over it
    (match,) = index.match(tokens("Some walked thoughtfully up and down, others whispered."))
    assert match.key == "up and down"
