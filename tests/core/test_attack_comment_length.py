"""Attack: read how much a supervisor wrote about a sealed interview from a package.

Attacker 3 holds a supervisor's package. A review comment on a sealed interview is sealed
for the study key and its laptop (``store/sealed_comments.py``), but its ciphertext was
as long as its words: "Ok." read as three characters, a paragraph naming a commander as
a paragraph, beside the interview's city, interviewer and day in clear. Sealed records
are padded to a bucket (``store/padding.py``); their comments must be too, and the
comments sealed before must still open.
"""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

import pytest
from study_keys import sealed_form

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.review import comments_for_researcher
from fieldapp.core.store import Store, SubmissionId, sealed_comments
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.padding import COMMENT_BUCKET

DRAFTS = "cuaderno de campo 2026"
SHORT = ("Ok.", "Sí")
LONG = (
    (
        "Quite del relato el apellido Zubiría y el nombre del comandante Ocampo, que aparece "
        "tres veces en la segunda sección; pregunte de nuevo por la fecha del cobro. " * 12
    ).strip(),  # as the review keeps it
    ("El entrevistado nombra al comandante Ocampo de la base de Nuevo Laredo. " * 20).strip(),
)


def _laptop(path: Path, form: Path) -> list[SubmissionId]:
    """Three finalized sealed interviews on a researcher's laptop."""
    with Store.open(path) as store:
        store.keys.unlock_drafts(DRAFTS)
        sha = store.forms.add(form).sha256
        return [
            store.interviews.submit(
                sha, {"story": "relato"}, finalize=True, interviewer="NL01", city="nuevo_laredo"
            )[0]
            for _ in range(3)
        ]


def _sealed_lengths(package: Path) -> dict[tuple[str, str], int]:
    """What attacker 3 reads without a key: each sealed comment's ciphertext length, by
    interview and kind."""
    with sqlite3.connect(package) as conn:
        rows = conn.execute(
            "SELECT submission_uuid, kind, length(json_extract(payload, '$.sealed.ciphertext')) "
            "FROM events WHERE json_extract(payload, '$.sealed') IS NOT NULL"
        ).fetchall()
    return {(str(sid), str(kind)): int(length) for sid, kind, length in rows}


def test_a_short_and_a_long_sealed_comment_read_as_long_in_a_package(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = sealed_form(tmp_path, pair)
    laptop = tmp_path / "laptop.db"
    short, long, older = _laptop(laptop, form)
    with Store.open(laptop) as store:
        write_package(store, tmp_path / "laptop.fieldapp")
    with Store.open(tmp_path / "sup.db") as store:
        merge_database(store, tmp_path / "laptop.fieldapp")
        store.keys.unlock(study_key)
        store.review.return_interview(
            short, comment=SHORT[0], questions={"story": SHORT[1]}, author="Rosa"
        )
        store.review.return_interview(
            long, comment=LONG[0], questions={"story": LONG[1]}, author="Rosa"
        )
        # A comment an older fieldapp sealed, unpadded, before this one padded them.
        with monkeypatch.context() as old:
            old.setattr(sealed_comments, "padded_json", lambda p: canonical_json(p).encode())
            store.review.return_interview(
                older, comment=SHORT[0], questions={"story": LONG[1]}, author="Rosa"
            )
        write_package(store, tmp_path / "sup.fieldapp")

    lengths = _sealed_lengths(tmp_path / "sup.fieldapp")
    padded = {key: n for key, n in lengths.items() if key[0] != older}
    assert len(padded) == 4  # a general comment and a question comment each
    assert len(set(padded.values())) == 1, padded  # "Ok." reads as the paragraph does
    # a comment's bucket, not a record's: each decision costs every package 6 KB, not 23
    assert set(padded.values()) == {len(base64.b64encode(bytes(COMMENT_BUCKET + 16)))}  # + tag
    assert lengths[(older, "returned")] < lengths[(short, "returned")]  # as before

    # The study key and the interview's laptop read every one, the old one too, as written.
    with Store.open(tmp_path / "sup.db") as store:
        store.keys.unlock(study_key)
        read = {sid: comments_for_researcher(store, sid) for sid in (short, long, older)}
        payloads = [e.payload for sid in (short, long) for e in store.events.of(sid)]
    with Store.open(laptop) as store:
        merge_database(store, tmp_path / "sup.fieldapp")
        store.keys.unlock_drafts(DRAFTS)
        on_laptop = {sid: comments_for_researcher(store, sid) for sid in (short, long, older)}
    for found in (read, on_laptop):
        assert found[short].general == (SHORT[0],)
        assert found[short].by_question == {"story": (SHORT[1],)}
        assert found[long].general == (LONG[0],)
        assert found[long].by_question == {"story": (LONG[1],)}
        assert found[older].general == (SHORT[0],)
        assert found[older].by_question == {"story": (LONG[1],)}
    assert not [p for p in payloads if "pad" in p]  # the padding is nobody's to read
