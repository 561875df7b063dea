package web

import (
	"net/http"

	"merit"
	"merit/auth"
	"merit/i18n"
)

// signInView is the data of the sign-in form.
type signInView struct {
	Username string
	Next     string
	Error    string // translated; empty before the first attempt
}

// showSignIn shows the sign-in form; a signed-in user goes straight on.
func (h *handler) showSignIn(w http.ResponseWriter, r *http.Request) error {
	next := localPath(r.URL.Query().Get("next"))
	if auth.SessionFrom(r.Context()) != nil {
		return redirect(w, r, or(next, "/"), "")
	}
	return h.render(w, r, http.StatusOK, "signin", &page{Data: signInView{Next: next}})
}

// signIn checks the username and password and starts a session. Wrong
// credentials show the form again with the username kept.
func (h *handler) signIn(w http.ResponseWriter, r *http.Request) error {
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := localPath(r.PostFormValue("next"))
	u, err := h.sessions.Authenticate(r.Context(), username, password, r.RemoteAddr)
	if merit.KindOf(err) == merit.KindUnauthenticated {
		v := signInView{Username: username, Next: next, Error: i18n.Error(langOf(r), err)}
		return h.render(w, r, http.StatusUnauthorized, "signin", &page{Data: v})
	}
	if err != nil {
		return err
	}
	if err := h.sessions.SignIn(w, r, u, langOf(r)); err != nil {
		return err
	}
	return redirect(w, r, or(next, or(landing(u), "/")), "ui.flash.signed_in", u.Name)
}

// signOut ends the session.
func (h *handler) signOut(w http.ResponseWriter, r *http.Request) error {
	if err := h.sessions.SignOut(w, r); err != nil {
		return err
	}
	return redirect(w, r, "/masuk", "ui.flash.signed_out")
}

// signOutEverywhere ends every session of the user, on every device.
func (h *handler) signOutEverywhere(w http.ResponseWriter, r *http.Request) error {
	if err := h.sessions.SignOutEverywhere(w, r); err != nil {
		return err
	}
	return redirect(w, r, "/masuk", "ui.flash.signed_out_all")
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
