"""Adding a form version to a database by hand, and taking one out as its XLSForm.

A study revises its forms in the field: the supervisor fixes a choice list in Excel, or
brings a form made in KoboToolbox or ODK. ``add_form_file`` checks the file as ``fieldapp
forms check`` does, then holds it to the rules a merge holds every device to, so a form
added here is never one that every other database refuses:

- a new version of a known form keeps the study key it is sealed for: without a
  ``public_key`` its interviews would be kept in clear, and another key would seal them
  for someone else. Only the study's certified supervisor may change its key (a merge
  accepts that only from a version it published), nobody drops it, and before the study
  has a supervisor a form may be sealed (certifying the supervisor then publishes it);
- once the study has a certified supervisor, form versions come from her: a laptop
  that added one would have its packages refused everywhere;
- a version string names one form: the same ``version`` with other content is refused,
  as ODK Central refuses it, since new interviews are started on the newest ``version``
  and two different forms cannot both be it.

``Forms.stored`` returns the stored workbook and its choice files byte for byte, so a form
moves on to ODK or Kobo as it came.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.core import crypto
from fieldapp.core.file_names import is_plain, name_key, safe_stem, shown
from fieldapp.core.media import DATA_EXTENSIONS, IMAGE_EXTENSIONS, OPENER_EXTENSIONS, bytes_match
from fieldapp.core.messages import FieldappError, Message, text
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.quarantine import held_forms, quarantined
from fieldapp.core.store import sealing
from fieldapp.core.store.content import form_sha256
from fieldapp.core.store.records import FormRecord, version_key

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Form
    from fieldapp.core.store.interviews import Store


@dataclass(frozen=True)
class AddedForm:
    """What adding a form file did."""

    record: FormRecord
    new: bool
    """False when this very version (workbook and choice files) was held already."""
    sealed_for: str | None
    """The fingerprint of the study key its finalized interviews are sealed for."""
    used_for_new: bool
    """Whether New interview now starts this version (the newest ``version`` held)."""
    certify_next: bool
    """It newly seals a form before the study has a certified supervisor: other databases
    take it once this device is certified (which publishes it)."""


@dataclass(frozen=True)
class HeldForm:
    """One form version a database holds, as the Forms window lists it."""

    record: FormRecord
    sealed_for: str | None
    used_for_new: bool
    retired: bool = False
    """In clear while the form's newest version is sealed: no new interview starts on it."""


@dataclass(frozen=True)
class FormCopy:
    """What *Save a copy…* wrote, and which of the form's files it did not."""

    path: Path
    files: list[str]
    """The files written beside the copy, by name."""
    left_out: list[str]
    """The form's files not written: ones it never reads nor shows, ones of a kind no
    form reads or shows (``setup.exe`` attached as an image), and ones whose bytes are not
    the kind their name says (a program named ``logo.png``)."""


COPIED_EXTENSIONS = frozenset(
    IMAGE_EXTENSIONS  # image and big-image columns
    + OPENER_EXTENSIONS["audio"]
    + OPENER_EXTENSIONS["video"]
    + DATA_EXTENSIONS  # choice files, pulldata, external instances
)
"""The kinds of file *Save a copy…* writes beside a form: the media of ODK's ``image``,
``audio`` and ``video`` columns (what fieldapp's pickers and players take) and the data
files ``select_one_from_file``, ``pulldata`` and external instances read. A form can show
``setup.exe``, ``x.lnk`` or ``x.desktop`` as an image; written beside the workbook, one
double click runs it. A file of these kinds is written only when its bytes are of that
kind too (``media.bytes_match``)."""

_LEFT_OUT_SHOWN = 10
"""How many left-out names the copy's message spells out; more are counted."""


