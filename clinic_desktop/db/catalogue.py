"""The default treatment catalogue seeded into a new database (PRODUCT §2); the clinic edits it later."""

from __future__ import annotations

from typing import NamedTuple


class CatalogueEntry(NamedTuple):
    name: str
    category: str
    recall_days: int | None


DEFAULT_TREATMENTS: tuple[CatalogueEntry, ...] = (
    # dental
    CatalogueEntry("口腔检查", "口腔", None),
    CatalogueEntry("洁牙", "口腔", 180),
    CatalogueEntry("涂氟", "口腔", 180),
    CatalogueEntry("窝沟封闭", "口腔", 365),
    CatalogueEntry("补牙", "口腔", None),
    CatalogueEntry("根管治疗", "口腔", None),
    CatalogueEntry("拔牙", "口腔", None),
    CatalogueEntry("牙冠修复", "口腔", None),
    CatalogueEntry("美白", "口腔", 365),
    CatalogueEntry("正畸", "正畸", None),
    CatalogueEntry("正畸复诊", "正畸", 30),
    CatalogueEntry("种植牙", "种植", None),
    CatalogueEntry("种植维护", "种植", 365),
    # medical aesthetics
    CatalogueEntry("玻尿酸", "医美", 180),
    CatalogueEntry("肉毒素", "医美", 120),
    CatalogueEntry("光子嫩肤", "医美", 30),
    CatalogueEntry("水光针", "医美", 30),
    CatalogueEntry("热玛吉", "医美", 365),
    CatalogueEntry("皮肤检测", "医美", None),
)
