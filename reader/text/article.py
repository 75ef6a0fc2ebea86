"""The article in a web page: its main text and its title, without the page around it.

A saved news page is mostly not the article: a cookie banner, the site's menu ("Home | World |
Business"), "Subscribe now", the headlines of other stories, advertisements, the comments and the
footer. Read whole, each of those is a sentence to step through. trafilatura (Apache-2.0) finds
the main text; on its own benchmark of 750 pages it scores F1 0.909 against readability-lxml's
0.801. ``--whole`` keeps everything, for a page it gets wrong.

The title comes from the page's metadata (og:title, then the headline, then <title>), without
the site's name that most sites append (" | World Desk").
"""

from __future__ import annotations

import html
import re
from typing import Any

from reader.text.markup import MarkupError

_SEPARATORS = re.compile(r"\s+[|\-–—·•»]\s+")
MIN_ARTICLE_CHARS = 80  # less than this is a page with no article (a login wall, an index)


class NoArticle(MarkupError):
    """The page has no main text to read."""


def extract_article(markup: str, name: str, *, url: str | None = None) -> tuple[str, str]:
    """(title, text) of the article in an HTML page; paragraphs separated by blank lines.

    Raises:
        NoArticle: the extractor finds no main text (an index page, a login wall, an app shell).
    """
    import trafilatura

    try:
        document: Any = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except (ValueError, TypeError, RecursionError) as exc:  # lxml's failures on garbage
        raise MarkupError(f"cannot parse the HTML of {name}: {exc}") from exc
    text = (getattr(document, "text", None) or "") if document is not None else ""
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        raise NoArticle(f"found no article in {name} (--whole imports the whole page)")
    # one block a line; a list item comes as "- item"
    paragraphs = [" ".join(line.removeprefix("- ").split()) for line in text.split("\n")]
    body = "\n\n".join(p for p in paragraphs if p)
    site = getattr(document, "sitename", None) or ""
    title = page_title(markup, site) or clean_title(getattr(document, "title", None) or "", site)
    return title, body


_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_HEADING = re.compile(r"<h[1-3]\b[^>]*>(.*?)</h[1-3]>", re.I | re.S)
MIN_HEADLINE = 12  # characters: a heading shorter than this inside <title> is a site's name
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def page_title(markup: str, site: str = "") -> str:
    """og:title (what the site itself calls the article when shared), else the <title> as far
    as a heading of the page repeats it, else <title>, else the first <h1>; without the site's
    name. (The first <h1> alone is not trusted: many sites put their logo in it.)"""
    head = markup[:200_000]
    metas: dict[str, str] = {}
    for tag in _META.findall(head):
        attrs = {k.lower(): (v1 or v2) for k, v1, v2 in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key and "content" in attrs:
            metas.setdefault(key, html.unescape(attrs["content"]))
    site = site or metas.get("og:site_name", "")
    for candidate in (metas.get("og:title"), metas.get("twitter:title")):
        if candidate and candidate.strip():
            return clean_title(candidate, site)
    title = " ".join(_first(_TITLE, head).split())
    headings = [" ".join(_text(h).split()) for h in _HEADING.findall(head)[:30]]
    inside = [h for h in headings if len(h) >= MIN_HEADLINE and h.casefold() in title.casefold()]
    if inside:
        return max(inside, key=len)
    if title:
        return clean_title(title, site or _site_among(title, headings))
    return next((h for h in headings if h), "")


def _site_among(title: str, headings: list[str]) -> str:
    """A heading that is one of the title's parts is the site's name (its logo)."""
    parts = {p.casefold() for p in _SEPARATORS.split(title)}
    return next((h for h in headings if h.casefold() in parts and h.casefold() != title), "")


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def _first(pattern: re.Pattern[str], markup: str) -> str:
    match = pattern.search(markup)
    return html.unescape(_TAG.sub("", match.group(1))) if match else ""


def clean_title(title: str, site: str = "") -> str:
    """ "Summit ends with a deal | World Desk" -> "Summit ends with a deal".

    The site's name goes wherever a separator sets it apart; without a known name, a short last
    part after a "|" goes too (pipes in titles are how sites brand them). Other separators are
    left alone: "Covid - the latest" is a headline.
    """
    title = " ".join(title.split())
    site_key = " ".join(site.lower().split())
    changed = True
    while changed:
        changed = False
        parts = _SEPARATORS.split(title, maxsplit=1)
        if len(parts) == 2 and site_key and parts[0].lower() == site_key:
            title, changed = parts[1], True
        match = _LAST.search(title)
        if match and match.start() > 0:
            last = match.group(2)
            branded = (site_key and last.lower() == site_key) or (
                match.group(1) == "|" and len(last.split()) <= 4
            )
            if branded:
                title, changed = title[: match.start()].rstrip(), True
    return title


_LAST = re.compile(r"\s+([|\-–—·•»])\s+([^|\-–—·•»]+)$")
