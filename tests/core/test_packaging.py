"""An installed fieldapp (a wheel, not this checkout) finds its forms, style and translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from paths import REPO

PACKAGE_DATA = (
    "fieldapp/study_forms/cso.xlsx",
    "fieldapp/study_forms/gov.xlsx",
    "fieldapp/study_forms/security.xlsx",
    "fieldapp/study_forms/informant.xlsx",
    "fieldapp/resources/style.qss",
    "fieldapp/resources/fieldapp_es.qm",
    "fieldapp/resources/fieldapp.svg",
    *sorted(
        path.relative_to(REPO).as_posix()
        for path in (REPO / "fieldapp" / "study_forms" / "compiled").glob("*.json")
    ),
)

# Each test runs a wheel of fieldapp built and installed for the module (seconds).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a wheel from a copy of the source and unpack it where no checkout is near."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(
        REPO / "fieldapp", source / "fieldapp", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(root / "dist"), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if built.returncode != 0 and "No module named" in built.stderr:
        pytest.skip(f"building a wheel needs setuptools and wheel: {built.stderr.strip()[-200:]}")
    assert built.returncode == 0, built.stderr
    (wheel,) = (root / "dist").glob("fieldapp-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        missing = set(PACKAGE_DATA) - set(archive.namelist())
        assert not missing, f"the wheel lacks {sorted(missing)}"
        archive.extractall(root / "site")
    return root / "site"


def test_an_installed_fieldapp_finds_its_study_forms(installed: Path) -> None:
    code = (
        "from fieldapp.core.study import study_forms\nfor form in study_forms(): print(form.path)\n"
    )
    found = _run(installed, code).splitlines()
    assert [Path(line).name for line in found] == [
        "cso.xlsx", "gov.xlsx", "security.xlsx", "informant.xlsx"
    ]  # fmt: skip
    assert all(Path(line).is_relative_to(installed) for line in found), found


def test_an_installed_fieldapp_adds_its_study_forms_without_pyxform(
    installed: Path, tmp_path: Path
) -> None:
    """The compiled study forms are package data: a first start needs no pyxform."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from fieldapp.ui.app import open_store\n"
        f"store = open_store(Path({str(tmp_path / 'new.db')!r}))\n"
        "print(len(store.forms.records()), 'pyxform' in sys.modules)\n"
    )
    assert _run(installed, code).split() == ["4", "False"]


def test_an_installed_fieldapp_has_its_style_icon_and_spanish(installed: Path) -> None:
    code = (
        "import fieldapp.ui.app as app\n"
        "from fieldapp.ui import i18n\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "qt = app.create_app(['fieldapp'])\n"
        "print(i18n.apply_language('es'))\n"
        "print(QCoreApplication.translate('MainWindow', '&File'))\n"
        "print(len(qt.styleSheet()) > 100, not qt.windowIcon().isNull())\n"
        "print(app.__file__)\n"
    )
    lines = _run(installed, code).splitlines()
    assert lines[:3] == ["es", "&Archivo", "True True"]
    assert Path(lines[3]).is_relative_to(installed)


def _run(site: Path, code: str) -> str:
    # The unpacked wheel comes first on the path and the checkout is nowhere on it, so a
    # file found through the source tree instead of package data would fail here.
    env = {"PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=site, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout
