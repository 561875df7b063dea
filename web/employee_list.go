package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"merit"
)

// pageSize is how many employees one page of the list shows.
const pageSize = 50

// listQuery is the employee list's search, filters, order and page, read
// from the query string. Values that make no sense are dropped rather than
// refused: a hand-edited link still shows a list.
type listQuery struct {
	Q        string
	Unit     int64
	Golongan string
	Jenis    string
	Status   string
	Sort     string
	Desc     bool
	Page     int
}

func parseListQuery(v url.Values) listQuery {
	q := listQuery{Q: strings.TrimSpace(v.Get("q")), Golongan: v.Get("golongan"), Jenis: v.Get("jenis"),
		Status: v.Get("status"), Sort: v.Get("sort"), Desc: v.Get("dir") == "desc", Page: 1}
	q.Unit, _ = strconv.ParseInt(v.Get("unit"), 10, 64)
	if !slices.Contains(merit.EmployeeSorts, q.Sort) {
		q.Sort = "name"
	}
	if p, err := strconv.Atoi(v.Get("page")); err == nil && p > 1 {
		q.Page = p
	}
	return q
}

// encode returns the query string of q (defaults left out).
func (q listQuery) encode() string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", q.Q)
	if q.Unit != 0 {
		v.Set("unit", strconv.FormatInt(q.Unit, 10))
	}
	set("golongan", q.Golongan)
	set("jenis", q.Jenis)
	set("status", q.Status)
	if q.Sort != "name" {
		v.Set("sort", q.Sort)
	}
	if q.Desc {
		v.Set("dir", "desc")
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// Filtered reports whether any search or filter is set.
func (q listQuery) Filtered() bool {
	return q.Q != "" || q.Unit != 0 || q.Golongan != "" || q.Jenis != "" || q.Status != ""
}

// employeeListView is the data of the employee list.
type employeeListView struct {
	Query     listQuery
	Employees []*merit.Employee
	Total     int
	From, To  int // 1-based positions of the first and last row shown
	Columns   []sortColumn
	pager
	Filters []field // unit, golongan, jenis, status selects
	Base    string  // the list's path
}

// sortColumn is a column header that sorts the list.
type sortColumn struct {
	Label string // i18n key
	Href  string
	Sort  string // "ascending", "descending" or "" (aria-sort)
}

// pager is the page links of a list view, shown by the "pager" template.
type pager struct {
	Pages      []pageLink
	Prev, Next string
}

// newPager makes the links of page (1-based) of a list of total rows,
// pageSize a page; link gives the address of page n.
func newPager(page, total int, link func(n int) string) pager {
	var p pager
	pages := (total + pageSize - 1) / pageSize
	for _, n := range pageNumbers(page, pages) {
		if n == 0 {
			p.Pages = append(p.Pages, pageLink{})
			continue
		}
		p.Pages = append(p.Pages, pageLink{N: n, Href: link(n), Current: n == page})
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	return p
}

// queryLink returns the page-link function of a list whose address is base
// with the non-empty params, page 1 without a page parameter.
func queryLink(base string, params url.Values) func(n int) string {
	return func(n int) string {
		v := url.Values{}
		for k, x := range params {
			if len(x) > 0 && x[0] != "" {
				v.Set(k, x[0])
			}
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return base
		}
		return base + "?" + v.Encode()
	}
}

// pageParam reads the page number (1-based) of a list's address.
func pageParam(q url.Values) int {
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		return n
	}
	return 1
}

// pageRows is page n (1-based) of rows, pageSize a page.
func pageRows[T any](rows []T, n int) []T {
	return rows[min((n-1)*pageSize, len(rows)):min(n*pageSize, len(rows))]
}

// pageLink is one entry of the pagination; Href "" marks a gap (…).
type pageLink struct {
	N       int
	Href    string
	Current bool
}

// listEmployees shows one page of the agency's employees, searched,
// filtered and sorted as the query string says.
func (h *handler) listEmployees(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	q := parseListQuery(r.URL.Query())
	f := merit.EmployeeFilter{AgencyID: a.ID, Query: q.Q, UnitID: q.Unit, Golongan: q.Golongan, Jenis: q.Jenis,
		Status: q.Status, Sort: q.Sort, Desc: q.Desc, Offset: (q.Page - 1) * pageSize, Limit: pageSize}
	emps, total, err := h.db.FindEmployees(r.Context(), f)
	if err != nil {
		return err
	}
	units, err := h.db.FindUnits(r.Context(), a.ID)
	if err != nil {
		return err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return err
	}
	lang := langOf(r)
	base := agencyURL(a, "pegawai")
	v := employeeListView{Query: q, Employees: emps, Total: total, Base: base}
	if len(emps) > 0 {
		v.From, v.To = f.Offset+1, f.Offset+len(emps)
	}
	for _, c := range []struct{ label, sort string }{
		{"field.name", "name"}, {"field.nip", "nip"}, {"field.golongan", "golongan"}, {"field.unitId", "unit"},
	} {
		col := sortColumn{Label: c.label}
		next := q
		next.Page, next.Sort, next.Desc = 1, c.sort, false
		if q.Sort == c.sort {
			col.Sort = "ascending"
			if q.Desc {
				col.Sort = "descending"
			}
			next.Desc = !q.Desc
		}
		col.Href = base + next.encode()
		v.Columns = append(v.Columns, col)
	}
	v.pager = newPager(q.Page, total, func(n int) string {
		next := q
		next.Page = n
		return base + next.encode()
	})
	v.Filters = []field{
		{Name: "unit", Label: "field.unitId", Type: "select", Value: idValue(q.Unit), Options: unitOptions(units), Blank: "ui.list.all"},
		{Name: "golongan", Label: "field.golongan", Type: "select", Value: q.Golongan, Groups: golonganGroups(lang, ref), Blank: "ui.list.all"},
		{Name: "jenis", Label: "field.jenis", Type: "select", Value: q.Jenis, Options: refOptions(lang, ref.JenisJabatan), Blank: "ui.list.all"},
		{Name: "status", Label: "field.status", Type: "select", Value: q.Status, Options: refOptions(lang, ref.StatusPegawai), Blank: "ui.list.all"},
	}
	return h.render(w, r, http.StatusOK, "employees", &page{Agency: a, Nav: "employees", Data: v})
}

// pageNumbers lists the page numbers to offer around the current page:
// the first, the last and two on either side of the current one, with 0
// where numbers are left out.
func pageNumbers(current, total int) []int {
	if total <= 1 {
		return nil
	}
	var out []int
	for n := 1; n <= total; n++ {
		if n == 1 || n == total || (n >= current-2 && n <= current+2) {
			out = append(out, n)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0)
		}
	}
	return out
}
