"""Build the study's four XLSForms from the readable tables below.

Run ``python forms/build_forms.py`` after changing this file or ``city_lists.csv``; the
``.xlsx`` files it writes are what fieldapp, ODK Collect and KoboToolbox read. The
shared sections are written once here so the four forms keep the same variable names
(an analyst can stack them and cross-tabulate by city); the city-specific lists come
from ``city_lists.csv`` so researchers edit them without touching the logic.
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
VERSION = "2026112401"
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
CHOICE_COLUMNS = ("list_name", "name", f"label::{ES}", f"label::{EN}", "city")
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
    "Esta pregunta es obligatoria: anote la respuesta para poder continuar.",
    "This question is required: record the answer to continue.",
)
REQUIRED_TEXT: Text = (
    "Anote la respuesta en palabras de la persona; si no quiere responder, escriba «no responde».",
    "Write the answer in the interviewee's words; if they prefer not to answer, write “no answer”.",
)
OTHER_REQUIRED: Text = (
    "Eligió «Otro»: escriba cuál es para poder continuar.",
    "You chose “Other”: write what it is to continue.",
)
CURRENT_YEAR = "int(format-date(today(), '%Y'))"
YEAR = f". >= 1900 and . <= {CURRENT_YEAR}"
YEAR_MESSAGE: Text = (
    "Escriba un año de cuatro cifras entre 1900 y el año en curso (por ejemplo 2011).",
    "Write a four-digit year between 1900 and the current year (for example 2011).",
)
READ_ALL: Text = (
    "Lea las opciones en voz alta y marque todas las que mencione.",
    "Read the options aloud and tick every one the interviewee mentions.",
)
SCALE_HINT: Text = (
    "Lea la escala completa antes de que responda; anote el número que elija.",
    "Read the whole scale before they answer; record the number they choose.",
)
CONSENTED = "${consent} = 'yes'"


def q(
    type_: str,
    name: str,
    label: Text | None = None,
    hint: Text | None = None,
    *,
    required: bool = False,
    required_message: Text | None = None,
    relevant: str = "",
    constraint: str = "",
    constraint_message: Text | None = None,
    calculation: str = "",
    default: str = "",
    choice_filter: str = "",
    appearance: str = "",
    repeat_count: str = "",
    sensitive: bool = False,
) -> Row:
    """Return one survey row; every text comes in Spanish and English."""
    row: Row = {"type": type_, "name": name}
    if label:
        row[f"label::{ES}"], row[f"label::{EN}"] = label
    if hint:
        row[f"hint::{ES}"], row[f"hint::{EN}"] = hint
    if required:
        row["required"] = "yes"
        message = required_message or (REQUIRED_TEXT if type_ == "text" else REQUIRED)
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
    if sensitive:
        row["sensitive"] = "TRUE"
    return row


def begin_group(name: str, label: Text, relevant: str = "", appearance: str = "") -> Row:
    return q("begin_group", name, label, relevant=relevant, appearance=appearance)


def end_group() -> Row:
    return {"type": "end_group"}


def other_text(name: str, select: str, multiple: bool = False) -> Row:
    """The "other, specify" text that a select's ``other`` choice requires."""
    shown = f"selected(${{{select}}}, 'other')" if multiple else f"${{{select}}} = 'other'"
    return q(
        "text",
        name,
        ("Especifique «otro»", "Specify “other”"),
        ("Escriba el nombre tal como lo dice la persona.", "Write it as the interviewee says it."),
        required=True,
        required_message=OTHER_REQUIRED,
        relevant=shown,
    )


def exclusive(*codes: str) -> tuple[str, Text]:
    """A constraint that keeps "none"/"don't know" from being ticked with anything else."""
    picked = " or ".join(f"selected(., '{code}')" for code in codes)
    return (
        f"not(({picked}) and count-selected(.) > 1)",
        (
            "«Ninguno» o «No sabe» no se combinan con otras opciones: desmarque una de ellas.",
            "“None” or “Don't know” cannot be ticked with other options: untick one of them.",
        ),
    )


