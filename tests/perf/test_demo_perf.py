"""Demo generation against its time budget: 100,000 patients well under two minutes (aim: 40 s).

Run with ``python -m pytest -m slow -s tests/perf/test_demo_perf.py``. What the demo holds is tested in
``tests/services/demo/test_demo.py``; the full 100,000-patient run is in ``test_scale.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from clinic_desktop.services.database import Database
from clinic_desktop.services.demo import generate_demo

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 22)


def test_twenty_thousand_patients_in_proportional_time(db: Database) -> None:
    """20,000 patients get a fifth of the 40 s aim for 100,000, twice over."""
    summary = generate_demo(db, patients=20_000, seed=1, as_of=AS_OF)
    print(f"\ndemo: {summary.patients:,} patients in {summary.seconds:.1f} s")
    assert summary.seconds < 2 * 40 * 20_000 / 100_000
