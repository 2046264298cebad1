"""A city corrected on the first page, after an organisation of the old city was chosen
(walkres): the window says which option is no longer offered and why, in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel
from xlsform import write_xlsform

from fieldapp.core.store import Store
from fieldapp.ui import i18n
from fieldapp.ui.interview_window import InterviewWindow


def _form(path: Path) -> Path:
    survey = [
        {"type": "select_one cities", "name": "city", "label::Español (es)": "Ciudad"},
        {"type": "begin_group", "name": "profile", "label::Español (es)": "Perfil"},
        {
            "type": "select_one orgs",
            "name": "org",
            "label::Español (es)": "Organización que representa",
            "required": "yes",
            "choice_filter": "city=${city}",
        },
        {"type": "end_group", "name": "profile"},
    ]
    choices = [
        {"list_name": "cities", "name": "tijuana", "label::Español (es)": "Tijuana"},
        {"list_name": "cities", "name": "monterrey", "label::Español (es)": "Monterrey"},
        {
            "list_name": "orgs",
            "name": "tijuana_consejo_ciudadano",
            "label::Español (es)": "Consejo Ciudadano de Seguridad Pública",
            "city": "tijuana",
        },
        {
            "list_name": "orgs",
            "name": "monterrey_consejo_civico",
            "label::Español (es)": "Consejo Cívico de Nuevo León",
            "city": "monterrey",
        },
    ]
    return write_xlsform(
        path, survey=survey, choices=choices, settings={"form_id": "orgs", "version": "1"}
    )


def test_a_corrected_city_says_the_old_organisation_by_its_name_and_the_city_it_follows(
    qtbot: Any, tmp_path: Path
) -> None:
    i18n.apply_language("es")
    try:
        _said_in_words(qtbot, tmp_path)
    finally:
        i18n.apply_language("en")


def _said_in_words(qtbot: Any, tmp_path: Path) -> None:
    with Store.open(tmp_path / "field.db") as store:
        sha = store.forms.add(_form(tmp_path / "orgs.xlsx")).sha256
        sid = store.interviews.start(
            sha,
            answers={"city": "tijuana", "profile/org": "tijuana_consejo_ciudadano"},
            interviewer="TJ03",
            city="tijuana",
        )
        window = InterviewWindow(store, sid)
        try:
            window.show()
            window.view.commit(("city",), "monterrey")  # corrected on the first page
            window.finalize()  # refused: the problems are listed
            listed = [
                window.problem_list.item(i).text() for i in range(window.problem_list.count())
            ]
            # the section list counts it once, as the problem list does
            profile = window.view.navigator.item(window.view.section_of(("profile/org",))).text()
            assert profile.endswith("0 de 1 respondidas · 1 por corregir"), profile
            window.view.reveal(("profile/org",))  # Enter on the problem: her section, built
            org = window.view.nodes[("profile/org",)]
            beside = org.findChild(QLabel, "error").text()
            for said in (*listed, beside):
                assert "tijuana_consejo_ciudadano" not in said and "profile/org" not in said, said
            assert "«Consejo Ciudadano de Seguridad Pública» ya no se ofrece" in beside
            assert "«Ciudad»" in beside
            assert listed == [f"Perfil › Organización que representa: {beside}"]
        finally:
            window.close()  # before the store closes
