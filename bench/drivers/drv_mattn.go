//go:build mattn

package main

import _ "github.com/mattn/go-sqlite3"

func init() {
	driver.name, driver.driver = "mattn/go-sqlite3 (cgo)", "sqlite3"
	driver.dsn = "file:%s?_busy_timeout=10000&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"
}
