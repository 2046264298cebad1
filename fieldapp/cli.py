"""The command line: a thin argparse layer over the same core calls the app makes.

Every command exits 0 on success, 1 on a user error with one clear line on stderr
(never a traceback) and 2 on bad usage (argparse's own convention).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fieldapp import __version__
from fieldapp.core.messages import FieldappError, text

Handler = Callable[[argparse.Namespace], int]


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def default_db_path() -> Path:
    """Return the default database: FIELDAPP_DB, else the platform's user data folder."""
    override = os.environ.get("FIELDAPP_DB")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("fieldapp", appauthor=False)) / "fieldapp.db"


def _db_path(args: argparse.Namespace) -> Path:
    """Return the database a command's ``--db`` names, else the default one."""
    return Path(args.db) if args.db else default_db_path()


# --- gui ---------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop app."""
    from fieldapp.ui.app import run_app

    return run_app(db_path=_db_path(args))


# --- forms check ---------------------------------------------------------------------------


def cmd_forms_check(args: argparse.Namespace) -> int:
    """Validate XLSForms: one line per form that loads, one per problem of those that don't."""
    from fieldapp.core.forms.completeness import missing_filter_columns, missing_translations
    from fieldapp.core.forms.loader import FormError, load_form
    from fieldapp.core.forms.pyxform_stages import pyxform_warnings

    report: list[dict[str, Any]] = []
    for name in args.files:
        try:
            form = load_form(Path(name))
        except FormError as error:
            problems = [
                {
                    "code": problem.code,
                    "sheet": problem.message.params.get("sheet"),
                    "row": problem.message.params.get("row"),
                    "message": problem.text(),
                }
                for problem in error.problems
            ]
            report.append({"file": name, "ok": False, "problems": problems})
            continue
        meta = f"{form.root.path}/meta/"
        questions = sum(1 for q in form.questions() if not q.path.startswith(meta))
        report.append(
            {
                "file": name,
                "ok": True,
                "form_id": form.form_id,
                "title": form.title,
                "version": form.version,
                "questions": questions,
                "languages": list(form.languages),
                "warnings": [
                    w.text()
                    for w in (
                        *pyxform_warnings(form.warnings, name),
                        *missing_filter_columns(form, name),
                    )
                ],
                "missing_translations": [m.text() for m in missing_translations(form, name)],
            }
        )
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


# --- keys new ------------------------------------------------------------------------------

PASSPHRASE_VARIABLE = "FIELDAPP_PASSPHRASE"


def read_passphrase(prompt: str, *, confirm: bool = False) -> str:
    """Ask for a passphrase (twice when ``confirm``); scripts set FIELDAPP_PASSPHRASE."""
    from_environment = os.environ.get(PASSPHRASE_VARIABLE)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise FieldappError("crypto.no_passphrase", variable=PASSPHRASE_VARIABLE)
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(text("cli.passphrase_again")) != first:
        raise FieldappError("crypto.passphrase_mismatch")
    return first


def cmd_keys_new(args: argparse.Namespace) -> int:
    """Make the study key pair: private key encrypted under a passphrase, public key printed."""
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
        print(text("cli.keys_made", private=private_path, fingerprint=pair.fingerprint))
        print(pair.public_key)
    return 0


DRAFTS_PASSPHRASE_VARIABLE = "FIELDAPP_DRAFT_PASSPHRASE"


def read_study_key(path: Path) -> Any:
    """Unlock the study's private key file (passphrase asked, or FIELDAPP_PASSPHRASE)."""
    from fieldapp.core.crypto import load_private_key, read_private_key_file

    pem = read_private_key_file(path)
    passphrase = read_passphrase(text("crypto.prompt_key_passphrase"))
    return load_private_key(pem, passphrase, path=str(path))


def unlock_drafts(store: Any) -> None:
    """Open the drafts passphrase of a store with sealed forms (FIELDAPP_DRAFT_PASSPHRASE)."""
    passphrase = os.environ.get(DRAFTS_PASSPHRASE_VARIABLE)
    if passphrase is None:
        if not sys.stdin.isatty():
            raise FieldappError("crypto.no_passphrase", variable=DRAFTS_PASSPHRASE_VARIABLE)
        import getpass

        passphrase = getpass.getpass(text("crypto.prompt_drafts_passphrase"))
        if not store.drafts_passphrase_set() and (
            getpass.getpass(text("cli.passphrase_again")) != passphrase
        ):
            raise FieldappError("crypto.passphrase_mismatch")
    store.unlock_drafts(passphrase)


