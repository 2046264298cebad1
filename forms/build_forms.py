"""Build the study's four XLSForms from the readable tables below.

Run ``python forms/build_forms.py`` after changing this file or ``city_lists.csv``; the
``.xlsx`` files it writes are what fieldapp, ODK Collect and KoboToolbox read. The
shared sections are written once here so the four forms keep the same variable names
(an analyst can stack them and cross-tabulate by city); the city-specific lists come
from ``city_lists.csv`` so researchers edit them without touching the logic.

The observations of the brief are asked per named mechanism (the ``mechanisms``
repeat), so the four actors describe the same mesa, consejo or programa and can be
compared by ``city × actor_type × mech_name``. ``forms/README.md`` is the codebook.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook

FORMS_DIR = Path(__file__).resolve().parent
OUT_DIR = FORMS_DIR.parent / "fieldapp" / "study_forms"
"""Where fieldapp reads the forms as package data (``fieldapp.core.study``)."""
CITY_LISTS = FORMS_DIR / "city_lists.csv"
PUBLIC_KEY = FORMS_DIR / "study_public_key.txt"
"""The study key's public half (what `fieldapp keys new` prints); when present, every
finalized interview of these forms is sealed for it."""
VERSION = "2026120601"
"""Second round, its codes 97, 98 and 99 marked as no answer (``non_answer``); the questions
are those of ``2026120501``. Interviews made with ``2026112401`` or ``2026120501`` keep
that form (the database stores the exact workbook of each interview) and export into the
same sheets."""
ES = "Español (es)"
EN = "English (en)"
ACTORS = ("cso", "gov", "security", "informant")

Text = tuple[str, str]
"""(Spanish, English)."""
Row = dict[str, str]

SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{ES}",
    f"label::{EN}",
    f"hint::{ES}",
    f"hint::{EN}",
    "required",
    f"required_message::{ES}",
    f"required_message::{EN}",
    "relevant",
    "constraint",
    f"constraint_message::{ES}",
    f"constraint_message::{EN}",
    "calculation",
    "default",
    "choice_filter",
    "appearance",
    "repeat_count",
    "sensitive",
)
CITY_COLUMNS = ("list_name", "name", f"label::{ES}", f"label::{EN}", "city")
"""The columns of ``city_lists.csv``, each filled in every row."""
NON_ANSWER = "non_answer"
"""The choices column saying ``yes`` for a code that is no answer (97, 98, 99): exports
declare those codes missing (SPSS user-missing, Stata ``.a .b .c``). ODK and Kobo keep a
choices column they do not know, so the forms load there as before."""
CHOICE_COLUMNS = (*CITY_COLUMNS, NON_ANSWER)
SETTINGS_COLUMNS = (
    "form_id",
    "form_title",
    "version",
    "default_language",
    "instance_name",
    "style",
    "public_key",
)

REQUIRED: Text = (
    "Esta pregunta es obligatoria en una entrevista completa: anote la respuesta "
    "(o «Prefiere no responder» / «No sabe»), o marque al final que la entrevista se "
    "interrumpió.",
    "This question is required in a complete interview: record the answer (or "
    "“Prefers not to answer” / “Don't know”), or mark at the end that the interview stopped.",
)
OTHER_REQUIRED: Text = (
    "Eligió «Otro»: escriba cuál es para poder continuar.",
    "You chose “Other”: write what it is to continue.",
)
CURRENT_YEAR = "int(format-date(today(), '%Y'))"
YEAR = f". >= 1950 and . <= {CURRENT_YEAR}"
YEAR_MESSAGE: Text = (
    "Escriba un año de cuatro cifras entre 1950 y el año en curso (por ejemplo 2011).",
    "Write a four-digit year between 1950 and the current year (for example 2011).",
)
READ_ALL: Text = (
    "Lea las opciones en voz alta (no «No sabe» ni «Prefiere no responder») y marque todas "
    "las que mencione.",
    "Read the options aloud (not “Don't know” or “Prefers not to answer”) and tick every "
    "one the interviewee mentions.",
)
SCALE_HINT: Text = (
    "Lea la escala completa; «No sabe» y «Prefiere no responder» no se leen, "
    "se marcan si la persona lo dice.",
    "Read the whole scale; “Don't know” and “Prefers not to answer” are not read out, "
    "tick them if the interviewee says so.",
)
CONSENTED = "${consent} = 'yes'"
UNLESS_STOPPED = "${interview_status} = '' or ${interview_status} = 'complete'"
"""Required in a complete interview (and while the interview is under way); an interview
the interviewee ended or that stopped for safety finalizes with what was said."""
IDENTIFIED = "${anonymity} = 'named' or ${anonymity} = 'position'"
"""Position, office and organisation are asked only of those who accept to be cited so."""
NOT_SUBSTANTIVE = ("97", "98", "99")
"""Refused, don't know, not applicable: the same codes in every list, never scale points."""


def q(
    type_: str,
    name: str,
    label: Text | None = None,
    hint: Text | None = None,
    *,
    required: bool | str = False,
    required_message: Text | None = None,
    relevant: str = "",
    constraint: str = "",
    constraint_message: Text | None = None,
    calculation: str = "",
    default: str = "",
    choice_filter: str = "",
    appearance: str = "",
    repeat_count: str = "",
    sensitive: bool | None = None,
) -> Row:
    """Return one survey row; every text comes in Spanish and English.

    ``required=True`` is always required; ``required=UNLESS_STOPPED`` (an expression)
    only in a complete interview. ``sensitive``: True = sensitive, False = explicitly safe
    to export de-identified, None = not stated; every free text must say one or the other.
    """
    assert not (type_ == "text" and sensitive is None), f"{name}: free text, say if sensitive"
    row: Row = {"type": type_, "name": name}
    if label:
        row[f"label::{ES}"], row[f"label::{EN}"] = label
    if hint:
        row[f"hint::{ES}"], row[f"hint::{EN}"] = hint
    if required:
        row["required"] = "yes" if required is True else required
        message = required_message or REQUIRED
        row[f"required_message::{ES}"], row[f"required_message::{EN}"] = message
    if constraint:
        assert constraint_message, f"{name}: a constraint needs a message"
        row["constraint"] = constraint
        row[f"constraint_message::{ES}"], row[f"constraint_message::{EN}"] = constraint_message
    for column, value in (
        ("relevant", relevant),
        ("calculation", calculation),
        ("default", default),
        ("choice_filter", choice_filter),
        ("appearance", appearance),
        ("repeat_count", repeat_count),
    ):
        if value:
            row[column] = value
    if sensitive is not None:
        row["sensitive"] = "yes" if sensitive else "no"
    return row


def ask(type_: str, name: str, label: Text, hint: Text | None = None, **more: object) -> Row:
    """A question required in a complete interview (see ``UNLESS_STOPPED``)."""
    return q(type_, name, label, hint, required=UNLESS_STOPPED, **more)  # type: ignore[arg-type]


def scale(list_name: str, name: str, label: Text, **more: object) -> Row:
    return ask(f"select_one {list_name}", name, label, SCALE_HINT, appearance="likert", **more)


def begin_group(name: str, label: Text, relevant: str = "", appearance: str = "") -> Row:
    return q("begin_group", name, label, relevant=relevant, appearance=appearance)


def end_group() -> Row:
    return {"type": "end_group"}


def other_text(name: str, select: str, multiple: bool = False) -> Row:
    """The "other, specify" text that a select's ``other`` choice requires (sensitive: it
    can name a person or a small organisation)."""
    shown = f"selected(${{{select}}}, 'other')" if multiple else f"${{{select}}} = 'other'"
    return q(
        "text",
        name,
        ("Especifique «otro»", "Specify “other”"),
        (
            "Escriba qué es, sin nombres de personas.",
            "Write what it is, without names of people.",
        ),
        required=True,
        required_message=OTHER_REQUIRED,
        relevant=shown,
        sensitive=True,
    )


def exclusive(*codes: str) -> tuple[str, Text]:
    """A constraint that keeps "none", "don't know" or a refusal from being ticked with
    anything else."""
    picked = " or ".join(f"selected(., '{code}')" for code in codes)
    return (
        f"not(({picked}) and count-selected(.) > 1)",
        (
            "«Ninguno», «No sabe» o «Prefiere no responder» no se combinan con otras "
            "opciones: desmarque una de ellas.",
            "“None”, “Don't know” or “Prefers not to answer” cannot be ticked with other "
            "options: untick one of them.",
        ),
    )


def pick_many(list_name: str, name: str, label: Text, hint: Text = READ_ALL, **more: object) -> Row:
    """A select_multiple whose none / refused / don't know stand alone."""
    constraint, message = exclusive("none", "97", "98")
    return ask(
        f"select_multiple {list_name}",
        name,
        label,
        hint,
        constraint=constraint,
        constraint_message=message,
        **more,
    )


def by_actor(actor: str, **texts: Text) -> Text:
    return texts[actor]


