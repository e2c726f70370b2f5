"""`netweave cert` (HTTPS for the phone) and `netweave card` (the owner's card as a QR code)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli.context import app_of
from netweave.domain.dates import utc_now
from netweave.errors import InvalidInput


def cert(
    ctx: typer.Context,
    name: Annotated[
        list[str],
        typer.Option(
            "--name",
            help="A host name or IP address the phone will use, e.g. netweave.lan or "
            "192.168.1.20 (repeat it for more).",
            show_default=False,
        ),
    ],
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="Where to keep the certificates (default: beside the database).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Make a local certificate authority (once) and a server certificate for these names,
    so that `netweave serve --https` is trusted by a phone that trusts the authority."""
    from netweave.tls import issue, tls_folder

    nw = app_of(ctx)
    where = folder or tls_folder(nw.config.database_url)
    made = issue(where, name, now=utc_now())
    if made.ca_made:
        nw.out.print(f"Made a certificate authority: {made.ca_cert}")
    else:
        nw.out.print(f"Kept the certificate authority: {made.ca_cert}")
    nw.out.print(f"  its SHA-256 fingerprint: {made.ca_fingerprint}")
    nw.out.print(f"Made a server certificate for {', '.join(made.names)}: {made.cert}")
    nw.out.print(f"  and its private key (readable by you only): {made.key}")
    first = made.names[0]
    shown = f"[{first}]" if ":" in first else first
    extra = "" if folder is None else f" --cert {made.cert} --key {made.key}"
    nw.out.print(
        "\nNext:\n"
        f"  1. netweave serve --https{extra} --host 0.0.0.0 --secret '<12+ characters>'\n"
        f"  2. on the phone, open https://{shown}:8000/ca.crt, install it and trust it\n"
        "     (check that the phone shows the fingerprint above);\n"
        "     docs/phone.md has the steps for iOS and Android.\n"
        f"  3. open https://{shown}:8000/ and sign in with the secret."
    )


def card(
    ctx: typer.Context,
    qr: Annotated[
        Path | None,
        typer.Option("--qr", help="Write the card as a QR code to this SVG (or .png) file."),
    ] = None,
    text: Annotated[bool, typer.Option("--text", help="Print the card (vCard) as text.")] = False,
    version: Annotated[str, typer.Option(help="vCard version: 3.0 or 4.0.")] = "3.0",
) -> None:
    """Your own card (name, company, title, emails, phones, web addresses) as a vCard or
    a QR code, for another person's phone to scan. The web app shows it at /me/card."""
    from netweave.exporters import qr as qr_codes
    from netweave.services.capture import owner_card

    if version not in ("3.0", "4.0"):
        raise InvalidInput(f"'{version}' is not a vCard version netweave writes", field="version")
    nw = app_of(ctx)
    vcard = owner_card(nw.store(), nw.ws, version=version)
    if qr is not None:
        if qr.suffix.lower() == ".png":
            qr.write_bytes(qr_codes.png(vcard))
        else:
            qr.write_text(qr_codes.svg(vcard, title="My card"), encoding="utf-8")
        nw.err.print(f"Wrote your card as a QR code to {qr}")
    if text or qr is None:
        nw.out.print(vcard.replace("\r\n", "\n"), end="", markup=False)


__all__ = ["card", "cert"]
