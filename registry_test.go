package merit_test

import (
	"context"
	"slices"
	"testing"

	"merit"
)

// testRef is a small reference set in the shape the migrations seed.
func testRef() *merit.Reference {
	return merit.NewReference(map[string][]merit.RefItem{
		merit.RefGolongan: {
			{Code: "III/a", Name: "III/a", Group: "PNS", Extra: "Penata Muda", Ordinal: 31, Aliases: "3a|31"},
			{Code: "III/c", Name: "III/c", Group: "PNS", Extra: "Penata", Ordinal: 33, Aliases: "3c|33"},
			{Code: "IX", Name: "IX", Group: "PPPK", Ordinal: 109},
		},
		merit.RefStatusPegawai: {
			{Code: "PNS", Name: "PNS", Group: "PNS"}, {Code: "CPNS", Name: "CPNS", Group: "PNS"},
			{Code: "PPPK", Name: "PPPK", Group: "PPPK", Aliases: "p3k"},
		},
		merit.RefAgama:      {{Code: "ISLAM", Name: "Islam"}, {Code: "KATOLIK", Name: "Katolik", Aliases: "katholik"}},
		merit.RefPendidikan: {{Code: "S1", Name: "S-1", Aliases: "sarjana"}, {Code: "SMA", Name: "SMA/SLTA", Aliases: "slta"}},
		merit.RefJenisJabatan: {
			{Code: "JF_KEAHLIAN", Name: "JF Keahlian", Group: "JF"}, {Code: "PELAKSANA", Name: "Pelaksana", Group: "JA"},
		},
		merit.RefJenjangJabatan: {{Code: "AHLI_MUDA", Name: "Ahli Muda", Group: "JF_KEAHLIAN"}, {Code: "MAHIR", Name: "Mahir", Group: "JF_KETERAMPILAN"}},
		merit.RefJenisDiklat:    {{Code: "TEKNIS", Name: "Teknis"}},
		merit.RefHukdis:         {{Code: "TEGURAN_LISAN", Name: "Teguran lisan", Group: "RINGAN"}},
		merit.RefAgencyKind:     {{Code: "KOTA", Name: "Pemerintah Kota"}},
	})
}

var today = merit.MustDate("2026-11-23")

func validEmployee() *merit.Employee {
	return &merit.Employee{
		NIP: "198503102010011002", Name: "Budi Santoso", BirthPlace: "Magelang", BirthDate: merit.MustDate("1985-03-10"),
		Sex: "L", Religion: "islam", Status: "PNS", TMTCPNS: merit.MustDate("2010-01-01"), Golongan: "3c",
		TMTGolongan: merit.MustDate("2018-04-01"), Education: "Sarjana", Email: "budi@magelangkota.go.id", Phone: "+62 812-2700-1234",
	}
}

