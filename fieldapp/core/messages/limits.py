"""Messages of the limits that keep any form's cost bounded, and of ODK's metadata rules."""

MESSAGES: dict[str, dict[str, str]] = {
    "engine.too_many_instances": {
        "en": "This interview already holds {most} repeated entries in all, the most one "
        "interview may hold. Finish it and start another one for the rest.",
        "es": "Esta entrevista ya tiene {most} entradas repetidas en total, el máximo que "
        "admite una entrevista. Termínela y empiece otra para el resto.",
    },
    "forms.calculation_cycle": {
        "en": "{file}: {sheet} row {row}: the calculations of {names} read each other in a "
        "circle, so none of them can be computed (ODK Validate refuses this too). Make one "
        "of them read an answer instead.",
        "es": "{file}: hoja {sheet} fila {row}: los cálculos de {names} se leen unos a otros "
        "en círculo, así que ninguno puede calcularse (ODK Validate también lo rechaza). "
        "Haga que uno de ellos lea una respuesta.",
    },
    "forms.self_reference": {
        "en": "{file}: {sheet} row {row}: the calculation of '{name}' reads '{name}' itself, "
        "so it can never be computed (ODK Validate refuses this too). Use another question.",
        "es": "{file}: hoja {sheet} fila {row}: el cálculo de '{name}' lee el propio "
        "'{name}', así que nunca puede calcularse (ODK Validate también lo rechaza). Use otra "
        "pregunta.",
    },
    "forms.logic_cycle": {
        "en": "{file}: {sheet} row {row}: the logic of {names} reads each other in a circle, "
        "so there is no order in which to work them out (ODK Validate refuses this too). "
        "Make one of them read an answer instead.",
        "es": "{file}: hoja {sheet} fila {row}: las columnas de {names} se leen unas a otras en "
        "círculo, así que no hay orden en que calcularlas (ODK Validate también lo rechaza). "
        "Haga que una de ellas lea una respuesta.",
    },
    "forms.logic_self_reference": {
        "en": "{file}: {sheet} row {row}: the {column} of '{name}' reads '{name}' itself, "
        "so it can never be worked out (ODK Validate refuses this too). Make it read "
        "another question.",
        "es": "{file}: hoja {sheet} fila {row}: la columna {column} de '{name}' lee el propio "
        "'{name}', así que nunca puede calcularse (ODK Validate también lo rechaza). Haga "
        "que lea otra pregunta.",
    },
    "forms.relevant_reads_inside": {
        "en": "{file}: {sheet} row {row}: the relevant of '{name}' reads '{inner}', which is "
        "inside '{name}' and is hidden with it, so it could never show again (ODK Validate "
        "refuses this too). Make it read a question before '{name}'.",
        "es": "{file}: hoja {sheet} fila {row}: la columna relevant de '{name}' lee "
        "'{inner}', que está dentro de '{name}' y se oculta con él, así que nunca podría "
        "volver a mostrarse (ODK Validate también lo rechaza). Haga que lea una pregunta "
        "anterior a '{name}'.",
    },
    "forms.too_deep": {
        "en": "{file}: {sheet} row {row}: '{name}' sits {depth} groups or repeats deep; "
        "fieldapp opens forms up to {most} levels. Close some groups sooner (end group).",
        "es": "{file}: hoja {sheet} fila {row}: '{name}' está dentro de {depth} grupos o "
        "repeticiones; fieldapp abre formularios de hasta {most} niveles. Cierre antes "
        "algunos grupos (end group).",
    },
    "forms.choice_file_geojson": {
        "en": "{file}: {sheet} row {row}: the choice file '{choice_file}' of '{name}' is not "
        "a GeoJSON FeatureCollection ({reason}). Export it again from the map program.",
        "es": "{file}: hoja {sheet} fila {row}: el archivo de opciones '{choice_file}' de "
        "'{name}' no es una FeatureCollection de GeoJSON ({reason}). Expórtelo de nuevo "
        "desde el programa de mapas.",
    },
    "forms.choice_file_xml": {
        "en": "{file}: {sheet} row {row}: the choice file '{choice_file}' of '{name}' is not "
        "the XML ODK reads, a root element holding one element per choice ({reason}). Save "
        "it again from its source.",
        "es": "{file}: hoja {sheet} fila {row}: el archivo de opciones '{choice_file}' de "
        "'{name}' no es el XML que lee ODK, un elemento raíz con un elemento por opción "
        "({reason}). Guárdelo de nuevo desde su origen.",
    },
    "xpath.text_too_long": {
        "en": "{expression} makes a text of more than {detail} characters, more than any "
        "answer may hold. Check the calculation: it probably doubles a text again and again.",
        "es": "{expression} produce un texto de más de {detail} caracteres, más de lo que "
        "cabe en una respuesta. Revise el cálculo: seguramente duplica un texto una y otra "
        "vez.",
    },
    "forms.flat_repeat": {
        "en": "{file}: {sheet} row {row}: the repeat '{name}' cannot be in a form whose "
        "settings say flat: a flat instance has no place for its entries, so ODK cannot "
        "fill it either. Remove the flat setting or make '{name}' a group.",
        "es": "{file}: hoja {sheet} fila {row}: la repetición '{name}' no puede estar en un "
        "formulario cuyos settings dicen flat: una instancia plana no tiene sitio para sus "
        "entradas, así que ODK tampoco puede llenarla. Quite el ajuste flat o convierta "
        "'{name}' en grupo.",
    },
}
