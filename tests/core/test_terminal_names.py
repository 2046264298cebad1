"""What a supervisor reads in a terminal names interviews and cities as the desks do.

`fieldapp merge` said a study city by its code (``nuevo_laredo``) when no form labels it,
where *File › Merge* says *Nuevo Laredo*; `fieldapp review list` ran to 150 characters on
the study's forms in Spanish, saying each interview's actor, city and day twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.store import Store

DRAFTS = "cuaderno de campo 2026"
SURVEY = [{"type": "text", "name": "story", "label": "Relato"}]


def _laptop(path: Path, form: Path, cities: tuple[str, ...]) -> None:
    with Store.open(path) as laptop:
        laptop.keys.unlock_drafts(DRAFTS)
        sha = laptop.forms.add(form).sha256
        for city in cities:
            laptop.interviews.submit(
                sha, {"story": "relato"}, finalize=True, interviewer="NL01", city=city
            )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_merge_summary_names_study_cities_as_the_dialog_does(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    """A form with no city question: the codes are all the database has to name them."""
    form = write_xlsform(
        tmp_path / "plain.xlsx", SURVEY, settings={"form_id": "plain", "version": "1"}
    )
    laptop = tmp_path / "laptop.db"
    _laptop(laptop, form, ("nuevo_laredo", "juarez"))
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    assert main(["merge", "--into", str(tmp_path / "supervisor.db"), str(laptop)]) == 0
    out = capsys.readouterr().out
    assert "    Nuevo Laredo: 1 " in out and "    Ciudad Juárez: 1 " in out, out
    assert "nuevo_laredo" not in out and "juarez" not in out, out
    # --json keeps the codes
    assert main(["merge", "--into", str(tmp_path / "other.db"), str(laptop), "--json"]) == 0
    said = capsys.readouterr().out
    assert '"nuevo_laredo"' in said and "Nuevo Laredo" not in said
    json.loads(said)
