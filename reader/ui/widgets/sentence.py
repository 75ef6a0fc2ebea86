"""The focused sentence, drawn word by word in the learner's status colours."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from reader.learn.glossing import NAME_POS
from reader.learn.session import ReadingSession, Unit
from reader.learn.status import NEW
from reader.text.display import display_gap, emphasis
from reader.ui.styles import (
    CURSOR_STYLE,
    NAME_STYLE,
    PHRASE_STYLE,
    SELECTION_STYLE,
    STATUS_STYLES,
)

EMPHASIS_STYLE = Style(italic=True)


def render_sentence(session: ReadingSession) -> Text:
    """The sentence exactly as written (original spacing kept), terms styled by status.

    Words of a multi-word term take the term's colour and are underlined together, so the unit
    is visible; the cursor covers the whole unit.
    """
    sentence = session.sentence
    if sentence is None:
        return Text("This text has no sentences.", style="italic")
    out = Text()
    units = session.unit_of_token()
    current = session.current_unit
    cursor_tokens = set(current.token_idxs) if current is not None else set()
    selected = set(session.selected_tokens())
    markers, emphasised = emphasis(session.tokens)
    position = sentence.start
    for i, token in enumerate(session.tokens):
        if token.start > position:
            gap = display_gap(
                sentence.text[position - sentence.start : token.start - sentence.start]
            )
            out.append(gap, style=SELECTION_STYLE if i in selected and i - 1 in selected else "")
        position = token.end
        if i in markers:
            continue  # Gutenberg's _italics_ markers: the words between are shown in italics
        style = _token_style(session, i, units)
        if i in emphasised:
            style = style + EMPHASIS_STYLE
        if i in selected:
            style = style + SELECTION_STYLE
        elif i in cursor_tokens:
            style = style + CURSOR_STYLE
        out.append(token.text, style=style)
    if position < sentence.end:
        out.append(display_gap(sentence.text[position - sentence.start :]).rstrip())
    return out


def _token_style(session: ReadingSession, i: int, units: dict[int, Unit]) -> Style:
    token = session.tokens[i]
    unit = units.get(i)
    if unit is not None and unit.is_phrase:
        state = session.state_of_key(unit.key)
        names = all(session.tokens[j].pos in NAME_POS for j in unit.token_idxs)
        if names and state.status == NEW:
            return NAME_STYLE + PHRASE_STYLE
        return STATUS_STYLES.get(state.status, Style()) + PHRASE_STYLE
    if not token.is_word:
        return Style()
    state = session.state_of(token)
    if token.pos in NAME_POS and state.status == NEW:
        return NAME_STYLE
    return STATUS_STYLES.get(state.status, Style())
