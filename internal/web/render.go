package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/settings"
)

//go:embed templates/*.html
var templateFiles embed.FS

// page is what every template receives. Handlers fill Data with their own
// view and, after a refused submit, Form and Errors so that what the user
// typed comes back with the problem next to it.
type page struct {
	Title  string // message key
	Nav    string // which navigation item is current
	User   *auth.User
	CSRF   string
	Notice string // message key of a confirmation, e.g. after a save
	Error  string // translated problem with the whole form
	// ErrorReport links a refused file's full error report.
	ErrorReport string
	Errors      map[string]string
	Form        url.Values
	Data        any
	Path        string // where the language switch returns to
	lang        i18n.Lang
	server      *Server
	ctx         context.Context // the request's, for what the layout reads itself (the bell)
}

// T translates a message key into the page's language.
func (p *page) T(key string, args ...any) string { return i18n.T(p.lang, key, args...) }

// Lang is the page's language as an HTML lang attribute.
func (p *page) Lang() string {
	if p.lang == i18n.EN {
		return "en"
	}
	return "zh-CN"
}

// Static is the content-hashed address of an embedded static file.
func (p *page) Static(name string) string { return p.server.static.url(name) }

// Time shows a time in the zone's local time.
func (p *page) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(p.server.location).Format("2006-01-02 15:04")
}

// Value is the submitted value of a form field, or fallback before any submit.
func (p *page) Value(field string, fallback any) string {
	if p.Form != nil {
		if _, ok := p.Form[field]; ok {
			return p.Form.Get(field)
		}
	}
	if fallback == nil {
		return ""
	}
	return strings.TrimSpace(toString(fallback))
}

// Can reports whether the signed-in user has a permission, to show or hide links.
func (p *page) Can(perm string) bool { return auth.Can(p.User, auth.Permission(perm)) }

// NavItems lists the navigation: the modules built so far as links, those
// still to come shown but not linked.
func (p *page) NavItems() []navItem {
	items := []navItem{
		{Key: "home", Href: "/", Ready: true},
		{Key: "plan", Href: "/plan", Ready: p.Can(string(auth.PermPlanView))},
		{Key: "report", Href: "/report", Ready: p.Can(string(auth.PermPlanView))},
		{Key: "assess", Href: "/assess", Ready: p.Can(string(auth.PermAssessView))},
		{Key: "projects", Href: "/projects", Ready: p.Can(string(auth.PermProjectsView))},
		{Key: "invest", Href: "/leads", Ready: p.Can(string(auth.PermLeadsView))}, {Key: "firms", Href: "/enterprises", Ready: p.Can(string(auth.PermFirmsView))}, {Key: "tasks", Href: "/tasks", Ready: p.Can(string(auth.PermTasksView))},
	}
	if p.Can(string(auth.PermUnitsView)) {
		items = append(items, navItem{Key: "units", Href: "/units", Ready: true})
	}
	if p.Can(string(auth.PermUsersManage)) {
		items = append(items, navItem{Key: "users", Href: "/users", Ready: true})
	}
	if p.Can(string(auth.PermAuditView)) {
		items = append(items, navItem{Key: "audit", Href: "/audit", Ready: true})
	}
	for i := range items {
		items[i].Current = items[i].Key == p.Nav
	}
	return items
}

type navItem struct {
	Key     string
	Href    string
	Ready   bool
	Current bool
}

func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" || strings.HasSuffix(base, "_parts") {
			continue
		}
		files := []string{"templates/layout.html", name}
		// A module's pages share the templates of its "<module>_parts.html".
		module, _, _ := strings.Cut(base, "_")
		if parts := "templates/" + module + "_parts.html"; slices.Contains(names, parts) {
			files = append(files, parts)
		}
		t, err := template.New(base).ParseFS(templateFiles, files...)
		if err != nil {
			return nil, err
		}
		pages[base] = t
	}
	return pages, nil
}

// newPage starts the page data for the current request.
func (s *Server) newPage(r *http.Request, title, nav string) *page {
	v := current(r)
	p := &page{Title: title, Nav: nav, User: v.user, lang: v.lang, server: s, Path: "/", ctx: r.Context()}
	if r.Method == http.MethodGet {
		p.Path = r.URL.RequestURI()
	}
	if v.session != nil {
		p.CSRF = v.session.CSRFToken
	}
	if k := r.URL.Query().Get("done"); k != "" && i18n.Has(i18n.ZH, "done."+k) {
		p.Notice = "done." + k
	}
	return p
}

// render writes a page; a template error becomes a 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t, ok := s.pages[name]
	if !ok {
		s.serverError(w, r, errors.New("no template "+name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// refuse re-renders a form with the problem: the field's message next to
// it, or a message for the whole form, and what the user typed. A missing
// record is a 404, anything else a server error.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, name string, p *page, err error) {
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	msg, field, ok := userErrorText(p.lang, err)
	if !ok {
		s.serverError(w, r, err)
		return
	}
	if ierr := (*i18n.ImportError)(nil); errors.As(err, &ierr) {
		msg = s.boundedImportError(r, p, ierr)
	}
	p.Error = msg
	if field != "" {
		p.Errors = map[string]string{field: msg}
	}
	p.Form = r.PostForm
	s.render(w, r, http.StatusUnprocessableEntity, name, p)
}

// userErrorText translates a problem with the user's input; ok is false
// for any other error.
func userErrorText(lang i18n.Lang, err error) (msg, field string, ok bool) {
	var verr *i18n.Error
	var ierr *i18n.ImportError
	switch {
	case errors.As(err, &verr):
		return verr.In(lang), verr.Field, true
	case errors.As(err, &ierr):
		return ierr.Bounded(lang, settings.DefaultImportMaxProblems), "", true
	}
	return "", "", false
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, key string) {
	p := s.newPage(r, "error.title", "")
	p.Data = p.T(key)
	s.render(w, r, status, "error", p)
}

// notFound answers any address no route claims, with the site's own page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "error.not_found")
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("server error", "method", r.Method, "path", r.URL.Path, "err", err)
	p := &page{Title: "error.title", lang: current(r).lang, server: s, Path: "/"}
	p.Data = p.T("error.internal")
	var buf bytes.Buffer
	if t := s.pages["error"]; t != nil && t.ExecuteTemplate(&buf, "layout", p) == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		buf.WriteTo(w)
		return
	}
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return itoa(int64(x))
	case int64:
		return itoa(x)
	case interface{ String() string }:
		return x.String()
	}
	return ""
}
