"""User-facing messages of pulling interviews and reviews down from ODK Central."""

MESSAGES: dict[str, dict[str, str]] = {
    "pull.instance_unreadable": {
        "en": "The submission {source} from the server is not readable XML. It was left on "
        "the server; ask the project manager to check it in Central.",
        "es": "El envío {source} del servidor no es XML legible. Se dejó en el servidor; "
        "pida al responsable del proyecto que lo revise en Central.",
    },
    "pull.instance_other_form": {
        "en": "The submission {source} is not an instance of form {form_id} (its root is "
        "{root}). It was left on the server; check which form it was sent to in Central.",
        "es": "El envío {source} no es una instancia del formulario {form_id} (su raíz es "
        "{root}). Se dejó en el servidor; revise en Central a qué formulario se envió.",
    },
    "pull.instance_bad_value": {
        "en": "The submission {source} has an answer to {question} that its form does not "
        "accept: {reason} It was left on the server; correct it in Central, then pull again.",
        "es": "El envío {source} tiene una respuesta a {question} que su formulario no "
        "acepta: {reason} Se dejó en el servidor; corríjala en Central y vuelva a descargar.",
    },
    "pull.unknown_form": {
        "en": "The submission {source} was made with form {form_id} version {version}, which "
        "this database does not hold. Bring the form down first (fieldapp central forms), "
        "then pull again.",
        "es": "El envío {source} se hizo con el formulario {form_id} versión {version}, que "
        "esta base de datos no tiene. Descargue antes el formulario (fieldapp central forms) "
        "y vuelva a descargar los envíos.",
    },
    "pull.sealed": {
        "en": "The submission {source} is encrypted on the server. It stays there, sealed: "
        "fieldapp does not open it to copy it. Merge the laptop's package to bring the "
        "interview here, or export it from Central with the project's passphrase.",
        "es": "El envío {source} está cifrado en el servidor. Se queda allí, sellado: "
        "fieldapp no lo abre para copiarlo. Fusione el paquete de la computadora para traer la "
        "entrevista, o expórtela desde Central con la frase de contraseña del proyecto.",
    },
    "pull.edited": {
        "en": "The submission {source} was edited on the server after it left the laptop "
        "(version {version}). fieldapp keeps the laptop's version and does not take the "
        "server's edit: make the change in fieldapp, where the interviewer sees it.",
        "es": "El envío {source} se editó en el servidor después de salir de la computadora "
        "(versión {version}). fieldapp conserva la versión de la computadora y no toma la edición "
        "del servidor: haga el cambio en fieldapp, donde el entrevistador lo ve.",
    },
    "pull.copy_set_aside": {
        "en": "Interview {copy} is ODK Central's copy of interview {interview}, pulled before "
        "the laptop's package brought the interview itself. The laptop's interview is the one "
        "kept; the copy is set aside (fieldapp check counts it), nothing was deleted.",
        "es": "La entrevista {copy} es la copia de ODK Central de la entrevista {interview}, "
        "descargada antes de que el paquete de la computadora trajera la entrevista misma. Se "
        "conserva la de la computadora; la copia queda apartada (fieldapp check la cuenta), no se "
        "borró nada.",
    },
    "pull.instance_id_differs": {
        "en": "The submission {source} carries another instanceID in its XML ({given}). It "
        "was left on the server; check the submission in Central.",
        "es": "El envío {source} lleva otro instanceID en su XML ({given}). Se dejó en el "
        "servidor; revise el envío en Central.",
    },
    "pull.sealed_locked": {
        "en": "The submission {source} is sealed for the study key, which is locked here. It "
        "stays on the server; unlock with the study key (Unlock with study key… in the app, "
        "or --key FILE with fieldapp central pull) and pull again to bring it, still sealed.",
        "es": "El envío {source} está sellado para la clave del estudio, que aquí está "
        "bloqueada. Se queda en el servidor; desbloquee con la clave del estudio "
        "(Desbloquear con la clave del estudio… en la aplicación, o --key ARCHIVO con "
        "fieldapp central pull) y vuelva a descargar para traerlo, sellado.",
    },
    "pull.sealed_other_key": {
        "en": "The submission {source} is sealed for another key than this study's, so the "
        "study key cannot open it. It stays on the server; check the form's key in Central.",
        "es": "El envío {source} está sellado para otra clave que la del estudio, que no "
        "puede abrirlo. Se queda en el servidor; revise la clave del formulario en Central.",
    },
    "pull.sealed_managed": {
        "en": "The submission {source} of form {form_id} is encrypted with the key ODK "
        "Central keeps for the project (managed encryption). Only Central holds that key, "
        "so it stays on the server. Merge the laptop's package to bring the interview, or "
        "export it from Central with the project's passphrase.",
        "es": "El envío {source} del formulario {form_id} está cifrado con la clave que ODK "
        "Central guarda para el proyecto (cifrado gestionado). Solo Central tiene esa clave, "
        "así que se queda en el servidor. Fusione el paquete de la computadora para traer la "
        "entrevista, o expórtela desde Central con la frase del proyecto.",
    },
    "pull.sealed_tampered": {
        "en": "The sealed submission {source} does not match its signature (a file is "
        "missing or was altered on the server). It stays on the server; nothing was taken.",
        "es": "El envío sellado {source} no coincide con su firma (falta un archivo o se "
        "alteró en el servidor). Se queda en el servidor; no se tomó nada.",
    },
    "pull.bad_answer": {
        "en": "The server answered {what} with something fieldapp cannot read ({reason}). "
        "Nothing was changed; check that the address is an ODK Central server and try again.",
        "es": "El servidor respondió a {what} con algo que fieldapp no puede leer ({reason}). "
        "No se cambió nada; revise que la dirección sea un servidor ODK Central e intente "
        "de nuevo.",
    },
    "pull.what": {"en": "{path} of the project", "es": "{path} del proyecto"},
    "pull.needs_web_user": {
        "en": "Bringing interviews down from {url} needs a web user (email and password): "
        "Central shows submissions only to them. Sign in with fieldapp central login --email.",
        "es": "Para descargar entrevistas de {url} se necesita un usuario web (correo y "
        "contraseña): Central solo les muestra los envíos. Inicie sesión con fieldapp "
        "central login --email.",
    },
    "pull.done": {
        "en": "{server}: {new, plural, one {# new interview} other {# new interviews}}, "
        "{known} already here, {reviews, plural, one {# review decision taken} other {# review "
        "decisions taken}}, {left} left on the server.",
        "es": "{server}: {new, plural, one {# entrevista nueva} other {# entrevistas nuevas}}, "
        "{known, plural, one {# ya estaba aquí} other {# ya estaban aquí}}, "
        "{reviews, plural, one {# decisión de revisión tomada} other {# decisiones de revisión "
        "tomadas}}, {left, plural, one {# dejada en el servidor} other {# dejadas en el "
        "servidor}}.",
    },
    "pull.returned_without_comment": {
        "en": "Returned on the server (ODK Central review state: {state}), without a comment.",
        "es": "Devuelta en el servidor (estado de revisión en ODK Central: {state}), sin "
        "comentario.",
    },
    "pull.reviews_sent": {
        "en": "{count, plural, one {# review decision sent to the server.} other {# review "
        "decisions sent to the server.}}",
        "es": "{count, plural, one {# decisión de revisión enviada al servidor.} "
        "other {# decisiones de revisión enviadas al servidor.}}",
    },
    "pull.review_author": {
        "en": "{name} (ODK Central)",
        "es": "{name} (ODK Central)",
    },
}
