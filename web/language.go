package web

import (
	"net/http"

	"merit/i18n"
)

// setLanguage switches the UI language: a cookie for this browser and, when
// signed in, the session's preference. It returns to the page it came from.
func (h *handler) setLanguage(w http.ResponseWriter, r *http.Request) error {
	lang := r.PostFormValue("lang")
	if !i18n.Valid(lang) {
		lang = i18n.ID
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: h.sessions.Secure, SameSite: http.SameSiteLaxMode})
	if err := h.sessions.SetLang(r, lang); err != nil {
		return err
	}
	return redirect(w, r, or(localPath(r.PostFormValue("next")), "/"), "")
}
