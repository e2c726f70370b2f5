"""`netweave cert` and `netweave card`, and `netweave serve --https` refusing what is missing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from netweave.cli.serve import tls_files
from netweave.errors import InvalidInput
from netweave.services import capture
from netweave.tls import CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY, fingerprint, names_in
from tests.cli.conftest import Netweave


def test_my_card_as_text_and_as_a_qr_code_says_the_same(nw: Netweave, tmp_path: Path) -> None:
    nw.ok("person", "edit", "me", "--email", "robin@vale.example", "--company", "Vale & Co")
    text = nw.ok("card", "--text").out
    expected = capture.owner_card(nw.store, nw.ws)
    assert text == expected.replace("\r\n", "\n")
    assert "FN:Robin Vale" in text
    assert "EMAIL;TYPE=INTERNET,PREF:robin@vale.example" in text
    png = tmp_path / "me.png"
    nw.ok("card", "--qr", str(png))
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(png))] == [expected]
    svg = tmp_path / "me.svg"
    nw.ok("card", "--qr", str(svg))
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    four = nw.ok("card", "--version", "4.0").out
    assert four.startswith("BEGIN:VCARD\nVERSION:4.0\n")
    refused = nw("card", "--version", "2.1")
    assert refused.code == 2
    assert "'2.1' is not a vCard version" in refused.err


def test_cert_makes_the_authority_once_and_a_certificate_per_run(
    nw: Netweave, tmp_path: Path
) -> None:
    folder = tmp_path / "tls"
    first = nw.ok("cert", "--name", "netweave.lan", "--name", "192.168.1.20", "--dir", str(folder))
    assert "Made a certificate authority" in first.out
    assert str(folder / CA_CERT) in first.out
    made = fingerprint(folder / CA_CERT)
    assert made in first.out
    assert names_in(folder / SERVER_CERT) == ("netweave.lan", "192.168.1.20")
    for private in (CA_KEY, SERVER_KEY):
        assert stat.S_IMODE(os.stat(folder / private).st_mode) == 0o600
    again = nw.ok("cert", "--name", "Box.Local", "--dir", str(folder))
    assert "Kept the certificate authority" in again.out
    assert fingerprint(folder / CA_CERT) == made  # the phone trusts it once
    assert names_in(folder / SERVER_CERT) == ("box.local",)


@pytest.mark.parametrize("name", ["bad name!", "*.example", "", "http://x.example"])
def test_cert_refuses_what_is_no_name(nw: Netweave, tmp_path: Path, name: str) -> None:
    refused = nw("cert", "--name", name, "--dir", str(tmp_path / "tls"))
    assert refused.code == 2
    assert "name" in refused.err
    assert not (tmp_path / "tls" / SERVER_CERT).exists()


def test_serve_https_needs_its_certificate(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with pytest.raises(InvalidInput, match="no certificate in") as missing:
        tls_files(url, https=True, cert=None, key=None)
    assert "netweave cert --name" in str(missing.value)
    with pytest.raises(InvalidInput, match="--cert and --key together"):
        tls_files(url, https=False, cert=tmp_path / "a.crt", key=None)
    with pytest.raises(InvalidInput, match="is not a file"):
        tls_files(url, https=False, cert=tmp_path / "a.crt", key=tmp_path / "a.key")
    assert tls_files(url, https=False, cert=None, key=None) is None


def test_serve_https_without_a_certificate_exits_2(blank: Netweave) -> None:
    if not blank.url.startswith("sqlite"):
        pytest.skip("the certificates of a PostgreSQL workspace live in the user's data folder")
    blank.ok("init", "--me", "Robin Vale")
    refused = blank("serve", "--https", "--port", "1")
    assert refused.code == 2
    assert "netweave cert --name" in refused.err
