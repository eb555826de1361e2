package web

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
)

// The sign-in form has its own CSRF token, since there is no session yet
// to hold one: without it another site could sign a visitor in to an
// account of the other site's choosing (login CSRF), and whatever the
// visitor then typed would be filed under that account. The token lives
// in a cookie and in the form; a forged form cannot read the cookie to
// copy it.
const (
	signinCookie = "gaoxin_signin"
	// signinTokenAge is how long a sign-in page stays usable. After it, a
	// submit is refused with a fresh form, so only the password is retyped.
	signinTokenAge = time.Hour
)

func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	if current(r).user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	p := s.signinForm(w, r, safeNext(r.URL.Query().Get("next")))
	if r.URL.Query().Get("expired") == "1" {
		p.Notice = "signin.expired"
	}
	s.render(w, r, http.StatusOK, "signin", p)
}

// signinForm starts the sign-in page with where to go afterwards and the
// form's token, issuing one when the visitor has none.
func (s *Server) signinForm(w http.ResponseWriter, r *http.Request, next string) *page {
	p := s.newPage(r, "signin.title", "")
	p.Data = map[string]string{"Next": next, "CSRF": s.signinToken(w, r)}
	return p
}

// signinToken is the visitor's sign-in token: the one already in their
// cookie, so that two open sign-in pages both work, or a new random one.
// Either way the cookie's life starts again.
func (s *Server) signinToken(w http.ResponseWriter, r *http.Request) string {
	token := rand.Text()
	if c, err := r.Cookie(signinCookie); err == nil && len(c.Value) == len(token) {
		token = c.Value
	}
	s.setSigninCookie(w, r, token, int(signinTokenAge.Seconds()))
	return token
}

// setSigninCookie sets or, with maxAge < 0, removes the sign-in cookie. It
// is sent with the sign-in form only, and is Secure like the session's,
// or whenever the page came over TLS.
func (s *Server) setSigninCookie(w http.ResponseWriter, r *http.Request, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: token, Path: "/signin", HttpOnly: true,
		Secure: s.secureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

// validSigninToken compares the form's token with the cookie's in
// constant time.
func validSigninToken(r *http.Request) bool {
	c, err := r.Cookie(signinCookie)
	got := r.PostFormValue(csrfField)
	return err == nil && c.Value != "" && got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(c.Value)) == 1
}

func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	login, password := r.PostFormValue("login"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	// Checked before the password, so that a forged form neither signs in
	// nor counts as a failure towards the throttle.
	if !validSigninToken(r) {
		p := s.signinForm(w, r, next)
		p.Error = p.T("error.csrf")
		p.Form = r.PostForm
		p.Form.Del("password")
		s.render(w, r, http.StatusForbidden, "signin", p)
		return
	}
	u, token, err := s.users.SignIn(r.Context(), login, password, v.address)
	if err != nil {
		p := s.signinForm(w, r, next)
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
	s.setSigninCookie(w, r, "", -1)
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
