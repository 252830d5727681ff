"""Satisfaction surveys after some of a demo patient's visit days, scored by the patient's mood."""

from __future__ import annotations

from clinic_desktop.services.demo import names as N
from clinic_desktop.services.demo.clinic import Clinic
from clinic_desktop.services.demo.contacts import Planned, add_contact

_NPS_BY_OVERALL = {1: (0, 1, 2, 3), 2: (2, 3, 4, 5), 3: (5, 6, 6, 7), 4: (7, 8, 8, 9), 5: (9, 9, 10, 10)}
_MOOD_SCORES = ((5, 5, 5, 4, 4, 5, 4, 3), (3, 4, 3, 4, 2, 3), (1, 2, 2, 1, 3, 2))  # happy, neutral, unhappy


def add_surveys(
    c: Clinic,
    pid: int,
    day_starts: list[tuple[int, int, int]],
    mood: int,
    contacts: list[Planned],
) -> None:
    """Surveys after some visit days (scores from the patient's mood); a bad one is followed up by a
    service-recovery call, added to ``contacts``."""
    r = c.r.random
    last = c.A - 1
    days = c.days
    ndays = len(day_starts)
    if ndays and r() < (0.5 if ndays >= 2 else 0.3):
        k = min(ndays, 1 + (r() < 0.45) + (r() < 0.2))
        scores = _MOOD_SCORES[mood]
        for i in sorted(c.r.sample(range(ndays), k)):
            day, vid, _ = day_starts[i]
            overall = scores[int(r() * len(scores))]
            survey_day = min(day + int(r() * 4), last)
            dims: tuple[int | None, ...] = (None, None, None, None)
            if r() < 0.5:
                dims = tuple(max(1, min(5, overall + (-1, 0, 0, 1)[int(r() * 4)])) for _ in range(4))
            nps = _NPS_BY_OVERALL[overall][int(r() * 4)] if r() < 0.85 else None
            comment = None
            if r() < 0.6:
                pool = (
                    N.COMMENTS_BAD if overall <= 2 else (N.COMMENTS_MID if overall == 3 else N.COMMENTS_GOOD)
                )
                comment = pool[int(r() * len(pool))]
            c.ids["surveys"] += 1
            c.survey_rows.append((c.ids["surveys"], pid, days[survey_day], vid, overall, *dims, nps, comment))
            if overall <= 2 and r() < 0.75:
                add_contact(c, contacts, min(survey_day + 1 + int(r() * 4), last), "recovery")
