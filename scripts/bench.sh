#!/usr/bin/env bash
# `make bench`: a throw-away database with every add-on, seeded at the
# association's ten-year scale (BENCH_N requests, default 100000), served by
# a real Odoo server; each benchmark runs side by side with its Odoo anchor
# and a table is printed. Benchmarks are not tests: the exit status only says
# whether the tool worked, never whether a target was met.
#   BENCH_N=1000              the small smoke size of `make test`
#   BENCH_REPEAT=5            runs per figure (the table gives medians)
#   BENCH_TEMPLATE_DB=name    copy this installed database instead of installing
#   BENCH_KEEP=1              keep the database afterwards
source "$(dirname "$0")/lib.sh"
setup_all

N=${BENCH_N:-100000}
REPEAT=${BENCH_REPEAT:-5}
# website_crm: the anchor of the public forms (Odoo's own /website/form/crm.lead).
MODULES=$(addon_names),website_crm
DB=${SHAQRA_BENCH_DB:-shaqra_bench_$(echo "$REPO" | sha1sum | cut -c1-8)}
SERVER_PID=

cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
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
    # The copy has the add-ons of its own day: update them to this tree (the
    # indexes and views measured are this tree's) and add the anchor's modules.
    say "Updating the add-ons of the copy and installing website_crm"
    odoo -d "$DB" -u "$(addon_names)" -i website_crm --stop-after-init \
        --max-cron-threads=0 --log-level=warn >"$LOCAL/bench-install.log" 2>&1 \
        || die "Updating the add-ons failed: see $LOCAL/bench-install.log"
else
    say "Installing $MODULES on a throw-away database $DB"
    odoo -d "$DB" -i "$MODULES" --without-demo=all --stop-after-init \
        --max-cron-threads=0 --log-level=warn >"$LOCAL/bench-install.log" 2>&1 \
        || die "Installing the add-ons failed: see $LOCAL/bench-install.log"
fi

say "Seeding $N requests and the anchor's CRM leads"
"$VENV/bin/python" "$REPO/scripts/bench_seed.py" -c "$ODOO_CONF" -d "$DB" --n "$N" \
    || die "Seeding failed"

PORT=$(free_port)
say "Starting an Odoo server on port $PORT"
# odoo-bin itself in the background (not through a shell function), so that
# $! is the server and the cleanup stops it.
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-port="$PORT" --max-cron-threads=0 --log-level=warn >"$LOCAL/bench-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "The Odoo server stopped: see $LOCAL/bench-server.log"
    sleep 1
done

say "Benchmarks, side by side with their anchors"
"$VENV/bin/python" "$REPO/scripts/bench_run.py" -c "$ODOO_CONF" -d "$DB" \
    --url "http://127.0.0.1:$PORT" --n "$N" --repeat "$REPEAT"
