"""Read a form file into the typed tree of ``model.py``: the one way forms come in.

An XLSForm goes through pyxform (below); an XForm (XML) through ``xform.py``.

``pyxform_stages`` reads the workbook and runs pyxform on it; this module builds our own
tree from pyxform's dict, compiling every expression once with ``${name}`` resolved as
pyxform's element tree resolves it (absolute, or relative inside a shared repeat), then
lets pyxform write the XForm, so a form that loads here also converts with ``xls2xform``.

Every problem the tree building finds is collected, so ``fieldapp forms check`` can list
them all; pyxform stops at its first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fieldapp.core.forms import choice_files
from fieldapp.core.forms.model import (
    BIND_EXPRESSIONS,
    Bind,
    Choice,
    ChoiceList,
    Element,
    Form,
    Group,
    Labels,
    Question,
    Repeat,
)
from fieldapp.core.forms.pyxform_stages import (
    SETTINGS,
    SURVEY,
    FormError,
    convert_to_xform,
    one_line,
    pyxform_dict,
    pyxform_survey,
    read_workbook,
    reason_of,
    survey_rows,
)
from fieldapp.core.forms.types import (
    DECLARATION_TYPES,
    FROM_FILE,
    GROUP_TYPES,
    LOOP_TYPES,
    QUESTION_TYPES,
    REPEAT_TYPES,
)
from fieldapp.core.forms.xform import is_xml, load_xform
from fieldapp.core.forms.xpath import Expression, XPathError, compile_expression
from fieldapp.core.forms.xpath.syntax import quoted
from fieldapp.core.messages import FieldappError
from fieldapp.core.os_reasons import os_reason

__all__ = ["NO_FILES", "FormError", "load_form", "load_form_bytes"]

NO_FILES: Mapping[str, bytes] = MappingProxyType({})
_REF = re.compile(r"\$\{(?:last-saved#)?([^}]+)\}")
_NEEDS_WHOLE_TEXT = re.compile(r"indexed-repeat\s*\(|instance\s*\(")
_OR_OTHER = re.compile(r"(?:\s+or_other|\s+or specify other)\s*$")
_BEGIN = re.compile(r"\s*begin[\s_]*(?:group|repeat|loop)\b", re.IGNORECASE)
_END = re.compile(r"\s*end[\s_]*(?:group|repeat|loop)\b", re.IGNORECASE)
MAX_DEPTH = 100
"""Most groups and repeats one question may sit in: deeper, pyxform and the engine
would run out of stack (1,000 levels), and no interview is shaped like that."""
_TRUTHY = frozenset({"yes", "true", "1", "true()", "y"})
_FALSY = frozenset({"no", "false", "0", "false()", "n"})
_KNOWN_KEYS = frozenset(
    {
        "type",
        "name",
        "label",
        "hint",
        "bind",
        "control",
        "parameters",
        "choices",
        "itemset",
        "list_name",
        "choice_filter",
        "default",
        "trigger",
        "children",
        "columns",
        "randomize",
        "sensitive",
    }
)


def load_form(path: Path, *, check_xform: bool = True) -> Form:
    """Load the XLSForm at ``path``; its CSV choice files are read from beside it.

    Raises ``FormError`` (a ``FieldappError``) listing every problem found. With
    ``check_xform=False`` pyxform's XForm output is skipped (about half the time): only
    for a form that already passed, such as one the store kept.
    """
    shown = str(path)
    if not path.exists():
        raise FormError([FieldappError("forms.not_found", file=shown)])
    if path.is_dir():
        raise FormError([FieldappError("forms.is_directory", file=shown)])
    try:
        content = path.read_bytes()
    except OSError as error:
        raise FormError(
            [FieldappError("forms.unreadable", file=shown, reason=os_reason(error))]
        ) from None

    def beside(name: str) -> bytes | None:
        return choice_files.read_beside(path.parent, name)

    return _load(content, path.name, shown, beside, check_xform)


def load_form_bytes(
    content: bytes,
    filename: str,
    files: Mapping[str, bytes] = NO_FILES,
    *,
    check_xform: bool = True,
) -> Form:
    """Load an XLSForm held in memory; ``files`` holds its CSV choice files by name."""
    return _load(content, filename, filename, files.get, check_xform)


def load_form_bytes_from(
    content: bytes,
    filename: str,
    shown: str,
    read_file: Callable[[str], bytes | None],
    *,
    check_xform: bool = True,
) -> Form:
    """Load an XLSForm held in memory, its choice files given by ``read_file(name)``.

    ``shown`` is what messages call the form (its path, or its file name in the store).
    """
    return _load(content, filename, shown, read_file, check_xform)


def _load(
    content: bytes,
    filename: str,
    shown: str,
    read_file: Callable[[str], bytes | None],
    check_xform: bool,
) -> Form:
    if is_xml(content):  # an XForm (ODK Central, pyxform's output): the XML reader
        return load_xform(content, shown, read_file)
    workbook = read_workbook(content, shown)
    _check_depth(workbook.survey or [], shown)
    warnings: list[str] = []
    form_dict = pyxform_dict(workbook, Path(filename).stem, shown, warnings)
    rows = survey_rows(workbook, form_dict)
    survey = pyxform_survey(form_dict, shown, rows)
    builder = _Builder(shown, survey, rows, read_file, str(form_dict["default_language"]))
    form = builder.build(form_dict, tuple(warnings))
    if not builder.problems:
        builder.problems.extend(_calculation_cycles(form, shown))
    if builder.problems:
        raise FormError(builder.problems)
    if check_xform:
        convert_to_xform(survey, shown, form)
    return form


_LOGIC_COLUMNS = {
    "relevant": "relevant",
    "calculate": "calculation",
    "required": "required",
    "readonly": "read_only",
}
"""The binds ODK orders in one dependency graph (constraints and choice filters are not
in it: nothing reads what they produce), with the survey column each comes from."""


@dataclass(frozen=True)
class _Bind:
    element: Element
    kind: str
    reads: frozenset[str]
    writes: frozenset[str]
    """What the bind changes: a calculation its node; a relevance its node and everything
    inside it (relevance is inherited); required and read_only nothing another bind reads."""


def _calculation_cycles(form: Form, shown: str) -> list[FieldappError]:
    """Return a problem per bind that reads what it changes and per circle of binds, as
    ODK Validate refuses them ("Cycle detected in form's relevant and calculation logic").

    As in ODK's engine, the graph holds the relevant, calculation, required and read_only
    of every element: a calculation reading itself, a relevance reading its own question
    or a question inside its group, two relevances (or a relevance and a calculation)
    reading each other. A constraint's ``.`` and a choice filter are no cycle."""
    binds: dict[str, _Bind] = {}
    for element in form.walk():
        bind = element.bind
        roles = (
            ("relevant", bind.relevant),
            ("calculate", None if bind.trigger else bind.calculation),
            ("required", bind.required),
            ("readonly", bind.readonly),
        )
        for kind, expression in roles:
            if expression is None:
                continue
            writes: set[str] = set()
            if kind in ("relevant", "calculate"):
                writes.add(element.path)
            if kind == "relevant" and isinstance(element, Group):
                writes.update(inner.path for inner in element.walk())
            reads = expression.references(element.path)
            binds[f"{kind} {element.path}"] = _Bind(element, kind, reads, frozenset(writes))
    problems: list[FieldappError] = []
    readers: dict[str, list[str]] = {}
    for key, bind_ in binds.items():
        for path in bind_.reads:
            readers.setdefault(path, []).append(key)
        problems.extend(_self_reference(bind_, shown))
    reaches: dict[str, list[str]] = {}
    for key, bind_ in binds.items():
        reached = {reader for path in bind_.writes for reader in readers.get(path, ())}
        reached.discard(key)
        reaches[key] = sorted(reached)
    for circle in _circles(reaches):
        members = sorted((binds[key] for key in circle), key=lambda b: (b.element.row, b.kind))
        first = members[0].element
        if all(member.kind == "calculate" for member in members):
            names = ", ".join(f"'{member.element.name}'" for member in members)
            code = "forms.calculation_cycle"
        else:
            names = ", ".join(
                f"'{member.element.name}' ({_LOGIC_COLUMNS[member.kind]})" for member in members
            )
            code = "forms.logic_cycle"
        problems.append(FieldappError(code, file=shown, sheet=SURVEY, row=first.row, names=names))
    return problems


