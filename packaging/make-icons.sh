#!/usr/bin/env bash
# Regenerates every packaged icon from assets/icon.svg (run it after changing the SVG,
# and commit what it writes):
#
#   packaging/linux/icons/NxN.png         hicolor sizes for the .deb (Cargo.toml assets)
#   packaging/windows/icon.ico            16-256 px, embedded in the .exe by build.rs and
#                                         shown by the .msi (wix/main.wxs)
#   packaging/macos/icon.iconset/*.png    the sizes `iconutil -c icns` wants
#
# Needs rsvg-convert (Debian: librsvg2-bin) and ImageMagick (Debian: imagemagick).
# assets/icon.png, the window icon compiled into the app, is left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SVG=assets/icon.svg
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing (apt-get install librsvg2-bin)" >&2; exit 3; }
if command -v magick >/dev/null; then IM=(magick); elif command -v convert >/dev/null; then IM=(convert); else
    echo "ImageMagick is missing (apt-get install imagemagick)" >&2; exit 3
fi

render() { # render SIZE OUT
    rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio --format png "$SVG" -o "$2"
}

# Linux: the hicolor theme's sizes.
for n in 16 24 32 48 64 128 256 512; do
    render "$n" "packaging/linux/icons/${n}x${n}.png"
done

# Windows: one .ico with the sizes Explorer, the taskbar and Add/Remove Programs use.
# ImageMagick stores the 256 px image as PNG and the smaller ones as bitmaps.
ico_sizes=(16 20 24 32 40 48 64 128 256)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ico_pngs=()
for n in "${ico_sizes[@]}"; do
    render "$n" "$tmp/$n.png"
    ico_pngs+=("$tmp/$n.png")
done
"${IM[@]}" "${ico_pngs[@]}" packaging/windows/icon.ico

# macOS: the names and sizes of an .iconset (`iconutil -c icns icon.iconset`).
set_dir=packaging/macos/icon.iconset
rm -rf "$set_dir" && mkdir -p "$set_dir"
for n in 16 32 128 256 512; do
    render "$n" "$set_dir/icon_${n}x${n}.png"
    render $((n * 2)) "$set_dir/icon_${n}x${n}@2x.png"
done
echo "icons written from $SVG"
