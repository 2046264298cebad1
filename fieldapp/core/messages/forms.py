"""User-facing messages of the forms area: code -> {"en": ..., "es": ...}."""

from fieldapp.core.forms.xpath.functions import MAX_TEXT

MESSAGES: dict[str, dict[str, str]] = {
    # --- loading an XLSForm (loader.py) ------------------------------------------------
    "forms.not_found": {
        "en": "{file}: there is no such file. Check the path and the file name.",
        "es": "{file}: no existe ese archivo. Revise la ruta y el nombre del archivo.",
    },
    "forms.is_directory": {
        "en": "{file}: this is a folder, not a form. Give the path of an .xlsx, .xlsm or "
        ".xls file inside it.",
        "es": "{file}: es una carpeta, no un formulario. Indique la ruta de un archivo "
        ".xlsx, .xlsm o .xls que esté dentro.",
    },
    "forms.unreadable": {
        "en": "{file}: the file cannot be read ({reason}). Check that it exists and that "
        "you may open it.",
        "es": "{file}: no se puede leer el archivo ({reason}). Compruebe que existe y que "
        "tiene permiso para abrirlo.",
    },
    "forms.empty_file": {
        "en": "{file}: the file is empty (0 bytes). Copy the form again from its source.",
        "es": "{file}: el archivo está vacío (0 bytes). Vuelva a copiar el formulario desde "
        "su origen.",
    },
    "forms.too_large": {
        "en": "{file}: the workbook unpacks to {size}, more than the {most} a form may "
        "take, so it is not read (a file built to be that large would stall fieldapp). Put "
        "long choice lists in a CSV file (select_one_from_file) and save the form again.",
        "es": "{file}: el libro se descomprime en {size}, más que los {most} que admite "
        "un formulario, así que no se lee (un archivo hecho para ser tan grande bloquearía "
        "fieldapp). Ponga las listas de opciones largas en un archivo CSV "
        "(select_one_from_file) y vuelva a guardar el formulario.",
    },
    "forms.too_much_text": {
        "en": "{file}: the workbook's cells hold {size} of text (a text repeated in many "
        "cells counts each time), more than the {most} a form may take, so it is not read "
        "(a file built that way would stall fieldapp). Shorten the repeated text, put long "
        "choice lists in a CSV file (select_one_from_file), and save the form again.",
        "es": "{file}: las celdas del libro contienen {size} de texto (un texto repetido en "
        "muchas celdas cuenta cada vez), más que los {most} que admite un formulario, así "
        "que no se lee (un archivo hecho así bloquearía fieldapp). Acorte el texto repetido, "
        "ponga las listas de opciones largas en un archivo CSV (select_one_from_file) y "
        "vuelva a guardar el formulario.",
    },
    "forms.not_a_workbook": {
        "en": "{file}: this is not an Excel workbook (.xlsx, .xlsm or .xls), so it cannot be "
        "an XLSForm. Save the form from Excel or LibreOffice as .xlsx and try again.",
        "es": "{file}: no es un libro de Excel (.xlsx, .xlsm o .xls), así que no puede ser un "
        "XLSForm. Guarde el formulario desde Excel o LibreOffice como .xlsx e inténtelo de "
        "nuevo.",
    },
    "forms.ods_workbook": {
        "en": "{file}: this is an OpenDocument spreadsheet (LibreOffice's .ods format), which "
        "XLSForm tools do not read. In LibreOffice choose File › Save As, type Excel 2007-365 "
        "(.xlsx), and check that file.",
        "es": "{file}: es una hoja de cálculo OpenDocument (el formato .ods de LibreOffice), "
        "que las herramientas de XLSForm no leen. En LibreOffice elija Archivo › Guardar como, "
        "tipo Excel 2007-365 (.xlsx), y revise ese archivo.",
    },
    "forms.damaged_workbook": {
        "en": "{file}: the workbook is damaged or incomplete and cannot be opened ({reason}). "
        "Copy it again from its source, or open it in Excel or LibreOffice and save it anew.",
        "es": "{file}: el libro está dañado o incompleto y no se puede abrir ({reason}). "
        "Vuelva a copiarlo desde su origen, o ábralo en Excel o LibreOffice y guárdelo de "
        "nuevo.",
    },
    "forms.empty_survey": {
        "en": "{file}: the survey sheet is empty. Put the questions on it, one a row, under a "
        "header row with at least the columns type, name and label.",
        "es": "{file}: la hoja survey está vacía. Ponga en ella las preguntas, una por fila, "
        "bajo una fila de encabezado con al menos las columnas type, name y label.",
    },
    "forms.xlsform_problem": {
        "en": "{file}: {sheet} row {row}: {problem}",
        "es": "{file}: hoja {sheet} fila {row}: {problem}",
    },
    "forms.xlsform_problem_no_row": {
        "en": "{file}: {problem}",
        "es": "{file}: {problem}",
    },
    "forms.unknown_type": {
        "en": "{file}: {sheet} row {row}: '{name}' has the type '{type}', which fieldapp "
        "cannot show on a laptop. Use one of the XLSForm types fieldapp serves (text, "
        "integer, decimal, select_one, select_multiple, date, note, calculate, begin group, "
        "begin repeat...).",
        "es": "{file}: hoja {sheet} fila {row}: '{name}' es de tipo '{type}', que fieldapp no "
        "puede mostrar en una computadora. Use uno de los tipos de XLSForm que fieldapp admite "
        "(text, integer, decimal, select_one, select_multiple, date, note, calculate, begin "
        "group, begin repeat...).",
    },
    "forms.choice_file_outside": {
        "en": "{file}: {sheet} row {row}: '{name}' takes its choices from '{choice_file}', "
        "a path out of the form's folder. Copy the file beside the form and give only its "
        "name.",
        "es": "{file}: hoja {sheet} fila {row}: '{name}' toma sus opciones de "
        "'{choice_file}', una ruta fuera de la carpeta del formulario. Copie el archivo junto "
        "al formulario y ponga solo su nombre.",
    },
    "forms.choice_file_missing": {
        "en": "{file}: {sheet} row {row}: '{name}' takes its choices from '{choice_file}', "
        "but that file is not beside the form. Put {choice_file} in the same folder as the "
        "form.",
        "es": "{file}: hoja {sheet} fila {row}: '{name}' toma sus opciones de "
        "'{choice_file}', pero ese archivo no está junto al formulario. Ponga {choice_file} "
        "en la misma carpeta que el formulario.",
    },
    "forms.choice_file_unsupported": {
        "en": "{file}: {sheet} row {row}: '{name}' takes its choices from '{choice_file}'; "
        "fieldapp reads choice files in CSV, GeoJSON or XML, as ODK does. Save the choices as "
        "a .csv file with name and label columns.",
        "es": "{file}: hoja {sheet} fila {row}: '{name}' toma sus opciones de "
        "'{choice_file}'; fieldapp lee archivos de opciones en CSV, GeoJSON o XML, como ODK. "
        "Guarde las opciones como archivo .csv con columnas name y label.",
    },
    "forms.choice_file_invalid": {
        "en": "{file}: {sheet} row {row}: the choice file '{choice_file}' of '{name}' cannot "
        "be read as CSV ({reason}). Save it again from Excel or LibreOffice as 'CSV UTF-8'.",
        "es": "{file}: hoja {sheet} fila {row}: el archivo de opciones '{choice_file}' de "
        "'{name}' no se puede leer como CSV ({reason}). Guárdelo de nuevo desde Excel o "
        "LibreOffice como 'CSV UTF-8'.",
    },
    "forms.choice_file_not_utf8": {
        "en": "{file}: {sheet} row {row}: the choice file '{choice_file}' of '{name}' is not "
        "in UTF-8, so accented names would come out wrong here and in ODK Collect. Save it "
        "again from Excel or LibreOffice as 'CSV UTF-8'.",
        "es": "{file}: hoja {sheet} fila {row}: el archivo de opciones '{choice_file}' de "
        "'{name}' no está en UTF-8, así que los acentos saldrían mal aquí y en ODK Collect. "
        "Guárdelo de nuevo desde Excel o LibreOffice como 'CSV UTF-8'.",
    },
    "forms.choice_file_semicolons": {
        "en": "{file}: {sheet} row {row}: the choice file '{choice_file}' of '{name}' "
        "separates its columns with ';' (as Excel does in Spanish); XLSForm choice files use "
        "','. Save it again as 'CSV UTF-8 (comma delimited)'.",
        "es": "{file}: hoja {sheet} fila {row}: el archivo de opciones '{choice_file}' de "
        "'{name}' separa sus columnas con ';' (como hace Excel en español); los archivos de "
        "opciones de XLSForm usan ','. Guárdelo de nuevo como 'CSV UTF-8 (delimitado por "
        "comas)'.",
    },
    "forms.choice_file_no_column": {
        "en": "{file}: {sheet} row {row}: the choice file '{choice_file}' of '{name}' has no "
        "'{column}' column. Its first row must name the columns, with '{column}' for the "
        "values and 'label' for what people see.",
        "es": "{file}: hoja {sheet} fila {row}: el archivo de opciones '{choice_file}' de "
        "'{name}' no tiene columna '{column}'. Su primera fila debe nombrar las columnas, con "
        "'{column}' para los valores y 'label' para lo que se muestra.",
    },
    "forms.choices_from_repeat": {
        "en": "{file}: {sheet} row {row}: '{name}' takes its choices from the answers of "
        "another question ('{source}'), which fieldapp does not support yet. List the "
        "choices on the choices sheet instead.",
        "es": "{file}: hoja {sheet} fila {row}: '{name}' toma sus opciones de las respuestas "
        "de otra pregunta ('{source}'), lo que fieldapp aún no admite. Ponga las opciones en "
        "la hoja choices.",
    },
    "forms.missing_reference": {
        "en": "{file}: {sheet} row {row}: the {column} of '{name}' refers to ${{{reference}}}, "
        "but the form has no question or group named '{reference}'. Correct the name, or add "
        "that question.",
        "es": "{file}: hoja {sheet} fila {row}: la columna {column} de '{name}' menciona "
        "${{{reference}}}, pero el formulario no tiene ninguna pregunta ni grupo llamado "
        "'{reference}'. Corrija el nombre o agregue esa pregunta.",
    },
    "forms.ambiguous_reference": {
        "en": "{file}: {sheet} row {row}: the {column} of '{name}' refers to ${{{reference}}}, "
        "but several questions or groups are named '{reference}'. Give each a unique name.",
        "es": "{file}: hoja {sheet} fila {row}: la columna {column} de '{name}' menciona "
        "${{{reference}}}, pero hay varias preguntas o grupos llamados '{reference}'. Dé a "
        "cada uno un nombre único.",
    },
    "forms.bad_expression": {
        # {reason} names the expression and what to do (see the xpath.* messages).
        "en": "{file}: {sheet} row {row}: the {column} of '{name}' is not a valid "
        "expression. {reason}",
        "es": "{file}: hoja {sheet} fila {row}: la columna {column} de '{name}' no es una "
        "expresión válida. {reason}",
    },
    "forms.pyxform_failed": {
        "en": "{file}: the form could not be read ({reason}). Check it with xls2xform or "
        "the XLSForm online converter, which may say more.",
        "es": "{file}: no se pudo leer el formulario ({reason}). Revíselo con xls2xform o el "
        "convertidor en línea de XLSForm, que pueden decir más.",
    },
    # --- forms check (cli) ----------------------------------------------------------------
    "forms.missing_text": {
        "en": "{file}: {sheet} row {row}: warning: '{name}' has no {column}, so in {language} "
        "it shows in another language. Fill that cell.",
        "es": "{file}: hoja {sheet} fila {row}: aviso: '{name}' no tiene {column}, así que en "
        "{language} se muestra en otro idioma. Llene esa celda.",
    },
    "forms.missing_choice_text": {
        "en": "{file}: choices: warning: choice '{choice}' of list '{list_name}' has no "
        "{column}, so in {language} it shows in another language. Fill that cell.",
        "es": "{file}: choices: aviso: la opción '{choice}' de la lista '{list_name}' no tiene "
        "{column}, así que en {language} se muestra en otro idioma. Llene esa celda.",
    },
    "forms.label_holds_separator": {
        "en": "{file}: choices: warning: choice '{choice}' of list '{list_name}' has the "
        "{column} '{label}', which holds '{separator}': an export with labels separates the "
        "several choices of one answer with '{separator}', so this label reads as two "
        "choices there. Write it without '{separator}' (a comma, a dash).",
        "es": "{file}: choices: aviso: la opción '{choice}' de la lista '{list_name}' tiene "
        "en {column} '{label}', que contiene '{separator}': una exportación con etiquetas "
        "separa las varias opciones de una respuesta con '{separator}', así que allí esta "
        "etiqueta se lee como dos opciones. Escríbala sin '{separator}' (una coma, un guion).",
    },
    "forms.filter_column_missing": {
        "en": "{file}: {sheet} row {row}: warning: the choice_filter of '{name}' reads the "
        "column '{column}', which list '{list_name}' does not have (it has: {columns}), so it "
        "never offers a choice. Add that column to the list, correct the name, or put it in "
        "quotes if it is a value ('{column}').",
        "es": "{file}: hoja {sheet} fila {row}: aviso: el choice_filter de '{name}' lee la "
        "columna '{column}', que la lista '{list_name}' no tiene (tiene: {columns}), así que "
        "nunca ofrece una opción. Añada esa columna a la lista, corrija el nombre o póngalo "
        "entre comillas si es un valor ('{column}').",
    },
    "forms.pyxform_warning": {
        "en": "{file}: warning: {warning}",
        "es": "{file}: aviso: {warning}",
    },
    "forms.pyxform_warning_at": {
        "en": "{file}: {sheet} row {row}: warning: {warning}",
        "es": "{file}: hoja {sheet} fila {row}: aviso: {warning}",
    },
    "forms.bad_public_key": {
        "en": "{file}: {sheet} row {row}: the public_key is not a valid RSA public key "
        "({detail}), so no interview of this form could be sealed and finalized. Paste the "
        "whole key printed by 'fieldapp keys new'.",
        "es": "{file}: hoja {sheet} fila {row}: la public_key no es una clave pública RSA "
        "válida ({detail}), así que ninguna entrevista de este formulario podría sellarse ni "
        "finalizarse. Pegue la clave completa que imprime 'fieldapp keys new'.",
    },
    "forms.check_ok": {
        # "questions: N" reads right for 1 too ("1 questions" did not)
        "en": "{file}: {form_id} version {version}: questions: {questions}; languages: {languages}",
        "es": "{file}: {form_id} versión {version}: preguntas: {questions}; idiomas: {languages}",
    },
    # --- answers and form logic (engine.py, values.py) ---------------------------------
    "engine.not_integer": {
        "en": "{question}: “{value}” is not a whole number. Type digits only, e.g. 42.",
        "es": "{question}: «{value}» no es un número entero. Escriba solo cifras, p. ej. 42.",
    },
    "engine.not_decimal": {
        "en": "{question}: “{value}” is not a number. Type digits with a point or comma, e.g. 3.5.",
        "es": "{question}: «{value}» no es un número. Escriba cifras con punto o coma, p. ej. 3,5.",
    },
    "engine.out_of_range": {
        "en": "{question}: {value} is outside the allowed range {start} to {end}. Choose a "
        "value inside it.",
        "es": "{question}: {value} está fuera del rango permitido, de {start} a {end}. Elija "
        "un valor dentro de él.",
    },
    "engine.not_text": {
        "en": "{question}: expected text but got {value}. Give the answer as text.",
        "es": "{question}: se esperaba texto y se recibió {value}. Dé la respuesta como texto.",
    },
    "engine.text_too_long": {
        "en": f"{{question}}: this answer is longer than {MAX_TEXT:,} characters, the most "
        "fieldapp "
        "saves in one answer. Shorten it (keep the rest in a note outside fieldapp, or "
        "attach it as a file).",
        "es": f"{{question}}: esta respuesta tiene más de {MAX_TEXT:,} caracteres, lo máximo "
        "que "
        "fieldapp guarda en una respuesta. Acórtela (guarde el resto en una nota fuera de "
        "fieldapp, o adjúntelo como archivo).",
    },
    "engine.not_a_list": {
        "en": "{question}: {value} is not a list of choice names. Give them as a list "
        '["a", "b"] or separated by spaces.',
        "es": "{question}: {value} no es una lista de nombres de opciones. Escríbalos como "
        'lista ["a", "b"] o separados por espacios.',
    },
    "engine.unknown_choice": {
        "en": "{question}: “{value}” is not one of its choices ({choices}). Pick one of the "
        "listed choices.",
        "es": "{question}: «{value}» no es una de sus opciones ({choices}). Elija una de las "
        "opciones de la lista.",
    },
    "engine.unknown_choices": {
        "en": "{question}: {values} are not among its choices ({choices}). Remove them and "
        "pick from the listed choices.",
        "es": "{question}: {values} no están entre sus opciones ({choices}). Quítelas y elija "
        "entre las opciones de la lista.",
    },
    "engine.choice_not_offered": {
        "en": "{question}: “{value}” is not offered for the answers given earlier. Choose "
        "one of the choices shown.",
        "es": "{question}: «{value}» no se ofrece con las respuestas dadas antes. Elija una "
        "de las opciones que se muestran.",
    },
    "engine.choice_not_offered_here": {
        "en": "{chosen} is no longer offered for the answers given earlier. Choose one of "
        "the options shown now.",
        "es": "{chosen} ya no se ofrece con las respuestas dadas antes. Elija una de las "
        "opciones que se muestran ahora.",
    },
    "engine.choice_not_offered_after": {
        "en": "{chosen} is no longer offered: this list follows the answer to {earlier}, "
        "which changed. Choose one of the options shown now.",
        "es": "{chosen} ya no se ofrece: esta lista depende de la respuesta a {earlier}, que "
        "cambió. Elija una de las opciones que se muestran ahora.",
    },
    "engine.not_date": {
        "en": "{question}: “{value}” is not a date. Write it as YYYY-MM-DD, e.g. 2024-03-15.",
        "es": "{question}: «{value}» no es una fecha. Escríbala como AAAA-MM-DD, p. ej. "
        "2024-03-15.",
    },
    "engine.not_time": {
        "en": "{question}: “{value}” is not a time. Write it as HH:MM or HH:MM:SS, e.g. 14:30.",
        "es": "{question}: «{value}» no es una hora. Escríbala como HH:MM o HH:MM:SS, p. ej. "
        "14:30.",
    },
    "engine.not_datetime": {
        "en": "{question}: “{value}” is not a date and time. Write it as YYYY-MM-DDTHH:MM, "
        "e.g. 2024-03-15T14:30.",
        "es": "{question}: «{value}» no es una fecha con hora. Escríbala como "
        "AAAA-MM-DDTHH:MM, p. ej. 2024-03-15T14:30.",
    },
    "engine.not_acknowledge": {
        "en": "{question}: “{value}” cannot acknowledge. Answer OK, or leave it empty.",
        "es": "{question}: «{value}» no sirve como confirmación. Responda OK o déjela vacía.",
    },
    "engine.not_geopoint": {
        "en": "{question}: “{value}” is not a location. Give latitude and longitude in "
        "degrees, e.g. 31.69 -106.42.",
        "es": "{question}: «{value}» no es una ubicación. Indique latitud y longitud en "
        "grados, p. ej. 31.69 -106.42.",
    },
    "engine.constraint": {
        "en": "{question}: the answer “{value}” is not accepted by the form's check. Correct it.",
        "es": "{question}: la respuesta «{value}» no pasa la comprobación del formulario. "
        "Corríjala.",
    },
    "engine.required": {
        "en": "{question} must be answered before the interview can be finalized.",
        "es": "{question} debe responderse antes de poder finalizar la entrevista.",
    },
    "engine.not_a_question": {
        "en": "{ref} is not a question of this form, so it cannot be answered. Check the "
        "question's name.",
        "es": "{ref} no es una pregunta de este formulario y no se puede responder. Revise "
        "el nombre de la pregunta.",
    },
    "engine.group_keys": {
        "en": "{group} is a group of questions, not a question: answers inside it are keyed "
        "by their path, as {example}, not nested under {group}.",
        "es": "{group} es un grupo de preguntas, no una pregunta: las respuestas de dentro se "
        "nombran con su ruta, como {example}, no anidadas bajo {group}.",
    },
    "engine.drops_title": {"en": "Remove entries?", "es": "¿Quitar entradas?"},
    "engine.remove_title": {"en": "Remove this entry?", "es": "¿Quitar esta entrada?"},
    "engine.removes_entry": {
        "en": "Remove entry {entry} of “{repeat}” with its answers?",
        "es": "¿Quitar la entrada {entry} de «{repeat}» con sus respuestas?",
    },
    "engine.drops_instances": {
        "en": "{count, plural, one {This answer removes entry {entries} of “{repeat}” with its "
        "answers. Remove it?} other {This answer removes # entries of “{repeat}” (number "
        "{entries}) with their answers. Remove them?}}",
        "es": "{count, plural, one {Esta respuesta quita la entrada {entries} de «{repeat}» "
        "con sus respuestas. ¿Quitarla?} other {Esta respuesta quita # entradas de «{repeat}» "
        "(número {entries}) con sus respuestas. ¿Quitarlas?}}",
    },
    "engine.readonly": {
        "en": "{question} is calculated by the form and cannot be answered by hand.",
        "es": "{question} la calcula el formulario y no se puede responder a mano.",
    },
    "engine.repeat_fixed": {
        "en": "{repeat}: the form sets how many entries it has; add or remove them by "
        "changing the answer that counts them.",
        "es": "{repeat}: el formulario fija cuántas entradas tiene; para añadir o quitar, "
        "cambie la respuesta que las cuenta.",
    },
    "engine.no_such_node": {
        "en": "{ref}: there is no such question or entry in this interview. Check the name "
        "and the entry number.",
        "es": "{ref}: no existe esa pregunta o entrada en esta entrevista. Revise el nombre y "
        "el número de entrada.",
    },
    "engine.not_a_repeat": {
        "en": "{ref} is not a repeated section, so entries cannot be added or removed there.",
        "es": "{ref} no es una sección repetida; no se pueden añadir ni quitar entradas ahí.",
    },
    "engine.no_such_instance": {
        "en": "{repeat} has no entry number {index} (it has {count}). Choose an existing entry.",
        "es": "{repeat} no tiene la entrada número {index} (tiene {count}). Elija una entrada "
        "que exista.",
    },
    "engine.unknown_key": {
        "en": "The answers name “{key}”, which is not a question of form {form}. Remove it "
        "or check that you chose the right form.",
        "es": "Las respuestas nombran «{key}», que no es una pregunta del formulario {form}. "
        "Quítela o compruebe que eligió el formulario correcto.",
    },
    "engine.not_entries": {
        "en": "{repeat} is a repeated section: its answers must be a list of entries "
        "[{{...}}, {{...}}], not {value}.",
        "es": "{repeat} es una sección repetida: sus respuestas deben ser una lista de "
        "entradas [{{...}}, {{...}}], no {value}.",
    },
    # --- expressions (fieldapp.core.forms.xpath); params: expression, position, detail ---
    "xpath.empty": {
        "en": "The expression is empty. Write a condition or a calculation, or clear the cell.",
        "es": "La expresión está vacía. Escriba una condición o un cálculo, o vacíe la celda.",
    },
    "xpath.unexpected_token": {
        "en": "Unexpected '{detail}' at character {position} of {expression}. Check the "
        "operators, brackets and commas there.",
        "es": "'{detail}' inesperado en el carácter {position} de {expression}. Revise los "
        "operadores, paréntesis y comas en ese punto.",
    },
    "xpath.unexpected_end": {
        "en": "The expression {expression} ends too early. Close every bracket and finish "
        "the last operation.",
        "es": "La expresión {expression} termina antes de tiempo. Cierre todos los paréntesis "
        "y complete la última operación.",
    },
    "xpath.unexpected_character": {
        "en": "The character '{detail}' at position {position} of {expression} is not "
        "allowed. Remove it or put the text in quotes.",
        "es": "El carácter '{detail}' en la posición {position} de {expression} no está "
        "permitido. Quítelo o ponga el texto entre comillas.",
    },
    "xpath.unclosed_string": {
        "en": "A quote opened at character {position} of {expression} is never closed. Add "
        "the closing quote.",
        "es": "Una comilla abierta en el carácter {position} de {expression} no se cierra. "
        "Añada la comilla de cierre.",
    },
    "xpath.reference_not_allowed": {
        "en": "${{{detail}}} cannot be used in {expression}: write the XPath path instead.",
        "es": "${{{detail}}} no se puede usar en {expression}: escriba la ruta XPath.",
    },
    "xpath.unsupported_axis": {
        "en": "The axis '{detail}::' in {expression} (character {position}) is not "
        "supported. Use child, parent, self, ancestor, descendant or the sibling axes.",
        "es": "El eje '{detail}::' de {expression} (carácter {position}) no está admitido. "
        "Use child, parent, self, ancestor, descendant o los ejes de hermanos.",
    },
    "xpath.unsupported_node_test": {
        "en": "'{detail}()' in {expression} (character {position}) is not supported: "
        "answers have no text or comment nodes. Use the field's path or '.' instead.",
        "es": "'{detail}()' en {expression} (carácter {position}) no está admitido: las "
        "respuestas no tienen nodos de texto ni comentarios. Use la ruta del campo o '.'.",
    },
    "xpath.unknown_function": {
        "en": "Unknown function {detail}() at character {position} of {expression}. Check "
        "the spelling against the ODK/XLSForm function list.",
        "es": "Función desconocida {detail}() en el carácter {position} de {expression}. "
        "Revise cómo se escribe en la lista de funciones de ODK/XLSForm.",
    },
    "xpath.wrong_arguments": {
        "en": "{detail}() is given {count, plural, one {# argument} other {# arguments}} at "
        "character {position} of {expression}, but takes {expected}. Add or remove arguments.",
        "es": "{detail}() recibe {count, plural, one {# argumento} other {# argumentos}} en el "
        "carácter {position} de {expression}, pero lleva {expected}. Añada o quite argumentos.",
    },
    "xpath.not_nodeset": {
        "en": "In {expression}, '{detail}' needs a field or repeat path, not a text or "
        "number. Pass a path such as ${{name}}.",
        "es": "En {expression}, '{detail}' necesita la ruta de un campo o repetición, no un "
        "texto o número. Use una ruta como ${{nombre}}.",
    },
    "xpath.position_of_many": {
        "en": "position() in {expression} was given several nodes; give it one (e.g. ..).",
        "es": "position() en {expression} recibió varios nodos; dele uno (p. ej. ..).",
    },
    "xpath.indexed_repeat_pairs": {
        "en": "indexed-repeat() in {expression} needs a field, then pairs of repeat and position.",
        "es": "indexed-repeat() en {expression} necesita un campo y luego pares de "
        "repetición y posición.",
    },
    "xpath.weighted_checklist_pairs": {
        "en": "weighted-checklist() in {expression} needs pairs of value and weight after "
        "min and max.",
        "es": "weighted-checklist() en {expression} necesita pares de valor y peso después "
        "de mín. y máx.",
    },
    "xpath.uuid_length": {
        "en": "uuid() in {expression} was given a length that is not a number or is over "
        "100000. Give a length such as 8.",
        "es": "uuid() en {expression} recibió una longitud que no es un número o pasa de "
        "100000. Indique una longitud como 8.",
    },
    "xpath.bad_regex": {
        "en": "The regular expression '{detail}' in {expression} is not valid. Fix the pattern.",
        "es": "La expresión regular '{detail}' de {expression} no es válida. Corrija el patrón.",
    },
    "xpath.bad_digest": {
        "en": "digest() in {expression} does not know '{detail}'. Use MD5, SHA-1, SHA-256, "
        "SHA-384 or SHA-512 and base64 or hex.",
        "es": "digest() en {expression} no conoce '{detail}'. Use MD5, SHA-1, SHA-256, "
        "SHA-384 o SHA-512 y base64 o hex.",
    },
    "xpath.boolean_as_date": {
        "en": "{expression} uses true/false where a date is needed. Pass a date or a number.",
        "es": "{expression} usa verdadero/falso donde se necesita una fecha. Use una fecha "
        "o un número.",
    },
    "xpath.not_geopoints": {
        "en": "{detail}() in {expression} was given values that are not GPS points "
        "('lat lon [alt acc]').",
        "es": "{detail}() en {expression} recibió valores que no son puntos GPS "
        "('lat lon [alt prec]').",
    },
    "xpath.not_computable": {
        "en": "{expression} cannot be computed for these answers ({detail}). Check the "
        "numbers it works with.",
        "es": "{expression} no se puede calcular con estas respuestas ({detail}). Revise "
        "los números que usa.",
    },
    "xpath.too_deep": {
        "en": "{expression} is nested too deeply to evaluate. Split it into calculate rows.",
        "es": "{expression} está anidada demasiado para evaluarse. Divídala en filas calculate.",
    },
}
