package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"merit/api"
	"merit/auth"
	"merit/pdfdoc"
	"merit/server"
	"merit/web"
)

func init() {
	register("serve", "serve the web UI, the JSON API and /healthz", runServe)
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "serve", "")
	dsn := dbFlag(env, fs)
	addr := fs.String("addr", envOr(env, "MERIT_ADDR", ":8080"), "address to listen on (env MERIT_ADDR)")
	cert := fs.String("tls-cert", env.Getenv("MERIT_TLS_CERT"), "TLS certificate file; with -tls-key serves HTTPS (env MERIT_TLS_CERT)")
	key := fs.String("tls-key", env.Getenv("MERIT_TLS_KEY"), "TLS key file (env MERIT_TLS_KEY)")
	demoIfEmpty := fs.Bool("demo", envOr(env, "MERIT_DEMO", "") == "1", "load demo data when the database is empty (env MERIT_DEMO=1)")
	proxies := fs.String("trusted-proxy", env.Getenv("MERIT_TRUSTED_PROXIES"),
		"reverse proxies (CIDR[,CIDR]) whose X-Forwarded-For/-Proto are believed; none by default (env MERIT_TRUSTED_PROXIES)")
	logJSON := fs.Bool("log-json", envOr(env, "MERIT_LOG_JSON", "") == "1", "log as JSON lines (env MERIT_LOG_JSON=1)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*cert == "") != (*key == "") {
		return fmt.Errorf("serve: -tls-cert and -tls-key must be given together")
	}
	trusted, err := server.ParseTrustedProxies(*proxies)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var handler slog.Handler = slog.NewTextHandler(env.Stderr, nil)
	if *logJSON {
		handler = slog.NewJSONHandler(env.Stderr, nil)
	}
	logger := slog.New(handler)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *demoIfEmpty {
		if err := loadDemoIfEmpty(ctx, env, db, *addr); err != nil {
			return err
		}
	}
	sessions := auth.NewSessions(db, auth.Default)
	sessions.Secure = *cert != ""
	regular, bold := web.PDFFonts()
	deps := server.Deps{DB: db, Sessions: sessions, Logger: logger, PDFFonts: pdfdoc.Fonts{Regular: regular, Bold: bold}}
	srv := &server.Server{DB: db, Sessions: sessions, Logger: logger, Web: web.New(deps), API: api.New(deps),
		TrustedProxies: trusted}
	ready := make(chan string, 1)
	go func() {
		a := <-ready
		scheme := "http"
		if *cert != "" {
			scheme = "https"
		}
		logger.Info("Merit is serving", "url", scheme+"://"+displayAddr(a), "db", db.String(), "started", time.Now().Format(time.RFC3339))
	}()
	return srv.ListenAndServe(ctx, *addr, *cert, *key, ready)
}

// displayAddr turns a listen address into one a person can open:
// ":8080" and "0.0.0.0:8080" become "localhost:8080".
func displayAddr(a string) string {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return a
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
