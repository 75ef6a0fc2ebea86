"""How fast the reader answers, on a whole book: opening it, and moving to the next sentence.

DESIGN.md's targets: the first screen of a 30,000-sentence book in under 0.5 s, and the next
sentence with its glosses in under 20 ms from key to screen. The book is imported into a
temporary data home first (not timed here: see bench/import_book.py), with WordNet compiled.

    .venv/bin/python bench/reader_latency.py [BOOK] [--keys 200]
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

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT = REPO.parent / "shared" / "corpus" / "war_and_peace_2600-0.txt"


async def measure(
    db_path: Path, text_id: int, keys: int
) -> tuple[float, list[float], list[tuple[float, float]], list[float], list[float]]:
    from reader.ui.app import make_app
    from reader.ui.screens.reading import ReadingScreen

    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        app.open_text(text_id)
        await pilot.pause()
        while not isinstance(app.screen, ReadingScreen) or app.screen.session is None:
            await pilot.pause()
        await pilot.app.animator.wait_until_complete()
        first_screen = time.perf_counter() - started
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        handler = []
        for _ in range(keys):  # the key's handler: queries, glosses, widget updates
            started = time.perf_counter()
            screen.action_next()
            handler.append(time.perf_counter() - started)
            await pilot.pause()
        drawn: list[float] = []
        display = app._display

        def timed_display(screen: object, renderable: object) -> None:
            display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None:
                drawn.append(time.perf_counter())

        app._display = timed_display  # type: ignore[method-assign]
        to_screen: list[tuple[float, float]] = []
        for _ in range(keys):  # key event in, screen drawn: first frame, and last of the burst
            drawn.clear()
            started = time.perf_counter()
            app.simulate_key("down")
            while not drawn:
                await asyncio.sleep(0.0005)
            await asyncio.sleep(0.1)  # later frames (glosses filled in) count as well
            to_screen.append((drawn[0] - started, drawn[-1] - started))
        app._display = display  # type: ignore[method-assign]
        moves, idle = [], []
        for _ in range(keys):
            started = time.perf_counter()
            await pilot.press("down")  # returns once the key's handler and refresh have run
            moves.append(time.perf_counter() - started)
            started = time.perf_counter()
            await pilot.press("f12")  # bound to nothing: the pilot's own cost per key
            idle.append(time.perf_counter() - started)
    return first_screen, handler, to_screen, moves, idle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("book", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["SENTENCES_HOME"] = home
        os.environ["SENTENCES_AUDIO_BACKEND"] = "null"
        from reader.lexicon.wordnet import ensure_wordnet
        from reader.store import open_db
        from reader.text.importer import import_text
        from reader.text.load import load_path

        db_path = Path(home) / "reader.db"
        db = open_db(db_path)
        result = import_text(db, load_path(args.book), workers=1)
        ensure_wordnet(db)
        db.conn.close()
        first, handler, to_screen, moves, idle = asyncio.run(
            measure(db_path, result.text_id, args.keys)
        )
    moves_ms = sorted(m * 1000 for m in moves)
    idle_ms = sorted(m * 1000 for m in idle)
    print(f"book: {args.book.name}, {result.sentences:,} sentences")
    print(f"first reading screen: {first * 1000:.0f} ms (target < 500 ms)")
    handler_ms = sorted(m * 1000 for m in handler)
    p95 = handler_ms[int(len(handler_ms) * 0.95)]
    print(
        f"next sentence, the key's handler (queries, glosses, widget updates): median "
        f"{statistics.median(handler_ms):.1f} ms, p95 {p95:.1f} ms"
    )
    first_ms = sorted(a * 1000 for a, _ in to_screen)
    last_ms = sorted(b * 1000 for _, b in to_screen)
    print(
        f"next sentence, key event to screen drawn (target < 20 ms): first frame median "
        f"{statistics.median(first_ms):.1f} ms, p95 {first_ms[int(len(first_ms) * 0.95)]:.1f} ms;"
        f" last frame median {statistics.median(last_ms):.1f} ms, "
        f"p95 {last_ms[int(len(last_ms) * 0.95)]:.1f} ms"
    )
    print(
        f"next sentence through Textual's test pilot, over {len(moves)} keys: median "
        f"{statistics.median(moves_ms):.1f} ms, p95 {moves_ms[int(len(moves_ms) * 0.95)]:.1f} ms "
        "(the pilot waits for whole refresh cycles)"
    )
    print(
        f"the same pilot pressing an unbound key (its own overhead): median "
        f"{statistics.median(idle_ms):.1f} ms, p95 {idle_ms[int(len(idle_ms) * 0.95)]:.1f} ms"
    )


if __name__ == "__main__":
    main()
