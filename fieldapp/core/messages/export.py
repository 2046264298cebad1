"""User-facing messages of the export area: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
}
