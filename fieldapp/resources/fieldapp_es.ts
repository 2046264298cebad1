<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>Column</name>
    <message>
        <location filename="../ui/columns.py" line="19" />
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="20" />
        <source>Actor</source>
        <translation>Actor</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="21" />
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="22" />
        <source>Interviewer</source>
        <translation>Entrevistador</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="23" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="24" />
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="25" />
        <source>Last saved</source>
        <translation>Último guardado</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="26" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="27" />
        <source>Target (approved)</source>
        <translation>Meta (aprobadas)</translation>
    </message>
    <message>
        <location filename="../ui/columns.py" line="28" />
        <source>% of target</source>
        <translation>% de la meta</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../ui/dashboard.py" line="275" />
        <source>Progress — fieldapp</source>
        <translation>Avance — fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="278" />
        <source>Click a count to list those interviews; double-click a target to set how many approved interviews each city needs of each actor. F5 reads the figures again.</source>
        <translation>Haga clic en un número para ver esas entrevistas; haga doble clic en una meta para fijar cuántas entrevistas aprobadas necesita cada ciudad de cada actor. F5 vuelve a leer las cifras.</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="283" />
        <source>Per researcher</source>
        <translation>Por investigador</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="286" />
        <source>Researcher</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="287" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="288" />
        <source>Per working day</source>
        <translation>Por día de trabajo</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="289" />
        <source>Median minutes</source>
        <translation>Minutos (mediana)</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="290" />
        <source>Returned</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="291" />
        <source>Share returned</source>
        <translation>Proporción devuelta</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="296" />
        <source>Every city</source>
        <translation>Todas las ciudades</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="346" />
        <source>Interviews by state (approved / target)</source>
        <translation>Entrevistas por estado (aprobadas / meta)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../ui/errors.py" line="30" />
        <location filename="../ui/errors.py" line="89" />
        <source>fieldapp</source>
        <translation>fieldapp</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../ui/form_parts.py" line="383" />
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../ui/form_parts.py" line="389" />
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../ui/form_parts.py" line="393" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../ui/form_parts.py" line="409" />
        <source>Add %1</source>
        <translation>Agregar %1</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="531" />
        <source>does not apply</source>
        <translation>no aplica</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="573" />
        <source>Previous section</source>
        <translation>Sección anterior</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="574" />
        <source>Next section</source>
        <translation>Sección siguiente</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="609" />
        <source>This section does not apply to this interview.</source>
        <translation>Esta sección no aplica a esta entrevista.</translation>
    </message>
