"""A command line typed wrong: argparse's own errors in the user's language, each with the
`--help` that shows how, exit code 2 and nothing else on stderr (no traceback)."""

from __future__ import annotations

import argparse
import ast
import gettext
import re
from pathlib import Path

import pytest

from fieldapp.cli import build_parser, main
from fieldapp.cli_usage import ARGPARSE_SAYS
from fieldapp.core.messages import CATALOG

BAD = [
    # unrecognized arguments, said in the command that got them
    ("export", "-o", "x.xlsx", "--bogus"),
    ("forms", "list", "extra"),
    ("--bogus",),  # no command: the desktop app's, `gui`
    ("export", "-o", "x.xlsx", "--labls"),  # with the nearest option
    # the following arguments are required
    ("export", "--db", "x.db"),
    ("forms", "check"),
    ("devices", "revoke", "5f0c"),
    ("forms",),
    # invalid choice: a command, an action, an option's value
    ("exprot",),
    ("nothing",),
    ("help", "exprot"),
    ("forms", "chek"),
    ("review", "aprove"),
    ("export", "-o", "x.xlsx", "--times", "dat"),
    ("review", "list", "--state", "draft"),
    # expected one argument, expected N arguments
    ("export", "-o"),
    ("merge", "--into"),
    ("status", "--target", "tijuana", "cso"),
    ("status", "--clear-target", "tijuana"),
    # invalid value of a type: argparse's int, and our own callables
    ("demo", "--interviews", "many"),
    ("export", "-o", "x.xlsx", "--min-group", "five"),
    ("review", "return", "3f2a9c1e", "--question", "no-equals-sign"),
    # ambiguous option
    ("export", "-o", "x.xlsx", "--f", "x"),
    ("central", "forms", "--d", "x"),
    # ignored explicit argument
    ("export", "-o", "x.xlsx", "--labels=yes"),
    ("check", "--json=1"),
    # fieldapp's own usage error, said through the same parser
    ("devices", "revoke", "5f0c", "--reason", "lost"),
]
"""One or more bad command lines of each kind of error argparse says that a fieldapp
command can meet. ``not allowed with argument`` and ``one of the arguments … is required``
need a mutually exclusive group, ``expected at most/least one argument`` an option of
``nargs='?'`` or ``'+'``: fieldapp has none (their texts are in the catalogue all the same)."""

ENGLISH_SAID = [
    "unrecognized arguments: --bogus",
    "unrecognized arguments: extra",
    "unrecognized arguments: --bogus",
    "unrecognized arguments: --labls; did you mean --labels?",
    "the following arguments are required: -o/--output",
    "the following arguments are required: FILE",
    "the following arguments are required: --reason",
    "the following arguments are required: ACTION",
    "'exprot' is not a command of fieldapp; did you mean export?",
    "'nothing' is not a command of fieldapp: the commands are gui, forms, keys",
    "'exprot' is not a command of fieldapp; did you mean export?",
    "'chek' is not an action of fieldapp forms; did you mean check?",
    "'aprove' is not an action of fieldapp review; did you mean approve?",
    "argument --times: 'dat' is not one of date, hour; did you mean date?",
    "argument --state: 'draft' is not one of finalized, approved",
    "argument -o/--output: expected one argument",
    "argument --into: expected one argument",
    "argument --target: expected 3 arguments",
    "argument --clear-target: expected 2 arguments",
    "argument --interviews: 'many' is not a whole number",
    "argument --min-group: 'five' is not a whole number",
    "argument --question: 'no-equals-sign' is not KEY=TEXT",
    "ambiguous option: --f could match --form, --folder, --from",
    "ambiguous option: --d could match --db, --download",
    "argument --labels: ignored explicit argument 'yes'",
    "argument --json: ignored explicit argument '1'",
    "needs --author NAME",
]


