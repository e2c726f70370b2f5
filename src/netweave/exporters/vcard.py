"""People as a vCard 3.0 file (RFC 2426), the version every address book reads.

One card per person, in the order given, with CRLF line endings, lines folded
at 75 octets of UTF-8 and text escaped as RFC 2426 says. What a card holds:

- ``UID``: ``netweave-<workspace>-<id>@netweave``, stable for as long as the
  person is, so importing a later export again matches the same people;
- ``FN`` (the name), ``N`` (family and given name, empty parts when unknown;
  with them the name's honorific and suffix: "Ann Lee, Jr." is ``N:Lee;Ann;;;Jr.``),
  ``NICKNAME``;
- ``ORG`` (company; department), ``TITLE``;
- every ``EMAIL`` (``TYPE=INTERNET``, the first one also ``PREF``) and
  ``TEL`` (the first one ``PREF``), in the person's order;
- every web page and the LinkedIn profile (``https://www.linkedin.com/in/<slug>``)
  as ``URL``, with ``,`` and ``;`` escaped as in text: RFC 2426 gives URIs no
  escaping, but readers (vobject, Apple's) split URL values at them;
- ``BDAY`` as ``YYYY-MM-DD``, or ``--MM-DD`` without the year;
- the postal address as a work ``ADR`` in its parts (street, postcode, city,
  ...); without one, the location as the ``ADR``'s locality (netweave keeps a
  place as the user wrote it, "Chicago, IL", not its parts);
- ``NOTE``, ``CATEGORIES`` (the tags) and ``REV`` (when the person last changed).

netweave's own fields that no address book knows (business category, how and
when met, offers and looking for, the flags) are in the lossless JSON export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from netweave.domain import Person
from netweave.domain.names import split_name
from netweave.exporters._content_line import (
    content_line,
    escape,
    structured,
    text_list,
)

PRODID = "-//netweave//netweave//EN"
_UID_UNSAFE = re.compile(r"[^\w.\-]+")


def uid(workspace: str, person_id: int | None) -> str:
    """The card's UID: the workspace's name made safe (``my-network``) and the person's id."""
    name = _UID_UNSAFE.sub("-", workspace.lower()).strip("-") or "workspace"
    return f"netweave-{name}-{person_id}@netweave"


def linkedin_url(slug: str) -> str:
    """The public profile address of a LinkedIn slug, non-ASCII letters percent-encoded."""
    return f"https://www.linkedin.com/in/{quote(slug, safe='-_.~')}"


def _name(person: Person) -> tuple[str | None, ...]:
    """N: family; given; middle; honorific; suffix. The record's given and family names;
    with them, the honorific and suffix of the name ("Ann Lee, Jr." is ``Lee;Ann;;;Jr.``)."""
    if not (person.family_name or person.given_name):
        return (None, None, None, None, None)
    parts = split_name(person.name)
    return (person.family_name, person.given_name, None, parts.prefix, parts.suffix)


def _lines(person: Person, workspace: str) -> Iterable[str]:
    yield content_line("UID", escape(uid(workspace, person.id)))
    yield content_line("FN", escape(person.name))
    yield content_line("N", structured(_name(person)))
    if person.nickname:
        yield content_line("NICKNAME", text_list([person.nickname]))
    if person.company or person.department:
        units = (person.company, person.department) if person.department else (person.company,)
        yield content_line("ORG", structured(units))
    if person.title:
        yield content_line("TITLE", escape(person.title))
    for index, email in enumerate(person.emails):
        yield content_line(
            "EMAIL", escape(email), "TYPE=INTERNET,PREF" if index == 0 else "TYPE=INTERNET"
        )
    for index, phone in enumerate(person.phones):
        yield content_line("TEL", phone, *(("TYPE=PREF",) if index == 0 else ()))
    for url in person.urls:
        yield content_line("URL", escape(url))
    if person.linkedin:
        yield content_line("URL", linkedin_url(person.linkedin))
    if person.birthday:
        yield content_line("BDAY", person.birthday)
    if person.address:
        a = person.address
        parts = (a.po_box, a.extended, a.street, a.locality, a.region, a.postcode, a.country)
        yield content_line("ADR", structured(parts), "TYPE=WORK")
    elif person.location:
        yield content_line(
            "ADR", structured((None, None, None, person.location, None, None, None)), "TYPE=WORK"
        )
    if person.notes:
        yield content_line("NOTE", escape(person.notes))
    if person.tags:
        yield content_line("CATEGORIES", text_list(person.tags))
    if person.updated_at:
        yield content_line("REV", person.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"))


def card(person: Person, *, workspace: str) -> str:
    """One person's card, ``BEGIN:VCARD`` to ``END:VCARD``, lines ending in CRLF."""
    return "".join(
        (
            "BEGIN:VCARD\r\nVERSION:3.0\r\n",
            content_line("PRODID", PRODID),
            *_lines(person, workspace),
            "END:VCARD\r\n",
        )
    )


def business_card(person: Person, *, version: str = "3.0") -> str:
    """What a person hands out: name, company, title, emails, phones and web addresses,
    and nothing of what netweave keeps about them (notes, tags, birthday, address).
    ``version`` is "3.0" (RFC 2426) or "4.0" (RFC 6350; the same lines suit both)."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard {version} is not written; choose 3.0 or 4.0")
    n = _name(person)
    if not any(n):  # a scanner files a contact by N: the name's parts when none are kept
        parts = split_name(person.name)
        n = (parts.family, parts.given, parts.middle, parts.prefix, parts.suffix)
    lines = [content_line("FN", escape(person.name)), content_line("N", structured(n))]
    if person.company or person.department:
        units = (person.company, person.department) if person.department else (person.company,)
        lines.append(content_line("ORG", structured(units)))
    if person.title:
        lines.append(content_line("TITLE", escape(person.title)))
    pref = "TYPE=INTERNET,PREF" if version == "3.0" else "PREF=1"
    for index, email in enumerate(person.emails):
        lines.append(content_line("EMAIL", escape(email), *((pref,) if index == 0 else ())))
    for index, phone in enumerate(person.phones):
        pref = "TYPE=PREF" if version == "3.0" else "PREF=1"
        lines.append(content_line("TEL", phone, *((pref,) if index == 0 else ())))
    lines.extend(content_line("URL", escape(url)) for url in person.urls)
    if person.linkedin:
        lines.append(content_line("URL", linkedin_url(person.linkedin)))
    return "".join((f"BEGIN:VCARD\r\nVERSION:{version}\r\n", *lines, "END:VCARD\r\n"))


def write(people: Iterable[Person], *, workspace: str) -> bytes:
    """A vCard 3.0 file of ``people``, UTF-8 without a BOM."""
    return "".join(card(person, workspace=workspace) for person in people).encode("utf-8")


__all__ = ["PRODID", "business_card", "card", "linkedin_url", "uid", "write"]
