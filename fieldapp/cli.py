"""The command line: a thin argparse layer over the same core calls the app makes.

Every command exits 0 on success, 1 on a user error with one clear line on stderr
(never a traceback) and 2 on bad usage (argparse's own convention).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp import __version__
from fieldapp.cli_usage import UsageParser, whole_number
from fieldapp.core.messages import CATALOG, DIRECTION_CONTROLS, FieldappError, text, with_code
from fieldapp.launch import default_db_path, guarded, no_core_dumps, open_desktop

if TYPE_CHECKING:
    from fieldapp.core.known_devices import Decision, KnownDevice
    from fieldapp.core.progress import Progress
    from fieldapp.core.store import Store

Handler = Callable[[argparse.Namespace], int]


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _db_path(args: argparse.Namespace) -> Path:
    """Return the database a command's ``--db`` names, else the default one."""
    return Path(args.db) if args.db else default_db_path()


def open_to_read(db_path: Path) -> Store:
    """Open the database of a command that only reads it (``Store.open_to_read``): a
    laptop's file on the previous fieldapp is read as it is; a file older still is
    upgraded, as before."""
    from fieldapp.core.store import Store

    try:
        return Store.open_to_read(db_path)
    except FieldappError as error:
        if error.code != "store.older_schema_readonly":
            raise
    return Store.open(db_path, create=False)


# --- gui ---------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    """open the desktop app (the default command)

    Open the desktop app on a database: the interviews list, new interviews, review, merge and
    export.

    Examples:
      fieldapp
      fieldapp gui --db ~/field/supervisor.db
    """
    return open_desktop(args.db, check_start=bool(getattr(args, "check_start", False)))


# --- forms check ---------------------------------------------------------------------------


def cmd_forms_check(args: argparse.Namespace) -> int:
    """validate XLSForms and XForms (.xml); exit 1 listing every problem

    Load each XLSForm or ODK XForm (.xml) as the app would and check it: one line per form that
    loads (form id, version, questions, languages), warnings and missing translations on stderr; for
    a form that does not load, one line per problem as file:sheet:row: message, and exit 1.

    Examples:
      fieldapp forms check forms/cso.xlsx
      fieldapp forms check --json my_form.xlsx central_form.xml
    """
    from fieldapp.core.forms.file_check import check_form_files

    report = check_form_files(args.files)
    if args.json:
        _print_json(report)
    else:
        for entry in report:
            if entry["ok"]:
                line = text(
                    "forms.check_ok",
                    file=entry["file"],
                    form_id=entry["form_id"],
                    version=entry["version"] or "-",
                    questions=entry["questions"],
                    languages=", ".join(entry["languages"]),
                )
                print(line)
                # Warnings on stderr: stdout keeps its one line per form for scripts.
                for warning in (*entry["warnings"], *entry["missing_translations"]):
                    print(warning, file=sys.stderr)
            else:
                for problem in entry["problems"]:
                    print(problem["message"], file=sys.stderr)
    return 0 if all(entry["ok"] for entry in report) else 1


def cmd_forms_add(args: argparse.Namespace) -> int:
    """add XLSForms (a revised study form, a form from Kobo or ODK) to a database; exit 1 if any
    is refused

    Check each XLSForm or XForm as `fieldapp forms check` does and add it to the database. A new
    version of a form already here must keep its study key (only the certified supervisor may seal
    a form or change its key, and no one may remove it) and needs a new `version` in its settings
    sheet. Each file gets one line; a refused one is named with the reason on stderr while the
    others are added. New interviews start on the newest version of each form.

    Examples:
      fieldapp forms add --db supervisor.db cso_v2.xlsx
      fieldapp forms add --json kobo_export.xlsx central_form.xml
    """
    from fieldapp.core.form_add import add_form_file, problems_of, said_added
    from fieldapp.core.store import Store

    db_path = _db_path(args)
    results: list[dict[str, Any]] = []
    with Store.open(db_path, create=False) as store:
        for name in args.files:
            try:
                added = add_form_file(store, Path(name))
            except FieldappError as error:
                problems = problems_of(error)
                results.append({"file": name, "added": False, "refused": problems})
                if not args.json:
                    print("\n".join(problems), file=sys.stderr)
                continue
            record = added.record
            results.append(
                {
                    "file": name,
                    "added": added.new,
                    "form_id": record.form_id,
                    "version": record.version,
                    "sha256": record.sha256,
                    "sealed_for": added.sealed_for,
                    "used_for_new": added.used_for_new,
                    "certify_next": added.certify_next,
                }
            )
            if not args.json:
                print("\n  ".join(said_added(store, added, name)))
    if args.json:
        _print_json({"db": str(db_path), "forms": results})
    return 0 if all("refused" not in result for result in results) else 1


def cmd_forms_seal(args: argparse.Namespace) -> int:
    """seal every form of a database that is in clear for the study's public key (a new version
    each)

    For each form whose newest version is in clear, add a version sealed for the study's public key
    (the file `fieldapp keys new` wrote beside the private key): the same workbook with public_key
    in its settings sheet and a new version. From then on its finalized interviews are sealed;
    those finalized before stay as they were. Forms already sealed are left as they are. Then
    certify this database's device (`fieldapp devices certify`) so its packages carry the sealed
    versions to the laptops.

    Examples:
      fieldapp forms seal --db supervisor.db --public-key ~/study-keys/fieldapp-study-public-key.txt
    """
    from fieldapp.core.form_add import read_public_key_file, said_sealed, seal_forms
    from fieldapp.core.store import Store

    db_path = _db_path(args)
    public_key = read_public_key_file(Path(args.public_key))
    with Store.open(db_path, create=False) as store:
        done = seal_forms(store, public_key)
        said = said_sealed(store, done, str(db_path))
    if args.json:
        _print_json(
            {
                "db": str(db_path),
                "forms": [
                    {
                        "form_id": d.form_id,
                        "sealed_version": d.added.record.version if d.added else None,
                        "sha256": d.added.record.sha256 if d.added else None,
                        "fingerprint": d.added.sealed_for if d.added else None,
                        "skipped": d.skipped.text() if d.skipped else None,
                    }
                    for d in done
                ],
            }
        )
        return 0
    print("\n".join(said))
    return 0


def cmd_forms_list(args: argparse.Namespace) -> int:
    """list the form versions a database holds, and which one new interviews start on

    List every form version the database holds (set-aside ones left out): form id, version,
    title, the study key its finalized interviews are sealed for, and which version of each form
    new interviews start on (the newest `version`).

    Examples:
      fieldapp forms list
      fieldapp forms list --db supervisor.db --json
    """
    from fieldapp.core.form_add import held_form_list

    db_path = _db_path(args)
    with open_to_read(db_path) as store:
        held = held_form_list(store)
    if args.json:
        _print_json(
            {
                "db": str(db_path),
                "forms": [
                    {
                        "form_id": f.record.form_id,
                        "version": f.record.version,
                        "title": f.record.title,
                        "sha256": f.record.sha256,
                        "added_at": f.record.added_at,
                        "sealed_for": f.sealed_for,
                        "used_for_new": f.used_for_new,
                        "retired": f.retired,
                    }
                    for f in held
                ],
            }
        )
        return 0
    if not held:
        print(text("formdesk.list_empty", path=str(db_path)))
    for f in held:
        sealed = (
            text("formdesk.list_sealed", fingerprint=f.sealed_for)
            if f.sealed_for
            else text("formdesk.list_clear")
        )
        print(
            text(
                "formdesk.list_line",
                form_id=f.record.form_id,
                version=f.record.version or "-",
                title=f.record.title,
                sealed=sealed,
                newest=text("formdesk.list_newest")
                if f.used_for_new
                else text("formdesk.list_retired")
                if f.retired
                else "",
            )
        )
    return 0


# --- keys new ------------------------------------------------------------------------------

PASSPHRASE_VARIABLE = "FIELDAPP_PASSPHRASE"


def read_passphrase(
    prompt: str, *, confirm: bool = False, variable: str = PASSPHRASE_VARIABLE
) -> str:
    """Ask for a passphrase (twice when ``confirm``); scripts set it in ``variable``."""
    from_environment = os.environ.get(variable)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise FieldappError("crypto.no_passphrase", variable=variable)
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(text("cli.passphrase_again")) != first:
        raise FieldappError("crypto.passphrase_mismatch")
    return first


def cmd_keys_new(args: argparse.Namespace) -> int:
    """make a key pair; the private key is encrypted under a passphrase you are asked twice
    (FIELDAPP_PASSPHRASE for scripts)

    Make the study key pair: fieldapp-study-private-key.pem (encrypted under a passphrase you are
    asked twice, or FIELDAPP_PASSPHRASE) and fieldapp-study-public-key.txt, whose line goes in a
    form's public_key setting so that finalized interviews are sealed. Existing key files are never
    overwritten.

    Examples:
      fieldapp keys new --out ~/study-keys
    """
    from fieldapp.core.crypto import generate_key_pair

    out = Path(args.out)
    private_path = out / "fieldapp-study-private-key.pem"
    public_path = out / "fieldapp-study-public-key.txt"
    for path in (private_path, public_path):
        if path.exists():
            raise FieldappError("crypto.key_exists", path=path)
    pair = generate_key_pair(read_passphrase(text("cli.passphrase_new"), confirm=True))
    out.mkdir(parents=True, exist_ok=True)
    _write_new_file(private_path, pair.private_pem, mode=0o600)
    _write_new_file(public_path, (pair.public_key + "\n").encode("ascii"), mode=0o644)
    if args.json:
        _print_json(
            {
                "public_key": pair.public_key,
                "fingerprint": pair.fingerprint,
                "private_key_file": str(private_path),
                "public_key_file": str(public_path),
            }
        )
    else:
        print(
            text(
                "cli.keys_made",
                private=private_path,
                public=public_path,
                fingerprint=pair.fingerprint,
            )
        )
        print(pair.public_key)
    return 0


DRAFTS_PASSPHRASE_VARIABLE = "FIELDAPP_DRAFT_PASSPHRASE"


def read_study_key(path: Path) -> Any:
    """Unlock the study's private key file (passphrase asked, or FIELDAPP_PASSPHRASE)."""
    from fieldapp.core.crypto import open_key_file, read_private_key_file

    # A missing file, or one that holds no private key, is said before the passphrase is
    # asked: typing it for the wrong file tells nothing but "wrong passphrase".
    if b"PRIVATE KEY" not in read_private_key_file(path):
        raise FieldappError("crypto.bad_private_key", path=str(path))
    passphrase = read_passphrase(text("crypto.prompt_key_passphrase"))
    return open_key_file(path, passphrase)


