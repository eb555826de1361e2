package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/web"
)

// site is a running server on a fresh database holding the demo.
type site struct {
	t     *testing.T
	srv   *httptest.Server
	web   *web.Server
	db    *db.DB
	users *auth.Users
	clock *clock
}

// clock is a settable time for expiry and throttling tests.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) Advance(d time.Duration) { c.now = c.now.Add(d) }

// newSite serves the demo's units and accounts; newYearSite adds its 2019.
func newSite(t *testing.T, d *db.DB) *site { return startSite(t, d, demotest.Organisation) }

func newYearSite(t *testing.T, d *db.DB) *site { return startSite(t, d, demotest.Year) }

// startSite serves d once load has put the demo, or part of it, in it.
func startSite(t *testing.T, d *db.DB, load func(testing.TB, *db.DB)) *site {
	t.Helper()
	load(t, d)
	users := auth.NewUsers(d)
	c := &clock{now: db.Now()}
	users.SetClock(c.Now)
	w, err := web.New(d, users, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w.Handler())
	t.Cleanup(srv.Close)
	return &site{t: t, srv: srv, web: w, db: d, users: users, clock: c}
}

// browser is a client with its own cookie jar that does not follow redirects.
type browser struct {
	s    *site
	c    *http.Client
	csrf string
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{s: s, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// signIn signs in as a demo account and picks up the CSRF token.
func (s *site) signIn(login string) *browser {
	s.t.Helper()
	b := s.browser()
	res, _ := b.post("/signin", url.Values{"login": {login}, "password": {demo.Password}})
	if res.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("sign in as %s: status %d", login, res.StatusCode)
	}
	b.refreshCSRF()
	return b
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *browser) refreshCSRF() {
	b.s.t.Helper()
	_, body := b.get("/account")
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		b.s.t.Fatalf("no CSRF token on /account:\n%s", body)
	}
	b.csrf = m[1]
}

// signinToken loads the sign-in page, as a browser does before signing
// in, keeps its cookie and returns the form's token. The page is loaded
// without the browser's cookies, since a signed-in browser is sent on
// from it, and some tests post the sign-in form while signed in.
func (b *browser) signinToken() string {
	b.s.t.Helper()
	res, err := http.Get(b.s.srv.URL + "/signin")
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	m := csrfInput.FindStringSubmatch(string(body))
	if m == nil {
		b.s.t.Fatalf("no token on the sign-in page:\n%s", body)
	}
	page, _ := url.Parse(b.s.srv.URL + "/signin")
	b.c.Jar.SetCookies(page, res.Cookies())
	return m[1]
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.s.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	req, _ := http.NewRequest(http.MethodGet, b.s.srv.URL+path, nil)
	return b.do(req)
}

// post sends a form, adding the CSRF token when the form does not set its
// own: the sign-in page's for the sign-in form, else the session's when
// the browser has one.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	if form == nil {
		form = url.Values{}
	}
	if form.Get("csrf") == "" {
		if p, _, _ := strings.Cut(path, "?"); p == "/signin" {
			form.Set("csrf", b.signinToken())
		} else if b.csrf != "" {
			form.Set("csrf", b.csrf)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// unitID is the id of a demo unit by code.
func (s *site) unitID(code string) string {
	s.t.Helper()
	var id int64
	if err := s.db.QueryRow(context.Background(), "SELECT id FROM units WHERE code = $1", code).Scan(&id); err != nil {
		s.t.Fatal(err)
	}
	return itoa(id)
}

func (s *site) indicatorID(code string) string {
	s.t.Helper()
	var id int64
	if err := s.db.QueryRow(context.Background(), "SELECT id FROM indicators WHERE code = $1", code).Scan(&id); err != nil {
		s.t.Fatal(err)
	}
	return itoa(id)
}

func (s *site) userID(login string) string {
	s.t.Helper()
	u, err := s.users.ByLogin(context.Background(), login)
	if err != nil {
		s.t.Fatal(err)
	}
	return itoa(u.ID)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
