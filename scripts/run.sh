#!/usr/bin/env bash
# `make run`: Odoo 18 with the Shaqra add-ons, Arabic and demo data.
source "$(dirname "$0")/lib.sh"
setup_all

DB=${SHAQRA_DB:-shaqra}
PORT=${SHAQRA_HTTP_PORT:-8069}
MODULES=$(addon_names)
STAMP="$LOCAL/$DB.addons-sha"
addons_sha() {
    (cd "$REPO" && git ls-files -z -co --exclude-standard -- $(echo "$MODULES" | tr , ' ') \
        | xargs -0 sha1sum 2>/dev/null) | sha1sum | cut -c1-40
}

if ! db_exists "$DB"; then
    say "Creating database $DB with $MODULES, Arabic and demo data"
    odoo -d "$DB" -i "$MODULES" --load-language=ar_001 --stop-after-init --log-level=warn
    # Arabic is the association's language: new contacts, and the portal
    # pages of visitors who chose no language, default to it; the website is
    # named after the association and shown in Arabic, right to left.
    echo "env['ir.default'].set('res.partner', 'lang', 'ar_001'); env['website']._shaqra_setup_public_site(); env.cr.commit()" \
        | "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn >/dev/null
    addons_sha >"$STAMP"
elif [ "$(cat "$STAMP" 2>/dev/null)" != "$(addons_sha)" ]; then
    say "Add-ons changed: updating $MODULES in $DB"
    missing=$(psql -X -At -d "$DB" -c "select string_agg(m, ',') from unnest(string_to_array('$MODULES', ',')) m
        where m not in (select name from ir_module_module where state = 'installed')")
    args=(-u "$MODULES")
    [ -n "$missing" ] && args=(-i "$missing" -u "$MODULES")
    odoo -d "$DB" "${args[@]}" --stop-after-init --log-level=warn
    # The website may be new in this database: name it and show it in Arabic.
    echo "env['website']._shaqra_setup_public_site(); env.cr.commit()" \
        | "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn >/dev/null
    addons_sha >"$STAMP"
fi

cat <<INFO

  Shaqra Beneficiary Services on http://localhost:$PORT  (database $DB)

  Demo logins (password = login):
    admin        administrator (password: admin)
    reception    reception officer            - نورة السبيعي
    liaison      liaison officer              - عبدالله الدوسري
    committee    committee member             - فهد العتيبي
    manager      senior management            - سارة القحطاني
    hr           HR manager                   - منيرة الشهري
    beneficiary  portal beneficiary (/my)     - محمد بن سعد الشقراوي
    volunteer    portal volunteer (/my/volunteer) - خالد بن سعد الدوسري

  The public website needs no login: /complaint, /volunteer, /services,
  /governance, /inquiry.

INFO
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-interface=127.0.0.1 --http-port="$PORT" "$@"
