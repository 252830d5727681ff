"""Saving and exporting at once prints the built rows (no read-back) only when that prints exactly what the
read-back prints: every kind, cell for cell, on a clinic with contacts logged after as-of, archived
patients, and masked phones; and it reads the list back whenever something changed since the build."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, update

from builders import add_contact
from clinic_desktop.core.calllists import KINDS
from clinic_desktop.core.calllists.list_specs import CampaignFilter, CampaignSpec
from clinic_desktop.core.calllists.offers import Offer
from clinic_desktop.db.models import Patient
from clinic_desktop.services import calllists as cl
from clinic_desktop.services.calllists.export import print_row
from clinic_desktop.services.calllists.store import save_list_printed
from clinic_desktop.services.database import Database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute

AS_OF = date(2026, 6, 30)
CAMPAIGN = CampaignSpec(
    "回馈", CampaignFilter(tiers=("A", "B", "none")), (Offer("满 500 减 50", 50_000, 5_000),)
)


def _params(kind: str) -> dict[str, Any]:
    return {"spec": CAMPAIGN.to_json()} if kind == "campaign" else {}


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo clinic, plus: a few of each list's patients archived, and a few others with a contact
    logged after as-of (the policy does not see it; the saved list shows it)."""
    from clinic_desktop.services.database import open_database

    db = open_database(tmp_path_factory.mktemp("printed") / "clinic.db")
    generate_demo(db, patients=600, seed=5, as_of=AS_OF)
    recompute(db, AS_OF)
    lists = {kind: cl.build_list(db, kind, AS_OF, params=_params(kind)) for kind in KINDS}
    archived = {built.rows[0].patient_id for built in lists.values() if built.rows}
    later = {r.patient_id for built in lists.values() for r in built.rows[1:4]} - archived
    with db.sessions.begin() as session:
        session.execute(update(Patient).where(Patient.id.in_(archived)).values(archived=True))
        for pid in sorted(later):
            patient = session.get(Patient, pid)
            assert patient is not None
            add_contact(session, patient, datetime(2026, 7, 3, 10), "recall")
    recompute(db, AS_OF)  # archiving moved the data stamp
    yield db
    db.close()


def _cells(path: Path) -> list[list[list[Any]]]:
    book = openpyxl.load_workbook(path)
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


@pytest.mark.parametrize("kind", KINDS)
def test_built_rows_are_the_rows_read_back(clinic: Database, kind: str) -> None:
    built = cl.build_list(clinic, kind, AS_OF, params=_params(kind))
    assert built.rows and built.snapshot is not None
    list_id, rows = save_list_printed(clinic, built)
    assert rows is not None  # nothing changed since the build: the built rows are printed
    saved = cl.load_saved(clinic, list_id)
    assert rows == [r._replace(row_id=None) for r in saved.rows]
    assert [print_row(r) for r in rows] == [
        print_row(r, saved.outcomes.get(r.row_id or -1)) for r in saved.rows
    ]
    assert any(r.last_contact is not None and r.last_contact > AS_OF for r in rows)


def test_the_clinic_has_what_the_comparison_needs(clinic: Database) -> None:
    with clinic.sessions() as session:
        assert session.scalars(select(Patient.id).where(Patient.archived)).first() is not None
    built = cl.build_list(clinic, "reactivation", AS_OF)
    _, rows = save_list_printed(clinic, built)
    assert rows is not None and rows != built.rows  # a later contact shown, not the policy's last one
    assert {r.last_contact for r in rows} - {r.last_contact for r in built.rows}


@pytest.mark.parametrize("mask_phone", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_the_file_is_the_one_exported_from_the_saved_list(
    clinic: Database, tmp_path: Path, kind: str, mask_phone: bool
) -> None:
    built = cl.build_list(clinic, kind, AS_OF, params=_params(kind))
    first, again = tmp_path / "saved.xlsx", tmp_path / "again.xlsx"
    list_id = cl.save_and_export(clinic, built, first, mask_phone=mask_phone)
    cl.export_list(clinic, list_id, again, mask_phone=mask_phone)
    assert _cells(first) == _cells(again)


def test_a_change_since_the_build_reads_the_list_back(clinic: Database, tmp_path: Path) -> None:
    built, twin = (cl.build_list(clinic, "reactivation", AS_OF) for _ in range(2))
    pid = built.rows[0].patient_id
    with clinic.sessions.begin() as session:
        patient = session.get(Patient, pid)
        assert patient is not None
        old_name, patient.name = patient.name, "改了名字"
    try:
        assert save_list_printed(clinic, built)[1] is None
        out = tmp_path / "list.xlsx"
        list_id = cl.save_and_export(clinic, twin, out)
        assert cl.load_saved(clinic, list_id).rows[0].name == "改了名字"
        assert "改了名字" in {c for row in _cells(out)[0] for c in row}
    finally:
        with clinic.sessions.begin() as session:
            patient = session.get(Patient, pid)
            assert patient is not None
            patient.name = old_name
        recompute(clinic, AS_OF)


def test_a_new_contact_since_the_build_reads_the_list_back(clinic: Database) -> None:
    built = cl.build_list(clinic, "birthday", AS_OF)
    with clinic.sessions.begin() as session:
        patient = session.get(Patient, built.rows[-1].patient_id)
        assert patient is not None
        add_contact(
            session, patient, datetime.combine(AS_OF + timedelta(days=9), datetime.min.time()), "recall"
        )
    assert save_list_printed(clinic, built)[1] is None


def test_fresh_metrics_are_read_back(tmp_path: Path) -> None:
    from clinic_desktop.services.database import open_database

    db = open_database(tmp_path / "clinic.db")
    try:
        generate_demo(db, patients=200, seed=2, as_of=AS_OF)
        built = cl.build_list(db, "reactivation", AS_OF + timedelta(days=1))  # not the stored metrics' day
        assert built.rows and built.snapshot is None
        assert save_list_printed(db, built)[1] is None
    finally:
        db.close()
