"""Resemblances: a newcomer is compared only with known people who share a block, and the
quick test that skips the others (no word of a block in common) never skips one who does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.domain import PersonDraft
from netweave.domain.duplicates import _block_words, _blocks, _name_words
from netweave.domain.match_features import MatchRecord, features
from netweave.domain.resemblances import Resemblances

GIVEN = ("Bob", "Robert", "Rob", "B.", "Ann", "Anna", "Will", "William", "Dr. Jo", "José")
FAMILY = ("Smith", "Smyth", "Smith, Jr.", "Lee", "Le", "O'Neil", "Will", "Müller", "Muller")
LOCALS = ("bob", "bob+news", "rsmith", "ann.lee", "jo")
PHONES = ("+1 312 555 0101", "(312) 555-0101", "+44 20 7946 0000")


@st.composite
def people(draw: st.DrawFn) -> MatchRecord:
    given_name = draw(st.sampled_from(GIVEN))
    family = draw(st.sampled_from(("", *FAMILY)))
    name = f"{family}, {given_name}" if draw(st.booleans()) and family else f"{given_name} {family}"
    return MatchRecord(
        id=draw(st.integers(1, 10_000)),
        name=name.strip(),
        nickname=draw(st.sampled_from((None, "Bobby", "Annie", "Bill"))),
        company=draw(st.sampled_from((None, "Acme", "ACME Inc.", "Globex"))),
        linkedin=draw(st.sampled_from((None, "bob-smith", "ann-lee"))),
        emails=tuple(
            f"{local}@{domain}"
            for local, domain in draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(LOCALS), st.sampled_from(("acme.example", "mail.example"))
                    ),
                    max_size=2,
                )
            )
        ),
        phones=tuple(draw(st.lists(st.sampled_from(PHONES), max_size=2))),
    )


@settings(max_examples=400, deadline=None)
@given(people(), people())
def test_two_people_in_one_block_share_a_block_word(known: MatchRecord, new: MatchRecord) -> None:
    a, b = features(known), features(new)
    if a is None or b is None:
        return
    if set(_blocks(a)) & set(_blocks(b)):
        assert not set(_block_words(known)).isdisjoint(_block_words(new))


def test_a_newcomer_sharing_only_an_email_local_part_is_still_found() -> None:
    known = MatchRecord(id=7, name="Robert Smith", emails=("rsmith@acme.example",))
    new = MatchRecord(id=0, name="R. Smyth", emails=("rsmith@acme.example",))
    assert [r.person_id for r in Resemblances([known]).of(new)] == [7]


def test_a_newcomer_sharing_nothing_resembles_no_one() -> None:
    known = MatchRecord(id=7, name="Robert Smith", company="Acme")
    assert Resemblances([known]).of(MatchRecord(id=0, name="Ann Lee", company="Acme")) == []
    assert [r.person_id for r in Resemblances([known]).of(MatchRecord(id=0, name="Bob Smith"))] == [
        7
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(people(), min_size=1, max_size=3), people())
def test_who_may_not_resemble_anyone_resembles_no_one(
    known: list[MatchRecord], new: MatchRecord
) -> None:
    # The import asks may_resemble of the new person's draft before it builds the record
    # of() reads: a False must mean of() finds no one.
    resemblances = Resemblances(known)
    draft = PersonDraft(
        name=new.name, nickname=new.nickname, linkedin=new.linkedin, emails=list(new.emails)
    )
    assert resemblances.may_resemble(draft) == resemblances.may_resemble(new)
    if not resemblances.may_resemble(draft):
        assert resemblances.of(new) == []


_NAME_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(
            (*GIVEN, *FAMILY, "Dr.", "Mr", "Jr.", "III", "PhD", ",", " ", "\xa0", "ß", "Σ", "ℌ")
        ),
        max_size=6,
    ).map(" ".join),
)


@settings(max_examples=500, deadline=None)
@given(_NAME_TEXT)
def test_the_words_of_a_name_in_parts_are_words_of_the_name_folded(name: str) -> None:
    """The quick test reads the whole name folded, not its parts: it may say someone shares
    a word when they do not (the parts then tell), never that they do not when they do."""
    person = MatchRecord(id=1, name=name)
    assert set(_block_words(person)) <= set(_name_words(person))


_NICKNAMED = st.sampled_from(("Bob", "Robert", "Bill", "William", "Bobby", "Annie", "Liz", "Ann"))


@settings(max_examples=500, deadline=None)
@given(st.lists(people(), min_size=1, max_size=3), _NAME_TEXT, _NICKNAMED, people())
def test_the_quick_near_test_answers_as_the_words_of_the_name(
    known: list[MatchRecord], name: str, given_name: str, other: MatchRecord
) -> None:
    """The ASCII quick path (one set of the words and the nicknames of their formal forms)
    says what the words of the name and their formal forms say (_name_words)."""
    resemblances = Resemblances(known)
    for written in (name, f"{given_name} {name}", other.name):
        new = MatchRecord(
            id=0,
            name=written,
            nickname=other.nickname,
            emails=other.emails,
            linkedin=other.linkedin,
        )
        expected = not resemblances._words.isdisjoint(_name_words(new))
        assert resemblances._near(new) == expected, written
