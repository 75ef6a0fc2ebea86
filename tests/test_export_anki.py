"""Exported packages and text files, imported into a real Anki collection (the ``anki`` package).

Nothing here trusts genanki: each test reads what Anki itself made of the file (notes, cards,
media, fields, rendered cards), so a package Anki would reject or misread fails here.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from _require import require_program
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from click.testing import CliRunner

from reader.cli import main
from reader.config import load_config
from reader.export.selection import find_sentence, meaning_of
from reader.learn.identity import term_card_guid, term_note_guid
from reader.learn.status import set_gloss, set_status
from reader.lexicon.builtin import ensure_lexicon
from reader.store.tokens import sentence_ids, sentences_with

THREE = {"coalition": 1, "diplomacy": 2, "alliance": 3}


def exported_meaning(db: sqlite_utils.Database, key: str) -> str:
    """The reader's first gloss for the term in the note's sentence (senses ranked by it)."""
    sentence, pos = find_sentence(db, "en", key)
    return meaning_of(db, key, pos or "NOUN", "en", sentence.context if sentence else None)


@pytest.fixture
def espeak_home(home: Path) -> Path:
    """Offline audio: no test reaches gTTS."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('speech_engine = "espeak"\n', encoding="utf-8")
    load_config.cache_clear()
    return home


@pytest.fixture
def learning(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: Path, espeak_home: Path
) -> sqlite_utils.Database:
    """The seed article, with three of its words marked as learning."""
    ensure_lexicon(db)
    for key, status in THREE.items():
        set_status(db, key, status)
    return db


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def export(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, ["export", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def import_apkg(col: Collection, path: Path) -> None:
    col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(path), options=ImportAnkiPackageOptions(merge_notetypes=True)
        )
    )


def notes_of(col: Collection, notetype: str) -> dict[str, dict[str, str]]:
    """GUID -> fields of every note of ``notetype``."""
    found = {}
    for nid in col.find_notes(f'"note:{notetype}"'):
        note = col.get_note(nid)
        found[note.guid] = dict(note.items())
    return found


def visible(html: str) -> str:
    """What a card shows: its text without the style sheet and the tags."""
    return re.sub(r"<[^>]+>", "", html.split("</style>")[-1])


def cards_of(col: Collection, guid: str) -> dict[str, Any]:
    """Template name -> card, for the note with ``guid``."""
    (note,) = [n for n in map(col.get_note, col.find_notes("")) if n.guid == guid]
    return {card.template()["name"]: card for card in note.cards()}


def test_package_round_trip_in_real_anki(
    learning: sqlite_utils.Database, collection: Collection, tmp_path: Path
) -> None:
    require_program("espeak-ng")
    from reader.learn.translations import set_translation

    sha, start, end = learning.execute(
        'SELECT t.sha256, s.start, s."end" FROM sentences s JOIN texts t ON t.id = s.text_id '
        "WHERE s.id = ?",
        (sentence_ids(learning.conn, sentences_with(learning.conn, "coalition"))[0],),
    ).fetchone()
    set_translation(learning, sha, start, end, "Comment la coalition de Kim change la région")
    out = tmp_path / "deck.apkg"
    code, stdout, stderr = export("anki", str(out))
    assert code == 0, stderr
    assert "3 terms, 6 notes, " in stdout
    import_apkg(collection, out)

    terms = notes_of(collection, "Sentences: term")
    clozes = notes_of(collection, "Sentences: cloze")
    assert set(terms) == {term_note_guid("en", k) for k in THREE}
    assert set(clozes) == {term_card_guid("en", k, "cloze") for k in THREE}
    # recognition + production per term note, one cloze card per cloze note
    assert collection.card_count() == 3 * 2 + 3
    media = sorted(os.listdir(collection.media.dir()))
    sounds = {f["Audio"] for f in terms.values()}
    assert len(media) == len(sounds) >= 2  # one file per distinct sentence
    for fields in terms.values():
        name = fields["Audio"].removeprefix("[sound:").removesuffix("]")
        assert fields["Audio"] == f"[sound:{name}]" and name in media
        assert (Path(collection.media.dir()) / name).stat().st_size > 1000
    coalition = terms[term_note_guid("en", "coalition")]
    assert "<b>coalition</b>" in coalition["Sentence"]
    assert coalition["Meaning"] == exported_meaning(learning, "coalition") != ""
    assert coalition["Lemma"] == "coalition" and coalition["Part of speech"] == "noun"
    assert coalition["Source"].startswith("[Weekly Focus]")
    assert coalition["Translation"] == "Comment la coalition de Kim change la région"
    assert terms[term_note_guid("en", "diplomacy")]["Translation"] == ""


