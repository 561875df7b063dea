package merit

import "sort"

// EmployeeFilter selects and orders employees of one agency. Empty fields do
// not filter.
type EmployeeFilter struct {
	AgencyID int64
	Query    string // part of the name, or the start of a NIP
	UnitID   int64  // this unit and every unit below it
	// Units, when not nil, limits the list to employees of exactly these
	// units: the storage layer sets it from the actor's unit scope.
	Units    []int64
	Golongan string
	Jenis    string // jenis jabatan code
	Status   string
	Sort     string // one of EmployeeSorts; default "name"
	Desc     bool
	Offset   int
	Limit    int // default 50, at most 1000
}

// EmployeeSorts lists the accepted sort keys.
var EmployeeSorts = []string{"name", "nip", "golongan", "unit", "birthDate", "tmtGolongan"}

// Normalize fills defaults and rejects unknown sort keys and bad paging.
func (f *EmployeeFilter) Normalize() error {
	var fs Fields
	if f.Sort == "" {
		f.Sort = "name"
	}
	known := false
	for _, s := range EmployeeSorts {
		known = known || s == f.Sort
	}
	if !known {
		fs.Add("sort", "field.unknown_ref", f.Sort)
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	if f.Limit < 0 || f.Limit > 1000 {
		fs.Add("limit", "field.range", "", 1, 1000)
	}
	if f.Offset < 0 {
		fs.Add("offset", "field.range", "", 0, "∞")
	}
	return fs.Err("EmployeeFilter.Normalize")
}

// Stats are the headcount breakdowns of an agency's dashboard.
type Stats struct {
	Total      int     `json:"total"`
	ByGolongan []Count `json:"byGolongan"`
	ByJenis    []Count `json:"byJenis"`
	ByUnit     []Count `json:"byUnit"` // top-level units (OPD), with everyone below them
	BySex      []Count `json:"bySex"`
	ByAgeBand  []Count `json:"byAgeBand"`
	ByStatus   []Count `json:"byStatus"`
	ByEduc     []Count `json:"byEducation"`
}

// Count is one bar of a breakdown.
type Count struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	N     int    `json:"n"`
}

// AgeBands are the dashboard's age bands, as [from, to) years.
var AgeBands = []struct {
	Label    string
	From, To int
}{{"< 30", 0, 30}, {"30–39", 30, 40}, {"40–49", 40, 50}, {"50–54", 50, 55}, {"55–58", 55, 59}, {"≥ 59", 59, 200}}

// AgeBand returns the index in AgeBands of an age in years.
func AgeBand(age int) int {
	for i, b := range AgeBands {
		if age >= b.From && age < b.To {
			return i
		}
	}
	return 0
}

// SortCounts orders counts by the reference table's ordinal when one is
// given, otherwise by key.
func SortCounts(cs []Count, t *RefTable) []Count {
	rank := func(key string) int {
		if t != nil {
			if it, ok := t.Get(key); ok {
				return it.Ordinal
			}
		}
		return 1 << 30
	}
	sort.SliceStable(cs, func(i, j int) bool {
		ri, rj := rank(cs[i].Key), rank(cs[j].Key)
		if ri != rj {
			return ri < rj
		}
		return cs[i].Key < cs[j].Key
	})
	return cs
}
