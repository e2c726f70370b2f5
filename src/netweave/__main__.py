"""``python -m netweave``: the ``netweave`` command."""

from netweave.cli import main

if __name__ == "__main__":
    main()
