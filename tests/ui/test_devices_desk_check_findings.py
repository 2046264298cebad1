"""(desk7) The devices desk shows what ``fieldapp check`` names beyond its rows (attack7).

Another laptop's two keys (``device_two_keys``: no row to set aside, both fingerprints and
what to do) and ODK Central's copy set aside for nothing
(``central_copies_set_aside_for_nothing``), which Take back… lists again as ``check
--quarantine`` does, after asking, where this database may act for the study. Nothing
is said when there is none. The databases are built as the core tests build them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))  # the core tests' builders

from merge_devices import SEALED_FORM, Device, sealed_form_bytes, study_key_pair
from opened_windows import OPENED
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from study_keys import KEY_PASSPHRASE
from test_attack_copy_left_out_forged import _left_out_beside_a_copy
from test_check_two_keys import _posing_as, _taken_as_before
from widget_room import crushed

from fieldapp.core import crypto
from fieldapp.core.central.copies import copy_id, set_aside_for_nothing
from fieldapp.core.devices import certify_supervisor
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import text
from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import minted_instance_id
from fieldapp.core.store.records import SubmissionId
from fieldapp.ui import i18n
from fieldapp.ui.devices_desk import COLUMNS, DevicesDesk
from fieldapp.ui.main_window import MainWindow

FIELD_LAPTOP = QRect(0, 0, 1366, 768)


def _desk(qtbot: Any, path: Path) -> DevicesDesk:
    window = MainWindow(path)
    OPENED.append(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    desk = window.open_devices()
    assert isinstance(desk, DevicesDesk)
    OPENED.append(desk)
    return desk


def _checked(qtbot: Any, desk: DevicesDesk) -> None:
    desk.check_button.click()
    qtbot.waitUntil(lambda: not desk.is_running() and desk.checked is not None)


def _shot(desk: DevicesDesk, name: str) -> None:
    """Save the desk as drawn into the folder ``FIELDAPP_SHOTS`` names, to look at."""
    QApplication.processEvents()
    folder = os.environ.get("FIELDAPP_SHOTS")
    if folder:
        desk.grab().save(str(Path(folder) / f"{name}.png"))


def _two_keys_of_beto(tmp_path: Path) -> tuple[Path, str]:
    """The supervisor's database that took Beto's rows and a forger's in Beto's name, as a
    merge before attack6 took them (``test_check_two_keys``)."""
    sup = Device(tmp_path / "sup.db", "Rosa")
    form = sup.add_form()
    beto = Device(tmp_path / "beto.db", "Beto")
    beto.add_form()
    beto.create(form, "Lima", {"name": "De Beto"})
    beto.close()
    forger = _posing_as(tmp_path, "forger", beto.store.device_id)
    forger.add_form()
    forger.create(form, "Lima", {"name": "Inventada"})
    forger.close()
    _taken_as_before(sup, beto.path)
    _taken_as_before(sup, forger.path)
    sup.close()
    return sup.path, beto.store.device_id


def _fingerprints(desk: DevicesDesk) -> dict[str, str]:
    """The table's fingerprint cell of each laptop, by its id."""
    model = desk.model
    column = COLUMNS.index("fingerprint")
    return {
        model.data(model.index(row, COLUMNS.index("device"))): model.data(model.index(row, column))
        for row in range(model.rowCount())
    }


def _fingerprint_tip(desk: DevicesDesk, device: str) -> str:
    model = desk.model
    (row,) = [r for r in range(model.rowCount()) if model.devices[r].device_id == device]
    tip = model.data(model.index(row, COLUMNS.index("fingerprint")), Qt.ItemDataRole.ToolTipRole)
    return str(tip)


@pytest.fixture(params=["en", "es"])
def speaking(request: pytest.FixtureRequest) -> Any:
    i18n.apply_language(request.param)
    yield request.param
    i18n.apply_language("en")


