"""What to do about an error, in the words of the JSON API and of the web pages.

Services raise errors with a code and the facts (see :mod:`netweave.errors`); a program
is told which field to send, a person at a page which page or button to use. Neither is
ever told to run a command line.
"""

from __future__ import annotations

from collections.abc import Mapping

from netweave.errors import NetweaveError

_API = {
    "lead-conflict": 'send the same body with "force": true to give it anyway',
    "no-owner": "say who the owner is on the web app's settings page first",
    "touch-in-future": "plan it as a follow-up: POST /api/v1/follow-ups",
    "several-follow-ups": "name the follow-up by its id",
    "move-instead": "POST /api/v1/referrals/{id}/status moves it",
    "answer-instead": "POST /api/v1/asks/{id}/answer records it",
    "key-reused": "use a new idempotency_key for a new change",
    "key-in-flight": "send it again in a moment: the answer is then the first one's record",
    "person-not-found": "GET /api/v1/people?q=... finds people by name",
    "remove-owner": "make someone else the owner first: POST /api/v1/settings/owner",
    "card-confirmed": "it became the person the message names: GET /api/v1/people?q=NAME",
    "folder-not-mbox": "remove the mailbox and add the folder again with kind maildir",
    "no-my-addresses": "send your addresses: PATCH /api/v1/settings with my_addresses",
    "no-mail-password": "remove the mailbox and add it again with its password",
}

_PAGES = {
    "lead-conflict": "give it anyway with the button below, or choose someone else",
    "no-owner": "say who you are on the settings page",
    "touch-in-future": "add a follow-up on this page to plan it",
    "person-not-found": "the people page lists everyone",
    "group-not-found": "the groups page lists them",
    "event-not-found": "the events page lists them",
    "several-follow-ups": "mark one of them done on the person's page",
    "already-member": "change their role instead",
    "remove-owner": "say on the settings page that someone else is you first",
    "move-instead": "move it with the status buttons on the referrals page",
    "answer-instead": "the asks page records how it went",
    # A saved mailbox's sync (its run page, the mail settings page).
    "folder-not-mbox": "remove this mailbox and add the folder again as a Maildir folder",
    "no-my-addresses": "give them under 'Your addresses' on the mail settings page",
    "no-mail-password": "remove this mailbox and add it again with its password",
    "password-file-open": "make the password file readable by you only, then sync again",
    "mail-server": "check the mailbox's server, port and security (remove it and add it again)",
    "sync-error": "sync again; if it stops again, the server's log says why",
}

# Hints that name a command line never reach the web, whatever raised them.
_CLI_WORDS = ("netweave ", "--")


def _own(error: NetweaveError) -> str | None:
    hint = error.hint
    return None if hint is None or any(w in hint for w in _CLI_WORDS) else hint


def _pick(table: Mapping[str, str], error: NetweaveError) -> str | None:
    return _own(error) or table.get(error.code)


def api_hint(error: NetweaveError) -> str | None:
    return _pick(_API, error)


def page_hint(error: NetweaveError) -> str | None:
    return _pick(_PAGES, error)


def run_hint(code: str | None, *, api: bool = False) -> str | None:
    """What to do about the error that stopped a mail sync run (kept as its code: the run
    may have failed in a thread or in the command line), in the page's or the API's words."""
    return None if code is None else (_API if api else _PAGES).get(code)


def page_message(error: NetweaveError) -> str:
    """The error as a page shows it: the message, and what to do in the page's words."""
    hint = page_hint(error)
    return f"{error.message} ({hint})" if hint else error.message


__all__ = ["api_hint", "page_hint", "page_message", "run_hint"]
