"""`python -m clinic_desktop` is the same as the `clinic-desktop` console script."""

import multiprocessing
import sys

from clinic_desktop.cli import main
from clinic_desktop.frozen import prepare_frozen_process

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the frozen app's metrics workers re-enter here
    prepare_frozen_process()
    sys.exit(main())
