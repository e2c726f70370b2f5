"""A person: a contact in the network; one of them is the workspace owner."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from pydantic import (
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from netweave.domain.base import (
    Day,
    Id,
    KeepInTouchDays,
    Name,
    Record,
    Stored,
    Text,
    UtcDateTime,
    no_items,
    normalize_url,
)
from netweave.domain.categories import clean_category
from netweave.domain.deferred import Deferred
from netweave.lazy import pattern

_phone = pattern(r"^\+?[0-9 ().\-/]{3,40}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)
_TAG_PUNCTUATION = frozenset("- .&/+")


_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_plain_email = pattern(
    rf"^(?=.{{1,254}}$)(?=[^@]{{1,64}}@){_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+([a-z]{{2,63}})$",
    re.IGNORECASE,
)
_SPECIAL_USE = frozenset(["arpa", "invalid", "local", "localhost", "onion", "test"])
"""RFC 6761 special-use top-level names, which email_validator refuses too."""


@lru_cache(maxsize=131_072)
def _checked_email(text: str) -> tuple[str, str | None]:
    """(the address, None) or (the text, why it is not an address)."""
    # The common case (plain ASCII, no quoting) is checked by one expression that
    # accepts a subset of what email_validator accepts; anything else goes to it
    # (loaded then: most commands never meet such an address).
    plain = _plain_email().match(text)
    if plain and plain.group(1).lower() not in _SPECIAL_USE:
        return text.lower(), None
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False).normalized.lower(), None
    except EmailNotValidError as error:
        return text, str(error)


def normalize_email(raw: str) -> str:
    """The lowercased address, or ValueError saying why it is not one."""
    # Cached: an import checks the same address in the file, the record and the store.
    checked, why = _checked_email(raw.strip())
    if why is not None:
        raise ValueError(f"'{raw}' is not an email address: {why}")
    return checked


def normalize_phone(raw: str) -> str:
    phone = " ".join(raw.split())
    if not _phone().match(phone) or sum(ch.isdigit() for ch in phone) < 3:
        raise ValueError(f"'{raw}' is not a phone number")
    return phone


_linkedin_host = pattern(r"^(?:[a-z]{2,3}\.|www\.|m\.)?linkedin\.com$")
_slug = pattern(r"^[\w\-%.]{3,100}$")


def linkedin_slug(url: str) -> str | None:
    """The profile slug of a LinkedIn member URL, lowercased; None for anything else.

    Accepts every form people paste or exports contain: with or without scheme
    or ``www.``, country subdomains (``uk.linkedin.com``), the mobile site
    (``/mwlite/in/``), trailing slashes, sub-pages (``/in/ann/details/``), query
    strings and percent-encoded non-ASCII slugs. Company pages and other paths
    are not people and give None.
    """
    text = url.strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if not _linkedin_host().match(host):
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments[:1] == ["mwlite"]:
        segments = segments[1:]
    if len(segments) < 2 or segments[0].lower() != "in":
        return None
    slug = segments[1].strip().lower()
    return slug if _slug().match(slug) else None


def normalize_linkedin(raw: str) -> str:
    """A LinkedIn profile as its slug: from a profile URL or a bare slug; ValueError otherwise."""
    text = raw.strip()
    slug = linkedin_slug(text) if "/" in text or "linkedin." in text.lower() else text.lower()
    if not slug or not _slug().match(slug):
        raise ValueError(f"'{raw}' is not a LinkedIn profile (a linkedin.com/in/... address)")
    return slug


def _tag_character(char: str) -> bool:
    # Combining marks (category M) belong to the letter before them: the vowel
    # signs of Hindi, the dot of a lower-cased Turkish "İ".
    return (
        char.isalnum()
        or char == "_"
        or char in _TAG_PUNCTUATION
        or unicodedata.category(char).startswith("M")
    )


def normalize_tag(raw: str) -> str:
    """Lower case, single spaces, composed (NFC); starting with a letter or digit."""
    tag = unicodedata.normalize("NFC", " ".join(raw.strip().lower().split()))
    starts_well = tag[:1].isalnum() or tag[:1] == "_"
    if not (starts_well and len(tag) <= 50 and all(_tag_character(c) for c in tag)):
        raise ValueError(f"'{raw}' is not a tag (letters, digits, - and spaces, up to 50)")
    return tag


_birthday = pattern(r"^(?:(\d{4})|-)-(\d{2})-(\d{2})$")


def normalize_birthday(raw: str) -> str:
    """``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown (as vCard writes it)."""
    text = raw.strip()
    found = _birthday().match(text)
    try:
        if not found:
            raise ValueError
        year, month, day = found.groups()
        date(int(year or 2000), int(month), int(day))  # 2000: a leap year, so 29 Feb passes
    except ValueError:
        raise ValueError(
            f"'{raw}' is not a birthday (YYYY-MM-DD, or --MM-DD without the year)"
        ) from None
    return text


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def email_list(emails: list[str]) -> list[str]:
    """A person's emails as kept (each normalized, once, in order): ValueError for one not."""
    return _unique([normalize_email(e) for e in emails if e.strip()])


