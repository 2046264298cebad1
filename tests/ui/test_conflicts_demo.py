"""A supervisor trying fieldapp on `fieldapp demo` finds its conflicts on the Conflicts desk
and resolves one from the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from fieldapp.core.demo import DemoReport, run_demo
from fieldapp.core.forms.model import Question, QuestionType
from fieldapp.core.store import Store
from fieldapp.ui.conflicts_view import DIFFERS, NAME_ROLE, ConflictsView
from fieldapp.ui.reviewer import REVIEWER_SETTING


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoReport]:
    path = tmp_path_factory.mktemp("demo-desk") / "demo.db"
    return path, run_demo(path, 24, seed=7)


def test_the_desk_lists_the_demos_conflicts_and_resolves_one_from_the_keyboard(
    qtbot: Any, demo: tuple[Path, DemoReport], tmp_path: Path
) -> None:
    source, report = demo
    path = tmp_path / "demo.db"
    path.write_bytes(source.read_bytes())
    QSettings().setValue(REVIEWER_SETTING, "Rosa Díaz")
    view = ConflictsView(path)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert view.conflict_list.count() == report.conflicts >= 2

    # the conflict whose versions differ in a repeat's entry
    for row in range(view.conflict_list.count()):
        view.conflict_list.setCurrentRow(row)
        if any(key.endswith("]") for key in view._differing):
            break
    else:
        raise AssertionError("no demo conflict differs in a repeat's entry")
    sid = view.submission_id
    assert sid is not None
    authors = {head.author for head in view.heads}
    assert len(authors) == 2 and len({a[:2] for a in authors}) == 1, "one city's two laptops"
    assert len({head.device_id for head in view.heads}) == 2

    form = view._form_of_shown
    assert form is not None
    selects = [
        key
        for key in view._differing
        if isinstance(question := view._questions.get(key), Question)
        and question.type is QuestionType.SELECT_ONE
    ]
    assert selects, "the versions differ in a choice"
    select_row = view.keys.index(selects[0])
    for column in (1, 2):
        cell = view.table.item(select_row, column)
        code = cell.toolTip()
        assert code and cell.text() != code, "a choice reads as its label, its code aside"
    entry = next(key for key in view.keys if key.endswith("]") and key in view._differing)
    entry_row = view.keys.index(entry)
    assert view.table.item(entry_row, 0).background().color() == DIFFERS
    assert "\n" in view.table.item(entry_row, 1).text(), "an entry reads as labelled lines"

    table = view.table
    table.setFocus()
    while table.currentRow() != entry_row:
        qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # version 2's entry
    assert view.choices == {entry: 1}
    older = view.heads[1].answers or {}
    key, number = entry[:-1].split("[")
    with qtbot.waitSignal(view.resolved):
        qtbot.keyClick(view.save_button, Qt.Key.Key_Space)
    assert view.conflict_list.count() == report.conflicts - 1
    assert table.hasFocus(), "on to the next conflict's answers"
    view.close()

    with Store.open(path) as store:
        (head,) = store.interviews.heads(sid)
        assert head.author == "Rosa Díaz" and head.state == "finalized"
        assert (head.answers or {})[key][int(number) - 1] == older[key][int(number) - 1]
        assert len(store.interviews.conflicts()) == report.conflicts - 1


def test_each_conflict_reads_as_the_list_names_it_with_its_actor_and_city_not_the_forms_title(
    qtbot: Any, demo: tuple[Path, DemoReport]
) -> None:
    """Seen at 1366×768: each entry ran to five lines in the narrow list, the study form's
    bilingual title in full and the city twice ("Gov/Gob · Tijuana · … · Tijuana")."""
    path, _report = demo
    view = ConflictsView(path)
    qtbot.addWidget(view)
    with Store.open(path, create=False, readonly=True) as store:
        titles = {record.title for record in store.forms.records()}
    for row in range(view.conflict_list.count()):
        item = view.conflict_list.item(row)
        name, details = item.text().split("\n")
        assert name == item.data(NAME_ROLE), "the name the list shows"
        *facts, versions = details.split(" · ")
        actor, cities = facts[0], {"Ciudad Juárez", "Monterrey", "Nuevo Laredo", "Tijuana"}
        assert actor in {"Civil society", "Government", "Security forces", "Key informant"}
        # the city once: on the second line unless the name says it already
        (city,) = [c for c in cities if c in name] or facts[1:]
        assert city in cities and f"{name} · {details}".count(city) == 1
        assert versions == "2 versions"
        assert not any(title in item.text() for title in titles)
        assert item.toolTip() in titles, "the form's title is a hover away"
    view.close()


def test_every_row_of_a_demo_conflict_is_a_question_the_interviewer_answered(
    qtbot: Any, demo: tuple[Path, DemoReport]
) -> None:
    """Seen in the Spanish walk: rows titled ``government/turnovers/reserved_name_for_
    field_list_labels_48`` holding "1", a table-list's header row (the choices' labels over
    its grid), which a laptop never answers but the demo did."""
    path, _report = demo
    view = ConflictsView(path)
    qtbot.addWidget(view)
    seen = 0
    for row in range(view.conflict_list.count()):
        view.conflict_list.setCurrentRow(row)
        titles = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
        seen += len(titles)
        assert not [title for title in titles if "reserved_name" in title]
    assert seen > 0
    view.close()


def test_a_question_piping_an_answer_reads_with_that_answer_where_the_versions_agree(
    qtbot: Any, demo: tuple[Path, DemoReport]
) -> None:
    """Seen in the Spanish walk: "Comparando ${ref_end} con ${ref_start}, la violencia…",
    the form's references where the interviewer had read the years."""
    path, _report = demo
    view = ConflictsView(path)
    qtbot.addWidget(view)
    piped = 0
    for row in range(view.conflict_list.count()):
        view.conflict_list.setCurrentRow(row)
        heads = [head.answers or {} for head in view.heads]
        years = {(h.get("period/ref_end"), h.get("period/ref_start")) for h in heads}
        for r, key in enumerate(view.keys):
            title = view.table.item(r, 0).text()
            if key != "outcomes/violence_change":
                continue
            if len(years) == 1 and None not in next(iter(years)):
                end, start = next(iter(years))
                assert f" {end} " in title and f" {start}," in title, title
                assert "${" not in title
                piped += 1
            else:  # the versions pipe different years: each one, never the reference
                assert "${" not in title, title
                ends = {end for end, _ in years if end is not None}
                assert all(f"“{end}”" in title for end in ends) or len(ends) < 2, title
    assert piped > 0
    view.close()


