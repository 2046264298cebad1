"""The command line's usage errors in the user's language, each with what to do.

argparse says its errors in English through gettext (``argparse._`` and
``argparse.ngettext``, bound when it is imported), whose Spanish catalogue is rarely
installed and would follow ``LANG``, not ``FIELDAPP_LANG``. ``UsageParser`` looks each of
those texts up in fieldapp's catalogue (``cli.args.*``) while it reads a command line, and
only then: ``argparse_words`` puts argparse's two functions back when the parse ends. It
also says an unknown command or choice with the nearest one, the arguments it does not
know in the command that got them, and after every error the ``--help`` that shows how.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from fieldapp.core.messages import text

ARGPARSE_SAYS: dict[str, tuple[str, str | tuple[str, ...]]] = {
    "argument %(argument_name)s: %(message)s": (
        "cli.args.argument",
        ("argument_name", "message"),
    ),
    "unrecognized arguments: %s": ("cli.args.unrecognized", "arguments"),
    "the following arguments are required: %s": ("cli.args.required", "arguments"),
    "one of the arguments %s is required": ("cli.args.one_required", "arguments"),
    "not allowed with argument %s": ("cli.args.not_allowed_with", "other"),
    "expected one argument": ("cli.args.expected_one", ()),
    "expected at most one argument": ("cli.args.expected_at_most_one", ()),
    "expected at least one argument": ("cli.args.expected_at_least_one", ()),
    "expected %s argument": ("cli.args.expected_count", ()),  # and its plural, counted
    "ambiguous option: %(option)s could match %(matches)s": (
        "cli.args.ambiguous",
        ("option", "matches"),
    ),
    "ignored explicit argument %r": ("cli.args.explicit_ignored", "value"),
    "unexpected option string: %s": ("cli.args.unexpected_option", "option"),
    "invalid %(type)s value: %(value)r": ("cli.args.invalid_type", ("type", "value")),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "cli.args.invalid_choice",
        ("value", "choices"),
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "cli.args.invalid_choice_nearest",
        ("value", "closest", "choices"),
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "cli.args.unknown_parser",
        ("parser_name", "choices"),
    ),
    "can't open '%(filename)s': %(error)s": ("cli.args.cannot_open", ("filename", "error")),
    "%(prog)s: error: %(message)s\n": ("cli.args.error", ("prog", "message")),
    "%(prog)s: warning: %(message)s\n": ("cli.args.warning", ("prog", "message")),
    "option '%(option)s' is deprecated": ("cli.args.option_deprecated", ("option",)),
    "argument '%(argument_name)s' is deprecated": (
        "cli.args.argument_deprecated",
        ("argument_name",),
    ),
    "command '%(parser_name)s' is deprecated": ("cli.args.command_deprecated", ("parser_name",)),
}
"""argparse's English text (its gettext message id) -> the catalogue's code, and the names
of its parameters: one name for a text of one ``%s`` (or ``%r``), a tuple for named ones.
The words of ``--help`` are set on the parser itself (``cli._localise``, ``cli._HelpWords``);
``tests/core/test_cli_errors.py`` holds this table to the installed argparse's texts."""


def _said(message: str) -> str:
    """Return argparse's ``message`` in the user's language, its placeholders kept."""
    found = ARGPARSE_SAYS.get(message)
    if found is None:
        return message
    code, names = found
    if isinstance(names, str):
        said = text(code, **{names: "%s"})
    else:
        said = text(code, **{name: f"%({name})s" for name in names})
    return said + "\n" if message.endswith("\n") else said


def _said_of_count(singular: str, plural: str, count: int) -> str:
    """Return argparse's ``singular``/``plural`` message for ``count`` in the user's language."""
    found = ARGPARSE_SAYS.get(singular)
    if found is None:
        return singular if count == 1 else plural
    # The catalogue's text says the count itself; argparse still fills one in (`% nargs`),
    # which "%.0s" takes and shows as nothing.
    return text(found[0], count=count) + "%.0s"


@contextlib.contextmanager
def argparse_words() -> Iterator[None]:
    """Have argparse say its texts from fieldapp's catalogue until the block ends.

    A module's attribute for the length of a parse: fieldapp reads its command line before
    it starts any other thread, and a parser built elsewhere speaks argparse's English
    again once the block ends (``tests/core/test_cli_errors.py``)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _said  # type: ignore[attr-defined]
    argparse.ngettext = _said_of_count  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


_READ_BY = "_fieldapp_read_by"
"""The namespace's note of the command whose parser read the line last (the deepest):
the arguments nobody took are said in it, not in ``fieldapp``'s."""


class UsageParser(argparse.ArgumentParser):
    """An ArgumentParser that says its errors in the user's language, with what to do."""

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        where: UsageParser = vars(parsed).pop(_READ_BY, self)
        if extras:
            where.error(where._unrecognized(extras))
        return parsed

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with argparse_words():
            parsed, extras = super().parse_known_args(args, namespace)
        if not hasattr(parsed, _READ_BY):
            setattr(parsed, _READ_BY, self)
        return parsed, extras

    def _unrecognized(self, extras: list[str]) -> str:
        arguments = " ".join(extras)
        options = [option for option in self._option_string_actions if option.startswith("--")]
        nearest = difflib.get_close_matches(extras[0], options, 1) if len(extras) == 1 else []
        if nearest and extras[0].startswith("--"):
            return text("cli.args.unrecognized_nearest", arguments=arguments, nearest=nearest[0])
        return text("cli.args.unrecognized", arguments=arguments)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """Refuse a value not among ``action``'s choices, naming the nearest one: argparse
        lists every command, quoted, and suggests none before Python 3.14."""
        choices = list(action.choices or ())
        if (
            not choices
            or value in choices
            or not isinstance(value, str)
            or not all(isinstance(choice, str) for choice in choices)
        ):
            super()._check_value(action, value)
            return
        nearest = difflib.get_close_matches(value, choices, 1)
        said = {"value": value, "choices": ", ".join(choices), "prog": self.prog}
        if isinstance(action, argparse._SubParsersAction):
            kind = "not_a_command" if " " not in self.prog else "not_an_action"
            code = f"cli.args.{kind}_nearest" if nearest else f"cli.args.{kind}"
            raise argparse.ArgumentError(None, text(code, nearest="".join(nearest[:1]), **said))
        code = "cli.args.not_a_choice_nearest" if nearest else "cli.args.not_a_choice"
        raise argparse.ArgumentError(action, text(code, nearest="".join(nearest[:1]), **said))

    def error(self, message: str) -> NoReturn:
        """Say ``message`` once on stderr under the command's usage, then where its
        ``--help`` is, and exit 2 (argparse's convention for bad usage)."""
        if " " not in self.prog:
            see = text("cli.args.see_fieldapp_help")
        elif self._subparsers is not None:
            see = text("cli.args.see_group_help", prog=self.prog)
        else:
            see = text("cli.args.see_command_help", prog=self.prog)
        self.print_usage(sys.stderr)
        self.exit(2, f"{text('cli.args.error', prog=self.prog, message=message)}\n{see}\n")


def whole_number(given: str) -> int:
    """Read a count (``--interviews 20``); anything else is a usage error in the user's words."""
    try:
        return int(given)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.args.not_a_number", value=given)) from None
