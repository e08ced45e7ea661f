"""``python -m worldsystem``: the command line, as the ``worldsystem`` script."""

from worldsystem.cli import main

if __name__ == "__main__":
    main()
