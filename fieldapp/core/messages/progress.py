"""Words of the progress figures: the headings and tips of *Review › Progress…*'s tables
(``ui/dashboard``, ``ui/researchers_model``) and of ``fieldapp status``, one set for both.

A heading stands over numbers, so it names what is counted ("Drafts", "Finalized"), not
one interview's state ("draft").
"""

MESSAGES: dict[str, dict[str, str]] = {
    "progress.conflicts": {
        "en": "{count, plural, one {# interview is in conflict (edited on two laptops): it "
        "counts as its newest version until the conflict is resolved} other {# interviews are "
        "in conflict (edited on two laptops): each counts as its newest version until its "
        "conflict is resolved}} under View › Conflicts…",
        "es": "{count, plural, one {# entrevista está en conflicto (editada en dos "
        "computadoras): cuenta como su versión más reciente hasta resolver el conflicto} "
        "other {# entrevistas están en conflicto (editadas en dos computadoras): cada una "
        "cuenta como su versión más reciente hasta resolver su conflicto}} en Ver › "
        "Conflictos…",
    },
    # The table of cities × actor types (``progress.CELL_COLUMNS``).
    "progress.col.city": {"en": "City", "es": "Ciudad"},
    "progress.col.actor_type": {"en": "Actor", "es": "Actor"},
    "progress.col.draft": {"en": "Drafts", "es": "Borradores"},
    "progress.col.finalized": {"en": "Finalized", "es": "Finalizadas"},
    "progress.col.returned": {"en": "Returned", "es": "Devueltas"},
    "progress.col.approved": {"en": "Approved", "es": "Aprobadas"},
    "progress.col.total": {"en": "Total", "es": "Total"},
    "progress.col.target": {"en": "Target (approved)", "es": "Meta (aprobadas)"},
    "progress.col.share": {"en": "% of target", "es": "% de la meta"},
    # ``fieldapp status`` gives these two columns a shorter heading than the window's,
    # to fit 80 columns; the line under its table (``progress.cli_codes``) says the rest.
    "progress.cli_col.target": {"en": "Target", "es": "Meta"},
    "progress.cli_col.share": {"en": "%", "es": "%"},
    "progress.cli_codes": {
        "en": "Target: approved interviews wanted; %: the share approved. Set one with "
        "--target CITY ACTOR N, CITY the code in brackets beside a city and ACTOR one of "
        "{actors}.",
        "es": "Meta: entrevistas aprobadas que se buscan; %: la proporción aprobada. Fíjela "
        "con --target CIUDAD ACTOR N, CIUDAD el código entre paréntesis junto a una ciudad "
        "y ACTOR uno de {actors}.",
    },
    "progress.cell_tip.draft": {
        "en": "Interviews whose latest saved state is a draft.",
        "es": "Entrevistas cuyo último estado guardado es un borrador.",
    },
    "progress.cell_tip.finalized": {
        "en": "Interviews finalized and waiting for review.",
        "es": "Entrevistas finalizadas que esperan revisión.",
    },
    "progress.cell_tip.returned": {
        "en": "Interviews returned to their researcher with comments.",
        "es": "Entrevistas devueltas a quien las hizo, con comentarios.",
    },
    "progress.cell_tip.approved": {
        "en": "Interviews the supervisor approved.",
        "es": "Entrevistas que la supervisión aprobó.",
    },
    "progress.cell_tip.total": {
        "en": "Every interview of this city and actor, in any state.",
        "es": "Todas las entrevistas de esta ciudad y actor, en cualquier estado.",
    },
    "progress.cell_tip.target": {
        "en": "Approved interviews wanted. Type a number on it, or double-click it, to set it; "
        "empty the cell or press Delete to clear it. Your name as reviewer is recorded with it.",
        "es": "Entrevistas aprobadas que se buscan. Escriba un número sobre ella, o haga doble "
        "clic, para fijarla; vacíe la celda o pulse Supr para quitarla. Su nombre como "
        "revisor queda registrado.",
    },
    "progress.cell_tip.share": {
        "en": "Approved interviews as a share of the target.",
        "es": "Entrevistas aprobadas como proporción de la meta.",
    },
    "progress.hint": {
        "en": "Click a count, or press Enter on it, to list those interviews. Type a number on "
        "a target, or double-click it, to set how many approved interviews each city needs of "
        "each actor; press Delete on it, or empty it, to clear it. F5 reads the figures again.",
        "es": "Haga clic en un número, o pulse Intro sobre él, para ver esas entrevistas. "
        "Escriba un número sobre una meta, o haga doble clic en ella, para fijar cuántas "
        "entrevistas aprobadas necesita cada ciudad de cada actor; pulse Supr sobre ella, o "
        "vacíela, para quitarla. F5 vuelve a leer las cifras.",
    },
    # The table per researcher (``progress.RESEARCHER_FIGURES`` but the per-day detail).
    "progress.researchers_title": {"en": "Per researcher", "es": "Por investigador"},
    "progress.col.interviewer": {"en": "Researcher", "es": "Investigador"},
    "progress.col.days": {"en": "Days worked", "es": "Días trabajados"},
    "progress.col.finalized_per_day": {"en": "Per day worked", "es": "Por día trabajado"},
    "progress.col.median_minutes": {"en": "Median minutes", "es": "Mediana en minutos"},
    "progress.col.share_returned": {"en": "% returned", "es": "% devueltas"},
    "progress.researcher_tip.interviewer": {
        "en": "The interviewer name the interviews carry.",
        "es": "El nombre de quien entrevista que llevan las entrevistas.",
    },
    "progress.researcher_tip.finalized": {
        "en": "Interviews this researcher finalized at least once.",
        "es": "Entrevistas que esta persona finalizó al menos una vez.",
    },
    "progress.researcher_tip.days": {
        "en": "Days on which this researcher finalized at least one interview (the day "
        "each interview ended).",
        "es": "Días en que esta persona finalizó al menos una entrevista (el día en que "
        "terminó cada entrevista).",
    },
    "progress.researcher_tip.finalized_per_day": {
        "en": "Interviews finalized per day worked: finalized divided by days worked.",
        "es": "Entrevistas finalizadas por día trabajado: finalizadas entre días trabajados.",
    },
    "progress.researcher_tip.median_minutes": {
        "en": "The median length of this researcher's interviews, from start to end, in minutes.",
        "es": "La duración mediana de las entrevistas de esta persona, del inicio al fin, en "
        "minutos.",
    },
    "progress.researcher_tip.returned": {
        "en": "Interviews returned to this researcher at least once.",
        "es": "Entrevistas devueltas a esta persona al menos una vez.",
    },
    "progress.researcher_tip.share_returned": {
        "en": "Returned interviews as a share of those finalized.",
        "es": "Entrevistas devueltas como proporción de las finalizadas.",
    },
}
