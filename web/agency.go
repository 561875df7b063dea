package web

import (
	"net/http"
	"net/url"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// platformAgenciesView is the data of the platform admin's agencies page.
type platformAgenciesView struct {
	Agencies []*merit.Agency
	Add      formView
}

// showPlatformAgencies renders the agency list and its add form with the
// status of err.
func (h *handler) showPlatformAgencies(w http.ResponseWriter, r *http.Request, values url.Values, err error) error {
	ctx := r.Context()
	if aerr := merit.AuthorizePlatform(ctx); aerr != nil {
		return aerr
	}
	agencies, ferr := h.db.FindAgencies(ctx)
	if ferr != nil {
		return ferr
	}
	ref, ferr := h.db.Reference(ctx)
	if ferr != nil {
		return ferr
	}
	lang := langOf(r)
	v := platformAgenciesView{Agencies: agencies, Add: formView{Title: i18n.T(lang, "ui.agency.new"), Action: "/instansi",
		Submit: "ui.agency.add", Sections: []formSection{{Fields: []field{
			{Name: "code", Label: "field.code", Type: "text", Required: true, Auto: "off", Hint: "ui.agency.code_hint"},
			{Name: "name", Label: "field.name", Type: "text", Required: true, Auto: "off"},
			{Name: "kind", Label: "field.kind", Type: "select", Required: true, Options: refOptions(lang, ref.AgencyKind)},
		}}}}}
	v.Add.apply(lang, values, formErrors(lang, err))
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	return h.render(w, r, status, "platform_agencies", &page{Nav: "agencies", Data: v})
}

// listPlatformAgencies is the platform admin's page: every agency, each
// with a link to its accounts, and a form to add one.
func (h *handler) listPlatformAgencies(w http.ResponseWriter, r *http.Request) error {
	return h.showPlatformAgencies(w, r, nil, nil)
}

// createPlatformAgency adds an agency and goes to its accounts, where the
// platform admin adds its first admin.
func (h *handler) createPlatformAgency(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	a := &merit.Agency{Code: r.PostForm.Get("code"), Name: r.PostForm.Get("name"), Kind: r.PostForm.Get("kind")}
	err := h.db.CreateAgency(r.Context(), a)
	if hasFieldErrors(err) {
		return h.showPlatformAgencies(w, r, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pengguna"), "ui.flash.agency_created", a.Name)
}
