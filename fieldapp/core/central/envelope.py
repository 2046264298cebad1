"""Sealed interviews go up sealed: ODK's encrypted submission, built when they are finalized.

A sealed form's finalized revision is kept sealed for the study key (``store/sealing``)
and cannot be opened on the laptop afterwards, so the envelope ODK Collect would send
for it is built at the same moment, from the plaintext in hand, and kept as encrypted
bytes only (https://getodk.github.io/xforms-spec/encryption, as Collect's
``EncryptionUtils`` writes it and Central's ``lib/util/crypto.js`` reads it):

- a random 256-bit AES key, RSA-OAEP (SHA-256, MGF1-SHA-256) wrapped for the form's
  ``public_key`` (``base64RsaPublicKey``): ``base64EncryptedKey``;
- each file, media first and ``submission.xml`` last, AES-256-CFB with PKCS#7 padding;
  file *n*'s IV is md5(instanceID + key) with byte ``i % 16`` raised by one for every
  ``i`` up to *n*; named ``<name>.enc``;
- the manifest ``submission.xml``: ``<data encrypted="yes" id version>`` with the wrapped
  key, ``meta/instanceID`` (Central requires it), one ``<media><file>`` a file,
  ``encryptedXmlFile`` and ``base64EncryptedElementSignature``: the RSA-OAEP wrapped md5
  of "form id, version, wrapped key, instanceID, ``name::md5`` of each clear file", one a
  line.

The instance XML is padded before it is encrypted (``padded_instance``): a comment of
spaces after its root element, so ``submission.xml.enc`` is as long as every other
interview's in its bucket (``store.padding``). A comment after the root is legal XML and
the parsers that open it skip it: Central's export (htmlparser2 with no comment handler,
and it stops at the root's end tag), Briefcase's kXML ``Document`` (a comment child
beside the root element) and fieldapp's own pull (ElementTree).

The manifest is stored and sent in clear, so it must name nobody: media files get random
names (the instance XML inside says the same names), the form id and the instanceID are
what Central sees anyway. The envelope is an event of kind ``odk_envelope`` naming the
revision, its files are attachments addressed by sha256: both are insert-only and travel
in packages, so a supervisor's laptop pushes what a researcher finalized, byte for byte
(Central accepts a repeated push of the same manifest as the same submission).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

try:  # CFB left the primitives (ODK's choice, not ours): where newer cryptography keeps it
    from cryptography.hazmat.decrepit.ciphers.modes import CFB
except ImportError:  # pragma: no cover - cryptography before the move
    from cryptography.hazmat.primitives.ciphers.modes import CFB

from fieldapp.core import crypto
from fieldapp.core.central import Part
from fieldapp.core.messages import FieldappError
from fieldapp.core.store.padding import padding_for

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Answers, Form
    from fieldapp.core.store.interviews import Store
    from fieldapp.core.store.records import EventRecord, RevisionId, SubmissionId

__all__ = [
    "AES_BLOCK",
    "CFB",
    "ENVELOPE_KIND",
    "KEPT",
    "OAEP",
    "Envelope",
    "Part",
    "build_envelope",
    "encrypt_file",
    "envelope_ids",
    "keep_envelope",
    "padded_instance",
    "record_envelope",
    "sealed_parts",
    "signature_digest",
    "submission_ivs",
]

ENVELOPE_KIND = "odk_envelope"
MANIFEST = "submission.xml"
ENCRYPTED_NS = "http://www.opendatakit.org/xforms/encrypted"
OPENROSA_NS = "http://openrosa.org/xforms"
_KEY_BYTES = 32
AES_BLOCK = 16
OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)
"""Collect's ``RSA/NONE/OAEPWithSHA256AndMGF1Padding`` (``envelope_open`` unwraps with it)."""
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")


@dataclass(frozen=True)
class Envelope:
    """What Collect would send for one finalized sealed interview: all of it encrypted."""

    instance_id: str
    deprecated_id: str | None
    manifest: bytes
    files: tuple[tuple[str, bytes], ...]
    """(``<name>.enc``, ciphertext): media in order, ``submission.xml.enc`` last."""

    def parts(self) -> list[Part]:
        """Return the multipart parts: the manifest first, then each encrypted file."""
        return [
            (MANIFEST, self.manifest, "text/xml"),
            *((name, data, "application/octet-stream") for name, data in self.files),
        ]


