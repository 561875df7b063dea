package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// action is a page handler. A returned error is shown as an error page in
// the reader's language (see fail); handlers never write error responses
// themselves.
type action func(w http.ResponseWriter, r *http.Request) error

// page serves an action open to everyone.
func (h *handler) page(a action) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := a(w, r); err != nil {
			h.fail(w, r, err)
		}
	})
}

// member serves an action for signed-in users: anyone else is sent to the
// sign-in page, which brings them back here afterwards.
func (h *handler) member(a action) http.Handler {
	return h.page(func(w http.ResponseWriter, r *http.Request) error {
		if merit.ActorFrom(r.Context()) == nil {
			return merit.Errorf(merit.KindUnauthenticated, "web.member", "err.unauthenticated")
		}
		return a(w, r)
	})
}

// errorView is the data of the error page.
type errorView struct {
	Status  int
	Title   string // i18n key
	Message string // translated
}

// fail answers an error with the status httpstatus.Of gives it: sign-in for
// anonymous visitors, otherwise an error page. Internal errors are logged
// and shown only as a generic message.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httpstatus.Of(err)
	lang := langOf(r)
	if status == http.StatusUnauthorized {
		next := ""
		if r.Method == http.MethodGet {
			next = r.URL.RequestURI()
		}
		setFlash(w, "ui.flash.signin_required")
		http.Redirect(w, r, signInURL(next), http.StatusSeeOther)
		return
	}
	v := errorView{Status: status, Message: i18n.Error(lang, err)}
	switch status {
	case http.StatusNotFound:
		v.Title, v.Message = "ui.error.not_found", i18n.T(lang, "ui.error.not_found_text")
	case http.StatusForbidden:
		v.Title, v.Message = "ui.error.forbidden", i18n.T(lang, "ui.error.forbidden_text")
	case http.StatusInternalServerError:
		h.log.Error("page failed", "method", r.Method, "path", r.URL.Path, "err", err)
		v.Title = "ui.error.internal"
	default:
		v.Title = "ui.error.bad_request"
	}
	if rerr := h.render(w, r, status, "error", &page{Data: v}); rerr != nil {
		h.log.Error("error page failed", "path", r.URL.Path, "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

// notFound answers every path that is no page.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) error {
	return merit.Errorf(merit.KindNotFound, "web.notFound", "err.not_found")
}

// agency returns the agency named by the path, if the user belongs to it.
func (h *handler) agency(r *http.Request) (*merit.Agency, error) {
	return h.db.FindAgencyByCode(r.Context(), r.PathValue("agency"))
}

// pathID reads a numeric ID from the path; anything else is "not found".
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, merit.Errorf(merit.KindNotFound, "web.pathID", "err.not_found")
	}
	return id, nil
}

// employee returns the agency and the employee named by the path
// ({agency} and {id}); not found when either is not the caller's to see.
func (h *handler) employee(r *http.Request) (*merit.Agency, *merit.Employee, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	e, err := h.db.FindEmployeeByID(r.Context(), a.ID, id)
	if err != nil {
		return nil, nil, err
	}
	return a, e, nil
}

// authorize checks a permission before showing a form. The storage layer
// checks again on every write; this only spares a viewer a form they could
// not submit.
func authorize(r *http.Request, perm merit.Permission, a *merit.Agency) error {
	return merit.Authorize(r.Context(), perm, a.ID)
}

// agencyURL builds a path inside an agency from names and IDs:
// agencyURL(a, "pegawai", e.ID, "ubah").
func agencyURL(a *merit.Agency, parts ...any) string {
	var b strings.Builder
	b.WriteString("/a/" + url.PathEscape(a.Code))
	for _, p := range parts {
		b.WriteByte('/')
		switch v := p.(type) {
		case string:
			b.WriteString(url.PathEscape(v))
		case int64:
			b.WriteString(strconv.FormatInt(v, 10))
		}
	}
	return b.String()
}

// localPath returns next when it is a path on this site, else "": a link
// from elsewhere must not turn the sign-in into a redirect to another site.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") {
		return ""
	}
	return next
}

func signInURL(next string) string {
	if next = localPath(next); next != "" && next != "/" {
		return "/masuk?next=" + url.QueryEscape(next)
	}
	return "/masuk"
}

// redirect answers a successful POST with a redirect to a page that shows
// the result (post/redirect/get), with a one-time message.
func redirect(w http.ResponseWriter, r *http.Request, to, flashKey string, args ...any) error {
	if flashKey != "" {
		setFlash(w, flashKey, args...)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

const flashCookie = "merit_flash"

// flash is a message key with its arguments, carried in a short-lived
// cookie across one redirect and translated when shown.
type flash struct {
	Key  string `json:"k"`
	Args []any  `json:"a,omitempty"`
}

func setFlash(w http.ResponseWriter, key string, args ...any) {
	b, _ := json.Marshal(flash{Key: key, Args: args})
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString(b), Path: "/",
		MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// takeFlash returns the pending message, if any, and clears it.
func takeFlash(w http.ResponseWriter, r *http.Request) *flash {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	var f flash
	if err != nil || json.Unmarshal(b, &f) != nil || !strings.HasPrefix(f.Key, "ui.flash.") {
		return nil // only our own messages: a forged cookie cannot make the page say anything else
	}
	return &f
}
