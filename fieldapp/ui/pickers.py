"""Question widgets that pick rather than type: dates and times, ranges, ranks, places, files.

Each has a real "not answered" state: an unanswered date is not today's date, an
unanswered slider is not its minimum.
"""

from __future__ import annotations

import atexit
import math
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QDate,
    QDateTime,
    QEvent,
    QRegularExpression,
    Qt,
    QTime,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.forms.model import Choice, Question, QuestionType, Ref, Value
from fieldapp.core.media import IMAGE_EXTENSIONS
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.store.files import check_attachment_size
from fieldapp.ui import file_dialogs
from fieldapp.ui.date_keys import TypedDateEdit, TypedDateTimeEdit, TypedTimeEdit
from fieldapp.ui.i18n import QT_TRANSLATE_NOOP, current_language, translate
from fieldapp.ui.named import named
from fieldapp.ui.question_widgets import (
    SOURCE_TEXT,
    AcknowledgeWidget,
    CheckboxesWidget,
    ComboWidget,
    Host,
    LineWidget,
    LongTextWidget,
    NoteWidget,
    QuestionWidget,
    RadioWidget,
    link_button,
    texted,
)


def _row(*widgets: QWidget, stretch: bool = True) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return box


class DateTimeWidget(QuestionWidget):
    """date, time, datetime: "Not answered · Set" until set; then an editor and Clear."""

    def build_editor(self) -> QWidget | None:
        kind = self.question.type
        if kind is QuestionType.DATE:
            self.edit: QDateTimeEdit = named(TypedDateEdit(), "editor")
            self.edit.setDisplayFormat("yyyy-MM-dd")
        elif kind is QuestionType.TIME:
            self.edit = named(TypedTimeEdit(), "editor")
            self.edit.setDisplayFormat("HH:mm")
        else:
            self.edit = named(TypedDateTimeEdit(), "editor")
            self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        if kind is not QuestionType.TIME:
            self.edit.setCalendarPopup(True)
        self.edit.setMinimumWidth(170)
        self.edit.editingFinished.connect(self.leave)
        self.edit.dateTimeChanged.connect(lambda _: self._edited())
        self.unset_label = texted(
            named(QLabel(), "unset"), QT_TRANSLATE_NOOP("Questions", "Not answered")
        )
        self.unset_label.setProperty("role", "hint")
        self.set_button = texted(
            named(QPushButton(), "setValue"), QT_TRANSLATE_NOOP("Questions", "Set")
        )
        self.set_button.clicked.connect(self._set_now)
        self.clear_button = link_button(QT_TRANSLATE_NOOP("Questions", "Clear"), "clear")
        self.clear_button.clicked.connect(lambda: self.commit(None))
        self.stack = QStackedWidget()
        self.stack.addWidget(_row(self.unset_label, self.set_button))
        self.stack.addWidget(_row(self.edit, self.clear_button))
        self.stack.setSizePolicy(
            self.stack.sizePolicy().horizontalPolicy(), self.edit.sizePolicy().verticalPolicy()
        )
        self._setting = False
        return self.stack

    def _set_now(self) -> None:
        self._setting = True
        self.edit.setDateTime(QDateTime.currentDateTime())
        self._setting = False
        self.stack.setCurrentIndex(1)
        self.edit.setFocus()
        self.commit(self.encode())

    def encode(self) -> str:
        kind = self.question.type
        if kind is QuestionType.DATE:
            return str(self.edit.date().toString("yyyy-MM-dd"))
        if kind is QuestionType.TIME:
            return str(self.edit.time().toString("HH:mm:ss"))
        return str(self.edit.dateTime().toString("yyyy-MM-ddTHH:mm:ss"))

    def _edited(self) -> None:
        if not self._setting and self.stack.currentIndex() == 1:
            self.commit(self.encode())

    def set_value(self, value: Value) -> None:
        if value in (None, ""):
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        if self.encode() == value:
            return
        raw = str(value)
        self._setting = True
        kind = self.question.type
        if kind is QuestionType.DATE:
            self.edit.setDate(QDate.fromString(raw[:10], "yyyy-MM-dd"))
        elif kind is QuestionType.TIME:
            self.edit.setTime(QTime.fromString(raw[:8], "HH:mm:ss"))
        else:
            self.edit.setDateTime(QDateTime.fromString(raw[:19], "yyyy-MM-ddTHH:mm:ss"))
        self._setting = False

    def focus_editor(self) -> None:
        (self.edit if self.stack.currentIndex() else self.set_button).setFocus()


