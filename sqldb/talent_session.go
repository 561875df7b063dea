package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"merit"
	"merit/talent"
)

const sessionColumns = `agency_id, id, review_id, name, held_on, participants, locked, decree, distribution, locked_by, locked_at,
	created_by, created_at`

func scanSession(s scanner) (*talent.Session, error) {
	ts := &talent.Session{}
	var participants, dist string
	var lockedAt sql.NullTime
	err := s.Scan(&ts.AgencyID, &ts.ID, &ts.ReviewID, &ts.Name, &ts.HeldOn, &participants, &ts.Locked, &ts.Decree, &dist,
		&ts.LockedBy, &lockedAt, &ts.CreatedBy, &ts.CreatedAt)
	if err != nil {
		return nil, err
	}
	if participants != "" {
		ts.Participants = strings.Split(participants, "\n")
	}
	if lockedAt.Valid {
		t := lockedAt.Time
		ts.LockedAt = &t
	}
	if dist != "" {
		var d [2]talent.Distribution
		if err := json.Unmarshal([]byte(dist), &d); err != nil {
			return nil, err
		}
		ts.Before, ts.After = d[0], d[1]
	}
	return ts, nil
}

// CreateTalentSession opens a calibration session on a review (s.ID is
// set; ReviewID 0 is the latest review), audited. A review has at most one open session at a time: another
// is KindConflict until it is locked.
func (db *DB) CreateTalentSession(ctx context.Context, s *talent.Session) error {
	const op = "sqldb.CreateTalentSession"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, s.AgencyID); err != nil {
		return err
	}
	if err := s.Validate(merit.DateOf(db.Now())); err != nil {
		return err
	}
	s.CreatedBy, s.Locked = merit.ActorFrom(ctx).Username, false
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		rv, err := talentReview(ctx, tx, s.AgencyID, s.ReviewID)
		if err != nil {
			return err
		}
		s.ReviewID = rv.ID
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM talent_session WHERE agency_id = $1 AND review_id = $2 AND NOT locked`,
			s.AgencyID, s.ReviewID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return merit.Errorf(merit.KindConflict, op, "talent.err.session_open")
		}
		id, err := tx.nextID(ctx, "talent_session")
		if err != nil {
			return err
		}
		s.ID, s.CreatedAt = id, tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO talent_session (agency_id, id, review_id, name, held_on, participants, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, s.AgencyID, s.ID, s.ReviewID, s.Name, s.HeldOn, strings.Join(s.Participants, "\n"),
			s.CreatedBy, s.CreatedAt); err != nil {
			return err
		}
		return tx.audit(ctx, s.AgencyID, merit.AuditCreate, "talent_session", s.ID, nil, s)
	}))
}

// TalentSessions returns the sessions of a review, the newest first
// (without moves). The list is read again after a write or after readTTL
// (see readCache); the caller must not change it.
func (db *DB) TalentSessions(ctx context.Context, agencyID, reviewID int64) ([]*talent.Session, error) {
	const op = "sqldb.TalentSessions"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	out, err := cachedRead(db, readKey{what: "talent_sessions", agency: agencyID, id: reviewID}, func() ([]*talent.Session, error) {
		rows, err := db.read.QueryContext(ctx, `SELECT `+sessionColumns+` FROM talent_session WHERE agency_id = $1 AND review_id = $2
			ORDER BY id DESC`, agencyID, reviewID)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []*talent.Session
		for rows.Next() {
			s, err := scanSession(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, rows.Err()
	})
	return out, translate(op, err)
}

// TalentSession returns one session with its moves and the distribution
// before and after it.
func (db *DB) TalentSession(ctx context.Context, agencyID, id int64) (*talent.Session, error) {
	const op = "sqldb.TalentSession"
	if err := merit.Authorize(ctx, merit.PermTalentRead, agencyID); err != nil {
		return nil, err
	}
	s, err := talentSession(ctx, db.read, agencyID, id)
	return s, translate(op, err)
}

func talentSession(ctx context.Context, q querier, agencyID, id int64) (*talent.Session, error) {
	s, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM talent_session WHERE agency_id = $1 AND id = $2`, agencyID, id))
	if err != nil {
		return nil, err
	}
	if s.Moves, err = talentMoves(ctx, q, agencyID, `m.session_id = $2`, id); err != nil {
		return nil, err
	}
	if !s.Locked {
		if s.Before, err = finalDistribution(ctx, q, agencyID, s.ReviewID); err != nil {
			return nil, err
		}
		s.After = applyMoves(s.Before, s.Moves)
	}
	return s, nil
}

