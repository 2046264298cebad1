<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>Errors</name>
    <message>
        <location filename="../fieldapp/ui/errors.py" line="29" />
        <location filename="../fieldapp/ui/errors.py" line="75" />
        <source>fieldapp</source>
        <translation>fieldapp</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="128" />
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="130" />
        <source>More questions</source>
        <translation>Más preguntas</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="365" />
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="371" />
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="375" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="389" />
        <source>Add %1</source>
        <translation>Agregar %1</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="706" />
        <source>does not apply</source>
        <translation>no aplica</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="709" />
        <source>%1 of %2 answered</source>
        <translation>%1 de %2 respondidas</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="715" />
        <source>1 required missing</source>
        <translation>falta 1 obligatoria</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="717" />
        <source>%1 required missing</source>
        <translation>faltan %1 obligatorias</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="721" />
        <source>1 to fix</source>
        <translation>1 por corregir</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="723" />
        <source>%1 to fix</source>
        <translation>%1 por corregir</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="751" />
        <source>Previous section</source>
        <translation>Sección anterior</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="752" />
        <source>Next section</source>
        <translation>Sección siguiente</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/form_view.py" line="776" />
        <source>This section does not apply to this interview.</source>
        <translation>Esta sección no aplica a esta entrevista.</translation>
    </message>
