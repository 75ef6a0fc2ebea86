"""Another build of the program, unpacked beside this one, for a bench's "before" side.

Benches compare this checkout with an earlier commit in one run (the same machine, the same
load); ``git archive`` gives that commit's tree without touching the working copy.
"""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def unpack(ref: str, into: Path) -> Path:
    """The tree of ``ref`` unpacked under ``into``; returns its root."""
    archive = into / "src.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(REPO), "archive", ref], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "src", filter="data")
    return into / "src"
