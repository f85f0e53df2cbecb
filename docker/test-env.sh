#!/usr/bin/env bash
# Starts (and stops) the real services the tests need, from Debian's packages, as root:
#   PostgreSQL on 127.0.0.1 with a throw-away cluster.
# Writes what it started to .test-env/test.env, which the tests read. Every daemon writes to files
# under the state directory, never to this script's output, and is stopped by its pid.
#
#   sudo docker/test-env.sh start    # then: ./mvnw verify
#   sudo docker/test-env.sh stop
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
env_dir="$repo/.test-env"
env_file="$env_dir/test.env"
state=${WHARF_TEST_STATE:-/tmp/wharf-test-env}

log() { printf '[test-env] %s\n' "$*"; }

free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir ]] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
  echo "$dir"
}

start_postgres() {
  local bin port password data
  bin=$(pg_bin)
  port=$(free_port 55432)
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  data="$state/postgres/data"
  mkdir -p "$state/postgres"
  chown postgres:postgres "$state/postgres"
  chmod 700 "$state/postgres"
  printf '%s\n' "$password" >"$state/postgres/pwfile"
  chown postgres "$state/postgres/pwfile"
  runuser -u postgres -- "$bin/initdb" -D "$data" -U wharf --pwfile="$state/postgres/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$state/postgres/initdb.log" 2>&1
  rm -f "$state/postgres/pwfile"
  # -w waits until it accepts connections; the server's own output goes to its log file
  runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$state/postgres/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $state/postgres -c fsync=off -c max_connections=200" \
    start >"$state/postgres/pg_ctl.log" 2>&1
  head -n 1 "$data/postmaster.pid" >"$state/postgres.pid"
  {
    echo "WHARF_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/"
    echo "WHARF_TEST_POSTGRES_USER=wharf"
    echo "WHARF_TEST_POSTGRES_PASSWORD=$password"
  } >>"$env_file"
  log "PostgreSQL on 127.0.0.1:$port (pid $(cat "$state/postgres.pid"), log $state/postgres/server.log)"
}

stop_pid() {
  local name=$1 pidfile=$2 pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

stop_all() {
  stop_pid PostgreSQL "$state/postgres.pid"
  rm -rf "$state" "$env_file"
}

case ${1:-} in
  start)
    [[ $(id -u) == 0 ]] || { echo "run as root: it starts daemons as their own users" >&2; exit 1; }
    stop_all
    mkdir -p "$state" "$env_dir"
    : >"$env_file"
    start_postgres
    log "endpoints written to $env_file"
    ;;
  stop)
    stop_all
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
