"""The ``Form`` model to plain JSON values and back, every type checked on the way back.

The envelope, places and checks of an entry are in ``compiled``; this half is loaded only
when a form's body is written or read (a new database's study forms need neither).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.core.forms import model
from fieldapp.core.forms.compiled import (
    Rejected,
    as_bool,
    as_dict,
    as_int,
    as_list,
    as_optional_bool,
    as_optional_str,
    as_str,
    as_texts,
)
from fieldapp.core.forms.xpath import syntax
from fieldapp.core.forms.xpath.compiler import Expression

# --- writing the model ----------------------------------------------------------------------------


def write_form(form: model.Form) -> dict[str, Any]:
    lists = dict(form.choice_lists)
    return {
        "form_id": form.form_id,
        "title": form.title,
        "version": form.version,
        "root": _element(form.root, lists),
        "languages": list(form.languages),
        "default_language": form.default_language,
        "choice_lists": {name: _choice_list(value) for name, value in lists.items()},
        "instance_name": _expression(form.instance_name),
        "public_key": form.public_key,
        "settings": _json_value(dict(form.settings)),
        "warnings": list(form.warnings),
    }


def _element(element: model.Element, lists: Mapping[str, model.ChoiceList]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": element.name,
        "key": element.key,
        "path": element.path,
        "row": element.row,
        "labels": dict(element.labels),
        "hints": dict(element.hints),
        "appearance": element.appearance,
        "parameters": dict(element.parameters),
        "bind": _bind(element.bind),
        "sensitive": element.sensitive,
        "columns": _json_value(dict(element.columns)),
        "label_references": {
            name: _expression(value) for name, value in element.label_references.items()
        },
    }
    if isinstance(element, model.Question):
        out["kind"] = "question"
        out["type"] = str(element.type)
        choices = element.choices
        if choices is None:
            out["choices"] = None
        elif lists.get(choices.name) == choices:
            out["choices"] = {"list": choices.name}
        else:
            out["choices"] = {"inline": _choice_list(choices)}
        out["or_other"] = element.or_other
        out["randomize"] = element.randomize
    elif isinstance(element, model.Group):
        out["kind"] = "repeat" if isinstance(element, model.Repeat) else "group"
        out["children"] = [_element(child, lists) for child in element.children]
    else:
        raise TypeError(f"no encoding for {type(element).__name__}")
    return out


def _bind(bind: model.Bind) -> dict[str, Any]:
    return {
        "relevant": _expression(bind.relevant),
        "required": _expression(bind.required),
        "constraint": _expression(bind.constraint),
        "calculation": _expression(bind.calculation),
        "readonly": _expression(bind.readonly),
        "choice_filter": _expression(bind.choice_filter),
        "repeat_count": _expression(bind.repeat_count),
        "default": bind.default,
        "default_expression": _expression(bind.default_expression),
        "trigger": list(bind.trigger),
        "required_message": dict(bind.required_message),
        "constraint_message": dict(bind.constraint_message),
        "preload": bind.preload,
        "source": dict(bind.source),
    }


def _choice_list(value: model.ChoiceList) -> dict[str, Any]:
    return {
        "name": value.name,
        "choices": [
            {"name": c.name, "labels": dict(c.labels), "extra": dict(c.extra)}
            for c in value.choices
        ],
        "source_file": value.source_file,
        "itext": value.itext,
    }


def _expression(expression: Expression | None) -> dict[str, Any] | None:
    if expression is None:
        return None
    return {
        "text": expression.text,
        "tree": _node(expression.tree),
        "functions": sorted(expression.function_names),
    }


def _node(node: syntax.Node) -> list[Any]:
    if isinstance(node, syntax.Literal):
        return ["literal", node.value]
    if isinstance(node, syntax.Number):
        return ["number", node.value]
    if isinstance(node, syntax.Binary):
        return ["binary", node.op, _node(node.left), _node(node.right)]
    if isinstance(node, syntax.Negate):
        return ["negate", _node(node.operand)]
    if isinstance(node, syntax.Call):
        return ["call", node.name, [_node(a) for a in node.args], node.position]
    return [
        "path",
        node.start,
        [[s.axis, s.test, [_node(p) for p in s.predicates]] for s in node.steps],
        None if node.filter is None else _node(node.filter),
        [_node(p) for p in node.filter_predicates],
    ]


def _json_value(value: Any) -> Any:
    """Refuse to write what JSON would not give back as it was (a tuple, a date...)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise TypeError("a non-finite number")
        return value
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _json_value(v) for k, v in value.items()}
    raise TypeError(f"no encoding for {type(value).__name__}")


# --- reading the model, every type checked ------------------------------------------------------


def read_form(data: Any, source: str, files: dict[str, bytes]) -> model.Form:
    d = as_dict(data)
    lists = {
        as_str(name): _read_choice_list(value) for name, value in as_dict(d["choice_lists"]).items()
    }
    root = _read_element(d["root"], lists)
    if type(root) is not model.Group:
        raise Rejected("root")
    return model.Form(
        form_id=as_str(d["form_id"]),
        title=as_str(d["title"]),
        version=as_str(d["version"]),
        root=root,
        languages=tuple(as_str(x) for x in as_list(d["languages"])),
        default_language=as_str(d["default_language"]),
        choice_lists=lists,
        instance_name=_read_expression(d["instance_name"]),
        public_key=as_optional_str(d["public_key"]),
        settings=as_dict(d["settings"]),
        source=source,
        files=files,
        warnings=tuple(as_str(x) for x in as_list(d["warnings"])),
    )


