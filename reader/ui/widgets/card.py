"""What a review card shows: the prompt of each drill, the answer, and the rating keys."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text

from reader.learn.answers import NEAR, RIGHT, SentenceCheck, TermCheck
from reader.learn.review import ReviewSession, Summary
from reader.learn.schedule import RATING_NAMES, ReviewCard, describe_interval
from reader.wording import counted

TERM_STYLE = "bold black on #f5cca9"
BLANK = "_____"
QUESTIONS = {
    "recognition": "What does the highlighted term mean here?",
    "production": "Type the term that fits the gap and the meaning.",
    "cloze": "Type the word that fits the gap.",
    "listening": "Listen (p plays it again) and type what you hear.",
}
DRILL_LABELS = {
    "recognition": "Recognition",
    "production": "Production",
    "cloze": "Cloze",
    "listening": "Listening",
}
RESULT_STYLES = {RIGHT: "bold green", NEAR: "bold yellow", "wrong": "bold red"}
RESULT_WORDS = {RIGHT: "Right", NEAR: "Near miss", "wrong": "Not quite"}


def _sentence(card: ReviewCard) -> str:
    return " ".join(card.sentence.split()) if card.sentence else ""


def render_prompt(card: ReviewCard, revealed: bool) -> Text:
    """The sentence with the term highlighted (recognition), or blanked (production, cloze); a
    listening card hides the sentence until the answer is shown."""
    if card.drill == "listening":
        if not revealed:
            return Text("♪ …", style="italic")
        return Text(_sentence(card))
    if card.term_start is None or card.term_end is None or not card.sentence:
        term = card.term_key or ""
        if card.drill == "recognition" or revealed:
            return Text(term, style=TERM_STYLE)
        return Text(BLANK, style="bold")
    flat = card.sentence.replace("\n", " ")
    before = flat[: card.term_start].lstrip()
    term = flat[card.term_start : card.term_end]
    after = flat[card.term_end :].rstrip()
    text = Text(before)
    if card.drill == "recognition" or revealed:
        text.append(term, style=TERM_STYLE)
    else:
        text.append(BLANK, style="bold")
    text.append(after)
    return text


def render_cue(card: ReviewCard) -> Text:
    """Production shows the meaning up front; the other drills show nothing here."""
    if card.drill == "production":
        return Text.assemble(("Meaning: ", "dim"), (card.meaning or "(no gloss)", "italic"))
    return Text("")


def render_answer(
    card: ReviewCard,
    check: TermCheck | SentenceCheck | None,
    translation: str | None,
) -> Text:
    """After revealing: the verdict on a typed answer, the term and its meaning, the learner's
    own translation of the sentence."""
    text = Text()
    if isinstance(check, TermCheck):
        text.append(RESULT_WORDS[check.result], style=RESULT_STYLES[check.result])
        typed = check.answer.strip() or "(nothing)"
        text.append(f"  you typed “{typed}”")
        if check.result != RIGHT:
            text.append(" · the sentence has ")
            text.append(f"“{' '.join(check.expected.split())}”", style="bold")
        if check.result == NEAR and check.closest:
            text.append(f" (one letter from “{check.closest}”)", style="yellow")
        text.append("\n")
    elif isinstance(check, SentenceCheck):
        text.append(RESULT_WORDS[check.result], style=RESULT_STYLES[check.result])
        text.append(f"  {check.right} of {check.expected_words} words ({check.score:.0%})\n")
        text.append_text(render_diff(check))
        text.append("\n")
    if card.term_key:
        text.append(" ".join(card.term_key.split()), style="bold")
        text.append("  ")
        text.append(card.meaning or "(no gloss: press e while reading to write one)")
        text.append("\n")
    if translation:
        text.append("Your translation: ", style="dim")
        text.append(translation, style="italic")
        text.append("\n")
    return text


def render_diff(check: SentenceCheck) -> Text:
    """Word by word: right words plain, near misses yellow, wrong ones red with the right word
    after them, missing words in brackets, extra words struck through."""
    text = Text()
    for step in check.diffs:
        if text:
            text.append(" ")
        if step.kind == RIGHT:
            text.append(step.expected or "", style="green")
        elif step.kind == NEAR:
            text.append(f"{step.typed}→{step.expected}", style="yellow")
        elif step.kind == "wrong":
            text.append(step.typed or "", style="red strike")
            text.append(f"→{step.expected}", style="bold")
        elif step.kind == "missing":
            text.append(f"[{step.expected}]", style="bold red")
        else:
            text.append(step.typed or "", style="dim strike")
    return text


def render_ratings(session: ReviewSession, intervals: dict[int, timedelta] | None = None) -> Text:
    """The keys: before revealing, how to reveal; after, the four ratings with the interval each
    would give, the suggested one marked."""
    if session.current is None:
        return Text("")
    if not session.revealed:
        if session.is_typed:
            return Text("Type your answer, then Enter to check · ctrl+z undo · Escape leaves")
        return Text("Space or Enter shows the answer · u undo · Escape leaves")
    suggested = session.suggested_rating()
    text = Text()
    shown = intervals if intervals is not None else session.next_intervals()
    for rating, name in RATING_NAMES.items():
        if text:
            text.append("   ")
        label = f" {rating} {name} {describe_interval(shown[rating])} " if shown else name
        style = "reverse bold" if rating == suggested else "bold"
        text.append(label, style=style)
    text.append("\n")
    if suggested is not None:
        text.append(f"Enter accepts {RATING_NAMES[suggested]}, or press 1-4 · u undo", style="dim")
    else:
        text.append("Enter or space: Good · u undo", style="dim")
    return text


def render_summary(
    summary: Summary, next_due: str | None, due_now: int, held_back: int = 0
) -> Text:
    text = Text("Session done\n\n", style="bold")
    if summary.reviewed:
        text.append(f"Cards reviewed: {summary.reviewed}\n")
        text.append(f"Right: {summary.share_right:.0%}")
        counts = ", ".join(f"{RATING_NAMES[r]} {n}" for r, n in summary.by_rating.items() if n)
        text.append(f"  ({counts})\n")
    else:
        text.append("Nothing was due.\n")
    if held_back:
        cards = counted(held_back, "card")
        text.append(f"Held back: {cards} of the term just answered, so it is not answered twice ")
        text.append("in a row (as Anki buries siblings)\n")
    if due_now:
        text.append(f"Still due now: {due_now} (R starts again)\n")
    if next_due:
        text.append(f"Next due: {next_due.replace('T', ' ').replace('+00:00', ' UTC')}\n")
    elif not due_now:
        text.append("No cards are scheduled yet: mark words 1-4 while reading to make some.\n")
    text.append("\nEscape goes back · u takes back the last answer", style="dim")
    return text
