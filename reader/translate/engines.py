"""Translation services behind one call: ``engine.translate(text, source, target)``.

- ``google``: Google Translate's public web endpoint, the one gTTS also reaches without a key,
  through deep-translator's ``GoogleTranslator`` (maintained, built on ``requests``).
- ``libretranslate``: a LibreTranslate server the learner names by URL (their own, or a public
  one), with an optional API key; its JSON API is called with ``requests`` directly.

Every failure becomes a :class:`TranslationError` of a known kind, so callers never see a
library's own exception types.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import requests

from reader.translate.errors import (
    MALFORMED,
    NOT_SET,
    OFFLINE,
    RATE_LIMITED,
    REFUSED,
    TIMEOUT,
    TranslationError,
)

DEFAULT_TIMEOUT_S = 8.0
MAX_CHARS = 4999  # Google's web endpoint (and deep-translator) take under 5,000


class Engine(Protocol):
    name: str

    def translate(self, text: str, source: str, target: str) -> str: ...


def _network_error(exc: requests.RequestException, service: str) -> TranslationError:
    if isinstance(exc, requests.Timeout):
        return TranslationError(TIMEOUT, f"{service} did not answer in time")
    if isinstance(exc, requests.ConnectionError):
        return TranslationError(OFFLINE, f"cannot reach {service} (offline?)")
    return TranslationError(REFUSED, f"{service}: {exc}")


def _with_deadline(call: Callable[[], str], timeout: float, service: str) -> str:
    """Run ``call`` with a deadline, for a library that sets no timeout of its own.

    The call runs on a daemon thread: if it hangs, the caller goes on after ``timeout`` and the
    thread ends whenever its socket does, without holding up the program's exit.
    """
    box: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name=f"translate-{service}", daemon=True).start()
    if not done.wait(timeout):
        raise TranslationError(TIMEOUT, f"{service} did not answer in {timeout:g} s")
    error = box.get("error")
    if isinstance(error, BaseException):
        raise error
    return str(box["value"])


@dataclass
class GoogleEngine:
    timeout: float = DEFAULT_TIMEOUT_S
    name: str = "google"

    def translate(self, text: str, source: str, target: str) -> str:
        from deep_translator import GoogleTranslator
        from deep_translator import exceptions as dt

        def call() -> str:
            translator = GoogleTranslator(source=_google_code(source), target=_google_code(target))
            return str(translator.translate(text[:MAX_CHARS]) or "")

        try:
            result = _with_deadline(call, self.timeout, "Google Translate")
        except requests.RequestException as exc:
            raise _network_error(exc, "Google Translate") from exc
        except dt.TooManyRequests as exc:
            raise TranslationError(RATE_LIMITED, "Google Translate: too many requests") from exc
        except (dt.TranslationNotFound, dt.ElementNotFoundInGetRequest) as exc:
            raise TranslationError(MALFORMED, "Google Translate sent no translation") from exc
        except (dt.LanguageNotSupportedException, dt.InvalidSourceOrTargetLanguage) as exc:
            # exc.message lists every language Google knows: one line says what matters
            raise TranslationError(
                REFUSED, f"Google Translate does not translate {source} to {target}"
            ) from exc
        except dt.RequestError as exc:
            raise TranslationError(REFUSED, "Google Translate refused the request") from exc
        except dt.BaseError as exc:
            raise TranslationError(MALFORMED, f"Google Translate: {exc.message}") from exc
        if not result.strip():
            raise TranslationError(MALFORMED, "Google Translate sent an empty translation")
        return result.strip()


def _google_code(lang: str) -> str:
    """Google names Chinese by script and Hebrew by its old code."""
    return {"zh": "zh-CN", "he": "iw"}.get(lang, lang)


@dataclass
class LibreTranslateEngine:
    url: str
    api_key: str = ""
    timeout: float = DEFAULT_TIMEOUT_S
    name: str = "libretranslate"

    def translate(self, text: str, source: str, target: str) -> str:
        if not self.url:
            raise TranslationError(
                NOT_SET,
                "no LibreTranslate server: sentences config set libretranslate_url URL",
            )
        payload = {"q": text[:MAX_CHARS], "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        endpoint = self.url.rstrip("/") + "/translate"
        try:
            response = requests.post(endpoint, json=payload, timeout=self.timeout)
        except requests.RequestException as exc:
            raise _network_error(exc, "LibreTranslate") from exc
        if response.status_code == 429:
            raise TranslationError(RATE_LIMITED, "LibreTranslate: too many requests")
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code != 200:
            detail = data.get("error") if isinstance(data, dict) else None
            raise TranslationError(
                REFUSED, f"LibreTranslate: {detail or f'HTTP {response.status_code}'}"
            )
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if not isinstance(translated, str) or not translated.strip():
            raise TranslationError(MALFORMED, "LibreTranslate's answer has no translatedText")
        return translated.strip()


def make_engine(
    name: str, url: str = "", api_key: str = "", timeout: float = DEFAULT_TIMEOUT_S
) -> Engine:
    if name == "google":
        return GoogleEngine(timeout=timeout)
    if name == "libretranslate":
        return LibreTranslateEngine(url, api_key, timeout=timeout)
    raise TranslationError(NOT_SET, "machine translation is off (translate_engine = none)")
