package importer

import (
	"testing"

	"merit"
	"merit/internal/testdb"
)

// A row exported for a reader who may not see personal data carries the
// masks (the birth date as its year), never the values, and would not
// import back.
func TestMaskedRow(t *testing.T) {
	e := testdb.Employee(1, 1)
	e.NIK, e.Alamat, e.Phone = "3371031003850001", "Jl. Pemuda 12", "081234567890"
	e.MaskPersonal()
	v := values(e, "", "", nil)
	if v[colNIK] != "3371••••••••0001" || v[colTglLahir] != "1985" || v[colAlamat] != "••••••" || v[colNoHP] != "0812••••••90" || v[colAgama] != "••••" {
		t.Errorf("masked row: %q", v)
	}
	back := &merit.Employee{NIK: v[colNIK]}
	if err := back.Validate(&merit.Reference{}, merit.Today()); !hasField(err, "nik") {
		t.Errorf("a masked NIK validates: %v", err)
	}
}

func hasField(err error, field string) bool {
	for _, f := range merit.FieldsOf(err) {
		if f.Field == field {
			return true
		}
	}
	return false
}
