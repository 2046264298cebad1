"""Bring a Central project's forms down into the store, as Collect fetches them.

The list is the project's OpenRosa ``formList`` (an app user sees the forms it may
fill; a web user the project's open forms). A form comes down with every file its
manifest names (CSV and GeoJSON choice lists, media) and is stored through the store's
one add-form path, like a form added from a file. A web user may fetch the XLSForm
Central keeps (``forms/{id}.xlsx``); it is taken only when it loads as the same form id
and version as the XForm Central serves and that XForm carries no encryption key
(Central writes a managed key into the XForm only), else the XForm is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from defusedxml import ElementTree

from fieldapp.core.central import safe_file_name
from fieldapp.core.central.client import CentralClient
from fieldapp.core.messages import FieldappError, Message
from fieldapp.core.store import Store
from fieldapp.core.store.records import FormRecord

_LIST_NS = "{http://openrosa.org/xforms/xformsList}"
_MANIFEST_NS = "{http://openrosa.org/xforms/xformsManifest}"


@dataclass(frozen=True)
class ServerForm:
    """A form as the server lists it."""

    form_id: str
    name: str
    version: str
    hash: str
    has_files: bool


@dataclass(frozen=True)
class FormState:
    """A server form beside the versions this database holds."""

    form: ServerForm
    held_versions: tuple[str, ...]

    @property
    def state(self) -> str:
        """``held`` (this version is here), ``behind`` (older ones only) or ``missing``."""
        if self.form.version in self.held_versions:
            return "held"
        return "behind" if self.held_versions else "missing"


@dataclass(frozen=True)
class Downloaded:
    """A form stored from the server, and the files that came with it."""

    record: FormRecord
    files: tuple[str, ...]
    source: str
    """``xlsx`` or ``xml``: which of the server's copies was stored."""


def list_forms(client: CentralClient) -> list[ServerForm]:
    """Return the project's forms from its ``formList``."""
    data = client.form_list_xml()
    root = _parse(client, data, Message("central.what_forms"))
    forms = []
    for entry in root.iter(f"{_LIST_NS}xform"):
        forms.append(
            ServerForm(
                form_id=_child(entry, _LIST_NS, "formID"),
                name=_child(entry, _LIST_NS, "name"),
                version=_child(entry, _LIST_NS, "version"),
                hash=_child(entry, _LIST_NS, "hash"),
                has_files=entry.find(f"{_LIST_NS}manifestUrl") is not None,
            )
        )
    return forms


def compare(store: Store, forms: list[ServerForm]) -> list[FormState]:
    """Say for each server form whether this database holds its version."""
    held: dict[str, list[str]] = {}
    for record in store.forms.records():
        held.setdefault(record.form_id, []).append(record.version)
    return [FormState(form, tuple(held.get(form.form_id, ()))) for form in forms]


def download(store: Store, client: CentralClient, form_id: str) -> Downloaded:
    """Store the server's current version of ``form_id`` with its files."""
    forms = {form.form_id: form for form in list_forms(client)}
    if form_id not in forms:
        raise FieldappError(
            "central.unknown_form", form=form_id, available=", ".join(sorted(forms)) or "—"
        )
    server_form = forms[form_id]
    path = f"forms/{quote(form_id, safe='')}"
    what = Message("central.what_form", {"form": form_id})
    xml = client.get_bytes(f"{path}.xml", what)
    assert xml is not None
    files = _files(client, form_id, path) if server_form.has_files else {}
    xlsx = None
    if client.credentials.kind == "web_user" and b"base64RsaPublicKey" not in xml:
        xlsx = client.get_bytes(f"{path}.xlsx", what, missing_ok=True)
    names = tuple(sorted(files))
    if xlsx is not None and _same_form(xlsx, form_id, server_form.version, files):
        return Downloaded(_add(store, client, xlsx, f"{form_id}.xlsx", files), names, "xlsx")
    return Downloaded(_add(store, client, xml, f"{form_id}.xml", files), names, "xml")


def _add(
    store: Store, client: CentralClient, content: bytes, filename: str, files: dict[str, bytes]
) -> FormRecord:
    """Store a server's form, held to the key rule a merge holds every device to: a server
    (misconfigured, or not the study's) must not switch sealing off, nor to another key,
    for the new interviews of a form this database seals."""
    from fieldapp.core.form_add import refuse_key_change
    from fieldapp.core.forms import compiled

    form = compiled.load(content, filename, filename, files.get)
    refuse_key_change(store, f"{client.url} ({filename})", form)
    return store.forms.add_loaded(form, content, filename, files)


def _files(client: CentralClient, form_id: str, path: str) -> dict[str, bytes]:
    what = Message("central.what_form", {"form": form_id})
    manifest = client.request("GET", f"{client.base}/{path}/manifest", what, openrosa=True).content
    files: dict[str, bytes] = {}
    for entry in _parse(client, manifest, what).iter(f"{_MANIFEST_NS}mediaFile"):
        name = _child(entry, _MANIFEST_NS, "filename")
        if not safe_file_name(name):
            raise FieldappError(
                "central.bad_answer", url=client.url, what=what, reason=f"file name {name!r}"
            )
        file_what = Message("central.what_file", {"name": name, "form": form_id})
        content = client.get_bytes(f"{path}/attachments/{quote(name, safe='')}", file_what)
        assert content is not None
        files[name] = content
    return files


def _same_form(content: bytes, form_id: str, version: str, files: Mapping[str, bytes]) -> bool:
    """Whether the XLSForm loads as the XForm Central serves (same id and version)."""
    from fieldapp.core.forms import compiled

    try:
        form = compiled.load(content, f"{form_id}.xlsx", f"{form_id}.xlsx", files.get)
    except Exception:  # any form error: the XForm, which Central itself made, is stored
        return False
    return form.form_id == form_id and form.version == version


def _parse(client: CentralClient, data: bytes, what: Message) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except Exception as error:  # defusedxml's refusals and every parse error alike
        raise FieldappError(
            "central.bad_answer", url=client.url, what=what, reason=type(error).__name__
        ) from None


def _child(entry: ElementTree.Element, namespace: str, name: str) -> str:
    found = entry.find(f"{namespace}{name}")
    return (found.text or "").strip() if found is not None else ""
