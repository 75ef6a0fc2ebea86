"""Gloss sources: WordNet compiled into the database, plus dictionaries the learner imports.

Everything lives in ``lex_sources``/``lex_entries`` so a lookup is one indexed query, whatever
the source's original format.
"""

from reader.lexicon.base import LexiconError
from reader.lexicon.dictionaries import (
    ImportReport,
    SourceInfo,
    import_dictionary,
    list_dictionaries,
    remove_dictionary,
    reorder,
    set_enabled,
    set_priority,
)
from reader.lexicon.frequency import band, rank_threshold, zipf
from reader.lexicon.lookup import Gloss, all_glosses, glosses
from reader.lexicon.wordnet import (
    WORDNET_MISSING,
    WordNetMissing,
    WordNetReport,
    compile_wordnet,
    ensure_wordnet,
    find_wordnet,
)

__all__ = [
    "WORDNET_MISSING",
    "Gloss",
    "ImportReport",
    "LexiconError",
    "SourceInfo",
    "WordNetMissing",
    "WordNetReport",
    "all_glosses",
    "band",
    "compile_wordnet",
    "ensure_wordnet",
    "find_wordnet",
    "glosses",
    "import_dictionary",
    "list_dictionaries",
    "rank_threshold",
    "remove_dictionary",
    "reorder",
    "set_enabled",
    "set_priority",
    "zipf",
]
