package httpstatus

import (
	"errors"
	"fmt"
	"testing"

	"merit"
)

func TestOf(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{errors.New("disk full"), 500},
		{merit.Invalid("op"), 422},
		{fmt.Errorf("wrapped: %w", merit.Errorf(merit.KindNotFound, "op", "err.not_found")), 404},
		{merit.Errorf(merit.KindConflict, "op", ""), 409},
		{merit.Errorf(merit.KindUnauthenticated, "op", ""), 401},
		{merit.Errorf(merit.KindForbidden, "op", ""), 403},
	}
	for _, tt := range tests {
		if got := Of(tt.err); got != tt.want {
			t.Errorf("Of(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
