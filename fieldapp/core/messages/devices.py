"""User-facing messages of device authority: supervisor certificates and revocations."""

MESSAGES: dict[str, dict[str, str]] = {
    "devices.no_signing_key": {
        "en": "{path} has no signing key of its own (it is a package or a copy). Certify or "
        "revoke from the supervisor's own database.",
        "es": "{path} no tiene clave de firma propia (es un paquete o una copia). Certifique o "
        "revoque desde la base de datos de la supervisión.",
    },
    "devices.no_sealed_form": {
        "en": "No sealed form of this database uses the study key {fingerprint}, so no device "
        "could check the certificate. Add the study's sealed forms first, then certify.",
        "es": "Ningún formulario sellado de esta base de datos usa la clave del estudio "
        "{fingerprint}, así que ningún dispositivo podría comprobar el certificado. Agregue "
        "primero los formularios sellados del estudio y luego certifique.",
    },
    "devices.not_supervisor": {
        "en": "{path} is not a certified supervisor's database: only the supervisor may "
        "revoke a device. Certify it first with `fieldapp devices certify --key FILE`.",
        "es": "{path} no es la base de datos de una supervisión certificada: solo la "
        "supervisión puede revocar un dispositivo. Certifíquela primero con "
        "`fieldapp devices certify --key ARCHIVO`.",
    },
    "devices.revoke_self": {
        "en": "Device {device} is this database's own: a supervisor cannot revoke itself.",
        "es": "El dispositivo {device} es el de esta base de datos: una supervisión no puede "
        "revocarse a sí misma.",
    },
    "devices.unknown_device": {
        "en": "No signed record of device {device} is here. Check the id (it is in the "
        "merge summary of that laptop) and merge its last package first.",
        "es": "Aquí no hay ningún registro firmado del dispositivo {device}. Revise el "
        "identificador (está en el resumen de fusión de esa computadora) y fusione antes su "
        "último paquete.",
    },
    "devices.this_device": {
        "en": "This database's device is {device}, signing key {fingerprint}.",
        "es": "El dispositivo de esta base de datos es {device}, clave de firma {fingerprint}.",
    },
    "devices.certified": {
        "en": "This database's device {device} is now the study's certified supervisor "
        "(signing key {fingerprint}). The certificate travels with its packages.",
        "es": "El dispositivo {device} de esta base de datos es ahora la supervisión "
        "certificada del estudio (clave de firma {fingerprint}). El certificado viaja con "
        "sus paquetes.",
    },
    "devices.revoked": {
        "en": "Device {device} is revoked: wherever this database's packages reach, its new "
        "records are refused.",
        "es": "El dispositivo {device} quedó revocado: dondequiera que lleguen los paquetes de "
        "esta base de datos, sus registros nuevos se rechazan.",
    },
    "devices.reinstate_not_supervisor": {
        "en": "{path} is not a certified supervisor's database: only the supervisor may "
        "reinstate a revoked device. Do it on her laptop (`fieldapp devices reinstate` "
        "there).",
        "es": "{path} no es la base de datos de una supervisión certificada: solo la "
        "supervisión puede rehabilitar un dispositivo revocado. Hágalo en su computadora "
        "(`fieldapp devices reinstate` allí).",
    },
    "devices.revoke_reason_needed": {
        "en": "Say why device {device} is revoked (--reason): the reason travels with the "
        "decision, and a reinstatement will need to know it. Nothing was changed.",
        "es": "Indique por qué se revoca el dispositivo {device} (--reason): el motivo viaja "
        "con la decisión, y una rehabilitación necesitará conocerlo. No se cambió nada.",
    },
    "devices.reason_needed": {
        "en": "Say why device {device} is reinstated (--reason): the reason travels with the "
        "decision. Nothing was changed.",
        "es": "Indique por qué se rehabilita el dispositivo {device} (--reason): el motivo "
        "viaja con la decisión. No se cambió nada.",
    },
    "devices.not_revoked": {
        "en": "Device {device} is not revoked here, so there is nothing to reinstate. Check "
        "the id (`fieldapp devices list` shows the revoked ones).",
        "es": "El dispositivo {device} no está revocado aquí, así que no hay nada que "
        "rehabilitar. Revise el identificador (`fieldapp devices list` muestra los "
        "revocados).",
    },
    "devices.reinstated": {
        "en": "Device {device} is reinstated: wherever this database's packages reach, its "
        "records merge again, those it wrote since the revocation too.",
        "es": "El dispositivo {device} quedó rehabilitado: dondequiera que lleguen los "
        "paquetes de esta base de datos, sus registros vuelven a fusionarse, también los "
        "que escribió desde la revocación.",
    },
    "devices.list_columns": {
        "en": "Device|Key fingerprint|Interviews|Revisions|Last saved|Status",
        "es": "Dispositivo|Huella de la clave|Entrevistas|Revisiones|Último guardado|Estado",
    },
    "devices.cli_sealed_hidden": {
        "en": "{count, plural, one {# interview of a sealed form is} other {{count:,} "
        "interviews of sealed forms are}} left out of these counts and moments: counted, not "
        "shown, until the study key opens {count, plural, one {it} other {them}} (--key FILE).",
        "es": "{count, plural, one {# entrevista de un formulario sellado queda} other "
        "{{count:,} entrevistas de formularios sellados quedan}} fuera de estos conteos y "
        "momentos: {count, plural, one {contada} other {contadas}}, no {count, plural, one "
        "{mostrada} other {mostradas}}, hasta que la clave del estudio {count, plural, one "
        "{la abra} other {las abra}} (--key ARCHIVO).",
    },
    "devices.status_this": {
        "en": "this laptop, {status}",
        "es": "esta computadora, {status}",
    },
    "devices.status_supervisor": {
        "en": "certified supervisor",
        "es": "supervisión certificada",
    },
    "devices.status_laptop": {"en": "laptop", "es": "computadora"},
    "devices.status_unsigned": {
        "en": "unverified (unsigned): none of its records is signed; an older fieldapp's "
        "laptop, or a made-up id",
        "es": "sin verificar (sin firma): ninguno de sus registros está firmado; la "
        "computadora de un fieldapp anterior, o un identificador inventado",
    },
    "devices.status_revoked": {
        "en": "revoked by {by} on {day}: {reason}",
        "es": "revocada por {by} el {day}: {reason}",
    },
    "devices.status_reinstated": {
        "en": "reinstated by {by} on {day}: {reason}",
        "es": "rehabilitada por {by} el {day}: {reason}",
    },
}
