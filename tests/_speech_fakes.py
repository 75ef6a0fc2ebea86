"""Fakes shared by the speech tests: Google's TTS endpoint (via responses) and a tiny MP3."""

from __future__ import annotations

import base64
from pathlib import Path

import responses

GTTS_URL = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"
SILENCE_MP3 = Path(__file__).parent / "data" / "silence.mp3"  # 28 silent MPEG-1 L3 frames, ~1 s


def mp3_bytes() -> bytes:
    return SILENCE_MP3.read_bytes()


def gtts_body(audio: bytes) -> str:
    """One batchexecute answer line the way gTTS 2.5 parses it: jQ1olc","[\\"<base64>\\"]."""
    encoded = base64.b64encode(audio).decode("ascii")
    return ')]}\'\n\n[["wrb.fr","jQ1olc","[\\"' + encoded + '\\"]",null,null,null,"generic"]]\n'


def add_gtts_ok(
    rsps: responses.RequestsMock, audio: bytes | None = None, url: str = GTTS_URL
) -> None:
    rsps.add(responses.POST, url, body=gtts_body(audio if audio is not None else mp3_bytes()))
