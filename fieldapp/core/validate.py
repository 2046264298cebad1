"""Rows as this fieldapp writes them: the rules every incoming row and every stored row meet.

Merge applies them to the rows a source brings (after copying them inside its
transaction, so a refusal rolls everything back); ``fieldapp check --db`` applies them
to a whole database, to find rows an older fieldapp let in. The rules are SQL over whole
tables (a temporary table holds the names and types each form defines), so checking
150,000 revisions costs a few queries, not a Python call per row.

What a rule checks, by table:

- revisions: ``saved_at`` a timestamp, not in the future beyond ``FUTURE_TOLERANCE``;
  ``parents`` a JSON array of ids; ``attachments`` a JSON object of sha256s; an unsealed
  form's rows carry ``answers`` (a JSON object whose keys are the form's names, each
  value of its question's type, repeats as arrays of such objects) and no ``sealed``;
  a sealed form's rows carry no ``answers`` and a ``sealed`` record of the right
  structure (a draft: the drafts header; else the seal header, the form key's
  fingerprint, a wrapped key of that key's length, a nonce and a tag).
- submissions: ``created_at`` a timestamp; ``form_id`` the one of the form it names;
  the row as the device that started the interview signed it (when it was signed: an
  older fieldapp did not); ``created_on`` the device that signed its first version (a
  first version of another device is refused as a revision).
- every revision, submission and event: its ``uuid`` a UUID as fieldapp makes them
  (lowercase hex, 8-4-4-4-12), never a name with ``/`` or ``..`` a file could be given.
- events: ``at`` a timestamp; a known kind whose payload is a JSON object with the
  members its kind needs, of the right types; only study-wide kinds lack an interview.
- forms: the workbook loads (``check_forms``); the row's form id, version and title
  are the ones its workbook gives (``form_row_mismatch``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from fieldapp.core import crypto, row_bounds
from fieldapp.core.devices import (
    decided_not_by_supervisor,
    may_act_for_study,
    unverified_certificates,
)
from fieldapp.core.file_names import shown
from fieldapp.core.forms.model import Element, Form, Group, Question, QuestionType, Repeat
from fieldapp.core.messages import FieldappError
from fieldapp.core.quarantine import left_out, quarantine_rows, quarantined_sql
from fieldapp.core.store import signing
from fieldapp.core.store.content import (
    SHA256_MATCHES,
    SUBMISSION_HASHED_COLUMNS,
    canonical_sql,
    register_sha256_matches,
)
from fieldapp.core.store.sealed_comments import SEALED_KINDS

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

FUTURE_TOLERANCE_DAYS = 1.0
"""How far ahead of this computer's clock a row's time may be (clocks drift, zones differ)."""

_NUMBER_TYPES = {QuestionType.INTEGER: "integer", QuestionType.DECIMAL: "number"}
_NONCE_AND_TAG = 12 + 16
_ANSWERS_FUNCTION = "fieldapp_answers_problem"
_DEPTH_FUNCTION = "fieldapp_json_too_deep"
_ANSWERS_RULE = "answers"
"""Not a message code: the rule's detail holds the code and the detail of the problem."""
_FORMS = "temp.valid_forms"


@dataclass(frozen=True)
class BadRow:
    """A row that this fieldapp would not have written, and the rule it breaks."""

    table: str
    key: str
    rule: str
    """The rule's message code (``rows.*``)."""
    detail: str = ""


def describe(form: Form) -> list[tuple[str, str, str, str]]:
    """Return (container, key, kind, path) for every name an answers object may hold.

    ``container`` is the path of the enclosing repeat ('' at the root); ``kind`` is
    ``repeat``, ``integer``, ``number``, ``multiple`` or ``text``.
    """
    rows: list[tuple[str, str, str, str]] = []

    def walk(children: Iterable[Element], container: str) -> None:
        for element in children:
            if isinstance(element, Repeat):
                rows.append((container, element.key, "repeat", element.path))
                walk(element.children, element.path)
            elif isinstance(element, Group):
                walk(element.children, container)
            elif isinstance(element, Question):
                kind = element.type
                if kind.is_multiple:
                    name = "multiple"
                elif kind is QuestionType.RANGE:
                    name = "number"
                else:
                    name = _NUMBER_TYPES.get(kind, "text")
                rows.append((container, element.key, name, element.path))

    walk(form.root.children, "")
    return rows


