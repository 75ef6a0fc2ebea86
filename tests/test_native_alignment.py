"""Translation groups aligned with WordNet senses; which dictionary phrases are terms."""

from __future__ import annotations

from pathlib import Path

from _dictd import write_dictd

from reader.lexicon import dictd
from reader.lexicon.align import Aligner, Sense, labels_of, translations_of
from reader.lexicon.base import Row
from reader.lexicon.literal import is_literal
from reader.lexicon.reverse import find_reverse, read_translations

SUMMIT = [
    Sense("summit%1:23:00::", "NOUN", frozenset({"top", "peak", "crown"}),
          "the highest point of a mountain", None),
    Sense("summit%1:14:00::", "NOUN", frozenset({"summit meeting", "top meeting"}),
          "a meeting of heads of governments", "politics"),
]  # fmt: skip


def group(gloss: str, pos: str | None = "NOUN", synonyms: str | None = None) -> Row:
    return Row("summit", pos, 1, gloss, None, synonyms)


def test_back_translation_picks_the_sense_whose_synset_it_shares() -> None:
    reverse = {"gipfeltreffen": frozenset({"summit meeting", "summit"}),
               "gipfel": frozenset({"summit", "peak", "top"})}  # fmt: skip
    aligner = Aligner({"summit": SUMMIT}, reverse)
    key, confidence = aligner.align(group("Gipfeltreffen (n)"))
    assert key == "summit%1:14:00::" and confidence is not None and confidence > 0.5
    key, _ = aligner.align(group("Gipfel (m)"))
    assert key == "summit%1:23:00::"


def test_domain_label_and_synonyms_speak_without_a_reverse_dictionary() -> None:
    aligner = Aligner({"summit": SUMMIT}, {})
    assert aligner.align(group("Treffen (n) [pol.]"))[0] == "summit%1:14:00::"
    assert aligner.align(group("Spitze (f)", synonyms="peak"))[0] == "summit%1:23:00::"
    assert aligner.align(group("Spitze (f)")) == (None, None)  # nothing speaks: not aligned
    assert aligner.align(group("Spitze (f)", pos="VERB")) == (None, None)  # no verb sense


def test_translations_and_labels_of_a_group() -> None:
    gloss = "Anschüttung (f), Hinterfüllung (f) [constr.]\n(note: stabilisierendes Material)"
    assert translations_of(gloss) == ["anschüttung", "hinterfüllung"]
    assert labels_of(gloss) == ["constr."]
    assert labels_of("Stützungskauf (m) [ugs.]") == []  # a register, not a domain
    # "underscored his push": the printer's sense waits for a sentence about printing
    assert labels_of("[Am.] etw. unterstreichen [print]") == ["print"]


def test_a_phrase_of_the_commonest_words_is_not_a_term() -> None:
    words = {"potential": ["Potenzial (n), Möglichkeit (f)"], "key": ["Schlüssel (m)"],
             "player": ["Spieler (m)"]}  # fmt: skip
    built_in = {"take place"}
    assert is_literal("we have", ["wir haben"], words, built_in)
    assert is_literal("there is", ["es gibt"], words, built_in)
    assert is_literal("the potential", ["die Möglichkeiten, das Potenzial"], words, built_in)
    assert not is_literal("key player", ["Leistungsträger (m) [sport]"], words, built_in)
    assert not is_literal("take place", ["stattfinden"], words, built_in)  # WordNet lists it
    assert not is_literal("summit", ["Gipfel"], words, built_in)  # one word


def test_a_whole_dictionary_is_judged_by_the_same_rule() -> None:
    from reader.lexicon.literal import literal_headwords

    glosses = {"we have": "wir haben", "there is": "es gibt", "key player": "Leistungsträger (m)",
               "the potential": "das Potenzial", "key": "Schlüssel (m)",
               "potential": "Potenzial (n)", "player": "Spieler (m)", "take place": "stattfinden",
               "it's mine": "es ist meins", "rare bird": "seltener Vogel",
               "explicit": "ausdrücklich, explizit", "duty": "Pflicht (f) [jur.]",
               "explicit duty": "(die) ausdrückliche [jur.] Pflicht (f)",
               "duty roster": "Dienstplan (m)", "roster duty": "Pflicht (f)",
               "explicit rare duty": "ausdrückliche seltene Pflicht"}  # fmt: skip
    rows = [Row(h, None, 1, g, None, None) for h, g in glosses.items()]
    rows.append(Row("duty roster", "NOUN", 2, "Pflichtenliste", None, None))  # a second group
    words = {h: [g] for h, g in glosses.items()}
    words["duty roster"].append("Pflichtenliste")
    built_in = frozenset({"take place"})
    expected = {h for h, g in words.items() if is_literal(h, g, words, built_in)}
    assert literal_headwords(rows, built_in) == expected
    assert "we have" in expected and "key player" not in expected
    # both rare words translated word for word, through brackets and labels
    assert "explicit duty" in expected
    # "roster" has no entry of its own, wherever it stands; "rare" is rare and untranslated
    assert not {"duty roster", "roster duty", "explicit rare duty"} & expected


