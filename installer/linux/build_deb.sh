#!/usr/bin/env bash
# Build dist/clinic-desktop_<version>_amd64.deb from the PyInstaller bundle (pyinstaller build.spec).
#
#   installer/linux/build_deb.sh [BUNDLE_DIR] [OUT_DIR]     (defaults: dist/clinic-desktop, dist)
#
# Layout: the bundle under /opt/clinic-desktop; /usr/bin/clinic-desktop and /usr/bin/clinic-desktop-cli
# link into it; a .desktop entry (Name[zh_CN]=私域助手, checked by desktop-file-validate) and the icon in
# the hicolor theme (SVG and a 256 px PNG). No maintainer scripts: dpkg's triggers refresh the menu and
# icon caches. The clinic's data lives in each user's ~/.local/share/clinic-desktop, which the package
# never owns, so removing it leaves the data alone.
#
# Depends is computed, not typed: every ELF file in the bundle is asked (ldd) which libraries it loads
# from outside the bundle, and dpkg -S names the package of each — the system libraries Qt's plugins need
# (libGL, libEGL, …). libc6 gets the newest GLIBC symbol version any file needs. fonts-noto-cjk is
# recommended: the app carries a CJK font subset, the full font covers rarer characters.
# Needs: dpkg-deb, dpkg, ldd, objdump (binutils), desktop-file-validate (desktop-file-utils).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=$(cd "${1:-$root/dist/clinic-desktop}" && pwd)
out=$(mkdir -p "${2:-$root/dist}" && cd "${2:-$root/dist}" && pwd)
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/clinic_desktop/__init__.py")
package=clinic-desktop
arch=$(dpkg --print-architecture)
[ -x "$bundle/clinic-desktop" ] || { echo "build_deb.sh: no bundle at $bundle" >&2; exit 2; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -d "$stage/opt/$package" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
  "$stage/usr/share/doc/$package" "$stage/DEBIAN"
cp -a "$bundle/." "$stage/opt/$package/"
ln -s "/opt/$package/clinic-desktop" "$stage/usr/bin/clinic-desktop"
ln -s "/opt/$package/clinic-desktop-cli" "$stage/usr/bin/clinic-desktop-cli"
install -m 644 "$here/clinic-desktop.desktop" "$stage/usr/share/applications/$package.desktop"
desktop-file-validate "$stage/usr/share/applications/$package.desktop"
install -m 644 "$root/resources/icons/app.svg" "$stage/usr/share/icons/hicolor/scalable/apps/$package.svg"
install -m 644 "$root/resources/icons/app-256.png" "$stage/usr/share/icons/hicolor/256x256/apps/$package.png"
install -m 644 "$root/resources/fonts/OFL.txt" "$stage/usr/share/doc/$package/OFL-ClinicSansSC.txt"

# --- Depends: the packages of the system libraries the bundle loads --------------------------------
# The bundle's launcher puts _internal/ first on LD_LIBRARY_PATH, so ldd is asked the same way: what the
# bundle carries itself (libxcb-cursor0 …) is not a dependency.
elves=$(find "$stage/opt/$package" -type f -print0 | xargs -0 file -N | grep -E ': +ELF' | cut -d: -f1)
linked=$(for f in $elves; do LD_LIBRARY_PATH="$stage/opt/$package/_internal" ldd "$f" 2>/dev/null; done)
libraries=$(echo "$linked" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$stage/" | sort -u)
missing=$(echo "$linked" | awk '/not found/ {print $1}' | sort -u)
if [ -n "$missing" ]; then
  echo "build_deb.sh: libraries not found on this machine: $missing" >&2
  exit 1
fi
owner() {  # the package that ships a library; merged /usr: dpkg may know it as /lib/… or /usr/lib/…
  local real
  real=$(readlink -f "$1")
  for path in "$real" "$1" "${real#/usr}" "${1#/usr}"; do
    dpkg -S "$path" 2>/dev/null && return 0
  done
  echo "build_deb.sh: no package ships $1" >&2
  return 1
}
packages=$(for lib in $libraries; do owner "$lib"; done | cut -d: -f1 | sed 's/,.*//' | sort -u \
  | grep -v '^libc6$' || true)
glibc=$(for f in $elves; do objdump -T "$f" 2>/dev/null; done | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' \
  | sort -uV | tail -1)
depends="libc6 (>= $glibc)"
for p in $packages; do depends="$depends, $p"; done

installed_kb=$(du -sk --apparent-size "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: $package
Version: $version
Architecture: $arch
Maintainer: clinic_desktop <clinic-desktop@localhost>
Installed-Size: $installed_kb
Depends: $depends
Recommends: fonts-noto-cjk
Section: misc
Priority: optional
Description: 私域助手 — patient retention for small dental and aesthetics clinics
 An offline desktop app over a local SQLite file: lifecycle stage, recall due dates and ERS value
 tiers for every patient, daily call lists with the contact policy applied, and the owner's
 dashboard. The command line is clinic-desktop-cli (try: clinic-desktop-cli --self-test).
EOF

deb="$out/${package}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$stage" "$deb" >/dev/null
echo "$deb: $(du -h "$deb" | cut -f1), installed $((installed_kb / 1024)) MB"
echo "Depends: $depends"
