"""A preloaded process that runs commands the moment they are typed (issue 16).

A command spends most of its start-up importing its libraries (SQLAlchemy, pydantic, Typer,
Rich: about 0.4 s of a 0.45 s ``netweave person list`` on a small database). A preload
process imports them once and waits on a Unix socket; each command then asks it to run,
handing over its terminal (its three standard streams, passed as file descriptors), its
working folder, its environment and its arguments. The process forks: the copy becomes the
command, exactly as if it had started itself, with nothing of any earlier command in it, and
sends back the exit code. The command's own ``netweave`` process imports only this package's
client (the standard library), so it answers in a few tens of milliseconds.

The same technique serves Mercurial's ``chg`` and Rails' Spring; the mechanisms are the
operating system's: ``fork``, and ``SCM_RIGHTS`` to pass descriptors (unix(7)).

- :mod:`netweave.preload.place`: where the socket is, and whether to use one.
- :mod:`netweave.preload.wire`: the messages on the socket.
- :mod:`netweave.preload.client`: the command's side (tried first by ``netweave.cli.main``).
- :mod:`netweave.preload.server`: the preload process.

When is one used, and started? ``NETWEAVE_PRELOAD``:

- ``auto`` (the default): a running one is used; one is started in the background by a
  command typed at a terminal (standard input and output both terminals, ``CI`` not set).
  Scripts, pipes and CI run each command by itself, as before, unless one already runs.
- ``on``: used, and started when none runs, whatever the terminal.
- ``off``: every command runs by itself.

``netweave preload start | stop | status`` manages one by hand. It ends itself after
``NETWEAVE_PRELOAD_IDLE`` seconds without a command (default 1800), and at once when a file
it loaded has changed (an upgrade, an edited source): the command that finds it so runs by
itself, and a new one is started as above.
"""
