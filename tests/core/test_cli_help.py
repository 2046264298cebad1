"""`fieldapp COMMAND --help`: every command says what it does, with examples; every option too."""

from __future__ import annotations

import argparse
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


@pytest.mark.parametrize(("words", "parser", "summary"), ALL, ids=[" ".join(c[0]) for c in ALL])
def test_every_command_describes_itself_with_examples(
    words: tuple[str, ...], parser: argparse.ArgumentParser, summary: str | None
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
