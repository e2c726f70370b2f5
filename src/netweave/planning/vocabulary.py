"""The business vocabulary free text is matched with: lines of business and their names.

``CATEGORIES`` maps a canonical business category to the words and phrases
people use for it: "contractors" and "general contractor" are construction,
"CPA" and "bookkeeping" are accounting, "lawyer" and "attorney" are law. A
text is read as whole words (never fragments: "offices" is not "Loan
Officer", "associations" is not "& Associates"), each made singular by simple
English rules (:func:`singular`); the longest phrase of the vocabulary found
at a place wins ("commercial real estate" before "real estate"). The
vocabulary's phrases become the categories they name (``category:law``); the
other words stay as they are, except common ones (``STOP``).

Short synonyms written in capitals ("IT", "HR") count only when the text has
them in capitals too: "IT providers" is IT services, "it" is not.

A need may carry a typo: with ``typos=True``, a word the vocabulary does not
know is read as a vocabulary word one letter away from it, when both are six
letters or more and start alike, and neither is the other with an ending
("acountants" is "accountant"; "office" is never "officer").

The lists are ours, written for the lines of business people meet at chamber
and referral-group events (the sample network's among them). Add a line or a
synonym here and every suggestion (referral ideas, introductions, plan
openers) knows it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

CATEGORIES: dict[str, tuple[str, ...]] = {
    "accounting": (
        "accounting", "accountant", "CPA", "bookkeeping", "bookkeeper", "tax preparer",
        "tax preparation", "tax advisor", "tax accountant", "accounting firm",
    ),
    "architecture": ("architecture", "architect", "architectural firm"),
    "banking": (
        "banking", "bank", "banker", "business banker", "community bank", "commercial lender",
        "credit union",
    ),
    "business coaching": (
        "business coaching", "business coach", "coach", "coaching", "executive coach",
        "leadership coach",
    ),
    "law": (
        "law", "business law", "lawyer", "attorney", "legal", "law firm", "law group",
        "law office", "paralegal", "counsel", "estate law", "estate attorney", "estate lawyer",
    ),
    "catering": ("catering", "caterer", "chef", "corporate catering"),
    "chiropractic": ("chiropractic", "chiropractor"),
    "commercial cleaning": (
        "commercial cleaning", "cleaning", "cleaning service", "janitorial", "cleaner",
    ),
    "commercial insurance": (
        "commercial insurance", "insurance", "insurance agent", "insurance agency",
        "insurance broker", "insurer", "underwriter",
    ),
    "commercial real estate": (
        "commercial real estate", "commercial realty", "real estate", "commercial broker",
        "leasing agent",
    ),
    "construction": (
        "construction", "contractor", "general contractor", "builder", "construction company",
        "construction firm", "remodeler", "remodeling", "GC",
    ),
    "cybersecurity": (
        "cybersecurity", "cyber security", "security consultant", "information security",
        "infosec",
    ),
    "dentistry": ("dentistry", "dentist", "dental", "dental practice", "orthodontist"),
    "electrical": (
        "electrical", "electric", "electrician", "electrical contractor", "master electrician",
    ),
    "estate planning": (
        "estate planning", "estate planner", "estate law", "estate attorney", "estate lawyer",
        "wills and trusts",
    ),
    "event planning": (
        "event planning", "event planner", "event management", "meeting planner",
        "conference planner", "party planner",
    ),
    "financial consulting": (
        "financial consulting", "financial consultant", "fractional cfo", "CFO",
    ),
    "financial planning": (
        "financial planning", "financial planner", "financial advisor", "financial adviser",
        "wealth advisor", "wealth management", "CFP", "investment advisor",
        "retirement planning",
    ),
    "hr consulting": (
        "hr consulting", "HR", "human resources", "hr consultant", "hr partner",
    ),
    "hvac": (
        "hvac", "heating", "cooling", "air conditioning", "hvac contractor", "heating and cooling",
    ),
    "interior design": ("interior design", "interior designer", "interiors", "interior decorator"),
    "it services": (
        "it services", "IT", "managed it", "it support", "it provider", "it solutions",
        "it consultant", "tech support", "msp",
    ),
    "landscaping": (
        "landscaping", "landscaper", "landscape", "lawn care", "grounds care", "snow removal",
    ),
    "logistics": (
        "logistics", "freight", "trucking", "warehousing", "3pl", "courier", "delivery service",
    ),
    "manufacturing": (
        "manufacturing", "manufacturer", "fabrication", "fabricator", "machine shop",
        "machining", "factory",
    ),
    "marketing": (
        "marketing", "marketer", "marketing agency", "marketing firm", "marketing strategist",
        "advertising", "advertising agency", "digital marketing",
    ),
    "medical": ("doctor", "physician", "medical practice", "medical clinic"),
    "mortgage": (
        "mortgage", "mortgage broker", "mortgage lender", "loan officer", "home lending",
        "home loan",
    ),
    "office furniture": ("office furniture", "furniture"),
    "payroll": ("payroll", "payroll service", "payroll provider", "payroll company"),
    "photography": ("photography", "photographer", "headshot"),
    "physical therapy": (
        "physical therapy", "physical therapist", "physiotherapy", "physiotherapist",
    ),
    "plumbing": ("plumbing", "plumber"),
    "printing": ("printing", "printer", "print shop", "print", "signage", "sign shop"),
    "promotional products": (
        "promotional products", "promotional product", "promo", "branded merchandise", "swag",
    ),
    "property management": ("property management", "property manager"),
    "residential real estate": (
        "residential real estate", "real estate", "realtor", "realty", "real estate agent",
        "home seller",
    ),
    "restaurant": ("restaurant", "restaurateur"),
    "staffing": (
        "staffing", "staffing agency", "recruiter", "recruiting", "recruitment", "headhunter",
        "temp agency",
    ),
    "telecom": (
        "telecom", "telecommunications", "business phone", "phone system", "voip",
        "unified communications",
    ),
    "translation": (
        "translation", "translator", "interpreter", "interpreting", "localization",
        "language services",
    ),
    "travel": ("travel", "travel agent", "travel advisor", "travel agency"),
    "video production": (
        "video production", "video", "videographer", "videography", "film", "video producer",
    ),
    "web design": (
        "web design", "web designer", "website design", "web developer", "web development",
        "web studio",
    ),
}  # fmt: skip
"""Canonical category → the words and phrases that name it (singular; any case unless short
capitals). A phrase may name two categories ("estate law" is law and estate planning)."""

STOP = frozenset((
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "by", "can", "do", "does", "for", "from", "get", "had", "has", "have", "in",
    "into", "is", "it", "its", "just", "like", "more", "most", "need", "needs", "new", "no",
    "not", "of", "on", "one", "or", "our", "out", "over", "own", "so", "some", "than", "that",
    "the", "their", "them", "they", "this", "to", "up", "us", "want", "wants", "was", "we",
    "were", "what", "when", "where", "which", "who", "whose", "will", "with", "within",
    "without", "you", "your",
))  # fmt: skip
"""Words that say nothing about a line of business or a client."""

PREFIX = "category:"
"""How a category appears among a text's terms: ``category:law``."""
TYPO_LEAST = 6
"""Least length of a word (and of the vocabulary word) that a typo is corrected in."""