def phone_list(phones: list[str]) -> list[str]:
    """A person's phones as kept (:func:`email_list`'s rule)."""
    return _unique([normalize_phone(p) for p in phones if p.strip()])


def birthday_value(birthday: str | None) -> str | None:
    """A person's birthday as kept: None when blank."""
    return normalize_birthday(birthday) if birthday and birthday.strip() else None


def linkedin_value(linkedin: str | None) -> str | None:
    """A person's LinkedIn profile as kept (its slug): None when blank."""
    return normalize_linkedin(linkedin) if linkedin and linkedin.strip() else None


def url_list(urls: list[str]) -> list[str]:
    """A person's web pages as kept (:func:`email_list`'s rule)."""
    return _unique([normalize_url(u) for u in urls if u.strip()])


def tag_list(tags: list[str]) -> list[str]:
    """A person's tags as kept: normalized, once each, sorted."""
    return sorted({normalize_tag(t) for t in tags if t.strip()})


class PostalAddress(Deferred):
    """A postal address in the parts of a vCard ``ADR``; each part as written, None when blank.

    ``locality`` is the city, ``region`` the state or province. Its text
    (``str``) is the address on one line: "12 Rue Verte, 75011 Paris, France".
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    po_box: Text = None
    extended: Text = None
    street: Text = None
    locality: Text = None
    region: Text = None
    postcode: Text = None
    country: Text = None

    def __str__(self) -> str:
        place = " ".join(p for p in (self.postcode, self.locality) if p)
        parts = (self.po_box, self.extended, self.street, place, self.region, self.country)
        return ", ".join(p for p in parts if p)

    @model_validator(mode="after")
    def _not_empty(self) -> PostalAddress:
        return self.with_a_part()

    def with_a_part(self) -> PostalAddress:
        """This address; ValueError when it has no part at all."""
        if not str(self):
            raise ValueError("an address needs at least one part")
        return self


class PersonDraft(Record):
    """A contact. Emails and phones keep their order: the first is the primary one.

    A person before they are stored: every field but the id."""

    name: Name
    given_name: Text = None
    family_name: Text = None
    emails: list[str] = Field(default_factory=no_items)
    phones: list[str] = Field(default_factory=no_items)
    nickname: Text = None
    company: Text = None
    department: Text = None
    title: Text = None
    category: Text = None
    location: Text = None
    address: PostalAddress | None = None
    """The postal address; ``location`` stays the place in words ("Chicago, IL")."""
    tags: list[str] = Field(default_factory=no_items)
    how_met: Text = None
    met_on: Day | None = None
    introduced_by_id: Id | None = None
    offers: Text = None
    looking_for: Text = None
    admired: bool = False
    intriguing: bool = False
    notes: Text = None
    birthday: str | None = None
    linkedin: str | None = None
    urls: list[str] = Field(default_factory=no_items)
    keep_in_touch_days: KeepInTouchDays = None
    """How often to be in touch with them: overrides their tags', groups' and layer's."""
    created_at: UtcDateTime | None = None
    updated_at: UtcDateTime | None = None

    @field_validator("category")
    @classmethod
    def _category(cls, category: str | None) -> str | None:
        return clean_category(category)

    @field_validator("emails")
    @classmethod
    def _emails(cls, emails: list[str]) -> list[str]:
        return email_list(emails)

    @field_validator("phones")
    @classmethod
    def _phones(cls, phones: list[str]) -> list[str]:
        return phone_list(phones)

    @field_validator("birthday")
    @classmethod
    def _birthday(cls, birthday: str | None) -> str | None:
        return birthday_value(birthday)

    @field_validator("linkedin")
    @classmethod
    def _linkedin(cls, linkedin: str | None) -> str | None:
        return linkedin_value(linkedin)

    @field_validator("urls")
    @classmethod
    def _urls(cls, urls: list[str], info: ValidationInfo) -> list[str]:
        if info.context is not None and info.context.get("read_back"):
            return urls  # as stored, from before only web addresses were kept
        return url_list(urls)

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: list[str]) -> list[str]:
        return tag_list(tags)

    @property
    def primary_email(self) -> str | None:
        return self.emails[0] if self.emails else None

    def label(self) -> str:
        """How a person is named in lists and questions: name, #id (once stored), company."""
        number = self._number()
        named = self.name if number is None else f"{self.name} #{number}"
        detail = self.company or self.primary_email
        return f"{named} ({detail})" if detail else named

    def _number(self) -> int | None:
        return None


class Person(PersonDraft, Stored):
    """A person, stored: they have their id."""

    @model_validator(mode="after")
    def _not_own_introducer(self) -> Person:
        if self.introduced_by_id == self.id:
            raise ValueError("a person cannot be introduced by themself")
        return self

    def _number(self) -> int | None:
        return self.id


__all__ = [
    "Person",
    "PersonDraft",
    "PostalAddress",
    "birthday_value",
    "email_list",
    "linkedin_slug",
    "linkedin_value",
    "normalize_birthday",
    "normalize_email",
    "normalize_linkedin",
    "normalize_phone",
    "normalize_tag",
    "normalize_url",
    "phone_list",
    "tag_list",
    "url_list",
]
