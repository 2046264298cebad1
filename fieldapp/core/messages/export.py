"""User-facing messages of the export area: code -> {"en": ..., "es": ...}."""

from fieldapp.core.messages.actors import MESSAGES as ACTORS

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors ------------------------------------------------------------------------
    "export.bad_extension": {
        "en": "Cannot export to {path}: the file name must end in .xlsx (an Excel workbook), "
        ".zip (CSV files), .dta (Stata) or .sav (SPSS). Choose a name with one of those "
        "endings.",
        "es": "No se puede exportar a {path}: el nombre del archivo debe terminar en .xlsx "
        "(libro de Excel), .zip (archivos CSV), .dta (Stata) o .sav (SPSS). Elija un nombre "
        "con una de esas terminaciones.",
    },
    "export.no_folder": {
        "en": "Cannot export to {path}: the folder {folder} does not exist. Create it or "
        "choose another folder.",
        "es": "No se puede exportar a {path}: la carpeta {folder} no existe. Créela o elija "
        "otra carpeta.",
    },
    "export.write_failed": {
        "en": "Could not write the export {path} ({error}). Check that the folder is "
        "writable, that the disk has space and that the file is not open in Excel, then "
        "try again. No file was written.",
        "es": "No se pudo escribir la exportación {path} ({error}). Compruebe que se puede "
        "escribir en la carpeta, que hay espacio en el disco y que el archivo no está "
        "abierto en Excel, y vuelva a intentarlo. No se escribió ningún archivo.",
    },
    "export.cancelled": {
        "en": "The export was cancelled; no file was written.",
        "es": "Se canceló la exportación; no se escribió ningún archivo.",
    },
    "export.unknown_language": {
        "en": "No exported form has the label language '{language}'. Languages of these "
        "forms: {available}. Choose one of them (for example --lang es).",
        "es": "Ningún formulario exportado tiene el idioma de etiquetas '{language}'. "
        "Idiomas de estos formularios: {available}. Elija uno de ellos (por ejemplo "
        "--lang es).",
    },
    "export.unknown_city": {
        "en": "No interview in the database is from the city '{city}', so the export would "
        "be empty. Cities in it: {available}. Use one of them (--city).",
        "es": "Ninguna entrevista de la base de datos es de la ciudad '{city}', así que la "
        "exportación quedaría vacía. Ciudades que tiene: {available}. Use una de ellas "
        "(--city).",
    },
    "export.unknown_form": {
        "en": "The database has no form '{form}'. Forms in it: {available}. Check the "
        "form id (--form).",
        "es": "La base de datos no tiene el formulario '{form}'. Formularios que tiene: "
        "{available}. Revise el identificador del formulario (--form).",
    },
    "export.bad_date": {
        "en": "'{value}' is not a date. Write it as YYYY-MM-DD, for example 2025-03-31.",
        "es": "'{value}' no es una fecha. Escríbala como AAAA-MM-DD, por ejemplo 2025-03-31.",
    },
    "export.bad_state": {
        "en": "'{value}' is not an interview state. Use one of: {choices}.",
        "es": "'{value}' no es un estado de entrevista. Use uno de: {choices}.",
    },
    "export.bad_range": {
        "en": "The date range is empty: 'from' ({start}) is after 'to' ({end}). Swap them.",
        "es": "El rango de fechas está vacío: 'desde' ({start}) es posterior a 'hasta' "
        "({end}). Inviértalas.",
    },
    # --- warnings, listed in the about sheet -----------------------------------------------
    "export.warning.truncated": {
        "en": "Sheet {sheet}, row {row}, column {column}: the text was longer than Excel's "
        "{limit} characters per cell and was cut; its end is marked […].",
        "es": "Hoja {sheet}, fila {row}, columna {column}: el texto superaba los {limit} "
        "caracteres por celda de Excel y se recortó; su final está marcado con […].",
    },
    "export.warning.continued": {
        "en": "Sheet {sheet} reached Excel's limit of {limit} rows; its rows continue on "
        "sheet {next}.",
        "es": "La hoja {sheet} alcanzó el límite de {limit} filas de Excel; sus filas "
        "continúan en la hoja {next}.",
    },
    "export.warning.sealed": {
        "en": "{count, plural, one {# interview is sealed for the study key and was exported "
        "without its answers. Export on the supervisor's computer with the private key to "
        "include it.} other {# interviews are sealed for the study key and were exported "
        "without their answers. Export on the supervisor's computer with the private key to "
        "include them.}}",
        "es": "{count, plural, one {# entrevista está sellada con la clave del estudio y se "
        "exportó sin sus respuestas. Exporte en el equipo del supervisor con la clave privada "
        "para incluirla.} other {# entrevistas están selladas con la clave del estudio y se "
        "exportaron sin sus respuestas. Exporte en el equipo del supervisor con la clave "
        "privada para incluirlas.}}",
    },
    "export.warning.unknown_version": {
        "en": "Interview {submission} was collected with a form version this database does "
        "not hold ({sha}); it was left out. Merge the database that has that form.",
        "es": "La entrevista {submission} se recogió con una versión del formulario que esta "
        "base de datos no tiene ({sha}); se omitió. Fusione la base de datos que tiene ese "
        "formulario.",
    },
    "export.warning.language": {
        "en": "Form {form} has no label language '{language}'; its labels are in {used}.",
        "es": "El formulario {form} no tiene el idioma de etiquetas '{language}'; sus "
        "etiquetas están en {used}.",
    },
    "export.warning.relabelled": {
        "en": "Sheet {sheet}, variable {variable}: form version {version} gave some codes "
        "other labels than the newest version does ({changes}). The value labels and R "
        "factors follow the newest version, so tell those rows apart by _form_version; the "
        "codebook lists both labels.",
        "es": "Hoja {sheet}, variable {variable}: la versión {version} del formulario daba a "
        "algunos códigos otras etiquetas que la versión más reciente ({changes}). Las "
        "etiquetas de valor y los factores de R siguen la versión más reciente, así que "
        "distinga esas filas por _form_version; el libro de códigos lista ambas etiquetas.",
    },
    # The same two where each sheet is a file: a zip's or a folder's CSV, Stata or SPSS.
    "export.warning.relabelled_file": {
        "en": "File {file}, variable {variable}: form version {version} gave some codes "
        "other labels than the newest version does ({changes}). The value labels and R "
        "factors follow the newest version, so tell those rows apart by _form_version; the "
        "codebook lists both labels.",
        "es": "Archivo {file}, variable {variable}: la versión {version} del formulario daba "
        "a algunos códigos otras etiquetas que la versión más reciente ({changes}). Las "
        "etiquetas de valor y los factores de R siguen la versión más reciente, así que "
        "distinga esas filas por _form_version; el libro de códigos lista ambas etiquetas.",
    },
    "export.warning.label_separator_file": {
        "en": "File {file}, variable {variable}: choice {choice} is labelled '{label}', "
        "which holds '{separator}', the separator of the several choices in this column, so "
        "its cells cannot be split back into choices. Read the 0/1 columns beside it "
        "({variable}/{choice}...), or export codes.",
        "es": "Archivo {file}, variable {variable}: la opción {choice} tiene la etiqueta "
        "'{label}', que contiene '{separator}', el separador de las varias opciones en esta "
        "columna, así que sus celdas no se pueden volver a separar en opciones. Lea las "
        "columnas 0/1 a su lado ({variable}/{choice}...), o exporte códigos.",
    },
    "export.warning.label_separator": {
        "en": "Sheet {sheet}, variable {variable}: choice {choice} is labelled '{label}', "
        "which holds '{separator}', the separator of the several choices in this column, so "
        "its cells cannot be split back into choices. Read the 0/1 columns beside it "
        "({variable}/{choice}...), or export codes.",
        "es": "Hoja {sheet}, variable {variable}: la opción {choice} tiene la etiqueta "
        "'{label}', que contiene '{separator}', el separador de las varias opciones en esta "
        "columna, así que sus celdas no se pueden volver a separar en opciones. Lea las "
        "columnas 0/1 a su lado ({variable}/{choice}...), o exporte códigos.",
    },
    # --- the codebook ----------------------------------------------------------------------
    "export.codebook.only_in": {
        "en": "(only in version {versions})",
        "es": "(solo en la versión {versions})",
    },
    "export.codebook.older_label": {
        "en": "(version {version}: {label})",
        "es": "(versión {version}: {label})",
    },
    "export.bad_min_group": {
        "en": "The smallest group must be a whole number of at least 2, not {value}: with "
        "fewer, one interview could be singled out. Use --min-group 5 (the default) or more.",
        "es": "El grupo mínimo debe ser un número entero de al menos 2, no {value}: con menos, "
        "una entrevista podría quedar identificada. Use --min-group 5 (el valor por defecto) "
        "o más.",
    },
    "export.times_needs_deidentify": {
        "en": "--times applies to de-identified exports only (others keep every moment to the "
        "second): add --deidentify, or leave --times out. Nothing was exported.",
        "es": "--times solo se aplica a exportaciones anonimizadas (las demás guardan cada "
        "momento al segundo): añada --deidentify o quite --times. No se exportó nada.",
    },
    "export.labels_not_for_stats": {
        "en": "{path}: Stata and SPSS files always hold the codes with their labels as value "
        "labels; --labels is for .xlsx and .zip. Leave --labels out. Nothing was exported.",
        "es": "{path}: los archivos de Stata y SPSS siempre llevan los códigos con sus "
        "etiquetas como etiquetas de valor; --labels es para .xlsx y .zip. Quite --labels. "
        "No se exportó nada.",
    },
    "export.min_group_needs_deidentify": {
        "en": "--min-group applies to de-identified exports only: add --deidentify, or leave "
        "--min-group out. Nothing was exported.",
        "es": "--min-group solo se aplica a exportaciones anonimizadas: añada --deidentify o "
        "quite --min-group. No se exportó nada.",
    },
    "export.codebook.date_week": {
        "en": "given as the Monday of its ISO week",
        "es": "se da como el lunes de su semana ISO",
    },
    "export.codebook.date_month": {
        "en": "given as the first day of its month",
        "es": "se da como el primer día de su mes",
    },
    "export.codebook.date_none": {
        "en": "left empty so that no group is too small",
        "es": "se deja vacía para que ningún grupo sea demasiado pequeño",
    },
    "export.codebook.time_hour": {
        "en": "cut to the hour: 08:00 is 08:00 to 08:59",
        "es": "solo la hora: 08:00 es de 08:00 a 08:59",
    },
    # Short: Stata's 80 bytes keep it whole beside the state's own label; the about sheet
    # says why (``export.about.groups_review_drafts``).
    "export.codebook.state_finished": {
        "en": "here: draft or finished only",
        "es": "aquí solo draft=borrador o finished=terminada",
    },
    # Short: Stata's 80 bytes keep it whole, the column's own label cut before it.
    "export.codebook.device_unsigned": {
        "en": "some ids are unverified: no signed record; see the devices list",
        "es": "hay identificadores sin verificar: sin registro firmado; vea los dispositivos",
    },
    "export.codebook.people_none": {
        "en": "left empty so that no group is too small",
        "es": "se deja vacío para que ningún grupo sea demasiado pequeño",
    },
    "export.codebook.flag": {
        "en": "1 = chosen, 0 = not chosen, empty = question not answered",
        "es": "1 = elegida, 0 = no elegida, vacío = pregunta sin responder",
    },
    "export.codebook.rank": {
        "en": "position in the ranking (1 = first), empty = not ranked",
        "es": "posición en la clasificación (1 = primera), vacío = sin clasificar",
    },
    "export.meta.submission_id": {
        "en": "Interview id (the same in every sheet and database)",
        "es": "Identificador de la entrevista (el mismo en todas las hojas y bases de datos)",
    },
    "export.meta.form_version": {
        "en": "Version of the form the interview was collected with",
        "es": "Versión del formulario con la que se recogió la entrevista",
    },
    "export.meta.interviewer": {"en": "Interviewer", "es": "Entrevistador(a)"},
    "export.meta.device": {
        "en": "Device (laptop) of the last saved version",
        "es": "Computadora de la última versión guardada",
    },
    "export.meta.city": {"en": "City", "es": "Ciudad"},
    "export.meta.actor_type": {"en": "Actor type", "es": "Tipo de actor"},
    "export.meta.started": {
        "en": "Interview started (device clock)",
        "es": "Inicio de la entrevista (reloj del equipo)",
    },
    "export.meta.ended": {
        "en": "Interview ended: when first finalized, else last saved (device clock)",
        "es": "Fin: al finalizarse por primera vez, si no, último guardado (reloj del equipo)",
    },
    "export.meta.duration_min": {
        "en": "Duration in minutes (ended − started)",
        "es": "Duración en minutos (fin − inicio)",
    },
    "export.meta.state": {
        "en": "State: draft, finalized, approved or returned",
        # code=word: a codes export's cells (and Stata's and SPSS's) hold the code, a labels
        # export's the word. No commas: with them it no longer fits Stata's 80 bytes whole.
        "es": "Estado: draft=borrador finalized=finalizada approved=aprobada returned=devuelta",
    },
    "export.meta.review_state": {
        "en": "Last review decision: approved or returned (empty: not reviewed)",
        "es": "Última revisión: approved=aprobada returned=devuelta (vacío: sin revisar)",
    },
    "export.meta.review_comment": {
        "en": "The reviewer's comment on that decision",
        "es": "Comentario del revisor sobre esa decisión",
    },
    "export.meta.conflict": {
        "en": "1 = edited on two devices, not yet resolved (the row shows the newest version)",
        "es": "1 = editada en dos equipos, sin resolver (la fila es la versión más reciente)",
    },
    "export.meta.key": {
        "en": "Id of this repeat entry: interview id / repeat[position]",
        "es": "Identificador de esta repetición: id de la entrevista / repetición[posición]",
    },
    "export.meta.parent_key": {
        "en": "Id of the row this entry belongs to (_submission_id or the outer _key)",
        "es": "Identificador de la fila a la que pertenece (_submission_id o el _key exterior)",
    },
    "export.meta.index": {
        "en": "Position of the entry in its repeat (1 = first)",
        "es": "Posición de la entrada en su repetición (1 = primera)",
    },
    # --- what ODK fills in itself, for the codebook of a metadata question without a label --
    "export.filled.start": {
        "en": "Filled in by the device: when the interview was opened (device clock)",
        "es": "Lo llena el equipo: cuándo se abrió la entrevista (reloj del equipo)",
    },
    "export.filled.end": {
        "en": "Filled in by the device: when the interview was last finalized (device clock)",
        "es": "Lo llena el equipo: cuándo se finalizó por última vez (reloj del equipo)",
    },
    "export.filled.today": {
        "en": "Filled in by the device: the day of the interview",
        "es": "Lo llena el equipo: el día de la entrevista",
    },
    "export.filled.deviceid": {
        "en": "Filled in by the device: the device's id",
        "es": "Lo llena el equipo: el identificador del equipo",
    },
    "export.filled.username": {
        "en": "Filled in by the device: the user name set on it",
        "es": "Lo llena el equipo: el nombre de usuario configurado",
    },
    "export.filled.other": {
        "en": "Filled in by the device ({type})",
        "es": "Lo llena el equipo ({type})",
    },
    # --- a calculation without a label, said in its variable label and codebook row --------
    "export.calculated": {"en": "Calculated: {formula}", "es": "Calculado: {formula}"},
    "export.calculated_from": {
        "en": "Calculated from {inputs}",
        "es": "Calculado a partir de {inputs}",
    },
    "export.instance_id": {
        "en": "The interview's ODK instance id (uuid:…)",
        "es": "Identificador de instancia ODK de la entrevista (uuid:…)",
    },
    "export.instance_name": {
        "en": "Interview name (the form's instance_name)",
        "es": "Nombre de la entrevista (instance_name del formulario)",
    },
    "export.instance_name_from": {
        "en": "Interview name: {inputs}",
        "es": "Nombre de la entrevista: {inputs}",
    },
    # --- the about sheet -------------------------------------------------------------------
    "export.about.item": {"en": "item", "es": "elemento"},
    "export.about.value": {"en": "value", "es": "valor"},
    "export.about.detail": {"en": "detail", "es": "detalle"},
    "export.about.exported_at": {"en": "Exported at", "es": "Exportado el"},
    "export.about.database": {"en": "Database", "es": "Base de datos"},
    "export.about.database_left_out": {
        "en": "left out: a file's name can name its researcher (a package is named after "
        "her code and the day)",
        "es": "se omite: el nombre de un archivo puede nombrar a su investigador(a) (un "
        "paquete lleva su código y el día)",
    },
    "export.about.version": {"en": "fieldapp version", "es": "Versión de fieldapp"},
    "export.about.values": {"en": "Answers shown as", "es": "Respuestas mostradas como"},
    "export.about.codes": {"en": "codes", "es": "códigos"},
    "export.about.labels": {
        "en": "labels (several choices separated by '; ')",
        "es": "etiquetas (varias opciones separadas por '; ')",
    },
    "export.about.language": {"en": "Label language", "es": "Idioma de las etiquetas"},
    "export.about.form_default": {
        "en": "each form's default",
        "es": "el predeterminado de cada formulario",
    },
    "export.about.forms": {"en": "Forms", "es": "Formularios"},
    "export.about.cities": {"en": "Cities", "es": "Ciudades"},
    "export.about.states": {"en": "States", "es": "Estados"},
    "export.about.all": {"en": "all", "es": "todos"},
    "export.about.all_cities": {"en": "all", "es": "todas"},
    # _state and _review_state of a labels export, in the export's language (one interview)
    "export.state.draft": {"en": "draft", "es": "borrador"},
    "export.state.finalized": {"en": "finalized", "es": "finalizada"},
    "export.state.approved": {"en": "approved", "es": "aprobada"},
    "export.state.returned": {"en": "returned", "es": "devuelta"},
    # A de-identified export with drafts whose state and review had to go: any state but draft.
    "export.state.finished": {"en": "finished", "es": "terminada"},
    "export.about.date_from": {"en": "Started on or after", "es": "Iniciadas desde"},
    "export.about.date_to": {"en": "Started on or before", "es": "Iniciadas hasta"},
    "export.about.deidentified": {"en": "De-identified", "es": "Anonimizada"},
    "export.about.deidentified_yes": {
        "en": "yes, by this policy: left out are questions marked sensitive (and the groups and "
        "repeats so marked), every question derived from them or specifying them (their "
        "*_other text, free text shown only for some of their answers, calculations reading"
        " them), calculations reading the clock or a moment or making an id, attachments, "
        "all free text, barcodes, places (geopoint, geotrace, geoshape) and or_other "
        "answers unless the form marks the question sensitive = no, interviewer/device "
        "metadata, meta/instanceID and the interview's name; interview ids are random for "
        "this export only (repeat rows keep their link) and rows come in random order; "
        "interviewers and devices are pseudonyms made with a secret that never leaves the "
        "database that exported; review comments and the conflict flag are left out",
        "es": "sí, con esta política: se omiten las preguntas marcadas como sensibles (y los "
        "grupos y repeticiones así marcados), toda pregunta derivada de ellas o que las "
        "especifica (su texto *_other, texto libre que solo aparece con algunas de sus "
        "respuestas, cálculos que las leen), cálculos que leen el reloj o un momento o "
        "crean un identificador, adjuntos, todo texto libre, códigos de barras, lugares "
        "(geopoint, geotrace, geoshape) y respuestas or_other salvo que el formulario "
        "marque la pregunta sensitive = no, los metadatos de entrevistador/equipo, "
        "meta/instanceID y el nombre de la entrevista; los identificadores de entrevista "
        "son aleatorios solo para esta exportación (las filas de repeticiones conservan su "
        "vínculo) y las filas van en orden aleatorio; entrevistadores y equipos son "
        "seudónimos hechos con un secreto que nunca sale de la base de datos que exporta; "
        "se omiten los comentarios de revisión y la marca de conflicto",
    },
    "export.about.deidentified_times_date": {
        "en": "moments kept to the day (times of day and durations left out)",
        "es": "momentos reducidos al día (se omiten las horas y las duraciones)",
    },
    "export.about.deidentified_times_hour": {
        "en": "moments kept to the hour, durations in whole minutes",
        "es": "momentos reducidos a la hora, duraciones en minutos enteros",
    },
    "export.about.deidentified_times_coarsened": {
        "en": "asked: {asked}; then coarsened for the smallest group (below)",
        "es": "se pidió: {asked}; luego generalizado para el grupo mínimo (abajo)",
    },
    "export.about.min_group": {"en": "Smallest group", "es": "Grupo mínimo"},
    "export.about.min_group_note": {
        "en": "every combination of form, version, city, actor type, interviewer, device, "
        "dates (and duration), state and review decision written here holds at least {k} "
        "interviews, so none pairs with fewer than {k} interviews of a device package",
        "es": "cada combinación de formulario, versión, ciudad, tipo de actor, entrevistador(a), "
        "equipo, fechas (y duración), estado y decisión de revisión escrita aquí reúne al "
        "menos {k} entrevistas, así que ninguna se empareja con menos de {k} entrevistas de "
        "un paquete de un equipo",
    },
    "export.about.recoded": {
        "en": "Coarsened for the smallest group",
        "es": "Generalizado para el grupo mínimo",
    },
    "export.about.groups_kept": {
        # a sentence, as the other coarsenings: the dialog and the terminal say it after
        # "N interviews exported to …." (it read "… .xlsx. nothing: … 5 interviews 1 warning")
        "en": "Nothing coarsened: dates, interviewers and states as asked, every group "
        "already held at least {k} interviews.",
        "es": "Nada generalizado: fechas, entrevistadores y estados como se pidieron, cada "
        "grupo ya reunía al menos {k} entrevistas.",
    },
    "export.about.groups_review": {
        "en": "The interview's state and last review decision, and when it was last "
        "finalized (the form's end question), are left out: with them some groups held "
        "fewer than {k} interviews of one form, city, interviewer and dates.",
        "es": "Se omiten el estado de la entrevista y la última decisión de revisión, y "
        "cuándo se finalizó por última vez (la pregunta end del formulario): con ellos "
        "algunos grupos reunían menos de {k} entrevistas de un mismo formulario, ciudad, "
        "entrevistador(a) y fechas.",
    },
    "export.about.groups_review_drafts": {
        "en": "_state still says which interviews are drafts (draft) and which are "
        "finished (finished): a draft is half answered.",
        "es": "_state sigue diciendo qué entrevistas son borradores (draft: borrador) y "
        "cuáles están terminadas (finished: terminada): un borrador está a medio responder.",
    },
    "export.about.groups_hour": {
        "en": "Durations are left out: some hours held fewer than {k} interviews of one "
        "form, city and interviewer with the same duration.",
        "es": "Se omiten las duraciones: algunas horas reunían menos de {k} entrevistas de "
        "un mismo formulario, ciudad y entrevistador(a) con la misma duración.",
    },
    "export.about.groups_date_after_hour": {
        "en": "Dates are given as the day (hours and durations left out): some hours held "
        "fewer than {k} interviews of one form, city and interviewer.",
        "es": "Las fechas se dan como el día (se omiten horas y duraciones): algunas horas "
        "reunían menos de {k} entrevistas de un mismo formulario, ciudad y entrevistador(a).",
    },
    "export.about.groups_week_after_date": {
        "en": "Dates are given as the week's Monday: some days held fewer than {k} "
        "interviews of one form, city and interviewer.",
        "es": "Las fechas se dan como el lunes de su semana: algunos días reunían menos de "
        "{k} entrevistas de un mismo formulario, ciudad y entrevistador(a).",
    },
    "export.about.groups_month_after_week": {
        "en": "Dates are given as the month's first day: some weeks held fewer than {k} "
        "interviews of one form, city and interviewer.",
        "es": "Las fechas se dan como el primer día del mes: algunas semanas reunían menos de "
        "{k} entrevistas de un mismo formulario, ciudad y entrevistador(a).",
    },
    "export.about.groups_none_after_month": {
        "en": "Dates are left out (empty cells): some months held fewer than {k} "
        "interviews of one form, city and interviewer.",
        "es": "Se omiten las fechas (celdas vacías): algunos meses reunían menos de {k} "
        "entrevistas de un mismo formulario, ciudad y entrevistador(a).",
    },
    "export.about.groups_people": {
        "en": "Dates and the interviewer and device pseudonyms are left out (empty cells): "
        "even without dates, some interviewers held fewer than {k} interviews of one form "
        "and city.",
        "es": "Se omiten las fechas y los seudónimos de entrevistador(a) y equipo (celdas "
        "vacías): aun sin fechas, algunos entrevistadores reunían menos de {k} entrevistas "
        "de un mismo formulario y ciudad.",
    },
    "export.about.deidentified_no": {
        "en": "no: every answer is included",
        "es": "no: se incluyen todas las respuestas",
    },
    "export.about.interviews": {"en": "Interviews exported", "es": "Entrevistas exportadas"},
    "export.about.quarantined": {
        "en": "Quarantined rows left out",
        "es": "Filas en cuarentena dejadas fuera",
    },
    "export.about.quarantined_note": {
        "en": "rows the supervisor set aside (fieldapp check --db lists them); never exported",
        "es": "filas que la supervisora apartó (fieldapp check --db las enumera); nunca se "
        "exportan",
    },
    "export.about.times": {"en": "Times", "es": "Horas"},
    "export.about.times_note": {
        "en": "answers' dates and times are the device's clock as the interviewer saw it; "
        "_started/_ended come from the form's start/end questions, else from the "
        "database's UTC timestamps",
        "es": "las fechas y horas de las respuestas son las del reloj del equipo, como las "
        "vio el entrevistador; _started/_ended vienen de las preguntas start/end del "
        "formulario o, si faltan, de las marcas de tiempo UTC de la base de datos",
    },
    "export.about.csv_text": {"en": "Text in CSV", "es": "Texto en CSV"},
    "export.about.csv_text_note": {
        "en": "text starting with = + - @ tab or carriage return begins with an added ' so "
        "spreadsheet programs show it instead of running it",
        "es": "al texto que empieza por = + - @ tabulador o retorno de carro se le antepone "
        "' para que las hojas de cálculo lo muestren en lugar de ejecutarlo",
    },
    "export.about.csv_empty": {"en": "Missing in CSV", "es": "Faltantes en CSV"},
    "export.about.csv_empty_note": {
        "en": "only an empty cell is a missing answer: None, NA or N/A in a cell is an answer "
        "or a choice's label as written (pandas reads them as missing unless told: "
        "read_csv(file, keep_default_na=False, na_values=['']); load.R reads them as written)",
        "es": "solo una celda vacía es una respuesta faltante: None, NA o N/A en una celda es "
        "una respuesta o la etiqueta de una opción tal como se escribió (pandas los lee como "
        "faltantes si no se le indica: read_csv(archivo, keep_default_na=False, "
        "na_values=['']); load.R los lee tal como están)",
    },
    "export.about.replaced_characters": {
        "en": "Characters replaced",
        "es": "Caracteres sustituidos",
    },
    "export.about.replaced_note": {
        "en": "characters no spreadsheet file can hold (NUL and other control characters, "
        "U+FFFE, U+FFFF, lone surrogates) were replaced by \ufffd",
        "es": "los caracteres que ningún archivo de hoja de cálculo admite (NUL y otros "
        "caracteres de control, U+FFFE, U+FFFF, sustitutos sueltos) se cambiaron por \ufffd",
    },
    "export.about.sheet_rows": {"en": "Rows in sheet {sheet}", "es": "Filas en la hoja {sheet}"},
    "export.about.file_rows": {"en": "Rows in file {file}", "es": "Filas en el archivo {file}"},
    "export.about.warning": {"en": "Warning", "es": "Aviso"},
    "export.about.more_warnings": {
        "en": "{count, plural, one {# more warning not listed} other {# more warnings not listed}}",
        "es": "{count, plural, one {# aviso más sin listar} other {# avisos más sin listar}}",
    },
    # --- progress and the File › Export… dialog ------------------------------------------
    "export.done": {
        "en": "Exported {interviews, plural, one {# interview} other {# interviews}} to {path}.",
        "es": "{interviews, plural, one {Se exportó # entrevista} other {Se exportaron # "
        "entrevistas}} a {path}.",
    },
    "export.progress": {
        "en": "Exporting interview {done} of {total}…",
        "es": "Exportando la entrevista {done} de {total}…",
    },
    "export.dialog.title": {"en": "Export for analysis", "es": "Exportar para análisis"},
    "export.dialog.file": {"en": "File:", "es": "Archivo:"},
    "export.dialog.browse": {"en": "Choose…", "es": "Elegir…"},
    "export.dialog.file_filter": {
        "en": "Excel workbook (*.xlsx);;CSV files and load.R in a zip (*.zip);;"
        "Stata files in a zip (*.dta);;SPSS files in a zip (*.sav)",
        "es": "Libro de Excel (*.xlsx);;Archivos CSV y load.R en un zip (*.zip);;"
        "Archivos de Stata en un zip (*.dta);;Archivos de SPSS en un zip (*.sav)",
    },
    "export.dialog.format": {"en": "Format:", "es": "Formato:"},
    "export.dialog.format.xlsx": {
        "en": "Excel workbook (.xlsx)",
        "es": "Libro de Excel (.xlsx)",
    },
    "export.dialog.format.zip": {
        "en": "CSV files and load.R for R, in a zip (.zip)",
        "es": "Archivos CSV y load.R para R, en un zip (.zip)",
    },
    "export.dialog.format.dta": {
        "en": "Stata files with labels, in a zip (.dta)",
        "es": "Archivos de Stata con etiquetas, en un zip (.dta)",
    },
    "export.dialog.format.sav": {
        "en": "SPSS files with labels, in a zip (.sav)",
        "es": "Archivos de SPSS con etiquetas, en un zip (.sav)",
    },
    "export.dialog.values": {"en": "Answers as:", "es": "Respuestas como:"},
    "export.dialog.codes": {"en": "Codes", "es": "Códigos"},
    "export.dialog.labels": {"en": "Labels", "es": "Etiquetas"},
    "export.dialog.language": {"en": "Label language:", "es": "Idioma de etiquetas:"},
    "export.dialog.form_default": {
        "en": "Each form's default",
        "es": "El predeterminado de cada formulario",
    },
    "export.dialog.forms": {"en": "Forms:", "es": "Formularios:"},
    "export.dialog.cities": {"en": "Cities:", "es": "Ciudades:"},
    "export.dialog.states": {"en": "States:", "es": "Estados:"},
    "export.dialog.all": {"en": "All", "es": "Todos"},
    "export.dialog.dates": {"en": "Started between:", "es": "Iniciadas entre:"},
    "export.dialog.use_dates": {"en": "Only these dates", "es": "Solo estas fechas"},
    "export.dialog.deidentify": {
        "en": "De-identify (leave out sensitive questions and free text, new ids, dates "
        "without times, pseudonymise interviewers)",
        "es": "Anonimizar (omitir preguntas sensibles y texto libre, identificadores nuevos, "
        "fechas sin hora, seudónimos para entrevistadores)",
    },
    "export.dialog.deidentify_hours": {
        "en": "Keep the hour of each moment and the interview's length",
        "es": "Conservar la hora de cada momento y la duración de la entrevista",
    },
    "export.dialog.min_group": {"en": "Smallest group:", "es": "Grupo mínimo:"},
    "export.dialog.min_group_unit": {
        "en": "interviews alike in form, city, interviewer, dates, state and review "
        "(de-identified)",
        "es": "entrevistas iguales en formulario, ciudad, entrevistador(a), fechas, estado y "
        "revisión (anonimizada)",
    },
    "export.dialog.min_group_tip": {
        "en": "Every combination of form, city, interviewer, dates, state and review decision "
        "in the export holds at least this many interviews: interviews no coarsening could "
        "hide are left out first, then the state and review decision, then dates go to the "
        "week, the month or none (keeping the state where it holds), then pseudonyms; the "
        "about sheet (about.csv in a zip or a folder) says what was done.",
        "es": "Cada combinación de formulario, ciudad, entrevistador(a), fechas, estado y "
        "decisión de revisión de la exportación reúne al menos estas entrevistas: primero se "
        "dejan fuera las que ninguna generalización ocultaría, luego el estado y la decisión "
        "de revisión, luego las fechas pasan a la semana, al mes o a ninguna (conservando el "
        "estado donde se puede), y luego se omiten los seudónimos; la hoja about (about.csv "
        "en un zip o una carpeta) dice qué se hizo.",
    },
    "export.dialog.export": {"en": "Export", "es": "Exportar"},
    "export.dialog.cancel": {"en": "Cancel", "es": "Cancelar"},
    "export.dialog.close": {"en": "Close", "es": "Cerrar"},
    "export.dialog.open_folder": {"en": "Open folder", "es": "Abrir carpeta"},
    "export.dialog.failed": {"en": "Export failed", "es": "La exportación falló"},
    "export.dialog.nothing_chosen": {
        "en": "Nothing to export: tick at least one form, one city and one state.",
        "es": "No hay nada que exportar: marque al menos un formulario, una ciudad y un estado.",
    },
    # After an export: where its warnings are, as the export holds its about (walksup).
    "export.warnings.sheet": {
        "en": "{count, plural, one {# warning: see the about sheet.} other {# warnings: see "
        "the about sheet.}}",
        "es": "{count, plural, one {# aviso: vea la hoja about.} other {# avisos: vea la hoja "
        "about.}}",
    },
    "export.warnings.zip": {
        "en": "{count, plural, one {# warning: see the file about.csv in the zip.} other "
        "{# warnings: see the file about.csv in the zip.}}",
        "es": "{count, plural, one {# aviso: vea el archivo about.csv del zip.} other "
        "{# avisos: vea el archivo about.csv del zip.}}",
    },
    "export.warnings.folder": {
        "en": "{count, plural, one {# warning: see the file about.csv in the folder.} other "
        "{# warnings: see the file about.csv in the folder.}}",
        "es": "{count, plural, one {# aviso: vea el archivo about.csv de la carpeta.} other "
        "{# avisos: vea el archivo about.csv de la carpeta.}}",
    },
    "export.dialog.reading": {
        "en": "Reading the forms, languages and cities in the database…",
        "es": "Leyendo los formularios, idiomas y ciudades de la base de datos…",
    },
    "export.instances_unwritable": {
        "en": "Could not write the instance files in {folder} ({error}). Check that the folder "
        "can be created there, that it is writable and that the disk has space, then try "
        "again. {count, plural, =0 {No file was written before.} one {# file was written "
        "before, complete; none is half-written.} other {# files were written before, each "
        "complete; none is half-written.}}",
        "es": "No se pudieron escribir los archivos de instancia en {folder} ({error}). "
        "Compruebe que la carpeta se puede crear ahí, que se puede escribir en ella y que el "
        "disco tiene espacio, y vuelva a intentarlo. {count, plural, =0 {Antes no se escribió "
        "ningún archivo.} one {Antes se escribió # archivo, completo; ninguno quedó a medias.} "
        "other {Antes se escribieron # archivos, cada uno completo; ninguno quedó a medias.}}",
    },
    "export.warning.groups_left_out": {
        "en": "{count, plural, one {# interview was left out: even without dates or "
        "interviewer, its form and city held fewer than {k} interviews, and one row alone "
        "could be singled out.} other {# interviews were left out: even without dates or "
        "interviewer, their form and city held fewer than {k} interviews each, and so few "
        "rows could be singled out.}}",
        "es": "{count, plural, one {Se dejó fuera # entrevista: aun sin fechas ni "
        "entrevistador(a), su formulario y ciudad reunían menos de {k} entrevistas, y una fila "
        "sola podría quedar identificada.} other {Se dejaron fuera # entrevistas: aun sin "
        "fechas ni entrevistador(a), sus formularios y ciudades reunían menos de {k} "
        "entrevistas cada uno, y tan pocas filas podrían quedar identificadas.}}",
    },
    "export.warning.sealed_hidden": {
        "en": "{count, plural, one {# interview of a sealed form was left out, as the list "
        "leaves it out before the drafts passphrase. Enter the passphrase (or unlock the study "
        "key) and export again to include it.} other {# interviews of sealed forms were left "
        "out, as the list leaves them out before the drafts passphrase. Enter the passphrase "
        "(or unlock the study key) and export again to include them.}}",
        "es": "{count, plural, one {Se dejó fuera # entrevista de un formulario sellado, como "
        "la lista la deja fuera antes de la frase de contraseña de borradores. Escriba la "
        "frase (o abra la clave del estudio) y vuelva a exportar para incluirla.} other {Se "
        "dejaron fuera # entrevistas de formularios sellados, como la lista las deja fuera "
        "antes de la frase de contraseña de borradores. Escriba la frase (o abra la clave del "
        "estudio) y vuelva a exportar para incluirlas.}}",
    },
    "export.about.sealed_hidden": {
        "en": "Interviews of sealed forms left out",
        "es": "Entrevistas de formularios sellados dejadas fuera",
    },
    "export.about.sealed_hidden_note": {
        "en": "left out before the drafts passphrase or the study key, as the list hides them",
        "es": "dejadas fuera antes de la frase de contraseña de borradores o de la clave del "
        "estudio, como las oculta la lista",
    },
    # ODK Central's copy of a sealed interview that the study key shows to say what that
    # interview says: left out of an export with the key, as the app sets it aside (claims5)
    "export.copies_same": {
        "en": "{count, plural, one {# copy of ODK Central's was left out: the study key shows "
        "it is the same interview as one in the database (fieldapp check --key names it), "
        "so it is not exported twice.} other {# copies of ODK Central's were left out: the "
        "study key shows each is the same interview as one in the database (fieldapp check "
        "--key names them), so none is exported twice.}}",
        "es": "{count, plural, one {Se dejó fuera # copia de ODK Central: la clave del estudio "
        "muestra que es la misma entrevista que una de la base de datos (fieldapp check --key "
        "la nombra), así que no se exporta dos veces.} other {Se dejaron fuera # copias de "
        "ODK Central: la clave del estudio muestra que cada una es la misma entrevista que "
        "una de la base de datos (fieldapp check --key las nombra), así que ninguna se "
        "exporta dos veces.}}",
    },
    "export.about.copies_same": {
        "en": "ODK Central's copies left out as the same interview",
        "es": "Copias de ODK Central dejadas fuera por ser la misma entrevista",
    },
    "export.about.copies_same_note": {
        "en": "the study key shows each says what an interview in the database says (fieldapp "
        "check --key names them); the app sets such a copy aside when the study key is "
        "opened in it",
        "es": "la clave del estudio muestra que cada una dice lo mismo que una entrevista de la "
        "base de datos (fieldapp check --key las nombra); la aplicación aparta esa copia "
        "cuando se abre en ella la clave del estudio",
    },
}
# _actor_type of a labels export: the actor types' one name each (``messages/actors.py``),
# under the codes the export asks for
MESSAGES.update({f"export.{code}": texts for code, texts in ACTORS.items()})
