"""A study with a certified supervisor and two laptops, for the authority tests.

A plain module (see ``paths.py`` on why never ``from conftest import``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from merge_devices import Device, file_checksum, study_key_pair
from study_keys import KEY_PASSPHRASE

from fieldapp.core import crypto
from fieldapp.core.devices import certify_supervisor
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError


def study_key() -> crypto.StudyKey:
    return crypto.load_private_key(study_key_pair().private_pem, KEY_PASSPHRASE)


@contextmanager
def certified_team(folder: Path) -> Iterator[tuple[Device, Device, Device]]:
    """Give a supervisor certified by the study key and Ana and Beto, who merged with her
    once (each has an interview in clear and a sealed one); close them after."""
    supervisor, ana, beto = (Device(folder / f"{n}.db", n) for n in ("sup", "ana", "beto"))
    for laptop in (ana, beto):
        sid = laptop.create(laptop.add_form(), "Tijuana", {"name": laptop.name})
        laptop.seal(sid, b"sealed")  # brings the sealed form, whose key checks certificates
        merge_database(supervisor.store, laptop.path)
    certify_supervisor(supervisor.store, study_key(), author="sup")
    for laptop in (ana, beto):
        merge_database(laptop.store, supervisor.path)
    try:
        yield supervisor, ana, beto
    finally:
        for device in (supervisor, ana, beto):
            device.close()


def refused(target: Device, source: Path, code: str) -> FieldappError:
    """Merge ``source`` into ``target``: it must be refused with ``code``, ``target``
    unchanged byte for byte."""
    before = file_checksum(target.path)
    with pytest.raises(FieldappError) as error:
        merge_database(target.store, source)
    assert error.value.code == code, error.value.text("en")
    assert file_checksum(target.path) == before
    return error.value
