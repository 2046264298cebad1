"""A crash writes none of fieldapp's memory to disk.

While fieldapp runs, its memory holds what no file does: the drafts key once the
passphrase is given, the study's private key on a supervisor's laptop, an interview's
answers in clear as they are typed or read. A crash (a segfault in Qt or in a media
decoder fed a package's file, an abort) made the system write that memory to disk as a
core dump wherever cores are on: systemd-coredump keeps them under
``/var/lib/systemd/coredump`` (and ``coredumpctl`` hands them to the same user), Ubuntu's
apport under ``/var/crash``, a plain ``ulimit -c unlimited`` beside the program. Every
fieldapp process now turns core dumps off for itself at start, and the limit cannot be
raised again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX resource limits")

CHILD = """
import json, resource, sys
# A system with core dumps on: the soft limit raised as far as the hard one allows.
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
from {module} import main
main(sys.argv[1:])
print(json.dumps(resource.getrlimit(resource.RLIMIT_CORE)))
"""


@pytest.mark.parametrize("module", ["fieldapp.launch", "fieldapp.cli"])
def test_a_fieldapp_process_writes_no_core_dump(tmp_path: Path, module: str) -> None:
    """``fieldapp.launch`` is the command installed; ``fieldapp.cli`` the bundle's."""
    from fieldapp.core.store import Store

    db = tmp_path / "field.db"
    with Store.open(db):
        pass
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env |= {"FIELDAPP_LANG": "en"}
    ran = subprocess.run(
        [sys.executable, "-c", CHILD.format(module=module), "status", "--db", str(db), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    *_, last = ran.stdout.strip().splitlines()
    assert json.loads(last) == [0, 0], ran.stderr