def known(name: str) -> str:
    """True when ``${name}`` holds a substantive answer (not blank, 97, 98 or 99)."""
    codes = " and ".join(f"${{{name}}} != '{code}'" for code in NOT_SUBSTANTIVE)
    return f"${{{name}}} != '' and {codes}"


def any_of(name: str, *codes: str) -> str:
    return " or ".join(f"${{{name}}} = '{code}'" for code in codes)


def after(first: str) -> str:
    """A year not before ``${first}`` (when that was answered) nor after this year."""
    return f"({YEAR}) and (string(${{{first}}}) = '' or . >= ${{{first}}})"


def flag(condition: str) -> str:
    """1 if ``condition`` holds, else 0 (for the indices)."""
    return f"if({condition}, 1, 0)"


# --- the opening section, the same in every form ---------------------------------------

ACTOR_NAMES: dict[str, Text] = {
    "cso": ("Representante de la sociedad civil", "Civil-society representative"),
    "gov": ("Funcionario de gobierno", "Government official"),
    "security": ("Representante de fuerzas de seguridad", "Security-force representative"),
    "informant": ("Informante clave", "Key informant"),
}
INSTANCE_PREFIX = {
    "cso": "CSO/OSC",
    "gov": "Gov/Gob",
    "security": "Security/Seguridad",
    "informant": "Informant/Informante",
}
"""The actor in the instance name: one expression for every language, so both words."""
INTERVIEWER_MESSAGE: Text = (
    "Escriba su código de entrevistador: dos letras mayúsculas y dos dígitos, por ejemplo TJ01.",
    "Write your interviewer code: two capital letters and two digits, for example TJ01.",
)


def opening(actor: str) -> list[Row]:
    es_actor, en_actor = ACTOR_NAMES[actor]
    return [
        q("start", "start"),
        q("end", "end"),
        q("today", "today"),
        q("deviceid", "deviceid"),
        q("calculate", "actor_type", calculation=f"'{actor}'"),
        q(
            "note",
            "intro_note",
            (
                f"Entrevista estructurada: {es_actor.lower()}. Estudio sobre sociedad civil, "
                "gobierno y fuerzas de seguridad en cuatro ciudades fronterizas.",
                f"Structured interview: {en_actor.lower()}. Study of civil society, government "
                "and security forces in four border cities.",
            ),
        ),
        q(
            "select_one city",
            "city",
            ("Ciudad", "City"),
            (
                "La ciudad sobre la que habla la persona, aunque la entrevista sea en otro lugar.",
                "The city the interviewee speaks about, even if you meet elsewhere.",
            ),
            required=True,
        ),
        q(
            "text",
            "interviewer",
            ("Código de entrevistador", "Interviewer code"),
            (
                "Dos letras mayúsculas y dos dígitos, p. ej. TJ01.",
                "Two capitals and two digits, e.g. TJ01.",
            ),
            required=True,
            required_message=INTERVIEWER_MESSAGE,
            constraint="regex(., '^[A-Z]{2}[0-9]{2}$')",
            constraint_message=INTERVIEWER_MESSAGE,
            sensitive=False,  # a code, pseudonymised by a de-identified export
        ),
        q(
            "date",
            "interview_date",
            ("Fecha de la entrevista", "Date of the interview"),
            required=True,
            default="today()",
            constraint=". <= today() and . >= date('2024-01-01')",
            constraint_message=(
                "La fecha no puede ser futura ni anterior a 2024, cuando empezó el estudio: "
                "revise día, mes y año.",
                "The date cannot be in the future or before 2024, when the study began: "
                "check day, month and year.",
            ),
        ),
        q("select_one place", "place_type", ("Tipo de lugar", "Type of place"), required=True),
        other_text("place_other", "place_type"),
        q("select_one mode", "mode", ("Modalidad", "Mode"), required=True),
        q(
            "select_one language",
            "interview_language",
            ("Idioma de la entrevista", "Language of the interview"),
            (
                "Si es inglés, cambie también el idioma del formulario.",
                "If English, switch the form's language too.",
            ),
            required=True,
        ),
        q(
            "note",
            "consent_script",
            (
                "Lea en voz alta: «Le invitamos a una entrevista sobre cómo colaboran la "
                "sociedad civil, el gobierno y las fuerzas de seguridad en su ciudad. Es "
                "voluntaria: puede no responder cualquier pregunta (basta con decirlo) o "
                "terminar cuando quiera. Lo que diga se guarda cifrado y solo se publica sin "
                "datos que le identifiquen, salvo que usted lo autorice.»",
                "Read aloud: “We invite you to an interview about how civil society, "
                "government and the security forces work together in your city. It is "
                "voluntary: you may decline any question (just say so) or stop at any time. "
                "What you say is stored encrypted and only published without details that "
                "identify you, unless you allow it.”",
            ),
        ),
        q(
            "select_one yes_no",
            "consent",
            ("¿Acepta participar en la entrevista?", "Do you agree to take part in the interview?"),
            (
                "Si responde que no, agradezca su tiempo y termine: no se mostrarán más preguntas.",
                "If they say no, thank them and stop: no further questions will be shown.",
            ),
            required=True,
        ),
        q(
            "note",
            "no_consent_end",
            (
                "La persona no dio su consentimiento. La entrevista termina aquí: "
                "finalice el formulario.",
                "The interviewee did not consent. The interview ends here: finalize the form.",
            ),
            relevant="${consent} = 'no'",
        ),
        q(
            "select_one anonymity",
            "anonymity",
            (
                "¿Cómo quiere que se le cite en los resultados?",
                "How do you want to be cited in the results?",
            ),
            (
                "Lea las cuatro opciones. En una ciudad pequeña un cargo identifica a la "
                "persona: ante la duda, proponga la descripción general o el anonimato.",
                "Read the four options. In a small city a position identifies the person: "
                "when in doubt, suggest the general description or anonymity.",
            ),
            required=True,
            relevant=CONSENTED,
        ),
        q(
            "text",
            "respondent_name",
            ("Nombre de la persona entrevistada", "Interviewee's name"),
            (
                "Solo porque aceptó ser citada con nombre; se sella al finalizar.",
                "Only because they agreed to be named; it is sealed when finalized.",
            ),
            required=True,
            required_message=(
                "Escriba el nombre con el que aceptó ser citada; "
                "si prefiere no darlo, cambie la respuesta sobre cómo quiere que se le cite.",
                "Write the name they agreed to be cited by; "
                "if they prefer not to give it, change the answer on how they want to be cited.",
            ),
            relevant=f"{CONSENTED} and ${{anonymity}} = 'named'",
            sensitive=True,
        ),
        q(
            "select_one yes_no",
            "consent_audio",
            ("¿Acepta que se grabe el audio?", "Do you agree to the audio being recorded?"),
            (
                "Pregunte después de acordar cómo se le cita. Solo se graba en esta "
                "computadora y se adjunta abajo, donde se sella con la entrevista; nunca en un "
                "teléfono o grabadora personal. Si no acepta, tome notas.",
                "Ask once citation is agreed. Record only on this computer and attach it "
                "below, where it is sealed with the interview; never on a personal phone or "
                "recorder. If not, take notes.",
            ),
            required=True,
            relevant=CONSENTED,
        ),
        q(
            "audio",
            "recording",
            ("Grabación de la entrevista", "Recording of the interview"),
            (
                "Adjunte la grabación al terminar y borre el archivo original de la "
                "computadora: aquí queda sellada.",
                "Attach the recording at the end and delete the original file from the "
                "computer: here it is sealed.",
            ),
            relevant=f"{CONSENTED} and ${{consent_audio}} = 'yes'",
            sensitive=True,
        ),
    ]


def period(actor: str) -> list[Row]:
    """The reference period every later "in that period" means."""
    whose = by_actor(
        actor,
        cso=("su organización", "your organisation"),
        gov=("su dependencia", "your agency"),
        security=("su corporación", "your force"),
        informant=("la ciudad", "the city"),
    )
    return [
        begin_group("period", ("Periodo de referencia", "Reference period"), relevant=CONSENTED),
        q(
            "note",
            "period_note",
            (
                "Lea: «Nos interesan sobre todo los años en que la colaboración en seguridad "
                f"entre sociedad civil, gobierno y fuerzas de seguridad fue más intensa para "
                f"{whose[0]}, o en que más se intentó.»",
                "Read: “We are most interested in the years when the collaboration on "
                "security between civil society, government and security forces was most "
                f"intense for {whose[1]}, or most attempted.”",
            ),
        ),
        ask(
            "integer",
            "ref_start",
            ("¿Desde qué año?", "From which year?"),
            (
                "Si no identifica un periodo, use 2008 a 2012, los años de más violencia, "
                "y dígaselo.",
                "If they cannot name a period, use 2008 to 2012, the most violent years, "
                "and tell them so.",
            ),
            constraint=YEAR,
            constraint_message=YEAR_MESSAGE,
        ),
        ask(
            "integer",
            "ref_end",
            ("¿Hasta qué año?", "Until which year?"),
            constraint=after("ref_start"),
            constraint_message=(
                "El último año debe estar entre el primero y el año en curso.",
                "The last year must lie between the first and the current year.",
            ),
        ),
        q(
            "note",
            "period_reminder",
            (
                "En adelante, «en ese periodo» quiere decir de ${ref_start} a ${ref_end}; "
                "«hoy» y «en los últimos 12 meses» se dicen expresamente.",
                "From here on, “in that period” means ${ref_start} to ${ref_end}; “today” "
                "and “in the last 12 months” are said explicitly.",
            ),
        ),
        end_group(),
    ]


