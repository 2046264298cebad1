"""A researcher runs a whole interview through the real widgets: keys, clicks, language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from event_turns import settle
from interview_windows import open_window, start
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store
from fieldapp.ui import pickers
from fieldapp.ui.form_view import FormView


def widget(view: FormView, key: str, *rest: str | int) -> Any:
    view.reveal((key, *rest))
    return view.nodes[(key, *rest)]


def type_into(qtbot: Any, view: FormView, key: str, typed: str) -> Any:
    question = widget(view, key)
    question.edit.setFocus()
    qtbot.keyClicks(question.edit, typed)
    return question


def leave(qtbot: Any, question: Any) -> None:
    """Press Tab, as the researcher does to move on."""
    qtbot.keyClick(question.edit, Qt.Key.Key_Tab)


def radio(question: Any, name: str) -> QRadioButton:
    found = question.findChild(QRadioButton, f"choice_{name}")
    assert found is not None, name
    return found


def click(qtbot: Any, button: QWidget) -> None:
    """Click where the researcher would: on a check box's box, a button's middle."""
    if isinstance(button, QCheckBox | QRadioButton):
        where = QPoint(8, button.height() // 2)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_whole_interview_with_every_question_type(qtbot: Any, store: Any, tmp_path: Path) -> None:
    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    view = window.view

    # a constraint message appears when the researcher leaves the question, not before
    age = type_into(qtbot, view, "intro/age", "15")
    assert not age.error.isVisible()
    leave(qtbot, age)
    assert age.error.isVisible()
    assert "between 18 and 99" in age.error.text()
    age.edit.selectAll()
    qtbot.keyClicks(age.edit, "42")
    assert not age.error.isVisible()

    # relevance: "no" consent shows the closing note and closes the interview's sections
    consent = widget(view, "intro/consent")
    thanks = view.nodes[("intro/thanks",)]
    click(qtbot, radio(consent, "no"))
    assert thanks.isVisible()
    assert "does not apply" in view.navigator.item(1).data(Qt.ItemDataRole.UserRole + 4)
    click(qtbot, radio(consent, "yes"))
    assert not thanks.isVisible()

    # finalize is refused while the required respondent code is missing; the list jumps to it
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.problems_dock.isVisible()
    listed = [window.problem_list.item(i).text() for i in range(window.problem_list.count())]
    assert any("Respondent code" in line for line in listed)
    view.go(2)
    row = next(i for i, line in enumerate(listed) if "Respondent code" in line)
    window._jump(window.problem_list.item(row))
    assert view.current() == 0
    respondent = view.nodes[("intro/respondent",)]
    assert respondent.edit.hasFocus()
    assert respondent.error.isVisible()
    qtbot.keyClicks(respondent.edit, "R-113")

    # Alt+Right moves to the next section
    qtbot.keyClick(respondent.edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.current() == 1

    story = type_into(qtbot, view, "main/story", "Hubo una mesa de seguridad")
    assert story.words.text() == "5 words"

    city = widget(view, "main/city")
    city.combo.setFocus()
    qtbot.keyClick(city.combo, Qt.Key.Key_Down)
    assert city.combo.currentData() == "tijuana"
    org = view.nodes[("main/org",)]
    shown = [b.objectName() for b in org.group.buttons()]
    assert shown == ["choice_ccsp"]  # the choice filter keeps Tijuana's organisations
    click(qtbot, radio(org, "ccsp"))

    sectors = widget(view, "main/sectors")
    for name in ("business", "faith"):
        click(qtbot, sectors.findChild(QWidget, f"choice_{name}"))

    trust = widget(view, "main/trust")
    click(qtbot, trust.findChild(QPushButton, "choice_4"))

    priority = widget(view, "main/priority")
    priority.items.setCurrentRow(0)
    click(qtbot, priority.down)

    days = {dt.date.today().isoformat()}  # "Set" gives today's date (a run past midnight: either)
    for key in ("main/met_on", "main/met_at", "main/agreed"):
        click(qtbot, widget(view, key).set_button)
    days.add(dt.date.today().isoformat())
    met_on = view.nodes[("main/met_on",)]
    assert met_on.stack.currentIndex() == 1

    clarity = widget(view, "main/clarity")
    assert clarity.value_label.text() == "—"  # not answered is not the minimum
    clarity.slider.setFocus()
    for _ in range(3):
        qtbot.keyClick(clarity.slider, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: clarity.value_label.text() == "3")

    click(qtbot, widget(view, "main/ack").box)

    place = widget(view, "main/place")
    qtbot.keyClicks(place.lat, "32.5149")
    qtbot.keyClicks(place.lon, "-117.0382")

    picture = tmp_path / "acta.png"
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6db5"))
    image.save(str(picture))
    photo = widget(view, "main/photo")
    photo.attach_path(picture)
    assert photo.preview.pixmap() is not None and not photo.preview.pixmap().isNull()
    assert photo.remove.isVisible()

    calculated = view.nodes[("main/age_next",)]
    assert calculated.value_label.text() == "43"

    view.go(2)
    army = view.nodes[("trust_table/trust_army",)]
    click(qtbot, army.buttons[2])

    # repeats: add three, remove one, move the last one up
    view.go(3)
    block = view.nodes[("mechanisms",)]
    before = block.count
    for _ in range(3):
        click(qtbot, block.add_button)
    assert block.count == before + 3
    click(qtbot, block.findChildren(QPushButton, "remove")[-1])
    assert block.count == before + 2
    for index in range(block.count):
        name = view.nodes[("mechanisms", index, "mech_name")]
        name.edit.setFocus()
        qtbot.keyClicks(name.edit, f"Mesa {index + 1}")
    click(qtbot, block.findChildren(QPushButton, "up")[-1])
    assert view.nodes[("mechanisms", block.count - 2, "mech_name")].edit.text() == (
        f"Mesa {block.count}"
    )

    # the form language switches instantly, answers stay
    window.language_box.setCurrentIndex(window.language_box.findData("Español (es)"))
    view.go(0)
    assert "Código del entrevistado" in view.nodes[("intro/respondent",)].label.text()
    assert view.nodes[("intro/respondent",)].edit.text() == "R-113"
    assert radio(view.nodes[("intro/consent",)], "yes").accessibleName() == "Sí"

    answers = store.interviews.working_answers(submission_id)
    assert answers["intro/age"] == 42
    assert answers["main/city"] == "tijuana" and answers["main/org"] == "ccsp"
    assert answers["main/sectors"] == ["business", "faith"]
    assert answers["main/trust"] == "4"
    assert answers["main/priority"] == ["academia", "business", "faith"]
    assert answers["main/met_on"] in days
    assert answers["main/clarity"] == 3
    assert answers["main/ack"] == "OK"
    assert answers["main/place"].startswith("32.5149 -117.038")
    assert answers["main/photo"].startswith("acta-") and answers["main/photo"].endswith(".png")
    assert answers["trust_table/trust_army"] == "3"
    names = [f"Mesa {i + 1}" for i in range(block.count)]
    names[-2], names[-1] = names[-1], names[-2]
    assert [m["mech_name"] for m in answers["mechanisms"]] == names

    # now Ctrl+Enter asks first; Esc keeps editing, Enter finalizes and closes the window
    asked = answer_the_question(qtbot, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked and "Finalize this interview now?" in asked[0]
    assert window.isVisible() and store.interviews.heads(submission_id)[0].state == "draft"
    window.activateWindow()  # as the window system does when the question box goes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    asked = answer_the_question(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.closed):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked, "Ctrl+Enter asks again each time"
    assert store.interviews.heads(submission_id)[0].state == "finalized"


def test_a_draft_survives_its_window_being_destroyed_without_saving(
    qtbot: Any, store: Any, tmp_path: Path
) -> None:
    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    view = window.view
    type_into(qtbot, view, "intro/respondent", "R-9")
    type_into(qtbot, view, "intro/age", "37")
    click(qtbot, radio(widget(view, "intro/consent"), "yes"))
    story = type_into(qtbot, view, "main/story", "Largo relato del entrevistado")
    click(qtbot, widget(view, "main/sectors").findChild(QWidget, "choice_academia"))
    assert story.edit.toPlainText() == "Largo relato del entrevistado"
    assert window.saved_label.text().startswith("Saved")
    shiboken6.delete(window)  # no close event, no save: as if the app were killed
    QApplication.processEvents()

    with Store.open(store.path) as reopened:
        again = open_window(qtbot, reopened, submission_id)
        view = again.view
        assert view.nodes[("intro/respondent",)].edit.text() == "R-9"
        assert view.nodes[("intro/age",)].edit.text() == "37"
        assert radio(view.nodes[("intro/consent",)], "yes").isChecked()
        view.go(1)
        assert view.nodes[("main/story",)].edit.toPlainText() == "Largo relato del entrevistado"
        checked = [b.objectName() for b in view.nodes[("main/sectors",)].boxes if b.isChecked()]
        assert checked == ["choice_academia"]
        again.close()


def test_a_finalized_interview_opens_read_only(qtbot: Any, store: Any) -> None:
    submission_id = start(store)
    store.interviews.autosave(
        submission_id, {"intro/respondent": "R-1", "intro/age": 30, "intro/consent": "no"}
    )
    store.interviews.finalize(submission_id)
    window = open_window(qtbot, store, submission_id)
    respondent = window.view.nodes[("intro/respondent",)]
    assert respondent.edit.text() == "R-1"
    assert not respondent.isEnabled()
    assert not window.finalize_action.isEnabled()
    assert window.reopen_button.isVisible()
    with qtbot.waitSignal(window.reopen_requested) as signal:
        click(qtbot, window.reopen_button)
    assert signal.args == [submission_id]


def test_the_navigator_counts_answered_and_missing(qtbot: Any, store: Any) -> None:
    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    view = window.view
    _shown, answered, missing, _errors = view.section_counts(0)
    assert (answered, missing) == (0, 3)
    type_into(qtbot, view, "intro/age", "7")
    _shown, answered, missing, errors = view.section_counts(0)
    assert (answered, missing, errors) == (1, 2, 1)
    detail = view.navigator.item(0).data(Qt.ItemDataRole.UserRole + 4)
    assert "1 of" in detail and "2 required missing" in detail and "1 to fix" in detail
    assert isinstance(view.findChild(QLabel, "sectionTitle"), QLabel)


def test_repeat_count_sets_the_blocks_and_hides_add_and_remove(qtbot: Any, tmp_path: Path) -> None:
    from xlsform import write_xlsform

    form = write_xlsform(
        tmp_path / "counted.xlsx",
        survey=[
            {"type": "integer", "name": "n", "label": "How many members?"},
            {"type": "begin repeat", "name": "member", "label": "Member", "repeat_count": "${n}"},
            {"type": "text", "name": "role", "label": "Role"},
            {"type": "end repeat"},
        ],
    )
    with Store.open(tmp_path / "counted.db") as counted:
        record = counted.forms.add(form)
        submission_id = counted.interviews.start(
            record.sha256, interviewer="TJ-07", city="tijuana", actor_type="cso"
        )
        window = open_window(qtbot, counted, submission_id)
        view = window.view
        type_into(qtbot, view, "n", "3")
        view.go(1)
        block = view.nodes[("member",)]
        assert block.count == 3
        assert not block.add_button.isVisible()
        assert block.findChildren(QPushButton, "remove") == []
        count = view.nodes[("n",)]
        count.edit.setFocus()
        count.edit.selectAll()
        qtbot.keyClicks(count.edit, "1")
        assert view.nodes[("member",)].count == 1
        window.close()


def test_clearing_answers_and_saving_a_revision(qtbot: Any, store: Any, tmp_path: Path) -> None:
    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    view = window.view
    click(qtbot, radio(widget(view, "intro/consent"), "yes"))

    met_on = widget(view, "main/met_on")
    click(qtbot, met_on.set_button)
    assert store.interviews.working_answers(submission_id)["main/met_on"]
    click(qtbot, met_on.clear_button)
    assert met_on.stack.currentIndex() == 0  # back to "Not answered", not some date
    assert "main/met_on" not in store.interviews.working_answers(submission_id)

    document = tmp_path / "minuta.pdf"
    document.write_bytes(b"%PDF-1.4 minutes of the round table")
    doc = widget(view, "main/doc")
    doc.attach_path(document)
    assert doc.name_label.text().startswith("minuta-")
    click(qtbot, doc.remove)
    assert doc.name_label.text() == "No file attached"
    assert "main/doc" not in store.interviews.working_answers(submission_id)

    place = widget(view, "main/place")
    place.lat.setFocus()
    qtbot.keyClicks(place.lat, "132.5")
    qtbot.keyClick(place.lat, Qt.Key.Key_Tab)
    assert not place.error.isVisible()  # still inside the question
    qtbot.keyClick(place.lon, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "Latitude goes from -90 to 90" in place.error.text())

    revisions = len(store.interviews.history(submission_id))
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(store.interviews.history(submission_id)) == revisions + 1
    assert window.saved_label.text().startswith("Saved as a revision")


def test_the_app_language_switch_reaches_the_window_and_the_form_keeps_its_own(
    qtbot: Any, store: Any
) -> None:
    """fieldapp's menus follow fieldapp's language; the form's controls, the form's."""
    from fieldapp.ui import i18n

    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    view = window.view
    click(qtbot, radio(widget(view, "intro/consent"), "yes"))
    met_on = widget(view, "main/met_on")
    story = view.nodes[("main/story",)]
    try:
        i18n.apply_language("es")
        qtbot.waitUntil(lambda: window.save_action.text() == "&Guardar")
        assert met_on.set_button.text() == "Set"  # the form is still in English
        assert story.words.text() == "0 words"
        window.set_form_language("Español (es)")
        assert met_on.set_button.text() == "Indicar"
        assert story.words.text() == "0 palabras"
        assert view.next_button.text().startswith("Sección siguiente")
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: window.save_action.text() == "&Save")
    assert met_on.set_button.text() == "Indicar"


def test_what_was_saved_is_said_again_in_the_language_switched_to(qtbot: Any, store: Any) -> None:
    """The status bar's "Saved 10:02" follows a switch of the app's language (walkres):
    it stayed in the language it was said in, English words in the Spanish app."""
    from fieldapp.ui import i18n

    window = open_window(qtbot, store, start(store))
    click(qtbot, radio(widget(window.view, "intro/consent"), "yes"))
    said = window.saved_label.text()
    assert said.startswith("Saved ")
    moment = said.removeprefix("Saved ")
    try:
        i18n.apply_language("es")
        qtbot.waitUntil(lambda: window.save_action.text() == "&Guardar")
        assert window.saved_label.text() == f"Guardado {moment}"
        window.save()
        revision = window.saved_label.text()
        assert revision.startswith("Guardado como revisión ")
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: window.save_action.text() == "&Save")
    assert window.saved_label.text() == revision.replace(
        "Guardado como revisión", "Saved as a revision"
    )


def test_a_failed_autosave_is_shown_at_once(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core.messages import FieldappError
    from fieldapp.ui import interview_window

    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    told: list[str] = []
    monkeypatch.setattr(interview_window, "show_error", lambda _w, e: told.append(e.code))

    def disk_full(*_args: Any, **_kwargs: Any) -> None:
        raise FieldappError("ui.required")

    saves = store.interviews.autosave
    monkeypatch.setattr(store.interviews, "autosave", disk_full)
    type_into(qtbot, window.view, "intro/respondent", "R")
    assert window.saved_label.text() == "NOT SAVED"
    assert told == ["ui.required"]
    # The disk is still full: each key keeps the red label, and the dialog comes once, not
    # in front of every letter typed.
    type_into(qtbot, window.view, "intro/respondent", "osa")
    assert window.saved_label.text() == "NOT SAVED" and told == ["ui.required"]

    monkeypatch.setattr(store.interviews, "autosave", saves)  # space freed
    type_into(qtbot, window.view, "intro/respondent", " M")
    assert window.saved_label.text().startswith("Saved")
    assert store.interviews.working_answers(submission_id)["intro/respondent"] == "Rosa M"
    monkeypatch.setattr(store.interviews, "autosave", disk_full)
    type_into(qtbot, window.view, "intro/respondent", ".")
    assert told == ["ui.required", "ui.required"], "a new failure is said again"


class SystemPlayer(QObject):
    """Stands in for the desktop's file handler: records what fieldapp asks it to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[bytes] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()).read_bytes())


