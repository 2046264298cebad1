"""Compiled forms on disk: a typed JSON of the ``Form`` model, so a start needs no pyxform.

Reading an XLSForm through pyxform and compiling its expressions takes about half a second
for each study form; reading the same ``Form`` back from JSON takes a few milliseconds.

The format is data only: plain JSON decoded field by field into the model's frozen
dataclasses, every type checked, expressions rebuilt from their syntax trees (through the
same compiler that checks function names and operators). Nothing is ever unpickled, so a
file someone else wrote cannot run code. An entry is found by the SHA-256 of the workbook's
bytes and says what it was compiled from (file name stem, each choice file's SHA-256), by
which fieldapp (version and ``SCHEMA``) and whether pyxform's XForm output was checked; its
body carries its own SHA-256. Any mismatch, damage or surprise makes the entry unused: the
form is compiled again and the entry rewritten, and the user never hears of it.

Two places hold entries, looked at in this order:

- the study forms fieldapp ships, compiled by ``forms/build_forms.py`` into
  ``fieldapp/study_forms/compiled/`` (package data, as trusted as the code beside it);
- the user's cache folder (platformdirs, or ``FIELDAPP_CACHE_DIR``): a 0700 folder of 0600
  files, used only while the folder and each file belong to this account and no one else
  may write them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp import __version__
from fieldapp.core.forms.model import (
    Bind,
    Choice,
    ChoiceList,
    Element,
    Form,
    Group,
    Question,
    QuestionType,
    Repeat,
)
from fieldapp.core.forms.xpath import syntax
from fieldapp.core.forms.xpath.compiler import Expression

SCHEMA = 1
"""Raise it whenever the model or this encoding changes: older entries are then rebuilt."""
FORMAT = "fieldapp-compiled-form"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
CACHE_ENV = "FIELDAPP_CACHE_DIR"

ReadFile = Callable[[str], bytes | None]


class Rejected(Exception):
    """An entry that must not be used (wrong key, version, checksum, shape or type)."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- loading a form: shipped entry, cache entry, or pyxform -------------------------------------


def load(
    content: bytes,
    filename: str,
    shown: str,
    read_file: ReadFile,
    *,
    check_xform: bool = True,
) -> Form:
    """Return the form of ``content``, from a compiled entry when a valid one exists.

    ``read_file`` gives the form's choice files by name (beside it, or kept in the store);
    ``shown`` is what messages call the form. Otherwise as ``loader`` (which compiles it,
    raising ``FormError``), and the result is written to the user's cache.
    """
    key = sha256_hex(content)
    stem = Path(filename).stem
    for folder, trusted in ((shipped_dir(), True), (cache_dir(), False)):
        if folder is None:
            continue
        data = _read_entry(folder / f"{key}.json", trusted)
        if data is None:
            continue
        try:
            return decode(
                data,
                key=key,
                stem=stem,
                source=shown,
                read_file=read_file,
                need_xform_check=check_xform,
                check_version=not trusted,
            )
        except Rejected:
            continue
    from fieldapp.core.forms.loader import load_form_bytes_from

    form = load_form_bytes_from(content, filename, shown, read_file, check_xform=check_xform)
    save(form, content, filename, xform_checked=check_xform)
    return form


def save(form: Form, content: bytes, filename: str, *, xform_checked: bool) -> None:
    """Keep ``form`` in the user's cache folder (silently nothing if it cannot be written)."""
    folder = cache_dir(create=True)
    if folder is None:
        return
    data = encode(form, content, filename, xform_checked=xform_checked)
    final = folder / f"{sha256_hex(content)}.json"
    partial = folder / f".{final.name}.{os.getpid()}.partial"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(partial, flags, 0o600)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(handle, 0o600)
            os.write(handle, data)
        finally:
            os.close(handle)
        os.replace(partial, final)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def shipped_dir() -> Path | None:
    """The compiled study forms shipped as package data (None if absent)."""
    from fieldapp.core.study import packaged_forms_dir

    folder = packaged_forms_dir() / "compiled"
    return folder if folder.is_dir() else None


def cache_dir(*, create: bool = False) -> Path | None:
    """The user's folder of compiled forms, or None when it is missing or not safely ours."""
    override = os.environ.get(CACHE_ENV)
    if override:
        folder = Path(override)
    else:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("fieldapp", appauthor=False)) / "forms"
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _owned_and_private(info):
        return None
    return folder


