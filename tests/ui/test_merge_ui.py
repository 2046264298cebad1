"""The merge dialog and the conflicts view, driven as a supervisor would."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_devices import Device, file_checksum, hold_merge_of
from PySide6.QtCore import Qt

from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.store import Store
from fieldapp.ui.conflicts_view import CHOSEN, DIFFERS, ConflictsView
from fieldapp.ui.merge_dialog import REFUSED, MergeDialog


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """A folder with two laptops' packages and a stray photo."""
    stick = tmp_path / "usb"
    for name, city in (("ana", "Tijuana"), ("beto", "nuevo_laredo")):  # a name, a code
        laptop = Device(tmp_path / f"{name}.db", name)
        form = laptop.add_form()
        for n in range(3):
            laptop.finalize(laptop.create(form, city, {"name": f"{name} {n}"}))
        write_package(laptop.store, stick / f"{name}.fieldapp")
        laptop.close()
    (stick / "IMG_0042.db").write_bytes(b"\xff\xd8\xff\xe0" * 500)
    return stick


def test_merging_a_folder_shows_progress_and_a_summary_per_device(qtbot, usb, tmp_path):
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([usb])
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        "IMG_0042.db",
        "ana.fieldapp",
        "beto.fieldapp",
    ]

    with qtbot.waitSignal(dialog.merged, timeout=20_000) as merged:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        assert not dialog.close_button.isEnabled()  # running: only Cancel

    assert len(merged.args[0]) == 6  # the interviews that came in, for the list to refresh
    results = [dialog.table.item(r, 1).text() for r in range(3)]
    assert "not a fieldapp database" in results[0]
    assert results[1].startswith("3 new interviews, 6 new versions")
    # a laptop seen for the first time is said on its row: its fingerprint is to check
    assert results[1].endswith(", 1 new device: check its fingerprint below.")
    summary = dialog.summary.toPlainText()
    assert "  civil society:\n    Nuevo Laredo: 3 new interviews" in summary  # title, not id
    assert "civil_society" not in summary
    assert dialog.progress.value() == 1000
    assert dialog.status.text().startswith("Done: 2 of 3 files merged, 1 refused")
    assert dialog.close_button.isEnabled()
    with Store.open(into) as store:
        assert store.interviews.count() == 6
    # The supervisor sees each new laptop enrolled with its key, and each new form.
    summary = dialog.summary.toPlainText()
    # the check said once a file, above its devices' keys: one line each
    assert summary.count("1 new device enrolled: check that its signing key matches") == 2
    assert sum(line.startswith("    device ") for line in summary.splitlines()) == 2
    assert 'new form "civil society" version 2025010101' in summary


def test_add_folder_takes_a_folder_per_laptop_and_names_each_file_with_its_folder(
    qtbot, usb, tmp_path, monkeypatch
):
    """*Add folder…* on a stick with a folder per laptop said it held no fieldapp files."""
    said: list[str] = []
    monkeypatch.setattr("fieldapp.ui.merge_dialog.show_error", lambda _, e: said.append(e.code))
    stick = tmp_path / "stick"
    for laptop, name in (("TJ01", "ana"), ("TJ02", "beto")):
        (stick / laptop).mkdir(parents=True)
        (usb / f"{name}.fieldapp").rename(stick / laptop / "paquete.fieldapp")  # same name
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)

    dialog.add_sources([stick])

    assert said == []
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["TJ01/paquete.fieldapp", "TJ02/paquete.fieldapp"]
    with qtbot.waitSignal(dialog.merged, timeout=20_000) as merged:
        dialog.start()
    assert len(merged.args[0]) == 6


def test_cancel_leaves_the_database_as_it_was(qtbot, usb, tmp_path):
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    before = file_checksum(into)
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([usb / "ana.fieldapp", usb / "beto.fieldapp"])

    with qtbot.waitSignal(dialog.merged, timeout=20_000) as merged:
        dialog.start()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    assert merged.args[0] == []
    assert dialog.status.text().startswith("Cancelled: no file was merged")
    assert file_checksum(into) == before