def test_a_recording_plays_in_the_systems_player_also_when_finalized(
    qtbot: Any, store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pickers, "in_app_audio", lambda: None)  # as without QtMultimedia
    player = SystemPlayer()
    QDesktopServices.setUrlHandler("file", player, "open")
    try:
        submission_id = start(store)
        window = open_window(qtbot, store, submission_id)
        click(qtbot, radio(widget(window.view, "intro/consent"), "yes"))
        recording = widget(window.view, "main/recording")
        assert recording.isVisible() and not recording.play.isVisible()  # nothing to play yet
        sound = tmp_path / "entrevista.ogg"
        sound.write_bytes(b"OggS fake recording")
        recording.attach_path(sound)
        assert recording.play.isVisible() and recording.play.text() == "Play"
        click(qtbot, recording.play)
        assert player.opened == [b"OggS fake recording"]
        photo = widget(window.view, "main/photo")
        assert not photo.play.isVisible()  # pictures show, they do not play
        answers = store.interviews.working_answers(submission_id)
        answers.update({"intro/respondent": "R-2", "intro/age": 40})
        answers["mechanisms"] = [{"mech_name": "Mesa"}]
        window.editable = False
        window.close()
        store.interviews.autosave(submission_id, answers)
        store.interviews.finalize(submission_id)
        finalized = open_window(qtbot, store, submission_id)
        recording = widget(finalized.view, "main/recording")
        assert recording.play.isVisible() and recording.play.isEnabled()
        assert not recording.pick.isVisible() and not recording.remove.isVisible()
        click(qtbot, recording.play)
        assert player.opened[-1] == b"OggS fake recording"
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_the_next_interview_opens_with_the_size_and_navigator_width_left(
    qtbot: Any, store: Any
) -> None:
    window = open_window(qtbot, store, start(store))
    window.resize(window.width(), 540)  # the offscreen screen is only 800 wide
    window.view.splitter.setSizes([380, window.view.splitter.width() - 380])
    navigator = window.view.navigator.width()
    qtbot.waitUntil(lambda: window.height() == 540)
    window.close()
    again = open_window(qtbot, store, start(store))
    assert again.height() == 540
    assert again.view.navigator.width() == navigator != 300


