//go:build ncruces

package main

import (
	_ "github.com/ncruces/go-sqlite3/driver"
	_ "github.com/ncruces/go-sqlite3/embed"
)

func init() {
	driver.name, driver.driver = "ncruces/go-sqlite3", "sqlite3"
	driver.dsn = "file:%s?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_pragma=synchronous(normal)&_txlock=immediate"
}
