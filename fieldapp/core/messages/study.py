"""User-facing messages of the study's bundled forms and the demo generator."""

MESSAGES: dict[str, dict[str, str]] = {
    "study.forms_missing": {
        "en": "The study's interview forms were not found (looked in: {places}). "
        "Reinstall fieldapp, or set FIELDAPP_FORMS to the folder holding cso.xlsx, "
        "gov.xlsx, security.xlsx and informant.xlsx.",
        "es": "No se encontraron los formularios del estudio (se buscaron en: {places}). "
        "Reinstale fieldapp o indique en FIELDAPP_FORMS la carpeta que contiene cso.xlsx, "
        "gov.xlsx, security.xlsx e informant.xlsx.",
    },
    "study.unknown_actor": {
        "en": "There is no study form for the actor type '{actor}'. Choose one of: {actors}.",
        "es": "No hay formulario del estudio para el tipo de actor «{actor}». "
        "Elija uno de: {actors}.",
    },
    "demo.bad_count": {
        "en": "The number of interviews must be between 1 and {most}, not {count}. "
        "Give another --interviews.",
        "es": "El número de entrevistas debe estar entre 1 y {most}, no {count}. "
        "Indique otro valor en --interviews.",
    },
    # The rows the demo wrote of each repeat, by the repeat's name in the form (``demo.done``'s
    # {repeat_rows}, joined by commas); past three repeats, all together.
    "demo.repeat_rows": {
        "en": "{count, plural, one {# row} other {{count:,} rows}} of the repeat {name}",
        "es": "{count, plural, one {# fila} other {{count:,} filas}} de la repetición {name}",
    },
    "demo.repeat_rows_all": {
        "en": "{count, plural, one {# repeat row} other {{count:,} repeat rows}} in {repeats} "
        "repeats",
        "es": "{count, plural, one {# fila} other {{count:,} filas}} de {repeats} repeticiones",
    },
    "demo.done": {
        "en": "{interviews, plural, one {# demo interview} other {# demo interviews}} written "
        "to {path} from {devices, plural, one {# device} other {# devices}}: {finalized} "
        "finalized ({reopened} reopened and edited), {drafts, plural, one {# draft} "
        "other {# drafts}}, {repeats, plural, =0 {} other {{repeat_rows}, }}"
        "{conflicts, plural, =0 {no conflict} one {# conflict (an interview corrected on two "
        "laptops; resolve it under View › Conflicts…)} other {# conflicts (interviews corrected "
        "on two laptops; resolve them under View › Conflicts…)}}, in {seconds:.1f} s.",
        "es": "{interviews, plural, one {# entrevista de demostración escrita} "
        "other {# entrevistas de demostración escritas}} en {path} desde "
        "{devices, plural, one {# equipo} other {# equipos}}: "
        "{finalized, plural, one {# finalizada} other {# finalizadas}} "
        "({reopened, plural, one {# reabierta y editada} other {# reabiertas y editadas}}), "
        "{drafts, plural, one {# borrador} other {# borradores}}, "
        "{repeats, plural, =0 {} other {{repeat_rows}, }}"
        "{conflicts, plural, =0 {ningún conflicto} one {# conflicto (una entrevista corregida "
        "en dos equipos; resuélvalo en Ver › Conflictos…)} other {# conflictos (entrevistas "
        "corregidas en dos equipos; resuélvalos en Ver › Conflictos…)}}, en {seconds:.1f} s.",
    },
    "demo.real_interviews": {
        "en": "{path} already holds {count, plural, one {# interview the demo did not write; "
        "demo interviews look real and would merge with it} other {# interviews the demo did "
        "not write; demo interviews look real and would merge with them}} into the "
        "supervisor's database. Give the demo a file of its own with --db (e.g. --db demo.db), "
        "or add --force.",
        "es": "{path} ya contiene {count, plural, one {# entrevista que no escribió la "
        "demostración; las de demostración parecen reales y se fusionarían con ella} "
        "other {# entrevistas que no escribió la demostración; las de demostración parecen "
        "reales y se fusionarían con ellas}} en la base del supervisor. Indique a la "
        "demostración un archivo propio con --db (p. ej. --db demo.db) o agregue --force.",
    },
    "demo.real_records": {
        "en": "{path} is a study's database: it holds {count, plural, one {# record} other "
        "{# records}} the demo did not write (targets, laptops certified or revoked, reviews, "
        "keys), and its packages would carry demo interviews, which look real, to every "
        "laptop. Give the demo a file of its own with --db (e.g. --db demo.db), or add --force.",
        "es": "{path} es la base de datos de un estudio: contiene {count, plural, one {# registro} "
        "other {# registros}} que no escribió la demostración (metas, computadoras certificadas "
        "o revocadas, revisiones, claves), y sus paquetes llevarían a todas las computadoras "
        "entrevistas de demostración, que parecen reales. Dé a la demostración un archivo "
        "propio con --db (p. ej. --db demo.db) o agregue --force.",
    },
    "demo.needs_db": {
        "en": "fieldapp demo writes made-up interviews, so it does not touch the default "
        "database ({path}) unless told to. Name a file of its own with --db (e.g. --db "
        "demo.db), or add --force to fill the default one.",
        "es": "fieldapp demo escribe entrevistas inventadas, así que no toca la base de datos "
        "predeterminada ({path}) sin que se le indique. Dé un archivo propio con --db "
        "(p. ej. --db demo.db) o agregue --force para llenar la predeterminada.",
    },
    "demo.cannot_fill": {
        "en": "The demo could not answer '{question}' of the form {form} so that it passes "
        "the form's checks ({reason}). Give the demo another form with --form, or "
        "relax that question's constraint.",
        "es": "La demostración no pudo responder «{question}» del formulario {form} de modo "
        "que pase sus validaciones ({reason}). Indique otro formulario con --form o "
        "suavice la restricción de esa pregunta.",
    },
}
