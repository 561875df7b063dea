package merit

import "sort"

// SortUnitTree orders units depth-first (each parent followed by its
// children, siblings by name), sets Depth, and sums Total headcounts up the
// tree. Units whose parent is missing are treated as roots.
func SortUnitTree(units []*Unit) []*Unit {
	byID := make(map[int64]*Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	children := make(map[int64][]*Unit)
	for _, u := range units {
		parent := u.ParentID
		if _, ok := byID[parent]; !ok {
			parent = 0
		}
		children[parent] = append(children[parent], u)
	}
	for _, c := range children {
		sort.SliceStable(c, func(i, j int) bool { return c[i].Name < c[j].Name })
	}
	out := make([]*Unit, 0, len(units))
	seen := make(map[int64]bool, len(units))
	var walk func(parent int64, depth int) int
	walk = func(parent int64, depth int) int {
		sum := 0
		for _, u := range children[parent] {
			if seen[u.ID] {
				continue
			}
			seen[u.ID] = true
			u.Depth = depth
			out = append(out, u)
			u.Total = u.Headcount + walk(u.ID, depth+1)
			sum += u.Total
		}
		return sum
	}
	walk(0, 0)
	return out
}

// UnitAncestors returns id and the IDs of every unit above it, nearest first.
// A cycle in stored data ends the walk.
func UnitAncestors(units []*Unit, id int64) []int64 {
	parent := make(map[int64]int64, len(units))
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	var out []int64
	seen := map[int64]bool{}
	for id != 0 && !seen[id] {
		seen[id] = true
		out = append(out, id)
		id = parent[id]
	}
	return out
}

// UnitDescendants returns id and the IDs of every unit below it.
func UnitDescendants(units []*Unit, id int64) []int64 {
	children := make(map[int64][]int64)
	for _, u := range units {
		children[u.ParentID] = append(children[u.ParentID], u.ID)
	}
	out := []int64{id}
	seen := map[int64]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, c := range children[out[i]] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}
