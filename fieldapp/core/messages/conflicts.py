"""User-facing messages of the Conflicts desk: who resolves, what is left, what is unsaved."""

MESSAGES: dict[str, dict[str, str]] = {
    "conflicts.author_needed": {
        "en": "The resolution of interview {submission} needs the name of who chose its "
        "answers (the Reviewer field of the Conflicts desk). Nothing was saved: give the "
        "name, then save again.",
        "es": "La resolución de la entrevista {submission} necesita el nombre de quien eligió "
        "sus respuestas (el campo Revisor del escritorio de conflictos). No se guardó nada: "
        "indique el nombre y vuelva a guardar.",
    },
    "conflicts.reviewer": {"en": "&Reviewer:", "es": "&Revisor:"},
    "conflicts.reviewer_hint": {
        "en": "Your name, kept with the resolution (remembered)",
        "es": "Su nombre, guardado con la resolución (se recuerda)",
    },
    "conflicts.differences_only": {
        "en": "Show &differences only",
        "es": "Mostrar solo las &diferencias",
    },
    "conflicts.differences_only_tip": {
        "en": "Hide the questions every version answers the same way",
        "es": "Ocultar las preguntas que todas las versiones responden igual",
    },
    "conflicts.tally": {
        "en": "{count, plural, one {# difference} other {# differences}}, {chosen} chosen",
        "es": "{count, plural, one {# diferencia} other {# diferencias}}, "
        "{chosen, plural, one {# elegida} other {# elegidas}}",
    },
    "conflicts.next": {"en": "&Next difference", "es": "Diferencia &siguiente"},
    "conflicts.next_tip": {
        "en": "Go to the next question whose answers differ ({keys})",
        "es": "Ir a la siguiente pregunta cuyas respuestas difieren ({keys})",
    },
    "conflicts.previous": {"en": "&Previous difference", "es": "Diferencia &anterior"},
    "conflicts.previous_tip": {
        "en": "Go to the previous question whose answers differ ({keys})",
        "es": "Ir a la pregunta anterior cuyas respuestas difieren ({keys})",
    },
    "conflicts.table_name": {
        "en": "Answers of each version",
        "es": "Respuestas de cada versión",
    },
    "conflicts.table_description": {
        "en": "One row per question, one column per version. Arrow keys move between "
        "answers; Space or Enter takes the answer in focus for its question.",
        "es": "Una fila por pregunta, una columna por versión. Las flechas recorren las "
        "respuestas; Espacio o Enter toma la respuesta enfocada para su pregunta.",
    },
    "conflicts.list_name": {
        "en": "Interviews in conflict",
        "es": "Entrevistas en conflicto",
    },
    "conflicts.keep_whole_description": {
        "en": "Take every answer of version {n}",
        "es": "Tomar todas las respuestas de la versión {n}",
    },
    "conflicts.unsaved_title": {"en": "Unsaved resolution", "es": "Resolución sin guardar"},
    "conflicts.unsaved": {
        "en": "You chose answers for interview {name} but did not save the resolution. Save "
        "it now, discard the choices, or cancel to keep choosing.",
        "es": "Eligió respuestas para la entrevista {name} pero no guardó la resolución. "
        "Guárdela ahora, descarte lo elegido o cancele para seguir eligiendo.",
    },
    "conflicts.resolved": {
        "en": "Resolved: interview {submission} has one current version again. "
        "{left, plural, =0 {No conflicts are left.} one {# conflict is left.} "
        "other {# conflicts are left.}}",
        "es": "Resuelto: la entrevista {submission} vuelve a tener una sola versión actual. "
        "{left, plural, =0 {No quedan conflictos.} one {Queda # conflicto.} "
        "other {Quedan # conflictos.}}",
    },
    "conflicts.save": {"en": "&Save", "es": "&Guardar"},
    "conflicts.discard": {"en": "&Discard", "es": "&Descartar"},
    "conflicts.cancel": {"en": "Cancel", "es": "Cancelar"},
    # --- what a device's stamp holds, as a desk titles it (its question has no label) ----
    "conflicts.stamp.start": {
        "en": "Opened (device clock)",
        "es": "Abierta (reloj del equipo)",
    },
    "conflicts.stamp.end": {
        "en": "Last finalized (device clock)",
        "es": "Finalizada por última vez (reloj del equipo)",
    },
    "conflicts.stamp.today": {"en": "Day of the interview", "es": "Día de la entrevista"},
    "conflicts.stamp.deviceid": {"en": "Device id", "es": "Identificador del equipo"},
    "conflicts.stamp.username": {
        "en": "User name set on the device",
        "es": "Nombre de usuario del equipo",
    },
    "conflicts.stamp.other": {
        "en": "Filled in by the device ({type})",
        "es": "Lo llena el equipo ({type})",
    },
    "conflicts.stamp.instance_id": {
        "en": "Interview id (set by the device)",
        "es": "Identificador de la entrevista (lo asigna el equipo)",
    },
    "conflicts.stamp.instance_name": {
        "en": "Interview name (worked out by the form)",
        "es": "Nombre de la entrevista (lo calcula el formulario)",
    },
    "conflicts.stamp.calculated": {
        "en": "Worked out by the form",
        "es": "Lo calcula el formulario",
    },
    # --- a question's ${name} where the versions shown do not give one answer for it ------
    "conflicts.piped_each": {"en": "“{answer}”", "es": "«{answer}»"},
    "conflicts.piped_unanswered": {"en": "[{label}]", "es": "[{label}]"},
}