def test_sections_hidden_by_logic_say_they_do_not_apply(qtbot: Any, store: Any) -> None:
    window = open_window(qtbot, store, start(store))
    view = window.view

    def details() -> list[str]:
        return [
            view.navigator.item(n).data(Qt.ItemDataRole.UserRole + 4)
            for n in range(view.navigator.count())
        ]

    assert all("0 of 0" not in detail for detail in details())  # consent not given yet
    assert [d == "does not apply" for d in details()] == [False] + [True] * (len(details()) - 1)
    click(qtbot, radio(widget(view, "intro/consent"), "yes"))
    assert "does not apply" not in details()


def test_questions_after_the_groups_are_named_after_the_first_of_them(
    qtbot: Any, tmp_path: Path
) -> None:
    from xlsform import write_xlsform

    path = write_xlsform(
        tmp_path / "tail.xlsx",
        survey=[
            {"type": "begin group", "name": "g", "label": "Organisation"},
            {"type": "text", "name": "org", "label": "Name"},
            {"type": "end group"},
            {"type": "text", "name": "closing", "label": "Anything else you would like to add?"},
            {"type": "text", "name": "more", "label": "Who else should we talk to?"},
        ],
        settings={"form_id": "tail", "form_title": "Tail"},
    )
    with Store.open(tmp_path / "tail.db") as tail:
        record = tail.forms.add(path)
        submission_id = tail.interviews.start(
            record.sha256, interviewer="TJ01", city="tijuana", actor_type="cso"
        )
        window = open_window(qtbot, tail, str(submission_id))
        titles = [
            window.view.navigator.item(n).data(Qt.ItemDataRole.UserRole + 3)
            for n in range(window.view.navigator.count())
        ]
        window.close()
    assert titles == ["Organisation", "Anything else you would like to add?"]


