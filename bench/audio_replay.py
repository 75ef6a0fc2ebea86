"""Replay latency: from Player.play() to the device pulling the first frame of a cached sentence.

    .venv/bin/python bench/audio_replay.py [--runs N] [--real] [--file tests/data/silence.mp3]

Uses miniaudio's NULL backend (a real-time fake device) unless ``--real`` is given, in which case
the default device is used if there is one. The target is under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import miniaudio  # noqa: E402

from reader.speech import AudioUnavailable, Player, SpeechSettings, synthesize  # noqa: E402
from reader.store.db import open_db  # noqa: E402

SENTENCE = "Delving deeper into China's Victory Day Parade this week, we take a look at the scenes."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--real", action="store_true", help="use the default audio device")
    parser.add_argument("--file", type=Path, help="replay this file instead (e.g. an MP3)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(":memory:")
        settings = SpeechSettings(engine="espeak")
        synthesize(SENTENCE, settings, db, tmp)  # make sure it is cached
        started = time.perf_counter()
        cached = synthesize(SENTENCE, settings, db, tmp)
        lookup_ms = 1000 * (time.perf_counter() - started)
        assert cached.cached
        path = args.file or cached.path

        player = Player(backends=None if args.real else [miniaudio.Backend.NULL])
        try:
            started = time.perf_counter()
            player.open()
            open_ms = 1000 * (time.perf_counter() - started)
        except AudioUnavailable as exc:
            sys.exit(str(exc))
        to_return: list[float] = []
        to_first_frame: list[float] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            player.play(path)
            returned = time.perf_counter()
            if not player.first_pull.wait(5):
                sys.exit("the device never pulled a frame")
            pulled = time.perf_counter()
            to_return.append(1000 * (returned - started))
            to_first_frame.append(1000 * (pulled - started))
            player.stop()
        player.close()

    print(f"backend: {player.backend}  runs: {args.runs}  file: {path.suffix}")
    print(f"cache lookup: {lookup_ms:.2f} ms   device open (once): {open_ms:.1f} ms")
    print(f"play() returns: median {statistics.median(to_return):.2f} ms")
    print(
        f"play() -> first frame pulled: median {statistics.median(to_first_frame):.2f} ms, "
        f"max {max(to_first_frame):.2f} ms (target < 100 ms)"
    )


if __name__ == "__main__":
    main()
