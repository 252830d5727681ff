"""Issue 15: the duplicate finder's rules run over the whole table at once (NumPy blocks for the phone
pairs). It must propose exactly the groups, reasons and order the rule-by-rule finder of before did — on a
demo clinic with every kind of near-duplicate planted, and on the rules' own hand-made cases."""

from __future__ import annotations

import random
from datetime import date

import pytest
from serial_duplicates import find_duplicates_serial
from sqlalchemy import select

from builders import add_patient
from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.patients.duplicate_candidates import _CANONICAL_SQL
from clinic_desktop.services.patients.duplicates import dismiss_group, find_duplicates

AS_OF = date(2026, 6, 30)


def _plant(db: Database, seed: int) -> None:
    """Second records as clinics make them: a typo in the phone, another prefix, no phone, the phone
    typed as the WeChat id, the same WeChat id in other case, the same birth date, odd widths and spaces."""
    r = random.Random(seed)
    with db.sessions.begin() as s:
        people = s.execute(select(Patient.name, Patient.phone, Patient.birth_date, Patient.gender)).all()
        used = {phone for _, phone, _, _ in people}

        def free(phone: str) -> bool:  # phones are unique in the database
            if phone in used:
                return False
            used.add(phone)
            return True

        for name, phone, birth, gender in r.sample(people, 400):
            kind = r.randrange(7)
            if kind == 0 and phone:
                i = r.randrange(3, 11)
                twin = phone[:i] + str((int(phone[i]) + 1) % 10) + phone[i + 1 :]
                if free(twin):
                    add_patient(s, name, twin, birth_date=birth if r.random() < 0.5 else None)
            elif kind == 1 and phone and free("199" + phone[3:]):
                add_patient(s, name, "199" + phone[3:])
            elif kind == 2:
                add_patient(s, name, None, gender=gender if r.random() < 0.7 else None)
            elif kind == 3 and phone:
                add_patient(
                    s, name[:1] + "小" + name[1:], None, wechat=f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"
                )
            elif kind == 4:
                add_patient(s, f" {name} ", None, birth_date=birth)  # spaces: the same name key
            elif kind == 5:
                wechat = f"WX_{r.randrange(50)}"
                add_patient(s, name, None, wechat=wechat)
                add_patient(s, name, None, wechat=wechat.lower(), birth_date=birth)
            elif phone and free("+86 " + phone[:3] + " " + phone[3:]):
                add_patient(s, name, "+86 " + phone[:3] + " " + phone[3:])  # stored unnormalised


@pytest.mark.parametrize("seed", [1, 2])
def test_same_groups_as_the_rule_by_rule_finder(db: Database, seed: int) -> None:
    generate_demo(db, patients=3000, seed=seed, as_of=AS_OF)
    _plant(db, seed)
    expected = find_duplicates_serial(db)
    assert len(expected) > 100  # every rule has work to do
    assert {reason for g in expected for reason in g.reasons} >= {
        "same_phone", "phone_is_wechat", "same_wechat", "name_birth", "name_phone_typo", "name_phone_tail",
        "name_no_phone",
    }  # fmt: skip
    found = find_duplicates(db)
    assert found == expected
    dismiss_group(db, expected[0].patient_ids)
    assert find_duplicates(db) == find_duplicates_serial(db) == expected[1:]


def test_hand_made_cases_alike(db: Database) -> None:
    with db.sessions.begin() as s:
        for name, phone in (("王五", "13700000001"), ("王五", "13700000007"), ("吴二", "13912340000"),
                            ("吴二", "18612340000"), ("李四", "13600000000"), ("王伟", None), ("王伟", "13311111111")):  # fmt: skip
            add_patient(s, name, phone)
        add_patient(s, "李小四", None, wechat="136-0000-0000")
    assert find_duplicates(db) == find_duplicates_serial(db)


def test_odd_stored_values_alike(db: Database) -> None:
    """What the column read treats apart: a WeChat id of spaces only, ids that differ in case and spaces,
    a phone stored unnormalised (or not a mobile at all), a WeChat id that is another's phone."""
    with db.sessions.begin() as s:
        add_patient(s, "赵六", "13800000001", wechat="   ")
        add_patient(s, "赵六", None, wechat="  ")
        add_patient(s, "赵六", "138-0000-0002", wechat=" Zhao6 ")
        add_patient(s, "赵六", None, wechat="zhao6")
        add_patient(s, "钱七", "010-12345678")
        add_patient(s, "钱七", "+86 139 0000 0003")
        add_patient(s, "钱七", "13900000003 ")
        add_patient(s, "钱小七", None, wechat="139 0000 0003")
    found = find_duplicates(db)
    assert found == find_duplicates_serial(db)
    assert found


@pytest.mark.parametrize(
    "phone",
    ["13800000000", "19999999999", "12800000000", "1380000000x", "+1380000000", " 1380000000",
     "1380000000 ", "138000000000", "１３８００００００００", "13800000000.0", "1e10", "-1380000000",
     "0x138000000", "1380000000", "", "1３800000000", "13800000000\n"],
)  # fmt: skip
def test_canonical_test_is_the_glob(db: Database, phone: str) -> None:
    """The phone column's cheap test (length and range) says "canonical" exactly when the pattern does."""
    with db.engine.connect() as conn:
        cheap, glob = conn.exec_driver_sql(
            f"SELECT {_CANONICAL_SQL}, phone GLOB '1[3-9]{'[0-9]' * 9}' FROM (SELECT ? AS phone)", (phone,)
        ).one()
    assert bool(cheap) == bool(glob)
