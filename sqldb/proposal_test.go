package sqldb_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// pngBytes is a valid 1×1 PNG.
var pngBytes, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")

// Usulan perubahan data: an employee proposes a change of their own record
// with an attachment; only operators see the queue and decide; accepting
// applies the change through the validated update (audited, history kept);
// rejecting needs a reason; a decided proposal cannot be decided again.
func TestProposals(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		a, unit := testdb.Agency(t, db, "kota-usul")
		var emps []*merit.Employee
		for seq := 1; seq <= 2; seq++ {
			e := testdb.Employee(a.ID, seq)
			e.UnitID = unit.ID
			if err := db.CreateEmployee(ctx, e); err != nil {
				t.Fatal(err)
			}
			emps = append(emps, e)
		}
		own, other := emps[0], emps[1]
		u := &merit.User{Username: own.NIP, Name: own.Name, Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: own.ID}}}
		if err := db.CreateUser(ctx, u, "hash"); err != nil {
			t.Fatal(err)
		}
		me := merit.WithActor(ctx, u.Actor())
		operator := merit.WithActor(ctx, &merit.Actor{UserID: 90, Username: "operator", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator}}})
		viewer := merit.WithActor(ctx, &merit.Actor{UserID: 91, Username: "viewer", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleViewer}}})

		// Attachments: PDF/JPEG/PNG by content, at most 5 MiB.
		if _, err := merit.NewAttachment("ktp.png", []byte("<html>not an image</html>")); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("HTML named .png: %v, want invalid", err)
		}
		big := append(bytes.Clone(pngBytes), make([]byte, merit.MaxAttachmentSize)...)
		if _, err := merit.NewAttachment("besar.png", big); merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Code != "proposal.attachment_size" {
			t.Errorf("6 MiB PNG: %v, want too large", err)
		}
		att, err := merit.NewAttachment(`C:\scan\bukti.png`, pngBytes)
		if err != nil || att.ContentType != "image/png" || att.Name != "bukti.png" || len(att.SHA256) != 64 {
			t.Fatalf("PNG attachment: %+v %v", att, err)
		}

		p := &merit.Proposal{AgencyID: a.ID, EmployeeID: own.ID, Changes: map[string]string{"phone": " 0812-9999-0000 "},
			Reason: "Nomor HP berganti", Attachments: []*merit.Attachment{att}}
		for _, bad := range []*merit.Proposal{
			{AgencyID: a.ID, EmployeeID: own.ID, Changes: map[string]string{}, Reason: "x"},
			{AgencyID: a.ID, EmployeeID: own.ID, Changes: map[string]string{"nip": "199001012015031001"}, Reason: "x"},
			{AgencyID: a.ID, EmployeeID: own.ID, Changes: map[string]string{"phone": "1"}, Reason: " "},
		} {
			if err := db.CreateProposal(me, bad); merit.KindOf(err) != merit.KindInvalid {
				t.Errorf("bad proposal %+v: %v, want invalid", bad, err)
			}
		}
		forOther := &merit.Proposal{AgencyID: a.ID, EmployeeID: other.ID, Changes: map[string]string{"phone": "1"}, Reason: "x"}
		if err := db.CreateProposal(me, forOther); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("proposal for another employee: %v, want not found", err)
		}
		if err := db.CreateProposal(operator, forOther); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("operator proposing: %v, want forbidden", err)
		}
		if err := db.CreateProposal(me, p); err != nil || p.Status != merit.ProposalSubmitted {
			t.Fatalf("propose: %v %+v", err, p)
		}

		if _, err := db.FindProposals(me, a.ID, 0, ""); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("employee reading the queue: %v, want forbidden", err)
		}
		if _, err := db.FindProposals(me, a.ID, other.ID, ""); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("employee reading another's proposals: %v, want not found", err)
		}
		if _, err := db.FindProposals(viewer, a.ID, 0, ""); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer reading the queue: %v, want forbidden", err)
		}
		queue, err := db.FindProposals(operator, a.ID, 0, merit.ProposalSubmitted)
		if err != nil || len(queue) != 1 || queue[0].Changes["phone"] != "0812-9999-0000" || queue[0].EmployeeName != own.Name {
			t.Fatalf("queue: %+v %v", queue, err)
		}
		got, err := db.FindProposal(operator, a.ID, p.ID)
		if err != nil || len(got.Attachments) != 1 || got.Attachments[0].Size != int64(len(pngBytes)) {
			t.Fatalf("proposal: %+v %v", got, err)
		}
		if f, err := db.FindAttachment(me, a.ID, p.ID, got.Attachments[0].ID); err != nil || !bytes.Equal(f.Data, pngBytes) {
			t.Errorf("employee's attachment: %v", err)
		}
		if f, err := db.FindAttachment(operator, a.ID, p.ID, got.Attachments[0].ID); err != nil || !bytes.Equal(f.Data, pngBytes) {
			t.Errorf("operator's attachment: %v", err)
		}
		if _, err := db.FindAttachment(viewer, a.ID, p.ID, got.Attachments[0].ID); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer's attachment: %v, want forbidden", err)
		}

		if _, err := db.DecideProposal(me, a.ID, p.ID, true, ""); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("employee accepting their own proposal: %v, want forbidden", err)
		}
		decided, err := db.DecideProposal(operator, a.ID, p.ID, true, "")
		if err != nil || decided.Status != merit.ProposalAccepted || decided.DecidedBy != "operator" || decided.DecidedAt == nil {
			t.Fatalf("accept: %+v %v", decided, err)
		}
		if e, _ := db.FindEmployeeByID(me, a.ID, own.ID); e.Phone != "0812-9999-0000" {
			t.Errorf("phone after accept: %q", e.Phone)
		}
		if _, err := db.DecideProposal(operator, a.ID, p.ID, false, "terlambat"); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("deciding twice: %v, want conflict", err)
		}
		entries, err := db.FindAudit(ctx, a.ID, "", 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var trail []string
		for _, e := range entries {
			trail = append(trail, e.Actor+":"+e.Action+":"+e.Entity)
		}
		joined := strings.Join(trail, " ")
		for _, want := range []string{own.NIP + ":create:proposal", "operator:update:employee", "operator:update:proposal"} {
			if !strings.Contains(joined, want) {
				t.Errorf("audit lacks %s: %s", want, joined)
			}
		}

		// Rejecting needs a reason; the employee sees status and reason.
		q := &merit.Proposal{AgencyID: a.ID, EmployeeID: own.ID, Changes: map[string]string{"religion": "KRISTEN"}, Reason: "Salah input"}
		if err := db.CreateProposal(me, q); err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideProposal(operator, a.ID, q.ID, false, "  "); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("reject without reason: %v, want invalid", err)
		}
		if _, err := db.DecideProposal(operator, a.ID, q.ID, false, "Lampirkan dokumen pendukung"); err != nil {
			t.Fatal(err)
		}
		mine, err := db.FindProposals(me, a.ID, own.ID, "")
		if err != nil || len(mine) != 2 || mine[0].Status != merit.ProposalRejected || mine[0].DecisionReason != "Lampirkan dokumen pendukung" ||
			mine[1].Status != merit.ProposalAccepted {
			t.Fatalf("own proposals: %+v %v", mine, err)
		}
		if e, _ := db.FindEmployeeByID(me, a.ID, own.ID); e.Religion == "KRISTEN" {
			t.Error("a rejected proposal changed the record")
		}

		// An accepted change that the record's validation refuses leaves
		// everything as it was.
		r := &merit.Proposal{AgencyID: a.ID, EmployeeID: own.ID, Changes: map[string]string{"religion": "TIDAK_ADA"}, Reason: "x"}
		if err := db.CreateProposal(me, r); err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideProposal(operator, a.ID, r.ID, true, ""); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("accepting an invalid value: %v, want invalid", err)
		}
		if again, _ := db.FindProposal(operator, a.ID, r.ID); again.Status != merit.ProposalSubmitted {
			t.Errorf("status after a failed accept: %s", again.Status)
		}
	})
}
