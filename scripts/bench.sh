#!/usr/bin/env bash
# `make bench`: a throw-away database with every add-on, seeded at the
# association's ten-year scale (BENCH_N requests, default 100000), served by
# a real Odoo server; each benchmark runs side by side with its Odoo anchor
# and a table is printed. Benchmarks are not tests: the exit status only says
# whether the tool worked, never whether a target was met.
#   BENCH_N=1000              the small smoke size of `make test`
#   BENCH_REPEAT=5            runs per figure (the table gives medians)
#   BENCH_TEMPLATE_DB=name    copy this installed database instead of installing
#                             (its add-ons are updated to this tree unless
#                             BENCH_TEMPLATE_UPDATE=0; website_crm is added)
#   BENCH_LOAD_FORMS=7        forms each visitor of the load test sends (1 at smoke size)
#   BENCH_KEEP=1              keep the database afterwards
source "$(dirname "$0")/lib.sh"
setup_all

N=${BENCH_N:-100000}
REPEAT=${BENCH_REPEAT:-5}
# website_crm: the anchor of the public forms (Odoo's own /website/form/crm.lead).
MODULES=$(addon_names),website_crm
DB=${SHAQRA_BENCH_DB:-shaqra_bench_$(echo "$REPO" | sha1sum | cut -c1-8)}
SERVER_PID=
SERVER2_PID=

cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
    if [ -n "$SERVER2_PID" ]; then kill "$SERVER2_PID" 2>/dev/null; wait "$SERVER2_PID" 2>/dev/null; fi
    if [ -z "${BENCH_KEEP:-}" ]; then
        psql -X -q -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null 2>&1
        rm -rf "$LOCAL/data/filestore/$DB"
    fi
}
trap cleanup EXIT

