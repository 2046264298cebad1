"""``fieldapp central login|forms|push|pull|status``: each a core call of ``core.central``, printed.

Secrets are never options (they would stay in the shell's history): the token or
password is asked, or read from ``FIELDAPP_CENTRAL_SECRET`` for scripts, and then kept
in the system keyring.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.core.messages import FieldappError, Message, text

Command = Callable[..., argparse.ArgumentParser]
"""`fieldapp.cli._command`: adds a command its handler describes, with shared `options=`."""
Group = Callable[..., Any]
"""`fieldapp.cli._group`: adds a command made of actions; returns where they go."""


def _ask(prompt: str) -> str:
    """Ask for a secret on the terminal, never echoed; nothing when there is no terminal."""
    if not sys.stdin.isatty():
        return ""
    return getpass.getpass(prompt)


def cmd_login(args: argparse.Namespace) -> int:
    """check a server profile (address, project, app user or web user) and save it, the secret in
    the system keyring

    Sign in once to check the address, the project and the secret, then save the profile in the
    app's config folder. The token (or, with --email, the password) is asked, or read from
    FIELDAPP_CENTRAL_SECRET; it goes to the system keyring, never to a file. Without a keyring it is
    asked again each time.

    Examples:
      fieldapp central login --url https://central.example.org --project 3
      fieldapp central login --url https://central.example.org --project 3 --email rosa@example.org
        --name supervisor
    """
    from fieldapp.core.central import profile as profiles

    profile = profiles.make_profile(args.name, args.url, args.project, args.email or "")
    # Login takes a new secret, never the one kept: it is how a wrong token is replaced.
    secret = os.environ.get(profiles.SECRET_ENV) or _ask(profiles.prompt(profile))
    if not secret:
        raise FieldappError(
            "central.no_secret", profile=profile.name, kind=profiles.kind_of(profile)
        )
    result = profiles.login(profile, secret)
    if args.json:
        _print_json(
            {
                "profile": profile.name,
                "url": profile.url,
                "project": profile.project,
                "auth": profile.auth,
                "forms": result.forms,
                "keyring": result.in_keyring,
            }
        )
        return 0
    where = "central.secret_in_keyring" if result.in_keyring else "central.secret_asked"
    print(
        text(
            "central.logged_in",
            url=profile.url,
            project=profile.project,
            who=profile.email or Message("central.app_user").text(),
            forms=result.forms,
            profile=profile.name,
            where=Message(where).text(),
        )
    )
    return 0


def cmd_forms(args: argparse.Namespace) -> int:
    """list the project's forms and which versions this database lacks; --download brings one down
    with its files

    List the forms of the profile's project beside the versions this database holds (held, behind,
    not here). --download FORM_ID stores the server's current version with its attached CSV/GeoJSON
    and media files, like a form added from a file.

    Examples:
      fieldapp central forms
      fieldapp central forms --db field.db --download mx_border_cso
    """
    from fieldapp.cli import _db_path
    from fieldapp.core.central import forms_down
    from fieldapp.core.central import profile as profiles
    from fieldapp.core.store import Store

    profile = profiles.find_profile(args.profile)
    db = _db_path(args)
    with (
        profiles.client_for(profile, _ask) as client,
        Store.open(db, create=bool(args.download)) as store,
    ):
        downloaded = [
            forms_down.download(store, client, form_id) for form_id in args.download or ()
        ]
        states = forms_down.compare(store, forms_down.list_forms(client))
    if args.json:
        _print_json(
            {
                "forms": [
                    {
                        "form_id": s.form.form_id,
                        "version": s.form.version,
                        "title": s.form.name,
                        "state": s.state,
                        "held_versions": list(s.held_versions),
                        "has_files": s.form.has_files,
                    }
                    for s in states
                ],
                "downloaded": [
                    {"form_id": d.record.form_id, "version": d.record.version, "files": d.files}
                    for d in downloaded
                ],
            }
        )
        return 0
    for got in downloaded:
        print(
            text(
                "central.form_downloaded",
                form=got.record.form_id,
                version=got.record.version,
                files=len(got.files),
                db=str(db),
            )
        )
    print(text("central.forms_title", url=profile.url, project=profile.project))
    rows = [
        [
            s.form.form_id,
            s.form.version,
            s.form.name[:40],
            _state(s),
            "✓" if s.form.has_files else "",
        ]
        for s in states
    ]
    _print_table(text("central.forms_columns").split("|"), rows)
    return 0


def _state(state: Any) -> str:
    if state.state == "held":
        return text("central.form_held")
    if state.state == "behind":
        return text("central.form_behind", version=", ".join(state.held_versions))
    return text("central.form_missing")


def cmd_push(args: argparse.Namespace) -> int:
    """send every finalized interview not yet sent to the profile's project; exit 1 if the link
    broke (what is left waits in the queue)

    Send every finalized interview not yet sent, as the OpenRosa submission Collect sends (an edit
    after a return goes as a new version of the same submission). Sending again sends nothing twice;
    a dropped connection or a closed laptop leaves the rest waiting for the next push. Interviews
    Central refuses keep its reason; --retry-refused tries them again. A web user's profile first
    reads the server's list of each form's submissions: what it already holds is not sent again.

    Examples:
      fieldapp central push
      fieldapp central push --db field.db --json
    """
    from fieldapp.cli import _db_path
    from fieldapp.core.central import profile as profiles
    from fieldapp.core.central.holdings import lister
    from fieldapp.core.central.push import push
    from fieldapp.core.store import Store

    profile = profiles.find_profile(args.profile)
    with (
        Store.open(_db_path(args), create=False) as store,
        profiles.client_for(profile, _ask) as client,
    ):
        result = push(
            store,
            client,
            profile.server,
            retry_refused=args.retry_refused,
            reader=lister(client),
        )
    if args.json:
        _print_json(
            {
                "sent": result.sent,
                "already": result.already,
                "refused": [{"submission": s, "reason": r} for s, r in result.refused],
                "held": [{"submission": s, "reason": m.text()} for s, m in result.held],
                "waiting": result.waiting,
                "stopped": result.stopped.text() if result.stopped else None,
            }
        )
    else:
        print(
            text(
                "central.push_done",
                sent=len(result.sent),
                url=profile.url,
                refused=len(result.refused),
                held=len(result.held),
                left=result.waiting,
            )
        )
        if result.already:
            print(text("central.push_already_line", count=len(result.already)))
        for submission, reason in result.refused:
            print(text("central.push_refused_line", submission=submission, reason=reason))
        if result.refused:
            print(text("central.push_retry_hint"))
        for _, message in result.held:
            print(text("central.push_held_line", reason=message.text()))
    if result.stopped is not None:
        raise result.stopped
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    """bring the project's submissions into the database as one more device, with Central's review
    decisions (a web user profile)

    Bring the project's submissions in, for the supervisor: they arrive as the rows of one more
    device (a mirror database beside this one) and are merged with every check a package meets;
    interviews this database already holds are recognised; encrypted ones come down sealed when
    --key opens the study key they are sealed for, else they stay on the server with the reason.
    Central's approvals and returns follow. Pulling twice changes nothing. With --send-reviews, this
    database's approvals and returns go up to Central too. Needs a web user's profile (login
    --email).

    Examples:
      fieldapp central pull --db supervisor.db
      fieldapp central pull --form mx_border_cso
      fieldapp central pull --send-reviews
      fieldapp central pull --key study-key.pem
    """
    from fieldapp.cli import _db_path, read_study_key
    from fieldapp.core.central import profile as profiles
    from fieldapp.core.central.pull_reviews import pull_and_review
    from fieldapp.core.store import Store

    profile = profiles.find_profile(args.profile)
    if profile.auth != "web_user":
        raise FieldappError("central.pull_needs_web_user", profile=profile.name)
    study_key = read_study_key(Path(args.key)) if args.key else None
    with Store.open(_db_path(args), create=False) as store:
        outcome = pull_and_review(
            store,
            lambda: profiles.client_for(profile, _ask),
            study_key=study_key,
            form_ids=args.form or None,
            send_reviews=args.send_reviews,
        )
    report, sent = outcome.report, outcome.reviews_sent
    if args.json:
        _print_json(
            {
                "server": report.server,
                "new": report.new,
                "known": report.known,
                "reviews": report.reviews,
                "reviews_sent": [
                    {"instance_id": r.instance_id, "review_state": r.review_state} for r in sent
                ],
                "left": [
                    {"instance_id": x.instance_id, "form_id": x.form_id, "reason": x.reason.text()}
                    for x in report.left
                ],
                "instance_id_claims": [dict(claim.params) for claim in report.claims()],
            }
        )
        return 0
    print(report.message().text())
    for left in report.left:
        print(f"  {left.form_id} {left.instance_id}: {left.reason.text()}")
    for claim in report.claims():
        print(claim.text())
    if args.send_reviews:
        print(text("pull.reviews_sent", count=len(sent)))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """list the server profiles and how many interviews wait, went and were refused

    List the saved server profiles (never their secrets) and, for the database, how many interviews
    wait in each profile's queue, were sent, or were refused. Needs no network.

    Examples:
      fieldapp central status
      fieldapp central status --db field.db --json
    """
    from fieldapp.cli import _db_path
    from fieldapp.core.central import profile as profiles
    from fieldapp.core.central.push import counts
    from fieldapp.core.store import Store

    found = profiles.load_profiles()
    db = _db_path(args)
    queues: dict[str, dict[str, int]] = {}
    if found and db.exists():
        with Store.open(db, create=False) as store:
            queues = {name: counts(store, p.server) for name, p in found.items()}
    if args.json:
        _print_json(
            {
                "profiles": [
                    {
                        "name": p.name,
                        "url": p.url,
                        "project": p.project,
                        "auth": p.auth,
                        "email": p.email,
                        "queue": queues.get(p.name),
                    }
                    for p in found.values()
                ]
            }
        )
        return 0
    if not found:
        print(text("central.status_none"))
        return 0
    for name, p in sorted(found.items()):
        kind = profiles.kind_of(p).text()
        print(
            text(
                "central.status_profile",
                profile=name,
                url=p.url,
                project=p.project,
                kind=kind,
                who=f" ({p.email})" if p.email else "",
            )
        )
        if name in queues:
            q = queues[name]
            print(
                text(
                    "central.status_queue",
                    db=str(db),
                    profile=name,
                    waiting=q["waiting"],
                    sent=q["sent"],
                    refused=q["refused"],
                )
            )
    return 0


def _print_json(data: Any) -> None:
    from fieldapp.cli import _print_json as print_json

    print_json(data)


def _print_table(header: list[str], rows: list[list[str]]) -> None:
    from fieldapp.cli import _print_table as print_table

    print_table(header, rows)


CENTRAL_HELP = """send interviews to an ODK Central server and bring its forms down (see: fieldapp
central login --help)