def _read_element(data: Any, lists: dict[str, model.ChoiceList]) -> model.Element:
    d = as_dict(data)
    common: dict[str, Any] = {
        "name": as_str(d["name"]),
        "key": as_str(d["key"]),
        "path": as_str(d["path"]),
        "row": as_int(d["row"]),
        "labels": as_texts(d["labels"]),
        "hints": as_texts(d["hints"]),
        "appearance": as_str(d["appearance"]),
        "parameters": as_texts(d["parameters"]),
        "bind": _read_bind(d["bind"]),
        "sensitive": as_optional_bool(d["sensitive"]),
        "columns": as_dict(d["columns"]),
        "label_references": {
            as_str(name): _expression_required(value)
            for name, value in as_dict(d["label_references"]).items()
        },
    }
    kind = d["kind"]
    if kind == "question":
        choices_data = d["choices"]
        choices: model.ChoiceList | None = None
        if choices_data is not None:
            ref = as_dict(choices_data)
            if "list" in ref:
                choices = lists[as_str(ref["list"])]
            else:
                choices = _read_choice_list(ref["inline"])
        return model.Question(
            **common,
            type=model.QuestionType(as_str(d["type"])),
            choices=choices,
            or_other=as_bool(d["or_other"]),
            randomize=as_bool(d["randomize"]),
        )
    if kind in ("group", "repeat"):
        children = tuple(_read_element(child, lists) for child in as_list(d["children"]))
        return (model.Repeat if kind == "repeat" else model.Group)(**common, children=children)
    raise Rejected(f"element kind {kind!r}")


def _read_bind(data: Any) -> model.Bind:
    d = as_dict(data)
    names = (
        "relevant",
        "required",
        "constraint",
        "calculation",
        "readonly",
        "choice_filter",
        "repeat_count",
        "default_expression",
    )
    return model.Bind(
        **{name: _read_expression(d[name]) for name in names},
        default=as_optional_str(d["default"]),
        trigger=tuple(as_str(x) for x in as_list(d["trigger"])),
        required_message=as_texts(d["required_message"]),
        constraint_message=as_texts(d["constraint_message"]),
        preload=as_str(d["preload"]),
        source=as_texts(d["source"]),
    )


def _read_choice_list(data: Any) -> model.ChoiceList:
    d = as_dict(data)
    choices = tuple(
        model.Choice(
            name=as_str(c["name"]),
            labels=as_texts(c["labels"]),
            extra=as_texts(c["extra"]),
        )
        for c in (as_dict(item) for item in as_list(d["choices"]))
    )
    return model.ChoiceList(
        name=as_str(d["name"]),
        choices=choices,
        source_file=as_optional_str(d["source_file"]),
        itext=as_bool(d["itext"]),
    )


def _read_expression(data: Any) -> Expression | None:
    return None if data is None else _expression_required(data)


def _expression_required(data: Any) -> Expression:
    d = as_dict(data)
    tree = _read_node(d["tree"])
    functions = frozenset(as_str(name) for name in as_list(d["functions"]))
    if functions != _call_names(tree):
        raise Rejected("functions")
    # Expression compiles the tree now: an unknown function or operator is refused there.
    return Expression(as_str(d["text"]), tree, functions)


def _call_names(node: syntax.Node) -> frozenset[str]:
    found: set[str] = set()
    stack: list[syntax.Node] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, syntax.Call):
            found.add(item.name)
            stack.extend(item.args)
        elif isinstance(item, syntax.Binary):
            stack.extend((item.left, item.right))
        elif isinstance(item, syntax.Negate):
            stack.append(item.operand)
        elif isinstance(item, syntax.Path):
            for step in item.steps:
                stack.extend(step.predicates)
            if item.filter is not None:
                stack.append(item.filter)
            stack.extend(item.filter_predicates)
    return frozenset(found)


_PATH_STARTS = frozenset({"root", "context", "filter"})


def _read_node(data: Any) -> syntax.Node:
    items = as_list(data)
    tag = items[0]
    if tag == "literal" and len(items) == 2:
        return syntax.Literal(as_str(items[1]))
    if tag == "number" and len(items) == 2:
        value = items[1]
        if type(value) is not float:
            raise Rejected("number")
        return syntax.Number(value)
    if tag == "binary" and len(items) == 4:
        return syntax.Binary(as_str(items[1]), _read_node(items[2]), _read_node(items[3]))
    if tag == "negate" and len(items) == 2:
        return syntax.Negate(_read_node(items[1]))
    if tag == "call" and len(items) == 4:
        args = tuple(_read_node(a) for a in as_list(items[2]))
        return syntax.Call(as_str(items[1]), args, as_int(items[3]))
    if tag == "path" and len(items) == 5:
        start = as_str(items[1])
        if start not in _PATH_STARTS:
            raise Rejected("path start")
        steps = []
        for step in as_list(items[2]):
            axis, test, predicates = as_list(step)
            if as_str(axis) not in syntax.AXES:
                raise Rejected("axis")
            steps.append(
                syntax.Step(axis, as_str(test), tuple(_read_node(p) for p in as_list(predicates)))
            )
        filter_node = None if items[3] is None else _read_node(items[3])
        return syntax.Path(
            start, tuple(steps), filter_node, tuple(_read_node(p) for p in as_list(items[4]))
        )
    raise Rejected(f"node {tag!r}")