def _said(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    """Run ``fieldapp ARGV``: it must stop at the command line (exit 2, stdout empty)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        main(list(argv))
    assert ended.value.code == 2, argv
    out, err = capsys.readouterr()
    assert out == "", argv
    return err


def _texts_of_argparse() -> set[str]:
    """Every text the installed argparse passes to gettext (``_()``, ``ngettext()``)."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    texts: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id in ("_", "ngettext"):
            texts.update(
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return texts


HELP_WORDS = {
    "usage: ",
    "positional arguments",
    "options",
    "show this help message and exit",
    "show program's version number and exit",
    "%(heading)s:",  # 3.14: a section's title and its colon, alike in Spanish
}
"""argparse's words of `--help`, said by ``cli._localise`` and ``cli._HelpWords``."""

NEVER_SHOWN = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    'argument "-" with mode %r',
    "subcommands",
    " (default: %(default)s)",
    "expected %s arguments",  # the plural of "expected %s argument", said with it
}
"""Texts no fieldapp user meets: a mistake in building a parser (raised while fieldapp
starts, in every test), a FileType of ``-`` (fieldapp has none), a title fieldapp does not
ask for (``subcommands``) or a formatter it does not use."""


def _words(said: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-z][A-Za-z']*", said)}


SHOWN = (_texts_of_argparse() - NEVER_SHOWN) | {"expected %s arguments"}
"""argparse's texts a user can meet, on the installed Python."""

ARGPARSE_WORDS = set().union(*(_words(re.sub(r"%\(\w+\)[sr]|%[sr]", " ", t)) for t in SHOWN)) - {
    "error"  # Spanish too
}
"""Each English word of argparse's texts a user can meet (``unrecognized``, ``required``,
``choose``, ``expected``, ``usage``...)."""


def _without_what_was_typed(said: str, argv: tuple[str, ...]) -> str:
    """``said`` without what the user typed and the names typed as they are: options,
    commands and the choices of an option (``{date,hour}``)."""
    parser = build_parser()
    typed = [*argv, *parser._option_string_actions]
    names: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            names += list(action.choices)
            for child in action.choices.values():
                for inner in child._actions:
                    if isinstance(inner, argparse._SubParsersAction):
                        names += list(inner.choices)
    said = re.sub(r"--?[\w-]+|\{[^}]*\}|«[^»]*»", " ", said)
    for word in sorted({*typed, *names}, key=len, reverse=True):
        said = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", " ", said)
    return said


def test_every_bad_command_line_has_its_english_said() -> None:
    assert len(BAD) == len(ENGLISH_SAID)


@pytest.mark.parametrize(("argv", "english"), list(zip(BAD, ENGLISH_SAID, strict=True)))
def test_a_bad_command_line_is_said_in_english_in_an_english_terminal(
    argv: tuple[str, ...],
    english: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    said = _said(argv, capsys)
    assert said.startswith("usage: fieldapp"), said
    assert english in " ".join(said.split()), said
    lines = said.rstrip("\n").split("\n")
    assert sum(": error: " in line for line in lines) == 1, said
    assert lines[-1].startswith("`fieldapp") and "--help` " in lines[-1], said
    assert "Traceback" not in said


@pytest.mark.parametrize("argv", BAD)
def test_a_bad_command_line_in_a_spanish_terminal_says_no_english_word(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """argparse said `usage:`, `error: unrecognized arguments`, `invalid choice: … (choose
    from …)`, `expected one argument`... in English whatever the terminal's language."""
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    said = _said(argv, capsys)
    shown = _without_what_was_typed(said, argv)
    english = sorted(_words(shown) & ARGPARSE_WORDS)
    assert english == [], f"{' '.join(argv)}: {english} in {said!r}"
    assert said.startswith("uso: fieldapp"), said
    lines = said.rstrip("\n").split("\n")
    assert sum(": error: " in line for line in lines) == 1, said
    assert lines[-1].startswith("`fieldapp") and "--help` " in lines[-1], said


def test_the_placeholders_are_in_spanish_where_the_spanish_help_is(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--key FILE`, `-o OUT`, `COMMAND ...` in the usage lines and the options' list of a
    Spanish `--help` and in its errors: now `--key ARCHIVO`, `-o SALIDA`, `COMANDO ...`."""
    english_only = {
        CATALOG[code]["en"]
        for code in CATALOG
        if code.startswith("clihelp.placeholder.") and CATALOG[code]["en"] != CATALOG[code]["es"]
    }
    assert {"FILE", "OUT", "COMMAND", "ACTION", "DATE", "CODE", "DB"} <= english_only
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    for argv in [(), ("export",), ("forms", "check"), ("status",), ("review", "return")]:
        with pytest.raises(SystemExit):
            main([*argv, "--help"])
        shown = capsys.readouterr().out
        found = {word for word in english_only if re.search(rf"(?<![\w.]){word}\b", shown)}
        assert found == set(), f"{' '.join(argv)} --help: {found}"
    said = _said(("export", "--db", "x.db"), capsys)
    assert "-o SALIDA" in said and "--key ARCHIVO" in said and "--from FECHA" in said
    assert "faltan estos argumentos obligatorios: ARCHIVO" in _said(("forms", "check"), capsys)


def test_every_text_argparse_can_show_a_user_is_in_the_catalogue() -> None:
    """A text a later Python's argparse says (3.14's `maybe you meant`) fails here, named,
    rather than reach a Spanish terminal in English."""
    texts = _texts_of_argparse()
    assert "unrecognized arguments: %s" in texts and "expected one argument" in texts
    unsaid = texts - set(ARGPARSE_SAYS) - HELP_WORDS - NEVER_SHOWN
    assert unsaid == set()
    for code, _ in ARGPARSE_SAYS.values():
        assert "%" not in CATALOG[code]["en"] + CATALOG[code]["es"], code


def test_argparse_speaks_its_own_english_again_once_the_command_line_is_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalogue stands in for argparse's gettext only while fieldapp reads its command
    line: another parser in the same process (a test runner's, a plugin's) is untouched."""
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    _said(("exprot",), capsys)
    _said(("demo", "--interviews", "many"), capsys)
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    other = argparse.ArgumentParser(prog="other", exit_on_error=False)
    other.add_argument("--n", type=int)
    with pytest.raises(argparse.ArgumentError, match="invalid int value"):
        other.parse_args(["--n", "x"])


@pytest.mark.parametrize("language", ["en", "es"])
def test_fieldapp_help_is_fieldapp_dash_dash_help(
    language: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fieldapp help` said `invalid choice: 'help'`; `fieldapp help export` likewise."""
    monkeypatch.setenv("FIELDAPP_LANG", language)
    for argv in [(), ("export",), ("forms", "seal")]:
        with pytest.raises(SystemExit) as ended:
            main([*argv, "--help"])
        assert ended.value.code == 0
        wanted = capsys.readouterr().out
        with pytest.raises(SystemExit) as ended:
            main(["help", *argv])
        assert ended.value.code == 0
        assert capsys.readouterr().out == wanted


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_version_is_said_alike_in_both_languages(
    language: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp import __version__

    monkeypatch.setenv("FIELDAPP_LANG", language)
    with pytest.raises(SystemExit) as ended:
        main(["--version"])
    assert ended.value.code == 0
    assert capsys.readouterr() == (f"fieldapp {__version__}\n", "")
