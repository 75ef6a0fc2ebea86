"""The glosses panel (every new or learning word of the sentence) and the word detail panel."""

from __future__ import annotations

from rich.text import Text

from reader.learn.glossing import GlossEntry
from reader.learn.session import GlossRow
from reader.learn.status import NEW
from reader.ui.styles import STATUS_STYLES

MAX_SENSES = 6


def render_glosses(rows: list[GlossRow], cursor_idx: int | None, note: str = "") -> Text:
    out = Text()
    if note:
        out.append(note + "\n\n", style="italic yellow")
    if not rows:
        out.append("No new or learning words in this sentence.", style="dim italic")
        return out
    for row in rows:
        entry = row.entry
        marker = "▸ " if row.token_idx == cursor_idx else "  "
        out.append(marker)
        out.append(entry.lemma, style=STATUS_STYLES.get(entry.status, STATUS_STYLES[NEW]))
        out.append(f"  {(entry.pos or '').lower()}", style="dim")
        if entry.learner_gloss:
            out.append("  " + entry.learner_gloss, style="bold")
        elif entry.senses:
            out.append("  " + _clip(entry.short(), 90))
        else:
            out.append("  (no gloss)", style="dim")
        out.append("\n")
    out.rstrip()
    return out


def render_detail(entry: GlossEntry | None, surface: str = "") -> Text:
    out = Text()
    if entry is None:
        out.append("No word under the cursor.", style="dim italic")
        return out
    out.append(entry.lemma, style="bold")
    if surface and surface.lower() != entry.lemma:
        out.append(f" ({surface})", style="dim")
    out.append(f"  {(entry.pos or '').lower()}  ·  {entry.status_name}", style="dim")
    out.append(f"  ·  frequency band {entry.band}/5\n", style="dim")
    if not entry.senses:
        out.append("No gloss found. Press e to write your own.", style="dim italic")
        return out
    source = None
    for number, sense in enumerate(entry.senses[:MAX_SENSES], start=1):
        if sense.source != source:
            source = sense.source
            label = "your gloss" if source == "learner" else source
            out.append(f"{label}\n", style="dim underline")
        out.append(f"{number}. ", style="bold")
        if sense.pos and sense.source != "learner":
            out.append(f"({sense.pos.lower()}) ", style="dim")
        out.append(sense.gloss + "\n")
        if sense.example:
            out.append(f'   "{sense.example}"\n', style="italic")
    if len(entry.senses) > MAX_SENSES:
        out.append(f"… {len(entry.senses) - MAX_SENSES} more senses", style="dim")
    out.rstrip()
    return out


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
