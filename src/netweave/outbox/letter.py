"""A letter: what the digest and the reminders say, as sections of lines, rendered twice
(plain text, and HTML with inline styles that Gmail and Apple Mail both keep) and put in
one ``multipart/alternative`` email."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"
WIDTH = 72


@dataclass(frozen=True, slots=True)
class Line:
    """One entry of a section: a person or an event, what about them, and why."""

    text: str
    detail: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    lines: tuple[Line, ...] = ()
    intro: str = ""
    empty: str = ""
    """Said when there are no lines; a section with neither lines nor this is left out."""

    @property
    def shown(self) -> bool:
        return bool(self.lines or self.empty or self.intro)


@dataclass(frozen=True, slots=True)
class Letter:
    subject: str
    heading: str
    intro: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)
    footer: str = ""

    @property
    def shown(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.shown)


def _wrapped(text: str, indent: str = "", rest: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if rest is None else rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def render_text(letter: Letter) -> str:
    """The plain-text part: the same sections, wrapped at 72 columns."""
    out = [letter.heading, "=" * min(len(letter.heading), WIDTH), ""]
    if letter.intro:
        out += [*_wrapped(letter.intro), ""]
    for section in letter.shown:
        out += [section.title, "-" * min(len(section.title), WIDTH)]
        if section.intro:
            out += _wrapped(section.intro)
        if not section.lines and section.empty:
            out += _wrapped(section.empty)
        for line in section.lines:
            head = f"{line.text}: {line.detail}" if line.detail else line.text
            out += _wrapped(head, "- ", "  ")
            if line.note:
                out += _wrapped(line.note, "  ")
        out.append("")
    if letter.footer:
        out += ["-- ", *_wrapped(letter.footer)]
    return "\n".join(out).rstrip() + "\n"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(letter: Letter) -> str:
    """The HTML part (autoescaped: a name like ``<Ann & Co>`` stays text)."""
    return _environment().get_template("letter.html").render(letter=letter)


def email_message(
    letter: Letter,
    *,
    sender: str,
    to: list[str],
    message_id: str,
    date: datetime,
) -> EmailMessage:
    """The email: a text part and an HTML part (``multipart/alternative``), marked as
    written by a program (RFC 3834 ``Auto-Submitted``: mail clients and netweave's own
    mailbox sync do not take it for a conversation)."""
    message = EmailMessage()
    message["Subject"] = letter.subject
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    message["X-Mailer"] = "netweave"
    message.set_content(render_text(letter))
    message.add_alternative(render_html(letter), subtype="html")
    return message


__all__ = ["Letter", "Line", "Section", "email_message", "render_html", "render_text"]
