package main

import (
	"context"
	"fmt"
	"strconv"

	"merit"
	"merit/sqldb"
)

func init() {
	register("audit", "the audit trail: verify its hash chains, list entries", runAudit)
}

// auditKinds says in words what each kind of break means.
var auditKinds = map[string]string{
	merit.AuditChanged:   "was changed (its fields no longer give its hash)",
	merit.AuditRemoved:   "was removed",
	merit.AuditReordered: "is out of order (its predecessor is elsewhere in the chain)",
	merit.AuditTruncated: "and those after it were removed (the chain's head records more)",
}

func runAudit(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	fs := flags(env, "audit "+action, "")
	dsn := dbFlag(env, fs)
	agency := fs.String("agency", "", "agency code whose trail to list; empty for the global trail of accounts (list)")
	entity := fs.String("entity", "", "only entries of this entity: agency, unit, position, employee, history, user (list)")
	id := fs.Int64("id", 0, "with --entity, only entries of the record with this id (list)")
	limit := fs.Int("limit", 50, "at most this many entries, newest first (list)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	switch action {
	case "verify":
		p, n, err := db.VerifyAudit(ctx)
		if err != nil {
			return err
		}
		if p != nil {
			return fmt.Errorf("audit trail broken: %s, entry %d %s; %d entries checked before it",
				agencyLabel(ctx, db, p.AgencyID), p.Seq, auditKinds[p.Kind], n)
		}
		fmt.Fprintf(env.Stdout, "audit trail intact: %d entries\n", n)
	case "list":
		var agencyID int64
		if *agency != "" {
			a, err := agencyByCode(ctx, db, *agency)
			if err != nil {
				return err
			}
			agencyID = a.ID
		}
		entries, err := db.FindAudit(ctx, agencyID, *entity, *id, *limit)
		if err != nil {
			return err
		}
		for _, e := range entries {
			ip := e.IP
			if ip == "" {
				ip = "-"
			}
			fmt.Fprintf(env.Stdout, "%6d %s %-16s %-6s %-8s %-8s %s\n", e.Seq, e.At.Format("2006-01-02 15:04:05Z"), e.Actor, e.Action,
				e.Entity, strconv.FormatInt(e.EntityID, 10), ip)
		}
	default:
		fs.Usage()
		return fmt.Errorf("audit: unknown action %q (use verify or list)", action)
	}
	return nil
}

// agencyLabel names an agency's chain by its code (the global chain of
// accounts is agency 0).
func agencyLabel(ctx context.Context, db *sqldb.DB, id int64) string {
	if id == 0 {
		return "global trail (accounts)"
	}
	agencies, err := db.FindAgencies(ctx)
	if err == nil {
		for _, a := range agencies {
			if a.ID == id {
				return "agency " + a.Code
			}
		}
	}
	return "agency #" + strconv.FormatInt(id, 10)
}
