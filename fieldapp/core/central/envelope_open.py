"""Open ODK's encrypted submission with the study's private key, in memory only.

The inverse of ``envelope.build_envelope`` (https://getodk.github.io/xforms-spec/encryption):
the manifest's ``base64EncryptedKey`` unwrapped with RSA-OAEP (SHA-256), each ``.enc``
file AES-256-CFB with the IVs derived from the instanceID and the key, PKCS#7 padding
removed, and ``base64EncryptedElementSignature`` checked: the md5 over form id, version,
wrapped key, instanceID and ``name::md5`` of each clear file must be what the study key
unwraps from it, so a file swapped, dropped or altered on the server is refused.

Nothing opened here is written anywhere: the caller reads the instance XML along its
form and seals answers and files again for the study key (``pull``).
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from fieldapp.core import crypto
from fieldapp.core.central import safe_file_name
from fieldapp.core.central.envelope import (
    AES_BLOCK,
    CFB,
    ENCRYPTED_NS,
    MANIFEST,
    OAEP,
    signature_digest,
    submission_ivs,
)
from fieldapp.core.messages import FieldappError

_ENC = ".enc"


@dataclass(frozen=True)
class Manifest:
    """What the clear manifest says (everything Central sees of a sealed submission)."""

    form_id: str
    version: str
    instance_id: str
    wrapped_key: str
    media: tuple[str, ...]
    """The encrypted media files (``<name>.enc``) in order."""
    xml_file: str
    signature: str

    @property
    def files(self) -> tuple[str, ...]:
        """Every encrypted file in the order of its IV: media, then the instance."""
        return (*self.media, self.xml_file)


@dataclass(frozen=True)
class Opened:
    """A submission opened: the instance XML and its media by clear name."""

    instance_id: str
    xml: bytes
    media: dict[str, bytes]


def read_manifest(manifest: bytes, source: str) -> Manifest:
    """Parse the manifest; refuse one that is not ODK's encrypted-submission manifest."""
    try:
        root = ElementTree.fromstring(manifest)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise FieldappError("pull.instance_unreadable", source=source) from None

    def text(element: Element | None) -> str:
        return (element.text or "").strip() if element is not None else ""

    def child(name: str) -> Element | None:
        found: Element | None = root.find(f"{{{ENCRYPTED_NS}}}{name}")
        return found

    instance_id = ""
    for element in root.iter():
        if element.tag.endswith("}instanceID") or element.tag == "instanceID":
            instance_id = text(element)
    media = tuple(text(file) for file in root.iter(f"{{{ENCRYPTED_NS}}}file") if text(file) != "")
    found = Manifest(
        form_id=root.get("id", ""),
        version=root.get("version", ""),
        instance_id=instance_id,
        wrapped_key=text(child("base64EncryptedKey")),
        media=media,
        xml_file=text(child("encryptedXmlFile")),
        signature=text(child("base64EncryptedElementSignature")),
    )
    names = found.files
    if (
        root.tag != f"{{{ENCRYPTED_NS}}}data"
        or root.get("encrypted", "").lower() != "yes"
        or not all((found.form_id, found.instance_id, found.wrapped_key, found.signature))
        or not all(_safe_name(name) for name in names)
        or len(set(names)) != len(names)
    ):
        raise FieldappError("pull.bad_answer", what=source, reason="manifest")
    return found


def open_submission(
    manifest: Manifest, files: Mapping[str, bytes], study_key: crypto.StudyKey, source: str
) -> Opened:
    """Decrypt every file of ``manifest`` (``files``: name -> bytes) and check its signature.

    Raises ``pull.sealed_other_key`` when the study key does not open it (sealed for
    another key, such as Central's managed one) and ``pull.sealed_tampered`` when a file
    or the manifest does not match the signature.
    """
    try:
        wrapped = base64.b64decode(manifest.wrapped_key, validate=True)
        key = study_key.private_key.decrypt(wrapped, OAEP)
        signed = study_key.private_key.decrypt(
            base64.b64decode(manifest.signature, validate=True), OAEP
        )
    except (ValueError, binascii.Error):
        raise FieldappError("pull.sealed_other_key", source=source) from None
    if len(key) != 32:
        raise FieldappError("pull.sealed_other_key", source=source)
    ivs = submission_ivs(manifest.instance_id, key, len(manifest.files))
    clear: list[tuple[str, bytes]] = []
    for name, iv in zip(manifest.files, ivs, strict=True):
        if name not in files:
            raise FieldappError("pull.sealed_tampered", source=source)
        clear.append((name[: -len(_ENC)], _decrypt(key, iv, files[name], source)))
    digest = signature_digest(
        manifest.form_id, manifest.version, manifest.wrapped_key, manifest.instance_id, clear
    )
    if not hmac.compare_digest(digest, signed):
        raise FieldappError("pull.sealed_tampered", source=source)
    *media, (xml_name, xml) = clear
    if xml_name != MANIFEST:
        raise FieldappError("pull.sealed_tampered", source=source)
    return Opened(manifest.instance_id, xml, dict(media))


def _decrypt(key: bytes, iv: bytes, data: bytes, source: str) -> bytes:
    if not data or len(data) % AES_BLOCK:
        raise FieldappError("pull.sealed_tampered", source=source)
    decryptor = Cipher(algorithms.AES(key), CFB(iv)).decryptor()
    padded = decryptor.update(data) + decryptor.finalize()
    pad = padded[-1]
    if not 1 <= pad <= AES_BLOCK or padded[-pad:] != bytes([pad]) * pad:
        raise FieldappError("pull.sealed_tampered", source=source)
    return padded[:-pad]


def _safe_name(name: str) -> bool:
    """An ``.enc`` name that can be a file name here and in a URL path segment."""
    return name.endswith(_ENC) and len(name) > len(_ENC) and safe_file_name(name)