def _write_new_file(path: Path, data: bytes, *, mode: int) -> None:
    """Write a file that must not exist yet, readable only as ``mode`` allows."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


# --- submit --------------------------------------------------------------------------------


def cmd_submit(args: argparse.Namespace) -> int:
    """Store one interview's answers (a JSON file) checked against its form."""
    from fieldapp.core.demo import actor_of
    from fieldapp.core.forms.loader import load_form
    from fieldapp.core.store import Store, check_submission

    answers_path = Path(args.answers)
    answers = _read_answers(answers_path)
    checked = load_form(Path(args.form))
    # Check before opening: a refused submission must not even create the database.
    check_submission(checked, answers, finalize=args.finalize, source=str(answers_path))
    db_path = _db_path(args)
    with Store.open(db_path) as store:
        form = store.add_form(Path(args.form))
        if checked.public_key:  # a sealed form: its draft is encrypted
            unlock_drafts(store)
        submission_id, revision_id = store.submit(
            form.sha256,
            answers,
            finalize=args.finalize,
            # Listed as the app lists them: the study forms' own questions, unless given.
            interviewer=args.interviewer or _answer_text(answers, "interviewer"),
            city=args.city or _answer_text(answers, "city"),
            actor_type=args.actor_type or actor_of(checked),
            source=str(answers_path),
        )
    state = "finalized" if args.finalize else "draft"
    if args.json:
        _print_json(
            {
                "submission": submission_id,
                "revision": revision_id,
                "state": state,
                "form": form.sha256,
            }
        )
    else:
        print(text("store.submitted", submission=submission_id, state=state, path=str(db_path)))
    return 0