psql -X -q -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null 2>&1
rm -rf "$LOCAL/data/filestore/$DB"
if [ -n "${BENCH_TEMPLATE_DB:-}" ]; then
    say "Copying the installed database $BENCH_TEMPLATE_DB to $DB"
    # A copy needs the template without sessions (a test server just stopped).
    psql -X -q -d postgres -c "select pg_terminate_backend(pid) from pg_stat_activity
        where datname = '$BENCH_TEMPLATE_DB' and pid <> pg_backend_pid()" >/dev/null
    createdb -T "$BENCH_TEMPLATE_DB" "$DB"
    if [ -d "$LOCAL/data/filestore/$BENCH_TEMPLATE_DB" ]; then
        mkdir -p "$LOCAL/data/filestore"
        cp -r "$LOCAL/data/filestore/$BENCH_TEMPLATE_DB" "$LOCAL/data/filestore/$DB"
    fi
    # The copy may have the add-ons of another day: update them to this tree
    # (the indexes and views measured are this tree's; BENCH_TEMPLATE_UPDATE=0
    # when the copy was just installed from it) and add the anchor's modules.
    update=()
    [ "${BENCH_TEMPLATE_UPDATE:-1}" = 0 ] || update=(-u "$(addon_names)")
    if [ "$(psql -X -At -d "$DB" -c "select state from ir_module_module where name = 'website_crm'")" != installed ] \
            || [ ${#update[@]} -gt 0 ]; then
        say "Updating the add-ons of the copy, installing website_crm"
        odoo -d "$DB" "${update[@]}" -i website_crm --stop-after-init \
            --max-cron-threads=0 --log-level=warn >"$LOCAL/bench-install.log" 2>&1 \
            || die "Updating the add-ons failed: see $LOCAL/bench-install.log"
    fi
else
    say "Installing $MODULES on a throw-away database $DB"
    odoo -d "$DB" -i "$MODULES" --without-demo=all --stop-after-init \
        --max-cron-threads=0 --log-level=warn >"$LOCAL/bench-install.log" 2>&1 \
        || die "Installing the add-ons failed: see $LOCAL/bench-install.log"
fi

say "Seeding $N requests and the anchor's CRM leads"
"$VENV/bin/python" "$REPO/scripts/bench_seed.py" -c "$ODOO_CONF" -d "$DB" --n "$N" \
    || die "Seeding failed"

# --- the public forms under load (locust, its own virtualenv) --------------------
LOAD_ROWS="$LOCAL/bench-load-rows.json"
rm -f "$LOAD_ROWS"
LOAD_VENV="$LOCAL/loadvenv"
ensure_load_venv() {
    # locust brings its own gevent: never in Odoo's virtualenv.
    local want
    want=$(sha1sum <"$REPO/scripts/bench-requirements.txt" | cut -c1-40)
    [ "$(cat "$LOAD_VENV/.shaqra-requirements" 2>/dev/null)" = "$want" ] && return 0
    say "Installing the load tool (scripts/bench-requirements.txt) in $LOAD_VENV"
    { [ -x "$LOAD_VENV/bin/python" ] || python3 -m venv "$LOAD_VENV"; } \
        && "$LOAD_VENV/bin/pip" install -q --disable-pip-version-check \
            -r "$REPO/scripts/bench-requirements.txt" >"$LOCAL/bench-loadvenv.log" 2>&1 \
        && echo "$want" >"$LOAD_VENV/.shaqra-requirements"
}
if ensure_load_venv; then
    # The declared test network of the load test is not limited by address
    # (shaqra.public_limit_allow); any other address is.
    psql -X -q -d "$DB" -c "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid,
        create_date, write_date) VALUES ('shaqra.public_limit_allow', '198.51.100.0/24', 1, 1,
        now(), now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
    LOAD_PORT=$(free_port)
    say "Starting odoo-bin --workers=2 --proxy-mode on port $LOAD_PORT for the load test"
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" \
        --http-port="$LOAD_PORT" --gevent-port="$(free_port)" --workers=2 --proxy-mode \
        --max-cron-threads=0 --limit-time-real=600 --log-level=warn \
        >"$LOCAL/bench-load-server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$LOAD_PORT/web/login" && break
        kill -0 "$SERVER_PID" 2>/dev/null || die "The Odoo server stopped: see $LOCAL/bench-load-server.log"
        sleep 1
    done
    if [ "$N" -ge 100000 ]; then
        LOAD_FORMS=${BENCH_LOAD_FORMS:-7} LOAD_REPEAT=${BENCH_LOAD_REPEAT:-2} CAPACITY_SECONDS=15
    else
        LOAD_FORMS=${BENCH_LOAD_FORMS:-1} LOAD_REPEAT=${BENCH_LOAD_REPEAT:-1} CAPACITY_SECONDS=3
    fi
    say "Public forms under load: 20 visitors, ${LOAD_FORMS} forms each, side by side with website_crm's form"
    "$VENV/bin/python" "$REPO/scripts/bench_load.py" -c "$ODOO_CONF" -d "$DB" \
        --url "http://127.0.0.1:$LOAD_PORT" --locust "$LOAD_VENV/bin/locust" \
        --locustfile "$REPO/scripts/bench_locustfile.py" --users 20 --pacing 4 \
        --forms "$LOAD_FORMS" --capacity-seconds "$CAPACITY_SECONDS" \
        --repeat "$LOAD_REPEAT" --out "$LOAD_ROWS" || die "The load test failed"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
else
    say "The load tool could not be installed (no package index?): the load test is skipped, see $LOCAL/bench-loadvenv.log"
fi

# --- exports in bounded memory (each in its own process) -------------------------
EXPORT_ROWS="$LOCAL/bench-export-rows.json"
say "Exports over $N rows, peak memory of each in its own process"
"$VENV/bin/python" "$REPO/scripts/bench_export.py" -c "$ODOO_CONF" -d "$DB" --rows "$N" \
    --out "$EXPORT_ROWS" || die "The export benchmark failed"

# --- the kanban, list and cron benchmarks (and a second process) -------------------
wait_up() {
    for _ in $(seq 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$1/web/login" && return 0
        kill -0 "$2" 2>/dev/null || die "The Odoo server stopped: see $3"
        sleep 1
    done
}
PORT=$(free_port)
say "Starting an Odoo server on port $PORT"
# odoo-bin itself in the background (not through a shell function), so that
# $! is the server and the cleanup stops it.
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-port="$PORT" --max-cron-threads=0 --log-level=warn >"$LOCAL/bench-server.log" 2>&1 &
SERVER_PID=$!
wait_up "$PORT" "$SERVER_PID" "$LOCAL/bench-server.log"
# Beyond one machine: a second Odoo process on the same PostgreSQL, as a
# second node behind the reverse proxy would be.
PORT2=$(free_port)
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-port="$PORT2" --gevent-port="$(free_port)" --max-cron-threads=0 --log-level=warn \
    >"$LOCAL/bench-server2.log" 2>&1 &
SERVER2_PID=$!
wait_up "$PORT2" "$SERVER2_PID" "$LOCAL/bench-server2.log"
if [ "$N" -ge 100000 ]; then SCALE_SECONDS=15; else SCALE_SECONDS=3; fi

say "Benchmarks, side by side with their anchors"
"$VENV/bin/python" "$REPO/scripts/bench_run.py" -c "$ODOO_CONF" -d "$DB" \
    --url "http://127.0.0.1:$PORT" --n "$N" --repeat "$REPEAT" \
    --url2 "http://127.0.0.1:$PORT2" --scale-seconds "$SCALE_SECONDS" \
    --extra "$LOAD_ROWS" --extra "$EXPORT_ROWS"
