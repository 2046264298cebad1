"""Singular and plural in every counted message, English and Spanish.

The catalogue's templates carry ICU plurals (``{count, plural, one {...} other {...}}``,
see ``fieldapp/core/messages/__init__.py``); these tests hold the parser to that syntax,
format every message with counts of 0, 1, 2 and 1,000, and read the sentences a user
sees most often word for word.
"""

from __future__ import annotations

import re
import string

import pytest

from fieldapp.core.messages import (
    CATALOG,
    LANGUAGES,
    Message,
    Plural,
    TemplateError,
    compile_template,
    format_template,
    placeholders,
    text,
)

COUNTS = (0, 1, 2, 1000)


def plural_names(template: str) -> set[str]:
    """Return the parameters ``template`` chooses a plural branch by."""
    found: set[str] = set()

    def walk(parts: tuple[object, ...]) -> None:
        for part in parts:
            if isinstance(part, Plural):
                found.add(part.name)
                for branch in (*part.exact.values(), part.one or (), part.other):
                    walk(branch)

    walk(compile_template(template))
    return found


def fields(parts: tuple[object, ...]) -> list[tuple[str, str]]:
    """Return (name, format spec) of every plain field, inside plural branches too."""
    found = []
    for part in parts:
        if isinstance(part, Plural):
            for branch in (*part.exact.values(), part.one or (), part.other):
                found.extend(fields(branch))
        else:
            found.extend(
                (name, spec or "")
                for _, name, spec, _ in string.Formatter().parse(str(part))
                if name
            )
    return found


def numeric_names(template: str) -> set[str]:
    """Return the parameters that are numbers: plurals' and those with a number's format."""
    specs = fields(compile_template(template))
    return plural_names(template) | {name for name, spec in specs if spec[-1:] in (",", "f", "d")}


def sample_params(code: str, count: int) -> dict[str, object]:
    """Parameters for ``code``: ``count`` for every number, a marked word for the rest."""
    names: set[str] = set()
    numbers: set[str] = set()
    for language in LANGUAGES:
        names |= placeholders(CATALOG[code][language])
        numbers |= numeric_names(CATALOG[code][language])
    return {name: count if name in numbers else f"‹{name}›" for name in names}


def counted_codes() -> list[str]:
    return sorted(
        code for code in CATALOG if any(plural_names(CATALOG[code][lang]) for lang in LANGUAGES)
    )


# --- the parser ----------------------------------------------------------------------------


ROWS = (
    "{path}: {count, plural, =0 {no row} one {# row set aside} other {{count:,} rows set aside}}."
)


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (0, "db: no row."),
        (1, "db: 1 row set aside."),
        (2, "db: 2 rows set aside."),
        (1000, "db: 1,000 rows set aside."),
    ],
)
def test_a_plural_picks_exact_then_one_then_other(count: int, said: str) -> None:
    assert format_template(ROWS, {"path": "db", "count": count}) == said


@pytest.mark.parametrize("value", ["1", 1.0, True, None])
def test_a_plural_of_anything_but_an_integer_takes_other(value: object) -> None:
    (plural,) = compile_template("{n, plural, =1 {exactly} one {one} other {other}}")
    assert isinstance(plural, Plural)
    assert plural.branch(value) == ("other",)
    assert plural.branch(1) == ("exactly",)


def test_hash_is_the_number_as_its_plain_field_shows_it_and_nests() -> None:
    template = (
        "{{literal}} {done, plural, one {# of {total, plural, one {# file} other {# files}}} "
        "other {# of {total} files}} ({done})"
    )
    assert placeholders(template) == {"done", "total"}

    def said(done: int, total: int) -> str:
        return format_template(template, {"done": done, "total": total})

    assert said(1, 1) == "{literal} 1 of 1 file (1)"
    assert said(1, 1000) == "{literal} 1 of 1000 files (1)"
    assert said(2, 3) == "{literal} 2 of 3 files (2)"


