#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md, each beside its baseline in one run:
#  1. importing ROWS generated employees from CSV (merit import) vs the raw
#     driver inserting the same rows in one transaction; rows/s and peak RSS;
#  2. the employee list/search API of a 20,000-employee agency under 64
#     concurrent clients vs a bare net/http handler running the same SQL;
#  3. the SQLite drivers on the same insert and list queries;
#  4. recomputing IP ASN and JPM for IPASN_N generated employees vs a plain
#     in-memory loop over the same rows;
#  5./6. the talent mapping and the 9-box page (sections 2 and 6 also print
#     the CPU per request of the list API and the 9-box page in-process).
# On SQLite (the embedded default) and, with PostgreSQL available, on it too.
#
#   make bench                 # ROWS=1000000 EMPLOYEES=20000 DURATION=20s
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
rows=${ROWS:-1000000}
pg_rows=${PG_ROWS:-200000} # PostgreSQL inserts ~6k rows/s here: 1M rows would take ~8 minutes per side
employees=${EMPLOYEES:-20000}
duration=${DURATION:-20s}
clients=${CLIENTS:-64}
ipasn_n=${IPASN_N:-1000000} # section 4; the generated agency is written once and cached
work=$(mktemp -d /tmp/merit-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${MERIT_PG_DIR:-}" ] && scripts/pg.sh stop "$MERIT_PG_DIR"
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time curl >/dev/null
fi
go build -o bin/merit ./cmd/merit
go build -o bin/bench ./bench
echo "# $(date -u +%F) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

engines=(sqlite)
if pgenv=$(scripts/pg.sh start) && eval "$pgenv" && [ -n "${MERIT_TEST_POSTGRES:-}" ]; then engines+=(postgres); fi

dsn_for() { # engine name -> DSN of a new empty database
  case $1 in
    sqlite) echo "sqlite:$work/$2.db" ;;
    postgres) psql -q "$MERIT_TEST_POSTGRES" -c "CREATE DATABASE $2" >/dev/null; echo "${MERIT_TEST_POSTGRES/\/postgres\?//$2?}" ;;
  esac
}

serve_demo() { # engine, database name: a new demo database of $employees served on :18080; sets db, code, cookie, units
  db=$(dsn_for "$1" "$2_$$")
  MERIT_DB=$db bin/merit demo --seed 7 --employees "$employees" >/dev/null
  code=kota-magelang # the demo's generated agency (the evaluation demo adds small ones beside it)
  MERIT_DB=$db MERIT_PASSWORD=bench-password-1 bin/merit user add --agency "$code" --username bench.viewer --name Bench --role viewer >/dev/null
  MERIT_DB=$db bin/merit serve --addr 127.0.0.1:18080 >"$work/serve.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do curl -fs http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.2; done
  cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' -H 'Sec-Fetch-Site: same-origin' \
    -d '{"username":"bench.viewer","password":"bench-password-1"}' http://127.0.0.1:18080/api/v1/session \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}')
  units=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:18080/api/v1/agencies/$code/units" \
    | grep -o '"id":[0-9]*' | head -5 | cut -d: -f2 | paste -sd,)
}

timed() { # run a command, print its wall seconds and peak RSS (MiB) to stderr-file $1
  local out=$1; shift
  /usr/bin/env time -f '%e %M' -o "$out" "$@"
}

echo
echo "## 1. Import of $rows employees from CSV"
bin/bench gen-csv -rows "$rows" -o "$work/employees.csv"
ls -l "$work/employees.csv" | awk '{printf "CSV: %.0f MiB\n", $5/1048576}'
[ "${#engines[@]}" -gt 1 ] && head -n $((pg_rows + 1)) "$work/employees.csv" > "$work/employees-pg.csv"
for engine in "${engines[@]}"; do
  csv=$work/employees.csv n=$rows
  [ "$engine" = postgres ] && csv=$work/employees-pg.csv n=$pg_rows
  raw_db=$(dsn_for "$engine" raw_$$)
  bin/bench raw-insert -csv "$csv" -db "$raw_db" | sed "s/^/$engine\t/"
  imp_db=$(dsn_for "$engine" imp_$$)
  MERIT_DB=$imp_db bin/merit agency add --code bench --name "Benchmark" --kind KOTA >/dev/null
  start=$(date +%s.%N)
  timed "$work/time" env MERIT_DB="$imp_db" bin/merit import employees --agency bench "$csv" >/dev/null 2>"$work/import.log" \
    || { cat "$work/import.log"; exit 1; }
  read -r secs rss < "$work/time"
  awk -v e="$engine" -v n="$n" -v s="$secs" -v r="$rss" 'BEGIN {printf "%s\tmerit-import\trows=%d\tseconds=%.2f\trows/s=%.0f\tpeak_rss_mib=%.0f\n", e, n, s, n/s, r/1024}'
