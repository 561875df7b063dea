package merit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// Audit actions: what a write did to its entity.
const (
	AuditCreate = "create"
	AuditUpdate = "update"
	AuditDelete = "delete"
	AuditImport = "import" // one bulk write (spreadsheet import, demo data) with its counts
	AuditRevoke = "revoke" // an API token was revoked

	AuditSignOutAll = "sign_out_all" // every session of a user was ended
)

// AuditEntry is one entry of an agency's audit trail: who did what to which
// record, when and from where, with the record before and after as JSON ("" when
// there is none). Entries of one agency form a hash chain (see Hash);
// AgencyID 0 holds the global records such as user accounts.
type AuditEntry struct {
	AgencyID  int64     `json:"agencyId"`
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	ActorID   int64     `json:"actorId"`
	Actor     string    `json:"actor"`
	Action    string    `json:"action"`
	Entity    string    `json:"entity"`
	EntityID  int64     `json:"entityId"`
	Before    string    `json:"before"`
	After     string    `json:"after"`
	IP        string    `json:"ip"`
	UserAgent string    `json:"userAgent"`
	PrevHash  string    `json:"prevHash"`
	Hash      string    `json:"hash"`
}

// ComputeHash returns the entry's hash as lower-case hex SHA-256, so that
// anyone can recompute the chain from the audit_log table. The hashed bytes
// are PrevHash followed by each of these fields in this order: AgencyID, Seq,
// At, ActorID, Actor, Action, Entity, EntityID, Before, After, IP, UserAgent.
// Each field is written as its text, preceded by the text's length in bytes
// in decimal and a colon ("5:admin"), like a netstring without the trailing
// comma; the PrevHash is written the same way first. Integers are written in
// decimal, At in UTC as 2006-01-02T15:04:05.000000Z (microseconds, the
// precision both databases keep).
func (e *AuditEntry) ComputeHash() string {
	h := sha256.New()
	var buf []byte
	put := func(s string) {
		buf = strconv.AppendInt(buf[:0], int64(len(s)), 10)
		buf = append(buf, ':')
		buf = append(buf, s...)
		h.Write(buf)
	}
	num := func(n int64) { put(strconv.FormatInt(n, 10)) }
	put(e.PrevHash)
	num(e.AgencyID)
	num(e.Seq)
	put(e.At.UTC().Format(AuditTimeFormat))
	num(e.ActorID)
	put(e.Actor)
	put(e.Action)
	put(e.Entity)
	num(e.EntityID)
	put(e.Before)
	put(e.After)
	put(e.IP)
	put(e.UserAgent)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditTimeFormat is how an entry's time enters its hash.
const AuditTimeFormat = "2006-01-02T15:04:05.000000Z"

// AuditProblem is the first break that a walk of the audit chain found.
type AuditProblem struct {
	AgencyID int64
	Seq      int64  // the entry at fault (for a removed entry, the missing seq)
	Kind     string // AuditChanged, AuditRemoved, AuditReordered or AuditTruncated
}

// The kinds of AuditProblem.
const (
	AuditChanged   = "changed"   // the entry's fields no longer give its hash
	AuditRemoved   = "removed"   // an entry is missing: a seq gap, or an entry whose predecessor is gone
	AuditReordered = "reordered" // the entry's predecessor is elsewhere in the chain
	AuditTruncated = "truncated" // the head (last seq and hash) does not match the last entry
)

type clientKey struct{}

// Client is where a request came from, recorded with every write.
type Client struct {
	IP        string
	UserAgent string
}

// WithClient returns a context that carries the client's address and user
// agent, for the audit trail.
func WithClient(ctx context.Context, ip, userAgent string) context.Context {
	return context.WithValue(ctx, clientKey{}, Client{IP: ip, UserAgent: userAgent})
}

// ClientFrom returns the context's client; the zero Client when there is none
// (the CLI).
func ClientFrom(ctx context.Context) Client {
	c, _ := ctx.Value(clientKey{}).(Client)
	return c
}
