"""A draft's place follows its repeat entry when a merge or a conflict resolution numbers
the entries anew (``core.place.follow``); an entry that is gone gives way to the question
before where it was; a place written before fingerprints is read by its number."""

from __future__ import annotations

import json
from pathlib import Path

from study_keys import DRAFTS_PASSPHRASE, STORY_AND_MECHANISMS, key_pair, sealed_form
from xlsform import write_xlsform

from fieldapp.core.merge import merge_database
from fieldapp.core.place import FINGERPRINT_ANSWERS, Place, follow
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

MECHANISMS = "org/mechanisms"
SURVEY = [
    {"type": "begin group", "name": "org", "label": "Org"},
    {"type": "begin repeat", "name": "mechanisms", "label": "Mechanism"},
    {"type": "text", "name": "mech_name", "label": "Name"},
    {"type": "text", "name": "mech_city", "label": "City"},
    {"type": "end repeat"},
    {"type": "end group"},
]
THREE = [{"mech_name": name} for name in ("Mesa", "Consejo", "Comité")]


def test_a_conflict_resolved_with_the_other_laptops_entries_leads_back_to_hers(
    tmp_path: Path,
) -> None:
    """Her laptop typed a city in the second mechanism; another laptop removed the first;
    the resolution kept the other laptop's entries, without her city. Reopening lands in
    Consejo's city (now the first entry), not in Comité's (now numbered 2)."""
    form = write_xlsform(tmp_path / "f.xlsx", SURVEY, settings={"form_id": "f", "version": "1"})
    with Store.open(tmp_path / "hers.db") as hers, Store.open(tmp_path / "other.db") as other:
        sha = hers.forms.add(form).sha256
        sid = SubmissionId(hers.interviews.start(sha, answers={MECHANISMS: THREE}))
        merge_database(other, tmp_path / "hers.db")

        answers = hers.interviews.working_answers(sid)
        answers[MECHANISMS][1]["mech_city"] = "Reynosa"
        typed = Place.at((MECHANISMS, 1, "mech_city"), 7, answers)
        hers.interviews.autosave(sid, answers, place=typed)
        hers.interviews.save(sid)

        elsewhere = other.interviews.working_answers(sid)
        del elsewhere[MECHANISMS][0]
        other.interviews.autosave(sid, elsewhere)
        other.interviews.save(sid)
        merge_database(hers, tmp_path / "other.db")
        assert len(hers.interviews.heads(sid)) == 2
        hers.interviews.resolve_conflict(sid, elsewhere, author="Supervisora")

        place = hers.interviews.place(sid)
        assert place is not None and place.path == "org/mechanisms[2]/mech_city"
        now = hers.interviews.working_answers(sid)
        assert now[MECHANISMS] == [{"mech_name": "Consejo"}, {"mech_name": "Comité"}]
        assert follow(place, now) == (MECHANISMS, 0, "mech_city")


def test_unchanged_entries_keep_their_number_even_when_two_are_alike() -> None:
    answers = {MECHANISMS: [*THREE, {"mech_name": "Consejo"}]}
    for number in range(4):
        place = Place.at((MECHANISMS, number, "mech_city"), None, answers)
        assert follow(place, answers) == (MECHANISMS, number, "mech_city")


def test_her_entry_gone_gives_the_entry_by_its_number_with_nothing_in_it() -> None:
    """``nearest_earlier`` reads that as the end of the entry before (as a gone entry
    always was); not the entry that took her number."""
    place = Place.at((MECHANISMS, 1, "mech_city"), 3, {MECHANISMS: THREE})
    without_hers = {MECHANISMS: [THREE[0], THREE[2]]}
    assert follow(place, without_hers) == (MECHANISMS, 1)
    assert follow(place, {}) == (MECHANISMS, 1)