done

echo
echo "## 2. Employee list/search API, $employees employees, $clients concurrent clients, $duration"
for engine in "${engines[@]}"; do
  serve_demo "$engine" api
  bin/bench bare -db "$db" -agency "$code" -addr 127.0.0.1:18081 >/dev/null &
  pids+=($!)
  sleep 1
  bin/bench load -label "$engine	merit-api" -url "http://127.0.0.1:18080/api/v1/agencies/$code/employees" -cookie "$cookie" \
    -units "$units" -c "$clients" -d "$duration"
  bin/bench load -label "$engine	bare-handler" -url "http://127.0.0.1:18081/employees" -units "$units" -c "$clients" -d "$duration"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pids=()
  sleep 1
  # CPU per request in-process (the whole handler, no sockets): the figure
  # that compares across runs on a shared machine.
  bin/bench inprocess -label "$engine" -db "$db" -agency "$code" -page list -c "$clients" -n 20000
done

echo
echo "## 3. SQLite drivers on Merit's insert and list queries (200,000 rows, 8 readers)"
head -n 200001 "$work/employees.csv" > "$work/employees-200k.csv"
for d in modernc mattn ncruces; do
  (cd bench/drivers && go build -tags "$d" -o "$work/drivers-$d" .)
  "$work/drivers-$d" -csv "$work/employees-200k.csv" -schema sqldb/migrations/00001_registry.sql 2>/dev/null
done

echo
echo "## 4. Recompute of IP ASN and JPM, $ipasn_n employees (the agency is cached in bench/.cache)"
for engine in "${engines[@]}"; do
  server=() # PostgreSQL: the server's CPU beside the client's (the cluster is this script's own)
  case $engine in
    sqlite) db=sqlite:bench/.cache/ipasn-$ipasn_n.db ;;
    postgres)
      psql -q "$MERIT_TEST_POSTGRES" -c "CREATE DATABASE merit_bench_ipasn" >/dev/null 2>&1 || true
      server=(-serverpid "$(head -1 "$MERIT_PG_DIR/data/postmaster.pid")")
      db=${MERIT_TEST_POSTGRES/\/postgres\?//merit_bench_ipasn?} ;;
  esac
  bin/bench ipasn -db "$db" -n "$ipasn_n" -dir bench/.cache "${server[@]}"
done

echo
echo "## 5. Talent review: mapping $ipasn_n employees (the IP ASN agency, cached) vs an in-memory loop"
for engine in "${engines[@]}"; do
  case $engine in
    sqlite) db=sqlite:bench/.cache/ipasn-$ipasn_n.db ;;
    postgres) db=${MERIT_TEST_POSTGRES/\/postgres\?//merit_bench_ipasn?} ;;
  esac
  bin/bench talent-map -db "$db" -n "$ipasn_n" -dir bench/.cache
done

echo
echo "## 6. The 9-box page of a $employees-employee agency, $clients concurrent clients, $duration"
for engine in "${engines[@]}"; do
  serve_demo "$engine" talent
  bin/bench talent-bare -db "$db" -agency "$code" -addr 127.0.0.1:18082 >/dev/null &
  pids+=($!)
  sleep 1
  # The list mix's query strings: page/q/sort are ignored by the 9-box page,
  # golongan and unit filter the grid.
  bin/bench load -label "$engine	merit-9box-page" -url "http://127.0.0.1:18080/a/$code/talenta" -cookie "$cookie" \
    -units "$units" -c "$clients" -d "$duration"
  bin/bench load -label "$engine	bare-handler" -url "http://127.0.0.1:18082/talenta" -units "$units" -c "$clients" -d "$duration"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pids=()
  sleep 1
  bin/bench inprocess -label "$engine" -db "$db" -agency "$code" -page talent -c "$clients" -n 20000
done
