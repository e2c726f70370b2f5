"""HTTPS for the phone: a local certificate authority and a certificate for the server.

A phone installs netweave to its home screen, shares contacts to it and opens the
camera only for a page served over HTTPS (a *secure context*) when it is not
``localhost``. No public authority signs a name such as ``netweave.lan``, so
``netweave cert`` makes a private one, once, and with it a server certificate for the
names and addresses the phone uses; the user trusts the authority on the phone
(docs/phone.md says how on iOS and Android).

The files live in one folder (:func:`tls_folder`: beside the SQLite database, else in
the user's data directory), the private keys readable by their owner only (0600):

- ``netweave-ca.crt`` / ``netweave-ca.key``: the authority (ten years; made once, kept
  when certificates are made again, so the phone trusts it once);
- ``server.crt`` / ``server.key``: the server's certificate (397 days, the longest
  Apple's and Chrome's rules accept), for the names given, made anew on each run.

Keys are ECDSA P-256, which every current phone accepts. The certificates carry what
iOS 13 and later demand of a server certificate: the names as subject alternative
names, the server-authentication key usage, and a validity under 825 days.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from netweave.errors import InvalidInput

CA_CERT = "netweave-ca.crt"
CA_KEY = "netweave-ca.key"
SERVER_CERT = "server.crt"
SERVER_KEY = "server.key"
CA_DAYS = 3650
SERVER_DAYS = 397
FOLDER = "netweave-tls"


def tls_folder(database_url: str) -> Path:
    """Where a workspace's certificates live: beside its SQLite file, else (PostgreSQL)
    in the user's data directory."""
    if database_url.startswith("sqlite:///"):
        path = database_url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            return Path(path).parent / FOLDER
    import platformdirs

    return platformdirs.user_data_path("netweave") / FOLDER


@dataclass(frozen=True, slots=True)
class Issued:
    """What :func:`issue` made: the files, the names, and whether the authority is new."""

    folder: Path
    names: tuple[str, ...]
    ca_made: bool
    ca_fingerprint: str
    """The authority's SHA-256 fingerprint, as phones show it (``AB:CD:...``)."""

    @property
    def ca_cert(self) -> Path:
        return self.folder / CA_CERT

    @property
    def cert(self) -> Path:
        return self.folder / SERVER_CERT

    @property
    def key(self) -> Path:
        return self.folder / SERVER_KEY


def check_names(names: list[str]) -> tuple[str, ...]:
    """The names and addresses a certificate is for, each checked; InvalidInput names the
    first that is neither a host name nor an IP address."""
    from netweave.web.hosts import host_name

    found: list[str] = []
    for given in names:
        text = given.strip().lower().strip("[]")
        try:
            found.append(str(ipaddress.ip_address(text)))
            continue
        except ValueError:
            pass
        if not text or ":" in text or host_name(text) is None or text.startswith("*"):
            raise InvalidInput(
                f"'{given}' is not a host name or an IP address",
                field="name",
                hint="give a name such as netweave.lan or an address such as 192.168.1.20",
            )
        found.append(text)
    if not found:
        raise InvalidInput(
            "name at least one host name or address the phone will use", field="name"
        )
    return tuple(dict.fromkeys(found))


def _write_private(path: Path, data: bytes) -> None:
    """``data`` into ``path``, readable and writable by its owner only, from the start."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT


def issue(folder: Path, names: list[str], *, now: datetime) -> Issued:
    """Make the authority in ``folder`` if it is not there, and a server certificate for
    ``names`` (host names and IP addresses) signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    wanted = check_names(names)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    ca_cert_path, ca_key_path = folder / CA_CERT, folder / CA_KEY
    ca_made = not (ca_cert_path.exists() and ca_key_path.exists())
    start = now - timedelta(hours=1)  # a phone whose clock is a little behind
    if ca_made:
        ca_key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "netweave"),
                x509.NameAttribute(
                    NameOID.COMMON_NAME, f"netweave local CA ({socket.gethostname()[:30]})"
                ),
            ]
        )
        ca_cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        _write_private(
            ca_key_path,
            ca_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
        )
        ca_cert_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    else:
        ca_cert = x509.load_pem_x509_certificate(ca_cert_path.read_bytes())
        loaded = serialization.load_pem_private_key(ca_key_path.read_bytes(), password=None)
        if not isinstance(loaded, ec.EllipticCurvePrivateKey):
            raise InvalidInput(f"{ca_key_path} is not the key netweave made", field="name")
        ca_key = loaded
    key = ec.generate_private_key(ec.SECP256R1())
    alternatives: list[x509.GeneralName] = []
    for name in wanted:
        try:
            alternatives.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alternatives.append(x509.DNSName(name))
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, wanted[0])]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=SERVER_DAYS))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write_private(
        folder / SERVER_KEY,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    # The chain (server, then authority) lets a client that lacks the authority say which.
    (folder / SERVER_CERT).write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + ca_cert.public_bytes(serialization.Encoding.PEM)
    )
    return Issued(folder, wanted, ca_made, fingerprint(ca_cert_path))


def _first_cert(path: Path) -> object:
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist", field="cert") from None
    except ValueError:
        raise InvalidInput(f"{path} is not a PEM certificate", field="cert") from None


def fingerprint(path: Path) -> str:
    """The SHA-256 fingerprint of the certificate in ``path`` (``AB:CD:...``)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    cert = _first_cert(path)
    assert isinstance(cert, x509.Certificate)
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def names_in(path: Path) -> tuple[str, ...]:
    """The host names and addresses the server certificate in ``path`` is for."""
    from cryptography import x509

    cert = _first_cert(path)
    assert isinstance(cert, x509.Certificate)
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ()
    dns = sans.get_values_for_type(x509.DNSName)
    ips = [str(ip) for ip in sans.get_values_for_type(x509.IPAddress)]
    return tuple(n for n in (*dns, *ips) if not n.startswith("*"))


def spki_sha256(path: Path) -> str:
    """The base64 SHA-256 of the certificate's public key (SubjectPublicKeyInfo): what
    Chromium's ``--ignore-certificate-errors-spki-list`` takes."""
    import hashlib

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    cert = _first_cert(path)
    assert isinstance(cert, x509.Certificate)
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


__all__ = [
    "CA_CERT",
    "CA_DAYS",
    "CA_KEY",
    "SERVER_CERT",
    "SERVER_DAYS",
    "SERVER_KEY",
    "Issued",
    "check_names",
    "fingerprint",
    "issue",
    "names_in",
    "spki_sha256",
    "tls_folder",
]
