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
			var body bytes.Buffer
			if err := s.write(&body); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_instrument (framework, version, name, unverified, body, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, 'system') ON CONFLICT DO NOTHING`, string(s.ref.Framework), s.ref.Version, s.name, s.unverified,
				body.String(), tx.now); err != nil {
				return err
			}
		}
		return nil
	})
}

func instrumentJSON(in *evaluation.Instrument) (string, error) {
	var b bytes.Buffer
	if err := evaluation.WriteInstrument(&b, in); err != nil {
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
// version; the JPT index, a different kind of instrument, is not among them.
func (db *DB) EvaluationInstruments(ctx context.Context) ([]InstrumentInfo, error) {
	const op = "sqldb.EvaluationInstruments"
	if err := signedIn(ctx, op); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT framework, version, name, unverified, updated_at, updated_by
		FROM evaluation_instrument WHERE framework <> $1 ORDER BY framework, version`, evaluation.InstrumentJPT)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	out := []InstrumentInfo{}
	for rows.Next() {
		var i InstrumentInfo
		if err := rows.Scan(&i.Framework, &i.Version, &i.Name, &i.Unverified, &i.UpdatedAt, &i.UpdatedBy); err != nil {
			return nil, translate(op, err)
		}
		i.UpdatedAt = i.UpdatedAt.UTC()
		out = append(out, i)
	}
	return out, translate(op, rows.Err())
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
	by := ""
	if a := merit.ActorFrom(ctx); a != nil {
		by = a.Username
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		old, err := findInstrument(ctx, tx, in.Ref())
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_instrument (framework, version, name, unverified, body, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, string(in.Framework), in.Version, in.Name, in.Unverified, body, tx.now, by); err != nil {
				return err
			}
			return tx.audit(ctx, 0, merit.AuditCreate, "evaluation_instrument", 0, nil, in)
		case err != nil:
			return err
		}
		var used int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM evaluation_assessment WHERE framework = $1 AND version = $2 AND status <> $3`,
			string(in.Framework), in.Version, string(evaluation.Draft)).Scan(&used); err != nil {
			return err
		}
		if used > 0 {
			return merit.Errorf(merit.KindConflict, op, "evaluation.err.instrument_used")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evaluation_instrument SET name = $3, unverified = $4, body = $5, updated_at = $6, updated_by = $7
			WHERE framework = $1 AND version = $2`, string(in.Framework), in.Version, in.Name, in.Unverified, body, tx.now, by); err != nil {
			return err
		}
		return tx.audit(ctx, 0, merit.AuditUpdate, "evaluation_instrument", 0, old, in)
	}))
}
