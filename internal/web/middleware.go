package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/settings"
	"gaoxin/internal/xlsx"
)

const (
	sessionCookie = "gaoxin_session"
	langCookie    = "gaoxin_lang"
	csrfField     = "csrf"
	// formMemory is how much of a multipart form is kept in memory; the
	// rest of its files wait on disk until an import slot reads them
	// (uploaded), so that twenty large files arriving at once do not sit
	// in memory together. The size of the whole body is bounded by the
	// upload.max_mb setting instead.
	formMemory = 1 << 20
)

// visit is what the middleware learned about a request.
type visit struct {
	user    *auth.User
	session *auth.Session
	token   string // the session cookie value
	lang    i18n.Lang
	address string
	upload  *xlsx.File // the file the request brought, read by uploaded
}

type visitKey struct{}

func current(r *http.Request) *visit {
	v, _ := r.Context().Value(visitKey{}).(*visit)
	if v == nil {
		v = &visit{lang: i18n.Default}
	}
	return v
}

// guard wraps a route: it resolves the session, refuses a body over the
// size limit, sends strangers to the sign-in page, refuses roles without
// the route's permission, and checks the CSRF token on every
// state-changing request of a signed-in user.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := &visit{address: clientAddress(r)}
		expired := false
		if c, err := r.Cookie(sessionCookie); err == nil {
			sess, err := s.users.Session(r.Context(), c.Value)
			switch {
			case err == nil:
				v.user, v.session, v.token = sess.User, sess, c.Value
			case errors.Is(err, db.ErrNotFound):
				expired = true
			default:
				s.serverError(w, r, err)
				return
			}
		}
		v.lang = requestLang(r, v.user)
		r = r.WithContext(context.WithValue(r.Context(), visitKey{}, v))
		if hasBody(r) && !s.limitBody(w, r) {
			return
		}
		if rt.perm == public {
			rt.handler(w, r)
			return
		}
		if v.user == nil {
			s.toSignin(w, r, expired)
			return
		}
		if hasBody(r) {
			if !s.parseForm(w, r) {
				return
			}
			if !validCSRF(r, v.session) {
				s.errorPage(w, r, http.StatusForbidden, "error.csrf")
				return
			}
		}
		if v.user.MustChangePassword && !allowedBeforePasswordChange(rt.pattern) {
			http.Redirect(w, r, "/account", http.StatusSeeOther)
			return
		}
		if !auth.Can(v.user, rt.perm) {
			s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
			return
		}
		rt.handler(w, r)
	})
}

// hasBody reports whether a request may carry a form or a file: any
// method but GET and HEAD, whose bodies nothing reads.
func hasBody(r *http.Request) bool {
	return r.Method != http.MethodGet && r.Method != http.MethodHead
}

// limitBody bounds the body by the upload.max_mb setting. A body announced
// as larger is refused at once, before anything reads it: read, it would
// be cut short, and the CSRF check, finding no token in what was read,
// would call the form expired — and the user would send it again forever.
func (s *Server) limitBody(w http.ResponseWriter, r *http.Request) bool {
	limit := s.uploadLimit.Bytes(r.Context())
	if r.ContentLength > limit {
		s.tooLarge(w, r, limit, r.ContentLength)
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	return true
}

// parseForm reads the form, files included, for the CSRF check and the
// handler. A body of unknown length (sent in chunks) that reaches the
// limit is refused as too large here, for the same reason as in
// limitBody. Any other problem with the form is left to the CSRF check
// and the handler, which find fields missing.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	var tooBig *http.MaxBytesError
	if err := r.ParseMultipartForm(formMemory); errors.As(err, &tooBig) {
		s.tooLarge(w, r, tooBig.Limit, -1)
		return false
	}
	return true
}

// tooLarge answers a body over the limit (413) with a page in the user's
// language giving the limit and, when the request announced it, the
// size of what was sent (size < 0 when unknown).
func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request, limit, size int64) {
	p := s.newPage(r, "error.title", "")
	if size >= 0 {
		p.Data = p.T("upload.too_large", limit>>20, settings.SizeMB(size, limit))
	} else {
		p.Data = p.T("upload.too_large_unsized", limit>>20)
	}
	s.render(w, r, http.StatusRequestEntityTooLarge, "error", p)
}

func allowedBeforePasswordChange(pattern string) bool {
	switch pattern {
	case "GET /account", "POST /account/password", "POST /signout":
		return true
	}
	return false
}

// toSignin sends a visitor to the sign-in page, saying so when their
// session has just ended, and bringing them back afterwards.
func (s *Server) toSignin(w http.ResponseWriter, r *http.Request, expired bool) {
	q := url.Values{}
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		q.Set("next", r.URL.RequestURI())
	}
	if expired {
		q.Set("expired", "1")
	}
	target := "/signin"
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func validCSRF(r *http.Request, sess *auth.Session) bool {
	got := r.PostFormValue(csrfField)
	if got == "" {
		got = r.Header.Get("X-CSRF-Token")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) == 1
}

// requestLang is the user's chosen language, else the language cookie of a
// signed-out visitor, else what the browser asks for.
func requestLang(r *http.Request, u *auth.User) i18n.Lang {
	if u != nil {
		return u.Lang
	}
	if c, err := r.Cookie(langCookie); err == nil {
		return i18n.Parse(c.Value)
	}
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// contentSecurityPolicy allows nothing inline and nothing from elsewhere:
// gaoxin often runs on intranets where no CDN is reachable anyway.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
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

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, "/static/") {
			return
		}
		// The path only: query strings may carry things not meant for logs.
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"ms", time.Since(start).Milliseconds(), "address", clientAddress(r))
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", p)
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	v := &visit{lang: requestLang(r, nil)}
	r = r.WithContext(context.WithValue(r.Context(), visitKey{}, v))
	s.errorPage(w, r, http.StatusForbidden, "error.cross_origin")
	s.log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	var one int
	if err := s.db.QueryRow(r.Context(), "SELECT 1").Scan(&one); err != nil {
		s.log.Error("healthz", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}
