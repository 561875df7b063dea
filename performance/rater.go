package performance

import (
	"merit"
)

// Managerial lists the jenis jabatan that head a unit (jabatan manajerial:
// JPT, administrator, pengawas), with their rank: a higher rank heads the
// unit when a unit has several managerial posts.
var Managerial = map[string]int{
	"JPT_UTAMA":     5,
	"JPT_MADYA":     4,
	"JPT_PRATAMA":   3,
	"ADMINISTRATOR": 2,
	"PENGAWAS":      1,
}

// Holder is an employee holding a position in a unit: what the default
// rater is chosen from.
type Holder struct {
	EmployeeID int64  `json:"employeeId"`
	NIP        string `json:"nip"`
	Name       string `json:"name"`
	UnitID     int64  `json:"unitId"`
	PositionID int64  `json:"positionId"`
	Jenis      string `json:"jenis"` // jenis jabatan code of the position
}

// UnitHeads returns, per unit, the holder of its head position: the
// managerial position of highest rank in the unit (ties: the lower position
// ID, then the lower employee ID, so the choice is stable). Units with no
// managerial position held by anyone have no entry.
func UnitHeads(holders []Holder) map[int64]Holder {
	heads := make(map[int64]Holder)
	for _, h := range holders {
		rank, ok := Managerial[h.Jenis]
		if !ok || h.UnitID == 0 {
			continue
		}
		cur, seen := heads[h.UnitID]
		if !seen {
			heads[h.UnitID] = h
			continue
		}
		cr := Managerial[cur.Jenis]
		if rank > cr || rank == cr && (h.PositionID < cur.PositionID ||
			h.PositionID == cur.PositionID && h.EmployeeID < cur.EmployeeID) {
			heads[h.UnitID] = h
		}
	}
	return heads
}

// DefaultRater returns the default pejabat penilai of an employee placed in
// unitID: the superior by position, which is the head of his own unit, or,
// when he is that head himself or the unit has none, the head of the nearest
// unit above (docs/decisions.md "Default rater"). ok is false when no unit
// up the tree has a head other than the employee.
func DefaultRater(units []*merit.Unit, heads map[int64]Holder, employeeID, unitID int64) (Holder, bool) {
	if unitID == 0 {
		return Holder{}, false
	}
	for _, u := range merit.UnitAncestors(units, unitID) {
		if h, ok := heads[u]; ok && h.EmployeeID != employeeID {
			return h, true
		}
	}
	return Holder{}, false
}

// Subordinates returns the IDs of the holders whose default rater is the
// employee raterID: the employees a rater rates unless overridden.
func Subordinates(units []*merit.Unit, heads map[int64]Holder, holders []Holder, raterID int64) []int64 {
	var out []int64
	for _, h := range holders {
		if r, ok := DefaultRater(units, heads, h.EmployeeID, h.UnitID); ok && r.EmployeeID == raterID {
			out = append(out, h.EmployeeID)
		}
	}
	return out
}
