"""Read an ODK XForm (the XML ODK Central serves and Collect reads) into ``model.Form``.

The same typed tree an XLSForm gives, so every screen, the store, merge and export treat
both alike. What maps to what:

- the primary instance gives the tree: a node with children is a group, one a body
  ``<repeat>`` names (or with ``jr:template``) a repeat (its copies are not elements),
  a leaf a question; its text is the question's literal default;
- a question's type comes from its body control and its bind's ``type`` (``<input>`` of
  ``int`` is an integer, ``select1`` a select_one, ``odk:rank`` a rank...); a node with
  no control is a calculate, hidden or metadata (``jr:preload``) field, as pyxform
  writes them;
- binds give relevant, required, constraint, calculate and readonly, compiled once, and
  ``jr:constraintMsg``/``jr:requiredMsg`` (literal or ``jr:itext``);
- ``<label>``, ``<hint>`` and ``jr:itext`` give the texts per language; ``<output>``
  becomes a ``${name}`` output with its expression in ``label_references``; media forms
  (image, audio, video) go to ``columns['media']``;
- itemsets over ``instance('id')/root/item`` (inline, CSV, GeoJSON or XML) and inline
  ``<item>``s give the choice lists, a predicate the choice filter, ``randomize()`` the
  randomize parameter and its seed;
- actions: ``setvalue`` on ``odk-instance-first-load``/``odk-new-repeat`` is a default
  (dynamic when it has a ``value``), on ``xforms-value-changed`` inside a control a
  triggered calculation (XLSForm's ``trigger``); ``odk:setgeopoint`` at first load is a
  ``start-geopoint``, ``odk:recordaudio`` a ``background-audio`` (a laptop leaves both
  blank).

Every problem found is collected, so ``fieldapp forms check`` lists them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element as XmlElement

from fieldapp.core.forms import model
from fieldapp.core.forms.attached import (
    DataNode,
    SecondaryError,
    from_xml,
    qualified,
    read_attachment,
)
from fieldapp.core.forms.pyxform_stages import FormError
from fieldapp.core.forms.xform_refs import (
    ITEMSET,
    ITEXT,
    absolute,
    close_randomize,
    is_number,
    nodes_at,
    seed_reference,
    split_predicates,
)
from fieldapp.core.forms.xform_texts import XF, Translations
from fieldapp.core.forms.xpath import Expression, XPathError, compile_expression
from fieldapp.core.messages import FieldappError

__all__ = ["is_xml", "load_xform"]

JR = "{http://openrosa.org/javarosa}"
H = "{http://www.w3.org/1999/xhtml}"
_T = model.QuestionType
MAX_DEPTH = 100
"""Deepest nesting of groups read; deeper forms are refused with one line."""

_TYPES: Mapping[str, model.QuestionType] = {
    "string": _T.TEXT,
    "xsd:string": _T.TEXT,
    "int": _T.INTEGER,
    "integer": _T.INTEGER,
    "xsd:int": _T.INTEGER,
    "xsd:integer": _T.INTEGER,
    "decimal": _T.DECIMAL,
    "xsd:decimal": _T.DECIMAL,
    "double": _T.DECIMAL,
    "date": _T.DATE,
    "xsd:date": _T.DATE,
    "time": _T.TIME,
    "xsd:time": _T.TIME,
    "dateTime": _T.DATETIME,
    "xsd:dateTime": _T.DATETIME,
    "geopoint": _T.GEOPOINT,
    "geotrace": _T.GEOTRACE,
    "geoshape": _T.GEOSHAPE,
    "barcode": _T.BARCODE,
    "binary": _T.FILE,
    "boolean": _T.TEXT,
    "xsd:boolean": _T.TEXT,
    "select": _T.TEXT,
    "select1": _T.TEXT,
    "odk:rank": _T.TEXT,
    "intent": _T.TEXT,
}
_PRELOADS: Mapping[str, model.QuestionType] = {
    "timestamp start": _T.START,
    "timestamp end": _T.END,
    "date today": _T.TODAY,
    "property deviceid": _T.DEVICEID,
    "property uri:deviceid": _T.DEVICEID,
    "property username": _T.USERNAME,
    "property uri:username": _T.USERNAME,
    "property phonenumber": _T.PHONENUMBER,
    "property uri:phonenumber": _T.PHONENUMBER,
    "property subscriberid": _T.SUBSCRIBERID,
    "property uri:subscriberid": _T.SUBSCRIBERID,
    "property simserial": _T.SIMSERIAL,
    "property uri:simserial": _T.SIMSERIAL,
    "property email": _T.EMAIL,
    "property uri:email": _T.EMAIL,
}
_LOAD_EVENTS = frozenset(
    {"odk-instance-first-load", "odk-new-repeat", "xforms-ready", "odk-instance-load"}
)
_EVENTS = _LOAD_EVENTS | {"xforms-value-changed"}
_SELECTS = {
    "select1": _T.SELECT_ONE,
    "select": _T.SELECT_MULTIPLE,
    "odk:rank": _T.RANK,
    "rank": _T.RANK,
}
_FROM_FILE = {
    _T.SELECT_ONE: _T.SELECT_ONE_FROM_FILE,
    _T.SELECT_MULTIPLE: _T.SELECT_MULTIPLE_FROM_FILE,
}
_CONTROLS = frozenset(
    {"input", "select1", "select", "odk:rank", "rank", "range", "trigger", "upload"}
)
_CONTROLS_AS_TEXT = frozenset({"secret", "textarea"})
_CONTROL_ATTRIBUTES = frozenset({"ref", "nodeset", "appearance", "mediatype", "bind"})
_BIND_KNOWN = frozenset(
    {"nodeset", "ref", "type", *(attribute for attribute, _ in model.BIND_EXPRESSIONS)}
    | {"jr:constraintMsg", "jr:requiredMsg", "jr:preload", "jr:preloadParams"}
)


def is_xml(content: bytes) -> bool:
    """Whether ``content`` looks like an XML document (what an XForm file is)."""
    return content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def load_xform(content: bytes, shown: str, read_file: Callable[[str], bytes | None]) -> model.Form:
    """Read the XForm ``content``; ``read_file`` gives its attached files by name.

    Raises ``FormError`` listing every problem found."""
    root, prefixes = _parse(content, shown)
    form = _Reader(shown, read_file).read(root)
    namespaces = {prefix: uri for uri, prefix in prefixes.items()}
    return dataclasses.replace(form, settings={**form.settings, "namespaces": namespaces})


def _parse(content: bytes, shown: str) -> tuple[XmlElement, dict[str, str]]:
    """Return the document's root and each namespace's prefix as the document writes it."""
    import io

    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    # One pass gives the tree and the namespace declarations (each namespace's first
    # non-empty prefix) as the document writes them.
    prefixes: dict[str, str] = {}
    try:
        parsing = ElementTree.iterparse(io.BytesIO(content), events=("start-ns",))
        for _, (prefix, uri) in parsing:
            if prefix and uri != XF[1:-1]:
                prefixes.setdefault(uri, prefix)
        root = parsing.root
    except ElementTree.ParseError as error:
        line = getattr(error, "position", (0, 0))[0]
        reason = str(error).split(":")[0]
        raise FormError(
            [FieldappError("xform.not_xml", file=shown, line=line, reason=reason)]
        ) from None
    except DefusedXmlException:
        raise FormError(
            [FieldappError("xform.not_xml", file=shown, line=1, reason="entity declarations")]
        ) from None
    for element in root.iter():
        # Forms that declare no default namespace (older JavaRosa ones) read the same.
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = XF + element.tag
    head = root.find(f"{H}head")
    xml_model = head.find(f"{XF}model") if head is not None else None
    if root.tag != f"{H}html" or xml_model is None:
        raise FormError([FieldappError("xform.not_an_xform", file=shown, root=qualified(root.tag))])
    _name_instance_nodes(xml_model, prefixes)
    parsed: XmlElement = root
    return parsed, prefixes


def _name_instance_nodes(xml_model: XmlElement, prefixes: Mapping[str, str]) -> None:
    """Name the instances' nodes as the form's expressions do: ``orx2:meta`` when the form
    binds orx to ``orx2``, a plain name in the form's default namespace."""
    for instance in xml_model.findall(f"{XF}instance"):
        for node in instance.iter():
            if node is instance or not isinstance(node.tag, str) or not node.tag.startswith("{"):
                continue
            uri, local = node.tag[1:].split("}", 1)
            prefix = prefixes.get(uri)
            node.tag = f"{prefix}:{local}" if prefix else qualified(node.tag)


