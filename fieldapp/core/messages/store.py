"""User-facing messages of the store area: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
    "store.not_found": {
        "en": "There is no database at {path}. Check the path, or create one by opening it "
        "in fieldapp.",
        "es": "No hay ninguna base de datos en {path}. Revise la ruta, o cree una abriéndola "
        "en fieldapp.",
    },
    "store.not_sqlite": {
        "en": "{path} is not a fieldapp database (it is not an SQLite file at all). Choose "
        "the .db file fieldapp created; the file was not changed.",
        "es": "{path} no es una base de datos de fieldapp (ni siquiera es un archivo SQLite). "
        "Elija el archivo .db que creó fieldapp; el archivo no se modificó.",
    },
    "store.not_fieldapp": {
        "en": "{path} is an SQLite database, but not one of fieldapp (it has no fieldapp "
        "identity). Choose the .db file fieldapp created; the file was not changed.",
        "es": "{path} es una base de datos SQLite, pero no de fieldapp (no tiene la "
        "identidad de fieldapp). Elija el archivo .db que creó fieldapp; el archivo no se "
        "modificó.",
    },
    "store.truncated": {
        "en": "{path} is incomplete: it holds {size} but says it should hold {expected}. It "
        "was probably cut short while being copied; copy it again from the original device. "
        "The file was not changed.",
        "es": "{path} está incompleto: tiene {size} pero indica que debería tener "
        "{expected}. Probablemente se cortó al copiarlo; vuelva a copiarlo desde el equipo "
        "original. El archivo no se modificó.",
    },
    "store.corrupt": {
        "en": "{path} is damaged and cannot be read ({reason}). Copy it again from the "
        "original device or restore a backup. The file was not changed.",
        "es": "{path} está dañado y no se puede leer ({reason}). Vuelva a copiarlo desde el "
        "equipo original o restaure una copia de seguridad. El archivo no se modificó.",
    },
    "store.newer_schema": {
        "en": "{path} was written by a newer fieldapp (database version {found}; this "
        "fieldapp reads up to {supported}). Update fieldapp to open it; the file was not "
        "changed.",
        "es": "{path} fue escrito por un fieldapp más reciente (versión de base de datos "
        "{found}; este fieldapp lee hasta la {supported}). Actualice fieldapp para abrirlo; "
        "el archivo no se modificó.",
    },
    "store.older_schema_readonly": {
        "en": "{path} was written by an older fieldapp (database version {found}) and cannot "
        "be upgraded while opened read-only. Open it once in fieldapp, then try again.",
        "es": "{path} fue escrito por un fieldapp anterior (versión de base de datos {found}) "
        "y no se puede actualizar abierto solo para lectura. Ábralo una vez en fieldapp y "
        "vuelva a intentarlo.",
    },
    "store.locked": {
        "en": "{path} is busy: another program is writing to it and did not finish within "
        "{seconds} seconds. Close the other fieldapp window or wait for the merge or export "
        "to end, then try again. Nothing was changed.",
        "es": "{path} está ocupado: otro programa está escribiendo en él y no terminó en "
        "{seconds} segundos. Cierre la otra ventana de fieldapp o espere a que termine la "
        "fusión o la exportación, y vuelva a intentarlo. No se cambió nada.",
    },
    "store.cannot_open": {
        "en": "fieldapp cannot open {path}: {reason}. Check that the folder exists and that "
        "you may write to it.",
        "es": "fieldapp no puede abrir {path}: {reason}. Compruebe que la carpeta existe y "
        "que tiene permiso para escribir en ella.",
    },
    "store.foreign_object": {
        "en": '{path} holds a {kind} "{name}" that fieldapp never makes. Such a file could '
        "make this command hang or show other data than the file holds, so it was not "
        "read. If it came from a laptop, tell the study coordinator.",
        "es": '{path} contiene {kind} "{name}" que fieldapp nunca crea. Un archivo así '
        "podría bloquear esta orden o mostrar otros datos que los que contiene, así que "
        "no se leyó. Si vino de una laptop, avise a la coordinación del estudio.",
    },
    # --- why the system refused a file (core/os_reasons.py), inside the messages above ---
    "store.os_no_permission": {"en": "permission denied", "es": "permiso denegado"},
    "store.os_disk_full": {"en": "the disk is full", "es": "el disco está lleno"},
    "store.os_read_only": {
        "en": "the drive is read-only",
        "es": "la unidad es de solo lectura",
    },
    "store.os_not_found": {
        "en": "no such file or folder",
        "es": "no existe ese archivo o carpeta",
    },
    "store.os_not_a_folder": {
        "en": "part of the path is a file, not a folder",
        "es": "parte de la ruta es un archivo, no una carpeta",
    },
    "store.os_exists": {
        "en": "a file of that name already exists",
        "es": "ya existe un archivo con ese nombre",
    },
    "store.os_is_a_folder": {
        "en": "that is a folder, not a file",
        "es": "eso es una carpeta, no un archivo",
    },
    "store.os_cannot_open": {
        "en": "the file could not be opened or created there",
        "es": "no se pudo abrir ni crear el archivo ahí",
    },
    "store.os_io": {
        "en": "the disk or USB stick could not be read or written (input/output error)",
        "es": "no se pudo leer o escribir el disco o la memoria USB (error de entrada/salida)",
    },
    "store.write_failed": {
        "en": "fieldapp could not write to {path}: {reason}. Free some disk space or check "
        "the drive, then try again; the last saved state is kept.",
        "es": "fieldapp no pudo escribir en {path}: {reason}. Libere espacio en el disco o "
        "revise la unidad, y vuelva a intentarlo; se conserva el último estado guardado.",
    },
    "store.unknown_form": {
        "en": "No form with id {sha256} is stored in this database. Add the form file first.",
        "es": "No hay ningún formulario con id {sha256} en esta base de datos. Agregue "
        "primero el archivo del formulario.",
    },
    "store.form_file_missing": {
        "en": "The form {form} needs the choice file {filename}, which is not next to it "
        "({folder}). Put the file beside the form and add it again.",
        "es": "El formulario {form} necesita el archivo de opciones {filename}, que no está "
        "junto a él ({folder}). Coloque el archivo junto al formulario y vuelva a "
        "agregarlo.",
    },
    "store.unknown_submission": {
        "en": "No interview with id {submission} is in this database. It may have been "
        "collected on another laptop that has not been merged yet.",
        "es": "No hay ninguna entrevista con id {submission} en esta base de datos. Puede "
        "haberse levantado en otra computadora que aún no se ha fusionado.",
    },
    "store.file_too_large": {
        "en": "{name} is {size}; an interview keeps files of up to {most}. Save the "
        "recording in a compressed format (M4A, MP3 or OGG: an hour of speech is 30 to 60 MB) "
        "or in shorter parts, and attach that. Nothing was attached.",
        "es": "{name} ocupa {size}; una entrevista guarda archivos de hasta {most}. "
        "Guarde la grabación en un formato comprimido (M4A, MP3 u OGG: una hora de voz ocupa "
        "de 30 a 60 MB) o en partes más cortas, y adjunte eso. No se adjuntó nada.",
    },
    "store.unknown_attachment": {
        "en": "The attached file {sha256} is not in this database. Merge the database of "
        "the laptop that recorded it.",
        "es": "El archivo adjunto {sha256} no está en esta base de datos. Fusione la base de "
        "datos de la computadora que lo registró.",
    },
    "store.finalize_problems": {
        "en": "The interview cannot be finalized yet: {count, plural, one {# answer needs "
        "attention} other {# answers need attention}}. Nothing was saved as final.\n{problems}",
        "es": "La entrevista aún no se puede finalizar: {count, plural, one {# respuesta "
        "requiere atención} other {# respuestas requieren atención}}. No se guardó como "
        "final.\n{problems}",
    },
    "store.conflict_unresolved": {
        "en": "Interview {submission} was edited on two laptops ({count} versions). Resolve "
        "the conflict first under View › Conflicts…, choosing the answers to keep.",
        "es": "La entrevista {submission} se editó en dos computadoras ({count} versiones). "
        "Resuelva primero el conflicto en Ver › Conflictos…, eligiendo las respuestas que se "
        "conservan.",
    },
    "store.sealed": {
        "en": "Interview {submission} is sealed for the study key: its answers can only be "
        "read with the supervisor's private key.",
        "es": "La entrevista {submission} está sellada con la clave del estudio: sus "
        "respuestas solo se pueden leer con la clave privada del supervisor.",
    },
    "store.drafts_locked": {
        "en": "Interview {submission} belongs to a sealed form, whose drafts are kept "
        "encrypted: enter your drafts passphrase first (in scripts, set "
        "FIELDAPP_DRAFT_PASSPHRASE). Nothing was changed.",
        "es": "La entrevista {submission} es de un formulario sellado, cuyos borradores se "
        "guardan cifrados: primero escriba su frase de contraseña de borradores (en scripts, "
        "defina FIELDAPP_DRAFT_PASSPHRASE). No se cambió nada.",
    },
    "store.draft_locked": {
        "en": "Interview {submission} is a locked draft of a sealed form: it was saved on "
        "another laptop, or finalized since, and cannot be read here.",
        "es": "La entrevista {submission} es un borrador bloqueado de un formulario sellado: "
        "se guardó en otra computadora, o ya se finalizó, y no se puede leer aquí.",
    },
    "store.retired_elsewhere": {
        "en": "Interview {submission} was started on another laptop on version {version} of "
        'the form "{form_id}", which keeps answers in clear, and this laptop seals that form '
        "since version {newest}: it can be read here, not edited. Nothing was changed; start "
        "a new interview for what you would add.",
        "es": "La entrevista {submission} se inició en otra computadora con la versión "
        '{version} del formulario "{form_id}", que guarda las respuestas en claro, y esta '
        "computadora sella ese formulario desde la versión {newest}: aquí puede leerse, no "
        "editarse. No se cambió nada; inicie una entrevista nueva para lo que quiera añadir.",
    },
    "store.sealed_attachment": {
        "en": "This attached file is sealed for the study key; unlock with the supervisor's "
        "private key to open it.",
        "es": "Este archivo adjunto está sellado con la clave del estudio; desbloquee con la "
        "clave privada del supervisor para abrirlo.",
    },
    "store.bad_sort": {
        "en": "Interviews cannot be sorted by {column}; choose one of: {choices}.",
        "es": "Las entrevistas no se pueden ordenar por {column}; elija una de: {choices}.",
    },
    "store.answers_bad_text": {
        "en": "The answers file {path} holds a text with a lone surrogate escape (such as "
        "\\ud800), which is not a character and cannot be stored. Fix the text and try again.",
        "es": "El archivo de respuestas {path} tiene un texto con un escape sustituto suelto "
        "(como \\ud800), que no es un carácter y no se puede guardar. Corrija el texto e "
        "inténtelo de nuevo.",
    },
    "store.answers_unreadable": {
        "en": "Cannot read the answers file {path}: {reason}. It must be a JSON object of "
        "question name -> answer.",
        "es": "No se puede leer el archivo de respuestas {path}: {reason}. Debe ser un objeto "
        "JSON de nombre de pregunta -> respuesta.",
    },
    "store.answers_not_object": {
        "en": "The answers file {path} must hold one JSON object (question name -> answer), "
        "not {found}.",
        "es": "El archivo de respuestas {path} debe contener un objeto JSON (nombre de "
        "pregunta -> respuesta), no {found}.",
    },
    "store.submitted": {
        "en": "Stored interview {submission} ({state}) in {path}.",
        "es": "Entrevista {submission} guardada ({state}) en {path}.",
    },
    "store.answers_problems": {
        "en": "{path}: {count, plural, one {# problem} other {# problems}} with the answers; "
        "nothing was stored.\n{problems}",
        "es": "{path}: {count, plural, one {# problema} other {# problemas}} con las "
        "respuestas; no se guardó nada.\n{problems}",
    },
    "store.form_unknown": {
        "en": "{name}: there is no such form file, nor a study form of that name. Name the "
        "form's .xlsx file, or one of the study's forms: {forms}.",
        "es": "{name}: no existe ese archivo de formulario, ni un formulario del estudio con "
        "ese nombre. Indique el archivo .xlsx del formulario, o uno de los formularios del "
        "estudio: {forms}.",
    },
    "store.sealed_hidden": {
        "en": "Interviews of sealed forms left out: {count}. Enter the drafts passphrase "
        "or unlock the study key (Review menu) to see them.",
        "es": "Entrevistas de formularios sellados dejadas fuera: {count}. Escriba la frase "
        "de contraseña de borradores o abra la clave del estudio (menú Revisión) para verlas.",
    },
}