def prepare(conn: sqlite3.Connection, forms: Mapping[str, Form]) -> None:
    """Give the rules what ``forms`` (by sha256) define: keys, and names and types."""
    conn.execute(f"DROP TABLE IF EXISTS {_FORMS}")
    conn.execute(
        f"CREATE TABLE {_FORMS} (sha256 PRIMARY KEY, form_id, fingerprint, wrapped, wrapped_length)"
        " WITHOUT ROWID"
    )
    shapes = AnswerShapes(forms)
    conn.create_function(_ANSWERS_FUNCTION, 2, shapes.problem, deterministic=True)
    conn.create_function(_DEPTH_FUNCTION, 1, _too_deep, deterministic=True)
    register_sha256_matches(conn)
    for sha256, form in forms.items():
        fingerprint, wrapped, length = None, None, None
        if form.public_key is not None:
            length = crypto.load_public_key(form.public_key).key_size // 8
            fingerprint = crypto.public_key_fingerprint(form.public_key)
            wrapped = length.to_bytes(2, "big")
        conn.execute(
            f"INSERT INTO {_FORMS} VALUES (?, ?, ?, ?, ?)",
            [sha256, form.form_id, fingerprint, wrapped, length],
        )


class AnswerShapes:
    """Checks an answers text against the names and types its form defines.

    Called once per row from SQL: orjson parses the text in C (strict JSON: no NaN) and a
    dict walk checks it, a fraction of what SQLite's json_each costs over the same text.
    """

    def __init__(self, forms: Mapping[str, Form]) -> None:
        self._names: dict[str, dict[str, dict[str, tuple[str, str]]]] = {}
        for sha256, form in forms.items():
            containers: dict[str, dict[str, tuple[str, str]]] = {}
            for container, key, kind, path in describe(form):
                containers.setdefault(container, {})[key] = (kind, path)
            self._names[sha256] = containers

    def problem(self, form_sha256: object, answers: object) -> str | None:
        """Return ``code\tdetail`` of the first problem of ``answers``, or None."""
        containers = self._names.get(str(form_sha256))
        if containers is None or answers is None:
            return None  # the unknown_form and storage rules name these
        if type(answers) is not str:
            return "rows.answers_not_object\t"
        try:
            value = orjson.loads(answers)
        except orjson.JSONDecodeError:
            return "rows.answers_not_object\t"
        if type(value) is not dict:
            return "rows.answers_not_object\t"
        problem = self._object(containers, containers.get("", {}), value)
        if problem is None:
            bound = row_bounds.answers_problem(value)
            if bound is not None:
                return "\t".join(bound)
        return problem

    def _object(
        self,
        containers: dict[str, dict[str, tuple[str, str]]],
        names: dict[str, tuple[str, str]],
        value: dict[str, Any],
    ) -> str | None:
        for key, item in value.items():
            found = names.get(key)
            if found is None:
                return f"rows.unknown_name\t{key}"
            kind, path = found
            if item is None or type(item) in _FITS[kind]:
                if kind == "multiple" and item is not None:
                    if any(type(choice) is not str for choice in item):
                        return f"rows.wrong_type\t{key}"
                elif kind == "repeat" and item is not None:
                    inner = containers.get(path, {})
                    for instance in item:
                        if type(instance) is not dict:
                            return f"rows.wrong_type\t{key}"
                        problem = self._object(containers, inner, instance)
                        if problem is not None:
                            return problem
                continue
            return f"rows.wrong_type\t{key}"
        return None


_FITS: Mapping[str, tuple[type, ...]] = {
    "text": (str,),
    "integer": (int,),
    "number": (int, float),
    "multiple": (list,),
    "repeat": (list,),
}
"""The JSON types each kind of name takes (``type() in``: a bool is no number)."""


def _too_deep(payload: object) -> bool:
    return isinstance(payload, str) and row_bounds.json_too_deep(payload)


def drop(conn: sqlite3.Connection) -> None:
    conn.execute(f"DROP TABLE IF EXISTS {_FORMS}")


def _timestamp_bad(column: str) -> str:
    return (
        f"(typeof({column}) <> 'text' OR {column} NOT GLOB "
        "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]*' "
        f"OR julianday({column}) IS NULL "
        f"OR julianday({column}) > julianday('now') + {FUTURE_TOLERANCE_DAYS})"
    )


def _json_bad(column: str, json_type: str) -> str:
    return (
        f"(typeof({column}) <> 'text' OR NOT json_valid({column}) "
        f"OR json_type({column}) <> '{json_type}')"
    )


def _safe(column: str, kind: str) -> str:
    """``column`` if it is valid JSON, else an empty ``kind``: json_each must not see bad JSON."""
    empty = "'[]'" if kind == "array" else "'{}'"
    return (
        f"CASE WHEN typeof({column}) = 'text' AND json_valid({column}) "
        f"THEN {column} ELSE {empty} END"
    )