# --- who the interviewee is, per actor ---------------------------------------------------


def profile(actor: str) -> list[Row]:
    rows = [begin_group("profile", ("Perfil", "Profile"), relevant=CONSENTED)]
    if actor == "cso":
        rows += [
            ask(
                "select_one org_type",
                "org_type",
                ("Tipo de organización", "Type of organisation"),
            ),
            other_text("org_type_other", "org_type"),
            q(
                "select_one organisations",
                "org",
                ("Organización que representa", "Organisation represented"),
                (
                    "Solo porque aceptó que se le cite con cargo. La lista muestra las de la "
                    "ciudad elegida; si no aparece, elija «Otra».",
                    "Only because they accepted to be cited by position. The list shows the "
                    "chosen city's organisations; if missing, choose “Other”.",
                ),
                required=UNLESS_STOPPED,
                required_message=REQUIRED,
                relevant=IDENTIFIED,
                choice_filter="city = ${city} or city = 'all'",
                sensitive=True,
            ),
            other_text("org_other", "org"),
            q(
                "text",
                "respondent_role",
                ("Cargo en la organización", "Position in the organisation"),
                (
                    "Solo porque aceptó que se le cite con cargo; nunca el nombre.",
                    "Only because they accepted to be cited by position; never the name.",
                ),
                required=UNLESS_STOPPED,
                relevant=IDENTIFIED,
                sensitive=True,
            ),
            ask(
                "select_one founded",
                "org_founded_band",
                (
                    "¿Cuándo se fundó la organización?",
                    "When was the organisation founded?",
                ),
            ),
            ask(
                "select_one members",
                "members_band",
                (
                    "¿Cuántos integrantes activos tiene (personas que participan, con o sin pago)?",
                    "How many active members does it have (people who take part, paid or not)?",
                ),
            ),
            ask(
                "select_one staff",
                "staff_band",
                ("¿Y cuántas personas con sueldo?", "And how many paid staff?"),
            ),
        ]
    elif actor == "gov":
        rows += [
            ask("select_one levels", "gov_level", ("Nivel de gobierno", "Level of government")),
            ask(
                "select_one post_type",
                "post_type",
                ("Tipo de cargo", "Type of post"),
                (
                    "Con el nivel de gobierno, un cargo de elección identifica a la persona: "
                    "se sella y no se exporta sin datos personales.",
                    "With the level, an elected post identifies the person: it is sealed and "
                    "left out of de-identified exports.",
                ),
                sensitive=True,
            ),
            q(
                "text",
                "office",
                ("Dependencia u oficina", "Agency or office"),
                (
                    "Solo porque aceptó que se le cite con cargo. P. ej. Secretaría de "
                    "Seguridad Pública Municipal; nunca el nombre de la persona.",
                    "Only because they accepted to be cited by position. E.g. Municipal "
                    "Public Security Department; never the person's name.",
                ),
                required=UNLESS_STOPPED,
                relevant=IDENTIFIED,
                sensitive=True,
            ),
            pick_many(
                "service_periods",
                "service_periods",
                (
                    "¿En qué periodos ocupó un cargo público relacionado con la seguridad?",
                    "In which periods did you hold a public post related to security?",
                ),
            ),
        ]
    elif actor == "security":
        rows += [
            ask(
                "select_one forces",
                "force",
                ("Corporación o institución", "Force or institution"),
                choice_filter="name != 'none' and name != '97' and name != '98'",
            ),
            ask(
                "select_one rank_band",
                "rank_band",
                ("Nivel de mando", "Rank band"),
                (
                    "Nunca anote el grado exacto ni el nombre.",
                    "Never record the exact rank or the name.",
                ),
                sensitive=True,
            ),
            pick_many(
                "accountability",
                "accountability",
                (
                    "¿Ante quién rinde cuentas su corporación por su trato con la ciudadanía?",
                    "To whom does your force answer for how it treats citizens?",
                ),
            ),
            other_text("accountability_other", "accountability", multiple=True),
        ]
    else:
        rows += [
            ask(
                "select_one informant_type",
                "informant_type",
                ("Tipo de informante", "Type of informant"),
            ),
            other_text("informant_type_other", "informant_type"),
        ]
    rows += [
        ask(
            "select_one years_band",
            "years_involved_band",
            (
                "¿Cuántos años lleva trabajando en temas de seguridad en esta ciudad?",
                "For how many years have you worked on security in this city?",
            ),
        ),
        ask(
            "select_one yes_no_ns",
            "threatened",
            (
                "¿Usted o sus colegas han recibido amenazas por su trabajo en temas de seguridad?",
                "Have you or your colleagues been threatened for your work on security?",
            ),
            (
                "Pregunte con cuidado; «Prefiere no responder» es una respuesta válida.",
                "Ask gently; “Prefers not to answer” is a valid answer.",
            ),
            sensitive=True,
        ),
        q(
            "text",
            "threatened_detail",
            ("¿Qué ocurrió?", "What happened?"),
            ("Sin nombres de personas.", "No names of people."),
            relevant="${threatened} = 'yes'",
            appearance="multiline",
            sensitive=True,
        ),
        end_group(),
    ]
    return rows


# --- observation 2: levels of government (the interviewee's own dealings) ------------------


def government(actor: str) -> list[Row]:
    who = by_actor(
        actor,
        cso=("su organización", "your organisation"),
        gov=("su dependencia", "your agency"),
        security=("su corporación", "your force"),
        informant=("la sociedad civil de esta ciudad", "civil society in this city"),
    )
    some = "count-selected(${gov_levels}) > 0 and " + " and ".join(
        f"not(selected(${{gov_levels}}, '{code}'))" for code in ("none", "97", "98")
    )
    rows = [
        begin_group(
            "government", ("Niveles de gobierno", "Levels of government"), relevant=CONSENTED
        ),
        pick_many(
            "levels_none",
            "gov_levels",
            (
                f"En ese periodo, ¿con qué niveles de gobierno trató {who[0]} en temas de "
                "seguridad?",
                f"In that period, which levels of government did {who[1]} deal with on security?",
            ),
        ),
        begin_group(
            "frequency",
            ("En ese periodo, ¿con qué frecuencia?", "In that period, how often?"),
            relevant=some,
            appearance="table-list",
        ),
    ]
    for level, es, en in LEVELS:
        rows.append(
            ask(
                "select_one freq",
                f"freq_{level}",
                (es, en),
                relevant=f"selected(${{gov_levels}}, '{level}')",
            )
        )
    rows += [
        end_group(),
        ask(
            "select_one freq",
            "contact_last_12m",
            (
                f"Y en los últimos 12 meses, ¿con qué frecuencia ha tratado {who[0]} temas de "
                "seguridad con alguna autoridad?",
                f"And in the last 12 months, how often has {who[1]} dealt with any authority "
                "on security?",
            ),
        ),
        ask(
            "select_one levels",
            "key_level",
            (
                "En ese periodo, ¿qué nivel de gobierno pesó más en la seguridad de la ciudad?",
                "In that period, which level of government weighed most on the city's security?",
            ),
            ("Solo aparecen los niveles que mencionó.", "Only the levels mentioned are listed."),
            relevant="count-selected(${gov_levels}) > 1",
            choice_filter="selected(${gov_levels}, name)",
        ),
        scale(
            "coordination",
            "level_coordination",
            (
                "En ese periodo, ¿qué tan coordinados estuvieron entre sí el municipio, el "
                "estado y la federación en seguridad en su ciudad?",
                "In that period, how well coordinated were the municipality, the state and "
                "the federation with each other on security in your city?",
            ),
        ),
        begin_group(
            "turnovers",
            (
                "En ese periodo, ¿cuántos cambios de administración hubo en…?",
                "In that period, how many changes of administration were there in…?",
            ),
            appearance="table-list",
        ),
    ]
    for level, es, en in LEVELS:
        rows.append(ask("select_one turnovers", f"turnover_{level}", (es, en)))
    changed = " or ".join(
        f"${{turnover_{level}}} = '{n}'" for level, _, _ in LEVELS for n in ("1", "2", "3")
    )
    rows += [
        end_group(),
        ask(
            "select_one continuity",
            "continuity",
            (
                "¿Qué pasó con la colaboración con la sociedad civil tras esos cambios?",
                "What happened to the collaboration with civil society after those changes?",
            ),
            relevant=changed,
        ),
        end_group(),
    ]
    return rows


LEVELS: tuple[tuple[str, str, str], ...] = (
    ("municipal", "Municipal", "Municipal"),
    ("state", "Estatal", "State"),
    ("federal", "Federal", "Federal"),
)


