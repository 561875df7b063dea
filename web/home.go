package web

import (
	"net/http"

	"merit"
	"merit/auth"
)

// agenciesView is the data of the agency chooser.
type agenciesView struct {
	Agencies []*merit.Agency
	Roles    map[int64]merit.Role
}

// home sends a visitor where they work: the sign-in page, their agency's
// dashboard, or a chooser when they belong to several agencies.
func (h *handler) home(w http.ResponseWriter, r *http.Request) error {
	s := auth.SessionFrom(r.Context())
	if s == nil {
		return redirect(w, r, "/masuk", "")
	}
	if to := landing(s.User); to != "" {
		return redirect(w, r, to, "")
	}
	agencies, err := h.db.FindAgencies(r.Context())
	if err != nil {
		return err
	}
	v := agenciesView{Agencies: agencies, Roles: map[int64]merit.Role{}}
	for _, g := range s.User.Grants {
		v.Roles[g.AgencyID] = g.Role
	}
	return h.render(w, r, http.StatusOK, "agencies", &page{Data: v})
}

// landing is where a user with a single grant works: an employee's own page
// or the agency's dashboard; a platform admin without grants, the agencies
// page; "" for the chooser.
func landing(u *merit.User) string {
	switch {
	case u.PlatformAdmin && len(u.Grants) == 0:
		return "/instansi"
	case len(u.Grants) != 1:
		return ""
	case u.Grants[0].Role == merit.RoleEmployee:
		return "/saya"
	case u.Grants[0].Role == merit.RolePanel || u.Grants[0].Role == merit.RoleAssessor:
		return "/a/" + u.Grants[0].AgencyCode + "/seleksi" // the selections they sit on
	default:
		return "/a/" + u.Grants[0].AgencyCode
	}
}