_ID_RULE = (
    # Ids name files (`fieldapp instances` writes <form>/<submission id>.xml): one made of
    # "../" reached any folder of the supervisor's disk. fieldapp makes only UUIDs.
    "rows.bad_id",
    f"r.uuid NOT GLOB '{row_bounds.ID_GLOB}'",
    "substr(r.uuid, 1, 40)",
)


def _labels_too_long(table: str) -> tuple[str, str, str]:
    """The rule holding a table's label columns to ``row_bounds.MAX_LABEL_CHARS``."""
    most = row_bounds.MAX_LABEL_CHARS
    columns = row_bounds.TEXT_COLUMNS[table]
    condition = " OR ".join(f"length(r.{column}) > {most}" for column in columns)
    detail = " ".join(f"WHEN length(r.{column}) > {most} THEN '{column}'" for column in columns)
    return ("rows.label_too_long", condition, f"CASE {detail} END")


# Each table's rules: (message code, SQL condition on the row r that breaks it, SQL of the
# detail shown). One query per table tries them in order, so each row is read once.
_REVISION_RULES: tuple[tuple[str, str, str], ...] = (
    # First the bounds on size (``row_bounds``): nothing else reads a huge value.
    _labels_too_long("revisions"),
    (
        # A file's name shows on a line as a label does: a laptop's 5 MB name merged
        # (attack4), read again with every version of that interview on every laptop.
        "rows.attachment_name_too_long",
        f"length(r.attachments) > {row_bounds.MAX_LABEL_CHARS} AND EXISTS (SELECT 1 FROM "
        f"json_each({_safe('r.attachments', 'object')}) "
        f"WHERE length(key) > {row_bounds.MAX_LABEL_CHARS})",
        "''",
    ),
    _ID_RULE,
    (
        "rows.answers_too_large",
        f"length(r.answers) > {row_bounds.MAX_ANSWERS_CHARS} "
        f"OR length(r.sealed) > {row_bounds.MAX_SEALED_BYTES}",
        "''",
    ),
    ("rows.bad_time", _timestamp_bad("r.saved_at"), "r.saved_at"),
    (
        "rows.bad_parents",
        f"{_json_bad('r.parents', 'array')} OR EXISTS (SELECT 1 FROM "
        f"json_each({_safe('r.parents', 'array')}) WHERE type <> 'text')",
        "''",
    ),
    (
        "rows.bad_attachments",
        f"{_json_bad('r.attachments', 'object')} OR EXISTS (SELECT 1 FROM "
        f"json_each({_safe('r.attachments', 'object')}) "
        "WHERE type <> 'text' OR length(value) <> 64)",
        "''",
    ),
    ("rows.unknown_form", "f.sha256 IS NULL", "s.form_sha256"),
    (
        # Only the device that started an interview writes its first version: another
        # device's would vouch for a row naming it (``_listing_rules``).
        "rows.foreign_start",
        "r.parents = '[]' AND s.uuid IS NOT NULL AND r.device_id IS NOT s.created_on",
        "r.submission_uuid",
    ),
    (
        # An unsealed form's rows hold answers; a sealed form's rows only sealed bytes.
        "rows.storage",
        "(f.fingerprint IS NULL AND (r.answers IS NULL OR r.sealed IS NOT NULL)) "
        "OR (f.fingerprint IS NOT NULL AND (r.answers IS NOT NULL OR r.sealed IS NULL "
        "OR r.instance_name IS NOT NULL))",
        "r.state",
    ),
    (
        "rows.bad_sealed",
        "f.fingerprint IS NOT NULL AND (typeof(r.sealed) <> 'blob' "
        "OR CASE WHEN r.state = 'draft' "
        f"THEN substr(r.sealed, 1, 4) <> X'{crypto.DRAFT_MAGIC.hex()}' "
        f"OR length(r.sealed) < {4 + _NONCE_AND_TAG} "
        f"ELSE substr(r.sealed, 1, 4) <> X'{crypto.SEAL_MAGIC.hex()}' "
        "OR lower(hex(substr(r.sealed, 5, 8))) <> f.fingerprint "
        "OR substr(r.sealed, 13, 2) <> f.wrapped "
        f"OR length(r.sealed) < 14 + f.wrapped_length + {_NONCE_AND_TAG} END)",
        "r.state",
    ),
    # Last, and once per row: the answers against the form's names and types.
    (
        _ANSWERS_RULE,
        f"{_ANSWERS_FUNCTION}(s.form_sha256, r.answers) IS NOT NULL",
        f"{_ANSWERS_FUNCTION}(s.form_sha256, r.answers)",
    ),
)

