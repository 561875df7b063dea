package api

import (
	"context"

	"merit"
)

// newAgencyBody is an agency added by a platform admin.
type newAgencyBody struct {
	Code string `json:"code" required:"true" minLength:"2" maxLength:"40" doc:"Short code used in URLs, e.g. kota-magelang"`
	Name string `json:"name" required:"true" minLength:"1" maxLength:"200" doc:"Full name, e.g. Pemerintah Kota Magelang"`
	Kind string `json:"kind" required:"true" enum:"PUSAT,PROVINSI,KABUPATEN,KOTA"`
}

func (h *handlers) createAgency(ctx context.Context, in *struct{ Body newAgencyBody }) (*created[*merit.Agency], error) {
	a := &merit.Agency{Code: in.Body.Code, Name: in.Body.Name, Kind: in.Body.Kind}
	if err := h.db.CreateAgency(ctx, a); err != nil {
		return nil, err
	}
	return &created[*merit.Agency]{Location: prefix + "/agencies/" + a.Code, Body: a}, nil
}
