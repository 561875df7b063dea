package merit

import (
	"context"
	"testing"
)

// TestRolePermissions pins the role table: who may do what in their own
// agency, and that nobody reaches another agency.
func TestRolePermissions(t *testing.T) {
	all := []Permission{PermRead, PermWrite, PermImport, PermExport, PermManageUsers}
	want := map[Role][]Permission{
		RoleAdmin:     all,
		RoleOperator:  {PermRead, PermWrite, PermImport, PermExport},
		RoleViewer:    {PermRead},
		RoleEvaluator: {PermRead},
		RolePPK:       {PermRead},
		RolePanel:     nil,
		RoleAssessor:  nil,
	}
	for _, role := range Roles {
		rules := want[role] // a role without a rule here must hold no registry permission
		ctx := WithActor(context.Background(), &Actor{UserID: 1, Grants: []Grant{{AgencyID: 7, Role: role}}})
		for _, p := range all {
			allowed := false
			for _, r := range rules {
				allowed = allowed || r == p
			}
			err := Authorize(ctx, p, 7)
			switch {
			case allowed && err != nil:
				t.Errorf("%s %s own agency: %v, want allowed", role, p, err)
			case !allowed && KindOf(err) != KindForbidden:
				t.Errorf("%s %s own agency: %v, want forbidden", role, p, err)
			}
			if err := Authorize(ctx, p, 8); KindOf(err) != KindNotFound {
				t.Errorf("%s %s other agency: %v, want not found", role, p, err)
			}
		}
	}
	if err := Authorize(context.Background(), PermRead, 7); KindOf(err) != KindUnauthenticated {
		t.Errorf("anonymous: %v", err)
	}
}

// TestEvaluatorSeveralAgencies: an evaluator granted two agencies reads both,
// writes neither, and sees nothing of a third.
func TestEvaluatorSeveralAgencies(t *testing.T) {
	ctx := WithActor(context.Background(), &Actor{UserID: 1,
		Grants: []Grant{{AgencyID: 1, Role: RoleEvaluator}, {AgencyID: 2, Role: RoleEvaluator}}})
	for _, id := range []int64{1, 2} {
		if err := Authorize(ctx, PermRead, id); err != nil {
			t.Errorf("read %d: %v", id, err)
		}
		if err := Authorize(ctx, PermWrite, id); KindOf(err) != KindForbidden {
			t.Errorf("write %d: %v", id, err)
		}
	}
	if err := Authorize(ctx, PermRead, 3); KindOf(err) != KindNotFound {
		t.Errorf("read 3: %v", err)
	}
}

// TestRoleCovers: a role covers another when it holds every permission of
// it, which is what keeps an API token within its user's role.
func TestRoleCovers(t *testing.T) {
	cases := []struct {
		r, o Role
		want bool
	}{
		{RoleAdmin, RoleOperator, true},
		{RoleOperator, RoleViewer, true},
		{RoleViewer, RoleOperator, false},
		{RoleOperator, RoleAdmin, false},
		{RoleEvaluator, RoleViewer, true},
		{RoleViewer, RolePPK, false}, // the PPK decides (talent.decide), a viewer does not
		{RolePPK, RoleViewer, true},
		{RoleAdmin, RolePPK, false}, // nor does the BKPSDM head: setting is the PPK's act
		{RolePanel, RoleViewer, false},
		{RoleViewer, RolePanel, false},    // scoring is the panel's own act
		{RoleAdmin, RoleEvaluator, false}, // so is verifying a merit-system assessment
		{RoleAssessor, RoleEvaluator, false},
		{RoleAdmin, Role("root"), false},
		{Role(""), RoleViewer, false},
	}
	for _, c := range cases {
		if got := c.r.Covers(c.o); got != c.want {
			t.Errorf("%s covers %s: got %v, want %v", c.r, c.o, got, c.want)
		}
	}
	ownActs := map[Role]bool{RolePPK: true, RoleEvaluator: true, RolePanel: true, RoleAssessor: true, RoleEmployee: true}
	for _, r := range Roles {
		if !r.Covers(r) || (!ownActs[r] && !RoleAdmin.Covers(r)) {
			t.Errorf("%s: not covered by itself or by admin", r)
		}
	}
}
