"""The focused sentence, drawn word by word in the learner's status colours."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from reader.learn.glossing import NAME_POS
from reader.learn.session import ReadingSession
from reader.learn.status import NEW
from reader.ui.styles import CURSOR_STYLE, NAME_STYLE, STATUS_STYLES


def render_sentence(session: ReadingSession) -> Text:
    """The sentence exactly as written (original spacing kept), words styled by status."""
    sentence = session.sentence
    if sentence is None:
        return Text("This text has no sentences.", style="italic")
    out = Text()
    cursor_token = session.current_token
    position = sentence.start
    for token in session.tokens:
        if token.start > position:
            out.append(sentence.text[position - sentence.start : token.start - sentence.start])
        style = Style()
        if token.is_word:
            state = session.state_of(token)
            if token.pos in NAME_POS and state.status == NEW:
                style = NAME_STYLE
            else:
                style = STATUS_STYLES.get(state.status, Style())
        if token is cursor_token:
            style = style + CURSOR_STYLE
        out.append(token.text, style=style)
        position = token.end
    if position < sentence.end:
        out.append(sentence.text[position - sentence.start :])
    return out
