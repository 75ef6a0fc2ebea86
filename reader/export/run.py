"""One export from start to finish: select, check, make the audio, write, record.

The command line and the screens both call :func:`export`, so ``sentences export`` and the ``x``
key do the same thing with the same defaults. It blocks (audio synthesis, disk): on the screens it
runs in a worker, with its own database connection.

Every check that can fail cheaply (the path, an empty selection) is made before the slow part,
and the file is written last and atomically: a failure at any point leaves no file behind and no
export on record.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from shlex import quote

import sqlite_utils

from reader.export.anki import DEFAULT_DECK, write_apkg
from reader.export.atomic import check_writable
from reader.export.audio import attach_audio
from reader.export.errors import ExportCancelled, ExportError, NothingNew
from reader.export.fields import fingerprint
from reader.export.record import exported_fingerprints, last_export, record_export
from reader.export.selection import ExportItem, Selection, select_items
from reader.export.tabular import write_table
from reader.learn.status import LEARNING, status_name
from reader.lexicon.builtin import ensure_lexicon
from reader.lexicon.wordnet import WordNetMissing
from reader.speech.settings import SpeechSettings
from reader.store.migrations import now
from reader.wording import counted

KINDS = ("anki", "tsv", "csv")
EXTENSIONS = {"anki": ".apkg", "tsv": ".tsv", "csv": ".csv"}

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages are "lexicon" (compiling WordNet, on first use),
"selecting", "audio" and "writing"."""


@dataclass(frozen=True)
class ExportRequest:
    """What the learner asked for; the defaults are those of ``sentences export``."""

    kind: str
    out: Path
    statuses: tuple[int, ...] = LEARNING
    text_id: int | None = None
    since_last: bool = False
    deck: str = DEFAULT_DECK
    audio: bool = True
    media: Path | None = None
    lang: str = "en"
    native_lang: str = ""


@dataclass
class ExportResult:
    kind: str
    out: Path
    terms: int
    notes: int
    media: int
    synthesized: int
    since: str | None = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        what = {"anki": "notes", "tsv": "rows", "csv": "rows"}[self.kind]
        media = f", {counted(self.media, 'audio file')}" if self.media else ""
        made = f" ({self.synthesized} newly spoken)" if self.synthesized else ""
        return f"{self.out}: {self.terms} terms, {self.notes} {what}{media}{made}"


