package web

import (
	"context"
	"golang.org/x/sync/semaphore"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"gaoxin/internal/api"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

// Server holds what the pages need.
type Server struct {
	db            *db.DB
	users         *auth.Users
	units         *org.Store
	log           *slog.Logger
	pages         map[string]*template.Template
	static        *staticFiles
	api           http.Handler
	reports       *report.Store // with gaoxin's clock, which the demo pins to 2019
	boards        boardCache
	location      *time.Location
	secureCookies bool
	metrics       *metrics
	uploadLimit   *settings.UploadLimit // bounds every request's body
	importing     *semaphore.Weighted   // the import budget (import_report.go)
	importReports *reportStore          // refused files kept for their error reports
}

// Options configure a Server.
type Options struct {
	Logger *slog.Logger
	// SecureCookies marks cookies Secure; set it when gaoxin is served over HTTPS.
	SecureCookies bool
	// Location is where times are shown; Asia/Shanghai (UTC+8) by default.
	Location *time.Location
	// MetricsFrom lists the addresses or CIDR networks that may read
	// /metrics without an administrator's API token.
	MetricsFrom string
}

// China keeps one time zone and no daylight saving, so a fixed offset
// needs no time zone database on the machine.
var chinaTime = time.FixedZone("CST", 8*3600)

// New builds the server and its routes.
func New(d *db.DB, users *auth.Users, opt Options) (*Server, error) {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Location == nil {
		opt.Location = chinaTime
	}
	s := &Server{db: d, users: users, units: org.NewStore(d), log: opt.Logger,
		location: opt.Location, secureCookies: opt.SecureCookies, uploadLimit: settings.NewUploadLimit(d),
		importing: semaphore.NewWeighted(importBudget), importReports: &reportStore{}}
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	if s.metrics, err = newMetrics(d, opt.MetricsFrom); err != nil {
		return nil, err
	}
	s.api = api.New(d, users, opt.Logger)
	s.reports = report.NewStore(d)
	clock, err := settings.Clock(context.Background(), d)
	if err != nil {
		return nil, err
	}
	s.reports.SetClock(clock)
	return s, nil
}

// Handler is the whole site with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.guard(rt))
	}
	mux.Handle("GET /static/", s.static)
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("/api/v1/", s.api)
	mux.Handle("GET /metrics", s.metrics.serve(s.users))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	return s.recoverer(s.logRequests(s.metrics.measure(securityHeaders(cop.Handler(mux)))))
}
