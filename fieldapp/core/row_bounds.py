"""How big a row may be: bounds a rogue laptop's valid, signed rows must stay within.

An enrolled laptop (gone rogue, or held by a thief before the supervisor revokes it) signs
rows that pass every other rule; whatever a merge takes reaches the supervisor and,
through her package, every laptop. These bounds keep one such package from making the
study unusable, and each is far above what fieldwork writes: the study forms' longest
interview, with long answers and dozens of repeat entries, is a few hundred kilobytes.

The same bounds hold where rows are written (``check_new_revision``, ``check_new_event``:
the store's one revision writer and its event writer call them), so a laptop running
fieldapp never writes a row its own merge would refuse; ``validate`` applies them, as SQL
and in its answers walk, to every incoming row and to a whole database (``fieldapp
check``). Measurements behind each number: ``docs/design-notes.md``, *Bounds on valid
rows from a rogue laptop*.
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from fieldapp.core.messages import DIRECTION_CONTROLS, FieldappError, Message

MAX_TEXT_CHARS = 100_000
"""Longest text one answer or comment may hold.

The form engine's calculations stop at the same length (``xpath.functions.MAX_TEXT``); a
spreadsheet cell holds 32,767. A 100,000-character answer is some 15,000 words typed into
one field; the review window showed one in 0.1 s."""

MAX_REPEAT_INSTANCES = 1_000
"""Most repeat entries one interview's answers hold, all repeats and nesting together.

The form engine refuses to add one more (``forms.engine.MAX_INSTANCES``, the same number:
a test holds them together). 10^5 entries took 10 s to export and 10^6 would open a
window of a million rows in the supervisor's review."""

MAX_ANSWERS_CHARS = 16 * 1024 * 1024
"""Longest answers text (JSON) of one revision, and so of a sealed record.

1,000 entries with long answers stay under 4 MiB. Each revision is read whole into
memory by the review, the export and every laptop the supervisor's package reaches: a
20 MB answer took 260 MB of memory to merge and read, so 500 MB would take gigabytes."""

MAX_SEALED_BYTES = MAX_ANSWERS_CHARS * 4 + 64 * 1024
"""Longest sealed record: the answers' characters at 4 bytes each (UTF-8), plus the
record's attachments, instance name, header and wrapped key. Merge cannot read inside:
this bounds what the study key opens. Padding (``store.padding``) never takes a record
past ``MAX_ANSWERS_CHARS * 4``, so it never makes a record this bound refuses."""

MAX_PAYLOAD_CHARS = 4 * 1024 * 1024
"""Longest content (JSON) of one event: a comment of ``MAX_TEXT_CHARS`` sealed for the
study key and its laptop is under 1 MiB; a revocation lists the heads of the laptop's
interviews (37 characters each: 100,000 interviews in 4 MiB)."""

MAX_REVISIONS = 2_000
"""Most revisions one interview may have.

Finding an interview's heads compares each revision with every other (quadratic): a
chain of 2,000 took 0.9 s to merge, one of 6,000 took 13 s, on every laptop, and again
on each save of that interview. A revision is written when an interview is closed,
finalized, reopened, reviewed or resolved, not on each answer: a few dozen in real use."""

MAX_JSON_DEPTH = 256
"""Deepest nesting of lists and objects in an event's content or a sealed record.

What fieldapp writes nests two levels a repeat inside a few more; a form's repeats nest
at most 100 deep (``xform.too_deep``), so no interview's answers reach 210. Python's
parser, which reads each event and each opened record, stops near 1,000 levels with an
error no one can read ("maximum recursion depth exceeded"), counted from wherever the
reading code already is; SQLite's own limit, 1,000, let such a row through (attack4)."""

BOUND_RULES = frozenset(
    {
        "rows.payload_too_deep",
        "rows.attachment_name_too_long",
        "rows.text_too_long",
        "rows.comment_too_long",
        "rows.too_many_instances",
        "rows.answers_too_large",
        "rows.label_too_long",
        "rows.payload_too_large",
        "rows.too_many_revisions",
    }
)
"""The ``rows.*`` rules of these bounds: a merge refuses them as a valid row too big."""

