"""User-facing messages of sealing and keys: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
    "crypto.bad_public_key": {
        "en": "The form's public_key is not a valid RSA public key ({detail}). "
        "Paste the key printed by 'fieldapp keys new' into the settings sheet.",
        "es": "La public_key del formulario no es una clave pública RSA válida ({detail}). "
        "Pegue en la hoja settings la clave que imprime 'fieldapp keys new'.",
    },
    "crypto.weak_public_key": {
        "en": "The form's public_key is only {bits} bits; use a key of at least 2048 bits "
        "(make one with 'fieldapp keys new').",
        "es": "La public_key del formulario tiene solo {bits} bits; use una clave de al menos "
        "2048 bits (créela con 'fieldapp keys new').",
    },
    "crypto.bad_private_key": {
        "en": "{path} is not a fieldapp private key file. Choose the private key made by "
        "'fieldapp keys new'.",
        "es": "{path} no es un archivo de clave privada de fieldapp. Elija la clave privada "
        "creada con 'fieldapp keys new'.",
    },
    "crypto.wrong_passphrase": {
        "en": "The passphrase does not open this key. Check it and try again; nothing was changed.",
        "es": "La frase de contraseña no abre esta clave. Revísela e inténtelo de nuevo; no se "
        "cambió nada.",
    },
    "crypto.wrong_key": {
        "en": "This interview was sealed for another study key (fingerprint {expected}); the key "
        "you opened is {actual}. Open the study's own private key.",
        "es": "Esta entrevista se selló para otra clave del estudio (huella {expected}); la clave "
        "abierta es {actual}. Abra la clave privada del propio estudio.",
    },
    "crypto.tampered": {
        "en": "A sealed interview failed its integrity check: it was altered or damaged after "
        "sealing and cannot be trusted. Merge it again from the laptop's original file.",
        "es": "Una entrevista sellada no pasó la verificación de integridad: se alteró o dañó "
        "después de sellarse y no es fiable. Vuelva a fusionarla desde el archivo original "
        "de la computadora.",
    },
    "crypto.not_sealed": {
        "en": "This data is not a sealed fieldapp record (it may be damaged).",
        "es": "Estos datos no son un registro sellado de fieldapp (puede estar dañado).",
    },
    "crypto.passphrase_mismatch": {
        "en": "The two passphrases differ. Nothing was written; run the command again.",
        "es": "Las dos frases de contraseña no coinciden. No se escribió nada; vuelva a "
        "ejecutar el comando.",
    },
    "crypto.passphrase_too_short": {
        "en": "The passphrase must have at least {minimum} characters; choose a longer one.",
        "es": "La frase de contraseña debe tener al menos {minimum} caracteres; elija una más "
        "larga.",
    },
    "crypto.key_exists": {
        "en": "{path} already exists. Choose an empty folder so no key is overwritten.",
        "es": "{path} ya existe. Elija una carpeta vacía para no sobrescribir ninguna clave.",
    },
    "crypto.cannot_read_key": {
        "en": "Cannot read the key file {path}: {reason}. Check the path and try again.",
        "es": "No se puede leer el archivo de clave {path}: {reason}. Revise la ruta y "
        "vuelva a intentarlo.",
    },
    "crypto.prompt_key_passphrase": {
        "en": "Passphrase of the study's private key: ",
        "es": "Frase de contraseña de la clave privada del estudio: ",
    },
    "crypto.prompt_drafts_passphrase": {
        "en": "Your drafts passphrase (protects drafts of sealed forms): ",
        "es": "Su frase de contraseña de borradores (protege los borradores de formularios "
        "sellados): ",
    },
    "crypto.no_passphrase": {
        "en": "A passphrase is needed but none can be asked here. Set {variable} for scripts.",
        "es": "Se necesita una frase de contraseña y aquí no se puede preguntar. Defina "
        "{variable} para los scripts.",
    },
    "crypto.ui.passphrase": {"en": "Passphrase:", "es": "Frase de contraseña:"},
    "crypto.ui.passphrase_again": {"en": "Type it again:", "es": "Escríbala de nuevo:"},
    # The dialog's own words: the command line's ("run the command again", "this key")
    # mean nothing to a researcher typing in two fields of a window.
    "crypto.ui.passphrase_mismatch": {
        "en": "The two passphrases differ. Type the same passphrase in both fields; nothing "
        "was set yet.",
        "es": "Las dos frases de contraseña no coinciden. Escriba la misma frase en los dos "
        "campos; todavía no se guardó nada.",
    },
    "crypto.ui.drafts_wrong_passphrase": {
        "en": "That is not this laptop's drafts passphrase. Check capitals, accents and the "
        "keyboard's language, and try again; nothing was changed.",
        "es": "Esa no es la frase de contraseña de borradores de esta computadora. Revise "
        "mayúsculas, acentos y el idioma del teclado, e inténtelo de nuevo; no se cambió nada.",
    },
    "crypto.ui.drafts_title": {
        "en": "Drafts passphrase",
        "es": "Frase de contraseña de borradores",
    },
    "crypto.ui.drafts_set": {
        "en": "This database holds forms that protect their interviews. Choose a passphrase "
        "for the drafts on this laptop (at least 10 characters). You will type it each time "
        "fieldapp starts; without it no draft can be read.",
        "es": "Esta base de datos tiene formularios que protegen sus entrevistas. Elija una "
        "frase de contraseña para los borradores de esta computadora (al menos 10 "
        "caracteres). La escribirá cada vez que inicie fieldapp; sin ella no se puede leer "
        "ningún borrador.",
    },
    "crypto.ui.drafts_ask": {
        "en": "Type the drafts passphrase of this laptop.",
        "es": "Escriba la frase de contraseña de borradores de esta computadora.",
    },
    "crypto.ui.locked_title": {"en": "fieldapp is locked", "es": "fieldapp está bloqueado"},
    "crypto.ui.locked": {
        "en": "fieldapp locked itself after a time without use, to protect the interviews. "
        "Type the drafts passphrase to continue.",
        "es": "fieldapp se bloqueó tras un tiempo sin uso, para proteger las entrevistas. "
        "Escriba la frase de contraseña de borradores para continuar.",
    },
    "crypto.ui.study_key_title": {
        "en": "Unlock with study key",
        "es": "Desbloquear con la clave del estudio",
    },
    "crypto.ui.study_key_explained": {
        "en": "Sealed interviews open only with the study's private key. Choose the key file "
        "made by 'fieldapp keys new' and type its passphrase.",
        "es": "Las entrevistas selladas solo se abren con la clave privada del estudio. Elija "
        "el archivo de clave creado con 'fieldapp keys new' y escriba su frase de "
        "contraseña.",
    },
    "crypto.ui.key_file": {"en": "Private key file:", "es": "Archivo de clave privada:"},
    "crypto.ui.key_file_title": {
        "en": "Choose the study's private key file",
        "es": "Elija el archivo de clave privada del estudio",
    },
    "crypto.ui.key_filter": {
        "en": "Private key (*.pem);;All files (*)",
        "es": "Clave privada (*.pem);;Todos los archivos (*)",
    },
    "crypto.ui.browse": {"en": "Browse…", "es": "Examinar…"},
    "crypto.ui.study_key_action": {
        "en": "Unlock with study key…",
        "es": "Desbloquear con la clave del estudio…",
    },
    "crypto.ui.study_key_forgotten": {
        "en": "fieldapp locked itself after a time without use and forgot the study key, to "
        "protect the sealed interviews. Type the key's passphrase to open them again, or "
        "Cancel to go on without them.",
        "es": "fieldapp se bloqueó tras un tiempo sin uso y olvidó la clave del estudio, para "
        "proteger las entrevistas selladas. Escriba la frase de contraseña de la clave para "
        "abrirlas de nuevo, o Cancelar para seguir sin ellas.",
    },
    "crypto.ui.closed_at_lock": {
        "en": "The idle lock closed {titles}: it showed sealed interviews that only the study "
        "key opens, and the key was forgotten. Unlock with the study key and open it again.",
        "es": "El bloqueo por inactividad cerró {titles}: mostraba entrevistas selladas que "
        "solo abre la clave del estudio, y la clave se olvidó. Desbloquee con la clave del "
        "estudio y ábralo de nuevo.",
    },
}
