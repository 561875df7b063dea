package merit

import "testing"

// Every proposable field is applied to the record, and only those are.
func TestProposalFieldsApply(t *testing.T) {
	if len(proposalField) != len(ProposalFields) {
		t.Fatalf("%d fields listed, %d applied", len(ProposalFields), len(proposalField))
	}
	for _, f := range ProposalFields {
		e := &Employee{}
		(&Proposal{Changes: map[string]string{f: "baru"}}).Apply(e)
		if *proposalField[f](e) != "baru" {
			t.Errorf("field %s not applied", f)
		}
	}
	e := &Employee{NIP: "lama"}
	(&Proposal{Changes: map[string]string{"nip": "baru"}}).Apply(e)
	if e.NIP != "lama" {
		t.Error("a field that may not be proposed was applied")
	}
}
