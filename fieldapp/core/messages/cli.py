"""User-facing messages of the command line: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli.unexpected": {
        "en": "fieldapp could not finish: {error}. Nothing was changed; please report this.",
        "es": "fieldapp no pudo terminar: {error}. No se cambió nada; por favor, repórtelo.",
    },
    "cli.passphrase_new": {
        "en": "Passphrase for the new private key: ",
        "es": "Frase de contraseña para la nueva clave privada: ",
    },
    "cli.passphrase_again": {
        "en": "The same passphrase again: ",
        "es": "La misma frase de contraseña otra vez: ",
    },
    "cli.keys_made": {
        "en": "Private key written to {private} (fingerprint {fingerprint}); keep it and its "
        "passphrase off the field laptops. Put this public key in the forms' settings sheet, "
        "column public_key:",
        "es": "Clave privada escrita en {private} (huella {fingerprint}); manténgala, con su "
        "frase de contraseña, fuera de los portátiles de campo. Ponga esta clave pública en "
        "la hoja settings de los formularios, columna public_key:",
    },
}