def test_switching_the_form_language_renames_sections_and_repeat_blocks(
    qtbot: Any, tmp_path: Path
) -> None:
    from xlsform import write_xlsform

    en, es = "label::English (en)", "label::Español (es)"
    path = write_xlsform(
        tmp_path / "two.xlsx",
        survey=[
            {"type": "text", "name": "code", en: "Code", es: "Código"},
            {"type": "begin repeat", "name": "people", en: "Person", es: "Persona"},
            {"type": "text", "name": "who", en: "Who", es: "Quién"},
            {"type": "end repeat"},
        ],
        settings={"form_id": "two", "form_title": "Two", "default_language": "English (en)"},
    )
    with Store.open(tmp_path / "two.db") as two:
        record = two.forms.add(path)
        submission_id = two.interviews.start(
            record.sha256, interviewer="TJ01", city="tijuana", actor_type="cso"
        )
        window = open_window(qtbot, two, str(submission_id))
        view = window.view
        view.go(1)
        block = view.nodes[("people",)]
        click(qtbot, block.add_button)
        window.set_form_language("Español (es)")  # as the app's own code may call it
        assert window.language_box.currentText() == "Español"
        assert view.navigator.item(0).data(Qt.ItemDataRole.UserRole + 3) == "Inicio"
        assert [t.text() for t in block.instance_titles] == ["Persona 1", "Persona 2"]
        window.close()


