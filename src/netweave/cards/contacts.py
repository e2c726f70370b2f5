"""Emails, phones and web addresses in a line of OCR text, found by their shape.

- Email: an ``x@y.tz`` token (spaces OCR put around ``@`` or dots closed up), kept when
  the importers' address check takes it (:func:`netweave.importers._contact.email_address`).
- Phone: numbers phonenumbers finds in a line, read in the caller's region and stored as
  E.164 (:func:`netweave.domain.identity.e164`); a line labelled fax is no phone. Letters
  OCR mistakes for digits (O, l, I, S, B) are read as digits inside a number.
- Website: ``www.`` or a bare domain that is no email.
"""

from __future__ import annotations

import re

import phonenumbers

from netweave.domain.identity import e164
from netweave.importers._contact import email_address

_EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+\-]*(?:\.\s[A-Za-z0-9._%+\-]+)*\s?@\s?[A-Za-z0-9][A-Za-z0-9\-]*"
    r"(?:\s?\.\s?[A-Za-z0-9\-]+)*\s?\.\s?[A-Za-z]{2,24}"
)
_EMAIL_LABELS = frozenset({"e", "em", "email", "mail", "e-mail", "at"})
_LOST_UNDERSCORE = re.compile(r"^([A-Za-z]+) ([A-Za-z0-9][A-Za-z0-9.\-]*@)")
_WEB = re.compile(
    r"(?:https?://)?(?:www\s?\.\s?)?[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*"
    r"\.(?:com|net|org|io|co|biz|info|us|ca|uk|de|fr|eu|app|dev|ai|design|studio|law|"
    r"health|tech|consulting|agency)(?:\.[a-z]{2})?(?:/\S*)?\b",
    re.IGNORECASE,
)
_FAX = re.compile(r"\bfax\b|\bF\s*[:.]", re.IGNORECASE)
_DIGITISH = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1",
                           "i": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})  # fmt: skip
_NUMBERISH = re.compile(r"[+(]?[\dOoDlI|iSsBZz][\dOoDlI|iSsBZz ()./\-]{6,}[\dOoDlI|iSsBZz]")

_TLD_MISREAD = {"10": "io", "lo": "io", "1o": "io", "l0": "io", "corn": "com", "c0m": "com"}


_TLDS = "com|net|org|io|co|biz|info|us|ca|uk|de|fr|eu|app|dev|ai|me"
_LOST_DOT = re.compile(
    rf"((?:@|\bwww\s?[.,]\s?)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*)\s?[\s,]\s?({_TLDS})\b",
    re.IGNORECASE,
)


def _fix_tld(text: str) -> str:
    """``x.10`` → ``x.io``, ``x.corn`` → ``x.com``, ``x@y com`` → ``x@y.com``: what OCR
    makes of a domain's last dot and letters."""
    text = _LOST_DOT.sub(r"\1.\2", text)
    head, dot, tld = text.rpartition(".")
    return f"{head}.{_TLD_MISREAD[tld.lower()]}" if dot and tld.lower() in _TLD_MISREAD else text


def find_emails(line: str) -> list[str]:
    """The valid email addresses in one line of text, lowercased."""
    found = []
    text = _fix_tld(line.strip())
    # "isaac nwosu@x.com": an underscore OCR does not see (a label would end in a colon)
    lost = _LOST_UNDERSCORE.match(text)
    if lost and lost[1].casefold() not in _EMAIL_LABELS:
        text = _LOST_UNDERSCORE.sub(r"\1_\2", text)
    for match in _EMAIL.finditer(text):
        candidate = re.sub(r"\s+", "", match.group()).strip(".")
        try:
            found.append(email_address(candidate))
        except ValueError:
            continue
    return found


def find_phones(line: str, region: str) -> list[str]:
    """The phone numbers in one line as E.164; none from a fax line."""
    if _FAX.search(line) and not re.search(r"\b(?:tel|phone|mobile|cell|m|t)\b", line, re.I):
        return []
    numbers: list[str] = []
    for match in _NUMBERISH.finditer(line):
        chunk = match.group().translate(_DIGITISH)
        if sum(ch.isdigit() for ch in chunk) < 7:
            continue
        for found in phonenumbers.PhoneNumberMatcher(
            chunk, region, leniency=phonenumbers.Leniency.VALID
        ):
            number = e164(found.raw_string, region)
            if number and number not in numbers:
                numbers.append(number)
    return numbers


def find_website(line: str) -> str | None:
    """A web address in the line (no email), as written without a scheme, lowercased."""
    if "@" in line:
        return None
    match = _WEB.search(_fix_tld(re.sub(r"\bwww\s?,\s?", "www.", line.strip())))
    if match is None:
        return None
    text = re.sub(r"\s+", "", match.group()).lower()
    text = re.sub(r"^https?://", "", text).rstrip("/")
    if text.startswith("ww.") and text.count(".") >= 2:
        text = "w" + text  # a w lost
    if text.startswith("www") and not text.startswith("www.") and text.count(".") >= 1:
        text = "www." + text[3:]  # the dot lost
    return text
