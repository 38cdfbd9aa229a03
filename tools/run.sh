#!/usr/bin/env bash
# make run: create (or update) the database with the suite and demo data, in
# Russian, and serve it on http://localhost:8069.
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres

DB="${DB:-industrial}"
MODULES="industrial_crm,industrial_production_link,industrial_1c_sync,industrial_miko,industrial_ru,industrial_approval,industrial_engineering,industrial_marketing"
if psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    echo "Updating $MODULES in database $DB"
    odoo_cmd -d "$DB" -u "$MODULES" --stop-after-init --log-level=warn || die "the update of $DB failed (see above)."
else
    echo "Creating database $DB with $MODULES and demo data (a few minutes)"
    odoo_cmd -d "$DB" -i "$MODULES" --load-language=ru_RU --stop-after-init --log-level=warn \
        || die "the installation into $DB failed (see above)."
    odoo_cmd shell -d "$DB" --log-level=warn --no-http <<'PY' >/dev/null
env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write({"lang": "ru_RU"})
env["res.partner"].search([("lang", "!=", "ru_RU")]).write({"lang": "ru_RU"})
env.cr.commit()
PY
fi
cat <<MSG

Industrial CRM is served on http://localhost:${HTTP_PORT:-8069} (database $DB). Demo logins (password = login):
  admin / admin           administrator
  director                director: every direction, last escalation
  dispatcher              dispatcher: sorts unsorted requests
  head_hv, head_pump, head_heat            heads of the three directions
  manager_hv, manager_hv2, manager_pump, manager_heat   sales managers
  marketer                marketer: segments, Mailchimp, mailing lists, telemarketing exports, call tasks
  production              production user: manufacturing orders of customer orders
  accountant              accountant: invoices approved by the head or the director, sends them
  engineer, engineer2     engineers: technical calculations, commissioning jobs
Stop with Ctrl+C.
MSG
exec "$PYTHON" -m odoo -c "$ROOT/odoo.conf" --addons-path="$ODOO_ADDONS_PATH" \
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD" \
    -d "$DB" --db-filter="^$DB\$" --http-port="${HTTP_PORT:-8069}"