</context>
<context>
    <name>InterviewWindow</name>
    <message>
        <location filename="../ui/interview_window.py" line="199" />
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="200" />
        <source>&amp;Finalize…</source>
        <translation>&amp;Finalizar…</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="201" />
        <source>Check every answer and finalize (Ctrl+Enter)</source>
        <translation>Revisar todas las respuestas y finalizar (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="202" />
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="203" />
        <source>&amp;Reopen for editing</source>
        <translation>&amp;Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="204" />
        <source>Show &amp;problems</source>
        <translation>Mostrar &amp;problemas</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="205" />
        <source>&amp;Previous section</source>
        <translation>Sección &amp;anterior</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="206" />
        <source>&amp;Next section</source>
        <translation>Sección &amp;siguiente</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="207" />
        <source>&amp;Interview</source>
        <translation>&amp;Entrevista</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="208" />
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="209" />
        <source>Form language:</source>
        <translation>Idioma del formulario:</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="210" />
        <source>Problems to fix before finalizing</source>
        <translation>Problemas que corregir antes de finalizar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="212" />
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="213" />
        <source>Returned for changes</source>
        <translation>Devuelta para cambios</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="214" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="215" />
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="217" />
        <source>Interviewer %1 · %2</source>
        <translation>Entrevistador %1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="221" />
        <source>Read only: this interview is %1.</source>
        <translation>Solo lectura: esta entrevista está %1.</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="226" />
        <source>Reopen for editing</source>
        <translation>Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="247" />
        <source>NOT SAVED</source>
        <translation>NO GUARDADO</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="255" />
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="266" />
        <source>Saved as a revision %1</source>
        <translation>Guardado como revisión %1</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="335" />
        <source>Nothing to fix: press Ctrl+Enter to finalize.</source>
        <translation>Nada que corregir: pulse Ctrl+Intro para finalizar.</translation>
    </message>
</context>
<context>
    <name>InterviewsModel</name>
    <message>
        <location filename="../ui/interviews_model.py" line="58" />
        <source>Civil society</source>
        <translation>Sociedad civil</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="59" />
        <source>Government</source>
        <translation>Gobierno</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="60" />
        <source>Security forces</source>
        <translation>Fuerzas de seguridad</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="61" />
        <source>Key informant</source>
        <translation>Informante clave</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="65" />
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="66" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="67" />
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="68" />
        <source>Returned</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="287" />
        <source>Edited on two laptops: a supervisor must resolve it</source>
        <translation>Editada en dos computadoras: un supervisor debe resolverlo</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="165" />
        <source>fieldapp — interviews</source>
        <translation>fieldapp — entrevistas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="348" />
        <source>Search interviews (Ctrl+F)</source>
        <translation>Buscar entrevistas (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="353" />
        <source>Interviewer</source>
        <translation>Entrevistador</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="354" />
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="355" />
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="357" />
        <location filename="../ui/main_window.py" line="360" />
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="363" />
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="365" />
        <source>&amp;New interview…</source>
        <translation>&amp;Nueva entrevista…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="366" />
        <source>&amp;Open interview</source>
        <translation>&amp;Abrir entrevista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="367" />
        <source>&amp;Reopen for editing</source>
        <translation>&amp;Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="368" />
        <source>&amp;Open database…</source>
        <translation>A&amp;brir base de datos…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="369" />
        <source>New &amp;database…</source>
        <translation>Nueva base de &amp;datos…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="370" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="371" />
        <source>&amp;Refresh list</source>
        <translation>&amp;Actualizar lista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="372" />
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="373" />
        <source>&amp;Clear filters</source>
        <translation>&amp;Quitar filtros</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="374" />
        <source>&amp;About fieldapp</source>
        <translation>A&amp;cerca de fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="375" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="376" />
        <source>&amp;Export for analysis…</source>
        <translation>&amp;Exportar para análisis…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="377" />
        <source>&amp;Merge other laptops…</source>
        <translation>&amp;Fusionar otras computadoras…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="378" />
        <source>C&amp;onflicts…</source>
        <translation>&amp;Conflictos…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="379" />
        <source>Review &amp;queue…</source>
        <translation>&amp;Cola de revisión…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="380" />
        <source>&amp;Progress…</source>
        <translation>&amp;Avance…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="386" />
        <source>&amp;Follow the system</source>
        <translation>&amp;Según el sistema</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="390" />
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="391" />
        <source>&amp;Interview</source>
        <translation>&amp;Entrevista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="392" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="393" />
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="394" />
        <source>&amp;Review</source>
        <translation>&amp;Revisión</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="395" />
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="420" />
        <source>All cities</source>
        <translation>Todas las ciudades</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="421" />
        <source>All actors</source>
        <translation>Todos los actores</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="422" />
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="477" />
        <source>Open database</source>
        <translation>Abrir base de datos</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="479" />
        <source>fieldapp database (*.db);;All files (*)</source>
        <translation>Base de datos de fieldapp (*.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="489" />
        <source>New database</source>
        <translation>Nueva base de datos</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="491" />
        <source>fieldapp database (*.db)</source>
        <translation>Base de datos de fieldapp (*.db)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="611" />
        <source>No interviews yet.
Start one with New interview (Ctrl+N).</source>
        <translation>Aún no hay entrevistas.
Empiece una con Nueva entrevista (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="613" />
        <source>No interview matches these filters.
Clear filters (Ctrl+Shift+L).</source>
        <translation>Ninguna entrevista coincide con estos filtros.
Quitar filtros (Ctrl+Shift+L).</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="878" />
        <source>Next / previous question</source>
        <translation>Pregunta siguiente / anterior</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="879" />
        <source>Previous / next section</source>
        <translation>Sección anterior / siguiente</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="882" />
        <source>Save a revision (answers are saved as you type anyway)</source>
        <translation>Guardar una revisión (las respuestas ya se guardan mientras escribe)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="884" />
        <source>Finalize, or list what is left to fix</source>
        <translation>Finalizar, o ver lo que falta corregir</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="885" />
        <source>Show the problems</source>
        <translation>Mostrar los problemas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="887" />
        <source>Close the interview or the desk</source>
        <translation>Cerrar la entrevista o el escritorio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="898" />
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="907" />
        <source>About fieldapp</source>
        <translation>Acerca de fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="908" />
        <source>fieldapp %1 — offline field interviews on XLSForms.</source>
        <translation>fieldapp %1 — entrevistas de campo sin conexión con XLSForms.</translation>
    </message>
</context>
<context>
    <name>NewInterviewDialog</name>
    <message>
        <location filename="../ui/new_interview.py" line="82" />
        <source>New interview</source>
        <translation>Nueva entrevista</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="98" />
        <source>e.g. TJ03</source>
        <translation>p. ej. TJ03</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="106" />
        <source>&amp;Form (actor):</source>
        <translation>&amp;Formulario (actor):</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="108" />
        <source>&amp;City:</source>
        <translation>&amp;Ciudad:</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="109" />
        <source>&amp;Interviewer code:</source>
        <translation>Código de &amp;entrevistador:</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="113" />
        <source>Start interview</source>
        <translation>Empezar la entrevista</translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message>
        <location filename="../ui/pickers.py" line="98" />
        <source>Not answered</source>
        <translation>Sin responder</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="102" />
        <source>Set</source>
        <translation>Indicar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="105" />
        <location filename="../ui/pickers.py" line="181" />
        <location filename="../ui/pickers.py" line="229" />
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="221" />
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="222" />
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="224" />
        <source>Keep this order</source>
        <translation>Dejar este orden</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="298" />
        <source>Ranked</source>
        <translation>Ordenado</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="300" />
        <source>Not ranked yet</source>
        <translation>Aún sin ordenar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="321" />
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="322" />
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="428" />
        <location filename="../ui/pickers.py" line="486" />
        <source>Attach file…</source>
        <translation>Adjuntar archivo…</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="432" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="435" />
        <location filename="../ui/pickers.py" line="572" />
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="458" />
        <source>Attach a file</source>
        <translation>Adjuntar un archivo</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="484" />
        <source>Replace…</source>
        <translation>Reemplazar…</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="491" />
        <source>No file attached</source>
        <translation>Ningún archivo adjunto</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="556" />
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="398" />
        <source>Clear answer</source>
        <translation>Borrar respuesta</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="403" />
        <source>No choices yet: they depend on earlier answers.</source>
        <translation>Aún no hay opciones: dependen de respuestas anteriores.</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="505" />
        <location filename="../ui/question_widgets.py" line="511" />
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="562" />
        <source>OK, understood</source>
        <translation>De acuerdo, entendido</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../ui/review_view.py" line="290" />
        <source>Review queue — fieldapp</source>
        <translation>Cola de revisión — fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="291" />
        <source>Search interviews</source>
        <translation>Buscar entrevistas</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="292" />
        <source>Interviewer</source>
        <translation>Entrevistador</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="293" />
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="294" />
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="296" />
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="297" />
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="298" />
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="299" />
        <source>Form language:</source>
        <translation>Idioma del formulario:</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="300" />
        <source>Open with the study key…</source>
        <translation>Abrir con la clave del estudio…</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="301" />
        <location filename="../ui/review_view.py" line="447" />
        <source>Pick an interview of the queue to review it.</source>
        <translation>Elija una entrevista de la cola para revisarla.</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="303" />
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="303" />
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="303" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="303" />
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="306" />
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="306" />
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="306" />
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="308" />
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="309" />
        <source>with</source>
        <translation>con</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="310" />
        <source>Comment on</source>
        <translation>Comentar sobre</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="311" />
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="312" />
        <source>Your name (needed to approve or return)</source>
        <translation>Su nombre (necesario para aprobar o devolver)</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="314" />
        <source>What must the researcher fix? (needed to return the interview)</source>
        <translation>¿Qué debe corregir el investigador? (necesario para devolver la entrevista)</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="316" />
        <source>Add comment</source>
        <translation>Agregar comentario</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="319" />
        <source>Comments added, sent when you return the interview (Delete or a double-click takes one back):</source>
        <translation>Comentarios agregados, se envían al devolver la entrevista (Supr o doble clic en uno para quitarlo):</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="323" />
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="324" />
        <source>Return to researcher</source>
        <translation>Devolver al investigador</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="326" />
        <source>All cities</source>
        <translation>Todas las ciudades</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="327" />
        <source>All actors</source>
        <translation>Todos los actores</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="471" />
        <source> · returned %1× before</source>
        <translation> · devuelta %1× antes</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="495" />
        <source>This interview is sealed for the study key: open it with the key.</source>
        <translation>Esta entrevista está sellada con la clave del estudio: ábrala con la clave.</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="523" />
        <source>The whole interview</source>
        <translation>La entrevista completa</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="680" />
        <source>comment</source>
        <translation>comentario</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="681" />
        <source>conflict resolved</source>
        <translation>conflicto resuelto</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="719" />
        <source>Delete or double-click to take this comment back</source>
        <translation>Supr o doble clic para retirar este comentario</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="793" />
        <source>Type your name as reviewer first.</source>
        <translation>Escriba primero su nombre como revisor.</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="795" />
        <source>Write what to fix first: a return needs a comment.</source>
        <translation>Escriba primero qué corregir: una devolución necesita un comentario.</translation>
    </message>
</context>
</TS>