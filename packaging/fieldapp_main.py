"""The standalone bundle's entry point: the same ``fieldapp`` command, frozen."""

import multiprocessing
import sys

from fieldapp.cli import main

if __name__ == "__main__":
    # `fieldapp demo` writes with worker processes: a frozen program must let its own
    # children (and multiprocessing's helper) run as such instead of parsing their
    # arguments as fieldapp's.
    multiprocessing.freeze_support()
    sys.exit(main())
