"""Pictures of exported cards as Anki renders them: docs/images/card-*.png.

Exports the seed article's flashcards after marking three of its words as learning (in a
throwaway data home, with the offline voice), imports the package into a fresh Anki collection
with the real ``anki`` library, renders cards' front and back with the collection's own renderer,
and takes screenshots of that HTML with headless Chromium (Debian's ``chromium``).

    .venv/bin/python scripts/card_pictures.py [--out docs/images]

Prints what Anki made of the package (notes, cards, media), so the pictures come with the
counts they were taken from.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt"
WORDS = {"coalition": 1, "signal": 2, "diplomacy": 3}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
PLAY = (
    '<span style="display:inline-block;width:30px;height:30px;border-radius:50%;'
    "background:#e4e2dc;color:#333;font-size:15px;line-height:30px;text-align:center;"
    'vertical-align:middle;margin:4px">&#9654;</span>'
)


def sentences(home: Path, *args: str) -> str:
    result = subprocess.run(
        [str(REPO / ".venv" / "bin" / "sentences"), "--home", str(home), *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def page(card_html: str, night: bool = False) -> str:
    """Anki shows a card's HTML inside ``<body class="card">``; sounds become play buttons."""
    body = re.sub(r"\[anki:play:[qa]:\d+\]", PLAY, card_html)
    classes = "card nightMode" if night else "card"
    return (
        '<!doctype html><html><head><meta charset="utf-8"></head>'
        f'<body class="{classes}" style="margin:24px">{body}</body></html>'
    )


def screenshot(html: str, out: Path, size: str = "760,380") -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("card_pictures: install Debian's chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "card.html"
        source.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={scratch}/profile",
                f"--window-size={size}",
                f"--screenshot={out}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    args = parser.parse_args()
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from reader.learn.identity import term_card_guid, term_note_guid

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        os.environ["SENTENCES_AUDIO_DIR"] = str(home / "audio")
        sentences(home, "config", "set", "speech_engine", "espeak")
        sentences(home, "import", str(SEED))
        for word, status in WORDS.items():
            sentences(home, "term", "set", word, "--status", str(status))
        package = Path(scratch) / "seed.apkg"
        print(sentences(home, "export", "anki", str(package)))

        (Path(scratch) / "anki").mkdir()
        col = Collection(str(Path(scratch) / "anki" / "collection.anki2"))
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(package), options=ImportAnkiPackageOptions(merge_notetypes=True)
            )
        )
        media = os.listdir(col.media.dir())
        print(
            f"imported into a fresh collection: {col.note_count()} notes, "
            f"{col.card_count()} cards, {len(media)} media files"
        )
        by_guid = {n.guid: n for n in map(col.get_note, col.find_notes(""))}
        term = by_guid[term_note_guid("en", "coalition")]
        cloze = by_guid[term_card_guid("en", "diplomacy", "cloze")]
        cards = {c.template()["name"]: c for c in term.cards()}
        shots = {
            "card-recognition-front": cards["Recognition"].question(),
            "card-recognition-back": cards["Recognition"].answer(),
            "card-production-front": cards["Production"].question(),
            "card-cloze-front": cloze.cards()[0].question(),
            "card-cloze-back": cloze.cards()[0].answer(),
        }
        for name, html in shots.items():
            (args.out / f"{name}.html").write_text(page(html), encoding="utf-8")
            screenshot(page(html), args.out / f"{name}.png")
            (args.out / f"{name}.html").unlink()
            print(f"{args.out / (name + '.png')}")
        col.close()


if __name__ == "__main__":
    main()
