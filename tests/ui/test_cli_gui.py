"""`fieldapp` with no command opens the app, on the database --db names."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp import cli
from fieldapp.ui import app


def test_db_option_without_command_opens_the_app_on_that_file(monkeypatch, tmp_path):
    opened: list[Path] = []
    monkeypatch.setattr(app, "run_app", lambda db_path: opened.append(db_path) or 0)
    db = tmp_path / "laptop.db"
    assert cli.main(["--db", str(db)]) == 0
    assert opened == [db]


def test_no_arguments_opens_the_app_on_the_default_database(monkeypatch, tmp_path):
    opened: list[Path] = []
    monkeypatch.setattr(app, "run_app", lambda db_path: opened.append(db_path) or 0)
    monkeypatch.setenv("FIELDAPP_DB", str(tmp_path / "default.db"))
    assert cli.main([]) == 0
    assert opened == [tmp_path / "default.db"]


def test_unknown_command_is_still_a_usage_error(monkeypatch):
    monkeypatch.setattr(app, "run_app", lambda db_path: pytest.fail("the app opened"))
    with pytest.raises(SystemExit) as exit_:
        cli.main(["nonsense"])
    assert exit_.value.code == 2