# A submissions row (form, city, interviewer, actor type, listed without any key) is
# signed by the device that starts the interview, in the link just before its first
# version's (``revisions.insert_signed_submission``); merge refuses a package dropping
# that link, as the first version's link names it. A row an older fieldapp wrote has no
# link: only the device it names is held to the first version's signature.
_SUBMISSION_SQL = canonical_sql("r", SUBMISSION_HASHED_COLUMNS)
_LINK = (
    "SELECT {what} FROM main.signatures AS g "
    "WHERE g.row_table = 'submissions' AND g.row_uuid = r.uuid"
)


_LISTING_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "rows.listing_unsigned",
        f"EXISTS ({_LINK.format(what='1')} AND (g.device_id IS NOT r.created_on "
        f"OR NOT {SHA256_MATCHES}({_SUBMISSION_SQL}, g.row_hash)))",
        f"({_LINK.format(what='g.device_id')})",
    ),
    (
        "rows.started_elsewhere",
        "NOT EXISTS (SELECT 1 FROM main.revisions AS x WHERE x.submission_uuid = r.uuid "
        "AND x.parents = '[]' AND x.device_id = r.created_on)",
        "r.created_on",
    ),
)


LISTING_RULES = frozenset({"rows.listing_unsigned", "rows.started_elsewhere", "rows.foreign_start"})
"""The rules of a row contradicting what the device that started its interview signed."""

_SUBMISSION_RULES: tuple[tuple[str, str, str], ...] = (
    _labels_too_long("submissions"),
    _ID_RULE,
    ("rows.bad_time", _timestamp_bad("r.created_at"), "r.created_at"),
    ("rows.form_id_mismatch", "f.sha256 IS NOT NULL AND f.form_id IS NOT r.form_id", "r.form_id"),
    *_LISTING_RULES,
)

EVENT_KINDS: Mapping[str, tuple[bool, Mapping[str, str]]] = {
    # kind: (about the whole study, {member: JSON type})
    "approved": (False, {"comment": "text"}),
    "returned": (False, {"comment": "text"}),
    "comment": (False, {"comment": "text"}),
    "question_comment": (False, {"question": "text", "comment": "text"}),
    "conflict_resolved": (False, {"heads": "array", "choices": "object"}),
    # A sealed version's city and interviewer answers, where the listing shows others
    # (``store.derived.LISTING_CORRECTED``).
    "listing_corrected": (False, {"city": "text|null", "interviewer": "text|null"}),
    # A target of null clears the city and actor type's target (``progress.clear_target``).
    "target": (True, {"city": "text", "actor_type": "text", "target": "integer|null"}),
    "demo_device": (True, {"device_id": "text"}),
    "supervisor_certified": (
        True,
        {"device_id": "text", "public_key": "text", "certificate": "text"},
    ),
    "device_revoked": (True, {"device_id": "text", "reason": "text", "heads": "array"}),
    "device_reinstated": (
        True,
        {"device_id": "text", "reason": "text", "revocations": "array"},
    ),
    "form_published": (True, {"sha256": "text"}),
    "quarantine": (True, {"table": "text", "key": "text", "reason": "text"}),
    "device_key": (True, {"public_key": "text"}),
    "odk_envelope": (
        False,
        {"instance_id": "text", "deprecated_id": "text", "manifest": "text", "files": "array"},
    ),
}
"""Every kind of event this fieldapp writes and what its payload holds (a member's JSON
type, or its types as ``integer|null``)."""

SEALED_PAYLOAD: Mapping[str, str] = {
    "v": "integer",
    "nonce": "text",
    "ciphertext": "text",
    "study": "text",
}
"""What a review comment on a sealed interview holds instead (``{"sealed": {...}}``)."""


def _wrong_type(found: str, wanted: str) -> str:
    """Return SQL true when the JSON type ``found`` is none of ``wanted`` ("integer|null")."""
    if "|" not in wanted:
        return f"{found} IS NOT '{wanted}'"
    # a missing member has no type at all (SQL NULL): it is wrong too
    listed = ", ".join(f"'{one}'" for one in wanted.split("|"))
    return f"coalesce({found}, '') NOT IN ({listed})"