def test_show_what_came_in_lists_only_the_interviews_the_merge_brought(qtbot, usb, tmp_path):
    """The summary counted what came in, but nothing let the supervisor see those
    interviews: the list, sorted by last save on the laptops, mixed them with the rest."""
    from fieldapp.ui.main_window import MainWindow

    into = tmp_path / "supervisor.db"
    with Store.open(into) as supervisor:  # an interview of the supervisor's own first
        merge_database(supervisor, tmp_path / "ana.db")
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    assert not dialog.show_came_in_button.isEnabled(), "nothing merged yet"
    dialog.add_sources([usb / "beto.fieldapp"])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        dialog.start()
    assert dialog.show_came_in_button.isEnabled()
    qtbot.mouseClick(dialog.show_came_in_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.came_in_asked

    window = MainWindow(into)
    qtbot.addWidget(window)
    assert window.model.total == 6
    window.show_came_in(dialog.came_in)
    assert window.model.total == 3, "Beto's three, not Ana's"
    shown = [window.model.index(row, 0).data() for row in range(window.model.rowCount())]
    assert all(name.startswith("beto ") for name in shown), shown
    qtbot.waitUntil(lambda: "only what the last merge brought" in window.count_label.text())
    assert window.count_label.text().startswith("3 of 6 interviews shown · only what")
    window.city_filter.setCurrentIndex(1)  # another box narrows it further, keeps it
    assert window.model.total <= 3
    window.clear_filters()
    assert window.model.total == 6
    qtbot.waitUntil(lambda: "last merge" not in window.count_label.text())
    window.close()


def test_a_cancel_says_which_files_were_not_merged_and_that_none_was_refused(
    qtbot, usb, tmp_path, monkeypatch
):
    """After a cancel, the files not reached were blank rows (merged? not?) and the file
    in progress was written in red like a damaged one, though nothing was wrong with it."""
    from fieldapp.core import merge_batch

    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([usb / "ana.fieldapp", usb / "beto.fieldapp"])
    merge = merge_batch.merge_database

    def cancelled_on_ana(into, source, *, progress=None, cancel=None):
        def step(done, total):
            if done == 2:
                dialog.cancel()  # the supervisor presses Cancel while Ana's file merges
            if progress is not None:
                progress(done, total)

        return merge(into, source, progress=step, cancel=cancel)

    monkeypatch.setattr(merge_batch, "merge_database", cancelled_on_ana)
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        dialog.start()

    ana, beto = (dialog.table.item(row, 1) for row in range(2))
    assert ana.text().startswith("Merge of") and ana.text().endswith("nothing from it was merged.")
    assert ana.foreground().color() != REFUSED
    assert beto.text() == (
        "Not merged: the merge was cancelled before this file. Merge again to take it in "
        "(what is already here is skipped)."
    )
    assert beto.foreground().color() != REFUSED
    assert dialog.status.text().startswith("Cancelled: no file was merged")


@pytest.fixture
def conflict(tmp_path: Path) -> tuple[Path, str]:
    """A supervisor database where Ana and Beto edited the same interview apart."""
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    sid = ana.create(ana.add_form(), "Tijuana", {"name": "Mesa", "years": 2, "sectors": "ngo"})
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"years": 3})
    beto.edit(sid, {"name": "Mesa de Seguridad"})
    merge_database(supervisor.store, ana.path)
    merge_database(supervisor.store, beto.path)
    for device in (ana, beto, supervisor):
        device.close()
    return supervisor.path, sid


def _cell_click(qtbot, view: ConflictsView, row: int, head: int) -> None:
    rect = view.table.visualItemRect(view.table.item(row, view.head_column(head)))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_conflicts_view_shows_heads_side_by_side_and_saves_a_field_by_field_choice(qtbot, conflict):
    path, sid = conflict
    view = ConflictsView(path)
    qtbot.addWidget(view)
    view.show()
    assert view.conflict_list.count() == 1
    assert view.table.columnCount() == 3, "the question, then one column per version"
    rows = {view.keys[r]: r for r in range(view.table.rowCount())}
    by_author = {head.author: i for i, head in enumerate(view.heads)}
    ana, beto = by_author["ana"], by_author["beto"]
    assert "ana" in view.table.horizontalHeaderItem(view.head_column(ana)).text()
    assert view.table.horizontalHeaderItem(0).text() == "Question"
    assert view.table.item(rows["years"], 0).text() == "Años de actividad (years)"

    # Only the questions that differ are highlighted.
    def colour(row: int, head: int) -> str:
        return view.table.item(row, view.head_column(head)).background().color().name()

    assert colour(rows["sectors"], 0) not in (DIFFERS.name(), CHOSEN.name())
    assert {colour(rows["years"], 0), colour(rows["years"], 1)} == {DIFFERS.name(), CHOSEN.name()}

    _cell_click(qtbot, view, rows["name"], beto)
    _cell_click(qtbot, view, rows["years"], ana)
    assert colour(rows["name"], beto) == CHOSEN.name()
    view.reviewer_edit.setText("Rosa Díaz")
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)

    assert view.conflict_list.count() == 0
    assert view.status.text().startswith("Resolved")
    view.close()
    with Store.open(path) as store:
        (head,) = store.interviews.heads(sid)
        assert head.answers == {"name": "Mesa de Seguridad", "years": 3, "sectors": "ngo"}
        event = store.events.of(sid)[-1]
        assert event.kind == "conflict_resolved" and set(event.payload["choices"]) == {
            "name",
            "years",
        }


