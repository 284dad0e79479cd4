# Shared set-up for `make run` and `make test`: Odoo source, Debian
# packages, the Python virtualenv, PostgreSQL and the Odoo configuration.
# Sourced, not executed.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="$REPO/.local"
VENV=${SHAQRA_VENV:-$REPO/.venv}
ODOO_CONF="$LOCAL/odoo.conf"
mkdir -p "$LOCAL"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# --- Odoo source ------------------------------------------------------------
find_odoo() {
    if [ -n "${ODOO_SRC:-}" ]; then
        [ -f "$ODOO_SRC/odoo-bin" ] || die "ODOO_SRC=$ODOO_SRC has no odoo-bin: point it at an Odoo 18.0 source tree."
    elif [ -f /opt/odoo/18.0/odoo-bin ]; then
        ODOO_SRC=/opt/odoo/18.0
    elif [ -f "$LOCAL/odoo/odoo-bin" ]; then
        ODOO_SRC="$LOCAL/odoo"
    else
        say "No Odoo 18.0 source found; trying to clone it"
        if command -v git >/dev/null && timeout 600 git clone --quiet --depth 1 --branch 18.0 \
                https://github.com/odoo/odoo.git "$LOCAL/odoo.partial" 2>/dev/null; then
            mv "$LOCAL/odoo.partial" "$LOCAL/odoo"
            ODOO_SRC="$LOCAL/odoo"
        else
            rm -rf "$LOCAL/odoo.partial"
            die "No Odoo 18.0 source tree. Put one at /opt/odoo/18.0 or set ODOO_SRC=/path/to/odoo (the folder holding odoo-bin); cloning it from its public repository failed (no network?)."
        fi
    fi
    grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" \
        || die "$ODOO_SRC is not Odoo 18.0 (see odoo/release.py)."
    export ODOO_SRC
}

# --- Debian packages ----------------------------------------------------------
pg_bindir() {
    local dir
    for dir in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
        if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

ensure_system_packages() {
    local missing=()
    pg_bindir >/dev/null || missing+=(postgresql)
    command -v pg_config >/dev/null || missing+=(libpq-dev)
    command -v chromium >/dev/null || missing+=(chromium)
    command -v gcc >/dev/null || missing+=(build-essential)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    [ -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || missing+=(fonts-noto-core)
    python3 -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        || missing+=(python3-dev)
    python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
    command -v rtlcss >/dev/null || [ -x "$LOCAL/node/node_modules/.bin/rtlcss" ] \
        || command -v npm >/dev/null || missing+=(npm)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "Installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        die "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
    fi
}

ensure_rtlcss() {
    # Odoo turns its stylesheets right-to-left for Arabic with rtlcss; without
    # it the Arabic interface stays left-to-right.
    export PATH="$LOCAL/node/node_modules/.bin:$PATH"
    command -v rtlcss >/dev/null && return 0
    say "Installing rtlcss (right-to-left stylesheets for Arabic) in $LOCAL/node"
    npm install --silent --no-audit --no-fund --prefix "$LOCAL/node" rtlcss@4.3.0 >/dev/null \
        || die "Could not install rtlcss with npm: Arabic pages would stay left-to-right. Install it with: npm install -g rtlcss"
}

# --- Python virtualenv ---------------------------------------------------------
ensure_venv() {
    local python="" candidate stamp want
    if [ ! -x "$VENV/bin/python" ]; then
        for candidate in ${PYTHON:-} python3.12 python3.11 python3.10 python3; do
            if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] not in ((3, 10), (3, 11), (3, 12)))' 2>/dev/null; then
                python=$candidate
                break
            fi
        done
        [ -n "$python" ] || die "Odoo 18 needs Python 3.10, 3.11 or 3.12 (none found; set PYTHON=/path/to/python3.x)."
        say "Creating the virtualenv $VENV with $python"
        "$python" -m venv "$VENV"
    fi
    stamp="$VENV/.shaqra-requirements"
    want=$(cat "$REPO/requirements.txt" "$REPO/requirements-dev.txt" | sha1sum | cut -c1-40)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "Installing Python dependencies"
        "$VENV/bin/pip" install -q --disable-pip-version-check -U pip wheel
        "$VENV/bin/pip" install -q --disable-pip-version-check \
            -r "$REPO/requirements.txt" -r "$REPO/requirements-dev.txt"
        echo "$want" >"$stamp"
    fi
}

