package web

import (
	"errors"
	"net/http"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
)

func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	if current(r).user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	p := s.newPage(r, "signin.title", "")
	p.Data = map[string]string{"Next": safeNext(r.URL.Query().Get("next"))}
	if r.URL.Query().Get("expired") == "1" {
		p.Notice = "signin.expired"
	}
	s.render(w, r, http.StatusOK, "signin", p)
}

func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	login, password := r.PostFormValue("login"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	u, token, err := s.users.SignIn(r.Context(), login, password, v.address)
	if err != nil {
		p := s.newPage(r, "signin.title", "")
		p.Data = map[string]string{"Next": next}
		p.Form = r.PostForm
		p.Form.Del("password")
		var throttled *auth.ThrottledError
		status := http.StatusUnauthorized
		switch {
		case errors.As(err, &throttled):
			p.Error, status = p.T("signin.throttled", throttled.Minutes()), http.StatusTooManyRequests
		case errors.Is(err, auth.ErrBadCredentials):
			p.Error = p.T("signin.bad_credentials")
		default:
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, status, "signin", p)
		return
	}
	// A language picked on the sign-in page is a choice: it becomes the account's.
	if c, err := r.Cookie(langCookie); err == nil && i18n.Parse(c.Value) != u.Lang {
		if err := s.users.SetLang(r.Context(), u.Actor(v.address), u.ID, i18n.Parse(c.Value)); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.secureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(s.users.SessionMax.Seconds())})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// safeNext keeps the after-sign-in redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	if err := s.users.SignOut(r.Context(), v.user.Actor(v.address), v.token); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.secureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// switchLang stores the language on the account of a signed-in user (which
// needs a valid CSRF token) and in a cookie for everyone.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	lang := i18n.Parse(r.PostFormValue("lang"))
	if v.user != nil {
		if !validCSRF(r, v.session) {
			s.errorPage(w, r, http.StatusForbidden, "error.csrf")
			return
		}
		if err := s.users.SetLang(r.Context(), v.user.Actor(v.address), v.user.ID, lang); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(lang), Path: "/", HttpOnly: true,
		Secure: s.secureCookies, SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
	http.Redirect(w, r, safeNext(r.PostFormValue("back")), http.StatusSeeOther)
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "home.title", "home")
	s.render(w, r, http.StatusOK, "home", p)
}
