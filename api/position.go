package api

import (
	"context"

	"merit"
)

type positionUpdateInput struct {
	IDPath
	Body merit.Position
}

// updatePosition replaces a position's unit, name, jenis, jenjang, kelas
// jabatan and critical flag.
func (h *handlers) updatePosition(ctx context.Context, in *positionUpdateInput) (*output[*merit.Position], error) {
	p := &in.Body
	var err error
	if p.AgencyID, err = agencyID(ctx, in.Agency); err != nil {
		return nil, err
	}
	p.ID = in.ID
	if err := h.db.UpdatePosition(ctx, p); err != nil {
		return nil, err
	}
	return &output[*merit.Position]{Body: p}, nil
}

// deletePosition removes a position that no employee holds.
func (h *handlers) deletePosition(ctx context.Context, in *IDPath) (*struct{}, error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return nil, h.db.DeletePosition(ctx, id, in.ID)
}