ID_GLOB = "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12))
"""A row's id as fieldapp makes them (a lowercase UUID), as a GLOB pattern: merge refuses any
other (``rows.bad_id``, an id names files); ``is_made_id`` asks the same in Python."""


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_too_deep(text: str | bytes, most: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON ``text`` nests lists and objects more than ``most`` deep.

    Read without parsing (the parser is what a deep text breaks): brackets inside strings
    do not count. A text with no more than ``most`` brackets, as every row fieldapp writes,
    is answered at once."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if text.count("[") + text.count("{") <= most:
        return False
    depth = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            if depth > most:
                return True
        else:
            depth -= 1
    return False


def is_made_id(value: str) -> bool:
    """Whether ``value`` is an id fieldapp could have made (``ID_GLOB``)."""
    return fnmatch.fnmatchcase(value, ID_GLOB)


MAX_LABEL_CHARS = 1_000
"""Longest author, device, instance name, interviewer, city or other label of a row.

Labels are what lists, queues and summaries show on one line: the review window took
2.8 GB of memory and 2.8 s to show one interview whose instance name was 100,000
characters (0.9 GB at 30,000), and 20 MB more than a short name at 1,000. The store
cuts an instance name (a label made by the form from answers) to this length."""

TEXT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "submissions": ("form_id", "created_on", "interviewer", "city", "actor_type"),
    "revisions": ("author", "device_id", "instance_name", "state"),
    "events": ("kind", "author", "device_id"),
}
"""The label columns of each table held to ``MAX_LABEL_CHARS`` (a list cell, a summary line)."""


_DIRECTION = frozenset(DIRECTION_CONTROLS)
"""Characters that turn the text around them: a name with them shows as another name."""


def name_problem(name: str) -> str | None:
    """Return why ``name`` cannot be who made a decision, or None when it can.

    ``"blank"``: nothing visible; ``"unfit"``: a line break, a control or direction
    character or a lone surrogate (bytes a terminal did not send as UTF-8); ``"long"``:
    past ``MAX_LABEL_CHARS``, which every merge refuses.
    """
    if any(
        unicodedata.category(character) in ("Cc", "Cs") or character in _DIRECTION
        for character in name
    ):
        return "unfit"
    if all(unicodedata.category(c) in ("Zs", "Cf", "Zl", "Zp") for c in name):
        return "blank"
    if len(name) > MAX_LABEL_CHARS:
        return "long"
    return None


def answers_problem(answers: Any) -> tuple[str, str] | None:
    """Return (``rows.*`` code, detail) of the first bound ``answers`` break, or None.

    ``answers`` is a parsed answers object; repeats are lists of such objects.
    """
    instances = 0
    stack: list[Mapping[str, Any]] = [answers] if isinstance(answers, Mapping) else []
    while stack:
        for key, value in stack.pop().items():
            if type(value) is str and len(value) > MAX_TEXT_CHARS:
                return "rows.text_too_long", str(key)
            if type(value) is list:
                entries = [item for item in value if isinstance(item, Mapping)]
                instances += len(entries)
                if instances > MAX_REPEAT_INSTANCES:
                    return "rows.too_many_instances", str(key)
                stack.extend(entries)
                for item in value:
                    if type(item) is str and len(item) > MAX_TEXT_CHARS:
                        return "rows.text_too_long", str(key)
    return None


def record_problem(record: Mapping[str, Any]) -> tuple[str, str] | None:
    """Return (code, detail) of the first bound an opened sealed record breaks, or None.

    Merge cannot read inside a sealed record (it has no key), so what the study key opens
    is held to the same bounds as answers in clear when it is opened.
    """
    name = record.get("instance_name")
    if isinstance(name, str) and len(name) > MAX_LABEL_CHARS:
        return "rows.label_too_long", "instance_name"
    return answers_problem(record.get("answers"))


def _refuse(code: str, detail: str, submission: str) -> FieldappError:
    return FieldappError(
        "rows.write_refused",
        submission=submission or "-",
        rule=Message(code, {"detail": detail}),
    )


def check_labels(table: str, row: Mapping[str, Any], *, submission: str) -> None:
    """Refuse a row of ``table`` whose label columns (``TEXT_COLUMNS``) are too long."""
    for column in TEXT_COLUMNS[table]:
        value = row.get(column)
        if isinstance(value, str) and len(value) > MAX_LABEL_CHARS:
            raise _refuse("rows.label_too_long", column, submission)


def check_new_revision(
    row: Mapping[str, Any], answers: Any, revisions_before: int, *, submission: str
) -> None:
    """Refuse to write a revision row a merge would refuse for a bound (``rows.write_refused``).

    ``row`` holds the columns about to be written, ``answers`` a sealed form's answers in
    clear (None: the row's own answers are read), ``revisions_before`` how many revisions
    the interview already has.
    """
    if revisions_before >= MAX_REVISIONS:
        raise _refuse("rows.too_many_revisions", str(revisions_before + 1), submission)
    check_labels("revisions", row, submission=submission)
    text = row.get("answers")
    if isinstance(text, str) and len(text) > MAX_ANSWERS_CHARS:
        raise _refuse("rows.answers_too_large", "", submission)
    sealed = row.get("sealed")
    if isinstance(sealed, bytes) and len(sealed) > MAX_SEALED_BYTES:
        raise _refuse("rows.answers_too_large", "", submission)
    files = row.get("attachments")
    if isinstance(files, str) and len(files) > MAX_LABEL_CHARS:
        import json

        if any(len(name) > MAX_LABEL_CHARS for name in json.loads(files)):
            raise _refuse("rows.attachment_name_too_long", "", submission)
    if answers is None and isinstance(text, str):
        import orjson  # what the row rules parse with: the same nesting limit

        try:
            answers = orjson.loads(text)
        except orjson.JSONDecodeError:
            answers = None  # canonical JSON of a form's answers: never (validate names it)
    if answers is not None:
        problem = answers_problem(answers)
        if problem is not None:
            raise _refuse(problem[0], problem[1], submission)


def check_new_event(event: Mapping[str, Any], comment: Any, *, submission: str) -> None:
    """Refuse to write an event a merge would refuse for a bound (``rows.write_refused``).

    ``comment`` is the comment in clear (before a sealed interview's comment is sealed).
    """
    check_labels("events", event, submission=submission)
    if isinstance(comment, str) and len(comment) > MAX_TEXT_CHARS:
        raise _refuse("rows.comment_too_long", "", submission)
    payload = event.get("payload")
    if isinstance(payload, str) and len(payload) > MAX_PAYLOAD_CHARS:
        raise _refuse("rows.payload_too_large", str(event.get("kind", "")), submission)
    if isinstance(payload, str) and json_too_deep(payload):
        raise _refuse("rows.payload_too_deep", str(event.get("kind", "")), submission)
