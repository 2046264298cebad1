"""Run-wide settings of every test: Qt offscreen, English messages, a private forms cache."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from paths import CORPUS
from study_keys import KEY_PASSPHRASE, key_pair

if TYPE_CHECKING:
    from fieldapp.core import crypto

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages in tests are English unless a test asks for Spanish.
os.environ.setdefault("FIELDAPP_LANG", "en")
# Compiled forms are cached in a folder of the run's own, never the user's cache. pytest-xdist's
# workers inherit the folder from the process that started them (entries are written
# atomically, so they can share it); only that process removes it.
_RUN_CACHE = "FIELDAPP_TEST_RUN_CACHE"
if not os.environ.get(_RUN_CACHE):
    os.environ[_RUN_CACHE] = tempfile.mkdtemp(prefix="fieldapp-test-cache-")
    atexit.register(shutil.rmtree, os.environ[_RUN_CACHE], True)
os.environ["FIELDAPP_CACHE_DIR"] = str(Path(os.environ[_RUN_CACHE]) / "forms")


def pytest_configure(config: pytest.Config) -> None:
    # CI sets FIELDAPP_REQUIRE_SHARED so that a missing corpus fails the run instead of
    # quietly skipping the tests that need it.
    if os.environ.get("FIELDAPP_REQUIRE_SHARED") and not CORPUS.is_dir():
        raise pytest.UsageError(f"FIELDAPP_REQUIRE_SHARED is set but {CORPUS} is absent")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the files with the most slow tests first (each file stays in its order). With
    each file on one worker (``--dist loadfile``) the longest files then start at once,
    rather than one of them ending the run alone on one core."""
    slow = Counter(item.path for item in items if item.get_closest_marker("slow"))
    first_seen = {path: n for n, path in enumerate(dict.fromkeys(item.path for item in items))}
    items.sort(key=lambda item: (-slow[item.path], first_seen[item.path]))


CHEAP_SCRYPT_N = 2**12
"""The drafts passphrase's scrypt cost in tests: 2**17 (the product's) costs about 0.3 s a
derivation, and the suite derives hundreds of times. The cost is stored beside each wrap,
so a database written at either cost opens at the other; production code is unchanged."""


@pytest.fixture(autouse=True)
def cheap_kdf(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stretch drafts passphrases at ``CHEAP_SCRYPT_N`` unless the test is marked
    ``real_kdf`` (the tests of the product's cost are). Processes a test starts use the
    product's cost."""
    if request.node.get_closest_marker("real_kdf") is None:
        from fieldapp.core import crypto

        monkeypatch.setattr(crypto, "DRAFTS_SCRYPT_N", CHEAP_SCRYPT_N)


@pytest.fixture(scope="session")
def pair() -> crypto.KeyPair:
    """The study key pair (``study_keys.key_pair``), made once per session: RSA keys are slow.
    A module needing another key defines its own ``pair``."""
    return key_pair()


@pytest.fixture(scope="session")
def study_key(pair: crypto.KeyPair) -> crypto.StudyKey:
    """``pair``'s private half, unlocked with ``study_keys.KEY_PASSPHRASE``."""
    from fieldapp.core import crypto

    return crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