def _owned_and_private(info: os.stat_result) -> bool:
    """True when this account owns it and no other account may write it (POSIX)."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's profile folder is the user's alone
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _read_entry(path: Path, trusted: bool) -> bytes | None:
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        if not trusted and not _owned_and_private(info):
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


# --- the entry ------------------------------------------------------------------------------------


def encode(form: Form, content: bytes, filename: str, *, xform_checked: bool) -> bytes:
    """Return the entry of ``form`` compiled from ``content`` (its ``filename``)."""
    body = json.dumps(_form(form), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    summary = _summary_of(form)
    envelope = {
        "format": FORMAT,
        "schema": SCHEMA,
        "fieldapp": __version__,
        "workbook_sha256": sha256_hex(content),
        "stem": Path(filename).stem,
        "files": {name: sha256_hex(data) for name, data in sorted(form.files.items())},
        "xform_checked": xform_checked,
        "summary": summary,
        "checksum": _checksum(summary, body),
        "body": body,
    }
    return (json.dumps(envelope, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode()


def _summary_of(form: Form) -> dict[str, Any]:
    return {
        "form_id": form.form_id,
        "title": form.title,
        "version": form.version,
        "sealed": form.public_key is not None,
    }


def _checksum(summary: Any, body: str) -> str:
    head = json.dumps(summary, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return sha256_hex(len(head).to_bytes(8, "big") + head + body.encode("utf-8"))


@dataclass(frozen=True)
class Summary:
    """What the store records of a form, read from a shipped entry without its body."""

    form_id: str
    title: str
    version: str
    sealed: bool
    files: Mapping[str, bytes]


def shipped_summary(
    content: bytes, filename: str, read_file: ReadFile, *, check_xform: bool = True
) -> Summary | None:
    """Return the summary of the shipped entry for ``content``, or None if there is none.

    Only the entries shipped with fieldapp serve here: a store records these fields for
    good, so they come from package data, never from a folder someone else could write.
    The body is decoded later, when the form is first needed.
    """
    folder = shipped_dir()
    if folder is None:
        return None
    key = sha256_hex(content)
    data = _read_entry(folder / f"{key}.json", trusted=True)
    if data is None:
        return None
    try:
        envelope, files = _open_envelope(
            data,
            key=key,
            stem=Path(filename).stem,
            read_file=read_file,
            need_xform_check=check_xform,
            check_version=False,
        )
        summary = _dict(envelope.get("summary"))
        return Summary(
            form_id=_str(summary["form_id"]),
            title=_str(summary["title"]),
            version=_str(summary["version"]),
            sealed=_bool(summary["sealed"]),
            files=files,
        )
    except (Rejected, KeyError):
        return None


def decode(
    data: bytes,
    *,
    key: str,
    stem: str,
    source: str,
    read_file: ReadFile,
    need_xform_check: bool = False,
    check_version: bool = True,
) -> Form:
    """Return the form an entry holds, or raise ``Rejected`` if it does not fit exactly."""
    envelope, files = _open_envelope(
        data,
        key=key,
        stem=stem,
        read_file=read_file,
        need_xform_check=need_xform_check,
        check_version=check_version,
    )
    try:
        form = _read_form(json.loads(envelope["body"]), source, files)
    except Rejected:
        raise
    except Exception as error:  # any surprise in a decoded entry means: compile again
        raise Rejected(f"{type(error).__name__}: {error}") from error
    if _summary_of(form) != envelope.get("summary"):
        raise Rejected("the summary does not match the body")
    return form


def _open_envelope(
    data: bytes,
    *,
    key: str,
    stem: str,
    read_file: ReadFile,
    need_xform_check: bool,
    check_version: bool,
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Check an entry's envelope and checksum; return it and the choice files it read."""
    try:
        envelope = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise Rejected("not JSON") from error
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise Rejected("not a compiled form")
    if envelope.get("schema") != SCHEMA:
        raise Rejected("another schema")
    if check_version and envelope.get("fieldapp") != __version__:
        raise Rejected("another fieldapp")
    if envelope.get("workbook_sha256") != key or envelope.get("stem") != stem:
        raise Rejected("another workbook")
    if need_xform_check and envelope.get("xform_checked") is not True:
        raise Rejected("XForm output not checked")
    wanted = envelope.get("files")
    if not isinstance(wanted, dict):
        raise Rejected("files")
    files: dict[str, bytes] = {}
    for name, digest in wanted.items():
        found = read_file(name) if isinstance(name, str) else None
        if found is None or sha256_hex(found) != digest:
            raise Rejected("a choice file changed")
        files[name] = found
    body = envelope.get("body")
    if not isinstance(body, str) or _checksum(envelope.get("summary"), body) != envelope.get(
        "checksum"
    ):
        raise Rejected("damaged")
    return envelope, files


# --- writing the model ----------------------------------------------------------------------------


def _form(form: Form) -> dict[str, Any]:
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


def _element(element: Element, lists: Mapping[str, ChoiceList]) -> dict[str, Any]:
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
    if isinstance(element, Question):
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
    elif isinstance(element, Group):
        out["kind"] = "repeat" if isinstance(element, Repeat) else "group"
        out["children"] = [_element(child, lists) for child in element.children]
    else:
        raise TypeError(f"no encoding for {type(element).__name__}")
    return out


def _bind(bind: Bind) -> dict[str, Any]:
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


def _choice_list(value: ChoiceList) -> dict[str, Any]:
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


