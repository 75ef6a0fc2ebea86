"""Fakes for the translation services, at the HTTP layer (responses): sockets stay blocked."""

from __future__ import annotations

import html

import responses

GOOGLE_URL = "https://translate.google.com/m"
LIBRE_URL = "http://libre.test:5000"


def google_page(translation: str) -> str:
    """The mobile page Google Translate answers with, as deep-translator parses it."""
    return (
        "<html><body><div class='frame'><div class='result-container'>"
        f"{html.escape(translation)}</div></div></body></html>"
    )


def add_google(rsps: responses.RequestsMock, translations: dict[str, str]) -> None:
    """Answer each request with the translation of its ``q`` parameter."""

    def answer(request: object) -> tuple[int, dict[str, str], str]:
        from urllib.parse import parse_qs, urlparse

        query = parse_qs(urlparse(request.url).query)  # type: ignore[attr-defined]
        text = query["q"][0]
        return 200, {"Content-Type": "text/html; charset=UTF-8"}, google_page(translations[text])

    rsps.add_callback(responses.GET, GOOGLE_URL, callback=answer)