def test_a_sealed_interviews_recording_is_never_copied_out_for_another_player(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pair: crypto.KeyPair
) -> None:
    from fieldapp.core.forms.engine import Session
    from fieldapp.core.forms.loader import load_form

    path = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[{"type": "audio", "name": "recording", "label": "Recording"}],
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    monkeypatch.setattr(pickers, "in_app_audio", lambda: None)  # as without QtMultimedia
    written: list[str] = []
    monkeypatch.setattr(pickers, "playable_copy", lambda name, _content: written.append(name))
    player = SystemPlayer()
    QDesktopServices.setUrlHandler("file", player, "open")
    try:
        session = Session(load_form(path), {"recording": "entrevista.ogg"})
        view = FormView(session, attachment=lambda _name: b"OggS private words")
        qtbot.addWidget(view)
        view.show()
        recording = view.nodes[("recording",)]
        assert recording.play.isVisible()
        with pytest.raises(FieldappError) as refused:
            recording.toggle_playing()
        assert refused.value.code == "ui.sealed_no_player"
        assert "does not copy it into a file" in refused.value.text("en")
        assert written == [] and player.opened == [], "no copy of the recording on disk"
    finally:
        QDesktopServices.unsetUrlHandler("file")


@pytest.mark.parametrize(
    ("name", "content", "opened"),
    [
        ("entrevista.ogg", b"OggS voice", "recording.ogg"),
        ("run.desktop", b"[Desktop Entry]\nExec=sh -c id", None),
        ("nota.hta", b"<script>", None),
        ("disguised.ogg", b"[Desktop Entry]\nExec=sh", None),
        ("voz.ogg.desktop", b"OggS voice", None),
    ],
)
def test_the_system_player_gets_only_media_and_under_a_name_fieldapp_chose(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    opened: str | None,
) -> None:
    from fieldapp.core.forms.engine import Session
    from fieldapp.core.forms.loader import load_form

    path = write_xlsform(
        tmp_path / "open.xlsx",
        survey=[{"type": "audio", "name": "recording", "label": "Recording"}],
        settings={"form_id": "open", "version": "1"},
    )
    monkeypatch.setattr(pickers, "in_app_audio", lambda: None)  # as without QtMultimedia
    written: list[str] = []

    def copy(copy_name: str, copied: bytes) -> Path:
        written.append(copy_name)
        (tmp_path / copy_name).write_bytes(copied)
        return tmp_path / copy_name

    monkeypatch.setattr(pickers, "playable_copy", copy)
    player = SystemPlayer()
    QDesktopServices.setUrlHandler("file", player, "open")
    try:
        session = Session(load_form(path), {"recording": name})
        view = FormView(session, attachment=lambda _name: content)
        qtbot.addWidget(view)
        view.show()
        recording = view.nodes[("recording",)]
        if opened is None:
            with pytest.raises(FieldappError) as refused:
                recording.toggle_playing()
            assert refused.value.code == "ui.opener_refused"
            assert written == [] and player.opened == []
        else:
            recording.toggle_playing()
            assert written == [opened]
            assert player.opened == [content]
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_the_finalize_list_names_the_repeat_entry_of_each_problem(qtbot: Any, store: Any) -> None:
    submission_id = start(store)
    answers = {"intro/respondent": "R-1", "intro/age": 40, "intro/consent": "yes"}
    answers["mechanisms"] = [{"mech_name": "Mesa"}, {"mech_year": 2001}, {"mech_year": 2002}]
    store.interviews.autosave(submission_id, answers)
    window = open_window(qtbot, store, submission_id)
    assert not window.finalize()
    listed = [window.problem_list.item(i).text() for i in range(window.problem_list.count())]
    names = [line for line in listed if "Mechanism name" in line]
    assert [line.split(" › ")[0] for line in names] == ["Mechanism 2", "Mechanism 3"]
    window.editable = False


