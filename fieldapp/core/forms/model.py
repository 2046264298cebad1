"""The typed, immutable tree a loaded XLSForm becomes.

Answers are plain JSON: a dict keyed by each question's ``key`` (its path of names
below the enclosing repeat, or below the form root: ``org/sectors``); a repeat's key
maps to a list of such dicts, one per instance. A ``Ref`` addresses one node of an
answers dict: ``("org/sectors",)`` or ``("mechanisms", 0, "details/level")``.

Value types in answers: text/select_one/calculate/hidden/barcode/geopoint and metadata
are ``str``; integer ``int``; decimal ``float``; range ``int`` or ``float``;
select_multiple and rank ``list[str]``; date ``"YYYY-MM-DD"``; time ``"HH:MM:SS"``;
datetime ISO 8601 ``"YYYY-MM-DDTHH:MM:SS[.fff][+HH:MM]"``; acknowledge ``"OK"``;
image/audio/video/file the attachment's file name (its bytes live in the store).
An unanswered question is absent (or ``None``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum, nonmember
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from fieldapp.core.forms.dependencies import Graph
    from fieldapp.core.forms.xpath import Expression

Value: TypeAlias = str | int | float | list[str] | None
Answers: TypeAlias = dict[str, Any]
Ref: TypeAlias = tuple[str | int, ...]


def show_ref(ref: Ref) -> str:
    """Return a ref as a person reads it: ``mechanisms[1]/details/level``."""
    shown = ""
    for part in ref:
        if isinstance(part, int):
            shown += f"[{part + 1}]"
        else:
            shown += ("/" if shown else "") + part
    return shown


Labels: TypeAlias = Mapping[str, str]
"""Text per form language ("Español (es)", "English (en)"; "default" when unnamed)."""


class _Among:
    """A flag of ``QuestionType``: whether a type is one of ``types`` (named by value)."""

    def __init__(self, *types: str) -> None:
        self.types = frozenset(types)

    def __get__(self, member: object, owner: object = None) -> bool:
        return member in self.types


IDENTIFYING_METADATA = frozenset(
    {"deviceid", "username", "phonenumber", "subscriberid", "simserial", "email"}
)
"""Metadata that names the interviewer or the device: dropped from de-identified exports."""


class QuestionType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    RANGE = "range"
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    SELECT_ONE_FROM_FILE = "select_one_from_file"
    SELECT_MULTIPLE_FROM_FILE = "select_multiple_from_file"
    RANK = "rank"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    NOTE = "note"
    ACKNOWLEDGE = "acknowledge"
    CALCULATE = "calculate"
    HIDDEN = "hidden"
    GEOPOINT = "geopoint"
    GEOTRACE = "geotrace"
    GEOSHAPE = "geoshape"
    BARCODE = "barcode"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    FILE = "file"
    START = "start"
    END = "end"
    TODAY = "today"
    DEVICEID = "deviceid"
    USERNAME = "username"
    PHONENUMBER = "phonenumber"
    SUBSCRIBERID = "subscriberid"
    SIMSERIAL = "simserial"
    EMAIL = "email"
    AUDIT = "audit"
    START_GEOPOINT = "start-geopoint"
    BACKGROUND_AUDIO = "background-audio"

    # Each group of types in one place: a type's flags are read as ``kind.is_select``.
    is_select = nonmember(
        _Among(
            "select_one",
            "select_multiple",
            "select_one_from_file",
            "select_multiple_from_file",
            "rank",
        )
    )
    is_multiple = nonmember(_Among("select_multiple", "select_multiple_from_file", "rank"))
    """Questions whose answer is several choices (a ranking is an ordered one)."""
    is_attachment = nonmember(_Among("image", "audio", "video", "file", "background-audio"))
    """Questions whose answer names a file kept beside the interview."""
    is_metadata = nonmember(
        _Among(*IDENTIFYING_METADATA, "start", "end", "today", "audit", "start-geopoint")
    )
    """Filled in by the app, never asked."""


@dataclass(frozen=True)
class Choice:
    name: str
    labels: Labels
    extra: Mapping[str, str] = field(default_factory=dict)
    """Other columns of the choices sheet (used by choice filters), by column name."""

    def label(self, language: str) -> str:
        return pick_label(self.labels, language) or self.name

    @property
    def non_answer(self) -> bool:
        """Whether the form marks this choice as no answer (refused, don't know): its
        choices sheet's ``non_answer`` column says ``yes``. Exports declare such codes the
        format's missing values (SPSS user-missing, Stata ``.a``...); the code stays."""
        return self.extra.get(NON_ANSWER_COLUMN, "").strip().lower() in _YES


LABELS_SEPARATOR = "; "
"""What an export with labels writes between the labels of the choices a select_multiple
answer holds (``Salud; Seguridad``): labels hold spaces, so a space as in the codes
could not be split again. A choice label holding it reads as two (``forms check`` warns)."""

NON_ANSWER_COLUMN = "non_answer"
"""The choices sheet's column marking the codes that are no answer. XLSForm has no word
for it; pyxform, ODK and Kobo keep a choices column they do not know (it becomes a field
of the list's items), so the form loads everywhere as before."""
_YES = frozenset({"yes", "true", "1", "y"})


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]
    source_file: str | None = None
    """The CSV (beside the form) the list was read from, for *_from_file questions."""
    itext: bool = False
    """Whether ODK reads the labels from translations (itext): its ``instance()`` items
    then hold an ``itextId`` instead of a ``label``."""

    def get(self, name: str) -> Choice | None:
        for choice in self.choices:
            if choice.name == name:
                return choice
        return None


