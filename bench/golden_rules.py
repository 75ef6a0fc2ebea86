"""Scores the sentence splitter on pySBD's English Golden Rules.

The Golden Rules are the shared yardstick for English sentence boundary detection: pySBD 0.3.4
passes 47 of 48 and plain Punkt 19. A case passes when the stripped sentences equal the expected
list exactly.

Usage: python bench/golden_rules.py [PATH]   (default: tests/data/golden_rules_en.json)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader.text.segment import split_spans

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "golden_rules_en.json"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    cases = json.loads(path.read_text(encoding="utf-8"))
    failures = 0
    for case in cases:
        text = case["text"]
        got = [text[s:e].strip() for s, e in split_spans(text)]
        if got != case["expected"]:
            failures += 1
            print(f"FAIL {case['id']}: {text!r}")
            print(f"  expected {case['expected']}")
            print(f"  got      {got}")
    print(f"Golden Rules: {len(cases) - failures}/{len(cases)} passed ({path.name})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
