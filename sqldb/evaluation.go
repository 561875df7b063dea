package sqldb

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"merit"
	"merit/evaluation"
)

// Instruments are national (one set for every agency): reading them needs
// only a signed-in actor; changing them is the platform's (AuthorizePlatform),
// audited on the global chain (agency 0).

// seedInstruments stores each shipped instrument version that is not stored
// yet (evaluation.Seeds, and the JPT index, evaluation.SeedJPT); it never overwrites a version the platform admin
// edited. Migrate runs it, so a new database starts with them. Like the
// reference data the migrations insert, seeding is installation, not an
// act of a user: it writes no audit entry (changes through
// SaveEvaluationInstrument do).
func (db *DB) seedInstruments(ctx context.Context) error {
	type seed struct {
		ref        evaluation.InstrumentRef
		name       string
		unverified bool
		write      func(io.Writer) error
	}
	var seeds []seed
	for _, in := range evaluation.Seeds() {
		seeds = append(seeds, seed{in.Ref(), in.Name, in.Unverified, func(w io.Writer) error { return evaluation.WriteInstrument(w, in) }})
	}
	jpt := evaluation.SeedJPT()
	seeds = append(seeds, seed{evaluation.InstrumentRef{Framework: jpt.Framework, Version: jpt.Version}, jptName, jpt.Unverified,
		func(w io.Writer) error { return evaluation.WriteJPTIndex(w, jpt) }})
	return db.writeTx(ctx, func(tx *Tx) error {
		for _, s := range seeds {
			body, err := fileText(s.write)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_instrument (framework, version, name, unverified, body, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, 'system') ON CONFLICT DO NOTHING`, string(s.ref.Framework), s.ref.Version, s.name, s.unverified,
				body, tx.now); err != nil {
				return err
			}
		}
		return nil
	})
}

func instrumentJSON(in *evaluation.Instrument) (string, error) {
	return fileText(func(w io.Writer) error { return evaluation.WriteInstrument(w, in) })
}

// fileText is what write writes, as the text stored in evaluation_instrument.body.
func fileText(write func(io.Writer) error) (string, error) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// signedIn answers KindUnauthenticated without an actor.
func signedIn(ctx context.Context, op string) error {
	if merit.ActorFrom(ctx) == nil {
		return merit.Errorf(merit.KindUnauthenticated, op, "err.unauthenticated")
	}
	return nil
}

// InstrumentInfo is a stored instrument version without its body: what a
// list shows.
type InstrumentInfo struct {
	Framework  evaluation.Framework `json:"framework"`
	Version    string               `json:"version"`
	Name       string               `json:"name"`
	Unverified bool                 `json:"unverified"`
	UpdatedAt  time.Time            `json:"updatedAt"`
	UpdatedBy  string               `json:"updatedBy"`
}

// EvaluationInstruments lists the stored instrument versions, by framework and
// version; the JPT index, a different kind of instrument, is not among them
// (JPTIndexVersions lists it).
func (db *DB) EvaluationInstruments(ctx context.Context) ([]InstrumentInfo, error) {
	const op = "sqldb.EvaluationInstruments"
	if err := signedIn(ctx, op); err != nil {
		return nil, err
	}
	out, err := instrumentInfos(ctx, db.read, "<>")
	return out, translate(op, err)
}

// instrumentInfos lists the stored versions whose framework is (is "=") or
// is not ("<>") the JPT index's.
func instrumentInfos(ctx context.Context, q querier, is string) ([]InstrumentInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT framework, version, name, unverified, updated_at, updated_by
		FROM evaluation_instrument WHERE framework `+is+` $1 ORDER BY framework, version`, evaluation.InstrumentJPT)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []InstrumentInfo{}
	for rows.Next() {
		var i InstrumentInfo
		if err := rows.Scan(&i.Framework, &i.Version, &i.Name, &i.Unverified, &i.UpdatedAt, &i.UpdatedBy); err != nil {
			return nil, err
		}
		i.UpdatedAt = i.UpdatedAt.UTC()
		out = append(out, i)
	}
	return out, rows.Err()
}

// EvaluationInstrument returns one stored instrument version.
func (db *DB) EvaluationInstrument(ctx context.Context, ref evaluation.InstrumentRef) (*evaluation.Instrument, error) {
	const op = "sqldb.EvaluationInstrument"
	if err := signedIn(ctx, op); err != nil {
		return nil, err
	}
	in, err := findInstrument(ctx, db.read, ref)
	return in, translate(op, err)
}

func findInstrument(ctx context.Context, q querier, ref evaluation.InstrumentRef) (*evaluation.Instrument, error) {
	var body string
	if ref.Framework == evaluation.InstrumentJPT {
		return nil, sql.ErrNoRows // not an Instrument: see latestJPTIndex
	}
	err := q.QueryRowContext(ctx, `SELECT body FROM evaluation_instrument WHERE framework = $1 AND version = $2`,
		string(ref.Framework), ref.Version).Scan(&body)
	if err != nil {
		return nil, err
	}
	return evaluation.ReadInstrument(strings.NewReader(body))
}

// SaveEvaluationInstrument stores an instrument version (the platform's act): a new
// version, or an edit of a stored one (the platform admin correcting the
// unverified seed). It is validated by the domain. A version already used
// by an assessment past draft is not changed (KindConflict): its scores
// must keep meaning what they meant; store a new version instead.
func (db *DB) SaveEvaluationInstrument(ctx context.Context, in *evaluation.Instrument) error {
	const op = "sqldb.SaveEvaluationInstrument"
	if err := merit.AuthorizePlatform(ctx); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	body, err := instrumentJSON(in)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return translate(op, db.saveInstrumentVersion(ctx, op, instrumentVersion{ref: in.Ref(), name: in.Name, unverified: in.Unverified,
		body: body, value: in, usedCode: "evaluation.err.instrument_used",
		find: func(tx *Tx) (any, error) { return findInstrument(ctx, tx, in.Ref()) },
		used: `SELECT COUNT(*) FROM evaluation_assessment WHERE framework = $1 AND version = $2 AND status <> '` + string(evaluation.Draft) + `'`}))
}

// instrumentVersion is one version to store in evaluation_instrument: a merit
// instrument or the JPT index, each with how to read the stored version
// (find) and to count the results that use it (used, a COUNT on framework
// $1 and version $2).
type instrumentVersion struct {
	ref        evaluation.InstrumentRef
	name       string
	unverified bool
	body       string
	value      any
	find       func(tx *Tx) (any, error)
	used       string
	usedCode   string
}

// saveInstrumentVersion inserts a new version, or replaces a stored one that
// no result uses yet (KindConflict with usedCode otherwise), audited on the
// global chain.
func (db *DB) saveInstrumentVersion(ctx context.Context, op string, v instrumentVersion) error {
	fw, by := string(v.ref.Framework), usernameOf(ctx)
	return db.writeTx(ctx, func(tx *Tx) error {
		old, err := v.find(tx)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_instrument (framework, version, name, unverified, body, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, fw, v.ref.Version, v.name, v.unverified, v.body, tx.now, by); err != nil {
				return err
			}
			return tx.audit(ctx, 0, merit.AuditCreate, "evaluation_instrument", 0, nil, v.value)
		case err != nil:
			return err
		}
		var used int
		if err := tx.QueryRowContext(ctx, v.used, fw, v.ref.Version).Scan(&used); err != nil {
			return err
		}
		if used > 0 {
			return merit.Errorf(merit.KindConflict, op, v.usedCode)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evaluation_instrument SET name = $3, unverified = $4, body = $5, updated_at = $6, updated_by = $7
			WHERE framework = $1 AND version = $2`, fw, v.ref.Version, v.name, v.unverified, v.body, tx.now, by); err != nil {
			return err
		}
		return tx.audit(ctx, 0, merit.AuditUpdate, "evaluation_instrument", 0, old, v.value)
	})
}
