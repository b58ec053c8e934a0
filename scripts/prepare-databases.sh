#!/usr/bin/env bash
# Makes the local PostgreSQL and MariaDB ready for Multidb's test suite:
#   - starts each server if it is down and waits until it accepts connections;
#   - raises PostgreSQL's max_prepared_transactions (0 by default, which makes XA
#     prepare fail) to max(max_connections, 100) and restarts the cluster;
#   - creates the databases `test` and `test2` on both servers;
#   - makes a PostgreSQL streaming replica of the local server on port 5433 (a second
#     cluster named `replica`, made with `pg_basebackup -R`), for the read-replica tests.
# Idempotent: a second run changes nothing. Prints one line per action taken and
# a one-line summary; errors go to stderr with a non-zero exit.
# Expects trust authentication for postgres on 127.0.0.1 and a passwordless
# MariaDB root, as on this project's machines; run it as root.
set -euo pipefail

readonly WAIT_SECONDS="${PREPARE_DATABASES_WAIT_SECONDS:-60}"
readonly PG_HOST=127.0.0.1
readonly PG_PORT=5432
readonly MARIADB_HOST=127.0.0.1
readonly MARIADB_PORT=3306
readonly DATABASES=(test test2)

say() { printf 'prepare-databases: %s\n' "$*"; }
die() { printf 'prepare-databases: error: %s\n' "$*" >&2; exit 1; }

# wait_until DESCRIPTION HINT COMMAND...: retries COMMAND once a second for WAIT_SECONDS.
wait_until() {
    local what="$1" hint="$2"
    shift 2
    local deadline=$((SECONDS + WAIT_SECONDS))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            die "$what did not accept connections within ${WAIT_SECONDS}s; see $hint"
        fi
        sleep 1
    done
}

# ---------------------------------------------------------------- PostgreSQL
pg_version() {
    local versions
    versions="$(ls /etc/postgresql 2>/dev/null | sort -V)" || true
    [[ -n "$versions" ]] || die "no PostgreSQL cluster under /etc/postgresql"
    if [[ "$(wc -l <<<"$versions")" -gt 1 ]]; then
        die "several PostgreSQL versions under /etc/postgresql ($(tr '\n' ' ' <<<"$versions")); expected one"
    fi
    printf '%s' "$versions"
}
PG_VERSION="$(pg_version)"
readonly PG_VERSION
readonly PG_LOG="/var/log/postgresql/postgresql-${PG_VERSION}-main.log"

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
psql_postgres() {
    PGCONNECT_TIMEOUT=5 psql -X -w -q -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres "$@"
}
pg_wait() { wait_until "PostgreSQL $PG_VERSION" "$PG_LOG" pg_ready; }

if ! pg_ready; then
    # status exits 3 when the cluster is down; anything else (starting up) just needs waiting
    if ! pg_ctlcluster "$PG_VERSION" main status >/dev/null 2>&1; then
        say "starting PostgreSQL $PG_VERSION"
        pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
    fi
    pg_wait
fi

max_connections="$(psql_postgres -c 'SHOW max_connections')"
max_prepared="$(psql_postgres -c 'SHOW max_prepared_transactions')"
wanted_prepared=$((max_connections > 100 ? max_connections : 100))
if ((max_prepared < wanted_prepared)); then
    say "raising PostgreSQL max_prepared_transactions from $max_prepared to $wanted_prepared and restarting"
    psql_postgres -c "ALTER SYSTEM SET max_prepared_transactions = $wanted_prepared"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
    pg_wait
    max_prepared="$(psql_postgres -c 'SHOW max_prepared_transactions')"
    ((max_prepared >= wanted_prepared)) \
        || die "max_prepared_transactions is still $max_prepared after the restart; see $PG_LOG"
fi

