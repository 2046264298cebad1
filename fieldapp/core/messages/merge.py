"""User-facing messages of the merge area: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- a source that cannot be merged: nothing was changed --------------------------------
    "merge.source_missing": {
        "en": "{path}: no such file. Check the path, or that the USB stick is plugged in. "
        "Nothing was merged.",
        "es": "{path}: el archivo no existe. Revise la ruta o que la memoria USB esté "
        "conectada. No se fusionó nada.",
    },
    "merge.source_not_file": {
        "en": "{path} is a folder, not a database file. Choose the device's database or "
        "package file inside it. Nothing was merged.",
        "es": "{path} es una carpeta, no un archivo de base de datos. Elija dentro de ella el "
        "archivo de base de datos o paquete del dispositivo. No se fusionó nada.",
    },
    "merge.not_sqlite": {
        "en": "{path} is not a fieldapp database or device package (it is not an SQLite file). "
        "Choose the file made on the device with File › Package for the supervisor… (or "
        "`fieldapp package`). Nothing was merged.",
        "es": "{path} no es una base de datos ni un paquete de fieldapp (no es un archivo "
        "SQLite). Elija el archivo creado en el dispositivo con Archivo › Paquete para el "
        "supervisor… (o `fieldapp package`). No se fusionó nada.",
    },
    "merge.truncated": {
        "en": "{path} is incomplete ({size} of {expected}): the copy was cut short. "
        "Copy it again from the device and merge again. Nothing was merged.",
        "es": "{path} está incompleto ({size} de {expected}): la copia se interrumpió. "
        "Cópielo de nuevo desde el dispositivo y vuelva a fusionar. No se fusionó nada.",
    },
    "merge.corrupt": {
        "en": "{path} is damaged and cannot be read ({reason}). Make a new package on the "
        "device (File › Package for the supervisor…) and merge that. Nothing was merged.",
        "es": "{path} está dañado y no se puede leer ({reason}). Cree un paquete nuevo en el "
        "dispositivo (Archivo › Paquete para el supervisor…) y fusione ese. "
        "No se fusionó nada.",
    },
    "merge.not_fieldapp": {
        "en": "{path} is an SQLite database of another application, not a fieldapp database. "
        "Choose the device's fieldapp database or package. Nothing was merged.",
        "es": "{path} es una base de datos SQLite de otra aplicación, no de fieldapp. Elija la "
        "base de datos o el paquete de fieldapp del dispositivo. No se fusionó nada.",
    },
    "merge.newer_schema": {
        "en": "{path} was written by a newer fieldapp (database version {found}; this one "
        "reads up to {supported}). Update fieldapp on this computer, then merge again. "
        "Nothing was merged.",
        "es": "{path} fue escrito por un fieldapp más reciente (versión de base de datos "
        "{found}; este lee hasta la {supported}). Actualice fieldapp en este equipo y vuelva a "
        "fusionar. No se fusionó nada.",
    },
    "merge.incompatible_schema": {
        "en": "{path} lacks {what} that this fieldapp needs (database version {found}). "
        "Open it once in this version of fieldapp to upgrade it, then merge again. "
        "Nothing was merged.",
        "es": "A {path} le falta {what}, que este fieldapp necesita (versión de base de datos "
        "{found}). Ábralo una vez con esta versión de fieldapp para actualizarlo y vuelva a "
        "fusionar. No se fusionó nada.",
    },
    "merge.other_study": {
        "en": '{path} belongs to the study "{source}", this database to "{ours}". Only '
        "databases of the same study can be merged. Nothing was merged.",
        "es": '{path} pertenece al estudio "{source}" y esta base de datos a "{ours}". Solo se '
        "pueden fusionar bases de datos del mismo estudio. No se fusionó nada.",
    },
    "merge.skipped_same_database": {
        "en": "{path}: skipped, it is this same database (or a copy or package of it).",
        "es": "{path}: omitido, es esta misma base de datos (o una copia o paquete de ella).",
    },
    "merge.same_database": {
        "en": "{path} is this same database (or a copy or package of it): merging it into "
        "itself would add nothing. Choose another device's file. Nothing was merged.",
        "es": "{path} es esta misma base de datos (o una copia o paquete de ella): fusionarla "
        "consigo misma no añadiría nada. Elija el archivo de otro dispositivo. "
        "No se fusionó nada.",
    },
    "merge.tampered": {
        "en": "{path}: the record {key} (table {table}) differs from the one with the same "
        "id already here. That is corruption or tampering, so nothing was merged. Keep both "
        "files unchanged and tell the study coordinator.",
        "es": "{path}: el registro {key} (tabla {table}) es distinto del que ya está aquí "
        "con el mismo identificador. Es corrupción o manipulación, así que no se fusionó "
        "nada. Conserve ambos archivos sin cambios y avise a la coordinación del estudio.",
    },
    "merge.bad_checksum": {
        "en": "{path}: the content of the record {key} (table {table}) does not match its "
        "checksum. The file was altered or damaged, so nothing was merged. Keep it "
        "unchanged and tell the study coordinator.",
        "es": "{path}: el contenido del registro {key} (tabla {table}) no coincide con su "
        "suma de verificación. El archivo fue alterado o dañado, así que no se fusionó "
        "nada. Consérvelo sin cambios y avise a la coordinación del estudio.",
    },
    "merge.dangling": {
        "en": "{path}: the record {key} (table {table}) refers to {missing}, which is in "
        "neither database. The file is incomplete or damaged; make a new package on the "
        "device and merge that. Nothing was merged.",
        "es": "{path}: el registro {key} (tabla {table}) se refiere a {missing}, que no está "
        "en ninguna de las dos bases de datos. El archivo está incompleto o dañado; cree un "
        "paquete nuevo en el dispositivo y fusione ese. No se fusionó nada.",
    },
    "merge.same_hash_differs": {
        "en": "{path}: the record {key} (table {table}) has the same id and checksum as the "
        "one already here but different content. The file was forged or damaged, so nothing "
        "was merged. Keep both files unchanged and tell the study coordinator.",
        "es": "{path}: el registro {key} (tabla {table}) tiene el mismo identificador y la "
        "misma suma de verificación que el que ya está aquí, pero otro contenido. El archivo "
        "fue falsificado o dañado, así que no se fusionó nada. Conserve ambos archivos sin "
        "cambios y avise a la coordinación del estudio.",
    },
    "merge.bad_row": {
        "en": "{path}: the record {key} (table {table}) is not one fieldapp writes: {rule}. "
        "Nothing was merged. Keep the file unchanged and tell the study coordinator "
        "(`fieldapp check --db` on the device lists every such record).",
        "es": "{path}: el registro {key} (tabla {table}) no es como los que escribe fieldapp: "
        "{rule}. No se fusionó nada. Conserve el archivo sin cambios y avise a la "
        "coordinación del estudio (`fieldapp check --db` en el dispositivo lista todos esos "
        "registros).",
    },
    "merge.listing_forged": {
        "en": "{path}: in the record {key} (table {table}), {rule}. Only a changed file or a "
        "stolen laptop's key writes that: the file was forged on device {device} or on a "
        "device whose file it merged, so nothing was merged. Keep the file unchanged, tell "
        "the study coordinator, and merge the file of the laptop that started the interview "
        "directly.",
        "es": "{path}: en el registro {key} (tabla {table}), {rule}. Solo un archivo alterado o "
        "la clave de una laptop robada escriben eso: el archivo se falsificó en el "
        "dispositivo {device} o en uno cuyo archivo fusionó, así que no se fusionó nada. "
        "Conserve el archivo sin cambios, avise a la coordinación del estudio y fusione "
        "directamente el archivo de la laptop que inició la entrevista.",
    },
    "merge.form_key_changed": {
        "en": '{path}: the form "{form_id}" version {version} {change}, unlike version '
        "{ours} already here. Only the supervisor may seal a form or change its key, so "
        "nothing was merged. Tell the study coordinator.",
        "es": '{path}: el formulario "{form_id}" versión {version} {change}, a diferencia de '
        "la versión {ours} que ya está aquí. Solo la supervisión puede sellar un formulario "
        "o cambiar su clave, así que no se fusionó nada. Avise a la coordinación del estudio.",
    },
    "merge.key_dropped": {
        "en": "has no study key (it would store interviews in clear)",
        "es": "no tiene clave del estudio (guardaría las entrevistas en claro)",
    },
    "merge.key_added": {
        "en": "is sealed with a key ({fingerprint})",
        "es": "está sellado con una clave ({fingerprint})",
    },
    "merge.key_other": {
        "en": "is sealed with another key ({fingerprint})",
        "es": "está sellado con otra clave ({fingerprint})",
    },
    "merge.foreign_object": {
        "en": '{path} holds a {kind} "{name}" that fieldapp never makes. Such a file could '
        "make the merge hang or read other data, so nothing was merged. Tell the study "
        "coordinator.",
        "es": '{path} contiene {kind} "{name}" que fieldapp nunca crea. Un archivo '
        "así podría bloquear la fusión o leer otros datos, así que no se fusionó nada. "
        "Avise a la coordinación del estudio.",
    },
    "merge.object_view": {"en": "view", "es": "una vista"},
    "merge.object_trigger": {"en": "trigger", "es": "un disparador"},
    "merge.object_virtual_table": {"en": "virtual table", "es": "una tabla virtual"},
    "merge.object_generated_column": {"en": "generated column", "es": "una columna generada"},
    "merge.object_without_rowid": {
        "en": "table without row ids",
        "es": "una tabla sin identificadores de fila",
    },
    "merge.too_slow": {
        "en": "{path} took longer than {seconds} s to merge and was stopped. A device's file "
        "never needs that long: it may be built to hang the merge. Nothing was merged.",
        "es": "La fusión de {path} tardó más de {seconds} s y se detuvo. El archivo de un "
        "dispositivo nunca necesita tanto: puede estar hecho para bloquear la fusión. "
        "No se fusionó nada.",
    },
    "merge.summary_form": {
        "en": '  new form "{form}" version {version}{sealed}',
        "es": '  nuevo formulario "{form}" versión {version}{sealed}',
    },
    "merge.summary_form_sealed": {
        "en": ", sealed for key {fingerprint}",
        "es": ", sellado para la clave {fingerprint}",
    },
    "merge.unsigned": {
        "en": "{path}: the record {key} (table {table}) is not signed by the device it names "
        "({device}), or its signature covers other content. It was forged or altered, so "
        "nothing was merged. Keep the file unchanged and tell the study coordinator.",
        "es": "{path}: el registro {key} (tabla {table}) no está firmado por el dispositivo que "
        "nombra ({device}), o su firma cubre otro contenido. Fue falsificado o alterado, así "
        "que no se fusionó nada. Conserve el archivo sin cambios y avise a la coordinación "
        "del estudio.",
    },
    "merge.unsigned_of_signer": {
        "en": "{path}: the record {key} (table {table}) names the device {device}, which signs "
        "every record it writes, but carries no signature of it: it was copied from that "
        "device's files and changed, or made up. Nothing was merged. Keep the file unchanged "
        "and tell the study coordinator; the device's own package merges as usual.",
        "es": "{path}: el registro {key} (tabla {table}) nombra al dispositivo {device}, que "
        "firma cada registro que escribe, pero no lleva ninguna firma suya: se copió de los "
        "archivos de ese dispositivo y se cambió, o se inventó. No se fusionó nada. Conserve "
        "el archivo sin cambios y avise a la coordinación del estudio; el paquete propio del "
        "dispositivo se fusiona como siempre.",
    },
    "merge.unsigned_of_own": {
        "en": "{path}: the record {key} (table {table}) names this laptop's own device "
        "({device}) but carries no signature of it. This fieldapp signs every record it "
        "writes, so it was not written here: it was copied and changed, or made up in this "
        "laptop's name. Nothing was merged. Keep the file unchanged and tell the study "
        "coordinator.",
        "es": "{path}: el registro {key} (tabla {table}) nombra al dispositivo de esta misma "
        "computadora ({device}) pero no lleva ninguna firma suya. Este fieldapp firma cada "
        "registro que escribe, así que no se escribió aquí: se copió y se cambió, o se "
        "inventó a nombre de esta computadora. No se fusionó nada. Conserve el archivo sin "
        "cambios y avise a la coordinación del estudio.",
    },
    "merge.bad_signature": {
        "en": "{path}: the signature of device {device} over the record {key} is not valid. "
        "The file was forged or altered, so nothing was merged. Keep it unchanged and tell "
        "the study coordinator.",
        "es": "{path}: la firma del dispositivo {device} sobre el registro {key} no es "
        "válida. El archivo fue falsificado o alterado, así que no se fusionó nada. "
        "Consérvelo sin cambios y avise a la coordinación del estudio.",
    },
    "merge.device_key_changed": {
        "en": "{path}: rows of device {device} are signed with another key ({fingerprint}) "
        "than the one enrolled here. Someone may be posing as that laptop, so nothing was "
        "merged. A re-installed laptop is a new device; tell the study coordinator.",
        "es": "{path}: filas del dispositivo {device} están firmadas con otra clave "
        "({fingerprint}) distinta de la registrada aquí. Alguien podría hacerse pasar por "
        "esa computadora, así que no se fusionó nada. Una computadora reinstalada es un "
        "dispositivo nuevo; avise a la coordinación del estudio.",
    },
    "merge.counter_jump": {
        "en": "{path}: device {device} places the record {key} at order {counter}, which no "
        "device could have reached from the records in the file. It was made to jump ahead "
        "of later work, so nothing was merged. Tell the study coordinator.",
        "es": "{path}: el dispositivo {device} coloca el registro {key} en el orden {counter}, "
        "al que ningún dispositivo pudo llegar con los registros del archivo. Se hizo para "
        "adelantarse a trabajo posterior, así que no se fusionó nada. Avise a la "
        "coordinación del estudio.",
    },
    "merge.bad_certificate": {
        "en": "{path}: the supervisor certificate {key} is not signed by the study key of any "
        "sealed form here. Someone may be posing as the supervisor, so nothing was merged. "
        "Tell the study coordinator.",
        "es": "{path}: el certificado de supervisión {key} no está firmado por la clave del "
        "estudio de ningún formulario sellado de aquí. Alguien podría hacerse pasar por la "
        "supervisión, así que no se fusionó nada. Avise a la coordinación del estudio.",
    },
    "merge.not_supervisor": {
        "en": '{path}: the "{kind}" record {key} comes from device {device}, which is not the '
        "study's certified supervisor. Only the supervisor sets targets, reviews and revokes "
        "devices, so nothing was merged. Tell the study coordinator.",
        "es": '{path}: el registro "{kind}" {key} viene del dispositivo {device}, que no es la '
        "supervisión certificada del estudio. Solo la supervisión fija metas, revisa y "
        "revoca dispositivos, así que no se fusionó nada. Avise a la coordinación del estudio.",
    },
    "merge.revoked_device": {
        "en": "{path}: the record {key} is signed by device {device}, which the supervisor "
        "revoked (lost or stolen). Nothing was merged. Tell the study coordinator where this "
        "file came from.",
        "es": "{path}: el registro {key} está firmado por el dispositivo {device}, que la "
        "supervisión revocó (perdido o robado). No se fusionó nada. Avise a la coordinación "
        "del estudio de dónde vino este archivo.",
    },
    "merge.form_not_published": {
        "en": '{path}: the form "{form_id}" it brings was not published by the study\'s '
        "supervisor. A laptop passes the supervisor's forms on but cannot add its own, so "
        "nothing was merged. Ask the supervisor to add the form.",
        "es": '{path}: el formulario "{form_id}" que trae no fue publicado por la supervisión '
        "del estudio. Una computadora transmite los formularios de la supervisión pero no "
        "puede agregar los suyos, así que no se fusionó nada. Pida a la supervisión que "
        "agregue el formulario.",
    },
    # the new devices under one heading: the check is said once, each key on its line
    "merge.summary_devices": {
        "en": "  {count, plural, one {# new device enrolled: check that its signing key "
        "matches what that laptop shows under Help › This laptop's fingerprint… (or what "
        "`fieldapp devices show` prints there):} other {# new devices enrolled: check that "
        "each signing key matches what that laptop shows under Help › This laptop's "
        "fingerprint… (or what `fieldapp devices show` prints there):}}",
        "es": "  {count, plural, one {# dispositivo nuevo registrado: compruebe que su clave "
        "de firma coincide con lo que esa computadora muestra en Ayuda › Huella de esta "
        "computadora… (o con lo que imprime allí `fieldapp devices show`):} other {# "
        "dispositivos nuevos registrados: compruebe que cada clave de firma coincide con lo "
        "que esa computadora muestra en Ayuda › Huella de esta computadora… (o con lo que "
        "imprime allí `fieldapp devices show`):}}",
    },
    "merge.summary_supervisor_unchecked": {
        "en": "  Device {device} is now the study's supervisor here, certified by the study key "
        "{fingerprint}. No sealed form held here could check that key: ask the supervisor "
        "whether {fingerprint} is the study key (File › Forms… on her computer shows the key "
        "each form is sealed for). If it is not, do not interview on this computer and tell "
        "the study coordinator.",
        "es": "  El dispositivo {device} es ahora aquí la supervisión del estudio, certificada "
        "por la clave del estudio {fingerprint}. Ningún formulario sellado de aquí podía "
        "comprobar esa clave: pregunte a la supervisión si {fingerprint} es la clave del "
        "estudio (Archivo › Formularios… en su computadora muestra la clave para la que está "
        "sellado cada formulario). Si no lo es, no entreviste en esta computadora y avise a "
        "la coordinación del estudio.",
    },
    "merge.summary_device": {
        "en": "    device {device}: signing key {fingerprint}",
        "es": "    dispositivo {device}: clave de firma {fingerprint}",
    },
    "merge.summary_set_aside": {
        "en": "  Set aside: {count, plural, one {# record} other {# records}} of the device "
        "{device} with no signature of it, though that device signs every record it writes. "
        "A merge took {count, plural, one {it} other {them}} before that device's own records "
        "came, or with a record written on {count, plural, one {it} other {them}}; {count, "
        "plural, one {it is} other {they are}} now left out of the list, exports, progress "
        "and the push (nothing was deleted). {count, plural, one {It was} "
        "other {They were}} copied from its files and changed, or made up: tell the study "
        "coordinator.",
        "es": "  {count, plural, one {Apartado: # registro} other {Apartados: # registros}} del "
        "dispositivo {device} sin ninguna firma suya, aunque ese dispositivo firma cada "
        "registro que escribe. Una fusión {count, plural, one {lo tomó} other {los tomó}} "
        "antes de que llegaran los registros propios de ese dispositivo, o con un registro "
        "escrito sobre {count, plural, one {él} other {ellos}}; ahora "
        "{count, plural, one {queda} other {quedan}} fuera de la lista, las exportaciones, el "
        "avance y el envío (no se borró nada). {count, plural, one {Se copió de sus archivos "
        "y se cambió, o se inventó} other {Se copiaron de sus archivos y se cambiaron, o se "
        "inventaron}}: avise a la coordinación del estudio.",
    },
    "merge.summary_taken_back": {
        "en": "  Taken back: {count, plural, one {# record} other {# records}} of the device "
        "{device}: {count, plural, one {its signature} other {their signatures}} came. An "
        "earlier merge set {count, plural, one {it} other {them}} aside for carrying no "
        "signature of that device; {count, plural, one {it is} other {they are}} in the list, "
        "exports, progress and the push again.",
        "es": "  {count, plural, one {Recuperado: # registro} other {Recuperados: # registros}} "
        "del dispositivo {device}: {count, plural, one {llegó su firma} other {llegaron sus "
        "firmas}}. Una fusión anterior {count, plural, one {lo apartó} other {los apartó}} "
        "por no llevar ninguna firma de ese dispositivo; {count, plural, one {vuelve} other "
        "{vuelven}} a la lista, las exportaciones, el avance y el envío.",
    },
    # per device, on a laptop that may not set them aside: "1 version of the interview …"
    "merge.summary_left_out": {
        "en": "  Left out: {what}{interviews, plural, =0 {} one { of the interview {ids}} "
        "other { of {interviews:,} interviews ({ids})}}, of the device {device} but with no "
        "signature of it, though that device signs every record it writes. Nothing was "
        "deleted: kept here, {count, plural, one {this record is} other {these {count:,} "
        "records are}} left out of the list, exports and progress. {count, plural, one {It "
        "was} other {They were}} copied from that device's files and changed, or made up, "
        "and this computer may not set {count, plural, one {it} other {them}} aside: take "
        "this list to the supervisor (`fieldapp check` shows it again).",
        "es": "  Fuera: {what}{interviews, plural, =0 {} one { de la entrevista {ids}} "
        "other { de {interviews:,} entrevistas ({ids})}}, del dispositivo {device} pero sin "
        "ninguna firma suya, aunque ese dispositivo firma cada registro que escribe. No se "
        "borró nada: {count, plural, one {este registro se conserva} other {estos "
        "{count:,} registros se conservan}} aquí, fuera de la lista, las exportaciones y el "
        "avance. {count, plural, one {Se copió de los archivos de ese dispositivo y se "
        "cambió, o se inventó} other {Se copiaron de los archivos de ese dispositivo y se "
        "cambiaron, o se inventaron}}, y esta computadora no puede {count, plural, one "
        "{apartarlo} other {apartarlos}}: lleve esta lista a la "
        "supervisión (`fieldapp check` la muestra de nuevo).",
    },
    "merge.left_out_versions": {
        "en": "{count, plural, one {# version} other {{count:,} versions}}",
        "es": "{count, plural, one {# versión} other {{count:,} versiones}}",
    },
    "merge.left_out_events": {
        "en": "{count, plural, one {# review event} other {{count:,} review events}}",
        "es": "{count, plural, one {# evento de revisión} other {{count:,} eventos de revisión}}",
    },
    "merge.left_out_both": {
        "en": "{versions, plural, one {# version} other {{versions:,} versions}} and "
        "{events, plural, one {# review event} other {{events:,} review events}}",
        "es": "{versions, plural, one {# versión} other {{versions:,} versiones}} y "
        "{events, plural, one {# evento de revisión} other {{events:,} eventos de "
        "revisión}}",
    },
    "merge.left_out_more": {
        "en": "{ids} and {count:,} more",
        "es": "{ids} y {count:,} más",
    },
    "merge.summary_instance_claimed": {
        "en": "  Two interviews carry the instanceID {instance_id}: ODK Central's copy {copy} and "
        "interview {interview}, which did not make that id and says otherwise. Both are kept "
        "in the list (nothing was set aside). Compare them: if interview {interview} is not "
        "the one ODK Central holds, the device that wrote it took another submission's id; "
        "tell the study coordinator.",
        "es": "  Dos entrevistas llevan el instanceID {instance_id}: la copia de ODK Central "
        "{copy} y la entrevista {interview}, que no creó ese identificador y dice otra cosa. "
        "Las dos quedan en la lista (no se apartó nada). Compárelas: si la entrevista "
        "{interview} no es la que tiene ODK Central, el dispositivo que la escribió tomó el "
        "identificador de otro envío; avise a la coordinación del estudio.",
    },
    "merge.source_locked": {
        "en": "{path} is in use by another program that is writing to it. Close fieldapp on "
        "that file (or make a package there: File › Package for the supervisor…) and merge "
        "again. "
        "Nothing was merged.",
        "es": "{path} está en uso por otro programa que escribe en él. Cierre fieldapp en ese "
        "archivo (o cree allí un paquete: Archivo › Paquete para el supervisor…) y vuelva "
        "a fusionar. "
        "No se fusionó nada.",
    },
    "merge.source_vanished": {
        "en": "{path} disappeared or changed while it was being merged (was the USB stick "
        "removed?). Nothing was merged; put it back and merge again.",
        "es": "{path} desapareció o cambió mientras se fusionaba (¿se retiró la memoria "
        "USB?). No se fusionó nada; vuelva a conectarla y fusione de nuevo.",
    },
    "merge.unreadable": {
        "en": "{path} could not be read ({reason}). Check that the file is readable and the "
        "device is connected, then merge again. Nothing was merged.",
        "es": "No se pudo leer {path} ({reason}). Compruebe que el archivo se puede leer y "
        "que el dispositivo está conectado, y vuelva a fusionar. No se fusionó nada.",
    },
    "merge.cancelled": {
        "en": "Merge of {path} cancelled; nothing from it was merged.",
        "es": "Fusión de {path} cancelada; no se fusionó nada de ese archivo.",
    },
    "merge.no_sources": {
        "en": "{path} holds no fieldapp database or package files (.db, .sqlite, "
        ".fieldapp), nor do the folders in it. Choose the folder the devices' files were "
        "copied to.",
        "es": "{path} no contiene archivos de base de datos ni paquetes de fieldapp (.db, "
        ".sqlite, .fieldapp), ni tampoco sus carpetas. Elija la carpeta donde se copiaron "
        "los archivos de los dispositivos.",
    },
    # --- conflicts ------------------------------------------------------------------------
    "merge.no_conflict": {
        "en": "Interview {submission} has a single current version: there is no conflict "
        "to resolve. Refresh the conflicts list.",
        "es": "La entrevista {submission} tiene una sola versión actual: no hay conflicto que "
        "resolver. Actualice la lista de conflictos.",
    },
    # --- packages -------------------------------------------------------------------------
    "merge.package_failed": {
        "en": "Could not write the package {path} ({reason}). Check there is space and that "
        "the folder is writable; no partial file was left behind.",
        "es": "No se pudo escribir el paquete {path} ({reason}). Compruebe que hay espacio y "
        "que la carpeta admite escritura; no quedó ningún archivo a medias.",
    },
    "merge.cli_stopped": {
        "en": "Stopped by Ctrl+C: {merged, plural, =0 {no file was merged} one {# file was "
        "merged (said above)} other {# files were merged (said above)}}; {left, plural, "
        "one {# file was not merged, nor anything of it} other {# files were not merged, nor "
        "anything of them}}. Run the same command again to merge {left, plural, one {it} "
        "other {them}}: what is already here is skipped.",
        "es": "Detenido con Ctrl+C: {merged, plural, =0 {no se fusionó ningún archivo} "
        "one {se fusionó # archivo (dicho arriba)} other {se fusionaron # archivos (dichos "
        "arriba)}}; {left, plural, one {# archivo no se fusionó, ni nada de él} other {# "
        "archivos no se fusionaron, ni nada de ellos}}. Ejecute la misma orden de nuevo para "
        "{left, plural, one {fusionarlo} other {fusionarlos}}: lo que ya está aquí se omite.",
    },
    "merge.package_cancelled": {
        "en": "Packaging was cancelled: nothing was written to {path}. The interviews are all "
        "still on this laptop; write the package again when you are ready.",
        "es": "Se canceló el paquete: no se escribió nada en {path}. Todas las entrevistas "
        "siguen en esta computadora; vuelva a escribir el paquete cuando quiera.",
    },
    "merge.package_too_big_for_fat": {
        "en": "The package {path} would be {size}, and this USB stick is formatted FAT32, "
        "which holds files of at most {most}. Nothing was written. Use a stick "
        "formatted exFAT or NTFS, or a shared folder; the interviews are all still on this "
        "laptop.",
        "es": "El paquete {path} ocuparía {size}, y esta memoria USB tiene formato FAT32, "
        "que admite archivos de {most} como máximo. No se escribió nada. Use una "
        "memoria con formato exFAT o NTFS, o una carpeta compartida; todas las entrevistas "
        "siguen en esta computadora.",
    },
    "merge.package_no_room": {
        "en": "The package {path} needs about {size} and there are {free} free there. "
        "Nothing was written. Free some space on the stick or choose another; the "
        "interviews are all still on this laptop.",
        "es": "El paquete {path} necesita unos {size} y ahí quedan {free} libres. No se "
        "escribió nada. Libere espacio en la memoria o elija otra; todas las entrevistas "
        "siguen en esta computadora.",
    },
    "merge.package_is_folder": {
        "en": "{path} is a folder. Give the package a file name, such as {path}/laptop-3.fieldapp.",
        "es": "{path} es una carpeta. Dé al paquete un nombre de archivo, por ejemplo "
        "{path}/portatil-3.fieldapp.",
    },
    "merge.package_over_database": {
        "en": "{path} is the database itself: a package written over it would replace it. "
        "Give the package another name, such as laptop-3.fieldapp on the USB stick.",
        "es": "{path} es la base de datos misma: un paquete escrito encima la reemplazaría. "
        "Dé otro nombre al paquete, por ejemplo portatil-3.fieldapp en la memoria USB.",
    },
    "merge.package_would_overwrite": {
        "en": "{path} already exists and is not an earlier package of this database: it was "
        "left as it is. Choose a new file name for the package.",
        "es": "{path} ya existe y no es un paquete anterior de esta base de datos: se dejó "
        "como estaba. Elija un nombre de archivo nuevo para el paquete.",
    },
    "merge.package_done": {
        "en": "Package written to {path}: {interviews, plural, one {# interview} "
        "other {# interviews}}, {revisions, plural, one {# version} other {# versions}}, "
        "{attachments, plural, one {# attachment} other {# attachments}}. Copy it to the "
        "supervisor's computer and merge it there.",
        "es": "Paquete escrito en {path}: {interviews, plural, one {# entrevista} "
        "other {# entrevistas}}, {revisions, plural, one {# versión} other {# versiones}}, "
        "{attachments, plural, one {# adjunto} other {# adjuntos}}. Cópielo a la computadora de la "
        "supervisión y fusiónelo allí.",
    },
    "merge.package_done_either": {
        "en": "Package written to {path}: {interviews, plural, one {# interview} "
        "other {# interviews}}, {revisions, plural, one {# version} other {# versions}}, "
        "{attachments, plural, one {# attachment} other {# attachments}}. Copy it to the "
        "computer that will merge it (the supervisor's, or each laptop when this is the "
        "supervisor's database) and merge it there.",
        "es": "Paquete escrito en {path}: {interviews, plural, one {# entrevista} "
        "other {# entrevistas}}, {revisions, plural, one {# versión} other {# versiones}}, "
        "{attachments, plural, one {# adjunto} other {# adjuntos}}. Cópielo a la "
        "computadora que lo fusionará (la de la supervisión, o cada computadora del equipo "
        "si esta es la base de datos de la supervisión) y fusiónelo allí.",
    },
    "merge.package_done_supervisor": {
        "en": "Package written to {path}: {interviews, plural, one {# interview} "
        "other {# interviews}}, {revisions, plural, one {# version} other {# versions}}, "
        "{attachments, plural, one {# attachment} other {# attachments}}. Copy it to each "
        "laptop and merge it there: it brings them your reviews, targets and forms.",
        "es": "Paquete escrito en {path}: {interviews, plural, one {# entrevista} "
        "other {# entrevistas}}, {revisions, plural, one {# versión} other {# versiones}}, "
        "{attachments, plural, one {# adjunto} other {# adjuntos}}. Cópielo a cada "
        "computadora del equipo y fusiónelo allí: les lleva sus revisiones, metas y "
        "formularios.",
    },
    # --- what came in (CLI and dialog) ----------------------------------------------------
    "merge.summary": {
        "en": "{path}: {counts}.",
        "es": "{path}: {counts}.",
    },
    # the counts of a summary line: only those that are not 0, joined with ", "
    "merge.count_interviews": {
        "en": "{count, plural, one {# new interview} other {{count:,} new interviews}}",
        "es": "{count, plural, one {# entrevista nueva} other {{count:,} entrevistas nuevas}}",
    },
    "merge.count_versions": {
        "en": "{count, plural, one {# new version} other {{count:,} new versions}}",
        "es": "{count, plural, one {# versión nueva} other {{count:,} versiones nuevas}}",
    },
    "merge.count_attachments": {
        "en": "{count, plural, one {# new attachment} other {{count:,} new attachments}}",
        "es": "{count, plural, one {# adjunto nuevo} other {{count:,} adjuntos nuevos}}",
    },
    "merge.count_review_events": {
        "en": "{count, plural, one {# new review event} other {{count:,} new review events}}",
        "es": "{count, plural, one {# evento de revisión nuevo} other {{count:,} eventos de "
        "revisión nuevos}}",
    },
    "merge.count_conflicts": {
        "en": "{count, plural, one {# new conflict} other {{count:,} new conflicts}}",
        "es": "{count, plural, one {# conflicto nuevo} other {{count:,} conflictos nuevos}}",
    },
    "merge.count_forms": {
        "en": "{count, plural, one {# new form} other {{count:,} new forms}}",
        "es": "{count, plural, one {# formulario nuevo} other {{count:,} formularios nuevos}}",
    },
    # each form (a study form: its actor) once, its cities under it
    "merge.summary_form_heading": {
        "en": "  {form}:",
        "es": "  {form}:",
    },
    "merge.summary_city": {
        "en": "    {city}: {counts}",
        "es": "    {city}: {counts}",
    },
    "merge.summary_conflicts": {
        "en": "  In conflict, to resolve under View › Conflicts…:",
        "es": "  En conflicto, por resolver en Ver › Conflictos…:",
    },
    "merge.summary_conflict": {
        "en": "    {submission} ({form} · {city}): {heads} versions edited apart",
        "es": "    {submission} ({form} · {city}): {heads} versiones editadas por separado",
    },
    "merge.summary_conflict_unnamed": {
        "en": "    {name}: {heads} versions edited apart",
        "es": "    {name}: {heads} versiones editadas por separado",
    },
    "merge.nothing_new": {
        "en": "{path}: nothing new (everything in it was already here).",
        "es": "{path}: nada nuevo (todo su contenido ya estaba aquí).",
    },
    "merge.no_city": {
        "en": "no city",
        "es": "sin ciudad",
    },
    # --- the merge dialog and the conflicts view ------------------------------------------
    "merge.ui.title": {"en": "Merge other laptops", "es": "Fusionar otras computadoras"},
    "merge.ui.intro": {
        "en": "Add the devices' database or package files, or a folder holding them. "
        "Nothing already here is ever changed or lost.",
        "es": "Añada los archivos de base de datos o paquetes de los dispositivos, o una "
        "carpeta que los contenga. Nada de lo que ya está aquí se cambia ni se pierde.",
    },
    "merge.ui.add_files": {"en": "Add files…", "es": "Añadir archivos…"},
    "merge.ui.add_folder": {"en": "Add folder…", "es": "Añadir carpeta…"},
    "merge.ui.remove": {"en": "Remove", "es": "Quitar"},
    "merge.ui.remove_tip": {
        "en": "Take the selected files off the list (or press Delete on the list).",
        "es": "Quitar de la lista los archivos elegidos (o pulse Supr en la lista).",
    },
    "merge.ui.start": {"en": "Merge", "es": "Fusionar"},
    "merge.ui.show_came_in": {"en": "Show what came in", "es": "Mostrar lo que llegó"},
    "merge.ui.show_came_in_tip": {
        "en": "Close and list only the interviews this merge brought something to; Clear "
        "filters lists every interview again.",
        "es": "Cerrar y listar solo las entrevistas a las que esta fusión trajo algo; Quitar "
        "filtros vuelve a listarlas todas.",
    },
    "merge.ui.cancel": {"en": "Cancel", "es": "Cancelar"},
    "merge.ui.close": {"en": "Close", "es": "Cerrar"},
    "merge.ui.files_filter": {
        "en": "fieldapp databases and packages (*.fieldapp *.db *.sqlite);;All files (*)",
        "es": "Bases de datos y paquetes de fieldapp (*.fieldapp *.db *.sqlite);;"
        "Todos los archivos (*)",
    },
    "merge.ui.merging": {
        "en": "Merging {current} of {total}: {name}…",
        "es": "Fusionando {current} de {total}: {name}…",
    },
    "merge.ui.done": {
        "en": "Done: {merged} of {total, plural, one {# file merged} other {# files merged}}, "
        "{failed} refused, {conflicts, plural, one {# new conflict} other {# new conflicts}}.",
        "es": "Terminado: {merged} de {total, plural, one {# archivo fusionado} "
        "other {# archivos fusionados}}, {failed, plural, one {# rechazado} "
        "other {# rechazados}}, {conflicts, plural, one {# conflicto nuevo} "
        "other {# conflictos nuevos}}.",
    },
    "merge.ui.refused_next": {
        "en": "Each refused file says on its row what to do; then merge it again.",
        "es": "Cada archivo rechazado dice en su fila qué hacer; luego vuelva a fusionarlo.",
    },
    "merge.ui.conflicts_next": {
        "en": "Resolve the conflicts under View › Conflicts…",
        "es": "Resuelva los conflictos en Ver › Conflictos…",
    },
    "merge.ui.cancelled": {
        "en": "Cancelled: {merged, plural, =0 {no file was merged before the cancel} "
        "one {# file was merged before the cancel} other {# files were merged before the "
        "cancel}}; the one in progress was not.",
        "es": "Cancelado: {merged, plural, =0 {no se fusionó ningún archivo antes de cancelar} "
        "one {se fusionó # archivo antes de cancelar} other {se fusionaron # archivos antes de "
        "cancelar}}; el que estaba en curso no.",
    },
    "merge.ui.not_reached": {
        "en": "Not merged: the merge was cancelled before this file. Merge again to take it in "
        "(what is already here is skipped).",
        "es": "No se fusionó: la fusión se canceló antes de este archivo. Vuelva a fusionar "
        "para traerlo (lo que ya está aquí se omite).",
    },
    "merge.ui.col_device": {"en": "Device file", "es": "Archivo del dispositivo"},
    "merge.ui.col_result": {"en": "Result", "es": "Resultado"},
    "merge.ui.conflicts_title": {"en": "Conflicts", "es": "Conflictos"},
    "merge.ui.no_conflicts": {
        "en": "No conflicts: every interview has a single current version.",
        "es": "Sin conflictos: cada entrevista tiene una sola versión actual.",
    },
    "merge.ui.conflicts_help": {
        "en": "Each column is a version edited apart; highlighted rows differ (in a repeat's "
        "entry, ≠ marks the questions that do), a question turns green once you choose. "
        "Click a cell, or move with the arrows and press Space, "
        "to take that answer, or keep one version whole; a row you do not choose keeps "
        "version 1. Then save the resolution under your name.",
        "es": "Cada columna es una versión editada por separado; las filas resaltadas "
        "difieren (en una entrada de repetición, ≠ marca las preguntas que difieren), y la "
        "pregunta se vuelve verde cuando usted elige. Pulse una celda, o "
        "muévase con las flechas y pulse Espacio, para tomar esa respuesta, o conserve una "
        "versión entera; una fila que no elija conserva la versión 1. Luego guarde la "
        "resolución con su nombre.",
    },
    "merge.ui.head_header": {
        "en": "{author} on {device}\n{saved_at} ({state})",
        "es": "{author} en {device}\n{saved_at} ({state})",
    },
    "merge.ui.keep_whole": {"en": "Keep version {n} whole", "es": "Conservar la versión {n}"},
    "merge.ui.save_resolution": {"en": "Save resolution", "es": "Guardar resolución"},
    "merge.ui.sealed": {
        "en": "(sealed: unlock with the study key to read)",
        "es": "(sellada: desbloquee con la clave del estudio para leerla)",
    },
    "merge.ui.unanswered": {"en": "(no answer)", "es": "(sin respuesta)"},
    "merge.ui.conflict_item": {
        "en": "{name}\n{facts}{heads} versions",
        "es": "{name}\n{facts}{heads} versiones",
    },
}