def _event_rules() -> tuple[tuple[str, str, str], ...]:
    kinds = ", ".join(f"'{kind}'" for kind in EVENT_KINDS)
    wide = ", ".join(f"'{kind}'" for kind, (study, _) in EVENT_KINDS.items() if study)
    sealed = " OR ".join(
        f"json_type(r.payload, '$.sealed.{name}') IS NOT '{json_type}'"
        for name, json_type in SEALED_PAYLOAD.items()
    )

    def clear(kind: str, fields: Mapping[str, str]) -> str:
        wrong = " OR ".join(
            _wrong_type(f"json_type(r.payload, '$.{name}')", json_type)
            for name, json_type in fields.items()
        )
        if kind not in SEALED_KINDS:
            return wrong
        # A reviewer's words about a sealed interview travel sealed: their envelope instead.
        return (
            f"CASE WHEN json_type(r.payload, '$.sealed') IS NOT NULL "
            f"THEN (json_type(r.payload, '$.sealed') IS NOT 'object' OR {sealed}) "
            f"ELSE ({wrong}) END"
        )

    members = " OR ".join(
        f"(r.kind = '{kind}' AND ({clear(kind, fields)}))"
        for kind, (_, fields) in EVENT_KINDS.items()
    )
    return (
        _labels_too_long("events"),
        _ID_RULE,
        (
            "rows.payload_too_large",
            f"length(r.payload) > {row_bounds.MAX_PAYLOAD_CHARS}",
            "r.kind",
        ),
        # SQLite takes JSON 1,000 levels deep; Python's parser, which reads every event,
        # gave up before: one such event made the review of its interview fail everywhere.
        ("rows.payload_too_deep", f"{_DEPTH_FUNCTION}(r.payload)", "r.kind"),
        ("rows.bad_time", _timestamp_bad("r.at"), "r.at"),
        ("rows.unknown_kind", f"r.kind NOT IN ({kinds})", "r.kind"),
        ("rows.bad_payload", _json_bad("r.payload", "object"), "r.kind"),
        (
            "rows.bad_payload",
            # A target past SQLite's integers (2^63 - 1) is read back as a real number:
            # a supervisor's table cannot show it, nor its chart scale to it.
            f"{members} OR (r.kind = 'target' AND (json_extract(r.payload, '$.target') < 0 "
            "OR typeof(json_extract(r.payload, '$.target')) = 'real'))",
            "r.kind",
        ),
        (
            # Who resolved a conflict travels with the resolution: never nobody.
            "rows.nameless_resolution",
            "r.kind = 'conflict_resolved' AND trim(coalesce(r.author, ''), "
            "' ' || char(9, 10, 13)) = ''",
            "r.submission_uuid",
        ),
        ("rows.study_wide", f"(r.submission_uuid = '') <> (r.kind IN ({wide}))", "r.kind"),
        (
            "rows.comment_too_long",
            f"length(json_extract(r.payload, '$.comment')) > {row_bounds.MAX_TEXT_CHARS}",
            "''",
        ),
    )


RULES: Mapping[str, tuple[tuple[str, str, str], ...]] = {
    "submissions": _SUBMISSION_RULES,
    "revisions": _REVISION_RULES,
    "events": _event_rules(),
}
"""The rules of each table, in the order they are tried."""

_JOINS = {
    "submissions": f"LEFT JOIN {_FORMS} AS f ON f.sha256 = r.form_sha256",
    "revisions": "LEFT JOIN main.submissions AS s ON s.uuid = r.submission_uuid "
    f"LEFT JOIN {_FORMS} AS f ON f.sha256 = s.form_sha256",
    "events": "",
}


def _query(table: str, rows: str) -> str:
    cases = " ".join(
        f"WHEN {condition} THEN '{code}' || char(9) || coalesce({detail}, '')"
        for code, condition, detail in RULES[table]
    )
    return (
        f"SELECT uuid, problem FROM (SELECT r.uuid, CASE {cases} END AS problem "
        f"FROM {rows} AS r {_JOINS[table]} WHERE r.uuid NOT IN {quarantined_sql(table)}) "
        "WHERE problem IS NOT NULL"
    )


HISTORIES = "histories"
"""The key of ``bad_rows``' ``rows`` naming the SQL of interview ids whose histories to count."""


def long_histories(conn: sqlite3.Connection, submissions: str, *, first_only: bool) -> list[BadRow]:
    """Return the interviews among ``submissions`` (SQL of ids) past ``MAX_REVISIONS``.

    Finding an interview's heads is quadratic in its revisions: one history of thousands
    slows every later save of it, on every laptop. The interview is the row to set aside.
    """
    limit = " LIMIT 1" if first_only else ""
    found = conn.execute(
        "SELECT submission_uuid, count(*) FROM main.revisions "
        f"WHERE submission_uuid IN {submissions} "
        f"AND submission_uuid NOT IN {quarantined_sql('submissions')} "
        f"GROUP BY submission_uuid HAVING count(*) > {row_bounds.MAX_REVISIONS} "
        f"ORDER BY submission_uuid{limit}"
    )
    return [BadRow("submissions", str(key), "rows.too_many_revisions", str(n)) for key, n in found]