def test_keeping_one_version_whole(qtbot, conflict):
    path, sid = conflict
    view = ConflictsView(path)
    qtbot.addWidget(view)
    beto = next(i for i, head in enumerate(view.heads) if head.author == "beto")
    beto_answers = view.heads[beto].answers

    view.keep_whole(beto)
    view.reviewer_edit.setText("Rosa Díaz")
    view.save_resolution()

    view.close()
    with Store.open(path) as store:
        assert store.interviews.conflicts() == []
        assert store.interviews.heads(sid)[0].answers == beto_answers


def test_conflicts_view_fits_the_versions_beside_the_questions_in_the_app_language(qtbot, tmp_path):
    """Long labels do not push the versions off screen; the difference is scrolled to."""
    from xlsform import write_xlsform

    survey = [
        {
            "type": "text",
            "name": f"q{n}",
            "label::English (en)": f"Question number {n} asks about something rather long "
            "that the organisation did with the municipal government last year",
            "label::Español (es)": f"Pregunta número {n}",
        }
        for n in range(40)
    ]
    form = write_xlsform(
        tmp_path / "long.xlsx",
        survey=survey,
        settings={"form_id": "long", "version": "1", "default_language": "Español (es)"},
    )
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    sha = ana.add_form(form.read_bytes(), form_id="long")
    answers = {f"q{n}": f"answer {n}" for n in range(40)}
    sid = ana.create(sha, "Tijuana", answers, form_id="long")
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"q35": "ana's answer"})
    beto.edit(sid, {"q35": "beto's answer"})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()

    view = ConflictsView(tmp_path / "ana.db")
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    table = view.table
    width = table.viewport().width()
    assert table.columnWidth(0) <= width // 3, "the questions leave room for the versions"
    for head in range(2):
        left = table.columnViewportPosition(view.head_column(head))
        assert left > 0 and left + table.columnWidth(view.head_column(head)) <= width + 1
    row = view.keys.index("q35")
    assert table.item(row, 0).text().startswith("Question number 35 asks"), "English app"
    cell = table.visualItemRect(table.item(row, view.head_column(0)))
    assert table.viewport().rect().contains(cell), "the differing row is in view"


def test_conflicts_show_choice_labels_and_put_the_devices_stamps_last(qtbot, tmp_path):
    from xlsform import write_xlsform

    survey = [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        {"type": "select_one media", "name": "media", "label::English (en)": "Channel"},
        {"type": "text", "name": "notes", "label::English (en)": "Notes"},
    ]
    choices = [
        {"list_name": "media", "name": "radio", "label::English (en)": "Local radio"},
        {"list_name": "media", "name": "press", "label::English (en)": "Newspaper"},
    ]
    form = write_xlsform(tmp_path / "media.xlsx", survey=survey, choices=choices)
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    sha = ana.add_form(form.read_bytes(), form_id="media")
    first = {"start": "2026-10-01T10:00:00", "end": "2026-10-01T11:00:00", "notes": "x"}
    sid = ana.create(sha, "Tijuana", first, form_id="media")
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"media": "radio", "end": "2026-10-02T09:00:00"})
    beto.edit(sid, {"media": "press", "end": "2026-10-03T09:00:00"})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()

    view = ConflictsView(tmp_path / "ana.db")
    qtbot.addWidget(view)
    view.show()
    assert view.keys[-2:] == ["start", "end"], "the device's stamps come last"
    row = view.keys.index("media")
    shown = {view.table.item(row, view.head_column(h)).text() for h in range(2)}
    assert shown == {"Local radio", "Newspaper"}
    assert view._first_difference == row, "the first difference shown is the person's"


