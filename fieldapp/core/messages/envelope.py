"""User-facing messages of ODK's encrypted submissions (``core/central/envelope``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "envelope.missing": {
        "en": "Interview {submission} is sealed, but it has no copy sealed for ODK Central: "
        "it was finalized by an older fieldapp (or not yet finalized). Ask the supervisor "
        "to return it and finalize it again with this version; nothing was sent.",
        "es": "La entrevista {submission} está sellada, pero no tiene una copia sellada para "
        "ODK Central: se finalizó con una versión anterior de fieldapp (o aún no se "
        "finalizó). Pida al supervisor que la devuelva y finalícela de nuevo con esta "
        "versión; no se envió nada.",
    },
    "envelope.event": {
        "en": "sealed copy kept for ODK Central",
        "es": "copia sellada guardada para ODK Central",
    },
    "envelope.no_instance_id": {
        "en": "An interview of form {form} has no meta/instanceID, which ODK needs to seal "
        "it. Add the form's meta/instanceID (XLSForm adds it by default) and finalize "
        "again; nothing was saved.",
        "es": "Una entrevista del formulario {form} no tiene meta/instanceID, que ODK "
        "necesita para sellarla. Agregue meta/instanceID al formulario (XLSForm lo agrega "
        "por omisión) y finalice de nuevo; no se guardó nada.",
    },
}