def _read_form(data: Any, source: str, files: dict[str, bytes]) -> Form:
    d = _dict(data)
    lists = {
        _str(name): _read_choice_list(value) for name, value in _dict(d["choice_lists"]).items()
    }
    root = _read_element(d["root"], lists)
    if type(root) is not Group:
        raise Rejected("root")
    return Form(
        form_id=_str(d["form_id"]),
        title=_str(d["title"]),
        version=_str(d["version"]),
        root=root,
        languages=tuple(_str(x) for x in _list(d["languages"])),
        default_language=_str(d["default_language"]),
        choice_lists=lists,
        instance_name=_read_expression(d["instance_name"]),
        public_key=_optional_str(d["public_key"]),
        settings=_dict(d["settings"]),
        source=source,
        files=files,
        warnings=tuple(_str(x) for x in _list(d["warnings"])),
    )


def _read_element(data: Any, lists: dict[str, ChoiceList]) -> Element:
    d = _dict(data)
    common: dict[str, Any] = {
        "name": _str(d["name"]),
        "key": _str(d["key"]),
        "path": _str(d["path"]),
        "row": _int(d["row"]),
        "labels": _texts(d["labels"]),
        "hints": _texts(d["hints"]),
        "appearance": _str(d["appearance"]),
        "parameters": _texts(d["parameters"]),
        "bind": _read_bind(d["bind"]),
        "sensitive": _optional_bool(d["sensitive"]),
        "columns": _dict(d["columns"]),
        "label_references": {
            _str(name): _expression_required(value)
            for name, value in _dict(d["label_references"]).items()
        },
    }
    kind = d["kind"]
    if kind == "question":
        choices_data = d["choices"]
        choices: ChoiceList | None = None
        if choices_data is not None:
            ref = _dict(choices_data)
            if "list" in ref:
                choices = lists[_str(ref["list"])]
            else:
                choices = _read_choice_list(ref["inline"])
        return Question(
            **common,
            type=QuestionType(_str(d["type"])),
            choices=choices,
            or_other=_bool(d["or_other"]),
            randomize=_bool(d["randomize"]),
        )
    if kind in ("group", "repeat"):
        children = tuple(_read_element(child, lists) for child in _list(d["children"]))
        return (Repeat if kind == "repeat" else Group)(**common, children=children)
    raise Rejected(f"element kind {kind!r}")


def _read_bind(data: Any) -> Bind:
    d = _dict(data)
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
    return Bind(
        **{name: _read_expression(d[name]) for name in names},
        default=_optional_str(d["default"]),
        trigger=tuple(_str(x) for x in _list(d["trigger"])),
        required_message=_texts(d["required_message"]),
        constraint_message=_texts(d["constraint_message"]),
        preload=_str(d["preload"]),
        source=_texts(d["source"]),
    )


def _read_choice_list(data: Any) -> ChoiceList:
    d = _dict(data)
    choices = tuple(
        Choice(
            name=_str(c["name"]),
            labels=_texts(c["labels"]),
            extra=_texts(c["extra"]),
        )
        for c in (_dict(item) for item in _list(d["choices"]))
    )
    return ChoiceList(
        name=_str(d["name"]),
        choices=choices,
        source_file=_optional_str(d["source_file"]),
        itext=_bool(d["itext"]),
    )


def _read_expression(data: Any) -> Expression | None:
    return None if data is None else _expression_required(data)


def _expression_required(data: Any) -> Expression:
    d = _dict(data)
    tree = _read_node(d["tree"])
    functions = frozenset(_str(name) for name in _list(d["functions"]))
    if functions != _call_names(tree):
        raise Rejected("functions")
    # Expression compiles the tree now: an unknown function or operator is refused there.
    return Expression(_str(d["text"]), tree, functions)


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
    items = _list(data)
    tag = items[0]
    if tag == "literal" and len(items) == 2:
        return syntax.Literal(_str(items[1]))
    if tag == "number" and len(items) == 2:
        value = items[1]
        if type(value) is not float:
            raise Rejected("number")
        return syntax.Number(value)
    if tag == "binary" and len(items) == 4:
        return syntax.Binary(_str(items[1]), _read_node(items[2]), _read_node(items[3]))
    if tag == "negate" and len(items) == 2:
        return syntax.Negate(_read_node(items[1]))
    if tag == "call" and len(items) == 4:
        args = tuple(_read_node(a) for a in _list(items[2]))
        return syntax.Call(_str(items[1]), args, _int(items[3]))
    if tag == "path" and len(items) == 5:
        start = _str(items[1])
        if start not in _PATH_STARTS:
            raise Rejected("path start")
        steps = []
        for step in _list(items[2]):
            axis, test, predicates = _list(step)
            if _str(axis) not in syntax.AXES:
                raise Rejected("axis")
            steps.append(
                syntax.Step(axis, _str(test), tuple(_read_node(p) for p in _list(predicates)))
            )
        filter_node = None if items[3] is None else _read_node(items[3])
        return syntax.Path(
            start, tuple(steps), filter_node, tuple(_read_node(p) for p in _list(items[4]))
        )
    raise Rejected(f"node {tag!r}")


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Rejected("expected an object")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise Rejected("expected a list")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise Rejected("expected text")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise Rejected("expected a whole number")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Rejected("expected true or false")
    return value


def _optional_bool(value: Any) -> bool | None:
    return None if value is None else _bool(value)


def _texts(value: Any) -> dict[str, str]:
    return {_str(k): _str(v) for k, v in _dict(value).items()}
