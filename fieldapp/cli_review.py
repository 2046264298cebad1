"""``fieldapp review list|approve|return|set-aside``: the desktop's review queue from a terminal.

The same core calls the review window makes (``core.review_queue`` lists, ``store.review``
decides), so the same rules hold: only a finalized interview is approved, a finalized or
approved one returned, a sealed one decided only once the study key opens it, and before
the key sealed forms' interviews are counted, not listed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.messages import FieldappError, text
from fieldapp.core.study import ACTOR_TYPES

if TYPE_CHECKING:
    from fieldapp.core.store import InterviewRow, Store, SubmissionId

Command = Callable[..., argparse.ArgumentParser]
"""`fieldapp.cli._command`: adds a command its handler describes, with shared `options=`."""
Group = Callable[..., Any]
"""`fieldapp.cli._group`: adds a command made of actions; returns where they go."""
Decider = Callable[..., None]
"""`fieldapp.cli._decider`: adds ``--author``, held to the one-line rule of every name."""


def _opened(args: argparse.Namespace, *, to_read: bool = False) -> Store:
    """Open the command's database, the study key unlocked in it when ``--key`` names it
    (the key's file and passphrase are checked before the database is opened).

    ``to_read``: as ``cli.open_to_read``, so that listing an earlier laptop's file leaves
    it as it is (upgraded, it would no longer open in that laptop's fieldapp)."""
    from fieldapp.cli import _db_path, open_to_read, read_study_key
    from fieldapp.core.store import Store

    study_key = read_study_key(Path(args.key)) if args.key else None
    db_path = _db_path(args)
    store = open_to_read(db_path) if to_read else Store.open(db_path, create=False)
    if study_key is not None:
        try:
            store.keys.unlock(study_key)
            if not to_read:
                _settle(store, str(db_path))
        except BaseException:
            store.close()
            raise
    return store


def _settle(store: Store, path: str) -> None:
    """Compare again the sealed claims the key just opened, as the app's study key dialog
    does (``copies.settle_claims``), and say each copy set aside: a command that writes
    leaves no copy listed that the key shows to be its interview (claims4)."""
    from fieldapp.core.central.copies import sealed_same, settle_claims

    same = sealed_same(store)
    settled = set(settle_claims(store, same)) if same else set()
    for copy, interview in same:
        if copy in settled:
            print(text("check.copy_same_settled", path=path, copy=copy, interview=interview))


def cmd_review_list(args: argparse.Namespace) -> int:
    """list the interviews waiting for review, or the approved ones, oldest first

    List the finalized interviews, which wait for review, or with --state approved the approved
    ones (an approval given by mistake is taken back with `fieldapp review return`): id, name (as
    the desktop's list names it), actor type, city, interviewer and when it started; the actor
    and city only when the names do not say them, so that the list fits 80 columns. An
    interview in conflict (edited on two laptops) has a line under it that says so, and so
    has one of an instanceID claim (fieldapp check lists them), with the other's id. The id
    printed (its first 8 characters, more when another id starts alike) is what approve and
    return take. As in the desktop's queue, sealed forms' interviews are counted, not listed,
    until the study key opens them (--key).

    Examples:
      fieldapp review list --db supervisor.db
      fieldapp review list --city tijuana --actor cso --interviewer TJ01
      fieldapp review list --state approved --key ~/study-keys/fieldapp-study-private-key.pem
      fieldapp review list --json
    """
    from fieldapp.cli import TERMINAL, _db_path, _print_json, _print_table, _say_quarantined
    from fieldapp.core.central.copies import claimed_with, sealed_same, standing_claims
    from fieldapp.core.interview_name import row_name
    from fieldapp.core.merge_batch import person_names
    from fieldapp.core.quarantine import skipped
    from fieldapp.core.review_queue import all_ids, review_queue, short_ids

    db_path = _db_path(args)
    with _opened(args, to_read=True) as store:
        city, actor = _known_filters(store, args.city, args.actor)
        queue = review_queue(
            store,
            args.state,
            city=city,
            actor_type=actor,
            interviewer=args.interviewer.strip() or None,
        )
        # an interview of an instanceID claim: marked, so she compares before opening it
        claimed = claimed_with(standing_claims(store) if queue.rows else ())  # by the index
        # a sealed claim --key opened, the same: said under the copy, nothing written
        same = dict(sealed_same(store)) if args.key and queue.rows else {}
        for copy, interview in same.items():
            claimed.setdefault(copy, []).append(interview)
        others = [other for row in queue.rows for other in claimed.get(row.submission_id, [])]
        short = short_ids(all_ids(store), [*(row.submission_id for row in queue.rows), *others])
        quarantined = skipped(store.conn)
        names = person_names(store) if queue.rows and not args.json else None
    if args.json:
        _print_json(
            {
                "db": str(db_path),
                "state": args.state,
                "interviews": [
                    {
                        "submission_id": row.submission_id,
                        "short_id": short[row.submission_id],
                        "name": row_name(row),
                        "form_id": row.form_id,
                        "form_title": row.form_title,
                        "actor_type": row.actor_type,
                        "city": row.city,
                        "interviewer": row.interviewer,
                        "started": row.created_at,
                        "state": row.state,
                        "conflict": row.has_conflict,
                        "claimed_with": claimed.get(row.submission_id, []),
                    }
                    for row in queue.rows
                ],
                "sealed_hidden": queue.sealed_hidden,
                "quarantined": quarantined,
            }
        )
        return 0
    if names is not None:  # a person reads cities by their labels
        notes = {
            sid: [
                text(
                    "review.cli_copy_same" if same.get(sid) == other else "review.cli_claim_marked",
                    other=short[other],
                )
                for other in ids
                if other in short
            ]
            for sid, ids in claimed.items()
        }
        header, lines = _listing(queue.rows, short, names.city, notes)
        _print_table(header, lines, left=range(len(header)), fit=TERMINAL)
        counted = "count.review_approved" if args.state == "approved" else "count.review_waiting"
        print(text(counted, count=len(queue.rows)))
    else:
        filtered = args.city or args.actor or args.interviewer.strip()
        said = text("review.cli_filtered") if filtered else ""
        state = text(f"review.state.{args.state}")
        print(text("review.cli_empty", path=str(db_path), state=state, filtered=said))
    if queue.sealed_hidden:
        print(text("review.cli_sealed_hidden", count=queue.sealed_hidden))
    _say_quarantined(quarantined, stderr=False)
    return 0


def _listing(
    rows: Sequence[InterviewRow],
    short: Mapping[str, str],
    city_name: Callable[[str], str],
    notes: Mapping[str, Sequence[str]] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """Return the queue's table for a terminal: the header and each interview's line.

    Each fact once, so that the table fits 80 columns: the Actor and City columns are left
    out when every interview's name already says them (a sealed or unnamed one is named by
    its actor, city and day; the study's forms name their actor first, *Security/Seguridad
    · Tijuana · …*), and Started keeps only the time when every name says the day. The
    state is the listing's own (the count below says it); an interview in conflict (edited
    on two laptops) has a line under its own that says so, and so has an interview of an
    instanceID claim (``notes``: by its id, a line on each claim, naming the other).
    """
    from fieldapp.core.interview_name import row_name, short_time
    from fieldapp.core.study import actor_name

    header = text("review.cli_columns").split("|")
    named = [row_name(row) for row in rows]  # as the desk's queue names them
    started = [short_time(row.created_at) for row in rows]  # local, as the desk and the name
    columns: list[list[str]] = [
        [short[row.submission_id] for row in rows],
        named,
        # a study form by its actor in the reader's language, another by its id
        [
            actor_name(row.actor_type) if row.actor_type in ACTOR_TYPES else row.form_id
            for row in rows
        ],
        [city_name(row.city) or "-" for row in rows],
        [row.interviewer or "-" for row in rows],
        started,
    ]
    said = [
        all(value and value in name for value, name in zip(column, named, strict=True))
        for column in columns
    ]
    actors_said = said[2] or _names_say_actors(rows, named)
    keep = [True, True, not actors_said, not said[3], True, True]
    if all(when[:10] in name for when, name in zip(started, named, strict=True)):
        columns[5] = [when[11:] for when in started]  # the day is in the name
    kept = [index for index, wanted in enumerate(keep) if wanted]
    # edited on two laptops: to resolve under View › Conflicts before a decision
    under = " " * (max(len(header[0]), *map(len, columns[0])) + 2)  # under the name
    conflicted = under + text("review.cli_conflicted")
    lines: list[list[str]] = []
    for line, row in enumerate(rows):
        lines.append([columns[index][line] for index in kept])
        if row.has_conflict:
            lines.append([conflicted])  # a line of its own
        for note in (notes or {}).get(row.submission_id, ()):
            lines.append([under + note])
    return [header[index] for index in kept], lines


def _names_say_actors(rows: Sequence[InterviewRow], named: Sequence[str]) -> bool:
    """Return whether the names say each interview's study actor type: every name of one
    type starts alike (its first part, before " · "), no two types' alike, and at least two
    names start so (one name alone could start with anything, an organization's name).
    The study's forms start it with their actor, *Security/Seguridad*."""
    from fieldapp.core.interview_name import SEPARATOR

    starts: dict[str, set[str]] = {}
    for row, name in zip(rows, named, strict=True):
        if SEPARATOR not in name or row.actor_type not in ACTOR_TYPES:
            return False
        starts.setdefault(row.actor_type, set()).add(name.split(SEPARATOR)[0])
    firsts = {next(iter(said)) for said in starts.values() if len(said) == 1}
    return len(firsts) == len(starts) and len(rows) > len(starts)


def _known_filters(
    store: Store, city: str | None, actor: str | None
) -> tuple[str | None, str | None]:
    """Return the city and actor type codes the filters name; refuse one the database has
    no form or interview for (an empty list would say nothing of the typo). A city and an
    actor type may be named in words too, as the tables print them (``group_codes``)."""
    from fieldapp.core.progress import group_codes, target_groups

    cities, actors = target_groups(store)
    city_code, actor_code = group_codes(store, city, actor)
    if city is not None and city_code not in cities:
        raise FieldappError("review.cli_unknown_city", city=city, cities=", ".join(cities))
    if actor is not None and actor_code not in actors:
        raise FieldappError("review.cli_unknown_actor", actor=actor, actors=", ".join(actors))
    return (city_code or None), (actor_code or None)


def _decidable(
    store: Store, submission_id: SubmissionId, approving: bool, despite_claim: bool
) -> str:
    """Refuse what the desktop would not let the supervisor decide on: a sealed interview
    no key opens, an approval of an approved one; and, unless ``despite_claim``, one of an
    instanceID claim, which the desk asks about first. Return how a person names it."""
    heads = store.interviews.heads(submission_id)
    if any(head.answers is None for head in heads):
        raise FieldappError("review.cli_sealed_needs_key", submission=submission_id)
    if approving and len(heads) == 1 and heads[0].state == "approved":
        # a sealed one is returned with the key too: the command said must work as said
        sealed = store.keys.is_sealed(submission_id)
        key = text("review.cli_key_option") if sealed else ""
        raise FieldappError("review.cli_already_approved", submission=submission_id, key=key)
    if not despite_claim:
        _refuse_claimed(store, submission_id)
    from fieldapp.core.interview_name import city_name, listed_name

    submission = store.interviews.submission(submission_id)
    # as the list and the review queue name it (a sealed one: actor · city · day), then
    # its interviewer; a study form's instance name already says the city: each fact once
    name = listed_name(store, submission_id)
    facts = (city_name(submission.city), submission.interviewer)
    return " · ".join([name, *(fact for fact in facts if fact and fact not in name)])


def _refuse_claimed(store: Store, submission_id: SubmissionId) -> None:
    """Refuse a decision on an interview of a standing instanceID claim (``review.cli_claimed``):
    the two are to be compared first, and the one ODK Central does not hold set aside."""
    from fieldapp.core.central.copies import standing_claims

    claims = standing_claims(store, submission_id)  # by its own ids' indexes: no full read
    if claims:
        claim = claims[0]
        other = claim.other_than(submission_id)
        raise FieldappError(
            "review.cli_claimed",
            submission=submission_id,
            other=other,
            instance_id=claim.instance_id,
        )


def cmd_review_approve(args: argparse.Namespace) -> int:
    """approve finalized interviews: each then counts towards its city's target

    Approve one or more finalized interviews, named by their id or its first characters as
    `fieldapp review list` prints them. All are approved, or, when one is refused (not finalized,
    already approved, unknown, sealed without --key, in an instanceID claim without
    --despite-claim), none is. The decision and its comment travel with this database's packages
    under your name.

    Examples:
      fieldapp review approve 3f2a9c1e --author Rosa
      fieldapp review approve 3f2a9c1e 7b00d4e2 --author Rosa --comment 'Complete and clear'
      fieldapp review approve 3f2a9c1e --author Rosa --key study-private-key.pem
    """
    done: list[tuple[str, str]] = []
    with _opened(args) as store:
        from fieldapp.core.review_queue import find_interview

        chosen = list(dict.fromkeys(find_interview(store, given) for given in args.ids))
        with store.transaction():  # every one, or none
            for submission_id in chosen:
                name = _decidable(store, submission_id, True, args.despite_claim)
                store.review.approve(submission_id, comment=args.comment, author=args.author)
                done.append((submission_id, name))
    for approved, name in done:
        print(text("review.cli_approved", submission=approved, name=name, author=args.author))
    return 0


def cmd_review_return(args: argparse.Namespace) -> int:
    """return a finalized (or approved) interview to its researcher with what to fix

    Return one interview with a comment on the whole of it (--comment) and comments beside
    questions (--question KEY=TEXT, repeatable), at least one of them. An approved interview is
    returned the same way: that takes back an approval given by mistake. The comments reach the
    researcher's laptop when it merges this database's package; a sealed interview's (returned
    with --key) are sealed for the study key and for that laptop. One of an instanceID claim is
    returned only with --despite-claim.

    Examples:
      fieldapp review return 3f2a9c1e --author Rosa --comment 'Ask for the year it was founded'
      fieldapp review return 3f2a9c1e --author Rosa --comment 'See the notes'
        --question profile/force='Which force?' --question consent='Read the script again'
    """
    from fieldapp.core.review_queue import find_interview, unknown_question

    notes: dict[str, list[str]] = {}
    for key, note in args.question or ():
        notes.setdefault(key, []).append(note)
    questions = {key: "\n".join(said) for key, said in notes.items()}
    with _opened(args) as store:
        submission_id = find_interview(store, args.id)
        name = _decidable(store, submission_id, False, args.despite_claim)
        for key in questions:
            refused = unknown_question(store, submission_id, key)
            if refused is not None:
                raise refused
        try:
            store.review.return_interview(
                submission_id, comment=args.comment, questions=questions, author=args.author
            )
        except FieldappError as error:
            if error.code != "review.comment_needed":
                raise
            # the desk's words ("write a comment") name no option a terminal takes
            raise FieldappError("review.cli_comment_needed", submission=submission_id) from None
    count = bool(args.comment.strip()) + sum(
        1 for said in notes.values() for note in said if note.strip()
    )
    print(
        text(
            "review.cli_returned",
            submission=submission_id,
            name=name,
            author=args.author,
            count=count,
        )
    )
    return 0


def cmd_review_set_aside(args: argparse.Namespace) -> int:
    """set aside one interview of an instanceID claim, after comparing the two

    Set aside one of the two interviews `fieldapp check` lists as an instanceID claim (ODK
    Central's copy, and another interview carrying its instanceID that did not make it and says
    otherwise): compare them first, then set aside the one ODK Central does not hold. As the
    review desk's "Set this interview aside...": a signed quarantine that every list, export and
    merge honours (nothing is deleted), written only where this database may act for the study
    (no certified supervisor yet, or hers). --reason says why (by default: the claim's ids, and
    that they were compared).

    Examples:
      fieldapp check --db supervisor.db
      fieldapp review set-aside 3f2a9c1e --db supervisor.db --author Rosa
      fieldapp review set-aside 3f2a9c1e --author Rosa --reason 'Not the interview Central holds'
    """
    from fieldapp.core.central.copies import set_aside_claimed
    from fieldapp.core.interview_name import listed_name
    from fieldapp.core.review_queue import find_interview
    from fieldapp.core.store import SubmissionId

    with _opened(args) as store:
        try:
            submission_id = find_interview(store, args.id)
        except FieldappError as error:
            if error.code != "review.cli_unknown_id":
                raise
            # the ids of a claim are check's, not review list's
            path = str(store.path)
            raise FieldappError(
                "review.cli_set_aside_unknown_id", given=args.id, path=path
            ) from None
        name = listed_name(store, submission_id)
        claim = set_aside_claimed(store, submission_id, reason=args.reason, author=args.author)
        other = SubmissionId(claim.other_than(submission_id))
        other_name = listed_name(store, other)
    print(
        text(
            "review.cli_set_aside",
            submission=submission_id,
            name=name,
            author=args.author,
            other=other,
            other_name=other_name,
        )
    )
    return 0


def _question_note(given: str) -> tuple[str, str]:
    """Read ``--question KEY=TEXT`` (argparse's type: a bad one is a usage error)."""
    key, equals, note = given.partition("=")
    if not equals or not key.strip():
        raise argparse.ArgumentTypeError(text("review.cli_bad_question", given=given))
    return key.strip(), note


REVIEW_HELP = """review finalized interviews from a terminal: list, approve, return, set aside

The desktop's review queue as commands: `list` the interviews waiting for review (or the approved
ones), `approve` them, or `return` one to its researcher with comments; `set-aside` one of an
instanceID claim. Decisions need --author; sealed interviews need the study key (--key).

Examples:
  fieldapp review list --db supervisor.db
  fieldapp review approve 3f2a9c1e --author Rosa
  fieldapp review return 3f2a9c1e --author Rosa --comment 'Ask for the year it was founded'
"""

KEY_HELP = (
    "the study's private key: lists and decides sealed interviews (passphrase asked, or "
    "FIELDAPP_PASSPHRASE for scripts)"
)


def add_review(sub: Any, command: Command, group: Group, decider: Decider) -> None:
    """Add ``fieldapp review ...`` to the command line."""
    actions = group(sub, "review", REVIEW_HELP)
    p = command(actions, "list", cmd_review_list, options=("db", "json"))
    p.add_argument(
        "--state",
        choices=("finalized", "approved"),
        default="finalized",
        help="finalized: those waiting for review (default); approved: to return one "
        "approved by mistake",
    )
    p.add_argument(
        "--city",
        metavar="C",
        help="only this city, by code or name, e.g. tijuana or 'Nuevo Laredo'",
    )
    p.add_argument(
        "--actor",
        metavar="A",
        help="only this actor type, by code (cso, gov, security, informant) or name, "
        "e.g. 'Civil society' or 'Sociedad civil'",
    )
    p.add_argument(
        "--interviewer", default="", metavar="X", help="only this interviewer code, e.g. TJ01"
    )
    p.add_argument("--key", metavar="FILE", help=KEY_HELP)

    p = command(actions, "approve", cmd_review_approve, options=("db",))
    p.add_argument(
        "ids",
        nargs="+",
        metavar="ID",
        help="an interview's id, or its first 8 characters or more (review list)",
    )
    decider(p, "approves")
    p.add_argument(
        "--comment", default="", metavar="TEXT", help="a comment kept with each approval"
    )
    p.add_argument("--key", metavar="FILE", help=KEY_HELP)
    _despite_claim(p)

    p = command(actions, "return", cmd_review_return, options=("db",))
    p.add_argument("id", metavar="ID", help="the interview's id, or its first 8 characters or more")
    decider(p, "returns it")
    p.add_argument(
        "--comment",
        default="",
        metavar="TEXT",
        help="what to fix in the whole interview (needed unless a --question says it)",
    )
    p.add_argument(
        "--question",
        action="append",
        type=_question_note,
        metavar="KEY=TEXT",
        help="a comment beside one question, by its key as the answers name it "
        "(group/name, e.g. org/members); repeatable",
    )
    p.add_argument("--key", metavar="FILE", help=KEY_HELP)
    _despite_claim(p)

    p = command(actions, "set-aside", cmd_review_set_aside, options=("db",))
    p.add_argument(
        "id", metavar="ID", help="the interview's id, or its first 8 characters or more (check)"
    )
    decider(p, "sets it aside")
    p.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help="why, travelling with the quarantine (default: the claim's ids, compared)",
    )
    p.add_argument("--key", metavar="FILE", help=KEY_HELP)


def _despite_claim(parser: argparse.ArgumentParser) -> None:
    """Add ``--despite-claim``: decide on an interview of an instanceID claim anyway."""
    parser.add_argument(
        "--despite-claim",
        action="store_true",
        help="decide on an interview of an instanceID claim anyway (fieldapp check lists "
        "claims: compare the two first)",
    )