BIND_EXPRESSIONS = (
    ("relevant", "relevant"),
    ("required", "required"),
    ("constraint", "constraint"),
    ("calculate", "calculation"),
    ("readonly", "readonly"),
)
"""The XForm bind attributes that hold an expression (pyxform's bind keys too), each with
the ``Bind`` field it fills."""


@dataclass(frozen=True)
class Bind:
    """The compiled logic of one element. Expressions are compiled once, at load time."""

    relevant: Expression | None = None
    required: Expression | None = None
    constraint: Expression | None = None
    calculation: Expression | None = None
    readonly: Expression | None = None
    choice_filter: Expression | None = None
    repeat_count: Expression | None = None
    default: str | None = None
    """A literal default, or None; a dynamic default is in ``default_expression``."""
    default_expression: Expression | None = None
    trigger: tuple[str, ...] = ()
    """Keys of the questions whose change recalculates this one (XLSForm ``trigger``)."""
    required_message: Labels = field(default_factory=dict)
    constraint_message: Labels = field(default_factory=dict)
    preload: str = ""
    """What ODK fills in itself: ``uid``, ``timestamp start``, ``date today``,
    ``property deviceid``...; empty for answers a person gives."""
    source: Mapping[str, str] = field(default_factory=dict)
    """Each expression as the form's author wrote it (``${years} > 1``, ``yes``), by the
    name of its field here (``relevant``, ``constraint``...): for people to read."""


@dataclass(frozen=True)
class Element:
    name: str
    key: str
    """Path of names below the enclosing repeat (or the root): ``org/sectors``."""
    path: str
    """Absolute XPath of the element in an ODK instance: ``/data/org/sectors``."""
    row: int
    """Row on the survey sheet (1-based, as a spreadsheet shows it); 0 when generated."""
    labels: Labels = field(default_factory=dict)
    hints: Labels = field(default_factory=dict)
    appearance: str = ""
    parameters: Mapping[str, str] = field(default_factory=dict)
    bind: Bind = field(default_factory=Bind)
    sensitive: bool | None = None
    """The XLSForm ``sensitive`` column: True (yes/true), False when the form states the
    question is safe (no/false), None when it says nothing. A de-identified export drops
    free text unless it is explicitly False."""
    columns: Mapping[str, Any] = field(default_factory=dict)
    """Any other survey-sheet columns of the row, as pyxform read them."""
    label_references: Mapping[str, Expression] = field(default_factory=dict)
    """Each ``${name}`` of the labels, hints and required/constraint messages (any
    language), compiled to the node it means from here (relative inside a shared repeat):
    show the text with ``${name}`` replaced by its value."""

    def label(self, language: str) -> str:
        return pick_label(self.labels, language)

    def hint(self, language: str) -> str:
        return pick_label(self.hints, language)


