"""The audit trail (issue 14 item 7): written by every use-case that changes or takes out data, read and
exported by the owner."""

from clinic_desktop.services.audit.exports import EXPORT_KINDS, export_table, record_export, write_audited
from clinic_desktop.services.audit.trail import (
    PATIENT_KEYS,
    audit_user,
    encode_detail,
    insert_audit,
    record_audit,
)
from clinic_desktop.services.audit.viewer import (
    ACTION_LABELS,
    SCREEN_LIMIT,
    AuditEntry,
    AuditFilter,
    action_label,
    audit_actions,
    describe_detail,
    export_audit,
    list_audit,
)

__all__ = [
    "ACTION_LABELS",
    "EXPORT_KINDS",
    "PATIENT_KEYS",
    "SCREEN_LIMIT",
    "AuditEntry",
    "AuditFilter",
    "action_label",
    "audit_actions",
    "audit_user",
    "describe_detail",
    "encode_detail",
    "export_audit",
    "export_table",
    "insert_audit",
    "list_audit",
    "record_audit",
    "record_export",
    "write_audited",
]
