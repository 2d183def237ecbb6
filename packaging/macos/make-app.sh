#!/usr/bin/env bash
# Builds "Inventory Desk.app" on a Mac (it needs Xcode's command line tools: iconutil,
# PlistBuddy, codesign, and hdiutil for --dmg), in target/macos/:
#
#   packaging/macos/make-app.sh              the app, for this Mac's processor
#   packaging/macos/make-app.sh --universal  one app for Apple silicon and Intel (lipo)
#   packaging/macos/make-app.sh --dmg        also target/macos/Inventory-Desk-VERSION.dmg
#
# The bundle:
#   Inventory Desk.app/Contents/Info.plist          packaging/macos/Info.plist, with the
#                                                   version of Cargo.toml
#   Inventory Desk.app/Contents/MacOS/inventory-desk   the release binary
#   Inventory Desk.app/Contents/Resources/AppIcon.icns from packaging/macos/icon.iconset
#   Inventory Desk.app/Contents/PkgInfo
#
# The app is signed ad hoc, which is enough on the Mac that built it. To hand it to other
# Macs without Gatekeeper's warning, set CODESIGN_IDENTITY to a "Developer ID Application"
# certificate of the department's Apple developer account (the script then signs with the
# hardened runtime) and notarize the .dmg: `xcrun notarytool submit ... --wait`, then
# `xcrun stapler staple`.
#
# Environment: MACOSX_DEPLOYMENT_TARGET (default 11.0, as LSMinimumSystemVersion in
# Info.plist), CODESIGN_IDENTITY (default "-", ad hoc).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

universal=0
dmg=0
for arg in "$@"; do
    case $arg in
        --universal) universal=1 ;;
        --dmg) dmg=1 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
    esac
done

if [[ $(uname -s) != Darwin ]]; then
    echo "make-app.sh runs on macOS (it needs iconutil and codesign)." >&2
    exit 3
fi

export MACOSX_DEPLOYMENT_TARGET=${MACOSX_DEPLOYMENT_TARGET:-11.0}
identity=${CODESIGN_IDENTITY:--}
# The version of the [package] section (the first `version = "..."` line of Cargo.toml).
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[[ -n $version ]] || { echo "no version in Cargo.toml" >&2; exit 3; }

name="Inventory Desk"
out=target/macos
app="$out/$name.app"
bin=inventory-desk

# 1. The release binary.
if [[ $universal == 1 ]]; then
    targets=(aarch64-apple-darwin x86_64-apple-darwin)
    rustup target add "${targets[@]}"
    built=()
    for t in "${targets[@]}"; do
        cargo build --release --locked --bin "$bin" --target "$t"
        built+=("target/$t/release/$bin")
    done
    mkdir -p "$out"
    lipo -create -output "$out/$bin" "${built[@]}"
    binary="$out/$bin"
else
    cargo build --release --locked --bin "$bin"
    binary="target/release/$bin"
fi

# 2. The bundle.
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$binary" "$app/Contents/MacOS/$bin"
chmod 755 "$app/Contents/MacOS/$bin"
cp packaging/macos/Info.plist "$app/Contents/Info.plist"
/usr/libexec/PlistBuddy \
    -c "Set :CFBundleShortVersionString $version" \
    -c "Set :CFBundleVersion $version" \
    -c "Set :LSMinimumSystemVersion $MACOSX_DEPLOYMENT_TARGET" \
    "$app/Contents/Info.plist"
plutil -lint "$app/Contents/Info.plist" >/dev/null
printf 'APPL????' >"$app/Contents/PkgInfo"
iconutil --convert icns --output "$app/Contents/Resources/AppIcon.icns" packaging/macos/icon.iconset

# 3. The signature (of the whole bundle, after its last change).
if [[ $identity == - ]]; then
    codesign --force --sign - "$app"
else
    codesign --force --options runtime --timestamp --sign "$identity" "$app"
fi
codesign --verify --strict --verbose=1 "$app"
echo "built: $app ($version)"

# 4. The disk image.
if [[ $dmg == 1 ]]; then
    image="$out/Inventory-Desk-$version.dmg"
    staging="$out/dmg"
    rm -rf "$staging" "$image"
    mkdir -p "$staging"
    cp -R "$app" "$staging/"
    ln -s /Applications "$staging/Applications"
    hdiutil create -volname "$name" -srcfolder "$staging" -ov -format UDZO "$image"
    rm -rf "$staging"
    [[ $identity == - ]] || codesign --force --timestamp --sign "$identity" "$image"
    echo "built: $image"
fi