@dataclass
class _Control:
    tag: str
    xml: XmlElement


@dataclass
class _Reader:
    shown: str
    read_file: Callable[[str], bytes | None]
    problems: list[FieldappError] = field(default_factory=list)
    translations: Translations = field(default_factory=Translations)
    binds: dict[str, dict[str, str]] = field(default_factory=dict)
    controls: dict[str, _Control] = field(default_factory=dict)
    groups: dict[str, XmlElement] = field(default_factory=dict)
    repeats: dict[str, XmlElement] = field(default_factory=dict)
    first_load: dict[str, XmlElement] = field(default_factory=dict)
    triggers: dict[str, list[tuple[str, XmlElement]]] = field(default_factory=dict)
    geopoints: set[str] = field(default_factory=set)
    recordings: set[str] = field(default_factory=set)
    instances: dict[str, DataNode] = field(default_factory=dict)
    external: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    choice_lists: dict[str, model.ChoiceList] = field(default_factory=dict)
    paths: set[str] = field(default_factory=set)
    declarations: set[str] = field(default_factory=set)
    message_outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    bind_ids: dict[str, str] = field(default_factory=dict)

    # --- the document -------------------------------------------------------------------

    def read(self, html: XmlElement) -> model.Form:
        head = html.find(f"{H}head")
        assert head is not None
        xml_model = head.find(f"{XF}model")
        assert xml_model is not None
        title_element = head.find(f"{H}title")
        title = (title_element.text or "").strip() if title_element is not None else ""
        primary = self._instances(xml_model)
        self.translations = Translations.read(xml_model)
        for bind in xml_model.findall(f"{XF}bind"):
            attributes = {qualified(k): v for k, v in bind.attrib.items()}
            path = (attributes.get("nodeset") or attributes.get("ref") or "").strip()
            self.binds.setdefault(path, {}).update(attributes)
            if attributes.get("id"):
                self.bind_ids[attributes["id"]] = path
        self._actions(xml_model, "", in_body=False)
        body = html.find(f"{H}body")
        if body is not None:
            self._body(body, primary_path="/" + qualified(primary.tag))
        root = self._group(primary, "", "", 0, repeat=False)
        assert isinstance(root, model.Group)
        root = _with_instance_id(root)
        for path, control in self.controls.items():
            if path not in self.paths:
                self._problem("xform.control_without_node", control=control.tag, path=path)
        self._check_public_key(xml_model)
        if self.problems:
            raise FormError(self.problems)
        return self._form(root, primary, title, xml_model)

    def _check_public_key(self, xml_model: XmlElement) -> None:
        """Refuse a key that cannot seal now, not when the first interview is finalized."""
        from fieldapp.core.crypto import load_public_key

        submission = xml_model.find(f"{XF}submission")
        key = submission.get("base64RsaPublicKey") if submission is not None else None
        if key:
            try:
                load_public_key(key)
            except FieldappError as error:
                self._problem("xform.bad_public_key", reason=error.message)

    def _form(
        self, root: model.Group, primary: XmlElement, title: str, xml_model: XmlElement
    ) -> model.Form:
        instance_name: Expression | None = None
        for element in root.walk():
            if element.path == f"{root.path}/meta/instanceName":
                instance_name = element.bind.calculation
        submission = xml_model.find(f"{XF}submission")
        public_key = submission.get("base64RsaPublicKey") if submission is not None else None
        form_id = primary.get("id") or root.name
        version = primary.get("version") or ""
        settings: dict[str, Any] = {
            "name": root.name,
            "id_string": form_id,
            "title": title,
            "version": version,
            "default_language": self.translations.default_language,
            "format": "xform",
            # the plain texts, for jr:itext() in expressions
            "itext": self.translations.plain(),
        }
        if submission is not None and submission.get("action"):
            settings["submission_url"] = submission.get("action")
        if public_key:
            settings["public_key"] = public_key
        languages = self.translations.languages or [self.translations.default_language]
        return model.Form(
            form_id=form_id,
            title=title or form_id,
            version=version,
            root=root,
            languages=tuple(languages),
            default_language=self.translations.default_language
            if self.translations.default_language in languages
            else languages[0],
            choice_lists=self.choice_lists,
            instance_name=instance_name,
            public_key=public_key or None,
            settings=settings,
            source=self.shown,
            files=dict(self.files),
            secondary={k: v for k, v in self.instances.items() if k not in self.choice_lists},
        )

    def _instances(self, xml_model: XmlElement) -> XmlElement:
        """Return the primary instance's root (ODK: the first instance) and read the rest."""
        declared = xml_model.findall(f"{XF}instance")
        first = [kid for kid in declared[0] if isinstance(kid.tag, str)] if declared else []
        if not first:
            raise FormError([FieldappError("xform.no_primary_instance", file=self.shown)])
        for instance in declared[1:]:
            identifier = instance.get("id")
            if identifier is None:
                continue
            kids = [kid for kid in instance if isinstance(kid.tag, str)]
            source = instance.get("src")
            if source:
                self._external(identifier, source.strip())
            elif kids:
                try:
                    self.instances[identifier] = from_xml(kids[0])
                except SecondaryError:
                    self._problem(
                        "xform.too_deep", limit=MAX_DEPTH, path=f"instance('{identifier}')"
                    )
            else:
                self.instances[identifier] = DataNode("root")
        return first[0]

    def _external(self, identifier: str, source: str) -> None:
        if source.startswith("jr://instance/"):
            # last-saved and other instances ODK fills itself: a laptop starts them empty
            self.instances[identifier] = DataNode("root")
            return
        file_name = source.rsplit("/", 1)[-1]
        content = self.read_file(file_name)
        where = {"attachment": file_name, "instance": identifier}
        if content is None:
            self._problem("xform.attachment_missing", **where)
            return
        try:
            self.instances[identifier] = read_attachment(file_name, content)
        except SecondaryError as error:
            code = (
                "xform.attachment_unsupported"
                if str(error) == "unsupported"
                else "xform.attachment_invalid"
            )
            self._problem(code, reason=str(error), **where)
            return
        self.external[identifier] = file_name
        self.files[file_name] = content

    # --- body ---------------------------------------------------------------------------

    def _body(self, body: XmlElement, primary_path: str) -> None:
        self._walk_body(body, primary_path)

    def _walk_body(self, parent: XmlElement, context: str, depth: int = 0) -> None:
        if depth > MAX_DEPTH:  # the instance is held to it; a body of 5,000 groups crashed
            self._problem("xform.too_deep", limit=MAX_DEPTH, path=context[:200])
            return
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            tag = qualified(child.tag)
            ref = child.get("ref") or child.get("nodeset")
            path = absolute(ref, context) if ref else ""
            if tag == "group":
                if path:
                    self.groups[path] = child
                self._walk_body(child, path or context, depth + 1)
            elif tag == "repeat":
                if path:
                    self.repeats[path] = child
                self._actions(child, path, in_body=True)
                self._walk_body(child, path or context, depth + 1)
            elif tag in _CONTROLS or tag in _CONTROLS_AS_TEXT:
                if path:
                    self.controls[path] = _Control(tag, child)
                    self._actions(child, path, in_body=True, control=path)
            elif tag in ("label", "hint", "setvalue", "odk:setgeopoint", "odk:recordaudio"):
                continue
            else:
                self._problem("xform.unknown_control", where=path or context, control=tag)

    def _actions(
        self, parent: XmlElement, context: str, *, in_body: bool, control: str = ""
    ) -> None:
        for action in parent:
            if not isinstance(action.tag, str):
                continue
            tag = qualified(action.tag)
            if tag not in ("setvalue", "odk:setgeopoint", "odk:recordaudio"):
                continue
            ref = action.get("ref") or ""
            target = absolute(ref, context) if ref else context
            if not ref and action.get("bind"):
                target = self.bind_ids.get(action.get("bind", ""), target)
            events = set((action.get("event") or "").split())
            unknown = events - _EVENTS
            if unknown or not events:
                where = target or context or "model"
                self._problem("xform.unknown_event", where=where, event=" ".join(sorted(unknown)))
                continue
            if "odk-new-repeat" in events and not in_body:
                self._problem("xform.new_repeat_in_model", where=target)
                continue
            if tag == "odk:setgeopoint":
                self.geopoints.add(target)
            elif tag == "odk:recordaudio":
                self.recordings.add(target)
            if "xforms-value-changed" in events and control and tag == "setvalue":
                self.triggers.setdefault(target, []).append((control, action))
            if tag == "setvalue" and events & _LOAD_EVENTS:
                self.first_load.setdefault(target, action)

    # --- the tree -----------------------------------------------------------------------

    def _group(
        self, xml: XmlElement, parent_path: str, key_prefix: str, depth: int, repeat: bool
    ) -> model.Element | None:
        name = qualified(xml.tag)
        path = f"{parent_path}/{name}"
        if depth > MAX_DEPTH:
            self._problem("xform.too_deep", limit=MAX_DEPTH, path=path)
            return None
        self.paths.add(path)
        key = key_prefix + name if parent_path else ""
        inner_prefix = "" if repeat or not parent_path else key + "/"
        children: list[model.Element] = []
        seen: set[str] = set()
        for kid in xml:
            if not isinstance(kid.tag, str):
                continue
            kid_name = qualified(kid.tag)
            kid_path = f"{path}/{kid_name}"
            is_repeat = (
                kid_path in self.repeats
                or kid.get("{http://openrosa.org/javarosa}template") is not None
            )
            if kid_name in seen:
                if not is_repeat:
                    self._problem("xform.duplicate_node", path=kid_path)
                continue  # a repeat's copies (its default instances) are not elements
            if kid_name == "entity" and name == "meta":
                self.declarations.add(kid_path)  # an entity declaration, not a question
                continue
            seen.add(kid_name)
            if is_repeat:
                template = _template(xml, kid)
                built = self._group(template, path, inner_prefix, depth + 1, repeat=True)
                if isinstance(built, model.Repeat):
                    built = self._initial(built, xml, kid, template)
            elif len([k for k in kid if isinstance(k.tag, str)]) or kid_path in self.groups:
                built = self._group(kid, path, inner_prefix, depth + 1, repeat=False)
            else:
                built = self._question(kid, kid_path, inner_prefix + kid_name)
            if built is not None:
                children.append(built)
        body = self.repeats.get(path) if repeat else self.groups.get(path)
        wrapper = self.groups.get(path)
        texts = self._texts(wrapper if wrapper is not None else body, path)
        if repeat and body is not None and not texts["labels"]:
            texts = self._texts(body, path)
        appearance = ""
        for source in (body, wrapper):
            if source is not None and source.get("appearance") and not appearance:
                appearance = source.get("appearance", "")
        common: dict[str, Any] = {
            "name": name,
            "key": key,
            "path": path,
            "row": 0,
            "appearance": appearance,
            "children": tuple(children),
            **texts,
        }
        if not parent_path:
            return model.Group(**common)
        count = (
            body.get("{http://openrosa.org/javarosa}count") if repeat and body is not None else None
        )
        bind = self._bind(path, name, repeat_count=count)
        if repeat:
            extra = {qualified(k): v for k, v in (body.attrib.items() if body is not None else ())}
            columns = {
                k: v for k, v in extra.items() if k not in ("nodeset", "appearance", "jr:count")
            }
            return model.Repeat(bind=bind, columns=columns, **common)
        return model.Group(bind=bind, **common)

    def _initial(
        self, repeat: model.Repeat, parent: XmlElement, first: XmlElement, template: XmlElement
    ) -> model.Repeat:
        """Give ``repeat`` the instances the form starts with: its copies below ``parent``
        besides the template (without ``jr:template``, every copy, and new instances start
        empty, as in ODK's engines)."""
        copies = [
            kid for kid in parent if kid.tag == first.tag and kid.get(f"{JR}template") is None
        ]
        has_template = template.get(f"{JR}template") is not None
        initial = tuple(_answers_of(copy, repeat) for copy in copies)
        if has_template and initial == (_answers_of(template, repeat),):
            return repeat  # pyxform's one instance, like its template: an XLSForm's start
        if not has_template:
            repeat = _without_defaults(repeat)
        return dataclasses.replace(repeat, initial=initial)

    def _question(self, xml: XmlElement, path: str, key: str) -> model.Question | None:
        self.paths.add(path)
        name = qualified(xml.tag)
        control = self.controls.get(path)
        bind_attributes = self.binds.get(path, {})
        kind = self._type(path, control, bind_attributes)
        if kind is None:
            return None
        texts = self._texts(control.xml if control is not None else None, path)
        parameters: dict[str, str] = {}
        choices: model.ChoiceList | None = None
        randomize = False
        if control is not None:
            parameters = {
                qualified(k).split(":")[-1]: v
                for k, v in control.xml.attrib.items()
                if qualified(k) not in _CONTROL_ATTRIBUTES
            }
        if kind is _T.RANGE:
            for attribute in ("start", "end", "step"):
                if not is_number(parameters.get(attribute, "0")):
                    self._problem(
                        "xform.bad_range",
                        where=path,
                        attribute=attribute,
                        value=parameters[attribute],
                    )
        choice_filter: Expression | None = None
        filter_source = ""
        if control is not None and kind.is_select:
            found = self._choices(control, path, kind)
            if found is None:
                return None
            kind, choices, filter_source, randomize, seed = found
            if seed:
                parameters["seed"] = seed
            if randomize:
                parameters["randomize"] = "true"
            if filter_source:
                choice_filter = self._compile(filter_source, path, "choice_filter")
        query = control.xml.get("query") if control is not None else None
        if query:  # "select one external": a text input whose query filters an instance
            predicates, _ = split_predicates(ITEMSET.sub(r"\g<rest>", query))
            filter_source = " and ".join(predicates)
            choice_filter = self._compile(filter_source, path, "query") if predicates else None
            parameters.pop("query", None)
        literal = (xml.text or "").strip() if len(xml) == 0 else ""
        bind = self._bind(
            path,
            name,
            default=literal or None,
            choice_filter=choice_filter,
            filter_source=filter_source,
            preload=True,
        )
        references = dict(texts.pop("label_references"))
        for output, expression_text in self.message_outputs.get(path, {}).items():
            compiled = self._compile(expression_text, path, "output")
            if compiled is not None and output not in references:
                references[output] = compiled
        columns = {k: v for k, v in bind_attributes.items() if k not in _BIND_KNOWN}
        if texts.get("media"):
            columns["media"] = texts.pop("media")
        else:
            texts.pop("media", None)
        return model.Question(
            name=name,
            key=key,
            path=path,
            row=0,
            appearance=control.xml.get("appearance", "") if control is not None else "",
            parameters=parameters,
            bind=bind,
            columns=columns,
            type=kind,
            choices=choices,
            randomize=randomize,
            label_references=references,
            **texts,
        )

    def _type(
        self, path: str, control: _Control | None, bind: dict[str, str]
    ) -> model.QuestionType | None:
        data_type = bind.get("type", "string").strip()
        preload = " ".join(
            v.strip() for v in (bind.get("jr:preload"), bind.get("jr:preloadParams")) if v
        )
        if data_type not in _TYPES:
            data_type = "string"  # as ODK's engines read a type they do not know
        if preload in _PRELOADS:  # filled by ODK itself, shown or not
            return _PRELOADS[preload]
        if control is None:
            if path in self.geopoints:
                return _T.START_GEOPOINT
            if path in self.recordings:
                return _T.BACKGROUND_AUDIO
            if path.endswith("/meta/audit"):
                return _T.AUDIT
            if bind.get("calculate") or preload or path in self.triggers:
                return _T.CALCULATE
            return _T.HIDDEN
        tag = control.tag
        if tag in _SELECTS:
            return _SELECTS[tag]
        if tag == "range":
            return _T.RANGE
        if tag == "trigger":
            return _T.ACKNOWLEDGE
        if tag == "upload":
            mediatype = control.xml.get("mediatype", "")
            for prefix, kind in (("image", _T.IMAGE), ("audio", _T.AUDIO), ("video", _T.VIDEO)):
                if mediatype.startswith(prefix):
                    return kind
            return _T.FILE
        kind = _TYPES[data_type]
        if kind is _T.TEXT and bind.get("readonly", "").replace(" ", "") == "true()":
            return _T.NOTE
        if kind is _T.FILE:
            return _T.FILE
        return kind

    def _choices(
        self, control: _Control, path: str, kind: model.QuestionType
    ) -> tuple[model.QuestionType, model.ChoiceList, str, bool, str] | None:
        itemset = control.xml.find(f"{XF}itemset")
        if itemset is None:
            choices = tuple(
                model.Choice(
                    name=(item.findtext(f"{XF}value") or "").strip(),
                    labels=self._texts(item, path)["labels"],
                )
                for item in control.xml.findall(f"{XF}item")
            )
            choice_list = model.ChoiceList(name=path, choices=choices)
            return kind, choice_list, "", False, ""
        nodeset = itemset.get("nodeset", "")
        match = ITEMSET.match(nodeset)
        if match is None:
            self._problem("xform.itemset_unsupported", where=path, nodeset=nodeset)
            return None
        identifier = match.group("id")
        rest = match.group("rest").strip()
        seed = ""
        randomize = match.group("randomize") is not None
        if randomize:
            rest, seed = close_randomize(rest)
        predicates, rest = split_predicates(rest)
        if rest:
            self._problem("xform.itemset_unsupported", where=path, nodeset=nodeset)
            return None
        document = self.instances.get(identifier)
        if document is None:
            if not any(p.code == "xform.attachment_missing" for p in self.problems):
                self._problem("xform.unknown_instance", where=path, instance=identifier)
            return None
        value_ref = _child_ref(itemset.find(f"{XF}value"), "name")
        label_element = itemset.find(f"{XF}label")
        label_ref = label_element.get("ref", "label") if label_element is not None else "label"
        steps = [step.strip() for step in match.group("path").split("/") if step.strip()]
        items = nodes_at(document, steps)
        # the usual root/item list is the instance itself; any other path is a list of its
        # own, the instance staying whole for other expressions
        list_name = identifier if steps == ["root", "item"] else f"{identifier}/{'/'.join(steps)}"
        choice_list = self._choice_list(list_name, items, value_ref, label_ref, identifier)
        if identifier in self.external:
            kind = _FROM_FILE.get(kind, kind)
        filter_source = " and ".join(f"({p})" if len(predicates) > 1 else p for p in predicates)
        return kind, choice_list, filter_source, randomize, seed_reference(seed)

    def _choice_list(
        self, list_name: str, items: list[DataNode], value_ref: str, label_ref: str, source: str
    ) -> model.ChoiceList:
        known = self.choice_lists.get(list_name)
        if known is not None:
            return known
        itext = ITEXT.match(label_ref)
        itext_child = itext.group("id") if itext else ""
        choices: list[model.Choice] = []
        for item in items:
            value = item.child(value_ref)
            if value is None:
                continue
            if itext_child:
                text_id = item.child(itext_child)
                labels = self.translations.of(text_id.text if text_id is not None else "")[0]
            else:
                label = item.child(label_ref)
                labels = (
                    {self.translations.default_language: label.text}
                    if label is not None and label.text
                    else {}
                )
            # every other child stays for filters; "name" and "label" the list itself gives
            extra = {
                kid.name: kid.text
                for kid in item.children
                if kid.name not in (itext_child, "name", "label")
            }
            choices.append(model.Choice(name=value.text, labels=labels, extra=extra))
        choice_list = model.ChoiceList(
            name=list_name, choices=tuple(choices), source_file=self.external.get(source)
        )
        self.choice_lists[list_name] = choice_list
        return choice_list

    # --- binds --------------------------------------------------------------------------

    def _bind(
        self,
        path: str,
        name: str,
        *,
        repeat_count: str | None = None,
        default: str | None = None,
        choice_filter: Expression | None = None,
        filter_source: str = "",
        preload: bool = False,
    ) -> model.Bind:
        attributes = self.binds.get(path, {})
        compiled: dict[str, Any] = {}
        source: dict[str, str] = {}
        for attribute, field_name in model.BIND_EXPRESSIONS:
            text = attributes.get(attribute)
            if text is None or not text.strip():
                continue
            source[field_name] = text.strip()
            compiled[field_name] = self._compile(text, path, attribute)
        if repeat_count:
            source["repeat_count"] = repeat_count.strip()
            compiled["repeat_count"] = self._compile(repeat_count, path, "jr:count")
        if choice_filter is not None:
            source["choice_filter"] = filter_source
            compiled["choice_filter"] = choice_filter
        action = self.first_load.get(path)
        if action is not None:
            default = None  # the action sets the node at first load, over its instance text
        if action is not None and action.get("value"):
            value = action.get("value", "")
            source["default_expression"] = value.strip()
            compiled["default_expression"] = self._compile(value, path, "setvalue")
        elif action is not None and (action.text or "").strip():
            default = (action.text or "").strip()
        trigger: list[str] = []
        for control, setvalue in self.triggers.get(path, ()):
            trigger.append(self._key_of(control))
            changed_to = setvalue.get("value")
            if changed_to and "calculation" not in compiled:
                source["calculation"] = changed_to.strip()
                compiled["calculation"] = self._compile(changed_to, path, "setvalue")
        preload_text = ""
        if preload:
            preload_text = " ".join(
                v.strip()
                for v in (attributes.get("jr:preload"), attributes.get("jr:preloadParams"))
                if v
            )
        required_message, required_outputs = self.translations.message(
            attributes.get("jr:requiredMsg")
        )
        constraint_message, constraint_outputs = self.translations.message(
            attributes.get("jr:constraintMsg")
        )
        self.message_outputs[path] = {**required_outputs, **constraint_outputs}
        return model.Bind(
            default=default,
            trigger=tuple(trigger),
            required_message=required_message,
            constraint_message=constraint_message,
            preload=preload_text,
            source=source,
            **compiled,
        )

    def _key_of(self, path: str) -> str:
        """The key of the node at ``path``: its path below its closest repeat (or root)."""
        parts = path.strip("/").split("/")
        for end in range(len(parts) - 1, 0, -1):
            if "/" + "/".join(parts[:end]) in self.repeats:
                return "/".join(parts[end:])
        return "/".join(parts[1:])

    def _compile(self, text: str, path: str, column: str) -> Expression | None:
        try:
            return compile_expression(text.strip())
        except XPathError as error:
            self._problem("xform.bad_expression", where=path, column=column, reason=error.message)
            return None

    # --- texts --------------------------------------------------------------------------

    def _texts(self, xml: XmlElement | None, path: str) -> dict[str, Any]:
        """The labels, hints, media and compiled ``${}`` outputs of a body element."""
        found = self.translations.element(xml)
        references: dict[str, Expression] = {}
        for key, expression_text in found.outputs.items():
            compiled = self._compile(expression_text, path, "output")
            if compiled is not None:
                references[key] = compiled
        result: dict[str, Any] = {
            "labels": found.labels,
            "hints": found.hints,
            "label_references": references,
        }
        if found.media:
            result["media"] = found.media
        return result

    def _problem(self, code: str, **params: Any) -> None:
        problem = FieldappError(code, file=self.shown, **params)
        if all(p.message != problem.message for p in self.problems):
            self.problems.append(problem)


