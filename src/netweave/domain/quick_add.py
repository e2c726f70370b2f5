"""The quick add's one free field: what someone typed beside a new contact's name, standing
in a room ("ann@acme.com", "+44 20 7946 0958", "Acme", "looking for a bookkeeper"), read
into the one field of a person it is. The event screen and the JSON API read it here alike,
with the identity rules every other door uses (email validation, phonenumbers in the
workspace's region).
"""

from __future__ import annotations

import re
from typing import Any

from netweave.domain.identity import DEFAULT_REGION, e164
from netweave.domain.person import linkedin_slug, normalize_email, normalize_url

_LOOKING = re.compile(
    r"^(?:is\s+|they(?:'re|\s+are)\s+|she(?:'s|\s+is)\s+|he(?:'s|\s+is)\s+)?"
    r"(?:looking\s+for|searching\s+for|seeking|needs?|wants?)\b\s*[:\-]?\s*(?P<what>.*)$",
    re.IGNORECASE,
)
_PHONE_LIKE = re.compile(
    r"^(?:tel:)?\+?[0-9 ().\-/]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE
)
_WEB = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
MIN_PHONE_DIGITS = 6
"""Fewer digits than this is not a phone number someone hands over at an event (a
company such as "3M" or "7-Eleven" is read as a company)."""


def read_anything(text: str, region: str = DEFAULT_REGION) -> dict[str, Any]:
    """The person's fields that ``text`` fills: ``emails``, ``phones`` (E.164 when it has
    no extension), ``linkedin``, ``urls``, ``looking_for`` or else ``company``; none for
    empty text. ValueError (its message for a person) when the text is plainly meant as an
    email or a phone number and is not a valid one."""
    said = " ".join(text.split())
    if not said:
        return {}
    looking = _LOOKING.match(said)
    if looking:
        what = looking.group("what").strip()
        if not what:
            raise ValueError("say what they are looking for after 'looking for'")
        return {"looking_for": what}
    if "@" in said and " " not in said and not said.startswith("@"):
        return {"emails": [normalize_email(said.removeprefix("mailto:"))]}
    if _PHONE_LIKE.match(said) and sum(ch.isdigit() for ch in said) >= MIN_PHONE_DIGITS:
        number = e164(said, region)
        if number is None:
            raise ValueError(f"'{said}' is not a phone number (read in {region})")
        return {"phones": [said.removeprefix("tel:") if ";ext=" in number else number]}
    if _WEB.match(said):
        address = said if said.lower().startswith("http") else f"https://{said}"
        if linkedin_slug(address):
            return {"linkedin": address}
        return {"urls": [normalize_url(address)]}
    return {"company": said}


__all__ = ["MIN_PHONE_DIGITS", "read_anything"]
