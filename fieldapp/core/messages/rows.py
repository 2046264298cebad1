"""User-facing messages of the row rules (``validate``) and ``fieldapp check``."""

from fieldapp.core.row_bounds import (
    MAX_ANSWERS_CHARS,
    MAX_JSON_DEPTH,
    MAX_LABEL_CHARS,
    MAX_PAYLOAD_CHARS,
    MAX_REPEAT_INSTANCES,
    MAX_REVISIONS,
    MAX_TEXT_CHARS,
)

_CHARS = f"{MAX_TEXT_CHARS:,}"
_LABEL = f"{MAX_LABEL_CHARS:,}"
_INSTANCES = f"{MAX_REPEAT_INSTANCES:,}"
_REVISIONS = f"{MAX_REVISIONS:,}"
_ANSWERS_MIB = MAX_ANSWERS_CHARS // (1024 * 1024)
_PAYLOAD_MIB = MAX_PAYLOAD_CHARS // (1024 * 1024)
_DEPTH = f"{MAX_JSON_DEPTH:,}"

MESSAGES: dict[str, dict[str, str]] = {
    # --- the rule a row breaks (shown inside merge.bad_row and check.bad_row) -------------
    "rows.bad_time": {
        "en": "its time ({detail}) is not a date and time, or lies in the future",
        "es": "su hora ({detail}) no es una fecha y hora, o está en el futuro",
    },
    "rows.bad_id": {
        "en": 'its id ("{detail}") is not a random UUID as fieldapp makes them, and a file '
        "named after it could land outside its folder",
        "es": 'su identificador ("{detail}") no es un UUID aleatorio como los que crea fieldapp, '
        "y un archivo con ese nombre podría quedar fuera de su carpeta",
    },
    "rows.bad_parents": {
        "en": "its list of earlier versions is not a list of ids",
        "es": "su lista de versiones anteriores no es una lista de identificadores",
    },
    "rows.bad_attachments": {
        "en": "its list of attached files is not a map of file names to checksums",
        "es": "su lista de archivos adjuntos no asocia nombres de archivo a sumas de verificación",
    },
    "rows.unknown_form": {
        "en": "its interview names a form version that is missing or does not load ({detail})",
        "es": "su entrevista nombra una versión de formulario que falta o no se puede cargar "
        "({detail})",
    },
    "rows.storage": {
        "en": "its answers are stored in a way the form does not allow (in clear for a sealed "
        "form, or sealed for a form without a key; state {detail})",
        "es": "sus respuestas están guardadas de un modo que el formulario no permite (en "
        "claro para un formulario sellado, o selladas para uno sin clave; estado {detail})",
    },
    "rows.answers_not_object": {
        "en": "its answers are not a set of named answers (JSON object)",
        "es": "sus respuestas no son un conjunto de respuestas con nombre (objeto JSON)",
    },
    "rows.bad_sealed": {
        "en": "its sealed record has the wrong structure or key for its form (state {detail})",
        "es": "su registro sellado tiene una estructura o clave que no corresponde a su "
        "formulario (estado {detail})",
    },
    "rows.unknown_name": {
        "en": 'it answers "{detail}", a name its form does not define',
        "es": 'responde a "{detail}", un nombre que su formulario no define',
    },
    "rows.wrong_type": {
        "en": 'its answer to "{detail}" is not of the question\'s type',
        "es": 'su respuesta a "{detail}" no es del tipo de la pregunta',
    },
    "rows.form_id_mismatch": {
        "en": 'it is listed under the form "{detail}" but names a version of another form',
        "es": 'figura bajo el formulario "{detail}" pero nombra una versión de otro formulario',
    },
    "rows.unknown_kind": {
        "en": 'its kind "{detail}" is not one this fieldapp writes (a newer fieldapp may '
        "have written it: every device of a study must run the same version)",
        "es": 'su tipo "{detail}" no es uno que escriba este fieldapp (puede haberlo escrito '
        "un fieldapp más nuevo: todos los dispositivos de un estudio deben usar la misma "
        "versión)",
    },
    "rows.bad_payload": {
        "en": 'its content does not have the members a "{detail}" event needs',
        "es": 'su contenido no tiene los campos que necesita un evento "{detail}"',
    },
    "rows.nameless_resolution": {
        "en": "it resolves a conflict of the interview {detail} without naming who chose",
        "es": "resuelve un conflicto de la entrevista {detail} sin nombrar a quien eligió",
    },
    "rows.study_wide": {
        "en": 'a "{detail}" event must name an interview exactly when it is not study-wide',
        "es": 'un evento "{detail}" debe nombrar una entrevista si y solo si no es de todo '
        "el estudio",
    },
    "rows.listing_unsigned": {
        "en": "its form, city, interviewer or actor type is not what the device that started "
        "the interview ({detail}) signed",
        "es": "su formulario, ciudad, entrevistador o tipo de actor no es lo que firmó el "
        "dispositivo que inició la entrevista ({detail})",
    },
    "rows.started_elsewhere": {
        "en": "it names the device {detail} as the one that started the interview, but that "
        "device did not sign the interview's first version",
        "es": "nombra al dispositivo {detail} como el que inició la entrevista, pero ese "
        "dispositivo no firmó la primera versión de la entrevista",
    },
    "rows.foreign_start": {
        "en": "it is a first version of the interview {detail} signed by another device "
        "than the one that started it",
        "es": "es una primera versión de la entrevista {detail} firmada por otro dispositivo "
        "que el que la inició",
    },
    "rows.form_row_mismatch": {
        "en": "it is listed as the form and version {detail}, but its workbook is another "
        "form or version",
        "es": "figura como el formulario y la versión {detail}, pero su libro es otro "
        "formulario u otra versión",
    },
    "rows.form_title_mismatch": {
        "en": 'it is listed with the title "{detail}", but its workbook gives another title '
        "(the form list and New interview would show it as another form)",
        "es": 'figura con el título "{detail}", pero su libro da otro título (la lista de '
        "formularios y Nueva entrevista lo mostrarían como otro formulario)",
    },
    "rows.form_unloadable": {
        "en": 'the form "{detail}" cannot be loaded by this fieldapp',
        "es": 'este fieldapp no puede cargar el formulario "{detail}"',
    },
    "rows.certificate_unverified": {
        "en": "it certifies the device {detail} as the study's supervisor, but no sealed form "
        "held here seals for the key that signed it (set aside, it certifies nothing, and "
        "what that device signed as the supervisor is set aside with it)",
        "es": "certifica al dispositivo {detail} como supervisión del estudio, pero ningún "
        "formulario sellado de aquí está sellado para la clave que lo firmó (apartado, no "
        "certifica nada, y lo que ese dispositivo firmó como supervisión se aparta con él)",
    },
    # What to do is said here: `fieldapp check` and the devices desk print only the rule.
    "rows.revisions_not_supervisor": {
        "en": "it is a version approved or returned, written by the device {detail}, which is "
        "not the study's certified supervisor: it was taken before merges refused a laptop's "
        "decision, and a merge into a database that never held it refuses it and the package "
        "with it. Set it aside (fieldapp check --quarantine, or Set aside in Devices and "
        "integrity), where this database may act for the study: the interview then waits for the "
        "supervisor's review again",
        "es": "es una versión aprobada o devuelta, escrita por el dispositivo {detail}, que no "
        "es la supervisión certificada del estudio: se recibió antes de que las fusiones "
        "rechazaran la decisión de un portátil, y una fusión en una base que nunca la tuvo "
        "la rechaza, y el paquete con ella. Apártela (fieldapp check --quarantine, o Apartar "
        "en Dispositivos e integridad), donde esta base puede actuar por el estudio: la "
        "entrevista vuelve a esperar la revisión de la supervisión",
    },
    "rows.events_not_supervisor": {
        "en": "it is a review (a decision or a comment on a question) written by the device "
        "{detail}, which is not the study's certified supervisor: it was taken before the "
        "supervisor was certified, and a merge into a database that never held it refuses "
        "it and the package with it. Set it aside (fieldapp check --quarantine, or Set aside "
        "in Devices and integrity), where this database may act for the study",
        "es": "es una revisión (una decisión o un comentario sobre una pregunta) escrita por "
        "el dispositivo {detail}, que no es la supervisión certificada del estudio: se "
        "recibió antes de que se certificara la supervisión, y una fusión en una base que "
        "nunca la tuvo la rechaza, y el paquete con ella. Apártela (fieldapp check "
        "--quarantine, o Apartar en Dispositivos e integridad), donde esta base puede actuar "
        "por el estudio",
    },
    "rows.unsigned": {
        "en": "it names the device {detail}, which signs its rows here, but carries no "
        "signature of that device",
        "es": "nombra el dispositivo {detail}, que aquí firma sus registros, pero no lleva "
        "ninguna firma de ese dispositivo",
    },
    "rows.signed_as_this_laptop": {
        # A link of this database's own device under another key (attack7).
        "en": "it is signed in the name of this laptop ({detail}) by another key than this "
        "laptop's own: someone posed as this laptop, and an older fieldapp took it (a merge "
        "refuses it now). Set it aside (fieldapp check --quarantine, or Set aside in Devices "
        "and integrity), where this database may act for the study, and tell the study "
        "coordinator: this laptop's packages carry that key's signatures too, and a merge "
        "refuses them, set aside or not",
        "es": "está firmado en nombre de esta computadora ({detail}) con otra clave que la "
        "suya: alguien se hizo pasar por esta computadora, y un fieldapp anterior lo aceptó "
        "(hoy una fusión lo rechaza). Apártelo (fieldapp check --quarantine, o Apartar en "
        "Dispositivos e integridad), donde esta base puede actuar por el estudio, y avise a "
        "la coordinación del estudio: los paquetes de esta computadora llevan también las "
        "firmas de esa clave, y una fusión los rechaza, apartado o no",
    },
    # The reason of the quarantine that takes back a record set aside as unsigned.
    "rows.signed_since": {
        "en": "it set aside a record of the device {detail} for carrying no signature of it, "
        "and that device's signature of the record came since",
        "es": "apartaba un registro del dispositivo {detail} por no llevar ninguna firma "
        "suya, y la firma de ese dispositivo para ese registro llegó después",
    },
    # --- bounds on valid rows (``row_bounds``): a rogue laptop's signed rows ---------------
    "rows.text_too_long": {
        "en": f'its answer to "{{detail}}" is longer than {_CHARS} characters, the most '
        "fieldapp keeps in one answer",
        "es": f'su respuesta a "{{detail}}" tiene más de {_CHARS} caracteres, lo máximo '
        "que fieldapp guarda en una respuesta",
    },
    "rows.comment_too_long": {
        "en": f"its comment is longer than {_CHARS} characters, the most fieldapp keeps in "
        "one comment",
        "es": f"su comentario tiene más de {_CHARS} caracteres, lo máximo que fieldapp "
        "guarda en un comentario",
    },
    "rows.too_many_instances": {
        "en": f"its answers hold more than {_INSTANCES} repeated entries (at "
        '"{detail}"), the most one interview may hold',
        "es": f"sus respuestas tienen más de {_INSTANCES} entradas repetidas (en "
        '"{detail}"), lo máximo que admite una entrevista',
    },
    "rows.answers_too_large": {
        "en": f"its answers take more than {_ANSWERS_MIB} MiB, the most one saved version of "
        "an interview may take",
        "es": f"sus respuestas ocupan más de {_ANSWERS_MIB} MiB, lo máximo que puede ocupar "
        "una versión guardada de una entrevista",
    },
    "rows.label_too_long": {
        "en": f"its {{detail}} is longer than {_LABEL} characters, the most fieldapp keeps "
        "in a name",
        "es": f"su campo {{detail}} tiene más de {_LABEL} caracteres, lo máximo que "
        "fieldapp guarda en un nombre",
    },
    "rows.payload_too_large": {
        "en": f'the content of its "{{detail}}" event takes more than {_PAYLOAD_MIB} MiB, '
        "the most one event may take",
        "es": f'el contenido de su evento "{{detail}}" ocupa más de {_PAYLOAD_MIB} MiB, lo '
        "máximo que puede ocupar un evento",
    },
    "rows.attachment_name_too_long": {
        "en": f"it names an attached file with more than {_LABEL} characters, the most "
        "fieldapp keeps in a name",
        "es": f"nombra un archivo adjunto con más de {_LABEL} caracteres, lo máximo que "
        "fieldapp guarda en un nombre",
    },
    "rows.payload_too_deep": {
        "en": f'the content of its "{{detail}}" event nests lists more than {_DEPTH} levels '
        "deep, deeper than fieldapp ever writes",
        "es": f'el contenido de su evento "{{detail}}" anida listas a más de {_DEPTH} '
        "niveles, más de lo que escribe fieldapp",
    },
    "rows.record_too_deep": {
        "en": f"its answers nest lists more than {_DEPTH} levels deep, deeper than any "
        "form fieldapp reads",
        "es": f"sus respuestas anidan listas a más de {_DEPTH} niveles, más que cualquier "
        "formulario que lea fieldapp",
    },
    "rows.too_many_revisions": {
        "en": f"its interview has {{detail}} saved versions, more than the {_REVISIONS} "
        "one interview may have",
        "es": f"su entrevista tiene {{detail}} versiones guardadas, más de las {_REVISIONS} "
        "que admite una entrevista",
    },
    "rows.merge_refused": {
        "en": "{path}: the record {key} (table {table}) is valid but {rule}, beyond what "
        "fieldapp ever writes. Nothing was merged. The laptop that signed it does not run "
        "fieldapp as shipped: check it, and revoke it (Review › Devices and integrity…, or "
        "fieldapp devices revoke) if it is out of its researcher's hands. If such a record "
        "is already in a database, fieldapp check --db lists it and --quarantine sets it "
        "aside.",
        "es": "{path}: el registro {key} (tabla {table}) es válido pero {rule}, más allá de "
        "lo que escribe fieldapp. No se fusionó nada. La computadora que lo firmó no usa "
        "fieldapp tal como se distribuye: revísela y revóquela (Revisión › Dispositivos e "
        "integridad…, o fieldapp devices revoke) si ya no está en manos de quien "
        "la usa en el campo. Si un registro así ya está en una base de datos, fieldapp check "
        "--db lo enumera y --quarantine lo aparta.",
    },
    "rows.sealed_refused": {
        "en": "The sealed interview {submission} opens with the study key, but {rule} "
        "(version {revision}): beyond what fieldapp ever writes, so it is not opened. The "
        "laptop that sealed it does not run fieldapp as shipped: check it, and revoke it "
        "(Review › Devices and integrity…) if it is out of its researcher's hands. fieldapp "
        "check --db with --key lists such records and --quarantine sets them aside.",
        "es": "La entrevista sellada {submission} se abre con la clave del estudio, pero "
        "{rule} (versión {revision}): más allá de lo que escribe fieldapp, así que no se "
        "abre. La computadora que la selló no usa fieldapp tal como se distribuye: revísela "
        "y revóquela (Revisión › Dispositivos e integridad…) si ya no está en manos de quien "
        "la usa en el campo. fieldapp check --db con --key enumera esos registros y "
        "--quarantine los aparta.",
    },
    "rows.write_refused": {
        "en": "Not saved: {rule} (interview {submission}). Every merge would refuse such a "
        "record, so fieldapp does not write it: shorten what is too long, or finish this "
        "interview and start another one for the rest. Nothing was changed.",
        "es": "No se guardó: {rule} (entrevista {submission}). Toda fusión rechazaría un "
        "registro así, por eso fieldapp no lo escribe: acorte lo que es demasiado largo, o "
        "termine esta entrevista y empiece otra para el resto. No se cambió nada.",
    },
    # --- fieldapp check --------------------------------------------------------------------
    "check.bad_row": {
        "en": "{path}: {table} {key}: {rule}.",
        "es": "{path}: {table} {key}: {rule}.",
    },
    "check.quarantined": {
        "en": "{path}: {count, plural, one {# row is quarantined: the list, review, export, "
        "status and merge leave it out.} other {# rows are quarantined: the list, review, "
        "export, status and merge leave them out.}}",
        "es": "{path}: {count, plural, one {# fila está en cuarentena: la lista, la revisión, "
        "la exportación, el estado y la fusión la dejan fuera.} other {# filas están en "
        "cuarentena: la lista, la revisión, la exportación, el estado y la fusión las dejan "
        "fuera.}}",
    },
    "check.quarantined_now": {
        "en": "{path}: {count, plural, one {# row set aside} other {# rows set aside}} in "
        "quarantine (nothing was deleted; the quarantine travels with this database's "
        "packages).",
        "es": "{path}: {count, plural, one {# fila apartada} other {# filas apartadas}} en "
        "cuarentena (no se borró nada; la cuarentena viaja con los paquetes de esta base de "
        "datos).",
    },
    "check.cancelled": {
        "en": "Check cancelled: nothing was changed. Check again when there is time: with "
        "the study key open it reads every sealed version, which takes minutes on a large "
        "study.",
        "es": "Comprobación cancelada: no se cambió nada. Compruebe de nuevo cuando haya "
        "tiempo: con la clave del estudio abierta lee cada versión sellada, lo que tarda "
        "minutos en un estudio grande.",
    },
    "check.reason_needed": {
        "en": "Say why the rows are set aside: add --reason TEXT to --quarantine.",
        "es": "Indique por qué se apartan las filas: agregue --reason TEXTO a --quarantine.",
    },
    "check.not_supervisor": {
        "en": "{path} is not the study's certified supervisor's database: only the "
        "supervisor may set rows aside (every merge would refuse this laptop's quarantine). "
        "Tell her which rows the check lists. Nothing was changed.",
        "es": "{path} no es la base de datos de la supervisión certificada del estudio: solo "
        "la supervisión puede apartar filas (toda fusión rechazaría la cuarentena de esta "
        "computadora). Avísele qué filas enumera la comprobación. No se cambió nada.",
    },
    "quarantine.skipped": {
        "en": "Quarantined rows left out: {count} (the supervisor set them aside, or "
        "they name a device that signs its rows but carry no signature of it; "
        "Review › Devices and integrity…, or fieldapp check --db, lists them).",
        "es": "Filas en cuarentena dejadas fuera: {count} (la supervisora las apartó, o "
        "nombran un dispositivo que firma sus registros pero no llevan ninguna firma "
        "suya; Revisión › Dispositivos e integridad…, o fieldapp check --db, las "
        "enumera).",
    },
    "quarantine.bad_table": {
        "en": "Rows of table {table} cannot be quarantined; only rows of {tables}.",
        "es": "Las filas de la tabla {table} no se pueden poner en cuarentena; solo las de "
        "{tables}.",
    },
    "check.clean": {
        "en": "{path}: every row is one this fieldapp would write; nothing to repair.",
        "es": "{path}: todas las filas son como las escribiría este fieldapp; no hay nada "
        "que reparar.",
    },
    "check.instance_claimed": {
        "en": "{path}: interviews {copy} (ODK Central's copy) and {interview} both carry the "
        "instanceID {instance_id}; interview {interview} did not make that id and says "
        "otherwise. Both stay listed. Compare them: if interview {interview} is not the one "
        "ODK Central holds, the device that wrote it took another submission's id; tell the "
        "study coordinator.{set_aside}",
        "es": "{path}: las entrevistas {copy} (la copia de ODK Central) y {interview} llevan "
        "las dos el instanceID {instance_id}; la entrevista {interview} no creó ese "
        "identificador y dice otra cosa. Las dos siguen en la lista. Compárelas: si la "
        "entrevista {interview} no es la que tiene ODK Central, el dispositivo que la "
        "escribió tomó el identificador de otro envío; avise a la coordinación del estudio."
        "{set_aside}",
    },
    "check.copy_same_listed": {
        # a sealed claim the key of --key opened, in a command that writes nothing (claims4)
        "en": "{path}: ODK Central's copy {copy} says what interview {interview} says, now "
        "that the study key opens them: the same interview, no claim. Nothing was written, "
        "so both stay listed until the study key is opened in the app (which sets the copy "
        "aside) or with fieldapp check --quarantine --key.",
        "es": "{path}: la copia de ODK Central {copy} dice lo mismo que la entrevista "
        "{interview}, ahora que la clave del estudio las abre: la misma entrevista, no un "
        "reclamo. No se escribió nada, así que las dos siguen en la lista hasta que se abra "
        "la clave del estudio en la aplicación (que aparta la copia) o con fieldapp check "
        "--quarantine --key.",
    },
    "check.copy_same_settled": {
        "en": "{path}: ODK Central's copy {copy} says what interview {interview} says, now "
        "that the study key opens them: the copy is set aside, as a merge with the key open "
        "would have done; interview {interview} stays listed.",
        "es": "{path}: la copia de ODK Central {copy} dice lo mismo que la entrevista "
        "{interview}, ahora que la clave del estudio las abre: la copia queda apartada, como "
        "lo habría hecho una fusión con la clave abierta; la entrevista {interview} sigue en "
        "la lista.",
    },
    "check.claim_set_aside": {
        "en": " To set aside the one ODK Central does not hold: fieldapp review set-aside ID "
        "--db {db} --author NAME (ID: {interview} or {copy}).",
        "es": " Para apartar la que no tiene ODK Central: fieldapp review set-aside ID --db "
        "{db} --author NOMBRE (ID: {interview} o {copy}).",
    },
    "check.claim_supervisor_only": {
        "en": " Only the study's supervisor can set one aside, from her database.",
        "es": " Solo la supervisora del estudio puede apartar una, desde su base de datos.",
    },
    "check.two_keys": {
        # Another device's links under two keys or more (attack7): nothing says which is its.
        "en": "{path}: the device {device} signed rows here with more than one key "
        "(fingerprints {fingerprints}); a device signs with one, so someone posed as it, and "
        "an older fieldapp took both. This database cannot tell which key is the laptop's "
        "own (its links do not say which came first), so no row is listed or set aside. "
        "Ask the laptop's user to read out its fingerprint (fieldapp devices show) and tell "
        "the study coordinator both: the rows of the other key are to be set aside.",
        "es": "{path}: el dispositivo {device} firmó filas aquí con más de una clave (huellas "
        "{fingerprints}); un dispositivo firma con una, así que alguien se hizo pasar por él, "
        "y un fieldapp anterior aceptó las dos. Esta base no puede saber cuál es la clave de "
        "la computadora (sus firmas no dicen cuál llegó primero), así que no se lista ni se "
        "aparta ninguna fila. Pida a quien usa la computadora que lea su huella (fieldapp "
        "devices show) y comunique las dos a la coordinación del estudio: hay que apartar "
        "las filas de la otra clave.",
    },
    "check.copy_set_aside_for_nothing": {
        # A copy of Central's set aside by a version that no longer counts (attack7).
        "en": "{path}: ODK Central's copy {copy} was set aside as the same as an interview "
        "beside it, but no interview listed here is that interview now: the version that "
        "made it give way was set aside since, or was not signed by its device (made up in a "
        "laptop's name, or an older fieldapp's). The copy is a submission ODK Central holds, "
        "left out of the list, the review and the exports.{then}",
        "es": "{path}: la copia de ODK Central {copy} se apartó por ser la misma que una "
        "entrevista a su lado, pero ninguna entrevista de la lista es hoy esa entrevista: la "
        "versión que la hizo apartarse se apartó después, o no la firmó su dispositivo "
        "(inventada en nombre de una computadora, o de un fieldapp anterior). La copia es un "
        "envío que tiene ODK Central, fuera de la lista, la revisión y las exportaciones."
        "{then}",
    },
    "check.copy_take_back_how": {
        "en": " Compare it with the interviews in the review desk; to take it back (list it "
        "again): fieldapp check --db {db} --quarantine --author NAME.",
        "es": " Compárela con las entrevistas en el escritorio de revisión; para recuperarla "
        "(volver a listarla): fieldapp check --db {db} --quarantine --author NOMBRE.",
    },
    "check.copy_taken_back": {
        "en": " It is taken back: listed again, its set-aside set aside in turn (it travels).",
        "es": " Se recuperó: vuelve a la lista, y su apartado quedó a su vez apartado (viaja "
        "con los paquetes).",
    },
    "check.copy_take_back_supervisor_only": {
        "en": " Only the study's supervisor can take it back, from her database.",
        "es": " Solo la supervisora del estudio puede recuperarla, desde su base de datos.",
    },
    "check.copy_taken_back_reason": {
        # The reason of the quarantine that takes such a set-aside back (it travels).
        "en": "ODK Central's copy {copy} was set aside by a version that no longer counts "
        "(set aside, or not signed by its device): taken back by fieldapp check",
        "es": "la copia de ODK Central {copy} se apartó por una versión que ya no cuenta "
        "(apartada, o no firmada por su dispositivo): recuperada por fieldapp check",
    },
    "check.written_on_set_aside": {
        "en": "{path}: version {revision} of interview {interview}, saved by {author} on "
        "{day}, was written on a version of it since set aside (forged, or not its device's) "
        "and carries that version's answers. It stays, as a conflict: the interview shows its "
        "other version. Read both in the review desk and keep the right answers; review it "
        "again if this version was a review.",
        "es": "{path}: la versión {revision} de la entrevista {interview}, guardada por "
        "{author} el {day}, se escribió sobre una versión suya apartada después (falsificada, "
        "o que no es de su dispositivo) y lleva las respuestas de esa versión. Se queda, como "
        "un conflicto: la entrevista muestra su otra versión. Lea las dos en el escritorio de "
        "revisión y conserve las respuestas correctas; revísela de nuevo si esta versión era "
        "una revisión.",
    },
    "check.review_on_set_aside": {
        "en": "{path}: version {revision} of interview {interview}, a review saved by "
        "{author} on {day}, was written on a version of it since set aside (forged, or not "
        "its device's) and is all the interview has left: it carries that version's answers, "
        "and counts as not reviewed. Read it in the review desk: review it again only if its "
        "answers are right, or set the interview aside.",
        "es": "{path}: la versión {revision} de la entrevista {interview}, una revisión "
        "guardada por {author} el {day}, se escribió sobre una versión suya apartada después "
        "(falsificada, o que no es de su dispositivo) y es todo lo que queda de la entrevista: "
        "lleva las respuestas de esa versión y cuenta como no revisada. Léala en el escritorio "
        "de revisión: revísela de nuevo solo si sus respuestas son correctas, o aparte la "
        "entrevista.",
    },
    "check.found": {
        "en": "{path}: {count, plural, one {# row would be refused} other {# rows would be "
        "refused}} by a merge today. Keep the file as it is and tell the study coordinator.",
        "es": "{path}: una fusión rechazaría hoy {count, plural, one {# fila} "
        "other {# filas}}. Conserve el archivo tal como está y avise a la coordinación del "
        "estudio.",
    },
}
