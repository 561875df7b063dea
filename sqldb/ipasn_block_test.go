package sqldb

import (
	"slices"
	"strings"
	"testing"
)

// TestInputBlockRoundTrip: entries come back exactly, whatever bytes their
// fields hold (tabs, newlines, digits, nothing), with any fingerprint.
func TestInputBlockRoundTrip(t *testing.T) {
	entries := []inputEntry{
		{id: 64, hash: 4611686018427387903, education: "S-1", jenis: "JF", facts: "D\tTEKNIS\t24\t2026-01-20\t2026-02-01\t0\tKearsipan\nS\t2025\tSANGAT_BAIK\t0\n"},
		{id: 65, hash: 0},
		{id: 66, hash: -17, education: "12\t3\n", jenis: "\n", facts: "99\t1\t2\t3\t4\n"},
		{id: 127, hash: 1, education: strings.Repeat("é", 300), facts: "H\tRINGAN\tTEGURAN_LISAN\t2024-01-10\n"},
	}
	b := encodeBlock(entries)
	got, err := decodeBlock(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, entries) {
		t.Fatalf("decoded %+v, want %+v", got, entries)
	}
	if b := encodeBlock(nil); b == nil || len(b) != 0 {
		t.Fatalf("empty block %v: want empty, not nil (nil is NULL)", b)
	}
	for _, bad := range []string{"1\t2\t3\t4\n", "1\t2\t3\t4\t5", "1\t2\t0\t0\t9\nabc", "x\t2\t0\t0\t0\n", "1\t2\t-1\t0\t0\nab",
		"1\t2\t0\t0\t0\n1\t"} {
		if _, err := decodeBlock(bad); err == nil {
			t.Errorf("decodeBlock(%q): no error", bad)
		}
	}
}

// TestInputBlockEntries: setEntry keeps ID order and replaces, dropEntry
// removes only the named employee.
func TestInputBlockEntries(t *testing.T) {
	var es []inputEntry
	for _, id := range []int64{70, 65, 90, 65} {
		es = setEntry(es, inputEntry{id: id, facts: "f" + string(rune('0'+id%10))})
	}
	ids := func() []int64 {
		var out []int64
		for _, e := range es {
			out = append(out, e.id)
		}
		return out
	}
	if got := ids(); !slices.Equal(got, []int64{65, 70, 90}) {
		t.Fatalf("ids %v, want 65 70 90", got)
	}
	es = dropEntry(es, 70)
	es = dropEntry(es, 71)
	if got := ids(); !slices.Equal(got, []int64{65, 90}) {
		t.Fatalf("after drops %v, want 65 90", got)
	}
}

// FuzzInputBlock: a block read back from storage never panics the decoder,
// and what decodes re-encodes to bytes that decode to the same entries.
func FuzzInputBlock(f *testing.F) {
	f.Add(string(encodeBlock([]inputEntry{{id: 1, hash: -5, education: "S-1", jenis: "JA", facts: "S\t2025\tBAIK\t0\n"}})))
	f.Add("1\t2\t0\t0\t0\n")
	f.Add("-9\t-9\t1\t1\t1\nabc")
	f.Fuzz(func(t *testing.T, s string) {
		es, err := decodeBlock(s)
		if err != nil {
			return
		}
		again, err := decodeBlock(string(encodeBlock(es)))
		if err != nil || !slices.Equal(again, es) {
			t.Fatalf("%q decoded to %+v, re-encoded and decoded to %+v, %v", s, es, again, err)
		}
	})
}
