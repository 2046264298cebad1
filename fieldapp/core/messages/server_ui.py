"""Words of File › Server… and the list's send state (``ui/server_dialog``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "server.ui.menu": {"en": "&Server (ODK Central)…", "es": "Ser&vidor (ODK Central)…"},
    "server.ui.title": {"en": "ODK Central server", "es": "Servidor ODK Central"},
    "server.ui.intro": {
        "en": "Send finalized interviews to the study's ODK Central and bring its forms "
        "down. Sealed interviews go up sealed. Without a network nothing is lost: what is "
        "not sent waits for the next time.",
        "es": "Envíe las entrevistas finalizadas al ODK Central del estudio y descargue sus "
        "formularios. Las entrevistas selladas se envían selladas. Sin red no se pierde "
        "nada: lo que no se envió espera a la próxima vez.",
    },
    "server.ui.url": {"en": "Server &address:", "es": "Di&rección del servidor:"},
    "server.ui.project": {"en": "Project &number:", "es": "Número de &proyecto:"},
    "server.ui.app_user": {
        "en": "App &user (token, as ODK Collect)",
        "es": "&Usuario de aplicación (token, como ODK Collect)",
    },
    "server.ui.web_user": {
        "en": "&Web user (email and password)",
        "es": "Usuario &web (correo y contraseña)",
    },
    "server.ui.email": {"en": "&Email:", "es": "&Correo:"},
    "server.ui.secret_token": {"en": "&Token:", "es": "T&oken:"},
    "server.ui.secret_password": {"en": "Passw&ord:", "es": "Contra&seña:"},
    "server.ui.secret_kept": {
        "en": "kept in this computer's keyring",
        "es": "guardado en el llavero de esta computadora",
    },
    "server.ui.sign_in": {"en": "S&ign in", "es": "&Iniciar sesión"},
    "server.ui.signed_in": {
        "en": "Signed in to project {project}: {forms, plural, one {# form} other {# forms}}. "
        "{where}",
        "es": "Sesión iniciada en el proyecto {project}: {forms, plural, one {# formulario} "
        "other {# formularios}}. {where}",
    },
    "server.ui.in_keyring": {
        "en": "The secret is kept in the keyring.",
        "es": "El secreto se guarda en el llavero.",
    },
    "server.ui.not_in_keyring": {
        "en": "No keyring here: the secret will be asked again next time.",
        "es": "No hay llavero: el secreto se pedirá de nuevo la próxima vez.",
    },
    "server.ui.type_password": {
        "en": "Type the web user's password under Password, then sign in.",
        "es": "Escriba la contraseña del usuario web en Contraseña e inicie sesión.",
    },
    "server.ui.type_token": {
        "en": "Type the app user's token under Token, then sign in.",
        "es": "Escriba el token del usuario de aplicación en Token e inicie sesión.",
    },
    "server.ui.no_secret_password": {
        "en": "Nothing was asked of the server: it needs the web user's password, which "
        "this computer does not keep. Type it under Password, or when it is asked.",
        "es": "No se pidió nada al servidor: hace falta la contraseña del usuario web, que "
        "esta computadora no guarda. Escríbala en Contraseña, o cuando se le pida.",
    },
    "server.ui.no_secret_token": {
        "en": "Nothing was asked of the server: it needs the app user's token, which this "
        "computer does not keep. Type it under Token, or when it is asked.",
        "es": "No se pidió nada al servidor: hace falta el token del usuario de aplicación, "
        "que esta computadora no guarda. Escríbalo en Token, o cuando se le pida.",
    },
    "server.ui.forms": {"en": "Forms on the server", "es": "Formularios en el servidor"},
    "server.ui.form_id": {"en": "Form", "es": "Formulario"},
    "server.ui.form_name": {"en": "Title", "es": "Título"},
    "server.ui.form_version": {"en": "Server version", "es": "Versión en el servidor"},
    "server.ui.form_state": {"en": "On this laptop", "es": "En esta computadora"},
    "server.ui.state_held": {"en": "up to date", "es": "al día"},
    "server.ui.state_behind": {
        "en": "behind (has {versions})",
        "es": "atrasado (tiene {versions})",
    },
    "server.ui.state_missing": {"en": "not here", "es": "no está"},
    "server.ui.refresh": {"en": "&Refresh list", "es": "&Actualizar lista"},
    "server.ui.download": {"en": "&Download selected", "es": "&Descargar seleccionados"},
    "server.ui.no_selection": {
        "en": "Select the forms to download in the list first.",
        "es": "Primero seleccione en la lista los formularios que descargará.",
    },
    "server.ui.downloaded": {
        "en": "Downloaded: {forms}.",
        "es": "Descargados: {forms}.",
    },
    "server.ui.listed": {
        "en": "{count, plural, one {# form on the server.} other {# forms on the server.}}",
        "es": "{count, plural, one {# formulario en el servidor.} other {# formularios en el "
        "servidor.}}",
    },
    "server.ui.send": {"en": "&Send finalized interviews", "es": "&Enviar entrevistas finalizadas"},
    "server.ui.pull": {"en": "&Pull submissions", "es": "&Traer envíos"},
    "server.ui.retry_refused": {"en": "Retr&y refused", "es": "Reenviar rec&hazadas"},
    "server.ui.retry_hint": {
        "en": "Once what the server says is mended, press Retry refused to send them again.",
        "es": "Una vez resuelto lo que dice el servidor, pulse Reenviar rechazadas para "
        "enviarlas de nuevo.",
    },
    "server.ui.pull_needs_web_user": {
        "en": "Pulling reads the project's submissions, which Central lets only a web user "
        "do: choose Web user and give its email and password. Nothing was read.",
        "es": "Traer los envíos lee los del proyecto, y Central solo lo permite a un usuario "
        "web: elija Usuario web y escriba su correo y contraseña. No se leyó nada.",
    },
    "server.ui.cancel": {"en": "Cancel", "es": "Cancelar"},
    "server.ui.cancelling_button": {"en": "Cancelling…", "es": "Cancelando…"},
    "server.ui.close": {"en": "Close", "es": "Cerrar"},
    "server.ui.working": {"en": "Talking to the server…", "es": "Comunicando con el servidor…"},
    "server.ui.sending": {
        "en": "Sending {done} of {total}…",
        "es": "Enviando {done} de {total}…",
    },
    "server.ui.downloading": {
        "en": "Downloading forms: {done} of {total} done…",
        "es": "Descargando formularios: {done} de {total} listos…",
    },
    "server.ui.pulling": {
        "en": "Bringing in submissions: {done} of {total} done…",
        "es": "Trayendo envíos: {done} de {total} listos…",
    },
    "server.ui.refused_password": {
        "en": "The server {url} refused the email and password: “{reason}” Check both as "
        "they are in Central, then sign in again.",
        "es": "El servidor {url} rechazó el correo y la contraseña: «{reason}» Revise ambos "
        "como están en Central e inicie sesión de nuevo.",
    },
    "server.ui.refused_token": {
        "en": "The server {url} refused the app user token: “{reason}” Ask the project "
        "manager for a new token, type it under Token, then sign in again.",
        "es": "El servidor {url} rechazó el token de usuario de aplicación: «{reason}» Pida "
        "al responsable del proyecto un nuevo token, escríbalo en Token e inicie sesión "
        "de nuevo.",
    },
    "server.ui.pushed": {
        "en": "Sent {sent}; refused by the server {refused}; held back {held}; still "
        "waiting {waiting}.",
        "es": "Enviadas {sent}; rechazadas por el servidor {refused}; retenidas {held}; "
        "en espera {waiting}.",
    },
    "server.ui.already_there": {
        "en": "Already on the server with the same content, so not sent again: {count}.",
        "es": "Ya estaban en el servidor con el mismo contenido, así que no se enviaron de "
        "nuevo: {count}.",
    },
    "server.ui.sealed_interview": {
        "en": "An interview of a sealed form",
        "es": "Una entrevista de un formulario sellado",
    },
    "server.ui.cancelling": {
        "en": "Cancelling: waiting for the server's current answer (at most {seconds} s); "
        "nothing more will be asked.",
        "es": "Cancelando: se espera la respuesta en curso del servidor (como mucho "
        "{seconds} s); no se le pedirá nada más.",
    },
    "server.ui.cancelled": {
        "en": "Cancelled: what was not sent waits for the next time.",
        "es": "Cancelado: lo que no se envió espera a la próxima vez.",
    },
    "server.ui.pull_cancelled": {
        "en": "Cancelled: nothing was brought in; the submissions stay on the server for the "
        "next time.",
        "es": "Cancelado: no se trajo nada; los envíos siguen en el servidor para la próxima vez.",
    },
    "server.ui.column": {"en": "Server", "es": "Servidor"},
    "server.ui.not_sent": {"en": "not sent", "es": "sin enviar"},
    "server.ui.waiting": {"en": "waiting", "es": "en espera"},
    "server.ui.sent": {"en": "sent", "es": "enviada"},
    "server.ui.refused": {"en": "refused", "es": "rechazada"},
    "server.ui.refused_tip": {
        "en": "The server refused it: {reason}",
        "es": "El servidor la rechazó: {reason}",
    },
}
