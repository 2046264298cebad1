"""User-facing messages of the merge area: code -> {"en": ..., "es": ...}."""

MESSAGES: dict[str, dict[str, str]] = {
}
