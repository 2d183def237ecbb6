#!/usr/bin/env bash
# Interoperability checks: does the workbook that Inventory Desk exports read the same
# in the other programs a Chief Data Officer uses, and does the app draw its screens?
#
#   (a) LibreOffice converts the exported .xlsx's Inventory sheet to CSV: 48 headers, one
#       row per dataset, every cell equal to the app's own CSV export;
#   (b) LibreOffice re-saves the .xlsx as .xlsx, and the app imports that file back
#       (--dry-run) with no errors;
#   (b2) LibreOffice prints the workbook to PDF: every page of the Inventory carries its
#       header row, so it prints at most one page wide;
#   (c) openpyxl checks the structure of workbook.md (scripts/check_workbook.py): sheets,
#       the CDO Review sheet (second; its headers, locked and unlocked cells, the CDO's
#       colour, the decision dropdown), the print setup of every sheet,
#       hidden sheets, About, headers, notes, frozen header, autofilter, dropdowns,
#       real dates, text that looks like a formula kept as text, document properties,
#       the Checklist sheet (its headers, real Answered On dates, the Answer
#       dropdown, as many answers as the app's own check counts), and the Publication
#       Plan sheet after it (its headers and notes, real dates, known tactics, as many
#       plans as the app's own check counts);
#   (d) under Xvfb, --screenshot of every screen on a 100,000-dataset database: the PNG
#       exists, has the window's size and is not blank; with --theme dark and light, its
#       background is dark or light;
#   (e) the Debian package: cargo-deb builds it (a release build), apt-get installs it
#       with its dependencies, its Depends names the package of every library the binary
#       loads with dlopen, desktop-file-validate and appstreamcli accept the installed
#       .desktop and metainfo files, the icons are in place, and the installed
#       /usr/bin/inventory-desk makes a demo database and takes a screenshot under Xvfb.
#       The package stays installed afterwards.
#
# Runs as root on Debian 12 with only the Rust toolchain present: it installs what it
# needs (LibreOffice Calc, Xvfb, Mesa, openpyxl, desktop-file-utils, appstream, dpkg-dev,
# cargo-deb) and skips what is already there.
# Ends with a line "N passed, M failed"; exits 1 if anything failed.
#
# Environment: INVENTORY_DESK_BIN (the binary; default target/debug/inventory-desk,
# built if missing), INTEROP_KEEP=1 keeps the scratch folder, INTEROP_SHOT_TIMEOUT
# (seconds per screenshot, default 60), INTEROP_SKIP_SCREENSHOTS=1 skips (d),
# INTEROP_SKIP_DEB=1 skips (e).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${INVENTORY_DESK_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/inventory-desk}
CHECK_PY="$ROOT/scripts/check_workbook.py"
SHOT_TIMEOUT=${INTEROP_SHOT_TIMEOUT:-60}
SCREENS=(inventory sources step1 checklist progress review engagement department)
DEMO_ROWS=1000
BIG_ROWS=100000
# Dataset names that a spreadsheet could take for a formula or a number: the export
# must keep each one as text.
TRICKY_NAMES=('=SUM(A1:A2)' '+1 Line Items' '@Risk Register' '-Draft Permits' '2024' '0012 Zoning Cases')

say() { printf '%s\n' "$*"; }
section() { printf '\n== %s\n' "$*"; }

# ------------------------------------------------------------------------- installs

