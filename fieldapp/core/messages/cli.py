"""User-facing messages of the command line: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli.unexpected": {
        "en": "fieldapp could not finish: {error}. Nothing was changed; please report this.",
        "es": "fieldapp no pudo terminar: {error}. No se cambió nada; por favor, repórtelo.",
    },
}
