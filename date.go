package merit

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without time of day or zone (tanggal lahir, TMT).
// The zero Date means "not set" and is stored as NULL.
type Date struct {
	t time.Time // always UTC midnight
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date in Western Indonesia Time (WIB), the zone
// of most agencies, at the instant t, so "today" is the same date for the
// storage layer's clock (UTC) and for a user entering a date after 17:00
// UTC. A Date's own Time (UTC midnight) maps back to the same date.
func DateOf(t time.Time) Date {
	return NewDate(t.In(wib).Date())
}

// Today returns the current date in WIB; a date entered "today" must not
// count as in the future.
func Today() Date {
	return DateOf(time.Now())
}

var wib = time.FixedZone("WIB", 7*60*60)

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns the date as UTC midnight.
func (d Date) Time() time.Time { return d.t }

// Year, Month and Day return the parts of the date.
func (d Date) Year() int          { return d.t.Year() }
func (d Date) Month() time.Month  { return d.t.Month() }
func (d Date) Day() int           { return d.t.Day() }
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }

// AgeOn returns the whole years from d to on (age at a date).
func (d Date) AgeOn(on Date) int {
	years := on.Year() - d.Year()
	if on.Month() < d.Month() || (on.Month() == d.Month() && on.Day() < d.Day()) {
		years--
	}
	return years
}

// String returns the ISO form 2006-01-02, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// dateLayouts are the forms accepted from people and spreadsheets:
// ISO, and the Indonesian day-first forms with - / or . separators.
var dateLayouts = []string{time.DateOnly, "02-01-2006", "2-1-2006", "02/01/2006", "2/1/2006", "02.01.2006", "2006/01/02"}

// ParseDate reads a date in ISO (2006-01-02) or Indonesian day-first form
// (31-12-2006, 31/12/2006). An empty string is the zero date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	// Timestamps such as 2006-01-02T00:00:00Z or "2006-01-02 00:00:00": keep the date.
	if len(s) > 10 && s[4] == '-' && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return Date{}, fmt.Errorf("not a date: %q", s)
}

// MustDate parses an ISO date and panics on error; for tests and seed data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Value stores the date as ISO text (NULL when zero), which both SQLite and
// PostgreSQL read into a DATE column.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a DATE column from either engine.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = NewDate(v.Date())
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("merit.Date: cannot scan %T", src)
	}
	return nil
}

func (d *Date) scanText(s string) error {
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// MarshalText writes the ISO form (empty for the zero date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the forms ParseDate accepts.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
