package auth

import (
	"net"
	"strings"
	"sync"
	"time"
)

// Sign-in throttling: after AccountFailures wrong passwords in a row for one
// username, or AddressFailures for one client address within the lockout
// window, sign-in is refused for LockoutFor without checking the password.
// Unknown usernames are counted like known ones, so a lockout does not
// reveal which accounts exist. Counts live in this process's memory: a
// restart clears them, and each server of a cluster counts on its own.
const (
	AccountFailures = 5
	AddressFailures = 30
	LockoutFor      = 15 * time.Minute
)

type failures struct {
	n     int
	first time.Time // start of the counting window
	until time.Time // locked until
}

type throttle struct {
	mu   sync.Mutex
	keys map[string]*failures
}

// locked reports until when any of the keys is locked.
func (t *throttle) locked(now time.Time, keys ...string) (time.Time, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		if f, ok := t.keys[k]; ok && now.Before(f.until) {
			return f.until, true
		}
	}
	return time.Time{}, false
}

// fail counts a failed sign-in against each key with its limit.
func (t *throttle) fail(now time.Time, limits map[string]int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.keys == nil || len(t.keys) > 100000 {
		t.keys = make(map[string]*failures)
	}
	for k, limit := range limits {
		f, ok := t.keys[k]
		if !ok || now.Sub(f.first) > LockoutFor {
			f = &failures{first: now}
			t.keys[k] = f
		}
		f.n++
		if f.n >= limit {
			f.until = now.Add(LockoutFor)
			f.n, f.first = 0, now
		}
	}
}

// succeed clears the account's count.
func (t *throttle) succeed(key string) {
	t.mu.Lock()
	delete(t.keys, key)
	t.mu.Unlock()
}

func accountKey(username string) string { return "u:" + strings.ToLower(strings.TrimSpace(username)) }

// addressKey is the client address without its port ("a:" + IP).
func addressKey(remoteAddr string) string {
	if host, _, err := net.SplitHostPort(remoteAddr); err == nil {
		return "a:" + host
	}
	return "a:" + remoteAddr
}
