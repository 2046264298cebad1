"""User-facing messages of the forms area: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
}
