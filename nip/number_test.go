package nip

import "testing"

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"198503102010011001", 198503102010011001, true},
		{"999999999999999999", 999999999999999999, true},
		{"19850310201001100", 0, false},
		{"1985031020100110011", 0, false},
		{"19850310201001100a", 0, false},
		{"+98503102010011001", 0, false},
		{"", 0, false},
	} {
		if got, ok := Number(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("Number(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
