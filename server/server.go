// Package server puts Merit's HTTP parts together: the web UI, the JSON API
// and /healthz on one mux, behind the middleware every request passes:
// panic recovery, request logging, security headers, cross-origin (CSRF)
// protection and the session that makes the request's actor.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"merit"
	"merit/auth"
	"merit/pdfdoc"
	"merit/sqldb"
)

// Deps are what the web UI and the API are built from.
type Deps struct {
	DB       *sqldb.DB
	Sessions *auth.Sessions
	Logger   *slog.Logger
	// PDFFonts are the fonts of the API's PDFs (web.PDFFonts, passed in so
	// the API does not import the web UI); empty: the API's PDFs fail.
	PDFFonts pdfdoc.Fonts
}

// Server serves Merit over HTTP.
type Server struct {
	DB       *sqldb.DB
	Sessions *auth.Sessions
	Web      http.Handler // the server-rendered UI, mounted at /
	API      http.Handler // the JSON API, mounted at /api/v1/
	Logger   *slog.Logger
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto headers are believed (see clientAddr); empty: none.
	TrustedProxies []netip.Prefix
}

// Handler returns the whole application as one handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	if s.API != nil {
		mux.Handle("/api/v1/", s.API)
	}
	if s.Web != nil {
		mux.Handle("/", s.Web)
	}
	var h http.Handler = mux
	h = s.Sessions.Middleware(h)
	h = s.withClient(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = securityHeaders(h)
	h = s.logRequests(h)
	return s.recoverPanics(h)
}

// handleHealth reports whether the database answers: 200 {"status":"ok"} or
// 503 with the reason, for load balancers and monitoring.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	body := map[string]string{"status": "ok", "database": s.DB.Engine()}
	if err := s.DB.Ping(ctx); err != nil {
		s.Logger.Error("health check", "err", err)
		body["status"], body["error"] = "unavailable", "database does not answer"
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	json.NewEncoder(w).Encode(body)
}

// withClient resolves the client's address (see clientAddr) and puts it,
// without the port, with the user agent in the request's context for the
// audit trail. It also rewrites r.RemoteAddr to that address, so sign-in
// throttling counts the real client, not the proxy; and when a trusted proxy
// says the client used HTTPS it sets r.URL.Scheme, so the session cookie gets
// the Secure flag.
func (s *Server) withClient(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, https := clientAddr(r, s.TrustedProxies)
		r2 := r.WithContext(merit.WithClient(r.Context(), ip, r.UserAgent()))
		r2.RemoteAddr = net.JoinHostPort(ip, "0")
		if https {
			u := *r.URL
			u.Scheme = "https"
			r2.URL = &u
		}
		next.ServeHTTP(w, r2)
	})
}

// clientAddr returns the client's address and whether a trusted proxy says
// it used HTTPS. Only when the direct peer is a trusted proxy are the
// forwarding headers read: X-Forwarded-For is walked from the right (each
// proxy appends the address it saw) past the trusted proxies to the first
// untrusted entry, which is the client; entries left of it were written by
// the client and may be forged. Otherwise the peer itself is the client.
func clientAddr(r *http.Request, trusted []netip.Prefix) (string, bool) {
	peer := r.RemoteAddr
	if host, _, err := net.SplitHostPort(peer); err == nil {
		peer = host
	}
	isTrusted := func(a string) (netip.Addr, bool) {
		ip, err := netip.ParseAddr(strings.TrimSpace(a))
		if err != nil {
			return ip, false
		}
		ip = ip.Unmap()
		for _, p := range trusted {
			if p.Contains(ip) {
				return ip, true
			}
		}
		return ip, false
	}
	if _, ok := isTrusted(peer); !ok {
		return peer, false
	}
	client := peer
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip, ok := isTrusted(hops[i])
		if !ip.IsValid() {
			break // garbage: keep the last address a trusted proxy vouched for
		}
		client = ip.String()
		if !ok {
			break
		}
	}
	protos := strings.Split(r.Header.Get("X-Forwarded-Proto"), ",")
	return client, strings.EqualFold(strings.TrimSpace(protos[len(protos)-1]), "https")
}

// ParseTrustedProxies parses a comma-separated list of CIDR ranges or single
// addresses ("10.0.0.0/8,192.168.1.5") for Server.TrustedProxies.
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: not an address or CIDR range", f)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an address or CIDR range", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// securityHeaders sets a strict content security policy (no inline script or
// style, nothing from other origins) and the usual hardening headers.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer (flushing the
// import progress stream).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if r.URL.Path == "/healthz" {
			return
		}
		s.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"ms", time.Since(start).Milliseconds())
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// ListenAndServe serves on addr until ctx ends, then shuts down gracefully.
// With certFile and keyFile it serves HTTPS. ready, if not nil, receives the
// bound address once listening (tests use addr "127.0.0.1:0").
func (s *Server) ListenAndServe(ctx context.Context, addr, certFile, keyFile string, ready chan<- string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() {
		if certFile != "" {
			errc <- srv.ServeTLS(ln, certFile, keyFile)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
