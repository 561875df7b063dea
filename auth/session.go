package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"merit"
	"merit/i18n"
	"merit/sqldb"
)

// CookieName is the session cookie's name. The __Host- prefix is used when
// serving over TLS (the browser then insists on Secure, Path=/ and no Domain).
const CookieName = "merit_session"

// Sessions issues and checks browser sessions stored in the database. The
// cookie holds a random token; the database holds only its SHA-256, so a
// stolen database copy cannot be replayed as sessions.
type Sessions struct {
	DB          *sqldb.DB
	Params      Params
	IdleTimeout time.Duration // a session unused this long ends
	MaxAge      time.Duration // a session ends this long after sign-in, used or not
	Secure      bool          // set the Secure flag (serving over TLS)
	Now         func() time.Time
	// dummyHash is checked when the username does not exist, so that a wrong
	// username costs as much time as a wrong password.
	dummyHash string

	// cache keeps recently checked sessions for cacheTTL so that a busy user's
	// requests do not each read the session, user and grants. Signing out
	// here removes the entry at once; a change made by another process (a
	// password reset from the CLI) takes effect within cacheTTL.
	mu    sync.Mutex
	cache map[string]cachedSession

	throttle throttle
}

type cachedSession struct {
	sess *sqldb.Session
	user *merit.User
	at   time.Time
}

// cacheTTL bounds how long a cached session is trusted without the database.
const cacheTTL = 10 * time.Second

// NewSessions returns a session manager with the given password cost.
func NewSessions(db *sqldb.DB, p Params) *Sessions {
	h, _ := HashPassword("not-a-real-password", p)
	return &Sessions{DB: db, Params: p, IdleTimeout: 2 * time.Hour, MaxAge: 12 * time.Hour, Now: time.Now, dummyHash: h}
}

// TokenPrefix starts every API token, so a leaked one is easy to recognize
// (secret scanners) and never mistaken for a session cookie.
const TokenPrefix = "mrt_"

// NewToken returns a new API token ("mrt_" + base64url of 32 random bytes)
// and the SHA-256 that sqldb.CreateToken stores in its place.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

// unauthorized answers a bad bearer token with a JSON problem (RFC 9457)
// shaped like the API's, with the stable code auth.bad_token.
func unauthorized(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	w.WriteHeader(http.StatusUnauthorized)
	json.NewEncoder(w).Encode(map[string]any{"title": http.StatusText(http.StatusUnauthorized), "status": http.StatusUnauthorized,
		"detail": i18n.T(i18n.FromRequest(r), "auth.bad_token"), "code": "auth.bad_token"})
}

