package api

import (
	"reflect"

	"github.com/danielgtaylor/huma/v2"

	"merit"
)

// dateSchema stands in for merit.Date in the OpenAPI document and in request
// validation (registered as a type alias in New): a calendar date written
// YYYY-MM-DD. merit.Date writes an unset date as "", so "" is accepted too,
// and a record read from the API can be sent back unchanged.
type dateSchema struct{}

// Schema implements huma.SchemaProvider.
func (dateSchema) Schema(huma.Registry) *huma.Schema {
	maxLen := 0
	return &huma.Schema{
		Type:        huma.TypeString,
		Description: "Calendar date YYYY-MM-DD; an empty string means not set.",
		AnyOf: []*huma.Schema{
			{Type: huma.TypeString, Format: "date"},
			{Type: huma.TypeString, MaxLength: &maxLen},
		},
	}
}

// aliasDates makes huma describe and validate merit.Date with dateSchema.
func aliasDates(r huma.Registry) {
	r.RegisterTypeAlias(reflect.TypeFor[merit.Date](), reflect.TypeFor[dateSchema]())
}