def add_form_file(store: Store, path: Path) -> AddedForm:
    """Check the XLSForm (or XForm) at ``path`` and add it to ``store``.

    Raises a ``FieldappError`` (a ``FormError`` listing every problem of a form that does
    not load) and adds nothing when the file breaks a rule (see the module's text).
    """
    from fieldapp.core.forms import choice_files, compiled
    from fieldapp.core.forms.loader import load_form

    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError:
        load_form(path)  # says what is wrong with the path (missing, a folder, unreadable)
        raise
    folder = path.parent

    def beside(name: str) -> bytes | None:
        return choice_files.read_beside(folder, name)

    form = compiled.load(content, path.name, str(path), beside, check_xform=True)
    return _add_loaded(store, path, form, content)


def _add_loaded(store: Store, path: Path, form: Form, content: bytes) -> AddedForm:
    """Add ``form`` (loaded from ``content``; ``path`` names it in messages) by the rules."""
    sha256 = form_sha256(content, dict(form.files))
    if ("forms", sha256) in quarantined(store.conn):
        raise FieldappError("formdesk.set_aside", file=str(path), form_id=form.form_id)
    held = {record.sha256: record for record in held_forms(store)}
    if sha256 in held:
        return AddedForm(held[sha256], False, _fingerprint(form), _is_newest(store, sha256), False)
    _refuse_same_version(path, form, held.values())
    certify_next = _refuse_authority(store, path, form)
    record = store.forms.add_loaded(form, content, path.name)
    newest = _is_newest(store, record.sha256)
    return AddedForm(record, True, _fingerprint(form), newest, certify_next)


@dataclass(frozen=True)
class Sealing:
    """What ``seal_forms`` did with one form: a sealed version added, or why not."""

    form_id: str
    added: AddedForm | None
    skipped: Message | None


def seal_forms(store: Store, public_key: str) -> list[Sealing]:
    """Add, for every form whose newest version is in clear, a version sealed for
    ``public_key``: its workbook with ``public_key`` in the settings sheet and a new
    ``version`` (above every one held), its choice files as they were.

    What ``fieldapp keys new`` asks a study to do by hand in each workbook. Forms already
    sealed, and XForms (only their author can re-publish those), are left as they are and
    said why. Interviews started before keep their version (in clear), even when
    finalized later.
    """
    from fieldapp.core.forms import compiled

    crypto.load_public_key(public_key)  # a clear message for a key that is not one
    wanted = crypto.public_key_fingerprint(public_key)
    done: list[Sealing] = []
    ready: list[tuple[int, Path, Form, bytes]] = []
    records = held_forms(store)
    newest: dict[str, FormRecord] = {}
    for record in records:
        newest.setdefault(record.form_id, record)
    for form_id, record in newest.items():
        held = store.forms.load(record.sha256)
        if held.public_key:
            fingerprint = crypto.public_key_fingerprint(held.public_key)
            code = "formdesk.already_sealed" if fingerprint == wanted else "formdesk.other_key"
            done.append(Sealing(form_id, None, Message(code, {"fingerprint": fingerprint})))
            continue
        filename, content, files = store.forms.stored(record.sha256)
        if Path(filename).suffix.lower() != ".xlsx":
            done.append(Sealing(form_id, None, Message("formdesk.not_a_workbook", {})))
            continue
        versions = [r.version for r in records if r.form_id == form_id]
        sealed = _with_settings(
            content,
            form_id=form_id,
            public_key=public_key,
            version=next_version(versions),
        )
        form = compiled.load(sealed, filename, filename, files.get, check_xform=True)
        ready.append((len(done), Path(filename), form, sealed))
        done.append(Sealing(form_id, None, None))
    # Read and checked above (pyxform: seconds, no lock held); added here all or none.
    with store.transaction():
        for position, path, form, sealed in ready:
            done[position] = Sealing(form.form_id, _add_loaded(store, path, form, sealed), None)
    return done


def read_public_key_file(path: Path) -> str:
    """Return the study's public key from the file ``fieldapp keys new`` wrote (or a PEM
    public key); a clear message for the private key, or a file that holds no key."""
    try:
        found = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise FieldappError(
            "crypto.cannot_read_key", path=str(path), reason=os_reason(error)
        ) from None
    if "PRIVATE KEY" in found:
        raise FieldappError("formdesk.private_key_given", path=str(path))
    key = found.strip()
    crypto.load_public_key(key)  # says what is wrong with it
    return key