def export(
    db: sqlite_utils.Database,
    request: ExportRequest,
    speech: SpeechSettings | None,
    audio_dir: Callable[[str | None], Path],
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Write the export ``request`` describes; raises :class:`ExportError` with a one-line message.

    ``speech`` is the learner's voice (None: no audio). ``audio_dir(source)`` is where a text's
    audio is cached.
    """
    if request.kind not in KINDS:
        raise ExportError(f"unknown export format {request.kind!r}: use anki, tsv or csv")
    if not request.statuses:
        raise ExportError("no statuses to export")
    if not request.deck.strip():
        raise ExportError("the deck name is empty")
    out, named = _with_extension(request.kind, request.out.expanduser().absolute())
    check_writable(out)
    if not _any_terms(db, request):
        raise ExportError(_nothing_message(request, None))
    warnings = _ensure_lexicon(db, progress)
    if named:
        warnings.append(named)
    started = now()
    if progress is not None:
        progress("selecting", 0, 1)
    items = select_items(
        db, Selection(request.statuses, request.text_id, request.lang, request.native_lang)
    )
    prints = {(i.lang, i.key): fingerprint(i, request.deck, request.audio) for i in items}
    since = None
    if request.since_last:
        previous = last_export(db, request.kind)
        if previous is None:
            warnings.append(f"no earlier {request.kind} export on record: exporting everything")
        else:
            since = previous.finished_at
            before = exported_fingerprints(db, request.kind, request.lang)
            items = [i for i in items if before.get(i.key) != prints[(i.lang, i.key)]]
    if not items and since is not None:
        raise NothingNew(_nothing_new_message(request, since))
    items, skipped = _with_meaning(items)
    if skipped:
        warnings.append(_skipped_message(skipped))
    if not items and since is not None:
        raise NothingNew(f"{_nothing_new_message(request, since)}; {_skipped_message(skipped)}")
    if not items:
        raise ExportError(_nothing_message(request, since, skipped))
    synthesized = 0
    if request.audio and speech is not None:

        def report(done: int, total: int) -> None:
            if progress is not None:
                progress("audio", done, total)

        audio = attach_audio(items, speech, db, audio_dir, report, cancel)
        synthesized = audio.made
        if audio.fell_back:
            warnings.append(
                f"{counted(audio.fell_back, 'sentence')} spoken by the "
                f"offline voice: {' '.join(audio.reason.split())}"
            )
    if cancel is not None and cancel.is_set():
        raise ExportCancelled("export cancelled")
    if progress is not None:
        progress("writing", 0, 1)
    if request.kind == "anki":
        notes, media = write_apkg(items, out, request.deck)
    else:
        notes, media = write_table(items, out, request.kind, request.deck, request.media)
    record_export(
        db,
        kind=request.kind,
        path=str(out),
        deck=request.deck,
        statuses=request.statuses,
        text_id=request.text_id,
        since_last=request.since_last,
        fingerprints={(i.lang, i.key): prints[(i.lang, i.key)] for i in items},
        notes=notes,
        media=media,
        started_at=started,
    )
    if progress is not None:
        progress("writing", 1, 1)
    return ExportResult(request.kind, out, len(items), notes, media, synthesized, since, warnings)


def _any_terms(db: sqlite_utils.Database, request: ExportRequest) -> bool:
    """A quick look before compiling the lexicon or speaking anything."""
    marks = ",".join("?" * len(request.statuses))
    row = db.execute(
        f"SELECT 1 FROM terms WHERE lang = ? AND status IN ({marks}) LIMIT 1",
        [request.lang, *request.statuses],
    ).fetchone()
    return row is not None


def _ensure_lexicon(db: sqlite_utils.Database, progress: Progress | None) -> list[str]:
    """The meanings come from the lexicon tables, compiled from WordNet on first use (as the
    reader does); without WordNet the export goes on with the learner's own glosses."""

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress("lexicon", done, total)

    try:
        ensure_lexicon(db, progress=report)
    except WordNetMissing as exc:
        return [f"meanings from your own glosses only: {' '.join(str(exc).split())}"]
    return []


def _with_extension(kind: str, out: Path) -> tuple[Path, str]:
    """``out``, with the kind's extension added when it has none (and a line saying so).

    Anki imports a file by its extension: an Anki package called ``deck.txt`` is read as a text
    file and fails, so a file named for another format is refused rather than renamed behind the
    learner's back. A table may be ``.txt`` (Anki's own name for a tab-separated import)."""
    wanted = EXTENSIONS[kind]
    suffix = out.suffix.lower()
    if not suffix:
        named = out.with_name(out.name + wanted)
        return named, f"added {wanted}: writing {named.name}"
    allowed = {wanted} | ({".txt"} if kind != "anki" else set())
    if suffix not in allowed:
        other = out.with_suffix(wanted).name
        what = "an Anki package" if kind == "anki" else f"a {kind.upper()} file"
        raise ExportError(
            f"{what}'s name ends in {wanted}: Anki would read {out.name} as a {suffix} file "
            f"(name it {other})"
        )
    return out, ""


def _with_meaning(items: list[ExportItem]) -> tuple[list[ExportItem], list[ExportItem]]:
    """The items that have a meaning, and those that have none (a note without one is a blank
    card in Anki: "xyzzyqq" marked learning from the command line is in no dictionary)."""
    kept = [i for i in items if i.meaning.strip()]
    return kept, [i for i in items if not i.meaning.strip()]


def _skipped_message(skipped: list[ExportItem]) -> str:
    names = ", ".join(i.key for i in skipped[:5]) + (" …" if len(skipped) > 5 else "")
    example = skipped[0].key
    return (
        f"left out {counted(len(skipped), 'term')} with no meaning "
        f"({names}): give one with e on the reading screen, or "
        f'`sentences term set {quote(example)} --gloss "…"`'
    )


def _nothing_new_message(request: ExportRequest, since: str) -> str:
    return (
        f"nothing new since the last {request.kind} export ({since[:16].replace('T', ' ')}): "
        "your deck is up to date"
    )


def _nothing_message(
    request: ExportRequest, since: str | None, skipped: list[ExportItem] | None = None
) -> str:
    if skipped:
        return f"nothing to export: {_skipped_message(skipped)}"
    names = ", ".join(status_name(s) for s in request.statuses)
    what = f"no terms with status {names}"
    if request.text_id is not None:
        what += f" in text {request.text_id}"
    if since is not None:
        what += f" changed since the last {request.kind} export ({since[:16].replace('T', ' ')})"
    hint = (
        "; mark words as learning (1-4) while reading, or choose --status" if since is None else ""
    )
    return f"nothing to export: {what}{hint}"


def default_path(kind: str, folder: Path, when: str | None = None) -> Path:
    """Where the screens' export goes: ``sentences-YYYY-MM-DD.apkg`` in ``folder``."""
    day = (when or now())[:10]
    return folder / f"sentences-{day}{EXTENSIONS[kind]}"