func fieldCodes(err error) []string {
	var out []string
	for _, f := range merit.FieldsOf(err) {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func TestEmployeeValidate(t *testing.T) {
	ref := testRef()
	e := validEmployee()
	if err := e.Validate(ref, today); err != nil {
		t.Fatalf("valid employee: %v", err)
	}
	// Other spellings are normalized to reference codes.
	if e.Sex != merit.SexMale || e.Religion != "ISLAM" || e.Golongan != "III/c" || e.Education != "S1" {
		t.Errorf("not normalized: %+v", e)
	}
	tests := []struct {
		name   string
		change func(*merit.Employee)
		want   []string
	}{
		{"name required", func(e *merit.Employee) { e.Name = "  " }, []string{"name:field.required"}},
		{"nip short", func(e *merit.Employee) { e.NIP = "19850310201001100" }, []string{"nip:nip.length"}},
		{"nip birth date", func(e *merit.Employee) { e.BirthDate = merit.MustDate("1985-03-11") }, []string{"nip:nip.birth_date_mismatch"}},
		{"nip sex", func(e *merit.Employee) { e.Sex = "P" }, []string{"nip:nip.sex_mismatch"}},
		{"nip tmt cpns", func(e *merit.Employee) { e.TMTCPNS = merit.MustDate("2010-03-01") }, []string{"nip:nip.tmt_cpns_mismatch"}},
		{"unknown golongan", func(e *merit.Employee) { e.Golongan = "V/a" }, []string{"golongan:field.unknown_ref"}},
		{"pppk golongan for pns", func(e *merit.Employee) { e.Golongan = "IX" }, []string{"golongan:employee.golongan_scale"}},
		{"future date", func(e *merit.Employee) { e.TMTGolongan = merit.MustDate("2027-01-01") }, []string{"tmtGolongan:field.date_future"}},
		{"today is not future", func(e *merit.Employee) { e.TMTGolongan = today }, nil},
		{"golongan before cpns", func(e *merit.Employee) { e.TMTGolongan = merit.MustDate("2009-01-01") }, []string{"tmtGolongan:employee.tmt_before_cpns"}},
		{"bad sex", func(e *merit.Employee) { e.Sex = "X" }, []string{"sex:field.sex_invalid"}},
		{"bad email", func(e *merit.Employee) { e.Email = "budi at kota" }, []string{"email:field.email_invalid"}},
		{"bad phone", func(e *merit.Employee) { e.Phone = "12ab" }, []string{"phone:field.phone_invalid"}},
		{"missing birth date", func(e *merit.Employee) { e.BirthDate = merit.Date{} }, []string{"birthDate:field.required"}},
		{"pppk number as pns", func(e *merit.Employee) {
			e.NIP, e.BirthDate, e.TMTCPNS, e.TMTGolongan = "199001152022212003", merit.MustDate("1990-01-15"), merit.MustDate("2022-03-01"), merit.MustDate("2022-03-01")
			e.Sex = "P"
		}, []string{"nip:nip.not_pns"}},
		{"pppk ok", func(e *merit.Employee) {
			e.NIP, e.BirthDate, e.TMTCPNS, e.TMTGolongan = "199001152022212003", merit.MustDate("1990-01-15"), merit.MustDate("2022-03-01"), merit.MustDate("2022-03-01")
			e.Sex, e.Status, e.Golongan = "P", "p3k", "IX"
		}, nil},
	}
	for _, tt := range tests {
		e := validEmployee()
		tt.change(e)
		got := fieldCodes(e.Validate(ref, today))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPositionValidate(t *testing.T) {
	ref := testRef()
	tests := []struct {
		p    merit.Position
		want []string
	}{
		{merit.Position{Name: "Analis SDM Aparatur Ahli Muda", Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_MUDA", KelasJabatan: 9}, nil},
		{merit.Position{Name: "Pengadministrasi", Jenis: "PELAKSANA"}, nil},
		{merit.Position{Name: "Analis", Jenis: "JF_KEAHLIAN"}, []string{"jenjang:position.jenjang_required"}},
		{merit.Position{Name: "Analis", Jenis: "JF_KEAHLIAN", Jenjang: "MAHIR"}, []string{"jenjang:position.jenjang_mismatch"}},
		{merit.Position{Name: "", Jenis: "XYZ", KelasJabatan: 18}, []string{"name:field.required", "jenis:field.unknown_ref", "kelasJabatan:field.range"}},
	}
	for _, tt := range tests {
		p := tt.p
		if got := fieldCodes(p.Validate(ref)); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestHistoryValidate(t *testing.T) {
	ref := testRef()
	tests := []struct {
		h    merit.HistoryEntry
		want []string
	}{
		{merit.HistoryEntry{Kind: merit.HistDiklat, Ref: "teknis", Title: "Manajemen ASN", Start: merit.MustDate("2024-05-01"), End: merit.MustDate("2024-05-03"), Hours: 24}, nil},
		{merit.HistoryEntry{Kind: merit.HistDiklat, Ref: "TEKNIS", Title: "X", Start: merit.MustDate("2024-05-03"), End: merit.MustDate("2024-05-01"), Hours: 0},
			[]string{"hours:field.range", "end:field.end_before_start"}},
		{merit.HistoryEntry{Kind: merit.HistHukdis, Ref: "TEGURAN_LISAN", Start: merit.MustDate("2023-01-10")}, []string{"docNumber:field.required"}},
		{merit.HistoryEntry{Kind: merit.HistGolongan, Ref: "III/a", Start: merit.MustDate("2030-01-01")}, []string{"start:field.date_future"}},
		{merit.HistoryEntry{Kind: "gaji"}, []string{"kind:field.unknown_ref"}},
	}
	for _, tt := range tests {
		h := tt.h
		if got := fieldCodes(h.Validate(ref, today)); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.h, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1985-03-10", "1985-03-10"}, {"10-03-1985", "1985-03-10"}, {"10/03/1985", "1985-03-10"}, {"1/3/1985", "1985-03-01"},
		{"10.03.1985", "1985-03-10"}, {"1985-03-10T00:00:00Z", "1985-03-10"}, {"1985-03-10 07:00:00", "1985-03-10"}, {"", ""},
	}
	for _, tt := range tests {
		d, err := merit.ParseDate(tt.in)
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, d, err, tt.want)
		}
	}
	for _, bad := range []string{"31-02-1990", "1990-13-01", "kemarin", "10/03/85"} {
		if _, err := merit.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if age := merit.MustDate("1985-03-10").AgeOn(merit.MustDate("2026-03-09")); age != 40 {
		t.Errorf("age the day before the birthday = %d, want 40", age)
	}
}

func TestUnitTree(t *testing.T) {
	units := []*merit.Unit{
		{ID: 3, ParentID: 1, Name: "Bidang B", Headcount: 2},
		{ID: 1, Name: "Dinas", Headcount: 1},
		{ID: 2, ParentID: 1, Name: "Bidang A", Headcount: 3},
		{ID: 4, ParentID: 2, Name: "Seksi", Headcount: 4},
		{ID: 5, Name: "Badan", Headcount: 0},
	}
	sorted := merit.SortUnitTree(units)
	var order []int64
	for _, u := range sorted {
		order = append(order, u.ID)
	}
	if !slices.Equal(order, []int64{5, 1, 2, 4, 3}) {
		t.Errorf("order %v", order)
	}
	if sorted[1].Total != 10 || sorted[2].Total != 7 || sorted[3].Depth != 2 {
		t.Errorf("totals/depth: %+v %+v %+v", sorted[1], sorted[2], sorted[3])
	}
	if got := merit.UnitDescendants(units, 1); len(got) != 4 {
		t.Errorf("descendants of 1: %v", got)
	}
	if got := merit.UnitAncestors(units, 4); !slices.Equal(got, []int64{4, 2, 1}) {
		t.Errorf("ancestors of 4: %v", got)
	}
}

func TestAuthorize(t *testing.T) {
	op := &merit.Actor{UserID: 1, Grants: []merit.Grant{{AgencyID: 10, Role: merit.RoleOperator}, {AgencyID: 20, Role: merit.RoleViewer}}}
	ctx := merit.WithActor(context.Background(), op)
	tests := []struct {
		ctx    context.Context
		perm   merit.Permission
		agency int64
		want   merit.Kind
		ok     bool
	}{
		{ctx, merit.PermWrite, 10, 0, true},
		{ctx, merit.PermManageUsers, 10, merit.KindForbidden, false},
		{ctx, merit.PermRead, 20, 0, true},
		{ctx, merit.PermWrite, 20, merit.KindForbidden, false},
		{ctx, merit.PermRead, 30, merit.KindNotFound, false},
		{context.Background(), merit.PermRead, 10, merit.KindUnauthenticated, false},
		{merit.WithActor(context.Background(), merit.SystemActor), merit.PermManageUsers, 30, 0, true},
	}
	for i, tt := range tests {
		err := merit.Authorize(tt.ctx, tt.perm, tt.agency)
		if (err == nil) != tt.ok || (err != nil && merit.KindOf(err) != tt.want) {
			t.Errorf("case %d: %v", i, err)
		}
	}
}
