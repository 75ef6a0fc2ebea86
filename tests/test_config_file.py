"""config.toml as the learner wrote it: comments and unknown keys kept, a broken file reported."""

from __future__ import annotations

from pathlib import Path

from _paths import SEED
from _pilot import SIZE, settle
from click.testing import CliRunner

from reader.cli import main
from reader.config import load_config
from reader.ui.app import make_app

WRITTEN = """# My settings for Sentences
lang = "en"  # I read English

# fewer glosses, please
gloss_rarer_than = 2000
speech_voice = "en-gb"
future_setting = true   # a key this version does not know

[my_notes]
started = 2026-01-05
"""


def sentences(*args: str) -> tuple[int, str, str]:
    load_config.cache_clear()
    result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_config_set_keeps_comments_and_unknown_keys(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    code, out, _ = sentences("config", "set", "gloss_rarer_than", "3000")
    assert code == 0 and "3000" in out
    assert path.read_text(encoding="utf-8") == WRITTEN.replace(
        "gloss_rarer_than = 2000", "gloss_rarer_than = 3000"
    )  # on main as found: every comment, future_setting and [my_notes] were gone
    code, _, _ = sentences("config", "set", "speech_engine", "espeak")
    text = path.read_text(encoding="utf-8")
    assert code == 0 and 'speech_engine = "espeak"' in text
    assert "# a key this version does not know" in text and "[my_notes]" in text
    assert load_config().speech_voice == "en-gb" and load_config().gloss_rarer_than == 3000


def test_a_value_this_version_ignores_is_not_overwritten(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text('gloss_rarer_than = "lots"\n', encoding="utf-8")
    code, _, _ = sentences("config", "set", "speech_engine", "espeak")
    assert code == 0
    assert path.read_text(encoding="utf-8") == (
        'gloss_rarer_than = "lots"\nspeech_engine = "espeak"\n'
    )
    code, out, err = sentences("config")  # the ignored value is reported, not silently dropped
    assert code == 0 and "gloss_rarer_than = 0" in out and "'lots'" in err


def test_a_malformed_file_is_one_line_with_its_line_number(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    broken = 'lang = "en"\ngloss_rarer_than 3000\n'
    path.write_text(broken, encoding="utf-8")
    code, out, err = sentences("import", str(SEED))
    assert code == 0 and out.strip() == "1"  # the defaults are used, the work is done
    (line,) = err.strip().splitlines()
    assert f"{path} line 2" in line and "default settings" in line
    code, _, err = sentences("config", "set", "lang", "de")
    assert code == 1 and err.count("\n") == 1
    assert "line 2" in err and "nothing was changed" in err
    assert path.read_text(encoding="utf-8") == broken


async def test_the_reader_starts_with_defaults_and_says_where(
    db_path: Path, home: Path, mini_wordnet: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("context_sentences = [\n", encoding="utf-8")
    load_config.cache_clear()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        warnings = [n.message for n in app._notifications if "config.toml" in n.message]
        assert len(warnings) == 1 and "line 1" in warnings[0] and "\n" not in warnings[0]
        assert app.config.context_sentences == 2
