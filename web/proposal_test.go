package web_test

import (
	"bytes"
	"encoding/base64"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

// onePixelPNG is a valid 1×1 PNG.
var onePixelPNG, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")

// postAttachment posts the proposal form with a file in "attachment".
func (u *user) postAttachment(path, name string, content []byte, fields url.Values) *page {
	u.app.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("attachment", name)
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", u.app.url+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return u.do(req)
}

// signInEmployee creates Siti Aminah's self-service account and signs in.
func signInEmployee(t *testing.T, a *app) (*user, *merit.Employee) {
	t.Helper()
	siti := createEmployeeAccount(t, a)
	return a.signIn(siti.NIP), siti
}

// createEmployeeAccount creates Siti Aminah's self-service account: her NIP
// is the username.
func createEmployeeAccount(t *testing.T, a *app) *merit.Employee {
	t.Helper()
	ctx := testdb.System()
	siti, err := a.db.FindEmployeeByNIP(ctx, a.agency.ID, "198807152012032001")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(password, auth.Cheap)
	if err != nil {
		t.Fatal(err)
	}
	u := &merit.User{Username: siti.NIP, Name: siti.Name,
		Grants: []merit.Grant{{AgencyID: a.agency.ID, Role: merit.RoleEmployee, EmployeeID: siti.ID}}}
	if err := a.db.CreateUser(ctx, u, hash); err != nil {
		t.Fatal(err)
	}
	return siti
}

// The web flow of an usulan perubahan data: the employee proposes a new
// phone number with a PNG; a wrong file type and a missing reason are
// refused with messages; the operator sees it in the queue, downloads the
// attachment (as a download only), must give a reason to reject, accepts;
// the employee sees it accepted and the new number on their page.
func TestProposalFlow(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 10)
		me, siti := signInEmployee(t, a)
		form := me.get("/saya/usulan").want(http.StatusOK)
		if attr(form.one("#f-phone"), "value") != "0812-2700-1234" {
			t.Errorf("form not prefilled: %q", attr(form.one("#f-phone"), "value"))
		}
		values := url.Values{"phone": {"0813-1111-2222"}, "reason": {"Nomor HP berganti"}, "religion": {siti.Religion},
			"education": {siti.Education}, "name": {siti.Name}, "gelarBelakang": {siti.GelarBelakang}, "birthPlace": {siti.BirthPlace},
			"email": {siti.Email}}
		p := me.postAttachment("/saya/usulan", "bukti.png", []byte("<html><script>alert(1)</script></html>"), values).want(http.StatusUnprocessableEntity)
		if !strings.Contains(p.text(), "PDF, JPEG") {
			t.Errorf("wrong type not explained: %s", p.text())
		}
		noReason := url.Values{}
		for k, v := range values {
			noReason[k] = v
		}
		noReason.Set("reason", "")
		me.postAttachment("/saya/usulan", "", nil, noReason).want(http.StatusUnprocessableEntity)
		p = me.postAttachment("/saya/usulan", "bukti.png", onePixelPNG, values).want(http.StatusOK)
		if p.path != "/saya" || !strings.Contains(p.text(), "Menunggu") {
			t.Fatalf("after proposing: %s\n%s", p.path, p.text())
		}
		me.get("/a/" + a.agency.Code + "/usulan").want(http.StatusForbidden)

		op := a.signIn("operator")
		queue := op.get("/a/" + a.agency.Code + "/usulan").want(http.StatusOK)
		links := queue.all("table.proposals a")
		if len(links) != 1 || textOf(links[0]) != "Siti Aminah" {
			t.Fatalf("queue: %s", queue.text())
		}
		detail := op.get(attr(links[0], "href")).want(http.StatusOK)
		if !strings.Contains(detail.text(), "0813-1111-2222") || !strings.Contains(detail.text(), "0812-2700-1234") {
			t.Errorf("detail lacks old and new value: %s", detail.text())
		}
		download := detail.one("a[download]")
		f := op.get(attr(download, "href")).want(http.StatusOK)
		if f.header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(f.header.Get("Content-Disposition"), "attachment") ||
			f.header.Get("Content-Type") != "image/png" || f.body != string(onePixelPNG) {
			t.Errorf("attachment headers: %v", f.header)
		}
		a.signIn("viewer").get(attr(download, "href")).want(http.StatusForbidden)
		me.get(attr(download, "href")).want(http.StatusOK)

		base := attr(links[0], "href")
		op.post(base+"/tolak", url.Values{"decisionReason": {""}}).want(http.StatusUnprocessableEntity)
		me.post(base+"/terima", url.Values{}).want(http.StatusForbidden)
		p = op.post(base+"/terima", url.Values{}).want(http.StatusOK)
		if !strings.Contains(p.text(), "diterima") {
			t.Errorf("flash after accept: %s", p.text())
		}
		page := me.get("/saya").want(http.StatusOK)
		if !strings.Contains(page.text(), "0813-1111-2222") || !strings.Contains(page.one("td.proposal-status").FirstChild.Data, "Diterima") {
			t.Errorf("employee page after accept: %s", page.text())
		}
	})
}
