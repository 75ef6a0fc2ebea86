"""The learner's own language first: glosses from dictionaries that translate into it.

A definition in English is often harder than the word it explains; a translation into the
learner's language is not. So, after the learner's own gloss, the senses of every dictionary
whose target language is ``native_lang`` come first; then a machine translation of the word,
when one was made (the reading screen asks for them in a worker; here only the cache is read,
never the network); the other sources follow as before.

A dictionary's first entry is often not what the sentence means ("correspondent" is first a
bank connection in FreeDict), so the translations follow the sense the reader ranked first for
the sentence (or the one the learner chose): the group aligned with that WordNet sense at import
(:mod:`reader.lexicon.align`) comes first, carrying its sense key. When no group is aligned with
it confidently, the order falls back on what the sentence and the words say: groups labelled
with a domain the sentence shows no sign of ([fin.], [constr.]) go last, groups confidently
aligned with another sense after the rest, and within each, common translations first.
"""

from __future__ import annotations

import re

import sqlite_utils

from reader.config import load_config
from reader.lexicon.align import DOMAIN_LABELS, labels_of, translations_of
from reader.lexicon.frequency import zipf
from reader.lexicon.lookup import LEARNER_SOURCE, Gloss
from reader.lexicon.senses import SenseContext

MACHINE_SOURCE = "machine translation"
MACHINE_KIND = "machine"
WORDNET_KIND = "wordnet"
MIN_CONFIDENCE = 0.25
"""An aligned group leads only when the alignment was this sure (see reader.lexicon.align)."""


def configured_native_lang() -> str:

    return load_config().native_lang


def native_sources(db: sqlite_utils.Database, native_lang: str) -> set[str]:
    """Names of the enabled sources whose glosses are written in ``native_lang``."""
    return sources_by_language(db, native_lang)[0]


def sources_by_language(
    db: sqlite_utils.Database, native_lang: str, source_lang: str = "en"
) -> tuple[set[str], set[str]]:
    """The enabled sources written in ``native_lang``, and those written in a third language
    (neither it nor the text's, ``source_lang``: eng-fra for a German speaker reading English).
    """
    if not native_lang:
        return set(), set()
    rows = db.conn.execute(
        "SELECT name, target_lang FROM lex_sources WHERE enabled = 1 AND target_lang IS NOT NULL"
    ).fetchall()
    mine = {name for name, target in rows if target == native_lang}
    third = {name for name, target in rows if target not in (native_lang, source_lang)}
    return mine, third


def machine_gloss(
    db: sqlite_utils.Database, key: str, native_lang: str, source_lang: str = "en"
) -> Gloss | None:
    """The cached machine translation of ``key`` into ``native_lang``, as a gloss."""
    from reader.translate import cached_translation  # lazy: translation loads requests (~0.07 s)

    if not native_lang or native_lang == source_lang:
        return None
    found = cached_translation(db, key, native_lang, source_lang)
    if found is None:
        return None
    return Gloss(MACHINE_SOURCE, MACHINE_KIND, key, None, 0, found.translation)


def native_first(
    db: sqlite_utils.Database,
    senses: list[Gloss],
    native_lang: str | None = None,
    key: str = "",
    source_lang: str = "en",
    context: SenseContext | None = None,
    sense_key: str | None = None,
) -> list[Gloss]:
    """``senses`` with the learner's own first, then those in ``native_lang`` (the one aligned
    with the meant sense first), then a machine translation of ``key`` if one is cached, then
    the rest, and dictionaries into a third language last.

    ``native_lang`` None means the configured one; "" turns the reordering off. The meant sense
    is ``sense_key`` (the learner's choice) or else the first WordNet sense of ``senses`` (as
    ranked for ``context``). Sources keep their priorities; see :func:`by_meant_sense` for the
    order within each.
    """
    lang = configured_native_lang() if native_lang is None else native_lang
    if not lang:
        return senses
    theirs, foreign = sources_by_language(db, lang, source_lang) if senses else (set(), set())
    machine = machine_gloss(db, key, lang, source_lang) if key else None
    if machine is not None:
        senses = [*senses, machine]
    if not theirs and not foreign and machine is None:
        return senses

    def group(sense: Gloss) -> int:
        if sense.kind == LEARNER_SOURCE:
            return 0
        if sense.source in theirs:
            return 1
        if sense.source in foreign:
            return 4  # a French gloss says nothing to a German speaker the English does not
        return 2 if sense.kind == MACHINE_KIND else 3

    ordered = sorted(senses, key=group)
    if not theirs:
        return ordered
    meant = sense_key or next((s.sense_key for s in senses if s.kind == WORDNET_KIND), None)
    mine = [s for s in ordered if s.source in theirs]
    start = ordered.index(mine[0]) if mine else 0
    ordered[start : start + len(mine)] = by_meant_sense(db, mine, meant, context, lang)
    return ordered


def by_meant_sense(
    db: sqlite_utils.Database,
    senses: list[Gloss],
    meant: str | None,
    context: SenseContext | None,
    lang: str,
) -> list[Gloss]:
    """One language's translation groups, the one(s) aligned with ``meant`` first.

    Then, each dictionary keeping its priority: groups aligned with a sense of another part of
    speech last, before them groups whose domain label the sentence shows no sign of, and
    otherwise common translations (wordfreq, in ``lang``) before rare ones (a group confidently
    aligned with another sense after an equally common one that is not).
    """
    priority = {source: n for n, source in enumerate(dict.fromkeys(s.source for s in senses))}
    with_object = takes_object(context)

    def order(sense: Gloss) -> tuple[int, int, int, int, float, int]:
        sure = (sense.align_score or 0.0) >= MIN_CONFIDENCE
        common = -_commonness(sense.gloss, lang)
        if meant and sure and sense.sense_key == meant:
            return (0, 0, 0, 0, common, 0)
        if meant and _other_pos(sense, meant):
            return (1, priority[sense.source], 2, 0, common, 0)  # eng-fra's verb, for a noun
        unfit = 1 if _unfit_domain(db, sense, context) else 0
        voice = verb_voice(sense.gloss, lang) if with_object is not None else None
        other_use = 1 if voice is not None and voice != with_object else 0
        elsewhere = 1 if sure and sense.sense_key else 0
        return (1, priority[sense.source], unfit, other_use, common, elsewhere)

    return sorted(senses, key=order)


