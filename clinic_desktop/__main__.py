"""`python -m clinic_desktop` is the same as the `clinic-desktop` console script."""

import sys

from clinic_desktop.cli import main

sys.exit(main())