def test_the_devices_stamps_read_as_words_and_times(
    qtbot: Any, demo: tuple[Path, DemoReport]
) -> None:
    """Seen in the Spanish walk: rows titled "end" and "start" holding ISO strings."""
    path, _report = demo
    view = ConflictsView(path)
    qtbot.addWidget(view)
    view.conflict_list.setCurrentRow(0)
    row = view.keys.index("end")
    assert view.table.item(row, 0).text() == "Last finalized (device clock) (end)"
    for column in (1, 2):
        cell = view.table.item(row, column)
        assert "T" not in cell.text() and cell.toolTip().startswith(cell.text().replace(" ", "T"))
    view.close()


def test_every_row_is_titled_in_words_and_the_actor_type_reads_as_its_name(
    qtbot: Any, demo: tuple[Path, DemoReport]
) -> None:
    """Seen in the Spanish walk at 1366×768: rows titled ``actor_type`` (holding ``gov``),
    ``meta/instanceID`` and ``meta/instanceName``, codes where every other row reads."""
    path, _report = demo
    view = ConflictsView(path)
    qtbot.addWidget(view)
    for row in range(view.conflict_list.count()):
        view.conflict_list.setCurrentRow(row)
        titles = {key: view.table.item(r, 0).text() for r, key in enumerate(view.keys)}
        bare = [key for key, title in titles.items() if not title.endswith(f" ({key})")]
        assert bare == [], "each row's words, then its code"
        assert titles["actor_type"] == "Actor type (actor_type)"
        assert titles["meta/instanceID"] == "Interview id (set by the device) (meta/instanceID)"
        actor = view.table.item(view.keys.index("actor_type"), 1)
        assert actor.text() in {"Civil society", "Government", "Security forces", "Key informant"}
        assert actor.toolTip() in {"cso", "gov", "security", "informant"}, "the code a hover away"
    view.close()


def test_a_tall_entrys_question_is_in_sight_at_the_top_of_its_row(
    qtbot: Any, demo: tuple[Path, DemoReport], tmp_path: Path
) -> None:
    """Seen at 1366×768: the first difference, a mechanism of thirty lines, opened whole at
    the top of the table with its *Pregunta* cell blank: the question's name stood at the
    middle of the row, below the table's bottom edge, and version 2's lines began lower
    than version 1's."""
    source, _report = demo
    path = tmp_path / "demo.db"
    path.write_bytes(source.read_bytes())
    view = ConflictsView(path)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    for row in range(view.conflict_list.count()):
        view.conflict_list.setCurrentRow(row)
        if any(key.endswith("]") for key in view._differing):
            break
    entry = next(key for key in view.keys if key.endswith("]") and key in view._differing)
    table = view.table
    table.setCurrentCell(view.keys.index(entry), 1)
    row = table.currentRow()
    assert table.rowHeight(row) > table.viewport().height(), "a row taller than the table"
    # its text from the row's top: in sight wherever the top of the row is
    for column in range(table.columnCount()):
        cell = table.item(row, column)
        assert cell.textAlignment() & Qt.AlignmentFlag.AlignTop, cell.text()[:40]