install_prerequisites() {
    local apt_pkgs=(libreoffice-calc-nogui xvfb xauth libgl1 libglx-mesa0 libgl1-mesa-dri
        libegl1 libegl-mesa0 libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2
        libxkbcommon0 libxkbcommon-x11-0)
    if [[ ${INTEROP_SKIP_DEB:-0} != 1 ]]; then
        # (e): the .desktop and metainfo validators, and dpkg-shlibdeps for cargo-deb.
        apt_pkgs+=(desktop-file-utils appstream dpkg-dev)
    fi
    local missing=() p
    for p in "${apt_pkgs[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
    command -v xvfb-run >/dev/null || missing+=(xvfb)
    command -v xauth >/dev/null || missing+=(xauth)
    command -v python3 >/dev/null || missing+=(python3 python3-pip)
    if ((${#missing[@]})); then
        # Unique names, in order.
        mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
        section "installing: ${missing[*]}"
        if [[ $EUID -ne 0 ]]; then
            say "error: these packages are missing and only root can install them: ${missing[*]}" >&2
            exit 3
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
    if ! python3 -c 'import pypdf' 2>/dev/null; then
        section "installing pypdf"
        python3 -m pip install -q pypdf \
            || python3 -m pip install -q --break-system-packages pypdf \
            || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-pypdf; }
        python3 -c 'import pypdf'
    fi
    if ! python3 -c 'import openpyxl' 2>/dev/null; then
        section "installing openpyxl"
        # pip first (the machine's Python); a Debian system Python refuses plain pip
        # (PEP 668), so then with --break-system-packages, and last Debian's own package.
        python3 -m pip install -q openpyxl \
            || python3 -m pip install -q --break-system-packages openpyxl \
            || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-openpyxl; }
        python3 -c 'import openpyxl'
    fi
    if [[ ${INTEROP_SKIP_DEB:-0} != 1 ]] && ! command -v cargo-deb >/dev/null; then
        section "installing cargo-deb"
        cargo install cargo-deb --locked
    fi
}

install_prerequisites

# -------------------------------------------------------------------------- set-up

START=$SECONDS
WORK=$(mktemp -d -t inventory-desk-interop.XXXXXX)
cleanup() {
    if [[ ${INTEROP_KEEP:-0} == 1 ]]; then
        say "scratch files kept in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
# The app's own runs stay inside the scratch folder: never the user's data folder.
export XDG_RUNTIME_DIR="$WORK/xdg-runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME="$WORK/xdg-data" XDG_CONFIG_HOME="$WORK/xdg-config" XDG_CACHE_HOME="$WORK/xdg-cache"
export INVENTORY_DESK_DB="$WORK/default.sqlite3"

if [[ ! -x $BIN ]]; then
    section "building the debug binary"
    cargo build --bin inventory-desk
fi
[[ -x $BIN ]] || { say "error: no binary at $BIN" >&2; exit 3; }
say "binary:  $BIN"
say "scratch: $WORK"
soffice --version 2>/dev/null | head -n 1 || true
python3 -c 'import openpyxl, sys; print("python", sys.version.split()[0], "openpyxl", openpyxl.__version__)'

PASSED=0
FAILED=0
FAILED_NAMES=()

# run_check NAME FUNCTION [ARGS...]: runs one check, prints its output indented, counts it.
run_check() {
    local name=$1
    shift
    local log="$WORK/check.log" rc=0
    say "-- $name"
    "$@" >"$log" 2>&1 || rc=$?
    sed 's/^/   /' "$log"
    if [[ $rc -eq 0 ]]; then
        PASSED=$((PASSED + 1))
        say "   => PASS: $name"
    else
        FAILED=$((FAILED + 1))
        FAILED_NAMES+=("$name")
        say "   => FAIL: $name (exit $rc)"
    fi
}

# json_field FILE KEY: one field of the app's JSON output.
json_field() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

# app_json OUT ARGS...: runs the app with ARGS, keeps its stdout (one JSON object) in OUT;
# fails on a crash (a panic, or an exit status other than 0 and 1) or on output that is
# not JSON.
app_json() {
    local out=$1 rc=0
    shift
    "$BIN" "$@" >"$out" 2>"$out.err" || rc=$?
    if grep -q 'panicked' "$out.err" || [[ $rc -gt 1 ]]; then
        echo "the app crashed (exit $rc):"
        cat "$out.err"
        return 1
    fi
    if ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out" 2>/dev/null; then
        echo "not one JSON object (exit $rc):"
        head -c 2000 "$out"
        cat "$out.err"
        return 1
    fi
    python3 - "$out" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
keys = ["applied", "added", "updated", "unchanged", "reviewed", "conflicts", "not_in_file",
        "checklist", "plans"]
print("  ".join(f"{k}={r.get(k)}" for k in keys if k in r))
for kind in ("errors", "warnings"):
    items = r.get(kind) or []
    print(f"{len(items)} {kind}")
    for e in items[:10]:
        print(f"  {e.get('sheet')}!{e.get('cell')} [{e.get('column')}] {e.get('message')}")
EOF
}

# soffice_run ARGS...: LibreOffice headless, with a scratch home and profile.
soffice_run() {
    mkdir -p "$WORK/lo-home"
    HOME="$WORK/lo-home" timeout -k 10 300 soffice \
        "-env:UserInstallation=file://$WORK/lo-profile" \
        --headless --norestore --nolockcheck "$@" 2>&1 | grep -v 'javaldx' || true
}

# ---------------------------------------------------------------------- the checks

DB="$WORK/inventory.sqlite3"
XLSX="$WORK/inventory.xlsx"
CSV="$WORK/inventory.csv"
ROWS=$((DEMO_ROWS + ${#TRICKY_NAMES[@]}))

make_demo() {
    "$BIN" --db "$DB" demo --datasets "$DEMO_ROWS" --seed 7 || return 1
    # The department the demo made, for the rows added below.
    "$BIN" --db "$DB" export "$WORK/before.csv" >/dev/null || return 1
    local dept
    dept=$(python3 -c '
import csv, sys
rows = csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))
print(next(rows)["Department"])' "$WORK/before.csv") || return 1
    echo "department: $dept"
    python3 - "$WORK/extra.csv" "$dept" "${TRICKY_NAMES[@]}" <<'EOF' || return 1
import csv, sys
path, dept, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["Dataset Name", "Department", "Contents", "Start Date"])
    for n in names:
        w.writerow([n, dept, f"A dataset whose name, {n}, a spreadsheet could misread.", "2020-01-15"])
EOF
    app_json "$WORK/extra.json" --db "$DB" import "$WORK/extra.csv" --json || return 1
    [[ $(json_field "$WORK/extra.json" added) == "${#TRICKY_NAMES[@]}" ]] \
        || { echo "expected ${#TRICKY_NAMES[@]} datasets added"; return 1; }
    "$BIN" --db "$DB" export "$XLSX" || return 1
    "$BIN" --db "$DB" export "$CSV" || return 1
    [[ -s $XLSX && -s $CSV ]]
}

# The app reads its own files back: zero errors; the untouched .xlsx as zero changes,
# its checklist answers and publication plans included.
app_roundtrip_xlsx() {
    app_json "$WORK/rt-xlsx.json" --db "$DB" import "$XLSX" --dry-run --json || return 1
    local errors added updated checklist plans
    errors=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["errors"]))' "$WORK/rt-xlsx.json")
    added=$(json_field "$WORK/rt-xlsx.json" added)
    updated=$(json_field "$WORK/rt-xlsx.json" updated)
    checklist=$(json_field "$WORK/rt-xlsx.json" checklist)
    plans=$(json_field "$WORK/rt-xlsx.json" plans)
    [[ $errors == 0 && $added == 0 && $updated == 0 && $checklist == 0 && $plans == 0 ]] \
        || { echo "the untouched export must import as zero changes and no errors"; return 1; }
}

# `check` counts the answers on the Checklist sheet and the plans on the Publication
# Plan sheet: the demo made some of each.
app_check_xlsx() {
    app_json "$WORK/check.json" check "$XLSX" --json || return 1
    [[ $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["errors"]))' "$WORK/check.json") == 0 ]] || return 1
    [[ $(json_field "$WORK/check.json" checklist) -gt 0 ]] \
        || { echo "the demo inventory should carry answered checks on its Checklist sheet"; return 1; }
    [[ $(json_field "$WORK/check.json" plans) -gt 0 ]] \
        || { echo "the demo inventory should carry publication plans on its Publication Plan sheet"; return 1; }
}

app_csv() {
    python3 "$CHECK_PY" csv "$CSV" --rows "$ROWS" || return 1
    app_json "$WORK/rt-csv.json" --db "$DB" import "$CSV" --dry-run --json || return 1
    [[ $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["errors"]))' "$WORK/rt-csv.json") == 0 ]]
}

# (a) LibreOffice -> CSV of sheet 3 (Inventory, after Instructions and CDO Review). The 12th token of the CSV filter
# options picks the sheet (LibreOffice 7.2 and later); the output file is then named
# <name>-<sheet>.csv. Token 9 = true writes cells as shown (dates as yyyy-mm-dd).
lo_csv() {
    local out="$WORK/lo-csv"
    mkdir -p "$out"
    soffice_run --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,3' \
        --outdir "$out" "$XLSX"
    local file="$out/inventory-Inventory.csv"
    if [[ ! -s $file ]]; then
        echo "LibreOffice wrote no $file; it wrote: $(ls "$out")"
        return 1
    fi
    python3 "$CHECK_PY" csv "$file" --rows "$ROWS" --same-as "$CSV"
}

# (b) LibreOffice re-saves the workbook as .xlsx; the app imports it with no errors.
lo_resave() {
    local out="$WORK/lo-xlsx"
    mkdir -p "$out"
    soffice_run --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out" "$XLSX"
    local file="$out/inventory.xlsx"
    [[ -s $file ]] || { echo "LibreOffice wrote no $file"; return 1; }
    app_json "$WORK/lo-import.json" --db "$DB" import "$file" --dry-run --json || return 1
    local errors
    errors=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["errors"]))' "$WORK/lo-import.json")
    echo "(added/updated other than 0 mean LibreOffice changed cells; only errors fail)"
    [[ $errors == 0 ]]
}

