"""``fieldapp submit``: one interview's answers, a JSON file, stored after the form checks them.

Everything is checked before the database is opened: a refused submission does not even
create it. Answers are listed as the app lists them (interviewer and city from the answers'
own questions, the actor from the form) unless given.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.core.messages import FieldappError
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.store import RevisionId, Store, SubmissionId, check_submission


@dataclass(frozen=True)
class Submitted:
    submission_id: SubmissionId
    revision_id: RevisionId
    state: str
    form_sha256: str


def submit_answers_file(
    db_path: Path,
    form_path: Path,
    answers_path: Path,
    unlock_drafts: Callable[[Store], None],
    *,
    finalize: bool = False,
    interviewer: str = "",
    city: str = "",
    actor_type: str = "",
) -> Submitted:
    """Store the answers in ``answers_path`` as a new interview of the form at ``form_path``.

    ``unlock_drafts(store)`` opens the drafts passphrase when the form seals its interviews
    (the caller asks it as it can: a prompt, an environment variable).
    """
    from fieldapp.core.demo import actor_of
    from fieldapp.core.form_add import add_form_file, startable_forms
    from fieldapp.core.forms.loader import load_form

    answers = read_answers(answers_path)
    by_name = form_file(form_path)
    checked = load_form(by_name)
    check_submission(checked, answers, finalize=finalize, source=str(answers_path))
    with Store.open(db_path) as store:
        startable = startable_forms(store)
        held = next((r for r in startable if r.form_id == checked.form_id), None)
        if by_name != form_path and held is not None:
            # A study form by its name is the version this database starts interviews on
            # (the sealed one once the study sealed it), not the copy fieldapp ships.
            sha256 = held.sha256
            checked = store.forms.load(sha256)
            check_submission(checked, answers, finalize=finalize, source=str(answers_path))
        else:
            # A file: held to the rules of adding a form by hand (never without its key).
            sha256 = add_form_file(store, by_name).record.sha256
            startable = startable_forms(store)
            if sha256 not in {r.sha256 for r in startable}:
                newest = next(r for r in startable if r.form_id == checked.form_id)
                raise FieldappError(
                    "formdesk.clear_retired",
                    file=str(by_name),
                    form_id=checked.form_id,
                    version=checked.version or "-",
                    newest=newest.version or "-",
                )
        if checked.public_key:  # a sealed form: its draft is encrypted
            unlock_drafts(store)
        submission_id, revision_id = store.interviews.submit(
            sha256,
            answers,
            finalize=finalize,
            interviewer=interviewer or _answer_text(answers, "interviewer"),
            city=city or _answer_text(answers, "city"),
            actor_type=actor_type or actor_of(checked),
            source=str(answers_path),
        )
    state = "finalized" if finalize else "draft"
    return Submitted(submission_id, revision_id, state, sha256)


def form_file(named: Path) -> Path:
    """Return the XLSForm ``named`` names: a file, else the study form of that actor type
    or form id (``cso``, ``mx_border_cso``), as the researcher calls the forms.

    A name that is neither is refused with the study's forms listed.
    """
    if named.exists() or named.suffix:
        return named  # a file, or meant as one (``forms/cso.xlsx``): the loader says why not
    from fieldapp.core.forms.loader import load_form
    from fieldapp.core.study import study_forms

    try:
        forms = [
            (form.actor_type, load_form(form.path).form_id, form.path) for form in study_forms()
        ]
    except FieldappError:
        return named  # no study forms here (FIELDAPP_FORMS elsewhere): only files then
    for actor_type, form_id, path in forms:
        if str(named) in (actor_type, form_id):
            return path
    listed = ", ".join(f"{actor_type} ({form_id})" for actor_type, form_id, _ in forms)
    raise FieldappError("store.form_unknown", name=str(named), forms=listed)


def read_answers(path: Path) -> dict[str, Any]:
    """Return the answers a JSON file holds, or say what is wrong with the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad writes a BOM
    except OSError as error:
        raise FieldappError(
            "store.answers_unreadable", path=str(path), reason=os_reason(error)
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FieldappError("store.answers_unreadable", path=str(path), reason=str(error)) from None
    if not isinstance(data, dict):
        raise FieldappError("store.answers_not_object", path=str(path), found=type(data).__name__)
    try:  # JSON can spell a lone surrogate ("\\ud800"); no UTF-8 file or database holds it
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise FieldappError("store.answers_bad_text", path=str(path)) from None
    return data


def _answer_text(answers: dict[str, Any], name: str) -> str:
    value = answers.get(name)
    return value.strip() if isinstance(value, str) else ""
