"""The learner's progress, from what the program already records: statuses over time
(``term_history``), sentences read (``sentences_read``, ``events``), reviews (``review_log``).

Lute's users asked for status over time, word counts, how often a word was met and a vocabulary
estimate; LingQ's known-word count and daily streak are what keep its learners coming back.
Nothing here writes: every figure is computed from the logs, so it is the same after an upgrade
and covers the days before this screen existed.

Days are the learner's local days (SQLite's ``localtime``), so an evening's reading after
midnight UTC does not split a streak.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

import sqlite_utils

from reader.learn.status import IGNORED, KNOWN, LEARNING, NEW
from reader.store.tokens import DamagedTokens, decode_varints

IDLE_CUTOFF_S = 300
"""A pause longer than this between two things the learner did ends a reading session, and
is not counted as active time (a learner who left the reader open over lunch did not read)."""

ESTIMATE_RANKS = 20_000
ESTIMATE_BUCKET = 1_000
ESTIMATE_MIN_MET = 20  # words met in a frequency band before its known share is trusted


@dataclass(frozen=True, slots=True)
class Session:
    start: str
    end: str
    active_s: int
    sentences: int


@dataclass
class Stats:
    since: str | None
    known: int = 0
    learning: int = 0
    new_seen: int = 0
    status_changes: int = 0
    became_known: int = 0
    sentences_read: int = 0
    words_read: int = 0
    reviews: int = 0
    retention: float | None = None
    days_active: int = 0
    streak: int = 0
    active_minutes: int = 0
    sessions: int = 0
    vocabulary_estimate: int | None = None
    known_by_day: list[tuple[str, int]] = field(default_factory=list)
    read_by_day: list[tuple[str, int, int]] = field(default_factory=list)
    reviews_by_day: list[tuple[str, int, float]] = field(default_factory=list)
    minutes_by_day: list[tuple[str, int]] = field(default_factory=list)
    reading_sessions: list[Session] = field(default_factory=list)
    words_counted: bool = True  # words_read and new_seen (see ``compute(words=False)``)

    @property
    def empty(self) -> bool:
        return not (self.known or self.learning or self.sentences_read or self.reviews
                    or self.status_changes)  # fmt: skip

    def as_dict(self, *, series: bool = False) -> dict[str, object]:
        data = asdict(self)
        data.pop("words_counted")
        if not series:
            for name in ("known_by_day", "read_by_day", "reviews_by_day", "minutes_by_day",
                         "reading_sessions"):  # fmt: skip
                data.pop(name)
        if data["retention"] is not None:
            data["retention"] = round(float(data["retention"]), 4)
        return data


def why_empty(stats: Stats) -> str:
    """The sentence shown instead of empty plots."""
    if stats.since:
        return f"Nothing recorded since {stats.since}: no sentences read, words marked or reviews."
    return (
        "Nothing to show yet: read a text (sentences read and words you mark are counted) or "
        "review cards, and your progress appears here."
    )


def compute(
    db: sqlite_utils.Database,
    since: str | None = None,
    lang: str = "en",
    *,
    estimate: bool = True,
    words: bool = True,
    today: date | None = None,
) -> Stats:
    """Every figure of the stats screen (and ``sentences stats``), counted from ``since`` (an
    ISO date) on; ``known`` and ``learning`` are totals now. ``words=False`` leaves out what
    needs the tokens of every sentence read (words read, words met still new: most of the
    time), for a first frame; ``words_counted`` says so."""
    stats = Stats(since)
    stats.words_counted = words
    after = since or ""
    by_status = dict(
        db.execute("SELECT status, COUNT(*) FROM terms WHERE lang = ? GROUP BY status", (lang,))
        .fetchall()
    )  # fmt: skip
    stats.known = int(by_status.get(KNOWN, 0))
    stats.learning = sum(int(by_status.get(n, 0)) for n in LEARNING)
    history = db.execute(
        "SELECT date(h.at, 'localtime'), h.old_status, h.new_status FROM term_history h "
        "JOIN terms t ON t.id = h.term_id WHERE t.lang = ? ORDER BY h.at, h.id",
        (lang,),
    ).fetchall()
    stats.status_changes = sum(1 for day, *_ in history if day >= after)
    stats.became_known = sum(1 for day, _o, new in history if day >= after and new == KNOWN)
    stats.known_by_day = _known_by_day(history, after)
    _reading(db, stats, after, lang, words)
    _reviews(db, stats, after)
    days = _active_days(db)
    stats.days_active = sum(1 for d in days if d >= after)
    stats.streak = streak(days, today or date.today())  # whatever ``since`` says
    sessions = reading_sessions(db, since)
    stats.sessions = len(sessions)
    stats.reading_sessions = sessions
    stats.active_minutes = round(sum(s.active_s for s in sessions) / 60)
    minutes: Counter[str] = Counter()
    for s in sessions:
        minutes[_local_day(s.start)] += s.active_s
    stats.minutes_by_day = [(d, round(v / 60)) for d, v in sorted(minutes.items())]
    if estimate:
        stats.vocabulary_estimate = vocabulary_estimate(db, lang)
    return stats


def history_mark(db: sqlite_utils.Database, lang: str = "en") -> tuple[object, ...]:
    """What the figures of :func:`compute` depend on, in a few milliseconds: the size and last
    entry of each log, the count of terms by status, and today's date (the streak). Figures
    counted under the same mark are still true, so the reader can show them at once."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) || ' ' || COALESCE(MAX(at), '') FROM sentences_read), "
        "(SELECT COUNT(*) || ' ' || COALESCE(MAX(id), 0) FROM term_history), "
        "(SELECT COUNT(*) || ' ' || COALESCE(MAX(id), 0) FROM review_log), "
        "(SELECT COUNT(*) || ' ' || COALESCE(MAX(id), 0) FROM events), "
        "(SELECT group_concat(status || '=' || n) FROM "
        " (SELECT status, COUNT(*) AS n FROM terms WHERE lang = ? GROUP BY status)), "
        "(SELECT COUNT(*) || ' ' || COALESCE(MAX(id), 0) FROM texts), "
        "date('now', 'localtime')",
        (lang,),
    ).fetchone()
    return tuple(row)


