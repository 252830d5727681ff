"""A birth date known to the month or year and a landline (PRODUCT §7.2), in the profile and the list: the
age is shown (the youngest the patient can be), the birthday is never invented, the landline is shown where
there is no mobile and found by search."""

from __future__ import annotations

from datetime import date

import pytest

from builders import add_patient
from clinic_desktop.core.dates import birth_for_age
from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import PatientFilter, PatientList, RecordError, update_profile

TODAY = date(2026, 11, 20)


def test_birth_for_age() -> None:
    assert birth_for_age(date(1990, 5, 3), None) == date(1990, 5, 3)
    assert birth_for_age(None, "1985-02") == date(1985, 2, 28)
    assert birth_for_age(None, "1984-02") == date(1984, 2, 29)
    assert birth_for_age(None, "1985") == date(1985, 12, 31)
    assert birth_for_age(None, None) is None


def test_profile_takes_a_month_or_a_year_and_a_full_date_replaces_it(db: Database) -> None:
    with db.sessions.begin() as s:
        pid = add_patient(s, "张三", "13800000001").id
    update_profile(db, pid, {"birth_date": "1985.3"}, today=TODAY)
    with db.sessions() as s:
        p = s.get(Patient, pid)
        assert p is not None and (p.birth_date, p.birth_partial) == (None, "1985-03")
    update_profile(db, pid, {"birth_date": "1985-03-12"}, today=TODAY)
    with db.sessions() as s:
        p = s.get(Patient, pid)
        assert p is not None and (p.birth_date, p.birth_partial) == (date(1985, 3, 12), None)
    with pytest.raises(RecordError, match="出生日期"):
        update_profile(db, pid, {"birth_date": "1985.13"}, today=TODAY)


def test_profile_landline(db: Database) -> None:
    with db.sessions.begin() as s:
        pid = add_patient(s, "张三", None).id
    update_profile(db, pid, {"landline": "(0571)88886666"}, today=TODAY)
    with db.sessions() as s:
        p = s.get(Patient, pid)
        assert p is not None and p.landline == "0571-88886666"
    with pytest.raises(RecordError):
        update_profile(db, pid, {"landline": "12"}, today=TODAY)


def test_patient_list_shows_the_age_and_the_landline(db: Database) -> None:
    with db.sessions.begin() as s:
        add_patient(s, "年月", "13800000001", birth_partial="1985-12")
        add_patient(s, "座机", None, landline="0571-88886666", birth_partial="2000")
    plist = PatientList(db, today=TODAY)
    plist.load()
    result = plist.query(None, "name", False)
    rows = {result.row(i).name: result.row(i) for i in range(result.count)}
    assert rows["年月"].age == 40  # born in December 1985 at the latest: 40 until then
    assert (rows["座机"].age, rows["座机"].phone) == (25, "0571-88886666")
    found = plist.query(PatientFilter(text="8888"), None, False)
    assert [found.row(i).name for i in range(found.count)] == ["座机"]