def test_the_commonest_words_are_all_in_the_band_the_import_asks_about() -> None:
    import wordfreq

    from reader.lexicon.frequency import zipf
    from reader.lexicon.literal import COMMON_ZIPF, _frequent

    common = [w for w in wordfreq.top_n_list("en", 2000) if zipf(w) >= COMMON_ZIPF]
    assert len(common) > 200
    assert set(common) <= _frequent()
    assert len(_frequent()) < 1000  # the band is narrow: the rest are found rare at once


def test_the_reverse_dictionary_is_found_beside_and_checked(tmp_path: Path) -> None:
    forward = write_dictd(tmp_path, "freedict-eng-deu", [("summit", "summit\nGipfel <masc>\n")])
    files = dictd.locate(forward)
    missing = find_reverse(files, ("en", "de"))
    assert missing.files is None and "freedict-deu-eng" in missing.message
    body = "Gipfeltreffen /x/ <neut, n, sg>\nsummit meeting <n>, summit <n>\n see: {Treffen}\n"
    write_dictd(tmp_path, "freedict-deu-eng", [("gipfeltreffen", body)])
    found = find_reverse(files, ("en", "de"))
    assert found.files is not None and "freedict-deu-eng" in found.message
    assert read_translations(found.files) == {
        "gipfeltreffen": frozenset({"summit meeting", "summit"})
    }
    other = find_reverse(files, ("en", "fr"))  # a deu-eng is no reverse of an English-French
    assert other.files is None and "not fr-en" in other.message


def _wordnet(db) -> None:
    from reader.lexicon.base import WORDNET_PRIORITY, store_source

    rows = [
        Row("summit", "NOUN", 1, "the highest point of a mountain", None, "top, peak",
            sense_key="summit%1:23:00::"),
        Row("summit", "NOUN", 2, "a meeting of heads of governments", None,
            "summit meeting, top meeting", sense_key="summit%1:14:00::"),
    ]  # fmt: skip
    store_source(db, name="wordnet", kind="wordnet", origin="test", rows=rows,
                 priority=WORDNET_PRIORITY, target_lang="en")  # fmt: skip


def test_import_aligns_through_the_reverse_and_the_gloss_follows_the_sense(
    db, tmp_path: Path
) -> None:
    from reader.learn.choice import choose_sense
    from reader.learn.glossing import gloss_entry
    from reader.learn.phrases import PhraseIndex
    from reader.lexicon import import_dictionary

    _wordnet(db)
    forward = write_dictd(tmp_path, "freedict-eng-deu", [
        ("summit", "summit /x/\nGipfeltreffen <neut>\n"),
        ("summit", "summit /x/\nGipfel <masc>\n"),
        ("we have", "we have /x/\nwir haben\n"),
    ])  # fmt: skip
    write_dictd(tmp_path, "freedict-deu-eng", [
        ("gipfel", "Gipfel /x/ <masc, n, sg>\npeak <n>, top <n>, summit <n>\n"),
        ("gipfeltreffen", "Gipfeltreffen /x/ <neut, n, sg>\nsummit meeting <n>, summit <n>\n"),
    ])  # fmt: skip
    report = import_dictionary(db, forward)
    assert report.notes == (
        "aligned with WordNet through freedict-deu-eng: 2 of 3 translation groups",
    )
    rows = db.conn.execute(
        "SELECT gloss, sense_key, align_score > 0.25, literal FROM lex_entries e "
        "JOIN lex_sources s ON s.id = e.source_id WHERE s.name = 'freedict-eng-deu' ORDER BY e.id"
    ).fetchall()
    assert rows == [
        ("Gipfeltreffen (n)", "summit%1:14:00::", 1, 0),
        ("Gipfel (m)", "summit%1:23:00::", 1, 0),
        ("wir haben", None, None, 1),
    ]
    assert PhraseIndex.from_db(db).size == 0  # "we have" is two words, not a term
    first = gloss_entry(db, "summit", native_lang="de").senses[0]
    assert (first.gloss, first.sense_key) == ("Gipfel (m)", "summit%1:23:00::")
    meeting = next(s for s in gloss_entry(db, "summit", native_lang="").senses
                   if s.sense_key == "summit%1:14:00::" and s.kind == "wordnet")  # fmt: skip
    choose_sense(db, "summit", meeting)  # choosing the sense chooses its translation
    first = gloss_entry(db, "summit", native_lang="de").senses[0]
    assert (first.gloss, first.sense_key) == ("Gipfeltreffen (n)", "summit%1:14:00::")


