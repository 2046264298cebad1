"""A table-list grid is crossed one row per Tab: each row is one stop, as a question is.

Found on the researcher's keyboard walk: a row of check boxes was a Tab stop per box
until the keyboard had been in it once (then Qt kept the last box focused), the arrows
did nothing in it, and no grid button had a name a screen reader could say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_windows import open_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLabel, QWidget
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Ref
from fieldapp.core.store import Store
from fieldapp.core.study import study_form
from fieldapp.ui.form_parts import GridRow
from fieldapp.ui.form_view import FormView

ROWS = ("centro", "norte", "sur", "poniente")
PATROLS = [
    {"list_name": "forces", "name": name, "label": label}
    for name, label in (
        ("police", "Municipal police"),
        ("guard", "National Guard"),
        ("army", "Army"),
        ("none", "Nobody"),
    )
]
GRID = [  # one page: a text, a grid of check boxes (a row that may not apply), a text
    {"type": "begin group", "name": "page", "label": "Patrols"},
    {"type": "text", "name": "district", "label": "District"},
    {"type": "begin group", "name": "patrols", "label": "Who patrols?", "appearance": "table-list"},
    *(
        {
            "type": "select_multiple forces",
            "name": row,
            "label": f"Colonia {row}",
            "relevant": "${district} != 'rural'" if row == "norte" else "",
        }
        for row in ROWS
    ),
    {"type": "end group"},
    {"type": "text", "name": "after", "label": "Anything else?"},
    {"type": "end group"},
]


def _grid_view(qtbot: Any, tmp_path: Path, *, readonly: bool = False) -> FormView:
    form = load_form(write_xlsform(tmp_path / "grid.xlsx", survey=GRID, choices=PATROLS))
    view = FormView(Session(form, messages="en"), readonly=readonly)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def _press(key: Qt.Key, shift: bool = False) -> QWidget:
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(QApplication.focusWidget(), key, modifier)
    return QApplication.focusWidget()


def _walk(view: FormView, presses: int, shift: bool = False) -> list[Ref | str]:
    """Press Tab (Shift+Tab) ``presses`` times; return the question reached by each, or
    the object name of a widget outside the questions."""
    reached: list[Ref | str] = []
    for _ in range(presses):
        now = _press(Qt.Key.Key_Backtab if shift else Qt.Key.Key_Tab, shift)
        reached.append(view.question_at(now) or now.objectName())
    return reached


def _row(name: str) -> Ref:
    return (f"page/patrols/{name}",)


def test_a_row_of_check_boxes_is_one_tab_stop_either_way_and_a_row_not_applying_is_skipped(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _grid_view(qtbot, tmp_path)
    district = view.nodes[("page/district",)].edit
    after = view.nodes[("page/after",)].edit
    after.setFocus()
    # backwards first, into rows the keyboard never was in: one Shift+Tab per row, each
    # entered at its first box, as Tab enters it (it was the last: the first Qt met)
    assert _press(Qt.Key.Key_Backtab, shift=True).objectName() == "poniente_police"
    after.setFocus()
    assert _walk(view, 5, shift=True) == [*(_row(r) for r in reversed(ROWS)), ("page/district",)]
    assert QApplication.focusWidget() is district
    assert _walk(view, 5) == [*(_row(r) for r in ROWS), ("page/after",)]

    QTest.keyClicks(district, "rural")  # the north no longer applies: Tab passes it by
    assert not view.nodes[_row("norte")].label.isVisible()
    district.setFocus()
    crossed = _walk(view, 4)
    assert crossed == [_row("centro"), _row("sur"), _row("poniente"), ("page/after",)]
    assert _walk(view, 4, shift=True) == [
        _row("poniente"),
        _row("sur"),
        _row("centro"),
        ("page/district",),
    ]


def test_the_arrows_move_along_a_row_space_ticks_and_the_focus_shows_and_says_where(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _grid_view(qtbot, tmp_path)
    saves: list[None] = []
    view.changed.connect(lambda: saves.append(None))
    row = view.nodes[_row("centro")]
    assert isinstance(row, GridRow)
    view.nodes[("page/district",)].edit.setFocus()
    assert _press(Qt.Key.Key_Tab).objectName() == "centro_police"
    assert _press(Qt.Key.Key_Right).objectName() == "centro_guard"
    focused = _press(Qt.Key.Key_Right)
    assert focused.objectName() == "centro_army"
    assert focused.accessibleName() == "Colonia centro, Army", "row and column, read aloud"
    headers = {h.text(): h for h in view.findChildren(QLabel) if h.property("role") == "gridHeader"}
    assert row.label.property("current") is True, "the row's label is marked"
    assert headers["Army"].property("current") is True, "so is the column's heading"
    assert not headers["National Guard"].property("current")

    _press(Qt.Key.Key_Space)
    assert _press(Qt.Key.Key_Left).objectName() == "centro_guard"
    _press(Qt.Key.Key_Space)
    assert view.session.answers()["page/patrols/centro"] == ["guard", "army"]
    assert len(saves) == 2, "each tick autosaved"
    assert _press(Qt.Key.Key_Left).objectName() == "centro_police"
    assert _press(Qt.Key.Key_Left).objectName() == "centro_police", "nothing before the first"
    assert _press(Qt.Key.Key_Right).objectName() == "centro_guard"
    assert _press(Qt.Key.Key_Space).objectName() == "centro_guard"  # ticked off again
    assert view.session.answers()["page/patrols/centro"] == ["army"]

    assert _press(Qt.Key.Key_Tab).objectName() == "norte_police", "the next row"
    assert not row.label.property("current") and not headers["National Guard"].property("current")
    assert _press(Qt.Key.Key_Backtab, True).objectName() == "centro_guard", "the box left"
    place = view.place()  # where a reopening goes back to: the row, not nowhere
    assert place is not None and place.ref == _row("centro")


def test_a_finalized_interview_s_grid_of_boxes_takes_no_keyboard(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _grid_view(qtbot, tmp_path, readonly=True)
    boxes = [b for b in view.findChildren(QCheckBox) if b.objectName().startswith("centro_")]
    assert boxes and not any(b.isEnabled() for b in boxes)
    boxes[0].click()
    assert view.session.answers().get("page/patrols/centro") is None


TRUST_ROWS = [
    f"security/trust/trust_{name}"
    for name in (
        "municipal_police",
        "state_police",
        "federal_police",
        "national_guard",
        "army",
        "navy",
        "state_prosecutor",
        "federal_prosecutor",
    )
]


def test_walking_the_study_s_grids_in_the_desktop_takes_one_tab_a_row(
    qtbot: Any, tmp_path: Path
) -> None:
    """The civil-society form's trust grid (eight rows) and its contact grid, whose rows
    follow the levels of government named (one of three does not apply here)."""
    with Store.open(tmp_path / "field.db") as store:
        sha = store.forms.add(study_form("cso")).sha256
        sid = store.interviews.start(
            sha,
            answers={"consent": "yes", "government/gov_levels": ["municipal", "federal"]},
            interviewer="TJ01",
            city="tijuana",
            actor_type="cso",
        )
        window = open_window(qtbot, store, sid)
        view = window.view
        view.reveal(("government/gov_levels",))
        assert _walk(view, 3) == [
            ("government/frequency/freq_municipal",),
            ("government/frequency/freq_federal",),  # the state's row does not apply
            ("government/contact_last_12m",),
        ]

        view.go(view.section_of((TRUST_ROWS[0],)))
        view.navigator.setFocus()
        crossed = _walk(view, len(TRUST_ROWS) + 1)
        assert crossed[:-1] == [(row,) for row in TRUST_ROWS], "one Tab a row, in order"
        assert crossed[-1] == ("security/trust_today/today_municipal_police",)
        assert _walk(view, 2, shift=True) == [(TRUST_ROWS[-1],), (TRUST_ROWS[-2],)]

        # a single choice's row: the arrows choose once one is chosen, as a question's do
        first = QApplication.focusWidget()
        assert isinstance(first, QAbstractButton)
        row = view.nodes[(TRUST_ROWS[-2],)]
        column = row.question.choices.choices[row.buttons.index(first)].label(view.language)
        label = view.session.state((TRUST_ROWS[-2],)).label
        assert first.accessibleName() == f"{label}, {column}", "what a screen reader says"
        _press(Qt.Key.Key_Space)
        chosen = view.session.answers()[TRUST_ROWS[-2]]
        moved = _press(Qt.Key.Key_Right)
        assert moved is not first and moved.isChecked()
        assert view.session.answers()[TRUST_ROWS[-2]] != chosen
        assert (
            store.interviews.working_answers(sid)[TRUST_ROWS[-2]]
            == (view.session.answers()[TRUST_ROWS[-2]])
        ), "autosaved"

        _press(Qt.Key.Key_F8)  # the problems' list, and Esc back to the row she was in
        assert QApplication.focusWidget() is window.problem_list
        _press(Qt.Key.Key_Escape)
        assert view.question_at(QApplication.focusWidget()) == (TRUST_ROWS[-2],)
        window.close()