# --- small helpers ---------------------------------------------------------------------------


def _template(parent: XmlElement, first: XmlElement) -> XmlElement:
    """Return the repeat's template among its copies below ``parent`` (else the first)."""
    for kid in parent:
        if kid.tag == first.tag and kid.get("{http://openrosa.org/javarosa}template") is not None:
            return kid
    return first


def _child_ref(element: XmlElement | None, default: str) -> str:
    return (element.get("ref") or default).strip() if element is not None else default


def _answers_of(xml: XmlElement, group: model.Group) -> dict[str, Any]:
    """The answers a default instance of a repeat holds (keys relative to the repeat):
    each leaf's text, nested repeats as lists."""
    answers: dict[str, Any] = {}
    _collect_answers(xml, group, answers)
    return answers


def _collect_answers(xml: XmlElement, group: model.Group, into: dict[str, Any]) -> None:
    by_name = {child.name: child for child in group.children}
    for kid in xml:
        if not isinstance(kid.tag, str):
            continue
        element = by_name.get(qualified(kid.tag))
        if isinstance(element, model.Repeat):
            if kid.get(f"{JR}template") is None:
                into.setdefault(element.key, []).append(_answers_of(kid, element))
        elif isinstance(element, model.Group):
            _collect_answers(kid, element, into)
        elif isinstance(element, model.Question):
            # empty too: a default instance's empty node stays empty, whatever the template
            into[element.key] = (kid.text or "").strip()


