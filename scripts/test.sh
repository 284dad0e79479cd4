#!/usr/bin/env bash
# `make test`: static checks, every Odoo test and browser tour on a fresh
# database, the whole-system tests against a real Odoo server, and a smoke
# run of the benchmark tool (`make bench` at BENCH_N=1000, no timing checked).
source "$(dirname "$0")/lib.sh"
setup_all

MODULES=$(addon_names)
DB=${SHAQRA_TEST_DB:-shaqra_test_$(echo "$REPO" | sha1sum | cut -c1-8)}
STATUS=0

# Browser tours are skipped by Odoo, silently, without these two.
"$VENV/bin/python" -c 'import websocket' 2>/dev/null \
    || die "websocket-client is not installed in $VENV: Odoo would skip every browser tour. Run: $VENV/bin/pip install -r requirements.txt"
command -v chromium >/dev/null || command -v google-chrome >/dev/null \
    || die "Chromium is not installed: Odoo would skip every browser tour. Install the Debian package 'chromium'."

# --- static layer -----------------------------------------------------------
say "Static checks"
static_ok=1
"$VENV/bin/python" "$REPO/scripts/check_static.py" "$REPO" || static_ok=0
"$VENV/bin/ruff" check --quiet "$REPO" || static_ok=0
"$VENV/bin/ruff" format --check --quiet "$REPO" || static_ok=0
(cd "$REPO" && "$VENV/bin/pylint" --rcfile="$REPO/.pylintrc" $(echo "$MODULES" | tr , ' ')) || static_ok=0
[ $static_ok = 1 ] || STATUS=1

# --- Odoo layer ----------------------------------------------------------------
say "Odoo tests of $MODULES on a fresh database $DB"
psql -X -q -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null
rm -rf "$LOCAL/data/filestore/$DB"
TAGS=$(echo "$MODULES" | sed 's/\([^,]*\)/\/\1/g')
rm -f "$LOCAL/odoo-tests.log.summary"
"$VENV/bin/python" "$REPO/scripts/odoo_tests.py" --log "$LOCAL/odoo-tests.log" -- \
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" -i "$MODULES" \
    --test-enable --test-tags="$TAGS" --stop-after-init --http-port="$(free_port)" \
    --log-level=info --max-cron-threads=0 || STATUS=1
read -r o_run o_failed o_errors o_skipped o_tours o_problems <"$LOCAL/odoo-tests.log.summary" \
    || { o_run=0; o_failed=0; o_errors=0; o_skipped=0; o_tours=0; o_problems=1; }

# --- whole-system layer -----------------------------------------------------------
say "Whole-system tests against a real Odoo server on $DB"
rm -f "$LOCAL/system-tests.xml"
SHAQRA_TEST_DB=$DB ODOO_CONF=$ODOO_CONF ODOO_SRC=$ODOO_SRC SHAQRA_PYTHON="$VENV/bin/python" \
    "$VENV/bin/pytest" -q -p no:cacheprovider --junitxml="$LOCAL/system-tests.xml" "$REPO/tests" || STATUS=1
read -r s_run s_failed s_skipped < <("$VENV/bin/python" - "$LOCAL/system-tests.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    suite = ET.parse(sys.argv[1]).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    print(suite.get("tests"), int(suite.get("failures")) + int(suite.get("errors")), suite.get("skipped"))
except (OSError, ET.ParseError, AttributeError):
    print(0, 1, 0)
PY
)
[ "$s_skipped" = 0 ] || { echo "FAIL: $s_skipped whole-system test(s) skipped"; STATUS=1; }
[ "$s_run" -gt 0 ] || { echo "FAIL: no whole-system test ran"; STATUS=1; }

# --- benchmark smoke -------------------------------------------------------------
# Keeps `make bench` working: the small size on a copy of the test database.
# It checks that the tool runs and prints its table, never a timing.
say "Benchmark smoke (BENCH_N=1000) on a copy of $DB"
bench_ok=1
BENCH_N=1000 BENCH_REPEAT=1 BENCH_TEMPLATE_DB=$DB BENCH_TEMPLATE_UPDATE=0 SHAQRA_BENCH_DB="${DB}_bench" \
    bash "$REPO/scripts/bench.sh" >"$LOCAL/bench-smoke.log" 2>&1 || bench_ok=0
grep -q "^| deadline cron" "$LOCAL/bench-smoke.log" || bench_ok=0
if [ $bench_ok = 1 ]; then
    sed -n '/^Benchmark, /,$p' "$LOCAL/bench-smoke.log"
else
    tail -n 30 "$LOCAL/bench-smoke.log"
    echo "FAIL: the benchmark tool did not print its table (see $LOCAL/bench-smoke.log)"
    STATUS=1
fi

echo
say "Summary"
echo "  static checks: $([ $static_ok = 1 ] && echo passed || echo FAILED)"
echo "  Odoo tests: $o_run run, $o_failed failed, $o_errors errors, $o_skipped skipped, $o_tours tours run$([ "$o_problems" = 0 ] || echo " - FAILED, see above")"
echo "  whole-system tests: $s_run run, $s_failed failed, $s_skipped skipped"
echo "  benchmark smoke: $([ $bench_ok = 1 ] && echo "the tool ran and printed its table" || echo FAILED)"
failed=$((o_failed + o_errors + s_failed + (static_ok ? 0 : 1) + (bench_ok ? 0 : 1) + (o_problems && !(o_failed + o_errors) ? 1 : 0)))
[ $STATUS = 0 ] || [ $failed -gt 0 ] || failed=1
echo "total: $((o_run - o_failed - o_errors + s_run - s_failed)) passed, $failed failed, $((o_skipped + s_skipped)) skipped"
exit $STATUS
