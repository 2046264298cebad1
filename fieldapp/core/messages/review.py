"""User-facing messages of the supervisor's desk: review rules, targets, progress."""

MESSAGES: dict[str, dict[str, str]] = {
    "review.state.draft": {"en": "a draft", "es": "un borrador"},
    "review.state.finalized": {"en": "finalized", "es": "finalizada"},
    "review.state.approved": {"en": "approved", "es": "aprobada"},
    "review.state.returned": {"en": "returned", "es": "devuelta"},
    "review.event.listing_corrected": {
        "en": "city and interviewer as answered: {city} · {interviewer}",
        "es": "ciudad y entrevistador según las respuestas: {city} · {interviewer}",
    },
    "review.not_finalized": {
        "en": "Interview {submission} is {state}: only a finalized interview can be {action}. "
        "Wait until the researcher finalizes it, then review it.",
        "es": "La entrevista {submission} es {state}: solo una entrevista finalizada puede ser "
        "{action}. Espere a que el investigador la finalice y revísela entonces.",
    },
    "review.not_returnable": {
        "en": "Interview {submission} is {state}: only a finalized or approved interview can "
        "be returned. Wait until the researcher finalizes it, then review it.",
        "es": "La entrevista {submission} es {state}: solo una entrevista finalizada o aprobada "
        "puede ser devuelta. Espere a que el investigador la finalice y revísela entonces.",
    },
    "review.action.approved": {"en": "approved", "es": "aprobada"},
    "review.already_approved": {
        "en": "Interview {submission} is already approved, so it cannot be finalized again. "
        "Reopen it first if it must change.",
        "es": "La entrevista {submission} ya está aprobada y no se puede volver a finalizar. "
        "Reábrala primero si debe cambiar.",
    },
    "review.not_allowed": {
        "en": "Interview {submission} is {state} and cannot become {target}. {hint}",
        "es": "La entrevista {submission} es {state} y no puede pasar a {target}. {hint}",
    },
    "review.hint.finalize_first": {
        "en": "Finalize it first.",
        "es": "Finalícela primero.",
    },
    "review.hint.reopen_first": {
        "en": "Reopen it first.",
        "es": "Reábrala primero.",
    },
    "review.changed_meanwhile": {
        "en": "Interview {submission} changed while you were reading it (a merge brought a "
        "newer version). Nothing was saved: read it again, then decide.",
        "es": "La entrevista {submission} cambió mientras la leía (una fusión trajo una "
        "versión más reciente). No se guardó nada: léala de nuevo y decida.",
    },
    "review.comment_needed": {
        "en": "Say what to fix: returning interview {submission} needs a comment on the "
        "interview or on one of its questions.",
        "es": "Indique qué corregir: para devolver la entrevista {submission} escriba un "
        "comentario sobre la entrevista o sobre alguna de sus preguntas.",
    },
    "review.comments_need_return": {
        "en": "{count, plural, one {# comment on a question goes} other {# comments on "
        "questions go}} to the researcher only with a return: approving would drop "
        "{count, plural, one {it} other {them}}. Return the interview, or take "
        "{count, plural, one {the comment} other {the comments}} back (double-click in the "
        "list of comments added) and approve it.",
        "es": "{count, plural, one {# comentario sobre una pregunta llega} other {# "
        "comentarios sobre preguntas llegan}} al investigador solo al devolver la "
        "entrevista: al aprobarla se {count, plural, one {perdería} other {perderían}}. "
        "Devuelva la entrevista, o quite {count, plural, one {el comentario} other {los "
        "comentarios}} (doble clic en la lista de comentarios agregados) y apruébela.",
    },
    "review.unknown_question": {
        "en": "Interview {submission} has no question '{question}': attach the comment to one "
        "of its form's questions, or to the whole interview.",
        "es": "La entrevista {submission} no tiene la pregunta '{question}': adjunte el "
        "comentario a una pregunta de su formulario o a la entrevista completa.",
    },
    "review.sealed_revision": {
        "en": "Version {number} (saved by {author}) is sealed for the study key: open the key "
        "(Unlock with study key… in the Review menu) to compare its answers.",
        "es": "La versión {number} (guardada por {author}) está sellada para la clave del "
        "estudio: abra la clave (Desbloquear con la clave del estudio…, en el menú Revisión) "
        "para comparar sus respuestas.",
    },
    "review.sealed_draft": {
        "en": "Version {number} is a draft {author} saved of a sealed form: its answers were "
        "sealed with the drafts key of the laptop that saved it, deleted once the interview "
        "was finalized, and no key opens them. Compare two finalized or returned versions.",
        "es": "La versión {number} es un borrador de un formulario sellado que guardó "
        "{author}: sus respuestas se sellaron con la clave de borradores de la computadora "
        "que lo guardó, borrada al finalizar la entrevista, y ninguna clave las abre. Compare "
        "dos versiones finalizadas o devueltas.",
    },
    "review.unknown_revision": {
        "en": "Interview {submission} has no revision {revision}. Pick one from its history.",
        "es": "La entrevista {submission} no tiene la revisión {revision}. Elija una de su "
        "historial.",
    },
    "review.target_too_large": {
        "en": "The target for {city} / {actor} is too large to keep: '{value}'. Type the "
        "number of approved interviews wanted, such as 20.",
        "es": "La meta de {city} / {actor} es demasiado grande para guardarla: '{value}'. "
        "Escriba el número de entrevistas aprobadas que se buscan, como 20.",
    },
    "review.bad_target": {
        "en": "The target for {city} / {actor} must be a whole number from 0 up, not "
        "'{value}'. Type a number such as 20.",
        "es": "La meta de {city} / {actor} debe ser un número entero desde 0, no '{value}'. "
        "Escriba un número como 20.",
    },
    "review.blank_target_group": {
        "en": "A target needs both a city and an actor type (got city '{city}', actor "
        "'{actor}'). Name both, e.g. tijuana cso 20.",
        "es": "Una meta necesita una ciudad y un tipo de actor (se recibió ciudad '{city}', "
        "actor '{actor}'). Indique ambos, por ejemplo tijuana cso 20.",
    },
    "review.unknown_target_city": {
        "en": "No form of this database offers the city '{city}', so no target was set. "
        "Use one of: {cities}.",
        "es": "Ningún formulario de esta base de datos ofrece la ciudad «{city}», así que no se "
        "fijó ninguna meta. Use una de: {cities}.",
    },
    "review.unknown_target_actor": {
        "en": "No form of this database is for the actor type '{actor}', so no target was "
        "set. Use one of: {actors}.",
        "es": "Ningún formulario de esta base de datos es para el tipo de actor «{actor}», así "
        "que no se fijó ninguna meta. Use uno de: {actors}.",
    },
    "review.target_set": {
        "en": "Target for {city} / {actor}: {target, plural, one {# interview} "
        "other {# interviews}}.",
        "es": "Meta de {city} / {actor}: {target, plural, one {# entrevista} "
        "other {# entrevistas}}.",
    },
    "review.target_cleared": {
        "en": "Target for {city} / {actor} cleared: progress shows none for it.",
        "es": "Meta de {city} / {actor} quitada: el avance no muestra ninguna.",
    },
    "review.no_target_to_clear": {
        "en": "{city} / {actor} has no target to clear; nothing was changed. The targets set "
        "are listed by fieldapp status and in Review › Progress…",
        "es": "{city} / {actor} no tiene meta que quitar; no se cambió nada. Las metas fijadas "
        "se ven con fieldapp status y en Revisión › Avance…",
    },
    "review.target_reviewer_needed": {
        "en": "A target is set or cleared with the name of who decides it, and no reviewer "
        "name is known yet: type yours in the Reviewer field of Review › Review queue…, "
        "then change the target again. Nothing was changed.",
        "es": "Una meta se fija o se quita con el nombre de quien lo decide, y aún no se "
        "conoce ningún nombre de revisor: escriba el suyo en el campo Revisor de Revisión › "
        "Cola de revisión… y vuelva a cambiar la meta. No se cambió nada.",
    },
    "review.status_title": {
        "en": "Interviews by city, actor type and state ({path})",
        "es": "Entrevistas por ciudad, tipo de actor y estado ({path})",
    },
    "review.status_empty": {
        "en": "No interviews in {path} yet. Merge the laptops' files, then ask again.",
        "es": "Aún no hay entrevistas en {path}. Fusione los archivos de las computadoras y vuelva "
        "a consultar.",
    },
    # The History's comparison where its table is empty: why, rather than a blank.
    "review.history.no_difference": {
        "en": "No answer differs between these two versions.",
        "es": "Ninguna respuesta difiere entre estas dos versiones.",
    },
    "review.history.same_version": {
        "en": "The same version is chosen twice: choose another one to compare it with.",
        "es": "Se eligió dos veces la misma versión: elija otra para compararla.",
    },
    "review.history.one_version": {
        "en": "This interview has one version so far: there is nothing to compare it with.",
        "es": "Esta entrevista tiene por ahora una sola versión: no hay con qué compararla.",
    },
    # The History diff's grid of a repeat: one row per entry.
    "review.grid.title": {
        "en": "{repeat}: {changed} of {entries, plural, one {# entry changed} other {# entries "
        "changed}}",
        "es": "{repeat}: {changed, plural, one {cambió} other {cambiaron}} {changed} de "
        "{entries, plural, one {# entrada} other {# entradas}}",
    },
    "review.grid.added": {"en": "{number} (new)", "es": "{number} (nueva)"},
    "review.grid.removed": {"en": "{number} (removed)", "es": "{number} (quitada)"},
    "review.grid.changed_cell": {
        "en": "Changed: {before} → {after}",
        "es": "Cambió: {before} → {after}",
    },
    # --- the review desk says the decision it stored, on which interview -----------------
    "review.ui.decided.approved": {"en": "Approved: {name}.", "es": "Aprobada: {name}."},
    "review.ui.decided.returned": {
        "en": "Returned to the researcher: {name}.",
        "es": "Devuelta al investigador: {name}.",
    },
    "review.ui.show_waiting": {"en": "Waiting for review", "es": "Esperando revisión"},
    "review.ui.show_approved": {
        "en": "Approved (to return one approved by mistake)",
        "es": "Aprobadas (para devolver una aprobada por error)",
    },
    "review.ui.approved_heading": {
        "en": "Approved. Returning it takes the approval back: the researcher gets it with "
        "your comments, as any returned interview.",
        "es": "Aprobada. Al devolverla se retira la aprobación: el investigador la recibe con "
        "sus comentarios, como cualquier entrevista devuelta.",
    },
    "review.ui.already_approved": {
        "en": "Already approved. If that was a mistake, write what to fix and return it to "
        "the researcher.",
        "es": "Ya está aprobada. Si fue un error, escriba qué corregir y devuélvala al "
        "investigador.",
    },
    "review.ui.unsent_title": {
        "en": "Comments not sent",
        "es": "Comentarios sin enviar",
    },
    "review.ui.unsent": {
        "en": "You wrote comments on {count, plural, one {an interview} other {# interviews}} "
        "of the queue without returning {count, plural, one {it} other {them}}: closing the "
        "review loses them. Stay to return {count, plural, one {it} other {them}} (the "
        "comments are there when you pick {count, plural, one {it} other {each}} again), or "
        "close without sending.",
        "es": "Escribió comentarios sobre {count, plural, one {una entrevista} other {# "
        "entrevistas}} de la cola sin {count, plural, one {devolverla} other {devolverlas}}: "
        "al cerrar la revisión se pierden. Quédese para {count, plural, one {devolverla} "
        "other {devolverlas}} (los comentarios siguen ahí al elegir {count, plural, one "
        "{la} other {cada una}} de nuevo), o cierre sin enviarlos.",
    },
    "review.ui.unsent_stay": {"en": "Stay", "es": "Quedarse"},
    "review.ui.unsent_close": {"en": "Close without sending", "es": "Cerrar sin enviar"},
    "review.ui.queue_claimed": {
        # the review desk's queue, an interview of an instanceID claim: before she opens it
        "en": "⚠ Claim · {name}",
        "es": "⚠ Reclamo · {name}",
    },
    "review.ui.queue_claimed_tip": {
        "en": "In an instanceID claim with interview {other}: open it to compare them.",
        "es": "En un reclamo de instanceID con la entrevista {other}: ábrala para compararlas.",
    },
    "review.ui.conflicted": {
        "en": "Edited on two laptops: this is the newest version. Resolve the conflict under "
        "View › Conflicts… before approving or returning it.",
        "es": "Editada en dos computadoras: esta es la versión más reciente. Resuelva el "
        "conflicto en Ver › Conflictos… antes de aprobarla o devolverla.",
    },
    "review.ui.written_on_set_aside": {
        "en": "Two versions: {author}'s of {day} was written on a version since set aside "
        "(forged, or not its device's) and carries that version's answers; shown here is the "
        "other one. Resolve the conflict under View › Conflicts…, keeping the right answers, "
        "before approving or returning it.",
        "es": "Dos versiones: la de {author} del {day} se escribió sobre una versión apartada "
        "después (falsificada, o que no es de su dispositivo) y lleva las respuestas de esa "
        "versión; aquí se muestra la otra. Resuelva el conflicto en Ver › Conflictos…, "
        "conservando las respuestas correctas, antes de aprobarla o devolverla.",
    },
    "review.ui.review_on_set_aside": {
        "en": "{author}'s review of {day} was written on a version since set aside (forged, "
        "or not its device's) and is all this interview has left: its answers are that "
        "version's, so it counts as not reviewed. Approve or return it again only if they "
        "are right.",
        "es": "La revisión de {author} del {day} se escribió sobre una versión apartada "
        "después (falsificada, o que no es de su dispositivo) y es todo lo que queda de esta "
        "entrevista: sus respuestas son las de esa versión, así que cuenta como no revisada. "
        "Apruébela o devuélvala de nuevo solo si son correctas.",
    },
    "review.ui.claimed_by_other": {
        "en": "ODK Central's copy. Interview «{other}» ({other_id}) carries its instanceID "
        "{instance_id} too, which it did not make, and says otherwise. Compare them: if it is "
        "not the one ODK Central holds, the device that wrote it took this submission's id; "
        "tell the study coordinator.",
        "es": "Copia de ODK Central. La entrevista «{other}» ({other_id}) lleva también su "
        "instanceID {instance_id}, que no creó, y dice otra cosa. Compárelas: si no es la que "
        "tiene ODK Central, el dispositivo que la escribió tomó el identificador de este "
        "envío; avise a la coordinación del estudio.",
    },
    # Under a claim's lines (claims2): set the interview shown aside, or who can.
    "review.ui.claim_set_aside": {
        "en": "Set this interview aside…",
        "es": "Apartar esta entrevista…",
    },
    "review.ui.claim_set_aside_tip": {
        "en": "Sets the interview shown aside with a signed quarantine that every list, "
        "export and merge honours (nothing is deleted); the other interview of the claim "
        "stays. In a terminal: fieldapp review set-aside ID --author NAME (fieldapp check "
        "lists the claim and the ids of its two interviews).",
        "es": "Aparta la entrevista mostrada con una cuarentena firmada que respetan todas "
        "las listas, exportaciones y fusiones (no se borra nada); la otra entrevista del "
        "reclamo se queda. En una terminal: fieldapp review set-aside ID --author NOMBRE "
        "(fieldapp check enumera el reclamo y los ids de sus dos entrevistas).",
    },
    "review.ui.claim_supervisor_only": {
        "en": "Only the study's supervisor can set one of these interviews aside, from the "
        "review desk of her computer: tell her.",
        "es": "Solo la supervisora del estudio puede apartar una de estas entrevistas, desde "
        "la mesa de revisión de su computadora: avísele.",
    },
    "review.ui.claim_set_aside_title": {
        "en": "Set this interview aside",
        "es": "Apartar esta entrevista",
    },
    "review.ui.claim_set_aside_explained": {
        "en": "Interview «{name}» ({submission}) will be set aside with a signed quarantine: "
        "the queue, the lists, exports and every merge leave it out, on this computer and "
        "on those that merge its packages. Nothing is deleted. Interview «{other}» "
        "({other_id}) stays. Compare them first: set aside the one ODK Central does not "
        "hold. Say why and who decides.",
        "es": "La entrevista «{name}» ({submission}) se apartará con una cuarentena "
        "firmada: la cola, las listas, las exportaciones y todas las fusiones la dejan "
        "fuera, en esta computadora y en las que fusionen sus paquetes. No se borra nada. "
        "La entrevista «{other}» ({other_id}) se queda. Compárelas antes: aparte la que no "
        "tiene ODK Central. Diga por qué y quién lo decide.",
    },
    "review.ui.claim_set_aside_confirm": {"en": "Set aside", "es": "Apartar"},
    "review.ui.claim_set_aside_done": {
        "en": "Set aside: «{name}» ({submission}). «{other}» stays.",
        "es": "Apartada: «{name}» ({submission}). «{other}» se queda.",
    },
    # Approving or returning an interview of a claim asks first (claims3).
    "review.ui.claim_decide_title": {
        "en": "An instanceID claim stands",
        "es": "Hay un reclamo de instanceID",
    },
    "review.ui.claim_decide": {
        "en": "«{name}» ({submission}) and «{other}» ({other_id}) both carry the instanceID "
        "{instance_id}: one is ODK Central's copy, the other did not make that id and says "
        "otherwise. Compare them before deciding: the one ODK Central does not hold is to be "
        "set aside, not approved or returned.",
        "es": "«{name}» ({submission}) y «{other}» ({other_id}) llevan las dos el instanceID "
        "{instance_id}: una es la copia de ODK Central, la otra no creó ese identificador y "
        "dice otra cosa. Compárelas antes de decidir: la que no tiene ODK Central se aparta, "
        "no se aprueba ni se devuelve.",
    },
    "review.ui.claim_decide_approved": {
        "en": "Approve anyway",
        "es": "Aprobar de todos modos",
    },
    "review.ui.claim_decide_returned": {
        "en": "Return anyway",
        "es": "Devolver de todos modos",
    },
    "review.ui.claim_decide_compare": {
        "en": "Compare them first",
        "es": "Compararlas antes",
    },
    "review.ui.claims_other": {
        "en": "This interview carries the instanceID {instance_id} of ODK Central's copy "
        "«{other}» ({other_id}), did not make that id, and says otherwise. Compare them: if "
        "this is not the one ODK Central holds, the device that wrote it took another "
        "submission's id; tell the study coordinator.",
        "es": "Esta entrevista lleva el instanceID {instance_id} de la copia de ODK Central "
        "«{other}» ({other_id}), no creó ese identificador y dice otra cosa. Compárelas: si "
        "no es la que tiene ODK Central, el dispositivo que la escribió tomó el "
        "identificador de otro envío; avise a la coordinación del estudio.",
    },
    # --- fieldapp review (the terminal's review queue) -----------------------------------
    "review.cli_columns": {
        "en": "Id|Interview|Actor|City|Interviewer|Started",
        "es": "Id|Entrevista|Actor|Ciudad|Entrevistador|Iniciada",
    },
    "review.cli_empty": {
        "en": "No {state} interview of {path} to list{filtered}.",
        "es": "Ninguna entrevista {state} de {path} que listar{filtered}.",
    },
    "review.cli_filtered": {
        "en": " with these filters",
        "es": " con estos filtros",
    },
    "review.cli_sealed_hidden": {
        # said under "N interviews wait for review", which counts the rows shown: "in this
        # list too: counted" read as if they were among those N (walksup)
        "en": "{count, plural, one {# interview of a sealed form is} other {{count:,} "
        "interviews of sealed forms are}} in this queue too, not shown nor counted above "
        "until the study key opens {count, plural, one {it} other {them}} (--key FILE).",
        "es": "{count, plural, one {# entrevista de un formulario sellado está} other "
        "{{count:,} entrevistas de formularios sellados están}} también en esta cola, sin "
        "mostrarse ni contarse arriba hasta que la "
        "clave del estudio {count, plural, one {la abra} other {las abra}} (--key ARCHIVO).",
    },
    "review.cli_unknown_city": {
        "en": "No form or interview of this database has the city '{city}'. Use one of: {cities}.",
        "es": "Ningún formulario ni entrevista de esta base de datos tiene la ciudad «{city}». "
        "Use una de: {cities}.",
    },
    "review.cli_unknown_actor": {
        "en": "No form or interview of this database has the actor type '{actor}'. Use one "
        "of: {actors}.",
        "es": "Ningún formulario ni entrevista de esta base de datos tiene el tipo de actor "
        "«{actor}». Use uno de: {actors}.",
    },
    "review.cli_conflicted": {
        "en": "in conflict (edited on two laptops)",
        "es": "en conflicto (editada en dos computadoras)",
    },
    "review.cli_claim_marked": {
        # under an interview of an instanceID claim in `review list`: seen before opening it
        "en": "instanceID claim with {other}: compare them (fieldapp check)",
        "es": "reclamo de instanceID con {other}: compárelas (fieldapp check)",
    },
    "review.cli_copy_same": {
        # under ODK Central's copy in `review list --key`: a sealed claim the key shows the same
        "en": "says what {other} says: the app sets this copy aside",
        "es": "dice lo mismo que {other}: la aplicación aparta esta copia",
    },
    "review.cli_short_id": {
        "en": "'{given}' is too short to name an interview: give its id, or at least its "
        "first {least} characters as `fieldapp review list` shows them. Nothing was changed.",
        "es": "'{given}' es demasiado corto para nombrar una entrevista: indique su id, o al "
        "menos sus primeros {least} caracteres tal como los muestra `fieldapp review list`. "
        "No se cambió nada.",
    },
    "review.cli_unknown_id": {
        "en": "No interview of {path} has an id starting with '{given}': `fieldapp review "
        "list` shows the ids of those waiting for review (--state approved: the approved "
        "ones). Nothing was changed.",
        "es": "Ninguna entrevista de {path} tiene un id que empiece por '{given}': `fieldapp "
        "review list` muestra los ids de las que esperan revisión (--state approved: las "
        "aprobadas). No se cambió nada.",
    },
    "review.cli_ambiguous_id": {
        "en": "'{given}' starts the ids of {count} interviews ({ids}): give more of the id "
        "of the one you mean. Nothing was changed.",
        "es": "'{given}' es el comienzo del id de {count} entrevistas ({ids}): indique más "
        "caracteres del id de la que quiere decir. No se cambió nada.",
    },
    "review.cli_sealed_needs_key": {
        "en": "Interview {submission} is sealed for the study key: it is decided, as in the "
        "desktop, only once it can be read. Give the study's private key (--key FILE). "
        "Nothing was changed.",
        "es": "La entrevista {submission} está sellada con la clave del estudio: se decide, "
        "como en el escritorio, solo cuando se puede leer. Indique la clave privada del "
        "estudio (--key ARCHIVO). No se cambió nada.",
    },
    "review.cli_already_approved": {
        "en": "Interview {submission} is already approved. To take the approval back, "
        "return it: fieldapp review return {submission} --author NAME --comment TEXT{key}. "
        "Nothing was changed.",
        "es": "La entrevista {submission} ya está aprobada. Para retirar la aprobación, "
        "devuélvala: fieldapp review return {submission} --author NOMBRE --comment "
        "TEXTO{key}. No se cambió nada.",
    },
    "review.cli_key_option": {
        "en": " --key FILE",
        "es": " --key ARCHIVO",
    },
    "review.cli_unknown_question": {
        "en": "Interview {submission} has no question '{question}' (near: {near}). --question "
        "takes a key as the answers name it: the question's name in the survey sheet after "
        "the names of the groups around it (org/sectors), as the column headings of "
        "`fieldapp export` and the answers `fieldapp submit` takes. Nothing was changed.",
        "es": "La entrevista {submission} no tiene la pregunta '{question}' (parecidas: "
        "{near}). --question toma la clave con la que las respuestas la nombran: el nombre "
        "de la pregunta en la hoja survey tras los nombres de los grupos que la contienen "
        "(org/sectors), como en los encabezados de columna de `fieldapp export` y en las "
        "respuestas que toma `fieldapp submit`. No se cambió nada.",
    },
    "review.cli_comment_needed": {
        "en": "Say what to fix in interview {submission}: --comment TEXT on the whole of it, "
        "or --question KEY=TEXT beside one of its questions (e.g. --question "
        "org/sectors='Which sectors?'). Nothing was changed.",
        "es": "Indique qué corregir en la entrevista {submission}: --comment TEXTO sobre toda "
        "ella, o --question CLAVE=TEXTO junto a una de sus preguntas (p. ej. --question "
        "org/sectors='¿Qué sectores?'). No se cambió nada.",
    },
    "review.cli_bad_question": {
        "en": "'{given}' is not KEY=TEXT: write --question org/sectors='Which sectors?'",
        "es": "'{given}' no es CLAVE=TEXTO: escriba --question org/sectors='¿Qué sectores?'",
    },
    # Set aside one interview of a claim, from the desk or a terminal (claims2, claims3).
    "review.claim_reason": {
        "en": "instanceID {instance_id} claimed by ODK Central's copy {copy} and interview "
        "{interview}: {submission} set aside after comparing them",
        "es": "instanceID {instance_id} reclamado por la copia de ODK Central {copy} y la "
        "entrevista {interview}: se aparta {submission} tras compararlas",
    },
    "review.claim_not_here": {
        "en": "{path} may not set interviews aside for the study: the study has a certified "
        "supervisor, and every merge refuses a quarantine that is not hers. Tell her the two "
        "interviews of the claim (fieldapp check lists them). Nothing was changed.",
        "es": "{path} no puede apartar entrevistas para el estudio: el estudio tiene una "
        "supervisión certificada, y toda fusión rechaza una cuarentena que no sea suya. "
        "Avísele las dos entrevistas del reclamo (fieldapp check las enumera). No se cambió "
        "nada.",
    },
    "review.no_claim": {
        "en": "Interview {submission} is in no instanceID claim now: only an interview of a "
        "claim (ODK Central's copy, and another interview carrying its instanceID that did "
        "not make it and says otherwise, as fieldapp check lists them) is set aside this way. "
        "Nothing was changed.",
        "es": "La entrevista {submission} no está ahora en ningún reclamo de instanceID: así "
        "solo se aparta una entrevista de un reclamo (la copia de ODK Central, y otra "
        "entrevista que lleva su instanceID sin haberlo creado y dice otra cosa, tal como "
        "las enumera fieldapp check). No se cambió nada.",
    },
    "review.cli_set_aside_unknown_id": {
        "en": "No listed interview of {path} has an id starting with '{given}' (one set aside "
        "is no longer listed): `fieldapp check` lists each instanceID claim with the ids of "
        "its two interviews. Nothing was changed.",
        "es": "Ninguna entrevista en la lista de {path} tiene un id que empiece por '{given}' "
        "(una apartada ya no está en la lista): `fieldapp check` enumera cada reclamo de "
        "instanceID con los ids de sus dos entrevistas. No se cambió nada.",
    },
    "review.cli_set_aside": {
        "en": "Set aside {submission} ({name}) as {author}: a signed quarantine every list, "
        "export and merge honours; nothing was deleted. Interview {other} ({other_name}) "
        "stays listed.",
        "es": "Apartada {submission} ({name}) por {author}: una cuarentena firmada que "
        "respetan todas las listas, exportaciones y fusiones; no se borró nada. La "
        "entrevista {other} ({other_name}) sigue en la lista.",
    },
    "review.cli_claimed": {
        "en": "Interviews {submission} and {other} both carry the instanceID {instance_id}: "
        "one is ODK Central's copy, the other did not make that id and says otherwise (a "
        "claim, which fieldapp check lists). Compare them first, and set aside the one ODK "
        "Central does not hold: fieldapp review set-aside ID --author NAME. To decide on "
        "{submission} anyway, add --despite-claim. Nothing was changed.",
        "es": "Las entrevistas {submission} y {other} llevan las dos el instanceID "
        "{instance_id}: una es la copia de ODK Central, la otra no creó ese identificador y "
        "dice otra cosa (un reclamo, que fieldapp check enumera). Compárelas antes, y aparte "
        "la que no tiene ODK Central: fieldapp review set-aside ID --author NOMBRE. Para "
        "decidir sobre {submission} de todos modos, agregue --despite-claim. No se cambió "
        "nada.",
    },
    "review.cli_approved": {
        "en": "Approved {submission} ({name}) as {author}.",
        "es": "Aprobada {submission} ({name}) por {author}.",
    },
    "review.cli_returned": {
        "en": "Returned {submission} ({name}) as {author}, with {count, plural, one {# "
        "comment} other {# comments}}: its researcher reads {count, plural, one {it} other "
        "{them}} once the laptop merges this database's package.",
        "es": "Devuelta {submission} ({name}) por {author}, con {count, plural, one {# "
        "comentario} other {# comentarios}}: su investigador {count, plural, one {lo lee} "
        "other {los lee}} cuando su computadora fusione el paquete de esta base de datos.",
    },
}
