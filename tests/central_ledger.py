"""A stand-in for Central's side of the push queue, for tests that kill the pusher.

``LedgerSender`` notes each instance it accepts in a file, fsynced before it answers,
so what "Central took" survives the SIGKILL of the process that sent it. Run as a
script it pushes a database's queue through such a sender, pausing at random; the kill
test stops it at random moments. It stands for what Central stores, not for Central's
HTTP (the replayed recordings test that).
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from pathlib import Path

from fieldapp.core.central import Part
from fieldapp.core.central.client import Receipt
from fieldapp.core.messages import Message

SERVER = "http://central.test#1"


def instance_of(parts: list[Part]) -> str:
    """The instanceID of a submission (plain XML, or an envelope's manifest: orx:)."""
    xml = parts[0][1].decode("utf-8")
    found = re.search(r"<(?:orx:)?instanceID>([^<]*)</(?:orx:)?instanceID>", xml)
    assert found is not None, "a submission without meta/instanceID"
    return found.group(1)


class LedgerSender:
    """Accepts every submission, writing its instanceID to ``ledger`` first."""

    def __init__(self, ledger: Path, pause: float = 0.0, seed: int = 0) -> None:
        self.ledger = ledger
        self.pause = pause
        self.random = random.Random(seed)
        self.calls: list[list[Part]] = []

    def submit(self, parts: list[Part], what: Message) -> Receipt:
        self.calls.append(parts)
        if self.pause:
            time.sleep(self.random.random() * self.pause)
        with open(self.ledger, "a", encoding="utf-8") as out:
            out.write(instance_of(parts) + "\n")
            out.flush()
            os.fsync(out.fileno())
        if self.pause:
            time.sleep(self.random.random() * self.pause)
        return Receipt(201, "full submission upload was successful!")


def taken(ledger: Path) -> list[str]:
    if not ledger.exists():
        return []
    return [line for line in ledger.read_text(encoding="utf-8").splitlines() if line]


def main(db: str, ledger: str, seed: str) -> None:
    from fieldapp.core.central.push import push
    from fieldapp.core.store import Store

    with Store.open(Path(db)) as store:
        print("ready", flush=True)
        push(store, LedgerSender(Path(ledger), pause=0.05, seed=int(seed)), SERVER)


if __name__ == "__main__":
    main(*sys.argv[1:4])
