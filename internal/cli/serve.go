package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/config"
	"gaoxin/internal/db"
	"gaoxin/internal/web"
)

func runServe(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("serve", "serve [--db DSN] [--addr HOST:PORT]",
		"Serve the pages and the API until interrupted (Ctrl-C or SIGTERM), then finish\nthe requests in flight and stop.")
	cfg.ServeFlags(fs)
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := e.ensureAuditKey(); err != nil {
		return err
	}
	return serve(e, d, cfg, nil)
}

func newLogger(e *env, cfg config.Config) *slog.Logger {
	if cfg.LogJSON {
		return slog.New(slog.NewJSONHandler(e.stderr, nil))
	}
	return slog.New(slog.NewTextHandler(e.stderr, nil))
}

// serve runs the web server on d until the process is told to stop.
// ready, when set, is called once the port is open.
func serve(e *env, d *db.DB, cfg config.Config, ready func(addr string)) error {
	log := newLogger(e, cfg)
	users := auth.NewUsers(d)
	site, err := web.New(d, users, web.Options{Logger: log, SecureCookies: cfg.SecureCookies, MetricsFrom: cfg.MetricsFrom})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", cfg.Addr, err)
	}
	srv := &http.Server{Handler: site.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 2 * time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go purgeSessions(ctx, users, log)
	runBackground(ctx, d, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("gaoxin serving", "addr", "http://"+ln.Addr().String(), "db", d.Dialect().String())
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// purgeSessions clears dead sessions and old sign-in failures every few minutes.
func purgeSessions(ctx context.Context, users *auth.Users, log *slog.Logger) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := users.PurgeExpired(ctx); err != nil && ctx.Err() == nil {
				log.Warn("purge sessions", "err", err)
			}
		}
	}
}