def test_the_supervisors_own_package_in_the_folder_is_skipped_not_refused(qtbot, tmp_path):
    stick = tmp_path / "usb"
    laptop = Device(tmp_path / "ana.db", "ana")
    laptop.finalize(laptop.create(laptop.add_form(), "Tijuana", {"name": "Mesa"}))
    write_package(laptop.store, stick / "ana.fieldapp")
    laptop.close()
    into = tmp_path / "supervisor.db"
    with Store.open(into) as supervisor:
        write_package(supervisor, stick / "back-to-laptops.fieldapp")
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([stick])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        dialog.start()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1) for r in range(2)}
    own = rows["back-to-laptops.fieldapp"]
    assert own.text().startswith("skipped, it is this same database")
    assert own.foreground().color().name() != REFUSED.name()
    assert dialog.status.text().startswith("Done: 1 of 2 files merged, 0 refused")
    assert "1 skipped" in dialog.status.text()


def test_a_repeat_in_conflict_reads_as_labelled_rows_chosen_one_by_one(qtbot, tmp_path):
    """The mechanisms edited apart: one row per entry, labels not codes, each entry chosen."""
    from xlsform import write_xlsform

    en = "label::English (en)"
    survey = [
        {"type": "select_one city", "name": "city", en: "City"},
        {"type": "begin_repeat", "name": "mechanisms", en: "Mechanism"},
        {"type": "text", "name": "mech_name", en: "Name"},
        {"type": "select_one kind", "name": "kind", en: "Kind"},
        {"type": "end_repeat"},
    ]
    choices = [
        {"list_name": "city", "name": "nuevo_laredo", en: "Nuevo Laredo"},
        {"list_name": "kind", "name": "named", en: "Named in a law"},
        {"list_name": "kind", "name": "dues", en: "Paid by members"},
    ]
    form = write_xlsform(tmp_path / "mech.xlsx", survey=survey, choices=choices)
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    sha = ana.add_form(form.read_bytes(), form_id="mech")
    both = [{"mech_name": "Mesa", "kind": "named"}, {"mech_name": "Consejo", "kind": "dues"}]
    sid = ana.create(sha, "nuevo_laredo", {"city": "nuevo_laredo", "mechanisms": both}, "mech")
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"mechanisms": [{"mech_name": "Mesa de seguridad", "kind": "named"}, both[1]]})
    beto.edit(sid, {"mechanisms": [both[0], {"mech_name": "Consejo vecinal", "kind": "named"}]})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()

    view = ConflictsView(tmp_path / "ana.db")
    qtbot.addWidget(view)
    view.show()
    assert "Nuevo Laredo" in view.conflict_list.item(0).text()
    assert "nuevo_laredo" not in view.conflict_list.item(0).text()
    assert view.keys == ["city", "mechanisms[1]", "mechanisms[2]"]
    first, second = view.keys.index("mechanisms[1]"), view.keys.index("mechanisms[2]")
    assert view.table.item(first, 0).text().startswith("Mechanism 1")
    texts = [view.table.item(second, view.head_column(h)).text() for h in range(2)]
    assert sorted(texts) == sorted(
        [
            "≠ Name: Consejo\n≠ Kind: Paid by members",  # both differ: both marked
            "≠ Name: Consejo vecinal\n≠ Kind: Named in a law",
        ]
    )
    assert "kind: named" in {
        view.table.item(second, view.head_column(h)).toolTip() for h in range(2)
    }, "the codes stay at hand in a tooltip"
    assert "{" not in "".join(texts), "no raw JSON"
    ana_head = next(
        h
        for h in range(2)
        if "Mesa de seguridad" in view.table.item(first, view.head_column(h)).text()
    )
    beto_head = 1 - ana_head
    _cell_click(qtbot, view, first, ana_head)  # ana's first entry
    _cell_click(qtbot, view, second, beto_head)  # beto's second entry
    assert [m["mech_name"] for m in view.chosen_answers()["mechanisms"]] == [
        "Mesa de seguridad",
        "Consejo vecinal",
    ]
    view.reviewer_edit.setText("Rosa Díaz")
    view.save_resolution()
    with Store.open(tmp_path / "ana.db") as store:
        (head,) = store.interviews.heads(sid)
    assert [m["mech_name"] for m in head.answers["mechanisms"]] == [
        "Mesa de seguridad",
        "Consejo vecinal",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_merge_window_is_titled_as_its_menu_entry(qtbot, tmp_path, language):
    # "Fusionar dispositivos" opened from "Fusionar otras computadoras…": two names, one thing
    from fieldapp.ui import i18n
    from fieldapp.ui.main_window import MainWindow

    window = MainWindow(tmp_path / "supervisor.db")
    qtbot.addWidget(window)
    try:
        i18n.apply_language(language)
        window.retranslate()
        dialog = MergeDialog(tmp_path / "supervisor.db", window)
        entry = window.merge_action.text().replace("&", "").rstrip("…")
        assert dialog.windowTitle() == entry
        dialog.close()
    finally:
        i18n.apply_language("en")
    window.close()


def test_the_supervisors_package_says_on_its_row_that_it_brought_the_forms(qtbot, tmp_path):
    # Walking a laptop's set-up: the supervisor's package brought the four sealed forms
    # and nothing else, and its row read "0 new interviews, 0 new versions, …". Its
    # counts are said without the 0s since: the forms alone.
    supervisor = Device(tmp_path / "supervisor.db", "rosa")
    supervisor.add_form()
    write_package(supervisor.store, tmp_path / "usb" / "supervisor.fieldapp")
    supervisor.close()
    laptop = tmp_path / "laptop.db"
    Store.open(laptop).close()
    dialog = MergeDialog(laptop)
    qtbot.addWidget(dialog)
    dialog.add_sources([tmp_path / "usb"])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        dialog.start()
    said = dialog.table.item(0, 1).text()
    assert said == "1 new form.", said


def test_tab_leaves_the_list_of_files(qtbot, usb, tmp_path):
    """Seen in the Spanish walk: Tab went from cell to cell of the files' list and never
    left it, so *Fusionar* could not be reached again from the keyboard."""
    from PySide6.QtWidgets import QApplication

    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([usb])
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    reached = []
    for _ in range(8):
        focused = QApplication.focusWidget()
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert dialog.merge_button in reached


def test_quitting_the_app_during_a_merge_cancels_it_and_waits_for_it(
    qtbot, usb, tmp_path, monkeypatch
):
    """A session's end quits the app under the merge dialog: every event loop ends, the
    dialog's too, and the thread, still merging, was destroyed running (Qt aborts)."""
    from PySide6.QtWidgets import QApplication

    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    reached, release = hold_merge_of(usb / "beto.fieldapp", monkeypatch)
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([usb / "ana.fieldapp", usb / "beto.fieldapp"])
    dialog.start()
    try:
        qtbot.waitUntil(reached.is_set, timeout=20_000)  # Ana's in, Beto's merging
        thread = dialog.work_thread

        QApplication.instance().aboutToQuit.emit()

        assert thread.isFinished()  # waited for before the app goes on to its end
        assert dialog.work_thread is None
        assert dialog.status.text().startswith("Cancelled: 1 file was merged")
        assert dialog.table.item(1, 1).foreground().color() != REFUSED
    finally:
        release.set()
        dialog.close()
    with Store.open(into) as store:
        assert store.interviews.count() == 3, "Ana's stay merged, nothing of Beto's"


def test_closing_the_main_window_under_a_running_merge_stops_it(qtbot, usb, tmp_path, monkeypatch):
    """The window closed by the session while File › Merge ran: the dialog stayed open,
    merging, with nothing left to show it in."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui.main_window import MainWindow

    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    reached, release = hold_merge_of(usb / "beto.fieldapp", monkeypatch)
    window = MainWindow(into)
    qtbot.addWidget(window)
    window.show()
    seen = {}

    def merge_then_close() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            dialog.add_sources([usb / "ana.fieldapp", usb / "beto.fieldapp"])
            dialog.start()
            qtbot.waitUntil(reached.is_set, timeout=20_000)
            thread = dialog.work_thread
            window.close()
            seen["stopped"] = thread.isFinished()
            seen["dialog shown"] = dialog.isVisible()
        finally:
            release.set()
            dialog.done(0)  # ends open_merge whatever happened

    QTimer.singleShot(0, merge_then_close)
    window.open_merge()

    assert seen == {"stopped": True, "dialog shown": False}
    with Store.open(into) as store:
        assert store.interviews.count() == 3, "Ana's stay merged, nothing of Beto's"


@pytest.fixture
def study_laptops(tmp_path: Path) -> list[Path]:
    """Two laptops with two of the study's forms, in two cities, and one interview both
    edited apart: a conflict once the supervisor merges them."""
    from fieldapp.core.study import study_form

    laptops = [Device(tmp_path / f"{name}.db", name) for name in ("ana", "beto")]
    forms = {}
    for laptop in laptops:
        for actor in ("cso", "gov"):
            content = study_form(actor).read_bytes()
            forms[actor] = laptop.add_form(content, form_id=f"mx_border_{actor}")
    ana, beto = laptops
    for city in ("tijuana", "monterrey"):
        ana.create(forms["cso"], city, {}, form_id="mx_border_cso")
        beto.create(forms["gov"], city, {}, form_id="mx_border_gov")
    both = ana.create(forms["gov"], "tijuana", {}, form_id="mx_border_gov")
    merge_database(beto.store, ana.path)
    ana.edit(both, {"interviewer": "TJ01"})
    beto.edit(both, {"interviewer": "TJ02"})
    for laptop in laptops:
        laptop.close()
    return [laptop.path for laptop in laptops]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            [
                "  Government:",
                "    Monterrey: 1 new interview, 1 new version",
                "    Tijuana: 1 new interview, 2 new versions",
                "  In conflict, to resolve under View › Conflicts…:",
                "    beto {sid} (Government · Tijuana): 2 versions edited apart",
            ],
        ),
        (
            "es",
            [
                "  Gobierno:",
                "    Monterrey: 1 entrevista nueva, 1 versión nueva",
                "    Tijuana: 1 entrevista nueva, 2 versiones nuevas",
                "  En conflicto, por resolver en Ver › Conflictos…:",
                "    beto {sid} (Gobierno · Tijuana): 2 versiones editadas por separado",
            ],
        ),
    ],
)
def test_the_summary_names_each_study_form_once_by_its_actor_with_its_cities_under_it(
    qtbot, tmp_path, study_laptops, language, said
):
    """The summary said "Seguridad ciudadana en la frontera: Funcionario de gobierno /
    Government official · Tijuana: 1 new interview, 2 new versions, 0 new review events",
    the ninety characters again for every city, and each file's row "…, 0 new attachments,
    0 new review events, …"."""
    from fieldapp.ui import i18n

    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    i18n.apply_language(language)
    try:
        dialog = MergeDialog(into)
        qtbot.addWidget(dialog)
        dialog.add_sources(study_laptops)
        with qtbot.waitSignal(dialog.merged, timeout=20_000):
            dialog.start()
    finally:
        i18n.apply_language("en")

    with Store.open(into) as store:
        (conflict,) = store.interviews.conflicts()
    lines = dialog.summary.toPlainText().splitlines()
    beto = lines[len(lines) - lines[::-1].index(said[0]) - 1 :]  # beto's file, said second
    assert beto == [line.format(sid=conflict[:8]) for line in said]
    second = next(n for n, line in enumerate(lines) if line.startswith(str(study_laptops[1])))
    assert lines[second - 1] == "", "a blank line between two files' lines"
    civil_society = {"en": "  Civil society:", "es": "  Sociedad civil:"}[language]
    assert lines.count(civil_society) == 1  # ana's file: a form once, its cities under it
    rows = [dialog.table.item(row, 1).text() for row in range(2)]
    row = {
        "en": "2 new interviews, 3 new versions, 1 new conflict, 1 new device: check its "
        "fingerprint below.",
        "es": "2 entrevistas nuevas, 3 versiones nuevas, 1 conflicto nuevo, 1 dispositivo "
        "nuevo: compruebe su huella abajo.",
    }
    assert rows[1] == row[language]
    title = "Seguridad ciudadana en la frontera: Funcionario de gobierno"
    assert sum(title in line for line in lines) == 1  # where it is said to be a new form
    assert not any(" 0 " in line for line in [*lines, *rows])


def test_a_form_a_later_file_brings_is_named_by_its_title(qtbot, tmp_path):
    """The dialog reads the forms' titles once, and again after a file that brought forms:
    the second laptop's form, unknown when the first file was said, reads by its title."""
    stick = tmp_path / "usb"
    for name, form_id in (("ana", "civil_society"), ("beto", "media_outlets")):
        laptop = Device(tmp_path / f"{name}.db", name)
        form = laptop.add_form(form_id=form_id)
        laptop.finalize(laptop.create(form, "tijuana", {"name": name}, form_id=form_id))
        write_package(laptop.store, stick / f"{name}.fieldapp")
        laptop.close()
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([stick])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    summary = dialog.summary.toPlainText()
    assert "  media outlets:\n    Tijuana: 1 new interview" in summary
    assert "media_outlets:" not in summary


def test_the_end_of_a_merge_says_what_to_do_about_refused_files_and_conflicts(qtbot, usb, tmp_path):
    """The terminal ends a merge with what to do ("Fix or remove the refused files and
    merge again"); the dialog's last line only counted: "Done: 2 of 4 files merged, 1
    refused, 1 new conflict." with the refused rows, at 1366x768, below the list's edge."""
    ana = Device(tmp_path / "ana.db", "ana")  # the usb fixture's Ana: corrected on two laptops
    sid = ana.submissions()[0]
    partner = Device(tmp_path / "partner.db", "partner")
    merge_database(partner.store, ana.path)
    ana.edit(sid, {"name": "corregido en la de Ana"})
    partner.edit(sid, {"name": "corregido en la otra"})
    write_package(ana.store, usb / "ana.fieldapp")
    write_package(partner.store, usb / "partner.fieldapp")
    ana.close()
    partner.close()
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([usb])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        dialog.start()
    said = dialog.status.text()
    assert said.startswith("Done: 3 of 4 files merged, 1 refused, 1 new conflict.")
    assert "Each refused file says on its row what to do" in said
    assert "Resolve the conflicts under View › Conflicts…" in said


def test_delete_on_the_list_of_files_removes_the_chosen_ones_as_remove_does(qtbot, usb, tmp_path):
    """Seen in the Spanish week: Delete (Supr) on the list of the stick's files did
    nothing; only *Quitar* took a file off."""
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([usb])
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    names = [path.name for path in dialog.sources]
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert [path.name for path in dialog.sources] == names[1:]
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == names[1], "the next file is the one chosen"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Backspace)
    assert [path.name for path in dialog.sources] == names[2:]
    assert [dialog.table.item(0, 0).text()] == names[2:]
    assert "Delete" in dialog.remove_button.toolTip()


