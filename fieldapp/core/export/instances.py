"""Write a database's interviews as OpenRosa instance XML files, one per interview.

Each interview's current state (its newest head) becomes ``OUT/<form id>/<submission
id>.xml``, the XML ODK Collect would submit for the same answers (see
``forms.instance_xml``): a supervisor can hand them to ODK Central or any OpenRosa
tool. A sealed interview is written only when the study key is given; without it, it
is counted as skipped, never written in part.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core import leftovers
from fieldapp.core.export.from_store import open_to_export
from fieldapp.core.file_names import MAX_STEM_BYTES, safe_stem, unique_stem
from fieldapp.core.forms.instance_xml import instance_xml
from fieldapp.core.messages import FieldappError
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.row_bounds import is_made_id
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import instance_id_of
from fieldapp.core.store.records import InterviewFilter, SubmissionId

_PAGE = 500
_THE_WHOLE_DATABASE = frozenset({"store.corrupt", "store.locked", "store.write_failed"})
"""Failures of the database itself (``database.translate``): they stop the writing."""


@dataclass
class InstancesResult:
    """What ``write_instances`` wrote and what it could not read."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    folders: dict[str, str] = field(default_factory=dict)
    """Form id -> the name of its folder (``_folder_of``)."""
    taken: set[str] = field(default_factory=set)
    """The ``name_key`` of each folder name given."""
    skipped: list[str] = field(default_factory=list)
    """Why each interview left out was left out (sealed without the key...)."""


def write_instances(
    db: Path, out: Path, *, form_ids: tuple[str, ...] = (), study_key: Any = None
) -> InstancesResult:
    """Write every interview of ``db`` (of ``form_ids`` when given) below folder ``out``."""
    result = InstancesResult(Path(out))
    with open_to_export(Path(db)) as store:
        if study_key is not None:
            store.keys.unlock(study_key)
        known = {record.form_id for record in store.forms.records()}
        for form_id in sorted(known):  # in id order: the names do not hang on the rows'
            # what a run killed mid-write left there (a sealed interview in clear, with
            # --key), swept as every partial file is, before anything is written
            leftovers.sweep(result.folder / _folder_of(form_id, result))
        for form_id in form_ids:
            if form_id not in known:
                available = ", ".join(sorted(known)) or "—"
                raise FieldappError("export.unknown_form", form=form_id, available=available)
        wanted: tuple[str | None, ...] = form_ids or (None,)
        for one_form in wanted:
            offset = 0
            while True:
                rows = store.interviews.page(
                    InterviewFilter(form_id=one_form), sort="created_at", limit=_PAGE, offset=offset
                )
                for row in rows:
                    _write_one(store, row.submission_id, result)
                if len(rows) < _PAGE:
                    break
                offset += _PAGE
    return result


def _write_one(store: Store, submission_id: SubmissionId, result: InstancesResult) -> None:
    try:
        head = store.interviews.heads(submission_id)[0]
        if head.answers is None:
            raise FieldappError("store.sealed", submission=submission_id)
        form = store.forms.of(submission_id)
        xml = instance_xml(form, head.answers, instance_id=instance_id_of(submission_id))
    except FieldappError as error:
        if error.message.code in _THE_WHOLE_DATABASE:
            raise  # not this interview's: every other one would say the same
        result.skipped.append(error.text())
        return
    folder = result.folder / _folder_of(form.form_id, result)
    stem = _file_stem(submission_id)
    target = folder / f"{stem}.xml"
    partial: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = leftovers.partial_path(target)  # 0600, named for the next run's sweep
        partial.write_bytes(xml)
        os.replace(partial, target)  # never a half-written file under the final name
        leftovers.release(partial)
    except OSError as error:
        with contextlib.suppress(OSError):  # no folder, or a disk that refuses even this
            if partial is not None:
                leftovers.discard(partial)
        raise FieldappError(
            "export.instances_unwritable",
            folder=str(result.folder),
            error=os_reason(error),
            count=len(result.written),
        ) from None
    with contextlib.suppress(OSError):  # the name earlier builds wrote to, no sweep's
        (folder / f".{stem}.xml.partial").unlink(missing_ok=True)
    result.written.append(target)


def _file_stem(submission_id: str) -> str:
    """An interview's file name: its id, or for an id fieldapp would not make, a safe one.

    Merge refuses such ids (``rows.bad_id``), but a database an older fieldapp merged, or
    one edited by hand, may still hold ``../../x`` or ``CON``: cleaned and told apart by a
    digest, it cannot name a file outside its folder nor replace another interview's.
    """
    if is_made_id(submission_id):
        return submission_id
    return safe_stem(submission_id, fallback="interview", force_digest=True)


def _folder_of(form_id: str, result: InstancesResult) -> str:
    """A form's folder: its id, or made safe (``file_names.safe_stem``) and unique.

    A form's id is the form author's: ``CON``, a right-to-left override or 300
    characters made a folder Windows refuses, one shown as another name, or none at all
    (the whole run failed). ``Forms`` beside ``forms`` is one folder on Windows and
    macOS: the first named keeps its name, the second gets a digest.
    """
    name = result.folders.get(form_id)
    if name is None:
        name = result.folders[form_id] = unique_stem(
            form_id, result.taken, limit=MAX_STEM_BYTES, fallback="form"
        )
    return name
