"""Merging a batch of sources (files, folders of them) the one way the CLI and the app share.

Each source is merged whole or not at all, on its own: a junk file on the USB stick is
named and refused while every good file beside it is merged. The supervisor's own package
found in a folder is skipped, not refused (it carried the reviews to the laptops).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.core.callbacks import Cancel
from fieldapp.core.interview_name import city_name
from fieldapp.core.merge import MergeReport, expand_sources, merge_database
from fieldapp.core.messages import FieldappError, default_language
from fieldapp.core.store import Store
from fieldapp.core.study import ACTOR_TYPES, actor_name, actor_rank

SAME_DATABASE = "merge.same_database"
CANCELLED = "merge.cancelled"


def is_own_package(result: object) -> bool:
    """Tell whether a source was refused only for being the target database or a copy of
    it (the supervisor's own package beside the laptops'): skipped, nothing wrong."""
    return isinstance(result, FieldappError) and result.code == SAME_DATABASE


@dataclass(frozen=True)
class Source:
    path: Path
    in_folder: bool
    """Found in a folder that was given, rather than named one by one."""


def list_sources(given: Sequence[Path], into: Path) -> list[Source]:
    """Return the files to merge: each file as given, each folder's database files."""
    sources: list[Source] = []
    for path in given:
        in_folder = path.is_dir()
        sources.extend(Source(found, in_folder) for found in expand_sources([path], exclude=into))
    return sources


@dataclass(frozen=True)
class SourceOutcome:
    source: Source
    report: MergeReport | None = None
    error: FieldappError | None = None

    @property
    def skipped(self) -> bool:
        """The target's own package found in a folder: left alone, nothing wrong."""
        return is_own_package(self.error)

    @property
    def cancelled(self) -> bool:
        """Stopped by the user while in progress: left out whole, nothing wrong with it."""
        return self.error is not None and self.error.code == CANCELLED

    @property
    def refused(self) -> bool:
        return (
            self.error is not None
            and not (self.skipped and self.source.in_folder)
            and not self.cancelled
        )


def merge_each(
    into: Store,
    sources: Sequence[Source],
    *,
    progress: Callable[[int, int, int], None] | None = None,
    finished: Callable[[int, SourceOutcome], None] | None = None,
    cancel: Cancel | None = None,
) -> list[SourceOutcome]:
    """Merge every source into ``into``, each on its own; return what became of each.

    ``progress`` gets (source index, steps done, steps in all); ``finished`` each outcome
    as it comes. Stops between sources (and inside one, untouched) once ``cancel`` is true.
    """
    outcomes: list[SourceOutcome] = []
    for index, source in enumerate(sources):
        if cancel is not None and cancel():
            break

        def step(done: int, total: int, index: int = index) -> None:
            if progress is not None:
                progress(index, done, total)

        try:
            report = merge_database(into, source.path, progress=step, cancel=cancel)
        except FieldappError as error:
            outcome = SourceOutcome(source, error=error)
        except Exception as error:  # never a traceback: a line naming that file
            unexpected = FieldappError(
                "merge.source_unexpected", path=str(source.path), error=type(error).__name__
            )
            outcome = SourceOutcome(source, error=unexpected)
        else:
            outcome = SourceOutcome(source, report=report)
        outcomes.append(outcome)
        if finished is not None:
            finished(index, outcome)
    return outcomes


@dataclass(frozen=True)
class PersonNames:
    """How a person names a database's forms and cities: a study form by its actor
    ("Civil society"), another by its title; a city by its label, else a study city by its
    name (``interview_name.CITY_NAMES``), not its code."""

    titles: Mapping[str, str] = field(default_factory=dict)
    cities: Mapping[str, str] = field(default_factory=dict)
    actors: Mapping[str, str] = field(default_factory=dict)
    """Form id -> the study's actor type it serves (``study_actors``)."""
    language: str | None = None

    def form(self, form_id: str) -> str:
        actor = self.actors.get(form_id)
        if actor:
            return actor_name(actor, self.language)
        return self.titles.get(form_id) or form_id

    def city(self, city: str) -> str:
        # A study city no form labels (a form without a city question) is named as every
        # desk names it, never by its code: the dialog and the terminal say the same.
        label = self.cities.get(city)
        return label if label and label != city else city_name(city)

    def order(self, form_id: str) -> tuple[int, str]:
        """Sort key of a form: the study's forms in its order of actors (civil society,
        government, security forces, key informant), then the others by name."""
        return actor_rank(self.actors.get(form_id, "")), self.form(form_id).casefold()


def form_titles(store: Store) -> dict[str, str]:
    """Return each form's title (its newest version's), by form id."""
    titles: dict[str, str] = {}
    for record in store.forms.records():  # by form id, newest first
        titles.setdefault(record.form_id, record.title)
    return titles


def study_actors(store: Store) -> dict[str, str]:
    """Return the actor type of each form of the study's (its newest version's
    ``actor_type``, one of ``ACTOR_TYPES``), by form id.

    The study's titles run to a hundred characters in two languages, the same for the
    first ninety; every desk names those forms by their actor instead.
    """
    from fieldapp.core.demo import actor_of

    newest: dict[str, str] = {}
    for record in store.forms.records():  # by form id, newest first
        newest.setdefault(record.form_id, record.sha256)
    actors: dict[str, str] = {}
    for form_id, sha256 in newest.items():
        try:
            actor = actor_of(store.forms.load(sha256))
        except FieldappError:  # a version this fieldapp cannot read keeps its title
            continue
        if actor in ACTOR_TYPES:
            actors[form_id] = actor
    return actors


def person_names(store: Store, language: str | None = None) -> PersonNames:
    """Return how a person names the forms and cities of ``store`` (in ``language``).

    Read in the command's own open store: one connection, each form parsed once. The
    cities' labels come from the forms' own ``city`` question; a code without one stays a
    code, and a form that cannot be read leaves every code as it is.
    """
    from fieldapp.core.export.from_store import _choices

    try:
        choices = _choices(store)
        actors = study_actors(store)
    except FieldappError:
        return PersonNames()
    lang = language or default_language()
    cities = {city: choices.city_label(city, lang) for city in choices.cities}
    return PersonNames(dict(choices.forms), cities, actors, lang)
