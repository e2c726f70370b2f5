"""The largest request body netweave reads, refused in words (413) before it is read.

A body that says it is too long (Content-Length) is refused unread; one that grows past
the limit while it streams in is stopped at the limit. Either way the answer is the app's
own: problem+json for the API, an error page for people, never a server's bare text.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netweave.web.problems import answer_http_error
from netweave.web.uploads import MAX_UPLOAD


class TooLarge(HTTPException):
    """Raised while a body is read: FastAPI lets an HTTPException through unchanged, so the
    app's handler for it (netweave.web.problems) words the answer."""

    def __init__(self, limit: int) -> None:
        megabytes = limit // 1024 // 1024
        super().__init__(
            413,
            f"the request is larger than {megabytes} MB, the most netweave reads "
            f"(a file sent in it may be at most {MAX_UPLOAD // 1024 // 1024} MB)",
        )


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimit:
    """ASGI middleware: at most ``limit`` bytes of body per request."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = declared_length(scope)
        refused = declared is not None and declared > self.limit
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            if refused:
                raise TooLarge(self.limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, watched)
        except TooLarge as error:  # raised outside a route (a middleware reading a form)
            if started:
                raise
            response = answer_http_error(Request(scope), error)
            await response(scope, receive, send)


__all__ = ["BodyLimit", "TooLarge"]
