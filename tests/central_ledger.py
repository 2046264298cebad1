"""A stand-in for Central's side of the push queue, for tests that kill the pusher.

``LedgerSender`` notes each instance it accepts in a file, fsynced before it answers,
so what "Central took" survives the SIGKILL of the process that sent it. Run as a
script it pushes a database's queue through such a sender, pausing at random; the kill
test stops it at random moments. It stands for what Central stores, not for Central's
HTTP (the replayed recordings test that).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from fieldapp.core.central import Part
from fieldapp.core.central.client import CentralRefused, Receipt
from fieldapp.core.messages import FieldappError, Message

SERVER = "http://central.test#1"


def _meta(parts: list[Part], tag: str) -> str | None:
    """A meta element of a submission (plain XML, or an envelope's manifest: orx:)."""
    xml = parts[0][1].decode("utf-8")
    found = re.search(rf"<(?:orx:)?{tag}>([^<]*)</(?:orx:)?{tag}>", xml)
    return None if found is None else found.group(1)


def instance_of(parts: list[Part]) -> str:
    """The instanceID of a submission."""
    found = _meta(parts, "instanceID")
    assert found is not None, "a submission without meta/instanceID"
    return found


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


def deprecated_of(parts: list[Part]) -> str | None:
    """The deprecatedID a submission names, if it is an edit."""
    return _meta(parts, "deprecatedID")


class CentralRules:
    """Central's rule for ``POST /submission``, over a state file that survives a SIGKILL.

    As central-backend decides (``lib/resources/submissions.js``): without deprecatedID, an
    instanceID held takes only the identical XML (adding the files it lacks), a current
    one; a new one is a new submission. With deprecatedID, the deprecated instance must be
    held (404 otherwise); if it is current the submission becomes a new version of it,
    if not only the identical resend of the version that replaced it is taken. The
    reasons are Central's words, which the queue reads.
    """

    def __init__(self, state: Path, pause: float = 0.0, seed: int = 0) -> None:
        self.state = state
        self.pause = pause
        self.random = random.Random(seed)
        self.calls: list[list[Part]] = []

    def held(self) -> dict[str, Any]:
        """instanceID -> {"xml": sha256, "submission": first instanceID, "current", "files"}."""
        if not self.state.exists():
            return {}
        loaded: dict[str, Any] = json.loads(self.state.read_text(encoding="utf-8"))
        return loaded

    def versions(self) -> dict[str, list[str]]:
        """Each submission (by its first instanceID) -> its versions' instanceIDs, oldest first."""
        found: dict[str, list[str]] = {}
        for instance, version in self.held().items():
            found.setdefault(version["submission"], []).append(instance)
        return found

    def plant(self, instance: str, xml: bytes) -> None:
        """Put a submission there as another client would (Central's web form, a copy)."""
        held = self.held()
        held[instance] = {
            "xml": hashlib.sha256(xml).hexdigest(),
            "submission": instance,
            "current": True,
            "files": [],
        }
        self._save(held)

    def _save(self, held: dict[str, Any]) -> None:
        temporary = self.state.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(held, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.state)

    def submit(self, parts: list[Part], what: Message) -> Receipt:
        self.calls.append(parts)
        if self.pause:
            time.sleep(self.random.random() * self.pause)
        held = self.held()
        instance, deprecated = instance_of(parts), deprecated_of(parts)
        xml = hashlib.sha256(parts[0][1]).hexdigest()
        files = [name for name, _, _ in parts[1:]]
        extant = held.get(instance)
        if deprecated is not None:
            old = held.get(deprecated)
            if old is None:
                raise self._refused(
                    404,
                    "You tried to update an existing submission, but we can't find that "
                    f"submission to update ({deprecated})",
                )
            if old["current"]:
                old["current"] = False
                held[instance] = {
                    "xml": xml,
                    "submission": old["submission"],
                    "current": True,
                    "files": files,
                }
                self._save(held)
                return self._taken()
            if extant is None or not extant["current"]:
                raise self._out_of_date(deprecated)
        elif extant is not None and not extant["current"]:
            raise self._out_of_date(instance)
        if extant is None:
            held[instance] = {"xml": xml, "submission": instance, "current": True, "files": files}
        elif extant["xml"] != xml:
            raise self._refused(
                409,
                "A submission already exists with this ID, but with different XML. "
                "Resubmissions to attach additional multimedia must resubmit an identical "
                "xml_submission_file.",
            )
        else:
            extant["files"] = sorted(set(extant["files"]) | set(files))
        self._save(held)
        return self._taken()

    def _taken(self) -> Receipt:
        if self.pause:
            time.sleep(self.random.random() * self.pause)
        return Receipt(201, "full submission upload was successful!")

    def _out_of_date(self, instance: str) -> CentralRefused:
        return self._refused(
            409,
            f"You tried to update a submission, but the copy you were editing ({instance}) "
            "is now out of date. Please get the new version that has been submitted, and "
            "make your edits again.",
        )

    @staticmethod
    def _refused(status: int, reason: str) -> CentralRefused:
        code = "central.not_found" if status == 404 else "central.refused"
        return CentralRefused(code, status=status, reason=reason, url="u", what="w", project=1)


def taken(ledger: Path) -> list[str]:
    if not ledger.exists():
        return []
    return [line for line in ledger.read_text(encoding="utf-8").splitlines() if line]


def main(db: str, ledger: str, seed: str, rules: str = "") -> None:
    from fieldapp.core.central.push import Sender, push
    from fieldapp.core.store import Store

    sender: Sender = (
        CentralRules(Path(ledger), pause=0.05, seed=int(seed))
        if rules
        else LedgerSender(Path(ledger), pause=0.05, seed=int(seed))
    )
    with Store.open(Path(db)) as store:
        print("ready", flush=True)
        push(store, sender, SERVER)


if __name__ == "__main__":
    main(*sys.argv[1:5])


class CentralProject(CentralRules):
    """``CentralRules`` with Central's REST side on one form: what a supervisor's pull and
    review sync read and write, over what was really sent to it (in memory).

    As central-backend serves it: the listing gives each submission's first instanceID,
    its current version's and its review state; a new version sets ``edited``; the XML
    and attachments are the current version's; comments belong to the submission. Every
    request is kept in ``requests`` (method, path), sends as ``("SUBMIT", instanceID)``.
    """

    def __init__(self, state: Path, form_id: str) -> None:
        super().__init__(state)
        self.form_id = form_id
        self.parts: dict[str, list[Part]] = {}
        self.review: dict[str, str | None] = {}
        self.comments: dict[str, list[str]] = {}
        self.requests: list[tuple[str, str]] = []

    def submit(self, parts: list[Part], what: Message) -> Receipt:
        instance = instance_of(parts)
        self.requests.append(("SUBMIT", instance))
        before = self.versions()
        receipt = super().submit(parts, what)
        for first, chain in self.versions().items():
            if chain != before.get(first):  # a new submission, or a new version of one
                self.review[first] = None if len(chain) == 1 else "edited"
        kept = self.parts.get(instance, [])
        files = {name: (name, content, kind) for name, content, kind in [*kept[1:], *parts[1:]]}
        self.parts[instance] = [parts[0], *files.values()]
        return receipt

    def plant(self, instance: str, xml: bytes) -> None:
        super().plant(instance, xml)
        self.parts[instance] = [("submission.xml", xml, "text/xml")]

    def submits(self, since: int = 0) -> list[str]:
        """The instanceIDs of the submissions sent since request ``since``."""
        return [path for method, path in self.requests[since:] if method == "SUBMIT"]

    def current(self, first: str) -> str:
        return next(i for i in self.versions()[first] if self.held()[i]["current"])

    def _submission(self, path: str) -> tuple[str, str]:
        """(first instanceID, rest of the path) of a path below the form's submissions."""
        path = path.replace("%3A", ":").replace("%24", "$").replace("%2C", ",")
        base = f"forms/{self.form_id}/submissions/"
        assert path.startswith(base), path
        rest = path[len(base) :]
        for first in self.versions():
            if rest == first or rest.startswith((f"{first}/", f"{first}.xml")):
                return first, rest[len(first) :]
        raise FieldappError("pull.http", what=path, status=404, reason="Not Found")

    def get_json(self, path: str) -> Any:
        self.requests.append(("GET", path))
        if path == "forms":
            return [{"xmlFormId": self.form_id}]
        if path == f"forms/{self.form_id}/submissions":
            return [
                {
                    "instanceId": first,
                    "submitterId": 7,
                    "createdAt": "2026-12-06T09:00:00.000Z",
                    "updatedAt": None,
                    "reviewState": self.review.get(first),
                    "currentVersion": {
                        "instanceId": self.current(first),
                        "createdAt": "2026-12-06T09:00:00.000Z",
                    },
                }
                for first in self.versions()
            ]
        if path.startswith(f"forms/{self.form_id}.svc/Submissions"):
            system = {"submitterName": "laptop"}
            return {"value": [{"__id": first, "__system": system} for first in self.versions()]}
        first, rest = self._submission(path)
        if rest == "/comments":
            return [{"body": body} for body in self.comments.get(first, [])]
        if rest == "/attachments":
            parts = self.parts[self.current(first)]
            return [{"name": name, "exists": True} for name, _, _ in parts[1:]]
        raise AssertionError(f"not served: {path}")

    def get_bytes(self, path: str) -> bytes:
        self.requests.append(("GET", path))
        first, rest = self._submission(path)
        parts = self.parts[self.current(first)]
        if rest == ".xml":
            return parts[0][1]
        for name, content, _ in parts[1:]:
            if rest == f"/attachments/{name}":
                return content
        raise FieldappError("pull.http", what=path, status=404, reason="Not Found")

    def patch_json(self, path: str, body: Any) -> Any:
        self.requests.append(("PATCH", path))
        first, rest = self._submission(path)
        assert rest == "" and set(body) == {"reviewState"}, (path, body)
        self.review[first] = body["reviewState"]
        return {}

    def post_json(self, path: str, body: Any) -> Any:
        self.requests.append(("POST", path))
        first, rest = self._submission(path)
        assert rest == "/comments", path
        self.comments.setdefault(first, []).append(body["body"])
        return {}

    def writes(self) -> list[tuple[str, str]]:
        """The requests that change something on the server."""
        return [(method, path) for method, path in self.requests if method != "GET"]