_IRREGULAR = {"people": "person", "women": "woman", "men": "man", "children": "child"}
_KEEP = ("ss", "us", "is", "ics")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
_BREAK = re.compile(r"[,;:.()|/\n]+")


def singular(word: str) -> str:
    """``word`` (lower case) made singular: agencies → agency, coaches → coach, CPAs → cpa."""
    if word.endswith("'s"):
        word = word[:-2]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def _short_caps(synonym: str) -> bool:
    return synonym.isupper() and len(synonym) <= 2


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[tuple[str, ...], frozenset[str]], frozenset[str], int]:
    """(words of a phrase → its categories, the capitals-only words, the longest phrase)."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    caps: set[str] = set()
    for category, synonyms in CATEGORIES.items():
        for synonym in (category, *synonyms):
            key = tuple(singular(w) for w in _TOKEN.findall(synonym.lower()))
            found[key].add(category)
            if _short_caps(synonym):
                caps.add(key[0])
    longest = max(len(key) for key in found)
    return {k: frozenset(v) for k, v in found.items()}, frozenset(caps), longest


@lru_cache(maxsize=1)
def _known_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every word the vocabulary's phrases are made of; those long enough for typos."""
    phrases, _, _ = _phrases()
    words = frozenset(w for key in phrases for w in key)
    return words, tuple(sorted(w for w in words if len(w) >= TYPO_LEAST))


def correct(word: str) -> str:
    """A vocabulary word one letter away from ``word`` (a typo), else ``word`` itself."""
    every, known = _known_words()
    if len(word) < TYPO_LEAST or word in every:
        return word
    for choice, _, _ in process.extract(
        word, known, scorer=Levenshtein.distance, score_cutoff=1, limit=None
    ):
        if choice[0] == word[0] and not (choice.startswith(word) or word.startswith(choice)):
            return choice
    return word


def _tokens(part: str, typos: bool) -> list[tuple[str, str]]:
    """(word as written, its singular lower-case form) for each word of ``part``."""
    found = []
    for raw in _TOKEN.findall(part):
        raw = raw.strip("'-")
        if raw and raw.lower() in STOP:
            found.append((raw, raw.lower()))
        elif raw:
            word = singular(raw.lower())
            found.append((raw, correct(word) if typos else word))
    return found


def _scan(tokens: list[tuple[str, str]]) -> Iterator[str]:
    phrases, caps, longest = _phrases()
    at = 0
    while at < len(tokens):
        for size in range(min(longest, len(tokens) - at), 0, -1):
            key = tuple(word for _, word in tokens[at : at + size])
            categories = phrases.get(key)
            if categories is None:
                continue
            if size == 1 and key[0] in caps and not tokens[at][0].rstrip("s").isupper():
                continue  # "it" is not IT
            yield from (PREFIX + c for c in sorted(categories))
            at += size
            break
        else:
            raw, word = tokens[at]
            if len(word) > 2 and raw.lower() not in STOP:
                yield word
            at += 1


def terms(text: str | None, *, typos: bool = False) -> list[str]:
    """What a text names: its categories (``category:…``) and its other telling words, once."""
    if not text:
        return []
    found: list[str] = []
    for part in _BREAK.split(text):
        found.extend(_scan(_tokens(part, typos)))
    return list(dict.fromkeys(found))


def categories_in(text: str | None) -> list[str]:
    """The canonical categories a text names, in order: "CPAs and lawyers" → accounting, law."""
    return [term.removeprefix(PREFIX) for term in terms(text) if term.startswith(PREFIX)]


__all__ = [
    "CATEGORIES",
    "PREFIX",
    "STOP",
    "TYPO_LEAST",
    "categories_in",
    "correct",
    "singular",
    "terms",
]
