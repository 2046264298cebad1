"""Answers as the desk shows them: labels for codes, repeat entries as rows chosen one by one."""

from __future__ import annotations

import pytest
from xlsform import EN, ES, write_xlsform

from fieldapp.core.answer_rows import (
    Shown,
    combine_rows,
    conflict_rows,
    differing_rows,
    element_at,
    piped_label,
    show_answer,
    show_row,
    where_title,
)
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form, Question, QuestionType


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Form:
    path = write_xlsform(
        tmp_path_factory.mktemp("rows") / "f.xlsx",
        survey=[
            {"type": "begin_group", "name": "org", EN: "Organisation"},
            {"type": "select_multiple sectors", "name": "sectors", EN: "Sectors"},
            {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism"},
            {"type": "text", "name": "mech_name", EN: "Name"},
            {"type": "select_one kind", "name": "kind", EN: "Kind"},
            {"type": "end_repeat"},
            {"type": "end_group"},
        ],
        choices=[
            {"list_name": "sectors", "name": "ngo", EN: "NGOs"},
            {"list_name": "sectors", "name": "faith", EN: "Faith groups"},
            {"list_name": "kind", "name": "named", EN: "Named in a law"},
            {"list_name": "kind", "name": "dues", EN: "Paid by members"},
        ],
    )
    return load_form(path)


def test_codes_read_as_labels_with_the_codes_kept(form: Form) -> None:
    sectors = element_at(form, "org/sectors")
    for stored in (["ngo", "faith"], "ngo faith"):
        shown = show_answer(sectors, stored, "English (en)")
        assert (shown.text, shown.codes) == ("NGOs; Faith groups", "ngo faith")
    assert show_answer(sectors, ["gone"], "English (en)").text == "gone"  # unknown: as stored
    kind = element_at(form, "org/mechanisms[2]/kind")
    assert show_answer(kind, "dues", "English (en)").text == "Paid by members"
    assert where_title(form, "org/mechanisms[2]/kind", "English (en)") == "Mechanism 2 › Kind"
    assert where_title(form, "nowhere/else", "English (en)") == "nowhere/else"


def test_repeat_entries_are_rows_chosen_one_by_one(form: Form) -> None:
    mesa = {"mech_name": "Mesa", "kind": "named"}
    ana = {"org/sectors": ["ngo"], "org/mechanisms": [mesa, {"mech_name": "A", "kind": "dues"}]}
    beto = {
        "org/sectors": ["ngo"],
        "org/mechanisms": [mesa, {"mech_name": "B"}, {"mech_name": "C"}],
    }
    heads = [ana, beto]
    rows = conflict_rows(form, heads, ["org/sectors", "org/mechanisms"])
    assert rows == ["org/sectors", "org/mechanisms[1]", "org/mechanisms[2]", "org/mechanisms[3]"]
    assert differing_rows(heads, rows) == {"org/mechanisms[2]", "org/mechanisms[3]"}
    shown = show_row(form, ana["org/mechanisms"][1], "org/mechanisms[2]", "English (en)")
    assert (shown.text, shown.codes) == ("Name: A\nKind: Paid by members", "kind: dues")

    combined = combine_rows(heads, {"org/mechanisms[2]": 0, "org/mechanisms[3]": 1}, base=0)
    assert [m["mech_name"] for m in combined["org/mechanisms"]] == ["Mesa", "A", "C"]
    combined = combine_rows(heads, {"org/mechanisms[2]": 1, "org/mechanisms[3]": 0}, base=0)
    assert [m["mech_name"] for m in combined["org/mechanisms"]] == ["Mesa", "B"]  # ana has no 3rd
    assert combined["org/sectors"] == ["ngo"]


@pytest.fixture(scope="module")
def piping(tmp_path_factory: pytest.TempPathFactory) -> Form:
    path = write_xlsform(
        tmp_path_factory.mktemp("pipes") / "p.xlsx",
        survey=[
            {"type": "select_one city", "name": "city", EN: "City", ES: "Ciudad"},
            {"type": "integer", "name": "year", EN: "Year", ES: "Año"},
            {
                "type": "text",
                "name": "change",
                EN: "Since ${year}, has ${city} changed?",
                ES: "¿Desde ${year}, ha cambiado ${city}?",
            },
            {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism", ES: "Mecanismo"},
            {"type": "text", "name": "mech_name", EN: "Name", ES: "Nombre"},
            {
                "type": "integer",
                "name": "members",
                EN: "Members of ${mech_name} in ${city}",
                ES: "Miembros de ${mech_name} en ${city}",
            },
            {"type": "end_repeat"},
        ],
        choices=[
            {"list_name": "city", "name": "nuevo_laredo", EN: "Nuevo Laredo", ES: "Nuevo Laredo"},
            {"list_name": "city", "name": "tijuana", EN: "Tijuana", ES: "Tijuana"},
        ],
    )
    return load_form(path)


def test_a_piped_reference_reads_as_the_answer_where_every_version_gives_it(
    piping: Form,
) -> None:
    change = element_at(piping, "change")
    assert change is not None
    one = {"city": "nuevo_laredo", "year": 2014}
    shown = piped_label(piping, change, "English (en)", [one, dict(one)])
    assert shown == "Since 2014, has Nuevo Laredo changed?"  # a choice as its label
    assert piped_label(piping, change, "English (en)", []) == change.label("English (en)")


def test_a_piped_reference_the_versions_differ_on_reads_as_each_answer_never_as_code(
    piping: Form,
) -> None:
    """A supervisor never reads ``${city}``: where the versions differ, both answers in
    their order (no title names one version's over the other's); where none answers, the
    question it names."""
    change = element_at(piping, "change")
    assert change is not None
    one = {"city": "nuevo_laredo", "year": 2014}
    other = {"city": "tijuana", "year": 2014}
    shown = piped_label(piping, change, "English (en)", [one, other])
    assert shown == "Since 2014, has “Nuevo Laredo” / “Tijuana” changed?"
    shown = piped_label(piping, change, "Español (es)", [other, one, {"year": 2014}])
    assert shown == "¿Desde 2014, ha cambiado «Tijuana» / «Nuevo Laredo» / —?"
    shown = piped_label(piping, change, "English (en)", [{}, {}])
    assert shown == "Since [Year], has [City] changed?"
    assert "${" not in piped_label(piping, change, "Español (es)", [{}])


def test_a_piped_reference_in_a_repeat_entry_reads_as_that_entrys_answer(
    piping: Form,
) -> None:
    entries = [{"mech_name": "Mesa"}, {"mech_name": "Consejo", "members": 9}]
    ana = {"city": "tijuana", "mechanisms": entries}
    beto = {"city": "tijuana", "mechanisms": [entries[0], {"mech_name": "Junta"}]}
    title = where_title(piping, "mechanisms[2]/members", "English (en)", [ana, beto])
    assert title == "Mechanism 2 › Members of “Consejo” / “Junta” in Tijuana"
    title = where_title(piping, "mechanisms[1]/members", "English (en)", [ana, beto])
    assert title == "Mechanism 1 › Members of Mesa in Tijuana"
    # the Conflicts desk's cell of one entry: its questions read with that version's answers
    shown = show_row(piping, entries[1], "mechanisms[2]", "English (en)", ana)
    assert shown.text == "Name: Consejo\nMembers of Consejo in Tijuana: 9"


def test_questions_nobody_is_asked_read_as_what_they_hold_in_the_forms_language() -> None:
    """A supervisor read ``actor_type`` holding ``gov`` and ``meta/instanceID`` on the
    Spanish desks: the study forms' calculations have no label."""
    from fieldapp.core.answer_rows import stamp_title
    from fieldapp.core.study import study_forms

    gov = load_form(next(f.path for f in study_forms() if f.actor_type == "gov"))
    actor = element_at(gov, "actor_type")
    assert actor is not None
    assert stamp_title(actor, "Español (es)") == "Tipo de actor"
    shown = show_answer(actor, "gov", "Español (es)")
    assert (shown.text, shown.codes) == ("Gobierno", "gov")
    assert show_answer(actor, "other", "Español (es)") == Shown("other"), "unknown: as stored"
    assert where_title(gov, "meta/instanceName", "English (en)") == (
        "Interview name (worked out by the form)"
    )
    calculated = [
        e
        for e in gov.walk()
        if isinstance(e, Question) and e.type == QuestionType.CALCULATE and not e.labels
    ]
    assert calculated and all(stamp_title(e, "Español (es)") for e in calculated)


def test_an_entrys_calculation_without_a_label_is_said_as_a_top_level_one(tmp_path) -> None:
    """Seen in the Conflicts view: a mechanism's cell ended in "mech_sector_count: 1",
    "breadth_index: 0", the form's names alone, where a question above it outside the
    entry reads "Lo calcula el formulario (breadth_index)"."""
    path = write_xlsform(
        tmp_path / "f.xlsx",
        survey=[
            {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism", ES: "Mecanismo"},
            {"type": "text", "name": "mech_name", EN: "Name", ES: "Nombre"},
            {"type": "calculate", "name": "mech_sector_count", "calculation": "1"},
            {"type": "end_repeat"},
        ],
    )
    form = load_form(path)
    entry = {"mech_name": "Mesa", "mech_sector_count": "1"}
    lines = {
        language: show_row(form, entry, "mechanisms[1]", language).text.splitlines()
        for language in ("English (en)", "Español (es)")
    }
    assert lines["Español (es)"] == [
        "Nombre: Mesa",
        "Lo calcula el formulario (mech_sector_count): 1",
    ]
    assert lines["English (en)"][1] == "Worked out by the form (mech_sector_count): 1"
