"""The glosses panel (every new or learning word of the sentence) and the word detail panel."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.containers import VerticalScroll

from reader.learn.glossing import GlossEntry
from reader.learn.session import GlossRow
from reader.learn.status import NEW
from reader.lexicon.readable import see_also_line
from reader.ui.styles import STATUS_STYLES
from reader.wording import counted

MAX_SENSES = 6


def render_glosses(
    rows: list[GlossRow], cursor_key: str | None, note: str = "", narrow: bool = False
) -> RenderableType:
    """One row per term: marker, lemma in its status colour, part of speech, first gloss.

    Each row is one line (a long gloss is cut; the Word panel has it whole), so the row under
    the cursor can be scrolled to. ``narrow`` (an 80-column terminal) leaves out the part of
    speech, so the lemma and its gloss keep the room."""
    if not rows:
        empty = Text()
        if note:
            empty.append(note + "\n\n", style="italic yellow")
        empty.append("No new or learning words in this sentence.", style="dim italic")
        return empty
    lines: list[tuple[str, Text, str, Text]] = []
    for row in rows:
        entry = row.entry
        kind = "phrase" if row.unit.is_phrase else (entry.shown_pos or "").lower()
        if entry.learner_gloss:
            gloss = Text(entry.learner_gloss, style="bold")
        elif row.pending:  # a worker is looking it up (reader.ui.screens.reading.entry_lookup)
            gloss = Text("…", style="dim")
        elif entry.senses:
            gloss = Text(_first_line(entry.short()), style="bold" if entry.chosen else "")
            if entry.senses[0].kind == "machine":  # always labelled as the machine's
                gloss.append(" (machine)", style="dim italic")
        elif row.unit.is_phrase:
            gloss = Text("(no gloss: e writes one, w steps through its words)", style="dim")
        else:
            gloss = Text("(no gloss)", style="dim")
        marker = "▸" if row.unit.key == cursor_key else ""
        lemma = Text(entry.lemma, style=STATUS_STYLES.get(entry.status, STATUS_STYLES[NEW]))
        lines.append((marker, lemma, kind, gloss))
    table = GlossLines(lines, narrow)
    if note:
        return RenderedOnce(Group(Text(note + "\n", style="italic yellow"), table))
    return RenderedOnce(table)


class GlossLines:
    """The glosses as columns of one line each: marker, lemma, part of speech, gloss.

    Laid out by hand for the width given: a Rich table asks a one-line column for its whole
    text as its minimum, so a long gloss squeezed the marker and the part of speech out of
    the row. Here the gloss takes what is left and is cut with an ellipsis.
    """

    LEMMA_MAX = 16  # a longer lemma is cut, unless the panel is wide
    KIND_WIDTH = 6  # "phrase", "verb"

    def __init__(self, lines: list[tuple[str, Text, str, Text]], narrow: bool) -> None:
        self.lines = lines
        self.narrow = narrow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        longest = max(line[1].cell_len for line in self.lines)
        lemma_width = min(longest, max(self.LEMMA_MAX, width // 3))
        for marker, lemma, kind, gloss in self.lines:
            line = Text(marker.ljust(1) + " ", end="", no_wrap=True)
            line.append_text(_cut(lemma, lemma_width, pad=True))
            line.append(" ")
            if not self.narrow:
                line.append_text(_cut(Text(kind, style="dim"), self.KIND_WIDTH, pad=True))
                line.append(" ")
            line.append_text(_halves(gloss, max(width - line.cell_len, 0)))
            yield _cut(line, width, pad=True)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


CLOSE = " | "


def _halves(gloss: Text, width: int) -> Text:
    """A gloss in ``width`` cells; two close senses ("first | second") each get half, so the
    second is seen even when the first is long."""
    plain = gloss.plain
    if CLOSE not in plain or gloss.cell_len <= width:
        return _cut(gloss, width)
    at = plain.index(CLOSE)
    first, second = gloss[:at], gloss[at + len(CLOSE) :]
    half = max((width - len(CLOSE)) // 2, 1)
    out = _cut(first, half) if first.cell_len > half else first
    out.append(CLOSE, style="dim")
    out.append_text(_cut(second, max(width - out.cell_len, 0)))
    return out


def _cut(text: Text, width: int, pad: bool = False) -> Text:
    """``text`` in at most ``width`` cells, an ellipsis marking a cut; padded if asked."""
    out = text.copy()
    out.truncate(width, overflow="ellipsis", pad=pad)
    return out


class RenderedOnce:
    """A renderable drawn once per width, then replayed.

    Textual draws a Rich renderable that is not plain text (the glosses table) once to learn
    its height, again for the frame, and again at each later layout pass: a table of fifteen
    glosses took a few milliseconds a time, on every next-sentence key. The segments for the
    last widths and options are kept, so each draw after the first is a copy; :meth:`prime`
    draws it ahead (in the worker that reads the next sentence ahead)."""

    KEPT = 2  # the panel's width with its scroll bar, and without

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._drawn: dict[tuple[object, ...], list[Segment]] = {}

    def prime(self, console: Console, options: ConsoleOptions) -> None:
        """Draw it now for ``options``, so the frame only replays it."""
        for _ in self.__rich_console__(console, options):
            pass

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (
            options.max_width,
            options.min_width,  # not the height: a table and text do not use it
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
            options.ascii_only,
            options.legacy_windows,
            options.encoding,
        )
        segments = self._drawn.get(key)
        if segments is None:
            segments = list(console.render(self.renderable, options))
            if len(self._drawn) >= self.KEPT:
                self._drawn.pop(next(iter(self._drawn)))
            self._drawn[key] = segments
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


def render_detail(
    entry: GlossEntry | None, surface: str = "", looking: bool = False, met: str | None = None
) -> Text:
    """The word's entry; with no ``entry``, either no word is under the cursor or (``looking``)
    its entry is being looked up, ``surface`` showing which word it is meanwhile. ``met``: the
    line saying how often the library has it (f lists it)."""
    out = Text()
    if entry is None and looking:
        out.append(surface, style="bold")
        out.append("\nLooking it up…", style="dim italic")
        return out
    if entry is None:
        out.append("No word under the cursor.", style="dim italic")
        return out
    out.append(entry.lemma, style="bold")
    if surface and surface.lower() != entry.lemma:
        out.append(f" ({surface})", style="dim")
    out.append(f"  {(entry.shown_pos or '').lower()}  ·  {entry.status_name}", style="dim")
    out.append(f"  ·  frequency band {entry.band}/5\n", style="dim")
    if met:
        out.append(f"{met}\n", style="dim")
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
            out.append(f"   see also: {see_also_line(sense.see_also)}\n", style="dim")
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


def scroll_to_row(box: VerticalScroll, keys: list[str], key: str, above: int = 0) -> bool:
    """Scroll the glosses panel so the row of ``key`` shows (one line per row, under ``above``
    lines of notes); False if the panel has no such row."""
    if key not in keys:
        return False
    line = keys.index(key) + above
    height = box.scrollable_content_region.height
    if line < box.scroll_y:
        box.scroll_to(y=line, animate=False)
    elif height and line >= box.scroll_y + height:
        box.scroll_to(y=line - height + 1, animate=False)
    return True