def _without_defaults(repeat: model.Repeat) -> model.Repeat:
    """A repeat without ``jr:template``: instances added later start empty."""

    def clear(element: model.Element) -> model.Element:
        if isinstance(element, model.Group):
            return dataclasses.replace(element, children=tuple(clear(c) for c in element.children))
        if element.bind.default is None:
            return element
        return dataclasses.replace(element, bind=dataclasses.replace(element.bind, default=None))

    cleared = clear(repeat)
    assert isinstance(cleared, model.Repeat)
    return cleared


def _with_instance_id(root: model.Group) -> model.Group:
    """Add ``meta/instanceID`` when the form has none, as ODK's engines do (in the form's
    meta group, else in a new ``orx:meta``), so every interview can be told apart."""
    meta = next(
        (
            c
            for c in root.children
            if isinstance(c, model.Group) and c.name.split(":")[-1] == "meta"
        ),
        None,
    )
    if meta is not None and any(c.name.split(":")[-1] == "instanceID" for c in meta.children):
        return root
    prefix = meta.name[: -len("meta")] if meta is not None else "orx:"
    meta_path = f"{root.path}/{prefix}meta"
    instance_id = model.Question(
        name=f"{prefix}instanceID",
        key=f"{prefix}meta/{prefix}instanceID",
        path=f"{meta_path}/{prefix}instanceID",
        row=0,
        bind=model.Bind(readonly=compile_expression("true()"), preload="uid"),
        type=model.QuestionType.CALCULATE,
    )
    if meta is None:
        added = model.Group(name=f"{prefix}meta", key=f"{prefix}meta", path=meta_path, row=0)
        return dataclasses.replace(root, children=(*root.children, _adding(added, instance_id)))
    children = tuple(_adding(c, instance_id) if c is meta else c for c in root.children)
    return dataclasses.replace(root, children=children)


def _adding(group: model.Group, child: model.Element) -> model.Group:
    return dataclasses.replace(group, children=(*group.children, child))