def test_cloze_card_renders_with_the_term_blanked(
    learning: sqlite_utils.Database, collection: Collection, tmp_path: Path
) -> None:
    out = tmp_path / "deck.apkg"
    assert export("anki", str(out), "--no-audio")[0] == 0
    import_apkg(collection, out)
    card = cards_of(collection, term_card_guid("en", "diplomacy", "cloze"))["Cloze"]
    question, answer = card.question(), card.answer()
    meaning = exported_meaning(learning, "diplomacy")
    shown = visible(question)
    assert 'class="cloze"' in question
    assert "diplomacy" not in shown and f"[{meaning}]" in shown  # blanked, the meaning as hint
    assert '<span class="cloze" data-ordinal="1">diplomacy</span>' in answer


def test_recognition_and_production_cards_render(
    learning: sqlite_utils.Database, collection: Collection, tmp_path: Path
) -> None:
    out = tmp_path / "deck.apkg"
    assert export("anki", str(out), "--no-audio")[0] == 0
    import_apkg(collection, out)
    meaning = exported_meaning(learning, "alliance")
    cards = cards_of(collection, term_note_guid("en", "alliance"))
    shown = {name: (card.question(), card.answer()) for name, card in cards.items()}
    front, back = shown["Recognition"]
    assert "<b>alliance" in front and meaning not in front and meaning in back
    front, back = shown["Production"]
    assert meaning in visible(front) and "alliance" not in visible(front)
    assert '<div class="term">alliance</div>' in back


def test_export_again_after_one_more_term_adds_exactly_its_notes(
    learning: sqlite_utils.Database, collection: Collection, tmp_path: Path
) -> None:
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    assert export("anki", str(first), "--no-audio")[0] == 0
    import_apkg(collection, first)
    before = set(collection.find_notes(""))
    assert len(before) == 6

    # Anki updates a note when the package's copy is newer: make the first import a minute old
    collection.db.execute("UPDATE notes SET mod = mod - 60")
    set_status(learning, "confrontation", 1)
    set_gloss(learning, "coalition", "a union of parties")
    assert export("anki", str(second), "--no-audio")[0] == 0
    import_apkg(collection, second)

    after = set(collection.find_notes(""))
    assert before < after
    added = [collection.get_note(n) for n in after - before]
    assert sorted(n.guid for n in added) == sorted(
        [term_note_guid("en", "confrontation"), term_card_guid("en", "confrontation", "cloze")]
    )  # one term note and its cloze: nothing else duplicated
    assert len(collection.models.all_names_and_ids()) == len(
        {m.name for m in collection.models.all_names_and_ids()}
    )
    coalition = notes_of(collection, "Sentences: term")[term_note_guid("en", "coalition")]
    assert coalition["Meaning"] == "a union of parties"  # updated in place


def test_tsv_has_anki_headers_and_updates_the_same_notes(
    learning: sqlite_utils.Database, collection: Collection, tmp_path: Path
) -> None:
    require_program("espeak-ng")
    package, table, media = tmp_path / "deck.apkg", tmp_path / "deck.tsv", tmp_path / "media"
    assert export("anki", str(package))[0] == 0
    code, stdout, stderr = export("tsv", str(table), "--media", str(media))
    assert code == 0, stderr
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Sentences: term",
        "#deck:Sentences",
        "#guid column:1",
        "#tags column:10",
    ]
    assert lines[6] == "#columns:" + "\t".join(
        ["GUID", "Term", "Lemma", "Part of speech", "Meaning", "Sentence", "Translation",
         "Audio", "Source", "Tags"]
    )  # fmt: skip
    rows = [line.split("\t") for line in lines[7:]]
    assert [r[0] for r in rows] == [term_note_guid("en", k) for k in THREE]
    assert all(len(r) == 10 for r in rows)
    coalition = rows[0]
    assert "<b>coalition</b>" in coalition[5] and coalition[7].startswith("[sound:")
    assert coalition[7][7:-1] in os.listdir(media)

    import_apkg(collection, package)
    count = collection.note_count()
    metadata = collection.get_csv_metadata(str(table), None)
    collection.import_csv(ImportCsvRequest(path=str(table), metadata=metadata))
    assert collection.note_count() == count  # matched by GUID: updated, not added


def test_csv_is_plain_text_for_spreadsheets(
    learning: sqlite_utils.Database, tmp_path: Path
) -> None:
    out = tmp_path / "words.csv"
    assert export("csv", str(out), "--no-audio")[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["Lemma"] for r in rows] == list(THREE)
    assert "<" not in rows[0]["Sentence"] and "coalition" in rows[0]["Sentence"]
    assert rows[0]["Audio"] == ""


