package api

import (
	"context"

	"merit"
	"merit/auth"
	"merit/i18n"
)

type signInInput struct {
	Body struct {
		Username string `json:"username" required:"true" maxLength:"100" example:"operator"`
		Password string `json:"password" required:"true" maxLength:"1000" writeOnly:"true"`
	}
}

type userOutput struct {
	Body *merit.User
}

// signIn checks the credentials and starts a session whose cookie the
// response sets. Wrong credentials get 401 auth.bad_credentials, the same
// answer whether or not the username exists.
func (h *handlers) signIn(ctx context.Context, in *signInInput) (*userOutput, error) {
	r, w := request(ctx)
	u, err := h.sessions.Authenticate(ctx, in.Body.Username, in.Body.Password, r.RemoteAddr)
	if err != nil {
		return nil, err
	}
	if err := h.sessions.SignIn(w, r, u, i18n.FromRequest(r)); err != nil {
		return nil, err
	}
	return &userOutput{Body: u}, nil
}

// signOut ends the session, if any, and clears the cookie.
func (h *handlers) signOut(ctx context.Context, _ *struct{}) (*struct{}, error) {
	r, w := request(ctx)
	return nil, h.sessions.SignOut(w, r)
}

// signOutEverywhere ends every session of the signed-in user, on every
// device, and clears this request's cookie.
func (h *handlers) signOutEverywhere(ctx context.Context, _ *struct{}) (*struct{}, error) {
	r, w := request(ctx)
	return nil, h.sessions.SignOutEverywhere(w, r)
}

// me returns the signed-in user with their grants.
func (h *handlers) me(ctx context.Context, _ *struct{}) (*userOutput, error) {
	si := auth.SessionFrom(ctx)
	if si == nil {
		return nil, merit.Errorf(merit.KindUnauthenticated, "api.me", "err.unauthenticated")
	}
	return &userOutput{Body: si.User}, nil
}
