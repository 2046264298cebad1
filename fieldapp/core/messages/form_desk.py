"""Adding a form version by hand and taking one out: the Forms window and `fieldapp forms`."""

MESSAGES: dict[str, dict[str, str]] = {
    "formdesk.same_version": {
        "en": '{file}: the form "{form_id}" version {version} is already here with other '
        "content. New interviews start on the newest version, so each version names one "
        "form: raise the version in the settings sheet (for example to {suggested}) and add "
        "it again.",
        "es": '{file}: el formulario "{form_id}" versión {version} ya está aquí con otro '
        "contenido. Las entrevistas nuevas empiezan en la versión más reciente, así que cada "
        "versión nombra un solo formulario: suba la versión en la hoja settings (por ejemplo "
        "a {suggested}) y agréguelo de nuevo.",
    },
    "formdesk.key_changed": {
        "en": '{file}: the form "{form_id}" version {version} {change}, unlike version '
        "{ours} already here. Only the study's certified supervisor may change a form's "
        "key, and no one may remove it; every other database would refuse this version. "
        "Nothing was added: copy the public_key of version {ours} into its settings sheet, "
        "or ask the supervisor for the study's form.",
        "es": '{file}: el formulario "{form_id}" versión {version} {change}, a diferencia de '
        "la versión {ours} que ya está aquí. Solo la supervisión certificada del estudio "
        "puede cambiar la clave de un formulario, y nadie puede quitarla; todas las demás "
        "bases de datos rechazarían esta versión. No se agregó nada: copie la "
        "public_key de la versión {ours} en su hoja settings, o pida a la supervisión el "
        "formulario del estudio.",
    },
    "formdesk.set_aside": {
        "en": '{file}: this very version of the form "{form_id}" was set aside in this '
        "database (quarantined by `fieldapp check`), so it is not added again. Ask the "
        "supervisor for the study's form.",
        "es": '{file}: esta misma versión del formulario "{form_id}" fue apartada en esta '
        "base de datos (en cuarentena por `fieldapp check`), así que no se agrega de nuevo. "
        "Pida a la supervisión el formulario del estudio.",
    },
    "formdesk.added": {
        "en": '{file}: added the form "{form_id}" version {version} ({title}){sealed}.',
        "es": '{file}: se agregó el formulario "{form_id}" versión {version} ({title}){sealed}.',
    },
    "formdesk.held": {
        "en": '{file}: the form "{form_id}" version {version} is already here; nothing changed.',
        "es": '{file}: el formulario "{form_id}" versión {version} ya está aquí; no cambió nada.',
    },
    "formdesk.sealed": {
        "en": ", its finalized interviews sealed for the study key {fingerprint}",
        "es": ", sus entrevistas finalizadas selladas para la clave del estudio {fingerprint}",
    },
    "formdesk.not_sealed": {
        "en": ", not sealed (no public_key: interviews are kept in clear)",
        "es": ", sin sellar (sin public_key: las entrevistas se guardan en claro)",
    },
    "formdesk.used_for_new": {
        "en": "  New interviews of this form now start on this version.",
        "es": "  Las entrevistas nuevas de este formulario empiezan ahora en esta versión.",
    },
    "formdesk.older": {
        "en": "  A newer version is here: new interviews keep starting on version {newest}.",
        "es": "  Aquí hay una versión más reciente: las entrevistas nuevas siguen empezando "
        "en la versión {newest}.",
    },
    "formdesk.list_line": {
        "en": "{form_id}\tversion {version}\t{title}\t{sealed}{newest}",
        "es": "{form_id}\tversión {version}\t{title}\t{sealed}{newest}",
    },
    "formdesk.list_sealed": {"en": "sealed for {fingerprint}", "es": "sellado para {fingerprint}"},
    "formdesk.list_clear": {"en": "not sealed", "es": "sin sellar"},
    "formdesk.list_newest": {
        "en": "\t(new interviews start here)",
        "es": "\t(aquí empiezan las entrevistas nuevas)",
    },
    "formdesk.list_retired": {
        "en": "\t(retired: in clear, the form is sealed now)",
        "es": "\t(retirada: en claro, el formulario está sellado ahora)",
    },
    "formdesk.list_empty": {
        "en": "{path} holds no form.",
        "es": "{path} no tiene formularios.",
    },
    "formdesk.copied": {
        "en": 'Saved the form "{form_id}" version {version} as {path}{files}. It opens in '
        "Excel and LibreOffice, and ODK Central and KoboToolbox take it as it is.",
        "es": 'Se guardó el formulario "{form_id}" versión {version} como {path}{files}. Se '
        "abre en Excel y LibreOffice, y ODK Central y KoboToolbox lo aceptan tal cual.",
    },
    "formdesk.copied_files": {
        "en": ", with its files {names} beside it",
        "es": ", con sus archivos {names} al lado",
    },
    "formdesk.copy_left_out": {
        "en": "Not written: {names}. The form does not read or show them, or they are not "
        "a picture, sound, video or data file a form uses, whatever their names say (a "
        "program, for one).",
        "es": "No se escribieron: {names}. El formulario no los lee ni los muestra, o no son "
        "una imagen, un sonido, un video ni un archivo de datos de los que usa un formulario, "
        "digan lo que digan sus nombres (un programa, por ejemplo).",
    },
    "formdesk.copy_left_out_more": {
        "en": " and {count} more",
        "es": " y {count} más",
    },
    "formdesk.copy_exists": {
        "en": "{path} already exists. Choose another folder or name; nothing was written.",
        "es": "{path} ya existe. Elija otra carpeta u otro nombre; no se escribió nada.",
    },
    "formdesk.bad_file_name": {
        "en": "The form's file {name} does not have a plain file name, so it is not written "
        "anywhere. The form came from another device: tell the study coordinator.",
        "es": "El archivo {name} del formulario no tiene un nombre de archivo simple, así que "
        "no se escribe en ninguna parte. El formulario vino de otro dispositivo: avise a la "
        "coordinación del estudio.",
    },
    "formdesk.file_is_copy": {
        "en": "The form's file {name} would be written over the copy {path} (one file on "
        "Windows and macOS), so nothing was written. Choose another name for the copy.",
        "es": "El archivo {name} del formulario se escribiría sobre la copia {path} (un solo "
        "archivo en Windows y macOS), así que no se escribió nada. Elija otro nombre para "
        "la copia.",
    },
    "formdesk.file_names_clash": {
        "en": "The form's files {first} and {name} are one file on Windows and macOS, so "
        "nothing was written. The form came from another device: tell the study coordinator.",
        "es": "Los archivos {first} y {name} del formulario son un solo archivo en Windows y "
        "macOS, así que no se escribió nada. El formulario vino de otro dispositivo: avise "
        "a la coordinación del estudio.",
    },
    "formdesk.copy_failed": {
        "en": "Could not save the form as {path}: {reason}. Choose another folder; nothing "
        "was left half-written.",
        "es": "No se pudo guardar el formulario como {path}: {reason}. Elija otra carpeta; no "
        "quedó nada a medio escribir.",
    },
    "formdesk.not_supervisor": {
        "en": "{file}: this study has a certified supervisor, and form versions come from "
        'her: merge her package (File › Merge other laptops…) to get "{form_id}". A form '
        "added here would make every other database refuse this laptop's packages, so "
        "nothing was added.",
        "es": "{file}: este estudio tiene una supervisión certificada y las versiones de los "
        "formularios vienen de ella: fusione su paquete (Archivo › Fusionar otras "
        'computadoras…) para obtener "{form_id}". Un formulario agregado aquí haría que '
        "todas las demás bases de datos rechacen los paquetes de esta computadora, así que "
        "no se agregó nada.",
    },
    "formdesk.certify_next": {
        "en": "  Other databases take a newly sealed version only from the study's certified "
        "supervisor: certify this database's device (Review › Devices and integrity… › "
        "Certify, or `fieldapp devices certify`) before its packages carry the form to the "
        "laptops.",
        "es": "  Las demás bases de datos aceptan una versión recién sellada solo de la "
        "supervisión certificada del estudio: certifique el dispositivo de esta base de datos "
        "(Revisión › Dispositivos e integridad… › Certificar, o `fieldapp devices certify`) "
        "antes de que sus paquetes lleven el formulario a las computadoras.",
    },
    "formdesk.ui.title": {"en": "Forms", "es": "Formularios"},
    "formdesk.ui.intro": {
        "en": "The form versions this database holds. New interviews of each form start on "
        "its newest version. Add a revised XLSForm, the study's forms sealed with the "
        "public_key of `fieldapp keys new`, or a form from KoboToolbox or ODK; save a copy "
        "to take a form to them.",
        "es": "Las versiones de formularios de esta base de datos. Las entrevistas nuevas de "
        "cada formulario empiezan en su versión más reciente. Agregue un XLSForm revisado, "
        "los formularios del estudio sellados con la public_key de `fieldapp keys new`, o un "
        "formulario de KoboToolbox u ODK; guarde una copia para llevar un formulario a ellos.",
    },
    "formdesk.ui.column_title": {"en": "Form", "es": "Formulario"},
    "formdesk.ui.column_form_id": {"en": "Form id", "es": "Id del formulario"},
    "formdesk.ui.column_version": {"en": "Version", "es": "Versión"},
    "formdesk.ui.column_sealed": {"en": "Sealed", "es": "Sellado"},
    "formdesk.ui.column_added": {"en": "Added", "es": "Agregado"},
    "formdesk.ui.column_new_interviews": {"en": "New interviews", "es": "Entrevistas nuevas"},
    "formdesk.ui.sealed_for": {
        "en": "for the key {fingerprint}",
        "es": "para la clave {fingerprint}",
    },
    "formdesk.ui.not_sealed": {"en": "no (kept in clear)", "es": "no (se guarda en claro)"},
    "formdesk.ui.start_here": {"en": "start on this version", "es": "empiezan en esta versión"},
    "formdesk.ui.retired": {
        "en": "no longer (in clear, the form is sealed now)",
        "es": "ya no (en claro, el formulario está sellado ahora)",
    },
    "formdesk.ui.add": {"en": "&Add XLSForm…", "es": "&Agregar XLSForm…"},
    "formdesk.ui.copy": {"en": "&Save a copy…", "es": "&Guardar una copia…"},
    "formdesk.ui.close": {"en": "Close", "es": "Cerrar"},
    "formdesk.ui.add_title": {"en": "Add an XLSForm", "es": "Agregar un XLSForm"},
    "formdesk.ui.add_filter": {
        "en": "XLSForms and XForms (*.xlsx *.xls *.xml)",
        "es": "XLSForms y XForms (*.xlsx *.xls *.xml)",
    },
    "formdesk.ui.copy_title": {
        "en": "Save a copy of the form",
        "es": "Guardar una copia del formulario",
    },
    "formdesk.already_sealed": {
        "en": "already sealed for the key {fingerprint}",
        "es": "ya está sellado para la clave {fingerprint}",
    },
    "formdesk.other_key": {
        "en": "sealed for another key ({fingerprint}): left as it is (only the certified "
        "supervisor may change a form's key, by adding a version that says so)",
        "es": "sellado para otra clave ({fingerprint}): se deja como está (solo la "
        "supervisión certificada puede cambiar la clave de un formulario, agregando una "
        "versión que lo diga)",
    },
    "formdesk.not_a_workbook": {
        "en": "not an .xlsx workbook (an XForm from a server): seal it where it was made, "
        "then add it",
        "es": "no es un libro .xlsx (un XForm de un servidor): séllelo donde se hizo y luego "
        "agréguelo",
    },
    "formdesk.seal_skipped": {
        "en": '"{form_id}": {reason}.',
        "es": '"{form_id}": {reason}.',
    },
    "formdesk.seal_none": {
        "en": "No form of {path} is in clear: nothing to seal.",
        "es": "Ningún formulario de {path} está en claro: no hay nada que sellar.",
    },
    "formdesk.private_key_given": {
        "en": "{path} is the study's private key. Sealing needs only the public key: give "
        "fieldapp-study-public-key.txt, written beside it by `fieldapp keys new`. Keep the "
        "private key off the field laptops.",
        "es": "{path} es la clave privada del estudio. Para sellar basta la clave pública: "
        "indique fieldapp-study-public-key.txt, que `fieldapp keys new` escribió a su lado. "
        "Mantenga la clave privada fuera de las computadoras de campo.",
    },
    "formdesk.sealed_before": {
        "en": "Interviews started before keep their version, in clear, even when finalized "
        "later; new ones are sealed.",
        "es": "Las entrevistas empezadas antes conservan su versión, en claro, aunque se "
        "finalicen después; las nuevas se sellan.",
    },
    "formdesk.clear_retired": {
        "en": '{file}: version {version} of the form "{form_id}" keeps interviews in clear, '
        "but this database seals that form since version {newest}. Nothing was stored: "
        "name the form (--form and its actor type or id) to use the sealed version.",
        "es": '{file}: la versión {version} del formulario "{form_id}" guarda las entrevistas '
        "en claro, pero esta base de datos sella ese formulario desde la versión {newest}. "
        "No se guardó nada: nombre el formulario (--form y su tipo de actor o su id) para "
        "usar la versión sellada.",
    },
    "formdesk.ui.seal": {
        "en": "S&eal with the study key…",
        "es": "S&ellar con la clave del estudio…",
    },
    "formdesk.ui.seal_tip": {
        "en": "Add, for each form in clear, a version sealed for the study's public key "
        "(fieldapp-study-public-key.txt from `fieldapp keys new`)",
        "es": "Agregar, para cada formulario en claro, una versión sellada para la clave "
        "pública del estudio (fieldapp-study-public-key.txt de `fieldapp keys new`)",
    },
    "formdesk.ui.seal_title": {
        "en": "Seal the forms with the study's public key",
        "es": "Sellar los formularios con la clave pública del estudio",
    },
    "formdesk.ui.key_filter": {
        "en": "Study public key (*.txt *.pem);;All files (*)",
        "es": "Clave pública del estudio (*.txt *.pem);;Todos los archivos (*)",
    },
    "formdesk.ui.seal_confirm": {
        "en": "Add a sealed version of {forms}? From then on their finalized interviews are "
        "sealed for the study key, and new interviews start on the sealed versions. "
        "Interviews started before keep their version, in clear.",
        "es": "¿Agregar una versión sellada de {forms}? Desde entonces sus entrevistas "
        "finalizadas se sellan para la clave del estudio y las entrevistas nuevas empiezan "
        "en las versiones selladas. Las entrevistas empezadas antes conservan su versión, "
        "en claro.",
    },
}
