"""Who each patient is (PRODUCT §4.1, §6): the rule-derived tags (a declarative registry and its
column-wise evaluation), the segment analytics of the 分群 page and the repurchase cycles and cross-sell
conversion of the 复购周期 page. The segment itself (``core.segments``) stays flat: the metrics' batch
and the analytics read it."""

from clinic_desktop.core.segmentation.repurchase import (
    REFERRAL_TARGET,
    CatalogueItem,
    CrossSellRow,
    CycleRow,
    VisitKeys,
    crosssell_mask,
    crosssell_rows,
    cycle_mask,
    repurchase_cycles,
)
from clinic_desktop.core.segmentation.rule_tags import (
    RULE_BY_KEY,
    RULE_TAGS,
    ClinicNorms,
    RuleInput,
    RuleKey,
    keys_of,
    rule_reason,
)
from clinic_desktop.core.segmentation.rules_batch import RuleTable, compute_rules
from clinic_desktop.core.segmentation.segment_analytics import (
    SegmentRow,
    SegmentView,
    group_mask,
    knowledge_mask,
    rule_tag_mask,
    segment_mask,
    segment_view,
)

__all__ = [
    "CatalogueItem",
    "ClinicNorms",
    "CrossSellRow",
    "CycleRow",
    "REFERRAL_TARGET",
    "RULE_BY_KEY",
    "RULE_TAGS",
    "RuleInput",
    "RuleKey",
    "RuleTable",
    "SegmentRow",
    "SegmentView",
    "VisitKeys",
    "compute_rules",
    "crosssell_mask",
    "crosssell_rows",
    "cycle_mask",
    "group_mask",
    "keys_of",
    "knowledge_mask",
    "repurchase_cycles",
    "rule_reason",
    "rule_tag_mask",
    "segment_mask",
    "segment_view",
]
