package sqldb

import (
	"context"

	"merit"
	"merit/selection"
)

// PortalAgency is an agency with its public selections, for the front page
// of the public portal (/seleksi-terbuka).
type PortalAgency struct {
	Agency     merit.Agency           `json:"agency"`
	Selections []*selection.Selection `json:"selections"`
}

// PublicSelectionAgencies returns every agency that has a public (announced,
// decided or cancelled) selection, by name, with those selections newest
// first. No actor: agencies and announced selections are public.
func (db *DB) PublicSelectionAgencies(ctx context.Context) ([]PortalAgency, error) {
	const op = "sqldb.PublicSelectionAgencies"
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.code, a.name, a.kind, a.created_at FROM agency a
		WHERE EXISTS (SELECT 1 FROM selection s WHERE s.agency_id = a.id AND s.status <> $1) ORDER BY a.name, a.id`, selection.StatusDraft)
	if err != nil {
		return nil, translate(op, err)
	}
	var out []PortalAgency
	for rows.Next() {
		var p PortalAgency
		if err := rows.Scan(&p.Agency.ID, &p.Agency.Code, &p.Agency.Name, &p.Agency.Kind, &p.Agency.CreatedAt); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	for i := range out {
		if out[i].Selections, err = db.PublicSelections(ctx, out[i].Agency.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