def submission_ivs(instance_id: str, key: bytes, count: int) -> list[bytes]:
    """Return the IVs of files 0..count-1, derived as ODK does (no IV is stored)."""
    running = bytearray(hashlib.md5(instance_id.encode("utf-8") + key).digest())
    ivs = []
    for index in range(count):
        running[index % AES_BLOCK] = (running[index % AES_BLOCK] + 1) % 256
        ivs.append(bytes(running))
    return ivs


def signature_digest(
    form_id: str,
    version: str,
    wrapped_key: str,
    instance_id: str,
    clear: Sequence[tuple[str, bytes]],
) -> bytes:
    """Return the md5 ``base64EncryptedElementSignature`` wraps (``clear``: name, clear bytes)."""
    lines = [form_id, *([version] if version else []), wrapped_key, instance_id]
    lines += [f"{name}::{hashlib.md5(data).hexdigest()}" for name, data in clear]
    return hashlib.md5("".join(f"{line}\n" for line in lines).encode("utf-8")).digest()


def padded_instance(xml: bytes) -> bytes:
    """Return the instance XML with a comment of spaces after its root, to its bucket."""
    return xml + b"<!--" + b" " * padding_for(len(xml) + len(b"<!---->")) + b"-->"


def encrypt_file(key: bytes, iv: bytes, data: bytes) -> bytes:
    """Encrypt one file as Collect's ``AES/CFB/PKCS5Padding`` does (CFB-128, PKCS#7)."""
    pad = AES_BLOCK - len(data) % AES_BLOCK
    encryptor = Cipher(algorithms.AES(key), CFB(iv)).encryptor()
    return encryptor.update(data + bytes([pad]) * pad) + encryptor.finalize()


def build_envelope(
    *,
    form_id: str,
    version: str,
    public_key: str | rsa.RSAPublicKey,
    instance_id: str,
    submission_xml: bytes,
    media: Sequence[tuple[str, bytes]] = (),
    deprecated_id: str | None = None,
    aes_key: bytes | None = None,
) -> Envelope:
    """Encrypt an instance and its media for ``public_key``; return the envelope.

    ``media`` are (name, clear bytes) in the order the manifest lists them; the names are
    the ones ``submission_xml`` uses. ``aes_key`` is for tests with known vectors only.
    """
    if not instance_id:
        raise FieldappError("envelope.no_instance_id", form=form_id)
    rsa_key = crypto.load_public_key(public_key) if isinstance(public_key, str) else public_key
    key = aes_key if aes_key is not None else os.urandom(_KEY_BYTES)
    wrapped_key = base64.b64encode(rsa_key.encrypt(key, OAEP)).decode("ascii")
    clear = [*media, (MANIFEST, submission_xml)]
    ivs = submission_ivs(instance_id, key, len(clear))
    files = tuple(
        (f"{name}.enc", encrypt_file(key, iv, data))
        for (name, data), iv in zip(clear, ivs, strict=True)
    )
    digest = signature_digest(form_id, version, wrapped_key, instance_id, clear)
    signature = base64.b64encode(rsa_key.encrypt(digest, OAEP)).decode("ascii")
    manifest = _manifest(
        form_id, version, wrapped_key, instance_id, deprecated_id, [n for n, _ in files], signature
    )
    return Envelope(instance_id, deprecated_id, manifest, files)


def _manifest(
    form_id: str,
    version: str,
    wrapped_key: str,
    instance_id: str,
    deprecated_id: str | None,
    names: Sequence[str],
    signature: str,
) -> bytes:
    """Write the manifest in Collect's element order (key, meta, media, xml, signature)."""
    attributes = f"id={quoteattr(form_id)}"
    if version:
        attributes += f" version={quoteattr(version)}"
    meta = f"<orx:instanceID>{escape(instance_id)}</orx:instanceID>"
    if deprecated_id:
        meta += f"<orx:deprecatedID>{escape(deprecated_id)}</orx:deprecatedID>"
    media = "".join(f"<media><file>{escape(name)}</file></media>\n" for name in names[:-1])
    text = (
        f'<data xmlns="{ENCRYPTED_NS}" {attributes} encrypted="yes">'
        f"<base64EncryptedKey>{wrapped_key}</base64EncryptedKey>"
        f'<orx:meta xmlns:orx="{OPENROSA_NS}">{meta}</orx:meta>\n'
        f"{media}"
        f"<encryptedXmlFile>{escape(names[-1])}</encryptedXmlFile>"
        f"<base64EncryptedElementSignature>{signature}</base64EncryptedElementSignature>"
        "</data>"
    )
    return text.encode("utf-8")


