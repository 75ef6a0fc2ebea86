"""How fast the reader answers, on a whole book: opening it, and moving to the next sentence.

DESIGN.md's targets: the first screen of a 30,000-sentence book in under 0.5 s, and the next
sentence with its glosses in under 20 ms from key to screen. The book is imported into a
temporary data home first (not timed here: see bench/import_book.py), with WordNet compiled.
The learner is new: no word is known yet, so every word of a sentence is glossed (the most work
a sentence can take).

The sentences are read from ``--start`` (by default a third of the way in: the body of the
book, not its table of contents, whose one-word lines cost next to nothing), and every phase
reads the same sentences. "Key event to screen" runs from the key event to the first frame
that shows the new sentence and its glosses, turned into the escape sequences a terminal is
sent (what a real terminal's driver writes; the test pilot's headless driver skips that step,
so the bench does it).

A jump (``g`` to the middle of the book, and around it: ``--jumps``) is timed too: the handler,
the first frame of the sentence, and the first frame with all its glosses.

    .venv/bin/python bench/reader_latency.py [BOOK] [--keys 200] [--start N] [--jumps 10]
        [--native de --dict /usr/share/dictd/freedict-eng-deu.index]

With ``--native`` the dictionary ``--dict`` is imported too (with its WordNet alignment, when its
reverse is installed beside it), and the same keys are timed twice in one run: first with no
native language set, then with ``native_lang`` set, so the glosses are ordered for the
learner's language (issue 19's target: the key-to-frame time unchanged). Machine translation
is off in both (``translate_engine = "none"``): no network, the same work but the ordering.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT = REPO.parent / "shared" / "corpus" / "war_and_peace_2600-0.txt"
READING_PAUSE_S = 0.1  # between keys: the learner reads (the screen is idle)


async def measure(
    db_path: Path, text_id: int, keys: int, start: int, jumps: int
) -> tuple[
    float,
    list[float],
    list[tuple[float, float]],
    list[float],
    list[float],
    list[tuple[float, ...]],
]:
    from reader.ui.app import make_app
    from reader.ui.screens.reading import ReadingScreen

    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _workers_done(app)
        await pilot.pause()
        started = time.perf_counter()
        app.open_text(text_id)
        await pilot.pause()
        while not isinstance(app.screen, ReadingScreen) or app.screen.session is None:
            await pilot.pause()
        await pilot.app.animator.wait_until_complete()
        first_screen = time.perf_counter() - started
        await _workers_done(app)
        await pilot.pause()
        screen = app.screen
        session = screen.session
        assert session is not None

        async def go_to_start() -> None:
            session.goto(start)
            screen.refresh_all()
            await _workers_done(app)
            await pilot.pause()
            await asyncio.sleep(READING_PAUSE_S)

        await go_to_start()
        handler = []
        for _ in range(keys):  # the key's handler: queries, glosses, widget updates
            started = time.perf_counter()
            screen.action_next()
            handler.append(time.perf_counter() - started)
            await pilot.pause()
            await asyncio.sleep(READING_PAUSE_S)
        await go_to_start()
        drawn: list[float] = []
        display = app._display
        showing = [-1]  # the sentence the frame being drawn shows

        def timed_display(screen: object, renderable: object) -> None:
            display(screen, renderable)  # type: ignore[arg-type]
            if renderable is None or session.index != showing[0]:
                return  # nothing drawn, or a frame from before the key's handler ran
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(app.console)  # the escape sequences a terminal would be sent
            drawn.append(time.perf_counter())

        app._display = timed_display  # type: ignore[method-assign]
        to_screen: list[tuple[float, float]] = []
        for _ in range(keys):  # key event in, screen drawn: first frame, and last of the burst
            drawn.clear()
            showing[0] = session.index + 1
            started = time.perf_counter()
            app.simulate_key("down")
            while not drawn:
                await asyncio.sleep(0.0005)
            await asyncio.sleep(READING_PAUSE_S)  # later frames (glosses filled in) count too
            to_screen.append((drawn[0] - started, drawn[-1] - started))
        app._display = display  # type: ignore[method-assign]
        jumped = await _jumps(app, screen, session, jumps)
        await go_to_start()
        moves, idle = [], []
        for _ in range(keys):
            started = time.perf_counter()
            await pilot.press("down")  # returns once the key's handler and refresh have run
            moves.append(time.perf_counter() - started)
            started = time.perf_counter()
            await pilot.press("f12")  # bound to nothing: the pilot's own cost per key
            idle.append(time.perf_counter() - started)
            await asyncio.sleep(READING_PAUSE_S)
    return first_screen, handler, to_screen, moves, idle, jumped


async def _workers_done(app: Any) -> None:
    """Wait for the workers; one cancelled (replaced by a newer one, or stale) is done too."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await asyncio.sleep(0.01)


