package sqldb

import (
	"context"
	"fmt"

	"merit"
)

// Reference returns the reference tables, read once and cached until the
// next migration. Reference data is public: no actor is needed.
func (db *DB) Reference(ctx context.Context) (*merit.Reference, error) {
	db.refMu.Lock()
	defer db.refMu.Unlock()
	if db.ref != nil {
		return db.ref, nil
	}
	rows, err := db.read.QueryContext(ctx,
		`SELECT kind, code, name, name_en, grp, extra, ordinal, aliases FROM ref_item ORDER BY kind, ordinal, code`)
	if err != nil {
		return nil, fmt.Errorf("sqldb.Reference: %w", err)
	}
	defer rows.Close()
	byKind := map[string][]merit.RefItem{}
	for rows.Next() {
		var kind string
		var it merit.RefItem
		if err := rows.Scan(&kind, &it.Code, &it.Name, &it.NameEN, &it.Group, &it.Extra, &it.Ordinal, &it.Aliases); err != nil {
			return nil, fmt.Errorf("sqldb.Reference: %w", err)
		}
		byKind[kind] = append(byKind[kind], it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqldb.Reference: %w", err)
	}
	db.ref = merit.NewReference(byKind)
	return db.ref, nil
}