# --- kept with the interview ----------------------------------------------------------------


def envelope_name(name: str) -> str:
    """Return a media file's name in the envelope: random, keeping a short extension."""
    found = _EXTENSION.search(name)
    extension = f".{found.group(1).lower()}" if found else ""
    return f"file-{secrets.token_hex(12)}{extension}"


def _renamed(value: Any, names: Mapping[str, str]) -> Any:
    """Return answers with every file name replaced by its name in the envelope."""
    if isinstance(value, dict):
        return {key: _renamed(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, names) for item in value]
    if isinstance(value, str) and value in names:
        return names[value]
    return value


def keep_envelope(
    store: Store,
    submission_id: SubmissionId,
    revision_id: RevisionId,
    form: Form,
    answers: Answers,
    attachments: Mapping[str, str],
) -> str:
    """Build the envelope of a sealed revision being finalized and keep it; return its event.

    Runs inside the finalize transaction, with the clear answers and the interview's
    files (name -> sha256 of the stored, drafts-encrypted bytes) still in hand. A
    revision finalized after an earlier envelope of the interview goes up as an edit: a
    new instanceID, and ``deprecatedID`` naming the one before.
    """
    from fieldapp.core.forms.instance_xml import instance_xml
    from fieldapp.core.store.instance_ids import (
        INSTANCE_ID,
        carried_instance_id,
        edit_instance_id,
    )

    assert form.public_key is not None
    previous = _newest_envelope(store, submission_id)
    first_id = carried_instance_id(answers, submission_id)
    if previous is not None:
        deprecated_id: str | None = str(previous["instance_id"])
        instance_id = edit_instance_id(revision_id)
    else:
        deprecated_id, instance_id = None, first_id
    names = {name: envelope_name(name) for name in sorted(attachments)}
    clear_answers = {**_renamed(dict(answers), names), INSTANCE_ID: instance_id}
    media = [
        (names[name], store.attachments.get(attachments[name], submission_id=submission_id))
        for name in sorted(attachments)
    ]
    envelope = build_envelope(
        form_id=form.form_id,
        version=form.version,
        public_key=form.public_key,
        instance_id=instance_id,
        submission_xml=padded_instance(instance_xml(form, clear_answers, instance_id=instance_id)),
        media=media,
        deprecated_id=deprecated_id,
    )
    return record_envelope(
        store,
        submission_id,
        revision_id,
        instance_id=envelope.instance_id,
        deprecated_id=envelope.deprecated_id or "",
        manifest=envelope.manifest,
        files=envelope.files,
    )


def record_envelope(
    store: Store,
    submission_id: SubmissionId,
    revision_id: RevisionId,
    *,
    instance_id: str,
    deprecated_id: str,
    manifest: bytes,
    files: Sequence[tuple[str, bytes]],
) -> str:
    """Keep an envelope (its manifest and ``.enc`` files) as the interview's event.

    The one shape push, pull and ``copies`` read back, whether finalize built the
    envelope or pull brought it from Central. Inside a transaction it is part of it.
    """
    payload = {
        "instance_id": instance_id,
        "deprecated_id": deprecated_id,
        "manifest": store.attachments.insert(manifest),
        "files": [[name, store.attachments.insert(data)] for name, data in files],
    }
    return store.events.add(
        submission_id, ENVELOPE_KIND, payload, revision_id=revision_id, author="fieldapp"
    )


