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
        <location filename="../ui/dashboard.py" line="279" />
        <source>Progress — fieldapp</source>
        <translation>Avance — fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="282" />
        <source>Click a count to list those interviews; double-click a target to set how many approved interviews each city needs of each actor. F5 reads the figures again.</source>
        <translation>Haga clic en un número para ver esas entrevistas; haga doble clic en una meta para fijar cuántas entrevistas aprobadas necesita cada ciudad de cada actor. F5 vuelve a leer las cifras.</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="287" />
        <source>Per researcher</source>
        <translation>Por investigador</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="290" />
        <source>Researcher</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="291" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="292" />
        <source>Per working day</source>
        <translation>Por día de trabajo</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="293" />
        <source>Median minutes</source>
        <translation>Minutos (mediana)</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="294" />
        <source>Returned</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="295" />
        <source>Share returned</source>
        <translation>Proporción devuelta</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="300" />
        <source>Every city</source>
        <translation>Todas las ciudades</translation>
    </message>
    <message>
        <location filename="../ui/dashboard.py" line="347" />
        <source>Interviews by state (approved / target)</source>
        <translation>Entrevistas por estado (aprobadas / meta)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../ui/errors.py" line="28" />
        <location filename="../ui/errors.py" line="76" />
        <source>fieldapp</source>
        <translation>fieldapp</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../ui/form_parts.py" line="374" />
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../ui/form_parts.py" line="380" />
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../ui/form_parts.py" line="384" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../ui/form_parts.py" line="400" />
        <source>Add %1</source>
        <translation>Agregar %1</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="530" />
        <source>does not apply</source>
        <translation>no aplica</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="533" />
        <source>%1 of %2 answered</source>
        <translation>%1 de %2 respondidas</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="539" />
        <source>1 required missing</source>
        <translation>falta 1 obligatoria</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="541" />
        <source>%1 required missing</source>
        <translation>faltan %1 obligatorias</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="545" />
        <source>1 to fix</source>
        <translation>1 por corregir</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="547" />
        <source>%1 to fix</source>
        <translation>%1 por corregir</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="582" />
        <source>Previous section</source>
        <translation>Sección anterior</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="583" />
        <source>Next section</source>
        <translation>Sección siguiente</translation>
    </message>
    <message>
        <location filename="../ui/form_view.py" line="618" />
        <source>This section does not apply to this interview.</source>
        <translation>Esta sección no aplica a esta entrevista.</translation>
    </message>
