"""The study's actor types as a person reads them (``study.actor_name``).

One name each, wherever it shows: the interviews list, the review queue, the Progress
desk, New interview, ``fieldapp status`` and ``_actor_type`` of a labels export. A module
of its own, as the list shows them at every start and the export's texts would load with
them.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "actor.cso": {"en": "Civil society", "es": "Sociedad civil"},
    "actor.gov": {"en": "Government", "es": "Gobierno"},
    "actor.security": {"en": "Security forces", "es": "Fuerzas de seguridad"},
    "actor.informant": {"en": "Key informant", "es": "Informante clave"},
}