def by_actor(actor: str, **texts: Text) -> Text:
    return texts[actor]


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
                "voluntaria; puede no responder cualquier pregunta o terminar cuando quiera. "
                "Lo que diga se guarda cifrado y solo se publica sin datos que le "
                "identifiquen, salvo que usted lo autorice.»",
                "Read aloud: “We invite you to an interview about how civil society, "
                "government and the security forces work together in your city. It is "
                "voluntary; you may skip any question or stop at any time. What you say is "
                "stored encrypted and only published without details that identify you, "
                "unless you allow it.”",
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
            "select_one yes_no",
            "consent_audio",
            ("¿Acepta que se grabe el audio?", "Do you agree to the audio being recorded?"),
            (
                "Si acepta, encienda la grabadora ahora; si no, tome notas a mano.",
                "If yes, start the recorder now; if not, take notes by hand.",
            ),
            required=True,
            relevant=CONSENTED,
        ),
        q(
            "select_one anonymity",
            "anonymity",
            (
                "¿Cómo quiere que se le cite en los resultados?",
                "How do you want to be cited in the results?",
            ),
            (
                "Lea las tres opciones; ante la duda, elija la más protectora.",
                "Read the three options; when in doubt, choose the most protective one.",
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
    ]


# --- who the interviewee is, per actor ---------------------------------------------------


def profile(actor: str) -> list[Row]:
    rows = [begin_group("profile", ("Perfil", "Profile"), relevant=CONSENTED)]
    years = (
        ". >= 0 and . <= 60",
        ("Escriba un número de años entre 0 y 60.", "Write a number of years between 0 and 60."),
    )
    if actor == "cso":
        rows += [
            q(
                "select_one organisations",
                "org",
                ("Organización que representa", "Organisation represented"),
                (
                    "La lista muestra las de la ciudad elegida; si no aparece, elija «Otra».",
                    "The list shows the chosen city's organisations; if missing, choose “Other”.",
                ),
                required=True,
                choice_filter="city = ${city} or city = 'all'",
                sensitive=True,
            ),
            other_text("org_other", "org"),
            q(
                "select_one org_type",
                "org_type",
                ("Tipo de organización", "Type of organisation"),
                required=True,
            ),
            other_text("org_type_other", "org_type"),
            q(
                "text",
                "respondent_role",
                ("Cargo en la organización", "Position in the organisation"),
                ("El cargo, nunca el nombre.", "The position, never the name."),
                required=True,
                sensitive=True,
            ),
            q(
                "integer",
                "org_founded",
                (
                    "¿En qué año se fundó la organización?",
                    "In what year was the organisation founded?",
                ),
                required=True,
                constraint=YEAR,
                constraint_message=YEAR_MESSAGE,
            ),
            q(
                "integer",
                "members_count",
                (
                    "¿Cuántos miembros activos o personas de personal tiene?",
                    "How many active members or staff does it have?",
                ),
                ("Acepte una cifra aproximada.", "An approximate figure is fine."),
                required=True,
                constraint=". >= 1 and . <= 100000",
                constraint_message=(
                    "Escriba un número entre 1 y 100 000.",
                    "Write a number between 1 and 100,000.",
                ),
            ),
        ]
    elif actor == "gov":
        rows += [
            q(
                "select_one levels",
                "gov_level",
                ("Nivel de gobierno", "Level of government"),
                required=True,
            ),
            q("select_one gov_role", "gov_role", ("Tipo de cargo", "Type of post"), required=True),
            q(
                "text",
                "office",
                ("Dependencia u oficina", "Agency or office"),
                (
                    "P. ej. Secretaría de Seguridad Pública Municipal; "
                    "nunca el nombre de la persona.",
                    "E.g. Municipal Public Security Department; never the person's name.",
                ),
                required=True,
                sensitive=True,
            ),
            q(
                "integer",
                "administration_start",
                (
                    "¿En qué año empezó la administración en la que trabaja o trabajó?",
                    "In what year did the administration you work(ed) in begin?",
                ),
                required=True,
                constraint=YEAR,
                constraint_message=YEAR_MESSAGE,
            ),
        ]
    elif actor == "security":
        rows += [
            q(
                "select_one forces",
                "force",
                ("Corporación o institución", "Force or institution"),
                required=True,
                choice_filter="name != 'none'",
            ),
            q(
                "select_one rank_band",
                "rank_band",
                ("Nivel de mando", "Rank band"),
                (
                    "Nunca anote el grado exacto ni el nombre.",
                    "Never record the exact rank or the name.",
                ),
                required=True,
                sensitive=True,
            ),
            q(
                "select_multiple accountability",
                "accountability",
                (
                    "¿Ante quién rinde cuentas su corporación por su trato con la ciudadanía?",
                    "To whom does your force answer for how it treats citizens?",
                ),
                READ_ALL,
                required=True,
                constraint=exclusive("none")[0],
                constraint_message=exclusive("none")[1],
            ),
            other_text("accountability_other", "accountability", multiple=True),
        ]
    else:
        rows += [
            q(
                "select_one informant_type",
                "informant_type",
                ("Tipo de informante", "Type of informant"),
                required=True,
            ),
            other_text("informant_type_other", "informant_type"),
            q(
                "select_one yes_no_refuse",
                "threatened",
                (
                    "¿Usted o sus colegas han recibido amenazas por su trabajo sobre seguridad?",
                    "Have you or your colleagues been threatened for your work on security?",
                ),
                (
                    "Pregunte con cuidado; «Prefiere no responder» es una respuesta válida.",
                    "Ask gently; “Prefers not to answer” is a valid answer.",
                ),
                required=True,
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
        ]
    rows += [
        q(
            "integer",
            "years_involved",
            (
                "¿Cuántos años lleva trabajando en temas de seguridad en esta ciudad?",
                "For how many years have you worked on security in this city?",
            ),
            required=True,
            constraint=years[0],
            constraint_message=years[1],
        ),
        end_group(),
    ]
    return rows


# --- observation 1: breadth and independence ---------------------------------------------


def breadth(actor: str) -> list[Row]:
    whose = by_actor(
        actor,
        cso=("su organización o coalición", "your organisation or coalition"),
        gov=(
            "las organizaciones civiles con las que trabaja su oficina",
            "the civil-society organisations your office works with",
        ),
        security=(
            "las organizaciones civiles con las que trata su corporación",
            "the civil-society organisations your force deals with",
        ),
        informant=(
            "las organizaciones civiles que trabajan en seguridad en esta ciudad",
            "the civil-society organisations working on security in this city",
        ),
    )
    none_dk = exclusive("none", "dk")
    gov_money = " or ".join(
        f"selected(${{funding}}, '{level}')" for level in ("federal", "state", "municipal")
    )
    return [
        begin_group(
            "breadth", ("Amplitud e independencia", "Breadth and independence"), relevant=CONSENTED
        ),
        q(
            "select_multiple sectors",
            "sectors",
            (
                f"¿Qué sectores de la sociedad están representados en {whose[0]}?",
                f"Which sectors of society are represented in {whose[1]}?",
            ),
            READ_ALL,
            required=True,
        ),
        other_text("sectors_other", "sectors", multiple=True),
        q("calculate", "sector_count", calculation="count-selected(${sectors})"),
        q(
            "select_one partisan",
            "partisan_spread",
            (
                f"¿Cómo describiría la composición partidista de los "
                f"miembros y aliados de {whose[0]}?",
                f"How would you describe the party make-up of the "
                f"members and allies of {whose[1]}?",
            ),
            required=True,
        ),
        q(
            "select_multiple parties",
            "parties",
            (
                "¿Qué partidos están presentes entre miembros y aliados?",
                "Which parties are present among members and allies?",
            ),
            READ_ALL,
            required=True,
            relevant=" or ".join(
                f"${{partisan_spread}} = '{spread}'" for spread in ("single", "several", "all")
            ),
            constraint=(
                f"({exclusive('dk')[0]}) and "
                "not(${partisan_spread} = 'single' and count-selected(.) > 1)"
            ),
            constraint_message=(
                "Dijo «un solo partido»: marque solo ese partido, o cambie la respuesta "
                "anterior. «No sabe» no se combina con otras opciones.",
                "You said “one party”: tick only that party, or change the previous "
                "answer. “Don't know” cannot be ticked with other options.",
            ),
        ),
        q(
            "select_multiple funding",
            "funding",
            (
                f"¿De dónde provienen los fondos de {whose[0]}?",
                f"Where does the funding of {whose[1]} come from?",
            ),
            READ_ALL,
            required=True,
            constraint=none_dk[0],
            constraint_message=none_dk[1],
        ),
        other_text("funding_other", "funding", multiple=True),
        q(
            "select_one funding",
            "main_funding",
            ("¿Cuál es la fuente principal?", "Which is the main source?"),
            ("Solo aparecen las fuentes que mencionó.", "Only the sources mentioned are listed."),
            required=True,
            relevant="count-selected(${funding}) > 1",
            choice_filter="selected(${funding}, name)",
        ),
        q(
            "integer",
            "gov_funding_share",
            (
                "¿Qué porcentaje del presupuesto viene del gobierno?",
                "What share of the budget comes from government (per cent)?",
            ),
            (
                "Si no lo sabe con exactitud, pida una estimación.",
                "If they do not know exactly, ask for an estimate.",
            ),
            required=True,
            relevant=gov_money,
            constraint=". >= 0 and . <= 100",
            constraint_message=(
                "Escriba un porcentaje entre 0 y 100.",
                "Write a percentage between 0 and 100.",
            ),
        ),
        q(
            "select_one independence",
            "independence",
            (
                f"¿Qué tan independiente del gobierno es la voz de {whose[0]}?",
                f"How independent from government is the voice of {whose[1]}?",
            ),
            SCALE_HINT,
            required=True,
            appearance="likert",
        ),
        q(
            "text",
            "independence_example",
            (
                "¿Puede dar un ejemplo de cuándo esa independencia se vio limitada?",
                "Can you give an example of when that independence was limited?",
            ),
            (
                "Sin nombres de personas, salvo que la persona insista.",
                "No names of people unless the interviewee insists.",
            ),
            relevant="${independence} != '' and number(${independence}) <= 2",
            appearance="multiline",
            sensitive=True,
        ),
        end_group(),
    ]


# --- observation 2: levels of government --------------------------------------------------


def government(actor: str) -> list[Row]:
    who = by_actor(
        actor,
        cso=("su organización", "your organisation"),
        gov=("su oficina", "your office"),
        security=("su corporación", "your force"),
        informant=("la sociedad civil de esta ciudad", "civil society in this city"),
    )
    some = "count-selected(${gov_levels}) > 0 and not(selected(${gov_levels}, 'none'))"
    rows = [
        begin_group(
            "government", ("Niveles de gobierno", "Levels of government"), relevant=CONSENTED
        ),
        q(
            "select_multiple levels_none",
            "gov_levels",
            (
                f"¿Con qué niveles de gobierno trata {who[0]} en temas de seguridad?",
                f"Which levels of government does {who[1]} deal with on security?",
            ),
            READ_ALL,
            required=True,
            constraint=exclusive("none")[0],
            constraint_message=exclusive("none")[1],
        ),
        begin_group(
            "frequency",
            ("¿Con qué frecuencia?", "How often?"),
            relevant=some,
            appearance="table-list",
        ),
    ]
    for level, es, en in (
        ("municipal", "Municipal", "Municipal"),
        ("state", "Estatal", "State"),
        ("federal", "Federal", "Federal"),
    ):
        rows.append(
            q(
                "select_one freq",
                f"freq_{level}",
                (es, en),
                required=True,
                relevant=f"selected(${{gov_levels}}, '{level}')",
            )
        )
    rows += [
        end_group(),
        q(
            "select_one levels",
            "key_level",
            (
                "¿Qué nivel fue el más importante para mejorar la seguridad?",
                "Which level mattered most for better security?",
            ),
            ("Solo aparecen los niveles que mencionó.", "Only the levels mentioned are listed."),
            required=True,
            relevant="count-selected(${gov_levels}) > 1",
            choice_filter="selected(${gov_levels}, name)",
        ),
        q(
            "select_multiple gov_mech",
            "gov_mechanisms",
            ("¿A través de qué mecanismos?", "Through which mechanisms?"),
            READ_ALL,
            required=True,
            relevant=some,
        ),
        other_text("gov_mechanisms_other", "gov_mechanisms", multiple=True),
        q(
            "select_one yes_no_dk",
            "federal_backing",
            (
                "¿Contaron con el respaldo de políticos o funcionarios federales?",
                "Was there backing from federal politicians or officials?",
            ),
            (
                "Por ejemplo, un senador, una secretaría federal o la "
                "Presidencia que impulsó o protegió el trabajo.",
                "For example a senator, a federal ministry or the "
                "Presidency that pushed or protected the work.",
            ),
            required=True,
            relevant=some,
        ),
        q(
            "text",
            "federal_backing_who",
            ("¿De quién?", "From whom?"),
            (
                "El cargo o la institución; nombres solo si la persona los ofrece.",
                "The post or institution; names only if offered.",
            ),
            required=True,
            relevant="${federal_backing} = 'yes'",
            sensitive=True,
        ),
        q(
            "integer",
            "admin_changes",
            (
                "¿Cuántos cambios de administración (municipal o estatal) ha vivido este trabajo?",
                "How many changes of (municipal or state) "
                "administration has this work lived through?",
            ),
            required=True,
            relevant=some,
            constraint=". >= 0 and . <= 10",
            constraint_message=(
                "Escriba un número entre 0 y 10.",
                "Write a number between 0 and 10.",
            ),
        ),
        q(
            "select_one continuity",
            "continuity",
            (
                "¿Qué pasó con la colaboración tras esos cambios?",
                "What happened to the collaboration after those changes?",
            ),
            required=True,
            relevant="${admin_changes} > 0",
        ),
        end_group(),
    ]
    return rows


# --- observation 3: security forces ---------------------------------------------------------

FORCES: tuple[tuple[str, str, str], ...] = (
    ("municipal_police", "Policía municipal", "Municipal police"),
    ("state_police", "Policía estatal", "State police"),
    ("federal", "Fuerzas federales (Guardia Nacional)", "Federal forces (National Guard)"),
    ("army", "Ejército (SEDENA)", "Army (SEDENA)"),
    ("navy", "Marina (SEMAR)", "Navy (SEMAR)"),
    ("prosecutors", "Fiscalía / Ministerio Público", "Prosecutors"),
)


def security(actor: str) -> list[Row]:
    involved = "count-selected(${forces}) > 0 and not(selected(${forces}, 'none'))"
    label = by_actor(
        actor,
        cso=(
            "¿Qué fuerzas de seguridad participan en el trabajo "
            "de su organización con el gobierno?",
            "Which security forces take part in your organisation's work with government?",
        ),
        gov=(
            "¿Qué fuerzas de seguridad participan en los mecanismos con la sociedad civil?",
            "Which security forces take part in the mechanisms with civil society?",
        ),
        security=(
            "¿Qué fuerzas, incluida la suya, participan en los mecanismos con la sociedad civil?",
            "Which forces, including yours, take part in the mechanisms with civil society?",
        ),
        informant=(
            "¿Qué fuerzas de seguridad participan en los mecanismos con la sociedad civil?",
            "Which security forces take part in the mechanisms with civil society?",
        ),
    )
    rows = [
        begin_group("security", ("Fuerzas de seguridad", "Security forces"), relevant=CONSENTED),
        q(
            "select_multiple forces",
            "forces",
            label,
            READ_ALL,
            required=True,
            constraint=exclusive("none")[0],
            constraint_message=exclusive("none")[1],
        ),
        q(
            "select_one contact_mode",
            "forces_contact",
            (
                "¿La relación con esas fuerzas es directa o a través de intermediarios?",
                "Is the relationship with those forces direct or through intermediaries?",
            ),
            required=True,
            relevant=involved,
        ),
        q(
            "text",
            "intermediaries",
            ("¿Quiénes hacen de intermediarios?", "Who acts as intermediary?"),
            (
                "Por ejemplo, una oficina municipal, una cámara empresarial, la Iglesia.",
                "For example a municipal office, a business chamber, the Church.",
            ),
            required=True,
            relevant="${forces_contact} = 'intermediaries' or ${forces_contact} = 'both'",
        ),
        q(
            "select_one info_sharing",
            "info_sharing",
            (
                "¿Se comparte información entre la sociedad civil y esas fuerzas?",
                "Is information shared between civil society and those forces?",
            ),
            required=True,
            relevant=involved,
        ),
        q(
            "select_one yes_no",
            "info_sharing_formal",
            (
                "¿Hay un acuerdo formal para compartirla?",
                "Is there a formal agreement to share it?",
            ),
            required=True,
            relevant="${info_sharing} != '' and ${info_sharing} != 'none'",
        ),
        begin_group(
            "trust",
            (
                "¿Cuánta confianza tiene en cada institución?",
                "How much do you trust each institution?",
            ),
            appearance="table-list",
        ),
    ]
    for code, es, en in FORCES:
        rows.append(q("select_one trust", f"trust_{code}", (es, en), required=True))
    rows += [end_group(), end_group()]
    return rows


# --- observation 4: role definition ------------------------------------------------------------


def roles(actor: str) -> list[Row]:
    agreed = "${roles_defined} = 'yes_all' or ${roles_defined} = 'yes_some'"
    return [
        begin_group("roles", ("Definición de papeles", "Role definition"), relevant=CONSENTED),
        q(
            "select_one roles_defined",
            "roles_defined",
            (
                "¿Se acordó qué papel tendría cada parte (sociedad "
                "civil, gobierno, fuerzas de seguridad)?",
                "Was it agreed what role each party (civil society, "
                "government, security forces) would play?",
            ),
            required=True,
        ),
        q(
            "select_one roles_when",
            "roles_when",
            ("¿Cuándo se acordaron?", "When were they agreed?"),
            required=True,
            relevant=agreed,
        ),
        q(
            "select_one roles_written",
            "roles_written",
            ("¿Cómo quedaron registrados?", "How were they recorded?"),
            required=True,
            relevant=agreed,
        ),
        q(
            "text",
            "roles_document",
            ("¿Cómo se llama el documento?", "What is the document called?"),
            (
                "P. ej. convenio de colaboración, acta de instalación.",
                "E.g. collaboration agreement, founding minutes.",
            ),
            relevant="${roles_written} = 'written'",
        ),
        q(
            "integer",
            "roles_year",
            ("¿En qué año se acordaron?", "In what year were they agreed?"),
            relevant=agreed,
            constraint=YEAR,
            constraint_message=YEAR_MESSAGE,
        ),
        q(
            "select_one clarity",
            "role_clarity",
            (
                "¿Qué tan claros fueron los papeles de cada parte?",
                "How clear were the roles of each party?",
            ),
            SCALE_HINT,
            required=True,
            appearance="likert",
        ),
        end_group(),
    ]


# --- the mechanisms or programmes the interviewee took part in (a repeat) ----------------------


def mechanisms(actor: str) -> list[Row]:
    asked = CONSENTED
    if actor == "security":
        asked = f"{CONSENTED} and ${{participates}} = 'yes'"
    rows: list[Row] = []
    if actor == "security":
        rows.append(
            q(
                "select_one yes_no",
                "participates",
                (
                    "¿Participa o ha participado en mecanismos con la "
                    "ciudadanía (mesas, consejos)?",
                    "Do you or did you take part in mechanisms with "
                    "citizens (round tables, councils)?",
                ),
                required=True,
                relevant=CONSENTED,
            )
        )
    rows += [
        q(
            "integer",
            "mech_count",
            by_actor(
                actor,
                cso=(
                    "¿En cuántos mecanismos o programas de seguridad "
                    "ha participado su organización?",
                    "In how many security mechanisms or programmes "
                    "has your organisation taken part?",
                ),
                gov=(
                    "¿Cuántos programas o mecanismos con la sociedad civil dirigió o acompañó?",
                    "How many programmes or mechanisms with civil society did you run or join?",
                ),
                security=(
                    "¿En cuántos mecanismos ha participado?",
                    "In how many mechanisms have you taken part?",
                ),
                informant=(
                    "¿Cuántos mecanismos o programas de la ciudad conoce de cerca?",
                    "How many of the city's mechanisms or programmes do you know closely?",
                ),
            ),
            (
                "Hasta 10: si son más, pida los 10 más importantes.",
                "Up to 10: if more, ask for the 10 most important.",
            ),
            required=True,
            relevant=asked,
            constraint=". >= 0 and . <= 10",
            constraint_message=(
                "Escriba un número entre 0 y 10.",
                "Write a number between 0 and 10.",
            ),
        ),
        q(
            "begin_repeat",
            "mechanisms",
            ("Mecanismo o programa", "Mechanism or programme"),
            relevant=f"{asked} and ${{mech_count}} > 0",
            repeat_count="${mech_count}",
        ),
        q(
            "select_one mechanisms",
            "mech_name",
            ("Nombre del mecanismo o programa", "Name of the mechanism or programme"),
            (
                "La lista es la de la ciudad elegida; si no aparece, elija «Otro».",
                "The list is the chosen city's; if missing, choose “Other”.",
            ),
            required=True,
            choice_filter="city = ${city} or city = 'all'",
        ),
        other_text("mech_other", "mech_name"),
        q(
            "select_one mech_level",
            "mech_level",
            ("Nivel de gobierno que lo convoca", "Level of government that convenes it"),
            required=True,
        ),
        q(
            "integer",
            "mech_start_year",
            ("¿En qué año empezó su participación?", "In what year did the participation start?"),
            required=True,
            constraint=YEAR,
            constraint_message=YEAR_MESSAGE,
        ),
        q(
            "select_one yes_no",
            "mech_active",
            ("¿Sigue activo?", "Is it still active?"),
            required=True,
        ),
        q(
            "integer",
            "mech_end_year",
            ("¿En qué año terminó?", "In what year did it end?"),
            required=True,
            relevant="${mech_active} = 'no'",
            constraint=f". >= ${{mech_start_year}} and . <= {CURRENT_YEAR}",
            constraint_message=(
                "El año de término debe estar entre el año de inicio y el año en curso.",
                "The end year must lie between the start year and the current year.",
            ),
        ),
        q(
            "select_multiple forces",
            "mech_forces",
            ("¿Qué fuerzas de seguridad están presentes?", "Which security forces are present?"),
            READ_ALL,
            required=True,
            constraint=exclusive("none")[0],
            constraint_message=exclusive("none")[1],
        ),
        q(
            "select_one freq",
            "mech_frequency",
            ("¿Con qué frecuencia se reúne?", "How often does it meet?"),
            required=True,
        ),
        q(
            "select_one formality",
            "mech_formality",
            ("¿Qué tan formal es?", "How formal is it?"),
            required=True,
        ),
        q(
            "select_one clarity",
            "mech_role_clarity",
            (
                "¿Qué tan claros son los papeles en este mecanismo?",
                "How clear are the roles in this mechanism?",
            ),
            SCALE_HINT,
            required=True,
            appearance="likert",
        ),
        q("select_one outcome", "mech_outcome", ("Resultado", "Outcome"), required=True),
        q(
            "text",
            "mech_outcome_text",
            ("Describa el resultado en sus palabras", "Describe the outcome in your own words"),
            appearance="multiline",
            sensitive=True,
        ),
        {"type": "end_repeat"},
    ]
    return rows


# --- outcomes and closing ---------------------------------------------------------------------


def outcomes(actor: str) -> list[Row]:
    return [
        begin_group("outcomes", ("Resultados", "Outcomes"), relevant=CONSENTED),
        q(
            "text",
            "successes",
            (
                "¿Qué logros destacaría de la colaboración?",
                "Which successes of the collaboration would you highlight?",
            ),
            ("Deje hablar; anote en sus palabras.", "Let them talk; record it in their words."),
            required=True,
            appearance="multiline",
            sensitive=True,
        ),
        q(
            "text",
            "failures",
            ("¿Qué no funcionó y por qué?", "What did not work, and why?"),
            required=True,
            appearance="multiline",
            sensitive=True,
        ),
        q(
            "select_one violence_change",
            "violence_change",
            (
                "Desde que empezó la colaboración, la violencia en la ciudad…",
                "Since the collaboration began, violence in the city has…",
            ),
            SCALE_HINT,
            required=True,
            appearance="likert",
        ),
        q(
            "select_one trust_change",
            "trust_change",
            (
                "…y la confianza de la población en las autoridades…",
                "…and people's trust in the authorities has…",
            ),
            SCALE_HINT,
            required=True,
            appearance="likert",
        ),
        q(
            "select_one effect",
            "effect_overall",
            (
                "¿Cuánto contribuyó la colaboración a mejorar la seguridad?",
                "How much did the collaboration contribute to better security?",
            ),
            SCALE_HINT,
            required=True,
            appearance="likert",
        ),
        q(
            "text",
            "do_differently",
            ("¿Qué haría diferente?", "What would you do differently?"),
            appearance="multiline",
        ),
        end_group(),
        begin_group("closing", ("Cierre", "Closing"), relevant=CONSENTED),
        q(
            "select_one yes_no",
            "followup",
            ("¿Acepta que le volvamos a contactar?", "May we contact you again?"),
            required=True,
        ),
        q(
            "text",
            "contact",
            ("Teléfono o correo de contacto", "Contact phone or e-mail"),
            (
                "Se sella al finalizar la entrevista.",
                "It is sealed when the interview is finalized.",
            ),
            required=True,
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
        ),
        end_group(),
    ]


def survey(actor: str) -> list[Row]:
    return [
        *opening(actor),
        *profile(actor),
        *breadth(actor),
        *government(actor),
        *security(actor),
        *roles(actor),
        *mechanisms(actor),
        *outcomes(actor),
    ]


# --- choice lists ----------------------------------------------------------------------------

ChoiceTable = dict[str, list[tuple[str, str, str]]]

CHOICES: ChoiceTable = {
    "yes_no": [("yes", "Sí", "Yes"), ("no", "No", "No")],
    "yes_no_dk": [("yes", "Sí", "Yes"), ("no", "No", "No"), ("dk", "No sabe", "Don't know")],
    "yes_no_refuse": [
        ("yes", "Sí", "Yes"),
        ("no", "No", "No"),
        ("refuse", "Prefiere no responder", "Prefers not to answer"),
    ],
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
        ("role", "Solo con cargo, sin nombre", "By position only, no name"),
        ("anonymous", "Anónimo: ni nombre ni cargo", "Anonymous: neither name nor position"),
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
    "levels": [
        ("municipal", "Municipal", "Municipal"),
        ("state", "Estatal", "State"),
        ("federal", "Federal", "Federal"),
    ],
    "levels_none": [
        ("municipal", "Municipal", "Municipal"),
        ("state", "Estatal", "State"),
        ("federal", "Federal", "Federal"),
        ("none", "Ninguno", "None"),
    ],
    "gov_role": [
        ("elected", "Electo", "Elected"),
        ("appointed", "Designado", "Appointed"),
        ("career", "Servicio de carrera", "Career civil service"),
    ],
    "rank_band": [
        ("agent", "Agente o tropa", "Officer or rank and file"),
        ("mid", "Mando medio", "Middle command"),
        ("senior", "Mando superior", "Senior command"),
        ("civilian", "Personal civil", "Civilian staff"),
    ],
    "accountability": [
        ("internal_affairs", "Asuntos internos", "Internal affairs"),
        ("citizen_oversight", "Consejo u observatorio ciudadano", "Citizen council or observatory"),
        ("human_rights", "Comisión de derechos humanos", "Human rights commission"),
        ("transparency", "Informes públicos y transparencia", "Public reports and transparency"),
        ("legislature", "Cabildo o congreso", "Town council or legislature"),
        ("none", "Ninguno", "None"),
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
        ("other", "Otro", "Other"),
    ],
    "partisan": [
        ("single", "Casi todos de un mismo partido", "Almost all from one party"),
        ("several", "De dos o tres partidos", "From two or three parties"),
        ("all", "De todos los partidos principales", "From all the main parties"),
        ("nonpartisan", "Sin afiliación partidista conocida", "No known party affiliation"),
        ("dk", "No sabe", "Don't know"),
    ],
    "parties": [
        ("morena", "Morena", "Morena"),
        ("pan", "PAN", "PAN"),
        ("pri", "PRI", "PRI"),
        ("mc", "Movimiento Ciudadano", "Movimiento Ciudadano"),
        ("prd", "PRD", "PRD"),
        ("pvem", "PVEM", "PVEM"),
        ("pt", "PT", "PT"),
        ("dk", "No sabe", "Don't know"),
    ],
    "funding": [
        ("dues", "Cuotas de miembros", "Members' dues"),
        ("business", "Empresas", "Businesses"),
        ("foundations", "Fundaciones nacionales", "Domestic foundations"),
        ("international", "Cooperación internacional", "International donors"),
        ("federal", "Gobierno federal", "Federal government"),
        ("state", "Gobierno estatal", "State government"),
        ("municipal", "Gobierno municipal", "Municipal government"),
        ("none", "Sin fondos (voluntariado)", "No funds (volunteers)"),
        ("dk", "No sabe", "Don't know"),
        ("other", "Otro", "Other"),
    ],
    "independence": [
        ("1", "1 – Depende por completo del gobierno", "1 – Fully dependent on government"),
        ("2", "2", "2"),
        ("3", "3", "3"),
        ("4", "4", "4"),
        ("5", "5 – Totalmente independiente", "5 – Fully independent"),
    ],
    "freq": [
        ("weekly", "Semanal o más", "Weekly or more"),
        ("monthly", "Mensual", "Monthly"),
        ("quarterly", "Trimestral", "Quarterly"),
        ("yearly", "Una o dos veces al año", "Once or twice a year"),
        ("sporadic", "Esporádica", "Sporadically"),
    ],
    "gov_mech": [
        ("round_table", "Mesa de seguridad", "Security round table"),
        ("citizen_council", "Consejo ciudadano", "Citizen council"),
        ("agreement", "Convenio formal", "Formal agreement"),
        ("hearing", "Foros o audiencias públicas", "Public forums or hearings"),
        ("programme", "Programa conjunto", "Joint programme"),
        ("informal", "Reuniones informales", "Informal meetings"),
        ("other", "Otro", "Other"),
    ],
    "continuity": [
        ("continued", "Continuó igual", "Continued as before"),
        ("weakened", "Se debilitó", "Weakened"),
        ("interrupted", "Se interrumpió", "Was interrupted"),
        ("restarted", "Se interrumpió y se retomó", "Was interrupted, then resumed"),
        ("strengthened", "Se fortaleció", "Grew stronger"),
    ],
    "forces": [
        *[(code, es, en) for code, es, en in FORCES],
        ("none", "Ninguna", "None"),
    ],
    "contact_mode": [
        ("direct", "Directa", "Direct"),
        ("intermediaries", "A través de intermediarios", "Through intermediaries"),
        ("both", "Ambas", "Both"),
    ],
    "info_sharing": [
        ("none", "No se comparte", "None is shared"),
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
    ],
    "trust": [
        ("1", "1 – Ninguna", "1 – None"),
        ("2", "2 – Poca", "2 – Little"),
        ("3", "3 – Alguna", "3 – Some"),
        ("4", "4 – Mucha", "4 – A lot"),
        ("5", "5 – Total", "5 – Complete"),
        ("98", "No sabe / sin contacto", "Don't know / no contact"),
    ],
    "roles_defined": [
        ("yes_all", "Sí, con todas las partes", "Yes, with every party"),
        ("yes_some", "Sí, con algunas partes", "Yes, with some parties"),
        ("no", "No", "No"),
        ("dk", "No sabe", "Don't know"),
    ],
    "roles_when": [
        ("before", "Antes de empezar a trabajar juntos", "Before starting to work together"),
        ("start", "En las primeras reuniones", "In the first meetings"),
        ("first_year", "Durante el primer año", "During the first year"),
        ("later", "Más tarde", "Later"),
    ],
    "roles_written": [
        ("written", "Por escrito y firmado", "In writing, signed"),
        ("minutes", "En actas o minutas", "In minutes"),
        ("verbal", "Solo de palabra", "Verbally only"),
    ],
    "clarity": [
        ("1", "1 – Nada claros", "1 – Not clear at all"),
        ("2", "2 – Poco claros", "2 – Slightly clear"),
        ("3", "3 – Algo claros", "3 – Somewhat clear"),
        ("4", "4 – Bastante claros", "4 – Quite clear"),
        ("5", "5 – Muy claros", "5 – Very clear"),
    ],
    "mech_level": [
        ("municipal", "Municipal", "Municipal"),
        ("state", "Estatal", "State"),
        ("federal", "Federal", "Federal"),
        ("several", "Varios niveles", "Several levels"),
        ("civil", "Convocado por la sociedad civil", "Convened by civil society"),
    ],
    "formality": [
        ("legal", "Con base legal o reglamento", "With a legal basis or regulation"),
        ("agreement", "Con convenio firmado", "With a signed agreement"),
        ("informal", "Informal", "Informal"),
    ],
    "outcome": [
        ("success", "Exitoso", "Successful"),
        ("partial", "Parcialmente exitoso", "Partly successful"),
        ("failure", "Fracasó", "Failed"),
        ("too_early", "Es pronto para saberlo", "Too early to tell"),
    ],
    "violence_change": [
        ("1", "1 – Aumentó mucho", "1 – Rose a lot"),
        ("2", "2 – Aumentó algo", "2 – Rose somewhat"),
        ("3", "3 – Sigue igual", "3 – Stayed the same"),
        ("4", "4 – Disminuyó algo", "4 – Fell somewhat"),
        ("5", "5 – Disminuyó mucho", "5 – Fell a lot"),
    ],
    "trust_change": [
        ("1", "1 – Bajó mucho", "1 – Fell a lot"),
        ("2", "2 – Bajó algo", "2 – Fell somewhat"),
        ("3", "3 – Sigue igual", "3 – Stayed the same"),
        ("4", "4 – Subió algo", "4 – Rose somewhat"),
        ("5", "5 – Subió mucho", "5 – Rose a lot"),
    ],
    "effect": [
        ("1", "1 – Nada", "1 – Not at all"),
        ("2", "2 – Poco", "2 – A little"),
        ("3", "3 – Algo", "3 – Somewhat"),
        ("4", "4 – Bastante", "4 – Quite a lot"),
        ("5", "5 – Mucho", "5 – A great deal"),
    ],
}


def city_lists(path: Path = CITY_LISTS) -> list[Row]:
    """Read the researcher-editable city lists (one row per choice)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [dict(row) for row in csv.DictReader(handle)]
    for number, row in enumerate(rows, start=2):
        missing = [column for column in CHOICE_COLUMNS if not (row.get(column) or "").strip()]
        if missing:
            raise SystemExit(f"{path.name}: row {number}: empty {', '.join(missing)}")
    return rows


def choices(city_rows: Iterable[Row]) -> list[Row]:
    rows = [
        {"list_name": list_name, "name": name, f"label::{ES}": es, f"label::{EN}": en}
        for list_name, items in CHOICES.items()
        for name, es, en in items
    ]
    rows += [{column: row[column].strip() for column in CHOICE_COLUMNS} for row in city_rows]
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


if __name__ == "__main__":
    for written_path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR):
        print(written_path)