Work with an ODK Central server, as ODK Collect does: sign in once with an app user's token (or a
web user's email and password), bring the project's forms down, and send finalized interviews up
through a queue that survives a dropped connection; a supervisor pulls the project's submissions in.
Actions: login, forms, push, pull, status.

Examples:
  fieldapp central login --url https://central.example.org --project 3
  fieldapp central push --db field.db
"""


def add_central(sub: Any, command: Command, group: Group) -> None:
    """Add ``fieldapp central ...`` to the command line."""
    actions = group(sub, "central", CENTRAL_HELP)
    p = command(actions, "login", cmd_login, options=("json",))
    p.add_argument("--url", required=True, help="the server's address, as the browser shows it")
    p.add_argument("--project", required=True, help="the project number (…/projects/N)")
    p.add_argument("--email", help="sign in as this web user (else as an app user, by token)")
    p.add_argument("--name", default="default", help="the profile's name (default: default)")

    p = command(actions, "forms", cmd_forms, options=("profile", "db", "json"))
    p.add_argument(
        "--download", action="append", metavar="FORM_ID", help="download this form (repeatable)"
    )

    p = command(actions, "push", cmd_push, options=("profile", "db", "json"))
    p.add_argument(
        "--retry-refused", action="store_true", help="try the refused interviews again too"
    )

    p = command(actions, "pull", cmd_pull, options=("profile", "db", "json"))
    p.add_argument(
        "--form", action="append", metavar="FORM_ID", help="pull only this form (repeatable)"
    )
    p.add_argument(
        "--key",
        metavar="FILE",
        help="the study's private key: encrypted submissions come down sealed for it "
        "(passphrase asked, or FIELDAPP_PASSPHRASE for scripts)",
    )
    p.add_argument(
        "--send-reviews",
        action="store_true",
        help="also send this database's approvals and returns to Central (as approved / "
        "hasIssues, with the comment unless the interview is sealed)",
    )

    p = command(actions, "status", cmd_status, options=("db", "json"))
