"""Export without Anki: what is selected, how sentences are marked up, and every way it can fail
(a one-line message, a non-zero exit, and never a half-written file)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from reader.cli import main
from reader.config import load_config
from reader.export.markup import bold_html, cloze_html, tidy
from reader.export.selection import Selection, find_sentence, match_term, select_items
from reader.learn.identity import term_card_guid
from reader.learn.status import set_gloss, set_status
from reader.store.migrations import now
from reader.text.importer import import_text
from reader.text.load import Loaded


def export(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, ["export", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def add_text(db: sqlite_utils.Database, content: str, title: str) -> int:
    return import_text(db, Loaded(content=content, title=title, source=None)).text_id


@pytest.fixture(autouse=True)
def small_lexicon(mini_wordnet: Path) -> None:
    """The small WordNet: compiling the system's takes seconds per test."""


@pytest.fixture
def espeak_config(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('speech_engine = "espeak"\n', encoding="utf-8")
    load_config.cache_clear()


# -- markup --------------------------------------------------------------------------------------


def test_tidy_folds_whitespace_and_moves_the_spans() -> None:
    text = "  The cat\n  sat   on <the> mat. "
    clean, spans = tidy(text, [(6, 9), (12, 15)])
    assert clean == "The cat sat on <the> mat."
    assert [clean[a:b] for a, b in spans] == ["cat", "sat"]


def test_bold_and_cloze_escape_the_sentence() -> None:
    text = "He took <it> over & left."
    spans = [(3, 7), (13, 17)]
    assert bold_html(text, spans) == "He <b>took</b> &lt;it&gt; <b>over</b> &amp; left."
    assert cloze_html(text, spans, hint="assume control") == (
        "He {{c1::took::assume control}} &lt;it&gt; {{c1::over}} &amp; left."
    )
    # "::" and "}}" in a hint would end the deletion early
    assert "{{c1::took::a:\u200b:b}\u200b}}}" in cloze_html(text, spans, hint="a::b}}")


def test_match_term_finds_split_phrases_in_order() -> None:
    tokens = [(0, 2, "he"), (3, 7, "take"), (8, 10, "it"), (11, 15, "over"), (16, 17, None)]
    assert match_term("take over", tokens) == (((3, 7), (11, 15)), (1, 3))
    assert match_term("it over", tokens) == (((8, 15),), (2, 3))  # adjacent words: one span
    assert match_term("over take", tokens) is None
    assert match_term("take", tokens) == (((3, 7),), (1,))


# -- selection -----------------------------------------------------------------------------------


def test_a_term_is_shown_in_the_sentence_it_was_looked_up_in(
    db: sqlite_utils.Database,
) -> None:
    text_id = add_text(db, "A storm came. The second storm was worse.", "Storms")
    second = db.execute("SELECT id FROM sentences WHERE text_id = ? AND idx = 1", (text_id,))
    sentence_id = second.fetchone()[0]
    db.execute(
        "INSERT INTO events (at, kind, text_id, sentence_id, term_key) "
        "VALUES (?, 'lookup', ?, ?, 'storm')",
        (now(), text_id, sentence_id),
    )
    db.conn.commit()
    set_status(db, "storm", 1)
    (item,) = select_items(db, Selection())
    assert item.sentence is not None and item.sentence.text == "The second storm was worse."
    assert item.term == "storm" and item.pos == "NOUN"
    context = item.sentence.context  # the sentence the meaning is ranked in, as the reader does
    assert context is not None and [context.forms[i] for i in context.target] == ["storm"]
    assert context.lemmas[: len(context.target) + 3] == ("the", "second", "storm", "be")


def test_without_a_lookup_the_first_sentence_in_the_library(db: sqlite_utils.Database) -> None:
    add_text(db, "The storm came. Another storm.", "Storms")
    set_status(db, "storm", 2)
    sentence, pos = find_sentence(db, "en", "storm")
    assert sentence is not None and sentence.text == "The storm came."
    assert sentence.surface == "storm" and sentence.title == "Storms" and pos == "NOUN"


def test_a_review_card_s_sentence_wins(db: sqlite_utils.Database) -> None:
    add_text(db, "The storm came.", "Storms")
    set_status(db, "storm", 1)  # the review cards are made with it
    db.execute(
        "UPDATE cards SET sentence = 'Storms pass quickly.', term_start = 0, term_end = 6, "
        "text_title = 'Old text', text_sha256 = 'abc', sentence_start = 10, sentence_end = 30 "
        "WHERE guid = ?",
        (term_card_guid("en", "storm", "recognition"),),
    )
    db.conn.commit()
    (item,) = select_items(db, Selection())
    assert item.sentence is not None
    assert (item.sentence.text, item.sentence.surface) == ("Storms pass quickly.", "Storms")
    context = item.sentence.context  # the copied sentence is analyzed again
    assert context is not None and context.target == (0,) and context.lemmas[0] == "storm"
    assert item.sentence.title == "Old text"


def test_filters_by_status_and_text(db: sqlite_utils.Database) -> None:
    add_text(db, "The storm came.", "One")
    second = add_text(db, "A quiet harbour waited.", "Two")
    set_status(db, "storm", 1)
    set_status(db, "harbour", 3)
    set_status(db, "quiet", 99)
    assert [i.key for i in select_items(db, Selection())] == ["storm", "harbour"]
    assert [i.key for i in select_items(db, Selection(text_id=second))] == ["harbour"]
    assert [i.key for i in select_items(db, Selection(statuses=(99,)))] == ["quiet"]


def test_a_term_met_nowhere_still_gets_a_note(db: sqlite_utils.Database) -> None:
    set_status(db, "serendipity", 1)
    (item,) = select_items(db, Selection())
    assert item.sentence is None and item.term == "serendipity"


def test_the_learner_s_translation_in_their_language_comes_first(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    from reader.learn.translations import set_translation

    text_id = add_text(db, "The storm came. It rained.", "Storms")
    set_status(db, "storm", 1)
    set_gloss(db, "storm", "a violent wind")  # no WordNet here: a note needs a meaning
    sha, start, end = db.execute(
        'SELECT t.sha256, s.start, s."end" FROM sentences s JOIN texts t ON t.id = s.text_id '
        "WHERE t.id = ? AND s.idx = 0",
        (text_id,),
    ).fetchone()
    set_translation(db, sha, start, end, "La tempête est venue.", "fr")
    set_translation(db, sha, start, end, "Der Sturm kam.", "de")
    db.execute("UPDATE learner_translations SET updated_at = '2000-01-01' WHERE lang = 'fr'")
    db.conn.commit()
    (item,) = select_items(db, Selection(native_lang="fr"))
    assert item.translation == "La tempête est venue."
    (item,) = select_items(db, Selection(native_lang="ko"))
    assert item.translation == "Der Sturm kam."  # none in Korean: the latest
    (tmp_path / "home" / "config.toml").write_text('native_lang = "fr"\n', encoding="utf-8")
    load_config.cache_clear()
    out = tmp_path / "t.csv"
    assert export("csv", str(out), "--no-audio")[0] == 0
    assert ',"La tempête est venue.",' in out.read_text(encoding="utf-8")


# -- failures ------------------------------------------------------------------------------------


def test_an_empty_selection_is_one_line_and_writes_nothing(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    out = tmp_path / "deck.apkg"
    code, stdout, stderr = export("anki", str(out))
    assert code == 1 and stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("sentences: nothing to export")
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing/deck.apkg", "folder"])
def test_an_unwritable_path_is_one_line(
    db: sqlite_utils.Database, tmp_path: Path, where: str
) -> None:
    set_status(db, "storm", 1)
    (tmp_path / "folder").mkdir()
    code, _, stderr = export("anki", str(tmp_path / where), "--no-audio")
    assert code == 1 and stderr.count("\n") == 1 and "cannot write" in stderr or "folder" in stderr
    assert list(tmp_path.glob("**/*.part")) == []


def test_no_audio_engine_leaves_the_old_file_untouched(
    db: sqlite_utils.Database,
    tmp_path: Path,
    espeak_config: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.speech.synth as synth
    from reader.speech.settings import OfflineTTSError

    def broken(*args: object, **kwargs: object) -> None:
        raise OfflineTTSError("espeak-ng is not installed")

    monkeypatch.setattr(synth, "_espeak_to_mp3", broken)
    add_text(db, "The storm came.", "Storms")
    set_status(db, "storm", 1)
    set_gloss(db, "storm", "a violent wind")  # no WordNet here: a note needs a meaning
    out = tmp_path / "deck.apkg"
    out.write_bytes(b"the previous export")
    code, _, stderr = export("anki", str(out))
    assert code == 1 and stderr.count("\n") == 1
    assert "espeak-ng is not installed" in stderr and "--no-audio" in stderr
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg", "home"]
    assert db.execute("SELECT COUNT(*) FROM exports").fetchone()[0] == 0
    # and --no-audio gets the learner their cards all the same
    assert export("anki", str(out), "--no-audio")[0] == 0 and out.read_bytes()[:2] == b"PK"


def test_media_is_for_text_files_only(db: sqlite_utils.Database, tmp_path: Path) -> None:
    code, _, stderr = export("anki", str(tmp_path / "x.apkg"), "--media", str(tmp_path / "m"))
    assert code == 1 and "--media is for tsv and csv" in stderr


def test_status_names_and_ranges(db: sqlite_utils.Database, tmp_path: Path) -> None:
    add_text(db, "The storm came near the harbour.", "One")
    set_status(db, "storm", 1)
    set_status(db, "harbour", 99)
    set_gloss(db, "storm", "a violent wind")  # no WordNet here: a note needs a meaning
    set_gloss(db, "harbour", "a port")
    out = tmp_path / "k.csv"
    code, stdout, _ = export("csv", str(out), "--no-audio", "--status", "known,1-2")
    assert code == 0 and "2 terms" in stdout
    code, _, stderr = export("csv", str(out), "--status", "often")
    assert code == 1 and "unknown status 'often'" in stderr


def test_offline_the_audio_comes_from_espeak_and_says_so(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    import requests
    import responses
    from _require import require_program
    from _speech_fakes import GTTS_URL

    from reader.speech import synth

    require_program("espeak-ng")
    add_text(db, "The storm came.", "Storms")
    set_status(db, "storm", 1)
    set_gloss(db, "storm", "a violent wind")  # no WordNet here: a note needs a meaning
    out = tmp_path / "deck.apkg"
    synth.online.reset()
    try:
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            rsps.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectionError("offline"))
            code, stdout, stderr = export("anki", str(out))  # gTTS, the default engine
    finally:
        synth.online.reset()
    assert code == 0 and "1 audio file (1 newly spoken)" in stdout
    assert "1 sentence spoken by the offline voice" in stderr