# --- observation 3: security forces, trust, reform and citizen monitoring -------------------

FORCES: tuple[tuple[str, str, str], ...] = (
    ("municipal_police", "Policía municipal", "Municipal police"),
    ("state_police", "Policía estatal", "State police"),
    ("federal_police", "Policía Federal (hasta 2019)", "Federal Police (until 2019)"),
    ("national_guard", "Guardia Nacional (desde 2019)", "National Guard (since 2019)"),
    ("army", "Ejército (SEDENA)", "Army (SEDENA)"),
    ("navy", "Marina (SEMAR)", "Navy (SEMAR)"),
    (
        "state_prosecutor",
        "Procuraduría o Fiscalía del estado",
        "State attorney general's office",
    ),
    (
        "federal_prosecutor",
        "PGR (hasta 2018) o FGR (desde 2018)",
        "Federal prosecutors: PGR (until 2018) or FGR (since 2018)",
    ),
)
TODAY_FORCES = ("municipal_police", "state_police", "national_guard", "army", "navy")
"""Forces that exist today (the Policía Federal was dissolved in 2019)."""


def security(actor: str) -> list[Row]:
    rows = [
        begin_group(
            "security",
            ("Fuerzas de seguridad y confianza", "Security forces and trust"),
            relevant=CONSENTED,
        ),
        begin_group(
            "trust",
            (
                "En ese periodo, ¿cuánta confianza tenía usted en…? (Si no existía o no tuvo "
                "trato con ella: «No aplica».)",
                "In that period, how much did you trust…? (If it did not exist or you had no "
                "dealings with it: “Not applicable”.)",
            ),
            appearance="table-list",
        ),
    ]
    for code, es, en in FORCES:
        rows.append(ask("select_one trust", f"trust_{code}", (es, en)))
    if actor in ("gov", "security"):
        rows.append(
            ask(
                "select_one trust",
                "trust_csos",
                (
                    "Las organizaciones de la sociedad civil de la ciudad",
                    "The city's civil-society organisations",
                ),
            )
        )
    rows += [
        end_group(),
        begin_group(
            "trust_today",
            ("Y hoy, ¿cuánta confianza tiene en…?", "And today, how much do you trust…?"),
            appearance="table-list",
        ),
    ]
    for code, es, en in FORCES:
        if code in TODAY_FORCES:
            rows.append(ask("select_one trust", f"today_{code}", (es, en)))
    rows += [
        end_group(),
        scale(
            "leak",
            "leak_risk",
            (
                "¿Qué tan probable cree que sea que la información que la ciudadanía da a la "
                "policía llegue a los grupos criminales?",
                "How likely do you think it is that information citizens give the police "
                "reaches criminal groups?",
            ),
        ),
        pick_many(
            "reforms",
            "police_reform",
            (
                "En ese periodo, ¿qué cambios hubo en la policía de su ciudad?",
                "In that period, what changes were made to your city's police?",
            ),
        ),
        ask(
            "select_one yes_no_ns",
            "reform_civil_role",
            (
                "¿La sociedad civil impulsó o vigiló esos cambios?",
                "Did civil society push for or monitor those changes?",
            ),
            relevant="count-selected(${police_reform}) > 0 and "
            + " and ".join(
                f"not(selected(${{police_reform}}, '{code}'))" for code in ("none", "97", "98")
            ),
        ),
        ask(
            "select_one yes_no_ns",
            "observatory",
            (
                "En ese periodo, ¿había en la ciudad un observatorio u otro grupo ciudadano "
                "que midiera la delincuencia o evaluara a la policía?",
                "In that period, was there an observatory or another citizen group in the "
                "city that measured crime or assessed the police?",
            ),
        ),
        ask(
            "select_one yes_no_ns",
            "observatory_used",
            (
                "¿Las autoridades usaban sus datos o evaluaciones?",
                "Did the authorities use its data or assessments?",
            ),
            relevant="${observatory} = 'yes'",
        ),
        end_group(),
    ]
    return rows


# --- the collaboration gate and the mechanisms (observations 1-4 per mechanism) -------------


def collaboration(actor: str) -> list[Row]:
    label = by_actor(
        actor,
        cso=(
            "En ese periodo, ¿su organización participó en alguna mesa, consejo, programa o "
            "acuerdo en que sociedad civil, gobierno y fuerzas de seguridad trabajaran "
            "juntos en seguridad?",
            "In that period, did your organisation take part in a round table, council, "
            "programme or agreement where civil society, government and security forces "
            "worked together on security?",
        ),
        gov=(
            "En ese periodo, ¿su dependencia participó en alguna mesa, consejo, programa o "
            "acuerdo con organizaciones de la sociedad civil y fuerzas de seguridad?",
            "In that period, did your agency take part in a round table, council, "
            "programme or agreement with civil-society organisations and security forces?",
        ),
        security=(
            "En ese periodo, ¿su corporación participó en alguna mesa, consejo, programa o "
            "acuerdo con organizaciones de la sociedad civil y autoridades civiles?",
            "In that period, did your force take part in a round table, council, programme "
            "or agreement with civil-society organisations and civilian authorities?",
        ),
        informant=(
            "En ese periodo, ¿hubo en la ciudad alguna mesa, consejo, programa o acuerdo en "
            "que sociedad civil, gobierno y fuerzas de seguridad trabajaran juntos, que "
            "usted conozca de cerca?",
            "In that period, was there a round table, council, programme or agreement in "
            "the city where civil society, government and security forces worked together, "
            "that you know closely?",
        ),
    )
    return [
        begin_group("collaboration", ("Colaboración", "Collaboration"), relevant=CONSENTED),
        ask("select_one yes_no_ns", "collab_any", label),
        ask(
            "integer",
            "mech_count",
            (
                "¿Cuántos mecanismos o programas así puede describir?",
                "How many such mechanisms or programmes can you describe?",
            ),
            (
                "Hasta 5: si son más, pida los 5 más importantes. Cada uno se describe por "
                "separado.",
                "Up to 5: if more, ask for the 5 most important. Each is described separately.",
            ),
            relevant="${collab_any} = 'yes'",
            constraint=". >= 1 and . <= 5",
            constraint_message=(
                "Escriba un número entre 1 y 5.",
                "Write a number between 1 and 5.",
            ),
        ),
        pick_many(
            "barriers",
            "barriers",
            (
                "¿Qué impidió que la sociedad civil, el gobierno y las fuerzas de seguridad "
                "trabajaran juntos?",
                "What kept civil society, government and security forces from working together?",
            ),
            relevant="${collab_any} = 'no'",
        ),
        other_text("barriers_other", "barriers", multiple=True),
        end_group(),
    ]


