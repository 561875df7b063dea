package web

import (
	"net/http"
	"net/url"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// employeeForm builds the employee form for an agency: selects filled from
// the reference data and the agency's units and positions.
func (h *handler) employeeForm(r *http.Request, a *merit.Agency) (formView, error) {
	ctx := r.Context()
	ref, err := h.db.Reference(ctx)
	if err != nil {
		return formView{}, err
	}
	units, err := h.db.FindUnits(ctx, a.ID)
	if err != nil {
		return formView{}, err
	}
	positions, err := h.db.FindPositions(ctx, a.ID, 0)
	if err != nil {
		return formView{}, err
	}
	lang := langOf(r)
	return formView{
		Submit: "ui.save",
		Sections: []formSection{
			{Title: "ui.form.identity", Fields: []field{
				{Name: "nip", Label: "field.nip", Type: "text", Required: true, Hint: "ui.hint.nip", Auto: "off"},
				{Name: "name", Label: "field.name", Type: "text", Required: true, Hint: "ui.hint.name", Auto: "off"},
				{Name: "gelarDepan", Label: "field.gelarDepan", Type: "text", Hint: "ui.hint.gelar_depan", Auto: "off"},
				{Name: "gelarBelakang", Label: "field.gelarBelakang", Type: "text", Hint: "ui.hint.gelar_belakang", Auto: "off"},
				{Name: "birthPlace", Label: "field.birthPlace", Type: "text", Auto: "off"},
				{Name: "birthDate", Label: "field.birthDate", Type: "date", Required: true},
				{Name: "sex", Label: "field.sex", Type: "select", Required: true, Options: sexOptions(lang), Blank: "ui.choose"},
				{Name: "religion", Label: "field.religion", Type: "select", Required: true, Options: refOptions(lang, ref.Agama), Blank: "ui.choose"},
				{Name: "nik", Label: "field.nik", Type: "text", Hint: "ui.hint.nik", Auto: "off"},
			}},
			{Title: "ui.form.employment", Fields: []field{
				{Name: "status", Label: "field.status", Type: "select", Required: true, Options: refOptions(lang, ref.StatusPegawai), Blank: "ui.choose"},
				{Name: "tmtCpns", Label: "field.tmtCpns", Type: "date"},
				{Name: "golongan", Label: "field.golongan", Type: "select", Required: true, Groups: golonganGroups(lang, ref), Blank: "ui.choose"},
				{Name: "tmtGolongan", Label: "field.tmtGolongan", Type: "date"},
				{Name: "education", Label: "field.education", Type: "select", Required: true, Options: refOptions(lang, ref.Pendidikan), Blank: "ui.choose"},
			}},
			{Title: "ui.form.position", Fields: []field{
				{Name: "unitId", Label: "field.unitId", Type: "select", Options: unitOptions(units), Blank: "ui.choose"},
				{Name: "positionId", Label: "field.positionId", Type: "select", Groups: positionGroups(lang, ref, units, positions),
					Blank: "ui.choose", Hint: "ui.hint.position"},
				{Name: "tmtJabatan", Label: "field.tmtJabatan", Type: "date"},
			}},
			{Title: "ui.form.contact", Fields: []field{
				{Name: "email", Label: "field.email", Type: "email", Auto: "off"},
				{Name: "phone", Label: "field.phone", Type: "tel", Auto: "off"},
				{Name: "alamat", Label: "field.alamat", Type: "text", Auto: "off"},
			}},
		},
	}, nil
}

// employeeValues are an employee's fields as form values.
func employeeValues(e *merit.Employee) url.Values {
	return url.Values{
		"nip": {e.NIP}, "name": {e.Name}, "gelarDepan": {e.GelarDepan}, "gelarBelakang": {e.GelarBelakang},
		"birthPlace": {e.BirthPlace}, "birthDate": {e.BirthDate.String()}, "sex": {e.Sex}, "religion": {e.Religion},
		"status": {e.Status}, "tmtCpns": {e.TMTCPNS.String()}, "golongan": {e.Golongan},
		"tmtGolongan": {e.TMTGolongan.String()}, "education": {e.Education}, "unitId": {idValue(e.UnitID)},
		"positionId": {idValue(e.PositionID)}, "tmtJabatan": {e.TMTJabatan.String()}, "email": {e.Email},
		"phone": {e.Phone}, "nik": {e.NIK}, "alamat": {e.Alamat},
	}
}

// employeeFromForm reads the posted form into an employee. Values that
// cannot be read (a date that is no date) are returned as field errors.
func employeeFromForm(v url.Values) (*merit.Employee, merit.Fields) {
	var fs merit.Fields
	text := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	e := &merit.Employee{
		NIP: text("nip"), Name: text("name"), GelarDepan: text("gelarDepan"), GelarBelakang: text("gelarBelakang"),
		BirthPlace: text("birthPlace"), Sex: text("sex"), Religion: text("religion"), Status: text("status"),
		Golongan: text("golongan"), Education: text("education"), Email: text("email"), Phone: text("phone"),
		NIK: text("nik"), Alamat: text("alamat"),
	}
	e.BirthDate = parseDate(&fs, v, "birthDate")
	e.TMTCPNS = parseDate(&fs, v, "tmtCpns")
	e.TMTGolongan = parseDate(&fs, v, "tmtGolongan")
	e.TMTJabatan = parseDate(&fs, v, "tmtJabatan")
	e.UnitID = parseID(&fs, v, "unitId")
	e.PositionID = parseID(&fs, v, "positionId")
	return e, fs
}

// showEmployeeForm renders the employee form, with the values and messages
// of a failed attempt when err is a validation error or a conflict.
func (h *handler) showEmployeeForm(w http.ResponseWriter, r *http.Request, a *merit.Agency, e *merit.Employee, values url.Values, err error) error {
	fv, ferr := h.employeeForm(r, a)
	if ferr != nil {
		return ferr
	}
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	lang := langOf(r)
	if e.ID == 0 {
		fv.Title, fv.Action, fv.Cancel = i18n.T(lang, "ui.employee.new"), agencyURL(a, "pegawai", "baru"), agencyURL(a, "pegawai")
	} else {
		fv.Title, fv.Subtitle = i18n.T(lang, "ui.employee.edit"), e.FullName()
		fv.Action, fv.Cancel = agencyURL(a, "pegawai", e.ID, "ubah"), agencyURL(a, "pegawai", e.ID)
	}
	fv.apply(lang, values, formErrors(lang, err))
	return h.render(w, r, status, "form", &page{Agency: a, Nav: "employees", Data: fv})
}

// newEmployee shows the empty form for a new employee.
func (h *handler) newEmployee(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	return h.showEmployeeForm(w, r, a, &merit.Employee{}, url.Values{}, nil)
}

// editEmployee shows the form filled with an employee's data.
func (h *handler) editEmployee(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	return h.showEmployeeForm(w, r, a, e, employeeValues(e), nil)
}
