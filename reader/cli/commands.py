"""The ``sentences`` commands by name: the module that holds each and its one-line help.

The group (:class:`reader.cli.base.SentencesGroup`) reads this table so that ``sentences
--help`` lists every command without importing a single command module, and running a command
imports only the module that holds it (click's "lazy group"). A command module can then import
what it needs at its top: it is loaded only when one of its own commands runs.

Each summary is the first paragraph of the command's docstring; tests/test_cli_lazy.py fails
when the two part, or when a command is missing here.
"""

from __future__ import annotations

from typing import NamedTuple


class Listed(NamedTuple):
    module: str  # the module whose import registers the command on the group
    summary: str  # the first paragraph of its help, which click shortens for the listing


COMMANDS: dict[str, Listed] = {
    "analyze": Listed(
        "reader.cli.text",
        "Split stdin into sentences and tokens with lemmas and part-of-speech tags.",
    ),
    "audio": Listed(
        "reader.cli.audio",
        "Pre-render the audio of every sentence of a text (--text), so reading never waits"
        " for it; or shrink the audio cache (--prune MB).",
    ),
    "backup": Listed(
        "reader.cli.maintenance",
        "Copy the database to OUT (default: backups/ in the data home), safely while reading.",
    ),
    "cards": Listed(
        "reader.cli.review",
        "List review cards: term, drill, when due, and FSRS's state, stability and difficulty."
        " With --due, the cards a review session started now would show.",
    ),
    "config": Listed(
        "reader.cli.settings",
        "Show the settings (config.toml in the data home), or change one with `config set`.",
    ),
    "dict": Listed(
        "reader.cli.dicts",
        "Dictionaries you bring: TSV/CSV, StarDict, FreeDict TEI, dictd.",
    ),
    "doctor": Listed(
        "reader.cli.maintenance",
        "Check the database (PRAGMA integrity_check) and say what was found.",
    ),
    "export": Listed(
        "reader.cli.export",
        "Write flashcards for the terms you are learning: an Anki package (anki, .apkg) with"
        " the sentence audio, or a TSV/CSV file with one row per term.",
    ),
    "find": Listed(
        "reader.cli.insight",
        'Every sentence of your library that holds TERM, in any of its forms ("went": go).',
    ),
    "gloss": Listed(
        "reader.cli.words",
        "The glosses the reader shows for WORD: yours first, then dictionaries, then WordNet.",
    ),
    "import": Listed(
        "reader.cli.library",
        "Import PATH or URL... (- for stdin) without opening; says each text's id and length.",
    ),
    "known": Listed(
        "reader.cli.words",
        "Mark words known: the TOP most frequent lemmas (a head start), or those of a list.",
    ),
    "read": Listed(
        "reader.cli.library",
        "Open PATH or URL (importing it if new) or TEXT-ID in sentences mode, where you left it.",
    ),
    "remove": Listed(
        "reader.cli.texts",
        "Remove TEXT-ID... from the library; your word statuses and glosses stay.",
    ),
    "review": Listed(
        "reader.cli.review",
        "Open the review screen on the cards that are due.",
    ),
    "setup": Listed(
        "reader.cli.words",
        "Find or build the lexicon and language data, and say what was found.",
    ),
    "show": Listed(
        "reader.cli.texts",
        "The stored sentences of TEXT-ID, one per line, under their chapters' titles.",
    ),
    "speak": Listed(
        "reader.cli.audio",
        "Synthesize TEXT (or take it from the cache) and print the audio file's path.",
    ),
    "split": Listed(
        "reader.cli.text",
        "Split stdin into sentences, one per line.",
    ),
    "stats": Listed(
        "reader.cli.insight",
        "Your progress: words known and learning, sentences read, reviews, streak.",
    ),
    "study": Listed(
        "reader.cli.insight",
        "TEXT-ID's new words, those that would make most of it readable first.",
    ),
    "term": Listed(
        "reader.cli.words",
        "Terms: statuses and your own glosses.",
    ),
    "texts": Listed(
        "reader.cli.texts",
        "List texts with their length, progress and share of unknown words.",
    ),
    "translate": Listed(
        "reader.cli.translating",
        "Translate TEXT (- for stdin) into your language; from the cache when it is there.",
    ),
}
