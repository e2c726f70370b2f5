"""What to do about an error, in the command line's words.

Services raise errors with a code and the facts; this table words the hint for someone at
a terminal (the web and the API word their own). An error without an entry here keeps
the hint it came with, which holds everywhere ("use digits, e.g. 1200").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from netweave.errors import Ambiguous, NetweaveError

Facts = Mapping[str, object]

SET_OWNER = 'netweave settings owner "Your Name"'
"""How to say who you are, from the command line."""

_HINTS: dict[str, Callable[[Facts], str]] = {
    "lead-conflict": lambda f: (
        f"change it anyway with 'netweave referral edit {f['referral']} ... --force'"
        if f.get("referral")
        else "give it anyway with 'netweave referral give ... --force'"
    ),
    "no-owner": lambda f: f"say who you are with {SET_OWNER}",
    "workspace-taken": lambda f: (
        f"to say who you are in it: {SET_OWNER}"
        if f.get("me")
        else "choose another name with --workspace"
    ),
    "no-workspace": lambda f: "run 'netweave init'",
    "which-workspace": lambda f: f"choose one with --workspace: {_listed(f.get('workspaces'))}",
    "person-not-found": lambda f: "see 'netweave person list'",
    "group-not-found": lambda f: "see 'netweave group list'",
    "event-not-found": lambda f: "see 'netweave event list'",
    "already-member": lambda f: "use 'netweave group leave' first, or edit the role",
    "workspace-exists": lambda f: "restore under another name with --as, or pass --replace",
    "merge-not-found": lambda f: "'netweave person merges' lists them",
    "remove-owner": lambda f: f"make someone else you first: {SET_OWNER}",
    "touch-in-future": lambda f: "plan it with 'netweave followup add PERSON REASON --due DATE'",
    "several-follow-ups": lambda f: "name one by its id: 'netweave followup done ID'",
    "no-open-follow-up": lambda f: "'netweave followup list --all' shows the done ones",
    "move-instead": lambda f: "move it with 'netweave referral status ID STATUS'",
    "answer-instead": lambda f: "record it with 'netweave ask answer ID OUTCOME'",
    "key-reused": lambda f: "use a new idempotency key for a new change",
    "key-in-flight": lambda f: "run it again in a moment: it will report the first one's result",
    "mail-nowhere": lambda f: "netweave mail set --to ADDRESS, or --add-channel URL",
    "no-smtp-server": lambda f: "netweave mail set --smtp-host HOST (and --smtp-user)",
    "no-sender": lambda f: "netweave mail set --from ADDRESS",
    "no-password": lambda f: "netweave mail password (keyring), or --file PATH",
    "password-file-open": lambda f: f"chmod 600 {f.get('path')}",
    "no-keyring": lambda f: "keep it in a file instead: netweave mail password --file PATH",
    "unknown-channel": lambda f: "see Apprise's list of services for the URL of yours",
    "no-my-addresses": lambda f: (
        "give them with 'netweave settings set --my-addresses you@work.com,you@home.org' "
        "(or add them to your own record)"
    ),
    "no-mail-password": lambda f: (
        f"store it with 'keyring set {f.get('service')} {f.get('entry')}', "
        "or pass --password-file FILE (readable by you only)"
    ),
    "mail-server": lambda f: "check --host, --port and --ssl/--starttls",
    "card-confirmed": lambda f: f"see 'netweave person show #{f.get('person')}'",
    "folder-not-mbox": lambda f: f"sync it with 'netweave sync maildir {f.get('path')}'",
    "sync-in-flight": lambda f: "run it again when the other sync has finished",
}


def _listed(values: object) -> str:
    return ", ".join(str(v) for v in values) if isinstance(values, list) else ""


def hint_for(error: NetweaveError) -> str | None:
    """The hint to show at a terminal: this table's, else the error's own."""
    word = _HINTS.get(error.code)
    if word is None:
        return error.hint
    # A hint the error found itself (a close name: "did you mean ...?") says more.
    return error.hint or word(error.facts)


def describe(error: NetweaveError) -> str:
    """The error as the command line prints it."""
    hint = hint_for(error)
    if isinstance(error, Ambiguous):
        lines = [error.message, *(f"  {c}" for c in error.candidates)]
        return "\n".join([*lines, hint] if hint else lines)
    return f"{error.message} ({hint})" if hint else error.message


__all__ = ["SET_OWNER", "describe", "hint_for"]