async def _jumps(app: Any, screen: Any, session: Any, jumps: int) -> list[tuple[float, ...]]:
    """``g`` to the middle of the book, and around it: a sentence the read-ahead did not
    foresee. For each: the handler (what the UI thread is held), the first frame showing the
    sentence, and the first frame with every gloss in it (the same frame when the handler
    looked the glosses up itself)."""
    display = app._display
    frames: list[tuple[float, bool]] = []
    target = [-1]

    def timed_display(screen_: object, renderable: object) -> None:
        display(screen_, renderable)
        if renderable is None or session.index != target[0]:
            return
        render = getattr(renderable, "render_segments", None)
        if render is not None:
            render(app.console)
        rows = session.gloss_rows()  # cached: the rows this frame was drawn from
        frames.append((time.perf_counter(), not any(getattr(r, "pending", False) for r in rows)))

    app._display = timed_display
    out = []
    middle = session.count // 2
    for n in range(jumps):
        await _workers_done(app)
        await asyncio.sleep(READING_PAUSE_S)
        frames.clear()
        target[0] = middle + (n - jumps // 2) * 97  # far apart: nothing read ahead or cached
        started = time.perf_counter()
        screen.go_to(target[0])
        handler = time.perf_counter() - started
        while not any(whole for _, whole in frames) and time.perf_counter() - started < 10:
            await asyncio.sleep(0.0005)
        first = frames[0][0] - started if frames else float("nan")
        whole = next((t for t, w in frames if w), float("nan")) - started
        out.append((handler, first, whole))
    app._display = display
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("book", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--jumps", type=int, default=10, help="g to the middle, and around it")
    parser.add_argument(
        "--start", type=int, default=None, help="first sentence read (0-based; default: a third in)"
    )
    parser.add_argument("--native", default="", help="also time with native_lang set to this")
    parser.add_argument("--dict", type=Path, help="a dictionary to import first (a dictd .index)")
    parser.add_argument(
        "--stale",
        action="store_true",
        help="leave the text's phrases uncounted (a home from before): the reader counts them "
        "in the background while it is timed",
    )
    args = parser.parse_args()
    if args.native and not args.dict:
        parser.error("--native needs --dict: a dictionary into that language")
    with tempfile.TemporaryDirectory() as home:
        os.environ["SENTENCES_HOME"] = home
        os.environ["SENTENCES_AUDIO_BACKEND"] = "null"
        from reader.config import load_config, save_config
        from reader.lexicon import import_dictionary
        from reader.lexicon.wordnet import ensure_wordnet
        from reader.store import open_db
        from reader.text.importer import import_text
        from reader.text.load import load_path

        db_path = Path(home) / "reader.db"
        db = open_db(db_path)
        result = import_text(db, load_path(args.book), workers=1)
        ensure_wordnet(db)
        from reader.lexicon.idioms import ensure_idioms

        ensure_idioms(db)  # as `sentences setup` does (the reader would add them at its start)
        if not args.stale:
            try:  # the phrases counted for the study list, as `sentences import` does them
                from reader.learn.after_import import after_import
            except ImportError:  # a build from before the import counted them
                pass
            else:
                after_import(db, result.text_id, "en")
        if args.dict:
            imported = import_dictionary(db, args.dict)
            print(f"dictionary: {imported.name}, {imported.entries:,} entries; {imported.notes}")
        db.conn.close()
        start = args.start if args.start is not None else result.sentences // 3
        start = max(0, min(start, result.sentences - args.keys - 1))
        print(f"book: {args.book.name}, {result.sentences:,} sentences")
        for native in dict.fromkeys(["", args.native]):
            config = load_config()
            config.native_lang, config.translate_engine = native, "none"
            save_config(config)
            load_config.cache_clear()
            timed = asyncio.run(measure(db_path, result.text_id, args.keys, start, args.jumps))
            label = f"native_lang {native}" if native else "no native language"
            report(label, start, *timed)


def report(
    label: str,
    start: int,
    first: float,
    handler: list[float],
    to_screen: list[tuple[float, float]],
    moves: list[float],
    idle: list[float],
    jumped: list[tuple[float, float, float]],
) -> None:
    print(f"{label} (load {os.getloadavg()[0]:.1f}):")
    print(f"first reading screen: {first * 1000:.0f} ms (target < 500 ms)")
    print(f"next sentence, {len(handler)} keys from sentence {start + 1:,}, a new learner:")
    print(f"  the key's handler (queries, glosses, widget updates): {_spread(handler)}")
    first_frame, last_frame = _spread([a for a, _ in to_screen]), _spread([b for _, b in to_screen])
    print(
        f"  key event to screen drawn (target < 20 ms): first frame {first_frame};"
        f" last frame {last_frame}"
    )
    print(
        f"  through Textual's test pilot (it waits for whole refresh cycles): {_spread(moves)};"
        f" the pilot pressing an unbound key (its own overhead): {_spread(idle)}"
    )
    if jumped:
        print(f"a jump (g to the middle of the book and around it), {len(jumped)} times:")
        print(f"  the handler (the UI thread held): {_spread([j[0] for j in jumped])}")
        print(f"  to the first frame of the sentence: {_spread([j[1] for j in jumped])}")
        print(f"  to the first frame with all its glosses: {_spread([j[2] for j in jumped])}")


def _spread(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return f"median {statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms"


if __name__ == "__main__":
    main()
