"""Card identity comes from content, never from database ids."""

from __future__ import annotations

from reader.learn.identity import sentence_guid, term_card_guid, term_note_guid


def test_the_same_content_gives_the_same_identity() -> None:
    assert term_note_guid("en", "shore up") == term_note_guid("en", "shore up")
    assert term_card_guid("en", "summit", "production") == term_card_guid(
        "en", "summit", "production"
    )
    assert sentence_guid("en", "ab12", 10, 42, "listening") == sentence_guid(
        "en", "ab12", 10, 42, "listening"
    )


def test_any_part_of_the_content_changes_the_identity() -> None:
    base = term_card_guid("en", "summit", "recognition")
    assert term_card_guid("en", "summit", "production") != base
    assert term_card_guid("de", "summit", "recognition") != base
    assert term_card_guid("en", "summits", "recognition") != base
    assert term_note_guid("en", "summit") != base
    assert sentence_guid("en", "ab12", 10, 42, "x") != sentence_guid("en", "ab12", 10, 43, "x")


def test_identities_are_anki_guids() -> None:
    guid = term_note_guid("en", "take over")
    assert 1 <= len(guid) <= 10
    assert not set(guid) & set(" \"'\\`\t\n")