def mechanisms(actor: str) -> list[Row]:
    sectors_known = "count-selected(${mech_sectors}) > 0 and " + " and ".join(
        f"not(selected(${{mech_sectors}}, '{code}'))" for code in ("97", "98")
    )
    parties_known = "count-selected(${mech_parties}) > 0 and " + " and ".join(
        f"not(selected(${{mech_parties}}, '{code}'))" for code in ("97", "98")
    )
    funding_known = "count-selected(${mech_funding}) > 0 and " + " and ".join(
        f"not(selected(${{mech_funding}}, '{code}'))" for code in ("97", "98")
    )
    gov_money = " + ".join(
        flag(f"selected(${{mech_funding}}, '{level}')")
        for level in ("federal", "state", "municipal")
    )
    agreed = "${mech_roles_defined} = 'yes_all' or ${mech_roles_defined} = 'yes_some'"
    dissent = "${mech_dissent} = 'yes'"
    forces_in = "count-selected(${mech_forces}) > 0 and " + " and ".join(
        f"not(selected(${{mech_forces}}, '{code}'))" for code in ("none", "97", "98")
    )
    return [
        q(
            "begin_repeat",
            "mechanisms",
            ("Mecanismo o programa", "Mechanism or programme"),
            relevant=f"{CONSENTED} and ${{collab_any}} = 'yes' and ${{mech_count}} > 0",
            repeat_count="${mech_count}",
        ),
        ask(
            "select_one mechanisms",
            "mech_name",
            ("Nombre del mecanismo o programa", "Name of the mechanism or programme"),
            (
                "La lista es la de la ciudad elegida; si no aparece, elija «Otro». Todas las "
                "preguntas siguientes se refieren a este mecanismo.",
                "The list is the chosen city's; if missing, choose “Other”. Every following "
                "question is about this mechanism.",
            ),
            choice_filter="city = ${city} or city = 'all'",
        ),
        other_text("mech_other", "mech_name"),
        ask(
            "select_one mech_type",
            "mech_type",
            ("¿Qué tipo de mecanismo es?", "What kind of mechanism is it?"),
        ),
        ask(
            "select_one mech_relation",
            "mech_relation",
            by_actor(
                actor,
                cso=(
                    "¿Qué papel tuvo su organización en él?",
                    "What part did your organisation play in it?",
                ),
                gov=(
                    "¿Qué papel tuvo su dependencia en él?",
                    "What part did your agency play in it?",
                ),
                security=(
                    "¿Qué papel tuvo su corporación en él?",
                    "What part did your force play in it?",
                ),
                informant=("¿Cómo lo conoce?", "How do you know it?"),
            ),
            sensitive=True,  # "convened it" names the one organisation that did, and its head
        ),
        q(
            "integer",
            "mech_start_year",
            (
                "¿En qué año empezó a funcionar el mecanismo?",
                "In what year did the mechanism start?",
            ),
            (
                "El del mecanismo, no el de la participación de la persona. Si no lo sabe, "
                "deje en blanco y siga.",
                "The mechanism's, not the interviewee's participation. If not known, leave "
                "it blank and go on.",
            ),
            constraint=YEAR,
            constraint_message=YEAR_MESSAGE,
        ),
        ask(
            "select_one yes_no_ns",
            "mech_active",
            ("¿Sigue funcionando hoy?", "Is it still running today?"),
        ),
        q(
            "integer",
            "mech_end_year",
            ("¿En qué año dejó de funcionar?", "In what year did it stop?"),
            ("Si no lo sabe, deje en blanco.", "If not known, leave it blank."),
            relevant="${mech_active} = 'no'",
            constraint=after("mech_start_year"),
            constraint_message=(
                "El año de término debe estar entre el año de inicio (o 1950) y el año en curso.",
                "The end year must lie between the start year (or 1950) and the current year.",
            ),
        ),
        ask(
            "select_one initiator",
            "mech_started_by",
            ("¿Quién lo propuso primero?", "Who first proposed it?"),
        ),
        ask(
            "select_one initiator",
            "mech_convener",
            (
                "En ese periodo, ¿qué sector lo encabezaba o lo convocaba?",
                "In that period, which sector led or convened it?",
            ),
        ),
        # observation 1: breadth and independence, as behaviour
        pick_many(
            "sectors",
            "mech_sectors",
            (
                "¿Qué sectores de la sociedad participaban en él?",
                "Which sectors of society took part in it?",
            ),
        ),
        other_text("mech_sectors_other", "mech_sectors", multiple=True),
        pick_many(
            "parties",
            "mech_parties",
            (
                "¿Autoridades o legisladores de qué partidos lo apoyaron públicamente?",
                "Authorities or legislators of which parties publicly supported it?",
            ),
            (
                "Se pregunta por apoyos visibles, no por la afiliación de nadie. Lea la lista.",
                "This asks about visible support, not anyone's affiliation. Read the list.",
            ),
        ),
        pick_many(
            "funding",
            "mech_funding",
            ("¿Quién lo financiaba?", "Who funded it?"),
        ),
        other_text("mech_funding_other", "mech_funding", multiple=True),
        ask(
            "select_one agenda",
            "mech_agenda",
            (
                "¿Quién fijaba los temas y prioridades de las reuniones?",
                "Who set the topics and priorities of the meetings?",
            ),
        ),
        ask(
            "select_one yes_no_ns",
            "mech_dissent",
            (
                "¿Las organizaciones civiles que participaban expresaron públicamente "
                "desacuerdos con el gobierno o con las fuerzas de seguridad?",
                "Did the civil-society organisations taking part publicly voice "
                "disagreements with the government or the security forces?",
            ),
        ),
        # observation 2: levels of government and continuity
        pick_many(
            "levels_none",
            "mech_levels",
            (
                "¿Qué niveles de gobierno participaban en él?",
                "Which levels of government took part in it?",
            ),
        ),
        ask(
            "select_one yes_no_ns",
            "mech_federal_backing",
            (
                "¿Tuvo el respaldo de políticos o funcionarios federales?",
                "Did it have the backing of federal politicians or officials?",
            ),
            (
                "Por ejemplo, un senador, una secretaría federal o la Presidencia que lo "
                "impulsó o protegió.",
                "For example a senator, a federal ministry or the Presidency that pushed or "
                "protected it.",
            ),
        ),
        ask(
            "select_one survived",
            "mech_survived_change",
            (
                "Cuando cambió el partido en el gobierno municipal o estatal, ¿el mecanismo "
                "siguió funcionando?",
                "When the party in municipal or state government changed, did the "
                "mechanism keep working?",
            ),
        ),
        # observation 3: security forces
        pick_many(
            "forces",
            "mech_forces",
            (
                "¿Qué fuerzas de seguridad participaban en él?",
                "Which security forces took part in it?",
            ),
        ),
        ask(
            "select_one contact_mode",
            "mech_forces_contact",
            (
                "¿La relación con esas fuerzas era directa o a través de intermediarios?",
                "Was the relationship with those forces direct or through intermediaries?",
            ),
            relevant=forces_in,
        ),
        pick_many(
            "intermediaries",
            "mech_intermediaries",
            ("¿Quiénes hacían de intermediarios?", "Who acted as intermediaries?"),
            relevant="${mech_forces_contact} = 'intermediaries' or ${mech_forces_contact} = 'both'",
        ),
        other_text("mech_intermediaries_other", "mech_intermediaries", multiple=True),
        ask(
            "select_one info_sharing",
            "mech_info_sharing",
            (
                "¿Se compartía información entre la sociedad civil y esas fuerzas?",
                "Was information shared between civil society and those forces?",
            ),
            relevant=forces_in,
        ),
        ask(
            "select_one freq",
            "mech_frequency",
            (
                "En ese periodo, ¿con qué frecuencia se reunía?",
                "In that period, how often did it meet?",
            ),
        ),
        ask(
            "select_one formality", "mech_formality", ("¿Qué tan formal era?", "How formal was it?")
        ),
        # observation 4: role definition
        ask(
            "select_one roles_defined",
            "mech_roles_defined",
            (
                "¿Se acordaron las funciones y responsabilidades de cada parte (sociedad "
                "civil, gobierno, fuerzas de seguridad)?",
                "Were the functions and responsibilities of each party (civil society, "
                "government, security forces) agreed?",
            ),
        ),
        ask(
            "select_one roles_when",
            "mech_roles_when",
            ("¿Cuándo se acordaron?", "When were they agreed?"),
            relevant=agreed,
        ),
        ask(
            "select_one roles_written",
            "mech_roles_written",
            ("¿Cómo quedaron registradas?", "How were they recorded?"),
            relevant=agreed,
        ),
        scale(
            "clarity",
            "mech_role_clarity",
            (
                "¿Qué tan claras eran las funciones de cada parte en este mecanismo?",
                "How clear were the functions of each party in this mechanism?",
            ),
        ),
        # outcome, neutrally worded
        ask(
            "select_one goals_met",
            "mech_goals_met",
            (
                "¿En qué medida alcanzó los objetivos que se propuso?",
                "To what extent did it reach the goals it set itself?",
            ),
        ),
        q(
            "text",
            "mech_outcome_text",
            (
                "¿Qué logró y qué no, en sus palabras?",
                "What did it achieve and what not, in your words?",
            ),
            appearance="multiline",
            sensitive=True,
        ),
        # the indices, from the non-sensitive answers above (blank when one is unknown)
        q(
            "calculate",
            "mech_sector_count",
            calculation=f"if({sectors_known}, count-selected(${{mech_sectors}})"
            " - if(selected(${mech_sectors}, 'none'), 1, 0), '')",
        ),
        q(
            "calculate",
            "mech_party_count",
            calculation=f"if({parties_known}, count-selected(${{mech_parties}})"
            " - if(selected(${mech_parties}, 'none'), 1, 0), '')",
        ),
        q(
            "calculate",
            "breadth_index",
            calculation=f"if(({sectors_known}) and ({parties_known}), "
            f"{flag('${mech_sector_count} >= 3')} + {flag('${mech_party_count} >= 2')}, '')",
        ),
        q(
            "calculate",
            "independence_index",
            calculation=(
                f"if(({funding_known}) and {known('mech_agenda')} and {known('mech_dissent')}, "
                f"{flag(any_of('mech_agenda', 'civil_society', 'jointly'))}"
                f" + {flag(dissent)}"
                f" + {flag(f'count-selected(${{mech_funding}}) > {gov_money}')}, '')"
            ),
        ),
        {"type": "end_repeat"},
    ]


# --- outcomes and closing ---------------------------------------------------------------------