def _answer_text(answers: dict[str, Any], name: str) -> str:
    value = answers.get(name)
    return value.strip() if isinstance(value, str) else ""


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad writes a BOM
    except OSError as error:
        raise FieldappError(
            "store.answers_unreadable", path=str(path), reason=error.strerror or str(error)
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FieldappError("store.answers_unreadable", path=str(path), reason=str(error)) from None
    if not isinstance(data, dict):
        raise FieldappError("store.answers_not_object", path=str(path), found=type(data).__name__)
    return data


# --- demo ----------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    """Fill a database with realistic synthetic interviews of the study's forms."""
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
        print(
            text(
                "demo.done",
                interviews=report.interviews,
                path=str(db_path),
                devices=report.devices,
                finalized=report.finalized,
                reopened=report.reopened,
                drafts=report.drafts,
                repeats=report.repeat_instances,
                seconds=report.seconds,
            )
        )
    return 0


# --- export --------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    """Export interviews for analysts: one typed workbook (.xlsx) or a zip of CSVs."""
    from fieldapp.core.export import ExportOptions, export_workbook

    options = ExportOptions(
        labels=args.labels,
        language=args.lang,
        form_ids=tuple(args.form or ()),
        cities=tuple(args.city or ()),
        states=tuple(args.state or ()),
        date_from=_parse_date(args.date_from),
        date_to=_parse_date(args.date_to),
        deidentify=args.deidentify,
    )
    db_path = _db_path(args)
    study_key = read_study_key(Path(args.key)) if args.key else None
    result = export_workbook(db_path, Path(args.output), options, study_key=study_key)
    if args.json:
        _print_json(
            {
                "path": str(result.path),
                "interviews": result.interviews,
                "sheets": [vars(sheet) for sheet in result.sheets],
                "warnings": list(result.warnings),
                "warning_count": result.warning_count,
            }
        )
        return 0
    print(text("export.done", interviews=result.interviews, path=str(result.path)))
    if result.warning_count:
        print(text("export.dialog.warnings", count=result.warning_count), file=sys.stderr)
    return 0


def _parse_date(value: str | None) -> Any:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FieldappError("export.bad_date", value=value) from None


def cmd_instances(args: argparse.Namespace) -> int:
    """Write each interview as the OpenRosa instance XML ODK Collect would submit."""
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
    """Merge devices' databases or packages into one database; print what came in.

    Every source is checked before any is merged; each is then merged whole or not at all.
    """
    from fieldapp.core.merge import check_source, expand_sources, merge_database, summary_lines
    from fieldapp.core.store import Store

    into_path = Path(args.into)
    merged: list[dict[str, Any]] = []
    skipped: list[str] = []
    with Store.open(into_path) as into:
        sources: list[Path] = []
        for given in (Path(name) for name in args.sources):
            for source in expand_sources([given], exclude=into_path):
                try:
                    check_source(into, source)
                except FieldappError as error:
                    # A folder (the USB stick) may hold the supervisor's own package, the
                    # one that took reviews to the laptops: skip it, merge the rest.
                    if error.code != "merge.same_database" or not given.is_dir():
                        raise
                    skipped.append(str(source))
                    continue
                sources.append(source)
        if not args.json:
            for path in skipped:
                print(text("merge.skipped_same_database", path=path))
        try:
            for source in sources:
                report = merge_database(into, source)
                merged.append(report.to_json())
                if not args.json:
                    print("\n".join(summary_lines(report)))
        finally:
            if args.json:
                _print_json({"into": str(into_path), "merged": merged, "skipped": skipped})
    return 0


def cmd_package(args: argparse.Namespace) -> int:
    """Write a device package: a consistent one-file snapshot to take to the supervisor."""
    from fieldapp.core.package import write_package
    from fieldapp.core.store import Store

    db_path = _db_path(args)
    output = _mergeable_name(Path(args.output))
    with Store.open(db_path, create=False) as store:
        _refuse_to_overwrite(store, output)
        editing = store.db.conn.execute("SELECT 1 FROM working_copies LIMIT 1").fetchone()
        if editing and store.has_sealed_forms():  # open drafts are saved, encrypted, first
            unlock_drafts(store)
        report = write_package(store, output)
    if args.json:
        _print_json(
            {"path": str(report.path), **{k: v for k, v in vars(report).items() if k != "path"}}
        )
    else:
        print(
            text(
                "merge.package_done",
                path=str(report.path),
                interviews=report.interviews,
                revisions=report.revisions,
                attachments=report.attachments,
            )
        )
    return 0


def _mergeable_name(out: Path) -> Path:
    """Name the package so that merging its folder finds it: .fieldapp unless .db/.sqlite."""
    from fieldapp.core.merge import SOURCE_SUFFIXES
    from fieldapp.core.package import PACKAGE_SUFFIX

    if out.is_dir() or out.suffix.lower() in SOURCE_SUFFIXES:
        return out
    return out.with_name(out.name + PACKAGE_SUFFIX)


def _refuse_to_overwrite(store: Any, out: Path) -> None:
    """Refuse to write over anything but an earlier package of this same database."""
    # A mistyped -o naming the supervisor's database, another laptop's package or the
    # database itself would otherwise be replaced without a word.
    import sqlite3

    from fieldapp.core.store import open_database

    if not out.is_file():
        return  # a new file, or a folder (which write_package refuses)
    if out.resolve() == store.path.resolve() or os.path.samefile(out, store.path):
        raise FieldappError("merge.package_over_database", path=str(out))
    try:
        opened = open_database(out, create=False, readonly=True)
    except FieldappError:
        raise FieldappError("merge.package_would_overwrite", path=str(out)) from None
    try:
        row = opened.db.conn.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        opened.db.close()
    if row is None or row[0] != store.database_id or _is_live_database(out):
        raise FieldappError("merge.package_would_overwrite", path=str(out))


def _is_live_database(path: Path) -> bool:
    """True for a database in use (WAL mode, as fieldapp opens them), not a package."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18:20] == b"\x02\x02"


# --- status --------------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    """Print interviews per city × actor type × state against targets, and per researcher."""
    from fieldapp.core.progress import STATES, progress, set_target
    from fieldapp.core.store import Store

    db_path = _db_path(args)
    with Store.open(db_path, create=False) as store:
        with store.transaction():  # every target, or none when one is refused
            for city, actor, target in args.target or ():
                set_target(store, city, actor, target, author=args.author)
        if not args.json:
            for city, actor, target in args.target or ():
                print(text("review.target_set", city=city, actor=actor, target=target))
        figures = progress(store)
    if args.json:
        _print_json({"db": str(db_path), **figures.to_json()})
        return 0
    if not figures.cells:
        print(text("review.status_empty", path=str(db_path)))
        return 0
    print(text("review.status_title", path=str(db_path)))
    rows = [
        [
            cell.city,
            cell.actor_type,
            *(str(cell.counts.get(s, 0)) for s in STATES),
            str(cell.total),
            "-" if cell.target is None else str(cell.target),
            _percent(cell.share_of_target),
        ]
        for cell in figures.cells
    ]
    _print_table(text("review.status_columns").split("|"), rows)
    if figures.researchers:
        print()
        print(text("review.researcher_title"))
        rows = [
            [
                r.interviewer or "-",
                str(r.finalized),
                str(r.days),
                "-" if r.finalized_per_day is None else f"{r.finalized_per_day:.1f}",
                "-" if r.median_minutes is None else f"{r.median_minutes:.0f}",
                str(r.returned),
                _percent(r.share_returned),
            ]
            for r in figures.researchers
        ]
        _print_table(text("review.researcher_columns").split("|"), rows)
    return 0


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def _print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(v)) for v in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        cells = [
            v.ljust(w) if i < 2 else v.rjust(w)  # names left, numbers right
            for i, (v, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())


# --- end of commands -------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp",
        description="Offline field interviews on XLSForms: collect, merge, review, export.",
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the desktop app (the default command)")
    p.add_argument("--db", help="database file (default: FIELDAPP_DB or the user data folder)")
    p.set_defaults(handler=cmd_gui)

    forms = sub.add_parser("forms", help="work with XLSForm files")
    forms_sub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    p = forms_sub.add_parser(
        "check", help="validate XLSForms and XForms (.xml); exit 1 listing every problem"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_forms_check)

    keys = sub.add_parser("keys", help="the study key pair that seals finalized interviews")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    p = keys_sub.add_parser(
        "new",
        help="make a key pair; the private key is encrypted under a passphrase you are asked "
        "twice (FIELDAPP_PASSPHRASE for scripts)",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the two key files")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_keys_new)

    p = sub.add_parser(
        "submit",
        help="store one interview's answers (JSON) after checking them against the form; "
        "exit 1 listing every problem, nothing written",
        description="Check a JSON object of question name -> answer against the form (types, "
        "choices, constraints, relevance; required questions too with --finalize) and store "
        "it as a new interview. On any problem every one is listed as 'question: message' "
        "and nothing is written. A form with a public_key seals the interview; its draft is "
        "kept encrypted under the drafts passphrase (asked, or FIELDAPP_DRAFT_PASSPHRASE).",
    )
    p.add_argument("--db", help="database file (default: FIELDAPP_DB or the user data folder)")
    p.add_argument("--form", required=True, metavar="FORM", help="the XLSForm the answers fill")
    p.add_argument("--answers", required=True, metavar="FILE.json", help="question -> answer")
    p.add_argument(
        "--finalize",
        action="store_true",
        help="store it as final (then required questions must be answered too)",
    )
    p.add_argument("--interviewer", default="", help="who held the interview")
    p.add_argument("--city", default="", help="the city of the interview")
    p.add_argument("--actor-type", default="", help="the kind of actor interviewed")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_submit)

    p = sub.add_parser(
        "demo",
        help="fill a database with realistic synthetic interviews (several cities, devices, "
        "drafts, finalized and reopened ones) whose answers pass the forms' own logic",
    )
    p.add_argument(
        "--db",
        help="database file for the made-up interviews (the default one only with --force)",
    )
    p.add_argument("--interviews", type=int, required=True, metavar="N", help="how many")
    p.add_argument(
        "--force",
        action="store_true",
        help="write into the default database, or one holding interviews the demo did not "
        "write (demo interviews look real and merge on like fieldwork)",
    )
    p.add_argument("--seed", type=int, default=0, help="same seed, same interviews (default 0)")
    p.add_argument(
        "--form",
        action="append",
        metavar="FILE",
        help="an XLSForm to use instead of the study's four (repeat for several)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=min(4, os.cpu_count() or 1),
        metavar="K",
        help="processes writing the devices' databases at once (default: the CPUs, up to 4)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser(
        "export",
        help="export interviews for analysts: a typed .xlsx workbook (a sheet per form and "
        "per repeat, codebook, about) or a .zip of UTF-8 CSV files",
    )
    p.add_argument("--db", help="database file (default: FIELDAPP_DB or the user data folder)")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT.xlsx|OUT.zip", help="the file to write"
    )
    p.add_argument("--labels", action="store_true", help="select answers as labels, not codes")
    p.add_argument("--lang", metavar="CODE", help="label language, e.g. es or en")
    p.add_argument(
        "--deidentify",
        action="store_true",
        help="leave out sensitive questions; pseudonymise interviewers and devices",
    )
    p.add_argument(
        "--key",
        metavar="FILE",
        help="the study's private key: opens sealed interviews (passphrase asked, or "
        "FIELDAPP_PASSPHRASE for scripts)",
    )
    p.add_argument("--form", action="append", metavar="ID", help="only this form (repeatable)")
    p.add_argument("--city", action="append", metavar="C", help="only this city (repeatable)")
    p.add_argument(
        "--state",
        action="append",
        metavar="S",
        help="only this state: draft, finalized, approved, returned (repeatable)",
    )
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="started on or after (YYYY-MM-DD)"
    )
    p.add_argument("--to", dest="date_to", metavar="DATE", help="started on or before (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "instances",
        help="write each interview as the OpenRosa instance XML ODK Collect would submit "
        "(OUT/<form id>/<submission id>.xml), for ODK Central or other OpenRosa tools",
    )
    p.add_argument("--db", help="database file (default: FIELDAPP_DB or the user data folder)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")
    p.add_argument("--form", action="append", metavar="FORM_ID", help="only this form (repeatable)")
    p.add_argument("--key", metavar="FILE", help="the study's private key, for sealed interviews")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_instances)

    p = sub.add_parser(
        "merge",
        help="merge other devices' databases or packages (files or folders of them) into one "
        "database; print per source what came in and any conflicts",
    )
    p.add_argument("--into", required=True, metavar="PATH", help="the database to merge into")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="database, package or folder")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_merge)

    p = sub.add_parser(
        "package",
        help="write a device package: a consistent one-file snapshot of the database for the "
        "supervisor to merge",
        description="Write a device package. Open drafts of sealed forms are saved first, "
        "which needs the drafts passphrase (asked, or FIELDAPP_DRAFT_PASSPHRASE).",
    )
    p.add_argument("--db", help="database file (default: FIELDAPP_DB or the user data folder)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the package to write")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_package)

    p = sub.add_parser(
        "status",
        help="print interviews per city × actor type × state against the targets, and each "
        "researcher's pace, median duration and share returned",
    )
    p.add_argument("--db", help="database file (default: FIELDAPP_DB or the user data folder)")
    p.add_argument(
        "--target",
        action="append",
        nargs=3,
        metavar=("CITY", "ACTOR", "N"),
        help="first set the number of approved interviews wanted (repeatable); it is merged "
        "like every other change, the latest one winning",
    )
    p.add_argument("--author", default="", help="who sets the targets")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_status)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    # No command, or only options the app takes (`fieldapp --db FILE`): open the app.
    starts_with_option = bool(arguments) and arguments[0].startswith("-")
    if not arguments or (starts_with_option and arguments[0] not in ("-h", "--help", "--version")):
        arguments = ["gui", *arguments]
    args = parser.parse_args(arguments)
    handler: Handler = args.handler
    try:
        return handler(args)
    except FieldappError as error:
        print(f"fieldapp: {error.text()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader left (`fieldapp status | head -1`): say nothing, and keep Python's
        # final flush of stdout from failing again on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # the promise: no traceback ever reaches a user
        print(f"fieldapp: {text('cli.unexpected', error=type(error).__name__)}", file=sys.stderr)
        if os.environ.get("FIELDAPP_DEBUG"):
            raise
        return 1