def test_since_last_exports_only_what_changed(
    learning: sqlite_utils.Database, tmp_path: Path
) -> None:
    assert export("csv", str(tmp_path / "1.csv"), "--no-audio", "--since-last")[0] == 0
    set_status(learning, "diplomacy", 4)  # a new level changes nothing on the card
    code, stdout, stderr = export("csv", str(tmp_path / "2.csv"), "--no-audio", "--since-last")
    # up to date is not an error (issue 22, item 17)
    assert code == 0 and stderr == ""
    assert stdout.startswith("nothing new since the last csv export (")
    assert not (tmp_path / "2.csv").exists()
    set_gloss(learning, "alliance", "a pact between states")
    assert export("csv", str(tmp_path / "3.csv"), "--no-audio", "--since-last")[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "3.csv").read_text(encoding="utf-8"))))
    assert [(r["Lemma"], r["Meaning"]) for r in rows] == [("alliance", "a pact between states")]
    # an anki export has its own record: its first --since-last takes everything
    code, stdout, stderr = export("anki", str(tmp_path / "a.apkg"), "--no-audio", "--since-last")
    assert code == 0 and "no earlier anki export" in stderr and "3 terms" in stdout


def test_a_guid_starting_with_a_hash_is_not_a_comment(
    db: sqlite_utils.Database, collection: Collection, tmp_path: Path, mini_wordnet: Path
) -> None:
    """Anki's text import skips lines starting with "#" anywhere in the file."""
    assert term_note_guid("en", "gbo").startswith("#")
    set_status(db, "gbo", 1)
    set_status(db, "odm", 1)
    set_gloss(db, "gbo", "a made-up word")  # a note without a meaning is never exported
    set_gloss(db, "odm", "another")
    for kind in ("tsv", "csv"):
        out = tmp_path / f"hash.{kind}"
        assert export(kind, str(out), "--no-audio")[0] == 0
        metadata = collection.get_csv_metadata(str(out), None)
        if kind == "csv":
            metadata.guid_column = 1
            metadata.global_notetype.id = 0  # the collection's default note type
        collection.import_csv(ImportCsvRequest(path=str(out), metadata=metadata))
    guids = {collection.get_note(n).guid for n in collection.find_notes("")}
    assert term_note_guid("en", "gbo") in guids and term_note_guid("en", "odm") in guids


def test_a_term_without_a_meaning_is_left_out_and_named(
    learning: sqlite_utils.Database, collection: Collection, tmp_path: Path
) -> None:
    """Issue 22, item 15: "xyzzyqq" marked learning is in no dictionary and no text: its note
    would be a blank card in Anki."""
    set_status(learning, "xyzzyqq", 1)
    out = tmp_path / "deck.apkg"
    code, stdout, stderr = export("anki", str(out), "--no-audio")
    assert code == 0 and "3 terms, 6 notes" in stdout
    assert stderr.strip() == (
        "sentences: left out 1 term with no meaning (xyzzyqq): give one with e on the reading "
        'screen, or `sentences term set xyzzyqq --gloss "…"`'
    )
    import_apkg(collection, out)
    terms = notes_of(collection, "Sentences: term")
    assert term_note_guid("en", "xyzzyqq") not in terms
    assert all(fields["Meaning"].strip() for fields in terms.values())
    set_gloss(learning, "xyzzyqq", "a made-up word")
    code, stdout, stderr = export("anki", str(out), "--no-audio", "--since-last")
    assert code == 0 and "1 terms, 1 notes" in stdout and stderr == ""  # no sentence: no cloze


def test_only_terms_without_a_meaning_is_nothing_to_export(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    set_status(db, "xyzzyqq", 1)
    code, stdout, stderr = export("tsv", str(tmp_path / "w.tsv"), "--no-audio")
    assert code == 1 and stdout == "" and not (tmp_path / "w.tsv").exists()
    assert stderr.startswith("sentences: nothing to export: left out 1 term with no meaning")


def test_an_anki_package_named_for_another_format_is_refused(
    learning: sqlite_utils.Database, tmp_path: Path
) -> None:
    """Issue 22, item 16: Anki reads a file by its extension; deck.txt would fail to import."""
    code, stdout, stderr = export("anki", str(tmp_path / "deck.txt"), "--no-audio")
    assert code == 1 and stdout == "" and not list(tmp_path.glob("deck*"))
    assert stderr.strip() == (
        "sentences: an Anki package's name ends in .apkg: Anki would read deck.txt as a .txt "
        "file (name it deck.apkg)"
    )


def test_an_export_named_without_an_extension_gets_one_and_says_so(
    learning: sqlite_utils.Database, collection: Collection, tmp_path: Path
) -> None:
    code, stdout, stderr = export("anki", str(tmp_path / "deck"), "--no-audio")
    assert code == 0 and stdout.startswith(f"{tmp_path / 'deck.apkg'}: 3 terms")
    assert stderr.strip() == "sentences: added .apkg: writing deck.apkg"
    import_apkg(collection, tmp_path / "deck.apkg")
    assert len(notes_of(collection, "Sentences: term")) == 3
    code, _, stderr = export("tsv", str(tmp_path / "words.txt"), "--no-audio")
    assert code == 0 and stderr == ""  # Anki's own name for a tab-separated import
