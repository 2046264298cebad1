"""Fill fieldapp/resources/fieldapp_es.ts with the Spanish texts below, then compile the .qm.

Run after lupdate picked up new strings (``pyside6-lupdate fieldapp/ui/*.py -ts
fieldapp/resources/fieldapp_es.ts``, or PySide6's own ``lupdate`` binary in its package folder):
``python fieldapp/resources/translate_es.py``. A source without a Spanish text here stays
unfinished in the .ts (and shows in English), and the script names it.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "fieldapp_es.ts"

SPANISH = {
    # errors
    "fieldapp": "fieldapp",
    # form view
    "Move up": "Subir",
    "Move down": "Bajar",
    "Remove": "Quitar",
    "Add %1": "Agregar %1",
    "does not apply": "no aplica",
    "Previous section": "Sección anterior",
    "Next section": "Sección siguiente",
    "This section does not apply to this interview.": "Esta sección no aplica a esta entrevista.",
    # interview window
    "&Save": "&Guardar",
    "&Finalize…": "&Finalizar…",
    "Check every answer and finalize (Ctrl+Enter)": "Revisar todas las respuestas y finalizar "
    "(Ctrl+Intro)",
    "&Close": "&Cerrar",
    "&Reopen for editing": "&Reabrir para editar",
    "Show &problems": "Mostrar &problemas",
    "&Previous section": "Sección &anterior",
    "&Next section": "Sección &siguiente",
    "&Interview": "&Entrevista",
    "&Go": "&Ir",
    "Form language:": "Idioma del formulario:",
    "Problems to fix before finalizing": "Problemas que corregir antes de finalizar",
    "Draft": "Borrador",
    "Returned for changes": "Devuelta para cambios",
    "Finalized": "Finalizada",
    "Approved": "Aprobada",
    "Returned": "Devuelta",
    "Interviewer %1 · %2": "Entrevistador %1 · %2",
    "Read only: this interview is %1.": "Solo lectura: esta entrevista está %1.",
    "Reopen for editing": "Reabrir para editar",
    "Saved %1": "Guardado %1",
    "NOT SAVED": "NO GUARDADO",
    "Saved as a revision %1": "Guardado como revisión %1",
    "Nothing to fix: press Ctrl+Enter to finalize.": "Nada que corregir: pulse Ctrl+Intro para "
    "finalizar.",
    # interviews list
    "Interview": "Entrevista",
    "Actor": "Actor",
    "City": "Ciudad",
    "Interviewer": "Entrevistador",
    "State": "Estado",
    "Started": "Iniciada",
    "Last saved": "Último guardado",
    "Civil society": "Sociedad civil",
    "Government": "Gobierno",
    "Security forces": "Fuerzas de seguridad",
    "Key informant": "Informante clave",
    "Edited on two laptops: a supervisor must resolve it": "Editada en dos computadoras: un "
    "supervisor debe resolverlo",
    # main window
    "fieldapp — interviews": "fieldapp — entrevistas",
    "Search interviews (Ctrl+F)": "Buscar entrevistas (Ctrl+F)",
    "From": "Desde",
    "to": "hasta",
    "any date": "cualquier fecha",
    "Clear filters": "Quitar filtros",
    "&New interview…": "&Nueva entrevista…",
    "&Open interview": "&Abrir entrevista",
    "&Open database…": "A&brir base de datos…",
    "New &database…": "Nueva base de &datos…",
    "&Quit": "&Salir",
    "&Refresh list": "&Actualizar lista",
    "&Find": "&Buscar",
    "&Clear filters": "&Quitar filtros",
    "&About fieldapp": "A&cerca de fieldapp",  # A is Atajos de teclado
    "&Export for analysis…": "&Exportar para análisis…",
    "&Merge other laptops…": "&Fusionar otras computadoras…",
    "C&onflicts…": "&Conflictos…",
    "&Follow the system": "&Según el sistema",
    "&File": "&Archivo",
    "&View": "&Ver",
    "&Language": "&Idioma",
    "&Help": "A&yuda",
    "All cities": "Todas las ciudades",
    "All actors": "Todos los actores",
    "All states": "Todos los estados",
    "Open database": "Abrir base de datos",
    "fieldapp database (*.db);;All files (*)": "Base de datos de fieldapp (*.db);;Todos los "
    "archivos (*)",
    "New database": "Nueva base de datos",
    "fieldapp database (*.db)": "Base de datos de fieldapp (*.db)",
    "About fieldapp": "Acerca de fieldapp",
    "fieldapp %1 — offline field interviews on XLSForms.": "fieldapp %1 — entrevistas de campo "
    "sin conexión con XLSForms.",
    # new interview
    "New interview": "Nueva entrevista",
    "e.g. TJ03": "p. ej. TJ03",
    "&Form (actor):": "&Formulario (actor):",
    "&City:": "&Ciudad:",
    "&Interviewer code:": "Código de &entrevistador:",
    "Start interview": "Empezar la entrevista",
    # questions
    "Not answered": "Sin responder",
    "Set": "Indicar",
    "Clear": "Borrar",
    "Up": "Subir",
    "Down": "Bajar",
    "Keep this order": "Dejar este orden",
    "Ranked": "Ordenado",
    "Not ranked yet": "Aún sin ordenar",
    "Latitude": "Latitud",
    "Longitude": "Longitud",
    "Attach file…": "Adjuntar archivo…",
    "Attach a file": "Adjuntar un archivo",
    "Replace…": "Reemplazar…",
    "Play": "Reproducir",
    "Stop": "Detener",
    "No file attached": "Ningún archivo adjunto",
    "Clear answer": "Borrar respuesta",
    "— choose —": "— elija —",
    "OK, understood": "De acuerdo, entendido",
    "No choices yet: they depend on earlier answers.": "Aún no hay opciones: dependen de "
    "respuestas anteriores.",
    # review desk (supervisor)
    "Review queue — fieldapp": "Cola de revisión — fieldapp",
    "Search interviews": "Buscar entrevistas",
    "History": "Historial",
    "Pick an interview of the queue to review it.": "Elija una entrevista de la cola para "
    "revisarla.",
    "Saved": "Guardado",
    "By": "Por",
    "Device": "Dispositivo",
    "Question": "Pregunta",
    "Before": "Antes",
    "After": "Después",
    "Compare": "Comparar",
    "with": "con",
    "Comment on": "Comentar sobre",
    "Reviewer": "Revisor",
    "What must the researcher fix? (needed to return the interview)": "¿Qué debe corregir el "
    "investigador? (necesario para devolver la entrevista)",
    "Add comment": "Agregar comentario",
    "Comments added, sent when you return the interview (Delete or a double-click takes one "
    "back):": (
        "Comentarios agregados, se envían al devolver la entrevista (Supr o doble clic en uno "
        "para quitarlo):"
    ),
    "Approve": "Aprobar",
    "Return to researcher": "Devolver al investigador",
    "This interview is sealed for the study key: open it with the key.": "Esta entrevista está "
    "sellada con la clave del estudio: ábrala con la clave.",
    "The whole interview": "La entrevista completa",
    "Write what to fix first: a return needs a comment.": "Escriba primero qué corregir: una "
    "devolución necesita un comentario.",
    "Your name (needed to approve or return)": "Su nombre (necesario para aprobar o devolver)",
    "Type your name as reviewer first.": "Escriba primero su nombre como revisor.",
    "comment": "comentario",
    "conflict resolved": "conflicto resuelto",
    # keyboard help
    "&Keyboard shortcuts": "&Atajos de teclado",
    "Keyboard shortcuts": "Atajos de teclado",
    "Next / previous question": "Pregunta siguiente / anterior",
    "Previous / next section": "Sección anterior / siguiente",
    "Save a revision (answers are saved as you type anyway)": "Guardar una revisión (las "
    "respuestas ya se guardan mientras escribe)",
    "Finalize, or list what is left to fix": "Finalizar, o ver lo que falta corregir",
    "Show the problems": "Mostrar los problemas",
    "Close the interview or the desk": "Cerrar la entrevista o el escritorio",
    # progress desk (supervisor)
    "Progress — fieldapp": "Avance — fieldapp",
    "Per researcher": "Por investigador",
    "Researcher": "Investigador",
    "Per working day": "Por día de trabajo",
    "Median minutes": "Minutos (mediana)",
    "Share returned": "Proporción devuelta",
    "Every city": "Todas las ciudades",
    "Interviews by state (approved / target)": "Entrevistas por estado (aprobadas / meta)",
    "Review &queue…": "&Cola de revisión…",
    "&Progress…": "&Avance…",
    "&Review": "&Revisión",
    "Total": "Total",
    "Target (approved)": "Meta (aprobadas)",
    "% of target": "% de la meta",
    "Click a count to list those interviews; double-click a target to set how many approved "
    "interviews each city needs of each actor. F5 reads the figures again.": "Haga clic en un "
    "número para ver esas entrevistas; haga doble clic en una meta para fijar cuántas "
    "entrevistas aprobadas necesita cada ciudad de cada actor. F5 vuelve a leer las cifras.",
    "Delete or double-click to take this comment back": "Supr o doble clic para retirar este "
    "comentario",
    " · returned %1× before": " · devuelta %1× antes",
    # the empty list
    "No interviews yet.\nStart one with New interview (Ctrl+N).": "Aún no hay entrevistas.\n"
    "Empiece una con Nueva entrevista (Ctrl+N).",
    "No interview matches these filters.\nClear filters (Ctrl+Shift+L).": "Ninguna entrevista "
    "coincide con estos filtros.\nQuitar filtros (Ctrl+Shift+L).",
    # sealed interviews in the review queue
    "Open with the study key…": "Abrir con la clave del estudio…",
}


def lrelease() -> list[str]:
    """Return the lrelease command: PySide6's own binary (its pyside6-lrelease wrapper
    fails when PySide6 is installed as a namespace package, as the 6.11 wheels are)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    for folder in spec.submodule_search_locations or [] if spec else []:
        binary = Path(folder) / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
        if binary.exists():
            return [str(binary)]
    return [str(Path(sys.executable).parent / "pyside6-lrelease")]


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in SPANISH:
            translation.text = SPANISH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"no Spanish text for: {source!r}", file=sys.stderr)
    subprocess.run([*lrelease(), str(TS), "-qm", str(HERE / "fieldapp_es.qm")], check=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