def _envelopes(store: Store, submission_id: SubmissionId) -> list[EventRecord]:
    """Return the interview's envelopes, each written by the device that wrote the
    revision it names (the laptop that finalized it, or the pull that brought it).

    Any enrolled laptop may write an event about any interview, and every form carries
    the key an envelope is sealed for: a stolen laptop's key could add, dated after the
    true one, an envelope of its own making for another laptop's revision, and the
    supervisor's push sent it to Central as that interview. The envelope must carry its
    writer's link (``signatures``).
    """
    kept = [event for event in store.events.of(submission_id) if event.kind == ENVELOPE_KIND]
    if not kept:
        return []
    writers = dict(
        store.conn.execute(
            "SELECT uuid, device_id FROM revisions WHERE submission_uuid = ?", [submission_id]
        ).fetchall()
    )
    # Signed by the device it names: a merge takes an unsigned row naming a device that
    # has signed nothing there yet (an older fieldapp's), so a package made with no key
    # could name the laptop as an envelope's writer. Every fieldapp that keeps envelopes
    # signs its events.
    signed = {
        str(uuid)
        for (uuid,) in store.conn.execute(
            "SELECT e.uuid FROM events AS e JOIN signatures AS g ON g.row_table = 'events' "
            "AND g.row_uuid = e.uuid AND g.device_id = e.device_id "
            "WHERE e.submission_uuid = ? AND e.kind = ?",
            [submission_id, ENVELOPE_KIND],
        )
    }
    return [
        e
        for e in kept
        if e.revision_id is not None
        and writers.get(e.revision_id) == e.device_id
        and e.event_id in signed
    ]


def _newest_envelope(
    store: Store, submission_id: SubmissionId, revision_id: str | None = None
) -> dict[str, Any] | None:
    """Return the payload of a revision's envelope, or of the one no later one deprecates."""
    kept = _envelopes(store, submission_id)
    if revision_id is not None:
        kept = [event for event in kept if event.revision_id == revision_id]
    replaced = {event.payload.get("deprecated_id") for event in kept}
    current = [event for event in kept if event.payload.get("instance_id") not in replaced]
    found = current or kept
    return found[-1].payload if found else None


class _Kept:
    """The manifest's own ``deprecatedID``, as built at finalize."""


KEPT = _Kept()


def sealed_parts(
    store: Store,
    submission_id: SubmissionId,
    *,
    revision_id: str | None = None,
    deprecated_id: str | _Kept | None = KEPT,
    files: bool = True,
) -> list[Part]:
    """Return what a push sends for a sealed interview: its newest envelope, as kept
    (the manifest alone where ``files`` is false).

    ``revision_id`` picks the envelope of that finalized revision. ``deprecated_id`` is
    the instance Central holds for this interview (None: none yet), when the queue knows
    better than finalize did (an earlier envelope never sent): only the manifest's
    ``deprecatedID`` changes, which the signature does not cover, and the same bytes
    come out each time. Raises ``envelope.missing`` for an interview finalized before
    envelopes were kept (or never finalized): without the study key it can't be sealed
    for ODK.
    """
    payload = _newest_envelope(store, submission_id, revision_id)
    if payload is None:
        raise FieldappError("envelope.missing", submission=submission_id)
    # As stored: an encrypted file is never "opened", whatever its first bytes happen to be.
    manifest = store.attachments.stored(str(payload["manifest"]))
    if not isinstance(deprecated_id, _Kept):
        manifest = _with_deprecated_id(manifest, deprecated_id)
    parts: list[Part] = [(MANIFEST, manifest, "text/xml")]
    for name, sha256 in payload["files"] if files else ():
        parts.append((str(name), store.attachments.stored(str(sha256)), "application/octet-stream"))
    return parts


_DEPRECATED = re.compile(rb"<orx:deprecatedID>[^<]*</orx:deprecatedID>")
_INSTANCE_END = b"</orx:instanceID>"


def _with_deprecated_id(manifest: bytes, deprecated_id: str | None) -> bytes:
    """Return the manifest naming ``deprecated_id`` (or none) as the instance it replaces."""
    manifest = _DEPRECATED.sub(b"", manifest)
    if not deprecated_id:
        return manifest
    element = f"<orx:deprecatedID>{escape(deprecated_id)}</orx:deprecatedID>".encode()
    return manifest.replace(_INSTANCE_END, _INSTANCE_END + element, 1)


def envelope_ids(
    store: Store, submission_id: SubmissionId, revision_id: str | None = None
) -> tuple[str, str | None] | None:
    """Return (instanceID, deprecatedID) an envelope goes up under (None: no envelope).

    The push queue records these for a sealed interview: its answers can't be read.
    """
    payload = _newest_envelope(store, submission_id, revision_id)
    if payload is None:
        return None
    return str(payload["instance_id"]), (str(payload["deprecated_id"]) or None)