def test_another_laptops_two_keys_are_named_with_both_fingerprints_and_what_to_do(
    qtbot: Any, tmp_path: Path, speaking: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fieldapp.ui.screen_fit.available_area", lambda _window: FIELD_LAPTOP)
    path, beto = _two_keys_of_beto(tmp_path)
    with Store.open(path, create=False) as store:
        from fieldapp.core.validate import check_store

        (two,) = check_store(store).two_keys
    desk = _desk(qtbot, path)
    qtbot.waitExposed(desk)
    assert not desk.findings.isVisible()  # before a check: nothing said
    marked = {"en": "⚠ two keys", "es": "⚠ dos claves"}[speaking]
    assert marked not in _fingerprints(desk).values()
    _checked(qtbot, desk)
    assert desk.refused.rowCount() == 0  # no row: which key is Beto's is not known here
    # Beto's row in the table no longer shows one fingerprint as if it were his: it says
    # two keys, and its tooltip says both and what to do; the other rows are as they were
    shown = _fingerprints(desk)
    assert shown[beto] == marked
    assert all(value != marked for device, value in shown.items() if device != beto)
    tip = _fingerprint_tip(desk, beto)
    assert all(f in tip for f in two.fingerprints) and "Traceback" not in tip
    said = desk.findings.text()
    assert said == text(
        "devices.ui.two_keys",
        speaking,
        device=beto,
        fingerprints=", ".join(two.fingerprints),
    )
    assert len(two.fingerprints) == 2 and all(f in said for f in two.fingerprints)
    what_to_do = {"en": "read out its fingerprint", "es": "lea en voz alta su huella"}
    assert what_to_do[speaking] in said
    assert "Traceback" not in said
    assert desk.findings.isVisible() and not desk.take_back_button.isVisible()
    _shot(desk, f"two_keys_{speaking}")
    assert crushed(desk) == [], "the two keys' lines are read whole at 1366×768"
    desk.close()


def test_a_copy_set_aside_for_nothing_is_named_and_taken_back_after_asking(
    qtbot: Any,
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    speaking: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """attack6's scenario: Rosa's copy set aside as the old merge did for an interview
    made up in Carla's name, which Carla's package set aside since."""
    monkeypatch.setattr("fieldapp.ui.screen_fit.available_area", lambda _window: FIELD_LAPTOP)
    path, copy, made_up = _left_out_beside_a_copy(tmp_path, pair, study_key)
    with Store.open(path) as supervisor:  # as fieldapp before attack6 wrote it
        reason = text("pull.copy_set_aside", None, copy=copy, interview=made_up)
        quarantine_rows(supervisor, [("submissions", copy)], reason=reason, author="fieldapp")
    desk = _desk(qtbot, path)
    qtbot.waitExposed(desk)
    _checked(qtbot, desk)
    assert desk.findings.text() == text("devices.ui.copy_for_nothing", speaking, copy=copy)
    assert desk.take_back_button.isVisible() and desk.take_back_button.isEnabled()
    assert not desk.take_back_why.isVisible()
    _shot(desk, f"copy_{speaking}")
    assert crushed(desk) == [], "the copy's line and Take back… are read whole at 1366×768"

    asked: list[str] = []

    def no(_parent: Any, _title: str, question: str) -> bool:
        asked.append(question)
        return False

    monkeypatch.setattr("fieldapp.ui.devices_desk.confirmed", no)
    assert not desk.take_back()  # asked first: No takes nothing back
    assert copy in asked[0] and not desk.is_running()
    with Store.open(path, create=False) as store:
        assert [c for c, _ in set_aside_for_nothing(store)] == [copy]

    monkeypatch.setattr("fieldapp.ui.devices_desk.confirmed", lambda *_: True)
    assert desk.take_back()
    qtbot.waitUntil(lambda: not desk.is_running() and desk.checked is not None)
    assert desk.status.text() == text("devices.ui.take_back_done", speaking, count=1)
    assert not desk.findings.isVisible() and not desk.take_back_button.isVisible()
    with Store.open(path, create=False) as store:  # listed again, as check --quarantine does
        listed = {c.submission.submission_id for c in store.interviews.iter_current()}
        assert copy in listed and made_up not in listed
        assert set_aside_for_nothing(store) == ()
    _checked(qtbot, desk)  # the next check says nothing of it
    assert not desk.findings.isVisible()
    desk.close()


def test_on_a_laptop_the_copy_is_named_and_only_the_supervisor_can_take_it_back(
    qtbot: Any, tmp_path: Path
) -> None:
    """A laptop holding a copy set aside for nothing (its own interview set aside since),
    in a study whose certified supervisor is another laptop: named, Take back… disabled
    with the line that says who can (``check --quarantine`` there takes nothing back)."""
    rosa = Device(tmp_path / "rosa.db", "Rosa")
    rosa.add_form(sealed_form_bytes(), form_id=SEALED_FORM)  # the study key's form
    key = crypto.load_private_key(study_key_pair().private_pem, KEY_PASSPHRASE)
    certify_supervisor(rosa.store, key, author="Rosa")
    rosa.close()
    ana = Device(tmp_path / "ana.db", "Ana")
    form = ana.add_form()
    mine = ana.create(form, "Lima", {"name": "Mía"})
    instance_id = minted_instance_id(mine)
    ana.edit(mine, {"meta/instanceID": instance_id})  # as the app writes it
    copy = SubmissionId(copy_id(instance_id))
    with ana.store.transaction():
        ana._submission(copy, "civil_society", form, "Lima")
        ana._revision(copy, (), "draft", {"name": "Mía", "meta/instanceID": instance_id})
    ana.store.refresh_derived()
    reason = text("pull.copy_set_aside", None, copy=copy, interview=mine)
    quarantine_rows(ana.store, [("submissions", copy)], reason=reason, author="fieldapp")
    quarantine_rows(ana.store, [("submissions", mine)], reason="made up", author="Ana")
    merge_database(ana.store, rosa.path)  # the study's certificate reaches Ana's laptop
    ana.close()
    desk = _desk(qtbot, ana.path)
    _checked(qtbot, desk)
    assert desk.findings.text() == text("devices.ui.copy_for_nothing", "en", copy=copy)
    assert desk.take_back_button.isVisible() and not desk.take_back_button.isEnabled()
    assert desk.take_back_why.text() == text("devices.ui.take_back_not_supervisor", "en")
    assert not desk.take_back()
    desk.close()


def test_a_clean_check_says_nothing_more(qtbot: Any, tmp_path: Path) -> None:
    ana = Device(tmp_path / "ana.db", "Ana")
    ana.create(ana.add_form(), "Lima", {"name": "Mía"})
    ana.close()
    desk = _desk(qtbot, ana.path)
    _checked(qtbot, desk)
    assert "clean" in desk.check_status.text()
    assert desk.findings.text() == "" and not desk.findings.isVisible()
    assert "⚠ two keys" not in _fingerprints(desk).values()
    assert not desk.take_back_button.isVisible() and not desk.take_back_why.isVisible()
    desk.close()