</context>
<context>
    <name>InterviewWindow</name>
    <message>
        <location filename="../ui/interview_window.py" line="205" />
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="206" />
        <source>&amp;Finalize…</source>
        <translation>&amp;Finalizar…</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="207" />
        <source>Check every answer and finalize (Ctrl+Enter)</source>
        <translation>Revisar todas las respuestas y finalizar (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="208" />
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="209" />
        <source>&amp;Reopen for editing</source>
        <translation>&amp;Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="210" />
        <source>Show &amp;problems</source>
        <translation>Mostrar &amp;problemas</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="211" />
        <source>&amp;Previous section</source>
        <translation>Sección &amp;anterior</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="212" />
        <source>&amp;Next section</source>
        <translation>Sección &amp;siguiente</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="213" />
        <source>&amp;Interview</source>
        <translation>&amp;Entrevista</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="214" />
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="215" />
        <source>Form language:</source>
        <translation>Idioma del formulario:</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="216" />
        <source>Problems to fix before finalizing</source>
        <translation>Problemas que corregir antes de finalizar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="218" />
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="219" />
        <source>Returned for changes</source>
        <translation>Devuelta para cambios</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="220" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="221" />
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="223" />
        <source>Interviewer %1 · %2</source>
        <translation>Entrevistador %1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="227" />
        <source>Read only: this interview is %1.</source>
        <translation>Solo lectura: esta entrevista está %1.</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="232" />
        <source>Reopen for editing</source>
        <translation>Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="249" />
        <source>NOT SAVED</source>
        <translation>NO GUARDADO</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="256" />
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="267" />
        <source>Saved as a revision %1</source>
        <translation>Guardado como revisión %1</translation>
    </message>
    <message>
        <location filename="../ui/interview_window.py" line="336" />
        <source>Nothing to fix: press Ctrl+Enter to finalize.</source>
        <translation>Nada que corregir: pulse Ctrl+Intro para finalizar.</translation>
    </message>
</context>
<context>
    <name>InterviewsModel</name>
    <message>
        <location filename="../ui/interviews_model.py" line="66" />
        <source>Civil society</source>
        <translation>Sociedad civil</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="67" />
        <source>Government</source>
        <translation>Gobierno</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="68" />
        <source>Security forces</source>
        <translation>Fuerzas de seguridad</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="69" />
        <source>Key informant</source>
        <translation>Informante clave</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="73" />
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="74" />
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="75" />
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="76" />
        <source>Returned</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <location filename="../ui/interviews_model.py" line="262" />
        <source>Edited on two laptops: a supervisor must resolve it</source>
        <translation>Editada en dos computadoras: un supervisor debe resolverlo</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="294" />
        <source>fieldapp — interviews</source>
        <translation>fieldapp — entrevistas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="472" />
        <source>Search interviews (Ctrl+F)</source>
        <translation>Buscar entrevistas (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="477" />
        <source>Interviewer</source>
        <translation>Entrevistador</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="478" />
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="479" />
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="481" />
        <location filename="../ui/main_window.py" line="484" />
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="487" />
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="489" />
        <source>&amp;New interview…</source>
        <translation>&amp;Nueva entrevista…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="490" />
        <source>&amp;Open interview</source>
        <translation>&amp;Abrir entrevista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="491" />
        <source>&amp;Reopen for editing</source>
        <translation>&amp;Reabrir para editar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="492" />
        <source>&amp;Open database…</source>
        <translation>A&amp;brir base de datos…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="493" />
        <source>New &amp;database…</source>
        <translation>Nueva base de &amp;datos…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="494" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="495" />
        <source>&amp;Refresh list</source>
        <translation>&amp;Actualizar lista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="496" />
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="497" />
        <source>&amp;Clear filters</source>
        <translation>&amp;Quitar filtros</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="498" />
        <source>&amp;About fieldapp</source>
        <translation>&amp;Acerca de fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="499" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="500" />
        <source>&amp;Export for analysis…</source>
        <translation>&amp;Exportar para análisis…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="501" />
        <source>&amp;Merge other laptops…</source>
        <translation>&amp;Fusionar otras computadoras…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="502" />
        <source>&amp;Conflicts…</source>
        <translation>&amp;Conflictos…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="503" />
        <source>Review &amp;queue…</source>
        <translation>&amp;Cola de revisión…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="504" />
        <source>&amp;Progress…</source>
        <translation>&amp;Avance…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="506" />
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="512" />
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="513" />
        <source>&amp;Interview</source>
        <translation>&amp;Entrevista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="514" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="515" />
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="516" />
        <source>&amp;Review</source>
        <translation>&amp;Revisión</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="517" />
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="538" />
        <source>All cities</source>
        <translation>Todas las ciudades</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="539" />
        <source>All actors</source>
        <translation>Todos los actores</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="541" />
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="590" />
        <source>Open database</source>
        <translation>Abrir base de datos</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="592" />
        <source>fieldapp database (*.db);;All files (*)</source>
        <translation>Base de datos de fieldapp (*.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="600" />
        <source>New database</source>
        <translation>Nueva base de datos</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="602" />
        <source>fieldapp database (*.db)</source>
        <translation>Base de datos de fieldapp (*.db)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="659" />
        <source>1 interview</source>
        <translation>1 entrevista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="659" />
        <source>%1 interviews</source>
        <translation>%1 entrevistas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="662" />
        <source>%1 of %2 interviews shown</source>
        <translation>%1 de %2 entrevistas mostradas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="666" />
        <source>1 draft</source>
        <translation>1 borrador</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="666" />
        <source>%1 drafts</source>
        <translation>%1 borradores</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="667" />
        <source>%1 finalized</source>
        <translation>%1 finalizadas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="671" />
        <source>%1 returned</source>
        <translation>%1 devueltas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="672" />
        <source>%1 approved</source>
        <translation>%1 aprobadas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="682" />
        <source>No interviews yet.
Start one with New interview (Ctrl+N).</source>
        <translation>Aún no hay entrevistas.
Empiece una con Nueva entrevista (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="684" />
        <source>No interview matches these filters.
Clear filters (Ctrl+Shift+L).</source>
        <translation>Ninguna entrevista coincide con estos filtros.
Quitar filtros (Ctrl+Shift+L).</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="741" />
        <source>Drafts passphrase</source>
        <translation>Frase de contraseña de borradores</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="744" />
        <source>This form protects its interviews. Choose a passphrase for the drafts on this laptop (at least 10 characters); you will type it once each time fieldapp starts:</source>
        <translation>Este formulario protege sus entrevistas. Elija una frase de contraseña para los borradores en esta computadora (al menos 10 caracteres); la escribirá una vez cada vez que inicie fieldapp:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="749" />
        <source>Type the drafts passphrase of this laptop:</source>
        <translation>Escriba la frase de contraseña de borradores de esta computadora:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="756" />
        <source>Type it again:</source>
        <translation>Escríbala de nuevo:</translation>
    </message>
    <message>
        <source>New interview</source>
        <translation>Nueva entrevista</translation>
    </message>
    <message>
        <source>Open the selected interview</source>
        <translation>Abrir la entrevista seleccionada</translation>
    </message>
    <message>
        <source>Reopen a finalized interview for editing</source>
        <translation>Reabrir una entrevista finalizada para editarla</translation>
    </message>
    <message>
        <source>Search the list</source>
        <translation>Buscar en la lista</translation>
    </message>
    <message>
        <source>Clear the filters</source>
        <translation>Quitar los filtros</translation>
    </message>
    <message>
        <source>Open / create a database</source>
        <translation>Abrir / crear una base de datos</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="910" />
        <source>Next / previous question</source>
        <translation>Pregunta siguiente / anterior</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="911" />
        <source>Previous / next section</source>
        <translation>Sección anterior / siguiente</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="914" />
        <source>Save a revision (answers are saved as you type anyway)</source>
        <translation>Guardar una revisión (las respuestas ya se guardan mientras escribe)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="916" />
        <source>Finalize, or list what is left to fix</source>
        <translation>Finalizar, o ver lo que falta corregir</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="917" />
        <source>Show the problems</source>
        <translation>Mostrar los problemas</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="919" />
        <source>Close the interview</source>
        <translation>Cerrar la entrevista</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="928" />
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="935" />
        <source>About fieldapp</source>
        <translation>Acerca de fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="936" />
        <source>fieldapp %1 — offline field interviews on XLSForms.</source>
        <translation>fieldapp %1 — entrevistas de campo sin conexión con XLSForms.</translation>
    </message>
</context>
<context>
    <name>NewInterviewDialog</name>
    <message>
        <location filename="../ui/new_interview.py" line="81" />
        <source>New interview</source>
        <translation>Nueva entrevista</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="97" />
        <source>e.g. TJ03</source>
        <translation>p. ej. TJ03</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="105" />
        <source>&amp;Form (actor):</source>
        <translation>&amp;Formulario (actor):</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="107" />
        <source>&amp;City:</source>
        <translation>&amp;Ciudad:</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="108" />
        <source>&amp;Interviewer code:</source>
        <translation>Código de &amp;entrevistador:</translation>
    </message>
    <message>
        <location filename="../ui/new_interview.py" line="112" />
        <source>Start interview</source>
        <translation>Empezar la entrevista</translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message>
        <location filename="../ui/pickers.py" line="107" />
        <source>Not answered</source>
        <translation>Sin responder</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="111" />
        <source>Set</source>
        <translation>Indicar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="114" />
        <location filename="../ui/pickers.py" line="189" />
        <location filename="../ui/pickers.py" line="239" />
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="231" />
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="232" />
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="234" />
        <source>Keep this order</source>
        <translation>Dejar este orden</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="308" />
        <source>Ranked</source>
        <translation>Ordenado</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="310" />
        <source>Not ranked yet</source>
        <translation>Aún sin ordenar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="333" />
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="334" />
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="443" />
        <location filename="../ui/pickers.py" line="500" />
        <source>Attach file…</source>
        <translation>Adjuntar archivo…</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="446" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="449" />
        <location filename="../ui/pickers.py" line="586" />
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="472" />
        <source>Attach a file</source>
        <translation>Adjuntar un archivo</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="498" />
        <source>Replace…</source>
        <translation>Reemplazar…</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="505" />
        <source>No file attached</source>
        <translation>Ningún archivo adjunto</translation>
    </message>
    <message>
        <location filename="../ui/pickers.py" line="570" />
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="301" />
        <source>1 word</source>
        <translation>1 palabra</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="301" />
        <source>%1 words</source>
        <translation>%1 palabras</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="334" />
        <source>Clear answer</source>
        <translation>Borrar respuesta</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="345" />
        <source>No choices yet: they depend on earlier answers.</source>
        <translation>Aún no hay opciones: dependen de respuestas anteriores.</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="448" />
        <location filename="../ui/question_widgets.py" line="454" />
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../ui/question_widgets.py" line="510" />
        <source>OK, understood</source>
        <translation>De acuerdo, entendido</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../ui/review_view.py" line="270" />
        <source>Review queue — fieldapp</source>
        <translation>Cola de revisión — fieldapp</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="271" />
        <source>Search interviews</source>
        <translation>Buscar entrevistas</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="272" />
        <source>Interviewer</source>
        <translation>Entrevistador</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="273" />
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="274" />
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="276" />
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="277" />
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="278" />
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="279" />
        <source>Form language:</source>
        <translation>Idioma del formulario:</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="280" />
        <source>Open with the study key…</source>
        <translation>Abrir con la clave del estudio…</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="281" />
        <location filename="../ui/review_view.py" line="422" />
        <source>Pick an interview of the queue to review it.</source>
        <translation>Elija una entrevista de la cola para revisarla.</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="283" />
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="283" />
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="283" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="283" />
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="286" />
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="286" />
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="286" />
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="288" />
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="289" />
        <source>with</source>
        <translation>con</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="290" />
        <source>Comment on</source>
        <translation>Comentar sobre</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="291" />
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="292" />
        <source>Your name (needed to approve or return)</source>
        <translation>Su nombre (necesario para aprobar o devolver)</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="294" />
        <source>What must the researcher fix? (needed to return the interview)</source>
        <translation>¿Qué debe corregir el investigador? (necesario para devolver la entrevista)</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="296" />
        <source>Add comment</source>
        <translation>Agregar comentario</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="299" />
        <source>Comments added, sent when you return the interview (double-click one to take it back):</source>
        <translation>Comentarios agregados, se envían al devolver la entrevista (doble clic en uno para quitarlo):</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="303" />
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="304" />
        <source>Return to researcher</source>
        <translation>Devolver al investigador</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="307" />
        <source>All cities</source>
        <translation>Todas las ciudades</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="311" />
        <source>All actors</source>
        <translation>Todos los actores</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="373" />
        <source>1 interview waits for review</source>
        <translation>1 entrevista espera revisión</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="375" />
        <source>%1 interviews wait for review</source>
        <translation>%1 entrevistas esperan revisión</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="446" />
        <source> · returned %1× before</source>
        <translation> · devuelta %1× antes</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="464" />
        <source>This interview is sealed for the study key: open it with the key.</source>
        <translation>Esta entrevista está sellada con la clave del estudio: ábrala con la clave.</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="474" />
        <location filename="../ui/review_view.py" line="480" />
        <source>Study private key</source>
        <translation>Clave privada del estudio</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="474" />
        <source>Private key (*.pem);;All files (*)</source>
        <translation>Clave privada (*.pem);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="481" />
        <source>Passphrase of the private key:</source>
        <translation>Frase de contraseña de la clave privada:</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="520" />
        <source>The whole interview</source>
        <translation>La entrevista completa</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="600" />
        <source>comment</source>
        <translation>comentario</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="601" />
        <source>conflict resolved</source>
        <translation>conflicto resuelto</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="639" />
        <source>Double-click to take this comment back</source>
        <translation>Doble clic para retirar este comentario</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="718" />
        <source>Type your name as reviewer first.</source>
        <translation>Escriba primero su nombre como revisor.</translation>
    </message>
    <message>
        <location filename="../ui/review_view.py" line="720" />
        <source>Write what to fix first: a return needs a comment.</source>
        <translation>Escriba primero qué corregir: una devolución necesita un comentario.</translation>
    </message>
</context>
</TS>