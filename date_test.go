package merit

import (
	"testing"
	"time"
)

// TestDateOfIsTheDateInWIB: the storage layer's clock runs in UTC, users in
// WIB; after 17:00 UTC it is already the next day in Indonesia, and a date
// entered as today must not be "in the future" for the store.
func TestDateOfIsTheDateInWIB(t *testing.T) {
	cases := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 23, 16, 59, 59, 0, time.UTC), "2026-11-23"},
		{time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC), "2026-11-24"},
		{time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), "2027-01-01"},
		{NewDate(1970, 1, 1).Time(), "1970-01-01"}, // a Date's own time maps back to it
		{NewDate(2024, 2, 29).Time(), "2024-02-29"},
	}
	for _, c := range cases {
		if got := DateOf(c.at).String(); got != c.want {
			t.Errorf("DateOf(%s) = %s, want %s", c.at, got, c.want)
		}
	}
}