@dataclass(frozen=True)
class Question(Element):
    type: QuestionType = QuestionType.TEXT
    choices: ChoiceList | None = None
    or_other: bool = False
    randomize: bool = False


@dataclass(frozen=True)
class Group(Element):
    children: tuple[Element, ...] = ()

    def walk(self) -> Iterator[Element]:
        """Yield every element below this one, depth first, in form order."""
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.walk()


@dataclass(frozen=True)
class Repeat(Group):
    """A repeat: its children's keys are relative to each instance."""

    initial: tuple[Answers, ...] | None = None
    """The instances a new interview starts with, each as its answers (an XForm's default
    instances); None: one instance with the questions' defaults (an XLSForm's)."""


@dataclass(frozen=True)
class Form:
    form_id: str
    title: str
    version: str
    root: Group
    """The root element (name ``data`` or the settings' ``name``); path ``/data``."""
    languages: tuple[str, ...]
    default_language: str
    choice_lists: Mapping[str, ChoiceList]
    instance_name: Expression | None = None
    public_key: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    """The file the form was read from (for messages)."""
    files: Mapping[str, bytes] = field(default_factory=dict)
    """The CSV choice files the form read, by file name (the store keeps them with it)."""
    warnings: tuple[str, ...] = ()
    """pyxform's warnings about the form (it loads, but something looks off)."""
    secondary: Mapping[str, Any] = field(default_factory=dict)
    """An XForm's secondary instances that are not choice lists, by id, as data trees
    (``attached.DataNode``): ``instance('towns')/towndata/data_set`` reads them."""
    caches: FormCaches = field(
        default_factory=lambda: FormCaches(), init=False, repr=False, compare=False
    )
    """What is worked out once per form (see ``FormCaches``)."""

    def walk(self) -> Iterator[Element]:
        return self.root.walk()

    def questions(self) -> Iterator[Question]:
        for element in self.walk():
            if isinstance(element, Question):
                yield element

    def element(self, path: str) -> Element:
        """Return the element at an absolute path (``/data/org/sectors``)."""
        return self._by_path()[path]

    def find(self, path: str) -> Element | None:
        """Return the element at an absolute path, or None when the form has none there."""
        return self._by_path().get(path)

    def named(self, name: str) -> Element | None:
        """Return the first element (form order) named ``name``, or None."""
        caches = self.caches
        if caches.by_name is None:
            caches.by_name = {}
            for element in self.walk():
                caches.by_name.setdefault(element.name, element)
        return caches.by_name.get(name)

    def _by_path(self) -> dict[str, Element]:
        caches = self.caches
        if caches.by_path is None:
            caches.by_path = {e.path: e for e in self.walk()}
            caches.by_path[self.root.path] = self.root
        return caches.by_path


class FormCaches:
    """What is worked out once per form and then only read (a form never changes).

    A ``Form`` is frozen; this holder is the one mutable thing it carries, never compared
    and made anew when a form is copied with ``dataclasses.replace``.
    """

    __slots__ = ("audit", "by_name", "by_path", "graph", "longest_place")

    def __init__(self) -> None:
        self.by_path: dict[str, Element] | None = None
        self.by_name: dict[str, Element] | None = None
        self.graph: Graph | None = None
        """The dependency graph (``dependencies.graph_of``)."""
        self.audit: tuple[Question | None] | None = None
        """The form's ``audit`` question, once looked up (``audit.audit_question``)."""
        self.longest_place: int | None = None
        """Bytes of the form's longest place (``place.longest_place``)."""


def form_language_for(form: Form, language: str) -> str:
    """Return the form language matching ``language`` (``"English (en)"`` for ``"en"``, in
    any case), else the form's default."""
    wanted = language.lower()
    for candidate in form.languages:
        lowered = candidate.lower()
        if lowered == wanted or lowered.endswith(f"({wanted})"):
            return candidate
    return form.default_language or (form.languages[0] if form.languages else "default")


def pick_label(labels: Labels, language: str) -> str:
    """Return the text in ``language``, else the default/unnamed one, else any."""
    if not labels:
        return ""
    if language in labels:
        return labels[language]
    for fallback in ("default",):
        if fallback in labels:
            return labels[fallback]
    return next(iter(labels.values()))
