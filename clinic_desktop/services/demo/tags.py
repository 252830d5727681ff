"""The tags a demo patient carries: who they are, what they bought, how they behave — the typed ones.
儿童, 高客单, 价格敏感 and 爽约较多 are rule-derived (PRODUCT §4.1): a recompute derives them."""

from __future__ import annotations

from clinic_desktop.services.demo.clinic import INTENT, ONCE, Clinic


def add_tags(
    c: Clinic,
    pid: int,
    created: str,
    gender: str | None,
    age: int,
    stage: int,
    programmes: set[str],
    activity: tuple[int, int, int, int],
    manual_vip: bool,
) -> None:
    r = c.r.random
    articles, campaigns, _, _ = activity
    paying = stage >= ONCE
    names: list[str] = []
    if stage >= INTENT or r() < 0.2:
        if 12 <= age <= 22 and r() < 0.7:
            names.append("学生")
        if gender == "F" and 26 <= age <= 42 and r() < 0.3:
            names.append("宝妈")
        if 23 <= age <= 55 and r() < 0.35:
            names.append("上班族")
        if age >= 60 and r() < 0.6:
            names.append("退休")
    if paying:
        if "implant" in programmes:
            names.append("种植客户")
        if "ortho" in programmes:
            names.append("正畸客户")
        if "aesthetic" in programmes:
            names.append("医美客户")
        if "cleaning" in programmes:
            names.append("洁牙常客")
        if "group_buy" in programmes:
            names.append("团购客")
    if articles >= 2:
        names.append("爱看文章")
    if campaigns >= 2:
        names.append("活动常客")
    if "koc" in programmes:
        names.append("爱分享")
    if paying and "aesthetic" not in programmes and r() < 0.07:
        names.append("怕疼")
    if r() < 0.04:
        names.append("需要停车位")
    if 23 <= age <= 55 and r() < 0.04:
        names.append("只约周末")
    if "aesthetic" in programmes and r() < 0.15:
        names.append("敏感肌")
    if paying and r() < 0.02:
        names.append("需要发票")
    if manual_vip:
        names.append("VIP接待")
    tags = c.tags
    append = c.tag_rows.append
    for name in names:
        append((pid, tags[name], created))
