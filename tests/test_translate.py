"""Machine translation: the services faked at the HTTP layer, the cache, the command."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import requests
import responses
from _translate_fakes import GOOGLE_URL, LIBRE_URL, add_google, google_page
from click.testing import CliRunner

from reader.cli import main
from reader.translate import TranslationError, availability, cached_translation, translate
from reader.translate.engines import GoogleEngine, LibreTranslateEngine
from reader.translate.errors import MALFORMED, NOT_SET, OFFLINE, RATE_LIMITED, REFUSED, TIMEOUT

SENTENCE = "South Korea and Japan agreed to expand cooperation."
KOREAN = "한국과 일본은 협력을 확대하기로 합의했다."


@pytest.fixture(autouse=True)
def services_up() -> None:
    availability.reset()


def test_google_success_is_cached(db) -> None:
    with responses.RequestsMock() as rsps:
        add_google(rsps, {SENTENCE: KOREAN})
        first = translate(db, SENTENCE, "ko", engine=GoogleEngine())
        assert (first.translation, first.cached, first.engine) == (KOREAN, False, "google")
        request = rsps.calls[0].request
        assert "tl=ko" in request.url and "sl=en" in request.url
        again = translate(db, "  South Korea and Japan\nagreed to expand cooperation. ", "ko",
                          engine=GoogleEngine())  # fmt: skip
        assert (again.translation, again.cached) == (KOREAN, True)
        assert len(rsps.calls) == 1  # a sentence is translated once
    assert first.as_dict()["label"] == "machine translation"


def test_google_timeout(db) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, GOOGLE_URL, body=requests.exceptions.ConnectTimeout())
        with pytest.raises(TranslationError) as caught:
            translate(db, SENTENCE, "ko", engine=GoogleEngine())
    assert caught.value.kind == TIMEOUT


def test_google_that_hangs_is_cut_off_by_the_deadline(db) -> None:
    def slow(request: object) -> tuple[int, dict[str, str], str]:
        time.sleep(1.5)
        return 200, {}, google_page(KOREAN)

    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add_callback(responses.GET, GOOGLE_URL, callback=slow)
        started = time.monotonic()
        with pytest.raises(TranslationError) as caught:
            translate(db, SENTENCE, "ko", engine=GoogleEngine(timeout=0.2))
        assert time.monotonic() - started < 1.0
        time.sleep(1.5)  # let the abandoned request end inside the mock
    assert caught.value.kind == TIMEOUT


def test_google_rate_limit(db) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, GOOGLE_URL, status=429, body="Too Many Requests")
        with pytest.raises(TranslationError) as caught:
            translate(db, SENTENCE, "ko", engine=GoogleEngine())
    assert caught.value.kind == RATE_LIMITED
    assert "too many requests" in str(caught.value)


def test_google_malformed_answer(db) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, GOOGLE_URL, body="<html><body>captcha</body></html>")
        with pytest.raises(TranslationError) as caught:
            translate(db, SENTENCE, "ko", engine=GoogleEngine())
    assert caught.value.kind == MALFORMED
    assert cached_translation(db, SENTENCE, "ko") is None  # nothing bad is cached


def test_offline_fails_once_then_answers_at_once_from_the_cache(db) -> None:
    with responses.RequestsMock() as rsps:
        add_google(rsps, {"Hello.": "안녕하세요."})
        translate(db, "Hello.", "ko", engine=GoogleEngine())
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, GOOGLE_URL, body=requests.exceptions.ConnectionError("down"))
        with pytest.raises(TranslationError) as caught:
            translate(db, SENTENCE, "ko", engine=GoogleEngine())
        assert caught.value.kind == OFFLINE
        assert len(rsps.calls) == 1
        with pytest.raises(TranslationError):
            translate(db, "Another sentence.", "ko", engine=GoogleEngine())
        assert len(rsps.calls) == 1  # marked down: no second wait on the network
        assert translate(db, "Hello.", "ko", engine=GoogleEngine()).translation == "안녕하세요."


def test_libretranslate_success_with_key(db) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(
            responses.POST,
            f"{LIBRE_URL}/translate",
            json={"translatedText": KOREAN},
            match=[
                responses.matchers.json_params_matcher(
                    {
                        "q": SENTENCE,
                        "source": "en",
                        "target": "ko",
                        "format": "text",
                        "api_key": "secret",
                    }  # fmt: skip
                )
            ],
        )
        result = translate(db, SENTENCE, "ko", engine=LibreTranslateEngine(LIBRE_URL, "secret"))
    assert (result.translation, result.engine) == (KOREAN, "libretranslate")


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        ({"body": requests.exceptions.ReadTimeout()}, TIMEOUT),
        ({"status": 429, "json": {"error": "Slowdown"}}, RATE_LIMITED),
        ({"json": {"translation": "no such key"}}, MALFORMED),
        ({"body": "<html>not json</html>"}, MALFORMED),
        ({"status": 403, "json": {"error": "Invalid API key"}}, REFUSED),
    ],
)
def test_libretranslate_failures(db, kwargs: dict[str, object], kind: str) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, f"{LIBRE_URL}/translate", **kwargs)
        with pytest.raises(TranslationError) as caught:
            translate(db, SENTENCE, "ko", engine=LibreTranslateEngine(LIBRE_URL))
    assert caught.value.kind == kind
    if kind == REFUSED:
        assert "Invalid API key" in str(caught.value)


def test_no_language_or_no_engine_is_a_clear_error(db) -> None:
    with pytest.raises(TranslationError, match="config set native_lang") as caught:
        translate(db, SENTENCE, "", engine=GoogleEngine())
    assert caught.value.kind == NOT_SET
    from reader.config import Config

    with pytest.raises(TranslationError, match="translate_engine = none"):
        translate(db, SENTENCE, "ko", config=Config(translate_engine="none"))
    with pytest.raises(TranslationError, match="libretranslate_url"):
        translate(db, SENTENCE, "ko", config=Config(translate_engine="libretranslate"))


def test_cli_translate_then_from_the_cache(home: Path) -> None:
    run = CliRunner(mix_stderr=False)
    assert run.invoke(main, ["config", "set", "native_lang", "ko"]).exit_code == 0
    with responses.RequestsMock() as rsps:
        add_google(rsps, {SENTENCE: KOREAN})
        first = run.invoke(main, ["translate", SENTENCE])
        assert first.exit_code == 0, first.stderr
        assert first.stdout.strip() == KOREAN
        assert "machine translation (google, just now)" in first.stderr
        again = run.invoke(main, ["translate", SENTENCE, "--json"])
        assert len(rsps.calls) == 1
    data = json.loads(again.stdout)
    assert data["translation"] == KOREAN and data["cached"] is True
    assert data["label"] == "machine translation" and data["target_lang"] == "ko"


def test_cli_translate_errors_are_one_line(home: Path) -> None:
    run = CliRunner(mix_stderr=False)
    unset = run.invoke(main, ["translate", SENTENCE])
    assert unset.exit_code == 1
    assert unset.stderr.startswith("sentences: no language to translate into")
    bad = run.invoke(main, ["translate", SENTENCE, "--to", "korean"])
    assert bad.exit_code == 1 and "ISO 639-1" in bad.stderr
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, GOOGLE_URL, status=429)
        limited = run.invoke(main, ["translate", SENTENCE, "--to", "de"])
    assert limited.exit_code == 1
    assert limited.stderr.strip() == "sentences: Google Translate: too many requests"