def bad_rows(
    conn: sqlite3.Connection,
    rows: Mapping[str, str],
    *,
    first_only: bool,
) -> list[BadRow]:
    """Return the rows breaking a rule; ``rows`` gives, per table, the SQL of rows to check
    (and under ``HISTORIES`` the SQL of interview ids whose number of revisions to count).

    ``prepare`` must have described every form the rows' interviews use.
    """
    found: list[BadRow] = []
    if HISTORIES in rows:
        found += long_histories(conn, rows[HISTORIES], first_only=first_only)
        if first_only and found:
            return found
    for table in RULES:
        limit = " LIMIT 1" if first_only else ""
        for key, problem in conn.execute(_query(table, rows[table]) + limit):
            code, detail = str(problem).split("\t", 1)
            if code == _ANSWERS_RULE:
                code, detail = detail.split("\t", 1)
            found.append(BadRow(table, str(key), code, detail))
            if first_only:
                return found
    return found


def loaded_forms(
    rows: Iterable[tuple[str, str]], load: Callable[[str], Form]
) -> tuple[dict[str, Form], list[BadRow]]:
    """Load each form (sha256, form id); return those that load and a BadRow per other one."""
    forms: dict[str, Form] = {}
    bad: list[BadRow] = []
    for sha256, form_id in rows:
        try:
            form = load(sha256)
            if form.public_key is not None:
                crypto.public_key_fingerprint(form.public_key)  # a key that does not load
        except Exception:  # a hostile workbook can break the parser anywhere
            bad.append(BadRow("forms", sha256, "rows.form_unloadable", form_id))
        else:
            forms[sha256] = form
    return forms, bad


def form_row_mismatch(conn: sqlite3.Connection, sha256: str, form: Form) -> BadRow | None:
    """The rule a ``forms`` row breaks when it names another form id, version or title
    than its workbook ``form`` gives (fieldapp always writes the workbook's), else None.

    Key pinning reads the workbook's id, the form list and New interview the row's: a
    workbook in clear listed as the sealed form would become its newest version, and the
    security forces' form titled as the civil society one is the one a researcher picks.
    """
    row = conn.execute(
        "SELECT form_id, version, title FROM main.forms WHERE sha256 = ?", [sha256]
    ).fetchone()
    form_id, version, title = row
    if (form_id, version, title) != (form.form_id, form.version, form.title):
        # A workbook without an id or title takes its file name's stem for it, and the
        # forms compiled in this process are shared by content, whatever their file name:
        # the row's own file name decides.
        form = _as_stored(conn, sha256, form)
    if (form_id, version) != (form.form_id, form.version):
        return BadRow("forms", sha256, "rows.form_row_mismatch", f'"{form_id}" {version}')
    if title != form.title:
        return BadRow("forms", sha256, "rows.form_title_mismatch", shown(str(title)))
    return None


def _as_stored(conn: sqlite3.Connection, sha256: str, form: Form) -> Form:
    """Return the form its row's workbook, file name and files give (``form`` if none)."""
    from fieldapp.core.forms import compiled
    from fieldapp.core.store.form_versions import stored_form

    filename, content, files = stored_form(conn, sha256)
    try:
        return compiled.load(content, filename, filename, files.get, check_xform=False)
    except Exception:  # it loaded by its sha256 a moment ago: the rule reads that form
        return form


_CHECK_STEPS = 1_000
"""SQLite steps between two asks of a check's ``cancelled`` (as merge asks its own)."""


def check_database(
    conn: sqlite3.Connection,
    load: Callable[[str], Form],
    cancelled: Callable[[], bool] | None = None,
) -> list[BadRow]:
    """Return every row of a database that a merge would refuse today (``fieldapp check``).

    Forms that do not load come first; then each table's rows, in table order.
    ``cancelled``, asked between SQLite's steps as the rows are read, stops the check
    (``check.cancelled``); only temporary tables were written, and they are dropped.
    """
    rows = conn.execute(
        "SELECT sha256, form_id FROM main.forms "
        f"WHERE sha256 NOT IN {quarantined_sql('forms')} ORDER BY form_id, sha256"
    )
    forms, bad = loaded_forms(rows.fetchall(), load)
    bad += [m for sha256, form in forms.items() if (m := form_row_mismatch(conn, sha256, form))]
    outside = not conn.in_transaction
    prepare(conn, forms)
    try:
        every = {table: f"main.{table}" for table in RULES}
        every[HISTORIES] = "(SELECT uuid FROM main.submissions)"
        if cancelled is not None:
            conn.set_progress_handler(lambda: 1 if cancelled() else 0, _CHECK_STEPS)
        try:
            bad += bad_rows(conn, every, first_only=False)
        except sqlite3.OperationalError:
            if cancelled is not None and cancelled():
                raise FieldappError("check.cancelled") from None
            raise
        finally:
            conn.set_progress_handler(None, 0)
    finally:
        drop(conn)
        if outside and conn.in_transaction:
            conn.rollback()  # only the temporary tables were written: leave no transaction
    listed = {(row.table, row.key) for row in bad}  # a row once, under its first rule
    return bad + [row for row in unsigned_rows(conn) if (row.table, row.key) not in listed]


