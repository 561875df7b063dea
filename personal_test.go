package merit

import "testing"

// The NIK's structure is checked part by part (Dukcapil layout).
func TestCheckNIK(t *testing.T) {
	for nik, want := range map[string]string{
		"3371031003850001": "",               // man born 10-03-1985, Kota Magelang
		"3371035003850002": "",               // woman born 10-03-1985 (day + 40)
		"9501012902000001": "",               // 29 Feb 2000, Papua Pegunungan
		"337103100385001":  "nik.format",     // 15 digits
		"33710310038500a1": "nik.format",     // a letter
		"3371••••••••0001": "nik.format",     // a masked NIK is never stored
		"9971031003850001": "nik.region",     // no province 99
		"3300031003850001": "nik.region",     // regency 00
		"3371001003850001": "nik.region",     // district 00
		"3371033203850001": "nik.birth_date", // day 32
		"3371037203850001": "nik.birth_date", // day 72 (32 + 40)
		"3371031013850001": "nik.birth_date", // month 13
		"3371033002850001": "nik.birth_date", // 30 February
		"3371031003850000": "nik.serial",
	} {
		if got := checkNIK(nik); got != want {
			t.Errorf("%s: got %q, want %q", nik, got, want)
		}
	}
}

// Every role that may write or export employee data also sees personal
// data, so a masked value is never written back or exported by a writer,
// and the masking in the store is the only place that decides.
func TestWritersSeePersonal(t *testing.T) {
	for _, r := range Roles {
		if (r.Has(PermWrite) || r.Has(PermImport) || r.Has(PermExport)) && !r.Has(PermPersonal) {
			t.Errorf("%s writes or exports without %s", r, PermPersonal)
		}
	}
}

// Masking keeps only what the documented rule keeps, and marks each field.
func TestMaskPersonal(t *testing.T) {
	e := &Employee{AgencyID: 1, ID: 7, NIK: "3371031003850001", Alamat: "Jl. Pemuda 12", BirthDate: MustDate("1985-03-10"),
		Religion: "ISLAM", Phone: "0812 3456 7890", Email: "siti@example.go.id", Name: "Siti"}
	viewer := &Actor{Grants: []Grant{{AgencyID: 1, Role: RoleViewer}}}
	self := &Actor{Grants: []Grant{{AgencyID: 1, Role: RoleEmployee, EmployeeID: 7}}}
	otherSelf := &Actor{Grants: []Grant{{AgencyID: 1, Role: RoleEmployee, EmployeeID: 8}}}
	if !self.SeesPersonal(1, 7) || otherSelf.SeesPersonal(1, 7) || viewer.SeesPersonal(1, 7) || !SystemActor.SeesPersonal(1, 7) {
		t.Error("SeesPersonal decides wrongly")
	}
	var nobody *Actor
	if nobody.SeesPersonal(1, 7) {
		t.Error("no actor sees personal data")
	}
	e.MaskPersonal()
	want := Employee{AgencyID: 1, ID: 7, NIK: "3371••••••••0001", Alamat: "••••••", Religion: "••••", Phone: "0812••••••••90",
		Email: "s•••@example.go.id", Name: "Siti", BirthYear: 1985}
	if e.NIK != want.NIK || e.Alamat != want.Alamat || e.Religion != want.Religion || e.Phone != want.Phone ||
		e.Email != want.Email || !e.BirthDate.IsZero() || e.BirthYear != 1985 || e.Name != "Siti" {
		t.Errorf("masked: %+v", e)
	}
	for _, f := range PersonalFields {
		if !e.IsMasked(f) {
			t.Errorf("%s not marked masked", f)
		}
	}
}