def outcomes(actor: str) -> list[Row]:
    return [
        begin_group("outcomes", ("Resultados", "Outcomes"), relevant=CONSENTED),
        q(
            "text",
            "successes",
            (
                "¿Qué logros destacaría de la relación entre sociedad civil, gobierno y "
                "fuerzas de seguridad en su ciudad?",
                "Which achievements of the relationship between civil society, government "
                "and security forces in your city would you highlight?",
            ),
            ("Deje hablar; anote en sus palabras.", "Let them talk; record it in their words."),
            appearance="multiline",
            sensitive=True,
        ),
        q(
            "text",
            "failures",
            ("¿Qué no funcionó y por qué?", "What did not work, and why?"),
            appearance="multiline",
            sensitive=True,
        ),
        scale(
            "change",
            "violence_change",
            (
                "Comparando ${ref_end} con ${ref_start}, la violencia en la ciudad…",
                "Comparing ${ref_end} with ${ref_start}, violence in the city…",
            ),
        ),
        scale(
            "change",
            "trust_change",
            (
                "…y la confianza de la población en las autoridades, en esos mismos años…",
                "…and people's trust in the authorities, over those same years…",
            ),
        ),
        scale(
            "change",
            "violence_since",
            (
                "Y comparando hoy con ${ref_end}, la violencia en la ciudad…",
                "And comparing today with ${ref_end}, violence in the city…",
            ),
        ),
        scale(
            "influence",
            "collab_influence",
            (
                "Haya subido o bajado la violencia, ¿cuánto influyó en ello la relación entre "
                "sociedad civil, gobierno y fuerzas de seguridad?",
                "Whether violence rose or fell, how much did the relationship between civil "
                "society, government and security forces influence it?",
            ),
        ),
        pick_many(
            "other_factors",
            "other_factors",
            (
                "¿Qué otros factores influyeron en la violencia en ese periodo?",
                "Which other factors influenced violence in that period?",
            ),
        ),
        other_text("other_factors_other", "other_factors", multiple=True),
        q(
            "text",
            "do_differently",
            ("¿Qué haría diferente?", "What would you do differently?"),
            appearance="multiline",
            sensitive=True,
        ),
        end_group(),
    ]


def closing(actor: str) -> list[Row]:
    return [
        begin_group("closing", ("Cierre", "Closing"), relevant=CONSENTED),
        ask(
            "select_one yes_no",
            "followup",
            ("¿Acepta que le volvamos a contactar?", "May we contact you again?"),
        ),
        q(
            "text",
            "contact",
            ("Teléfono o correo de contacto", "Contact phone or e-mail"),
            (
                "Se sella al finalizar la entrevista.",
                "It is sealed when the interview is finalized.",
            ),
            required=UNLESS_STOPPED,
            required_message=(
                "Escriba un teléfono o correo; "
                "si no quiere darlo, cambie la respuesta sobre el seguimiento.",
                "Write a phone number or e-mail; "
                "if they do not want to give one, change the answer on follow-up.",
            ),
            relevant="${followup} = 'yes' and ${anonymity} != 'anonymous'",
            sensitive=True,
        ),
        q(
            "select_one yes_no",
            "safety_concern",
            (
                "(Entrevistador) ¿Hubo algún incidente o preocupación de seguridad?",
                "(Interviewer) Was there any incident or safety concern?",
            ),
            required=True,
        ),
        q(
            "text",
            "safety_detail",
            ("Describa lo ocurrido", "Describe what happened"),
            required=True,
            required_message=(
                "Describa en pocas palabras qué ocurrió: la nota ayuda a proteger al equipo.",
                "Describe briefly what happened: the note helps keep the team safe.",
            ),
            relevant="${safety_concern} = 'yes'",
            appearance="multiline",
            sensitive=True,
        ),
        q(
            "text",
            "interviewer_notes",
            ("(Entrevistador) Notas", "(Interviewer) Notes"),
            appearance="multiline",
            sensitive=True,
        ),
        q(
            "select_one interview_status",
            "interview_status",
            (
                "(Entrevistador) ¿Cómo terminó la entrevista?",
                "(Interviewer) How did the interview end?",
            ),
            (
                "Si se interrumpió, venga aquí y márquelo: la entrevista se finaliza con lo "
                "que se respondió, sin inventar respuestas.",
                "If it stopped, come here and mark it: the interview is finalized with what "
                "was answered, without inventing answers.",
            ),
            required=True,
        ),
        other_text("interview_status_other", "interview_status"),
        end_group(),
    ]


def survey(actor: str) -> list[Row]:
    return [
        *opening(actor),
        *period(actor),
        *profile(actor),
        *government(actor),
        *security(actor),
        *collaboration(actor),
        *mechanisms(actor),
        *outcomes(actor),
        *closing(actor),
    ]


# --- choice lists ----------------------------------------------------------------------------

ChoiceTable = dict[str, list[tuple[str, str, str]]]

REFUSED = ("97", "Prefiere no responder", "Prefers not to answer")
DONT_KNOW = ("98", "No sabe", "Don't know")
NOT_APPLICABLE = ("99", "No aplica / sin contacto", "Not applicable / no contact")
DECLINE = [REFUSED, DONT_KNOW]


def points(*labels: Text) -> list[tuple[str, str, str]]:
    """A 1..n scale whose ends (and middle) are labelled with their number."""
    return [(str(n), f"{n} – {es}", f"{n} – {en}") for n, (es, en) in enumerate(labels, 1)]


