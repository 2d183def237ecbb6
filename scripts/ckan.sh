#!/usr/bin/env bash
# Publishing to a real CKAN on loopback: our binary against CKAN 2.12 from PyPI,
# PostgreSQL and Redis from Debian, and our own stand-in for Solr
# (scripts/solr_stand_in.py; Debian has no Solr, and CKAN only searches with it).
#
#   1. installs what is missing (apt-get --no-upgrade; CKAN in a virtual
#      environment kept in $CKAN_CACHE between runs);
#   2. starts a private PostgreSQL cluster (as the postgres user), redis, the
#      Solr stand-in and CKAN on 127.0.0.1:5000; makes a sysadmin, an API token
#      and one organization;
#   3. with target/debug/inventory-desk (built by `cargo test` before; built
#      here if missing): publishes three Approved datasets (private), marks one
#      Published and publishes (it turns public, the others stay private),
#      changes one on the portal with package_patch, publishes again and checks
#      that the conflict is reported and the portal's value is not overwritten,
#      that each call is in the history and the token is not in the inventory;
#   4. times publishing 100 datasets (created) and publishing them again
#      (updated);
#   5. stops every service it started (trap), whatever happens.
#
# Runs as root on Debian 12 (2 cores: about a minute once CKAN is installed,
# about two the first time). Prints the time of each step; ends with
# "N passed, M failed" and exits 1 if anything failed.
#
# Environment: INVENTORY_DESK_BIN (default target/debug/inventory-desk),
# CKAN_CACHE (default ~/.cache/inventory-desk-ckan), CKAN_PORT (5000),
# CKAN_KEEP=1 keeps the scratch folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd)

T0=$(date +%s.%N)
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"; }
step() { echo "[$(since "$T0") s] $*"; }

PASSED=0
FAILED=0
check() { # check "what" command...
    local what=$1
    shift
    if "$@"; then
        PASSED=$((PASSED + 1))
        echo "  ok: $what"
    else
        FAILED=$((FAILED + 1))
        echo "  FAILED: $what"
    fi
}

BIN=${INVENTORY_DESK_BIN:-$REPO/target/debug/inventory-desk}
CACHE=${CKAN_CACHE:-$HOME/.cache/inventory-desk-ckan}
CKAN_PORT=${CKAN_PORT:-5000}
PG_PORT=54329
REDIS_PORT=63799
SOLR_PORT=8984
SITE=http://127.0.0.1:$CKAN_PORT

WORK=$(mktemp -d /tmp/inventory-desk-ckan.XXXXXX)
chmod 755 "$WORK"
PIDS=()
PGBIN=
PGDATA=$WORK/pg/data

cleanup() {
    local code=$?
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [ -n "$PGBIN" ] && [ -f "$PGDATA/postmaster.pid" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ "${CKAN_KEEP:-}" = 1 ]; then
        echo "scratch folder kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$code"
}
trap cleanup EXIT INT TERM

