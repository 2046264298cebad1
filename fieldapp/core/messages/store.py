"""User-facing messages of the store area: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
}
