"""Issue 20, item 1: a text by URL, served from a local HTTP server on 127.0.0.1 (never the
Internet): the article without the page around it, the URL as the source, the same URL found
again, and every kind of bad answer as one line with nothing stored."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import main
from reader.store import open_db
from reader.text import web
from reader.text.load import LoadError

DATA = Path(__file__).resolve().parent / "data" / "sources"
NEWS = (DATA / "news_page.html").read_bytes()
LATIN_PAGE = (
    "<html><head><title>Caf\u00e9 culture | Le Monde Petit</title></head><body><article>"
    "<h1>Caf\u00e9 culture</h1><p>In the caf\u00e9s of the old town, people still read "
    "the paper over a cr\u00e8me every morning, and the waiters know every regular by name.</p>"
    "<p>The na\u00efve visitor orders a latte; the regulars smile and say nothing at all.</p>"
    "</article></body></html>"
)
APP_SHELL = (
    b"<html><head><title>Loading</title></head><body><div id='app'></div>"
    b"<script>render()</script><nav><a href='/'>Home</a> <a href='/login'>Log in</a></nav>"
    b"</body></html>"
)
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/summit": (200, "text/html; charset=utf-8", NEWS),
    "/latin": (200, "text/html; charset=windows-1252", LATIN_PAGE.encode("cp1252")),
    "/latin-meta": (
        200,
        "text/html",
        LATIN_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1"),
    ),
    "/doc.pdf": (200, "application/pdf", b"%PDF-1.7\n%binary"),
    "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\nrest"),
    "/photo": (200, "text/html", b"\xff\xd8\xff\xe0 a JPEG served as a page"),
    "/app": (200, "text/html", APP_SHELL),
    "/talk.srt": (
        200,
        "application/x-subrip",
        b"1\n00:00:01,000 --> 00:00:02,000\nHello there.\n\n2\n00:00:02,500 --> 00:00:04,000\n"
        b"How are you?\n",
    ),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/summit")
            self.end_headers()
            return
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.path)}")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"<p>" + b"word " * 2000 + b"</p>")
            return
        status, kind, body = ROUTES.get(self.path, (404, "text/html", b"<h1>Not Found</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


_real_connect = socket.socket.connect  # taken at import, before conftest refuses the network


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch, no_network: None) -> None:
    """The tests' server is on 127.0.0.1; every other address stays refused (conftest)."""
    refusing = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if isinstance(address, tuple) and address[0] == "127.0.0.1":
            _real_connect(self, address)
            return
        refusing(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on a refused PDF is expected here


@pytest.fixture
def server(loopback: None) -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def run(home: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


def _texts() -> list[tuple[int, str, str]]:
    db = open_db()
    try:
        return [tuple(r) for r in db.execute("SELECT id, title, source FROM texts").fetchall()]
    finally:
        db.close()


def test_a_news_page_by_url_is_its_article(server: str) -> None:
    loaded = web.load_url(f"{server}/news/summit")
    assert loaded.title == "Summit in Beijing ends with a farm trade deal"  # no " | World Desk"
    assert loaded.source == f"{server}/news/summit"
    assert loaded.content.startswith("Summit in Beijing ends with a farm trade deal\n\n")
    assert "agreed to lower tariffs on farm goods" in loaded.content
    assert "who would settle disputes" in loaded.content  # after the advertisement: kept
    for furniture in (
        "cookies", "Home", "Subscribe now", "Advertisement", "Trending", "Storm hits",
        "Comments", "You must be logged in", "Great article", "All rights reserved", "Privacy",
    ):  # fmt: skip
        assert furniture not in loaded.content, furniture


def test_import_url_then_again_finds_it_without_fetching(server: str, run: CliRunner) -> None:
    url = f"{server}/news/summit"
    first = run.invoke(main, ["import", url, "--json"], catch_exceptions=False)
    assert first.exit_code == 0, first.stderr
    (record,) = json.loads(first.stdout)
    assert record["created"] and record["title"] == "Summit in Beijing ends with a farm trade deal"
    assert _texts() == [(record["id"], record["title"], url)]
    page = ROUTES.pop("/news/summit")  # the page is gone: found by its URL, not fetched again
    try:
        again = run.invoke(main, ["import", url], catch_exceptions=False)
    finally:
        ROUTES["/news/summit"] = page
    assert again.exit_code == 0, again.stderr
    assert f"is already text {record['id']}" in again.stdout
    assert len(_texts()) == 1


def test_redirects_are_followed_and_the_asked_url_is_the_source(server: str) -> None:
    loaded = web.load_url(f"{server}/moved")
    assert loaded.source == f"{server}/moved"
    assert "farm trade deal" in loaded.title


@pytest.mark.parametrize("path", ["/latin", "/latin-meta"])
def test_the_pages_charset_is_honoured(server: str, path: str) -> None:
    loaded = web.load_url(server + path)
    assert "caf\u00e9s of the old town" in loaded.content and "cr\u00e8me" in loaded.content
    assert loaded.title == "Caf\u00e9 culture"


def test_subtitles_by_url_keep_their_times(server: str) -> None:
    loaded = web.load_url(f"{server}/talk.srt")
    assert loaded.content == "Hello there. How are you?\n"
    assert [(t.start_ms, t.end_ms) for t in loaded.timed] == [(1000, 2000), (2500, 4000)]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "answered 404"),
        ("/doc.pdf", "is a PDF, not a web page"),
        ("/photo.png", "is an image (image/png)"),
        ("/photo", "is an image (JPEG)"),
        ("/app", "found no article"),
        ("/loop", "more than 5 redirects"),
    ],
)
def test_bad_answers_are_one_line_and_store_nothing(
    server: str, run: CliRunner, path: str, message: str
) -> None:
    result = run.invoke(main, ["import", server + path])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert _texts() == []


def test_a_timeout_is_one_line(
    server: str, run: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "TIMEOUT", (1.0, 0.3))
    result = run.invoke(main, ["import", f"{server}/slow"])
    assert result.exit_code == 1 and "did not answer within" in result.stderr
    assert _texts() == []


def test_a_page_too_large_is_refused(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "MAX_PAGE_BYTES", 100_000)
    with pytest.raises(LoadError, match="larger than"):
        web.load_url(f"{server}/huge")


def test_no_network_is_one_line(loopback: None, run: CliRunner) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run.invoke(main, ["import", f"http://127.0.0.1:{port}/news"])
    assert result.exit_code == 1
    assert "cannot reach 127.0.0.1: no network" in result.stderr
    assert _texts() == []


def test_whole_keeps_the_page(server: str) -> None:
    loaded = web.load_url(f"{server}/news/summit", whole=True)
    assert "Trending" in loaded.content and "Subscribe now" in loaded.content


def test_the_same_page_shared_with_tracking_tags_is_the_same_text(
    server: str, run: CliRunner
) -> None:
    url = f"{server}/news/summit"
    assert run.invoke(main, ["import", url + "#comments"]).exit_code == 0
    again = run.invoke(main, ["import", url + "?utm_source=newsletter&fbclid=abc"])
    assert again.exit_code == 0 and "is already text 1" in again.stdout
    assert [source for _, _, source in _texts()] == [url]
