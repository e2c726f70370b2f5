"""Sending a notification to a channel that Apprise supports (one URL per channel:
``ntfy://topic``, ``tgram://bottoken/chatid``, ``mailto://``, ``json://host/path``...).

Apprise takes most of a second to load its plugins, so it is imported only when a
channel is checked or used.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from typing import TYPE_CHECKING

from netweave.domain.mailout import hidden
from netweave.errors import DeliveryFailed, InvalidInput

if TYPE_CHECKING:
    from apprise.plugins.base import NotifyBase

LONGEST_BODY = 30_000
"""Characters of text sent to a channel; most services cut far earlier themselves."""


def _instance(url: str) -> NotifyBase | None:
    with warnings.catch_warnings():
        # Apprise's e-mail plugin imports the standard library's deprecated imghdr.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="apprise")
        warnings.filterwarnings("ignore", message=".*imghdr.*", category=DeprecationWarning)
        from apprise import Apprise

        return Apprise.instantiate(url)


def route_of(url: str) -> str:
    """A stable name for a channel in the record of what was sent: a digest of its URL,
    never the URL itself (it may carry a token)."""
    return "channel:" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def shown(url: str) -> str:
    """The URL with its secrets hidden, as Apprise shows it (or cut short if it cannot)."""
    found = _instance(url)
    if found is None:
        return hidden(url)
    return str(found.url(privacy=True)).partition("?")[0]  # type: ignore[no-untyped-call]


def check_channel(url: str) -> str:
    """``url`` when Apprise knows how to send to it; InvalidInput naming it otherwise."""
    if _instance(url) is None:
        raise InvalidInput(
            f"'{hidden(url)}' is not a channel Apprise can send to "
            "(see its list of services: ntfy://, tgram://, slack://, mailto://, json://...)",
            field="channels",
            code="unknown-channel",
        )
    return url


def notify(url: str, title: str, body: str) -> None:
    """Send ``title`` and ``body`` (plain text) to the channel; DeliveryFailed with what
    Apprise said when the service refused it or could not be reached."""
    from apprise import LogCapture, NotifyFormat

    channel = _instance(url)
    if channel is None:
        raise DeliveryFailed(
            f"'{hidden(url)}' is not a channel Apprise can send to", code="channel-failed"
        )
    capture = LogCapture(level=logging.WARNING, fmt="%(message)s")  # type: ignore[no-untyped-call]
    with capture as captured:
        sent = channel.notify(body=body[:LONGEST_BODY], title=title, body_format=NotifyFormat.TEXT)
    if not sent:
        said = " ".join(str(captured.getvalue()).split()) or "no reason given"
        raise DeliveryFailed(
            f"the channel {shown(url)} did not take the message: {said[:500]}",
            code="channel-failed",
        )


__all__ = ["LONGEST_BODY", "check_channel", "notify", "route_of", "shown"]
