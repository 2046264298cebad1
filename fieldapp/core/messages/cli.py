"""User-facing messages of the command line: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli.author_needed": {
        "en": "{option} needs --author NAME: a decision sent to every laptop says who made it. "
        "Nothing was changed; run it again with your name.",
        "es": "{option} necesita --author NOMBRE: una decisión que llega a todas las "
        "computadoras dice quién la tomó. No se cambió nada; vuelva a ejecutarlo con su nombre.",
    },
    "cli.author_unfit": {
        "en": "--author NAME holds a character that is not printable text (a line break, a "
        "control or text-direction character, or bytes the terminal did not send as UTF-8): "
        "the name goes to every laptop and is shown on one line. Nothing was changed; run it "
        "again with your name as you would write it.",
        "es": "--author NOMBRE tiene un carácter que no es texto imprimible (un salto de línea, "
        "un carácter de control o de dirección del texto, o bytes que la terminal no envió "
        "como UTF-8): el nombre llega a todas las computadoras y se muestra en una línea. No "
        "se cambió nada; vuelva a ejecutarlo con su nombre tal como lo escribe.",
    },
    "cli.author_long": {
        "en": "--author NAME is {length} characters long, more than the {most} fieldapp keeps "
        "in a name. Nothing was changed; run it again with a shorter name.",
        "es": "--author NOMBRE tiene {length} caracteres, más de los {most} que fieldapp guarda "
        "en un nombre. No se cambió nada; vuelva a ejecutarlo con un nombre más corto.",
    },
    "cli.package_progress": {
        "en": "Writing {path}… {percent}%",
        "es": "Escribiendo {path}… {percent} %",
    },
    "cli.check_sealed_progress": {
        # On one line rewritten in place: short enough for 80 columns at "12,000 of 12,000".
        "en": "Opening the sealed versions with the study key: {done:,} of {total:,}…",
        "es": "Abriendo las versiones selladas con la clave del estudio: {done:,} de {total:,}…",
    },
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
        "passphrase off the field laptops. Seal the forms of a database with `fieldapp forms "
        "seal --public-key {public}`, or put this public key in the forms' settings sheet, "
        "column public_key:",
        "es": "Clave privada escrita en {private} (huella {fingerprint}); manténgala, con su "
        "frase de contraseña, fuera de las computadoras de campo. Selle los formularios de una "
        "base de datos con `fieldapp forms seal --public-key {public}`, o ponga esta clave "
        "pública en la hoja settings de los formularios, columna public_key:",
    },
    "cli.no_display": {
        "en": "There is no desktop to open fieldapp's window on (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set). Start fieldapp from the laptop's desktop session, or use its "
        "commands here (fieldapp --help).",
        "es": "No hay un escritorio en el que abrir la ventana de fieldapp (no están definidas "
        "DISPLAY ni WAYLAND_DISPLAY). Inicie fieldapp desde la sesión de escritorio de la "
        "computadora, o use aquí sus comandos (fieldapp --help).",
    },
    "cli.missing_libraries": {
        "en": "fieldapp's window needs system libraries that this computer lacks: "
        "{libraries}. Install them (Debian or Ubuntu: sudo apt install {packages}) and start "
        "fieldapp again. Nothing was changed.",
        "es": "La ventana de fieldapp necesita bibliotecas del sistema que faltan en este "
        "equipo: {libraries}. Instálelas (Debian o Ubuntu: sudo apt install {packages}) y "
        "vuelva a iniciar fieldapp. No se cambió nada.",
    },
}