func hashToken(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

// Authenticate checks a username and password from the client address addr
// (the request's RemoteAddr) and returns the user. Every failure is a
// KindUnauthenticated error that does not reveal which usernames exist;
// repeated failures lock the username or the address for a while (see
// AccountFailures), answered with the code auth.locked.
func (s *Sessions) Authenticate(ctx context.Context, username, password, addr string) (*merit.User, error) {
	const op = "auth.Authenticate"
	now := s.Now()
	account, address := accountKey(username), addressKey(addr)
	if until, ok := s.throttle.locked(now, account, address); ok {
		e := merit.Errorf(merit.KindUnauthenticated, op, "auth.locked")
		e.Fields = []merit.FieldError{{Field: "username", Code: "auth.locked", Args: []any{int(until.Sub(now).Minutes()) + 1}}}
		return nil, e
	}
	fail := func() (*merit.User, error) {
		s.throttle.fail(now, map[string]int{account: AccountFailures, address: AddressFailures})
		return nil, merit.Errorf(merit.KindUnauthenticated, op, "auth.bad_credentials")
	}
	u, hash, err := s.DB.UserForSignIn(ctx, strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		if merit.KindOf(err) != merit.KindNotFound {
			return nil, err
		}
		CheckPassword(s.dummyHash, password)
		return fail()
	}
	ok, err := CheckPassword(hash, password)
	if err != nil || !ok || u.Disabled {
		return fail()
	}
	s.throttle.succeed(account)
	return u, nil
}

// SignIn starts a new session for the user and sets its cookie. A new random
// token is made on every sign-in, so a token planted before sign-in is useless.
func (s *Sessions) SignIn(w http.ResponseWriter, r *http.Request, u *merit.User, lang string) error {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	now := s.Now()
	if err := s.DB.CreateSession(r.Context(), &sqldb.Session{TokenHash: hashToken(tok), UserID: u.ID, Lang: lang,
		CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(s.MaxAge)}); err != nil {
		return err
	}
	http.SetCookie(w, s.cookie(r, tok, int(s.MaxAge.Seconds())))
	return nil
}

// SignOut ends the request's session and clears the cookie.
func (s *Sessions) SignOut(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(CookieName); err == nil {
		th := hashToken(c.Value)
		s.forget(th)
		if err := s.DB.DeleteSession(r.Context(), th); err != nil {
			return err
		}
	}
	http.SetCookie(w, s.cookie(r, "", -1))
	return nil
}

// SignOutEverywhere ends every session of the request's user, on every
// device, drops them from this process's cache and clears the cookie.
func (s *Sessions) SignOutEverywhere(w http.ResponseWriter, r *http.Request) error {
	si := SessionFrom(r.Context())
	if si == nil {
		return merit.Errorf(merit.KindUnauthenticated, "auth.SignOutEverywhere", "err.unauthenticated")
	}
	if err := s.DB.DeleteSessionsOfUser(r.Context(), si.User.ID); err != nil {
		return err
	}
	s.mu.Lock()
	for th, c := range s.cache {
		if c.user.ID == si.User.ID {
			delete(s.cache, th)
		}
	}
	s.mu.Unlock()
	http.SetCookie(w, s.cookie(r, "", -1))
	return nil
}

// cookie makes the session cookie, Secure when serving over TLS, directly
// or (r.URL.Scheme "https", set by the server from a trusted proxy) behind a
// TLS-terminating proxy.
func (s *Sessions) cookie(r *http.Request, value string, maxAge int) *http.Cookie {
	secure := s.Secure || r.TLS != nil || r.URL.Scheme == "https"
	return &http.Cookie{Name: CookieName, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteLaxMode}
}

type sessionKey struct{}

// SessionInfo is what the middleware learned about the request's session.
type SessionInfo struct {
	User *merit.User
	Lang string
}

// SessionFrom returns the request's session, or nil when not signed in.
func SessionFrom(ctx context.Context) *SessionInfo {
	si, _ := ctx.Value(sessionKey{}).(*SessionInfo)
	return si
}

// Middleware resolves the session cookie into the request's actor. A missing,
// unknown, expired or idle session leaves the request anonymous; handlers and
// the storage layer then answer KindUnauthenticated. An Authorization: Bearer
// header is an API token instead (see TokenPrefix): a good one acts with the
// token's single grant, a bad one is answered 401 at once, never anonymous.
func (s *Sessions) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			a, err := s.DB.TokenActor(r.Context(), hashToken(strings.TrimSpace(bearer)), s.Now())
			if err != nil {
				if merit.KindOf(err) != merit.KindUnauthenticated {
					slog.ErrorContext(r.Context(), "token lookup", "err", err)
				}
				unauthorized(w, r)
				return
			}
			next.ServeHTTP(w, r.WithContext(merit.WithActor(r.Context(), a)))
			return
		}
		c, err := r.Cookie(CookieName)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		th := hashToken(c.Value)
		now := s.Now()
		sess, u, err := s.lookup(r.Context(), th, now)
		if err != nil || now.Sub(sess.SeenAt) > s.IdleTimeout || !now.Before(sess.ExpiresAt) {
			s.forget(th)
			if err != nil && merit.KindOf(err) != merit.KindUnauthenticated {
				slog.ErrorContext(r.Context(), "session lookup", "err", err)
			}
			http.SetCookie(w, s.cookie(r, "", -1))
			next.ServeHTTP(w, r)
			return
		}
		// Record activity at most once a minute, not on every request.
		if now.Sub(sess.SeenAt) > time.Minute {
			if err := s.DB.TouchSession(r.Context(), th, now, sess.Lang); err != nil {
				slog.ErrorContext(r.Context(), "touch session", "err", err)
			}
			s.forget(th)
		}
		ctx := merit.WithActor(r.Context(), u.Actor())
		ctx = context.WithValue(ctx, sessionKey{}, &SessionInfo{User: u, Lang: sess.Lang})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// SetLang stores the session's language preference.
func (s *Sessions) SetLang(r *http.Request, lang string) error {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return nil
	}
	th := hashToken(c.Value)
	s.forget(th)
	return s.DB.TouchSession(r.Context(), th, s.Now(), lang)
}

// lookup returns the session and its user, from the cache when fresh.
func (s *Sessions) lookup(ctx context.Context, th string, now time.Time) (*sqldb.Session, *merit.User, error) {
	s.mu.Lock()
	c, ok := s.cache[th]
	s.mu.Unlock()
	if ok && now.Sub(c.at) < cacheTTL && now.Sub(c.at) >= 0 {
		return c.sess, c.user, nil
	}
	sess, u, err := s.DB.SessionUser(ctx, th, now)
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	if s.cache == nil || len(s.cache) > 10000 {
		s.cache = make(map[string]cachedSession)
	}
	s.cache[th] = cachedSession{sess: sess, user: u, at: now}
	s.mu.Unlock()
	return sess, u, nil
}

func (s *Sessions) forget(th string) {
	s.mu.Lock()
	delete(s.cache, th)
	s.mu.Unlock()
}
