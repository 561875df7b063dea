# Merit: the two commands of README, and a few more.
#   make run    build, create data/merit.db with demo data when empty, serve http://localhost:8080
#   make test   everything CI runs: gofmt, vet, tests on SQLite and PostgreSQL, browser tests, fuzzing

GO ?= go
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run build test bench fuzz clean

run: build
	./bin/merit serve --demo

build:
	$(GO) build -o bin/merit ./cmd/merit

test:
	scripts/test.sh

bench: build
	scripts/bench.sh

clean:
	rm -rf bin data
