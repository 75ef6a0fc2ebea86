"""Google Translate's text-to-speech (online), via gTTS.

gTTS waits forever by default and writes straight into its output file; here every request has a
timeout and the file appears only when every chunk arrived. gTTS itself splits text longer than
100 characters at punctuation and spaces and sends one request per chunk; the MP3 answers are
simply concatenated, which players and decoders handle as one stream.

gTTS 2.5 sends its requests with TLS verification switched off (and silences urllib3's warning
about it for the whole process). :class:`_VerifiedTTS` keeps gTTS's text splitting and request
format but sends the requests itself: verified, over one session for all chunks.
"""

from __future__ import annotations

import base64
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import requests
from gtts import gTTS, gTTSError

from reader.atomic import atomic_output
from reader.speech.settings import OnlineTTSError

#: (connect, read) seconds. Short connect: when offline we want the fallback quickly.
DEFAULT_TIMEOUT: tuple[float, float] = (3.05, 15.0)


_AUDIO = re.compile(r'jQ1olc","\[\\"(.*)\\"]')


class _VerifiedTTS(gTTS):  # type: ignore[misc]
    def stream(self) -> Iterator[bytes]:
        with requests.Session() as session:
            for prepared in self._prepare_requests():
                response = session.send(
                    prepared, proxies=urllib.request.getproxies(), timeout=self.timeout
                )
                response.raise_for_status()
                found = False
                for line in response.iter_lines(chunk_size=1024):
                    match = _AUDIO.search(line.decode("utf-8", "replace"))
                    if match:
                        found = True
                        yield base64.b64decode(match.group(1))
                if not found:
                    raise gTTSError(tts=self, response=response)


def synthesize_gtts(
    text: str,
    out_path: Path,
    *,
    lang: str = "en",
    tld: str = "com",
    slow: bool = False,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
) -> None:
    """Write ``text`` spoken by Google to ``out_path`` (MP3), or raise :class:`OnlineTTSError`."""
    if not text.strip():
        raise OnlineTTSError("nothing to say", network=False)
    try:
        tts = _VerifiedTTS(text, tld=tld, lang=lang, slow=slow, timeout=timeout)
    except ValueError as exc:  # unsupported language
        raise OnlineTTSError(f"gTTS: {exc}", network=False) from exc
    try:
        with atomic_output(out_path) as tmp, tmp.open("wb") as fp:
            tts.write_to_fp(fp)
    except gTTSError as exc:
        raise OnlineTTSError(_describe(exc)) from exc
    except requests.RequestException as exc:  # gTTS wraps these, but be safe
        raise OnlineTTSError(_describe_request(exc)) from exc
    except AssertionError as exc:  # gTTS asserts text survives its pre-processing
        raise OnlineTTSError("gTTS: nothing to say after cleaning the text", network=False) from exc
    except OSError as exc:
        raise OnlineTTSError(f"gTTS: {exc}", network=False) from exc


def _describe(exc: gTTSError) -> str:
    """One line that says what went wrong: gTTS's own messages guess at causes at length."""
    cause = exc.__context__
    if isinstance(cause, requests.RequestException):
        return _describe_request(cause)
    rsp = getattr(exc, "rsp", None)
    status = getattr(rsp, "status_code", None)
    if status is not None and status >= 400:
        return f"Google TTS answered HTTP {status}"
    if status is not None:
        return "Google TTS answered without audio"
    return f"Google TTS failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"


def _describe_request(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"Google TTS answered HTTP {exc.response.status_code}"
    if isinstance(exc, requests.Timeout):
        return "Google TTS timed out"
    if isinstance(exc, requests.ConnectionError):
        return "no network (cannot reach Google TTS)"
    return f"Google TTS request failed ({type(exc).__name__})"
