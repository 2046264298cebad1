"""User-facing messages of the analyst's formats (Stata, SPSS, R) and the desk's fixes."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- Stata and SPSS ------------------------------------------------------------------
    "export.stats.chosen": {"en": "chosen", "es": "elegida"},
    "export.stats.not_chosen": {"en": "not chosen", "es": "no elegida"},
    "export.stats.yes": {"en": "yes", "es": "sí"},
    "export.stats.no": {"en": "no", "es": "no"},
    "export.stats_too_wide": {
        "en": "The sheet {sheet} has {columns} columns, more than the {most} a {format} file "
        "can hold (each choice of a select_multiple is a column). Nothing was written. Export "
        "to .sav, .zip (CSV) or .xlsx instead, or export fewer forms.",
        "es": "La hoja {sheet} tiene {columns} columnas, más de las {most} que caben en un "
        "archivo {format} (cada opción de una selección múltiple es una columna). No se "
        "escribió nada. Exporte a .sav, .zip (CSV) o .xlsx, o exporte menos formularios.",
    },
    "export.stats_failed": {
        "en": "Could not write the {format} file for the sheet {sheet} ({error}). No file "
        "was written. Export to .xlsx or .zip instead and report this problem.",
        "es": "No se pudo escribir el archivo {format} de la hoja {sheet} ({error}). No se "
        "escribió ningún archivo. Exporte a .xlsx o .zip y comunique este problema.",
    },
    "export.warning.stats_untyped": {
        "en": "File {file}, column {column}: '{value}' is not of type {kind} and was left "
        "missing in the data file (it stays in the workbook export).",
        "es": "Archivo {file}, columna {column}: '{value}' no es de tipo {kind} y quedó como "
        "dato faltante en el archivo (la exportación a libro de Excel lo conserva).",
    },
    "export.about.stats_values": {
        "en": "Values in the data files",
        "es": "Valores en los archivos",
    },
    "export.about.stats_values_note": {
        "en": "select_one answers are numbers with value labels (text codes numbered in the "
        "order of their choice list, as the codebook lists them; a code that is a number, "
        "such as 97, keeps it); 0/1 columns are labelled chosen / not chosen; empty answers "
        "are the format's missing value; the codebook's 'name' column gives each variable's "
        "name in its file, and its 'values' column the number each text code has there "
        "(1 = yes)",
        "es": "las respuestas select_one son números con etiquetas de valor (los códigos de "
        "texto se numeran en el orden de su lista de opciones, como la lista el libro de "
        "códigos; un código que es un número, como 97, lo conserva); las columnas 0/1 se "
        "etiquetan elegida / no elegida; las respuestas vacías son el valor faltante del "
        "formato; la columna 'name' del libro de códigos da el nombre de cada variable en su "
        "archivo, y su columna 'values' el número que tiene allí cada código de texto "
        "(1 = yes)",
    },
    "export.about.non_answers": {
        "en": "Codes that are no answer",
        "es": "Códigos que no son respuesta",
    },
    "export.about.non_answers_plain": {
        "en": "the codes the form marks as no answer (its choices' non_answer column: "
        "refused, don't know...) stay in the cells as they are; the codebook's non_answers "
        "column lists them for each variable: set them to missing before a mean or a model "
        "(in R, load.R's fieldapp_na(x) does it)",
        "es": "los códigos que el formulario marca como no respuesta (su columna non_answer "
        "de choices: no responde, no sabe...) quedan tal cual en las celdas; la columna "
        "non_answers del libro de códigos los da para cada variable: páselos a faltante "
        "antes de una media o un modelo (en R, fieldapp_na(x) de load.R lo hace)",
    },
    # The workbook has no load.R beside it: it says where the analyst finds the codes set
    # to missing for her, not a script that is not there.
    "export.about.non_answers_xlsx": {
        "en": "the codes the form marks as no answer (its choices' non_answer column: "
        "refused, don't know...) stay in the cells as they are; the codebook's non_answers "
        "column lists them for each variable: set them to missing before a mean or a model "
        "(a Stata or SPSS export declares them missing; a CSV export's load.R has "
        "fieldapp_na(x) for R)",
        "es": "los códigos que el formulario marca como no respuesta (su columna non_answer "
        "de choices: no responde, no sabe...) quedan tal cual en las celdas; la columna "
        "non_answers del libro de códigos los da para cada variable: páselos a faltante "
        "antes de una media o un modelo (una exportación a Stata o SPSS los declara "
        "faltantes; el load.R de una exportación CSV trae fieldapp_na(x) para R)",
    },
    "export.about.non_answers_sav": {
        "en": "the codes the form marks as no answer (its choices' non_answer column: "
        "refused, don't know...) are declared user-missing in each variable: the values "
        "and their labels stay, and SPSS leaves them out of means and models; the "
        "codebook's non_answers and missing_in_file columns list them",
        "es": "los códigos que el formulario marca como no respuesta (su columna non_answer "
        "de choices: no responde, no sabe...) se declaran valores perdidos de usuario en "
        "cada variable: los valores y sus etiquetas se conservan, y SPSS los deja fuera de "
        "medias y modelos; las columnas non_answers y missing_in_file del libro de códigos "
        "los dan",
    },
    "export.about.non_answers_dta": {
        "en": "the codes the form marks as no answer (its choices' non_answer column: "
        "refused, don't know...) are Stata's extended missing values, the same letter in "
        "every file (codes that are numbers first, smallest first: 97 = .a, 98 = .b, "
        "99 = .c when the forms mark those), labelled as the choice is; summarize leaves "
        "them out and tabulate, missing shows them; the codebook's missing_in_file column "
        "gives each variable's letters",
        "es": "los códigos que el formulario marca como no respuesta (su columna non_answer "
        "de choices: no responde, no sabe...) son valores faltantes extendidos de Stata, "
        "la misma letra en todos los archivos (primero los códigos que son números, de menor "
        "a mayor: 97 = .a, 98 = .b, 99 = .c cuando los formularios marcan esos), con la "
        "etiqueta de su opción; summarize los deja fuera y tabulate, missing los muestra; "
        "la columna missing_in_file del libro de códigos da las letras de cada variable",
    },
    # --- drafts in exports ------------------------------------------------------------
    "export.about.drafts": {"en": "Drafts", "es": "Borradores"},
    "export.about.drafts_excluded": {
        "en": "left out (only finished interviews; tick drafts in the export dialog, or "
        "--drafts, to include them)",
        "es": "excluidos (solo entrevistas terminadas; marque borradores en el diálogo de "
        "exportación, o --drafts, para incluirlos)",
    },
    "export.about.drafts_included": {"en": "included", "es": "incluidos"},
    "export.about.drafts_named": {
        "en": "included (the states asked for name them)",
        "es": "incluidos (los estados pedidos los nombran)",
    },
    "export.dialog.state.draft": {"en": "drafts (unfinished)", "es": "borradores (sin terminar)"},
    "export.dialog.state.finalized": {"en": "finalized", "es": "finalizadas"},
    "export.dialog.state.approved": {"en": "approved", "es": "aprobadas"},
    "export.dialog.state.returned": {"en": "returned", "es": "devueltas"},
    # --- merging a folder ---------------------------------------------------------------
    "merge.source_unexpected": {
        "en": "{path} could not be merged because of an unexpected problem ({error}); "
        "nothing of it was merged. The other files were handled on their own. Report this "
        "problem with the file.",
        "es": "{path} no se pudo fusionar por un problema inesperado ({error}); no se fusionó "
        "nada de él. Los demás archivos se trataron por separado. Comunique este problema "
        "con el archivo.",
    },
    "merge.some_refused": {
        "en": "{refused, plural, one {# of {total} files was refused (named above) and nothing "
        "of it was merged; the others were merged. Fix or remove the refused file and merge "
        "again.} other {# of {total} files were refused (named above) and nothing of them was "
        "merged; the others were merged. Fix or remove the refused files and merge again.}}",
        "es": "{refused, plural, one {Se rechazó # de {total} archivos (nombrado arriba) y no "
        "se fusionó nada de él; los demás se fusionaron. Corrija o quite el archivo rechazado "
        "y vuelva a fusionar.} other {Se rechazaron # de {total} archivos (nombrados arriba) y "
        "no se fusionó nada de ellos; los demás se fusionaron. Corrija o quite los archivos "
        "rechazados y vuelva a fusionar.}}",
    },
    # --- the review desk ---------------------------------------------------------------
    "review.reviewer_unfit": {
        "en": "The Reviewer field holds a character that is not plain text (a line break, a "
        "control or text-direction character, often pasted from elsewhere): the name goes "
        "to every laptop with the decision. Type your name again; nothing was changed.",
        "es": "El campo Revisor tiene un carácter que no es texto simple (un salto de línea, "
        "un carácter de control o de dirección del texto, a menudo pegado de otro lugar): "
        "el nombre va a cada computadora con la decisión. Escriba su nombre de nuevo; no se "
        "cambió nada.",
    },
    "review.reviewer_long": {
        "en": "The name in the Reviewer field is longer than {most} characters, which other "
        "laptops refuse. Shorten it; nothing was changed.",
        "es": "El nombre del campo Revisor tiene más de {most} caracteres, que las demás "
        "computadoras rechazan. Acórtelo; no se cambió nada.",
    },
    "review.reviewer_needed": {
        "en": "Type your name in the Reviewer field before approving or returning an "
        "interview: every decision keeps who took it. The name is remembered.",
        "es": "Escriba su nombre en el campo Revisor antes de aprobar o devolver una "
        "entrevista: cada decisión guarda quién la tomó. El nombre se recuerda.",
    },
    "export.dialog.values_both": {
        "en": "Stata and SPSS files keep the codes with their labels (value labels).",
        "es": "Los archivos de Stata y SPSS guardan los códigos con sus etiquetas (etiquetas "
        "de valor).",
    },
    "export.dialog.language_r": {
        "en": "The language of the labels load.R gives the answers in R (the CSV files keep "
        "the codes).",
        "es": "El idioma de las etiquetas que load.R da a las respuestas en R (los archivos "
        "CSV guardan los códigos).",
    },
    "export.about.load_r": {"en": "R", "es": "R"},
    "export.about.load_r_note": {
        "en": "load.R reads every CSV file with its types and select_one answers as factors "
        "(those coded with numbers, such as scales, as numbers with their labels, as haven "
        'reads Stata): source("load.R", chdir = TRUE) in R, then fieldapp$<sheet>',
        "es": "load.R lee cada archivo CSV con sus tipos y las respuestas select_one como "
        "factores (las de códigos numéricos, como las escalas, como números con sus "
        'etiquetas, como haven lee Stata): source("load.R", chdir = TRUE) en R, luego '
        "fieldapp$<hoja>",
    },
    "export.folder_taken": {
        "en": "Cannot unpack the export into {folder}: that folder holds other files than an "
        "earlier export's. The export stays complete in {path}; choose another name to "
        "get a folder.",
        "es": "No se puede desempacar la exportación en {folder}: esa carpeta contiene otros "
        "archivos además de los de una exportación anterior. La exportación queda completa "
        "en {path}; elija otro nombre para obtener una carpeta.",
    },
    "export.folder_not_zip": {
        "en": "Cannot write {path} as a folder: only exports of several files (.zip of CSV, "
        ".dta, .sav) can be. Leave out --folder, or choose one of those endings.",
        "es": "No se puede escribir {path} como carpeta: solo las exportaciones de varios "
        "archivos (.zip de CSV, .dta, .sav) pueden serlo. Quite --folder o elija una de "
        "esas terminaciones.",
    },
    "export.dialog.as_folder": {
        "en": "Files in a folder instead of a zip (CSV, Stata, SPSS)",
        "es": "Archivos en una carpeta en lugar de un zip (CSV, Stata, SPSS)",
    },
    # --- the about sheet's words for the codebook's columns and the files' names ---------
    "export.about.codebook_columns": {"en": "Codebook columns", "es": "Columnas del codebook"},
    "export.about.codebook_columns_note": {
        "en": "the codebook's headers are the same in every language (XLSForm's column "
        "names where it has one), so that a script reads them by name: form, sheet (the "
        "sheet or file), variable (its column), type, label::<language> (what it holds, in "
        "that language), relevant (asked only when it holds), constraint, required, "
        "calculation, sensitive (as the form marks it), choices::<language> (code = label, "
        "a line each), versions (the form versions that asked it)",
        "es": "los encabezados del codebook son los mismos en todos los idiomas (los nombres "
        "de columna de XLSForm donde los tiene), para que un script los lea por nombre: "
        "form (formulario), sheet (la "
        "hoja o archivo), variable (su columna), type (tipo), label::<idioma> (lo que "
        "contiene, en ese idioma), relevant (se pregunta solo cuando se cumple), constraint "
        "(restricción), required (obligatoria), calculation (cálculo), sensitive (sensible, "
        "según el formulario), choices::<idioma> (código = etiqueta, una por línea), "
        "versions (las versiones del formulario que la preguntaron)",
    },
}
