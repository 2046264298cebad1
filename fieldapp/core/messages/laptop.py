"""User-facing messages of the researcher's desktop: packaging, finalizing, the form's controls."""

MESSAGES: dict[str, dict[str, str]] = {
    "package.ui.menu": {
        "en": "&Package for the supervisor…",
        "es": "&Paquete para el supervisor…",
    },
    "package.ui.title": {"en": "Package for the supervisor", "es": "Paquete para el supervisor"},
    "package.ui.intro": {
        "en": "Writes one file with every interview of this laptop, safe to copy while "
        "fieldapp runs (copying the database file itself can miss the latest answers). "
        "Choose the USB stick or shared folder, then take the file to the supervisor, who "
        "merges it with File › Merge other laptops…",
        "es": "Escribe un archivo con todas las entrevistas de esta computadora, seguro de "
        "copiar mientras fieldapp está abierto (copiar el archivo de la base de datos puede "
        "omitir las últimas respuestas). Elija la memoria USB o la carpeta compartida y "
        "lleve el archivo al supervisor, que lo fusiona con Archivo › Fusionar otras "
        "computadoras…",
    },
    "package.ui.title_supervisor": {
        "en": "Package for the team's laptops",
        "es": "Paquete para las computadoras del equipo",
    },
    "package.ui.intro_supervisor": {
        "en": "Writes one file with what this supervisor's database holds (interviews, "
        "reviews, targets, forms), safe to copy while fieldapp runs. Choose the USB stick "
        "or shared folder, then merge it on each laptop of the team with File › Merge other "
        "laptops…: it brings them your reviews, targets and forms.",
        "es": "Escribe un archivo con lo que tiene esta base de datos de la supervisión "
        "(entrevistas, revisiones, metas, formularios), seguro de copiar mientras fieldapp "
        "está abierto. Elija la memoria USB o la carpeta compartida y fusiónelo en cada "
        "computadora del equipo con Archivo › Fusionar otras computadoras…: les lleva sus "
        "revisiones, metas y formularios.",
    },
    "package.ui.folder": {"en": "&Folder", "es": "&Carpeta"},
    "package.ui.name": {"en": "File &name", "es": "&Nombre del archivo"},
    "package.ui.choose": {"en": "Choose folder…", "es": "Elegir carpeta…"},
    "package.ui.choose_button": {"en": "&Choose folder…", "es": "&Elegir carpeta…"},
    "package.ui.write": {"en": "&Write package", "es": "Escribir &paquete"},
    "package.ui.close": {"en": "Close", "es": "Cerrar"},
    "package.ui.writing": {
        "en": "Writing {path}… open drafts are saved first.",
        "es": "Escribiendo {path}… primero se guardan los borradores abiertos.",
    },
    "package.ui.cancel": {"en": "Cancel", "es": "Cancelar"},
    "package.ui.cancel_tip": {
        "en": "Stop writing the package (Esc): nothing is left in the folder",
        "es": "Dejar de escribir el paquete (Esc): no queda nada en la carpeta",
    },
    "package.ui.cancelling": {
        "en": "Cancelling… the part already written is being removed.",
        "es": "Cancelando… se está borrando la parte ya escrita.",
    },
    "package.ui.no_folder": {
        "en": "Choose the folder to write the package in (the USB stick, for instance).",
        "es": "Elija la carpeta donde escribir el paquete (la memoria USB, por ejemplo).",
    },
    "package.ui.folder_missing": {
        "en": "The folder {path} does not exist (was the USB stick removed?). Plug it in "
        "again or choose another folder.",
        "es": "La carpeta {path} no existe (¿se retiró la memoria USB?). Conéctela de nuevo "
        "o elija otra carpeta.",
    },
    "package.ui.no_name": {
        "en": "Give the package a file name, such as TJ01.fieldapp.",
        "es": "Dé un nombre al paquete, como TJ01.fieldapp.",
    },
    "finalize.ui.title": {"en": "Finalize the interview", "es": "Finalizar la entrevista"},
    "finalize.ui.ask": {
        "en": "Every answer passes its checks. Finalize this interview now? It becomes "
        "read-only on this laptop; the supervisor can return it for changes.",
        "es": "Todas las respuestas pasan sus validaciones. ¿Finalizar esta entrevista "
        "ahora? Quedará de solo lectura en esta computadora; el supervisor puede "
        "devolverla para cambios.",
    },
    # A sealed form's interview is not read-only once finalized: it is sealed, and the
    # laptop that wrote it can no longer open it (docs/protecting-interviewees.md).
    "finalize.ui.ask_sealed": {
        "en": "Every answer passes its checks. Finalize this interview now? It is sealed "
        "for the study: from then on not even this laptop can open it (it stays in the "
        "list). The supervisor reads it from your package and can return it for changes.",
        "es": "Todas las respuestas pasan sus validaciones. ¿Finalizar esta entrevista "
        "ahora? Se sellará para el estudio: desde entonces ni esta computadora podrá "
        "abrirla (seguirá en la lista). El supervisor la lee desde su paquete y puede "
        "devolverla para cambios.",
    },
    "finalize.ui.sealed_here": {
        "en": "This interview is finalized and sealed for the study: this laptop can no "
        "longer open it. Take it to the supervisor in your package (File › Package for "
        "the supervisor…); if she returns it for changes, her comments show here.",
        "es": "Esta entrevista está finalizada y sellada para el estudio: esta computadora "
        "ya no puede abrirla. Llévela al supervisor en su paquete (Archivo › Paquete para "
        "el supervisor…); si la devuelve para cambios, aquí verá sus comentarios.",
    },
    # Returned, a sealed interview stays sealed: its laptop reads the comments, not the
    # answers, which are changed where the study key is open (docs/design-notes.md).
    "finalize.ui.sealed_returned": {
        "en": "The supervisor returned this interview for changes:\n\n{comments}\n\n"
        "It is sealed for the study, so this laptop cannot open its answers again: the "
        "changes are made where the study key is open. Make them with your supervisor.",
        "es": "El supervisor devolvió esta entrevista para cambios:\n\n{comments}\n\n"
        "Está sellada para el estudio, así que esta computadora no puede volver a abrir "
        "sus respuestas: los cambios se hacen donde está abierta la clave del estudio. "
        "Hágalos con su supervisor.",
    },
    "finalize.ui.yes": {"en": "Finalize", "es": "Finalizar"},
    "finalize.ui.no": {"en": "Keep editing", "es": "Seguir editando"},
    "keys.next_difference": {
        "en": "Conflicts: next / previous difference",
        "es": "Conflictos: diferencia siguiente / anterior",
    },
    "keys.clear_answer": {
        "en": "Clear the answer of the question you are in",
        "es": "Borrar la respuesta de la pregunta en la que está",
    },
    "keys.switch_form_language": {
        "en": "Switch the form's &language",
        "es": "Cambiar el &idioma del formulario",
    },
    "keys.between_options": {
        "en": "Move between a question's options (together they are one Tab stop)",
        "es": "Pasar de una opción a otra de la pregunta (todas juntas son una sola parada "
        "del tabulador)",
    },
    "keys.tick_option": {
        "en": "Choose the option you are on; in a multiple choice, tick or untick it",
        "es": "Elegir la opción en la que está; si admite varias, marcarla o desmarcarla",
    },
    "keys.close_problems": {
        "en": "Close the list of problems and go back to your question",
        "es": "Cerrar la lista de problemas y volver a su pregunta",
    },
    "ui.forms_menu": {"en": "&Forms…", "es": "F&ormularios…"},
    "ui.check_start": {
        "en": "fieldapp started: {count, plural, one {# interview listed} other {# interviews "
        "listed}} from {path}.",
        "es": "fieldapp inició: {count, plural, one {# entrevista listada} "
        "other {# entrevistas listadas}} de {path}.",
    },
    "ui.database_in_use": {
        "en": "{path} is already open in another fieldapp window (process {pid} on {host}). "
        "Switch to that window: two windows on one database could each save an interview "
        "over the other's answers. If no fieldapp is open there any more, delete {lock} "
        "and start fieldapp again.",
        "es": "{path} ya está abierta en otra ventana de fieldapp (proceso {pid} en {host}). "
        "Cambie a esa ventana: dos ventanas sobre una misma base de datos podrían guardar "
        "una entrevista encima de las respuestas de la otra. Si ya no hay ningún fieldapp "
        "abierto allí, borre {lock} y vuelva a abrir fieldapp.",
    },
    # The merge window's row for a file: its counts (``merge.count_*``, the new forms a
    # supervisor's package brings alone among them), then the new devices to check.
    "ui.merge_new_devices": {
        "en": "{count, plural, one {# new device: check its fingerprint below} other {# new "
        "devices: check their fingerprints below}}",
        "es": "{count, plural, one {# dispositivo nuevo: compruebe su huella abajo} other {# "
        "dispositivos nuevos: compruebe sus huellas abajo}}",
    },
    "ui.merge_set_aside": {
        "en": "{count, plural, one {# record set aside, unsigned: see below} other {# records "
        "set aside, unsigned: see below}}",
        "es": "{count, plural, one {# registro apartado, sin firma: vea abajo} other {# "
        "registros apartados, sin firma: vea abajo}}",
    },
    "ui.merge_left_out": {
        "en": "{count, plural, one {# record left out, unsigned: see below} other {# records "
        "left out, unsigned: see below}}",
        "es": "{count, plural, one {# registro fuera, sin firma: vea abajo} other {# "
        "registros fuera, sin firma: vea abajo}}",
    },
    "ui.merge_taken_back": {
        "en": "{count, plural, one {# record taken back, signed: see below} other {# records "
        "taken back, signed: see below}}",
        "es": "{count, plural, one {# registro recuperado, firmado: vea abajo} other {# "
        "registros recuperados, firmados: vea abajo}}",
    },
    # --- after fieldapp stopped with interviews open (fieldapp/core/interrupted.py) ---------
    "ui.interrupted_title": {
        "en": "Nothing was lost",
        "es": "No se perdió nada",
    },
    "ui.interrupted": {
        "en": "fieldapp did not close normally last time (the laptop switched off, the "
        "battery ran out or fieldapp was stopped). Every answer was saved as it was typed: "
        "{count, plural, one {this interview was} other {these # interviews were}} open and "
        "{count, plural, one {is a draft} other {are drafts}} with everything typed, to the "
        "last letter:\n\n{interviews}\n\nOpen {count, plural, one {it} other {each}} from "
        "the list (Enter) to go on in the question you were typing in.",
        "es": "fieldapp no se cerró normalmente la última vez (se apagó la computadora, se "
        "agotó la batería o se detuvo fieldapp). Cada respuesta se guardó al escribirla: "
        "{count, plural, one {esta entrevista estaba abierta y sigue} other {estas # "
        "entrevistas estaban abiertas y siguen}} como borrador con todo lo escrito, hasta la "
        "última letra:\n\n{interviews}\n\nÁbra{count, plural, one {la} other {las}} desde "
        "la lista (Intro) para continuar en la pregunta donde estaba escribiendo.",
    },
    "ui.interrupted_line": {
        "en": "• {actor} · {city} · started {started} · {interviewer}",
        "es": "• {actor} · {city} · iniciada {started} · {interviewer}",
    },
    "ui.interrupted_hidden": {
        "en": "{count, plural, one {# interview of a sealed form} other {# interviews of "
        "sealed forms}}, shown once the drafts passphrase is typed (Interview › Unlock "
        "drafts…)",
        "es": "{count, plural, one {# entrevista de un formulario sellado, que se ve} other "
        "{# entrevistas de formularios sellados, que se ven}} al escribir la frase de "
        "contraseña de borradores (Entrevista › Desbloquear borradores…)",
    },
}