CHOICES: ChoiceTable = {
    "yes_no": [("yes", "Sí", "Yes"), ("no", "No", "No")],
    "yes_no_ns": [("yes", "Sí", "Yes"), ("no", "No", "No"), *DECLINE],
    "city": [
        ("juarez", "Ciudad Juárez", "Ciudad Juárez"),
        ("monterrey", "Monterrey", "Monterrey"),
        ("nuevo_laredo", "Nuevo Laredo", "Nuevo Laredo"),
        ("tijuana", "Tijuana", "Tijuana"),
    ],
    "place": [
        ("org_office", "Oficina de la organización", "The organisation's office"),
        ("gov_office", "Oficina de gobierno", "Government office"),
        ("public", "Lugar público (café, restaurante)", "Public place (café, restaurant)"),
        ("home", "Domicilio de la persona", "The interviewee's home"),
        ("university", "Universidad", "University"),
        ("remote", "A distancia", "Remote"),
        ("other", "Otro", "Other"),
    ],
    "mode": [
        ("in_person", "En persona", "In person"),
        ("phone", "Teléfono", "Phone"),
        ("video", "Videollamada", "Video call"),
    ],
    "language": [("es", "Español", "Spanish"), ("en", "Inglés", "English")],
    "anonymity": [
        ("named", "Con nombre y cargo", "By name and position"),
        ("position", "Con cargo, sin nombre", "By position, without name"),
        (
            "description",
            "Con una descripción general (p. ej. «un empresario de la ciudad»)",
            "By a general description (e.g. “a business leader in the city”)",
        ),
        ("anonymous", "Anónimo: sin ningún dato", "Anonymous: no detail at all"),
    ],
    "interview_status": [
        ("complete", "Completa", "Complete"),
        ("respondent_ended", "La persona la terminó antes", "The interviewee ended it early"),
        ("safety", "Se interrumpió por seguridad", "Interrupted for safety"),
        ("other", "Otro motivo", "Other reason"),
    ],
    "org_type": [
        ("business_chamber", "Cámara o asociación empresarial", "Business chamber or association"),
        ("citizen_council", "Consejo u observatorio ciudadano", "Citizen council or observatory"),
        ("ngo", "Organización no gubernamental", "Non-governmental organisation"),
        ("faith", "Organización religiosa", "Faith-based organisation"),
        ("university", "Universidad o centro de investigación", "University or research centre"),
        ("victims", "Colectivo de víctimas o familiares", "Victims' or families' group"),
        ("neighbourhood", "Comité vecinal", "Neighbourhood committee"),
        ("media", "Medio de comunicación", "Media"),
        ("other", "Otro", "Other"),
    ],
    "founded": [
        ("before_1990", "Antes de 1990", "Before 1990"),
        ("1990_1999", "1990 a 1999", "1990 to 1999"),
        ("2000_2007", "2000 a 2007", "2000 to 2007"),
        ("2008_2012", "2008 a 2012", "2008 to 2012"),
        ("2013_later", "2013 o después", "2013 or later"),
        *DECLINE,
    ],
    "members": [
        ("1_10", "1 a 10", "1 to 10"),
        ("11_50", "11 a 50", "11 to 50"),
        ("51_200", "51 a 200", "51 to 200"),
        ("over_200", "Más de 200", "More than 200"),
        *DECLINE,
    ],
    "staff": [
        ("none", "Ninguna", "None"),
        ("1_5", "1 a 5", "1 to 5"),
        ("6_20", "6 a 20", "6 to 20"),
        ("over_20", "Más de 20", "More than 20"),
        *DECLINE,
    ],
    "years_band": [
        ("under_5", "Menos de 5 años", "Less than 5 years"),
        ("5_9", "5 a 9 años", "5 to 9 years"),
        ("10_14", "10 a 14 años", "10 to 14 years"),
        ("15_plus", "15 años o más", "15 years or more"),
        REFUSED,
    ],
    "levels": [(code, es, en) for code, es, en in LEVELS],
    "levels_none": [
        *((code, es, en) for code, es, en in LEVELS),
        ("none", "Ninguno", "None"),
        *DECLINE,
    ],
    "post_type": [
        ("elected", "De elección popular", "Elected"),
        (
            "political",
            "De designación política (secretario, director general)",
            "Political appointee (secretary, director general)",
        ),
        ("management", "Mando medio (dirección de área, coordinación)", "Middle management"),
        ("career", "Técnico o de carrera", "Technical or career civil service"),
        REFUSED,
    ],
    "service_periods": [
        ("before_2008", "Antes de 2008", "Before 2008"),
        ("2008_2012", "2008 a 2012", "2008 to 2012"),
        ("2013_2018", "2013 a 2018", "2013 to 2018"),
        ("2019_later", "2019 o después", "2019 or later"),
        *DECLINE,
    ],
    "rank_band": [
        (
            "basic",
            "Escala básica (policía, agente, tropa)",
            "Basic ranks (police officer, agent, enlisted)",
        ),
        (
            "mid",
            "Mando medio (oficiales, jefes de turno)",
            "Middle command (officers, shift chiefs)",
        ),
        ("senior", "Mando superior (director, comandante)", "Senior command (director, commander)"),
        ("civilian", "Personal civil o administrativo", "Civilian or administrative staff"),
        REFUSED,
    ],
    "accountability": [
        ("internal_affairs", "Asuntos internos", "Internal affairs"),
        ("citizen_oversight", "Consejo u observatorio ciudadano", "Citizen council or observatory"),
        ("human_rights", "Comisión de derechos humanos", "Human rights commission"),
        ("transparency", "Informes públicos y transparencia", "Public reports and transparency"),
        ("legislature", "Cabildo o congreso", "Town council or legislature"),
        ("none", "Ninguno", "None"),
        *DECLINE,
        ("other", "Otro", "Other"),
    ],
    "informant_type": [
        ("journalist", "Periodista", "Journalist"),
        ("academic", "Académico", "Academic"),
        ("observer", "Observador o analista", "Observer or analyst"),
        ("religious", "Líder religioso", "Religious leader"),
        ("other", "Otro", "Other"),
    ],
    "sectors": [
        ("business", "Empresarial", "Business"),
        ("academia", "Academia", "Academia"),
        ("faith", "Grupos religiosos", "Faith groups"),
        ("ngo", "ONG", "NGOs"),
        ("neighbourhood", "Grupos vecinales", "Neighbourhood groups"),
        ("professional", "Colegios profesionales", "Professional bodies"),
        ("media", "Medios", "Media"),
        ("victims", "Familias de víctimas", "Victims' families"),
        ("none", "Ninguno", "None"),
        *DECLINE,
        ("other", "Otro", "Other"),
    ],
    "parties": [
        ("pan", "PAN", "PAN"),
        ("pri", "PRI", "PRI"),
        ("prd", "PRD", "PRD"),
        ("pvem", "PVEM", "PVEM"),
        ("pt", "PT", "PT"),
        (
            "mc",
            "Movimiento Ciudadano (antes Convergencia)",
            "Movimiento Ciudadano (formerly Convergencia)",
        ),
        ("morena", "Morena (desde 2014)", "Morena (since 2014)"),
        ("independent", "Independientes, sin partido", "Independents, no party"),
        ("none", "Ninguno", "None"),
        *DECLINE,
    ],
    "funding": [
        ("dues", "Cuotas de integrantes", "Members' dues"),
        ("business", "Empresas", "Businesses"),
        ("foundations", "Fundaciones nacionales", "Domestic foundations"),
        ("international", "Cooperación internacional", "International donors"),
        ("federal", "Gobierno federal", "Federal government"),
        ("state", "Gobierno estatal", "State government"),
        ("municipal", "Gobierno municipal", "Municipal government"),
        ("none", "Sin fondos (voluntariado)", "No funds (volunteers)"),
        *DECLINE,
        ("other", "Otro", "Other"),
    ],
    "agenda": [
        ("civil_society", "La sociedad civil", "Civil society"),
        ("government", "El gobierno", "The government"),
        ("security_forces", "Las fuerzas de seguridad", "The security forces"),
        ("jointly", "Entre todos, de común acuerdo", "All together, by agreement"),
        *DECLINE,
    ],
    "initiator": [
        ("business", "Sector empresarial", "Business"),
        ("ngo", "Organizaciones civiles", "Civil-society organisations"),
        ("university", "Universidades", "Universities"),
        ("faith", "Iglesias o grupos religiosos", "Churches or faith groups"),
        ("victims", "Víctimas o familias", "Victims or families"),
        ("municipal_gov", "Gobierno municipal", "Municipal government"),
        ("state_gov", "Gobierno estatal", "State government"),
        ("federal_gov", "Gobierno federal", "Federal government"),
        ("security_force", "Una fuerza de seguridad", "A security force"),
        ("several", "Varios sectores a la vez", "Several sectors together"),
        *DECLINE,
    ],
    "mech_relation": [
        ("member", "Integrante", "Member"),
        ("convener", "Lo convocaba o coordinaba", "Convened or coordinated it"),
        ("occasional", "Asistía de vez en cuando", "Attended now and then"),
        (
            "observer",
            "Lo siguió de cerca sin participar",
            "Followed it closely without taking part",
        ),
        REFUSED,
    ],
    "mech_type": [
        ("round_table", "Mesa de seguridad", "Security round table"),
        ("citizen_council", "Consejo ciudadano", "Citizen council"),
        ("observatory", "Observatorio ciudadano", "Citizen observatory"),
        ("agreement", "Convenio o acuerdo formal", "Formal agreement"),
        ("programme", "Programa de gobierno", "Government programme"),
        ("hearing", "Foros o audiencias públicas", "Public forums or hearings"),
        ("informal", "Reuniones informales", "Informal meetings"),
        *DECLINE,
    ],
    "freq": [
        ("weekly", "Cada semana o más", "Every week or more"),
        ("fortnightly", "Cada dos semanas", "Every two weeks"),
        ("monthly", "Cada mes", "Every month"),
        ("quarterly", "Cada dos o tres meses", "Every two or three months"),
        ("yearly", "Una o dos veces al año", "Once or twice a year"),
        ("rarely", "Menos de una vez al año", "Less than once a year"),
        *DECLINE,
    ],
    "turnovers": [
        ("0", "Ninguno", "None"),
        ("1", "1", "1"),
        ("2", "2", "2"),
        ("3", "3 o más", "3 or more"),
        DONT_KNOW,
    ],
    "continuity": [
        ("continued", "Continuó igual", "Continued as before"),
        ("weakened", "Se debilitó", "Weakened"),
        ("interrupted", "Se interrumpió", "Was interrupted"),
        ("restarted", "Se interrumpió y se retomó", "Was interrupted, then resumed"),
        ("strengthened", "Se fortaleció", "Grew stronger"),
        ("no_collaboration", "No había colaboración", "There was no collaboration"),
        *DECLINE,
    ],
    "survived": [
        ("yes", "Sí, siguió", "Yes, it went on"),
        ("no", "No, se detuvo", "No, it stopped"),
        ("99", "No hubo cambio de partido", "No change of party happened"),
        *DECLINE,
    ],
    "coordination": [
        *points(
            ("Nada coordinados", "Not coordinated at all"),
            ("Poco", "Slightly"),
            ("Algo", "Somewhat"),
            ("Bastante", "Quite"),
            ("Muy coordinados", "Very well coordinated"),
        ),
        *DECLINE,
    ],
    "forces": [
        *FORCES,
        ("none", "Ninguna", "None"),
        *DECLINE,
    ],
    "contact_mode": [
        ("direct", "Directa", "Direct"),
        ("intermediaries", "A través de intermediarios", "Through intermediaries"),
        ("both", "Ambas", "Both"),
        *DECLINE,
    ],
    "intermediaries": [
        ("municipal_office", "Una oficina municipal", "A municipal office"),
        ("state_office", "Una oficina estatal", "A state office"),
        ("business_chamber", "Una cámara empresarial", "A business chamber"),
        ("church", "La Iglesia o un grupo religioso", "The Church or a faith group"),
        ("university", "Una universidad", "A university"),
        ("citizen_council", "Un consejo ciudadano", "A citizen council"),
        ("legislator", "Un legislador o regidor", "A legislator or councillor"),
        *DECLINE,
        ("other", "Otro", "Other"),
    ],
    "info_sharing": [
        ("none", "No se compartía", "None was shared"),
        (
            "to_forces",
            "Solo de la sociedad civil a las fuerzas",
            "Only from civil society to the forces",
        ),
        (
            "from_forces",
            "Solo de las fuerzas a la sociedad civil",
            "Only from the forces to civil society",
        ),
        ("both_ways", "En ambos sentidos", "Both ways"),
        *DECLINE,
    ],
    "trust": [
        *points(
            ("Ninguna", "None"),
            ("Poca", "Little"),
            ("Alguna", "Some"),
            ("Mucha", "A lot"),
            ("Total", "Complete"),
        ),
        *DECLINE,
        NOT_APPLICABLE,
    ],
    "leak": [
        *points(
            ("Nada probable", "Not at all likely"),
            ("Poco probable", "Unlikely"),
            ("Algo probable", "Somewhat likely"),
            ("Bastante probable", "Quite likely"),
            ("Muy probable", "Very likely"),
        ),
        *DECLINE,
    ],
    "reforms": [
        ("vetting", "Control de confianza o depuración", "Vetting or purges"),
        ("recruitment", "Nuevos criterios de reclutamiento", "New recruitment criteria"),
        ("pay", "Mejores sueldos y prestaciones", "Better pay and benefits"),
        ("new_force", "Creación de una nueva corporación", "A new police force created"),
        ("training", "Capacitación o profesionalización", "Training or professionalisation"),
        ("oversight", "Supervisión ciudadana de la policía", "Citizen oversight of the police"),
        ("none", "Ninguno", "None"),
        *DECLINE,
    ],
    "roles_defined": [
        ("yes_all", "Sí, con todas las partes", "Yes, with every party"),
        ("yes_some", "Sí, con algunas partes", "Yes, with some parties"),
        ("no", "No", "No"),
        *DECLINE,
    ],
    "roles_when": [
        ("before", "Antes de empezar a trabajar juntos", "Before starting to work together"),
        ("start", "En las primeras reuniones", "In the first meetings"),
        ("first_year", "Durante el primer año", "During the first year"),
        ("later", "Más tarde", "Later"),
        *DECLINE,
    ],
    "roles_written": [
        (
            "written",
            "Por escrito y firmado (convenio, acta)",
            "In writing, signed (agreement, charter)",
        ),
        ("minutes", "En minutas de las reuniones", "In meeting minutes"),
        ("verbal", "Solo de palabra", "Verbally only"),
        *DECLINE,
    ],
    "clarity": [
        *points(
            ("Nada claras", "Not clear at all"),
            ("Poco claras", "Slightly clear"),
            ("Algo claras", "Somewhat clear"),
            ("Bastante claras", "Quite clear"),
            ("Muy claras", "Very clear"),
        ),
        *DECLINE,
    ],
    "formality": [
        ("legal", "Con base legal o reglamento", "With a legal basis or regulation"),
        ("agreement", "Con convenio firmado", "With a signed agreement"),
        ("informal", "Informal", "Informal"),
        *DECLINE,
    ],
    "goals_met": [
        ("all", "Todos o casi todos", "All or nearly all"),
        ("most", "La mayoría", "Most"),
        ("some", "Algunos", "Some"),
        ("none", "Ninguno", "None"),
        ("too_early", "Es pronto para saberlo", "Too early to tell"),
        *DECLINE,
    ],
    "change": [
        *points(
            ("Aumentó mucho", "Rose a lot"),
            ("Aumentó algo", "Rose somewhat"),
            ("Siguió igual", "Stayed the same"),
            ("Disminuyó algo", "Fell somewhat"),
            ("Disminuyó mucho", "Fell a lot"),
        ),
        *DECLINE,
    ],
    "influence": [
        *points(
            ("Nada", "Not at all"),
            ("Poco", "A little"),
            ("Algo", "Somewhat"),
            ("Bastante", "Quite a lot"),
            ("Mucho", "A great deal"),
        ),
        *DECLINE,
    ],
    "other_factors": [
        ("military", "Despliegue del Ejército o la Marina", "Army or navy deployment"),
        ("federal_ops", "Operativos federales", "Federal operations"),
        (
            "criminal_dynamics",
            "Cambios entre los grupos criminales (capturas, pactos, disputas)",
            "Changes among criminal groups (arrests, pacts, disputes)",
        ),
        ("economy", "La economía y el empleo", "The economy and jobs"),
        ("police_reform", "Cambios en la policía", "Police reform"),
        (
            "social_programmes",
            "Programas sociales y de prevención",
            "Social and prevention programmes",
        ),
        ("local_policy", "Políticas del gobierno estatal o municipal", "State or municipal policy"),
        ("none", "Ninguno", "None"),
        *DECLINE,
        ("other", "Otro", "Other"),
    ],
    "barriers": [
        (
            "fear_criminals",
            "Miedo a represalias de grupos criminales",
            "Fear of reprisals by criminal groups",
        ),
        ("distrust_police", "Desconfianza en la policía", "Distrust of the police"),
        ("distrust_gov", "Desconfianza en el gobierno", "Distrust of the government"),
        ("gov_unwilling", "El gobierno no quiso", "The government was unwilling"),
        (
            "collusion",
            "Colusión de autoridades con la delincuencia",
            "Authorities colluding with crime",
        ),
        ("no_resources", "Falta de recursos", "Lack of resources"),
        ("few_csos", "Pocas organizaciones civiles", "Few civil-society organisations"),
        ("polarisation", "Divisiones políticas", "Political divisions"),
        ("none", "Ninguno en particular", "None in particular"),
        *DECLINE,
        ("other", "Otro", "Other"),
    ],
}


