"""A small XForm as ODK Central serves it (itext in two languages, an attached CSV, a
value-change setvalue, a repeat with only a template), for core and desktop tests."""

XFORM = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:jr="http://openrosa.org/javarosa"
  xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms">
  <h:head>
    <h:title>Sitios</h:title>
    <model odk:xforms-version="1.0.0">
      <itext>
        <translation lang="English (en)" default="true()">
          <text id="/data/name:label"><value>Your name?</value></text>
          <text id="/data/site:label"><value>Which site?</value></text>
          <text id="/data/greeting:label">
            <value>Hello <output value=" /data/name "/>!</value></text>
          <text id="/data/age:constraintMsg"><value>Too old</value></text>
        </translation>
        <translation lang="Español (es)">
          <text id="/data/name:label"><value>¿Su nombre?</value></text>
          <text id="/data/site:label"><value>¿Qué sitio?</value></text>
          <text id="/data/greeting:label">
            <value>¡Hola <output value=" /data/name "/>!</value></text>
          <text id="/data/age:constraintMsg"><value>Demasiado</value></text>
        </translation>
      </itext>
      <instance>
        <data id="sitios" version="2024061801">
          <name/>
          <age>30</age>
          <site/>
          <greeting/>
          <stamp/>
          <people jr:template=""><who/></people>
          <meta><instanceID/></meta>
        </data>
      </instance>
      <instance id="sites" src="jr://file-csv/sites.csv"/>
      <bind nodeset="/data/name" type="string" required="true()"/>
      <bind nodeset="/data/age" type="int" constraint=". &lt; 120"
        jr:constraintMsg="jr:itext('/data/age:constraintMsg')"/>
      <bind nodeset="/data/site" type="string"/>
      <bind nodeset="/data/greeting" type="string" readonly="true()"/>
      <bind nodeset="/data/stamp" type="string"/>
      <bind nodeset="/data/people/who" type="string"/>
      <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/data/name">
      <label ref="jr:itext('/data/name:label')"/>
      <setvalue event="xforms-value-changed" ref="/data/stamp" value="concat('seen ', ../name)"/>
    </input>
    <input ref="/data/age"><label>Age</label></input>
    <select1 ref="/data/site">
      <label ref="jr:itext('/data/site:label')"/>
      <itemset nodeset="instance('sites')/root/item[region != 'x']">
        <value ref="name"/><label ref="label"/>
      </itemset>
    </select1>
    <input ref="/data/greeting"><label ref="jr:itext('/data/greeting:label')"/></input>
    <group ref="/data/people">
      <label>People</label>
      <repeat nodeset="/data/people">
        <input ref="/data/people/who"><label>Who</label></input>
      </repeat>
    </group>
  </h:body>
</h:html>
"""
SITES = "name,label,region\ntj,Tijuana,n\ncj,Ciudad Juárez,n\nxx,Hidden,x\n"