# ---- 1. install what is missing -------------------------------------------------
need=()
for p in postgresql redis-server libpq-dev gcc libmagic1 python3-venv python3-dev curl; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    step "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade "${need[@]}" >/dev/null
fi
CKAN=$CACHE/venv/bin/ckan
if ! [ -x "$CKAN" ] || [ "$("$CACHE/venv/bin/pip" show ckan 2>/dev/null | sed -n "s/^Version: //p")" != 2.12.0 ]; then
    step "installing CKAN 2.12.0 into $CACHE/venv"
    mkdir -p "$CACHE"
    python3 -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install -q "ckan[requirements]==2.12.0"
fi
if [ ! -x "$BIN" ]; then
    step "building $BIN"
    cargo build --no-default-features
fi
step "installed"

# ---- 2. start the services -------------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$WORK/pg/sock"
chown -R postgres:postgres "$WORK/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 >/dev/null
chmod 700 "$PGDATA"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$WORK/pg/log" \
    -o "-p $PG_PORT -k $WORK/pg/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
psql() { runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q "$@"; }
psql -c "CREATE USER ckan WITH PASSWORD 'ckan'" -c "CREATE DATABASE ckan OWNER ckan ENCODING 'UTF8'"
step "PostgreSQL on 127.0.0.1:$PG_PORT"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
python3 "$REPO/scripts/solr_stand_in.py" "$SOLR_PORT" >"$WORK/solr.log" 2>&1 &
PIDS+=($!)
step "redis on $REDIS_PORT, the Solr stand-in on $SOLR_PORT"

INI=$WORK/ckan.ini
"$CKAN" generate config "$INI" >/dev/null
"$CKAN" config-tool "$INI" \
    "sqlalchemy.url=postgresql://ckan:ckan@127.0.0.1:$PG_PORT/ckan" \
    "solr_url=http://127.0.0.1:$SOLR_PORT/solr/ckan" \
    "ckan.redis.url=redis://127.0.0.1:$REDIS_PORT/0" \
    "ckan.site_url=$SITE" \
    "ckan.storage_path=$WORK/storage" >/dev/null
mkdir -p "$WORK/storage"
"$CKAN" -c "$INI" db init >"$WORK/ckan-init.log" 2>&1
"$CKAN" -c "$INI" user add admin email=admin@city.example password=inventory-desk-test >/dev/null 2>&1
"$CKAN" -c "$INI" sysadmin add admin >/dev/null 2>&1
TOKEN=$("$CKAN" -c "$INI" user token add admin inventory-desk 2>/dev/null | tail -n 1 | tr -d '[:space:]')
step "CKAN set up (database, sysadmin, token)"

"$CKAN" -c "$INI" run --host 127.0.0.1 --port "$CKAN_PORT" --disable-reloader --threaded \
    >"$WORK/ckan.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do
    if curl -fs "$SITE/api/3/action/status_show" >/dev/null 2>&1; then break; fi
    sleep 0.5
done
curl -fs "$SITE/api/3/action/status_show" >/dev/null || {
    tail -n 30 "$WORK/ckan.log"
    echo "CKAN did not start" >&2
    exit 1
}
step "CKAN answers at $SITE"

# One call of the Action API; prints the answer (JSON). `anon` leaves the token out.
api() { # api ACTION JSON [anon]
    local auth=(-H "Authorization: $TOKEN")
    [ "${3:-}" = anon ] && auth=()
    curl -s "${auth[@]}" -H 'Content-Type: application/json' -d "$2" "$SITE/api/3/action/$1"
}
# A value from JSON on the standard input: jget 'result["private"]'.
jget() { python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps($1) if not isinstance($1, str) else $1)"; }

api organization_create '{"name": "city-of-springfield", "title": "City of Springfield"}' | jget 'd["success"]' | grep -q true
step "organization city-of-springfield made"

# ---- 3. the inventory on the CDO's desk, and the three publishes ----------------
# An inventory on the CDO's desk, as the setup screen makes one, with the
# datasets of a department's workbook. A spreadsheet's rows start as Not
# ready (the review path is the app's); the test marks them Approved as the
# CDO's review would.
make_inventory() { # make_inventory DB CSV
    "$BIN" --db "$1" demo --datasets 0 >/dev/null
    python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO settings(key, value) VALUES ('desk', 'cdo-office') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
c.commit()
PY
    "$BIN" --db "$1" import "$2" >/dev/null
    set_status "$1" Approved ""
}
set_status() { # set_status DB STATUS NAME (empty NAME: every dataset)
    python3 - "$@" <<'PY'
import sqlite3, sys
db, status, name = sys.argv[1:4]
c = sqlite3.connect(db)
if name:
    c.execute("UPDATE datasets SET status = ? WHERE name = ?", (status, name))
else:
    c.execute("UPDATE datasets SET status = ?", (status,))
c.commit()
PY
}
publish() { # publish DB [more arguments]; prints the JSON report, keeps the exit code in RC
    local db=$1
    shift
    set +e
    INVENTORY_DESK_CKAN_TOKEN=$TOKEN "$BIN" --db "$db" publish --ckan "$SITE" --json "$@" >"$WORK/out.json" 2>"$WORK/err.txt"
    RC=$?
    set -e
    # What the portal refused, for whoever reads the log.
    python3 -c "import json; d=json.load(open('$WORK/out.json')); [print('   ', x['name'] + ':', x['error']) for x in d.get('datasets', []) if x['error']]" 2>/dev/null || cat "$WORK/err.txt"
}
report() { python3 -c "import json,sys; d=json.load(open('$WORK/out.json')); v=$1; print(v if isinstance(v, str) else json.dumps(v))"; }
show() { api package_show "{\"id\": \"$1\"}" "${2:-}"; }

A=$WORK/three.sqlite3
cat >"$WORK/three.csv" <<'CSV'
Dataset Name,Department,Contents,Contact Email,Data Steward,Classification,Keywords,Landing Page
Street Trees,Parks,Every street tree the parks department keeps: species and size.,pat.lee@city.example,Pat Lee,Public,trees; parks,https://parks.city.example/trees
Park Permits,Parks,Permits for events in the city's parks.,pat.lee@city.example,Pat Lee,Public,permits; events,
Pools,Parks,Public pools and their opening hours.,pat.lee@city.example,Pat Lee,Public,pools,
CSV
make_inventory "$A" "$WORK/three.csv"

echo "three Approved datasets:"
publish "$A"
check "the first publish succeeds (exit 0)" [ "$RC" = 0 ]
check "three datasets created" [ "$(report 'sum(1 for x in d["datasets"] if x["action"] == "create" and x["ckan_id"])')" = 3 ]
for name in street-trees park-permits pools; do
    check "$name is private on the portal" [ "$(show $name | jget 'd["result"]["private"]')" = true ]
done
check "a private dataset cannot be read without a token" \
    [ "$(show street-trees anon | jget 'd["success"]')" = false ]
check "the organization is the only one" [ "$(show pools | jget 'd["result"]["organization"]["name"]')" = city-of-springfield ]
check "the landing page became a resource" \
    [ "$(show street-trees | jget 'd["result"]["resources"][0]["url"]')" = https://parks.city.example/trees ]
step "three datasets published, private"

echo "Pools marked Published:"
set_status "$A" Published Pools
publish "$A"
check "the second publish succeeds (exit 0)" [ "$RC" = 0 ]
check "every dataset revised, none created" [ "$(report 'sorted(set(x["action"] for x in d["datasets"]))')" = '["revise"]' ]
check "Pools is public" [ "$(show pools anon | jget 'd["result"]["private"]')" = false ]
check "Street Trees stays private" [ "$(show street-trees | jget 'd["result"]["private"]')" = true ]
step "Pools public"

echo "Street Trees changed on the portal:"
PORTAL_NOTES="Changed on the portal by its editor."
api package_patch "{\"id\": \"street-trees\", \"notes\": \"$PORTAL_NOTES\"}" | jget 'd["success"]' | grep -q true
publish "$A"
check "the third publish says something was refused (exit 1)" [ "$RC" = 1 ]
check "the conflict names the field changed on the portal" \
    [ "$(report '[x["conflict"] for x in d["datasets"] if x["name"] == "street-trees"][0]')" = '["notes"]' ]
check "the message says it in words" grep -q "changed on the portal since it was last sent (Contents" <(report '[x["error"] for x in d["datasets"] if x["name"] == "street-trees"][0]')
check "the portal's value is not overwritten" [ "$(show street-trees | jget 'd["result"]["notes"]')" = "$PORTAL_NOTES" ]
check "the other two were updated" [ "$(report 'sum(1 for x in d["datasets"] if x["ckan_id"])')" = 2 ]
HISTORY=$(python3 - "$A" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = [json.loads(e) for (e,) in c.execute("SELECT entry FROM history h JOIN datasets d USING (inventory_id) WHERE d.name = 'Street Trees' ORDER BY h.id")]
portal = [r["kind"]["Portal"] for r in rows if isinstance(r["kind"], dict) and "Portal" in r["kind"]]
print(len(portal), sum(1 for p in portal if not p["ok"]))
PY
)
check "Street Trees' history has its three calls, the last refused" [ "$HISTORY" = "3 1" ]
check "the token is not in the inventory" bash -c "! grep -qaF '$TOKEN' '$A'* "
step "conflict reported, portal value kept"

# ---- 4. time 100 datasets ------------------------------------------------------------
B=$WORK/hundred.sqlite3
python3 - "$WORK/hundred.csv" <<'PY'
import csv, sys
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Dataset Name", "Department", "Contents", "Contact Email", "Data Steward", "Classification", "Keywords", "Landing Page"])
    for i in range(1, 101):
        w.writerow([f"Service Requests {i:03}", "Public Works", f"Requests for service number {i}, by street and day.",
                    "sam.ortiz@city.example", "Sam Ortiz", "Public", "requests; streets", f"https://works.city.example/requests/{i}"])
PY
make_inventory "$B" "$WORK/hundred.csv"
S=$(date +%s.%N)
publish "$B"
CREATE_100=$(since "$S")
check "100 datasets created" [ "$RC:$(report 'sum(1 for x in d["datasets"] if x["ckan_id"])')" = 0:100 ]
S=$(date +%s.%N)
publish "$B"
REVISE_100=$(since "$S")
check "the 100 updated again" [ "$RC:$(report 'sum(1 for x in d["datasets"] if x["action"] == "revise" and x["ckan_id"])')" = 0:100 ]
step "100 datasets published in $CREATE_100 s, published again (updated) in $REVISE_100 s"

echo "publishing 100 datasets: ${CREATE_100} s (created), ${REVISE_100} s (updated)"
echo "the whole script: $(since "$T0") s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