@pytest.mark.parametrize("button", ["add_files_button", "add_folder_button"])
def test_files_added_from_the_keyboard_put_it_on_merge_and_enter_merges(
    qtbot, usb, tmp_path, monkeypatch, button
):
    """Walked under a window manager (kbwalk): after *Añadir archivos…* the keyboard stayed
    on that button, so Enter, the next step by the default button's look, opened the file
    dialog again instead of merging."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui import file_dialogs

    asked = []
    packages = [str(usb / "ana.fieldapp"), str(usb / "beto.fieldapp")]
    monkeypatch.setattr(file_dialogs, "open_files", lambda *_: asked.append(1) or packages)
    monkeypatch.setattr(file_dialogs, "folder", lambda *_: asked.append(1) or str(usb))
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    getattr(dialog, button).setFocus()
    qtbot.waitUntil(getattr(dialog, button).hasFocus)
    qtbot.keyClick(getattr(dialog, button), Qt.Key.Key_Space)
    assert dialog.table.rowCount() >= 2  # the folder's stray photo is listed too
    assert QApplication.focusWidget() is dialog.merge_button
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert len(asked) == 1


def test_nothing_new_added_leaves_the_keyboard_where_it_was(qtbot, usb, tmp_path, monkeypatch):
    """A cancelled file dialog adds nothing: the keyboard stays on the button pressed."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui import file_dialogs

    monkeypatch.setattr(file_dialogs, "open_files", lambda *_: [])
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.add_files_button.setFocus()
    qtbot.waitUntil(dialog.add_files_button.hasFocus)
    qtbot.keyClick(dialog.add_files_button, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is dialog.add_files_button


def test_enter_after_a_merge_shows_what_came_in_instead_of_merging_again(qtbot, usb, tmp_path):
    """Seen walking the desks by keyboard (kbwalk): after a merge *Fusionar* stayed the
    default, so Enter on the list of files merged the same files again."""
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.show()  # a dialog's default button takes Enter once shown
    qtbot.waitExposed(dialog)
    dialog.add_sources([usb])
    assert dialog.merge_button.isDefault()  # files listed: Enter merges them
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.show_came_in_button.isDefault() and not dialog.merge_button.isDefault()

    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    assert dialog.work_thread is None, "Enter started the same merge again"
    assert dialog.came_in_asked and dialog.result() == MergeDialog.DialogCode.Accepted
