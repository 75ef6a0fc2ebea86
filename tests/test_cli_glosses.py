"""The contract: ``analyze --glosses --json`` and ``gloss WORD --in SENTENCE``, through the
reader's own code path (the reading session's units and entries)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from _cli import invoke
from _paths import SEED
from click.testing import CliRunner

from reader.learn.annotate import first_gloss
from reader.learn.choice import choose_sense
from reader.learn.glossing import gloss_entry
from reader.learn.phrases import PhraseIndex
from reader.learn.session import ReadingSession
from reader.learn.text_senses import build
from reader.learn.texts import sentences_between
from reader.lexicon.builtin import ensure_lexicon
from reader.store import open_db

MEETING = "a meeting of heads of governments"


@pytest.fixture
def run(home: Path, mini_wordnet: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


def tokens_of(sentences: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {t["text"]: t for s in sentences for t in s["tokens"]}  # type: ignore[attr-defined]


def test_analyze_glosses_json_shape(run: CliRunner) -> None:
    text = "Shoring up ties with Beijing, he signaled a counter-message at the summit in 2018.\n"
    invoke(run, "term", "set", "tie", "--gloss", "Bande")  # the learner's own comes first
    code, out, _ = invoke(run, "analyze", "--glosses", "--json", input=text)
    assert code == 0
    sentences = json.loads(out)
    plain = json.loads(invoke(run, "analyze", "--json", input=text)[1])
    for glossed, bare in zip(sentences, plain, strict=True):  # analyze --json, plus "gloss"
        for token, other in zip(glossed["tokens"], bare["tokens"], strict=True):
            assert {k: v for k, v in token.items() if k != "gloss"} == other
            assert ("gloss" in token) == token["is_word"]
    tokens = tokens_of(sentences)
    shoring, up = tokens["Shoring"]["gloss"], tokens["up"]["gloss"]
    assert shoring == up and shoring["term"] == "shore up"  # a term's words share its gloss
    assert shoring["source"] == "wordnet" and shoring["sense"].startswith("shore_up%2:")
    summit = tokens["summit"]["gloss"]
    assert set(summit) == {"text", "source", "sense", "term"} and summit["term"] is None
    assert summit["sense"].startswith("summit%1:")
    parts = tokens["counter-message"]["gloss"]
    assert parts["source"] == "word parts" and parts["sense"] is None
    assert parts["text"].startswith("counter- (against, in answer to) + message (")
    assert tokens["ties"]["gloss"] == {
        "text": "Bande", "source": "learner", "sense": None, "term": None,
    }  # fmt: skip
    assert tokens["Beijing"]["gloss"] is None  # a name
    assert tokens["the"]["gloss"] is None  # nothing to gloss


def test_analyze_glosses_match_the_reading_screen(
    run: CliRunner, db: sqlite_utils.Database, seed_id: int
) -> None:
    """Every glossed row of every sentence of the seed: the panel's first gloss is the token's."""
    ensure_lexicon(db)
    meeting = next(s for s in gloss_entry(db, "summit").senses if s.gloss == MEETING)
    choose_sense(db, "summit", meeting)  # the learner's choice comes first in both
    from reader.text.load import load_path

    # the text as imported (the page's furniture dropped), which the reading screen shows
    code, out, _ = invoke(run, "analyze", "--glosses", "--json", input=load_path(SEED).content)
    assert code == 0
    sentences = json.loads(out)
    build(db, seed_id)  # the whole text's say, as the reader's worker builds it
    session = ReadingSession(db, seed_id, phrases=PhraseIndex.from_db(db))
    rows = sentences_between(db, seed_id, 0, session.count)
    assert [s["text"] for s in sentences] == [r.text for r in rows]
    compared = 0
    for sentence in sentences:
        session.goto(rows[[s["text"] for s in sentences].index(sentence["text"])].idx)
        for row in session.gloss_rows():
            for i in row.unit.token_idxs:
                assert sentence["tokens"][i]["gloss"] == first_gloss(row.entry, row.unit)
                compared += 1
    assert compared > 300
    summits = [t for s in sentences for t in s["tokens"] if t["lemma"] == "summit"]
    assert summits and all(t["gloss"]["text"] == MEETING for t in summits)


def test_gloss_in_a_sentence(run: CliRunner) -> None:
    code, out, _ = invoke(
        run, "gloss", "summit", "--in", "the recent South Korea–U.S. summit", "--json"
    )
    assert code == 0
    entry = json.loads(out)
    assert entry["lemma"] == "summit" and entry["pos"] == "NOUN"
    assert all(s["pos"] == "NOUN" for s in entry["senses"])  # the tagger's part of speech
    code, out, _ = invoke(run, "gloss", "signaled", "--in", "it signaled a counter-message")
    assert code == 0 and out.startswith("signal (new)")
    code, out, _ = invoke(
        run, "gloss", "shoring up", "--in", "shoring up ties with China", "--json"
    )
    assert json.loads(out)["lemma"] == "shore up"


def test_gloss_in_a_sentence_ranks_as_the_reader_does(
    run: CliRunner, db: sqlite_utils.Database, seed_id: int
) -> None:
    ensure_lexicon(db)
    session = ReadingSession(db, seed_id, phrases=PhraseIndex.from_db(db))
    rows = sentences_between(db, seed_id, 0, session.count)
    row = next(r for r in rows if "summit and their solidarity" in r.text)
    session.goto(row.idx)
    unit = next(u for u in session.units if u.key == "summit")
    reader = session.entry_for_unit(unit)
    _, out, _ = invoke(run, "gloss", "summit", "--in", row.text, "--json")
    assert [s["gloss"] for s in json.loads(out)["senses"]] == [s.gloss for s in reader.senses]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gloss", "kettle", "--in", "the recent summit"], "“kettle” is not in the sentence"),
        (["gloss", "summit", "--in", "  "], "--in needs a sentence"),
    ],
)
def test_gloss_in_errors_are_one_line(run: CliRunner, args: list[str], message: str) -> None:
    code, out, err = invoke(run, *args)
    assert code != 0 and out == ""
    assert err.strip() == f"sentences: {message}"


def test_analyze_glosses_without_input_is_an_empty_list(run: CliRunner) -> None:
    code, out, _ = invoke(run, "analyze", "--glosses", "--json", input="")
    assert code == 0 and json.loads(out) == []
    db = open_db()
    assert db.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 0  # nothing imported