</context>
<context>
    <name>InterviewWindow</name>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="167" />
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="168" />
        <source>&amp;Finalize…</source>
        <translation>&amp;Finalizar…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="169" />
        <source>Check every answer and finalize (Ctrl+Enter)</source>
        <translation>Revisar todas las respuestas y finalizar (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="170" />
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="171" />
        <source>&amp;Reopen for editing</source>
        <translation>&amp;Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="172" />
        <source>Show &amp;problems</source>
        <translation>Mostrar &amp;problemas</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="173" />
        <source>&amp;Previous section</source>
        <translation>Sección &amp;anterior</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="174" />
        <source>&amp;Next section</source>
        <translation>Sección &amp;siguiente</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="175" />
        <source>&amp;Interview</source>
        <translation>&amp;Entrevista</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="176" />
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="177" />
        <source>Form language:</source>
        <translation>Idioma del formulario:</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="178" />
        <source>Problems to fix before finalizing</source>
        <translation>Problemas que corregir antes de finalizar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="180" />
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="181" />
        <source>Returned for changes</source>
        <translation>Devuelta para cambios</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="182" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="183" />
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="185" />
        <source>Interviewer %1 · %2</source>
        <translation>Entrevistador %1 · %2</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="189" />
        <source>Read only: this interview is %1.</source>
        <translation>Solo lectura: esta entrevista está %1.</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="194" />
        <source>Reopen for editing</source>
        <translation>Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="207" />
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="217" />
        <source>Saved as a revision %1</source>
        <translation>Guardado como revisión %1</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interview_window.py" line="260" />
        <source>Nothing to fix: press Ctrl+Enter to finalize.</source>
        <translation>Nada que corregir: pulse Ctrl+Intro para finalizar.</translation>
    </message>
</context>
<context>
    <name>InterviewsModel</name>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="39" />
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="40" />
        <source>Actor</source>
        <translation>Actor</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="41" />
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="42" />
        <source>Interviewer</source>
        <translation>Entrevistador</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="43" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="44" />
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="45" />
        <source>Last saved</source>
        <translation>Último guardado</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="58" />
        <source>Civil society</source>
        <translation>Sociedad civil</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="59" />
        <source>Government</source>
        <translation>Gobierno</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="60" />
        <source>Security forces</source>
        <translation>Fuerzas de seguridad</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="61" />
        <source>Key informant</source>
        <translation>Informante clave</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="65" />
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="66" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="67" />
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="68" />
        <source>Returned</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/interviews_model.py" line="217" />
        <source>Edited on two laptops: a supervisor must resolve it</source>
        <translation>Editada en dos portátiles: un supervisor debe resolverlo</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="216" />
        <location filename="../fieldapp/ui/main_window.py" line="298" />
        <source>fieldapp — interviews</source>
        <translation>fieldapp — entrevistas</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="217" />
        <source>Search interviews (Ctrl+F)</source>
        <translation>Buscar entrevistas (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="218" />
        <source>Interviewer</source>
        <translation>Entrevistador</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="219" />
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="220" />
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="222" />
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="223" />
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="225" />
        <source>&amp;New interview…</source>
        <translation>&amp;Nueva entrevista…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="226" />
        <source>&amp;Open interview</source>
        <translation>&amp;Abrir entrevista</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="227" />
        <source>&amp;Reopen for editing</source>
        <translation>&amp;Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="228" />
        <source>&amp;Open database…</source>
        <translation>A&amp;brir base de datos…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="229" />
        <source>New &amp;database…</source>
        <translation>Nueva base de &amp;datos…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="230" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="231" />
        <source>&amp;Refresh list</source>
        <translation>&amp;Actualizar lista</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="232" />
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="233" />
        <source>&amp;Clear filters</source>
        <translation>&amp;Quitar filtros</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="234" />
        <source>&amp;About fieldapp</source>
        <translation>&amp;Acerca de fieldapp</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="235" />
        <source>&amp;Export for analysis…</source>
        <translation>&amp;Exportar para análisis…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="236" />
        <source>&amp;Merge other laptops…</source>
        <translation>&amp;Combinar otros portátiles…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="237" />
        <source>&amp;Conflicts…</source>
        <translation>&amp;Conflictos…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="238" />
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="244" />
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="245" />
        <source>&amp;Interview</source>
        <translation>&amp;Entrevista</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="246" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="247" />
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="248" />
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="260" />
        <source>All cities</source>
        <translation>Todas las ciudades</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="261" />
        <source>All actors</source>
        <translation>Todos los actores</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="263" />
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="306" />
        <source>Open database</source>
        <translation>Abrir base de datos</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="308" />
        <source>fieldapp database (*.db);;All files (*)</source>
        <translation>Base de datos de fieldapp (*.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="316" />
        <source>New database</source>
        <translation>Nueva base de datos</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="318" />
        <source>fieldapp database (*.db)</source>
        <translation>Base de datos de fieldapp (*.db)</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="375" />
        <source>1 interview</source>
        <translation>1 entrevista</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="375" />
        <source>%1 interviews</source>
        <translation>%1 entrevistas</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="378" />
        <source>%1 of %2 interviews shown</source>
        <translation>%1 de %2 entrevistas mostradas</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="382" />
        <source>1 draft</source>
        <translation>1 borrador</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="382" />
        <source>%1 drafts</source>
        <translation>%1 borradores</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="383" />
        <source>%1 finalized</source>
        <translation>%1 finalizadas</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="505" />
        <source>About fieldapp</source>
        <translation>Acerca de fieldapp</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/main_window.py" line="506" />
        <source>fieldapp %1 — offline field interviews on XLSForms.</source>
        <translation>fieldapp %1 — entrevistas de campo sin conexión con XLSForms.</translation>
    </message>
</context>
<context>
    <name>NewInterviewDialog</name>
    <message>
        <location filename="../fieldapp/ui/new_interview.py" line="48" />
        <source>New interview</source>
        <translation>Nueva entrevista</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/new_interview.py" line="55" />
        <source>e.g. TJ-03</source>
        <translation>p. ej. TJ-03</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/new_interview.py" line="63" />
        <source>&amp;Form (actor):</source>
        <translation>&amp;Formulario (actor):</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/new_interview.py" line="64" />
        <source>&amp;City:</source>
        <translation>&amp;Ciudad:</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/new_interview.py" line="65" />
        <source>&amp;Interviewer code:</source>
        <translation>Código de &amp;entrevistador:</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/new_interview.py" line="69" />
        <source>Start interview</source>
        <translation>Empezar la entrevista</translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="86" />
        <source>Not answered</source>
        <translation>Sin responder</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="88" />
        <source>Set</source>
        <translation>Indicar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="90" />
        <location filename="../fieldapp/ui/pickers.py" line="165" />
        <location filename="../fieldapp/ui/pickers.py" line="216" />
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="210" />
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="211" />
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="212" />
        <source>Keep this order</source>
        <translation>Dejar este orden</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="279" />
        <source>Ranked</source>
        <translation>Ordenado</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="281" />
        <source>Not ranked yet</source>
        <translation>Aún sin ordenar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="304" />
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="305" />
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="361" />
        <location filename="../fieldapp/ui/pickers.py" line="406" />
        <source>Attach file…</source>
        <translation>Adjuntar archivo…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="363" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="380" />
        <source>Attach a file</source>
        <translation>Adjuntar un archivo</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="404" />
        <source>Replace…</source>
        <translation>Reemplazar…</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/pickers.py" line="411" />
        <source>No file attached</source>
        <translation>Ningún archivo adjunto</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/question_widgets.py" line="268" />
        <source>1 word</source>
        <translation>1 palabra</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/question_widgets.py" line="268" />
        <source>%1 words</source>
        <translation>%1 palabras</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/question_widgets.py" line="300" />
        <source>Clear answer</source>
        <translation>Borrar respuesta</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/question_widgets.py" line="402" />
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../fieldapp/ui/question_widgets.py" line="459" />
        <source>OK, understood</source>
        <translation>De acuerdo, entendido</translation>
    </message>
</context>
</TS>