// finalDistribution counts the review's final boxes.
func finalDistribution(ctx context.Context, q querier, agencyID, reviewID int64) (talent.Distribution, error) {
	var d talent.Distribution
	rows, err := q.QueryContext(ctx, `SELECT final_box, count(*) FROM talent_placement WHERE agency_id = $1 AND review_id = $2
		GROUP BY final_box`, agencyID, reviewID)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var box, n int
		if err := rows.Scan(&box, &n); err != nil {
			return d, err
		}
		if box >= 0 && box < len(d) {
			d[box] = n
		}
	}
	return d, rows.Err()
}

// applyMoves moves each moved person from the box he had before his first
// move in the session to the box of his last.
func applyMoves(d talent.Distribution, moves []talent.Move) talent.Distribution {
	first, last := map[int64]int{}, map[int64]int{}
	for _, m := range moves {
		if _, ok := first[m.EmployeeID]; !ok {
			first[m.EmployeeID] = m.FromBox
		}
		last[m.EmployeeID] = m.ToBox
	}
	for id, from := range first {
		d[from]--
		d[last[id]]++
	}
	return d
}

// talentMoves reads moves joined with their session and the employee's
// name, in order; cond uses $1 for the agency and $2.. for args.
func talentMoves(ctx context.Context, q querier, agencyID int64, cond string, args ...any) ([]talent.Move, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, m.session_id, m.employee_id, e.name, m.from_performance, m.from_potential, m.from_box,
		m.to_performance, m.to_potential, m.to_box, m.reason, m.moved_by, m.moved_at
		FROM talent_move m JOIN talent_session s ON s.agency_id = m.agency_id AND s.id = m.session_id
		JOIN employee e ON e.agency_id = m.agency_id AND e.id = m.employee_id
		WHERE m.agency_id = $1 AND `+cond+` ORDER BY m.id`, append([]any{agencyID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []talent.Move
	for rows.Next() {
		var m talent.Move
		var fp, fq, tp, tq uint8
		if err := rows.Scan(&m.ID, &m.SessionID, &m.EmployeeID, &m.Name, &fp, &fq, &m.FromBox, &tp, &tq, &m.ToBox, &m.Reason,
			&m.MovedBy, &m.MovedAt); err != nil {
			return nil, err
		}
		m.From = talent.Cell{Performance: talent.Level(fp), Potential: talent.Level(fq)}
		m.To = talent.Cell{Performance: talent.Level(tp), Potential: talent.Level(tq)}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MoveTalent moves a person of the session's review to another cell (m.To)
// for m.Reason, inside the open session: the move is stored with the place
// before it (the person's last move in the session, or his final place) and
// audited with before and after. A locked session refuses
// (KindConflict, talent.err.locked); an unmapped person cannot be moved,
// nor, by an operator limited to some units, a person outside them.
func (db *DB) MoveTalent(ctx context.Context, agencyID, sessionID int64, m *talent.Move) error {
	const op = "sqldb.MoveTalent"
	if err := merit.Authorize(ctx, merit.PermTalentWrite, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if err := checkEmployeeScope(ctx, tx, merit.PermTalentWrite, agencyID, m.EmployeeID); err != nil {
			return err
		}
		s, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM talent_session WHERE agency_id = $1 AND id = $2`, agencyID, sessionID))
		if err != nil {
			return err
		}
		if s.Locked {
			return merit.Errorf(merit.KindConflict, op, "talent.err.locked")
		}
		rv, err := talentReview(ctx, tx, agencyID, s.ReviewID)
		if err != nil {
			return err
		}
		var mapped bool
		var fp, fq uint8
		if err := tx.QueryRowContext(ctx, `SELECT mapped, final_performance, final_potential FROM talent_placement
			WHERE agency_id = $1 AND review_id = $2 AND employee_id = $3`, agencyID, s.ReviewID, m.EmployeeID).Scan(&mapped, &fp, &fq); err != nil {
			if err == sql.ErrNoRows {
				return merit.Invalid(op, merit.FieldError{Field: "employeeId", Code: "talent.err.not_in_review"})
			}
			return err
		}
		if !mapped {
			return merit.Invalid(op, merit.FieldError{Field: "employeeId", Code: "talent.err.unmapped"})
		}
		m.From = talent.Cell{Performance: talent.Level(fp), Potential: talent.Level(fq)}
		err = tx.QueryRowContext(ctx, `SELECT to_performance, to_potential FROM talent_move WHERE agency_id = $1 AND session_id = $2
			AND employee_id = $3 ORDER BY id DESC LIMIT 1`, agencyID, sessionID, m.EmployeeID).Scan(&fp, &fq)
		switch {
		case err == nil:
			m.From = talent.Cell{Performance: talent.Level(fp), Potential: talent.Level(fq)}
		case err != sql.ErrNoRows:
			return err
		}
		if err := m.Validate(); err != nil {
			return err
		}
		m.SessionID, m.FromBox, m.ToBox = sessionID, rv.Scheme.Box(m.From), rv.Scheme.Box(m.To)
		m.MovedBy, m.MovedAt = merit.ActorFrom(ctx).Username, tx.now
		if m.ID, err = tx.nextID(ctx, "talent_move"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO talent_move (agency_id, id, session_id, employee_id, from_performance, from_potential,
			from_box, to_performance, to_potential, to_box, reason, moved_by, moved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			agencyID, m.ID, sessionID, m.EmployeeID, int(m.From.Performance), int(m.From.Potential), m.FromBox,
			int(m.To.Performance), int(m.To.Potential), m.ToBox, m.Reason, m.MovedBy, m.MovedAt); err != nil {
			return err
		}
		before := map[string]any{"employeeId": m.EmployeeID, "box": m.FromBox, "cell": m.From}
		after := map[string]any{"employeeId": m.EmployeeID, "box": m.ToBox, "cell": m.To, "reason": m.Reason, "sessionId": sessionID}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "talent_move", m.ID, before, after)
	}))
}

