"""Words of Review › Devices and integrity… and Help › This laptop's fingerprint…
(``ui/devices_desk``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "devices.ui.title": {
        "en": "Devices and integrity — {name}",
        "es": "Dispositivos e integridad — {name}",
    },
    "devices.ui.fingerprint_title": {
        "en": "This laptop's fingerprint",
        "es": "Huella de esta computadora",
    },
    "devices.ui.this_laptop": {"en": "This laptop", "es": "Esta computadora"},
    "devices.ui.id_label": {"en": "Laptop id:", "es": "Identificador:"},
    "devices.ui.fingerprint_label": {
        "en": "Signing-key fingerprint:",
        "es": "Huella de la clave de firma:",
    },
    "devices.ui.fingerprint_why": {
        "en": "The first time the supervisor merges this laptop, her merge summary shows a "
        "fingerprint: it must be this one. Read it to her in person or by phone.",
        "es": "La primera vez que la supervisión fusiona esta computadora, su resumen de "
        "fusión muestra una huella: debe ser esta. Léasela en persona o por teléfono.",
    },
    "devices.ui.copy": {"en": "Co&py", "es": "Co&piar"},
    "devices.ui.copied": {
        "en": "Copied: laptop id and fingerprint.",
        "es": "Copiado: identificador y huella.",
    },
    "devices.ui.copy_text": {
        "en": "Laptop id: {device}\nSigning-key fingerprint: {fingerprint}",
        "es": "Identificador: {device}\nHuella de la clave de firma: {fingerprint}",
    },
    "devices.ui.role_supervisor": {
        "en": "This laptop is the study's certified supervisor.",
        "es": "Esta computadora es la supervisión certificada del estudio.",
    },
    "devices.ui.role_other": {
        "en": "This laptop is not the study's supervisor: another laptop is certified.",
        "es": "Esta computadora no es la supervisión del estudio: otra está certificada.",
    },
    "devices.ui.role_none": {
        "en": "No laptop is certified as the study's supervisor yet.",
        "es": "Todavía no hay ninguna computadora certificada como supervisión del estudio.",
    },
    "devices.ui.certify": {
        "en": "Certify this laptop as the study's &supervisor…",
        "es": "Certificar esta computadora como &supervisión del estudio…",
    },
    "devices.ui.certify_explained": {
        "en": "Certifying signs this laptop with the study key: from then on targets, "
        "reviews, revocations and set-aside rows are accepted from it only, on every laptop.",
        "es": "Certificar firma esta computadora con la clave del estudio: desde entonces "
        "las metas, revisiones, revocaciones y filas apartadas se aceptan solo de ella, en "
        "todas las computadoras.",
    },
    "devices.ui.certify_key": {
        "en": "Open the study key to certify this laptop as the study's supervisor. Only "
        "the supervisor's own laptop should be certified, once, before fieldwork.",
        "es": "Abra la clave del estudio para certificar esta computadora como supervisión "
        "del estudio. Solo la computadora de la supervisión debe certificarse, una vez, "
        "antes del trabajo de campo.",
    },
    "devices.ui.known": {
        "en": "Laptops this database holds rows of",
        "es": "Computadoras de las que esta base de datos tiene filas",
    },
    "devices.ui.col_device": {"en": "Laptop id", "es": "Identificador"},
    "devices.ui.col_fingerprint": {"en": "Key fingerprint", "es": "Huella de la clave"},
    "devices.ui.col_role": {"en": "Role", "es": "Función"},
    "devices.ui.col_interviews": {"en": "Interviews", "es": "Entrevistas"},
    "devices.ui.col_revisions": {"en": "Revisions", "es": "Revisiones"},
    "devices.ui.col_last": {"en": "Last saved", "es": "Último guardado"},
    "devices.ui.col_interviewers": {"en": "Interviewers", "es": "Entrevistadores"},
    "devices.ui.role_this": {"en": "this laptop", "es": "esta computadora"},
    "devices.ui.role_certified": {"en": "certified supervisor", "es": "supervisión certificada"},
    "devices.ui.role_laptop": {"en": "laptop", "es": "computadora"},
    "devices.ui.role_revoked": {
        "en": "revoked by {author} on {day}: {reason}",
        "es": "revocada por {author} el {day}: {reason}",
    },
    "devices.ui.unsigned": {"en": "none (unsigned)", "es": "ninguna (sin firma)"},
    "devices.ui.role_unsigned": {"en": "unverified (unsigned)", "es": "sin verificar (sin firma)"},
    "devices.ui.role_unsigned_tip": {
        "en": "None of its records is signed, so nothing says it is a laptop of the study: an "
        "older fieldapp's, or an id someone made up.",
        "es": "Ninguno de sus registros está firmado, así que nada dice que sea una computadora "
        "del estudio: la de un fieldapp anterior, o un identificador inventado.",
    },
    "devices.ui.revoke": {"en": "&Revoke…", "es": "&Revocar…"},
    "devices.ui.revoke_pick": {
        "en": "Select a lost or stolen laptop in the table first.",
        "es": "Seleccione primero en la tabla la computadora perdida o robada.",
    },
    "devices.ui.revoke_not_supervisor": {
        "en": "Only the study's certified supervisor can revoke a laptop, and this laptop "
        "is not it.",
        "es": "Solo la supervisión certificada del estudio puede revocar una computadora, y "
        "esta computadora no lo es.",
    },
    "devices.ui.revoke_self": {
        "en": "This is this laptop: the supervisor cannot revoke herself.",
        "es": "Esta es esta computadora: la supervisión no puede revocarse a sí misma.",
    },
    "devices.ui.revoke_already": {
        "en": "This laptop is revoked already.",
        "es": "Esta computadora ya está revocada.",
    },
    "devices.ui.reinstate": {"en": "Reins&tate…", "es": "Re&habilitar…"},
    "devices.ui.reinstate_not_revoked": {
        "en": "Only a revoked laptop can be reinstated.",
        "es": "Solo se puede rehabilitar una computadora revocada.",
    },
    "devices.ui.reinstate_not_supervisor": {
        "en": "This laptop is revoked. Only the study's certified supervisor can reinstate "
        "it, and this laptop is not it: if the revocation was a mistake, tell her.",
        "es": "Esta computadora está revocada. Solo la supervisión certificada del estudio "
        "puede rehabilitarla, y esta computadora no lo es: si la revocación fue un error, "
        "avísele.",
    },
    "devices.ui.reinstate_ready": {
        "en": "Undo this laptop's revocation, if it was a mistake.",
        "es": "Deshacer la revocación de esta computadora, si fue un error.",
    },
    "devices.ui.reinstate_title": {
        "en": "Reinstate a laptop",
        "es": "Rehabilitar una computadora",
    },
    "devices.ui.reinstate_explained": {
        "en": "Reinstate laptop {device} (fingerprint {fingerprint}), revoked by {author} on "
        "{day} ({reason})? Do it only if the revocation was a mistake: wherever this "
        "database's packages reach, everything this laptop signs merges again, what it "
        "wrote since the revocation too. Send your next package to every laptop soon. If "
        "it is lost or stolen after all, revoke it again.",
        "es": "¿Rehabilitar la computadora {device} (huella {fingerprint}), revocada por "
        "{author} el {day} ({reason})? Hágalo solo si la revocación fue un error: "
        "dondequiera que lleguen los paquetes de esta base de datos, todo lo que firme esta "
        "computadora vuelve a fusionarse, también lo que escribió desde la revocación. "
        "Envíe pronto su próximo paquete a todas las computadoras. Si después de todo se "
        "perdió o la robaron, revóquela de nuevo.",
    },
    "devices.ui.reinstate_confirm": {"en": "Reinstate", "es": "Rehabilitar"},
    "devices.ui.role_reinstated": {
        "en": "reinstated by {author} on {day}: {reason}",
        "es": "rehabilitada por {author} el {day}: {reason}",
    },
    "devices.ui.revoke_unsigned": {
        "en": "This laptop signed none of the rows held here, so there is nothing to revoke "
        "from: merge its last package first.",
        "es": "Esta computadora no firmó ninguna de las filas que hay aquí, así que no hay "
        "desde dónde revocarla: fusione antes su último paquete.",
    },
    "devices.ui.revoke_ready": {
        "en": "Declare the selected laptop lost or stolen.",
        "es": "Declarar perdida o robada la computadora seleccionada.",
    },
    "devices.ui.revoke_title": {"en": "Revoke a laptop", "es": "Revocar una computadora"},
    "devices.ui.revoke_explained": {
        "en": "Revoke laptop {device} (fingerprint {fingerprint}) because it was lost or "
        "stolen? What this database already holds of it stays and still travels. Anything "
        "newer it signs is refused wherever this database's packages reach, so send your "
        "next package to every laptop soon. A revocation made by mistake is undone on its row: "
        "Reinstate…",
        "es": "¿Revocar la computadora {device} (huella {fingerprint}) porque se perdió o "
        "la robaron? Lo que esta base de datos ya tiene de ella se queda y sigue viajando. "
        "Todo lo más nuevo que firme se rechaza dondequiera que lleguen los paquetes de esta "
        "base de datos, así que envíe pronto su próximo paquete a todas las computadoras. "
        "Una revocación hecha por error se deshace en su fila: Rehabilitar…",
    },
    "devices.ui.revoke_confirm": {"en": "Revoke", "es": "Revocar"},
    "devices.ui.reason": {"en": "&Reason:", "es": "&Motivo:"},
    "devices.ui.author": {"en": "Your &name (as reviewer):", "es": "Su &nombre (como revisor):"},
    "devices.ui.reason_needed": {
        "en": "Say why: the reason travels with the decision.",
        "es": "Indique por qué: el motivo viaja con la decisión.",
    },
    "devices.ui.author_needed": {
        "en": "Type your name: it is recorded as the decision's author.",
        "es": "Escriba su nombre: queda registrado como autor de la decisión.",
    },
    "devices.ui.check_heading": {
        "en": "Rows a merge would refuse",
        "es": "Filas que una fusión rechazaría",
    },
    "devices.ui.check": {"en": "C&heck the database", "es": "C&omprobar la base de datos"},
    "devices.ui.check_cancel": {"en": "Ca&ncel", "es": "Ca&ncelar"},
    "devices.ui.check_intro": {
        "en": "Check lists every row an older fieldapp let in that a merge would refuse "
        "today. It changes nothing.",
        "es": "La comprobación enumera cada fila que un fieldapp anterior dejó entrar y que "
        "hoy una fusión rechazaría. No cambia nada.",
    },
    "devices.ui.checking": {
        "en": "Checking every row…",
        "es": "Comprobando cada fila…",
    },
    "devices.ui.checking_sealed": {
        "en": "Every row checked; opening the sealed versions with the study key: {done:,} "
        "of {total:,}…",
        "es": "Filas comprobadas; abriendo las versiones selladas con la clave del estudio: "
        "{done:,} de {total:,}…",
    },
    "devices.ui.clean": {
        "en": "The database is clean: every row is one this fieldapp would write.",
        "es": "La base de datos está limpia: todas las filas son como las escribiría este "
        "fieldapp.",
    },
    "devices.ui.found": {
        "en": "A merge would refuse {count, plural, one {# row today. Keep it until the "
        "supervisor sets it aside.} other {# rows today. Keep them until the supervisor sets "
        "them aside.}}",
        "es": "Una fusión rechazaría hoy {count, plural, one {# fila. Consérvela hasta que la "
        "supervisión la aparte.} other {# filas. Consérvelas hasta que la supervisión las "
        "aparte.}}",
    },
    "devices.ui.sealed_opened": {
        "en": "Sealed records opened with the study key: those whose content is past a bound "
        "are listed too.",
        "es": "Registros sellados abiertos con la clave del estudio: también se enumeran los "
        "que tienen un contenido que rebasa un límite.",
    },
    "devices.ui.sealed_not_opened": {
        "en": "Sealed records not opened: open the study key (Unlock with study key… in the "
        "Review menu) to check them too.",
        "es": "Registros sellados sin abrir: abra la clave del estudio (Desbloquear con la "
        "clave del estudio…, en el menú Revisión) para comprobarlos también.",
    },
    "devices.ui.sealed_key_changed": {
        "en": "The study key was opened or closed since this check: check again before "
        "setting rows aside.",
        "es": "La clave del estudio se abrió o se cerró después de esta comprobación: "
        "compruebe de nuevo antes de apartar filas.",
    },
    "devices.ui.set_aside_count": {
        "en": "Rows already set aside (quarantined): {count}.",
        "es": "Filas ya apartadas (en cuarentena): {count}.",
    },
    "devices.ui.col_table": {"en": "Table", "es": "Tabla"},
    "devices.ui.col_key": {"en": "Key", "es": "Clave"},
    "devices.ui.col_rule": {"en": "Why a merge refuses it", "es": "Por qué una fusión la rechaza"},
    "devices.ui.set_aside": {"en": "Set &aside (quarantine)…", "es": "&Apartar (cuarentena)…"},
    "devices.ui.set_aside_title": {"en": "Set rows aside", "es": "Apartar filas"},
    "devices.ui.set_aside_explained": {
        "en": "{count, plural, one {Set the listed row aside? Nothing is deleted: it gets a "
        "signed note that travels with this database's packages, and the list, review, export "
        "and progress leave it out everywhere and say how many.} other {Set the # listed rows "
        "aside? Nothing is deleted: each gets a signed note that travels with this database's "
        "packages, and the list, review, export and progress leave them out everywhere and say "
        "how many.}}",
        "es": "{count, plural, one {¿Apartar la fila de la lista? No se borra nada: recibe una "
        "nota firmada que viaja con los paquetes de esta base de datos, y la lista, la "
        "revisión, la exportación y el avance la dejan fuera en todas partes y dicen cuántas.} "
        "other {¿Apartar las # filas de la lista? No se borra nada: cada una recibe una nota "
        "firmada que viaja con los paquetes de esta base de datos, y la lista, la revisión, la "
        "exportación y el avance las dejan fuera en todas partes y dicen cuántas.}}",
    },
    "devices.ui.set_aside_confirm": {"en": "Set aside", "es": "Apartar"},
    "devices.ui.set_aside_not_supervisor": {
        "en": "Only the study's certified supervisor can set rows aside, and this laptop is "
        "not it: tell her what the check lists.",
        "es": "Solo la supervisión certificada del estudio puede apartar filas, y esta "
        "computadora no lo es: avísele lo que enumera la comprobación.",
    },
    "devices.ui.set_aside_done": {
        "en": "{count, plural, one {# row set aside} other {# rows set aside}}. Nothing was "
        "deleted; checking again…",
        "es": "{count, plural, one {# fila apartada} other {# filas apartadas}}. No se borró "
        "nada; comprobando de nuevo…",
    },
    "devices.ui.two_keys_cell": {
        # The table's fingerprint cell of a laptop the last check found under two keys.
        "en": "⚠ two keys",
        "es": "⚠ dos claves",
    },
    "devices.ui.two_keys": {
        # Another laptop's rows under two keys (attack7, desk7): which is its own is not known.
        "en": "The laptop {device} signed rows here with more than one key (fingerprints "
        "{fingerprints}). A laptop signs with one key, so someone posed as it, and an older "
        "fieldapp took both. This database cannot tell which key is the laptop's own, so no "
        "row is listed or set aside. Ask the laptop's user to read out its fingerprint (Help › "
        "This laptop's fingerprint…) and tell the study coordinator both: the rows of the "
        "other key are to be set aside.",
        "es": "La computadora {device} firmó filas aquí con más de una clave (huellas "
        "{fingerprints}). Una computadora firma con una sola clave: alguien se hizo pasar por "
        "ella, y un fieldapp anterior aceptó las dos. Esta base de datos no puede saber cuál "
        "es la clave de la computadora, así que no se enumera ni se aparta ninguna fila. Pida "
        "a quien usa esa computadora que lea en voz alta su huella (Ayuda › Huella de esta "
        "computadora…) y comunique ambas a la coordinación del estudio: las filas de la otra "
        "clave deben apartarse.",
    },
    "devices.ui.copy_for_nothing": {
        # A copy of Central's set aside by a version that no longer counts (attack7, desk7).
        "en": "ODK Central's copy {copy} was set aside as the same as an interview beside it, "
        "but no interview listed here is that interview now: the version that made it give "
        "way was set aside since, or was not signed by its laptop. The copy is a submission "
        "ODK Central holds, left out of the list, the review and the exports.",
        "es": "La copia de ODK Central {copy} se apartó por ser la misma que una entrevista a "
        "su lado, pero ninguna entrevista de la lista es hoy esa entrevista: la versión que "
        "la hizo apartarse se apartó después, o no la firmó su computadora. La copia es un "
        "envío que guarda ODK Central, excluido de la lista, la revisión y las exportaciones.",
    },
    "devices.ui.take_back": {
        "en": "Ta&ke back {count, plural, one {the copy} other {the # copies}}…",
        "es": "Rec&uperar {count, plural, one {la copia} other {las # copias}}…",
    },
    "devices.ui.take_back_title": {
        "en": "Take back ODK Central's copies",
        "es": "Recuperar copias de ODK Central",
    },
    "devices.ui.take_back_explained": {
        "en": "{count, plural, one {Take back ODK Central's copy {copies}?} other {Take back "
        "the # copies of ODK Central ({copies})?}} Each is listed again beside the "
        "interviews, to review and export; its set-aside is set aside in turn by a signed "
        "note that travels with this database's packages. Nothing is deleted.",
        "es": "{count, plural, one {¿Recuperar la copia de ODK Central {copies}?} other "
        "{¿Recuperar las # copias de ODK Central ({copies})?}} Cada una vuelve a la lista "
        "junto a las entrevistas, para revisarla y exportarla; su apartado queda a su vez "
        "apartado con una nota firmada que viaja con los paquetes de esta base de datos. No "
        "se borra nada.",
    },
    "devices.ui.take_back_not_supervisor": {
        "en": "Only the study's certified supervisor can take a copy back, from her database: "
        "tell her what the check lists.",
        "es": "Solo la supervisión certificada del estudio puede recuperar una copia, desde "
        "su base de datos: avísele lo que enumera la comprobación.",
    },
    "devices.ui.take_back_done": {
        "en": "{count, plural, one {# copy of ODK Central taken back} other {# copies of ODK "
        "Central taken back}}: listed again. Nothing was deleted.",
        "es": "{count, plural, one {# copia de ODK Central recuperada} other {# copias de ODK "
        "Central recuperadas}}: vuelven a la lista. No se borró nada.",
    },
    "devices.ui.close": {"en": "&Close", "es": "&Cerrar"},
}
