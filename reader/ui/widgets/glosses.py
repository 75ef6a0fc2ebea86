"""The glosses panel (every new or learning word of the sentence) and the word detail panel."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reader.learn.glossing import GlossEntry
from reader.learn.session import GlossRow
from reader.learn.status import NEW
from reader.ui.styles import STATUS_STYLES
from reader.wording import counted

MAX_SENSES = 6


def render_glosses(rows: list[GlossRow], cursor_key: str | None, note: str = "") -> RenderableType:
    """One row per term: marker, lemma in its status colour, part of speech, first gloss."""
    if not rows:
        empty = Text()
        if note:
            empty.append(note + "\n\n", style="italic yellow")
        empty.append("No new or learning words in this sentence.", style="dim italic")
        return empty
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1)
    for row in rows:
        entry = row.entry
        kind = "phrase" if row.unit.is_phrase else (entry.pos or "").lower()
        if entry.learner_gloss:
            gloss = Text(entry.learner_gloss, style="bold")
        elif entry.senses:
            gloss = Text(_first_line(entry.short()), style="bold" if entry.chosen else "")
            if entry.senses[0].kind == "machine":  # always labelled as the machine's
                gloss.append(" (machine)", style="dim italic")
        else:
            gloss = Text("(no gloss)", style="dim")
        table.add_row(
            "▸" if row.unit.key == cursor_key else "",
            Text.assemble((entry.lemma, STATUS_STYLES.get(entry.status, STATUS_STYLES[NEW]))),
            kind,
            gloss,
        )
    if note:
        return Group(Text(note + "\n", style="italic yellow"), table)
    return table


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
    spoken = next((s.pronunciation for s in entry.senses if s.pronunciation), None)
    if spoken:
        out.append(f"/{spoken}/\n", style="dim")
    if not entry.senses:
        out.append("No gloss found. Press e to write your own.", style="dim italic")
        return out
    source: str | None = None
    for number, sense in enumerate(entry.senses[:MAX_SENSES], start=1):
        chosen = entry.chosen and number == 1
        label = _source_label(sense.source, chosen)
        if label != source:
            source = label
            out.append(f"{label}\n", style="dim underline")
        out.append(f"{number}. ", style="bold")
        if chosen:
            out.append("✓ ", style="bold green")
        if sense.pos and sense.source != "learner":
            out.append(f"({sense.pos.lower()}) ", style="dim")
        out.append(sense.gloss + "\n")
        if sense.example:
            out.append(f'   "{sense.example}"\n', style="italic")
        if sense.see_also:
            out.append(f"   see also: {sense.see_also}\n", style="dim")
        if sense.synonyms:
            out.append(f"   ≈ {sense.synonyms}\n", style="dim")
    hidden = len(entry.senses) - MAX_SENSES
    if hidden > 0:
        out.append(f"… {counted(hidden, 'more sense')} · c lists them all", style="dim")
    elif len(entry.senses) > 1 and not entry.chosen:
        out.append("c: choose the meaning meant here", style="dim italic")
    out.rstrip()
    return out


def _source_label(source: str, chosen: bool) -> str:
    """The heading over a group of senses: whose they are."""
    if source == "learner":
        return "your gloss"
    return f"your meaning (from {source})" if chosen else source


def _first_line(text: str) -> str:
    """Dictionary glosses may span lines; the panel shows the first."""
    return text.strip().split("\n", 1)[0]
