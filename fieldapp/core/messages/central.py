"""User-facing messages of the ODK Central link: connecting, forms down, the push queue."""

MESSAGES: dict[str, dict[str, str]] = {
    "central.bad_url": {
        "en": "{url} is not an address fieldapp can use ({reason}). Give the server's "
        "address as the web browser shows it, such as https://central.example.org.",
        "es": "{url} no es una dirección que fieldapp pueda usar ({reason}). Indique la "
        "dirección del servidor como la muestra el navegador, por ejemplo "
        "https://central.example.org.",
    },
    "central.url_missing": {
        "en": "No server address was given. Type the study's ODK Central address as the web "
        "browser shows it, such as https://central.example.org.",
        "es": "Falta la dirección del servidor. Escriba la dirección del ODK Central del "
        "estudio como la muestra el navegador, por ejemplo https://central.example.org.",
    },
    "central.url_scheme": {
        "en": "it must start with https:// or http://",
        "es": "debe empezar con https:// o http://",
    },
    "central.url_host": {
        "en": "it names no server, or carries a query",
        "es": "no nombra un servidor, o lleva una consulta",
    },
    "central.url_credentials": {
        "en": "it must not hold a user name or password: the secret is asked apart",
        "es": "no debe llevar usuario ni contraseña: el secreto se pide aparte",
    },
    "central.no_network": {
        "en": "Could not reach the server {url} ({reason}). Check the network connection "
        "and the address, then try again; nothing was changed, and what waits to be sent "
        "stays in the queue.",
        "es": "No se pudo contactar el servidor {url} ({reason}). Revise la conexión a la "
        "red y la dirección e intente de nuevo; no se cambió nada y lo que espera envío "
        "sigue en la cola.",
    },
    "central.reason_refused": {
        "en": "nothing answers at that address and port",
        "es": "nada responde en esa dirección y puerto",
    },
    "central.reason_no_such_host": {
        "en": "no server has that name, or there is no network to look it up",
        "es": "ningún servidor tiene ese nombre, o no hay red para buscarlo",
    },
    "central.reason_unreachable": {
        "en": "the network does not reach that server",
        "es": "la red no llega a ese servidor",
    },
    "central.reason_reset": {
        "en": "the connection was cut",
        "es": "se cortó la conexión",
    },
    "central.cancelled": {
        "en": "Cancelled: nothing more was asked of {url}, and nothing was saved from this "
        "exchange. Try again when the connection is better.",
        "es": "Cancelado: no se pidió nada más a {url} y no se guardó nada de este "
        "intercambio. Vuelva a intentarlo con una mejor conexión.",
    },
    "central.timeout": {
        "en": "The server {url} did not answer in {seconds} seconds. Try again later or on a "
        "better connection; what waits to be sent stays in the queue.",
        "es": "El servidor {url} no respondió en {seconds} segundos. Intente más tarde o "
        "con una mejor conexión; lo que espera envío sigue en la cola.",
    },
    "central.too_large": {
        "en": "The server {url} sent more than {megabytes} MB in one answer, more than any "
        "form, listing or file of an interview needs, so fieldapp stopped reading. Check the "
        "server's address with the study's coordinator; nothing was changed here.",
        "es": "El servidor {url} envió más de {megabytes} MB en una sola respuesta, más de lo "
        "que necesita cualquier formulario, listado o archivo de una entrevista, así que "
        "fieldapp dejó de leer. Verifique la dirección del servidor con la coordinación del "
        "estudio; aquí no se cambió nada.",
    },
    "central.not_central": {
        "en": "{url} answered, but not as an ODK Central server does (HTTP {status} for "
        "{what}). Check the address and the project number.",
        "es": "{url} respondió, pero no como un servidor ODK Central (HTTP {status} para "
        "{what}). Revise la dirección y el número de proyecto.",
    },
    "central.bad_credentials": {
        "en": "The server {url} refused the {kind} of profile {profile}: {reason} Ask the "
        "project manager for a new app user token (or check the email and password), then "
        "run fieldapp central login again.",
        "es": "El servidor {url} rechazó {kind} del perfil {profile}: {reason} Pida al "
        "responsable del proyecto un nuevo token de usuario de aplicación (o revise el "
        "correo y la contraseña) y ejecute de nuevo fieldapp central login.",
    },
    "central.kind_token": {"en": "app user token", "es": "el token de usuario de aplicación"},
    "central.kind_password": {"en": "email and password", "es": "el correo y la contraseña"},
    "central.not_found": {
        "en": "The server {url} has no {what} (project {project}): {reason} Check the "
        "project number and that the form is published there.",
        "es": "El servidor {url} no tiene {what} (proyecto {project}): {reason} Revise el "
        "número de proyecto y que el formulario esté publicado allí.",
    },
    "central.server_error": {
        "en": "The server {url} failed (HTTP {status}) {attempts, plural, one {once} "
        "other {# times}} for {what}: {reason} Try again later; if it keeps failing, tell the "
        "server's administrator.",
        "es": "El servidor {url} falló (HTTP {status}) {attempts, plural, one {una vez} "
        "other {# veces}} para {what}: {reason} Intente más tarde; si sigue fallando, avise al "
        "administrador del servidor.",
    },
    "central.refused": {
        "en": "The server {url} refused {what} (HTTP {status}): “{reason}”",
        "es": "El servidor {url} rechazó {what} (HTTP {status}): «{reason}»",
    },
    "central.form_closed": {
        "en": "The form of {what} is closed on {url} and accepts no submissions: “{reason}” "
        "Ask the project manager to open it again, then push again.",
        "es": "El formulario de {what} está cerrado en {url} y no acepta envíos: «{reason}» "
        "Pida al responsable del proyecto que lo abra de nuevo y vuelva a enviar.",
    },
    "central.form_forbidden": {
        "en": "This app user may not send interviews of form {form} to the server: “{reason}” "
        "Ask the project manager to give it access to that form in Central, then send the "
        "refused interviews again; the other interviews went on.",
        "es": "Este usuario de la aplicación no puede enviar entrevistas del formulario {form} "
        "al servidor: «{reason}» Pida al responsable del proyecto que le dé acceso a ese "
        "formulario en Central y vuelva a enviar las rechazadas; las demás entrevistas "
        "siguieron.",
    },
    "central.held_elsewhere": {
        "en": "Central already keeps submission {instance} of form {form} for this interview, "
        "and it is none of the versions finalized here (it may have been edited in Central's "
        "web form or sent from another copy): “{reason}” Nothing was sent and nothing was "
        "changed. Ask the project manager to compare that submission in Central with this "
        "interview and keep the right one; then send the refused interviews again.",
        "es": "Central ya guarda el envío {instance} del formulario {form} para esta "
        "entrevista, y no es ninguna de las versiones finalizadas aquí (quizá se editó en el "
        "formulario web de Central o se envió desde otra copia): «{reason}» No se envió ni se "
        "cambió nada. Pida al responsable del proyecto que compare ese envío en Central con "
        "esta entrevista y conserve el correcto; luego vuelva a enviar las rechazadas.",
    },
    "central.unminted_held": {
        "en": "Interview {submission} was not sent. An earlier finalized version of it "
        "carries submission {instance} of form {form}, an id this interview did not make, "
        "and Central keeps something else under that id (“{reason}”): it may be another "
        "device's submission, such as one ODK Collect sent. Sending this interview would "
        "have changed that submission, so nothing was sent and nothing was changed. Ask the "
        "project manager to compare that submission in Central with this interview: if "
        "the interview is not genuine, set it aside in the review and tell the study "
        "coordinator; if it is, keep the right version in Central, then send the refused "
        "interviews again.",
        "es": "No se envió la entrevista {submission}. Una versión finalizada anterior "
        "lleva el envío {instance} del formulario {form}, un identificador que esta "
        "entrevista no creó, y Central guarda otra cosa con ese identificador («{reason}»): "
        "puede ser el envío de otro dispositivo, como uno que mandó ODK Collect. Enviar "
        "esta entrevista habría cambiado ese envío, así que no se envió ni se cambió nada. "
        "Pida al responsable del proyecto que compare ese envío en Central con esta "
        "entrevista: si la entrevista no es auténtica, apártela en la revisión y avise a "
        "la coordinación del estudio; si lo es, conserve en Central la versión correcta y "
        "luego vuelva a enviar las rechazadas.",
    },
    "central.copy_unverified": {
        "en": "Interview {submission} was not sent. It is named as ODK Central's copy of "
        "submission {instance} of form {form}, pulled from Central on another computer, "
        "and Central keeps that submission as its sender wrote it. This account cannot "
        "read Central, so it cannot check that the copy is Central's own, and sending "
        "it could have changed that submission: nothing was sent and nothing was "
        "changed. Send it from the database that pulled the copy from Central (merge this "
        "database's package there first), or with a Central web user's account, which "
        "compares the two; if the copy is not Central's, set the interview aside in the "
        "review and tell the study coordinator.",
        "es": "No se envió la entrevista {submission}. Lleva el nombre de la copia de ODK "
        "Central del envío {instance} del formulario {form}, descargada de Central en otra "
        "computadora, y Central guarda ese envío tal como lo escribió quien lo mandó. Esta "
        "cuenta no puede leer Central, así que no puede comprobar que la copia sea la de "
        "Central, y enviarla podría haber cambiado ese envío: no se envió ni se cambió "
        "nada. Envíela desde la base de datos que descargó la copia de Central (fusione "
        "antes allí el paquete de esta base de datos), o con una cuenta de usuario web de "
        "Central, que compara las dos; si la copia no es la de Central, aparte la "
        "entrevista en la revisión y avise a la coordinación del estudio.",
    },
    "central.other_xml_listed": {
        "en": "its current version there is not that version of this interview",
        "es": "su versión actual allí no es esa versión de esta entrevista",
    },
    "central.bad_answer": {
        "en": "The server {url} sent an answer fieldapp cannot read for {what} ({reason}). "
        "Check that the address is an ODK Central server.",
        "es": "El servidor {url} envió una respuesta que fieldapp no puede leer para {what} "
        "({reason}). Revise que la dirección sea un servidor ODK Central.",
    },
    "central.what_forms": {"en": "the list of forms", "es": "la lista de formularios"},
    "central.what_form": {"en": "form {form}", "es": "el formulario {form}"},
    "central.what_file": {
        "en": "file {name} of form {form}",
        "es": "el archivo {name} del formulario {form}",
    },
    "central.what_session": {"en": "the sign-in", "es": "el inicio de sesión"},
    "central.what_submission": {
        "en": "interview {submission}",
        "es": "la entrevista {submission}",
    },
    "central.pull_needs_web_user": {
        "en": "Profile {profile} signs in as an app user, which Central lets send but not "
        "read. Pull with a web user's profile: fieldapp central login --url URL --project N "
        "--email EMAIL --name supervisor, then fieldapp central pull --profile supervisor.",
        "es": "El perfil {profile} entra como usuario de aplicación, al que Central deja "
        "enviar pero no leer. Traiga con el perfil de un usuario web: fieldapp central login "
        "--url URL --project N --email CORREO --name supervisor, y luego fieldapp central "
        "pull --profile supervisor.",
    },
    "central.no_profile": {
        "en": "No server profile {profile}. Run fieldapp central login --url URL --project N "
        "first (fieldapp central status lists the profiles).",
        "es": "No existe el perfil de servidor {profile}. Ejecute primero fieldapp central "
        "login --url URL --project N (fieldapp central status lista los perfiles).",
    },
    "central.profile_unreadable": {
        "en": "The server profiles file {path} cannot be read ({reason}). Move it aside and "
        "run fieldapp central login again.",
        "es": "No se puede leer el archivo de perfiles de servidor {path} ({reason}). "
        "Apártelo y ejecute de nuevo fieldapp central login.",
    },
    "central.bad_project": {
        "en": "The project must be the number Central shows in the project's address "
        "(…/projects/3): {project} is not one.",
        "es": "El proyecto debe ser el número que Central muestra en la dirección del "
        "proyecto (…/projects/3): {project} no lo es.",
    },
    "central.no_secret": {
        "en": "Profile {profile} needs its {kind}, and none is kept on this computer (no "
        "keyring). Give it when asked, or in FIELDAPP_CENTRAL_SECRET for scripts.",
        "es": "El perfil {profile} necesita {kind} y esta computadora no lo guarda (no hay "
        "llavero). Indíquelo cuando se pida, o en FIELDAPP_CENTRAL_SECRET para scripts.",
    },
    "central.logged_in": {
        "en": "Signed in to {url}, project {project}, as {who}: {forms, plural, one {# form} "
        "other {# forms}} there. Profile {profile} saved; the secret is {where}.",
        "es": "Sesión iniciada en {url}, proyecto {project}, como {who}: "
        "{forms, plural, one {# formulario} other {# formularios}} allí. Perfil {profile} "
        "guardado; el secreto {where}.",
    },
    "central.secret_in_keyring": {
        "en": "in the system keyring",
        "es": "está en el llavero del sistema",
    },
    "central.secret_asked": {
        "en": "not kept (no keyring here): it will be asked each time",
        "es": "no se guarda (no hay llavero aquí): se pedirá cada vez",
    },
    "central.app_user": {"en": "an app user", "es": "un usuario de aplicación"},
    "central.secret_prompt_token": {
        "en": "App user token for {url}: ",
        "es": "Token de usuario de aplicación para {url}: ",
    },
    "central.secret_prompt_password": {
        "en": "Password of {email} on {url}: ",
        "es": "Contraseña de {email} en {url}: ",
    },
    "central.forms_title": {
        "en": "Forms of {url}, project {project}:",
        "es": "Formularios de {url}, proyecto {project}:",
    },
    "central.forms_columns": {
        "en": "form|version|title|here|files",
        "es": "formulario|versión|título|aquí|archivos",
    },
    "central.form_held": {"en": "held", "es": "la tiene"},
    "central.form_behind": {"en": "behind ({version})", "es": "atrasada ({version})"},
    "central.form_missing": {"en": "not here", "es": "no la tiene"},
    "central.form_downloaded": {
        "en": "Downloaded form {form} version {version} ({files, plural, =0 {no attached "
        "files} one {# attached file} other {# attached files}}) into {db}.",
        "es": "Se descargó el formulario {form} versión {version} ({files, plural, =0 {sin "
        "archivos adjuntos} one {# archivo adjunto} other {# archivos adjuntos}}) en {db}.",
    },
    "central.unknown_form": {
        "en": "The server has no form {form}. Forms there: {available}.",
        "es": "El servidor no tiene el formulario {form}. Formularios allí: {available}.",
    },
    "central.push_done": {
        "en": "{sent, plural, one {# interview} other {# interviews}} sent to {url}, {refused} "
        "refused, {held} held back, {left} waiting.",
        "es": "{sent, plural, one {# entrevista enviada} other {# entrevistas enviadas}} a "
        "{url}, {refused, plural, one {# rechazada} other {# rechazadas}}, "
        "{held, plural, one {# retenida} other {# retenidas}}, {left} en espera.",
    },
    "central.push_refused_line": {
        "en": "  refused: {submission}: {reason}",
        "es": "  rechazada: {submission}: {reason}",
    },
    "central.push_retry_hint": {
        "en": "Once what the server says is mended, send the refused interviews again with: "
        "fieldapp central push --retry-refused",
        "es": "Una vez resuelto lo que dice el servidor, vuelva a enviar las rechazadas con: "
        "fieldapp central push --retry-refused",
    },
    "central.push_already_line": {
        "en": "{count, plural, one {# interview was} other {# interviews were}} already on the "
        "server with the same content: noted as sent, not sent again.",
        "es": "{count, plural, one {# entrevista ya estaba} other {# entrevistas ya estaban}} "
        "en el servidor con el mismo contenido: anotadas como enviadas, sin volver a enviarlas.",
    },
    "central.push_held_line": {
        "en": "  held back: {reason}",
        "es": "  retenida: {reason}",
    },
    "central.status_profile": {
        "en": "{profile}: {url}, project {project}, {kind}{who}",
        "es": "{profile}: {url}, proyecto {project}, {kind}{who}",
    },
    "central.status_none": {
        "en": "No server profile yet: fieldapp central login --url URL --project N.",
        "es": "Aún no hay perfil de servidor: fieldapp central login --url URL --project N.",
    },
    "central.status_queue": {
        "en": "Queue of {db} for {profile}: {waiting} waiting, {sent} sent, {refused} refused.",
        "es": "Cola de {db} para {profile}: {waiting} en espera, "
        "{sent, plural, one {# enviada} other {# enviadas}}, "
        "{refused, plural, one {# rechazada} other {# rechazadas}}.",
    },
    "central.no_db_form": {
        "en": "Interview {submission}'s form cannot be written as a submission: {reason}",
        "es": "El formulario de la entrevista {submission} no se puede escribir como envío: "
        "{reason}",
    },
}
