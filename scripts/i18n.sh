#!/usr/bin/env bash
# Export each add-on's terms from a throw-away database and rebuild its
# i18n/<addon>.pot and i18n/ar.po (keeping the Arabic already there).
# Usage: bash scripts/i18n.sh [addon ...]   (default: every add-on)
source "$(dirname "$0")/lib.sh"
setup_all
MODULES=${*:-$(addon_names | tr , ' ')}
DB=shaqra_i18n_$(echo "$REPO" | sha1sum | cut -c1-8)
psql -X -q -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null
odoo -d "$DB" -i "$(echo $MODULES | tr ' ' ,)" --without-demo=all --stop-after-init --log-level=warn
status=0
for module in $MODULES; do
    odoo -d "$DB" --i18n-export="$LOCAL/$module.pot" --modules="$module" --stop-after-init --log-level=warn
    compendia=()
    for dep in base web mail portal hr resource utm crm calendar website survey; do
        for po in "$ODOO_SRC"/odoo/addons/$dep/i18n/ar.po "$ODOO_SRC"/addons/$dep/i18n/ar.po; do
            [ -f "$po" ] && compendia+=("$po")
        done
    done
    "$VENV/bin/python" "$REPO/scripts/i18n_merge.py" "$REPO/$module" "$LOCAL/$module.pot" "${compendia[@]}" || status=1
done
psql -X -q -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null
exit $status
