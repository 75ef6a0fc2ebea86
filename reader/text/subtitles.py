"""Subtitles (SRT and WebVTT) as a text whose sentences keep when they are said.

A cue is a piece of screen time, not a sentence: "Tonight we look at how the summit in Beijing"
then "changed the balance of power in the region." is one sentence across two cues, and one
cue can hold two short sentences. So the cues' words are joined into running text (numbers,
timings, settings and tags such as ``<i>`` left out) and segmented like any other text; each
cue's stretch of that text is kept with its times (:class:`reader.text.load.Timed`), and the
importer gives each sentence the start of its first cue and the end of its last, so audio of
the original can be aligned later. A long silence (a scene change) starts a new paragraph.

webvtt-py (MIT) reads both formats.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata

from reader.text.loaded import Loaded, Timed
from reader.text.markup import MarkupError

SCENE_GAP_MS = 4000  # a silence this long between cues starts a new paragraph
_SPEAKER_DASH = re.compile(r"^\s*[-–—]\s*")
_SOUND = re.compile(r"^\s*[\[(♪][^\])]*[\])♪]?\s*$")  # "[music]", "(laughs)", "♪ ... ♪"


def subtitles_to_text(text: str, name: str, suffix: str, source: str, title: str) -> Loaded:
    """The cues of an SRT or VTT file joined into one text, with each cue's stretch and times.

    Raises:
        MarkupError: the file is not subtitles in that format (one line for the learner).
    """
    import webvtt
    from webvtt.errors import MalformedFileError

    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    kind = "srt" if suffix == ".srt" else "vtt"
    try:
        captions = webvtt.from_buffer(io.StringIO(text), format=kind).captions
    except (MalformedFileError, ValueError, IndexError) as exc:
        raise MarkupError(f"{name} is not a valid {kind.upper()} subtitle file") from exc
    parts: list[str] = []
    timed: list[Timed] = []
    length = 0
    previous_end: int | None = None
    for caption in captions:
        words = _cue_words(caption.text)
        if not words:
            continue
        start_ms = int(caption.start_time.in_milliseconds())
        end_ms = int(caption.end_time.in_milliseconds())
        if previous_end is not None:
            gap = "\n\n" if start_ms - previous_end >= SCENE_GAP_MS else " "
            parts.append(gap)
            length += len(gap)
        timed.append(Timed(length, length + len(words), start_ms, end_ms))
        parts.append(words)
        length += len(words)
        previous_end = end_ms
    if not timed:
        raise MarkupError(f"{name} has no subtitle text")
    return Loaded(title=title, content="".join(parts) + "\n", source=source, timed=tuple(timed))


def _cue_words(text: str) -> str:
    """A cue's words on one line: tags gone (``<i>``, ``<font>``, ``{\\an8}``), entities read,
    a speaker's dash and sound descriptions ("[music]") dropped, spaces made single."""
    lines = []
    for line in text.split("\n"):
        if _SOUND.match(line):
            continue
        line = _SPEAKER_DASH.sub("", re.sub(r"<[^>]+>|\{\\[^}]*\}", "", line))
        if line.strip():
            lines.append(line.strip())
    words = html.unescape(" ".join(" ".join(lines).split()))  # "&amp;" is "&"
    return unicodedata.normalize("NFC", " ".join(words.split()))
