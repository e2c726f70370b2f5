"""Which printed line is what: emails, phones and the web address by their shape, then
the name, title and company by the project's identity rules and a few card habits.

- Emails, phones, website: :mod:`netweave.cards.contacts`.
- Title: a line with a job word (Manager, Director, CEO, Founder, ...).
- Company: a line ending in a legal form (Inc, LLC, Ltd, GmbH, ...) or a company word
  (Group, Partners, ...); else the line that spells the email or web domain; else the
  biggest line left that is not the name.
- Name: two to four capitalised words of letters, split by :func:`netweave.domain.names.split_name`;
  a line whose words the email's local part spells wins, then the biggest such line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from netweave.cards.contacts import find_emails, find_phones, find_website
from netweave.cards.ocr import TextLine
from netweave.domain.identity import fold
from netweave.domain.names import HONORIFICS, SUFFIXES, split_name

TITLE_WORDS = frozenset((
    "ceo", "cfo", "coo", "cto", "cmo", "cio", "ciso", "vp", "svp", "evp", "founder",
    "cofounder", "co-founder", "owner", "president", "chair", "chairman", "chairwoman",
    "director", "manager", "head", "lead", "principal", "partner", "associate", "engineer",
    "developer", "designer", "architect", "consultant", "analyst", "advisor", "adviser",
    "specialist", "coordinator", "officer", "executive", "administrator", "agent", "broker",
    "realtor", "attorney", "lawyer", "counsel", "paralegal", "accountant", "bookkeeper",
    "auditor", "dentist", "hygienist", "physician", "doctor", "nurse", "therapist",
    "pharmacist", "veterinarian", "chef", "baker", "photographer", "writer", "editor",
    "producer", "strategist", "scientist", "researcher", "professor", "teacher", "instructor",
    "coach", "trainer", "planner", "estimator", "superintendent", "foreman", "technician",
    "representative", "recruiter", "secretary", "assistant", "supervisor", "treasurer",
    "intern", "vice", "underwriter", "controller", "economist", "programmer", "entrepreneur",
))  # fmt: skip
LEGAL_FORMS = frozenset((
    "Inc", "Inc.", "Incorporated", "LLC", "L.L.C.", "LLP", "LP", "Ltd", "Ltd.", "Limited",
    "Corp", "Corp.", "Corporation", "Co", "Co.", "Company", "GmbH", "AG", "SA", "S.A.", "SARL",
    "BV", "B.V.", "NV", "PLC", "Pty", "Srl", "Oy", "AB", "AS", "KG",
))  # fmt: skip
"""Legal forms that end a company name, as written (or in capitals: INC., LTD)."""
COMPANY_WORDS = frozenset((
    "group", "partners", "associates", "holdings", "labs", "studio", "studios", "solutions",
    "systems", "technologies", "services", "consulting", "ventures", "capital", "industries",
    "enterprises", "agency", "collective", "works", "bank", "foundation", "institute",
    "clinic",
))  # fmt: skip
_LETTERS = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.\-])*$")
_WORD = re.compile(r"[A-Za-z0-9&]+")


@dataclass(frozen=True, slots=True)
class Fields:
    name: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    company: str | None
    title: str | None
    website: str | None


def _words(line: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(line)]


_JUNK = re.compile(r"[|\\“”‘'\"<>_~=»«•—–]")


def _junk(word: str) -> bool:
    """A bit of a logo or rule: no letters or digits, one letter, or short with a mark."""
    if not any(c.isalnum() for c in word):
        return True
    if len(word) == 1:
        return word != "&"
    return len(word) <= 3 and bool(_JUNK.search(word))


def trim(text: str) -> str:
    """``text`` without the bits of a logo or rule OCR put at either end ("| Mei Andersen")."""
    words = text.replace("’", "'").split()
    while words and _junk(words[0]):
        words.pop(0)
    while words and _junk(words[-1]):
        words.pop()
    fixed = [("I" + w[1:]) if w[:1] in "\\|" and w[1:2].islower() else w for w in words]
    return " ".join(fixed)


def is_title(line: str) -> bool:
    words = _words(line.replace("-", " ").replace("/", " "))
    return any(w in TITLE_WORDS for w in words) and len(words) <= 8


def is_company(line: str) -> bool:
    written = [w.strip(",") for w in line.split()]
    if not written:
        return False
    last = written[-1]
    if last in LEGAL_FORMS or any(form.upper() == last for form in LEGAL_FORMS):
        return len(written) >= 2
    words = [w.casefold() for w in written]
    return any(w in COMPANY_WORDS for w in words) or "&" in line


_ADDRESS = re.compile(
    r"\b(?:[A-Z]{2}\s+\d{5}|street|st\.|avenue|ave|road|rd\.|suite|ste\.|floor|blvd|drive)\b",
    re.IGNORECASE,
)


def plausible_company(line: str) -> bool:
    """A line that could be a company name: letters, few digits, no address."""
    letters = sum(c.isalpha() for c in line)
    digits = sum(c.isdigit() for c in line)
    return letters >= 3 and digits <= 2 and not _ADDRESS.search(line) and letters >= len(line) / 2


def name_like(line: str) -> bool:
    """Two to four capitalised words of letters (an honorific or suffix allowed)."""
    words = line.replace(",", " ").split()
    plain = [w for w in words if w.replace(".", "").casefold() not in HONORIFICS | SUFFIXES]
    if not 2 <= len(plain) <= 4:
        return False
    capitals = sum(1 for w in plain if w[0].isupper())
    return all(_LETTERS.match(w) for w in plain) and capitals >= len(plain) - 1


def _clean_name(line: str) -> str:
    parts = split_name(line)
    words = [parts.prefix, *parts.words] if parts.prefix else list(parts.words)
    name = " ".join(w[:1].upper() + w[1:] for w in words if w)
    return f"{name}, {parts.suffix}" if parts.suffix else name


def _spells(line: str, token: str) -> bool:
    """``token`` (an email local part or domain) spells the words of ``line``."""
    letters = re.sub(r"[^a-z0-9]", "", fold(token))
    if len(letters) < 3:
        return False
    words = [re.sub(r"[^a-z0-9]", "", fold(w)) for w in line.split()]
    words = [w for w in words if w]
    joined = "".join(words)
    if joined and (joined in letters or letters in joined):
        return True
    hits = sum(1 for w in words if len(w) >= 3 and w in letters)
    return hits >= 1 and hits >= len(words) - 1


MIN_CONFIDENCE = 40.0
"""Lines tesseract is less sure of (0-100) are left out: a table's grain, a logo."""
_SMALL_WORDS = frozenset({"of", "and", "at", "for", "&", "the", "to"})