def answer_the_question(qtbot: Any, key: Qt.Key) -> list[str]:
    """Press ``key`` in the next question box that opens; return the text it asked."""
    asked: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            qtbot.keyClick(box, key)
        else:
            QTimer.singleShot(20, press)

    QTimer.singleShot(20, press)
    return asked


def test_a_sections_counts_wrap_instead_of_losing_what_is_to_fix(qtbot: Any) -> None:
    from PySide6.QtGui import QFontMetrics

    from fieldapp.core.forms.engine import Session
    from fieldapp.core.forms.loader import load_form
    from fieldapp.core.study import study_form
    from fieldapp.ui.form_parts import DETAIL_ROLE

    # Spanish at the navigator's narrowest: "… faltan 4 obligatorias · 2 po…" on one line
    answers = {"city": "tijuana", "interviewer": "tj3", "interview_date": "2030-01-01"}
    session = Session(load_form(study_form("cso")), answers, language="Español (es)")
    view = FormView(session)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, 150)  # laid out at its first width: a narrower one must lay it out again
    view.splitter.setSizes([1, 899])  # the navigator at its minimum width
    qtbot.waitUntil(lambda: view.navigator.width() < 260)
    navigator = view.navigator
    detail = navigator.item(0).data(DETAIL_ROLE)
    assert "2 por corregir" in detail
    metrics = QFontMetrics(navigator.font())
    assert metrics.horizontalAdvance(detail) > navigator.viewport().width()  # one line: cut
    one_line = navigator.visualItemRect(navigator.item(1)).height()
    assert "·" not in navigator.item(1).data(DETAIL_ROLE)  # "no aplica": one line
    two_lines = one_line + metrics.height() - 3  # a second line of the smaller counts font
    qtbot.waitUntil(lambda: navigator.visualItemRect(navigator.item(0)).height() >= two_lines)


