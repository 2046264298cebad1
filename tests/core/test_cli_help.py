"""`fieldapp COMMAND --help`: every command says what it does, with examples; every option too."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from fieldapp.cli import build_parser, main


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    """Yield (words, parser, one-line summary) for every command and action, nested too."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        summaries = {choice.dest: choice.help for choice in action._choices_actions}
        for name, child in action.choices.items():
            yield (*path, name), child, summaries.get(name)
            yield from commands(child, (*path, name))


ALL = list(commands(build_parser()))


def test_every_command_is_found() -> None:
    found = {" ".join(words) for words, _, _ in ALL}
    assert {"gui", "forms check", "keys new", "submit", "demo", "export", "merge"} <= found
    assert {"package", "status"} <= found


def spanish_commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    """Every command as `fieldapp --help` shows it in a Spanish terminal."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv("FIELDAPP_LANG", "es")
        return list(commands(build_parser()))


ES = spanish_commands()
BOTH = [(*c, "en") for c in ALL] + [(*c, "es") for c in ES]


@pytest.mark.parametrize(
    ("words", "parser", "summary", "language"),
    BOTH,
    ids=[f"{' '.join(c[0])}-{c[3]}" for c in BOTH],
)
def test_every_command_describes_itself_with_examples(
    words: tuple[str, ...], parser: argparse.ArgumentParser, summary: str | None, language: str
) -> None:
    name = " ".join(words)
    assert summary and len(summary) > 15, f"`fieldapp {name}` has no summary in the list"
    assert parser.description and len(parser.description) > 40, f"`{name}` has no description"
    assert parser.epilog and f"fieldapp {words[0]}" in parser.epilog, f"`{name}`: no example"
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        option = "/".join(action.option_strings) or action.dest
        assert action.help and len(action.help) > 5, f"`fieldapp {name} {option}` has no help"


def test_help_lists_the_valid_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["status", "--help"])
    assert ended.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "juarez, monterrey, nuevo_laredo, tijuana" in shown
    assert "cso, gov, security, informant" in shown
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "draft, finalized, approved, returned" in shown
    assert "OUT.dta" in shown and "fieldapp export --db supervisor.db -o study.dta" in shown


def test_a_docstring_splits_into_summary_description_and_examples() -> None:
    from fieldapp.cli import _described

    def handler() -> None:
        """do one thing, said on
        two lines

        What it does, in a paragraph
        that wraps; then a table:
          .a  first
              more of the first
        After the table.

        Examples:
          fieldapp x --one
          fieldapp x --two a long
            example
        """

    assert handler.__doc__ is not None
    summary, description, examples = _described(handler.__doc__)
    assert summary == "do one thing, said on two lines"
    assert description == (
        "What it does, in a paragraph that wraps; then a table:\n"
        "  .a  first\n"
        "      more of the first\n"
        "After the table."
    )
    assert examples == ["fieldapp x --one", "fieldapp x --two a long example"]


def test_export_help_says_what_the_smallest_group_holds_and_what_goes_first() -> None:
    """The state and the review decision joined the group, and interviews no coarsening
    could hide are left out before any date is coarsened (``export.groups``), as the about
    sheet and the dialog say; `--help` named form, city, interviewer and dates, and left
    interviews out last."""
    export = next(parser for words, parser, _ in ALL if words == ("export",))
    helps = {o: a.help or "" for a in export._actions for o in a.option_strings}
    said = " ".join(helps["--min-group"].split())
    for word in ("form", "city", "interviewer", "dates", "state", "review decision"):
        assert word in said, word
    assert said.index("left out first") < said.index("week")
    deidentify = " ".join(helps["--deidentify"].split())
    assert deidentify.index("interviews no coarsening") < deidentify.index("exact dates")


def _flat(said: str) -> str:
    return " ".join(said.split())


def _sentences(said: str | None) -> list[str]:
    """The sentences of an English help text (its commands' lines left out: examples read
    alike in both languages, as do the commands quoted in the prose), each long enough to be
    a sentence of its own."""
    prose = " ".join(line for line in (said or "").split("\n") if "fieldapp " not in line[:12])
    parts = re.split(r"(?<=[.;:)])\s+|\s+\(|,\s|`[^`]*`", _flat(prose))
    return [part for part in parts if len(part) > 24 and len(part.split()) > 3]


def _english_of(parser: argparse.ArgumentParser) -> list[str]:
    said = [parser.description or "", parser.epilog or ""]
    said += [action.help or "" for action in parser._actions]
    return [sentence for text in said for sentence in _sentences(text)]


def test_the_help_in_a_spanish_terminal_says_no_english_sentence(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every message of a command follows the user's language; its `--help` was English
    whatever the terminal's: each summary, description, option and argparse's own words."""
    top_en = build_parser()
    english = {" ".join(words): parser for words, parser, _ in ALL}
    summaries = {" ".join(words): summary for words, _, summary in ALL}
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    for words, parser, summary in ES:
        name = " ".join(words)
        assert summary != summaries[name], name
        assert parser.description != english[name].description, name
        options = {a.dest: a.help for a in english[name]._actions}
        for action in parser._actions:
            if action.help and not isinstance(action, argparse._SubParsersAction):
                assert action.help != options[action.dest], f"{name} {action.dest}"
        with pytest.raises(SystemExit):
            main([*words, "--help"])
        shown = _flat(capsys.readouterr().out)
        assert shown.startswith("uso: fieldapp"), name
        for sentence in [*_english_of(english[name]), "show this help message and exit"]:
            assert sentence not in shown, f"{name}: {sentence!r}"
        for words_of_argparse in ("usage:", "positional arguments", "options:", "examples:"):
            assert words_of_argparse not in shown, f"{name}: {words_of_argparse}"
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = _flat(capsys.readouterr().out)
    for sentence in _english_of(top_en) + [_flat(s or "") for s in summaries.values()]:
        assert sentence not in shown, sentence
    assert "mostrar este mensaje de ayuda y salir" in shown


def test_the_catalogue_says_in_english_what_the_code_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The handlers' docstrings and the options' help= are the English the code's reader
    sees; the catalogue's English is what a user sees: editing one alone fails here."""
    import fieldapp.cli as cli
    from fieldapp.core.messages import CATALOG

    said: list[tuple[str, str]] = []

    def recorded(code: str, english: str) -> str:
        said.append((code, english))
        return english

    monkeypatch.setattr(cli, "_said", recorded)
    build_parser()
    assert len(said) > 150
    for code, english in said:
        assert CATALOG[code]["en"] == english, code
    codes = {code for code, _ in said}
    unused = {code for code in CATALOG if code.startswith("clihelp.")} - codes
    assert unused == {"clihelp.usage"}  # said as argparse formats the help
    assert CATALOG["clihelp.usage"]["en"] == "usage:"