def unlock_drafts(store: Any) -> None:
    """Open the drafts passphrase of a store with sealed forms (FIELDAPP_DRAFT_PASSPHRASE)."""
    passphrase = read_passphrase(
        text("crypto.prompt_drafts_passphrase"),
        confirm=not store.keys.drafts_passphrase_set(),  # being set: typed twice
        variable=DRAFTS_PASSPHRASE_VARIABLE,
    )
    store.keys.unlock_drafts(passphrase)


def _write_new_file(path: Path, data: bytes, *, mode: int) -> None:
    """Write a file that must not exist yet, readable only as ``mode`` allows."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


# --- submit --------------------------------------------------------------------------------


def cmd_submit(args: argparse.Namespace) -> int:
    """store one interview's answers (JSON) after checking them against the form; exit 1 listing
    every problem, nothing written

    Check a JSON object of question name -> answer against the form (types, choices, constraints,
    relevance; required questions too with --finalize) and store it as a new interview. On any
    problem every one is listed as 'question: message' and nothing is written. A form with a
    public_key seals the interview; its draft is kept encrypted under the drafts passphrase (asked,
    or FIELDAPP_DRAFT_PASSPHRASE).

    Examples:
      fieldapp submit --db field.db --form forms/cso.xlsx --answers answers.json
      fieldapp submit --form forms/gov.xlsx --answers a.json --finalize --city tijuana
      fieldapp submit --form cso --answers answers.json
    """
    from fieldapp.core.submit_file import submit_answers_file

    db_path = _db_path(args)
    done = submit_answers_file(
        db_path,
        Path(args.form),
        Path(args.answers),
        finalize=args.finalize,
        interviewer=args.interviewer or "",
        city=args.city or "",
        actor_type=args.actor_type or "",
        unlock_drafts=unlock_drafts,
    )
    if args.json:
        _print_json(
            {
                "submission": done.submission_id,
                "revision": done.revision_id,
                "state": done.state,
                "form": done.form_sha256,
            }
        )
    else:
        print(
            text(
                "store.submitted",
                submission=done.submission_id,
                state=done.state,
                path=str(db_path),
            )
        )
    return 0


# --- demo ----------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    """fill a database with realistic synthetic interviews

    Fill a database with realistic synthetic interviews (several cities, devices, drafts, finalized
    and reopened ones, and two to four conflicts: interviews corrected on two laptops, to resolve
    under View > Conflicts) whose answers pass the forms' own logic: for trying the app, the
    exports and the benchmarks without real data.

    Examples:
      fieldapp demo --db demo.db --interviews 244
      fieldapp demo --db demo.db --interviews 50 --seed 7 --form my_form.xlsx
    """
    from fieldapp.core.demo import run_demo

    db_path = _db_path(args)
    if not args.db and not args.force:
        raise FieldappError("demo.needs_db", path=str(db_path))
    report = run_demo(
        db_path,
        args.interviews,
        seed=args.seed,
        forms=[Path(name) for name in args.form] if args.form else None,
        workers=args.workers,
        drafts_passphrase=os.environ.get(DRAFTS_PASSPHRASE_VARIABLE),
        force=args.force,
    )
    if args.json:
        _print_json({"db": str(db_path), **vars(report)})
    else:
        # each repeat by its own name, none for forms without one (not "mechanism rows")
        rows = report.repeat_rows
        said = [text("demo.repeat_rows", count=count, name=name) for name, count in rows.items()]
        if len(rows) > 3:
            said = [text("demo.repeat_rows_all", count=sum(rows.values()), repeats=len(rows))]
        figures = {**vars(report), "path": str(db_path), "repeats": len(rows)}
        print(text("demo.done", **{**figures, "repeat_rows": ", ".join(said)}))
    return 0


# --- export --------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    """export interviews for analysts: Excel, CSV with load.R, Stata or SPSS

    Export the current version of every finished interview (drafts only with --drafts). The name of
    OUT chooses the format:
      .xlsx  one typed workbook: a sheet per form and per repeat, codebook, about
      .zip   the same sheets as UTF-8 CSV files, plus load.R for R
      .dta   Stata 14+ files (one per form and repeat) with variable and value labels,
             in OUT.dta.zip with codebook.csv and about.csv
      .sav   SPSS files, the same way, in OUT.sav.zip
    Repeat rows carry _parent_key, the _key (or _submission_id) of their parent row.

    Examples:
      fieldapp export --db supervisor.db -o study.xlsx
      fieldapp export --db supervisor.db -o study.dta --lang es
      fieldapp export -o tijuana.zip --city tijuana --state approved --labels
      fieldapp export -o shareable.xlsx --deidentify --from 2026-03-01 --to 2026-03-31
    """
    from fieldapp.core.export import ExportOptions, export_workbook
    from fieldapp.core.export.groups import DEFAULT_MIN_GROUP, SMALLEST_MIN_GROUP

    if args.min_group is not None and not args.deidentify:
        raise FieldappError("export.min_group_needs_deidentify")
    if args.times is not None and not args.deidentify:
        raise FieldappError("export.times_needs_deidentify")
    if args.labels and Path(args.output).suffix.lower() in (".dta", ".sav"):
        raise FieldappError("export.labels_not_for_stats", path=args.output)
    if args.min_group is not None and args.min_group < SMALLEST_MIN_GROUP:
        raise FieldappError("export.bad_min_group", value=args.min_group)
    options = ExportOptions(
        labels=args.labels,
        language=args.lang,
        form_ids=tuple(args.form or ()),
        cities=tuple(args.city or ()),
        states=tuple(args.state or ()),
        date_from=_parse_date(args.date_from),
        date_to=_parse_date(args.date_to),
        deidentify=args.deidentify,
        drafts=args.drafts,
        times=args.times or "date",
        min_group=DEFAULT_MIN_GROUP if args.min_group is None else args.min_group,
    )
    db_path = _db_path(args)
    from fieldapp.core.export.folder import can_unpack, unpack

    if args.folder and not can_unpack(Path(args.output)):
        raise FieldappError("export.folder_not_zip", path=args.output)
    study_key = read_study_key(Path(args.key)) if args.key else None
    result = export_workbook(db_path, Path(args.output), options, study_key=study_key)
    if args.folder:
        result = dataclasses.replace(result, path=unpack(result.path))
    if args.json:
        _print_json(
            {
                "path": str(result.path),
                "interviews": result.interviews,
                "sheets": [vars(sheet) for sheet in result.sheets],
                "warnings": list(result.warnings),
                "warning_count": result.warning_count,
                "quarantined": result.quarantined,
                "recoded": [message.text() for message in result.recoded],
                "left_out": result.left_out,
                "central_copies_same": result.copies_same,
            }
        )
        return 0
    print(text("export.done", interviews=result.interviews, path=str(result.path)))
    for message in result.recoded:  # what de-identifying coarsened or left out, and why
        print(message.text())
    same = result.copies_same_said()  # Central's copies --key showed to be one interview
    if same is not None:
        print(same.text())
    _say_quarantined(result.quarantined)
    warnings = result.warnings_said()
    if warnings is not None:
        print(warnings.text(), file=sys.stderr)
    return 0


def _say_quarantined(count: int, *, stderr: bool = True) -> None:
    """Say how many quarantined rows a command left out (never a silent drop)."""
    from fieldapp.core.quarantine import skipped_line

    line = skipped_line(count)
    if line and stderr:
        print(line, file=sys.stderr)
    elif line:
        _say(line)  # under a table: wrapped as the table's other sentences


def _parse_date(value: str | None) -> Any:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FieldappError("export.bad_date", value=value) from None


def cmd_instances(args: argparse.Namespace) -> int:
    """write each interview as the OpenRosa instance XML ODK Collect would submit (DIR/<form
    id>/<submission id>.xml), for ODK Central or other OpenRosa tools

    Write every interview as the OpenRosa instance XML that ODK Collect would submit for the same
    answers: DIR/<form id>/<submission id>.xml. Sealed interviews are written only with the study
    key (--key); otherwise they are listed as skipped.

    Examples:
      fieldapp instances --db supervisor.db -o instances/
      fieldapp instances --db supervisor.db -o xml/ --form mx_border_cso --key study.pem
    """
    from fieldapp.core.export.instances import write_instances

    study_key = read_study_key(Path(args.key)) if args.key else None
    result = write_instances(
        _db_path(args), Path(args.output), form_ids=tuple(args.form or ()), study_key=study_key
    )
    if args.json:
        _print_json(
            {
                "folder": str(result.folder),
                "written": [str(path) for path in result.written],
                "skipped": result.skipped,
            }
        )
        return 0
    print(text("xform.instances_written", count=len(result.written), folder=str(result.folder)))
    for reason in result.skipped:
        print(text("xform.instance_skipped", reason=reason), file=sys.stderr)
    return 0


# --- merge and package -----------------------------------------------------------------------


def cmd_merge(args: argparse.Namespace) -> int:
    """merge other devices' databases or packages (files or folders of them) into one database;
    print per source what came in and any conflicts

    Merge devices' databases or packages into one database. A folder (a USB stick) is merged file by
    file (.fieldapp, .db, .sqlite, .sqlite3): each file whole or not at all, on its own, so a
    damaged or foreign file is named on stderr and refused while the good ones are merged; then the
    exit code is 1. Your own package found in the folder is skipped. Nothing is ever overwritten:
    edits made apart become conflicts to resolve in the app. Each file's lines are printed as soon
    as it is merged; Ctrl+C stops at once, the file in progress left out whole, and says which were
    merged (exit code 130): the same command merges the rest later.

    Examples:
      fieldapp merge --into supervisor.db /media/usb/
      fieldapp merge --into supervisor.db ana.fieldapp beto.fieldapp --json
    """
    from fieldapp.core.merge import summary_lines
    from fieldapp.core.merge_batch import (
        PersonNames,
        SourceOutcome,
        list_sources,
        merge_each,
        person_names,
    )
    from fieldapp.core.store import Store

    into_path = Path(args.into)
    # Lines for a person name forms by title and cities by label; --json keeps the codes.
    names: list[PersonNames] = []

    def said(_index: int, outcome: SourceOutcome) -> None:
        """Print what became of one source as soon as it is known: Ctrl+C on the next one
        must not leave the merged ones unsaid."""
        if args.json:
            return
        path = str(outcome.source.path)
        if outcome.report is not None:
            if not names or outcome.report.forms:  # a package may bring the first forms
                names[:] = [person_names(into)]  # the store being merged into
            lines = summary_lines(
                outcome.report,
                form_name=names[0].form,
                city_name=names[0].city,
                form_order=names[0].order,
            )
            print("\n".join(lines), flush=True)
        elif (outcome.cancelled or outcome.refused) and outcome.error is not None:
            print(f"fieldapp: {outcome.error.text()}", file=sys.stderr)
        else:
            print(text("merge.skipped_same_database", path=path), flush=True)

    with Store.open(into_path) as into:
        sources = list_sources([Path(name) for name in args.sources], into_path)
        with _stopped_by_ctrl_c() as stopped:
            outcomes = merge_each(into, sources, finished=said, cancel=stopped.is_set)
    cancelled = stopped.is_set()
    outcomes = [outcome for outcome in outcomes if not outcome.cancelled]
    refused = [outcome for outcome in outcomes if outcome.refused]
    if args.json:
        _print_json(
            {
                "into": str(into_path),
                "merged": [o.report.to_json() for o in outcomes if o.report is not None],
                "skipped": [str(o.source.path) for o in outcomes if o.error and not o.refused],
                "refused": [
                    {"path": str(o.source.path), "code": o.error.code, "message": o.error.text()}
                    for o in refused
                    if o.error is not None
                ],
                "not_merged": [str(s.path) for s in sources[len(outcomes) :]],
            }
        )
    if cancelled:
        merged = sum(outcome.report is not None for outcome in outcomes)
        left = len(sources) - len(outcomes)
        print(text("merge.cli_stopped", merged=merged, left=left), file=sys.stderr)
        return 130
    if not args.json and refused and len(refused) < len(outcomes):
        print(
            text("merge.some_refused", refused=len(refused), total=len(outcomes)),
            file=sys.stderr,
        )
    return 1 if refused else 0


def cmd_package(args: argparse.Namespace) -> int:
    """write a device package: a consistent one-file snapshot of the database for the supervisor to
    merge

    Write a device package: a consistent one-file snapshot of the database (a name without
    .fieldapp, .db or .sqlite gets .fieldapp). Open drafts of sealed forms are saved first, which
    needs the drafts passphrase (asked, or FIELDAPP_DRAFT_PASSPHRASE). Only an earlier package of
    this same database is ever replaced. In a terminal the share written is shown as it grows;
    Ctrl+C stops the copy and leaves the target folder as it was (exit code 130).

    Examples:
      fieldapp package -o /media/usb/ana
      fieldapp package --db field.db -o ana.fieldapp
    """
    from fieldapp.core.package import (
        check_target,
        has_open_drafts,
        mergeable_name,
        write_package,
    )
    from fieldapp.core.store import Store

    db_path = _db_path(args)
    output = mergeable_name(Path(args.output))
    with Store.open(db_path, create=False) as store:
        check_target(store, output)
        if (
            has_open_drafts(store) and store.keys.has_sealed_forms()
        ):  # open drafts are saved, encrypted, first
            unlock_drafts(store)
        shown = _ShareShown(str(output)) if sys.stderr.isatty() else None
        try:
            with _stopped_by_ctrl_c() as stopped:
                report = write_package(store, output, progress=shown, cancelled=stopped.is_set)
        except FieldappError as error:
            if error.code != "merge.package_cancelled":
                raise
            print(f"fieldapp: {error.text()}", file=sys.stderr)
            return 130
        finally:
            if shown is not None:
                shown.end()
    if args.json:
        _print_json(
            {"path": str(report.path), **{k: v for k, v in vars(report).items() if k != "path"}}
        )
    else:
        print(report.said())
    return 0


def _say_over(line: str) -> None:
    """Write ``line`` over the one a terminal's stderr shows (a progress line)."""
    write = getattr(sys.stderr, "unfiltered", sys.stderr.write)
    write("\r")  # back to the line's start, a control only fieldapp writes
    print(line, end="", file=sys.stderr, flush=True)