def test_a_group_aligned_with_another_part_of_speech_waits() -> None:
    from reader.learn.native import by_meant_sense
    from reader.lexicon.lookup import Gloss

    verb = Gloss("fr", "dictd", "parade", None, 1, "parader", sense_key="parade%2:38:00::",
                 align_score=0.1)  # fmt: skip
    noun = Gloss("fr", "dictd", "parade", None, 2, "pompe")
    ordered = by_meant_sense(None, [verb, noun], "parade%1:04:00::", None, "fr")  # type: ignore[arg-type]
    assert [g.gloss for g in ordered] == ["pompe", "parader"]


def test_the_parse_child_works_out_the_literal_rule_the_rows_would_give(
    tmp_path: Path, monkeypatch
) -> None:
    """An aligning import of a big dictionary parses it in one child, which also works out the
    literal rule from the entries the import keeps (past forms left out): the stored rows, the
    literal flags among them, are those of an import done in one process, and the rule is not
    worked out again here."""
    from reader.lexicon import dictd_parse, import_child, import_dictionary
    from reader.store.db import open_db

    entries = [("summit", "summit /x/\nGipfeltreffen <neut>\n"),
               ("summit", "summit /x/\nGipfel <masc>\n"),
               ("run", "run /x/ <v>\nlaufen\n see: {runs}\n"),
               ("run", "run /x/\ngelaufen\n see: {runs}\n"),  # the past form: left out
               ("run summit", "run summit /x/\nGipfel laufen\n"),
               ("sprint", "sprint /x/ <v>\nsprinten\n see: {sprints}\n"),
               ("sprint", "sprint /x/\ngesprintet\n see: {sprints}\n"),  # left out, so:
               ("sprint summit", "sprint summit /x/\ngesprintet Gipfel\n"),  # not literal
               ("we have", "we have /x/\nwir haben\n"),
               ("key player", "key player\nLeistungsträger\n"),
               *[(f"word{n:02d} summit", f"word{n:02d} summit\nWort{n} Gipfel\n")
                 for n in range(20)],
               *[(f"word{n:02d}", f"word{n:02d}\nWort{n}\n") for n in range(0, 20, 2)]]  # fmt: skip
    forward = write_dictd(tmp_path, "freedict-eng-deu", sorted(entries, key=lambda e: e[0]))
    write_dictd(tmp_path, "freedict-deu-eng", [
        ("gipfel", "Gipfel /x/ <masc, n, sg>\npeak <n>, top <n>, summit <n>\n"),
        ("gipfeltreffen", "Gipfeltreffen /x/ <neut, n, sg>\nsummit meeting <n>, summit <n>\n"),
    ])  # fmt: skip

    def imported(home: str) -> list[tuple]:
        db = open_db(tmp_path / home / "reader.db")
        _wordnet(db)
        import_dictionary(db, forward)
        rows = db.conn.execute(
            "SELECT headword, rank, gloss, sense_key, literal FROM lex_entries e JOIN lex_sources"
            " s ON s.id = e.source_id WHERE s.name = 'freedict-eng-deu' ORDER BY e.id"
        ).fetchall()
        db.close()
        return rows

    (tmp_path / "alone").mkdir()
    alone = imported("alone")
    assert ("we have", 1, "wir haben", None, 1) in alone
    assert ("run summit", 1, "Gipfel laufen", None, 1) in alone  # "run" is common
    assert not any(row[2] == "gelaufen" for row in alone)
    assert {row[0] for row in alone if row[4]} >= {"word00 summit", "word02 summit"}
    assert not {row[0] for row in alone if row[4]} & {"word01 summit", "key player",
                                                       "sprint summit"}  # fmt: skip
    monkeypatch.setattr(dictd_parse, "PARALLEL_FROM", 10)
    monkeypatch.setattr(dictd_parse, "BATCH", 4)

    def not_here(*args: object) -> set[str]:
        raise AssertionError("the literal rule was worked out again in the import's process")

    monkeypatch.setattr(import_child, "literal_headwords", not_here)
    (tmp_path / "spread").mkdir()
    assert imported("spread") == alone
