#!/usr/bin/env bash
# `make screenshots`: every demo role's key screens, in Arabic, right to left,
# at desktop (1440x900) and phone (390x844) widths, into .local/screenshots/
# (SHAQRA_SCREENSHOTS_DIR). It uses the database of `make run` (SHAQRA_DB,
# created or updated the same way) and a headless Chromium.
source "$(dirname "$0")/lib.sh"
setup_all

DB=${SHAQRA_DB:-shaqra}
PORT=$(free_port)
OUT=${SHAQRA_SCREENSHOTS_DIR:-$LOCAL/screenshots}
SERVER_LOG="$LOCAL/screenshots-server.log"
"$VENV/bin/python" -c 'import websocket' 2>/dev/null \
    || die "websocket-client is not installed in $VENV. Run: $VENV/bin/pip install -r requirements.txt"

# `make run` on a free port, in its own process group so that it stops with us
# (including a database creation still under way).
say "Starting Odoo on the database $DB (log: $SERVER_LOG)"
SHAQRA_DB=$DB SHAQRA_HTTP_PORT=$PORT setsid bash "$REPO/scripts/run.sh" \
    --max-cron-threads=0 --log-level=warn >"$SERVER_LOG" 2>&1 &
SERVER=$!
trap 'kill -- -$SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT

answers() {
    "$VENV/bin/python" -c 'import sys, urllib.request
try:
    sys.exit(urllib.request.urlopen(sys.argv[1], timeout=5).status != 200)
except OSError:
    sys.exit(1)' "http://127.0.0.1:$PORT/web/login"
}

# A new database takes a few minutes to build: wait for the login page.
for _ in $(seq 1 900); do
    kill -0 "$SERVER" 2>/dev/null || { tail -n 30 "$SERVER_LOG"; die "Odoo stopped (see $SERVER_LOG)."; }
    answers && break
    sleep 2
done
answers || die "Odoo did not answer on port $PORT within 30 minutes (see $SERVER_LOG)."

say "Capturing the screens into $OUT"
"$VENV/bin/python" "$REPO/scripts/screenshots.py" --url "http://127.0.0.1:$PORT" --db "$DB" --out "$OUT"