# --- PostgreSQL ------------------------------------------------------------------
pg_answers() {
    # A server answers with a role Odoo accepts (Odoo refuses to run as 'postgres').
    local who
    who=$(psql -X -At -d postgres -c 'select current_user' 2>/dev/null) || return 1
    [ -n "$who" ] && [ "$who" != postgres ]
}

port_free() {
    python3 -c 'import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0)' "$1"
}

start_private_cluster() {
    local bindir data run owner=()
    bindir=$(pg_bindir) || die "PostgreSQL server binaries not found (Debian package postgresql)."
    data="$LOCAL/pg/data"
    run="$LOCAL/pg/run"
    mkdir -p "$LOCAL/pg" "$run"
    if [ "$(id -u)" = 0 ]; then
        # PostgreSQL refuses to run as root: the cluster belongs to 'postgres'.
        chown -R postgres:postgres "$LOCAL/pg"
        owner=(runuser -u postgres --)
    fi
    # The cluster keeps the port it was first given; 54329 unless taken.
    if [ -n "${SHAQRA_PG_PORT:-}" ]; then
        PRIVATE_PG_PORT=$SHAQRA_PG_PORT
    elif [ -f "$data/postmaster.pid" ] && "${owner[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        PRIVATE_PG_PORT=$(sed -n 4p "$data/postmaster.pid")
    elif [ -f "$LOCAL/pg/port" ]; then
        PRIVATE_PG_PORT=$(cat "$LOCAL/pg/port")
    elif port_free 54329; then
        PRIVATE_PG_PORT=54329
    else
        PRIVATE_PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    fi
    echo "$PRIVATE_PG_PORT" >"$LOCAL/pg/port"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Initialising a private PostgreSQL cluster in $data"
        "${owner[@]}" "$bindir/initdb" -D "$data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "${owner[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        say "Starting the private PostgreSQL cluster on 127.0.0.1:$PRIVATE_PG_PORT"
        "${owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$LOCAL/pg/server.log" -w -t 60 \
            -o "-p $PRIVATE_PG_PORT -k $run -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
            start >/dev/null || die "The private PostgreSQL cluster did not start: see $LOCAL/pg/server.log"
    fi
    export PGHOST=127.0.0.1 PGPORT=$PRIVATE_PG_PORT PGUSER=odoo
    unset PGPASSWORD PGDATABASE
}

ensure_postgres() {
    if [ -z "${SHAQRA_PRIVATE_PG:-}" ] && pg_answers; then
        say "Using the PostgreSQL server of the PG* variables (${PGHOST:-local socket}:${PGPORT:-5432})"
    else
        start_private_cluster
        pg_answers || die "The private PostgreSQL cluster does not answer."
    fi
}

# --- Odoo configuration -----------------------------------------------------------
addon_names() {
    # Every add-on of the repository, found by its manifest.
    local manifest
    for manifest in "$REPO"/*/__manifest__.py; do
        basename "$(dirname "$manifest")"
    done | paste -sd, -
}

write_odoo_conf() {
    cat >"$ODOO_CONF" <<CONF
[options]
addons_path = $ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$REPO
data_dir = $LOCAL/data
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-$(id -un)}
db_password = ${PGPASSWORD:-False}
admin_passwd = ${SHAQRA_MASTER_PASSWORD:-shaqra-admin}
list_db = True
proxy_mode = False
CONF
}

odoo() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"
}

db_exists() {
    [ "$(psql -X -At -d postgres -c "select 1 from pg_database where datname = '$1'")" = 1 ]
}

free_port() {
    "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

setup_all() {
    find_odoo
    ensure_system_packages
    ensure_rtlcss
    ensure_venv
    ensure_postgres
    write_odoo_conf
}
