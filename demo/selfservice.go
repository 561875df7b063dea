package demo

import (
	"context"

	"merit"
	"merit/auth"
	"merit/sqldb"
)

// createEmployeeUser adds the self-service account of the agency's first PNS
// by NIP: its username is the NIP and it reads only that employee's record.
// The agency's employees must already be written.
func createEmployeeUser(ctx context.Context, db *sqldb.DB, a *merit.Agency) (SignIn, error) {
	page, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Status: "PNS", Sort: "nip", Limit: 1})
	if err != nil || len(page) == 0 {
		return SignIn{}, err
	}
	e := page[0]
	hash, err := auth.HashPassword(Password, auth.Cheap)
	if err != nil {
		return SignIn{}, err
	}
	u := &merit.User{Username: e.NIP, Name: e.Name,
		Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}
	if err := db.CreateUser(ctx, u, hash); err != nil && merit.KindOf(err) != merit.KindConflict {
		return SignIn{}, err
	}
	return SignIn{Username: u.Username, Role: merit.RoleEmployee}, nil
}