def test_a_template_without_plurals_is_the_str_format_it_was() -> None:
    template = "{path}: {seconds:.1f} s, {{braces}}, 'quotes' and # signs"
    assert compile_template(template) == (template,)
    assert format_template(template, {"path": "p", "seconds": 2}) == (
        "p: 2.0 s, {braces}, 'quotes' and # signs"
    )
    assert placeholders(template) == {"path", "seconds"}


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("{count, plural, one {# fila} other {# filas}", "never closed"),  # unclosed plural
        ("{count, plural, one {# fila} other {# filas", "never closed"),  # unclosed branch
        ("{count, plural, one {# fila {name} other {# filas}}", "not a parameter"),
        ("{path", "never closed"),
        ("{count, plural, one {# fila}}", "no 'other'"),
        ("{count, plural, few {# filas} other {# filas}}", "'few'"),  # not en or es
        ("{count, plural, many {# filas} other {# filas}}", "'many'"),
        ("{count, plural, offset:1 other {# filas}}", "'offset'"),
        ("{count, plural, one {# fila} one {# filas} other {# filas}}", "twice"),
        ("{count, plural, =0 {nada} =0 {nada} other {# filas}}", "twice"),
        ("{count, plural, one # fila other {# filas}}", "no branch"),
        ("{count, plural, {# fila} other {# filas}}", "no selector"),
        ("{count, select, one {# fila} other {# filas}}", "only plural"),
        ("{count, number}", "not a parameter"),
        ("{a.b}", "not a parameter"),
        ("a single } brace", "single '}'"),
    ],
)
def test_a_malformed_template_is_refused_with_what_is_wrong(template: str, error: str) -> None:
    with pytest.raises(TemplateError, match=re.escape(error)):
        compile_template(template)


# --- every counted message, both languages -------------------------------------------------


def test_the_counted_messages_are_the_ones_converted() -> None:
    """A guard on the conversion itself: these codes read their counts in full."""
    codes = set(counted_codes())
    assert len(codes) >= 45
    for code in (
        "check.found",
        "check.quarantined",
        "check.quarantined_now",
        "export.warning.sealed",
        "export.warning.sealed_hidden",
        "merge.ui.done",
        "merge.some_refused",
        "count.shown",
        "count.interviews",
        "pull.done",
        "demo.done",
    ):
        assert code in codes, code