class RangeWidget(QuestionWidget):
    """range: a slider over start..end by step, with the chosen number beside it."""

    def build_editor(self) -> QWidget | None:
        params = self.question.parameters
        self.start = float(params.get("start", 1))
        self.end = float(params.get("end", 10))
        self.step = float(params.get("step", 1)) or 1.0
        self.is_int = all(float(v).is_integer() for v in (self.start, self.end, self.step))
        self.slider = named(QSlider(Qt.Orientation.Horizontal), "editor")
        self.focus_target = self.slider
        self.slider.setRange(0, max(1, round((self.end - self.start) / self.step)))
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setMinimumWidth(280)
        self.slider.setPageStep(1)
        self.slider.sliderReleased.connect(self._chosen)
        self.slider.actionTriggered.connect(lambda _: self._chosen_later())
        self.value_label = named(QLabel("—"), "rangeValue")
        self.value_label.setMinimumWidth(48)
        self.value_label.setProperty("role", "rangeValue")
        low, high = QLabel(self._show(self.start)), QLabel(self._show(self.end))
        for bound in (low, high):
            bound.setProperty("role", "hint")
        self.clear_button = link_button(QT_TRANSLATE_NOOP("Questions", "Clear"), "clear")
        self.clear_button.clicked.connect(lambda: self.commit(None))
        self.clear_button.hide()
        return _row(low, self.slider, high, self.value_label, self.clear_button)

    def _show(self, number: float) -> str:
        return str(int(number)) if self.is_int else f"{number:g}"

    def _number(self, position: int) -> int | float:
        number = self.start + position * self.step
        return round(number) if self.is_int else round(number, 10)

    def _chosen_later(self) -> None:
        # actionTriggered fires before the slider moves; read the new position afterwards
        QTimer.singleShot(0, self._chosen)

    def _chosen(self) -> None:
        self.commit(self._number(self.slider.value()))

    def set_value(self, value: Value) -> None:
        answered = isinstance(value, int | float)
        self.slider.blockSignals(True)
        if answered:
            self.slider.setValue(round((float(value) - self.start) / self.step))  # type: ignore[arg-type]
        else:
            self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.slider.setProperty("unset", not answered)
        self.value_label.setText(self._show(float(value)) if answered else "—")  # type: ignore[arg-type]
        self.clear_button.setVisible(answered)


