"""The domain code never imports Textual: only ``reader/ui`` may (DESIGN.md, layers)."""

from __future__ import annotations

import ast
import subprocess
import sys

from _paths import REPO

DOMAIN_MODULES = [
    "reader.cli",
    "reader.config",
    "reader.paths",
    "reader.errors",
    "reader.store",
    "reader.store.migrations",
    "reader.text",
    "reader.text.pipeline",
    "reader.text.importer",
    "reader.text.load",
    "reader.text.segment",
    "reader.text.tagger",
    "reader.lexicon.lookup",
    "reader.lexicon.wordnet",
    "reader.learn.session",
    "reader.learn.texts",
    "reader.learn.glossing",
    "reader.speech",
    "reader.export",
    "reader.export.run",
    "reader.cli.export",
]


def test_importing_the_domain_does_not_load_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == ""


def test_no_source_file_outside_ui_imports_textual() -> None:
    offenders = []
    for path in (REPO / "reader").rglob("*.py"):
        if "ui" in path.relative_to(REPO / "reader").parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "textual" or n.startswith("textual.") for n in names):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
