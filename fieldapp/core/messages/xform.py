"""Messages about XForm (XML) forms: what is wrong, where in the XML, and what to do."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "xform.not_xml": {
        "en": "{file}: this is neither an Excel workbook nor well-formed XML (line {line}: "
        "{reason}), so it is not a form fieldapp can read. Export the form again from ODK "
        "Central or pyxform (xls2xform) and try again.",
        "es": "{file}: no es un libro de Excel ni un XML bien formado (línea {line}: "
        "{reason}), así que fieldapp no puede leerlo como formulario. Exporte de nuevo el "
        "formulario desde ODK Central o pyxform (xls2xform) e inténtelo otra vez.",
    },
    "xform.not_an_xform": {
        "en": "{file}: this XML file is not an XForm: its root is <{root}>, where an XForm "
        "has <h:html> with a <model> in its <h:head>. If it is a secondary instance (a data "
        "file a form reads), put it beside the form instead of opening it as a form.",
        "es": "{file}: este archivo XML no es un XForm: su raíz es <{root}>, y un XForm tiene "
        "<h:html> con un <model> en su <h:head>. Si es una instancia secundaria (datos que "
        "lee un formulario), póngalo junto al formulario en lugar de abrirlo como tal.",
    },
    "xform.no_primary_instance": {
        "en": "{file}: the XForm's <model> has no <instance> with a root element, so there is "
        "nothing to answer. Export the form again from ODK Central or pyxform.",
        "es": "{file}: el <model> del XForm no tiene <instance> con un elemento raíz, así que "
        "no hay nada que responder. Exporte de nuevo el formulario desde ODK Central o pyxform.",
    },
    "xform.bad_expression": {
        "en": "{file}: {where}: the {column} is not a valid expression. {reason}",
        "es": "{file}: {where}: {column} no es una expresión válida. {reason}",
    },
    "xform.control_without_node": {
        "en": "{file}: the <{control}> with ref '{path}' points to no node of the primary "
        "instance. Correct its ref or add the node to the instance.",
        "es": "{file}: el <{control}> con ref '{path}' no apunta a ningún nodo de la instancia "
        "principal. Corrija su ref o añada el nodo a la instancia.",
    },
    "xform.unknown_control": {
        "en": "{file}: {where}: the control <{control}> is not one ODK Collect shows, so "
        "fieldapp cannot either. Use input, select1, select, odk:rank, range, trigger or "
        "upload.",
        "es": "{file}: {where}: el control <{control}> no es uno de los que muestra ODK "
        "Collect, y fieldapp tampoco. Use input, select1, select, odk:rank, range, trigger "
        "o upload.",
    },
    "xform.itemset_unsupported": {
        "en": "{file}: {where}: the choices come from '{nodeset}'; fieldapp reads choices "
        "from a secondary instance (instance('name')/root/item) only, not from the answers "
        "of a repeat. List the choices in a secondary instance instead.",
        "es": "{file}: {where}: las opciones vienen de '{nodeset}'; fieldapp solo lee "
        "opciones de una instancia secundaria (instance('nombre')/root/item), no de las "
        "respuestas de una repetición. Ponga las opciones en una instancia secundaria.",
    },
    "xform.unknown_instance": {
        "en": "{file}: {where}: the choices come from instance('{instance}'), which the form "
        'does not declare. Add an <instance id="{instance}"> to the model.',
        "es": "{file}: {where}: las opciones vienen de instance('{instance}'), que el "
        'formulario no declara. Añada un <instance id="{instance}"> al modelo.',
    },
    "xform.attachment_missing": {
        "en": "{file}: the form reads the file '{attachment}' (instance '{instance}'), but it "
        "is not beside the form. Download the form's attachments from ODK Central and put "
        "them in the same folder as the form.",
        "es": "{file}: el formulario lee el archivo '{attachment}' (instancia '{instance}'), "
        "pero no está junto al formulario. Descargue los adjuntos del formulario desde ODK "
        "Central y póngalos en la misma carpeta que el formulario.",
    },
    "xform.attachment_invalid": {
        "en": "{file}: the attached file '{attachment}' (instance '{instance}') cannot be "
        "read: {reason}. Export it again (CSV in UTF-8, GeoJSON as a FeatureCollection, XML "
        "well formed).",
        "es": "{file}: el archivo adjunto '{attachment}' (instancia '{instance}') no se "
        "puede leer: {reason}. Expórtelo de nuevo (CSV en UTF-8, GeoJSON como "
        "FeatureCollection, XML bien formado).",
    },
    "xform.attachment_unsupported": {
        "en": "{file}: the form reads '{attachment}' (instance '{instance}'), a kind of file "
        "fieldapp cannot read as data. ODK reads CSV, GeoJSON and XML attachments as "
        "secondary instances.",
        "es": "{file}: el formulario lee '{attachment}' (instancia '{instance}'), un tipo de "
        "archivo que fieldapp no sabe leer como datos. ODK lee adjuntos CSV, GeoJSON y XML "
        "como instancias secundarias.",
    },
    "xform.too_deep": {
        "en": "{file}: the form nests groups more than {limit} deep ('{path}'). No person can "
        "follow that; flatten the groups.",
        "es": "{file}: el formulario anida grupos a más de {limit} niveles ('{path}'). Nadie "
        "puede seguir eso; reduzca el anidamiento.",
    },
    "xform.unknown_event": {
        "en": "{file}: {where}: an action listens for the event '{event}', which ODK does not "
        "know. Use odk-instance-first-load, odk-new-repeat or xforms-value-changed.",
        "es": "{file}: {where}: una acción espera el evento '{event}', que ODK no conoce. Use "
        "odk-instance-first-load, odk-new-repeat o xforms-value-changed.",
    },
    "xform.new_repeat_in_model": {
        "en": "{file}: {where}: a <setvalue> in the <model> waits for odk-new-repeat, which "
        "only happens inside a repeat. Move the action into the <repeat> of the body.",
        "es": "{file}: {where}: un <setvalue> del <model> espera odk-new-repeat, que solo "
        "ocurre dentro de una repetición. Mueva la acción al <repeat> del cuerpo.",
    },
    "xform.duplicate_node": {
        "en": "{file}: the primary instance has '{path}' twice, and it is not a repeat. "
        "Rename one of the nodes, or make them a repeat.",
        "es": "{file}: la instancia principal tiene '{path}' dos veces y no es una repetición. "
        "Cambie el nombre de uno de los nodos, o conviértalos en repetición.",
    },
    "xform.bad_range": {
        "en": "{file}: {where}: the range's {attribute} is '{value}', which is not a number. "
        "Give start, end and step as numbers.",
        "es": "{file}: {where}: el {attribute} del rango es '{value}', que no es un número. "
        "Indique start, end y step como números.",
    },
    "xform.instances_written": {
        "en": "{count, plural, one {# interview written} other {# interviews written}} as "
        "instance XML in {folder}",
        "es": "{count, plural, one {# entrevista escrita} other {# entrevistas escritas}} como "
        "XML de instancia en {folder}",
    },
    "xform.instance_skipped": {
        "en": "left out: {reason}",
        "es": "omitida: {reason}",
    },
    "xform.bad_public_key": {
        "en": "{file}: the <submission> base64RsaPublicKey cannot seal interviews ({reason}), "
        "so none of this form's interviews could be finalized. Give the form the key printed "
        "by 'fieldapp keys new' (or ODK Central's), whole.",
        "es": "{file}: la base64RsaPublicKey de <submission> no sirve para sellar entrevistas "
        "({reason}), así que ninguna entrevista de este formulario podría finalizarse. Dé al "
        "formulario la clave completa que imprime 'fieldapp keys new' (o la de ODK Central).",
    },
}