def _known_by_day(history: list[tuple[str, int | None, int]], after: str) -> list[tuple[str, int]]:
    """The number of known words at the end of each day with a change (from ``after`` on)."""
    known = 0
    out: dict[str, int] = {}
    for day, old, new in history:
        known += (new == KNOWN) - (old == KNOWN)
        if day >= after:
            out[day] = known
    return sorted(out.items())


def _reading(
    db: sqlite_utils.Database, stats: Stats, after: str, lang: str, tokens: bool = True
) -> None:
    """Sentences and running words read per day, and the words met still new: one pass over
    the token rows of the sentences read (``tokens=False``: sentences only)."""
    data_column = "k.data" if tokens else "NULL"
    token_join = "LEFT JOIN sentence_tokens k ON k.sentence_id = s.id " if tokens else ""
    rows = db.execute(
        f"SELECT date(r.at, 'localtime'), {data_column} FROM sentences_read r "
        "JOIN sentences s ON s.id = r.sentence_id JOIN texts t ON t.id = r.text_id "
        f"{token_join}WHERE t.lang = ? AND date(r.at, 'localtime') >= ?",
        (lang, after),
    )
    sentences: Counter[str] = Counter()
    words: Counter[str] = Counter()
    met: set[int] = set()
    for day, data in rows:
        sentences[day] += 1
        if data is None:
            continue
        try:
            values = decode_varints(bytes(data))
        except DamagedTokens:
            continue
        # four varints a token; the lemma id third, the tag (odd for a word) fourth
        word_ids = [i for i, tag in zip(values[2::4], values[3::4], strict=False) if tag & 1]
        words[day] += len(word_ids)
        met.update(word_ids)
    stats.sentences_read = sum(sentences.values())
    stats.words_read = sum(words.values())
    stats.read_by_day = [(d, sentences[d], words[d]) for d in sorted(sentences)]
    if tokens:
        stats.new_seen = _still_new(db, met, lang)


def _still_new(db: sqlite_utils.Database, lemma_ids: set[int], lang: str) -> int:
    keys: set[str] = set()
    wanted = list(lemma_ids)
    for first in range(0, len(wanted), 500):
        chunk = wanted[first : first + 500]
        marks = ",".join("?" * len(chunk))
        keys.update(
            str(r[0]) for r in db.execute(f"SELECT key FROM lemmas WHERE id IN ({marks})", chunk)
        )
    have = {
        str(r[0])
        for r in db.execute("SELECT key FROM terms WHERE lang = ? AND status != ?", (lang, NEW))
    }
    return len(keys - have)


