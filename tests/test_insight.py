"""Study lists, the concordance, stats and known words from a list, on the seed article."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from reader.cli import main
from reader.learn.concordance import find
from reader.learn.known_from import WordListError, entries, mark_known_from
from reader.learn.progress import log_lookup, log_read
from reader.learn.reading_log import mark_read
from reader.learn.stats import compute, reading_sessions, streak, why_empty
from reader.learn.status import IGNORED, KNOWN, get_term, set_status
from reader.learn.study import mark_words, study_list
from reader.learn.texts import TextNotFound, unknown_share
from reader.text.importer import import_text, rebuild_text
from reader.text.load import Loaded


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# -- study list ---------------------------------------------------------------------------------


def test_the_study_list_ranks_new_words_by_what_they_add(
    db: sqlite_utils.Database, seed_id: int
) -> None:
    items = study_list(db, seed_id, None)
    assert items[0].lemma == "the" and items[0].rank == 1
    scores = [i.score for i in items]
    assert scores == sorted(scores, reverse=True)
    keys = {i.lemma for i in items}
    assert "china" not in keys  # a name (PROPN) is not a word to study
    coalition = next(i for i in items if i.lemma == "coalition")
    assert coalition.first_idx == 0 and "coalition" in coalition.first_sentence
    # Of two words met as often, the more common in the language ranks first.
    by_count: dict[int, list[tuple[float, float]]] = {}
    for i in items:
        by_count.setdefault(i.count, []).append((i.zipf, i.score))
    for pairs in by_count.values():
        pairs.sort()
        assert [s for _, s in pairs] == sorted(s for _, s in pairs)


def test_marked_words_leave_the_study_list(db: sqlite_utils.Database, seed_id: int) -> None:
    before = unknown_share(db, seed_id)
    top = [i.lemma for i in study_list(db, seed_id, 5)]
    assert mark_words(db, top, KNOWN) == 5
    set_status(db, "coalition", 2)
    after = {i.lemma for i in study_list(db, seed_id, None)}
    assert not after & {*top, "coalition"}
    assert unknown_share(db, seed_id) < before


def test_the_study_list_has_the_texts_idioms_and_phrasal_verbs(
    db: sqlite_utils.Database,
) -> None:
    from reader.lexicon.idioms import ensure_idioms

    ensure_idioms(db)
    text = (
        "They broke the ice at once. He will break the ice again. "
        "She took it over. Later he took over the shop. They flew to New York."
    )
    text_id = import_text(db, Loaded("Idioms", text, None)).text_id
    rows = {i.lemma: i for i in study_list(db, text_id, None)}
    ice = rows["break the ice"]
    assert ice.count == 2 and ice.first_idx == 0 and "broke the ice" in ice.first_sentence
    assert rows["at once"].count == 1
    assert "take over" not in rows  # in no phrase list yet
    # The learner's own term: the set of phrases changed, so the text is counted again.
    set_status(db, "take over", 0)
    set_status(db, "new york", 0)
    rows = {i.lemma: i for i in study_list(db, text_id, None)}
    assert rows["take over"].count == 2 and rows["take over"].first_idx == 2
    assert "new york" not in rows  # a name, left out as single names are
    set_status(db, "break the ice", KNOWN)
    assert "break the ice" not in {i.lemma for i in study_list(db, text_id, None)}
    code, out, _ = invoke("study", str(text_id), "--json")
    assert code == 0 and "take over" in {r["lemma"] for r in json.loads(out)}
    # The text analysed again (a new tagger): its phrases are counted again.
    rebuild_text(db, text_id, "en", "Nothing of the kind here.")
    assert "take over" not in {i.lemma for i in study_list(db, text_id, None)}


def test_study_of_a_missing_text(db: sqlite_utils.Database) -> None:
    with pytest.raises(TextNotFound):
        study_list(db, 42)
    code, _, err = invoke("study", "42")
    assert code == 1 and err.count("\n") == 1 and "42" in err


def test_study_json(db: sqlite_utils.Database, seed_id: int) -> None:
    code, out, _ = invoke("study", str(seed_id), "--json", "--limit", "3")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3
    assert {"lemma", "count", "rank", "score", "first_sentence"} <= set(rows[0])


# -- concordance --------------------------------------------------------------------------------


def test_find_gives_every_form_of_a_word(db: sqlite_utils.Database) -> None:
    text = "She goes home. He went away. They have gone. A going concern. Go now."
    text_id = import_text(db, Loaded("Forms", text, None)).text_id
    found = find(db, "went")
    assert found.keys == ("go",)
    assert [(h.text_id, h.idx) for h in found.hits] == [(text_id, i) for i in range(5)]
    assert found.total == 5 and len(find(db, "went", limit=2).hits) == 2
    assert find(db, "went", limit=2).total == 5
    hit = found.hits[1]
    (span,) = hit.spans
    assert hit.sentence[span[0] : span[1]] == "went"


def test_find_a_multi_word_term_in_order(db: sqlite_utils.Database) -> None:
    text = "They took it over. Over the hill they took a rest. He takes over today."
    import_text(db, Loaded("Phrases", text, None))
    found = find(db, "take over")
    assert [h.idx for h in found.hits] == [0, 2] and found.total == 2
    first = found.hits[0]
    assert [first.sentence[a:b] for a, b in first.spans] == ["took", "over"]


def test_find_cli(db: sqlite_utils.Database, seed_id: int) -> None:
    code, out, _ = invoke("find", "china", "--json", "--limit", "2")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2
    assert {"text_id", "idx", "sentence"} <= set(rows[0]) and "China" in rows[0]["sentence"]
    code, out, _ = invoke("find", "xylophonist")
    assert code == 0 and "0 sentences" in out


# -- stats --------------------------------------------------------------------------------------


def test_stats_on_an_empty_data_home_say_why(db: sqlite_utils.Database) -> None:
    stats = compute(db)
    assert stats.empty and stats.known == 0 and stats.streak == 0
    assert "Nothing to show yet" in why_empty(stats)
    code, out, _ = invoke("stats", "--json")
    data = json.loads(out)
    for name in ("known", "learning", "new_seen", "status_changes", "sentences_read",
                 "reviews", "days_active", "streak"):  # fmt: skip
        assert data[name] == 0, name


def test_stats_count_reading_and_statuses(db: sqlite_utils.Database, seed_id: int) -> None:
    ids = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY idx LIMIT 3")]
    today = date.today().isoformat()
    for n, sid in enumerate(ids):
        at = f"{today}T10:0{n}:00+00:00"
        log_read(db, seed_id, sid, at=at)
        mark_read(db, seed_id, sid, at)
    log_read(db, seed_id, ids[0], at=f"{today}T15:00:00+00:00")  # after a long pause
    set_status(db, "coalition", KNOWN)
    set_status(db, "delve", 2)
    stats = compute(db, estimate=False)
    assert (stats.known, stats.learning, stats.status_changes) == (1, 1, 2)
    assert stats.sentences_read == 3 and stats.words_read > 20
    assert 0 < stats.new_seen < stats.words_read
    assert stats.days_active >= 1 and stats.streak >= 1
    assert stats.sessions == 2 and stats.active_minutes == 2
    assert compute(db, since="2999-01-01", estimate=False).sentences_read == 0
    code, _, err = invoke("stats", "--since", "yesterday")
    assert code == 1 and "YYYY-MM-DD" in err


def test_reading_sessions_cut_at_idle_pauses(db: sqlite_utils.Database) -> None:
    for at in ("2026-01-01T10:00:00+00:00", "2026-01-01T10:04:00+00:00",
               "2026-01-01T11:00:00+00:00"):  # fmt: skip
        log_lookup(db, "cat", None, None, at=at)
    sessions = reading_sessions(db)
    assert [(s.active_s, s.sentences) for s in sessions] == [(240, 0), (0, 0)]


def test_streak_counts_days_in_a_row_up_to_today_or_yesterday() -> None:
    today = date(2026, 3, 10)
    days = {"2026-03-09", "2026-03-08", "2026-03-06"}
    assert streak(days, today) == 2
    assert streak(days | {"2026-03-10"}, today) == 3
    assert streak({"2026-03-07"}, today) == 0


def test_a_vocabulary_estimate_grows_with_known_words(
    db: sqlite_utils.Database, seed_id: int
) -> None:
    from reader.learn.stats import vocabulary_estimate

    assert vocabulary_estimate(db) == 0
    code, _, _ = invoke("known", "--top", "2000")
    assert code == 0
    estimate = vocabulary_estimate(db)
    assert 1500 < estimate < 4000


# -- known words from a list --------------------------------------------------------------------


def test_known_from_a_plain_list(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("went\nhouse\n\ntake over\n123\n" + "word " * 10 + "\n", encoding="utf-8")
    set_status(db, "house", KNOWN)
    set_status(db, "cat", IGNORED)
    report = mark_known_from(db, entries(path))
    assert (report.new, report.already, report.not_words) == (2, 1, 2)
    assert get_term(db, "go").status == KNOWN and get_term(db, "take over").status == KNOWN


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.txt", "#separator:tab\n#html:true\n<b>apple</b>\tpomme\nbanana\tbanane\n",
         ["apple", "banana"]),
        ("list.csv", 'cherry,"a fruit, red"\nplum,x\n', ["cherry", "plum"]),
        ("bom.txt", "\ufeffpear\n", ["pear"]),
        ("header.csv", "Word,Meaning\ncat,Katze\n", ["cat"]),
        ("header.tsv", "front\tback\ttags\ndog\tHund\t\n", ["dog"]),
        ("one.csv", "term\nfox\n", ["fox"]),
        ("not-a-header.csv", "word,a unit of language\ncat,Katze\n", ["word", "cat"]),
        ("not-a-header-either.csv", "meaning,word\ncat,Katze\n", ["meaning", "cat"]),
    ],
)  # fmt: skip
def test_known_from_csv_and_anki_notes(
    tmp_path: Path, name: str, content: str, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert entries(path) == expected


def test_known_from_an_anki_package(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import genanki

    card = {"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}
    fields = [{"name": "Front"}, {"name": "Back"}]
    model = genanki.Model(1607392319, "Simple", fields=fields, templates=[card])
    deck = genanki.Deck(2059400110, "Words")
    for front in ("<div>lantern</div>", "harbour [sound:x.mp3]"):
        deck.add_note(genanki.Note(model=model, fields=[front, "meaning"]))
    path = tmp_path / "words.apkg"
    genanki.Package(deck).write_to_file(str(path))
    assert sorted(entries(path)) == ["harbour", "lantern"]
    code, out, _ = invoke("known", "--from", str(path))
    assert code == 0 and out.startswith("2 words marked known, 0 already known, 0 not words")


@pytest.mark.parametrize(
    "content",
    [b"", b"  \n\n", b"\x00\x01\x02binary\xff", "caf\u00e9\n".encode("latin-1")],
    ids=["empty", "blank", "binary", "latin-1"],
)
def test_a_bad_word_list_marks_nothing(
    db: sqlite_utils.Database, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(WordListError):
        entries(path)
    code, out, err = invoke("known", "--from", str(path))
    assert code == 1 and err.count("\n") == 1 and "nothing was marked" in err and not out
    assert db.execute("SELECT COUNT(*) FROM terms").fetchone()[0] == 0
