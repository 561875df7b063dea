#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster in a temporary directory and prints
# the DSN of its admin database. initdb refuses to run as root, so as root the
# cluster runs as the "postgres" user (created if missing).
#
#   eval "$(scripts/pg.sh start)"   # exports MERIT_TEST_POSTGRES and MERIT_PG_DIR
#   scripts/pg.sh stop "$MERIT_PG_DIR"
set -euo pipefail

cmd=${1:-start}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bindir" ] || bindir=$(dirname "$(command -v initdb || echo /usr/bin/initdb)")

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
start)
  if [ ! -x "$bindir/initdb" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    else
      echo "pg.sh: initdb not found; install PostgreSQL" >&2; exit 1
    fi
  fi
  dir=$(mktemp -d /tmp/merit-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_pg "$bindir/initdb" -D "$dir/data" -A trust -U merit --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  # A random port; another one if it is taken.
  for try in 1 2 3 4 5; do
    port=${MERIT_PG_PORT:-$(( 40000 + RANDOM % 20000 ))}
    if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null; then
      break
    fi
    [ "$try" = 5 ] && { cat "$dir/log" >&2; exit 1; }
  done
  echo "export MERIT_PG_DIR=$dir"
  echo "export MERIT_TEST_POSTGRES=postgres://merit@127.0.0.1:$port/postgres?sslmode=disable"
  ;;
stop)
  dir=${2:?usage: pg.sh stop DIR}
  as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg.sh start|stop DIR" >&2; exit 2
  ;;
esac
