package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"merit/ipasn"
)

// The stored IP ASN inputs are kept in blocks: one row of ipasn_input_block
// holds the inputs of the employees whose IDs share id>>ipasnBlockShift.
// A recompute reads every input; as one row per employee the drivers'
// per-row cost was most of a recompute of a large agency (docs/decisions.md,
// "IP ASN inputs in blocks"). A change rewrites its block.
const ipasnBlockShift = 6

// blockOf is the block that holds an employee's input.
func blockOf(employeeID int64) int64 { return employeeID >> ipasnBlockShift }

// inputEntry is one employee's stored input in a block: the compact input
// (education, jenis jabatan and the facts ipasn.Input.AppendFacts writes) and
// the fingerprint of the employee's stored score.
type inputEntry struct {
	id        int64
	hash      int64 // ipasn.Result.Fingerprint of the stored score; 0 when none
	education string
	jenis     string
	facts     string
}

// appendEntry encodes an entry: a header line of five tab-separated decimal
// numbers (ID, score fingerprint, and the byte lengths of education, jenis
// and facts), then those three fields' bytes, so nothing needs escaping.
func appendEntry(b []byte, e *inputEntry) []byte {
	b = strconv.AppendInt(b, e.id, 10)
	b = append(b, '\t')
	b = strconv.AppendInt(b, e.hash, 10)
	for _, s := range [...]string{e.education, e.jenis, e.facts} {
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(len(s)), 10)
	}
	b = append(b, '\n')
	b = append(b, e.education...)
	b = append(b, e.jenis...)
	return append(b, e.facts...)
}

// encodeBlock encodes the entries, which must be in ID order; never nil (a
// nil byte slice would be written as NULL).
func encodeBlock(entries []inputEntry) []byte {
	b := make([]byte, 0, 128*len(entries))
	for i := range entries {
		b = appendEntry(b, &entries[i])
	}
	return b
}

// nextEntry decodes the entry at the start of s into e (its strings are
// substrings of s) and returns the rest of s.
func nextEntry(s string, e *inputEntry) (string, error) {
	var f [5]int64
	i := 0
	for n := range f {
		neg := i < len(s) && s[i] == '-'
		if neg {
			i++
		}
		start := i
		var v uint64
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-start < 19 {
			v = v*10 + uint64(s[i]-'0')
			i++
		}
		want := byte('\t')
		if n == len(f)-1 {
			want = '\n'
		}
		if i == start || i >= len(s) || s[i] != want {
			return "", fmt.Errorf("sqldb: malformed IP ASN input entry at %q", clip(s))
		}
		i++
		f[n] = int64(v)
		if neg {
			f[n] = -f[n]
		}
	}
	lens := f[2:]
	if lens[0] < 0 || lens[1] < 0 || lens[2] < 0 || lens[0]+lens[1]+lens[2] > int64(len(s)-i) {
		return "", fmt.Errorf("sqldb: malformed IP ASN input entry at %q", clip(s))
	}
	e.id, e.hash = f[0], f[1]
	e.education, i = s[i:i+int(lens[0])], i+int(lens[0])
	e.jenis, i = s[i:i+int(lens[1])], i+int(lens[1])
	e.facts, i = s[i:i+int(lens[2])], i+int(lens[2])
	return s[i:], nil
}

// clip shortens a malformed block for an error message.
func clip(s string) string { return s[:min(len(s), 40)] }

// decodeBlock decodes every entry of a block.
func decodeBlock(s string) ([]inputEntry, error) {
	var out []inputEntry
	for s != "" {
		var e inputEntry
		var err error
		if s, err = nextEntry(s, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// setEntry puts e in the ID-ordered entries, replacing the entry of the same
// employee.
func setEntry(entries []inputEntry, e inputEntry) []inputEntry {
	i, found := slices.BinarySearchFunc(entries, e.id, func(x inputEntry, id int64) int { return cmpInt(x.id, id) })
	if found {
		entries[i] = e
		return entries
	}
	return slices.Insert(entries, i, e)
}

// dropEntry removes the employee's entry, if any.
func dropEntry(entries []inputEntry, id int64) []inputEntry {
	i, found := slices.BinarySearchFunc(entries, id, func(x inputEntry, id int64) int { return cmpInt(x.id, id) })
	if found {
		return slices.Delete(entries, i, i+1)
	}
	return entries
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// newEntry is the entry of a freshly read input, keeping the score
// fingerprint hash.
func newEntry(id, hash int64, in *ipasn.Input) inputEntry {
	return inputEntry{id: id, hash: hash, education: in.Education, jenis: in.Jenis, facts: string(in.AppendFacts(nil))}
}

// putBlocks returns the writer of blocks (agency, block, employees, inputs),
// a hundred a statement (a block is a few kilobytes).
func (tx *Tx) putBlocks() *rowWriter {
	return tx.rows(`INSERT INTO ipasn_input_block (agency_id, block, employees, inputs) VALUES `,
		` ON CONFLICT (agency_id, block) DO UPDATE SET employees = excluded.employees, inputs = excluded.inputs`, 4, 100)
}

// readBlock reads a block inside the transaction; a block not stored is
// empty.
func (tx *Tx) readBlock(ctx context.Context, agencyID, block int64) ([]inputEntry, error) {
	var data string
	err := tx.QueryRowContext(ctx, `SELECT inputs FROM ipasn_input_block WHERE agency_id = $1 AND block = $2`, agencyID, block).Scan(&data)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	entries, err := decodeBlock(data)
	if err != nil {
		return nil, fmt.Errorf("block %d: %w", block, err)
	}
	return entries, nil
}

// lockIPASN makes the transaction the agency's only writer of IP ASN inputs
// and fingerprints until it ends, so two recomputes never rewrite a block
// from the same old copy (SQLite's writer is alone anyway; on PostgreSQL
// this takes the row lock of the agency's ipasn_state).
func (tx *Tx) lockIPASN(ctx context.Context, agencyID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO ipasn_state (agency_id, audit_seq, version, measured_on, recomputed_at)
		VALUES ($1, 0, '', $2, $3) ON CONFLICT (agency_id) DO UPDATE SET agency_id = excluded.agency_id`,
		agencyID, "0001-01-01", tx.now)
	return err
}

// input sets in to the entry's input (in is reset first; it keeps
// substrings of the entry).
func (e *inputEntry) input(in *ipasn.Input) {
	in.Reset()
	in.Education, in.Jenis = e.education, e.jenis
	in.ParseFacts(e.facts)
}
