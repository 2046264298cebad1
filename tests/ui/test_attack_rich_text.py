"""A hostile laptop's package puts markup where the supervisor's desks show its labels.

Qt shows a label, or a tooltip, as rich text when a tag it knows comes before the first
line break (``GuiQt.mightBeRichText``). An interviewer named ``NL01 · Approved<b></b><!--``
(merge takes any one-line label) made the review heading and the interview window's
state line rich text: the comment swallowed what fieldapp wrote after the name, so a
returned interview read "Interviewer NL01 · Approved" and its heading lost "returned 1×
before" (and, in a conflict, the warning). A form title did the same to the list's
tooltip, and an interviewer to the devices desk's. Every such text now shows as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QLabel, QWidget
from xlsform import write_xlsform

from fieldapp.cli import main

HIDING = "<b></b><!--"
"""A tag Qt knows (so the text is rich), then a comment that hides the rest."""
INTERVIEWER = f"NL01 · Approved{HIDING}"
TITLE = f"Informe{HIDING}"


def shown(text: str, rich: bool) -> str:
    """What Qt puts on the screen for ``text`` (a label's or a tooltip's)."""
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_shown(label: QLabel) -> str:
    automatic = label.textFormat() == Qt.TextFormat.AutoText
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        automatic and GuiQt.mightBeRichText(label.text())
    )
    return shown(label.text(), rich)


def tip_shown(tip: str) -> str:
    return shown(tip, GuiQt.mightBeRichText(tip))


def _held(text: str) -> bool:
    return "<!--" in text or "&lt;!--" in text


def _hostile_texts() -> list[tuple[str, str]]:
    """(where, shown) of every label and tooltip holding the hostile markup, escaped or not."""
    found: list[tuple[str, str]] = []
    for widget in QApplication.allWidgets():
        tip = widget.toolTip()
        if _held(tip):
            found.append((f"tooltip of {widget.objectName()}", tip_shown(tip)))
        if isinstance(widget, QLabel) and _held(widget.text()):
            found.append((widget.objectName(), label_shown(widget)))
        model = widget.model() if isinstance(widget, QAbstractItemView) else None
        if model is None or isinstance(widget, QHeaderView):
            continue
        top = QModelIndex()
        try:
            columns = model.columnCount(top)
        except TypeError:  # a list model's columnCount is not Python's to call
            columns = 1
        for row in range(model.rowCount(top)):
            for column in range(columns):
                tip = str(model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) or "")
                if _held(tip):
                    found.append((f"{widget.objectName()} row {row}", tip_shown(tip)))
    return found


def _supervisor(tmp_path: Path) -> tuple[Path, str, str]:
    from fieldapp.core.store import Store

    form = write_xlsform(
        tmp_path / "informe.xlsx",
        [{"type": "text", "name": "a", "label": "A"}],
        settings={"form_id": "informe", "version": "1", "form_title": TITLE},
    )
    hostile = tmp_path / "hostile.db"
    with Store.open(hostile) as store:
        sha = store.forms.add(form).sha256
        submission = store.interviews.start(
            sha, interviewer=INTERVIEWER, city="tijuana", actor_type="cso", answers={"a": "x"}
        )
        store.interviews.finalize(submission)
        # Returned on that laptop before the study had a supervisor (any laptop may).
        store.review.return_interview(submission, comment="fix", author="Rosa")
        waiting = store.interviews.start(
            sha, interviewer=INTERVIEWER, city="tijuana", actor_type="cso", answers={"a": "y"}
        )
        store.interviews.finalize(waiting)
    supervisor = tmp_path / "supervisor.db"
    assert main(["merge", "--into", str(supervisor), str(hostile)]) == 0
    return supervisor, submission, waiting


def test_a_packages_markup_hides_nothing_fieldapp_says_after_it(qtbot: Any, tmp_path: Path) -> None:
    from fieldapp.ui.main_window import MainWindow

    supervisor, submission, waiting = _supervisor(tmp_path)
    window = MainWindow(supervisor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    review = window.open_review()
    review.show_interview(submission)
    opened = window.open_interview(submission)
    devices = window.open_devices()
    QApplication.processEvents()
    try:
        heading = label_shown(review.heading)
        assert heading.endswith(f"{INTERVIEWER} · returned 1× before"), heading
        state = label_shown(opened.state_label)
        assert state == f"Interviewer {INTERVIEWER} · Returned for changes", state
        review.show_interview(waiting)
        review.reviewer_edit.setText("Rosa")
        assert review.approve()  # "Approved: <its name>" names it as the heading did
        review.show_interview(submission)
        QApplication.processEvents()
        found = _hostile_texts()
        places = {where.split(" row ")[0] for where, _ in found}
        assert {"reviewHeading", "stateLabel", "lastDecision"} <= places
        assert len(places) >= 4, places  # the list's tooltip, the devices desk's
        for where, on_screen in found:
            assert HIDING in on_screen, (where, on_screen)
        tips = [on_screen for _, on_screen in found if on_screen.startswith(TITLE)]
        named = {f"{TITLE} · {submission}", f"{TITLE} · {waiting}"}
        assert tips and set(tips) <= named
    finally:
        for desk in (review, opened, devices):
            desk.close()
        window.close()
        window.store.close()


def test_an_error_message_shows_every_word_of_what_it_names(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message box read its message as markup: an XML file whose root is <table> (a
    data file opened as a form) turned the rest of the advice into an empty table, and a
    file name a package brought could hide it behind a comment."""
    from PySide6.QtWidgets import QMessageBox

    from fieldapp.core.messages import FieldappError
    from fieldapp.ui.errors import show_error

    said: list[str] = []

    def shown_box(box: QMessageBox) -> int:
        rich = box.textFormat() == Qt.TextFormat.RichText or (
            box.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(box.text())
        )
        said.append(shown(box.text(), rich))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_box)
    for error in (
        FieldappError("xform.not_an_xform", file="datos.xml", root="table"),
        FieldappError("xform.not_an_xform", file=f"informe{HIDING}.xml", root="data"),
    ):
        show_error(None, error)
        assert said.pop() == error.text("en")


