"""The words of `fieldapp --help` and of each command's `--help`: code -> {"en": ..., "es": ...}.

``clihelp.COMMAND`` (the words of the command joined by ``_``; ``clihelp.fieldapp`` for
``fieldapp`` itself) says a command as a handler's docstring did: its one-line summary, a
blank line, its description, a blank line and ``Examples:`` (``Ejemplos:``) over the
examples, one a line (``cli._described`` splits it). ``clihelp.COMMAND.DEST`` is the help
of one of its options; an option many commands share says it once, as
``clihelp.GROUP.DEST`` (every action of a group) or ``clihelp.DEST`` (every command).
The rest are the words argparse says itself (``cli._HelpWords``).
"""

MESSAGES: dict[str, dict[str, str]] = {
    "clihelp.db": {
        "en": "database file (default: FIELDAPP_DB, else fieldapp.db in the user data folder)",
        "es": "archivo de la base de datos (predeterminado: FIELDAPP_DB, si no, fieldapp.db en "
        "la carpeta de datos del usuario)",
    },
    "clihelp.json": {
        "en": "print the result as JSON instead of lines of text",
        "es": "imprimir el resultado como JSON en lugar de líneas de texto",
    },
    "clihelp.profile": {
        "en": "the server profile to use (default: the only one, else 'default')",
        "es": "el perfil de servidor que se usa (predeterminado: el único, si no, 'default')",
    },
    "clihelp.files": {
        "en": "XLSForm (.xlsx, .xls) or XForm (.xml) files",
        "es": "archivos XLSForm (.xlsx, .xls) o XForm (.xml)",
    },
    "clihelp.review.key": {
        "en": "the study's private key: lists and decides sealed interviews (passphrase asked, "
        "or FIELDAPP_PASSPHRASE for scripts)",
        "es": "la clave privada del estudio: lista y decide las entrevistas selladas (se pide la "
        "frase de contraseña, o FIELDAPP_PASSPHRASE para scripts)",
    },
    "clihelp.gui": {
        "en": "open the desktop app (the default command)\n"
        "\n"
        "Open the desktop app on a database: the interviews list, new interviews, review, "
        "merge and\n"
        "export.\n"
        "\n"
        "Examples:\n"
        "  fieldapp\n"
        "  fieldapp gui --db ~/field/supervisor.db",
        "es": "abrir la aplicación de escritorio (el comando predeterminado)\n"
        "\n"
        "Abre la aplicación de escritorio sobre una base de datos: la lista de "
        "entrevistas, entrevistas nuevas, revisión, fusión y\n"
        "exportación.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp\n"
        "  fieldapp gui --db ~/campo/supervisor.db",
    },
    "clihelp.gui.check_start": {
        "en": "open the window, wait until its list and menus are ready, print how many "
        "interviews it lists and quit (checks an installation or a bundle)",
        "es": "abrir la ventana, esperar a que su lista y sus menús estén listos, imprimir "
        "cuántas entrevistas lista y salir (comprueba una instalación o un paquete "
        "ejecutable)",
    },
    "clihelp.forms": {
        "en": "check XLSForm files; add, list and seal the forms a database holds\n"
        "\n"
        "Work with XLSForm files: `check` validates them, `add` adds them to a database (a "
        "revised study\n"
        "form, a form from Kobo or ODK), `list` shows the form versions a database holds, "
        "`seal` adds a\n"
        "version of each form in clear sealed for the study's public key.\n"
        "\n"
        "Examples:\n"
        "  fieldapp forms check forms/cso.xlsx\n"
        "  fieldapp forms add --db supervisor.db cso_v2.xlsx\n"
        "  fieldapp forms list\n"
        "  fieldapp forms seal --public-key ~/study-keys/fieldapp-study-public-key.txt",
        "es": "revisar archivos XLSForm; agregar, listar y sellar los formularios de una base de "
        "datos\n"
        "\n"
        "Trabaja con archivos XLSForm: `check` los valida, `add` los agrega a una base de "
        "datos (un formulario\n"
        "del estudio revisado, un formulario de Kobo u ODK), `list` muestra las versiones "
        "de formularios de una base de datos, `seal` agrega una\n"
        "versión sellada para la clave pública del estudio de cada formulario en claro.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp forms check forms/cso.xlsx\n"
        "  fieldapp forms add --db supervisor.db cso_v2.xlsx\n"
        "  fieldapp forms list\n"
        "  fieldapp forms seal --public-key ~/study-keys/fieldapp-study-public-key.txt",
    },
    "clihelp.forms_check": {
        "en": "validate XLSForms and XForms (.xml); exit 1 listing every problem\n"
        "\n"
        "Load each XLSForm or ODK XForm (.xml) as the app would and check it: one line per "
        "form that\n"
        "loads (form id, version, questions, languages), warnings and missing translations "
        "on stderr; for\n"
        "a form that does not load, one line per problem as file:sheet:row: message, and "
        "exit 1.\n"
        "\n"
        "Examples:\n"
        "  fieldapp forms check forms/cso.xlsx\n"
        "  fieldapp forms check --json my_form.xlsx central_form.xml",
        "es": "validar XLSForms y XForms (.xml); sale con 1 y lista cada problema\n"
        "\n"
        "Carga cada XLSForm o XForm de ODK (.xml) como lo haría la aplicación y lo revisa: "
        "una línea por formulario que\n"
        "carga (id del formulario, versión, preguntas, idiomas), advertencias y "
        "traducciones faltantes en stderr; para\n"
        "un formulario que no carga, una línea por problema como archivo:hoja:fila: "
        "mensaje, y sale con 1.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp forms check forms/cso.xlsx\n"
        "  fieldapp forms check --json mi_formulario.xlsx formulario_central.xml",
    },
    "clihelp.forms_add": {
        "en": "add XLSForms (a revised study form, a form from Kobo or ODK) to a database; exit "
        "1 if any\n"
        "is refused\n"
        "\n"
        "Check each XLSForm or XForm as `fieldapp forms check` does and add it to the "
        "database. A new\n"
        "version of a form already here must keep its study key (only the certified "
        "supervisor may seal\n"
        "a form or change its key, and no one may remove it) and needs a new `version` in "
        "its settings\n"
        "sheet. Each file gets one line; a refused one is named with the reason on stderr "
        "while the\n"
        "others are added. New interviews start on the newest version of each form.\n"
        "\n"
        "Examples:\n"
        "  fieldapp forms add --db supervisor.db cso_v2.xlsx\n"
        "  fieldapp forms add --json kobo_export.xlsx central_form.xml",
        "es": "agregar XLSForms (un formulario del estudio revisado, un formulario de Kobo u "
        "ODK) a una base de datos; sale con 1 si\n"
        "se rechaza alguno\n"
        "\n"
        "Revisa cada XLSForm o XForm como lo hace `fieldapp forms check` y lo agrega a la "
        "base de datos. Una nueva\n"
        "versión de un formulario que ya está aquí debe conservar su clave del estudio "
        "(solo el supervisor certificado puede sellar\n"
        "un formulario o cambiar su clave, y nadie puede quitarla) y necesita un nuevo "
        "`version` en su hoja\n"
        "settings. Cada archivo tiene una línea; uno rechazado se nombra con el motivo en "
        "stderr mientras los\n"
        "demás se agregan. Las entrevistas nuevas empiezan en la versión más reciente de "
        "cada formulario.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp forms add --db supervisor.db cso_v2.xlsx\n"
        "  fieldapp forms add --json exportacion_kobo.xlsx formulario_central.xml",
    },
    "clihelp.forms_list": {
        "en": "list the form versions a database holds, and which one new interviews start on\n"
        "\n"
        "List every form version the database holds (set-aside ones left out): form id, "
        "version,\n"
        "title, the study key its finalized interviews are sealed for, and which version "
        "of each form\n"
        "new interviews start on (the newest `version`).\n"
        "\n"
        "Examples:\n"
        "  fieldapp forms list\n"
        "  fieldapp forms list --db supervisor.db --json",
        "es": "listar las versiones de formularios de una base de datos, y en cuál empiezan las "
        "entrevistas nuevas\n"
        "\n"
        "Lista cada versión de formulario de la base de datos (sin las apartadas): id del "
        "formulario, versión,\n"
        "título, la clave del estudio para la que se sellan sus entrevistas finalizadas, y "
        "en qué versión de cada formulario\n"
        "empiezan las entrevistas nuevas (el `version` más reciente).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp forms list\n"
        "  fieldapp forms list --db supervisor.db --json",
    },
    "clihelp.forms_seal": {
        "en": "seal every form of a database that is in clear for the study's public key (a new "
        "version\n"
        "each)\n"
        "\n"
        "For each form whose newest version is in clear, add a version sealed for the "
        "study's public key\n"
        "(the file `fieldapp keys new` wrote beside the private key): the same workbook "
        "with public_key\n"
        "in its settings sheet and a new version. From then on its finalized interviews "
        "are sealed;\n"
        "those finalized before stay as they were. Forms already sealed are left as they "
        "are. Then\n"
        "certify this database's device (`fieldapp devices certify`) so its packages carry "
        "the sealed\n"
        "versions to the laptops.\n"
        "\n"
        "Examples:\n"
        "  fieldapp forms seal --db supervisor.db --public-key "
        "~/study-keys/fieldapp-study-public-key.txt",
        "es": "sellar para la clave pública del estudio cada formulario en claro de una base de "
        "datos (una versión nueva\n"
        "de cada uno)\n"
        "\n"
        "Para cada formulario cuya versión más reciente está en claro, agrega una versión "
        "sellada para la clave pública del estudio\n"
        "(el archivo que `fieldapp keys new` escribió junto a la clave privada): el mismo "
        "libro con public_key\n"
        "en su hoja settings y una versión nueva. Desde entonces sus entrevistas "
        "finalizadas se sellan;\n"
        "las finalizadas antes se quedan como estaban. Los formularios ya sellados se "
        "dejan como están. Después\n"
        "certifique el dispositivo de esta base de datos (`fieldapp devices certify`) para "
        "que sus paquetes lleven las versiones\n"
        "selladas a las computadoras.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp forms seal --db supervisor.db --public-key "
        "~/study-keys/fieldapp-study-public-key.txt",
    },
    "clihelp.forms_seal.public_key": {
        "en": "the study's public key file (fieldapp-study-public-key.txt from `keys new`)",
        "es": "el archivo de la clave pública del estudio (fieldapp-study-public-key.txt de "
        "`keys new`)",
    },
    "clihelp.keys": {
        "en": "the study key pair that seals finalized interviews (see: fieldapp keys new --help)"
        "\n"
        "\n"
        "Manage the study key pair. The one action is `new`.\n"
        "\n"
        "Examples:\n"
        "  fieldapp keys new --out ~/study-keys",
        "es": "el par de claves del estudio que sella las entrevistas finalizadas (vea: fieldapp "
        "keys new --help)\n"
        "\n"
        "Administra el par de claves del estudio. La única acción es `new`.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp keys new --out ~/study-keys",
    },
    "clihelp.keys_new": {
        "en": "make a key pair; the private key is encrypted under a passphrase you are asked "
        "twice\n"
        "(FIELDAPP_PASSPHRASE for scripts)\n"
        "\n"
        "Make the study key pair: fieldapp-study-private-key.pem (encrypted under a "
        "passphrase you are\n"
        "asked twice, or FIELDAPP_PASSPHRASE) and fieldapp-study-public-key.txt, whose "
        "line goes in a\n"
        "form's public_key setting so that finalized interviews are sealed. Existing key "
        "files are never\n"
        "overwritten.\n"
        "\n"
        "Examples:\n"
        "  fieldapp keys new --out ~/study-keys",
        "es": "crear un par de claves; la clave privada se cifra con una frase de contraseña que "
        "se le pide dos veces\n"
        "(FIELDAPP_PASSPHRASE para scripts)\n"
        "\n"
        "Crea el par de claves del estudio: fieldapp-study-private-key.pem (cifrada con "
        "una frase de contraseña que se le\n"
        "pide dos veces, o FIELDAPP_PASSPHRASE) y fieldapp-study-public-key.txt, cuya "
        "línea va en el ajuste\n"
        "public_key de un formulario para que las entrevistas finalizadas se sellen. Nunca "
        "se sobrescriben archivos de claves\n"
        "existentes.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp keys new --out ~/study-keys",
    },
    "clihelp.keys_new.out": {
        "en": "folder for the two key files",
        "es": "carpeta para los dos archivos de claves",
    },
    "clihelp.submit": {
        "en": "store one interview's answers (JSON) after checking them against the form; exit 1 "
        "listing\n"
        "every problem, nothing written\n"
        "\n"
        "Check a JSON object of question name -> answer against the form (types, choices, "
        "constraints,\n"
        "relevance; required questions too with --finalize) and store it as a new "
        "interview. On any\n"
        "problem every one is listed as 'question: message' and nothing is written. A form "
        "with a\n"
        "public_key seals the interview; its draft is kept encrypted under the drafts "
        "passphrase (asked,\n"
        "or FIELDAPP_DRAFT_PASSPHRASE).\n"
        "\n"
        "Examples:\n"
        "  fieldapp submit --db field.db --form forms/cso.xlsx --answers answers.json\n"
        "  fieldapp submit --form forms/gov.xlsx --answers a.json --finalize --city tijuana"
        "\n"
        "  fieldapp submit --form cso --answers answers.json",
        "es": "guardar las respuestas de una entrevista (JSON) tras revisarlas contra el "
        "formulario; sale con 1 y lista\n"
        "cada problema, sin escribir nada\n"
        "\n"
        "Revisa un objeto JSON de nombre de pregunta -> respuesta contra el formulario "
        "(tipos, opciones, restricciones,\n"
        "relevancia; también las preguntas obligatorias con --finalize) y lo guarda como "
        "una entrevista nueva. Ante cualquier\n"
        "problema se listan todos como 'pregunta: mensaje' y no se escribe nada. Un "
        "formulario con\n"
        "public_key sella la entrevista; su borrador se guarda cifrado con la frase de "
        "contraseña de los borradores (se pide,\n"
        "o FIELDAPP_DRAFT_PASSPHRASE).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp submit --db campo.db --form forms/cso.xlsx --answers respuestas.json\n"
        "  fieldapp submit --form forms/gov.xlsx --answers r.json --finalize --city tijuana"
        "\n"
        "  fieldapp submit --form cso --answers respuestas.json",
    },
    "clihelp.submit.form": {
        "en": "the XLSForm the answers fill: its file, or a study form by actor type or form id "
        "(cso, mx_border_cso)",
        "es": "el XLSForm que llenan las respuestas: su archivo, o un formulario del estudio por "
        "tipo de actor o id del formulario (cso, mx_border_cso)",
    },
    "clihelp.submit.answers": {
        "en": "a JSON object of question name -> answer (group/question for grouped ones)",
        "es": "un objeto JSON de nombre de pregunta -> respuesta (grupo/pregunta para las "
        "agrupadas)",
    },
    "clihelp.submit.finalize": {
        "en": "store it as final (then required questions must be answered too)",
        "es": "guardarla como final (entonces también deben responderse las preguntas "
        "obligatorias)",
    },
    "clihelp.submit.interviewer": {
        "en": "who held the interview (default: the answers' own 'interviewer')",
        "es": "quién hizo la entrevista (predeterminado: el 'interviewer' de las propias "
        "respuestas)",
    },
    "clihelp.submit.city": {
        "en": "the city code of the interview, e.g. juarez, monterrey, nuevo_laredo, tijuana "
        "(default: the answers' own 'city')",
        "es": "el código de ciudad de la entrevista, p. ej. juarez, monterrey, nuevo_laredo, "
        "tijuana (predeterminado: el 'city' de las propias respuestas)",
    },
    "clihelp.submit.actor_type": {
        "en": "the kind of actor interviewed: cso, gov, security, informant (default: the form's "
        "own)",
        "es": "el tipo de actor entrevistado: cso, gov, security, informant (predeterminado: el "
        "del formulario)",
    },
    "clihelp.demo": {
        "en": "fill a database with realistic synthetic interviews\n"
        "\n"
        "Fill a database with realistic synthetic interviews (several cities, devices, "
        "drafts, finalized\n"
        "and reopened ones, and two to four conflicts: interviews corrected on two "
        "laptops, to resolve\n"
        "under View > Conflicts) whose answers pass the forms' own logic: for trying the "
        "app, the\n"
        "exports and the benchmarks without real data.\n"
        "\n"
        "Examples:\n"
        "  fieldapp demo --db demo.db --interviews 244\n"
        "  fieldapp demo --db demo.db --interviews 50 --seed 7 --form my_form.xlsx",
        "es": "llenar una base de datos con entrevistas sintéticas realistas\n"
        "\n"
        "Llena una base de datos con entrevistas sintéticas realistas (varias ciudades, "
        "dispositivos, borradores, finalizadas\n"
        "y reabiertas, y de dos a cuatro conflictos: entrevistas corregidas en dos "
        "computadoras, para resolver\n"
        "en Ver > Conflictos) cuyas respuestas cumplen la lógica de los propios "
        "formularios: para probar la aplicación, las\n"
        "exportaciones y las mediciones de rendimiento sin datos reales.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp demo --db demo.db --interviews 244\n"
        "  fieldapp demo --db demo.db --interviews 50 --seed 7 --form mi_formulario.xlsx",
    },
    "clihelp.demo.db": {
        "en": "database file for the made-up interviews (the default one only with --force)",
        "es": "archivo de la base de datos para las entrevistas inventadas (la predeterminada "
        "solo con --force)",
    },
    "clihelp.demo.interviews": {
        "en": "how many",
        "es": "cuántas entrevistas",
    },
    "clihelp.demo.force": {
        "en": "write into the default database, or one holding interviews the demo did not write "
        "(demo interviews look real and merge on like fieldwork)",
        "es": "escribir en la base de datos predeterminada, o en una con entrevistas que la "
        "demostración no escribió (las entrevistas de demostración parecen reales y se "
        "fusionan como el trabajo de campo)",
    },
    "clihelp.demo.seed": {
        "en": "same seed, same interviews (default 0)",
        "es": "misma semilla, mismas entrevistas (predeterminada: 0)",
    },
    "clihelp.demo.form": {
        "en": "an XLSForm to use instead of the study's four (repeat for several)",
        "es": "un XLSForm que usar en lugar de los cuatro del estudio (repítalo para varios)",
    },
    "clihelp.demo.workers": {
        "en": "processes writing the devices' databases at once (default: the CPUs, up to 4)",
        "es": "procesos que escriben a la vez las bases de datos de los dispositivos "
        "(predeterminado: los CPU, hasta 4)",
    },
    "clihelp.export": {
        "en": "export interviews for analysts: Excel, CSV with load.R, Stata or SPSS\n"
        "\n"
        "Export the current version of every finished interview (drafts only with "
        "--drafts). The name of\n"
        "OUT chooses the format:\n"
        "  .xlsx  one typed workbook: a sheet per form and per repeat, codebook, about\n"
        "  .zip   the same sheets as UTF-8 CSV files, plus load.R for R\n"
        "  .dta   Stata 14+ files (one per form and repeat) with variable and value labels,"
        "\n"
        "         in OUT.dta.zip with codebook.csv and about.csv\n"
        "  .sav   SPSS files, the same way, in OUT.sav.zip\n"
        "Repeat rows carry _parent_key, the _key (or _submission_id) of their parent row.\n"
        "\n"
        "Examples:\n"
        "  fieldapp export --db supervisor.db -o study.xlsx\n"
        "  fieldapp export --db supervisor.db -o study.dta --lang es\n"
        "  fieldapp export -o tijuana.zip --city tijuana --state approved --labels\n"
        "  fieldapp export -o shareable.xlsx --deidentify --from 2026-03-01 --to 2026-03-31",
        "es": "exportar entrevistas para analistas: Excel, CSV con load.R, Stata o SPSS\n"
        "\n"
        "Exporta la versión actual de cada entrevista terminada (los borradores solo con "
        "--drafts). El nombre de\n"
        "SALIDA elige el formato:\n"
        "  .xlsx  un libro con tipos: una hoja por formulario y por repetición, libro\n"
        "         de códigos, acerca de\n"
        "  .zip   las mismas hojas como archivos CSV en UTF-8, más load.R para R\n"
        "  .dta   archivos de Stata 14+ (uno por formulario y repetición) con etiquetas\n"
        "         de variables y de valores,\n"
        "         en SALIDA.dta.zip con codebook.csv y about.csv\n"
        "  .sav   archivos de SPSS, de la misma manera, en SALIDA.sav.zip\n"
        "Las filas de repeticiones llevan _parent_key, el _key (o _submission_id) de su "
        "fila madre.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp export --db supervisor.db -o study.xlsx\n"
        "  fieldapp export --db supervisor.db -o study.dta --lang es\n"
        "  fieldapp export -o tijuana.zip --city tijuana --state approved --labels\n"
        "  fieldapp export -o compartible.xlsx --deidentify --from 2026-03-01 --to "
        "2026-03-31",
    },
    "clihelp.export.output": {
        "en": "the file to write: OUT.xlsx, OUT.zip, OUT.dta or OUT.sav (see above)",
        "es": "el archivo que se escribe: SALIDA.xlsx, SALIDA.zip, SALIDA.dta o SALIDA.sav "
        "(vea arriba)",
    },
    "clihelp.export.labels": {
        "en": "select answers as labels, not codes (xlsx and zip; Stata and SPSS always carry "
        "both, as value labels)",
        "es": "respuestas de opción como etiquetas, no como códigos (xlsx y zip; Stata y SPSS "
        "siempre llevan ambos, como etiquetas de valores)",
    },
    "clihelp.export.lang": {
        "en": "label language, e.g. es or en (default: each form's default language)",
        "es": "idioma de las etiquetas, p. ej. es o en (predeterminado: el idioma predeterminado "
        "de cada formulario)",
    },
    "clihelp.export.deidentify": {
        "en": "leave out sensitive questions, what derives from or specifies them and free text "
        "not marked sensitive=no; random interview ids; pseudonymise interviewers and "
        "devices; moments cut to the day (see --times); then interviews no coarsening "
        "could hide, the state and review decision, exact dates and pseudonyms are left "
        "out until every group holds --min-group interviews",
        "es": "omitir las preguntas sensibles, lo que deriva de ellas o las precisa y el texto "
        "libre no marcado sensitive=no; ids de entrevista aleatorios; seudónimos para "
        "entrevistadores y dispositivos; momentos recortados al día (vea --times); después "
        "se omiten las entrevistas que ningún recorte podría ocultar, el estado y la "
        "decisión de revisión, las fechas exactas y los seudónimos hasta que cada grupo "
        "reúna --min-group entrevistas",
    },
    "clihelp.export.times": {
        "en": "with --deidentify: keep moments to the day (default) or to the hour (and "
        "interview lengths in minutes)",
        "es": "con --deidentify: conservar los momentos al día (predeterminado) o a la hora (y "
        "la duración de las entrevistas en minutos)",
    },
    "clihelp.export.min_group": {
        "en": "with --deidentify: every combination of form, city, interviewer, dates, state and "
        "review decision holds at least N interviews (default 5, at least 2): interviews "
        "no coarsening could hide are left out first, then the state and review decision, "
        "dates (to the week, the month or none) and pseudonyms go, as the about sheet "
        "(about.csv in a zip or a folder) says",
        "es": "con --deidentify: cada combinación de formulario, ciudad, entrevistador, fechas, "
        "estado y decisión de revisión reúne al menos N entrevistas (predeterminado 5, al "
        "menos 2): primero se omiten las entrevistas que ningún recorte podría ocultar, "
        "después se quitan el estado y la decisión de revisión, las fechas (a la semana, "
        "al mes o ninguna) y los seudónimos, como dice la hoja about (about.csv en un zip "
        "o una carpeta)",
    },
    "clihelp.export.key": {
        "en": "the study's private key: opens sealed interviews (passphrase asked, or "
        "FIELDAPP_PASSPHRASE for scripts); ODK Central's copy it shows to be an interview "
        "beside it is left out, and counted",
        "es": "la clave privada del estudio: abre las entrevistas selladas (se pide la frase de "
        "contraseña, o FIELDAPP_PASSPHRASE para scripts); la copia de ODK Central que muestra "
        "ser una entrevista que está a su lado se deja fuera, y se cuenta",
    },
    "clihelp.export.form": {
        "en": "only this form id, e.g. cso, gov, security, informant (repeatable)",
        "es": "solo este id de formulario, p. ej. cso, gov, security, informant (repetible)",
    },
    "clihelp.export.city": {
        "en": "only this city, by code or name, e.g. tijuana or 'Ciudad Juárez' (repeatable)",
        "es": "solo esta ciudad, por código o nombre, p. ej. tijuana o 'Ciudad Juárez' (repetible)",
    },
    "clihelp.export.state": {
        "en": "only this state: draft, finalized, approved, returned (repeatable; default: every "
        "state but draft)",
        "es": "solo este estado: draft, finalized, approved, returned (repetible; "
        "predeterminado: todos los estados menos draft)",
    },
    "clihelp.export.drafts": {
        "en": "include drafts (unfinished interviews), which are left out by default",
        "es": "incluir los borradores (entrevistas sin terminar), que se omiten de forma "
        "predeterminada",
    },
    "clihelp.export.folder": {
        "en": "for .zip, .dta and .sav: write the files into the folder OUT without its ending "
        "(study.dta -> study/) instead of a zip; an earlier export there is replaced, a "
        "folder holding anything else is refused",
        "es": "para .zip, .dta y .sav: escribir los archivos en la carpeta SALIDA sin su "
        "terminación (study.dta -> study/) en lugar de un zip; se reemplaza una "
        "exportación anterior ahí, se rechaza una carpeta que tenga cualquier otra cosa",
    },
    "clihelp.export.date_from": {
        "en": "started on or after (YYYY-MM-DD)",
        "es": "iniciadas en esa fecha o después (AAAA-MM-DD)",
    },
    "clihelp.export.date_to": {
        "en": "started on or before (YYYY-MM-DD)",
        "es": "iniciadas en esa fecha o antes (AAAA-MM-DD)",
    },
    "clihelp.instances": {
        "en": "write each interview as the OpenRosa instance XML ODK Collect would submit "
        "(DIR/<form\n"
        "id>/<submission id>.xml), for ODK Central or other OpenRosa tools\n"
        "\n"
        "Write every interview as the OpenRosa instance XML that ODK Collect would submit "
        "for the same\n"
        "answers: DIR/<form id>/<submission id>.xml. Sealed interviews are written only "
        "with the study\n"
        "key (--key); otherwise they are listed as skipped.\n"
        "\n"
        "Examples:\n"
        "  fieldapp instances --db supervisor.db -o instances/\n"
        "  fieldapp instances --db supervisor.db -o xml/ --form mx_border_cso --key "
        "study.pem",
        "es": "escribir cada entrevista como el XML de instancia OpenRosa que enviaría ODK "
        "Collect (CARPETA/<id del\n"
        "formulario>/<id del envío>.xml), para ODK Central u otras herramientas OpenRosa\n"
        "\n"
        "Escribe cada entrevista como el XML de instancia OpenRosa que ODK Collect "
        "enviaría para las mismas\n"
        "respuestas: CARPETA/<id del formulario>/<id del envío>.xml. Las entrevistas selladas "
        "solo se escriben con la clave\n"
        "del estudio (--key); si no, se listan como omitidas.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp instances --db supervisor.db -o instancias/\n"
        "  fieldapp instances --db supervisor.db -o xml/ --form mx_border_cso --key "
        "study.pem",
    },
    "clihelp.instances.output": {
        "en": "the folder to write",
        "es": "la carpeta en la que se escribe",
    },
    "clihelp.instances.form": {
        "en": "only this form (repeatable)",
        "es": "solo este formulario (repetible)",
    },
    "clihelp.instances.key": {
        "en": "the study's private key, for sealed interviews",
        "es": "la clave privada del estudio, para las entrevistas selladas",
    },
    "clihelp.merge": {
        "en": "merge other devices' databases or packages (files or folders of them) into one "
        "database;\n"
        "print per source what came in and any conflicts\n"
        "\n"
        "Merge devices' databases or packages into one database. A folder (a USB stick) is "
        "merged file by\n"
        "file (.fieldapp, .db, .sqlite, .sqlite3): each file whole or not at all, on its "
        "own, so a\n"
        "damaged or foreign file is named on stderr and refused while the good ones are "
        "merged; then the\n"
        "exit code is 1. Your own package found in the folder is skipped. Nothing is ever "
        "overwritten:\n"
        "edits made apart become conflicts to resolve in the app. Each file's lines are "
        "printed as soon\n"
        "as it is merged; Ctrl+C stops at once, the file in progress left out whole, and "
        "says which were\n"
        "merged (exit code 130): the same command merges the rest later.\n"
        "\n"
        "Examples:\n"
        "  fieldapp merge --into supervisor.db /media/usb/\n"
        "  fieldapp merge --into supervisor.db ana.fieldapp beto.fieldapp --json",
        "es": "fusionar en una base de datos las bases de datos o los paquetes de otros "
        "dispositivos (archivos o carpetas de ellos);\n"
        "imprime por origen lo que entró y los conflictos\n"
        "\n"
        "Fusiona en una base de datos las bases de datos o los paquetes de los "
        "dispositivos. Una carpeta (una memoria USB) se fusiona archivo por\n"
        "archivo (.fieldapp, .db, .sqlite, .sqlite3): cada archivo completo o nada, por "
        "separado, de modo que un archivo\n"
        "dañado o ajeno se nombra en stderr y se rechaza mientras los buenos se fusionan; "
        "entonces el\n"
        "código de salida es 1. Su propio paquete, si está en la carpeta, se omite. Nunca "
        "se sobrescribe nada:\n"
        "las ediciones hechas por separado se vuelven conflictos que se resuelven en la "
        "aplicación. Las líneas de cada archivo se imprimen en cuanto\n"
        "se fusiona; Ctrl+C detiene todo de inmediato, deja fuera completo el archivo en "
        "curso y dice cuáles se\n"
        "fusionaron (código de salida 130): el mismo comando fusiona el resto después.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp merge --into supervisor.db /media/usb/\n"
        "  fieldapp merge --into supervisor.db ana.fieldapp beto.fieldapp --json",
    },
    "clihelp.merge.into": {
        "en": "the database to merge into",
        "es": "la base de datos en la que se fusiona",
    },
    "clihelp.merge.sources": {
        "en": "a database, a package (.fieldapp) or a folder of them",
        "es": "una base de datos, un paquete (.fieldapp) o una carpeta de ellos",
    },
    "clihelp.devices": {
        "en": "the study's authority over its devices (see: fieldapp devices show --help)\n"
        "\n"
        "Show this device's signing key, list the devices a database holds records of, "
        "certify the\n"
        "supervisor's device with the study key, revoke a lost or stolen laptop, or "
        "reinstate one revoked by\n"
        "mistake. Actions: show, list, certify, revoke, reinstate.\n"
        "\n"
        "Examples:\n"
        "  fieldapp devices show\n"
        "  fieldapp devices list --db supervisor.db\n"
        "  fieldapp devices revoke 5f0c… --reason stolen --author Rosa\n"
        "  fieldapp devices reinstate 5f0c… --reason 'revoked the wrong laptop' --author "
        "Rosa",
        "es": "la autoridad del estudio sobre sus dispositivos (vea: fieldapp devices show "
        "--help)\n"
        "\n"
        "Muestra la clave de firma de este dispositivo, lista los dispositivos de los que "
        "una base de datos tiene registros, certifica el\n"
        "dispositivo del supervisor con la clave del estudio, revoca una computadora "
        "perdida o robada, o rehabilita una revocada por\n"
        "error. Acciones: show, list, certify, revoke, reinstate.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp devices show\n"
        "  fieldapp devices list --db supervisor.db\n"
        "  fieldapp devices revoke 5f0c… --reason robada --author Rosa\n"
        "  fieldapp devices reinstate 5f0c… --reason 'se revocó la computadora equivocada' "
        "--author Rosa",
    },
    "clihelp.devices_show": {
        "en": "print this database's device id and signing key fingerprint, to compare with the "
        "supervisor's\n"
        "merge summary\n"
        "\n"
        "Print this database's device id and the fingerprint of its signing key. The "
        "supervisor's merge\n"
        "summary shows the same fingerprint the first time it merges this laptop: compare "
        "them before\n"
        "trusting its rows.\n"
        "\n"
        "Examples:\n"
        "  fieldapp devices show\n"
        "  fieldapp devices show --db field.db --json",
        "es": "imprimir el id de dispositivo de esta base de datos y la huella de su clave de "
        "firma, para compararlos con el resumen de fusión\n"
        "del supervisor\n"
        "\n"
        "Imprime el id de dispositivo de esta base de datos y la huella de su clave de "
        "firma. El resumen de fusión del supervisor\n"
        "muestra la misma huella la primera vez que fusiona esta computadora: compárelas "
        "antes de\n"
        "confiar en sus filas.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp devices show\n"
        "  fieldapp devices show --db campo.db --json",
    },
    "clihelp.devices_list": {
        "en": "list the devices this database holds records of: key fingerprint, what each "
        "wrote, and\n"
        "whether it is the supervisor, revoked or reinstated\n"
        "\n"
        "List every device this database holds records of, this one first: its signing "
        "key's\n"
        "fingerprint, the interviews and revisions it wrote (rows set aside not counted), "
        "when it last\n"
        "saved, and its status: this laptop, the certified supervisor, a laptop, revoked "
        "(by whom, when,\n"
        "why) or reinstated (the same). As on the desktop's devices desk, sealed forms' "
        "interviews are\n"
        "left out of each device's counts and last save, and counted apart, until the "
        "study key opens\n"
        "them (--key). A device none of whose records is signed is unverified (unsigned): "
        "an older\n"
        "fieldapp's laptop or a made-up id.\n"
        "\n"
        "Examples:\n"
        "  fieldapp devices list\n"
        "  fieldapp devices list --db supervisor.db --json\n"
        "  fieldapp devices list --key ~/study-keys/fieldapp-study-private-key.pem",
        "es": "listar los dispositivos de los que esta base de datos tiene registros: huella de "
        "la clave, lo que escribió cada uno, y\n"
        "si es el supervisor, si está revocado o rehabilitado\n"
        "\n"
        "Lista cada dispositivo del que esta base de datos tiene registros, este primero: "
        "la huella de su clave de firma,\n"
        "las entrevistas y revisiones que escribió (sin contar las filas apartadas), "
        "cuándo guardó por\n"
        "última vez, y su estado: esta computadora, el supervisor certificado, una "
        "computadora, revocado (por quién, cuándo,\n"
        "por qué) o rehabilitado (lo mismo). Como en el panel de dispositivos del "
        "escritorio, las entrevistas de formularios sellados se\n"
        "dejan fuera de los conteos y del último guardado de cada dispositivo, y se "
        "cuentan aparte, hasta que la clave del estudio las\n"
        "abre (--key). Un dispositivo sin ningún registro firmado queda sin verificar (sin "
        "firma): la computadora\n"
        "de un fieldapp anterior o un identificador inventado.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp devices list\n"
        "  fieldapp devices list --db supervisor.db --json\n"
        "  fieldapp devices list --key ~/study-keys/fieldapp-study-private-key.pem",
    },
    "clihelp.devices_list.key": {
        "en": "the study's private key: count sealed interviews too (passphrase asked, or "
        "FIELDAPP_PASSPHRASE for scripts)",
        "es": "la clave privada del estudio: contar también las entrevistas selladas (se pide la "
        "frase de contraseña, o FIELDAPP_PASSPHRASE para scripts)",
    },
    "clihelp.devices_certify": {
        "en": "certify this database's device as the study's supervisor with the study key, so "
        "targets,\n"
        "reviews and revocations from it are accepted everywhere\n"
        "\n"
        "Certify this database's device as the study's supervisor. The study key's "
        "passphrase is asked\n"
        "(FIELDAPP_PASSPHRASE for scripts). From then on targets, reviews, revocations, "
        "quarantines and\n"
        "new form versions are accepted only from it.\n"
        "\n"
        "Examples:\n"
        "  fieldapp devices certify --db supervisor.db --key study-private-key.pem "
        "--author Rosa",
        "es": "certificar el dispositivo de esta base de datos como el supervisor del estudio "
        "con la clave del estudio, para que las metas,\n"
        "revisiones y revocaciones que vengan de él se acepten en todas partes\n"
        "\n"
        "Certifica el dispositivo de esta base de datos como el supervisor del estudio. Se "
        "pide la frase de contraseña de la clave del estudio\n"
        "(FIELDAPP_PASSPHRASE para scripts). Desde entonces las metas, revisiones, "
        "revocaciones, cuarentenas y\n"
        "versiones nuevas de formularios solo se aceptan de él.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp devices certify --db supervisor.db --key study-private-key.pem "
        "--author Rosa",
    },
    "clihelp.devices_certify.key": {
        "en": "the study's private key file",
        "es": "el archivo de la clave privada del estudio",
    },
    "clihelp.devices_certify.author": {
        "en": "your name, as who certifies: recorded with the decision and sent with every "
        "package (required)",
        "es": "su nombre, como quien certifica: se registra con la decisión y se envía en cada "
        "paquete (obligatorio)",
    },
    "clihelp.devices_revoke": {
        "en": "revoke a lost or stolen device: its new records are refused wherever this "
        "database's packages\n"
        "reach\n"
        "\n"
        "Revoke a device: a signed event that travels with this database's packages. Rows "
        "already held\n"
        "from that device still travel; anything newer it signs is refused wherever the "
        "revocation\n"
        "reaches. A re-installed laptop is a new device.\n"
        "\n"
        "Examples:\n"
        "  fieldapp devices revoke 5f0c… --reason 'stolen in Tijuana' --author Rosa",
        "es": "revocar un dispositivo perdido o robado: sus registros nuevos se rechazan "
        "dondequiera que lleguen los paquetes de esta\n"
        "base de datos\n"
        "\n"
        "Revoca un dispositivo: un evento firmado que viaja con los paquetes de esta base "
        "de datos. Las filas que ya se tienen\n"
        "de ese dispositivo siguen viajando; todo lo más reciente que firme se rechaza "
        "dondequiera que la revocación\n"
        "llegue. Una computadora reinstalada es un dispositivo nuevo.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp devices revoke 5f0c… --reason 'robada en Tijuana' --author Rosa",
    },
    "clihelp.devices_revoke.device": {
        "en": "the device id (see the merge summary)",
        "es": "el id del dispositivo (vea el resumen de fusión)",
    },
    "clihelp.devices_revoke.reason": {
        "en": "why (lost, stolen...)",
        "es": "por qué (perdida, robada...)",
    },
    "clihelp.devices_revoke.author": {
        "en": "your name, as who revokes: recorded with the decision and sent with every package "
        "(required)",
        "es": "su nombre, como quien revoca: se registra con la decisión y se envía en cada "
        "paquete (obligatorio)",
    },
    "clihelp.devices_reinstate": {
        "en": "undo a revocation made by mistake: the device's records merge again wherever this"
        "\n"
        "database's packages reach\n"
        "\n"
        "Reinstate a revoked device (a misclick, two laptops named alike, a laptop found "
        "again): a\n"
        "signed event naming the revocations it lifts, which travels with this database's "
        "packages. The\n"
        "records the device wrote since the revocation merge again, the package refused "
        "before too. Only\n"
        "the certified supervisor reinstates; a revocation written afterwards is in force "
        "again.\n"
        "\n"
        "Examples:\n"
        "  fieldapp devices reinstate 5f0c… --reason 'revoked the wrong laptop' --author "
        "Rosa\n"
        "  fieldapp devices reinstate 5f0c… --db supervisor.db --reason 'found in the "
        "office'",
        "es": "deshacer una revocación hecha por error: los registros del dispositivo se "
        "fusionan de nuevo dondequiera que lleguen los paquetes\n"
        "de esta base de datos\n"
        "\n"
        "Rehabilita un dispositivo revocado (un clic equivocado, dos computadoras con "
        "nombres parecidos, una computadora que apareció): un\n"
        "evento firmado que nombra las revocaciones que levanta, y que viaja con los "
        "paquetes de esta base de datos. Los\n"
        "registros que el dispositivo escribió desde la revocación se fusionan de nuevo, "
        "también el paquete rechazado antes. Solo\n"
        "el supervisor certificado rehabilita; una revocación escrita después vuelve a "
        "estar en vigor.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp devices reinstate 5f0c… --reason 'se revocó la computadora equivocada' "
        "--author Rosa\n"
        "  fieldapp devices reinstate 5f0c… --db supervisor.db --reason 'apareció en la "
        "oficina'",
    },
    "clihelp.devices_reinstate.device": {
        "en": "the revoked device's id (devices list)",
        "es": "el id del dispositivo revocado (devices list)",
    },
    "clihelp.devices_reinstate.reason": {
        "en": "why the revocation is undone",
        "es": "por qué se deshace la revocación",
    },
    "clihelp.devices_reinstate.author": {
        "en": "your name, as who reinstates: recorded with the decision and sent with every "
        "package (required)",
        "es": "su nombre, como quien rehabilita: se registra con la decisión y se envía en cada "
        "paquete (obligatorio)",
    },
    "clihelp.check": {
        "en": "list every row of a database that a merge would refuse today; exit 1 if there is "
        "any\n"
        "\n"
        "List every row a merge would refuse today: forms that do not load, malformed "
        "answers, events or\n"
        "sealed records, impossible dates, bad signatures. Nothing is changed, unless "
        "--quarantine sets\n"
        "the listed rows aside with a signed event that every reader and merge honours "
        "(nothing is ever\n"
        "deleted).\n"
        "\n"
        "With --key, sealed interviews are opened too, and those whose content is past a "
        "bound\n"
        "fieldapp never writes are listed.\n"
        "\n"
        "Two listed interviews carrying one instanceID, ODK Central's copy and one that did "
        "not make\n"
        "that id and says otherwise, are listed too (a claim: compare them, then set the one "
        "Central\n"
        "does not hold aside with `fieldapp review set-aside`); they change no exit code. "
        "A sealed\n"
        "claim --key shows to be one interview is said; --quarantine sets its copy aside. "
        "Listed\n"
        "too: a version written on one since set aside (a review of a forged version), left "
        "beside\n"
        "the interview's other version as a conflict to resolve. Named as well: ODK Central's "
        "copy\n"
        "set aside as the same as an interview beside it that no listed interview is today "
        "(its\n"
        "version set aside since, or not signed by its device); --quarantine takes it back. "
        "And a\n"
        "device whose rows carry two keys: rows signed in this laptop's name by another key "
        "are\n"
        "listed (--quarantine sets them aside); for another device both keys are named.\n"
        "\n"
        "Examples:\n"
        "  fieldapp check --db supervisor.db\n"
        "  fieldapp check --db supervisor.db --key study_private.pem\n"
        "  fieldapp check --db supervisor.db --quarantine --reason 'forged rows' --author "
        "Rosa",
        "es": "listar cada fila de una base de datos que una fusión rechazaría hoy; sale con 1 "
        "si hay alguna\n"
        "\n"
        "Lista cada fila que una fusión rechazaría hoy: formularios que no cargan, "
        "respuestas, eventos o\n"
        "registros sellados mal formados, fechas imposibles, firmas inválidas. No se "
        "cambia nada, a menos que --quarantine aparte\n"
        "las filas listadas con un evento firmado que toda lectura y toda fusión respetan "
        "(nunca se\n"
        "borra nada).\n"
        "\n"
        "Con --key, también se abren las entrevistas selladas, y se listan aquellas cuyo "
        "contenido rebasa un límite que\n"
        "fieldapp nunca escribe.\n"
        "\n"
        "También se listan dos entrevistas de la lista que llevan un mismo instanceID, la "
        "copia de ODK Central y otra que\n"
        "no creó ese identificador y dice otra cosa (un reclamo: compárelas, y luego aparte "
        "la que no tiene Central\n"
        "con `fieldapp review set-aside`); no cambian el código de salida. Se dice el "
        "reclamo sellado\n"
        "que --key muestra ser una sola entrevista; --quarantine aparta su copia. También se "
        "lista\n"
        "una versión escrita sobre otra apartada después (la revisión de una versión "
        "falsificada),\n"
        "que queda junto a la otra versión de la entrevista como un conflicto por resolver. "
        "Se nombra también\n"
        "la copia de ODK Central apartada por ser la misma que una entrevista a su lado que "
        "hoy ninguna\n"
        "entrevista de la lista es (su versión se apartó después, o no la firmó su "
        "dispositivo); --quarantine la recupera.\n"
        "Y un dispositivo cuyas filas llevan dos claves: se listan las filas firmadas en "
        "nombre de esta computadora\n"
        "con otra clave (--quarantine las aparta); de otro dispositivo se nombran ambas "
        "claves.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp check --db supervisor.db\n"
        "  fieldapp check --db supervisor.db --key study_private.pem\n"
        "  fieldapp check --db supervisor.db --quarantine --reason 'filas falsificadas' "
        "--author Rosa",
    },
    "clihelp.check.quarantine": {
        "en": "set every listed row aside with a signed event that every reader and merge "
        "honours (the supervisor's repair; nothing is deleted)",
        "es": "apartar cada fila listada con un evento firmado que toda lectura y toda fusión "
        "respetan (la reparación del supervisor; no se borra nada)",
    },
    "clihelp.check.reason": {
        "en": "why the rows are set aside (with --quarantine)",
        "es": "por qué se apartan las filas (con --quarantine)",
    },
    "clihelp.check.author": {
        "en": "your name, as who sets them aside (with --quarantine): recorded with the decision "
        "and sent with every package (required with --quarantine)",
        "es": "su nombre, como quien las aparta (con --quarantine): se registra con la decisión "
        "y se envía en cada paquete (obligatorio con --quarantine)",
    },
    "clihelp.check.key": {
        "en": "the study's private key: open sealed interviews too",
        "es": "la clave privada del estudio: abrir también las entrevistas selladas",
    },
    "clihelp.package": {
        "en": "write a device package: a consistent one-file snapshot of the database for the "
        "supervisor to\n"
        "merge\n"
        "\n"
        "Write a device package: a consistent one-file snapshot of the database (a name "
        "without\n"
        ".fieldapp, .db or .sqlite gets .fieldapp). Open drafts of sealed forms are saved "
        "first, which\n"
        "needs the drafts passphrase (asked, or FIELDAPP_DRAFT_PASSPHRASE). Only an "
        "earlier package of\n"
        "this same database is ever replaced. In a terminal the share written is shown as "
        "it grows;\n"
        "Ctrl+C stops the copy and leaves the target folder as it was (exit code 130).\n"
        "\n"
        "Examples:\n"
        "  fieldapp package -o /media/usb/ana\n"
        "  fieldapp package --db field.db -o ana.fieldapp",
        "es": "escribir un paquete del dispositivo: una copia coherente en un solo archivo de la "
        "base de datos para que el supervisor la\n"
        "fusione\n"
        "\n"
        "Escribe un paquete del dispositivo: una copia coherente en un solo archivo de la "
        "base de datos (un nombre sin\n"
        ".fieldapp, .db o .sqlite recibe .fieldapp). Primero se guardan los borradores "
        "abiertos de formularios sellados, lo que\n"
        "necesita la frase de contraseña de los borradores (se pide, o "
        "FIELDAPP_DRAFT_PASSPHRASE). Solo se reemplaza un paquete anterior de\n"
        "esta misma base de datos. En una terminal se muestra la parte escrita conforme "
        "avanza;\n"
        "Ctrl+C detiene la copia y deja la carpeta de destino como estaba (código de "
        "salida 130).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp package -o /media/usb/ana\n"
        "  fieldapp package --db campo.db -o ana.fieldapp",
    },
    "clihelp.package.output": {
        "en": "the package to write",
        "es": "el paquete que se escribe",
    },
    "clihelp.status": {
        "en": "print interviews per city × actor type × state against the targets, and each "
        "researcher's\n"
        "pace, median duration and share returned\n"
        "\n"
        "Print the fieldwork's progress, in 80 columns: interviews per city × actor type × "
        "state\n"
        "against the targets (Target: approved interviews wanted; %: the share approved; "
        "each city\n"
        "and actor type in words, the code --target takes in brackets beside a city and in "
        "a line\n"
        "under the table for the actor types), then per researcher: finalized interviews, "
        "days\n"
        "worked, pace, median duration, returned interviews and the share (%) of those "
        "finalized.\n"
        "The desk's Total, the sum of the four states, is in --json.\n"
        "--target first records a target, --clear-target first removes one (both merge "
        "like every\n"
        "other change: the latest decision wins).\n"
        "\n"
        "Examples:\n"
        "  fieldapp status --db supervisor.db\n"
        "  fieldapp status --target tijuana cso 30 --target juarez gov 20 --author Rosa\n"
        "  fieldapp status --clear-target juarez gov --author Rosa",
        "es": "imprimir las entrevistas por ciudad × tipo de actor × estado frente a las metas, "
        "y el ritmo, la duración mediana y la\n"
        "proporción devuelta de cada investigador\n"
        "\n"
        "Imprime el avance del trabajo de campo, en 80 columnas: entrevistas por ciudad × "
        "tipo de actor × estado\n"
        "frente a las metas (Meta: entrevistas aprobadas que se buscan; %: la proporción "
        "aprobada; cada ciudad\n"
        "y tipo de actor en palabras, el código que toma --target entre corchetes junto a "
        "una ciudad y en una línea\n"
        "bajo la tabla para los tipos de actor), después por investigador: entrevistas "
        "finalizadas, días\n"
        "trabajados, ritmo, duración mediana, entrevistas devueltas y la proporción (%) de "
        "las finalizadas.\n"
        "El Total del panel, la suma de los cuatro estados, está en --json.\n"
        "--target primero registra una meta, --clear-target primero quita una (ambas se "
        "fusionan como cualquier\n"
        "otro cambio: gana la decisión más reciente).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp status --db supervisor.db\n"
        "  fieldapp status --target tijuana cso 30 --target juarez gov 20 --author Rosa\n"
        "  fieldapp status --clear-target juarez gov --author Rosa",
    },
    "clihelp.status.target": {
        "en": "first set the number N of approved interviews wanted (repeatable). CITY is a city "
        "code of the forms (the study's: juarez, monterrey, nuevo_laredo, tijuana), ACTOR "
        "an actor type (cso, gov, security, informant): the table names each in words with "
        "its code in brackets, Nuevo Laredo (nuevo_laredo), and a line under it the actor "
        "types', Civil society (cso); either the words or the code is taken, 'Nuevo "
        "Laredo' 'Sociedad civil' as nuevo_laredo cso. A city or actor the database does "
        "not know is refused with the codes it knows. It is merged like every other "
        "change, the latest one winning",
        "es": "primero fijar el número N de entrevistas aprobadas que se buscan (repetible). "
        "CIUDAD es un código de ciudad de los formularios (los del estudio: juarez, "
        "monterrey, nuevo_laredo, tijuana), ACTOR un tipo de actor (cso, gov, security, "
        "informant): la tabla nombra cada uno en palabras con su código entre corchetes, "
        "Nuevo Laredo (nuevo_laredo), y una línea bajo ella los de los tipos de actor, "
        "Sociedad civil (cso); se acepta tanto las palabras como el código, 'Nuevo Laredo' "
        "'Sociedad civil' como nuevo_laredo cso. Una ciudad o un actor que la base de "
        "datos no conoce se rechaza con los códigos que conoce. Se fusiona como cualquier "
        "otro cambio, y gana el más reciente",
    },
    "clihelp.status.clear_target": {
        "en": "first remove the target of a city and actor type (repeatable): progress then "
        "shows no target and no share for it. Recorded and merged like a target, the "
        "latest decision winning; a city and actor without a target is refused",
        "es": "primero quitar la meta de una ciudad y un tipo de actor (repetible): el avance ya "
        "no muestra meta ni proporción para ellos. Se registra y se fusiona como una meta, "
        "y gana la decisión más reciente; se rechaza una ciudad y un actor sin meta",
    },
    "clihelp.status.author": {
        "en": "your name, as who sets or clears the targets: recorded with the decision and sent "
        "with every package (required with --target or --clear-target)",
        "es": "su nombre, como quien fija o quita las metas: se registra con la decisión y se "
        "envía en cada paquete (obligatorio con --target o --clear-target)",
    },
    "clihelp.review": {
        "en": "review finalized interviews from a terminal: list, approve, return, set aside\n"
        "\n"
        "The desktop's review queue as commands: `list` the interviews waiting for review (or "
        "the approved\n"
        "ones), `approve` them, or `return` one to its researcher with comments; `set-aside` one "
        "of an\n"
        "instanceID claim. Decisions need --author; sealed interviews need the study key "
        "(--key).\n"
        "\n"
        "Examples:\n"
        "  fieldapp review list --db supervisor.db\n"
        "  fieldapp review approve 3f2a9c1e --author Rosa\n"
        "  fieldapp review return 3f2a9c1e --author Rosa --comment 'Ask for the year it was "
        "founded'",
        "es": "revisar entrevistas finalizadas desde una terminal: listar, aprobar, devolver, "
        "apartar\n"
        "\n"
        "La cola de revisión del escritorio como comandos: `list` lista las entrevistas que "
        "esperan revisión (o las\n"
        "aprobadas), `approve` las aprueba, y `return` devuelve una a su investigador con "
        "comentarios; `set-aside` aparta una de un\n"
        "reclamo de instanceID. Las decisiones necesitan --author; las entrevistas selladas "
        "necesitan la clave del estudio (--key).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp review list --db supervisor.db\n"
        "  fieldapp review approve 3f2a9c1e --author Rosa\n"
        "  fieldapp review return 3f2a9c1e --author Rosa --comment 'Pregunte el año en que se "
        "fundó'",
    },
    "clihelp.review_list": {
        "en": "list the interviews waiting for review, or the approved ones, oldest first\n"
        "\n"
        "List the finalized interviews, which wait for review, or with --state approved "
        "the approved\n"
        "ones (an approval given by mistake is taken back with `fieldapp review return`): "
        "id, name (as\n"
        "the desktop's list names it), actor type, city, interviewer and when it started; "
        "the actor\n"
        "and city only when the names do not say them, so that the list fits 80 columns. An"
        "\n"
        "interview in conflict (edited on two laptops) has a line under it that says so, "
        "and so\n"
        "has one of an instanceID claim (fieldapp check lists them), with the other's id. "
        "The id\n"
        "printed (its first 8 characters, more when another id starts alike) is what "
        "approve and\n"
        "return take. As in the desktop's queue, sealed forms' interviews are counted, not "
        "listed,\n"
        "until the study key opens them (--key).\n"
        "\n"
        "Examples:\n"
        "  fieldapp review list --db supervisor.db\n"
        "  fieldapp review list --city tijuana --actor cso --interviewer TJ01\n"
        "  fieldapp review list --state approved --key "
        "~/study-keys/fieldapp-study-private-key.pem\n"
        "  fieldapp review list --json",
        "es": "listar las entrevistas que esperan revisión, o las aprobadas, de la más antigua a "
        "la más reciente\n"
        "\n"
        "Lista las entrevistas finalizadas, que esperan revisión, o con --state approved "
        "las\n"
        "aprobadas (una aprobación dada por error se retira con `fieldapp review return`): "
        "id, nombre (como\n"
        "la nombra la lista del escritorio), tipo de actor, ciudad, entrevistador y cuándo "
        "empezó; el actor\n"
        "y la ciudad solo cuando los nombres no los dicen, para que la lista quepa en 80 "
        "columnas. Una\n"
        "entrevista en conflicto (editada en dos computadoras) tiene debajo una línea que "
        "lo dice, y\n"
        "también la de un reclamo de instanceID (fieldapp check los enumera), con el id de "
        "la otra. El id\n"
        "impreso (sus primeros 8 caracteres, más cuando otro id empieza igual) es lo que "
        "toman approve y\n"
        "return. Como en la cola del escritorio, las entrevistas de formularios sellados "
        "se cuentan, no se listan,\n"
        "hasta que la clave del estudio las abre (--key).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp review list --db supervisor.db\n"
        "  fieldapp review list --city tijuana --actor cso --interviewer TJ01\n"
        "  fieldapp review list --state approved --key "
        "~/study-keys/fieldapp-study-private-key.pem\n"
        "  fieldapp review list --json",
    },
    "clihelp.review_list.state": {
        "en": "finalized: those waiting for review (default); approved: to return one approved "
        "by mistake",
        "es": "finalized: las que esperan revisión (predeterminado); approved: para devolver una "
        "aprobada por error",
    },
    "clihelp.review_list.city": {
        "en": "only this city, by code or name, e.g. tijuana or 'Nuevo Laredo'",
        "es": "solo esta ciudad, por código o nombre, p. ej. tijuana o 'Nuevo Laredo'",
    },
    "clihelp.review_list.actor": {
        "en": "only this actor type, by code (cso, gov, security, informant) or name, e.g. "
        "'Civil society' or 'Sociedad civil'",
        "es": "solo este tipo de actor, por código (cso, gov, security, informant) o nombre, p. "
        "ej. 'Civil society' o 'Sociedad civil'",
    },
    "clihelp.review_list.interviewer": {
        "en": "only this interviewer code, e.g. TJ01",
        "es": "solo este código de entrevistador, p. ej. TJ01",
    },
    "clihelp.review_approve": {
        "en": "approve finalized interviews: each then counts towards its city's target\n"
        "\n"
        "Approve one or more finalized interviews, named by their id or its first characters as\n"
        "`fieldapp review list` prints them. All are approved, or, when one is refused (not "
        "finalized,\n"
        "already approved, unknown, sealed without --key, in an instanceID claim without\n"
        "--despite-claim), none is. The decision and its comment travel with this database's "
        "packages\n"
        "under your name.\n"
        "\n"
        "Examples:\n"
        "  fieldapp review approve 3f2a9c1e --author Rosa\n"
        "  fieldapp review approve 3f2a9c1e 7b00d4e2 --author Rosa --comment 'Complete and "
        "clear'\n"
        "  fieldapp review approve 3f2a9c1e --author Rosa --key study-private-key.pem",
        "es": "aprobar entrevistas finalizadas: cada una cuenta entonces para la meta de su "
        "ciudad\n"
        "\n"
        "Aprueba una o más entrevistas finalizadas, nombradas por su id o sus primeros "
        "caracteres como\n"
        "los imprime `fieldapp review list`. Se aprueban todas o, si se rechaza una (no "
        "finalizada,\n"
        "ya aprobada, desconocida, sellada sin --key, en un reclamo de instanceID sin\n"
        "--despite-claim), ninguna. La decisión y su comentario viajan\n"
        "con los paquetes de esta base de datos bajo su nombre.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp review approve 3f2a9c1e --author Rosa\n"
        "  fieldapp review approve 3f2a9c1e 7b00d4e2 --author Rosa --comment 'Completa y clara'\n"
        "  fieldapp review approve 3f2a9c1e --author Rosa --key study-private-key.pem",
    },
    "clihelp.review_approve.ids": {
        "en": "an interview's id, or its first 8 characters or more (review list)",
        "es": "el id de una entrevista, o sus primeros 8 caracteres o más (review list)",
    },
    "clihelp.review_approve.author": {
        "en": "your name, as who approves: recorded with the decision and sent with every "
        "package (required)",
        "es": "su nombre, como quien aprueba: se registra con la decisión y se envía en cada "
        "paquete (obligatorio)",
    },
    "clihelp.review_approve.comment": {
        "en": "a comment kept with each approval",
        "es": "un comentario que se guarda con cada aprobación",
    },
    "clihelp.review_return": {
        "en": "return a finalized (or approved) interview to its researcher with what to fix\n"
        "\n"
        "Return one interview with a comment on the whole of it (--comment) and comments beside\n"
        "questions (--question KEY=TEXT, repeatable), at least one of them. An approved "
        "interview is\n"
        "returned the same way: that takes back an approval given by mistake. The comments reach "
        "the\n"
        "researcher's laptop when it merges this database's package; a sealed interview's "
        "(returned\n"
        "with --key) are sealed for the study key and for that laptop. One of an instanceID "
        "claim is\n"
        "returned only with --despite-claim.\n"
        "\n"
        "Examples:\n"
        "  fieldapp review return 3f2a9c1e --author Rosa --comment 'Ask for the year it was "
        "founded'\n"
        "  fieldapp review return 3f2a9c1e --author Rosa --comment 'See the notes'\n"
        "    --question profile/force='Which force?' --question consent='Read the script again'",
        "es": "devolver una entrevista finalizada (o aprobada) a su investigador con lo que hay "
        "que corregir\n"
        "\n"
        "Devuelve una entrevista con un comentario sobre toda ella (--comment) y comentarios "
        "junto a\n"
        "preguntas (--question CLAVE=TEXTO, repetible), al menos uno de ellos. Una entrevista "
        "aprobada se\n"
        "devuelve de la misma manera: así se retira una aprobación dada por error. Los "
        "comentarios llegan a la\n"
        "computadora del investigador cuando fusiona el paquete de esta base de datos; los de "
        "una entrevista sellada (devuelta\n"
        "con --key) se sellan para la clave del estudio y para esa computadora. Una de un "
        "reclamo de instanceID\n"
        "se devuelve solo con --despite-claim.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp review return 3f2a9c1e --author Rosa --comment 'Pregunte el año en que se "
        "fundó'\n"
        "  fieldapp review return 3f2a9c1e --author Rosa --comment 'Vea las notas'\n"
        "    --question profile/force='¿Qué corporación?' --question consent='Lea otra vez el "
        "guion'",
    },
    "clihelp.review_return.id": {
        "en": "the interview's id, or its first 8 characters or more",
        "es": "el id de la entrevista, o sus primeros 8 caracteres o más",
    },
    "clihelp.review_return.author": {
        "en": "your name, as who returns it: recorded with the decision and sent with every "
        "package (required)",
        "es": "su nombre, como quien la devuelve: se registra con la decisión y se envía en cada "
        "paquete (obligatorio)",
    },
    "clihelp.review_return.comment": {
        "en": "what to fix in the whole interview (needed unless a --question says it)",
        "es": "lo que hay que corregir en toda la entrevista (necesario a menos que un "
        "--question lo diga)",
    },
    "clihelp.review_return.question": {
        "en": "a comment beside one question, by its key as the answers name it (group/name, "
        "e.g. org/members); repeatable",
        "es": "un comentario junto a una pregunta, por su clave como la nombran las respuestas "
        "(grupo/nombre, p. ej. org/members); repetible",
    },
    "clihelp.review_set-aside": {
        "en": "set aside one interview of an instanceID claim, after comparing the two\n"
        "\n"
        "Set aside one of the two interviews `fieldapp check` lists as an instanceID claim (ODK\n"
        "Central's copy, and another interview carrying its instanceID that did not make it and "
        "says\n"
        "otherwise): compare them first, then set aside the one ODK Central does not hold. As "
        "the\n"
        'review desk\'s "Set this interview aside...": a signed quarantine that every list, '
        "export and\n"
        "merge honours (nothing is deleted), written only where this database may act for the "
        "study\n"
        "(no certified supervisor yet, or hers). --reason says why (by default: the claim's ids, "
        "and\n"
        "that they were compared).\n"
        "\n"
        "Examples:\n"
        "  fieldapp check --db supervisor.db\n"
        "  fieldapp review set-aside 3f2a9c1e --db supervisor.db --author Rosa\n"
        "  fieldapp review set-aside 3f2a9c1e --author Rosa --reason 'Not the interview Central "
        "holds'",
        "es": "apartar una entrevista de un reclamo de instanceID, tras comparar las dos\n"
        "\n"
        "Aparta una de las dos entrevistas que `fieldapp check` enumera como un reclamo de "
        "instanceID (la\n"
        "copia de ODK Central, y otra entrevista que lleva su instanceID sin haberlo creado y "
        "dice\n"
        "otra cosa): compárelas antes, y luego aparte la que no tiene ODK Central. Como el botón\n"
        '"Apartar esta entrevista..." de la mesa de revisión: una cuarentena firmada que '
        "respetan todas las listas,\n"
        "exportaciones y fusiones (no se borra nada), escrita solo donde esta base de datos "
        "puede actuar por el estudio\n"
        "(sin supervisión certificada aún, o la suya). --reason dice por qué (predeterminado: "
        "los ids del\n"
        "reclamo, y que se compararon).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp check --db supervisor.db\n"
        "  fieldapp review set-aside 3f2a9c1e --db supervisor.db --author Rosa\n"
        "  fieldapp review set-aside 3f2a9c1e --author Rosa --reason 'No es la entrevista que "
        "tiene Central'",
    },
    "clihelp.review_set-aside.id": {
        "en": "the interview's id, or its first 8 characters or more (check)",
        "es": "el id de la entrevista, o sus primeros 8 caracteres o más (check)",
    },
    "clihelp.review_set-aside.author": {
        "en": "your name, as who sets it aside: recorded with the decision and sent with every "
        "package (required)",
        "es": "su nombre, como quien la aparta: se registra con la decisión y se envía en cada "
        "paquete (obligatorio)",
    },
    "clihelp.review_set-aside.reason": {
        "en": "why, travelling with the quarantine (default: the claim's ids, compared)",
        "es": "por qué, que viaja con la cuarentena (predeterminado: los ids del reclamo, "
        "comparadas)",
    },
    "clihelp.review.despite_claim": {
        "en": "decide on an interview of an instanceID claim anyway (fieldapp check lists "
        "claims: compare the two first)",
        "es": "decidir de todos modos sobre una entrevista de un reclamo de instanceID (fieldapp "
        "check enumera los reclamos: compare antes las dos)",
    },
    "clihelp.central": {
        "en": "send interviews to an ODK Central server and bring its forms down (see: fieldapp\n"
        "central login --help)\n"
        "\n"
        "Work with an ODK Central server, as ODK Collect does: sign in once with an app "
        "user's token (or a\n"
        "web user's email and password), bring the project's forms down, and send "
        "finalized interviews up\n"
        "through a queue that survives a dropped connection; a supervisor pulls the "
        "project's submissions in.\n"
        "Actions: login, forms, push, pull, status.\n"
        "\n"
        "Examples:\n"
        "  fieldapp central login --url https://central.example.org --project 3\n"
        "  fieldapp central push --db field.db",
        "es": "enviar entrevistas a un servidor ODK Central y descargar sus formularios (vea: "
        "fieldapp\n"
        "central login --help)\n"
        "\n"
        "Trabaja con un servidor ODK Central, como lo hace ODK Collect: inicie sesión una "
        "vez con el token de un usuario de aplicación (o el\n"
        "correo y la contraseña de un usuario web), descargue los formularios del proyecto "
        "y envíe las entrevistas finalizadas\n"
        "por una cola que resiste una conexión caída; un supervisor trae los envíos del "
        "proyecto.\n"
        "Acciones: login, forms, push, pull, status.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp central login --url https://central.example.org --project 3\n"
        "  fieldapp central push --db campo.db",
    },
    "clihelp.central_login": {
        "en": "check a server profile (address, project, app user or web user) and save it, the "
        "secret in\n"
        "the system keyring\n"
        "\n"
        "Sign in once to check the address, the project and the secret, then save the "
        "profile in the\n"
        "app's config folder. The token (or, with --email, the password) is asked, or read "
        "from\n"
        "FIELDAPP_CENTRAL_SECRET; it goes to the system keyring, never to a file. Without "
        "a keyring it is\n"
        "asked again each time.\n"
        "\n"
        "Examples:\n"
        "  fieldapp central login --url https://central.example.org --project 3\n"
        "  fieldapp central login --url https://central.example.org --project 3 --email "
        "rosa@example.org\n"
        "    --name supervisor",
        "es": "comprobar un perfil de servidor (dirección, proyecto, usuario de aplicación o "
        "usuario web) y guardarlo, el secreto en\n"
        "el llavero del sistema\n"
        "\n"
        "Inicia sesión una vez para comprobar la dirección, el proyecto y el secreto, y "
        "luego guarda el perfil en la\n"
        "carpeta de configuración de la aplicación. El token (o, con --email, la "
        "contraseña) se pide, o se lee de\n"
        "FIELDAPP_CENTRAL_SECRET; va al llavero del sistema, nunca a un archivo. Sin "
        "llavero se\n"
        "pide otra vez cada vez.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp central login --url https://central.example.org --project 3\n"
        "  fieldapp central login --url https://central.example.org --project 3 --email "
        "rosa@example.org\n"
        "    --name supervisor",
    },
    "clihelp.central_login.url": {
        "en": "the server's address, as the browser shows it",
        "es": "la dirección del servidor, como la muestra el navegador",
    },
    "clihelp.central_login.project": {
        "en": "the project number (…/projects/N)",
        "es": "el número del proyecto (…/projects/N)",
    },
    "clihelp.central_login.email": {
        "en": "sign in as this web user (else as an app user, by token)",
        "es": "iniciar sesión como este usuario web (si no, como usuario de aplicación, con token)",
    },
    "clihelp.central_login.name": {
        "en": "the profile's name (default: default)",
        "es": "el nombre del perfil (predeterminado: default)",
    },
    "clihelp.central_forms": {
        "en": "list the project's forms and which versions this database lacks; --download "
        "brings one down\n"
        "with its files\n"
        "\n"
        "List the forms of the profile's project beside the versions this database holds "
        "(held, behind,\n"
        "not here). --download FORM_ID stores the server's current version with its "
        "attached CSV/GeoJSON\n"
        "and media files, like a form added from a file.\n"
        "\n"
        "Examples:\n"
        "  fieldapp central forms\n"
        "  fieldapp central forms --db field.db --download mx_border_cso",
        "es": "listar los formularios del proyecto y qué versiones le faltan a esta base de "
        "datos; --download descarga uno\n"
        "con sus archivos\n"
        "\n"
        "Lista los formularios del proyecto del perfil junto a las versiones que tiene "
        "esta base de datos (la tiene, atrasada,\n"
        "no está aquí). --download ID_FORMULARIO guarda la versión actual del servidor con sus "
        "archivos CSV/GeoJSON\n"
        "y multimedia adjuntos, como un formulario agregado desde un archivo.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp central forms\n"
        "  fieldapp central forms --db campo.db --download mx_border_cso",
    },
    "clihelp.central_forms.download": {
        "en": "download this form (repeatable)",
        "es": "descargar este formulario (repetible)",
    },
    "clihelp.central_push": {
        "en": "send every finalized interview not yet sent to the profile's project; exit 1 if "
        "the link\n"
        "broke (what is left waits in the queue)\n"
        "\n"
        "Send every finalized interview not yet sent, as the OpenRosa submission Collect "
        "sends (an edit\n"
        "after a return goes as a new version of the same submission). Sending again sends "
        "nothing twice;\n"
        "a dropped connection or a closed laptop leaves the rest waiting for the next "
        "push. Interviews\n"
        "Central refuses keep its reason; --retry-refused tries them again. A web user's "
        "profile first\n"
        "reads the server's list of each form's submissions: what it already holds is not "
        "sent again.\n"
        "\n"
        "Examples:\n"
        "  fieldapp central push\n"
        "  fieldapp central push --db field.db --json",
        "es": "enviar al proyecto del perfil cada entrevista finalizada aún no enviada; sale con "
        "1 si la conexión\n"
        "se cortó (lo que queda espera en la cola)\n"
        "\n"
        "Envía cada entrevista finalizada aún no enviada, como el envío OpenRosa que manda "
        "Collect (una edición\n"
        "tras una devolución va como una versión nueva del mismo envío). Enviar otra vez "
        "no envía nada dos veces;\n"
        "una conexión caída o una computadora cerrada deja el resto esperando el siguiente "
        "push. Las entrevistas\n"
        "que Central rechaza conservan su motivo; --retry-refused las intenta otra vez. Con "
        "un perfil de usuario web\n"
        "lee primero la lista de envíos de cada formulario en el servidor: lo que ya tiene "
        "no se envía otra vez.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp central push\n"
        "  fieldapp central push --db campo.db --json",
    },
    "clihelp.central_push.retry_refused": {
        "en": "try the refused interviews again too",
        "es": "intentar otra vez también las entrevistas rechazadas",
    },
    "clihelp.central_pull": {
        "en": "bring the project's submissions into the database as one more device, with "
        "Central's review\n"
        "decisions (a web user profile)\n"
        "\n"
        "Bring the project's submissions in, for the supervisor: they arrive as the rows "
        "of one more\n"
        "device (a mirror database beside this one) and are merged with every check a "
        "package meets;\n"
        "interviews this database already holds are recognised; encrypted ones come down "
        "sealed when\n"
        "--key opens the study key they are sealed for, else they stay on the server with "
        "the reason.\n"
        "Central's approvals and returns follow. Pulling twice changes nothing. With "
        "--send-reviews, this\n"
        "database's approvals and returns go up to Central too. Needs a web user's profile "
        "(login\n"
        "--email).\n"
        "\n"
        "Examples:\n"
        "  fieldapp central pull --db supervisor.db\n"
        "  fieldapp central pull --form mx_border_cso\n"
        "  fieldapp central pull --send-reviews\n"
        "  fieldapp central pull --key study-key.pem",
        "es": "traer los envíos del proyecto a la base de datos como un dispositivo más, con las "
        "decisiones de revisión\n"
        "de Central (un perfil de usuario web)\n"
        "\n"
        "Trae los envíos del proyecto, para el supervisor: llegan como las filas de un "
        "dispositivo\n"
        "más (una base de datos espejo junto a esta) y se fusionan con todas las "
        "revisiones que pasa un paquete;\n"
        "las entrevistas que esta base de datos ya tiene se reconocen; las cifradas llegan "
        "selladas cuando\n"
        "--key abre la clave del estudio para la que están selladas, si no, se quedan en "
        "el servidor con el motivo.\n"
        "Las aprobaciones y devoluciones de Central las acompañan. Traer dos veces no "
        "cambia nada. Con --send-reviews, las\n"
        "aprobaciones y devoluciones de esta base de datos también suben a Central. "
        "Necesita el perfil de un usuario web (login\n"
        "--email).\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp central pull --db supervisor.db\n"
        "  fieldapp central pull --form mx_border_cso\n"
        "  fieldapp central pull --send-reviews\n"
        "  fieldapp central pull --key study-key.pem",
    },
    "clihelp.central_pull.form": {
        "en": "pull only this form (repeatable)",
        "es": "traer solo este formulario (repetible)",
    },
    "clihelp.central_pull.key": {
        "en": "the study's private key: encrypted submissions come down sealed for it "
        "(passphrase asked, or FIELDAPP_PASSPHRASE for scripts)",
        "es": "la clave privada del estudio: los envíos cifrados llegan sellados para ella (se "
        "pide la frase de contraseña, o FIELDAPP_PASSPHRASE para scripts)",
    },
    "clihelp.central_pull.send_reviews": {
        "en": "also send this database's approvals and returns to Central (as approved / "
        "hasIssues, with the comment unless the interview is sealed)",
        "es": "enviar también a Central las aprobaciones y devoluciones de esta base de datos "
        "(como approved / hasIssues, con el comentario a menos que la entrevista esté "
        "sellada)",
    },
    "clihelp.central_status": {
        "en": "list the server profiles and how many interviews wait, went and were refused\n"
        "\n"
        "List the saved server profiles (never their secrets) and, for the database, how "
        "many interviews\n"
        "wait in each profile's queue, were sent, or were refused. Needs no network.\n"
        "\n"
        "Examples:\n"
        "  fieldapp central status\n"
        "  fieldapp central status --db field.db --json",
        "es": "listar los perfiles de servidor y cuántas entrevistas esperan, se enviaron y se "
        "rechazaron\n"
        "\n"
        "Lista los perfiles de servidor guardados (nunca sus secretos) y, para la base de "
        "datos, cuántas entrevistas\n"
        "esperan en la cola de cada perfil, se enviaron o se rechazaron. No necesita red.\n"
        "\n"
        "Ejemplos:\n"
        "  fieldapp central status\n"
        "  fieldapp central status --db campo.db --json",
    },
    "clihelp.fieldapp": {
        "en": "Offline field interviews on XLSForms: collect, merge, review, export. Without a "
        "command, the desktop app opens. `fieldapp COMMAND --help` explains each command "
        "with examples.",
        "es": "Entrevistas de campo sin conexión con XLSForms: recopilar, fusionar, revisar, "
        "exportar. Sin un comando, se abre la aplicación de escritorio. `fieldapp COMANDO "
        "--help` explica cada comando con ejemplos.",
    },
    "clihelp.usage": {
        "en": "usage:",
        "es": "uso:",
    },
    "clihelp.positionals": {
        "en": "positional arguments",
        "es": "argumentos posicionales",
    },
    "clihelp.options": {
        "en": "options",
        "es": "opciones",
    },
    "clihelp.help": {
        "en": "show this help message and exit",
        "es": "mostrar este mensaje de ayuda y salir",
    },
    "clihelp.version": {
        "en": "show program's version number and exit",
        "es": "mostrar el número de versión del programa y salir",
    },
    "clihelp.examples": {
        "en": "examples:",
        "es": "ejemplos:",
    },
    "clihelp.exit_codes": {
        "en": "Exit codes: 0 done; 1 a problem you can fix, said in one line on stderr; 2 bad "
        "usage.",
        "es": "Códigos de salida: 0 hecho; 1 un problema que usted puede corregir, dicho en una "
        "línea en stderr; 2 uso incorrecto.",
    },
    # The placeholders of the usage lines and the options (argparse's metavars), by their
    # English word: `--key FILE`, `--key ARCHIVO`.
    "clihelp.placeholder.a": {"en": "A", "es": "A"},
    "clihelp.placeholder.action": {"en": "ACTION", "es": "ACCIÓN"},
    "clihelp.placeholder.actor": {"en": "ACTOR", "es": "ACTOR"},
    "clihelp.placeholder.actor_type": {"en": "ACTOR_TYPE", "es": "TIPO_DE_ACTOR"},
    "clihelp.placeholder.c": {"en": "C", "es": "C"},
    "clihelp.placeholder.city": {"en": "CITY", "es": "CIUDAD"},
    "clihelp.placeholder.code": {"en": "CODE", "es": "CÓDIGO"},
    "clihelp.placeholder.command": {"en": "COMMAND", "es": "COMANDO"},
    "clihelp.placeholder.date": {"en": "DATE", "es": "FECHA"},
    "clihelp.placeholder.db": {"en": "DB", "es": "BD"},
    "clihelp.placeholder.device_id": {"en": "DEVICE_ID", "es": "ID_DISPOSITIVO"},
    "clihelp.placeholder.dir": {"en": "DIR", "es": "CARPETA"},
    "clihelp.placeholder.email": {"en": "EMAIL", "es": "CORREO"},
    "clihelp.placeholder.file": {"en": "FILE", "es": "ARCHIVO"},
    "clihelp.placeholder.file_json": {"en": "FILE.json", "es": "ARCHIVO.json"},
    "clihelp.placeholder.form": {"en": "FORM", "es": "FORMULARIO"},
    "clihelp.placeholder.form_id": {"en": "FORM_ID", "es": "ID_FORMULARIO"},
    "clihelp.placeholder.id": {"en": "ID", "es": "ID"},
    "clihelp.placeholder.interviewer": {"en": "INTERVIEWER", "es": "ENTREVISTADOR"},
    "clihelp.placeholder.k": {"en": "K", "es": "K"},
    "clihelp.placeholder.key_text": {"en": "KEY=TEXT", "es": "CLAVE=TEXTO"},
    "clihelp.placeholder.n": {"en": "N", "es": "N"},
    "clihelp.placeholder.name": {"en": "NAME", "es": "NOMBRE"},
    "clihelp.placeholder.out": {"en": "OUT", "es": "SALIDA"},
    "clihelp.placeholder.path": {"en": "PATH", "es": "RUTA"},
    "clihelp.placeholder.profile": {"en": "PROFILE", "es": "PERFIL"},
    "clihelp.placeholder.project": {"en": "PROJECT", "es": "PROYECTO"},
    "clihelp.placeholder.reason": {"en": "REASON", "es": "MOTIVO"},
    "clihelp.placeholder.s": {"en": "S", "es": "E"},
    "clihelp.placeholder.seed": {"en": "SEED", "es": "SEMILLA"},
    "clihelp.placeholder.source": {"en": "SOURCE", "es": "ORIGEN"},
    "clihelp.placeholder.text": {"en": "TEXT", "es": "TEXTO"},
    "clihelp.placeholder.url": {"en": "URL", "es": "URL"},
    "clihelp.placeholder.x": {"en": "X", "es": "X"},
}
