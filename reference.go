package merit

import (
	"strings"
	"unicode"
)

// RefItem is one row of a reference table (golongan, jenis jabatan, pendidikan,
// agama, hukuman disiplin, ...). Reference data is seeded by migrations and
// read at run time, so a regulation change is a data change, not a code change.
type RefItem struct {
	Code    string `json:"code"`
	Name    string `json:"name"`              // Indonesian display name
	NameEN  string `json:"nameEn,omitempty"`  // English display name, when it differs
	Group   string `json:"group,omitempty"`   // e.g. PNS/PPPK for golongan, tingkat for hukuman disiplin
	Extra   string `json:"extra,omitempty"`   // e.g. pangkat for golongan
	Ordinal int    `json:"ordinal"`           // sort order and rank (higher = senior / more educated)
	Aliases string `json:"aliases,omitempty"` // other spellings accepted on import, separated by |
}

// RefTable is an ordered reference table with look-up by code, name or alias.
type RefTable struct {
	Items []RefItem
	index map[string]int
}

// NewRefTable indexes items by normalized code, name and aliases.
func NewRefTable(items []RefItem) *RefTable {
	t := &RefTable{Items: items, index: make(map[string]int, 3*len(items))}
	for i, it := range items {
		for _, key := range append([]string{it.Code, it.Name}, strings.Split(it.Aliases, "|")...) {
			if k := normalizeKey(key); k != "" {
				if _, dup := t.index[k]; !dup {
					t.index[k] = i
				}
			}
		}
	}
	return t
}

// Lookup finds an item by code, name or alias, ignoring case, spaces and
// punctuation ("III/a", "iii-a" and "III A" are the same golongan).
func (t *RefTable) Lookup(s string) (RefItem, bool) {
	if t == nil {
		return RefItem{}, false
	}
	i, ok := t.index[normalizeKey(s)]
	if !ok {
		return RefItem{}, false
	}
	return t.Items[i], true
}

// Get finds an item by its exact code.
func (t *RefTable) Get(code string) (RefItem, bool) {
	it, ok := t.Lookup(code)
	return it, ok && it.Code == code
}

// Name returns the display name of code, or code itself when unknown.
func (t *RefTable) Name(code string) string {
	if it, ok := t.Get(code); ok {
		return it.Name
	}
	return code
}

func normalizeKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Reference holds every reference table the registry validates against.
type Reference struct {
	Golongan       *RefTable // Group: PNS or PPPK; Extra: pangkat
	JenisJabatan   *RefTable // Group: JPT, JA or JF
	JenjangJabatan *RefTable // Group: the jenis jabatan code it belongs to
	Pendidikan     *RefTable
	Agama          *RefTable
	StatusPegawai  *RefTable // Group: PNS or PPPK (which golongan scale applies)
	JenisDiklat    *RefTable
	Hukdis         *RefTable // Group: tingkat (RINGAN, SEDANG, BERAT)
	TingkatHukdis  *RefTable
	AgencyKind     *RefTable
}

// Reference table names, as stored in the ref_item table's "kind" column.
const (
	RefGolongan       = "golongan"
	RefJenisJabatan   = "jenis_jabatan"
	RefJenjangJabatan = "jenjang_jabatan"
	RefPendidikan     = "pendidikan"
	RefAgama          = "agama"
	RefStatusPegawai  = "status_pegawai"
	RefJenisDiklat    = "jenis_diklat"
	RefHukdis         = "hukdis"
	RefTingkatHukdis  = "tingkat_hukdis"
	RefAgencyKind     = "agency_kind"
)

// NewReference builds a Reference from rows grouped by table name.
func NewReference(byKind map[string][]RefItem) *Reference {
	return &Reference{
		Golongan:       NewRefTable(byKind[RefGolongan]),
		JenisJabatan:   NewRefTable(byKind[RefJenisJabatan]),
		JenjangJabatan: NewRefTable(byKind[RefJenjangJabatan]),
		Pendidikan:     NewRefTable(byKind[RefPendidikan]),
		Agama:          NewRefTable(byKind[RefAgama]),
		StatusPegawai:  NewRefTable(byKind[RefStatusPegawai]),
		JenisDiklat:    NewRefTable(byKind[RefJenisDiklat]),
		Hukdis:         NewRefTable(byKind[RefHukdis]),
		TingkatHukdis:  NewRefTable(byKind[RefTingkatHukdis]),
		AgencyKind:     NewRefTable(byKind[RefAgencyKind]),
	}
}

// Table returns the table with the given name, or nil.
func (r *Reference) Table(kind string) *RefTable {
	switch kind {
	case RefGolongan:
		return r.Golongan
	case RefJenisJabatan:
		return r.JenisJabatan
	case RefJenjangJabatan:
		return r.JenjangJabatan
	case RefPendidikan:
		return r.Pendidikan
	case RefAgama:
		return r.Agama
	case RefStatusPegawai:
		return r.StatusPegawai
	case RefJenisDiklat:
		return r.JenisDiklat
	case RefHukdis:
		return r.Hukdis
	case RefTingkatHukdis:
		return r.TingkatHukdis
	case RefAgencyKind:
		return r.AgencyKind
	}
	return nil
}
