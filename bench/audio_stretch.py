"""Re-timing speech at the same pitch (what gTTS audio gets at 0.5x-2x): cost per sentence.

    .venv/bin/python bench/audio_stretch.py [--text PATH]

gTTS cannot be reached here, so the seed article is first spoken by the offline engine at normal
speed (not timed); then every sentence is re-timed to each speed, the way reader.speech.synth
does for gTTS's MP3s, and the time is compared with the length of the audio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import soundfile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.speech import SpeechSettings, prerender  # noqa: E402
from reader.speech.stretch import stretch_file  # noqa: E402
from reader.store.db import open_db  # noqa: E402
from reader.text import split  # noqa: E402

SEED = ROOT / "seeds" / "arirang_weekly_focus_2025-09-06.txt"
SPEEDS = (0.5, 0.75, 1.25, 1.5, 2.0)


def seconds_of(path: Path) -> float:
    return float(soundfile.info(str(path)).duration)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=SEED)
    args = parser.parse_args()
    items = [s["text"] for s in split(args.text.read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as tmp:
        audio = Path(tmp) / "audio"
        prerender(items, SpeechSettings(engine="espeak"), open_db(Path(tmp) / "db"), audio)
        sources = sorted(audio.rglob("*.mp3"))
        spoken = sum(seconds_of(p) for p in sources)
        print(f"text: {args.text.name}, {len(sources)} sentences, {spoken:.1f} s of speech")
        for speed in SPEEDS:
            costs = []
            for i, source in enumerate(sources):
                started = time.perf_counter()
                stretch_file(source, Path(tmp) / f"out{i}.mp3", speed)
                costs.append(time.perf_counter() - started)
            out = sum(seconds_of(Path(tmp) / f"out{i}.mp3") for i in range(len(sources)))
            print(
                f"{speed:>4}x: median {1000 * statistics.median(costs):.1f} ms a sentence, "
                f"max {1000 * max(costs):.1f} ms; {sum(costs) / spoken:.3f} s per second of "
                f"speech; length {out / spoken:.3f} of the original (expected {1 / speed:.3f})"
            )


if __name__ == "__main__":
    main()
