"""The text contract (split, analyze, tag_words) and the importer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlite_utils
from _paths import SEED

from reader.learn.texts import tokens_of
from reader.text import analyze, split, tag_words
from reader.text import importer as importer_module
from reader.text.importer import import_text
from reader.text.load import load_path, load_string
from reader.text.tokenize import tokenize


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    return [s["text"] for s in split(load_path(SEED).content)]


def test_split_shape_and_offsets() -> None:
    text = "Hello there. How are you?\n\nFine."
    result = split(text)
    assert [s["text"] for s in result] == ["Hello there.", "How are you?", "Fine."]
    for s in result:
        assert set(s) == {"text", "start", "end"}
        assert text[s["start"] : s["end"]] == s["text"]


@pytest.mark.parametrize(
    "line",
    [
        "[Weekly Focus] How Kim Jong-un's coalition with China, Russia changes regional dynamics",
        "Published on: 2025/09/06 12:36",
        "Arirang news https://www.arirang.com/news/view?id=286928",
    ],
)
def test_seed_headings_stand_alone(seed_sentences: list[str], line: str) -> None:
    assert line in seed_sentences


def test_seed_us_inside_a_sentence_does_not_end_it(seed_sentences: list[str]) -> None:
    assert (
        "It was a show of force unseen since the Cold War era, and certainly hardened present-day "
        "fault lines in the Indo-Pacific region, directed towards South Korea’s strengthened "
        "trilateral cooperation with the U.S. and Japan." in seed_sentences
    )
    assert not any(s.endswith("U.S.") and "pressure" not in s for s in seed_sentences)


def test_seed_comma_dots_do_not_end_a_sentence(seed_sentences: list[str]) -> None:
    assert any(s.startswith("The gathering of the leaders") and s.endswith("Peninsula.")
               for s in seed_sentences)  # fmt: skip
    assert not any(s.endswith(",..") for s in seed_sentences)


def test_seed_question_labels_start_their_sentence(seed_sentences: list[str]) -> None:
    for label in ("Q1.", "Q2.", "Q3.", "Q4."):
        starting = [s for s in seed_sentences if s.startswith(label + " ")]
        assert len(starting) == 1, label
        assert not any(s.endswith(label) for s in seed_sentences)


def test_analyze_tokens_point_into_the_text() -> None:
    text = "Kim Jong-un's daughter was seen in Beijing.\n\nShe waved."
    result = analyze(text)
    assert len(result) == 2
    for sentence in result:
        for token in sentence["tokens"]:
            assert set(token) == {"text", "start", "end", "lemma", "pos", "is_word"}
            assert text[token["start"] : token["end"]] == token["text"]
    words = {t["text"]: t for t in result[0]["tokens"]}
    assert words["was"]["lemma"] == "be"
    assert words["Beijing"]["pos"] == "PROPN"
    assert words["daughter"]["is_word"]
    assert not words["'s"]["is_word"] and not words["."]["is_word"]


def test_tag_words_contract() -> None:
    tagged = tag_words(["The", "children", "were", "running", "."])
    assert tagged == [
        ("DET", "the"),
        ("NOUN", "child"),
        ("AUX", "be"),
        ("VERB", "run"),
        ("PUNCT", "."),
    ]


def test_tokenizer_keeps_compounds_and_splits_clitics() -> None:
    words = [
        t.text for t in tokenize("The tug-of-war isn't over in the U.S. today, Kim's aide said.")
    ]
    assert "tug-of-war" in words and "U.S." in words
    assert words[words.index("is") + 1] == "n't"
    assert words[words.index("Kim") + 1] == "'s"


def test_import_is_stored_whole_and_found_again(db: sqlite_utils.Database) -> None:
    loaded = load_path(SEED)
    first = import_text(db, loaded)
    assert first.created and first.sentences == len(split(loaded.content))
    again = import_text(db, loaded)
    assert again.text_id == first.text_id and not again.created
    assert db.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1
    count = db.execute(
        "SELECT COUNT(*) FROM sentences WHERE text_id = ?", (first.text_id,)
    ).fetchone()[0]
    assert count == first.sentences
    content = db.execute("SELECT content FROM texts").fetchone()[0]
    for start, end, text in db.execute('SELECT start, "end", text FROM sentences').fetchall():
        assert content[start:end] == text
    for (sid,) in db.execute("SELECT id FROM sentences").fetchall():
        for token in tokens_of(db, sid):
            assert content[token.start : token.end] == token.text


def test_failed_import_leaves_nothing(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = importer_module._store

    def failing(*args: object, **kwargs: object) -> int:
        original(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer_module, "_store", failing)
    with pytest.raises(RuntimeError):
        import_text(db, load_string("One sentence. Another one."))
    for table in ("texts", "sentences", "sentence_tokens", "occurrences"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_import_reports_progress(db: sqlite_utils.Database) -> None:
    seen: list[tuple[str, int, int]] = []
    import_text(db, load_path(SEED), progress=lambda *a: seen.append(a))
    assert seen[0][0] == "analysing" and seen[-1] == ("saving", 1, 1)


def test_books_analysed_in_processes_match_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.text import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SENTENCES", 10)
    text = load_path(SEED).content
    seen: list[int] = []
    parallel = pipeline.analyze_sentences(text, workers=2, progress=lambda d, t: seen.append(d))
    assert parallel == pipeline.analyze_sentences(text, workers=1)
    assert seen[-1] == len(parallel) and len(seen) > 1


def test_processes_start_under_a_tui_that_replaced_stderr(tmp_path: Path) -> None:
    """Textual swaps sys.stderr for an object whose fileno() is -1; multiprocessing passes that
    descriptor to its resource tracker, and the import of a book failed in the TUI."""
    script = tmp_path / "tui_like.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from reader.text import pipeline
            from reader.text.load import load_path

            class Capture:
                def write(self, text): return len(text)
                def flush(self): pass
                def fileno(self): return -1

            if __name__ == "__main__":
                sys.stderr = Capture()
                text = load_path({str(SEED)!r}).content
                spans = pipeline.split_spans(text)
                paragraphs = list(pipeline.paragraphs_of(text, spans))
                out = pipeline._analyze_in_processes(text, spans, paragraphs, 2, None)
                assert len(out) == len(spans)
                assert isinstance(sys.stderr, Capture)
            """
        )
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