def city_lists(path: Path = CITY_LISTS) -> list[Row]:
    """Read the researcher-editable city lists (one row per choice)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [dict(row) for row in csv.DictReader(handle)]
    for number, row in enumerate(rows, start=2):
        missing = [column for column in CITY_COLUMNS if not (row.get(column) or "").strip()]
        if missing:
            raise SystemExit(f"{path.name}: row {number}: empty {', '.join(missing)}")
    return rows


def choices(city_rows: Iterable[Row]) -> list[Row]:
    rows = [
        {
            "list_name": list_name,
            "name": name,
            f"label::{ES}": es,
            f"label::{EN}": en,
            NON_ANSWER: "yes" if name in NOT_SUBSTANTIVE else "",
        }
        for list_name, items in CHOICES.items()
        for name, es, en in items
    ]
    rows += [{column: row[column].strip() for column in CITY_COLUMNS} for row in city_rows]
    return rows


def public_key(path: Path = PUBLIC_KEY) -> str | None:
    """Return the study's public key if the supervisor put it beside the forms."""
    if not path.exists():
        return None
    return "".join(path.read_text(encoding="ascii").split()) or None


def settings(actor: str, key: str | None = None) -> Row:
    es_actor, en_actor = ACTOR_NAMES[actor]
    return {
        "public_key": key,
        "form_id": f"mx_border_{actor}",
        "form_title": f"Seguridad ciudadana en la frontera: {es_actor} / {en_actor}",
        "version": VERSION,
        "default_language": ES,
        # The city's label, not its code; the date only once answered (no dangling " · ").
        "instance_name": f"concat('{INSTANCE_PREFIX[actor]}', "
        "if(${city} = '', '', concat(' · ', jr:choice-name(${city}, '${city}'))), "
        "if(${interview_date} = '', '', concat(' · ', ${interview_date})))",
        "style": "pages",
    }


def workbook(actor: str, city_rows: list[Row], key: str | None = None) -> Workbook:
    """Return the XLSForm of one actor as an openpyxl workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    _fill(sheet, SURVEY_COLUMNS, survey(actor))
    _fill(book.create_sheet("choices"), CHOICE_COLUMNS, choices(city_rows))
    _fill(book.create_sheet("settings"), SETTINGS_COLUMNS, [settings(actor, key)])
    return book


def _fill(sheet: object, columns: tuple[str, ...], rows: list[Row]) -> None:
    unknown = {column for row in rows for column in row} - set(columns)
    assert not unknown, unknown
    sheet.append(list(columns))  # type: ignore[attr-defined]
    for row in rows:
        sheet.append([row.get(column) or None for column in columns])  # type: ignore[attr-defined]


def build(out_dir: Path = OUT_DIR, key_file: Path = PUBLIC_KEY) -> list[Path]:
    """Write the four forms into ``out_dir`` and return their paths."""
    city_rows = city_lists()
    key = public_key(key_file)
    written = []
    for actor in ACTORS:
        path = out_dir / f"{actor}.xlsx"
        workbook(actor, city_rows, key).save(path)
        written.append(path)
    return written


def write_compiled(out_dir: Path = OUT_DIR) -> list[Path]:
    """Compile the four forms in ``out_dir`` into ``out_dir/compiled`` (one JSON each).

    fieldapp reads these instead of running pyxform when it adds the study forms to a new
    database (``fieldapp.core.forms.compiled``); older entries are removed. Run with the
    Python that has fieldapp installed. A test checks that they equal a fresh compile.
    """
    from fieldapp.core.forms import compiled
    from fieldapp.core.forms.loader import load_form

    folder = out_dir / "compiled"
    folder.mkdir(exist_ok=True)
    written = []
    for actor in ACTORS:
        path = out_dir / f"{actor}.xlsx"
        content = path.read_bytes()
        form = load_form(path)  # every check, pyxform's XForm output included
        if form.files:
            raise SystemExit(f"{path.name} reads choice files: ship them beside it first")
        target = folder / f"{compiled.sha256_hex(content)}.json"
        target.write_bytes(compiled.encode(form, content, path.name, xform_checked=True))
        written.append(target)
    index = folder / compiled.SUMMARIES  # what a new database records, without the bodies
    index.write_bytes(compiled.summaries_index(entry.read_bytes() for entry in written))
    written.append(index)
    for stale in set(folder.glob("*.json")) - set(written):
        stale.unlink()
    return written


if __name__ == "__main__":
    target_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR
    for written_path in build(target_dir):
        print(written_path)
    for written_path in write_compiled(target_dir):
        print(written_path)