def _reviews(db: sqlite_utils.Database, stats: Stats, after: str) -> None:
    """Reviews per day, and retention: the share of reviews not answered Again."""
    rows = db.execute(
        "SELECT date(reviewed_at, 'localtime') AS day, COUNT(*), SUM(rating > 1) "
        "FROM review_log WHERE day >= ? GROUP BY day ORDER BY day",
        (after,),
    ).fetchall()
    stats.reviews_by_day = [(d, int(n), int(ok) / int(n)) for d, n, ok in rows]
    stats.reviews = sum(int(n) for _d, n, _ok in rows)
    passed = sum(int(ok) for _d, _n, ok in rows)
    stats.retention = passed / stats.reviews if stats.reviews else None


def _active_days(db: sqlite_utils.Database) -> set[str]:
    days: set[str] = set()
    for sql in (
        "SELECT DISTINCT date(at, 'localtime') FROM sentences_read",
        "SELECT DISTINCT date(reviewed_at, 'localtime') FROM review_log",
        "SELECT DISTINCT date(at, 'localtime') FROM events WHERE kind IN ('read', 'lookup')",
        "SELECT DISTINCT date(at, 'localtime') FROM term_history",
    ):
        days.update(str(r[0]) for r in db.execute(sql) if r[0])
    return days


def streak(days: set[str], today: date) -> int:
    """Days in a row with some reading or review, up to today (or yesterday: today's reading
    may be still to come)."""
    day = today if today.isoformat() in days else today - timedelta(days=1)
    count = 0
    while day.isoformat() in days:
        count += 1
        day -= timedelta(days=1)
    return count


def reading_sessions(db: sqlite_utils.Database, since: str | None = None) -> list[Session]:
    """Reading sessions, from the moments the learner read a sentence or looked a word up: a
    pause over :data:`IDLE_CUTOFF_S` ends one. Active time is the sum of the shorter pauses."""
    rows = db.execute(
        "SELECT at, kind FROM events WHERE kind IN ('read', 'lookup') AND at >= ? ORDER BY at",
        (since or "",),
    ).fetchall()
    sessions: list[Session] = []
    start = last = None
    active = 0.0
    reads = 0
    for at, kind in rows:
        moment = _parse(str(at))
        if moment is None:
            continue
        if last is not None and (moment - last).total_seconds() > IDLE_CUTOFF_S:
            sessions.append(Session(start.isoformat(), last.isoformat(), round(active), reads))  # type: ignore[union-attr]
            start, active, reads = None, 0.0, 0
        if start is None:
            start = moment
        elif last is not None:
            active += (moment - last).total_seconds()
        reads += kind == "read"
        last = moment
    if start is not None and last is not None:
        sessions.append(Session(start.isoformat(), last.isoformat(), round(active), reads))
    return sessions


def _parse(at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(at)
    except ValueError:
        return None


def _local_day(at: str) -> str:
    moment = _parse(at)
    return moment.astimezone().date().isoformat() if moment else at[:10]


def vocabulary_estimate(db: sqlite_utils.Database, lang: str = "en") -> int:
    """How many words the learner likely knows, from the known words' frequency bands.

    The language's most frequent lemmas are cut into bands of a thousand. In each band, the
    share known is measured on the band's words the learner has had the chance to mark (met in
    a text of the library, or marked at all); a band with too few such words takes the share of
    the band before it. The estimate is the sum of shares times band sizes, plus the known
    words rarer than the bands.
    """
    # lazy: the lexicon loads wordfreq's tables (~0.15 s)
    from reader.lexicon.frequency import ranked_lemmas

    known = {
        str(r[0])
        for r in db.execute("SELECT key FROM terms WHERE lang = ? AND status = ?", (lang, KNOWN))
    }
    if not known:
        return 0
    decided = {
        str(r[0])
        for r in db.execute(
            "SELECT key FROM terms WHERE lang = ? AND status NOT IN (?, ?)", (lang, NEW, IGNORED)
        )
    }
    met = decided | {
        str(r[0])
        for r in db.execute(
            "SELECT DISTINCT l.key FROM occurrences o JOIN lemmas l ON l.id = o.lemma_id "
            "JOIN texts t ON t.id = o.text_id WHERE t.lang = ?",
            (lang,),
        )
    }
    ranked = ranked_lemmas(ESTIMATE_RANKS, lang)
    total = 0.0
    share = 0.0
    for first in range(0, len(ranked), ESTIMATE_BUCKET):
        band = ranked[first : first + ESTIMATE_BUCKET]
        seen = [w for w in band if w in met]
        if len(seen) >= ESTIMATE_MIN_MET:
            share = sum(1 for w in seen if w in known) / len(seen)
        total += share * len(band)
    rarer = len(known - set(ranked))
    return round(total) + rarer
