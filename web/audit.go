package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"merit"
	"merit/i18n"
	"merit/sqldb"
	"merit/tabular"
)

// auditPageSize is how many entries one page of the audit search shows.
const auditPageSize = 50

// auditEntities and auditActions are the choices of the audit search's
// filters: what the store records in an agency's trail.
var (
	auditEntities = []string{"employee", "history", "unit", "position", "agency", "audit_log", "skp", "skp_unit"}
	auditActions  = []string{merit.AuditCreate, merit.AuditUpdate, merit.AuditDelete, merit.AuditImport, "export"}
)

// auditQuery is the audit search's filter and page, read from the query
// string. Unknown choices and dates that do not parse are dropped, like the
// employee list does, so a hand-edited link still shows entries.
type auditQuery struct {
	sqldb.AuditFilter
	Page int
}

func parseAuditQuery(v url.Values) auditQuery {
	q := auditQuery{Page: 1}
	if c := v.Get("entity"); slices.Contains(auditEntities, c) {
		q.Entity = c
	}
	if c := v.Get("action"); slices.Contains(auditActions, c) {
		q.Action = c
	}
	q.Actor = strings.TrimSpace(v.Get("actor"))
	q.From, _ = merit.ParseDate(v.Get("from"))
	q.To, _ = merit.ParseDate(v.Get("to"))
	if p, err := strconv.Atoi(v.Get("page")); err == nil && p > 1 {
		q.Page = p
	}
	return q
}

// encode returns the query string of the filter, and of the page when not
// the first.
func (q auditQuery) encode() string {
	v := url.Values{}
	for k, s := range map[string]string{"entity": q.Entity, "action": q.Action, "actor": q.Actor} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if !q.From.IsZero() {
		v.Set("from", q.From.String())
	}
	if !q.To.IsZero() {
		v.Set("to", q.To.String())
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// auditView is the data of the audit search page.
type auditView struct {
	Entries    []changeView
	Total      int
	From, To   int // 1-based positions of the first and last entry shown
	Prev, Next string
	Filters    []field
	Base       string
	Export     string // the CSV export of the same filter
}

// showAudit is the audit search: the agency's trail filtered by entity,
// action, actor and dates, newest first. Admins only (the store refuses
// others).
func (h *handler) showAudit(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	q := parseAuditQuery(r.URL.Query())
	f := q.AuditFilter
	f.Limit, f.Offset = auditPageSize, (q.Page-1)*auditPageSize
	entries, total, err := h.db.SearchAudit(r.Context(), a.ID, f)
	if err != nil {
		return err
	}
	lang := langOf(r)
	base := agencyURL(a, "audit")
	v := auditView{Total: total, Base: base}
	filter := q
	filter.Page = 1
	v.Export = base + ".csv" + filter.encode()
	if v.Entries, err = h.changeViews(r.Context(), lang, a.ID, entries); err != nil {
		return err
	}
	if len(entries) > 0 {
		v.From, v.To = f.Offset+1, f.Offset+len(entries)
	}
	link := func(n int) string {
		next := q
		next.Page = n
		return base + next.encode()
	}
	if q.Page > 1 {
		v.Prev = link(q.Page - 1)
	}
	if f.Offset+len(entries) < total {
		v.Next = link(q.Page + 1)
	}
	options := func(prefix string, codes []string) []option {
		var out []option
		for _, c := range codes {
			out = append(out, option{Value: c, Label: i18n.T(lang, prefix+c)})
		}
		return out
	}
	date := func(d merit.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	v.Filters = []field{
		{Name: "entity", Label: "ui.audit.entity", Type: "select", Value: q.Entity, Options: options("ui.audit.entity.", auditEntities), Blank: "ui.list.all"},
		{Name: "action", Label: "ui.audit.action", Type: "select", Value: q.Action, Options: options("ui.audit.action.", auditActions), Blank: "ui.list.all"},
		{Name: "actor", Label: "ui.audit.actor", Type: "text", Value: q.Actor},
		{Name: "from", Label: "ui.audit.from", Type: "date", Value: date(q.From)},
		{Name: "to", Label: "ui.audit.to", Type: "date", Value: date(q.To)},
	}
	return h.render(w, r, http.StatusOK, "audit", &page{Agency: a, Nav: "audit", Data: v})
}

// auditCSVColumns are the columns of the audit export: every field of an
// entry, so that the export can be checked against the hash chain.
var auditCSVColumns = []string{"seq", "at", "actor_id", "actor", "action", "entity", "entity_id", "before", "after",
	"ip", "user_agent", "prev_hash", "hash"}

// exportAudit downloads every entry that matches the search's filter as
// CSV, and records the export in the trail first.
func (h *handler) exportAudit(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	f := parseAuditQuery(r.URL.Query()).AuditFilter
	var all []*merit.AuditEntry
	for {
		f.Limit, f.Offset = 1000, len(all)
		entries, total, err := h.db.SearchAudit(r.Context(), a.ID, f)
		if err != nil {
			return err
		}
		all = append(all, entries...)
		if len(entries) == 0 || len(all) >= total {
			break
		}
	}
	f.Limit, f.Offset = 0, 0
	if err := h.db.RecordAuditExport(r.Context(), a.ID, f, len(all)); err != nil {
		return err
	}
	name := "audit-" + a.Code + "-" + merit.Today().String() + ".csv"
	return download(w, r, name, "csv", func(w http.ResponseWriter) error {
		cw := tabular.NewCSVWriter(w)
		if err := cw.Write(auditCSVColumns...); err != nil {
			return err
		}
		for _, e := range all {
			row := []string{strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(e.ActorID, 10),
				e.Actor, e.Action, e.Entity, strconv.FormatInt(e.EntityID, 10), e.Before, e.After, e.IP, e.UserAgent, e.PrevHash, e.Hash}
			if err := cw.Write(row...); err != nil {
				return err
			}
		}
		return cw.Close()
	})
}
