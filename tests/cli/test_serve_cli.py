"""`netweave serve` refuses to be reachable from other machines without an access secret."""

from __future__ import annotations

import pytest

from netweave.cli.serve import check_exposure, is_loopback
from netweave.errors import InvalidInput
from tests.cli.conftest import Netweave


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("::", False),
        ("example.com", False),
    ],
)
def test_loopback_addresses_are_told_apart(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_public_address_needs_a_long_secret() -> None:
    check_exposure("127.0.0.1", None)
    check_exposure("0.0.0.0", "a long enough secret")
    with pytest.raises(InvalidInput, match="needs an access secret"):
        check_exposure("0.0.0.0", None)
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        check_exposure("0.0.0.0", "short")


def test_serve_on_all_addresses_without_a_secret_exits_2(
    nw: Netweave, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETWEAVE_SECRET", raising=False)
    result = nw("serve", "--host", "0.0.0.0", "--port", "1")
    assert result.code == 2
    assert "needs an access secret" in result.err
    assert "Traceback" not in result.err