def test_an_answer_a_hint_repeats_shows_as_it_was_typed(qtbot: Any, tmp_path: Path) -> None:
    """A hint piping an answer (``${org}``) showed a hostile package's answer as markup in
    the supervisor's review, hiding the rest of the hint; the label beside it was escaped."""
    from fieldapp.core.store import Store
    from fieldapp.ui.main_window import MainWindow

    form = write_xlsform(
        tmp_path / "hint.xlsx",
        [
            {"type": "text", "name": "org", "label": "Organisation"},
            {
                "type": "integer",
                "name": "members",
                "label": "Members of ${org}",
                "hint": "Of ${org}, count only those paid.",
                "constraint": ". < 0",
                "constraint_message": "Members of ${org}: a number below zero, please.",
            },
        ],
        settings={"form_id": "hint", "version": "1"},
    )
    hostile = tmp_path / "hostile.db"
    answer = f"Red{HIDING}"
    with Store.open(hostile) as store:
        sha = store.forms.add(form).sha256
        submission = store.interviews.start(
            sha,
            interviewer="NL01",
            city="tijuana",
            actor_type="cso",
            answers={"org": answer, "members": 3},
        )
    supervisor = tmp_path / "supervisor.db"
    assert main(["merge", "--into", str(supervisor), str(hostile)]) == 0
    window = MainWindow(supervisor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    review = window.open_review()
    review.show_interview(submission)
    QApplication.processEvents()
    try:
        question = review.findChild(QWidget, "q_members")
        assert question is not None
        question.touched = True
        question.show_problem()
        hint = question.findChild(QLabel, "hint")
        error = question.findChild(QLabel, "error")
        assert label_shown(hint) == f"Of {answer}, count only those paid."
        assert label_shown(error) == f"Members of {answer}: a number below zero, please."
    finally:
        review.close()
        window.close()
        window.store.close()


def test_a_sticks_file_name_and_a_forms_title_show_as_written_in_their_dialogs(
    qtbot: Any, tmp_path: Path
) -> None:
    """The merge dialog's tooltips (the file's path, what its merge did) and the forms
    dialog's (a form's title) read a package's file name and title as markup."""
    from fieldapp.core.store import Store
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.merge_dialog import MergeDialog

    supervisor, _, _ = _supervisor(tmp_path)
    stick = tmp_path / "laptop<b><!--.fieldapp"  # a tag, a comment, and no slash
    stick.write_bytes((tmp_path / "hostile.db").read_bytes())
    with Store.open(supervisor):
        pass
    window = MainWindow(supervisor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    merge = MergeDialog(supervisor, window, hides_sealed=lambda: False, state=window.state)
    qtbot.addWidget(merge)
    merge.show()
    forms = None
    try:
        merge.add_sources([stick])
        with qtbot.waitSignal(merge.merged, timeout=20_000):
            merge.merge_button.click()
        forms = window.open_forms()
        QApplication.processEvents()
        found = _hostile_texts()
        tips = [shown for _, shown in found]
        assert any(tip.startswith(str(stick.parent)) and tip.endswith(stick.name) for tip in tips)
        assert any(tip == TITLE for tip in tips), tips
        for where, on_screen in found:
            assert HIDING in on_screen or "<b><!--" in on_screen, (where, on_screen)
    finally:
        merge.close()
        if forms is not None:
            forms.close()
        window.close()
        window.store.close()
