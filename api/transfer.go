package api

import (
	"fmt"

	"merit"
)

// importReport is the outcome of an import, with the rejected rows' reasons
// translated.
type importReport struct {
	Rows      int            `json:"rows" doc:"Data rows read from the file"`
	Inserted  int            `json:"inserted"`
	Updated   int            `json:"updated"`
	Unchanged int            `json:"unchanged"`
	Rejected  int            `json:"rejected"`
	Written   bool           `json:"written" doc:"Whether the valid rows were written: false for a dry run, and for a file with rejected rows unless skipInvalid"`
	Errors    []fieldProblem `json:"errors,omitempty" doc:"Why each rejected row was rejected: row, column, value and rule"`
}

// importRejected is the answer to a file with invalid rows of which nothing
// was written: 422 import.rejected, with the report (see toProblem).
type importRejected struct{ report *importReport }

func (e *importRejected) Error() string { return fmt.Sprintf("import: %d rows rejected", e.report.Rejected) }

// Unwrap gives the error its kind and message key.
func (e *importRejected) Unwrap() error {
	return merit.Errorf(merit.KindInvalid, "api.import", "api.import_rejected")
}