def test_an_answer_longer_than_fieldapp_saves_is_said_at_the_question_and_kept_in_the_draft(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transcript pasted into a note: every merge refuses an answer past 100,000
    characters, so the store will not save it as a revision. The researcher learns it at
    the question, as she pastes, not from an error when she closes; nothing is lost."""
    from fieldapp.core.forms.xpath.functions import MAX_TEXT
    from fieldapp.ui import interview_window

    told: list[str] = []
    monkeypatch.setattr(interview_window, "show_error", lambda _w, e: told.append(e.code))
    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    click(qtbot, radio(widget(window.view, "intro/consent"), "yes"))  # the story is asked
    story = widget(window.view, "main/story")
    pasted = "relato " * (MAX_TEXT // 7 + 10)
    story.edit.setPlainText(pasted)
    story.edit.setFocus()
    leave(qtbot, story)
    assert "100,000" in story.error.text() and not story.error.isHidden()
    problems = [p for p in window.view.session.problems() if "100,000" in p.message]
    assert problems, "finalizing must stop at the question"
    # autosave kept every character in the working copy
    assert store.interviews.working_answers(submission_id)["main/story"] == pasted
    window.close()
    assert told == ["rows.write_refused"]  # the revision is refused, and said once
    assert store.interviews.working_answers(submission_id)["main/story"] == pasted
