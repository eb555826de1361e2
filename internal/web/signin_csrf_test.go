package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/web"
)

// rawSignin posts the sign-in form exactly as given, without the token
// that browser.post would fetch.
func (b *browser) rawSignin(form url.Values) (*http.Response, string) {
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+"/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func cookieNamed(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestSigninNeedsItsToken(t *testing.T) {
	d := dbtest.SQLite(t)
	s := newSite(t, d)
	b := s.browser()
	res, body := b.get("/signin")
	c := cookieNamed(res, "gaoxin_signin")
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.MaxAge <= 0 || len(c.Value) < 20 {
		t.Fatalf("sign-in cookie = %+v", c)
	}
	if !strings.Contains(body, `name="csrf" value="`+c.Value+`"`) {
		t.Fatalf("the sign-in form does not carry the cookie's token")
	}
	// A second sign-in page (another tab) keeps the token, so both work.
	if res, _ := b.get("/signin"); cookieNamed(res, "gaoxin_signin").Value != c.Value {
		t.Error("a second sign-in page changed the token")
	}

	creds := func(token string) url.Values {
		return url.Values{"login": {"kaohe"}, "password": {demo.Password}, "csrf": {token}}
	}
	for _, k := range []struct{ name, token string }{{"no", ""}, {"a wrong", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}} {
		res, body := b.rawSignin(creds(k.token))
		if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "安全令牌") || cookieNamed(res, "gaoxin_session") != nil {
			t.Errorf("sign-in with %s token: status %d, want 403 with the expired-form message\n%.400s", k.name, res.StatusCode, body)
		}
		if !strings.Contains(body, `name="login" autocomplete="username" required autofocus value="kaohe"`) || strings.Contains(body, demo.Password) {
			t.Errorf("sign-in with %s token: the login is not kept, or the password is", k.name)
		}
	}
	// The token without its cookie: a form copied to another browser.
	if res, _ := s.browser().rawSignin(creds(c.Value)); res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with the token but no cookie: status %d, want 403", res.StatusCode)
	}
	// A refused form is not a wrong password: it counts towards no throttle.
	if entries, _ := audit.List(context.Background(), d, audit.Filter{Action: "session.signin_failed"}); len(entries) != 0 {
		t.Errorf("refused forms were recorded as failed sign-ins: %+v", entries)
	}

	res, _ = b.rawSignin(creds(c.Value))
	if res.StatusCode != http.StatusSeeOther || cookieNamed(res, "gaoxin_session") == nil {
		t.Fatalf("sign-in with the right token: status %d", res.StatusCode)
	}
	if gone := cookieNamed(res, "gaoxin_signin"); gone == nil || gone.MaxAge >= 0 {
		t.Errorf("the sign-in cookie outlives the sign-in: %+v", gone)
	}
}

func TestSigninRefusalInEnglish(t *testing.T) {
	s := newSite(t, dbtest.SQLite(t))
	b := s.browser()
	if res, _ := b.post("/lang", url.Values{"lang": {"en"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch to English: %d", res.StatusCode)
	}
	b.get("/signin")
	res, body := b.rawSignin(url.Values{"login": {"kaohe"}, "password": {demo.Password}})
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "security token") {
		t.Errorf("sign-in without the token in English: status %d\n%.400s", res.StatusCode, body)
	}
}

// Over TLS the sign-in cookie is Secure even when gaoxin was not told it
// is served over HTTPS.
func TestSigninCookieSecureOverTLS(t *testing.T) {
	d := dbtest.SQLite(t)
	w, err := web.New(d, auth.NewUsers(d), web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(w.Handler())
	defer srv.Close()
	res, err := srv.Client().Get(srv.URL + "/signin")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if c := cookieNamed(res, "gaoxin_signin"); c == nil || !c.Secure {
		t.Errorf("sign-in cookie over TLS = %+v", c)
	}
}
