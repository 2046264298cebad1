"""Counts the windows show (status bar, review queue, form sections, word counts).

They were Qt strings in pairs ("1 interview" / "%1 interviews") or with one form for every
number ("%1 finalizadas"); here each has its singular and plural in both languages.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the main window's status bar ---------------------------------------------------
    "count.interviews": {
        "en": "{count, plural, one {# interview} other {{count:,} interviews}}",
        "es": "{count, plural, one {# entrevista} other {{count:,} entrevistas}}",
    },
    "count.sealed_hidden": {
        "en": "{count, plural, one {# sealed one hidden until the drafts passphrase or the "
        "study key} other {{count:,} sealed ones hidden until the drafts passphrase or the "
        "study key}}",
        "es": "{count, plural, one {# sellada oculta hasta la frase de contraseña o la clave "
        "del estudio} other {{count:,} selladas ocultas hasta la frase de contraseña o la "
        "clave del estudio}}",
    },
    "count.came_in": {
        "en": "only what the last merge brought (Clear filters shows every interview)",
        "es": "solo lo que trajo la última fusión (Quitar filtros muestra todas)",
    },
    "count.shown": {
        "en": "{shown:,} of {total, plural, one {# interview shown} other {{total:,} "
        "interviews shown}}",
        "es": "{shown:,} de {total, plural, one {# entrevista mostrada} other {{total:,} "
        "entrevistas mostradas}}",
    },
    "count.drafts": {
        "en": "{count, plural, one {# draft} other {{count:,} drafts}}",
        "es": "{count, plural, one {# borrador} other {{count:,} borradores}}",
    },
    "count.finalized": {
        "en": "{count:,} finalized",
        "es": "{count, plural, one {# finalizada} other {{count:,} finalizadas}}",
    },
    "count.returned": {
        "en": "{count:,} returned",
        "es": "{count, plural, one {# devuelta} other {{count:,} devueltas}}",
    },
    "count.approved": {
        "en": "{count:,} approved",
        "es": "{count, plural, one {# aprobada} other {{count:,} aprobadas}}",
    },
    # --- the review queue ---------------------------------------------------------------
    "count.review_waiting": {
        "en": "{count, plural, one {# interview waits for review} other {{count:,} interviews "
        "wait for review}}",
        "es": "{count, plural, one {# entrevista espera revisión} other {{count:,} entrevistas "
        "esperan revisión}}",
    },
    "count.review_approved": {
        "en": "{count, plural, one {# approved interview} other {{count:,} approved interviews}}",
        "es": "{count, plural, one {# entrevista aprobada} other {{count:,} entrevistas "
        "aprobadas}}",
    },
    # --- the interview window: sections and text answers (in the form's language) -------
    "count.answered": {
        "en": "{answered} of {shown} answered",
        "es": "{answered, plural, one {# de {shown} respondida} other {# de {shown} respondidas}}",
    },
    "count.required_missing": {
        "en": "{count} required missing",
        "es": "{count, plural, one {falta # obligatoria} other {faltan # obligatorias}}",
    },
    "count.to_fix": {
        "en": "{count} to fix",
        "es": "{count} por corregir",
    },
    "count.words": {
        "en": "{count, plural, one {# word} other {# words}}",
        "es": "{count, plural, one {# palabra} other {# palabras}}",
    },
    # --- a file's size (``messages.file_sizes``): grouped as the status bar groups counts,
    # "12,000" in Mexico's Spanish as in English ------------------------------------------
    "count.size_bytes": {
        "en": "{count, plural, one {# byte} other {{count:,} bytes}}",
        "es": "{count, plural, one {# byte} other {{count:,} bytes}}",
    },
    "count.size_kb": {"en": "{count:,.0f} KB", "es": "{count:,.0f} KB"},
    "count.size_mb": {"en": "{count:,.1f} MB", "es": "{count:,.1f} MB"},
    "count.size_gb": {"en": "{count:,.2f} GB", "es": "{count:,.2f} GB"},
    # a limit that is a round number of its unit ("256 MB", "4 GB"): ``messages.past_limit``
    "count.size_round_kb": {"en": "{count:,.0f} KB", "es": "{count:,.0f} KB"},
    "count.size_round_mb": {"en": "{count:,.0f} MB", "es": "{count:,.0f} MB"},
    "count.size_round_gb": {"en": "{count:,.0f} GB", "es": "{count:,.0f} GB"},
}
