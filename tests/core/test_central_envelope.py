"""ODK's encrypted submission: built at finalize, read back by ODK's algorithm written here.

The decryption below is written from the ODK encryption spec
(https://getodk.github.io/xforms-spec/encryption) independently of
``fieldapp.core.central.envelope``; the Collect vectors are data from central-backend's
tests (``test/unit/util/crypto.js``, ``test/data/priv.pem``, Apache-2.0), made by ODK
Collect v1.22.4, so the format is checked against what Collect itself wrote.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from central_ledger import CentralRules
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from study_keys import decided_twice
from xform_sample import SITES, XFORM
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.central.envelope import (
    ENCRYPTED_NS,
    build_envelope,
    encrypt_file,
    envelope_ids,
    sealed_parts,
    submission_ivs,
)
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store, SubmissionId
from fieldapp.core.store.instance_ids import edit_instance_id

try:
    from cryptography.hazmat.decrepit.ciphers.modes import CFB
except ImportError:  # pragma: no cover
    from cryptography.hazmat.primitives.ciphers.modes import CFB

# --- Collect's own output (central-backend test data) ----------------------------------------

CENTRAL_TEST_KEY = b"""-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAyYh7bSui/0xppQ+J3i5xghfao+559Rqg9X0xNbdMEsW35CzY
UfmC8sOzeeUiE4pG7HIEUmiJal+mo70UMDUlywXj9z053n0g6MmtLlUyBw0ZGhEZ
WHsfBxPQixdzY/c5i7sh0dFzWVBZ7UrqBc2qjRFUYxeXqHsAxSPClTH1nW47Mr2h
4juBLC7tBNZA3biZA/XTPt//hAuzv1d6MGiF3vQJXvFTNdfsh6Ckq4KXUsAv+07c
LtON4KjrKhqsVNNGbFssTUHVL4A9N3gsuRGt329LHOKBxQUGEnhMM2MEtvk4kaVQ
rgCqpk1pMU/4HlFtRjOoKdAIuzzxIl56gNdRUQIDAQABAoIBAAh4BcfGp6jWyzG2
f3KovPhcjEGLSfC018K5KhI5y6aWTG34PHblZ01QUAB1UoNDsktJV0knP28K6fPD
hE+qTBZF/xhqqD3jQDjIEND7n4iQUle4FDqVoe4oNQFDUQQIZZCronYwuQotyDmi
hkcMJ3iaG9O2MBdSY+vk3s5qNQoSfqhGwBR64ds5ndORwNCrp55pdM2ZodKpSrJI
dJ/RvWTo/z5Oo9f8VFFWB7SzqL/BYAzFojKiaCbn0i22DgOGds3gWPJUzlSkHevo
NaQClrW5ZoI0gK7qjgO5pj8vj5dx7O1EQzB/H+CmFy7vazZVuEG7ZMUVclPa+FfF
H2kt78kCgYEA76SP+e/r028Maxmf+Hsc8xjYLv/1/vEZni6mcF4c3AimwVm2oRRg
PFfKSWY9YjGL4UvnLVclLs3ALM1Q/8Ppv8dOGe6mNOsvn3E77R5Ljp0frCYDeggB
6qZFlvQbgq5wSMdarnnRaZCLklcHVpTj2ieoVOjkne1i886VP1x3kdcCgYEA10oB
ARHTpP2x7vBFTkuC5R9ByAdJPhVaEYPBr6D+xOt1nB33YcJDym51ByuscH1noxNE
09Bf1/rt2S1b03XpH55AToqxIVc8fE7eOCXQd1oY8Pzpi2ro/jVirP1MdI3g1pTT
DNiv3sJJMsiQ79QT6Q+0LddNQuXmPcUOR8GHoRcCgYEA3XGj2cHqmaa0QwOa33Jk
ff8nRccg+kSw94sEIjHVWT5lWaYdLRw3EYvOUaU4c9R0/eu15B/zLBzUyJGxl6bi
CWWStkPhMmVhzGRGjAbCqzZmXh2CePGNU9fx1lwcT9YBzD7rfO70pCf90Wy6Szeq
lZyv4EaVe5oxJjpvj+1SUGECgYAOy681+5uoAydvXGPm9ZmRVYyXyqhl8+G0wnFV
OKNJtUTn7cdKmKdACkdQrtezA2tT8ccRJ4jutvgRrORarAfRfHa+7xktSWmGwYTU
JwUkrrR4G2mRg09v6QtXCDFw8S86kA/RGjM8A+4z50TOtqyHn+SqIdnVdydTp29L
zykbEQKBgQC1FcRKIRkn6IEAHaI0QQl793vxgo/g3oJoRXLptNy63eBygd0x+qY3
TD8cBMLaJs5DMC5zNGW8YQXtaADMbp0jV6aD/7Qer/SaXk187bGhF5KfSCqjj1yx
uR0+sgNnVaENMkxsyrVlUXuMivNdPAob6dtspaiEGyseFa/N8RinIg==
-----END RSA PRIVATE KEY-----
"""
COLLECT_INSTANCE_ID = "uuid:99b303d9-6494-477b-a30d-d8aae8867335"
COLLECT_WRAPPED_KEY = (
    "iyEB1LAlvVE8uaW0HuhLhzwcLceIukqfgusDNdDEE2FFxVtUtSI3FiOuNxhgI/Zbgnaabh/vqeZ3yLXwv0f66pAbN0n8"
    "kM9f84VJR18fdUp6doOz7o8IQD7gc3ZfbRXweab/NxnahfYa9ij0Kax1LTKS05Oodk2MewkzwfBhdbf/CfiBP1HSskDi"
    "o40jdW5f04GkqZsFCPUluF2DfMnwYCo0wdwf2m8o+lSNR+vrFeEYG7LtGE4X90pVrQnJHwFWHGjSwJpg/USn5skBioDK"
    "UCv/Dva9xJ+JXUz+QSg6LOuP+SDxsrmf36WKrnE8kWfN4oaBdmIwFSStkLH9foNXUw=="
)
COLLECT_CIPHERTEXT = (
    "kMhJdk0mZOqvlxndUO3v4+UPvfYoc+bbkPmF3QmhoP7lP/QjHbzqw/IfZxQ54D328eCc4V6jtbrjeAXV+m1cWsCGGLW5"
    "KwTAxBjPBXzsZrUeY0RISVJ1g9BJoXfSRAjYMrFYOM907BFUIYYxMqpVWGy1lo8ljqY+Sgq1VphkQk/TQGgOVYFALHDL"
    "OYnLKuLHvwBLQQwK3lje8CwNlf/b2rY9qfGC4P1emoiP+YzkLp8eH6x/HfMvRIFoZEaom1i5s3SU4WVwe2Tno4jKD69o"
    "jMlQN6VKB7DK4xaRSs2C7zfDm63n1WCyyOAj8mASIFhb3sc3hD56HTJFUV/TH3UVlzP7oPm/Mm7nEcU3+HdSSwm3I1qF"
    "YhsXfVRym41IlbC4Twf660/kUZrugA7Zqd5K9Un3lOVTzYowaF+m5OIOO56wff3zPBxeOVjANDKR7V6/"
)
COLLECT_PLAINTEXT = (
    '<?xml version=\'1.0\' ?><data id="encrypted" version="working3" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:h="http://www.w3.org/1999/xhtml" '
    'xmlns:jr="http://openrosa.org/javarosa"><meta><instanceID>'
    "uuid:99b303d9-6494-477b-a30d-d8aae8867335</instanceID></meta><name>bob</name><age>30</age>"
    "<file>1561432532482.jpg</file></data>"
)
IV_INSTANCE_ID = "uuid:22525f8e-4f2d-41ed-94da-4c46a2478448"
IV_KEY = base64.b64decode("3TJoHf74zHbDwG3Ta+bcvfUr50C6yF/astfu+CdSnQU=")
IV_EXPECTED = {
    0: "39bbb0890f3222269da68b172146477a",
    1: "39bcb0890f3222269da68b172146477a",
    8: "39bcb18a103323279ea68b172146477a",
    15: "39bcb18a103323279ea78c182247487b",
    23: "3abdb28b113424289ea78c182247487b",
    31: "3abdb28b113424289fa88d192348497c",
}

PHRASE = "El comandante Ramírez cobra cuota en la colonia Anapra"
PHOTO_NAME = "entrevista comandante Ramirez.jpg"
DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
_OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)
NS = {"e": ENCRYPTED_NS, "orx": "http://openrosa.org/xforms"}


# --- ODK's decryption, as the spec describes it (not fieldapp's code) -------------------------


def odk_iv(instance_id: str, key: bytes, index: int) -> bytes:
    """IV of file ``index``: the md5 seed, byte j raised once for each i <= index, i % 16 == j."""
    seed = hashlib.md5(instance_id.encode() + key).digest()
    return bytes((seed[j] + len(range(j, index + 1, 16))) % 256 for j in range(16))


def odk_decrypt_file(key: bytes, iv: bytes, data: bytes) -> bytes:
    decryptor = Cipher(algorithms.AES(key), CFB(iv)).decryptor()
    padded = decryptor.update(data) + decryptor.finalize()
    pad = padded[-1]
    assert 1 <= pad <= 16 and padded.endswith(bytes([pad]) * pad), "bad PKCS#7 padding"
    return padded[:-pad]


def odk_decrypt(
    private_key: rsa.RSAPrivateKey, parts: list[tuple[str, bytes, str]]
) -> dict[str, object]:
    """Open a submission like Briefcase: key, IVs, files, then the signature check."""
    (manifest_name, manifest, content_type), *files = parts
    assert (manifest_name, content_type) == ("submission.xml", "text/xml")
    root = ElementTree.fromstring(manifest)
    assert root.tag == f"{{{ENCRYPTED_NS}}}data" and root.get("encrypted") == "yes"
    wrapped = root.findtext("e:base64EncryptedKey", namespaces=NS) or ""
    key = private_key.decrypt(base64.b64decode(wrapped), _OAEP)
    instance_id = root.findtext("orx:meta/orx:instanceID", namespaces=NS) or ""
    media = [f.text or "" for f in root.findall("e:media/e:file", namespaces=NS)]
    xml_name = root.findtext("e:encryptedXmlFile", namespaces=NS)
    assert [name for name, _, _ in files] == [*media, xml_name]
    clear: dict[str, bytes] = {}
    for index, (name, data, _) in enumerate(files):
        clear[name.removesuffix(".enc")] = odk_decrypt_file(
            key, odk_iv(instance_id, key, index), data
        )
    lines = [root.get("id") or ""]
    if root.get("version"):
        lines.append(root.get("version") or "")
    lines += [wrapped, instance_id]
    lines += [f"{name}::{hashlib.md5(data).hexdigest()}" for name, data in clear.items()]
    expected = hashlib.md5("".join(line + "\n" for line in lines).encode()).digest()
    signature = root.findtext("e:base64EncryptedElementSignature", namespaces=NS) or ""
    assert private_key.decrypt(base64.b64decode(signature), _OAEP) == expected
    return {
        "instance_id": instance_id,
        "deprecated_id": root.findtext("orx:meta/orx:deprecatedID", namespaces=NS),
        "form_id": root.get("id"),
        "version": root.get("version"),
        "files": clear,
    }


def _central_key() -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(CENTRAL_TEST_KEY, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


# --- the format, against Collect's own output -------------------------------------------------


def test_ivs_are_the_ones_central_derives() -> None:
    ivs = submission_ivs(IV_INSTANCE_ID, IV_KEY, 32)
    for index, expected in IV_EXPECTED.items():
        assert ivs[index].hex() == expected, index
        assert odk_iv(IV_INSTANCE_ID, IV_KEY, index).hex() == expected, index


def test_a_file_encrypts_to_the_bytes_collect_wrote() -> None:
    # Collect's key unwraps with the OAEP parameters fieldapp wraps with...
    key = _central_key().decrypt(base64.b64decode(COLLECT_WRAPPED_KEY), _OAEP)
    # ...and its submission.xml (file 1, after one photo) is byte for byte what we write.
    iv = submission_ivs(COLLECT_INSTANCE_ID, key, 2)[1]
    encrypted = encrypt_file(key, iv, COLLECT_PLAINTEXT.encode())
    assert encrypted == base64.b64decode(COLLECT_CIPHERTEXT)


def test_an_envelope_opens_with_odks_algorithm_and_its_signature_holds() -> None:
    key = _central_key()
    public = base64.b64encode(
        key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    ).decode()
    xml = f"<data id='f'><meta><instanceID>uuid:1</instanceID></meta><t>{PHRASE}</t></data>"
    envelope = build_envelope(
        form_id="f",
        version="7",
        public_key=public,
        instance_id="uuid:1",
        submission_xml=xml.encode(),
        media=[("a.jpg", b"\xff\xd8 first"), ("b.m4a", b"x" * 16)],  # one exactly a block
    )
    opened = odk_decrypt(key, envelope.parts())
    assert opened["files"] == {
        "a.jpg": b"\xff\xd8 first",
        "b.m4a": b"x" * 16,
        "submission.xml": xml.encode(),
    }
    assert (opened["instance_id"], opened["form_id"], opened["version"]) == ("uuid:1", "f", "7")
    assert PHRASE.encode() not in b"".join(data for _, data, _ in envelope.parts())


def test_a_changed_byte_breaks_the_signature_or_the_padding() -> None:
    key = _central_key()
    envelope = build_envelope(
        form_id="f",
        version="",
        public_key=key.public_key(),
        instance_id="uuid:2",
        submission_xml=b"<data id='f'><t>hola</t></data>",
    )
    manifest, (name, data, kind) = envelope.parts()
    tampered = bytes([data[0] ^ 1]) + data[1:]
    with pytest.raises(AssertionError):
        odk_decrypt(key, [manifest, (name, tampered, kind)])


def test_an_envelope_needs_an_instance_id() -> None:
    with pytest.raises(FieldappError) as caught:
        build_envelope(
            form_id="f",
            version="1",
            public_key=_central_key().public_key(),
            instance_id="",
            submission_xml=b"<data/>",
        )
    assert caught.value.code == "envelope.no_instance_id"


# --- built at finalize and kept ---------------------------------------------------------------


def _sealed_form(tmp_path: Path, public_key: str) -> Path:
    survey = [
        {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
        {"type": "text", "name": "story", "label": "Relato"},
        {"type": "image", "name": "photo", "label": "Foto"},
    ]
    settings = {"form_id": "cso_sealed", "version": "3", "public_key": public_key}
    return write_xlsform(tmp_path / "cso_sealed.xlsx", survey, settings=settings)


def _finalize_with_photo(store: Store, form_path: Path) -> SubmissionId:
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    form = store.forms.add(form_path)
    submission = store.interviews.start(
        form.sha256, interviewer="ana", city="juarez", actor_type="cso"
    )
    photo = b"\xff\xd8 photo of " + PHRASE.encode()
    store.attachments.add(photo, submission_id=submission, filename=PHOTO_NAME)
    answers = {"org": "Colectivo Anapra", "story": PHRASE, "photo": PHOTO_NAME}
    store.interviews.autosave(
        submission, {**store.interviews.working_answers(submission), **answers}
    )
    store.interviews.finalize(submission)
    return submission


def test_finalizing_a_sealed_interview_keeps_its_odk_envelope(
    store: Store, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    submission = _finalize_with_photo(store, _sealed_form(tmp_path, pair.public_key))
    parts = sealed_parts(store, submission)
    opened = odk_decrypt(study_key.private_key, parts)
    files = opened["files"]
    assert isinstance(files, dict)
    (photo_name,) = [name for name in files if name != "submission.xml"]
    assert files[photo_name] == b"\xff\xd8 photo of " + PHRASE.encode()
    instance = ElementTree.fromstring(files["submission.xml"])
    assert instance.get("id") == "cso_sealed" and instance.get("version") == "3"
    assert instance.findtext("story") == PHRASE
    assert instance.findtext("photo") == photo_name  # the answer names the file sent
    store.keys.unlock(study_key)
    answers = store.interviews.heads(submission)[0].answers or {}
    assert opened["instance_id"] == answers["meta/instanceID"]
    assert instance.findtext("meta/instanceID") == opened["instance_id"]
    # What is kept and sent in clear names nobody: no answer, no file name.
    manifest = parts[0][1]
    assert PHOTO_NAME.encode() not in manifest and b"Ramirez" not in manifest
    assert photo_name.startswith("file-") and photo_name.endswith(".jpg")
    assert sealed_parts(store, submission) == parts  # kept, not rebuilt: a resend is identical


def test_no_plaintext_of_the_envelope_reaches_the_database_or_a_package(
    store: Store, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    from fieldapp.core.package import write_package

    submission = _finalize_with_photo(store, _sealed_form(tmp_path, pair.public_key))
    assert len(sealed_parts(store, submission)) == 3
    package = tmp_path / "stick" / "laptop.fieldapp"
    package.parent.mkdir()
    write_package(store, package)
    store.close()
    for path in [*tmp_path.glob("field.db*"), package]:
        content = path.read_bytes()
        for canary in (PHRASE.encode(), b"Colectivo Anapra", PHOTO_NAME.encode()):
            assert canary not in content, (path.name, canary)


def test_a_supervisor_pushes_what_the_laptop_finalized_byte_for_byte(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    from fieldapp.core.merge import merge_database

    with Store.open(tmp_path / "laptop.db") as laptop:
        submission = _finalize_with_photo(laptop, _sealed_form(tmp_path, pair.public_key))
        sent = sealed_parts(laptop, submission)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, tmp_path / "laptop.db")
        assert sealed_parts(supervisor, submission) == sent  # no key needed on her side
        merge_database(supervisor, tmp_path / "laptop.db")  # merging again adds nothing
        assert sealed_parts(supervisor, submission) == sent


def test_finalized_again_after_a_return_it_goes_up_as_an_edit(
    store: Store, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    submission = _finalize_with_photo(store, _sealed_form(tmp_path, pair.public_key))
    first = odk_decrypt(study_key.private_key, sealed_parts(store, submission))
    store.keys.unlock(study_key)
    store.review.return_interview(submission, comment="falta la sección 3", author="sup")
    store.interviews.reopen(submission, author="sup")
    answers = dict(store.interviews.working_answers(submission))
    store.interviews.autosave(submission, {**answers, "story": PHRASE + " (corregido)"})
    store.interviews.finalize(submission)
    second = odk_decrypt(study_key.private_key, sealed_parts(store, submission))
    assert second["deprecated_id"] == first["instance_id"]
    assert second["instance_id"] not in (first["instance_id"], None)
    files = second["files"]
    assert isinstance(files, dict)
    instance = ElementTree.fromstring(files["submission.xml"])
    assert instance.findtext("story") == PHRASE + " (corregido)"
    assert instance.findtext("meta/instanceID") == second["instance_id"]


def test_a_conflict_resolved_as_finalized_goes_up_as_an_edit_with_its_files(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    with Store.open(tmp_path / "laptop.db") as laptop:
        submission = _finalize_with_photo(laptop, _sealed_form(tmp_path, pair.public_key))
        first = odk_decrypt(study_key.private_key, sealed_parts(laptop, submission))
    with Store.open(decided_twice(tmp_path, submission, study_key)) as supervisor:
        supervisor.keys.unlock(study_key)
        heads = supervisor.interviews.heads(submission)
        answers = {**(heads[0].answers or {}), "story": PHRASE + " (resuelto)"}
        resolved = supervisor.interviews.resolve_conflict(submission, answers, author="sup")
        assert supervisor.interviews.heads(submission)[0].state == "finalized"
        ids = envelope_ids(supervisor, submission, resolved)
        assert ids is not None and ids[1] == first["instance_id"]
        second = odk_decrypt(study_key.private_key, sealed_parts(supervisor, submission))
    assert second["instance_id"] == ids[0] == edit_instance_id(resolved)
    files = second["files"]
    assert isinstance(files, dict)
    instance = ElementTree.fromstring(files["submission.xml"])
    assert instance.findtext("story") == PHRASE + " (resuelto)"
    (photo_name,) = [name for name in files if name != "submission.xml"]
    assert files[photo_name] == b"\xff\xd8 photo of " + PHRASE.encode()
    assert instance.findtext("photo") == photo_name


def test_the_queue_may_send_an_edit_against_what_central_really_holds(
    store: Store, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    submission = _finalize_with_photo(store, _sealed_form(tmp_path, pair.public_key))
    first_revision = store.interviews.heads(submission)[0].revision_id
    first_ids = envelope_ids(store, submission)
    assert first_ids is not None and first_ids[1] is None
    store.keys.unlock(study_key)
    store.review.return_interview(submission, comment="otra vez", author="sup")
    store.interviews.reopen(submission, author="sup")
    store.interviews.finalize(submission)
    second_ids = envelope_ids(store, submission)
    assert second_ids is not None and second_ids[1] == first_ids[0]
    assert envelope_ids(store, submission, first_revision) == first_ids
    # The first never reached Central: the second goes up as a new instance, signature intact.
    alone = sealed_parts(store, submission, deprecated_id=None)
    opened = odk_decrypt(study_key.private_key, alone)
    assert opened["instance_id"] == second_ids[0] and opened["deprecated_id"] is None
    assert sealed_parts(store, submission, deprecated_id=None) == alone  # same bytes again
    other = sealed_parts(store, submission, deprecated_id="uuid:sent-before")
    assert odk_decrypt(study_key.private_key, other)["deprecated_id"] == "uuid:sent-before"
    assert sealed_parts(store, submission)[1:] == alone[1:]  # only the manifest differs
    old = odk_decrypt(
        study_key.private_key, sealed_parts(store, submission, revision_id=first_revision)
    )
    assert old["instance_id"] == first_ids[0]


def test_an_interview_without_an_envelope_says_so(
    store: Store, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    form = store.forms.add(_sealed_form(tmp_path, pair.public_key))
    draft = store.interviews.start(form.sha256, interviewer="ana", city="juarez", actor_type="cso")
    with pytest.raises(FieldappError) as caught:
        sealed_parts(store, draft)
    assert caught.value.code == "envelope.missing"
    assert "finalize" in caught.value.text("en") and "finalíc" in caught.value.text("es")


def test_a_form_from_a_central_project_with_managed_encryption_is_sealed_for_its_key(
    tmp_path: Path,
) -> None:
    # Central makes a 2048-bit key and puts its PEM body, newlines stripped, in <submission>.
    managed = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = managed.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    body = "".join(line for line in pem.decode().splitlines() if not line.startswith("-----"))
    path = tmp_path / "forms" / "sitios.xml"
    path.parent.mkdir()
    path.write_text(
        XFORM.replace(
            '<instance id="sites"',
            f'<submission method="post" base64RsaPublicKey="{body}" '
            'orx:auto-delete="true"/><instance id="sites"',
        ),
        encoding="utf-8",
    )
    (path.parent / "sites.csv").write_text(SITES, encoding="utf-8")
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        record = store.forms.add(path)
        assert store.forms.load(record.sha256).public_key == body
        submission, _ = store.interviews.submit(
            record.sha256, {"name": "Ana", "site": "tj"}, finalize=True, interviewer="TJ-07"
        )
        assert store.interviews.heads(submission)[0].answers is None  # sealed on the laptop too
        opened = odk_decrypt(managed, sealed_parts(store, submission))
    files = opened["files"]
    assert isinstance(files, dict)
    instance = ElementTree.fromstring(files["submission.xml"])
    assert (opened["form_id"], opened["version"]) == ("sitios", "2024061801")
    assert instance.findtext("name") == "Ana" and instance.findtext("site") == "tj"


def test_the_push_queue_sends_the_envelope_and_an_edit_only_against_what_central_has(
    store: Store, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    from fieldapp.core.central import push

    server = push.server_key("https://central.example.org", 1)
    submission = _finalize_with_photo(store, _sealed_form(tmp_path, pair.public_key))
    store.keys.unlock(study_key)  # a supervisor's laptop: still never the clear answers
    store.review.return_interview(submission, comment="otra vez", author="sup")
    store.interviews.reopen(submission, author="sup")
    store.interviews.finalize(submission)  # the first envelope never reached Central
    # Central's own rule (an edit of an instance it never had is refused with 404).
    central = CentralRules(tmp_path / "central.json")
    result = push.push(store, central, server)
    assert result.sent == [submission]
    parts = central.calls[-1]
    assert [len(chain) for chain in central.versions().values()] == [1]  # one, never two
    opened = odk_decrypt(study_key.private_key, parts)
    files = opened["files"]
    assert isinstance(files, dict) and PHRASE.encode() in files["submission.xml"]
    assert all(PHRASE.encode() not in data for _, data, _ in parts)
    newest = envelope_ids(store, submission)
    assert newest is not None and opened["instance_id"] == newest[0]
    assert opened["deprecated_id"] is None  # not the unsent first one: Central would refuse
    (row,) = push.queue(store, server)
    assert (row.instance_id, row.state) == (newest[0], "sent")
    calls = len(central.calls)
    assert push.push(store, central, server).sent == [] and len(central.calls) == calls
