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
    # argparse's own words when a command line is wrong (``fieldapp.cli_usage``): each
    # English text says what argparse says in English, its parameters become argparse's
    # own ``%s`` placeholders, so no text here holds a ``%``.
    "cli.args.error": {
        "en": "{prog}: error: {message}",
        "es": "{prog}: error: {message}",
    },
    "cli.args.warning": {
        "en": "{prog}: warning: {message}",
        "es": "{prog}: aviso: {message}",
    },
    "cli.args.see_fieldapp_help": {
        "en": "`fieldapp --help` lists the commands; `fieldapp COMMAND --help` explains each "
        "one, with examples.",
        "es": "`fieldapp --help` enumera los comandos; `fieldapp COMANDO --help` explica cada "
        "uno, con ejemplos.",
    },
    "cli.args.see_group_help": {
        "en": "`{prog} --help` lists its actions; `{prog} ACTION --help` explains each one, "
        "with examples.",
        "es": "`{prog} --help` enumera sus acciones; `{prog} ACCIÓN --help` explica cada una, "
        "con ejemplos.",
    },
    "cli.args.see_command_help": {
        "en": "`{prog} --help` says what it takes, with examples.",
        "es": "`{prog} --help` dice qué recibe, con ejemplos.",
    },
    "cli.args.argument": {
        "en": "argument {argument_name}: {message}",
        "es": "argumento {argument_name}: {message}",
    },
    "cli.args.unrecognized": {
        "en": "unrecognized arguments: {arguments}",
        "es": "argumentos no reconocidos: {arguments}",
    },
    "cli.args.unrecognized_nearest": {
        "en": "unrecognized arguments: {arguments}; did you mean {nearest}?",
        "es": "argumentos no reconocidos: {arguments}; ¿quiso decir {nearest}?",
    },
    "cli.args.required": {
        "en": "the following arguments are required: {arguments}",
        "es": "faltan estos argumentos obligatorios: {arguments}",
    },
    "cli.args.one_required": {
        "en": "one of the arguments {arguments} is required",
        "es": "se requiere uno de los argumentos {arguments}",
    },
    "cli.args.not_allowed_with": {
        "en": "not allowed with argument {other}",
        "es": "no se permite junto con el argumento {other}",
    },
    "cli.args.expected_one": {
        "en": "expected one argument",
        "es": "se esperaba un argumento",
    },
    "cli.args.expected_at_most_one": {
        "en": "expected at most one argument",
        "es": "se esperaba a lo sumo un argumento",
    },
    "cli.args.expected_at_least_one": {
        "en": "expected at least one argument",
        "es": "se esperaba al menos un argumento",
    },
    "cli.args.expected_count": {
        "en": "{count, plural, one {expected # argument} other {expected # arguments}}",
        "es": "{count, plural, one {se esperaba # argumento} other {se esperaban # argumentos}}",
    },
    "cli.args.ambiguous": {
        "en": "ambiguous option: {option} could match {matches}",
        "es": "opción ambigua: {option} puede ser {matches}",
    },
    "cli.args.explicit_ignored": {
        "en": "ignored explicit argument '{value}'",
        "es": "no recibe un valor, y se le dio «{value}»",
    },
    "cli.args.unexpected_option": {
        "en": "unexpected option string: {option}",
        "es": "opción inesperada: {option}",
    },
    "cli.args.invalid_type": {
        "en": "invalid {type} value: '{value}'",
        "es": "«{value}» no es un valor válido de tipo {type}",
    },
    "cli.args.invalid_choice": {
        "en": "invalid choice: '{value}' (choose from {choices})",
        "es": "«{value}» no es una opción válida (elija entre {choices})",
    },
    "cli.args.invalid_choice_nearest": {
        "en": "invalid choice: '{value}', maybe you meant '{closest}'? (choose from {choices})",
        "es": "«{value}» no es una opción válida; ¿quiso decir «{closest}»? (elija entre "
        "{choices})",
    },
    "cli.args.unknown_parser": {
        "en": "unknown parser '{parser_name}' (choices: {choices})",
        "es": "comando desconocido «{parser_name}» (opciones: {choices})",
    },
    "cli.args.cannot_open": {
        "en": "can't open '{filename}': {error}",
        "es": "no se puede abrir «{filename}»: {error}",
    },
    "cli.args.option_deprecated": {
        "en": "option '{option}' is deprecated",
        "es": "la opción «{option}» está en desuso",
    },
    "cli.args.argument_deprecated": {
        "en": "argument '{argument_name}' is deprecated",
        "es": "el argumento «{argument_name}» está en desuso",
    },
    "cli.args.command_deprecated": {
        "en": "command '{parser_name}' is deprecated",
        "es": "el comando «{parser_name}» está en desuso",
    },
    # fieldapp's own, where argparse's would list every choice and suggest none (before 3.14)
    "cli.args.not_a_command": {
        "en": "'{value}' is not a command of fieldapp: the commands are {choices}",
        "es": "«{value}» no es un comando de fieldapp: los comandos son {choices}",
    },
    "cli.args.not_a_command_nearest": {
        "en": "'{value}' is not a command of fieldapp; did you mean {nearest}?",
        "es": "«{value}» no es un comando de fieldapp; ¿quiso decir {nearest}?",
    },
    "cli.args.not_an_action": {
        "en": "'{value}' is not an action of {prog}: its actions are {choices}",
        "es": "«{value}» no es una acción de {prog}: sus acciones son {choices}",
    },
    "cli.args.not_an_action_nearest": {
        "en": "'{value}' is not an action of {prog}; did you mean {nearest}?",
        "es": "«{value}» no es una acción de {prog}; ¿quiso decir {nearest}?",
    },
    "cli.args.not_a_choice": {
        "en": "'{value}' is not one of {choices}",
        "es": "«{value}» no es uno de {choices}",
    },
    "cli.args.not_a_choice_nearest": {
        "en": "'{value}' is not one of {choices}; did you mean {nearest}?",
        "es": "«{value}» no es uno de {choices}; ¿quiso decir {nearest}?",
    },
    "cli.args.not_a_number": {
        "en": "'{value}' is not a whole number: write it in digits, e.g. 10",
        "es": "«{value}» no es un número entero: escríbalo en cifras, p. ej. 10",
    },
}
