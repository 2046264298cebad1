"""Each interview's state in a server's push queue, as the interviews list shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from central_ledger import SERVER, LedgerSender
from central_scenarios import edit_after_return, finalized_interview, write_form

from fieldapp.core.central.client import CentralRefused, Receipt
from fieldapp.core.central.push import push, queue
from fieldapp.core.central.queue_rows import send_states
from fieldapp.core.messages import Message
from fieldapp.core.store import Store


class RefusesOne:
    """Takes every submission but the ``refused`` interview's, as a closed form would."""

    def __init__(self, ledger: Path, refused: str) -> None:
        self.ledger = LedgerSender(ledger)
        self.refused = refused

    def submit(self, parts: list, what: Message) -> Receipt:
        if what.params["submission"] == self.refused:
            raise CentralRefused(
                "central.form_closed", status=409, reason="not accepting", url="u", what=what
            )
        return self.ledger.submit(parts, what)


def test_the_newest_queue_row_of_each_interview_gives_its_state_and_reason(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "laptop.db") as store:
        sha = store.forms.add(write_form(tmp_path / "form")).sha256
        sent, refused, edited = (finalized_interview(store, sha, n) for n in ("A", "B", "C"))
        assert send_states(store, SERVER) == {}, "nothing queued before the first push"
        push(store, RefusesOne(tmp_path / "ledger", refused), SERVER)
        # Corrected after a return: a new revision waits while the one sent stays sent.
        edit_after_return(store, edited, "C, corregido")
        push(store, RefusesOne(tmp_path / "ledger", refused), "http://other.test#2")
        states = send_states(store, SERVER)
        rows = queue(store, SERVER)
    assert [row.state for row in rows if row.submission_id == edited] == ["sent"]
    assert states == {
        sent: ("sent", ""),
        refused: ("refused", "not accepting"),
        edited: ("sent", ""),
    }, "the other server's push changed nothing here"
    with Store.open(tmp_path / "laptop.db") as store:
        push(store, RefusesOne(tmp_path / "ledger", ""), SERVER, retry_refused=False)
        states = send_states(store, SERVER)
        assert [row.state for row in queue(store, SERVER) if row.submission_id == edited] == [
            "sent",
            "sent",
        ], "the correction went up as a new instance"
    assert states[edited] == ("sent", "")
    assert states[refused] == ("refused", "not accepting"), "not tried again unasked"


def test_an_edit_waiting_behind_a_sent_revision_shows_as_waiting(tmp_path: Path) -> None:
    with Store.open(tmp_path / "laptop.db") as store:
        sha = store.forms.add(write_form(tmp_path / "form")).sha256
        edited = finalized_interview(store, sha, "C")
        push(store, LedgerSender(tmp_path / "ledger"), SERVER)
        edit_after_return(store, edited, "C, corregido")
        push(store, LedgerSender(tmp_path / "ledger"), SERVER, cancelled=lambda: True)
        assert send_states(store, SERVER) == {edited: ("waiting", "")}
        assert [row.state for row in queue(store, SERVER)] == ["sent", "waiting"]


def test_a_database_without_the_queue_has_sent_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "laptop.db") as store:
        store.conn.execute("DROP TABLE central_queue")
        assert send_states(store, SERVER) == {}


def test_reading_the_send_states_loads_no_http_client(tmp_path: Path) -> None:
    """The desktop's list reads them at start-up: httpx would cost it for nothing."""
    Store.open(tmp_path / "laptop.db").close()
    script = (
        "import sys\n"
        "from fieldapp.core.store import Store\n"
        "from fieldapp.core.central.queue_rows import send_states\n"
        f"with Store.open({str(tmp_path / 'laptop.db')!r}) as store:\n"
        f"    print(send_states(store, {SERVER!r}), 'httpx' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "{} False"
