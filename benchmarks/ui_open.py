"""How fast the desktop opens, as ratios to bare Qt doing the least it could in the same run.

    .venv/bin/python benchmarks/ui_open.py [--repeat 9] [--interviews 10000]

1. Opening a 500-question form to an interactive, painted interview window, against a bare
   QFormLayout of 500 QLabel + QLineEdit rows (goal: at most 3).
2. Start-up: launching ``fieldapp --db <10,000 interviews>`` as a new process until its
   list is painted with interviews in it, against launching a bare Python program that
   shows a QMainWindow holding an empty QTableView until that table is painted (goal: at
   most 2). Both are timed from the moment the process is spawned, so both include Python,
   PySide6 and QApplication starting, which is what the researcher waits for.
   Also printed: the same opening inside an already running app (no process start), against
   the bare window with an empty table and against one whose QStandardItemModel already holds
   the visible rows' texts; and the time until menus, filters and counts are painted too.

1b. A filtered list made anew (``--only choices``): a select_one of 4,000 places filtered
   by the city asked before it; the city changes and the thousand places of the new
   city are built and painted, against bare Qt putting a new box of the same thousand
   rows (a radio button and its label) in place of the old one in a shown window (goal:
   at most 3, the form's own). Measured (shared 2-core machine, helpers' tests running
   beside, ``--repeat 5``): 798 ms against 382 ms, ratio 2.09. Before the change that
   added it, 38 s against 0.68 s (ratio 56): each option shown in a shown box laid out
   every option before it again.
1c. Repeat entries made anew (``--only entries``): a repeat of 100 entries of three
   questions, on its shown page, gets one more (the count typed anew), against bare Qt
   putting a new box of the same shown widgets (a title, three link buttons, three
   framed questions) in place of the old one in a shown window (goal: at most 3).
   Measured (shared 2-core machine, load about 1, ``--repeat 5``): 761 ms against 333
   ms, ratio 2.29. Before the change that added it, 1,623 ms against 312 ms (ratio 5.20;
   1,995 to 2,428 ms when the machine was busier): each entry put into the shown page
   was shown and laid out on its own, and every widget was polished again at each move
   to another parent. Since entries past 20 are made as they show (entries2) the floor
   makes more than the window does: 156 ms against 625 ms, ratio 0.25 (load 4).
1d. A draft of 500 such entries opened on their page (``--only many``, a count typed as
   a year): the interview window made and painted on the first entry, against bare Qt
   showing a scroll area holding the same first screen (three entries' widgets, then
   497 titled frames as tall) (goal: at most 3). Also printed: CPU, and bare Qt making
   every entry. Measured (shared 2-core machine, load 4, ``--repeat 5``): 500 ms against
   332 ms, ratio 1.51 (CPU 344 ms against 211 ms; bare Qt making every entry 2.7 s).
   Before (every entry made as the page opened): 15.4 s against 540 ms, ratio 28.5 (CPU
   6.7 s; load 5, ``--repeat 3``).
1e. The mechanisms page shown the first time (``--only mechanisms``): the civil-society
   study form in Spanish at 1366×768, the count (2) answered on *Colaboración*, then
   *Sección siguiente*: 64 questions, 354 options, until painted, in seconds of CPU,
   against bare Qt making the same widgets (each question a frame, its wrapped label, a
   line edit or its options, a button and wrapped words in a row each) in a new page of
   a shown scroll area. Measured with Next at once after the count and after a pause of
   1.5 s (the next page is made ahead in the pause). Measured (shared 2-core machine,
   load 5 to 6, ``--repeat 5``, two runs): at once 441 to 463 ms against 329 to 338 ms
   (ratio 1.34 to 1.37), after a pause 185 to 189 ms (ratio 0.55 to 0.58; 253 ms of CPU
   spent in the pause). Before the change that added it: 404 to 447 ms either way
   (ratio 1.10 to 1.28).
1f. Paging through 1d's 500 entries a screen at a time (``--only paging``): the window
   open on the first, each screen scrolled to, painted and its entries made, in seconds
   of CPU, against bare Qt making the same 500 entries' widgets in a scroll area and
   painting each screen of it (goal: at most 3). Measured (shared 2-core machine, load
   4 to 7, ``--repeat 3``): 5.20 s against 2.10 s, ratio 2.47, the worst screen 153 ms
   (79 ms in a lone run) against 10 ms. Before the change that added it (entries3):
   34.7 s against 2.41 s, ratio 14.4, the worst screen 468 ms: each layout of the page
   asked every made entry's wrapped labels their height again.
3. Start-up on the four study forms: launching ``fieldapp gui --check-start`` until the
   list is painted with the store open and the menus there (ready for Ctrl+N), cold (a
   new database, the compiled-form cache empty) and warm, against the bare window
   (goal: both at most 1.5). Also printed: CPU time, and where the warm start goes.

Times are medians of ``--repeat`` alternating runs; ``--only
form|choices|entries|many|paging|mechanisms|launch|study|startup`` runs one measure.

Last measured (shared 2-core machine, idle: load 0.3 to 0.6; three runs of ``--only
study --repeat 9``, median): cold ratio 1.36 (1.34 to 1.38; CPU 1.36), warm 1.24 (1.23
to 1.24; CPU 1.24), bare window 146 to 149 ms; before the second round of issue 16's
start-up work, cold 1.45 and warm 1.34 in the same conditions. 10,000-interview launch:
1.75 (goal 2; one run of ``--only launch --repeat 7`` at load 2.4; 1.68 before issue 16's
cold-start work). 500-question form: 0.89 (goal 3), measured before that work, which
does not touch it.

The 10,000-interview database is built once into benchmarks/_data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
KINDS = ("text", "integer", "select_one yn", "decimal", "select_multiple sectors", "date")


def write_form(path: Path, questions: int, groups: int) -> Path:
    """Write an XLSForm of ``questions`` questions in ``groups`` sections, with logic."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", "label", "relevant", "constraint", "required"])
    per_group = questions // groups
    number = 0
    for group in range(groups):
        survey.append(["begin group", f"g{group}", f"Section {group + 1}", None, None, None])
        for _ in range(per_group):
            kind = KINDS[number % len(KINDS)]
            relevant = f"${{q{number - 1}}} != 'no'" if number % 6 == 3 else None
            constraint = ". >= 0" if kind == "integer" else None
            survey.append(
                [kind, f"q{number}", f"Question {number + 1}", relevant, constraint, None]
            )
            number += 1
        survey.append(["end group", None, None, None, None, None])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for name in ("yes", "no"):
        choices.append(["yn", name, name.title()])
    for name in ("business", "academia", "faith", "media", "victims"):
        choices.append(["sectors", name, name.title()])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "form_title", "version"])
    settings.append(["bench", "Benchmark", "1"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def median_seconds(runs: list[Callable[[], float]], repeat: int) -> list[float]:
    """Run each alternately ``repeat`` times; return the median of the seconds each measured."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, kept in zip(runs, times, strict=True):
            kept.append(run())
    return [statistics.median(kept) for kept in times]


LAST_PAINT = [0.0]
"""When the last ``painted`` window had finished its first paint (perf_counter seconds)."""


def painted(window: object) -> int:
    """Show ``window``; return the rows its list held when first painted (0 without one).

    The paint is over when the event loop next turns: a zero timer started from the
    paint event marks it (before any work the window itself defers to that turn).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTableView, QWidget

    assert isinstance(window, QWidget)
    table = window.findChild(QTableView)
    target = table.viewport() if table is not None else window
    seen: list[int] = []
    done: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not seen:
                model = table.model() if table is not None else None
                seen.append(model.rowCount() if model is not None else 0)
                QTimer.singleShot(0, lambda: done.append(time.perf_counter()))
            return False

    spy = FirstPaint()
    target.installEventFilter(spy)
    window.show()
    while not done:
        QApplication.processEvents()
    target.removeEventFilter(spy)
    LAST_PAINT[0] = done[0]
    return seen[0]


def bench_form(repeat: int) -> float:
    from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

    from fieldapp.core.store import Store
    from fieldapp.ui.interview_window import InterviewWindow

    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    form_path = write_form(folder / "bench.xlsx", questions=500, groups=20)
    store = Store.open(folder / "bench.db")
    record = store.forms.add(form_path)
    submission = store.interviews.start(record.sha256, interviewer="B1", city="x", actor_type="b")

    def bare() -> float:
        started = time.perf_counter()
        widget = QWidget()
        layout = QFormLayout(widget)
        for number in range(500):
            layout.addRow(QLabel(f"Question {number + 1}"), QLineEdit())
        painted(widget)
        widget.close()
        widget.deleteLater()
        return LAST_PAINT[0] - started

    def fieldapp_window() -> float:
        started = time.perf_counter()
        window = InterviewWindow(store, submission)
        painted(window)
        window.editable = False  # leave no revision behind between rounds
        window.close()
        return LAST_PAINT[0] - started

    bare()
    fieldapp_window()  # warm both (imports, style, fonts)
    floor, ours = median_seconds([bare, fieldapp_window], repeat)
    store.close()
    ratio = ours / floor
    print(
        f"open a 500-question form: fieldapp {ours * 1000:.0f} ms, bare QFormLayout "
        f"{floor * 1000:.0f} ms, ratio {ratio:.2f} (goal <= 3)"
    )
    return ratio


PLACES, CITIES = 4_000, 4
"""The filtered select's list: places of four cities, a thousand shown at a time."""


def write_places_form(path: Path) -> Path:
    """Write an XLSForm asking the city, then a place of that city: a select_one of
    ``PLACES`` choices filtered by the city (as a list of neighbourhoods would be)."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", "label", "choice_filter"])
    survey.append(["select_one cities", "city", "City", None])
    survey.append(["select_one places", "place", "Place", "city=${city}"])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label", "city"])
    for city in range(CITIES):
        choices.append(["cities", f"c{city}", f"City {city}", None])
    for number in range(PLACES):
        city = number % CITIES
        choices.append(["places", f"p{number}", f"Place {number} of city {city}", f"c{city}"])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["places_bench", "1"])
    book.save(path)
    return path


def bench_choices(repeat: int) -> float:
    """Changing the answer a filtered list depends on: the place's thousand options made
    anew for the other city, until the window is painted, against bare Qt putting a new
    box of the same thousand rows (a radio button and its label each) in place of the old
    one in a shown window."""
    from PySide6.QtWidgets import (
        QApplication,
        QHBoxLayout,
        QLabel,
        QRadioButton,
        QScrollArea,
        QVBoxLayout,
        QWidget,
    )

    from fieldapp.core.store import Store
    from fieldapp.ui.interview_window import InterviewWindow

    shown = PLACES // CITIES
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    store = Store.open(folder / "places.db")
    record = store.forms.add(write_places_form(folder / "places.xlsx"))
    submission = store.interviews.start(record.sha256, interviewer="B1", city="x", actor_type="b")
    window = InterviewWindow(store, submission)
    painted(window)
    view = window.view
    cities = [0]

    def fieldapp_refill() -> float:
        cities[0] = (cities[0] + 1) % CITIES
        started = time.perf_counter()
        view.commit(("city",), f"c{cities[0]}")
        window.repaint()
        QApplication.processEvents()
        return time.perf_counter() - started

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.resize(window.size())
    painted(scroll)

    def bare_refill() -> float:
        started = time.perf_counter()
        box = QWidget()
        layout = QVBoxLayout(box)
        for number in range(shown):
            row = QWidget()
            line = QHBoxLayout(row)
            line.addWidget(QRadioButton())
            line.addWidget(QLabel(f"Place {number} of city 1"), 1)
            layout.addWidget(row)
        old = scroll.takeWidget()
        scroll.setWidget(box)
        if old is not None:
            old.deleteLater()
        scroll.repaint()
        QApplication.processEvents()
        return time.perf_counter() - started

    fieldapp_refill()
    bare_refill()  # warm both
    floor, ours = median_seconds([bare_refill, fieldapp_refill], repeat)
    window.editable = False
    window.close()
    scroll.close()
    store.close()
    ratio = ours / floor
    print(
        f"a filtered list of {shown:,} places made anew for another city: fieldapp "
        f"{ours * 1000:.0f} ms, bare Qt {floor * 1000:.0f} ms, ratio {ratio:.2f} (goal <= 3)"
    )
    return ratio


ENTRIES = 100
"""The repeat's entries when one more is asked for (the count typed anew)."""


def write_entries_form(path: Path) -> Path:
    """Write an XLSForm asking how many mechanisms, then a repeat of that many entries of
    three questions each (a text, a yes/no, a number), on a page of its own."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", "label", "repeat_count"])
    survey.append(["begin group", "count_page", "How many", None])
    survey.append(["integer", "n", "How many mechanisms?", None])
    survey.append(["end group", None, None, None])
    survey.append(["begin repeat", "mech", "Mechanism", "${n}"])
    survey.append(["text", "what", "What is it?", None])
    survey.append(["select_one yn", "works", "Does it work?", None])
    survey.append(["integer", "since", "Since when (year)?", None])
    survey.append(["end repeat", None, None, None])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for name in ("yes", "no"):
        choices.append(["yn", name, name.title()])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["entries_bench", "1"])
    book.save(path)
    return path


def bare_entry(number: int, made: bool = True) -> Any:
    """Bare Qt's entry of ``write_entries_form``'s repeat: a frame with a title and three
    link buttons, then three framed questions, each a label and a line edit or a row per
    option (a radio button and its words). Not ``made``: the frame and its title alone."""
    from PySide6.QtWidgets import (
        QFrame,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QPushButton,
        QRadioButton,
        QVBoxLayout,
        QWidget,
    )

    frame = QFrame()
    inner = QVBoxLayout(frame)
    header = QHBoxLayout()
    header.addWidget(QLabel(f"Mechanism {number + 1}"), 1)
    inner.addLayout(header)
    if not made:
        return frame
    for text in ("Move up", "Move down", "Remove"):
        header.addWidget(QPushButton(text))
    for label, editor in (
        ("What is it?", QLineEdit()),
        ("Does it work?", QWidget()),
        ("Since when (year)?", QLineEdit()),
    ):
        question = QFrame()  # each question framed, as the form shows it
        lines = QVBoxLayout(question)
        lines.addWidget(QLabel(label))
        lines.addWidget(editor)
        if not isinstance(editor, QLineEdit):
            options = QVBoxLayout(editor)  # a row per option: the button, its words
            for words in ("Yes", "No"):
                row = QWidget()
                line = QHBoxLayout(row)
                line.addWidget(QRadioButton())
                line.addWidget(QLabel(words), 1)
                options.addWidget(row)
        inner.addWidget(question)
    return frame


def bench_entries(repeat: int) -> float:
    """One more repeat entry while the repeat's page is shown (the count typed anew): the
    ``ENTRIES`` + 1 entries made anew, until the window is painted, against bare Qt putting
    a new box of as many frames in place of the old one in a shown window: the widgets the
    page shows (a title and three link buttons; three framed questions, each a label and
    a line edit or two rows of a radio button and its words). Also printed: opening the
    window on that page with 500 entries (a draft saved with a count typed as a year),
    in seconds and in seconds of CPU (steadier on a shared machine)."""
    from PySide6.QtWidgets import (
        QApplication,
        QScrollArea,
        QVBoxLayout,
        QWidget,
    )

    from fieldapp.core.store import Store
    from fieldapp.ui.interview_window import InterviewWindow

    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    store = Store.open(folder / "entries.db")
    record = store.forms.add(write_entries_form(folder / "entries.xlsx"))
    submission = store.interviews.start(record.sha256, interviewer="B1", city="x", actor_type="b")
    window = InterviewWindow(store, submission)
    painted(window)
    view = window.view
    view.commit(("count_page/n",), ENTRIES)
    view.reveal(("mech", 0, "what"))
    QApplication.processEvents()
    counts = [ENTRIES]

    def fieldapp_one_more() -> float:
        counts[0] = ENTRIES + 1 if counts[0] == ENTRIES else ENTRIES
        started = time.perf_counter()
        view.commit(("count_page/n",), counts[0])
        window.repaint()
        QApplication.processEvents()
        return time.perf_counter() - started

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.resize(window.size())
    painted(scroll)

    def bare_one_more() -> float:
        started = time.perf_counter()
        box = QWidget()
        layout = QVBoxLayout(box)
        for number in range(ENTRIES + 1):
            frame = bare_entry(number)
            layout.addWidget(frame)
        old = scroll.takeWidget()
        scroll.setWidget(box)
        if old is not None:
            old.deleteLater()
        scroll.repaint()
        QApplication.processEvents()
        return time.perf_counter() - started

    fieldapp_one_more()
    bare_one_more()  # warm both
    floor, ours = median_seconds([bare_one_more, fieldapp_one_more], repeat)
    window.editable = False  # leave no revision behind
    window.close()
    store.close()
    scroll.close()
    ratio = ours / floor
    print(
        f"one more of {ENTRIES} repeat entries on their shown page: fieldapp "
        f"{ours * 1000:.0f} ms, bare Qt {floor * 1000:.0f} ms, ratio {ratio:.2f} (goal <= 3)"
    )
    return ratio


MANY = 500
"""The entries of a draft saved with a count typed as a year (the engine's cap)."""


def bare_page(made: int, tall: int = 0) -> Any:
    """Show bare Qt's page of ``MANY`` entries at 1366×768 until painted: the first
    ``made`` with their widgets (``bare_entry``), the others titled frames ``tall`` high."""
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

    area = QScrollArea()
    area.setWidgetResizable(True)
    area.resize(1366, 768)
    box = QWidget()
    layout = QVBoxLayout(box)
    for number in range(MANY):
        frame = bare_entry(number, made=number < made)
        if number >= made:
            frame.setFixedHeight(tall)
        layout.addWidget(frame)
    area.setWidget(box)
    painted(area)
    return area


def bench_many(repeat: int) -> float:
    """A draft of ``MANY`` entries (a count typed as a year) opened on their page: the
    interview window made, shown on the first entry, until painted, against bare Qt
    showing a window whose scroll area holds the same page as it first shows: the first
    three entries' widgets (``bare_entry``) and ``MANY`` - 3 titled frames as tall. Also
    printed: seconds of CPU, and bare Qt making every entry's widgets (what the window did
    before its entries were made as they show)."""
    from fieldapp.core.store import Store
    from fieldapp.ui.interview_window import InterviewWindow

    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    store = Store.open(folder / "many.db")
    record = store.forms.add(write_entries_form(folder / "many.xlsx"))
    submission = store.interviews.start(
        record.sha256, answers={"count_page/n": MANY}, interviewer="B1", city="x", actor_type="b"
    )
    tall = bare_entry(0).sizeHint().height()
    cpu: dict[str, list[float]] = {}

    def timed(kind: str, run: Callable[[], None]) -> float:
        started, used = time.perf_counter(), time.process_time()
        run()
        cpu.setdefault(kind, []).append(time.process_time() - used)
        return LAST_PAINT[0] - started

    def bare(made: int) -> Callable[[], float]:
        def page() -> None:
            area = bare_page(made, tall)
            area.close()
            area.deleteLater()

        return lambda: timed(f"bare {made}", page)

    def opened() -> None:
        window = InterviewWindow(store, submission)
        window.resize(1366, 768)
        window.view.reveal(("mech", 0, "what"))
        painted(window)
        window.editable = False  # leave no revision behind between rounds
        window.close()

    def fieldapp_window() -> float:
        return timed("fieldapp", opened)

    shown, every = bare(3), bare(MANY)
    shown()
    fieldapp_window()  # warm both (imports, style, fonts)
    floor, ours, whole = median_seconds([shown, fieldapp_window, every], repeat)
    store.close()
    ratio = ours / floor

    def used(kind: str) -> float:
        return statistics.median(cpu[kind][1:])  # not the warming round

    print(
        f"a draft of {MANY} entries opened on their page: fieldapp {ours * 1000:.0f} ms, "
        f"bare Qt showing the same first screen {floor * 1000:.0f} ms, ratio {ratio:.2f} "
        f"(goal <= 3); CPU {used('fieldapp') * 1000:.0f} ms against "
        f"{used('bare 3') * 1000:.0f} ms; bare Qt making all {MANY} entries "
        f"{whole * 1000:.0f} ms (CPU {used(f'bare {MANY}') * 1000:.0f} ms)"
    )
    return ratio


def bench_paging(repeat: int) -> float:
    """Paging through a draft's ``MANY`` entries a screen at a time (the window open on
    the first, at 1366×768): each screen scrolled to, painted and its entries made, in
    seconds of CPU, against bare Qt making a scroll area's ``MANY`` entries
    (``bare_entry``), showing it and painting each screen of it the same way: every
    entry's widgets made and every screen shown, as the window does. Also printed: the
    worst screen (the most CPU one step took)."""
    from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

    from fieldapp.core.store import Store
    from fieldapp.ui.interview_window import InterviewWindow

    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    store = Store.open(folder / "paging.db")
    record = store.forms.add(write_entries_form(folder / "paging.xlsx"))
    submission = store.interviews.start(
        record.sha256, answers={"count_page/n": MANY}, interviewer="B1", city="x", actor_type="b"
    )
    worst: dict[str, list[float]] = {}

    def paged(kind: str, area: QScrollArea, window: QWidget) -> float:
        """Page ``area`` from top to bottom; return the CPU seconds it took."""
        bar = area.verticalScrollBar()
        steps: list[float] = []
        position = 0
        while True:
            bar.setValue(position)
            used = time.process_time()
            window.repaint()
            QApplication.processEvents()  # painted: what shows is made at the next turn
            QApplication.processEvents()
            steps.append(time.process_time() - used)
            if position >= bar.maximum():
                break
            position += bar.pageStep()
        worst.setdefault(kind, []).append(max(steps))
        return sum(steps)

    def fieldapp_paging() -> float:
        window = InterviewWindow(store, submission)
        window.resize(1366, 768)
        window.view.reveal(("mech", 0, "what"))
        painted(window)
        area = window.view.pages.currentWidget()
        assert isinstance(area, QScrollArea)
        spent = paged("fieldapp", area, window)
        window.editable = False  # leave no revision behind between rounds
        window.close()
        window.deleteLater()
        return spent

    def bare_paging() -> float:
        used = time.process_time()
        area = bare_page(MANY)
        spent = time.process_time() - used + paged("bare", area, area)
        area.close()
        area.deleteLater()
        return spent

    bare_paging()
    fieldapp_paging()  # warm both
    floor, ours = median_seconds([bare_paging, fieldapp_paging], repeat)
    store.close()
    ratio = ours / floor
    print(
        f"paging through {MANY} entries a screen at a time: fieldapp {ours:.2f} s of CPU, "
        f"bare Qt making and paging the same entries {floor:.2f} s, ratio {ratio:.2f} "
        f"(goal <= 3); the worst screen {statistics.median(worst['fieldapp']) * 1000:.0f} "
        f"ms against {statistics.median(worst['bare']) * 1000:.0f} ms"
    )
    return ratio


def bench_mechanisms(repeat: int) -> float:
    """The civil-society study form's *Mecanismo o programa* shown for the first time with
    two entries (the Spanish app, 1366×768; the count answered on *Colaboración*, the
    section before), until the window is painted, in seconds of CPU, against bare Qt
    making the same widgets in a new page put in a shown scroll area: each question of
    the two entries a frame with its wrapped label and a line edit or its options (a
    radio button or check box and its wrapped words, in a row each), the questions the
    form hides hidden. Measured twice: *Sección siguiente* at once after the count, and
    after a pause of a second and a half on *Colaboración* (the CPU the app used in the
    pause is printed too)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QApplication,
        QCheckBox,
        QFrame,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QRadioButton,
        QScrollArea,
        QVBoxLayout,
        QWidget,
    )

    from fieldapp.core.forms.model import Repeat
    from fieldapp.core.store import Store
    from fieldapp.core.study import study_forms
    from fieldapp.ui.i18n import apply_language, current_language
    from fieldapp.ui.interview_window import InterviewWindow
    from fieldapp.ui.question_widgets import QuestionWidget

    spoken = current_language()
    apply_language("es")
    cso = next(form for form in study_forms() if form.actor_type == "cso")
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    store = Store.open(folder / "cso.db")
    record = store.forms.add(cso.path)
    questions: list[tuple[str, list[tuple[str, bool]] | None, bool]] = []
    """The page's questions as bare Qt makes them: label, options (words, a check box),
    shown."""
    paused: list[float] = []

    def first_showing(pause: float) -> float:
        submission = store.interviews.start(
            record.sha256, interviewer="B1", city="tijuana", actor_type="cso"
        )
        window = InterviewWindow(store, submission)
        window.resize(1366, 768)
        painted(window)
        view = window.view
        refs = [ref for ref, _ in view.session.walk()]
        view.commit(next(r for r in refs if str(r[-1]).endswith("consent")), "yes")
        view.commit(next(r for r in refs if str(r[-1]).endswith("collab_any")), "yes")
        count = next(r for r in refs if str(r[-1]).endswith("mech_count"))
        view.reveal(count)
        QApplication.processEvents()
        view.commit(count, 2)
        cpu = time.process_time()
        until = time.perf_counter() + pause
        while time.perf_counter() < until:
            QApplication.processEvents()
            time.sleep(0.01)
        paused.append(time.process_time() - cpu)
        number = next(n for n, s in enumerate(view.sections) if isinstance(s.group, Repeat))
        cpu = time.process_time()
        view.go(number)
        window.repaint()
        QApplication.processEvents()
        used = time.process_time() - cpu
        if not questions:
            for ref, node in view.nodes.items():
                if isinstance(node, QuestionWidget) and view.section_of(ref) == number:
                    options = [
                        (button.accessibleName(), isinstance(button, QCheckBox))
                        for button in node.findChildren(QAbstractButton)
                        if button.property("role") != "link"
                    ]
                    shown = not node.isHidden()
                    questions.append((node.label.text(), options or None, shown))
        window.editable = False
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        return used

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.resize(1066, 680)  # the window's page beside the section list
    painted(scroll)

    def bare_first_showing() -> float:
        cpu = time.process_time()
        page = QWidget()
        layout = QVBoxLayout(page)
        for label, options, shown in questions:
            question = QFrame()
            lines = QVBoxLayout(question)
            words = QLabel(label)
            words.setWordWrap(True)
            lines.addWidget(words)
            if options is None:
                lines.addWidget(QLineEdit())
            else:
                box = QWidget()
                rows = QVBoxLayout(box)
                for option, multiple in options:
                    row = QWidget()
                    line = QHBoxLayout(row)
                    line.addWidget(QCheckBox() if multiple else QRadioButton())
                    said = QLabel(option)
                    said.setWordWrap(True)
                    line.addWidget(said, 1)
                    rows.addWidget(row)
                lines.addWidget(box)
            question.setVisible(shown)
            layout.addWidget(question)
        layout.addStretch(1)
        old = scroll.takeWidget()
        scroll.setWidget(page)
        if old is not None:
            old.deleteLater()
        scroll.repaint()
        QApplication.processEvents()
        return time.process_time() - cpu

    first_showing(0)
    bare_first_showing()  # warm both
    floor, at_once, after_pause = median_seconds(
        [bare_first_showing, lambda: first_showing(0), lambda: first_showing(1.5)], repeat
    )
    pause_cpu = statistics.median(paused[2::2])
    scroll.close()
    store.close()
    apply_language(spoken)
    ratio = after_pause / floor
    print(
        f"the mechanisms' two entries shown the first time ({len(questions)} questions, "
        f"{sum(len(o or ()) for _, o, _ in questions)} options), CPU: fieldapp "
        f"{at_once * 1000:.0f} ms with Next at once after the count "
        f"(ratio {at_once / floor:.2f}), {after_pause * 1000:.0f} ms after a pause "
        f"(ratio {ratio:.2f}; {pause_cpu * 1000:.0f} ms of CPU in the pause); "
        f"bare Qt making the page {floor * 1000:.0f} ms"
    )
    return ratio


def interviews_database(count: int) -> Path:
    """Return a database of ``count`` interviews (built once, then reused)."""
    from fieldapp.core.store import Store

    path = DATA / f"interviews-{count}.db"
    if path.exists():
        return path
    print(f"building {path.name} once…", file=sys.stderr)
    form_path = write_form(DATA / "small.xlsx", questions=12, groups=2)
    partial = path.with_suffix(".partial")
    for leftover in DATA.glob(partial.name + "*"):
        leftover.unlink()
    cities = ("juarez", "monterrey", "nuevo_laredo", "tijuana")
    actors = ("cso", "gov", "security", "informant")
    with Store.open(partial) as store:
        sha = store.forms.add(form_path).sha256
        with store.transaction():
            for number in range(count):
                store.interviews.start(
                    sha,
                    interviewer=f"{cities[number % 4][:2].upper()}{number % 7:02d}",
                    city=cities[number % 4],
                    actor_type=actors[number // 4 % 4],
                    answers={"g0/q0": f"Entrevista {number}"},
                )
    partial.rename(path)
    return path


def bench_startup(repeat: int, count: int) -> float:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    from fieldapp.ui.main_window import MainWindow

    path = interviews_database(count)
    shown: list[list[str]] = []  # the first page's texts, for the fairer floor

    def bare() -> float:
        started = time.perf_counter()
        window = QMainWindow()
        window.setCentralWidget(QTableView())
        window.resize(1100, 680)
        painted(window)
        window.close()
        window.deleteLater()
        return LAST_PAINT[0] - started

    def bare_rows() -> float:
        started = time.perf_counter()
        window = QMainWindow()
        table = QTableView()
        table.verticalHeader().hide()
        model = QStandardItemModel(len(shown), len(shown[0]), window)
        for row, texts in enumerate(shown):
            for column, text in enumerate(texts):
                model.setItem(row, column, QStandardItem(text))
        table.setModel(model)
        window.setCentralWidget(table)
        window.resize(1100, 680)
        painted(window)
        window.close()
        window.deleteLater()
        return LAST_PAINT[0] - started

    def fieldapp_window() -> float:
        started = time.perf_counter()
        window = MainWindow(path)
        assert painted(window) > 0, "the first paint must already show interviews"
        seconds = LAST_PAINT[0] - started
        assert window.model.total == count
        window.close()
        window.store.close()
        window.deleteLater()
        return seconds

    def fieldapp_complete() -> float:
        started = time.perf_counter()
        window = MainWindow(path)
        painted(window)
        while not window.count_label.text():
            QApplication.processEvents()
        window.count_label.repaint()  # the counts painted, not only set
        seconds = time.perf_counter() - started
        window.close()
        window.store.close()
        window.deleteLater()
        return seconds

    bare()
    fieldapp_window()  # warm both (imports, style, fonts, the database's pages)
    probe = MainWindow(path)
    model = probe.model
    for row in range(min(model.rowCount(), 30)):
        columns = range(model.columnCount())
        shown.append([str(model.index(row, column).data() or "") for column in columns])
    probe.close()
    probe.store.close()
    probe.deleteLater()
    bare_rows()
    fieldapp_complete()
    floor, floor_rows, ours, complete = median_seconds(
        [bare, bare_rows, fieldapp_window, fieldapp_complete], repeat
    )
    ratio = ours / floor
    print(
        f"  inside a running app, the main window to its first painted list: fieldapp "
        f"{ours * 1000:.1f} ms, bare QMainWindow with an empty table {floor * 1000:.1f} ms, "
        f"ratio {ratio:.2f}"
    )
    print(
        f"  the same bare window showing the same rows' texts {floor_rows * 1000:.1f} ms: "
        f"ratio {ours / floor_rows:.2f}; with menus, filters and counts painted too "
        f"{complete * 1000:.1f} ms (ratio {complete / floor:.2f} to the empty table)"
    )
    return ratio


def child(kind: str, db: str) -> None:
    """Be the launched program: bare Qt or fieldapp; print when the list is first painted.

    The probe watches every paint in the application; the first paint of a table's
    viewport (with rows, for fieldapp) marks the end, once the event loop next turns.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    def finish() -> None:
        print(time.monotonic(), flush=True)
        os._exit(0)  # teardown is not start-up

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                view = watched.parent()
                if isinstance(view, QAbstractItemView) and watched is view.viewport():
                    model = view.model()
                    if kind == "bare" or (model is not None and model.rowCount() > 0):
                        self.deleteLater()
                        QTimer.singleShot(0, finish)
            return False

    if kind == "bare":
        from PySide6.QtWidgets import QMainWindow, QTableView

        app = QApplication(sys.argv[:1])
        probe = Probe()
        app.installEventFilter(probe)
        window = QMainWindow()
        window.setCentralWidget(QTableView())
        window.resize(1100, 680)
        window.show()
        app.exec()
        return
    from fieldapp.ui.app import create_app

    app = create_app()  # what the gui command does first; it finds this one
    probe = Probe()
    app.installEventFilter(probe)
    from fieldapp.cli import main

    main(["--db", db])


def bench_launch(repeat: int, count: int) -> float:
    import subprocess

    path = interviews_database(count)

    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-home-") as home:
        # As on a user's machine: settings of its own, and Python keeping compiled modules
        # (in a cache folder of the run's own, so nothing is written beside the sources).
        environment = {
            **os.environ,
            "XDG_CONFIG_HOME": home,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache"),
        }
        environment.pop("PYTHONDONTWRITEBYTECODE", None)

        def launch(kind: str) -> Callable[[], float]:
            def run() -> float:
                started = time.monotonic()
                done = subprocess.run(
                    [sys.executable, __file__, "--child", kind, str(path)],
                    capture_output=True,
                    text=True,
                    env=environment,
                    timeout=120,
                    check=False,
                )
                lines = done.stdout.split()
                if done.returncode or not lines:
                    raise SystemExit(f"the {kind} launch failed:\n{done.stderr}")
                return float(lines[-1]) - started

            return run

        bare, ours = launch("bare"), launch("fieldapp")
        bare()
        ours()  # warm both (the system's file cache)
        floor, seconds = median_seconds([bare, ours], repeat)
    ratio = seconds / floor
    print(
        f"start-up with {count:,} interviews, launch to the first painted list: fieldapp "
        f"{seconds * 1000:.0f} ms, bare QMainWindow with an empty table {floor * 1000:.0f} ms, "
        f"ratio {ratio:.2f} (goal <= 2)"
    )
    return ratio


def bench_study_forms(repeat: int) -> tuple[float, float]:
    """Launch to ready for Ctrl+N (list, menus, store) on a database of the four study forms.

    Cold: a new process on a new database with the compiled-form cache empty, which first
    adds the four forms. Warm: a new process on that database again, the cache as the cold
    run left it. Both against launching the bare window.

    Also printed: where the warm start's time goes (processes that stop earlier: Python
    alone; importing fieldapp's start-up modules that need no Qt; then PySide6's widgets
    and fieldapp's window modules too, against the bare program's PySide6 import), and
    the CPU time of each launch, steadier than wall time on a shared machine.
    """
    import shutil

    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-study-") as home:
        cache = Path(home) / "cache"
        environment = {
            **os.environ,
            "XDG_CONFIG_HOME": home,
            "FIELDAPP_CACHE_DIR": str(cache),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache"),
        }
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        db = Path(home) / "study.db"

        cpu: dict[str, list[float]] = {}

        def run(arguments: list[str], kind: str = "") -> float:
            seconds, used = launch_once([sys.executable, *arguments], environment)
            cpu.setdefault(kind, []).append(used)
            return seconds

        def bare() -> float:
            return run([__file__, "--child", "bare", str(db)], "bare")

        def warm(kind: str = "warm") -> float:
            return run(["-m", "fieldapp", "gui", "--db", str(db), "--check-start"], kind)

        def cold() -> float:
            for leftover in db.parent.glob(db.name + "*"):
                leftover.unlink()
            shutil.rmtree(cache, ignore_errors=True)
            return warm("cold")

        def python() -> float:
            return run(["-c", "pass"])

        def qt() -> float:
            return run(["-c", "import PySide6.QtWidgets"])

        def core() -> float:
            return run(["-c", CORE_MODULES])

        def window_modules() -> float:
            return run(["-c", f"{CORE_MODULES}; {WINDOW_MODULES}"])

        bare()
        cold()  # the system's file cache and the compiled modules, as on a used laptop
        floor, first, again, alone, qt_only, core_only, imported = median_seconds(
            [bare, cold, warm, python, qt, core, window_modules], repeat
        )

    def used(kind: str) -> float:
        return statistics.median(cpu[kind])

    print(
        f"start-up on the four study forms, launch to ready for Ctrl+N: cold (new database) "
        f"{first * 1000:.0f} ms, ratio {first / floor:.2f}; warm {again * 1000:.0f} ms, "
        f"ratio {again / floor:.2f}; bare QMainWindow {floor * 1000:.0f} ms (goal <= 1.5)"
    )
    print(
        f"  CPU time: cold {used('cold') * 1000:.0f} ms (ratio {used('cold') / used('bare'):.2f}),"
        f" warm {used('warm') * 1000:.0f} ms (ratio {used('warm') / used('bare'):.2f}),"
        f" bare {used('bare') * 1000:.0f} ms"
    )
    print(
        f"  where warm goes: Python {alone * 1000:.0f} ms; fieldapp's modules without Qt "
        f"+{(core_only - alone) * 1000:.0f}; PySide6's widgets and fieldapp's window modules "
        f"+{(imported - core_only) * 1000:.0f} (bare: PySide6's widgets "
        f"+{(qt_only - alone) * 1000:.0f}); store, Qt app, window and first paint "
        f"+{(again - imported) * 1000:.0f} (bare: app and paint +{(floor - qt_only) * 1000:.0f})"
    )
    return first / floor, again / floor


CORE_MODULES = "import fieldapp.launch, fieldapp.ui.app, fieldapp.core.store.interviews"
"""What ``fieldapp gui`` imports before Qt (for the printed breakdown)."""
WINDOW_MODULES = "import PySide6.QtWidgets, fieldapp.ui.main_window"
"""Then Qt and the window's modules."""


def launch_once(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Run ``command`` to its end; return its wall seconds and CPU seconds (user + system)."""
    import subprocess

    with tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=environment
        )
        _, status, usage = os.wait4(process.pid, 0)  # reaped here, with its resource usage
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"{command} failed:\n{errors.read().decode(errors='replace')}")
    return seconds, usage.ru_utime + usage.ru_stime


MEASURES = (
    "form",
    "choices",
    "entries",
    "many",
    "paging",
    "mechanisms",
    "launch",
    "study",
    "startup",
)


def main() -> int:
    parser = argparse.ArgumentParser(description="fieldapp desktop opening benchmarks")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument(
        "--only",
        choices=MEASURES,
        help="run one of the nine measures (default: all)",
    )
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    from PySide6.QtCore import QSettings

    from fieldapp.ui.app import create_app

    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-settings-") as settings:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
        create_app()
        wanted = {args.only} if args.only else set(MEASURES)
        if "form" in wanted:
            bench_form(args.repeat)
        if "choices" in wanted:
            bench_choices(args.repeat)
        if "entries" in wanted:
            bench_entries(args.repeat)
        if "many" in wanted:
            bench_many(args.repeat)
        if "paging" in wanted:
            bench_paging(args.repeat)
        if "mechanisms" in wanted:
            bench_mechanisms(args.repeat)
        if "launch" in wanted:
            bench_launch(args.repeat, args.interviews)
        if "study" in wanted:
            bench_study_forms(args.repeat)
        if "startup" in wanted:
            bench_startup(args.repeat, args.interviews)
    return 0


if __name__ == "__main__":
    sys.exit(main())