# How a translation says it takes an object ("etw. härten": harden sth.) or none ("hart
# werden", "sich versteifen", "wieder zu sich kommen": a reflexive or "become" verb), by the
# learner's language (an object mark wins: "sich etw. ansehen"); a language not listed says
# neither, and its groups keep their order.
_OBJECT_MARKS = {"de": re.compile(r"(?:^|\s)(?:etw|jdn|jdm)\.")}
_NO_OBJECT = {
    "de": re.compile(r"(?:^|\s)sich(?:\s|$)|\swerden$"),
    "fr": re.compile(r"^(?:se\s|s')"),
}
_OBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM"})
_PASSIVE_AUX = frozenset({"be", "get"})


def takes_object(context: SenseContext | None) -> bool | None:
    """Whether the verb being glossed has an object in the sentence ("hardened present-day fault
    lines", or a passive: "the steel was hardened"), or none ("the wax hardened."); None when
    the word glossed is not one verb, or nothing is known of the sentence."""
    if context is None or len(context.target) != 1:
        return None
    at = context.target[0]
    if at >= len(context.pos) or context.pos[at] != "VERB":
        return None
    before = [i for i in range(max(0, at - 3), at) if context.pos[i] not in ("ADV", "PART")]
    if before and context.lemmas[before[-1]] in _PASSIVE_AUX and context.pos[before[-1]] == "AUX":
        return True
    for i in range(at + 1, len(context.pos)):
        if context.pos[i] == "ADV":
            continue  # "hardened further the lines"
        return context.pos[i] in _OBJECT_POS
    return False


def verb_voice(gloss: str, lang: str) -> bool | None:
    """Whether a verb's translation group takes an object (True: "etw. härten"), takes none
    (False: "hart werden", "sich versteifen", "se durcir"), or does not say (None)."""
    found = translations_of(gloss)
    if not found:
        return None
    first = found[0]
    marks = _OBJECT_MARKS.get(lang)
    if marks is not None and marks.search(first):
        return True
    none = _NO_OBJECT.get(lang)
    if none is not None and none.search(first):
        return False
    return None


def _other_pos(sense: Gloss, meant: str) -> bool:
    """The group is of another part of speech than the meant sense: by the sense it is aligned
    with, or else by the part of speech its dictionary gives it."""
    if sense.sense_key:
        return _pos_of(sense.sense_key) != _pos_of(meant)
    return sense.pos is not None and _WORDNET_NUMBER.get(sense.pos, "") != _pos_of(meant)


_WORDNET_NUMBER = {"NOUN": "1", "VERB": "2", "ADJ": "3", "ADV": "4"}


def _pos_of(sense_key: str) -> str:
    """The part of speech in a WordNet sense key ("parade%2:38:00::" -> "2"; 5, a satellite
    adjective, counts as 3)."""
    found = sense_key.partition("%")[2][:1]
    return "3" if found == "5" else found


def _commonness(gloss: str, lang: str) -> float:
    """How common the group's first translation is in ``lang`` (wordfreq's Zipf)."""
    found = translations_of(gloss)
    return target_zipf(found[0], lang) if found else 0.0


_NO_FREQUENCIES: set[str] = set()


def target_zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf of a word of the learner's language; 0 for every word where wordfreq has
    no list for the language, or needs a tokenizer that is not installed (MeCab for Japanese
    and Korean, jieba for Chinese): the order then falls back on the dictionary's."""
    if lang in _NO_FREQUENCIES:
        return 0.0
    try:
        return zipf(word, lang)
    except (LookupError, ImportError):
        _NO_FREQUENCIES.add(lang)
        return 0.0


def warm_up(native_lang: str | None = None) -> None:
    """Load what ordering glosses for the learner's language reads on first use (wordfreq's
    table for it: ~0.4 s for German; the translation cache's module), so the first sentence
    glossed does not wait for it."""
    lang = configured_native_lang() if native_lang is None else native_lang
    if lang:
        target_zipf("warm", lang)
        import reader.translate  # noqa: F401  (machine_gloss reads its cache: requests, ~0.07 s)


def _unfit_domain(db: sqlite_utils.Database, sense: Gloss, context: SenseContext | None) -> bool:
    """A group labelled with a domain ("[fin.]") whose words the sentence does not have."""
    labels = labels_of(sense.gloss) if context is not None else []
    if not labels or context is None:  # without a sentence there is nothing to judge by
        return False
    from reader.lexicon.senses.model import load_model  # lazy: numpy (~0.1 s)

    model = load_model()  # its domain vocabularies: the words that point to each WordNet domain
    vocabulary = model.domains if model is not None else {}
    target = {context.lemmas[i] for i in context.target if i < len(context.lemmas)}
    words = set(context.context_lemmas()) - target
    return not any(
        words & (vocabulary.get(domain, frozenset()) | {domain})
        for label in labels
        for domain in DOMAIN_LABELS[label]
    )