# (b2) LibreOffice prints the whole workbook to PDF; the Inventory's pages (between the
# CDO Review's and the Data Sources') must each carry its header row, repeated on every
# page: one page wide. (Printed alone, as its file's first sheet, the Inventory
# would fit where it does not in the workbook: LibreOffice shrinks a first sheet further.)
lo_pdf() {
    local out="$WORK/lo-pdf"
    mkdir -p "$out"
    soffice_run --convert-to pdf --outdir "$out" "$XLSX"
    local file="$out/inventory.pdf"
    [[ -s $file ]] || { echo "LibreOffice wrote no $file; it wrote: $(ls "$out")"; return 1; }
    python3 "$CHECK_PY" pdf "$file"
}

# (c) openpyxl.
openpyxl_checks() {
    local args=() n
    for n in "${TRICKY_NAMES[@]}"; do args+=(--text-name "$n"); done
    if [[ -s $WORK/check.json ]]; then
        args+=(--checklist-rows "$(json_field "$WORK/check.json" checklist)")
        args+=(--plan-rows "$(json_field "$WORK/check.json" plans)")
    fi
    python3 "$CHECK_PY" xlsx "$XLSX" --rows "$ROWS" "${args[@]}"
}

# (d) one screenshot under Xvfb.
screenshot() {
    local screen=$1 size=${2:-} theme=${3:-} rc=0
    local png="$WORK/shot-$1${2:+-$2}${3:+-$3}.png"
    local args=(--db "$BIG_DB" --screenshot "$png" --screen "$screen")
    local png_args=(--size "${size:-1280x800}")
    [[ -n $size ]] && args+=(--size "$size")
    [[ -n $theme ]] && args+=(--theme "$theme") && png_args+=(--background "$theme")
    xvfb-run -a -s "-screen 0 1280x800x24" \
        timeout -k 5 "$SHOT_TIMEOUT" "$BIN" "${args[@]}" >"$png.log" 2>&1 || rc=$?
    tail -n 20 "$png.log"
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
        echo "screen '$screen': the app did not save a screenshot and quit within ${SHOT_TIMEOUT}s"
        return 1
    elif [[ $rc -ne 0 ]]; then
        echo "screen '$screen': the app exited with status $rc"
        return 1
    elif [[ ! -s $png ]]; then
        echo "screen '$screen': no PNG at $png"
        return 1
    fi
    python3 "$CHECK_PY" png "$png" "${png_args[@]}" \
        || { echo "screen '$screen': the PNG is wrong"; return 1; }
}