def _title_score(line: TextLine, name: TextLine | None) -> float:
    """Higher for a title: near the name, in capitals, no sentence words."""
    words = line.text.split()
    lower = sum(1 for w in words if w[:1].islower() and w.casefold() not in _SMALL_WORDS)
    near = 0.0
    if name is not None:
        gap = abs(line.top - name.top) / max(name.height, 1)
        near = 2.0 if gap < 3.5 else 0.0
    return near - 1.5 * lower - 0.1 * len(words)


def recognise(lines: Sequence[TextLine], region: str) -> Fields:
    """The card's fields from its text lines."""
    emails: list[str] = []
    phones: list[str] = []
    website = None
    rest: list[TextLine] = []
    for line in lines:
        found_emails = find_emails(line.text)
        found_phones = [] if found_emails else find_phones(line.text, region)
        site = find_website(line.text)
        emails.extend(e for e in found_emails if e not in emails)
        phones.extend(p for p in found_phones if p not in phones)
        if site and website is None:
            website = site
        text = trim(line.text)
        if found_emails or found_phones or site or line.confidence < MIN_CONFIDENCE:
            continue
        if sum(c.isalpha() for c in text) >= 2:
            rest.append(TextLine(text, line.height, line.top, line.left, line.confidence))
    local, domain = emails[0].split("@", 1) if emails else ("", "")
    domain = domain.rsplit(".", 1)[0]
    site_name = (website or "").removeprefix("www.").split("/")[0].rsplit(".", 1)[0]

    names = [ln for ln in rest if name_like(ln.text) and not is_company(ln.text)]
    name_line = None
    if local:
        name_line = next((ln for ln in names if _spells(ln.text, local)), None)
    titles = [ln for ln in rest if is_title(ln.text) and ln is not name_line]
    if name_line is None:
        plain = [ln for ln in names if not is_title(ln.text)]
        tallest = max((ln.height for ln in plain), default=1)

        def score(ln: TextLine) -> float:
            value = ln.height / tallest
            if any(token and _spells(ln.text, token) for token in (domain, site_name)):
                value -= 2  # the company, spelled by the web address
            if any(0 < t.top - ln.top < 3 * ln.height for t in titles):
                value += 1  # a title right under it
            return value

        name_line = max(plain, key=score) if plain else None
    title_line = max(titles, key=lambda ln: _title_score(ln, name_line), default=None)
    others = [ln for ln in rest if ln is not name_line and ln is not title_line]
    company_line = next((ln for ln in others if is_company(ln.text)), None)
    if company_line is None:
        for token in (domain, site_name):
            company_line = next((ln for ln in others if token and _spells(ln.text, token)), None)
            if company_line is not None:
                break
    if company_line is None:
        sized = [ln for ln in others if plausible_company(ln.text)]
        company_line = max(sized, key=lambda ln: ln.height) if sized else None
    return Fields(
        name=_clean_name(name_line.text) if name_line else None,
        emails=tuple(emails),
        phones=tuple(phones),
        company=company_line.text.strip(" ,|") if company_line else None,
        title=title_line.text.strip(" ,.|") if title_line else None,
        website=website,
    )
