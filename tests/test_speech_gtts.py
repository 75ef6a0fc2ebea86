"""gTTS engine against a faked Google endpoint: nothing here touches the network."""

from __future__ import annotations

from pathlib import Path

import miniaudio
import pytest
import requests
import responses
from _speech_fakes import GTTS_URL, add_gtts_ok, gtts_body, mp3_bytes

from reader.speech.gtts_engine import synthesize_gtts
from reader.speech.settings import OnlineTTSError

LONG = (
    "The festival, which drew visitors from across the region, opened on Saturday with a parade; "
    "organisers said the weather, though cloudy, held up well, and that more than ten thousand "
    "people had come by the afternoon, far more than they had expected."
)


@responses.activate
def test_writes_the_mp3_google_returns(tmp_path: Path) -> None:
    add_gtts_ok(responses.mock)
    out = tmp_path / "a" / "x.mp3"
    synthesize_gtts("Hello there.", out)
    assert out.read_bytes() == mp3_bytes()
    assert miniaudio.decode_file(str(out)).num_frames > 0
    assert len(responses.calls) == 1
    assert "Hello" in str(responses.calls[0].request.body)
    assert list(tmp_path.rglob("*.part")) == []


@responses.activate
def test_every_request_has_a_timeout(tmp_path: Path) -> None:
    add_gtts_ok(responses.mock)
    synthesize_gtts("Hello there.", tmp_path / "x.mp3", timeout=(1.5, 4.0))
    assert responses.calls[0].request.req_kwargs["timeout"] == (1.5, 4.0)


@responses.activate
def test_tls_is_verified(tmp_path: Path) -> None:
    """gTTS itself sends verify=False; our requests must not."""
    add_gtts_ok(responses.mock)
    synthesize_gtts("Hello there.", tmp_path / "x.mp3")
    assert responses.calls[0].request.req_kwargs["verify"] is True


@responses.activate
def test_long_text_is_chunked_and_the_parts_concatenated(tmp_path: Path) -> None:
    assert len(LONG) > 200
    add_gtts_ok(responses.mock)
    out = tmp_path / "long.mp3"
    synthesize_gtts(LONG, out)
    parts = len(responses.calls)
    assert parts >= 3
    assert all(len(_sent_text(call.request.body)) <= 100 for call in responses.calls)
    assert out.read_bytes() == mp3_bytes() * parts
    one = miniaudio.decode_file(str(_write(tmp_path / "one.mp3", mp3_bytes())))
    whole = miniaudio.decode_file(str(out))
    assert whole.num_frames == pytest.approx(one.num_frames * parts, rel=0.05)


@responses.activate
def test_accent_goes_to_the_matching_google_domain(tmp_path: Path) -> None:
    url = GTTS_URL.replace("google.com", "google.co.uk")
    add_gtts_ok(responses.mock, url=url)
    synthesize_gtts("Cheerio.", tmp_path / "x.mp3", tld="co.uk")
    assert responses.calls[0].request.url == url


@responses.activate
def test_http_500_is_a_network_error_and_leaves_no_file(tmp_path: Path) -> None:
    responses.add(responses.POST, GTTS_URL, status=500, body="oops")
    out = tmp_path / "x.mp3"
    with pytest.raises(OnlineTTSError, match="HTTP 500") as info:
        synthesize_gtts("Hello.", out)
    assert info.value.network
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "error",
    [requests.exceptions.ConnectTimeout(), requests.exceptions.ReadTimeout()],
    ids=["connect", "read"],
)
@responses.activate
def test_timeouts_are_reported_and_leave_no_file(
    tmp_path: Path, error: requests.RequestException
) -> None:
    responses.add(responses.POST, GTTS_URL, body=error)
    with pytest.raises(OnlineTTSError, match="timed out"):
        synthesize_gtts("Hello.", tmp_path / "x.mp3")
    assert list(tmp_path.iterdir()) == []


@responses.activate
def test_failure_in_a_later_chunk_leaves_no_partial_file(tmp_path: Path) -> None:
    add_gtts_ok(responses.mock)
    responses.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectionError("down"))
    with pytest.raises(OnlineTTSError, match="no network"):
        synthesize_gtts(LONG, tmp_path / "x.mp3")
    assert len(responses.calls) == 2
    assert list(tmp_path.iterdir()) == []


@responses.activate
def test_answer_without_audio_is_an_error(tmp_path: Path) -> None:
    responses.add(responses.POST, GTTS_URL, body='[["wrb.fr","jQ1olc",null]]')
    with pytest.raises(OnlineTTSError, match="without audio"):
        synthesize_gtts("Hello.", tmp_path / "x.mp3")
    assert list(tmp_path.iterdir()) == []


@responses.activate
def test_empty_audio_leaves_no_empty_mp3(tmp_path: Path) -> None:
    responses.add(responses.POST, GTTS_URL, body=gtts_body(b""))
    with pytest.raises(OnlineTTSError):
        synthesize_gtts("Hello.", tmp_path / "x.mp3")
    assert list(tmp_path.iterdir()) == []


def test_unsupported_language_is_not_a_network_error(tmp_path: Path) -> None:
    with pytest.raises(OnlineTTSError) as info:
        synthesize_gtts("Hello.", tmp_path / "x.mp3", lang="xx-nonsense")
    assert not info.value.network


def _sent_text(body: str | bytes | None) -> str:
    import json
    import urllib.parse

    text = body.decode() if isinstance(body, bytes) else str(body)
    rpc = json.loads(urllib.parse.unquote(text.removeprefix("f.req=").rstrip("&")))
    return str(json.loads(rpc[0][0][1])[0])


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
