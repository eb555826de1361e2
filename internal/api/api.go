package api

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/settings"
)

//go:embed openapi.json
var openAPI []byte

// API is the /api/v1 handler.
type API struct {
	db    *db.DB
	users *auth.Users
	units *org.Store
	log   *slog.Logger
	mux   *http.ServeMux
	// uploadLimit bounds every request's body, as it bounds the pages' forms.
	uploadLimit *settings.UploadLimit
}

type route struct {
	pattern string
	perm    auth.Permission
	handler func(w http.ResponseWriter, r *http.Request, u *auth.User)
}

// New builds the API.
func New(d *db.DB, users *auth.Users, log *slog.Logger) *API {
	a := &API{db: d, users: users, units: org.NewStore(d), log: log, mux: http.NewServeMux(),
		uploadLimit: settings.NewUploadLimit(d)}
	for _, rt := range a.routes() {
		a.mux.Handle(rt.pattern, a.guard(rt))
	}
	a.mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(document)
	})
	a.mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such API route")
	})
	return a
}

// Routes lists every API route with its permission, for tests.
func (a *API) Routes() map[string]auth.Permission {
	m := map[string]auth.Permission{}
	for _, rt := range a.routes() {
		m[rt.pattern] = rt.perm
	}
	return m
}

func (a *API) routes() []route {
	return []route{
		{"GET /api/v1/me", auth.PermHome, a.me},
		{"GET /api/v1/units", auth.PermUnitsView, a.listUnits},
		{"GET /api/v1/units/{code}", auth.PermUnitsView, a.getUnit},
		{"POST /api/v1/units", auth.PermUnitsManage, a.createUnit},
		{"GET /api/v1/plans/{year}/indicators", auth.PermPlanView, a.planIndicators},
		{"GET /api/v1/projects", auth.PermProjectsView, a.listProjects},
		{"GET /api/v1/projects/{code}", auth.PermProjectsView, a.getProject},
		{"POST /api/v1/projects/reports", auth.PermReport, a.putProjectReports},
		{"GET /api/v1/enterprises", auth.PermFirmsView, a.listEnterprises},
		{"GET /api/v1/enterprises/{code}", auth.PermFirmsView, a.getEnterprise},
		{"GET /api/v1/leads", auth.PermLeadsView, a.listLeads},
		{"GET /api/v1/leads/{code}", auth.PermLeadsView, a.getLead},
		{"GET /api/v1/tasks", auth.PermTasksView, a.listTasks},
		{"GET /api/v1/tasks/{code}", auth.PermTasksView, a.getTask},
		{"POST /api/v1/tasks", auth.PermTasksManage, a.createTask},
		{"GET /api/v1/figures", auth.PermPlanView, a.getFigures},
		{"POST /api/v1/figures", auth.PermReport, a.putFigures},
		{"POST /api/v1/figures/review", auth.PermPlanView, a.reviewFigures},
	}
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// guard authenticates the bearer token and checks the route's permission.
func (a *API) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gaoxin"`)
			writeError(w, http.StatusUnauthorized, "unauthenticated", "send Authorization: Bearer <token>")
			return
		}
		u, err := a.users.TokenUser(r.Context(), strings.TrimSpace(secret))
		if errors.Is(err, db.ErrNotFound) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gaoxin", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "invalid_token", "the token is unknown or has been revoked")
			return
		} else if err != nil {
			a.fail(w, r, err)
			return
		}
		if !auth.Can(u, rt.perm) {
			writeError(w, http.StatusForbidden, "forbidden", "your role may not do this")
			return
		}
		if !a.limitBody(w, r) {
			return
		}
		rt.handler(w, r.WithContext(context.WithValue(r.Context(), actorKey{}, u.Actor(address(r)))), u)
	})
}

// limitBody bounds the body by the upload.max_mb setting and answers 413
// too_large for one over it. A body announced as larger is refused
// unread. One of unknown length (sent in chunks) is read here, up to the
// limit, so that it too is told it is too large rather than, cut short,
// that it is not valid JSON.
func (a *API) limitBody(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	limit := a.uploadLimit.Bytes(r.Context())
	lang := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
	if r.ContentLength > limit {
		writeError(w, http.StatusRequestEntityTooLarge, "too_large",
			i18n.T(lang, "upload.too_large", limit>>20, settings.SizeMB(r.ContentLength, limit)))
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if r.ContentLength >= 0 {
		return true
	}
	body, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", i18n.T(lang, "upload.too_large_unsized", limit>>20))
		return false
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad_body", "the body could not be read: "+err.Error())
		return false
	}
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	return true
}

type actorKey struct{}

func actor(r *http.Request) audit.Actor {
	a, _ := r.Context().Value(actorKey{}).(audit.Actor)
	return a
}

func address(r *http.Request) string {
	if i := strings.LastIndexByte(r.RemoteAddr, ':'); i > 0 {
		return strings.Trim(r.RemoteAddr[:i], "[]")
	}
	return r.RemoteAddr
}

type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	var e apiError
	e.Error.Code, e.Error.Message = code, message
	writeJSON(w, status, e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// fail answers a user error as 400/404/409 with the message in the
// language the caller asks for, and anything else as 500, logged once.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	lang := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
	var verr *i18n.Error
	switch {
	case errors.As(err, &verr):
		var e apiError
		e.Error.Code, e.Error.Message, e.Error.Field = verr.Key, verr.In(lang), verr.Field
		writeJSON(w, http.StatusUnprocessableEntity, e)
	case errors.Is(err, db.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", "no such record")
	default:
		a.log.Error("api error", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "internal error")
	}
}
