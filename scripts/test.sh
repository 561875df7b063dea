#!/usr/bin/env bash
# Runs every check and test of Merit on a fresh machine: installs Debian's
# chromium and poppler-utils when missing (browser and PDF tests), starts a throwaway PostgreSQL cluster
# (store tests run on SQLite and PostgreSQL), then gofmt, go vet, the whole
# test suite and a short fuzzing pass over every parser of outside input.
#
#   scripts/test.sh            # everything (what `make test` and CI run)
#   FUZZTIME=30s scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH=$PATH:/usr/local/go/bin
fuzztime=${FUZZTIME:-5s}

step() { printf '\n== %s\n' "$*"; }

# Debian packages the tests use: chromium (browser tests) and poppler-utils
# (pdftotext reads the PDF reports back).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "${missing[*]} missing and this user cannot apt-get install it" >&2
  fi
fi

step "starting a throwaway PostgreSQL"
eval "$(scripts/pg.sh start)"
trap 'scripts/pg.sh stop "$MERIT_PG_DIR"' EXIT
echo "PostgreSQL at ${MERIT_TEST_POSTGRES}"

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...

step "go test (SQLite and PostgreSQL, browser)"
go test -count=1 -timeout 30m ./...

step "fuzzing each parser for ${fuzztime}"
# Every Fuzz function in the tree, run on its own for a short budget; the
# committed corpora under testdata/fuzz also run in the pass above.
grep -rl --include='*_test.go' '^func Fuzz' . | while read -r file; do
  pkg=./$(dirname "${file#./}")
  for fn in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | cut -d' ' -f2); do
    echo "-- $pkg $fn"
    go test -run '^$' -fuzz "^${fn}\$" -fuzztime "$fuzztime" "$pkg" >/tmp/merit-fuzz.log 2>&1 || { cat /tmp/merit-fuzz.log; exit 1; }
  done
done

step "all checks passed"
