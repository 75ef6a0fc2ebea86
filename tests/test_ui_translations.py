"""Pilot tests: the learner's own translation (key t) and machine translation under the sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import responses
from _pilot import SIZE, reading, settle
from _translate_fakes import GOOGLE_URL, google_page
from textual.widgets import Input, Static

from reader.config import Config
from reader.learn.translations import get_translation, text_sha256
from reader.store import open_db
from reader.translate import availability
from reader.ui.app import make_app

TITLE = "[Weekly Focus] How Kim Jong-un's coalition with China, Russia changes regional dynamics"
TITLE_KO = "[위클리 포커스] 김정은의 중국·러시아와의 연대가 역내 정세를 어떻게 바꾸나"
WORDS_KO = {"weekly": "주간", "focus": "초점", "publish": "게시하다"}


@pytest.fixture(autouse=True)
def services_up() -> None:
    availability.reset()


def shown(app: object) -> str:
    return str(reading(app).query_one("#translation", Static).render())  # type: ignore[arg-type]


def fake_google(rsps: responses.RequestsMock, calls: list[str]) -> None:
    """Google Translate's page for the seed's title and a few words; anything else fails."""
    from urllib.parse import parse_qs, urlparse

    def answer(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        text = parse_qs(urlparse(str(request.url)).query)["q"][0]
        calls.append(text)
        known = {TITLE: TITLE_KO, **WORDS_KO}
        if text not in known:
            return 200, {"Content-Type": "text/html; charset=UTF-8"}, "<html>no result</html>"
        return 200, {"Content-Type": "text/html; charset=UTF-8"}, google_page(known[text])

    rsps.add_callback(responses.GET, GOOGLE_URL, callback=answer)


async def test_t_writes_the_learners_translation_under_the_sentence(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(
        db_path, target=seed_id, config=Config(native_lang="ko", translate_engine="none")
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not reading(app).query_one("#translation", Static).display
        await pilot.press("t")
        field = app.screen.query_one("#prompt-input", Input)
        field.value = "김정은의 연대"
        await pilot.press("enter")
        await settle(app, pilot)
        assert "your translation" in shown(app) and "김정은의 연대" in shown(app)
        await pilot.press("down", "up")
        assert "김정은의 연대" in shown(app)
        app.writer.flush(timeout=5)
    db = open_db(db_path)
    sha = text_sha256(db, seed_id)
    assert sha is not None
    row = db.execute(
        'SELECT lang, start, "end", translation FROM learner_translations WHERE text_sha256 = ?',
        (sha,),
    ).fetchone()
    assert row[0] == "ko" and row[3] == "김정은의 연대"
    assert get_translation(db, sha, row[1], row[2], "ko") == "김정은의 연대"


@pytest.mark.parametrize(("size", "in_footer"), [((120, 40), True), ((80, 24), False)])
async def test_t_is_in_the_footer_where_there_is_room_and_works_everywhere(
    db_path: Path, seed_id: int, mini_wordnet: Path, size: tuple[int, int], in_footer: bool
) -> None:
    """At 80 columns the footer is full: there ? lists t, and the key works all the same."""
    from textual.widgets._footer import FooterKey

    from reader.ui.screens.prompt import PromptScreen

    app = make_app(db_path, target=seed_id, config=Config(translate_engine="none"))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        footer = {(key.key, key.description) for key in reading(app).query(FooterKey)}
        assert (("t", "Translate") in footer) is in_footer
        assert ("escape", "Library") in footer
        await pilot.press("t")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")
        await pilot.resize_terminal(*((80, 24) if in_footer else (120, 40)))
        await settle(app, pilot)
        footer = {(key.key, key.description) for key in reading(app).query(FooterKey)}
        assert (("t", "Translate") in footer) is not in_footer


async def test_machine_translation_under_the_sentence_then_from_the_cache(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    calls: list[str] = []
    config = Config(native_lang="ko", translate_engine="google")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake_google(rsps, calls)
        app = make_app(db_path, target=seed_id, config=config)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert f"machine translation (google)  {TITLE_KO}" in shown(app)
            assert TITLE in calls
            # the word under the cursor is translated too, labelled, in its entry
            detail = str(reading(app).query_one("#detail", Static).render())
            assert "machine translation" in detail and "주간" in detail
        assert calls.count(TITLE) == 1
        second = make_app(db_path, target=seed_id, config=config)
        async with second.run_test(size=SIZE) as pilot:
            await settle(second, pilot)
            assert TITLE_KO in shown(second)
        assert calls.count(TITLE) == 1  # the second visit read it from the cache


async def test_machine_translation_never_covers_the_learners_own(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    calls: list[str] = []
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake_google(rsps, calls)
        app = make_app(db_path, target=seed_id, config=Config(native_lang="ko"))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert TITLE_KO in shown(app)
            await pilot.press("t")
            # the machine's translation is offered as a hint, not written in for the learner
            field = app.screen.query_one("#prompt-input", Input)
            assert field.value == "" and field.placeholder == TITLE_KO
            field.value = "내 번역"
            await pilot.press("enter")
            await settle(app, pilot)
            assert "your translation" in shown(app) and "내 번역" in shown(app)
            assert TITLE_KO not in shown(app)


async def test_offline_is_said_once_and_reading_goes_on(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    notes: list[str] = []
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.GET, GOOGLE_URL, body=requests.exceptions.ConnectionError("no route"))
        app = make_app(db_path, target=seed_id, config=Config(native_lang="ko"))
        original = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            notes.append(message)
            original(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tried = len(rsps.calls)  # the sentence and a first word, asked at once
            assert 1 <= tried <= 2
            await pilot.press("down", "down", "right")
            await settle(app, pilot)
            screen = reading(app)
            assert screen.session is not None and screen.session.index == 2
            assert not screen.query_one("#translation", Static).display
            assert len(rsps.calls) == tried  # once known offline, no more waiting on the network
    offline = [n for n in notes if "Machine translation is unavailable" in n]
    assert len(offline) == 1, notes


async def test_first_run_asks_the_language_once(db_path: Path, home: Path) -> None:
    from textual.widgets import OptionList

    from reader.config import load_config
    from reader.ui.screens.language import LanguageScreen

    app = make_app(db_path, ask_language=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LanguageScreen)
        options = app.screen.query_one("#languages", OptionList)
        korean = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "ko"
        )
        options.highlighted = korean
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, LanguageScreen)
        assert app.config.native_lang == "ko"
        app.writer.flush(timeout=5)
    load_config.cache_clear()
    assert load_config().native_lang == "ko"
    again = make_app(db_path, ask_language=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot)
        assert not isinstance(again.screen, LanguageScreen)


async def test_first_run_question_can_be_skipped_and_is_not_asked_again(
    db_path: Path, home: Path
) -> None:
    from reader.config import load_config
    from reader.ui.screens.language import LanguageScreen

    app = make_app(db_path, ask_language=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LanguageScreen)
        await pilot.press("s")
        await settle(app, pilot)
        assert not isinstance(app.screen, LanguageScreen)
        app.writer.flush(timeout=5)
    load_config.cache_clear()
    assert load_config().native_lang == ""
    row = (
        open_db(db_path)
        .execute("SELECT answer FROM questions_asked WHERE name = 'native_lang'")
        .fetchone()
    )
    assert row == (None,)
    again = make_app(db_path, ask_language=True)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert not isinstance(again.screen, LanguageScreen)


async def test_first_run_question_comes_over_the_new_text(
    db_path: Path, home: Path, mini_wordnet: Path
) -> None:
    """Issue 22, item 7: asked over the screen the command opens (the seed), not over an
    empty library; answered, the text is simply there, glossed in the learner's language."""
    from _paths import SEED

    from reader.text.load import load_path
    from reader.ui.screens.language import LanguageScreen
    from reader.ui.screens.reading import ReadingScreen

    app = make_app(db_path, target=load_path(str(SEED)), ask_language=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):
            await settle(app, pilot)
            if isinstance(app.screen, LanguageScreen):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, LanguageScreen)
        assert isinstance(app.screen_stack[-2], ReadingScreen)  # over the text, not the library
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.session is not None
