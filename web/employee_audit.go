package web

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"merit"
	"merit/i18n"
)

// changeView is one entry of a record's change history, for reading.
type changeView struct {
	At       string // WIB
	Actor    string
	Action   string // i18n key
	Entity   string // i18n key
	EntityID int64  // 0 for an entry about many records (an import, an export)
	IP       string
	Changes  []fieldChange
}

// fieldChange is one field that an audited write changed.
type fieldChange struct {
	Label string // the field's label, translated
	Old   string
	New   string
}

// auditHidden are the fields of an audited record that a person does not edit:
// keys, read-only names filled on read, and timestamps.
var auditHidden = []string{"id", "agencyId", "unitName", "positionName", "jenisJabatan", "updatedAt", "createdAt"}

// employeeChanges returns the change history of one employee record, newest
// first.
func (h *handler) employeeChanges(ctx context.Context, lang string, e *merit.Employee) ([]changeView, error) {
	entries, err := h.db.FindAudit(ctx, e.AgencyID, "employee", e.ID, 100)
	if err != nil {
		return nil, err
	}
	return h.changeViews(ctx, lang, e.AgencyID, entries)
}

// changeViews formats audit entries for reading, with unit and position ids
// shown by name.
func (h *handler) changeViews(ctx context.Context, lang string, agencyID int64, entries []*merit.AuditEntry) ([]changeView, error) {
	names := map[string]map[string]string{}
	lookup := func(field, id string) (string, error) {
		if field != "unitId" && field != "positionId" && field != "parentId" {
			return id, nil
		}
		if names[field] == nil {
			names[field] = map[string]string{}
			if field == "positionId" {
				positions, err := h.db.FindPositions(ctx, agencyID, 0)
				if err != nil {
					return "", err
				}
				for _, p := range positions {
					names[field][strconv.FormatInt(p.ID, 10)] = p.Name
				}
			} else {
				units, err := h.db.FindUnits(ctx, agencyID)
				if err != nil {
					return "", err
				}
				for _, u := range units {
					names[field][strconv.FormatInt(u.ID, 10)] = u.Name
				}
			}
		}
		if n, ok := names[field][id]; ok {
			return n, nil
		}
		return id, nil
	}
	var out []changeView
	for _, entry := range entries {
		diff, err := auditDiff(entry.Before, entry.After)
		if err != nil {
			return nil, err
		}
		c := changeView{At: i18n.DateTime(lang, entry.At), Actor: entry.Actor, Action: "ui.audit.action." + entry.Action,
			Entity: "ui.audit.entity." + entry.Entity, EntityID: entry.EntityID, IP: entry.IP}
		for _, d := range diff {
			if d.Old, err = lookup(d.field, d.Old); err != nil {
				return nil, err
			}
			if d.New, err = lookup(d.field, d.New); err != nil {
				return nil, err
			}
			label := "field." + d.field
			if _, ok := i18n.Keys(lang)[label]; ok {
				label = i18n.T(lang, label)
			} else {
				label = d.field
			}
			c.Changes = append(c.Changes, fieldChange{Label: label, Old: d.Old, New: d.New})
		}
		out = append(out, c)
	}
	return out, nil
}

// changedField is one field whose value differs between two JSON objects.
type changedField struct {
	field    string
	Old, New string
}

// auditDiff compares the JSON objects of an audit entry ("" for none) and
// returns the fields whose values differ, in name order, each value as text
// ("" when absent); fields in auditHidden are left out.
func auditDiff(before, after string) ([]changedField, error) {
	var b, a map[string]json.RawMessage
	for _, x := range []struct {
		src string
		dst *map[string]json.RawMessage
	}{{before, &b}, {after, &a}} {
		if x.src == "" {
			continue
		}
		if err := json.Unmarshal([]byte(x.src), x.dst); err != nil {
			return nil, fmt.Errorf("web.auditDiff: %w", err)
		}
	}
	var fields []string
	for _, m := range []map[string]json.RawMessage{b, a} {
		for k := range m {
			if !slices.Contains(fields, k) && !slices.Contains(auditHidden, k) {
				fields = append(fields, k)
			}
		}
	}
	slices.Sort(fields)
	var out []changedField
	for _, f := range fields {
		old, new := jsonText(b[f]), jsonText(a[f])
		if old != new {
			out = append(out, changedField{field: f, Old: old, New: new})
		}
	}
	return out, nil
}

// jsonText returns a JSON value as text: a string without quotes, zero
// values (null, "", 0, false) as "".
func jsonText(raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case float64:
		if v == 0 {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if !v {
			return ""
		}
		return "✓"
	case nil:
		return ""
	}
	return string(raw)
}