def unsigned_rows(conn: sqlite3.Connection) -> list[BadRow]:
    """Return the revisions and events without a link of the device they name, where that
    device signs its rows (``merge.unsigned`` refuses them in every database it reached).

    A merge takes such a row while its device has signed nothing in the target yet (an
    older fieldapp wrote it); the merge that enrols the device sets it aside where the
    database may quarantine for the study. Elsewhere (or in a database that held both
    before that rule) every reader and package of the database leaves it out
    (``quarantine.unsigned_of_signer_sql``), but only a quarantine settles it:
    ``fieldapp check`` must list it.
    """
    found: list[BadRow] = []
    for table in ("revisions", "events"):
        rows = conn.execute(
            f"SELECT x.uuid, x.device_id FROM main.{table} AS x "
            "LEFT JOIN main.signatures AS g ON g.row_table = ? AND g.row_uuid = x.uuid "
            f"WHERE x.uuid NOT IN {quarantined_sql(table)} AND g.row_uuid IS NULL "
            "AND EXISTS (SELECT 1 FROM main.signatures AS d WHERE d.device_id = x.device_id) "
            "ORDER BY x.uuid",
            [table],
        )
        found += [BadRow(table, str(key), "rows.unsigned", str(device)) for key, device in rows]
    return found


OTHER_KEY = "rows.signed_as_this_laptop"
"""The rule of a row signed in this database's own device's name by another key."""


@dataclass(frozen=True)
class TwoKeys:
    """A device whose links here carry more than one key, and which is its own is not known."""

    device: str
    fingerprints: tuple[str, ...]


def _fingerprint(public_key: object) -> str:
    try:
        return signing.fingerprint(str(public_key))
    except ValueError:
        return "?"  # not hex: a forged link (merge refuses it), still listed


def signed_by_another_key(conn: sqlite3.Connection) -> tuple[list[BadRow], list[TwoKeys]]:
    """Return the rows signed in this database's own device's name by another key than its
    own, and the other devices whose links here carry two keys or more.

    Since *(attack6)* a merge refuses a new link naming this database's device under any
    key but its own (``signing_key``), as it refuses a second key for a device whose
    links it holds. An older fieldapp took them (a forger posing as a laptop that had
    signed nothing yet): the database keeps them. Which key is the device's own is known
    here only for this database's device: a row carrying a link of it under another key,
    and none under its own, is the forger's, listed to be set aside. For any other device
    the first key a merge took decided, and the links do not say which came first (a
    package brings its rows in no order a link keeps): both keys are named, no row listed.
    """
    own = conn.execute(
        "SELECT k.device_id, k.public_key FROM main.signing_key AS k "
        "JOIN main.meta AS m ON m.key = 'device_id' AND m.value = k.device_id"
    ).fetchone()
    found: list[BadRow] = []
    if own is not None:
        device, key = str(own[0]), str(own[1])
        for table in ("submissions", "revisions", "events"):
            rows = conn.execute(
                "SELECT DISTINCT g.row_uuid FROM main.signatures AS g "
                "WHERE g.row_table = ? AND g.device_id = ? AND g.public_key <> ? "
                "AND NOT EXISTS (SELECT 1 FROM main.signatures AS h WHERE h.row_table = ? "
                "AND h.row_uuid = g.row_uuid AND h.device_id = ? AND h.public_key = ?) "
                f"AND g.row_uuid NOT IN {quarantined_sql(table)} ORDER BY g.row_uuid",
                [table, device, key, table, device, key],
            )
            found += [BadRow(table, str(uuid), OTHER_KEY, device) for (uuid,) in rows]
    two = conn.execute(
        "SELECT device_id, json_group_array(DISTINCT public_key) FROM main.signatures "
        "WHERE device_id IS NOT ? GROUP BY device_id HAVING count(DISTINCT public_key) > 1 "
        "ORDER BY device_id",
        [own[0] if own is not None else None],
    ).fetchall()
    others = [
        TwoKeys(str(device), tuple(sorted(_fingerprint(k) for k in orjson.loads(keys))))
        for device, keys in two
    ]
    return found, others