section "the workbook: a demo inventory of $DEMO_ROWS datasets + ${#TRICKY_NAMES[@]} tricky names"
run_check "demo database, import of tricky names, export .xlsx and .csv" make_demo
run_check "app: import of its own untouched .xlsx is zero changes, no errors" app_roundtrip_xlsx
run_check "app: check of its own .xlsx has no errors" app_check_xlsx
run_check "app: its .csv has the headers of workbook.md and $ROWS rows and imports with no errors" app_csv
section "(a) LibreOffice reads the Inventory sheet"
run_check "(a) LibreOffice CSV of Inventory: the headers of workbook.md, $ROWS rows, same cells as the app's CSV" lo_csv
section "(b) LibreOffice re-saves the workbook"
run_check "(b) the app imports LibreOffice's re-saved .xlsx with no errors" lo_resave
section "(c) openpyxl reads the workbook"
run_check "(b2) LibreOffice prints the Inventory at most one page wide" lo_pdf
run_check "(c) openpyxl: the structure of workbook.md" openpyxl_checks

if [[ ${INTEROP_SKIP_SCREENSHOTS:-0} != 1 ]]; then
    section "(d) screenshots under Xvfb, $BIG_ROWS datasets"
    BIG_DB="$WORK/big.sqlite3"
    t=$SECONDS
    run_check "(d) demo database of $BIG_ROWS datasets" \
        "$BIN" --db "$BIG_DB" demo --datasets "$BIG_ROWS" --seed 11
    say "   ($((SECONDS - t)) s)"
    for screen in "${SCREENS[@]}"; do
        t=$SECONDS
        run_check "(d) screenshot of screen '$screen'" screenshot "$screen"
        say "   ($((SECONDS - t)) s)"
    done
    run_check "(d) screenshot of screen 'inventory' with --size 1024x768" screenshot inventory 1024x768
    run_check "(d) screenshot of screen 'checklist' in dark colours" screenshot checklist "" dark
    run_check "(d) screenshot of screen 'checklist' in light colours" screenshot checklist "" light
