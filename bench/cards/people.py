"""Who is on a generated card: a name, title, company, email, phones, website, address.

Names and companies draw on the sample network's word lists
(:mod:`netweave.sample.vocabulary`) and a few more of our own; the truth of a card is
exactly what is printed on it (and held in its QR code, when it has one).
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field

from netweave.sample import vocabulary as words

MORE_GIVEN = (
    "Abigail", "Benedict", "Camille", "Dominic", "Esther", "Felix", "Gwen", "Hugo",
    "Irene", "Joaquin", "Kathleen", "Leonard", "Margot", "Nikolai", "Ophelia", "Patrick",
    "Quentin", "Rebecca", "Stefan", "Theresa", "Valentina", "Wesley", "Ximena", "Yvonne",
)  # fmt: skip
MORE_FAMILY = (
    "Abernathy", "Blackwood", "Carrington", "Donovan", "Ellison", "Fitzgerald", "Gallagher",
    "Holloway", "Iverson", "Jablonski", "Kensington", "Lombardi", "McAllister", "Novotny",
    "O'Brien", "Pellegrino", "Rasmussen", "Stanton", "Thornton", "Underwood", "Vasquez",
    "Whitaker", "Yamamoto", "Zielinski", "Van der Berg", "Müller", "García-López",
)  # fmt: skip
TITLES = (
    "Chief Executive Officer", "Chief Financial Officer", "Founder & CEO", "Co-Founder",
    "Managing Director", "Senior Software Engineer", "Product Manager", "Marketing Director",
    "Sales Manager", "Account Executive", "Principal Architect", "Creative Director",
    "Financial Advisor", "Real Estate Agent", "Attorney at Law", "Senior Consultant",
    "Operations Manager", "Head of Partnerships", "VP of Engineering", "Business Analyst",
    "Project Manager", "Office Manager", "Owner", "President", "Managing Partner",
    "Regional Sales Director", "Graphic Designer", "Data Scientist", "HR Coordinator",
    "Customer Success Lead",
)  # fmt: skip
LEGAL = ("Inc.", "LLC", "Ltd.", "GmbH", "Corp.", "Co.", "Group", "Partners", "& Associates")
NOUNS = (
    "Analytics", "Builders", "Dental", "Design", "Legal", "Logistics", "Media", "Realty",
    "Software", "Wealth", "Consulting", "Robotics", "Health", "Foods", "Energy", "Capital",
    "Insurance", "Marketing", "Engineering", "Print",
)  # fmt: skip
FREE_MAIL = ("gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com")
TAGLINES = (
    "Building trust since 1998", "Your partner in growth", "Quality you can count on",
    "Ideas that move", "Local experts, global reach", "Making every day count",
)  # fmt: skip
STREETS = ("Main Street", "Oak Avenue", "Hennepin Ave", "Market St.", "Lake Street", "1st Ave N")
CITIES = (("Minneapolis", "MN", "554"), ("Chicago", "IL", "606"), ("Austin", "TX", "787"),
          ("Denver", "CO", "802"), ("Seattle", "WA", "981"), ("Boston", "MA", "021"))  # fmt: skip
AREA = ("612", "651", "312", "512", "303", "206", "617", "415", "646", "773")
PHONE_LABELS = ("", "T ", "Tel: ", "Phone: ", "P: ", "Office ")
MOBILE_LABELS = ("M ", "Mobile: ", "Cell: ", "C: ")


@dataclass
class Contact:
    name: str
    title: str
    company: str
    email: str
    phones: list[str]
    """E.164, the truth."""
    printed_phones: list[str]
    """As printed, with labels."""
    website: str | None
    address: list[str]
    fax: str | None
    tagline: str | None
    initials: str
    extra: dict[str, object] = field(default_factory=dict)

    def truth(self) -> dict[str, object]:
        return asdict(self)


def _slug(text: str) -> str:
    plain = text.lower().replace("ü", "u").replace("í", "i").replace("ó", "o")
    return re.sub(r"[^a-z0-9]+", "", plain)


def _number(rng: random.Random) -> tuple[str, str]:
    """(E.164, as printed) of a North American number in a random style."""
    area, exchange, line = (
        rng.choice(AREA),
        f"{rng.randint(2, 9)}{rng.randint(10, 99)}",
        (f"{rng.randint(0, 9999):04d}"),
    )
    style = rng.randrange(5)
    printed = (
        f"({area}) {exchange}-{line}", f"{area}.{exchange}.{line}",
        f"+1 {area} {exchange} {line}", f"{area}-{exchange}-{line}",
        f"+1 ({area}) {exchange}-{line}",
    )[style]  # fmt: skip
    return f"+1{area}{exchange}{line}", printed


def make_contact(rng: random.Random) -> Contact:
    given = rng.choice(words.GIVEN_NAMES + MORE_GIVEN)
    family = rng.choice(words.FAMILY_NAMES + MORE_FAMILY)
    middle = f" {rng.choice('ABCDEJKLMRST')}." if rng.random() < 0.1 else ""
    name = f"{given}{middle} {family}"
    if rng.random() < 0.5:
        company = f"{rng.choice(words.COMPANY_PREFIXES)} {rng.choice(NOUNS)}"
    else:
        company = f"{rng.choice(words.COMPANY_PREFIXES)} {rng.choice(words.LINES).noun}"
    if rng.random() < 0.6:
        company = f"{company} {rng.choice(LEGAL)}"
    core = " ".join(
        w
        for w in company.split()
        if w.rstrip(".") not in {"Inc", "LLC", "Ltd", "GmbH", "Corp", "Co", "&"}
        and w != "Associates"
    )
    domain = f"{_slug(core)}.{rng.choice(('com', 'com', 'com', 'net', 'io', 'co'))}"
    first, last = _slug(given), _slug(family)
    local = rng.choice(
        (f"{first}.{last}", first, f"{first[0]}{last}", f"{first}{last[0]}", f"{first}_{last}")
    )
    email = f"{local}@{domain if rng.random() < 0.8 else rng.choice(FREE_MAIL)}"
    if rng.random() < 0.3:
        email = email.capitalize() if rng.random() < 0.5 else email
    main, printed = _number(rng)
    phones, shown = [main], [f"{rng.choice(PHONE_LABELS)}{printed}"]
    if rng.random() < 0.35:
        mobile, printed_mobile = _number(rng)
        phones.append(mobile)
        shown.append(f"{rng.choice(MOBILE_LABELS)}{printed_mobile}")
    fax = f"Fax: {_number(rng)[1]}" if rng.random() < 0.15 else None
    website = f"www.{domain}" if rng.random() < 0.6 else None
    address: list[str] = []
    if rng.random() < 0.5:
        city, state, zip_head = rng.choice(CITIES)
        address = [f"{rng.randint(10, 9999)} {rng.choice(STREETS)}" + (f", Suite {rng.randint(100, 900)}" if rng.random() < 0.4 else ""),  # noqa: E501
                   f"{city}, {state} {zip_head}{rng.randint(0, 99):02d}"]  # fmt: skip
    tagline = rng.choice(TAGLINES) if rng.random() < 0.2 else None
    initials = "".join(w[0] for w in core.split()[:2]).upper()
    return Contact(
        name=name, title=rng.choice(TITLES), company=company, email=email, phones=phones,
        printed_phones=shown, website=website, address=address, fax=fax, tagline=tagline,
        initials=initials,
    )  # fmt: skip


def vcard_text(contact: Contact) -> str:
    given, _, family = contact.name.rpartition(" ")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{family};{given.split()[0]};;;",
             f"FN:{contact.name}", f"ORG:{contact.company}", f"TITLE:{contact.title}",
             f"EMAIL;TYPE=work:{contact.email}"]  # fmt: skip
    lines += [f"TEL;TYPE=work:{phone}" for phone in contact.phones]
    if contact.website:
        lines.append(f"URL:https://{contact.website}")
    return "\r\n".join([*lines, "END:VCARD"]) + "\r\n"


def mecard_text(contact: Contact) -> str:
    def esc(text: str) -> str:
        return re.sub(r"([\\;:,\"])", r"\\\1", text)

    given, _, family = contact.name.rpartition(" ")
    parts = [f"N:{esc(family)},{esc(given)}", f"ORG:{esc(contact.company)}",
             f"TITLE:{esc(contact.title)}", f"EMAIL:{esc(contact.email)}"]  # fmt: skip
    parts += [f"TEL:{phone}" for phone in contact.phones]
    if contact.website:
        parts.append(f"URL:{esc('https://' + contact.website)}")
    return "MECARD:" + ";".join(parts) + ";;"
