package merit

import "context"

// AuthorizePerformance decides whether the context's actor may use perm
// (PermPerformanceRead or PermPerformanceWrite) on the SKP of employee
// employeeID, whose pejabat penilai is the employee raterID (0 when he has
// none). Anyone Authorize lets through may; so may an employee account for
// its own SKP (read only) and for the SKP of those it rates (read and write:
// PermenPANRB 6/2022 has the rater rate, see docs/decisions.md "Raters in
// self-service"). Any other record is KindNotFound for an employee account,
// as in AuthorizeEmployee.
func AuthorizePerformance(ctx context.Context, perm Permission, agencyID, employeeID, raterID int64) error {
	err := Authorize(ctx, perm, agencyID)
	if err == nil || KindOf(err) != KindForbidden {
		return err
	}
	for _, g := range ActorFrom(ctx).Grants {
		if g.AgencyID != agencyID || g.Role != RoleEmployee {
			continue
		}
		switch {
		case raterID != 0 && g.EmployeeID == raterID && g.EmployeeID != employeeID:
			return nil
		case perm == PermPerformanceRead && g.EmployeeID == employeeID:
			return nil
		}
		return Errorf(KindNotFound, "AuthorizePerformance", "err.not_found")
	}
	return err
}