for db in "${DATABASES[@]}"; do
    if [[ -z "$(psql_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
        say "creating PostgreSQL database $db"
        psql_postgres -c "CREATE DATABASE \"$db\" OWNER postgres"
    fi
done
pg_server_version="$(psql_postgres -c 'SHOW server_version')"

# ------------------------------------------------- PostgreSQL streaming replica
readonly PG_REPLICA=replica
readonly PG_REPLICA_PORT=5433
readonly PG_REPLICA_DATA="/var/lib/postgresql/${PG_VERSION}/${PG_REPLICA}"
readonly PG_REPLICA_CONF="/etc/postgresql/${PG_VERSION}/${PG_REPLICA}"
readonly PG_REPLICA_LOG="/var/log/postgresql/postgresql-${PG_VERSION}-${PG_REPLICA}.log"
readonly REPLICATION_LINE='host replication all 127.0.0.1/32 trust'

psql_replica() {
    PGCONNECT_TIMEOUT=5 psql -X -w -q -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_REPLICA_PORT" -U postgres -d postgres "$@"
}
replica_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_REPLICA_PORT"; }
replica_streaming() {
    [[ "$(psql_replica -c "SELECT status FROM pg_stat_wal_receiver")" == streaming ]]
}
replica_exists() { pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_REPLICA" '$1 == v && $2 == c { f = 1 } END { exit !f }'; }

# the primary accepts replication connections from this machine (first matching line wins)
primary_hba="$(psql_postgres -c 'SHOW hba_file')"
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$primary_hba"; then
    say "allowing local replication connections in $primary_hba"
    { printf '%s\n' "$REPLICATION_LINE"; cat "$primary_hba"; } >"$primary_hba.new"
    chown --reference="$primary_hba" "$primary_hba.new"
    chmod --reference="$primary_hba" "$primary_hba.new"
    mv "$primary_hba.new" "$primary_hba"
    psql_postgres -c 'SELECT pg_reload_conf()' >/dev/null
fi

# a replica that is not a standby, or whose settings are below the primary's (it would stop
# replaying), is made again
if replica_exists; then
    rebuild=""
    if [[ ! -f "$PG_REPLICA_DATA/standby.signal" ]]; then
        rebuild="it is not a standby"
    elif replica_ready; then
        replica_prepared="$(psql_replica -c 'SHOW max_prepared_transactions')"
        replica_connections="$(psql_replica -c 'SHOW max_connections')"
        if ((replica_prepared < max_prepared || replica_connections < max_connections)); then
            rebuild="its settings are below the primary's"
        fi
    fi
    if [[ -n "$rebuild" ]]; then
        say "dropping the PostgreSQL replica cluster: $rebuild"
        pg_dropcluster --stop "$PG_VERSION" "$PG_REPLICA"
    fi
fi
if ! replica_exists; then
    say "creating a PostgreSQL streaming replica on port $PG_REPLICA_PORT"
    pg_createcluster "$PG_VERSION" "$PG_REPLICA" -p "$PG_REPLICA_PORT" >/dev/null
    find "$PG_REPLICA_DATA" -mindepth 1 -delete
    # copies the primary's postgresql.auto.conf too: max_prepared_transactions follows
    runuser -u postgres -- pg_basebackup -h "$PG_HOST" -p "$PG_PORT" -U postgres -D "$PG_REPLICA_DATA" -c fast \
        -R -X stream
    # the new cluster's pg_hba.conf asks for passwords: trust this machine, as the primary does
    cp "$primary_hba" "$PG_REPLICA_CONF/pg_hba.conf"
    chown postgres:postgres "$PG_REPLICA_CONF/pg_hba.conf"
fi
if ! replica_ready; then
    if ! pg_ctlcluster "$PG_VERSION" "$PG_REPLICA" status >/dev/null 2>&1; then
        say "starting the PostgreSQL replica"
        pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_REPLICA" start
    fi
    wait_until "PostgreSQL replica" "$PG_REPLICA_LOG" replica_ready
fi
[[ "$(psql_replica -c 'SELECT pg_is_in_recovery()')" == t ]] \
    || die "the cluster on port $PG_REPLICA_PORT answers but is not in recovery; see $PG_REPLICA_LOG"
wait_until "PostgreSQL replica's WAL receiver" "$PG_REPLICA_LOG" replica_streaming

# ------------------------------------------------------------------- MariaDB
readonly MARIADB_LOG=/var/log/mysql/error.log

mariadb_root() {
    mariadb --no-defaults --protocol=TCP -h "$MARIADB_HOST" -P "$MARIADB_PORT" -uroot \
        --connect-timeout=3 --batch --skip-column-names "$@"
}
mariadb_ready() { mariadb_root -e 'SELECT 1' >/dev/null 2>&1; }

if ! mariadb_ready; then
    if [[ ! -d /run/mysqld ]]; then
        say "creating /run/mysqld"
        install -d -o mysql -g mysql -m 0755 /run/mysqld
    fi
    say "starting MariaDB"
    start-stop-daemon --start --quiet --oknodo --background --exec /usr/sbin/mariadbd
    wait_until "MariaDB" "$MARIADB_LOG" mariadb_ready
fi

for db in "${DATABASES[@]}"; do
    if [[ -z "$(mariadb_root -e "SELECT 1 FROM information_schema.schemata WHERE schema_name = '$db'")" ]]; then
        say "creating MariaDB database $db"
        mariadb_root -e "CREATE DATABASE \`$db\`"
    fi
done
mariadb_server_version="$(mariadb_root -e 'SELECT VERSION()')"

say "ready: PostgreSQL $pg_server_version (max_prepared_transactions=$max_prepared," \
    "max_connections=$max_connections) with a streaming replica on port $PG_REPLICA_PORT," \
    "MariaDB $mariadb_server_version; databases ${DATABASES[*]} on both"
