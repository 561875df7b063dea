//go:build modernc

package main

import _ "modernc.org/sqlite"

func init() {
	driver.name, driver.driver = "modernc.org/sqlite", "sqlite"
	driver.dsn = "file:%s?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_pragma=synchronous(normal)&_txlock=immediate&_time_format=sqlite"
}
