"""Behaviour of the shipped EWT tagger model and the lemma rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text import tagger
from reader.text.lemma import lemma_rule
from reader.text.tag_features import UPOS
from reader.text.tagger import _get_model, tag_sentences, tag_words


def lemmatize(word: str, upos: str) -> str:
    return _get_model().lemmatizer(word, upos)


def tags(sentence: str) -> list[tuple[str, str]]:
    return tag_words(sentence.split())


@pytest.mark.parametrize(
    ("word", "upos", "lemma"),
    [
        ("was", "AUX", "be"),
        ("children", "NOUN", "child"),
        ("better", "ADJ", "good"),
        ("better", "ADV", "well"),
        ("thanks", "NOUN", "thanks"),  # EWT keeps the plural-only noun
        ("more", "ADJ", "more"),  # not "much"
        ("most", "ADV", "most"),
        ("Pakistani", "ADJ", "Pakistani"),
        ("Sunni", "ADJ", "Sunni"),
        ("other", "ADJ", "other"),
        ("others", "NOUN", "other"),
        ("n't", "PART", "not"),
        ("n\u2019t", "PART", "not"),
        ("'s", "AUX", "be"),
        ("\u2019s", "AUX", "be"),
        ("'s", "PART", "'s"),
        ("me", "PRON", "I"),
        ("The", "DET", "the"),
        ("Iraqis", "PROPN", "Iraqi"),
        ("2,000", "NUM", "2000"),
        ("running", "VERB", "run"),
    ],
)
def test_ewt_lemma_conventions(word: str, upos: str, lemma: str) -> None:
    assert lemmatize(word, upos) == lemma


@pytest.mark.parametrize("upos", ["NOUN", "VERB", "ADJ", "ADV"])
@pytest.mark.parametrize("word", ["blorptastic", "xyzzlefrobs", "snarfling", "quonked", "flurbest"])
def test_unknown_words_never_get_made_up_lemmas(word: str, upos: str) -> None:
    assert lemmatize(word, upos) == word
    assert lemmatize(word.capitalize(), "PROPN") == word.capitalize()
    if upos != "ADJ":  # unknown capitalised adjectives are demonyms and keep case
        assert lemmatize(word.capitalize(), upos) == word


def test_hyphenated_compounds_keep_their_form() -> None:
    assert lemma_rule("well-known", "ADJ") == "well-known"
    assert lemma_rule("well-known", "VERB") == "well-known"
    assert lemma_rule("five-year-olds", "NOUN") == "five-year-old"
    assert lemma_rule("heir-in-training", "NOUN") == "heir-in-training"
    assert lemma_rule("re-elected", "VERB") == "re-elect"


def test_sentence_tags() -> None:
    out = tags("The children were playing with their dogs in the park .")
    assert [t for t, _ in out] == [
        "DET",
        "NOUN",
        "AUX",
        "VERB",
        "ADP",
        "PRON",
        "NOUN",
        "ADP",
        "DET",
        "NOUN",
        "PUNCT",
    ]
    assert [lemma for _, lemma in out][:4] == ["the", "child", "be", "play"]


def test_contractions_straight_and_curly() -> None:
    straight = tags("I do n't think it 's ready , but we 'll see .")
    curly = tags("I do n\u2019t think it \u2019s ready , but we \u2019ll see .")
    assert straight == curly
    assert straight[2] == ("PART", "not")
    assert straight[5] == ("AUX", "be")
    assert straight[10] == ("AUX", "will")


def test_hyphenated_tokens_get_content_tags() -> None:
    out = tags("Kim Jong-un watched the tug-of-war with his heir-in-training .")
    assert out[1] == ("PROPN", "Jong-un")
    assert out[4] == ("NOUN", "tug-of-war")
    assert out[7] == ("NOUN", "heir-in-training")


def test_possessive_and_proper_nouns() -> None:
    out = tags("Kim 's Pakistani friends thanked us .")
    assert out[0] == ("PROPN", "Kim")
    assert out[1] == ("PART", "'s")
    assert out[2] == ("ADJ", "Pakistani")
    assert out[3] == ("NOUN", "friend")


def test_batch_and_single_sentence_paths_agree() -> None:
    sents = [
        ["The", "old", "man", "the", "boats", "."],
        ["Time", "flies", "like", "an", "arrow", ";", "fruit", "flies", "like", "a", "banana", "."],
        [],
        ["Hello"],
        [
            "She",
            "said",
            "she",
            "would",
            "n't",
            "go",
            "to",
            "London",
            "for",
            "the",
            "conference",
            ".",
        ],
    ]
    assert tag_sentences(sents) == [tag_words(s) for s in sents]


def test_odd_input_never_raises() -> None:
    assert tag_words([]) == []
    assert tag_sentences([]) == []
    words = [
        "",
        " ",
        "x" * 5000,
        "\u00c4\u00d6\u00dc",
        "\u65e5\u672c\u8a9e",
        "\x00",
        "'",
        "--",
        "\U0001f600",
    ]
    out = tag_words(words)
    assert len(out) == len(words)
    assert all(tag in UPOS for tag, _ in out)
    assert out[2][1] == "x" * 5000  # a long word's lemma is never truncated


def test_word_type_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = ["The", "zorblat", "quuxed", "the", "snerk", "."]
    expected = tag_words(sentence)
    model = _get_model()
    monkeypatch.setattr(tagger, "_MAX_TYPES", model.n_types + 5)
    for i in range(20):
        tag_words([f"word{i}a", f"word{i}b", f"word{i}c"])
    assert model.n_types <= tagger._MAX_TYPES
    assert tag_words(sentence) == expected


@pytest.mark.parametrize(
    ("word", "upos", "lemma"),
    [
        ("sooooo", "ADV", "so"),  # elongations shorten to a known word
        ("prettty", "ADV", "pretty"),
        ("VERYYYY", "ADV", "very"),
        ("german", "ADJ", "German"),  # EWT only saw it capitalised
        ("RFP", "NOUN", "rfp"),  # an unseen acronym used as a common noun
        ("plumbing", "NOUN", "plumbing"),  # gerund nouns are not verb stems
    ],
)
def test_lemma_normalisation(word: str, upos: str, lemma: str) -> None:
    assert lemmatize(word, upos) == lemma


def test_gerund_noun_rule() -> None:
    assert lemma_rule("flooberings", "NOUN") == "floobering"


def test_informative_capitals() -> None:
    from reader.text.lemma import informative_capitals

    words = ["He", "did", "not", "see", "peace", "in", "the", "Holy", "Land", "."]
    assert informative_capitals(words) == [w in ("Holy", "Land") for w in words]
    # after a quote a capital may start a quoted sentence; headlines carry no signal
    assert informative_capitals(["He", "said", '"', "True", "love"]) == [False] * 5
    assert informative_capitals(["Best", "Pizza", "In", "The", "City"]) == [False] * 5


def test_capitalised_adjective_in_a_name_keeps_its_capital() -> None:
    lem = _get_model().lemmatizer
    assert lem("Holy", "ADJ", True) == "Holy"  # "the Holy Land"
    assert lem("Holy", "ADJ") == "holy"  # sentence-initial: just an adjective
    assert lem("Greater", "ADJ", True) == "Great"  # "Greater Noida"


def test_file_names_are_common_nouns() -> None:
    out = tags("Please see CrudeStocks.pdf for details .")
    assert out[2] == ("NOUN", "crudestocks.pdf")


def test_near_tie_proper_noun_that_is_a_common_noun() -> None:
    out = tags("Power be where power lies .")
    assert out[0] == ("NOUN", "power")


@pytest.mark.parametrize(
    ("typed", "upos", "meant"),
    [
        ("diffrent", "ADJ", "different"),
        ("reciept", "NOUN", "receipt"),
        ("hlep", "VERB", "help"),
        ("visted", "VERB", "visited"),  # not "listed": the first letter is kept
        ("bwought", "VERB", "brought"),  # Denisov's lisp in War and Peace
    ],
)
def test_typos_are_read_as_the_word_meant(typed: str, upos: str, meant: str) -> None:
    from reader.text.spelling import intended_word

    assert intended_word(typed, upos) == meant


@pytest.mark.parametrize(
    ("word", "upos"),
    [
        ("repine", "VERB"),  # rare but real (Austen)
        ("schemer", "NOUN"),
        ("coiners", "NOUN"),  # a regular derivation of a listed word
        ("untilled", "ADJ"),  # a prefix on a listed word
        ("pesthouse", "NOUN"),  # two listed words
        ("votre", "NOUN"),  # French quoted in an English novel
        ("soll", "VERB"),  # German
        ("diffrent", "VERB"),  # "different" is no verb: the class must match
        ("xqzt", "NOUN"),  # nothing one edit away
    ],
)
def test_real_and_foreign_words_are_left_alone(word: str, upos: str) -> None:
    from reader.text.spelling import intended_word

    assert intended_word(word, upos) is None


def test_a_typo_gets_the_lemma_of_the_word_meant() -> None:
    got = tag_words(["We", "visted", "the", "museum", "and", "it", "was", "diffrent", "."])
    assert [lemma for _, lemma in got] == [
        *("we", "visit", "the", "museum", "and", "it", "be", "different", ".")
    ]
    assert tag_words(["Please", "hlep", "me", "with", "the", "reciept"])[1] == ("VERB", "help")
    # acronyms are not typos
    assert lemmatize("PRMA", "NOUN") != "puma"


@pytest.mark.parametrize(
    ("word", "upos", "lemma"),
    [
        ("leaned", "VERB", "lean"),  # EWT: a typo for "learned", lemma "learn"
        ("loose", "VERB", "loose"),  # EWT: a typo for "lose"
        ("wandering", "VERB", "wander"),  # EWT: a typo for "wondering"
        ("boarder", "NOUN", "boarder"),  # EWT: a typo for "border"
    ],
)
def test_a_real_word_typed_for_another_keeps_its_own_lemma(
    word: str, upos: str, lemma: str
) -> None:
    """EWT lemmatizes what the writer meant; the lemma table must not teach that reading."""
    assert lemmatize(word, upos) == lemma


def test_runtime_feature_keys_match_the_training_features() -> None:
    """The tagger's fast path must look up exactly the features the model was trained on."""
    import json

    from _paths import SEED

    from reader.text.tag_features import ALL_ROLES, feature_keys, word_features
    from reader.text.tokenize import tokenize

    passages = json.loads((Path(__file__).parent / "data" / "segment_passages.json").read_text())
    text = SEED.read_text(encoding="utf-8") + " ".join(p["text"] for p in passages)
    words = {t.text for t in tokenize(text)}
    words |= {"Jong-un", "tug-of-war", "re-", "-", "U.S.", "ÉCOLE", "x", "3.5", "e-mail", "A-"}
    assert len(words) > 3000
    for word in words:
        feats = word_features(word)
        expected = [f"{r}|{f}" for r in ALL_ROLES for f in feats[r]]
        keys, counts = feature_keys(word)
        assert keys == expected, word
        assert counts == [len(feats[r]) for r in ALL_ROLES], word
