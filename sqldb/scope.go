package sqldb

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"merit"
)

// unitScope is the set of units of one agency that an actor limited to some
// units reaches: the units of its grant and every unit below them. A nil
// scope is no limit.
type unitScope map[int64]bool

// scopeOf returns the context actor's unit scope for perm in the agency
// (merit.Actor.UnitScope expanded to the sub-units); nil when not limited.
func scopeOf(ctx context.Context, q querier, perm merit.Permission, agencyID int64) (unitScope, error) {
	roots := merit.ActorFrom(ctx).UnitScope(perm, agencyID)
	if roots == nil {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, parent_id FROM unit WHERE agency_id = $1`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	children := map[int64][]int64{}
	for rows.Next() {
		var id int64
		var parent sql.NullInt64
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, err
		}
		children[parent.Int64] = append(children[parent.Int64], id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s := unitScope{}
	for stack := slices.Clone(roots); len(stack) > 0; {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if id == 0 || s[id] {
			continue
		}
		s[id] = true
		stack = append(stack, children[id]...)
	}
	return s, nil
}

// has reports whether the unit is inside the scope. An employee without a
// unit is outside every limited scope.
func (s unitScope) has(unitID int64) bool { return s == nil || s[unitID] }

// ids lists the scope's units in order (for an IN list); nil for no limit.
func (s unitScope) ids() []int64 {
	if s == nil {
		return nil
	}
	out := make([]int64, 0, len(s))
	for id := range s {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// checkScope answers KindNotFound when the employee is outside the context
// actor's unit scope for perm: an operator limited to some units does not
// learn that other records exist.
func checkScope(ctx context.Context, q querier, perm merit.Permission, e *merit.Employee) error {
	s, err := scopeOf(ctx, q, perm, e.AgencyID)
	if err != nil {
		return err
	}
	if !s.has(e.UnitID) {
		return merit.Errorf(merit.KindNotFound, "sqldb.checkScope", "err.not_found")
	}
	return nil
}

// checkScopeTarget refuses, with a field error on unitId, to write an
// employee (or a unit, field parentId) into a unit outside the context
// actor's write scope.
func checkScopeTarget(ctx context.Context, q querier, agencyID, unitID int64, field string) error {
	s, err := scopeOf(ctx, q, merit.PermWrite, agencyID)
	if err != nil {
		return err
	}
	if !s.has(unitID) {
		return merit.Invalid("sqldb.checkScopeTarget", merit.FieldError{Field: field, Code: "user.unit_outside_scope",
			Value: strconv.FormatInt(unitID, 10)})
	}
	return nil
}

// checkEmployeeScope reads the employee's unit and checks it as checkScope
// does; a missing employee is KindNotFound too.
func checkEmployeeScope(ctx context.Context, q querier, perm merit.Permission, agencyID, employeeID int64) error {
	if merit.ActorFrom(ctx).UnitScope(perm, agencyID) == nil {
		return nil
	}
	var unit sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT unit_id FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, employeeID).Scan(&unit)
	if err != nil {
		return translate("sqldb.checkEmployeeScope", err)
	}
	return checkScope(ctx, q, perm, &merit.Employee{AgencyID: agencyID, UnitID: unit.Int64})
}

// checkUnitScope answers KindNotFound for a unit outside the context
// actor's write scope (a unit-limited operator editing another bidang).
func checkUnitScope(ctx context.Context, q querier, agencyID, unitID int64) error {
	s, err := scopeOf(ctx, q, merit.PermWrite, agencyID)
	if err != nil {
		return err
	}
	if !s.has(unitID) {
		return merit.Errorf(merit.KindNotFound, "sqldb.checkScopeUnit", "err.not_found")
	}
	return nil
}
