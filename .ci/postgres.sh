# Sourced by .ci/run: starts the newest installed PostgreSQL cluster, creates the test role and database
# (idempotently), and exports NEWSDESK_TEST_DATABASE_URL. Needs root or sudo; no stdin.
PG_USER=newsdesk_test
PG_PASSWORD=newsdesk_test
PG_DB=newsdesk_test
pg_version="$(pg_lsclusters -h 2>/dev/null | awk '{print $1}' | sort -V | tail -1)"
[ -n "$pg_version" ] || pg_version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
# Debian's package creates the "main" cluster; a bare install without it gets one here.
# (grep without -q: with pipefail, -q exiting early could fail the pipeline on SIGPIPE)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -x "$pg_version main" >/dev/null; then
  $SUDO pg_createcluster "$pg_version" main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1=="'"$pg_version"'" && $2=="main" {print $4}' | grep online >/dev/null; then
  $SUDO pg_ctlcluster "$pg_version" main start
fi
pg_port="$(pg_lsclusters -h | awk '$1=="'"$pg_version"'" && $2=="main" {print $3}')"
as_postgres() { $SUDO su postgres -s /bin/sh -c "$1" </dev/null; }
# Wait for the server to accept connections (it can take a moment after start).
for _ in $(seq 1 30); do
  as_postgres "psql -p $pg_port -qtAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
# CREATEDB: each test file gets a database of its own, dropped after.
as_postgres "psql -p $pg_port -v ON_ERROR_STOP=1 -qc \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \\\$\\\$\""
if [ "$(as_postgres "psql -p $pg_port -qtAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DB'\"")" != 1 ]; then
  as_postgres "createdb -p $pg_port -O $PG_USER $PG_DB"
fi
export NEWSDESK_TEST_DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$pg_port/$PG_DB"
