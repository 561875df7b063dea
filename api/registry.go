package api

import (
	"context"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"merit"
)

// AgencyPath is the agency of every agency-scoped operation. It and the
// other path types are exported only because huma reads embedded parameter
// structs by reflection.
type AgencyPath struct {
	Agency string `path:"agency" maxLength:"40" doc:"Agency code, e.g. kota-magelang" example:"kota-magelang"`
}

// IDPath is the ID of a unit or an employee in the agency.
type IDPath struct {
	AgencyPath
	ID int64 `path:"id"`
}

// agencyID returns the ID of the agency with the code in the path. It is
// read from the actor's grants, without a query: a code the actor holds no
// role in is answered 404, as sqldb answers every record of another agency,
// so other agencies' codes cannot be probed. The store authorizes each call
// again by ID.
func agencyID(ctx context.Context, code string) (int64, error) {
	if a := merit.ActorFrom(ctx); a != nil {
		for _, g := range a.Grants {
			if g.AgencyCode == code {
				return g.AgencyID, nil
			}
		}
	}
	return 0, merit.Errorf(merit.KindNotFound, "api.agencyID", "err.not_found")
}

// items is the body of every list: an object, so fields can be added later.
type items[T any] struct {
	Items []T `json:"items" nullable:"false"`
}

type itemsOutput[T any] struct {
	Body items[T]
}

func list[T any](xs []T, err error) (*itemsOutput[T], error) {
	if err != nil {
		return nil, err
	}
	if xs == nil {
		xs = []T{}
	}
	return &itemsOutput[T]{Body: items[T]{Items: xs}}, nil
}

type output[T any] struct {
	Body T
}

// created is the answer to a POST: 201, the new record and where it lives.
type created[T any] struct {
	Location string `header:"Location"`
	Body     T
}

func (h *handlers) listAgencies(ctx context.Context, _ *struct{}) (*itemsOutput[*merit.Agency], error) {
	return list(h.db.FindAgencies(ctx))
}

func (h *handlers) getAgency(ctx context.Context, in *AgencyPath) (*output[*merit.Agency], error) {
	a, err := h.db.FindAgencyByCode(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return &output[*merit.Agency]{Body: a}, nil
}

func (h *handlers) stats(ctx context.Context, in *AgencyPath) (*output[*merit.Stats], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	st, err := h.db.Stats(ctx, id)
	if err != nil {
		return nil, err
	}
	return &output[*merit.Stats]{Body: st}, nil
}

// refTables are the reference tables the API serves, by their names in
// package merit.
var refTables = []string{merit.RefGolongan, merit.RefJenisJabatan, merit.RefJenjangJabatan, merit.RefPendidikan,
	merit.RefAgama, merit.RefStatusPegawai, merit.RefJenisDiklat, merit.RefHukdis, merit.RefTingkatHukdis, merit.RefAgencyKind}

// refTable is a reference table name; its schema lists refTables.
type refTable string

// Schema implements huma.SchemaProvider.
func (refTable) Schema(huma.Registry) *huma.Schema { return enumSchema(refTables) }

func enumSchema(values []string) *huma.Schema {
	s := &huma.Schema{Type: huma.TypeString}
	for _, v := range values {
		s.Enum = append(s.Enum, v)
	}
	return s
}

type referenceInput struct {
	Table refTable `path:"table"`
}

func (h *handlers) reference(ctx context.Context, in *referenceInput) (*itemsOutput[merit.RefItem], error) {
	ref, err := h.db.Reference(ctx)
	if err != nil {
		return nil, err
	}
	t := ref.Table(string(in.Table))
	if t == nil {
		return nil, merit.Errorf(merit.KindNotFound, "api.reference", "err.not_found")
	}
	return list(t.Items, nil)
}

func (h *handlers) listUnits(ctx context.Context, in *AgencyPath) (*itemsOutput[*merit.Unit], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindUnits(ctx, id))
}

type unitInput struct {
	AgencyPath
	Body merit.Unit
}

func (h *handlers) createUnit(ctx context.Context, in *unitInput) (*created[*merit.Unit], error) {
	u := &in.Body
	var err error
	if u.AgencyID, err = agencyID(ctx, in.Agency); err != nil {
		return nil, err
	}
	u.ID = 0
	if err := h.db.CreateUnit(ctx, u); err != nil {
		return nil, err
	}
	u, err = h.findUnit(ctx, u.AgencyID, u.ID)
	if err != nil {
		return nil, err
	}
	return &created[*merit.Unit]{Location: prefix + "/agencies/" + in.Agency + "/units/" + strconv.FormatInt(u.ID, 10), Body: u}, nil
}

type unitUpdateInput struct {
	IDPath
	Body merit.Unit
}

func (h *handlers) updateUnit(ctx context.Context, in *unitUpdateInput) (*output[*merit.Unit], error) {
	u := &in.Body
	var err error
	if u.AgencyID, err = agencyID(ctx, in.Agency); err != nil {
		return nil, err
	}
	u.ID = in.ID
	if err := h.db.UpdateUnit(ctx, u); err != nil {
		return nil, err
	}
	if u, err = h.findUnit(ctx, u.AgencyID, u.ID); err != nil {
		return nil, err
	}
	return &output[*merit.Unit]{Body: u}, nil
}

// findUnit reads a unit back with its place in the tree and headcounts.
func (h *handlers) findUnit(ctx context.Context, agencyID, id int64) (*merit.Unit, error) {
	units, err := h.db.FindUnits(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		if u.ID == id {
			return u, nil
		}
	}
	return nil, merit.Errorf(merit.KindNotFound, "api.findUnit", "err.not_found")
}

type positionsInput struct {
	AgencyPath
	UnitID int64 `query:"unitId" doc:"Only the positions of this unit"`
}

func (h *handlers) listPositions(ctx context.Context, in *positionsInput) (*itemsOutput[*merit.Position], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindPositions(ctx, id, in.UnitID))
}

type positionInput struct {
	AgencyPath
	Body merit.Position
}

func (h *handlers) createPosition(ctx context.Context, in *positionInput) (*output[*merit.Position], error) {
	p := &in.Body
	var err error
	if p.AgencyID, err = agencyID(ctx, in.Agency); err != nil {
		return nil, err
	}
	p.ID = 0
	if err := h.db.CreatePosition(ctx, p); err != nil {
		return nil, err
	}
	return &output[*merit.Position]{Body: p}, nil
}
