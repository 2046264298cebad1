"""The New interview dialog: which form (actor), which city, who interviews."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store.records import version_key
from fieldapp.core.study import ACTOR_TYPES
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import CITY_NAMES, actor_title
from fieldapp.ui.named import named

CITIES = dict(CITY_NAMES)
"""The study's four cities (code -> name), used when a form has no ``city`` list."""
INTERVIEWER_SETTING = "interview/interviewer"
CITY_SETTING = "interview/city"


def city_choices(form: Any, language: str) -> list[tuple[str, str]]:
    """Return (code, name) of the form's own city list, else the study's four cities."""
    lists = getattr(form, "choice_lists", {}) or {}
    for question in form.questions() if form is not None else ():
        if question.name == "city" and question.choices is not None:
            return [(c.name, c.label(language)) for c in question.choices.choices]
    for name in ("city", "cities", "ciudad"):
        if name in lists:
            return [(c.name, c.label(language)) for c in lists[name].choices]
    return list(CITIES.items())


def form_label(record: Any, load_form: Any) -> str:
    """Name a form by its actor ("Civil society"), else by its title."""
    from fieldapp.core.demo import actor_of

    try:
        actor = actor_of(load_form(record.sha256))
    except FieldappError:
        actor = ""
    title = str(record.title or record.form_id)
    if actor in ACTOR_TYPES:
        return f"{actor_title(actor)} — {title}"
    return title


def versions_by_form(forms: list[Any]) -> dict[str, list[Any]]:
    """Group form versions by form id, each newest first by the form's own ``version``.

    Never by when a version arrived (``added_at``, a device's clock): see ``VERSION_ORDER``.
    """
    grouped: dict[str, list[Any]] = {}
    for record in forms:
        grouped.setdefault(record.form_id, []).append(record)
    for records in grouped.values():
        records.sort(key=lambda r: version_key(str(r.version), str(r.sha256)), reverse=True)
    return grouped


class NewInterviewDialog(QDialog):
    """Ask for the form, its version, the city and the interviewer code.

    ``forms`` may hold several versions of a form: the form list names each form once,
    and a version list (shown only then) offers each held version by title and version,
    the newest by ``version`` chosen until the interviewer picks another.
    """

    def __init__(self, forms: list[Any], load_form: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newInterviewDialog")
        self.setWindowTitle(self.tr("New interview"))
        self._load_form = load_form
        self.form_box = named(QComboBox(), "formBox")
        for versions in versions_by_form(forms).values():
            newest = versions[0]
            self.form_box.addItem(form_label(newest, load_form), versions)
            self.form_box.setItemData(  # the technical name, for whoever needs it
                self.form_box.count() - 1,
                f"{newest.form_id} v{newest.version}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.version_box = named(QComboBox(), "versionBox")
        self.version_label = QLabel(text("ui.form_version_label", current_language()))
        self.version_label.setBuddy(self.version_box)
        self.city_box = named(QComboBox(), "cityBox")
        self.interviewer_edit = named(QLineEdit(), "interviewerEdit")
        self.interviewer_edit.setPlaceholderText(self.tr("e.g. TJ03"))
        self.interviewer_edit.setText(str(QSettings().value(INTERVIEWER_SETTING, "")))
        self.problem = named(QLabel(), "problemLabel")
        self.problem.setWordWrap(True)
        self.problem.setProperty("role", "error")
        self.problem.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Form (actor):"), self.form_box)
        form.addRow(self.version_label, self.version_box)
        form.addRow(self.tr("&City:"), self.city_box)
        form.addRow(self.tr("&Interviewer code:"), self.interviewer_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start interview"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        # The dialog grows to show a message instead of squeezing the rows above it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(460)
        self.interviewer_edit.textChanged.connect(self._forget_problem)
        self.form_box.currentIndexChanged.connect(self._forget_problem)

        self.form_box.currentIndexChanged.connect(self._fill_versions)
        self.version_box.currentIndexChanged.connect(self._forget_problem)
        self.version_box.currentIndexChanged.connect(self._fill_cities)
        self._fill_versions()
        if self.interviewer_edit.text():
            self.city_box.setFocus()

    def _fill_versions(self) -> None:
        """List the held versions of the chosen form, newest first and chosen."""
        versions = self.form_box.currentData() or []
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for record in versions:
            item = text(
                "ui.form_version_item",
                current_language(),
                title=str(record.title or record.form_id),
                version=str(record.version),
            )
            self.version_box.addItem(item, record)
        self.version_box.setCurrentIndex(0 if versions else -1)
        self.version_box.blockSignals(False)
        several = len(versions) > 1
        self.version_label.setVisible(several)
        self.version_box.setVisible(several)
        self._fill_cities()

    def _fill_cities(self) -> None:
        # the interview window pulls in the whole form engine: not at start-up
        from fieldapp.core.forms.model import form_language_for

        record = self.version_box.currentData()
        form = self._load_form(record.sha256) if record is not None else None
        remembered = str(QSettings().value(CITY_SETTING, ""))
        self.city_box.clear()
        for code, name in city_choices(
            form, form_language_for(form, current_language()) if form is not None else "default"
        ):
            self.city_box.addItem(name, code)
        if remembered:
            found = self.city_box.findData(remembered)
            if found >= 0:
                self.city_box.setCurrentIndex(found)

    def _forget_problem(self) -> None:
        """A changed code or form: the old message no longer applies (Start checks again)."""
        if self.problem.isVisible():
            self.problem.hide()
            self.problem.clear()
            self.adjustSize()

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.show()
        self.adjustSize()
        self.interviewer_edit.setFocus()

    def accept(self) -> None:
        if not self.interviewer_edit.text().strip():
            self._say(text("ui.interviewer_missing", current_language()))
            return
        refused = self.code_refused()
        if refused and self.interviewer() != self.interviewer().upper():
            # "tj03" for TJ03: the form's rule says what a code looks like, and capitals
            # are the only difference; take them rather than refuse (shown in the box).
            typed = self.interviewer_edit.text()
            self.interviewer_edit.setText(typed.upper())
            refused = self.code_refused()
            if refused:
                self.interviewer_edit.setText(typed)
        if refused:
            self._say(refused)
            return
        QSettings().setValue(INTERVIEWER_SETTING, self.interviewer().strip())
        QSettings().setValue(CITY_SETTING, self.city())
        super().accept()

    def code_refused(self) -> str | None:
        """Return the form's own message when its ``interviewer`` question refuses the code."""
        from fieldapp.core.forms.engine import Session
        from fieldapp.core.forms.model import form_language_for

        record = self.version_box.currentData()
        form = self._load_form(record.sha256) if record is not None else None
        if form is None or not any(q.key == "interviewer" for q in form.questions()):
            return None
        language = form_language_for(form, current_language())
        session = Session(form, {"interviewer": self.interviewer()}, language=language)
        error = session.state(("interviewer",)).error
        return str(error) if error else None

    def form_record(self) -> Any:
        """Return the chosen form version (the newest by ``version`` unless another was picked)."""
        return self.version_box.currentData()

    def city(self) -> str:
        return str(self.city_box.currentData() or "")

    def interviewer(self) -> str:
        return self.interviewer_edit.text().strip()
