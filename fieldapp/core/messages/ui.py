"""User-facing messages of the desktop app: code -> {"en": ..., "es": ...}.

Menus, buttons and labels are translated with Qt's own files (resources/*.ts); this
catalogue holds the sentences that explain a problem, like every other area's.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "ui.file_dialog_look_in": {"en": "Look in:", "es": "Buscar en:"},
    "ui.file_dialog_file_name": {"en": "File &name:", "es": "&Nombre del archivo:"},
    "ui.file_dialog_folder": {"en": "&Folder:", "es": "&Carpeta:"},
    "ui.file_dialog_file_type": {"en": "Files of type:", "es": "Tipo de archivo:"},
    "ui.file_dialog_replace_title": {"en": "Replace the file?", "es": "¿Reemplazar el archivo?"},
    "ui.file_dialog_replace": {
        "en": "{folder} already holds a file named {name}. Replace it? What it holds now "
        "will be lost.",
        "es": "{folder} ya tiene un archivo llamado {name}. ¿Reemplazarlo? Se perderá lo que "
        "contiene ahora.",
    },
    "ui.file_dialog_taken_title": {"en": "Name taken", "es": "Nombre ocupado"},
    "ui.file_dialog_taken": {
        "en": "{folder} already holds a file named {name}, which is kept. Type another "
        "name, or choose another folder.",
        "es": "{folder} ya tiene un archivo llamado {name}, que se conserva. Escriba otro "
        "nombre o elija otra carpeta.",
    },
    "ui.file_dialog_folders": {"en": "Folders", "es": "Carpetas"},
    "ui.file_dialog_type_drive": {"en": "Drive", "es": "Unidad"},
    "ui.file_dialog_type_folder": {"en": "Folder", "es": "Carpeta"},
    "ui.file_dialog_type_shortcut": {"en": "Shortcut", "es": "Acceso directo"},
    "ui.file_dialog_type_unknown": {"en": "Unknown", "es": "Desconocido"},
    "ui.file_dialog_images": {"en": "Images", "es": "Imágenes"},
    "ui.file_dialog_audio": {"en": "Recordings", "es": "Grabaciones"},
    "ui.file_dialog_video": {"en": "Videos", "es": "Videos"},
    "ui.file_dialog_all_files": {"en": "All files", "es": "Todos los archivos"},
    "ui.search_tip": {
        "en": "Finds the interviews whose name, form, interviewer, city, actor type or state "
        'holds what you type ("juarez" finds Ciudad Juárez).',
        "es": "Encuentra las entrevistas cuyo nombre, formulario, entrevistador, ciudad, tipo "
        "de actor o estado contiene lo que escribe («juarez» encuentra Ciudad Juárez).",
    },
    "ui.unexpected": {
        "en": "Something went wrong inside fieldapp ({error}). Your answers up to the last "
        "change are saved. Close this message and carry on; if it happens again, restart "
        "fieldapp and tell your supervisor. Details are in {log}.",
        "es": "Algo falló dentro de fieldapp ({error}). Sus respuestas hasta el último cambio "
        "están guardadas. Cierre este mensaje y continúe; si vuelve a pasar, reinicie fieldapp "
        "y avise a su supervisor. Los detalles están en {log}.",
    },
    "ui.required": {
        "en": "This question needs an answer before the interview can be finalized.",
        "es": "Esta pregunta necesita una respuesta antes de finalizar la entrevista.",
    },
    "ui.not_integer": {
        "en": "Type a whole number, such as 12.",
        "es": "Escriba un número entero, por ejemplo 12.",
    },
    "ui.not_decimal": {
        "en": "Type a number, such as 3.5.",
        "es": "Escriba un número, por ejemplo 3.5.",
    },
    "ui.bad_geopoint": {
        "en": "Latitude goes from -90 to 90 and longitude from -180 to 180; type both.",
        "es": "La latitud va de -90 a 90 y la longitud de -180 a 180; escriba ambas.",
    },
    "ui.file_unreadable": {
        "en": "Could not read {path}: {reason}. Check the file and attach it again.",
        "es": "No se pudo leer {path}: {reason}. Revise el archivo y adjúntelo de nuevo.",
    },
    "ui.merge_skipped": {
        "en": " {n} skipped: this same database (or a copy or package of it).",
        "es": " {n, plural, one {# omitido} other {# omitidos}}: esta misma base de datos (o "
        "una copia o paquete de ella).",
    },
    "ui.conflicts_question": {"en": "Question", "es": "Pregunta"},
    "ui.conflicts_version": {"en": "Version {n}: {header}", "es": "Versión {n}: {header}"},
    "ui.section_start": {"en": "Start", "es": "Inicio"},
    "ui.section_more": {"en": "More questions", "es": "Más preguntas"},
    "ui.opener_refused": {
        "en": "{name} is not an audio or video file fieldapp can hand to another program "
        "(its name or content is of another type), so it was not opened. Play it on a laptop "
        "where fieldapp plays recordings itself.",
        "es": "{name} no es un archivo de audio o video que fieldapp pueda pasar a otro "
        "programa (su nombre o su contenido son de otro tipo), así que no se abrió. "
        "Reprodúzcalo en una computadora donde fieldapp reproduzca las grabaciones por sí mismo.",
    },
    "ui.no_player": {
        "en": "No program on this laptop plays {name}. Install a media player (such as VLC), "
        "or copy the recording to a laptop that has one.",
        "es": "Ningún programa de esta computadora reproduce {name}. Instale un reproductor "
        "(como VLC) o copie la grabación a una computadora que tenga uno.",
    },
    "ui.play_leftovers_kept": {
        "en": "fieldapp stopped last time without removing the copies of recordings it gave "
        "the system's player, and could not remove them now: {folders}. Delete that folder "
        "yourself (it may hold an interview's recording).",
        "es": "fieldapp se detuvo la última vez sin borrar las copias de grabaciones que pasó "
        "al reproductor del sistema, y no pudo borrarlas ahora: {folders}. Borre usted esa "
        "carpeta (puede contener la grabación de una entrevista).",
    },
    "ui.sealed_no_player": {
        "en": "{name} belongs to a protected interview (sealed for the study key), so fieldapp "
        "does not copy it into a file for another program, and cannot play it itself on this "
        "laptop. Play it on the supervisor's laptop after the study key opens the interview.",
        "es": "{name} pertenece a una entrevista protegida (sellada con la clave del estudio); "
        "fieldapp no la copia a un archivo para otro programa y no puede reproducirla por sí "
        "mismo en esta computadora. Reprodúzcala en la computadora del supervisor, una vez "
        "que la clave del estudio abra la entrevista.",
    },
    "ui.attachment_missing": {
        "en": "The file {name} is not in this database (the interview came without it). "
        "Ask the laptop that recorded it to send its data again.",
        "es": "El archivo {name} no está en esta base de datos (la entrevista llegó sin él). "
        "Pida a la computadora que lo grabó que envíe sus datos de nuevo.",
    },
    "ui.no_forms": {
        "en": "This database has no interview forms yet. Add them with File › Forms…, open "
        "another database, or make one with the study forms with File › New database…",
        "es": "Esta base de datos aún no tiene formularios de entrevista. Agréguelos con "
        "Archivo › Formularios…, abra otra base de datos o cree una con los formularios del "
        "estudio con Archivo › Nueva base de datos…",
    },
    "ui.interviewer_missing": {
        "en": "Type your interviewer code before starting; it is saved with every interview.",
        "es": "Escriba su código de entrevistador antes de empezar; se guarda con cada entrevista.",
    },
    "ui.form_version_label": {
        "en": "Form &version:",
        "es": "&Versión del formulario:",
    },
    "ui.form_version_item": {
        "en": "{title} — version {version}",
        "es": "{title} — versión {version}",
    },
    "ui.cannot_open_database": {
        "en": "Could not open {path}: {reason}",
        "es": "No se pudo abrir {path}: {reason}",
    },
    # Review › Devices and integrity… and Help (the desk's own words: ``devices_ui``)
    "ui.devices_menu": {
        "en": "&Devices and integrity…",
        "es": "&Dispositivos e integridad…",
    },
    "ui.clear_answer_menu": {"en": "Clear &answer", "es": "&Borrar respuesta"},
    # An interview's section whose relevance is false: the questions it reads, where
    "ui.section_waits": {
        "en": "This section does not apply with the answers given so far. "
        "It depends on: {questions}.",
        "es": "Esta sección no aplica con las respuestas dadas hasta ahora. "
        "Depende de: {questions}.",
    },
    "ui.section_waits_for": {"en": "“{label}” ({section})", "es": "«{label}» ({section})"},
    "ui.unlock_drafts_menu": {"en": "&Unlock drafts…", "es": "&Desbloquear borradores…"},
    "ui.sealed_list_hidden": {
        "en": "The interviews of sealed forms are hidden until you type the drafts "
        "passphrase.\nInterview › Unlock drafts… shows them.",
        "es": "Las entrevistas de formularios sellados están ocultas hasta que escriba la "
        "frase de contraseña de borradores.\nEntrevista › Desbloquear borradores… las muestra.",
    },
    "ui.fingerprint_menu": {
        "en": "This laptop's &fingerprint…",
        "es": "&Huella de esta computadora…",
    },
}
