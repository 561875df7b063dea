package sqldb

import "context"

// readGate admits reads to the read pool in the order they arrive. When every
// connection is busy, database/sql hands a freed connection to a random
// waiter (connRequests.TakeRandom in database/sql), so under load a few
// requests wait many turns while others wait none, which is what made the
// list API's p99 five times its median. A query that takes a ticket here
// first is served first. The gate holds as many tickets as the pool has
// connections, so a ticket holder never waits for a connection.
type readGate chan struct{}

func newReadGate(conns int) readGate { return make(readGate, conns) }

// enter waits for a ticket, in arrival order (Go serves the senders blocked
// on a channel first come, first served), or until ctx ends.
func (g readGate) enter(ctx context.Context) error {
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave returns the ticket.
func (g readGate) leave() { <-g }
