"""What a learner sees first for each kind of source: the title and the first sentences.

For the closing note of issue 20, run on this checkout and on an older one (``--root``) to compare:

    .venv/bin/python scripts/first_screens.py [--root DIR] [--count N] FILE...

Each FILE is loaded as ``sentences import`` would load it (a URL is fetched), and split as the
reader splits it; an error is printed as the learner would see it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--count", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    from reader.text import split
    from reader.text.load import load_path

    for name in args.files:
        print(f"== {name}")
        try:
            if name.startswith(("http://", "https://")):
                from reader.text.web import load_url

                loaded = load_url(name)
            else:
                loaded = load_path(name)
        except Exception as exc:  # what the learner would be told
            print(f"   error: {' '.join(str(exc).split())}")
            continue
        chapters = getattr(loaded, "chapters", ())
        print(f"   title: {loaded.title!r}; chapters: {len(chapters)}")
        for number, sentence in enumerate(split(loaded.content)[: args.count], 1):
            print(f"   {number}. {' '.join(sentence['text'].split())[:110]}")


if __name__ == "__main__":
    main()
