"""Running the real ``netweave`` command (a subprocess) on this checkout's code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import netweave


def netweave_command() -> list[str]:
    """The installed ``netweave`` command beside this Python, else ``python -m netweave``."""
    script = Path(sys.executable).parent / "netweave"
    return [str(script)] if script.exists() else [sys.executable, "-m", "netweave"]


def source_env() -> dict[str, str]:
    """The environment for a subprocess that imports this checkout's ``netweave`` (the
    installed command may point at another copy of the source)."""
    source = str(Path(netweave.__file__).resolve().parents[1])
    paths = [source, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "NETWEAVE_DEBUG": ""}


__all__ = ["netweave_command", "source_env"]
