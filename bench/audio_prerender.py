"""Pre-render the seed article with the offline engine: how long does `sentences audio` take?

    .venv/bin/python bench/audio_prerender.py [--library] [--text PATH]

Renders into a throwaway audio directory and database, so nothing is cached from earlier runs.
``--library`` forces libespeak-ng through ctypes instead of the espeak-ng program.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.speech import SpeechSettings, prerender  # noqa: E402
from reader.speech.espeak_engine import program_path  # noqa: E402
from reader.store.db import open_db  # noqa: E402

SEED = ROOT / "seeds" / "arirang_weekly_focus_2025-09-06.txt"


def sentences(text: str) -> list[str]:
    try:
        from reader.text.segment import split_spans
    except ImportError:  # the segmenter is not there yet: a naive split is enough to time audio
        return [s for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", text) if s.strip()]
    return [text[start:end] for start, end in split_spans(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", action="store_true", help="use libespeak-ng via ctypes")
    parser.add_argument("--text", type=Path, default=SEED)
    args = parser.parse_args()

    items = sentences(args.text.read_text(encoding="utf-8"))
    engine = "libespeak-ng (ctypes)" if args.library or not program_path() else "espeak-ng program"
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "reader.db")
        started = time.perf_counter()
        report = prerender(
            items,
            SpeechSettings(engine="espeak"),
            db,
            Path(tmp) / "audio",
            use_program=False if args.library else None,
        )
        elapsed = time.perf_counter() - started
        size = sum(f.stat().st_size for f in (Path(tmp) / "audio").rglob("*.mp3"))
    print(f"text: {args.text.name}  engine: {engine}")
    print(f"sentences: {len(items)} ({report.total} distinct), synthesized {report.synthesized}")
    print(f"total: {elapsed:.2f} s   per sentence: {1000 * elapsed / max(report.total, 1):.1f} ms")
    print(f"audio written: {size / 1e6:.1f} MB")
    if report.errors:
        print(f"errors: {len(report.errors)}, first: {report.errors[0]}")


if __name__ == "__main__":
    main()
