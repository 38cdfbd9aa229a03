# Shared by the make targets: finds Odoo 18 and makes sure PostgreSQL answers.
# Sourced, not run. Sets ODOO_ADDONS_PATH and the PG* variables.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-odoo}" PGPASSWORD="${PGPASSWORD:-odoo}"

die() { echo "Error: $*" >&2; exit 1; }

odoo_addons_path() {
    local odoo_dir
    odoo_dir=$(cd / && "$PYTHON" -c "import odoo.release as r, odoo, os; assert r.version_info[0] == 18; print(os.path.dirname(os.path.dirname(odoo.__file__)))" 2>/dev/null) \
        || die "Odoo 18.0 is not importable by $PYTHON: install it from the official sources (see README.md, 'Install Odoo 18.0')."
    local paths="$odoo_dir/odoo/addons"
    [ -d "$odoo_dir/addons/crm" ] && paths="$odoo_dir/addons,$paths"
    echo "$paths,$ROOT/addons"
}

# Start the local PostgreSQL cluster when it is down and create the role Odoo uses.
ensure_postgres() {
    if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
        if [ "$PGHOST" = 127.0.0.1 ] || [ "$PGHOST" = localhost ]; then
            if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
                local cluster
                cluster=$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PGPORT" '$3 == p {print $1" "$2; exit}')
                if [ -n "$cluster" ]; then
                    pg_ctlcluster $cluster start >/dev/null 2>&1 || true
                    for _ in $(seq 1 30); do
                        pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null && break
                        sleep 1
                    done
                fi
            fi
        fi
    fi
    pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null \
        || die "PostgreSQL does not answer on $PGHOST:$PGPORT: start it (e.g. 'pg_ctlcluster 15 main start') or set PGHOST/PGPORT."
    if ! psql -d postgres -Atqc "select 1" >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
            (cd / && env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE su postgres -c "psql -p $PGPORT -Atqc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER') THEN CREATE ROLE \\\"$PGUSER\\\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'; END IF; END \\\$\\\$;\"") >/dev/null \
                || die "cannot create the PostgreSQL role $PGUSER."
        fi
        psql -d postgres -Atqc "select 1" >/dev/null 2>&1 \
            || die "PostgreSQL refuses the role $PGUSER: create it with CREATEDB (see README.md) or set PGUSER/PGPASSWORD."
    fi
}

odoo_cmd() {
    local sub=()
    if [ "${1:-}" = shell ]; then sub=(shell); shift; fi
    "$PYTHON" -m odoo "${sub[@]}" -c "$ROOT/odoo.conf" --addons-path="$ODOO_ADDONS_PATH" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD" "$@"
}