class _ShareShown:
    """The share of a package written, on one line of a terminal's stderr."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._said = -1

    def __call__(self, written: int, total: int) -> None:
        percent = written * 100 // max(total, 1)
        if percent != self._said:
            self._said = percent
            _say_over(text("cli.package_progress", path=self._path, percent=percent))

    def end(self) -> None:
        if self._said >= 0:
            print(file=sys.stderr)


class _SealedShown:
    """How many sealed versions ``check --key`` has opened of how many, on one line of a
    terminal's stderr, as the devices desk's bar counts them: the first count, the last,
    and at most ten between a second."""

    def __init__(self) -> None:
        self._said_at: float | None = None

    def __call__(self, done: int, total: int) -> None:
        if not total:
            return  # no sealed version to open: nothing long to count
        now = time.monotonic()
        if done in (0, total) or self._said_at is None or now - self._said_at >= 0.1:
            self._said_at = now
            _say_over(text("cli.check_sealed_progress", done=done, total=total))

    def end(self) -> None:
        if self._said_at is not None:
            print(file=sys.stderr)


@contextlib.contextmanager
def _stopped_by_ctrl_c() -> Iterator[threading.Event]:
    """Turn Ctrl+C into a flag the work reads, so that it stops cleanly where it is (a
    KeyboardInterrupt inside SQLite's copy would be swallowed, and the copy run to its end)."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


# --- status --------------------------------------------------------------------------------


def _versions_said(code: str, path: str, found: list[tuple[str, str, str, str]]) -> list[str]:
    """One line of ``check`` per version found (interview, revision, author, saved at)."""
    return [
        text(
            code,
            path=path,
            revision=revision,
            interview=interview,
            author=author or "-",
            day=saved[:10],
        )
        for interview, revision, author, saved in found
    ]


def cmd_check(args: argparse.Namespace) -> int:
    """list every row of a database that a merge would refuse today; exit 1 if there is any

    List every row a merge would refuse today: forms that do not load, malformed answers, events or
    sealed records, impossible dates, bad signatures. Nothing is changed, unless --quarantine sets
    the listed rows aside with a signed event that every reader and merge honours (nothing is ever
    deleted).

    With --key, sealed interviews are opened too, and those whose content is past a bound
    fieldapp never writes are listed.

    Two listed interviews carrying one instanceID, ODK Central's copy and one that did not make
    that id and says otherwise, are listed too (a claim: compare them, then set the one Central
    does not hold aside with `fieldapp review set-aside`); they change no exit code. A sealed
    claim --key shows to be one interview is said; --quarantine sets its copy aside. Listed
    too: a version written on one since set aside (a review of a forged version), left beside
    the interview's other version as a conflict to resolve. Named as well: ODK Central's copy
    set aside as the same as an interview beside it that no listed interview is today (its
    version set aside since, or not signed by its device); --quarantine takes it back. And a
    device whose rows carry two keys: rows signed in this laptop's name by another key are
    listed (--quarantine sets them aside); for another device both keys are named.

    Examples:
      fieldapp check --db supervisor.db
      fieldapp check --db supervisor.db --key study_private.pem
      fieldapp check --db supervisor.db --quarantine --reason 'forged rows' --author Rosa
    """
    import shlex

    from fieldapp.core.central.copies import (
        sealed_same,
        set_aside_for_nothing,
        settle_claims,
        standing_claims,
        take_back_set_aside_for_nothing,
    )
    from fieldapp.core.devices import may_act_for_study
    from fieldapp.core.quarantine import heads_on_set_aside, reviews_on_set_aside
    from fieldapp.core.store import Store
    from fieldapp.core.validate import check_store

    db_path = _db_path(args)
    path = str(db_path)
    study_key = read_study_key(Path(args.key)) if args.key else None
    # Only --quarantine writes: a laptop's file checked here is read as a merge reads it.
    opened = open_to_read(db_path) if not args.quarantine else Store.open(db_path, create=False)
    with opened as store:
        if study_key is not None:
            store.keys.unlock(study_key)
        shown = _SealedShown() if study_key is not None and sys.stderr.isatty() else None
        try:
            found = check_store(
                store,
                quarantine=args.quarantine,
                reason=args.reason or "",
                author=args.author,
                sealed_counted=shown,
            )
        finally:
            if shown is not None:
                shown.end()
        # Not a refused row: two listed interviews the supervisor is to compare.
        claims = standing_claims(store)
        # Nor this: a version written on one set aside, a conflict to resolve.
        on_set_aside = heads_on_set_aside(store.conn)
        # Nor this: a review that is all an interview has left, written on a version set
        # aside (unsigned6), listed as not reviewed.
        reviewed_on = reviews_on_set_aside(store.conn)
        may_set_aside = may_act_for_study(store)
        # A sealed claim the key opened here says the same (claims4): as the app's key
        # dialog, --quarantine sets the copy aside; else said, nothing written.
        same = sealed_same(store) if study_key is not None else ()
        settled = set(settle_claims(store, same)) if same and args.quarantine else set()
        # A copy set aside by a version that no longer counts (attack7): --quarantine
        # takes it back, as a merge today would have left it listed.
        aside = set_aside_for_nothing(store)
        for_nothing = list(dict.fromkeys(copy for copy, _ in aside))
        taken_back = (
            set(take_back_set_aside_for_nothing(store, author=args.author or "", found=aside))
            if for_nothing and args.quarantine
            else set()
        )
    bad, set_aside = found.bad, found.set_aside
    claimed = [
        text(
            "check.instance_claimed",
            path=path,
            instance_id=claim.instance_id,
            copy=claim.copy,
            interview=claim.interview,
            # what to run, where it may run (the review desk's button, from a terminal)
            set_aside=text(
                "check.claim_set_aside",
                db=shlex.quote(path),
                copy=claim.copy,
                interview=claim.interview,
            )
            if may_set_aside
            else text("check.claim_supervisor_only"),
        )
        for claim in claims
    ]
    written_on = _versions_said("check.written_on_set_aside", path, on_set_aside)
    review_on = _versions_said("check.review_on_set_aside", path, reviewed_on)
    copies_back = [
        text(
            "check.copy_set_aside_for_nothing",
            path=path,
            copy=copy,
            then=text("check.copy_taken_back")
            if copy in taken_back
            else text("check.copy_take_back_how", db=shlex.quote(path))
            if may_set_aside
            else text("check.copy_take_back_supervisor_only"),
        )
        for copy in for_nothing
    ]
    # Another device's two keys (attack7): which is its own is not known here, no row listed.
    two_keys = [
        text(
            "check.two_keys",
            path=path,
            device=two.device,
            fingerprints=", ".join(two.fingerprints),
        )
        for two in found.two_keys
    ]
    same_said = [
        text(
            "check.copy_same_settled" if copy in settled else "check.copy_same_listed",
            path=path,
            copy=copy,
            interview=interview,
        )
        for copy, interview in same
    ]
    if args.quarantine and bad:
        print(
            text("check.quarantined_now", path=path, count=found.quarantined_now), file=sys.stderr
        )
    if args.json:
        _print_json(
            {
                "db": path,
                "refused": [
                    {
                        "table": row.table,
                        "key": row.key,
                        "rule": row.rule,
                        "detail": row.detail,
                        "message": text(row.rule, detail=row.detail),
                    }
                    for row in bad
                ],
                "instance_id_claims": [
                    {
                        "instance_id": claim.instance_id,
                        "central_copy": claim.copy,
                        "interview": claim.interview,
                        "message": said,
                    }
                    for claim, said in zip(claims, claimed, strict=True)
                ],
                "written_on_set_aside": [
                    {"interview": interview, "revision": revision, "message": said}
                    for (interview, revision, _, _), said in zip(
                        on_set_aside, written_on, strict=True
                    )
                ],
                "review_on_set_aside": [
                    {"interview": interview, "revision": revision, "message": said}
                    for (interview, revision, _, _), said in zip(
                        reviewed_on, review_on, strict=True
                    )
                ],
                "central_copies_set_aside_for_nothing": [
                    {"central_copy": copy, "taken_back": copy in taken_back, "message": said}
                    for copy, said in zip(for_nothing, copies_back, strict=True)
                ],
                "device_two_keys": [
                    {"device": two.device, "fingerprints": list(two.fingerprints), "message": said}
                    for two, said in zip(found.two_keys, two_keys, strict=True)
                ],
                "central_copies_same": [
                    {
                        "central_copy": copy,
                        "interview": interview,
                        "set_aside": copy in settled,
                        "message": said,
                    }
                    for (copy, interview), said in zip(same, same_said, strict=True)
                ],
            }
        )
    else:
        for row in bad:
            rule = text(row.rule, detail=row.detail)
            print(text("check.bad_row", path=path, table=row.table, key=row.key, rule=rule))
        for said in [*claimed, *written_on, *review_on, *two_keys, *same_said, *copies_back]:
            print(said)
    if set_aside and not args.json:
        print(text("check.quarantined", path=path, count=set_aside))
    if not bad or args.quarantine:
        if not bad and not args.json:
            print(text("check.clean", path=path))
        return 0
    print(f"fieldapp: {text('check.found', path=path, count=len(bad))}", file=sys.stderr)
    return 1


def cmd_devices_show(args: argparse.Namespace) -> int:
    """print this database's device id and signing key fingerprint, to compare with the supervisor's
    merge summary

    Print this database's device id and the fingerprint of its signing key. The supervisor's merge
    summary shows the same fingerprint the first time it merges this laptop: compare them before
    trusting its rows.

    Examples:
      fieldapp devices show
      fieldapp devices show --db field.db --json
    """
    from fieldapp.core.devices import own_public_key
    from fieldapp.core.store.signing import fingerprint

    with open_to_read(_db_path(args)) as store:
        device, key = store.device_id, fingerprint(own_public_key(store))
    if args.json:
        _print_json({"device_id": device, "fingerprint": key})
    else:
        print(text("devices.this_device", device=device, fingerprint=key))
    return 0


def cmd_devices_certify(args: argparse.Namespace) -> int:
    """certify this database's device as the study's supervisor with the study key, so targets,
    reviews and revocations from it are accepted everywhere

    Certify this database's device as the study's supervisor. The study key's passphrase is asked
    (FIELDAPP_PASSPHRASE for scripts). From then on targets, reviews, revocations, quarantines and
    new form versions are accepted only from it.

    Examples:
      fieldapp devices certify --db supervisor.db --key study-private-key.pem --author Rosa
    """
    from fieldapp.core.devices import certify_supervisor, own_public_key
    from fieldapp.core.store import Store
    from fieldapp.core.store.signing import fingerprint

    study_key = read_study_key(Path(args.key))
    with Store.open(_db_path(args), create=False) as store:
        certify_supervisor(store, study_key, author=args.author)
        print(
            text(
                "devices.certified",
                device=store.device_id,
                fingerprint=fingerprint(own_public_key(store)),
            )
        )
    return 0


def cmd_devices_revoke(args: argparse.Namespace) -> int:
    """revoke a lost or stolen device: its new records are refused wherever this database's packages
    reach

    Revoke a device: a signed event that travels with this database's packages. Rows already held
    from that device still travel; anything newer it signs is refused wherever the revocation
    reaches. A re-installed laptop is a new device.

    Examples:
      fieldapp devices revoke 5f0c… --reason 'stolen in Tijuana' --author Rosa
    """
    from fieldapp.core.devices import revoke_device
    from fieldapp.core.store import Store

    with Store.open(_db_path(args), create=False) as store:
        revoke_device(store, args.device, reason=args.reason, author=args.author)
    print(text("devices.revoked", device=args.device))
    return 0


def cmd_devices_reinstate(args: argparse.Namespace) -> int:
    """undo a revocation made by mistake: the device's records merge again wherever this
    database's packages reach

    Reinstate a revoked device (a misclick, two laptops named alike, a laptop found again): a
    signed event naming the revocations it lifts, which travels with this database's packages. The
    records the device wrote since the revocation merge again, the package refused before too. Only
    the certified supervisor reinstates; a revocation written afterwards is in force again.

    Examples:
      fieldapp devices reinstate 5f0c… --reason 'revoked the wrong laptop' --author Rosa
      fieldapp devices reinstate 5f0c… --db supervisor.db --reason 'found in the office'
    """
    from fieldapp.core.devices import reinstate_device
    from fieldapp.core.store import Store

    with Store.open(_db_path(args), create=False) as store:
        reinstate_device(store, args.device, reason=args.reason, author=args.author)
    print(text("devices.reinstated", device=args.device))
    return 0


def cmd_devices_list(args: argparse.Namespace) -> int:
    """list the devices this database holds records of: key fingerprint, what each wrote, and
    whether it is the supervisor, revoked or reinstated

    List every device this database holds records of, this one first: its signing key's
    fingerprint, the interviews and revisions it wrote (rows set aside not counted), when it last
    saved, and its status: this laptop, the certified supervisor, a laptop, revoked (by whom, when,
    why) or reinstated (the same). As on the desktop's devices desk, sealed forms' interviews are
    left out of each device's counts and last save, and counted apart, until the study key opens
    them (--key). A device none of whose records is signed is unverified (unsigned): an older
    fieldapp's laptop or a made-up id.

    Examples:
      fieldapp devices list
      fieldapp devices list --db supervisor.db --json
      fieldapp devices list --key ~/study-keys/fieldapp-study-private-key.pem
    """
    from fieldapp.core.known_devices import known_devices

    study_key = read_study_key(Path(args.key)) if args.key else None
    # Read-only: what it hides before a key comes from notes of each form's sealing, which
    # a read-only open keeps in memory for forms merged in since (``hold_sealed_forms``).
    with open_to_read(_db_path(args)) as store:
        if study_key is not None:
            store.keys.unlock(study_key)
        # Each laptop's counts and last save of sealed interviews say when a laptop that
        # works only on the security form saved one: the desk hides them before a key too.
        listed = known_devices(store, hide_sealed=study_key is None)
    devices: list[dict[str, Any]] = [
        {
            "device_id": device.device_id,
            "fingerprint": device.fingerprint,
            "this_laptop": device.this_laptop,
            "status": status,
            "reason": said.reason if said else "",
            "by": said.author if said else "",
            "at": said.at if said else "",
            "interviews": device.interviews,
            "revisions": device.revisions,
            "last_saved": device.last_saved,
        }
        for device in listed.devices
        for status, said in [_device_status(device)]
    ]
    if args.json:
        _print_json(
            {
                "devices": devices,
                "sealed_hidden": listed.sealed_hidden,
                "quarantined": listed.quarantined,
            }
        )
        return 0
    device, fingerprint, *counted, status = text("devices.list_columns").split("|")
    # A device's id (36 characters) and its status take a line of their own, as a city
    # does in ``status``, with its figures on the line under it: one line of all six ran to
    # 106 columns (113 in Spanish, a revocation's reason further).
    ids = max((len(d["device_id"]) for d in devices), default=0)
    print(f"{device.ljust(ids)}  {status}")
    rows: list[list[str]] = []
    for d in devices:
        rows.extend([said] for said in _device_line(d["device_id"].ljust(ids), _status_text(d)))
        rows.append(
            [
                f"  {d['fingerprint'] or '-'}",
                f"{d['interviews']:,}",
                f"{d['revisions']:,}",
                str(d["last_saved"])[:16].replace("T", " ") or "-",
            ]
        )
    _print_table([f"  {fingerprint}", *counted], rows, left=(0,))
    if listed.sealed_hidden:
        _say(text("devices.cli_sealed_hidden", count=listed.sealed_hidden))
    _say_quarantined(listed.quarantined, stderr=False)
    return 0


def _device_line(device: str, status: str) -> list[str]:
    """Return a device's id and status, a revocation's reason wrapped under the status."""
    import textwrap

    return textwrap.wrap(
        f"{device}  {status}",
        TERMINAL - 1,
        subsequent_indent=" " * (len(device) + 2),
        break_on_hyphens=False,
        break_long_words=False,
    )


def _device_status(device: KnownDevice) -> tuple[str, Decision | None]:
    """Return a device's status code and the decision that says why (None: no decision)."""
    if device.revocation is not None:
        return "revoked", device.revocation
    if device.reinstatement is not None:
        return "reinstated", device.reinstatement
    if device.unverified:  # an id only unsigned rows name: not a laptop the study knows
        return "unsigned", None
    return ("supervisor" if device.supervisor else "laptop"), None


def _status_text(device: dict[str, Any]) -> str:
    """Say a listed device's status (``cmd_devices_list``'s JSON row) in a line."""
    said = text(
        f"devices.status_{device['status']}",
        reason=device["reason"],
        by=device["by"],
        day=str(device["at"])[:10],
    )
    if not device["this_laptop"]:
        return said
    if device["status"] == "laptop":  # "this laptop", not "this laptop, laptop"
        return text("devices.ui.role_this")
    return text("devices.status_this", status=said)


def cmd_status(args: argparse.Namespace) -> int:
    """print interviews per city × actor type × state against the targets, and each researcher's
    pace, median duration and share returned

    Print the fieldwork's progress, in 80 columns: interviews per city × actor type × state
    against the targets (Target: approved interviews wanted; %: the share approved; each city
    and actor type in words, the code --target takes in brackets beside a city and in a line
    under the table for the actor types), then per researcher: finalized interviews, days
    worked, pace, median duration, returned interviews and the share (%) of those finalized.
    The desk's Total, the sum of the four states, is in --json.
    --target first records a target, --clear-target first removes one (both merge like every
    other change: the latest decision wins).

    Examples:
      fieldapp status --db supervisor.db
      fieldapp status --target tijuana cso 30 --target juarez gov 20 --author Rosa
      fieldapp status --clear-target juarez gov --author Rosa
    """
    from fieldapp.core.merge_batch import person_names
    from fieldapp.core.progress import (
        RESEARCHER_COLUMNS,
        conflicts_line,
        group_codes,
        progress,
        researcher_figure,
        set_targets,
    )
    from fieldapp.core.store import Store
    from fieldapp.core.study import actor_name

    db_path = _db_path(args)
    cleared: list[tuple[str, str, None]] = []
    decided: list[tuple[str, str, str]] = []
    writes = bool(args.clear_target or args.target)
    with Store.open(db_path, create=False) if writes else open_to_read(db_path) as store:
        # a city and actor as the table names them, or their codes
        cleared = [(*group_codes(store, c, a), None) for c, a in args.clear_target or ()]
        decided = [(*group_codes(store, c, a), n) for c, a, n in args.target or ()]
        # clears first: a --target for the same city and actor is the later decision
        set_targets(store, [*cleared, *decided], author=args.author)
        figures = progress(store)
        # A person reads cities by their labels and actor types by their names; --json keeps
        # codes.
        names = None if args.json else person_names(store)
    if names is None:
        _print_json({"db": str(db_path), **figures.to_json()})
        return 0
    for city, actor, _ in cleared:
        print(text("review.target_cleared", city=names.city(city), actor=actor_name(actor)))
    for city, actor, target in decided:
        number = int(str(target).strip())  # set_targets took it as a whole number
        city, actor = names.city(city), actor_name(actor)
        print(text("review.target_set", city=city, actor=actor, target=number))
    if not figures.cells:
        print(text("review.status_empty", path=str(db_path)))
        _say_quarantined(figures.quarantined, stderr=False)
        return 0
    print(text("review.status_title", path=str(db_path)))
    _print_table(*_progress_table(figures, names.city, actor_name), left=(0,), figures_gap=1)
    actors = dict.fromkeys(cell.actor_type for cell in figures.study_grid())
    said = ", ".join(with_code(actor_name(actor), actor) for actor in actors)
    _say(text("progress.cli_codes", actors=said))
    conflicts = conflicts_line(figures.conflicts)
    if conflicts is not None:
        _say(conflicts)
    if figures.researchers:
        print()
        print(text("progress.researchers_title"))
        rows = [
            [researcher_figure(r, column, "-") for column in RESEARCHER_COLUMNS]
            for r in figures.researchers
        ]
        header = [_cli_heading(column) for column in RESEARCHER_COLUMNS]
        _print_table(_two_lines(header, rows), rows, left=(0,), figures_gap=1)
    _say_quarantined(figures.quarantined, stderr=False)
    return 0


TERMINAL = 80
"""The width a terminal table fits: a Windows console's, and most terminals' when opened."""

CELL_FIGURES = ("draft", "finalized", "returned", "approved", "target", "share")
"""The figures of ``fieldapp status``'s table: the Progress desk's (``progress.STATES``,
then the target and share) but *Total*, the sum of the four states beside it, left out so
that the table fits 80 columns in Spanish."""


def _cli_heading(column: str) -> str:
    """Return a column's heading in a terminal: the window's, but a few shorter ones whose
    long words the window gives in a tooltip and the terminal in a line under the table
    (``progress.cli_codes``)."""
    from fieldapp.core.progress import heading

    if column in ("target", "share"):
        return text(f"progress.cli_col.{column}")
    return heading(column)


def _two_lines(header: list[str], rows: list[list[str]]) -> list[str]:
    """Break each heading of several words wider than its column's figures over two lines,
    where the wider line is the narrowest (*Days* over *worked*)."""
    broken = []
    for index, said in enumerate(header):
        widest = max((len(row[index]) for row in rows if len(row) == len(header)), default=0)
        words = said.split(" ")
        if len(said) <= widest or len(words) < 2:
            broken.append(said)
            continue
        splits = [(" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(1, len(words))]
        top, bottom = min(splits, key=lambda pair: max(map(len, pair)))
        broken.append(f"{top}\n{bottom}")
    return broken


def _say(line: str) -> None:
    """Print a sentence under a table wrapped to the terminal's width, as --help is."""
    import textwrap

    print(textwrap.fill(line, TERMINAL - 1, break_on_hyphens=False))


def _progress_table(
    figures: Progress, city_name: Callable[[str], str], actor_name: Callable[[str], str]
) -> tuple[list[str], list[list[str]]]:
    """Return the heading and rows of the table of cities × actor types, for a person.

    Each city is a line of its own, with the code ``--target`` takes beside it: *Nuevo
    Laredo (nuevo_laredo)*; its actor types are the lines under it, in words, *Civil
    society*: their codes, the same under every city, are said once under the table.
    """
    from fieldapp.core.progress import STATES, heading

    header = [
        f"{heading('city')} / {heading('actor_type')}",
        *(_cli_heading(column) for column in CELL_FIGURES),
    ]
    rows: list[list[str]] = []
    city = None
    for cell in figures.study_grid():  # the Progress desk's rows
        if cell.city != city:
            city = cell.city
            rows.append([with_code(city_name(city), city)])  # a line of its own
        rows.append(
            [
                f"  {actor_name(cell.actor_type)}",
                *(str(cell.counts.get(state, 0)) for state in STATES),
                "-" if cell.target is None else str(cell.target),
                _percent(cell.share_of_target),
            ]
        )
    return header, rows


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def _print_table(
    header: list[str],
    rows: list[list[str]],
    *,
    left: Sequence[int] = (0, 1),
    fit: int | None = None,
    figures_gap: int = 2,
) -> None:
    """Print a table with its columns aligned, names left and numbers right.

    A row of one cell is a line of its own (a group's name, as the city above its actor
    types), as long as it is. Columns are two spaces apart; two columns of figures
    ``figures_gap`` (one, as ``ps`` and ``df`` print them, where a table must fit). A
    heading may be two lines (``"Days\\nworked"``), the figures under its last. With
    ``fit``, a table wider than that lifts a heading wider than its column's values
    (*Interviewer* over *TJ01*) to a line of its own above, starting where its column
    starts, so that the column is as wide as its values.
    """
    heads = [said.split("\n") for said in header]
    full = [row for row in rows if len(row) == len(header)]
    values = [max((len(row[i]) for row in full), default=0) for i in range(len(header))]
    widths = [max(value, *map(len, head)) for value, head in zip(values, heads, strict=True)]
    lifted: set[int] = set()
    gaps = [0, *(2 if {i - 1, i} & set(left) else figures_gap for i in range(1, len(heads)))]
    if fit is not None and sum(widths) + sum(gaps) > fit:
        lifted = _lifted(heads, widths, values, gaps, left)
        widths = [values[i] if i in lifted else w for i, w in enumerate(widths)]

    def line(cells: list[str]) -> str:
        return "".join(
            " " * gap + (v.ljust(w) if i in left else v.rjust(w))
            for i, (v, w, gap) in enumerate(zip(cells, widths, gaps, strict=True))
        ).rstrip()

    if lifted:  # each at its column's start, running past it
        above = ""
        for i in sorted(lifted):
            above = above.ljust(sum(widths[:i]) + sum(gaps[: i + 1])) + heads[i][0]
        print(above)
    down = [[] if i in lifted else head for i, head in enumerate(heads)]
    height = max(map(len, down))
    for at in range(height):  # a heading of fewer lines on the lowest ones
        print(line([([""] * (height - len(head)) + head)[at] for head in down]))
    for row in rows:
        if len(row) == 1 and len(header) > 1:
            print(row[0])
        else:
            print(line(row))


def _lifted(
    heads: list[list[str]],
    widths: list[int],
    values: list[int],
    gaps: list[int],
    left: Sequence[int],
) -> set[int]:
    """Return the columns whose one-line heading goes on the line above: a name column's
    (but the first's and the last's) wider than its values; one that would run into the
    previous lifted heading stays down."""
    lifted: set[int] = set()
    start, end = 0, -1
    for i, head in enumerate(heads):
        start += gaps[i]
        lift = 0 < i < len(heads) - 1 and i in left and len(head) == 1 and start > end
        if lift and len(head[0]) > values[i]:
            lifted.add(i)
            end = start + len(head[0])
        start += values[i] if i in lifted else widths[i]
    return lifted


# --- end of commands -------------------------------------------------------------------------


DB_HELP = "database file (default: FIELDAPP_DB, else fieldapp.db in the user data folder)"
JSON_HELP = "print the result as JSON instead of lines of text"
STATES_HELP = "draft, finalized, approved, returned"
EXIT_CODES = "Exit codes: 0 done; 1 a problem you can fix, said in one line on stderr; 2 bad usage."


SHARED_OPTIONS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "db": (("--db",), {"help": DB_HELP}),
    "json": (("--json",), {"action": "store_true", "help": JSON_HELP}),
    "profile": (
        ("--profile",),
        {"help": "the server profile to use (default: the only one, else 'default')"},
    ),
}
"""The options many commands take, declared once: ``_command(..., options=("db", "json"))``."""


def _described(doc: str) -> tuple[str, str, list[str]]:
    """Split a command's docstring into its one-line summary, description and examples.

    The first paragraph is the summary (the line ``fieldapp --help`` lists); the next ones,
    up to ``Examples:`` (``Ejemplos:`` in Spanish), the description, whose lines join into
    one paragraph until an indented line (a table, kept as it is); each line under
    ``Examples:`` is one example, and a deeper-indented line continues the one above.
    """
    import inspect
    import textwrap

    head, *rest = re.split(r"\n\n(?:Examples|Ejemplos):\n", inspect.cleandoc(doc), maxsplit=1)
    tail = rest[0] if rest else ""
    summary, _, body = head.partition("\n\n")
    lines: list[str] = []
    for line in body.split("\n"):
        if lines and not line.startswith(" ") and not lines[-1].startswith(" "):
            lines[-1] += f" {line}"
        else:
            lines.append(line)
    examples: list[str] = []
    for line in textwrap.dedent(tail).split("\n"):
        if line.startswith(" ") and examples:
            examples[-1] += f" {line.strip()}"
        elif line:
            examples.append(line)
    return summary.replace("\n", " "), "\n".join(lines), examples


def _said(code: str, english: str) -> str:
    """Return what ``--help`` says for ``code`` (``clihelp.*``) in the user's language.

    ``english`` is the same text as the code beside it says it (a handler's docstring, an
    option's ``help=``), for the reader of the code; the catalogue's English is held to it
    by ``tests/core/test_cli_help.py``, so that the two never drift apart.
    """
    return text(code)


class _HelpWords:
    """argparse's own words (``usage:``) in the user's language: the rest of them, the
    sections' titles and ``-h``'s help, are set on each parser by ``_localise``."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        said = f"{text('clihelp.usage')} " if prefix is None else prefix
        super().add_usage(usage, actions, groups, said)  # type: ignore[misc]


class _Formatter(_HelpWords, argparse.HelpFormatter):
    """``fieldapp --help``'s: its description wrapped to the terminal."""


class _RawFormatter(_HelpWords, argparse.RawDescriptionHelpFormatter):
    """A command's: its description wrapped by ``_add_parser``, its examples kept a line each."""


def _command_code(sub: Any, name: str) -> str:
    """Return the catalogue code of a command's ``--help`` (``clihelp.forms_check``)."""
    words = f"{sub._prog_prefix} {name}".split()[1:]
    return f"clihelp.{'_'.join(words)}"


def _add_parser(sub: Any, name: str, doc: str) -> argparse.ArgumentParser:
    """Add a command whose ``--help`` says what ``doc`` says, then shows its examples."""
    import inspect
    import textwrap

    said = _said(_command_code(sub, name), inspect.cleandoc(doc))
    summary, description, examples = _described(said)
    lines = "\n".join(f"  {example}" for example in examples)
    # Raw, to keep the examples' lines; so the prose is wrapped here (indented lines stay).
    wrapped = "\n".join(
        line if line.startswith(" ") else textwrap.fill(line, 79, break_on_hyphens=False)
        for line in description.split("\n")
    )
    exit_codes = textwrap.fill(_said("clihelp.exit_codes", EXIT_CODES), 79)
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=wrapped,
        epilog=f"{_said('clihelp.examples', 'examples:')}\n{lines}\n\n{exit_codes}",
        formatter_class=_RawFormatter,
    )
    return parser


def _localise(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> None:
    """Say every option's help of ``parser`` and its commands, and argparse's own words
    there, in the user's language (``clihelp.COMMAND.DEST``, else the group's or every
    command's ``clihelp.GROUP.DEST`` or ``clihelp.DEST``)."""
    parser._positionals.title = _said("clihelp.positionals", "positional arguments")
    parser._optionals.title = _said("clihelp.options", "options")
    codes = [f"clihelp.{'_'.join(words[:n])}." for n in range(len(words), 0, -1)]
    codes.append("clihelp.")
    for action in parser._actions:
        _localise_placeholder(action)
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                _localise(child, (*words, name))
        elif isinstance(action, argparse._HelpAction):
            action.help = _said("clihelp.help", "show this help message and exit")
        elif isinstance(action, argparse._VersionAction):
            action.help = _said("clihelp.version", "show program's version number and exit")
        elif action.help:
            code = next((c + action.dest for c in codes if c + action.dest in CATALOG), None)
            if code is None:
                raise KeyError(f"no clihelp code for {' '.join(words)} {action.dest}")
            action.help = _said(code, action.help)


def _localise_placeholder(action: argparse.Action) -> None:
    """Say the placeholder of ``action``'s value (``FILE``, ``COMMAND``) in the user's
    language (``clihelp.placeholder.WORD``), in the usage lines, the options' list and the
    errors that name it; an option without a metavar shows its ``dest`` in capitals."""
    if action.nargs == 0 or (action.choices is not None and action.metavar is None):
        return  # a flag shows no placeholder; a choice shows its choices, typed as they are
    shown = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
    words = shown if isinstance(shown, tuple) else (shown,)
    slugs = [re.sub(r"\W", "_", word.lower()) for word in words]  # KEY=TEXT: key_text
    said = tuple(
        _said(f"clihelp.placeholder.{slug}", w) for slug, w in zip(slugs, words, strict=True)
    )
    action.metavar = said if isinstance(shown, tuple) else said[0]


def _command(
    sub: Any, name: str, handler: Handler, *, options: Sequence[str] = ()
) -> argparse.ArgumentParser:
    """Add a command that ``handler`` runs, described by the handler's docstring.

    ``options`` names entries of ``SHARED_OPTIONS`` it takes (listed first in its
    ``--help``); the command adds its own options to the parser returned.
    """
    parser = _add_parser(sub, name, handler.__doc__ or "")
    for option in options:
        flags, settings = SHARED_OPTIONS[option]
        parser.add_argument(*flags, **settings)
    parser.set_defaults(handler=handler)
    return parser


def _group(sub: Any, name: str, doc: str) -> Any:
    """Add a command made of actions (``fieldapp NAME ACTION``); return where they go."""
    parser = _add_parser(sub, name, doc)
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)


FORMS_HELP = """check XLSForm files; add, list and seal the forms a database holds

Work with XLSForm files: `check` validates them, `add` adds them to a database (a revised study
form, a form from Kobo or ODK), `list` shows the form versions a database holds, `seal` adds a
version of each form in clear sealed for the study's public key.

Examples:
  fieldapp forms check forms/cso.xlsx
  fieldapp forms add --db supervisor.db cso_v2.xlsx
  fieldapp forms list
  fieldapp forms seal --public-key ~/study-keys/fieldapp-study-public-key.txt
"""


KEYS_HELP = """the study key pair that seals finalized interviews (see: fieldapp keys new --help)

Manage the study key pair. The one action is `new`.

Examples:
  fieldapp keys new --out ~/study-keys
"""


DEVICES_HELP = """the study's authority over its devices (see: fieldapp devices show --help)

Show this device's signing key, list the devices a database holds records of, certify the
supervisor's device with the study key, revoke a lost or stolen laptop, or reinstate one revoked by
mistake. Actions: show, list, certify, revoke, reinstate.

Examples:
  fieldapp devices show
  fieldapp devices list --db supervisor.db
  fieldapp devices revoke 5f0c… --reason stolen --author Rosa
  fieldapp devices reinstate 5f0c… --reason 'revoked the wrong laptop' --author Rosa
"""


FIELDAPP_HELP = (
    "Offline field interviews on XLSForms: collect, merge, review, export. Without a command, "
    "the desktop app opens. `fieldapp COMMAND --help` explains each command with examples."
)


def build_parser() -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="fieldapp",
        description=_said("clihelp.fieldapp", FIELDAPP_HELP),
        epilog=_said("clihelp.exit_codes", EXIT_CODES),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(sub, "gui", cmd_gui, options=("db",))
    p.add_argument(
        "--check-start",
        action="store_true",
        help="open the window, wait until its list and menus are ready, print how many "
        "interviews it lists and quit (checks an installation or a bundle)",
    )

    forms = _group(sub, "forms", FORMS_HELP)
    p = _command(forms, "check", cmd_forms_check, options=("json",))
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="XLSForm (.xlsx, .xls) or XForm (.xml) files"
    )
    p = _command(forms, "add", cmd_forms_add, options=("db", "json"))
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="XLSForm (.xlsx, .xls) or XForm (.xml) files"
    )
    _command(forms, "list", cmd_forms_list, options=("db", "json"))
    p = _command(forms, "seal", cmd_forms_seal, options=("db", "json"))
    p.add_argument(
        "--public-key",
        required=True,
        metavar="FILE",
        help="the study's public key file (fieldapp-study-public-key.txt from `keys new`)",
    )

    keys = _group(sub, "keys", KEYS_HELP)
    p = _command(keys, "new", cmd_keys_new, options=("json",))
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the two key files")

    p = _command(sub, "submit", cmd_submit, options=("db", "json"))
    p.add_argument(
        "--form",
        required=True,
        metavar="FORM",
        help="the XLSForm the answers fill: its file, or a study form by actor type or form id "
        "(cso, mx_border_cso)",
    )
    p.add_argument(
        "--answers",
        required=True,
        metavar="FILE.json",
        help="a JSON object of question name -> answer (group/question for grouped ones)",
    )
    p.add_argument(
        "--finalize",
        action="store_true",
        help="store it as final (then required questions must be answered too)",
    )
    p.add_argument(
        "--interviewer",
        default="",
        help="who held the interview (default: the answers' own 'interviewer')",
    )
    p.add_argument(
        "--city",
        default="",
        help="the city code of the interview, e.g. juarez, monterrey, nuevo_laredo, tijuana "
        "(default: the answers' own 'city')",
    )
    p.add_argument(
        "--actor-type",
        default="",
        help="the kind of actor interviewed: cso, gov, security, informant (default: the "
        "form's own)",
    )

    p = _command(sub, "demo", cmd_demo, options=("json",))
    p.add_argument(
        "--db",
        help="database file for the made-up interviews (the default one only with --force)",
    )
    p.add_argument("--interviews", type=whole_number, required=True, metavar="N", help="how many")
    p.add_argument(
        "--force",
        action="store_true",
        help="write into the default database, or one holding interviews the demo did not "
        "write (demo interviews look real and merge on like fieldwork)",
    )
    p.add_argument(
        "--seed", type=whole_number, default=0, help="same seed, same interviews (default 0)"
    )
    p.add_argument(
        "--form",
        action="append",
        metavar="FILE",
        help="an XLSForm to use instead of the study's four (repeat for several)",
    )
    p.add_argument(
        "--workers",
        type=whole_number,
        default=min(4, os.cpu_count() or 1),
        metavar="K",
        help="processes writing the devices' databases at once (default: the CPUs, up to 4)",
    )

    p = _command(sub, "export", cmd_export, options=("db", "json"))
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write: OUT.xlsx, OUT.zip, OUT.dta or OUT.sav (see above)",
    )
    p.add_argument(
        "--labels",
        action="store_true",
        help="select answers as labels, not codes (xlsx and zip; Stata and SPSS always "
        "carry both, as value labels)",
    )
    p.add_argument(
        "--lang",
        metavar="CODE",
        help="label language, e.g. es or en (default: each form's default language)",
    )
    p.add_argument(
        "--deidentify",
        action="store_true",
        help="leave out sensitive questions, what derives from or specifies them and free "
        "text not marked sensitive=no; random interview ids; pseudonymise interviewers and "
        "devices; moments cut to the day (see --times); then interviews no coarsening "
        "could hide, the state and review decision, exact dates and pseudonyms are left "
        "out until every group holds --min-group interviews",
    )
    p.add_argument(
        "--times",
        choices=("date", "hour"),
        default=None,
        help="with --deidentify: keep moments to the day (default) or to the hour "
        "(and interview lengths in minutes)",
    )
    p.add_argument(
        "--min-group",
        type=whole_number,
        metavar="N",
        help="with --deidentify: every combination of form, city, interviewer, dates, state "
        "and review decision holds at least N interviews (default 5, at least 2): interviews "
        "no coarsening could hide are left out first, then the state and review decision, "
        "dates (to the week, the month or none) and pseudonyms go, as the about sheet "
        "(about.csv in a zip or a folder) says",
    )
    p.add_argument(
        "--key",
        metavar="FILE",
        help="the study's private key: opens sealed interviews (passphrase asked, or "
        "FIELDAPP_PASSPHRASE for scripts); ODK Central's copy it shows to be an interview "
        "beside it is left out, and counted",
    )
    p.add_argument(
        "--form",
        action="append",
        metavar="ID",
        help="only this form id, e.g. cso, gov, security, informant (repeatable)",
    )
    p.add_argument(
        "--city",
        action="append",
        metavar="C",
        help="only this city, by code or name, e.g. tijuana or 'Ciudad Juárez' (repeatable)",
    )
    p.add_argument(
        "--state",
        action="append",
        metavar="S",
        help=f"only this state: {STATES_HELP} (repeatable; default: every state but draft)",
    )
    p.add_argument(
        "--drafts",
        action="store_true",
        help="include drafts (unfinished interviews), which are left out by default",
    )
    p.add_argument(
        "--folder",
        action="store_true",
        help="for .zip, .dta and .sav: write the files into the folder OUT without its "
        "ending (study.dta -> study/) instead of a zip; an earlier export there is replaced, "
        "a folder holding anything else is refused",
    )
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="started on or after (YYYY-MM-DD)"
    )
    p.add_argument("--to", dest="date_to", metavar="DATE", help="started on or before (YYYY-MM-DD)")

    p = _command(sub, "instances", cmd_instances, options=("db", "json"))
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")
    p.add_argument("--form", action="append", metavar="FORM_ID", help="only this form (repeatable)")
    p.add_argument("--key", metavar="FILE", help="the study's private key, for sealed interviews")

    p = _command(sub, "merge", cmd_merge, options=("json",))
    p.add_argument("--into", required=True, metavar="PATH", help="the database to merge into")
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a database, a package (.fieldapp) or a folder of them",
    )

    devices = _group(sub, "devices", DEVICES_HELP)
    p = _command(devices, "show", cmd_devices_show, options=("db", "json"))
    p = _command(devices, "list", cmd_devices_list, options=("db", "json"))
    p.add_argument(
        "--key",
        metavar="FILE",
        help="the study's private key: count sealed interviews too (passphrase asked, or "
        "FIELDAPP_PASSPHRASE for scripts)",
    )
    p = _command(devices, "certify", cmd_devices_certify, options=("db",))
    p.add_argument("--key", required=True, metavar="FILE", help="the study's private key file")
    _decider(p, "certifies")
    p = _command(devices, "revoke", cmd_devices_revoke, options=("db",))
    p.add_argument("device", metavar="DEVICE_ID", help="the device id (see the merge summary)")
    p.add_argument("--reason", required=True, help="why (lost, stolen...)")
    _decider(p, "revokes")
    p = _command(devices, "reinstate", cmd_devices_reinstate, options=("db",))
    p.add_argument("device", metavar="DEVICE_ID", help="the revoked device's id (devices list)")
    p.add_argument("--reason", required=True, help="why the revocation is undone")
    _decider(p, "reinstates")

    p = _command(sub, "check", cmd_check, options=("db", "json"))
    p.add_argument(
        "--quarantine",
        action="store_true",
        help="set every listed row aside with a signed event that every reader and merge "
        "honours (the supervisor's repair; nothing is deleted)",
    )
    p.add_argument("--reason", default="", help="why the rows are set aside (with --quarantine)")
    _decider(p, "sets them aside (with --quarantine)", needed_with=("--quarantine",))
    p.add_argument(
        "--key", metavar="FILE", help="the study's private key: open sealed interviews too"
    )

    p = _command(sub, "package", cmd_package, options=("db", "json"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the package to write")

    p = _command(sub, "status", cmd_status, options=("db", "json"))
    p.add_argument(
        "--target",
        action="append",
        nargs=3,
        metavar=("CITY", "ACTOR", "N"),
        help="first set the number N of approved interviews wanted (repeatable). CITY is a "
        "city code of the forms (the study's: juarez, monterrey, nuevo_laredo, tijuana), "
        "ACTOR an actor type (cso, gov, security, informant): the table names each in words "
        "with its code in brackets, Nuevo Laredo (nuevo_laredo), and a line under it the "
        "actor types', Civil society (cso); either the words or the code is taken, "
        "'Nuevo Laredo' 'Sociedad civil' as nuevo_laredo cso. A city or actor "
        "the database does not know is refused with the codes it knows. It is "
        "merged like every other change, the latest one winning",
    )
    p.add_argument(
        "--clear-target",
        action="append",
        nargs=2,
        metavar=("CITY", "ACTOR"),
        help="first remove the target of a city and actor type (repeatable): progress then "
        "shows no target and no share for it. Recorded and merged like a target, the latest "
        "decision winning; a city and actor without a target is refused",
    )
    _decider(p, "sets or clears the targets", needed_with=("--target", "--clear-target"))

    from fieldapp.cli_central import add_central
    from fieldapp.cli_review import add_review

    add_review(sub, _command, _group, _decider)
    add_central(sub, _command, _group)
    _localise(parser)
    return parser


def _decider(
    parser: argparse.ArgumentParser, decides: str, *, needed_with: Sequence[str] = ()
) -> None:
    """Add ``--author``: the name a decision that travels in every package is recorded
    under. Needed always, or with any of the options ``needed_with`` names; checked by
    ``_check_decider`` once the command line is read (the window asks for the same name)."""
    when = f" with {' or '.join(needed_with)}" if needed_with else ""
    parser.add_argument(
        "--author",
        default="",
        metavar="NAME",
        help=f"your name, as who {decides}: recorded with the decision and sent with every "
        f"package (required{when})",
    )
    parser.set_defaults(decider=(parser, tuple(needed_with)))


def _check_decider(args: argparse.Namespace) -> None:
    """Stop with a usage error (exit 2) when a decision would be recorded under no name, or
    under one that is not a line of printable text of a length every merge takes."""
    from fieldapp.core.row_bounds import MAX_LABEL_CHARS, name_problem

    decider = getattr(args, "decider", None)
    if decider is None:
        return
    args.author = str(args.author).strip()
    parser, needed_with = decider
    given = [o for o in needed_with if getattr(args, o.lstrip("-").replace("-", "_"), None)]
    if needed_with and not given:
        return  # nothing is decided: no name needed
    problem = name_problem(args.author)
    if problem is None:
        return
    if problem == "unfit":
        parser.error(text("cli.author_unfit"))
    if problem == "long":
        parser.error(
            text("cli.author_long", length=f"{len(args.author):,}", most=f"{MAX_LABEL_CHARS:,}")
        )
    parser.error(text("cli.author_needed", option=given[0] if given else parser.prog))


def main(argv: Sequence[str] | None = None) -> int:
    no_core_dumps()  # the bundle starts here, not in ``launch.main``
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["help"]:  # `fieldapp help export`, as git and pip take it
        arguments = [*arguments[1:], "--help"]
    # No command, or only options the app takes (`fieldapp --db FILE`): open the app.
    starts_with_option = bool(arguments) and arguments[0].startswith("-")
    if not arguments or (starts_with_option and arguments[0] not in ("-h", "--help", "--version")):
        arguments = ["gui", *arguments]
    args = parser.parse_args(arguments)
    _check_decider(args)
    handler: Handler = args.handler
    with _printable_output():
        return guarded(lambda: _said_of_its_database(handler, args))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What a terminal runs rather than shows (ESC and CSI start its commands), but a tab or a
line feed. A city, an interviewer or an author comes from other laptops' packages."""
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")
"""What a terminal laying out bidirectional text (GNOME Terminal, Konsole) turns the rest
of the line around by: ``NL01`` + U+202E showed that researcher's 12 finalized as 21."""


class _Printable:
    """A text stream that writes each control character as U+FFFD and spells out each
    direction control (``\\u202e``, which inside a JSON string is the same character): a
    hostile package's ``tij\x1b[2J\x1b]0;…`` cleared the supervisor's terminal from
    ``fieldapp status``."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        text = _CONTROL.sub("\ufffd", text)
        text = _DIRECTION.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
        return int(self._stream.write(text))

    def unfiltered(self, text: str) -> None:
        """Write fieldapp's own carriage return (the package progress line)."""
        self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def _printable_output() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    # A windowed build has no streams (None): print() then writes nothing, as it should.
    if sys.stdout is not None:
        sys.stdout = _Printable(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = _Printable(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _said_of_its_database(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command; an SQLite failure that escaped it is said of the database it works on
    (damaged, locked, unwritable), as the store's own reads say it, never as 'could not
    finish: DatabaseError'."""
    import sqlite3

    named = getattr(args, "into", None) or getattr(args, "db", None)
    path = Path(named) if named else default_db_path()
    try:
        return handler(args)
    except sqlite3.DatabaseError as error:
        from fieldapp.core.store.database import DEFAULT_TIMEOUT, translate

        said = translate(error, path, DEFAULT_TIMEOUT)
        if said is None:
            raise
        raise said from None
    finally:
        _tidy_beside(path)


def _tidy_beside(db: Path) -> None:
    """Fold in and remove the ``-wal`` and ``-shm`` a command's read-only connection left
    beside the database (an export reads read-only, so it can run beside the desktop; a
    read-only connection closing last cannot tidy them, and a de-identified export's new
    pseudonym secret stayed in the WAL): a connection that may write opens and closes it,
    and SQLite checkpoints and removes them when it closes last. A database another
    program has open keeps its files, as SQLite keeps them for it."""
    import sqlite3

    wal = db.with_name(db.name + "-wal")
    try:
        if not db.is_file() or not wal.is_file():
            return
        with contextlib.closing(sqlite3.connect(db, timeout=0)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
    except (OSError, sqlite3.Error):
        return