// LockTalentSession ends a session, ditetapkan PPK (PermTalentDecide): each
// moved person's last move becomes his final place in the review
// (calibrated), the distribution before and after is kept with the
// session, and the session takes no more moves. Locking a locked session is
// KindConflict. Audited with the distribution and the decree number.
func (db *DB) LockTalentSession(ctx context.Context, agencyID, sessionID int64, decree string) error {
	const op = "sqldb.LockTalentSession"
	if err := merit.Authorize(ctx, merit.PermTalentDecide, agencyID); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		s, err := talentSession(ctx, tx, agencyID, sessionID)
		if err != nil {
			return err
		}
		if s.Locked {
			return merit.Errorf(merit.KindConflict, op, "talent.err.locked")
		}
		last := map[int64]talent.Move{}
		for _, m := range s.Moves {
			last[m.EmployeeID] = m
		}
		for id, m := range last {
			if _, err := tx.ExecContext(ctx, `UPDATE talent_placement SET final_performance = $4, final_potential = $5, final_box = $6,
				calibrated = TRUE WHERE agency_id = $1 AND review_id = $2 AND employee_id = $3`,
				agencyID, s.ReviewID, id, int(m.To.Performance), int(m.To.Potential), m.ToBox); err != nil {
				return err
			}
		}
		dist, err := json.Marshal([2]talent.Distribution{s.Before, s.After})
		if err != nil {
			return err
		}
		before := *s
		s.Locked, s.Decree, s.LockedBy = true, strings.TrimSpace(decree), merit.ActorFrom(ctx).Username
		now := tx.now
		s.LockedAt = &now
		if _, err := tx.ExecContext(ctx, `UPDATE talent_session SET locked = TRUE, decree = $3, distribution = $4, locked_by = $5, locked_at = $6
			WHERE agency_id = $1 AND id = $2`, agencyID, sessionID, s.Decree, string(dist), s.LockedBy, now); err != nil {
			return err
		}
		before.Moves, s.Moves = nil, nil
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "talent_session", sessionID, &before, s)
	}))
}
