"""A form downloaded from ODK Central is held to the key rule a package is: a server
(misconfigured, or not the study's) must not switch sealing off for a form this database
seals, nor move it to another key."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from merge_devices import file_checksum
from pyxform.xls2xform import convert
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.central import forms_down
from fieldapp.core.form_add import held_form_list
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store

SURVEY = [{"type": "text", "name": "site", "label": "Sitio"}]


def sitios(folder: Path, version: str, key: str = "") -> Path:
    settings = {"form_id": "sitios", "version": version}
    if key:
        settings["public_key"] = key
    return write_xlsform(folder / f"sitios-{version}.xlsx", SURVEY, settings=settings)


class Server:
    """Serves one XForm as Central's OpenRosa form list and form download do."""

    url = "https://central.example.org/v1/key/T/projects/1"
    credentials = SimpleNamespace(kind="app_user")

    def __init__(self, xlsform: Path, version: str) -> None:
        self.xml = convert(xlsform=str(xlsform)).xform.encode("utf-8")
        self.version = version

    def form_list_xml(self) -> bytes:
        return (
            '<xforms xmlns="http://openrosa.org/xforms/xformsList"><xform>'
            f"<formID>sitios</formID><name>Sitios</name><version>{self.version}</version>"
            "<hash>md5:0</hash></xform></xforms>"
        ).encode()

    def get_bytes(self, path: str, what: Any, missing_ok: bool = False) -> bytes:
        assert path.endswith(".xml"), path
        return self.xml


@pytest.fixture
def laptop(tmp_path: Path, pair: crypto.KeyPair) -> Any:
    with Store.open(tmp_path / "laptop.db") as store:
        store.forms.add(sitios(tmp_path, "1", pair.public_key))
        yield store


def test_a_server_version_without_the_key_is_refused_and_nothing_changes(
    laptop: Store, tmp_path: Path
) -> None:
    server = Server(sitios(tmp_path / "server", "2"), "2")
    before = file_checksum(laptop.path)
    with pytest.raises(FieldappError) as error:
        forms_down.download(laptop, server, "sitios")  # type: ignore[arg-type]
    said = error.value.text("en")
    assert error.value.code == "formdesk.key_changed"
    assert said.startswith(f"{server.url} (sitios.xml)") and "has no study key" in said
    assert file_checksum(laptop.path) == before
    assert [h.record.version for h in held_form_list(laptop)] == ["1"]


def test_a_server_version_sealed_for_another_key_is_refused(laptop: Store, tmp_path: Path) -> None:
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    server = Server(sitios(tmp_path / "server", "2", other.public_key), "2")
    with pytest.raises(FieldappError) as error:
        forms_down.download(laptop, server, "sitios")  # type: ignore[arg-type]
    assert other.fingerprint in error.value.text("en")


def test_a_server_version_that_keeps_the_key_is_taken(
    laptop: Store, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    server = Server(sitios(tmp_path / "server", "2", pair.public_key), "2")
    done = forms_down.download(laptop, server, "sitios")  # type: ignore[arg-type]
    assert (done.record.version, done.source) == ("2", "xml")
    newest = next(h for h in held_form_list(laptop) if h.used_for_new)
    assert (newest.record.version, newest.sealed_for) == ("2", pair.fingerprint)
