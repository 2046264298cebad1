"""Render the supervisor's desk for the README: the review queue and the progress dashboard.

    .venv/bin/python docs/make_review_screenshots.py [--interviews 120] [--out docs/screenshots]

Fills a throw-away database with ``fieldapp demo`` interviews of the study forms, reviews
some of them (approvals, returns with comments, one interview edited after a return) and
sets targets, then opens the real windows with Qt's offscreen platform and saves PNGs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

# the script beside this one (a script's own folder is on sys.path)
from make_screenshots import keep_settings_in, save, settle, write_demo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=120)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as folder:
        keep_settings_in(folder)
        db_path = Path(folder) / "demo.db"
        write_demo(db_path, args.interviews)
        review_some(db_path)
        for language in ("en", "es"):
            shoot(db_path, language, args.out)
    return 0


def review_some(db_path: Path) -> None:
    """Approve about half the finalized interviews, return a few, set every target."""
    from fieldapp.core.progress import set_target
    from fieldapp.core.store import InterviewFilter, Store

    rng = random.Random(7)
    with Store.open(db_path) as store:
        in_conflict = set(store.interviews.conflicts())  # the demo's: resolved, not reviewed
        rows = [
            row
            for row in store.interviews.page(InterviewFilter(state="finalized"), limit=10_000)
            if row.submission_id not in in_conflict
        ]
        for number, row in enumerate(rows):
            if number % 2 == 0:
                store.review.approve(row.submission_id, author="supervisora")
            elif number % 7 == 1:
                form = store.forms.of(row.submission_id)
                key = next(q.key for q in form.questions() if q.type == "text" and q.labels)
                store.review.return_interview(
                    row.submission_id,
                    comment="Falta la grabación de la segunda parte.",
                    questions={key: "Confirme este dato con la persona entrevistada."},
                    author="supervisora",
                )
        for city in ("tijuana", "juarez", "monterrey", "nuevo_laredo"):
            for actor in ("cso", "gov", "security", "informant"):
                set_target(store, city, actor, rng.choice((4, 5, 6, 8)), author="supervisora")
        # One interview edited after its first version, so the diff shows something.
        for row in rows[1::2]:
            heads = store.interviews.heads(row.submission_id)
            if len(heads) == 1 and heads[0].state == "finalized" and heads[0].answers:
                store.interviews.reopen(row.submission_id)
                answers = dict(store.interviews.working_answers(row.submission_id))
                text_keys = [k for k, v in answers.items() if isinstance(v, str) and " " in v]
                if text_keys:
                    answers[text_keys[0]] += " (Corregido tras la revisión.)"
                store.interviews.autosave(row.submission_id, answers)
                store.interviews.finalize(row.submission_id)
                break


def shoot(db_path: Path, language: str, out: Path) -> None:
    from fieldapp.core.store import InterviewFilter, Store
    from fieldapp.ui import i18n
    from fieldapp.ui.app import create_app
    from fieldapp.ui.dashboard import DashboardView
    from fieldapp.ui.interview_window import InterviewWindow
    from fieldapp.ui.review_view import ReviewView

    create_app()
    i18n.apply_language(language)
    settle()
    with Store.open(db_path) as store:
        view = ReviewView(store)
        view.resize(1400, 860)
        view.show()
        settle()
        edited = next(
            (
                view.model.row_at(n).submission_id
                for n in range(view.model.rowCount())
                if len(store.interviews.history(view.model.row_at(n).submission_id)) > 2
            ),
            None,
        )
        if edited is not None:
            view.select(edited)
        view.reviewer_edit.setText("supervisora")
        view.question_box.setCurrentIndex(min(4, view.question_box.count() - 1))
        view.comment_edit.setPlainText("¿La fecha de la reunión es correcta?")
        view.add_comment()
        settle()
        save(view, out / f"review-{language}.png")
        view.tabs.setCurrentIndex(1)
        settle()
        save(view, out / f"review-history-{language}.png")
        view.close()

        returned = store.interviews.page(InterviewFilter(state="returned"), limit=1)
        if returned:  # what the researcher sees once the supervisor's file is merged back
            window = InterviewWindow(store, returned[0].submission_id)
            window.resize(1280, 800)
            window.show()
            settle()
            save(window, out / f"returned-{language}.png")
            window.close()
            settle()

        dashboard = DashboardView(store)
        dashboard.resize(1150, 1000)
        dashboard.show()
        settle()
        save(dashboard, out / f"dashboard-{language}.png")
        dashboard.close()
        settle()


if __name__ == "__main__":
    sys.exit(main())
