"""``python -m framing``: the same command line as ``framing``."""

from cli import main

if __name__ == "__main__":
    main(prog_name="framing")
