"""Fixtures of the desktop tests: private settings, a fresh database, a form of every type,
and a leak check after every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opened_windows import close_opened
from PySide6.QtCore import QCoreApplication, QSettings
from qt_leaks import LEAK_ADVICE, LeakWatch
from xlsform import EN, ES, write_xlsform

EVERY_TYPE_SURVEY: list[dict[str, Any]] = [
    {"type": "start", "name": "start"},
    {"type": "deviceid", "name": "deviceid"},
    {"type": "begin group", "name": "intro", EN: "Introduction", ES: "Introducción"},
    {
        "type": "text",
        "name": "respondent",
        EN: "Respondent code",
        ES: "Código del entrevistado",
        "required": "yes",
        "hint::English (en)": "Never a name",
        "hint::Español (es)": "Nunca un nombre",
    },
    {
        "type": "integer",
        "name": "age",
        EN: "Age",
        ES: "Edad",
        "required": "yes",
        "constraint": ". >= 18 and . <= 99",
        "constraint_message::English (en)": "Age must be between 18 and 99",
        "constraint_message::Español (es)": "La edad debe estar entre 18 y 99",
    },
    {"type": "decimal", "name": "years_role", EN: "Years in the role", ES: "Años en el cargo"},
    {
        "type": "select_one yn",
        "name": "consent",
        EN: "Does the interviewee consent?",
        ES: "¿La persona entrevistada da su consentimiento?",
        "required": "yes",
    },
    {
        "type": "note",
        "name": "thanks",
        EN: "Thank the interviewee; the interview ends.",
        ES: "Agradezca a la persona; la entrevista termina.",
        "relevant": "${consent} = 'no'",
    },
    {"type": "end group"},
    {
        "type": "begin group",
        "name": "main",
        EN: "Interview",
        ES: "Entrevista",
        "relevant": "${consent} = 'yes'",
    },
    {
        "type": "text",
        "name": "story",
        EN: "What happened?",
        ES: "¿Qué pasó?",
        "appearance": "multiline",
    },
    {"type": "select_one city", "name": "city", EN: "City", ES: "Ciudad", "appearance": "minimal"},
    {
        "type": "select_one org",
        "name": "org",
        EN: "Organisation",
        ES: "Organización",
        "choice_filter": "city = ${city}",
    },
    {"type": "select_multiple sectors", "name": "sectors", EN: "Sectors", ES: "Sectores"},
    {
        "type": "select_one scale",
        "name": "trust",
        EN: "Trust in police",
        ES: "Confianza en la policía",
        "appearance": "likert",
    },
    {"type": "rank sectors", "name": "priority", EN: "Rank the sectors", ES: "Ordene los sectores"},
    {"type": "date", "name": "met_on", EN: "First meeting", ES: "Primera reunión"},
    {"type": "time", "name": "met_at", EN: "Meeting time", ES: "Hora de la reunión"},
    {"type": "datetime", "name": "agreed", EN: "Roles agreed", ES: "Roles acordados"},
    {
        "type": "range",
        "name": "clarity",
        EN: "Role clarity",
        ES: "Claridad de roles",
        "parameters": "start=0 end=10 step=1",
    },
    {"type": "acknowledge", "name": "ack", EN: "I read the warning", ES: "Leí la advertencia"},
    {"type": "geopoint", "name": "place", EN: "Place", ES: "Lugar"},
    {"type": "image", "name": "photo", EN: "Photo of the document", ES: "Foto del documento"},
    {"type": "audio", "name": "recording", EN: "Recording", ES: "Grabación"},
    {"type": "file", "name": "doc", EN: "Document", ES: "Documento"},
    {
        "type": "calculate",
        "name": "age_next",
        EN: "Age next year",
        ES: "Edad el próximo año",
        "calculation": "${age} + 1",
    },
    {"type": "end group"},
    {
        "type": "begin group",
        "name": "trust_table",
        EN: "Trust in each force",
        ES: "Confianza en cada fuerza",
        "appearance": "table-list",
        "relevant": "${consent} = 'yes'",
    },
    {"type": "select_one scale", "name": "trust_army", EN: "Army", ES: "Ejército"},
    {"type": "select_one scale", "name": "trust_navy", EN: "Navy", ES: "Marina"},
    {"type": "end group"},
    {
        "type": "begin repeat",
        "name": "mechanisms",
        EN: "Mechanism",
        ES: "Mecanismo",
        "relevant": "${consent} = 'yes'",
    },
    {
        "type": "text",
        "name": "mech_name",
        EN: "Mechanism name",
        ES: "Nombre del mecanismo",
        "required": "yes",
    },
    {"type": "integer", "name": "mech_year", EN: "Year", ES: "Año"},
    {"type": "end repeat"},
]
EVERY_TYPE_CHOICES: list[dict[str, Any]] = [
    {"list_name": "yn", "name": "yes", EN: "Yes", ES: "Sí"},
    {"list_name": "yn", "name": "no", EN: "No", ES: "No"},
    *[
        {"list_name": "city", "name": code, EN: name, ES: name}
        for code, name in (("tijuana", "Tijuana"), ("monterrey", "Monterrey"))
    ],
    {
        "list_name": "org",
        "name": "ccsp",
        EN: "Citizen Committee",
        ES: "Comité Ciudadano",
        "city": "tijuana",
    },
    {
        "list_name": "org",
        "name": "cci",
        EN: "Citizen Integration Centre",
        ES: "Centro de Integración Ciudadana",
        "city": "monterrey",
    },
    *[
        {"list_name": "sectors", "name": code, EN: en, ES: es}
        for code, en, es in (
            ("business", "Business", "Empresas"),
            ("academia", "Academia", "Academia"),
            ("faith", "Faith groups", "Grupos religiosos"),
        )
    ],
    *[
        {"list_name": "scale", "name": str(n), EN: en, ES: es}
        for n, en, es in (
            (1, "None", "Nada"),
            (2, "Little", "Poca"),
            (3, "Some", "Algo"),
            (4, "A lot", "Mucha"),
        )
    ],
]


def write_every_type_form(path: Path) -> Path:
    return write_xlsform(
        path,
        survey=EVERY_TYPE_SURVEY,
        choices=EVERY_TYPE_CHOICES,
        settings={
            "form_id": "every_type",
            "form_title": "Every type",
            "version": "1",
            "default_language": "English (en)",
            "instance_name": "${respondent}",
        },
    )


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, qapp: Any) -> Iterator[None]:
    """Keep QSettings (interviewer code, language) out of the user's real settings."""
    QCoreApplication.setOrganizationName("fieldapp-tests")
    QCoreApplication.setApplicationName("fieldapp-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    # Qt's own file dialog keeps its state under "QtProject" in the native format.
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    yield


WAIT_MS = 20_000
"""How long a desktop test waits for what it waits on, unless it says otherwise.

pytest-qt's default is 5 s. CI runs the suite on a loaded machine of two cores, where a
dialog's thread that reads the database, or a window's first show, can take longer than
that; a wait returns as soon as its condition holds, so a longer bound costs nothing when
the condition comes, and still fails the test when it never does."""

_PATIENT = ("waitUntil", "waitSignal", "waitSignals", "waitActive", "waitExposed", "waitCallback")


@pytest.fixture(autouse=True)
def patient_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give every qtbot wait without its own ``timeout`` ``WAIT_MS`` instead of 5 s."""
    from pytestqt.qtbot import QtBot

    for name in _PATIENT:
        original = getattr(QtBot, name)

        def patient(bot: QtBot, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            kwargs.setdefault("timeout", WAIT_MS)
            return _original(bot, *args, **kwargs)

        monkeypatch.setattr(QtBot, name, patient)


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_CALL_FAILED] = True
    return report


@pytest.fixture(autouse=True)
def no_leaks(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[None]:
    """Fail a test that leaves a top-level widget alive, a QTimer running or a QThread
    working (after qtbot's widgets, the OPENED windows and the store are closed)."""
    watch = LeakWatch(monkeypatch)
    yield
    leaks = watch.leaks()  # stops and closes them whatever happens, so the next test is clean
    if leaks and not request.node.stash.get(_CALL_FAILED, False):
        pytest.fail(
            f"{request.node.nodeid} left {len(leaks)} thing(s) behind:\n  "
            + "\n  ".join(leaks)
            + f"\n{LEAK_ADVICE}",
            pytrace=False,
        )


@pytest.fixture
def every_type_form(tmp_path: Path) -> Path:
    return write_every_type_form(tmp_path / "every_type.xlsx")


@pytest.fixture(autouse=True)
def close_leftover_windows(no_leaks: None) -> Iterator[None]:
    """Close what a test without the ``store`` fixture opened (that fixture closes its own).

    It takes ``no_leaks`` so that the leak check comes after it (autouse fixtures otherwise
    run in the order of their names)."""
    yield
    close_opened()


@pytest.fixture
def store(tmp_path: Path, every_type_form: Path) -> Iterator[Any]:
    from fieldapp.core.store import Store

    opened = Store.open(tmp_path / "interviews.db")
    opened.forms.add(every_type_form)
    yield opened
    close_opened()
    opened.close()
