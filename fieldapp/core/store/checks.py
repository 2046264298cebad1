"""Checking a set of answers against its form before the store keeps it, and saying why not."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fieldapp.core.messages import FieldappError

if TYPE_CHECKING:
    from fieldapp.core.forms.checking import Problem
    from fieldapp.core.forms.model import Answers, Form


def format_problems(problems: Sequence[Problem]) -> str:
    """Return one ``question: message`` line per problem, for messages and the CLI."""
    from fieldapp.core.forms.model import show_ref

    lines = []
    for problem in problems:
        where = show_ref(problem.ref)
        # Some engine messages already begin with the question; don't say it twice.
        said = problem.message.startswith(f"{where}:")
        lines.append(problem.message if said else f"{where}: {problem.message}")
    return "\n".join(lines)


def check_submission(
    form: Form, answers: Answers, *, finalize: bool = False, source: str = ""
) -> None:
    """Raise ``store.answers_problems`` listing everything wrong with a set of answers.

    A draft may leave required questions unanswered; a finalized interview may not. The
    answers are checked as the new interview will hold them: defaults fill what they omit.
    """
    # The form engine is loaded when answers are first checked, not with the store.
    from fieldapp.core.forms.engine import Session, check_answers

    started = {**Session(form, dict(answers), new=True, complete=True).answers(), **answers}
    problems = [p for p in check_answers(form, started) if finalize or p.kind != "required"]
    if problems:
        raise FieldappError(
            "store.answers_problems",
            path=source or form.form_id,
            count=len(problems),
            problems=format_problems(problems),
            problem_list=problems,
        )