def _with_settings(content: bytes, **settings: str) -> bytes:
    """Return the workbook ``content`` with ``settings`` set on its settings sheet (made
    when it has none; ``form_id`` is then written too, so the form keeps its id)."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    sheet = next((s for s in book.worksheets if s.title.strip().lower() == "settings"), None)
    if sheet is None:
        sheet = book.create_sheet("settings")
    headers = [
        str(cell.value).strip().lower() if cell.value is not None else "" for cell in sheet[1]
    ]
    while headers and not headers[-1]:
        headers.pop()  # a new sheet's one empty cell, or blank columns at the end
    for name, value in settings.items():
        if name == "form_id" and {"form_id", "id_string"} & set(headers):
            continue  # the sheet names the form already
        if name not in headers:
            headers.append(name)
            sheet.cell(1, len(headers), name)
        sheet.cell(2, headers.index(name) + 1, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def said_added(store: Store, added: AddedForm, file: str, language: str | None = None) -> list[str]:
    """Return what adding a form did, in ``language``: added or already here, the key it
    is sealed for, whether it waits for certifying, and which version new interviews use."""
    record = added.record
    if not added.new:
        held = text(
            "formdesk.held", language, file=file, form_id=record.form_id, version=record.version
        )
        return [held]
    sealed = (
        text("formdesk.sealed", language, fingerprint=added.sealed_for)
        if added.sealed_for
        else text("formdesk.not_sealed", language)
    )
    lines = [
        text(
            "formdesk.added",
            language,
            file=file,
            form_id=record.form_id,
            version=record.version or "-",
            title=record.title,
            sealed=sealed,
        )
    ]
    if added.certify_next:
        lines.append(text("formdesk.certify_next", language).strip())
    if added.used_for_new:
        lines.append(text("formdesk.used_for_new", language).strip())
    else:
        newest = next(r.version for r in startable_forms(store) if r.form_id == record.form_id)
        lines.append(text("formdesk.older", language, newest=newest or "-").strip())
    return lines


def said_sealed(
    store: Store, done: list[Sealing], path: str, language: str | None = None
) -> list[str]:
    """Return what ``seal_forms`` did, a line each, in ``language``."""
    lines = []
    for one_form in done:
        if one_form.added is None:
            reason = one_form.skipped.text(language) if one_form.skipped else ""
            lines.append(
                text("formdesk.seal_skipped", language, form_id=one_form.form_id, reason=reason)
            )
            continue
        lines.append(said_added(store, one_form.added, one_form.added.record.filename, language)[0])
    added = [d.added for d in done if d.added is not None]
    if not added:
        lines.append(text("formdesk.seal_none", language, path=path))
        return lines
    lines.append(text("formdesk.sealed_before", language))
    if any(one.certify_next for one in added):
        lines.append(text("formdesk.certify_next", language).strip())
    return lines


def problems_of(error: FieldappError, language: str | None = None) -> list[str]:
    """Return every problem a refusal names: each of a form that does not load, else one."""
    from fieldapp.core.forms.pyxform_stages import FormError

    if isinstance(error, FormError):
        return [problem.text(language) for problem in error.problems]
    return [error.text(language)]


def held_form_list(store: Store) -> list[HeldForm]:
    """Return every form version a reader may use, by form id, newest ``version`` first:
    the key each is sealed for, which one new interviews start on (each form's first), and
    which are retired (in clear behind a sealed newest, as ``startable_forms`` says)."""
    found: list[HeldForm] = []
    newest: dict[str, str | None] = {}  # form id -> what its newest version is sealed for
    for record in held_forms(store):
        try:
            sealed_for = _fingerprint(store.forms.load(record.sha256))
        except FieldappError:  # a stored form that no longer loads seals nothing we can name
            sealed_for = None
        first = record.form_id not in newest
        newest.setdefault(record.form_id, sealed_for)
        retired = sealed_for is None and newest[record.form_id] is not None
        found.append(HeldForm(record, sealed_for, first, retired))
    return found


def startable_forms(store: Store) -> list[FormRecord]:
    """Return the form versions a new interview may start on: every held one, but the
    versions in clear of a form whose newest version is sealed.

    Once a study seals a form, its older versions in clear are retired: offering them (the
    New interview dialog lists every version) would switch sealing off with one click.
    """
    known = sealing.known_sealed_forms(store.conn)

    def seals(record: FormRecord) -> bool:
        found = known.get(record.sha256)
        if found is None:
            try:
                found = store.forms.load(record.sha256).public_key is not None
            except FieldappError:
                found = False
        return found

    records = held_forms(store)
    newest_seals: dict[str, bool] = {}
    for record in records:  # each form's newest version comes first
        if record.form_id not in newest_seals:
            newest_seals[record.form_id] = seals(record)
    return [r for r in records if not newest_seals[r.form_id] or seals(r)]


def copy_name(store: Store, record: FormRecord) -> str:
    """Return the file name *Save a copy…* offers for ``record``.

    The name the form was added as is the laptop's that added it, and a merge takes it as
    it comes: ``formulario\\u202exslx.exe`` showed as ``formularioexe.xlsx`` (a workbook is
    a zip, which may follow a program Windows runs), ``CON.xlsx`` or 300 characters could
    not be saved, ``..\\Startup\\cso.xlsx`` named a folder on Windows. Its last part's
    stem is made safe (``file_names.safe_stem``); the extension is the form's kind, read
    from its bytes: ``.xml`` for an XForm, ``.xls`` for an old workbook, else ``.xlsx``.
    """
    from fieldapp.core.forms.pyxform_stages import OLE_MAGIC
    from fieldapp.core.forms.xform import is_xml

    filename, content, _ = store.forms.stored(record.sha256)
    stem = Path(filename.replace("\\", "/")).stem
    if is_xml(content):
        suffix = ".xml"
    elif content.startswith(OLE_MAGIC):
        suffix = ".xls"
    else:
        suffix = ".xlsx"
    return safe_stem(stem or record.form_id, fallback="form") + suffix


def write_form_copy(store: Store, sha256: str, target: Path) -> FormCopy:
    """Write a stored form version to ``target`` and the files it uses beside it.

    Only files the form reads or shows are written (``used_files``), and only of a kind a
    form reads or shows (``COPIED_EXTENSIONS``): a package names a form's files and gives
    their bytes, and ``setup.exe`` or ``desktop.ini`` the form never names, or
    ``setup.exe`` it shows as an image, were planted beside the workbook; nor a file whose
    bytes are not of its name's kind: a program named ``logo.png`` is a program to any
    system that reads its first bytes, and the name hides it. The others are returned as
    left out, for the message to name. Nothing is overwritten: an existing file is
    refused before anything is written. A file name that is not a plain name (a merged
    package could carry ``../../.profile``) is refused, and so are two names that are one
    file on Windows or macOS, the workbook's included (an image named ``cso.xlsx``
    replaced the copy): a copy never writes outside the chosen folder nor one file twice.
    """
    from fieldapp.core import leftovers

    stored = store.forms.stored(sha256)
    _, content, files = stored
    folder = target.parent
    for name in files:
        # A package names them: "leeme<U+202E>fdp.exe" (shown as leemeexe.pdf) was written
        # beside the workbook, and CON.csv or "..\\x" fail or land elsewhere on Windows.
        if not is_plain(name):  # no separator, no dot first: a name, not a path
            raise FieldappError("formdesk.bad_file_name", name=shown(name))
    used = used_files(store, sha256, stored)
    kept = sorted(
        name for name in files if name in used and Path(name).suffix.lower() in COPIED_EXTENSIONS
    )
    seen: dict[str, str] = {}
    for name in kept:
        if name_key(name) == name_key(target.name):
            raise FieldappError("formdesk.file_is_copy", name=shown(name), path=str(target))
        other = seen.setdefault(name_key(name), name)
        if other != name:
            raise FieldappError("formdesk.file_names_clash", first=shown(other), name=shown(name))
    # After the name checks: a name that would replace the copy is refused whatever it holds.
    kept = [name for name in kept if bytes_match(name, files[name])]
    wanted = [(target, content), *((folder / name, files[name]) for name in kept)]
    for path, _data in wanted:
        if path.exists():
            raise FieldappError("formdesk.copy_exists", path=str(path))
    written: list[Path] = []
    try:
        for path, data in wanted:
            partial = leftovers.partial_path(path, keep_suffix=True)
            try:
                partial.write_bytes(data)
                leftovers.publish(partial, path)
            finally:
                leftovers.discard(partial)
            written.append(path)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise FieldappError(
            "formdesk.copy_failed", path=str(target), reason=os_reason(error)
        ) from None
    return FormCopy(target, kept, sorted(set(files) - set(kept)))


def said_copied(copy: FormCopy, record: FormRecord, language: str | None = None) -> str:
    """Return what *Save a copy…* says it did: where the form went, the files written
    beside it, and on a line of its own the files it left out, by name."""
    files = ", ".join(copy.files)
    said = text(
        "formdesk.copied",
        language,
        form_id=record.form_id,
        version=record.version or "-",
        path=str(copy.path),
        files=text("formdesk.copied_files", language, names=files) if files else "",
    )
    if copy.left_out:
        names = ", ".join(shown(name) for name in copy.left_out[:_LEFT_OUT_SHOWN])
        more = len(copy.left_out) - _LEFT_OUT_SHOWN
        if more > 0:
            names += text("formdesk.copy_left_out_more", language, count=more)
        said += "\n" + text("formdesk.copy_left_out", language, names=names)
    return said


_FILE_URI = re.compile(r"jr://[a-z-]+/([^\s'\"<>]+)")
"""A file an XForm reads or shows (``jr://images/logo.png``, ``jr://file-csv/x.csv``)."""
_FILE_URI_VALUE = re.compile(r"jr://[a-z-]+/(.+)")


def used_files(
    store: Store, sha256: str, stored: tuple[str, bytes, dict[str, bytes]] | None = None
) -> set[str]:
    """Return the names of the files a stored form version reads or shows.

    The choice files it read when loaded, and every file its XForm names (media of its
    labels and choices, ``pulldata`` and external lists): what ODK Central asks a form's
    attachments to be. An XLSForm's XForm is pyxform's (what Central and Kobo make of it).
    ``stored`` is ``store.forms.stored(sha256)`` when the caller has read it already.
    """
    from defusedxml import ElementTree

    from fieldapp.core.forms import pyxform_stages
    from fieldapp.core.forms.xform import is_xml

    used = set(store.forms.load(sha256).files)
    filename, content, files = stored or store.forms.stored(sha256)
    if used >= set(files):
        return used  # pyxform's XForm of a large workbook takes most of a second
    try:
        if is_xml(content):
            root = ElementTree.fromstring(content)
        else:
            workbook = pyxform_stages.read_workbook(content, filename)
            form_dict = pyxform_stages.pyxform_dict(workbook, Path(filename).stem, filename, [])
            survey = pyxform_stages.pyxform_survey(form_dict, filename)
            xml = survey.to_xml(validate=False, pretty_print=False, warnings=[])
            root = ElementTree.fromstring(xml.encode("utf-8"))
    except Exception:  # it loaded when stored: a reader that fails now names no media
        return used
    for element in root.iter():
        for value in (element.text or "", *element.attrib.values()):
            whole = _FILE_URI_VALUE.fullmatch(value.strip())  # a name with spaces
            used.update([whole.group(1)] if whole else [])
            used.update(found.group(1) for found in _FILE_URI.finditer(value))
    return used


def _fingerprint(form: Form) -> str | None:
    return crypto.public_key_fingerprint(form.public_key) if form.public_key else None


def _is_newest(store: Store, sha256: str) -> bool:
    """Whether ``sha256`` is the newest ``version`` held of its form (what New interview
    starts): ``held_forms`` lists each form's versions newest first."""
    newest: dict[str, str] = {}
    for record in held_forms(store):
        newest.setdefault(record.form_id, record.sha256)
    return sha256 in newest.values()


def _refuse_same_version(path: Path, form: Form, held: Iterable[FormRecord]) -> None:
    versions = [record.version for record in held if record.form_id == form.form_id]
    if form.version in versions:
        raise FieldappError(
            "formdesk.same_version",
            file=str(path),
            form_id=form.form_id,
            version=form.version or "-",
            suggested=next_version(versions),
        )


def next_version(versions: Iterable[str]) -> str:
    """Return a version above every numeric one of ``versions``: today's date and a
    two-digit counter (``2026120502``), the convention ODK's documentation suggests."""
    today = int(dt.date.today().strftime("%Y%m%d01"))
    numbers = [int(v) for v in versions if v.isdigit() and len(v) < 19]
    return str(max([today, *(n + 1 for n in numbers)]))


def _refuse_authority(store: Store, path: Path, form: Form) -> bool:
    """Refuse what a merge would refuse from this database's packages: a form version
    that does not come from the study's certified supervisor, once the study has one,
    and a change of the study key a version is sealed for (``refuse_key_change``).
    """
    from fieldapp.core import devices

    if not devices.may_act_for_study(store):
        raise FieldappError("formdesk.not_supervisor", file=str(path), form_id=form.form_id)
    return refuse_key_change(store, str(path), form)


def refuse_key_change(store: Store, where: str, form: Form) -> bool:
    """Refuse a version whose study key differs from the newest held version of its form:
    none (its interviews would be kept in clear: never, not even the supervisor's), or
    another key (only on the certified supervisor's device, which publishes it). Adding a
    key to a form in clear is how a study starts sealing, before it has a supervisor.

    Returns whether the version newly seals a form before the study has a supervisor
    (other databases take it once a certified supervisor publishes it). ``where`` names
    the form's source in the message (a file, a server).
    """
    from fieldapp.core import devices

    supervisors = devices.supervisors(store.conn)
    supervisor = store.device_id in supervisors
    ours = next((r for r in held_forms(store) if r.form_id == form.form_id), None)
    if ours is None:
        return False  # a new form: sealed or not as it says
    try:
        held = store.forms.load(ours.sha256)
    except FieldappError:
        return False  # a held version that no longer loads pins nothing (`check` names it)
    change = key_change(form, held)
    if change is None:
        return False
    if form.public_key is not None and (
        supervisor or (held.public_key is None and not supervisors)
    ):
        return not supervisor
    raise FieldappError(
        "formdesk.key_changed",
        file=where,
        form_id=form.form_id,
        version=form.version or "-",
        change=change,
        ours=held.version or "-",
    )


def key_change(form: Form, held: Form) -> Message | None:
    """Say how ``form`` changes the study key of ``held`` (the newest held version of the
    same form): None when it keeps it; dropped, added or another key (the merge's words)."""
    if form.public_key == held.public_key:
        return None
    if form.public_key is None:
        return Message("merge.key_dropped")
    fingerprint = crypto.public_key_fingerprint(form.public_key)
    code = "merge.key_added" if held.public_key is None else "merge.key_other"
    return Message(code, {"fingerprint": fingerprint})


def retired_on_arrival(form: Form, held: Form) -> bool:
    """Whether ``form`` is a version in clear older than ``held``, the newest held version
    of its form, sealed: retired as it comes (``startable_forms``), as a laptop's bundled
    version is once the study seals the form, so no interview starts on it.

    The same ``version`` is not older: a tie of version text falls to the sha256, which
    could make the clear one the version new interviews start on.
    """
    return (
        form.public_key is None
        and held.public_key is not None
        and version_key(form.version, "") < version_key(held.version, "")
    )