def _self_reference(bind: _Bind, shown: str) -> list[FieldappError]:
    """Return the problem of a bind reading what it changes itself, if it does."""
    element = bind.element
    if element.path in bind.reads:
        if bind.kind == "calculate":
            code, params = "forms.self_reference", {}
        else:
            code, params = "forms.logic_self_reference", {"column": _LOGIC_COLUMNS[bind.kind]}
    elif bind.kind == "relevant" and bind.reads & bind.writes:
        inside = min(bind.reads & bind.writes)
        code, params = "forms.relevant_reads_inside", {"inner": inside.rsplit("/", 1)[-1]}
    else:
        return []
    return [
        FieldappError(code, file=shown, sheet=SURVEY, row=element.row, name=element.name, **params)
    ]


def _circles(reads: dict[str, list[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one node (Tarjan, without
    recursion: a form may chain thousands of calculations)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in reads:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = reads[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _check_depth(rows: list[dict[str, Any]], shown: str) -> None:
    """Refuse, in one line, a survey nested deeper than ``MAX_DEPTH`` (before pyxform
    recurses into it)."""
    depth = 0
    for number, row in enumerate(rows, start=2):
        kind = str(row.get("type") or "")
        if _BEGIN.match(kind):
            depth += 1
            if depth > MAX_DEPTH:
                problem = FieldappError(
                    "forms.too_deep",
                    file=shown,
                    sheet=SURVEY,
                    row=number,
                    name=str(row.get("name") or ""),
                    depth=depth,
                    most=MAX_DEPTH,
                )
                raise FormError([problem])
        elif _END.match(kind):
            depth = max(depth - 1, 0)


# --- our tree ------------------------------------------------------------------------------


@dataclass
class _Builder:
    shown: str
    survey: Any
    rows: dict[int, tuple[int, str]]
    read_file: Callable[[str], bytes | None]
    default_language: str
    problems: list[FieldappError] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    choice_lists: dict[str, ChoiceList] = field(default_factory=dict)
    by_path: dict[str, Any] = field(default_factory=dict)

    def build(self, form_dict: dict[str, Any], warnings: tuple[str, ...]) -> Form:
        self.by_path = {e.get_xpath(): e for e in self.survey.iter_descendants()}
        for list_name, items in (form_dict.get("choices") or {}).items():
            self.choice_lists[list_name] = self._choice_list(list_name, items)
        root_path = "/" + str(form_dict["name"])
        root = Group(
            name=str(form_dict["name"]),
            key="",
            path=root_path,
            row=0,
            children=self._children(form_dict.get("children", []), root_path, ""),
        )
        instance_name = None
        if form_dict.get("instance_name"):
            context_path = f"{root_path}/meta/instanceName"
            instance_name = self._compile(
                str(form_dict["instance_name"]),
                context_path if context_path in self.by_path else root_path,
                "instance_name",
                "instance_name",
                sheet=SETTINGS,
                row=2,
            )
        public_key = str(form_dict["public_key"]) if form_dict.get("public_key") else None
        if public_key is not None:
            self._check_public_key(public_key)
        settings = {k: v for k, v in form_dict.items() if k not in ("children", "choices", "type")}
        languages = self.languages or [self.default_language]
        if self.default_language in languages:
            languages.remove(self.default_language)
            languages.insert(0, self.default_language)
        # pyxform says "default" when no language is declared; then the first one is.
        default_language = self.default_language
        if default_language not in languages:
            default_language = languages[0]
        return Form(
            form_id=str(form_dict.get("id_string", "")),
            title=str(form_dict.get("title", "")),
            version=str(form_dict.get("version", "")),
            root=root,
            languages=tuple(languages),
            default_language=default_language,
            choice_lists=self.choice_lists,
            instance_name=instance_name,
            public_key=public_key,
            settings=settings,
            source=self.shown,
            files=dict(self.files),
            warnings=warnings,
        )

    def _children(
        self, dicts: list[dict[str, Any]], parent_path: str, key_prefix: str, row: int = -1
    ) -> tuple[Element, ...]:
        built: list[Element] = []
        for d in dicts:
            if d.get("flat") and str(d.get("type", "")) in GROUP_TYPES:
                # settings flat: pyxform writes the group's questions straight under its
                # parent (relevance and-ed into each), so their answers sit there too.
                built.extend(self._children(d.get("children", []), parent_path, key_prefix, row))
                continue
            element = self._element(d, parent_path, key_prefix, row)
            if element is not None:
                built.append(element)
        return tuple(built)

    def _element(
        self, d: dict[str, Any], parent_path: str, key_prefix: str, inherited_row: int
    ) -> Element | None:
        kind = str(d.get("type", ""))
        name = str(d.get("name", ""))
        if kind in DECLARATION_TYPES:
            return None
        row, raw_type = self.rows.get(id(d), (max(inherited_row, 0), kind))
        path = f"{parent_path}/{name}"
        key = key_prefix + name
        control = d.get("control") or {}
        common: dict[str, Any] = {
            "name": name,
            "key": key,
            "path": path,
            "row": row,
            "labels": self._labels(d.get("label")),
            "hints": self._labels(d.get("hint")),
            "appearance": str(control.get("appearance", "")),
            "parameters": _parameters(d.get("parameters")),
            "sensitive": _stated(d.get("sensitive")),
            "columns": {k: v for k, v in d.items() if k not in _KNOWN_KEYS},
            "label_references": self._label_references(d, path, row, name),
        }
        if kind in GROUP_TYPES:
            children = self._children(d.get("children", []), path, key + "/")
            return Group(bind=self._bind(d, path, row, name), children=children, **common)
        if kind in REPEAT_TYPES:
            if d.get("flat"):
                # pyxform's flat instance has no node for the repeat, so no entry of it
                # could be told from another (ODK cannot fill one either).
                self._problem("forms.flat_repeat", row, name=name)
                return None
            bind = self._bind(d, path, row, name, repeat_count=control.get("jr:count"))
            return Repeat(
                bind=bind, children=self._children(d.get("children", []), path, ""), **common
            )
        if kind in LOOP_TYPES:
            return Group(
                bind=self._bind(d, path, row, name),
                children=self._loop(d, path, key, row),
                **common,
            )
        return self._question(d, kind, raw_type, common)

    def _loop(self, d: dict[str, Any], path: str, key: str, row: int) -> tuple[Element, ...]:
        """Expand a ``begin loop``: one group per choice, as pyxform's builder does."""
        from pyxform.builder import SurveyElementBuilder

        groups: list[Element] = []
        for column in d.get("columns", ()):
            if column.get("name") == "none":
                continue
            copies = []
            for child in d.get("children", []):
                child_copy = SurveyElementBuilder._name_and_label_substitutions(child, column)
                self.rows[id(child_copy)] = self.rows.get(id(child), (row, str(child.get("type"))))
                copies.append(child_copy)
            group_path = f"{path}/{column['name']}"
            groups.append(
                Group(
                    name=str(column["name"]),
                    key=f"{key}/{column['name']}",
                    path=group_path,
                    row=0,
                    labels=self._labels(column.get("label")),
                    children=self._children(copies, group_path, f"{key}/{column['name']}/", row),
                )
            )
        return tuple(groups)

    def _question(
        self, d: dict[str, Any], kind: str, raw_type: str, common: dict[str, Any]
    ) -> Question | None:
        from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

        question_type = QUESTION_TYPES.get(kind)
        if question_type is None:
            self._problem(
                "forms.unknown_type", common["row"], name=common["name"], type=raw_type or kind
            )
            return None
        itemset = str(d.get("itemset") or "")
        choices: ChoiceList | None = None
        if question_type.is_select:
            if itemset.startswith("${"):
                self._problem(
                    "forms.choices_from_repeat", common["row"], name=common["name"], source=itemset
                )
                return None
            if "." in itemset and question_type in FROM_FILE:
                question_type = FROM_FILE[question_type]
                choices = self._choice_file(itemset, common)
                if choices is None:
                    return None
            else:
                list_name = str(d.get("list_name") or itemset)
                choices = self._choice_list(list_name, d.get("choices") or [])
        preset = QUESTION_TYPE_DICT.get(kind, {}).get("bind", {})
        merged = {**d, "bind": {**preset, **(d.get("bind") or {})}}
        return Question(
            type=question_type,
            choices=choices,
            or_other=bool(_OR_OTHER.search(raw_type)),
            randomize=_truthy(d.get("randomize") or common["parameters"].get("randomize")),
            bind=self._bind(merged, common["path"], common["row"], common["name"], kind=kind),
            **common,
        )

    def _bind(
        self,
        d: dict[str, Any],
        path: str,
        row: int,
        name: str,
        repeat_count: Any = None,
        kind: str = "",
    ) -> Bind:
        from pyxform import aliases
        from pyxform.utils import default_is_dynamic

        raw = d.get("bind") or {}
        compiled: dict[str, Any] = {}
        source: dict[str, str] = {}
        for bind_key, field_name in BIND_EXPRESSIONS:
            text = raw.get(bind_key)
            if text is None or str(text).strip() == "":
                continue
            column = "read_only" if field_name == "readonly" else field_name
            source[field_name] = str(text).strip()
            text = aliases.BINDING_CONVERSIONS.get(str(text), str(text))
            compiled[field_name] = self._compile(text, path, column, name, row=row)
        if d.get("choice_filter"):
            source["choice_filter"] = str(d["choice_filter"]).strip()
            compiled["choice_filter"] = self._compile(
                str(d["choice_filter"]), path, "choice_filter", name, row=row, use_current=True
            )
        if repeat_count not in (None, ""):
            source["repeat_count"] = str(repeat_count).strip()
            compiled["repeat_count"] = self._compile(
                str(repeat_count), path, "repeat_count", name, row=row
            )
        default = d.get("default")
        # Called as pyxform calls it, with the type as spelled, so both agree on "dynamic".
        if default not in (None, "") and default_is_dynamic(str(default), kind):
            source["default_expression"] = str(default).strip()
            compiled["default_expression"] = self._compile(
                str(default), path, "default", name, row=row
            )
        elif default not in (None, ""):
            compiled["default"] = str(default)
        trigger = d.get("trigger") or ()
        if isinstance(trigger, str):
            trigger = [trigger]
        preload = " ".join(str(raw[k]) for k in ("jr:preload", "jr:preloadParams") if raw.get(k))
        return Bind(
            preload=preload,
            trigger=tuple(self._key_of(str(t), row, name) for t in trigger),
            required_message=self._labels(raw.get("jr:requiredMsg")),
            constraint_message=self._labels(raw.get("jr:constraintMsg")),
            source=source,
            **compiled,
        )

    def _compile(
        self,
        text: str,
        context_path: str,
        column: str,
        name: str,
        *,
        row: int,
        sheet: str = SURVEY,
        use_current: bool = False,
    ) -> Expression | None:
        """Compile ``text`` once, with ``${name}`` resolved as pyxform writes it here."""
        from pyxform.errors import PyXFormError

        context = self.by_path.get(context_path, self.survey)
        if row == 0 and context_path.endswith("/meta/instanceName"):
            # pyxform's generated meta/instanceName calculates the settings' instance_name.
            sheet, row, column, name = SETTINGS, 2, "instance_name", "instance_name"
        where: dict[str, Any] = {"sheet": sheet, "row": row, "column": column, "name": name}
        for reference in _REF.findall(text):
            if not self._reference_ok(reference, where):
                return None

        def resolve(reference: str) -> str:
            resolved = self.survey.insert_xpaths(
                "${" + reference + "}", context=context, use_current=use_current
            )
            return str(resolved).strip()

        try:
            if _NEEDS_WHOLE_TEXT.search(text):
                # Where a ${name} sits inside indexed-repeat() or an instance() predicate
                # changes the path pyxform writes, so it resolves the whole text here.
                whole = str(self.survey.insert_xpaths(text, context, use_current)).strip()
                return compile_expression(whole, resolve)
            return compile_expression(text, resolve)
        except PyXFormError as error:  # its text does not show the expression: add it
            reason: object = f"{one_line(str(error)).rstrip('.')}: {quoted(text)}"
        except XPathError as error:
            reason = error.message
        self._problem("forms.bad_expression", reason=reason, expression=text, **where)
        return None

    def _reference_ok(self, reference: str, where: dict[str, Any]) -> bool:
        target = self.survey._xpath.get(reference, KeyError)
        if target is KeyError:
            self._problem("forms.missing_reference", reference=reference, **where)
            return False
        if target is None:
            self._problem("forms.ambiguous_reference", reference=reference, **where)
            return False
        return True

    def _label_references(
        self, d: dict[str, Any], path: str, row: int, name: str
    ) -> dict[str, Expression]:
        bind = d.get("bind") or {}
        shown = {
            "label": d.get("label"),
            "hint": d.get("hint"),
            "required_message": bind.get("jr:requiredMsg"),
            "constraint_message": bind.get("jr:constraintMsg"),
        }
        result: dict[str, Expression] = {}
        for column, value in shown.items():
            texts = value.values() if isinstance(value, dict) else [value] if value else []
            for text in texts:
                for reference in _REF.findall(str(text)):
                    if reference in result:
                        continue
                    reference_text = "${" + reference + "}"
                    compiled = self._compile(reference_text, path, column, name, row=row)
                    if compiled is not None:
                        result[reference] = compiled
        return result

    def _key_of(self, reference: str, row: int, name: str) -> str:
        target = self.survey._xpath.get(reference)
        if target is None:
            where = {"sheet": SURVEY, "row": row, "column": "trigger", "name": name}
            self._reference_ok(reference, where)
            return reference
        return str(target.get_xpath()).removeprefix(self._repeat_prefix(target))

    def _repeat_prefix(self, target: Any) -> str:
        """The path of ``target``'s closest enclosing repeat (or the root), with a slash."""
        parent = target.parent
        while parent is not None and parent.parent is not None and parent.type != "repeat":
            parent = parent.parent
        return str(parent.get_xpath()) + "/" if parent is not None else "/"

    # --- choices -------------------------------------------------------------------------

    def _choice_list(self, list_name: str, items: list[dict[str, Any]]) -> ChoiceList:
        known = self.choice_lists.get(list_name)
        # A randomized list comes as a bare itemset (no choices of its own): the sheet's list.
        if known is not None and (not items or len(known.choices) == len(items)):
            return known
        choices = tuple(
            Choice(
                name=str(item.get("name", "")),
                labels=self._labels(item.get("label")),
                extra={
                    str(k): str(v)
                    for k, v in item.items()
                    if k not in ("name", "label", "media", "__row") and not isinstance(v, dict)
                },
            )
            for item in items
        )
        # pyxform writes a list's labels as translations when any is per language or has
        # media; its items then carry an itextId, not a label.
        itext = any(isinstance(item.get("label"), dict) or item.get("media") for item in items)
        return ChoiceList(name=list_name, choices=choices, itext=itext)

    def _choice_file(self, file_name: str, common: dict[str, Any]) -> ChoiceList | None:
        where = {"row": common["row"], "name": common["name"], "choice_file": file_name}
        extension = Path(file_name).suffix.lower()
        if extension not in _CHOICE_FILE_READERS:
            self._problem("forms.choice_file_unsupported", **where)
            return None
        if not choice_files.is_plain_name(file_name):
            self._problem("forms.choice_file_outside", **where)
            return None
        content = self.read_file(file_name)
        if content is None:
            self._problem("forms.choice_file_missing", **where)
            return None
        # pyxform's item sets: a GeoJSON feature's value is its id and its label its
        # title; a CSV row's or an XML item's are its name and label columns.
        geojson = extension == ".geojson"
        value_column = common["parameters"].get("value", "id" if geojson else "name")
        label_column = common["parameters"].get("label", "title" if geojson else "label")
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._problem("forms.choice_file_not_utf8", **where)
            return None
        try:
            headers, records = _CHOICE_FILE_READERS[extension](text)
        except _ChoiceFileError as error:
            self._problem(error.code, reason=error.reason, **where)
            return None
        if value_column not in headers:
            semicolons = len(headers) == 1 and ";" in headers[0]
            code = "forms.choice_file_semicolons" if semicolons else "forms.choice_file_no_column"
            self._problem(code, column=value_column, **where)
            return None
        self.files[file_name] = content
        choices: list[Choice] = []
        for cells in records:
            if not cells.get(value_column):
                continue
            labels: dict[str, str] = {}
            extra: dict[str, str] = {}
            for header, value in cells.items():
                if header.startswith(label_column + "::"):
                    language = header.split("::", 1)[1].strip()
                    labels[language] = value
                    if language not in self.languages:
                        self.languages.append(language)
                    continue
                if header == label_column:
                    labels[self.default_language] = value
                if header not in ("name", "label"):
                    # The item keeps every field under its own name too, as ODK's does:
                    # instance('sites')/root/item[id = ...]/geometry.
                    extra[header] = value
            choices.append(Choice(name=cells[value_column], labels=labels, extra=extra))
        loaded = ChoiceList(Path(file_name).stem, tuple(choices), source_file=file_name)
        # instance('sites') reads the file, in choice filters and calculations alike.
        self.choice_lists.setdefault(loaded.name, loaded)
        return loaded

    # --- small helpers -------------------------------------------------------------------

    def _labels(self, value: Any) -> Labels:
        if value is None or value == "":
            return {}
        if isinstance(value, dict):
            labels = {str(k): str(v) for k, v in value.items() if v not in (None, "")}
        else:
            # Untranslated text (a plain column, or pyxform's generated "Specify other.")
            # is shown in every language; pick_label falls back to it.
            return {self.default_language: str(value)}
        for language in labels:
            if language not in self.languages:
                self.languages.append(language)
        return labels

    def _check_public_key(self, public_key: str) -> None:
        """Refuse a key that cannot seal now, not when the first interview is finalized."""
        from fieldapp.core.crypto import load_public_key

        try:
            load_public_key(public_key)
        except FieldappError as error:
            detail = error.message.params.get("detail", "")
            self._problem("forms.bad_public_key", row=2, sheet=SETTINGS, detail=detail)

    def _problem(self, code: str, row: int, sheet: str = SURVEY, **params: Any) -> None:
        problem = FieldappError(code, file=self.shown, sheet=sheet, row=row, **params)
        if all(p.message != problem.message for p in self.problems):
            self.problems.append(problem)


class _ChoiceFileError(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


Records = tuple[list[str], list[dict[str, str]]]
"""A choice file read: its column names, and one dict of column -> text per choice."""


def _csv_records(text: str) -> Records:
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise _ChoiceFileError("forms.choice_file_invalid", reason_of(error)) from None
    headers = [h.strip() for h in reader.fieldnames or []]
    records = [{str(k).strip(): (v or "").strip() for k, v in row.items() if k} for row in rows]
    return headers, records


def _geojson_records(text: str) -> Records:
    """Read a FeatureCollection as ODK does: per feature its ``geometry`` as an ODK
    geopoint/geotrace/geoshape text, each property, and its ``id`` (the feature's own id
    wins over a property of that name)."""
    import json

    code = "forms.choice_file_geojson"
    try:
        document = json.loads(text)
    except ValueError as error:
        raise _ChoiceFileError(code, reason_of(error)) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise _ChoiceFileError(code, 'no "type": "FeatureCollection" at the top')
    features = document.get("features")
    if not isinstance(features, list):
        raise _ChoiceFileError(code, 'no "features" list')
    headers: list[str] = []
    records: list[dict[str, str]] = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise _ChoiceFileError(code, f"feature {number} is not of type Feature")
        cells: dict[str, str] = {}
        if feature.get("geometry") is not None:
            cells["geometry"] = _odk_geometry(feature["geometry"], number)
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise _ChoiceFileError(code, f"the properties of feature {number} are not an object")
        for key, value in properties.items():
            cells[str(key)] = "" if value is None else _json_text(value)
        if feature.get("id") is not None:
            cells["id"] = _json_text(feature["id"])
        for key in cells:
            if key not in headers:
                headers.append(key)
        records.append(cells)
    return headers, records


def _odk_geometry(geometry: Any, number: int) -> str:
    """Return a GeoJSON geometry (longitude first) as ODK writes it (latitude first)."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coordinates: Any = geometry.get("coordinates") if isinstance(geometry, dict) else None
    try:
        if kind == "Point":
            points = [coordinates]
        elif kind == "LineString":
            points = list(coordinates)
        elif kind == "Polygon":
            points = list(coordinates[0]) if coordinates else []
        else:
            raise _ChoiceFileError(
                "forms.choice_file_geojson",
                f"feature {number} is a {kind}; ODK reads Points, LineStrings and Polygons",
            )
        return "; ".join(f"{_json_text(p[1])} {_json_text(p[0])} 0 0" for p in points)
    except (TypeError, IndexError, KeyError):
        raise _ChoiceFileError(
            "forms.choice_file_geojson", f"feature {number} has malformed coordinates"
        ) from None


def _json_text(value: Any) -> str:
    """Return a JSON value as ODK's engines print it (10.0 as 10, as JavaScript does)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        from fieldapp.core.forms.xpath import format_number

        return format_number(float(value)) if isinstance(value, float) else str(value)
    return str(value)


def _xml_records(text: str) -> Records:
    """Read ``<root><item><name>…</name><label>…</label>…</item>…</root>``, the item set
    pyxform points a ``.xml`` choice file at (``instance('file')/root/item``)."""
    from xml.etree import ElementTree

    code = "forms.choice_file_xml"
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        # Entities can expand without bound or reach out of the file: ODK's files have none.
        raise _ChoiceFileError(code, "it declares a DOCTYPE or entities")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise _ChoiceFileError(code, reason_of(error)) from None
    if _local_name(root.tag) != "root":
        raise _ChoiceFileError(code, f"the top element is <{_local_name(root.tag)}>, not <root>")
    headers: list[str] = []
    records: list[dict[str, str]] = []
    for item in root:
        if _local_name(item.tag) != "item":
            continue
        cells = {_local_name(field.tag): (field.text or "").strip() for field in item}
        for key in cells:
            if key not in headers:
                headers.append(key)
        records.append(cells)
    return headers, records


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_CHOICE_FILE_READERS: dict[str, Callable[[str], Records]] = {
    ".csv": _csv_records,
    ".geojson": _geojson_records,
    ".xml": _xml_records,
}


def _parameters(raw: Any) -> dict[str, str]:
    """Return a question's parameters: pyxform parses them only for the types that take
    some, and hands the others over as the cell's text (``max=5 rows=3``)."""
    if isinstance(raw, dict):
        return {str(k): str(v) for k, v in raw.items()}
    if not raw or not str(raw).strip():
        return {}
    from pyxform.errors import PyXFormError
    from pyxform.parsing.parameters import parse

    try:
        return {str(k): str(v) for k, v in parse(str(raw), 0).items()}
    except PyXFormError:  # unused by this type, so ODK ignores it as well
        return {}


def _stated(value: Any) -> bool | None:
    """Read a yes/no column that may be left blank: True, False, or None (not stated)."""
    text = "" if value is None else str(value).strip().lower()
    if not text:
        return None
    return text in _TRUTHY or text not in _FALSY


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in _TRUTHY if value is not None else False