class RankWidget(QuestionWidget):
    """rank: drag the choices (or use Up/Down) into order; unanswered until ordered."""

    def build_editor(self) -> QWidget | None:
        self.items = named(QListWidget(), "editor")
        self.focus_target = self.items
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.model().rowsMoved.connect(lambda *_: self._ordered())
        self.up = texted(named(QPushButton(), "up"), QT_TRANSLATE_NOOP("Questions", "Up"))
        self.down = texted(named(QPushButton(), "down"), QT_TRANSLATE_NOOP("Questions", "Down"))
        self.keep = texted(
            named(QPushButton(), "keep"), QT_TRANSLATE_NOOP("Questions", "Keep this order")
        )
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.keep.clicked.connect(self._ordered)
        self.clear_button = link_button(QT_TRANSLATE_NOOP("Questions", "Clear"), "clear")
        self.clear_button.clicked.connect(lambda: self.commit(None))
        self.status = named(QLabel(), "rankStatus")
        self.status.setProperty("role", "hint")
        self.choices: tuple[Choice, ...] = ()
        if self.question.choices is not None:
            self.choices = self.question.choices.choices
        self._fill([c.name for c in self.choices])
        buttons = QVBoxLayout()
        for button in (self.up, self.down, self.keep):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        column.addWidget(self.items)
        column.addWidget(_row(self.status, self.clear_button))
        layout.addLayout(column, 1)
        layout.addLayout(buttons)
        return box

    def relabel(self) -> None:
        if self.state is not None:
            self.set_value(self.state.value)

    def _fill(self, order: list[str]) -> None:
        rows = max(1, len(order))
        self.items.setFixedHeight(min(12, rows) * self.items.fontMetrics().height() + 14)
        labels = {c.name: c.label(self.host.language) for c in self.choices}
        self.items.clear()
        for number, name in enumerate(order, 1):
            item = QListWidgetItem(f"{number}. {labels.get(name, name)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.items.addItem(item)

    def order(self) -> list[str]:
        return [
            self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
        ]

    def _move(self, delta: int) -> None:
        row = self.items.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.items.count():
            return
        order = self.order()
        order.insert(target, order.pop(row))
        self._fill(order)
        self.items.setCurrentRow(target)
        self._ordered()

    def _ordered(self) -> None:
        self.commit(self.order())

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        if tuple(c.name for c in choices) != tuple(c.name for c in self.choices):
            self.choices = choices
            self._fill([c.name for c in choices])

    def set_value(self, value: Value) -> None:
        answered = isinstance(value, list) and bool(value)
        if answered and value != self.order():
            assert isinstance(value, list)
            rest = [c.name for c in self.choices if c.name not in value]
            self._fill([*value, *rest])
        elif not answered:
            self._fill([c.name for c in self.choices])
        self.status.setText(
            translate("Questions", "Ranked")
            if answered
            else translate("Questions", "Not ranked yet")
        )
        self.clear_button.setVisible(answered)


class GeopointWidget(QuestionWidget):
    """geopoint typed in: latitude and longitude in decimal degrees."""

    typed = True

    def build_editor(self) -> QWidget | None:
        number = QRegularExpressionValidator(QRegularExpression(r"-?\d{0,3}([.,]\d{0,8})?"))
        self.lat = named(QLineEdit(), "latitude")
        self.focus_target = self.lat
        self.lon = named(QLineEdit(), "longitude")
        for edit, placeholder in ((self.lat, "32.5149"), (self.lon, "-117.0382")):
            edit.setValidator(number)
            edit.setPlaceholderText(placeholder)
            edit.setMaximumWidth(140)
            edit.textEdited.connect(lambda _: self._edited())
            edit.installEventFilter(self)
        self.lat_label = texted(QLabel(), QT_TRANSLATE_NOOP("Questions", "Latitude"))
        self.lon_label = texted(QLabel(), QT_TRANSLATE_NOOP("Questions", "Longitude"))
        return _row(self.lat_label, self.lat, self.lon_label, self.lon)

    def _coordinates(self) -> tuple[float, float] | None:
        try:
            lat = float(self.lat.text().replace(",", "."))
            lon = float(self.lon.text().replace(",", "."))
        except ValueError:
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
            return None
        return lat, lon

    def _edited(self) -> None:
        point = self._coordinates()
        self._local_error = ""
        self.commit(f"{point[0]:g} {point[1]:g} 0 0" if point else None)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            # moving from latitude to longitude is not leaving the question: look once
            # the focus has landed
            QTimer.singleShot(0, self._left)
        return False

    def _left(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            return
        typed = bool(self.lat.text() or self.lon.text())
        if typed and self._coordinates() is None:
            self.set_local_error(text("ui.bad_geopoint", current_language()))
        self.leave()

    def set_value(self, value: Value) -> None:
        if value in (None, ""):
            if self._coordinates() is not None:
                self.lat.clear()
                self.lon.clear()
            return
        parts = str(value).split()
        if len(parts) >= 2 and self._coordinates() != (float(parts[0]), float(parts[1])):
            self.lat.setText(parts[0])
            self.lon.setText(parts[1])

    def set_readonly(self, readonly: bool) -> None:
        self.lat.setReadOnly(readonly)
        self.lon.setReadOnly(readonly)


FILE_FILTERS = {
    QuestionType.IMAGE: ("ui.file_dialog_images", " ".join("*" + end for end in IMAGE_EXTENSIONS)),
    QuestionType.AUDIO: ("ui.file_dialog_audio", "*.mp3 *.m4a *.wav *.ogg *.aac *.amr *.flac"),
    QuestionType.VIDEO: ("ui.file_dialog_video", "*.mp4 *.mov *.avi *.mkv *.3gp *.webm"),
}
"""The files a media question's Attach dialog lists first: (its name's message, patterns)."""


def file_filter(kind: QuestionType) -> str:
    """The Attach dialog's types in the app's language, as its other words are: the
    question's media kind, then every file (a file question: every file only)."""
    language = current_language()
    every = f"{text('ui.file_dialog_all_files', language)} (*)"
    if kind not in FILE_FILTERS:
        return every
    name, patterns = FILE_FILTERS[kind]
    return f"{text(name, language)} ({patterns});;{every}"


PLAYABLE = (QuestionType.AUDIO, QuestionType.VIDEO)


def in_app_audio() -> Any:
    """Return (QMediaPlayer, QAudioOutput), or None when QtMultimedia cannot load here.

    The full PySide6 ships QtMultimedia, but it needs the system's sound libraries
    (libpulse on Linux); without them recordings open in the system's player instead.
    """
    try:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    except ImportError:
        return None
    return QMediaPlayer, QAudioOutput


def in_app_video() -> Any:
    """Return QVideoWidget, or None when QtMultimedia's widgets cannot load here."""
    if in_app_audio() is None:
        return None
    try:
        from PySide6.QtMultimediaWidgets import QVideoWidget
    except ImportError:
        return None
    return QVideoWidget


_play_folder: list[Path] = []


def playable_copy(name: str, content: bytes) -> Path:
    """Write an attachment where only this user can read it, for the system's player.

    The folder goes when fieldapp exits (a player may still hold the file until then);
    one a killed run left is swept by the next start (``leftovers.sweep_play_folders``).
    """
    if not _play_folder:
        from fieldapp.core.leftovers import play_folder

        folder = play_folder()  # mode 0700
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _play_folder.append(folder)
    path = _play_folder[0] / (Path(name).name or "attachment")
    path.write_bytes(content)
    return path


class AttachmentWidget(QuestionWidget):
    """image, audio, video, file: pick a file, see a preview, play a recording, remove it."""

    def build_editor(self) -> QWidget | None:
        self.pick = texted(
            named(QPushButton(), "attach"), QT_TRANSLATE_NOOP("Questions", "Attach file…")
        )
        self.focus_target = self.pick
        self.pick.clicked.connect(self.choose_file)
        self.remove = link_button(QT_TRANSLATE_NOOP("Questions", "Remove"), "remove")
        self.remove.clicked.connect(lambda: self.commit(None))
        # a button, not a link: a finalized interview hides its links but still plays
        self.play = texted(named(QPushButton(), "play"), QT_TRANSLATE_NOOP("Questions", "Play"))
        self.play.clicked.connect(self.toggle_playing)
        self.player: Any = None
        self.video_screen: Any = None  # a video's own window while it plays
        self.preview = named(QLabel(), "preview")
        self.preview.setProperty("role", "preview")
        self.name_label = named(QLabel(), "fileName")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(_row(self.pick, self.name_label, self.play, self.remove))
        self.shown: object = object()  # nothing shown yet, not even "no file"
        self.set_value(None)
        return box

    def relabel(self) -> None:
        shown, self.shown = self.shown, object()
        self.set_value(shown)  # type: ignore[arg-type]

    def choose_file(self) -> None:
        path = file_dialogs.open_file(
            self,
            translate("Questions", "Attach a file"),
            "",
            file_filter(self.question.type),
        )
        if path:
            self.attach_path(Path(path))

    def attach_path(self, path: Path) -> None:
        """Store the file's bytes and answer with its name."""
        try:
            # Said before a byte is read: a file too large would fill the memory first.
            check_attachment_size(path.name, path.stat().st_size)
            content = path.read_bytes()
        except OSError as error:
            raise FieldappError(
                "ui.file_unreadable", path=path.name, reason=os_reason(error)
            ) from None
        self.commit(self.host.attach(path.name, content))

    def set_value(self, value: Value) -> None:
        if value == self.shown:
            return
        self.shown = value
        attached = value not in (None, "")
        self.stop_playing()
        self.remove.setVisible(attached)
        self.play.setVisible(attached and self.question.type in PLAYABLE)
        self.pick.setText(
            translate("Questions", "Replace…")
            if attached
            else translate("Questions", "Attach file…")
        )
        self.preview.clear()
        self.preview.hide()
        if not attached:
            self.name_label.setText(translate("Questions", "No file attached"))
            return
        # Only a picture is read, to preview it: a recording's size is looked up, so that
        # showing its name does not hold a second copy of an hour of sound in memory.
        image = self.question.type is QuestionType.IMAGE
        content = self.host.attachment(str(value)) if image else None
        stored = len(content) if content is not None else self.host.attachment_size(str(value))
        size = f" · {stored / 1024:.0f} KB" if stored is not None else ""
        self.name_label.setText(f"{value}{size}")
        if image and content:
            pixmap = QPixmap()
            if pixmap.loadFromData(content):
                self.preview.setPixmap(
                    pixmap.scaled(
                        240,
                        160,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                self.preview.show()

    def set_readonly(self, readonly: bool) -> None:
        readonly = readonly or self.host.readonly
        self.pick.setEnabled(not readonly)
        self.pick.setVisible(not self.host.readonly)
        self.remove.setEnabled(not readonly)

    def toggle_playing(self) -> None:
        """Play the recording (in the app when it can, else in the system's player); stop it."""
        if self.player is not None:
            self.stop_playing()
            return
        name = str(self.shown)
        content = self.host.attachment(name)
        if content is None:
            raise FieldappError("ui.attachment_missing", name=name)
        video = in_app_video() if self.question.type is QuestionType.VIDEO else None
        audio = in_app_audio() if self.question.type is QuestionType.AUDIO or video else None
        if audio is None:
            if self.host.sealed:
                # a copy on disk for another program would outlive the interview's sealing
                raise FieldappError("ui.sealed_no_player", name=name)
            from fieldapp.core.media import opener_name

            # The system opener picks a program by name and content: media types only.
            safe_name = opener_name(self.question.type.value, name, content)
            if safe_name is None:
                raise FieldappError("ui.opener_refused", name=name)
            copy = playable_copy(safe_name, content)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
                raise FieldappError("ui.no_player", name=name)
            return
        player_class, output_class = audio
        self.player = player_class(self)
        # The player reads the recording on its own thread, until its destructor has
        # waited for that thread: the bytes are the player's child, so they go after it
        # (a child of this widget went first, and closing the interview while a video
        # loaded crashed the app).
        buffer = QBuffer(self.player)
        buffer.setData(content)
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self.player.setAudioOutput(output_class(self.player))
        if video is not None:  # its own small window, closed with Stop or at the end
            self.video_screen = named(video(self), "videoScreen")
            self.video_screen.setWindowFlag(Qt.WindowType.Window)
            self.video_screen.setWindowTitle(name)
            self.video_screen.resize(640, 360)
            self.player.setVideoOutput(self.video_screen)
            self.video_screen.show()
        self.player.setSourceDevice(buffer, QUrl(name))  # from memory: no copy on disk
        self.player.mediaStatusChanged.connect(self._media_status)
        self.player.play()
        texted(self.play, QT_TRANSLATE_NOOP("Questions", "Stop"))

    def _media_status(self, status: Any) -> None:
        if status.name in ("EndOfMedia", "InvalidMedia"):
            self.stop_playing()

    def stop_playing(self) -> None:
        player, self.player = self.player, None
        if player is not None:
            player.stop()
            # No source: the player ends its reading thread now, not when it is deleted
            # later (Stop on a file still opening, "moov atom not found", left the
            # thread on the bytes and the picture while the widgets went).
            player.setSource(QUrl())
            player.deleteLater()
        screen, self.video_screen = self.video_screen, None
        if screen is not None:
            screen.close()
            screen.deleteLater()
        if self.play.property(SOURCE_TEXT) != "Play":
            texted(self.play, QT_TRANSLATE_NOOP("Questions", "Play"))


def make_question_widget(question: Question, ref: Ref, host: Host) -> QuestionWidget | None:
    """Return the widget that fits the question, or None when nothing is shown for it."""
    kind = question.type
    appearance = question.appearance
    if kind.is_metadata or kind in (QuestionType.HIDDEN, QuestionType.AUDIT):
        return None
    if kind is QuestionType.CALCULATE:
        return NoteWidget(question, ref, host) if question.labels else None
    if kind is QuestionType.NOTE:
        return NoteWidget(question, ref, host)
    if kind is QuestionType.TEXT:
        if "multiline" in appearance or "multi-line" in appearance:
            return LongTextWidget(question, ref, host)
        return LineWidget(question, ref, host)
    if kind in (QuestionType.SELECT_ONE, QuestionType.SELECT_ONE_FROM_FILE):
        if "minimal" in appearance or "autocomplete" in appearance:
            return ComboWidget(question, ref, host)
        return RadioWidget(question, ref, host)
    if kind in (QuestionType.SELECT_MULTIPLE, QuestionType.SELECT_MULTIPLE_FROM_FILE):
        return CheckboxesWidget(question, ref, host)
    if kind is QuestionType.RANK:
        return RankWidget(question, ref, host)
    if kind in (QuestionType.DATE, QuestionType.TIME, QuestionType.DATETIME):
        return DateTimeWidget(question, ref, host)
    if kind is QuestionType.RANGE:
        return RangeWidget(question, ref, host)
    if kind is QuestionType.ACKNOWLEDGE:
        return AcknowledgeWidget(question, ref, host)
    if kind is QuestionType.GEOPOINT:
        return GeopointWidget(question, ref, host)
    if kind.is_attachment:
        return AttachmentWidget(question, ref, host)
    return LineWidget(question, ref, host)