def sealed_beyond_bounds(
    store: Store,
    cancelled: Callable[[], bool] | None = None,
    counted: Callable[[int, int], None] | None = None,
) -> list[BadRow]:
    """Return the sealed revisions the unlocked study key opens to content past a bound.

    Merge takes a sealed record unread (``row_bounds.record_problem`` holds it when it is
    opened): with the key, ``fieldapp check`` finds them so they can be set aside. Each
    takes a private-key operation (about 2 ms): ``cancelled`` is asked before each, and
    ``counted`` is told (opened, in all) before the first and after each.
    """
    from fieldapp.core.store.records import RevisionId

    found: list[BadRow] = []
    rows = store.conn.execute(
        "SELECT uuid FROM main.revisions WHERE answers IS NULL AND sealed IS NOT NULL "
        f"AND substr(sealed, 1, 4) = ? AND uuid NOT IN {quarantined_sql('revisions')} "
        "ORDER BY uuid",
        [crypto.SEAL_MAGIC],
    ).fetchall()
    if counted is not None:
        counted(0, len(rows))
    for done, (uuid,) in enumerate(rows, start=1):
        if cancelled is not None and cancelled():
            raise FieldappError("check.cancelled")
        try:
            store.interviews.revision(RevisionId(uuid))
        except FieldappError as error:
            if error.code != "rows.sealed_refused":
                continue  # tampered or sealed for another key: said where it is read
            rule = error.message.params["rule"]
            found.append(BadRow("revisions", str(uuid), rule.code, rule.params["detail"]))
        finally:
            if counted is not None:
                counted(done, len(rows))
    return found


@dataclass(frozen=True)
class StoreCheck:
    """What ``fieldapp check`` found: the refused rows, those set aside now and in all."""

    bad: list[BadRow]
    quarantined_now: int
    set_aside: int
    two_keys: tuple[TwoKeys, ...] = ()
    """Devices other than this one whose links carry two keys: named, no row listed."""


def check_store(
    store: Store,
    *,
    quarantine: bool = False,
    reason: str = "",
    author: str = "",
    cancelled: Callable[[], bool] | None = None,
    sealed_counted: Callable[[int, int], None] | None = None,
) -> StoreCheck:
    """List every row a merge would refuse today; with ``quarantine``, set them aside.

    With the study key unlocked in ``store``, sealed records whose content is past a
    bound are listed too (``sealed_beyond_bounds``). ``cancelled`` (the desk's Cancel) is
    asked as the rows are read; once it says so the check stops with ``check.cancelled``
    before anything is set aside. ``sealed_counted`` is told how many sealed versions the
    key opened of how many (the long part, whose total is known; the rows' part is one
    SQLite pass without a count).

    Setting rows aside needs a ``reason`` (``check.reason_needed``): it travels with them.
    Once the study has a certified supervisor only she may (``check.not_supervisor``):
    every merge would refuse another device's quarantine, and the laptop's packages with it.
    """
    if cancelled is not None and cancelled():
        raise FieldappError("check.cancelled")
    bad = check_database(store.conn, store.forms.load, cancelled)
    listed = {(row.table, row.key) for row in bad}
    bad += [
        BadRow("events", uuid, "rows.certificate_unverified", device)
        for uuid, device in unverified_certificates(store)
        if ("events", uuid) not in listed
    ]
    listed = {(row.table, row.key) for row in bad}
    bad += [
        BadRow(table, uuid, f"rows.{table}_not_supervisor", device)
        for table, uuid, device in decided_not_by_supervisor(store)
        if (table, uuid) not in listed
    ]
    listed = {(row.table, row.key) for row in bad}
    other_key, two_keys = signed_by_another_key(store.conn)
    bad += [row for row in other_key if (row.table, row.key) not in listed]
    if store.keys.unlocked:
        listed = {(row.table, row.key) for row in bad}
        sealed = sealed_beyond_bounds(store, cancelled, sealed_counted)
        bad += [row for row in sealed if (row.table, row.key) not in listed]
    if cancelled is not None and cancelled():
        raise FieldappError("check.cancelled")
    done = 0
    if quarantine and bad:
        if not reason:
            raise FieldappError("check.reason_needed")
        if not may_act_for_study(store):
            raise FieldappError("check.not_supervisor", path=str(store.path))
        rows = [(row.table, row.key) for row in bad]
        done = quarantine_rows(store, rows, reason=reason, author=author)
    return StoreCheck(bad, done, len(left_out(store.conn)), tuple(two_keys))