@pytest.mark.parametrize("count", COUNTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_formats_with_any_count(language: str, count: int) -> None:
    for code in CATALOG:
        params = sample_params(code, count)
        said = Message(code, params).text(language)
        assert said == format_template(CATALOG[code][language], params), code  # one way
        assert "(s)" not in said and "(es)" not in said, (code, said)
        assert "#" not in said, (code, said)  # a "#" outside a plural stays as it is written
        if count == 1000:  # the other branch shows its number
            for name in plural_names(CATALOG[code][language]):
                assert "1000" in said or "1,000" in said, (code, name, said)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_count_of_one_reads_otherwise_than_two(language: str) -> None:
    """Each plural says something else for 1 than for 2 in at least one language."""
    same = []
    for code in counted_codes():
        one = Message(code, sample_params(code, 1)).text(language).replace("1", "N")
        two = Message(code, sample_params(code, 2)).text(language).replace("2", "N")
        if one == two:
            same.append(code)
    # English says "1 finalized" and "2 finalized"; Spanish "1 finalizada", "2 finalizadas"
    allowed = {
        "en": {
            "count.finalized",
            "count.returned",
            "count.approved",
            "count.answered",
            "count.required_missing",
            "count.to_fix",
            "ui.merge_skipped",
            "central.status_queue",
        },
        "es": {"count.to_fix"},
    }
    assert set(same) <= allowed[language], sorted(set(same) - allowed[language])


# --- the sentences a user reads most often -------------------------------------------------


EXACT = [
    # fieldapp check
    (
        "check.found",
        {"path": "a.db"},
        "en",
        "a.db: 1 row would be refused by a merge today. Keep the file as it is and tell the "
        "study coordinator.",
        "a.db: 3 rows would be refused by a merge today. Keep the file as it is and tell the "
        "study coordinator.",
    ),
    (
        "check.found",
        {"path": "a.db"},
        "es",
        "a.db: una fusión rechazaría hoy 1 fila. Conserve el archivo tal como está y avise a la "
        "coordinación del estudio.",
        "a.db: una fusión rechazaría hoy 3 filas. Conserve el archivo tal como está y avise a "
        "la coordinación del estudio.",
    ),
    (
        "check.quarantined",
        {"path": "a.db"},
        "es",
        "a.db: 1 fila está en cuarentena: la lista, la revisión, la exportación, el estado y la "
        "fusión la dejan fuera.",
        "a.db: 3 filas están en cuarentena: la lista, la revisión, la exportación, el estado y "
        "la fusión las dejan fuera.",
    ),
    (
        "check.quarantined_now",
        {"path": "a.db"},
        "en",
        "a.db: 1 row set aside in quarantine (nothing was deleted; the quarantine travels with "
        "this database's packages).",
        "a.db: 3 rows set aside in quarantine (nothing was deleted; the quarantine travels with "
        "this database's packages).",
    ),
    # the export's sealed and left-out interviews
    (
        "export.warning.sealed",
        {},
        "en",
        "1 interview is sealed for the study key and was exported without its answers. Export "
        "on the supervisor's computer with the private key to include it.",
        "3 interviews are sealed for the study key and were exported without their answers. "
        "Export on the supervisor's computer with the private key to include them.",
    ),
    (
        "export.warning.sealed",
        {},
        "es",
        "1 entrevista está sellada con la clave del estudio y se exportó sin sus respuestas. "
        "Exporte en el equipo del supervisor con la clave privada para incluirla.",
        "3 entrevistas están selladas con la clave del estudio y se exportaron sin sus "
        "respuestas. Exporte en el equipo del supervisor con la clave privada para incluirlas.",
    ),
    (
        "export.warning.sealed_hidden",
        {},
        "es",
        "Se dejó fuera 1 entrevista de un formulario sellado, como la lista la deja fuera antes "
        "de la frase de contraseña de borradores. Escriba la frase (o abra la clave del "
        "estudio) y vuelva a exportar para incluirla.",
        "Se dejaron fuera 3 entrevistas de formularios sellados, como la lista las deja fuera "
        "antes de la frase de contraseña de borradores. Escriba la frase (o abra la clave del "
        "estudio) y vuelva a exportar para incluirlas.",
    ),
    (
        "export.warnings.sheet",
        {},
        "es",
        "1 aviso: vea la hoja about.",
        "3 avisos: vea la hoja about.",
    ),
    # merge
    (
        "merge.some_refused",
        {"total": 4},
        "en",
        "1 of 4 files was refused (named above) and nothing of it was merged; the others were "
        "merged. Fix or remove the refused file and merge again.",
        "3 of 4 files were refused (named above) and nothing of them was merged; the others "
        "were merged. Fix or remove the refused files and merge again.",
    ),
    (
        "merge.some_refused",
        {"total": 4},
        "es",
        "Se rechazó 1 de 4 archivos (nombrado arriba) y no se fusionó nada de él; los demás se "
        "fusionaron. Corrija o quite el archivo rechazado y vuelva a fusionar.",
        "Se rechazaron 3 de 4 archivos (nombrados arriba) y no se fusionó nada de ellos; los "
        "demás se fusionaron. Corrija o quite los archivos rechazados y vuelva a fusionar.",
    ),
    (
        "merge.ui.cancelled",
        {},
        "es",
        "Cancelado: se fusionó 1 archivo antes de cancelar; el que estaba en curso no.",
        "Cancelado: se fusionaron 3 archivos antes de cancelar; el que estaba en curso no.",
    ),
    (
        "merge.package_done",
        {"path": "p.fieldapp"},
        "es",
        "Paquete escrito en p.fieldapp: 1 entrevista, 1 versión, 1 adjunto. Cópielo a la "
        "computadora de la supervisión y fusiónelo allí.",
        "Paquete escrito en p.fieldapp: 3 entrevistas, 3 versiones, 3 adjuntos. Cópielo a la "
        "computadora de la supervisión y fusiónelo allí.",
    ),
    # what a merge brought: each count said apart, a count of 0 left out
    ("merge.count_interviews", {}, "en", "1 new interview", "3 new interviews"),
    ("merge.count_interviews", {}, "es", "1 entrevista nueva", "3 entrevistas nuevas"),
    ("merge.count_versions", {}, "es", "1 versión nueva", "3 versiones nuevas"),
    ("merge.count_attachments", {}, "es", "1 adjunto nuevo", "3 adjuntos nuevos"),
    (
        "merge.count_review_events",
        {},
        "es",
        "1 evento de revisión nuevo",
        "3 eventos de revisión nuevos",
    ),
    ("merge.count_conflicts", {}, "en", "1 new conflict", "3 new conflicts"),
    ("merge.count_forms", {}, "es", "1 formulario nuevo", "3 formularios nuevos"),
    # the status bar and the review queue
    ("count.interviews", {}, "en", "1 interview", "3 interviews"),
    ("count.interviews", {}, "es", "1 entrevista", "3 entrevistas"),
    ("count.finalized", {}, "es", "1 finalizada", "3 finalizadas"),
    (
        "count.review_waiting",
        {},
        "en",
        "1 interview waits for review",
        "3 interviews wait for review",
    ),
    (
        "count.review_waiting",
        {},
        "es",
        "1 entrevista espera revisión",
        "3 entrevistas esperan revisión",
    ),
    ("count.words", {}, "es", "1 palabra", "3 palabras"),
    ("count.required_missing", {}, "es", "falta 1 obligatoria", "faltan 3 obligatorias"),
]


@pytest.mark.parametrize(("code", "params", "language", "one", "three"), EXACT)
def test_the_sentences_read_most_often_in_singular_and_plural(
    code: str, params: dict[str, object], language: str, one: str, three: str
) -> None:
    counted = placeholders(CATALOG[code][language]) - set(params)
    assert text(code, language, **params, **dict.fromkeys(counted, 1)) == one
    assert text(code, language, **params, **dict.fromkeys(counted, 3)) == three


def test_the_merge_dialog_says_files_and_conflicts_each_by_its_own_number() -> None:
    said = text("merge.ui.done", "es", merged=1, total=1, failed=0, conflicts=1)
    assert said == "Terminado: 1 de 1 archivo fusionado, 0 rechazados, 1 conflicto nuevo."
    said = text("merge.ui.done", "en", merged=2, total=3, failed=1, conflicts=0)
    assert said == "Done: 2 of 3 files merged, 1 refused, 0 new conflicts."
    said = text("merge.ui.done", "es", merged=2, total=3, failed=1, conflicts=2)
    assert said == "Terminado: 2 de 3 archivos fusionados, 1 rechazado, 2 conflictos nuevos."


@pytest.mark.parametrize(
    ("language", "shown", "total", "said"),
    [
        ("en", 1, 1, "1 of 1 interview shown"),
        ("en", 1, 2, "1 of 2 interviews shown"),
        ("en", 999, 12000, "999 of 12,000 interviews shown"),
        ("es", 0, 1, "0 de 1 entrevista mostrada"),
        ("es", 2, 3, "2 de 3 entrevistas mostradas"),
        ("es", 1500, 12000, "1,500 de 12,000 entrevistas mostradas"),
    ],
)
def test_the_status_bar_says_how_many_of_how_many_are_shown(
    language: str, shown: int, total: int, said: str
) -> None:
    assert text("count.shown", language, shown=shown, total=total) == said


def test_the_pull_summary_says_each_figure_in_its_own_number() -> None:
    said = text("pull.done", "es", server="S", new=1, known=1, reviews=1, left=1)
    assert said == (
        "S: 1 entrevista nueva, 1 ya estaba aquí, 1 decisión de revisión tomada, 1 dejada en "
        "el servidor."
    )
    said = text("pull.done", "en", server="S", new=0, known=2, reviews=2, left=0)
    assert (
        said
        == "S: 0 new interviews, 2 already here, 2 review decisions taken, 0 left on the server."
    )


def test_an_export_that_wrote_no_instance_file_says_so() -> None:
    params = {"folder": "out", "error": "disk full"}
    assert text("export.instances_unwritable", "en", count=0, **params).endswith(
        "No file was written before."
    )
    assert text("export.instances_unwritable", "es", count=1, **params).endswith(
        "Antes se escribió 1 archivo, completo; ninguno quedó a medias."
    )


def test_no_qt_string_makes_a_plural_by_hand() -> None:
    """Counts go through the catalogue: the Qt strings hold no "1 draft" / "%1 drafts" pair
    and no hedge (Qt would need an English translation file for its %n forms)."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import fieldapp

    ts = Path(fieldapp.__file__).parent / "resources" / "fieldapp_es.ts"
    sources = [m.findtext("source") or "" for m in ET.parse(ts).getroot().iter("message")]
    assert len(sources) > 100
    by_hand = [s for s in sources if re.match(r"1 \w", s) or "(s)" in s or "%n" in s]
    assert by_hand == []