fi

# (e) the Debian package, built, installed and started as a user would.
DEB_NAME=inventory-desk
DEB_ID=org.inventorydesk.InventoryDesk
DEB_FILE=""

deb_build() {
    # cargo-deb prints the path of the package it made on its last line of stdout.
    local out log="$WORK/cargo-deb.log"
    # CI packages the debug build that `cargo test` has just made, so the check
    # costs seconds, not a second (release) build of everything; maintainers make
    # the release package with plain `cargo deb` (DEB_PROFILE=release here).
    if ! out=$(cargo deb --locked --profile "${DEB_PROFILE:-dev}" 2>"$log"); then
        tail -n 40 "$log"
        return 1
    fi
    grep -E '^(warning|\s*Finished)' "$log" || true
    DEB_FILE=$(printf '%s\n' "$out" | tail -n 1)
    [[ $DEB_FILE == *.deb && -s $DEB_FILE ]] || { echo "cargo deb printed no .deb: $out"; return 1; }
    DEB_FILE=$(realpath "$DEB_FILE")
    dpkg-deb --info "$DEB_FILE" | sed -n '/Package:/,$p'
}

deb_install() {
    [[ -s $DEB_FILE ]] || { echo "no package was built"; return 1; }
    [[ $EUID -eq 0 ]] || { echo "only root can install $DEB_FILE"; return 1; }
    export DEBIAN_FRONTEND=noninteractive
    # --reinstall: the same version may be installed already, from an earlier build.
    local apt=(apt-get install -y -q --no-install-recommends --reinstall "$DEB_FILE") log="$WORK/apt-deb.log"
    if ! "${apt[@]}" >"$log" 2>&1; then
        # No package lists yet (a fresh container): fetch them, then try again.
        if ! { apt-get update -q && "${apt[@]}"; } >>"$log" 2>&1; then
            tail -n 40 "$log"
            return 1
        fi
    fi
    # What apt-get added besides the package itself.
    grep -E '^Setting up ' "$log" | grep -v "^Setting up $DEB_NAME " | sed 's/^Setting up /installed: /' || true
    dpkg-query -W -f='${Package} ${Version} ${Status}\n' "$DEB_NAME"
    local want have
    want=$(dpkg-deb --fsys-tarfile "$DEB_FILE" | tar -xO ./usr/bin/inventory-desk | sha256sum)
    have=$(sha256sum </usr/bin/inventory-desk)
    [[ $want == "$have" ]] || { echo "/usr/bin/inventory-desk is not the binary of $DEB_FILE"; return 1; }
}

# dep_names DEPENDS: the package names of a Depends field, one line each (no versions,
# no architectures, "|" alternatives split).
dep_names() {
    printf '%s' "$1" | sed -E 's/[,|]/\n/g' | sed -E 's/\(.*\)//; s/:.*//; s/^ +//; s/ +$//' | grep -v '^$'
}