def test_one_answer_shared_of_several_is_not_her_entry() -> None:
    """The same city in another mechanism does not make it hers; her own, with one answer
    corrected on another laptop, still is (most of what she had is there)."""
    hers = {"mech_name": "Mesa", "mech_city": "Tijuana", "since": 2019, "mech_role": "x"}
    junta = {"mech_name": "Junta"}
    place = Place.at((MECHANISMS, 1, "mech_role"), None, {MECHANISMS: [junta, hers]})
    other = {"mech_name": "Consejo", "mech_city": "Tijuana"}
    assert follow(place, {MECHANISMS: [other]}) == (MECHANISMS, 1)
    corrected = {**hers, "mech_city": "Tijuana centro", "mech_role": "y"}
    moved = {MECHANISMS: [junta, other, corrected]}
    assert follow(place, moved) == (MECHANISMS, 2, "mech_role")


def test_her_entry_edited_in_its_place_elsewhere_keeps_its_number() -> None:
    """No entry holds what hers held, but there are as many entries as there were: hers
    was changed where it stood, not removed."""
    place = Place.at((MECHANISMS, 1, "mech_city"), None, {MECHANISMS: THREE})
    renamed = {MECHANISMS: [THREE[0], {"mech_name": "Consejo Ciudadano"}, THREE[2]]}
    assert follow(place, renamed) == (MECHANISMS, 1, "mech_city")
    one_more = {MECHANISMS: [*renamed[MECHANISMS], {"mech_name": "Red"}]}
    assert follow(place, one_more) == (MECHANISMS, 1), "as many or not: hers may be gone"


def test_an_entry_inside_an_entry_is_followed_at_both_levels() -> None:
    def org(name: str, people: list[str]) -> dict[str, object]:
        return {"org_name": name, "people": [{"person": p, "role": ""} for p in people]}

    before = {"orgs": [org("A", ["ana"]), org("B", ["beto", "carla", "dora"])]}
    ref = ("orgs", 1, "people", 2, "role")  # Dora's role in B
    place = Place.at(ref, None, before)
    after = {"orgs": [org("B", ["carla", "dora"]), org("C", ["dora"])]}  # A and Beto gone
    assert follow(place, after) == ("orgs", 0, "people", 1, "role")


def test_a_place_from_before_fingerprints_is_read_by_its_number() -> None:
    older = Place.from_json('{"path": "org/mechanisms[2]/mech_city", "cursor": 3}')
    assert older is not None and older.entries is None
    assert follow(older, {MECHANISMS: [THREE[2]]}) == (MECHANISMS, 1, "mech_city")
    written = json.loads(Place.at((MECHANISMS, 1, "mech_city"), 3, {MECHANISMS: THREE}).to_json())
    assert (written["path"], written["cursor"]) == ("org/mechanisms[2]/mech_city", 3)
    for entries in ("[[1]]", '[{"answers": [1], "among": 3}]', '[{"answers": []}]', "[]"):
        broken = Place.from_json(f'{{"path": "org/mechanisms[2]/x", "entries": {entries}}}')
        assert broken is not None and broken.entries is None, "read by its number"


def test_a_sealed_place_keeps_its_fingerprints_encrypted_and_one_length(tmp_path: Path) -> None:
    """What the entries held is inside the encrypted place, and the row is as long for an
    entry of one answer as for one of many: it says nothing of the answers."""
    form = sealed_form(tmp_path, key_pair(), STORY_AND_MECHANISMS)
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = SubmissionId(store.interviews.start(store.forms.add(form).sha256))
        where = (MECHANISMS, 1, "mech_city")
        lengths = []
        for answered in (1, 3 * FINGERPRINT_ANSWERS):
            entry = {f"q{n}": "respuesta" for n in range(answered)}
            answers = {MECHANISMS: [{"mech_city": "Tijuana"}, entry]}
            place = Place.at(where, None, answers)
            store.interviews.autosave(sid, answers, place=place)
            (stored,) = store.conn.execute(
                "SELECT value FROM meta WHERE key = ?", [f"place:{sid}"]
            ).fetchone()
            assert place.entries is not None
            for digest in place.entries[0].answers:
                assert digest not in stored
            lengths.append(len(stored))
            kept = store.interviews.place(sid)
            assert kept is not None and kept.entries == place.entries
            moved = {MECHANISMS: [entry, {"mech_city": "Tijuana"}]}
            assert follow(kept, moved) == (MECHANISMS, 0, "mech_city")
        assert lengths[0] == lengths[1]
        assert place.entries is not None
        assert len(place.entries[0].answers) == FINGERPRINT_ANSWERS, "a long entry, a part"