# Every library the binary names (linked, or loaded with dlopen: GL, EGL, X11, Wayland,
# xkbcommon, D-Bus) belongs to a package that the .deb's Depends names, or that one of
# those depends on (cargo-deb leaves out libgcc-s1, which libc6 depends on).
deb_depends() {
    local depends sonames soname path pkg bad=0 names indirect="" n
    depends=$(dpkg-deb --field "$DEB_FILE" Depends)
    echo "Depends: $depends"
    names=" $(dep_names "$depends" | tr '\n' ' ') "
    for n in $names; do
        indirect+=" $(dep_names "$(dpkg-query -W -f='${Depends}, ${Pre-Depends}' "$n" 2>/dev/null)" | tr '\n' ' ')"
    done
    indirect+=" "
    mapfile -t sonames < <(grep -aoE '[A-Za-z0-9_+-]*lib[A-Za-z0-9_+-]*\.so\.[0-9]+' /usr/bin/inventory-desk \
        | sed -E 's/.*(lib[A-Za-z0-9_+-]*\.so\.[0-9]+)$/\1/' | sort -u)
    for soname in "${sonames[@]}"; do
        path=$(ldconfig -p | awk -v s="$soname" '$1 == s && /x86-64|x86_64|aarch64|AArch64/ { print $NF; exit }')
        [[ -n $path ]] || { echo "  $soname: not found on this system"; bad=1; continue; }
        # Debian 12 merges /lib into /usr/lib, but dpkg knows each file by one of the two.
        pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || dpkg -S "${path#/usr}" 2>/dev/null) || true
        pkg=${pkg%%:*}
        if [[ -z $pkg ]]; then
            echo "  $soname: $path belongs to no package"
            bad=1
        elif [[ $names == *" $pkg "* ]]; then
            echo "  $soname: $pkg"
        elif [[ $indirect == *" $pkg "* ]]; then
            echo "  $soname: $pkg (through another dependency)"
        else
            echo "  $soname: $pkg, which Depends does not name"
            bad=1
        fi
    done
    [[ $bad == 0 ]]
}

deb_files() {
    local f size bad=0
    for f in /usr/bin/inventory-desk "/usr/share/applications/$DEB_ID.desktop" \
        "/usr/share/metainfo/$DEB_ID.metainfo.xml" "/usr/share/icons/hicolor/scalable/apps/$DEB_ID.svg"; do
        if [[ -s $f ]]; then echo "$f"; else echo "missing: $f"; bad=1; fi
    done
    for size in 16 24 32 48 64 128 256 512; do
        f="/usr/share/icons/hicolor/${size}x${size}/apps/$DEB_ID.png"
        if python3 "$CHECK_PY" png "$f" --size "${size}x${size}" >/dev/null 2>&1; then
            echo "$f"
        else
            echo "missing, or not a ${size}x${size} PNG: $f"
            bad=1
        fi
    done
    [[ $bad == 0 ]]
}

deb_desktop_file() {
    desktop-file-validate "/usr/share/applications/$DEB_ID.desktop" || return 1
    echo "desktop-file-validate: no errors"
    appstreamcli validate --no-net "/usr/share/metainfo/$DEB_ID.metainfo.xml"
}

deb_demo() {
    local rc=0
    /usr/bin/inventory-desk --db "$WORK/deb.sqlite3" demo --datasets 200 --seed 3 || rc=$?
    [[ $rc -eq 0 && -s $WORK/deb.sqlite3 ]] || { echo "the installed binary could not make a demo database (exit $rc)"; return 1; }
}

deb_screenshot() {
    local png="$WORK/deb.png" rc=0
    xvfb-run -a -s "-screen 0 1280x800x24" \
        timeout -k 5 "$SHOT_TIMEOUT" /usr/bin/inventory-desk --db "$WORK/deb.sqlite3" --screenshot "$png" \
        >"$png.log" 2>&1 || rc=$?
    tail -n 20 "$png.log"
    if [[ $rc -ne 0 ]]; then
        echo "/usr/bin/inventory-desk exited with status $rc"
        return 1
    fi
    [[ -s $png ]] || { echo "no PNG at $png"; return 1; }
    python3 "$CHECK_PY" png "$png" --size 1280x800
}

if [[ ${INTEROP_SKIP_DEB:-0} != 1 ]]; then
    section "(e) the Debian package"
    t_deb=$SECONDS
    t=$SECONDS
    run_check "(e) cargo deb builds the package" deb_build
    say "   ($((SECONDS - t)) s)"
    t=$SECONDS
    run_check "(e) apt-get installs the package and its dependencies" deb_install
    say "   ($((SECONDS - t)) s)"
    run_check "(e) Depends names the package of every library the binary loads" deb_depends
    run_check "(e) the binary, .desktop, metainfo and hicolor icons are installed" deb_files
    run_check "(e) desktop-file-validate and appstreamcli accept the installed files" deb_desktop_file
    run_check "(e) the installed binary makes a demo database" deb_demo
    t=$SECONDS
    run_check "(e) screenshot of the installed binary under Xvfb" deb_screenshot
    say "   ($((SECONDS - t)) s)"
    say "   (the Debian package: $((SECONDS - t_deb)) s in all)"
fi

section "summary ($((SECONDS - START)) s after the installs)"
for name in "${FAILED_NAMES[@]+"${FAILED_NAMES[@]}"}"; do
    say "failed: $name"
done
say "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
