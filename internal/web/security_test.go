package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
)

func countUnits(t *testing.T, d *db.DB, code string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), "SELECT COUNT(*) FROM units WHERE code = $1", code).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCSRF(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		b := s.signIn("kaohe")
		form := func(csrf string) url.Values {
			return url.Values{"csrf": {csrf}, "parent": {s.unitID("WFGX")}, "code": {"NEW"}, "name": {"新部门"}, "kind": {"department"}}
		}
		for _, c := range []struct{ name, token string }{{"missing", ""}, {"wrong", "not-the-token"}} {
			saved := b.csrf
			b.csrf = ""
			res, body := b.post("/units", form(c.token))
			b.csrf = saved
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "安全令牌") {
				t.Errorf("%s CSRF token: status %d, want 403 with the expired-form message", c.name, res.StatusCode)
			}
		}
		if n := countUnits(t, d, "NEW"); n != 0 {
			t.Fatalf("a request without a valid CSRF token created %d units", n)
		}
		// Another site's form, as a browser announces it, is refused even with the token.
		req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/units", strings.NewReader(form(b.csrf).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if res, _ := b.do(req); res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST: status %d, want 403", res.StatusCode)
		}
		if res, _ := b.post("/units", form(b.csrf)); res.StatusCode != http.StatusSeeOther || countUnits(t, d, "NEW") != 1 {
			t.Fatalf("POST with the right token: status %d", res.StatusCode)
		}
	})
}

func TestSecurityHeadersAndCookies(t *testing.T) {
	s := newSite(t, dbtest.SQLite(t))
	b := s.browser()
	res, _ := b.get("/signin")
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cache-Control": "no-store"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	res, _ = b.post("/signin", url.Values{"login": {"kaohe"}, "password": {demo.Password}})
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "gaoxin_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || len(session.Value) < 40 {
		t.Fatalf("session cookie = %+v", session)
	}
	// Only a hash of the cookie is stored: the value itself is nowhere in the database.
	var n int
	if err := s.db.QueryRow(context.Background(), "SELECT COUNT(*) FROM sessions WHERE id = $1", session.Value).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the raw session value is stored (%d rows, %v)", n, err)
	}
	// Static files are served under content-hashed names and cached for good.
	_, page := b.get("/")
	css := page[strings.Index(page, "/static/app."):]
	css = css[:strings.Index(css, `"`)]
	res, body := b.get(css)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.Contains(body, "--brand") {
		t.Fatalf("GET %s: %d %q", css, res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if res, _ := b.get("/healthz"); res.StatusCode != http.StatusOK {
		t.Fatalf("/healthz = %d", res.StatusCode)
	}
}

func TestSignInThrottling(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		b := s.browser()
		for i := 1; i <= 5; i++ {
			res, body := b.post("/signin", url.Values{"login": {"jingji.tb"}, "password": {"guess-" + itoa(int64(i))}})
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
				t.Fatalf("wrong password #%d: status %d", i, res.StatusCode)
			}
			if !strings.Contains(body, `value="jingji.tb"`) {
				t.Fatalf("wrong password #%d: the login name typed was not kept", i)
			}
		}
		// Locked now, even with the right password.
		res, body := b.post("/signin", url.Values{"login": {"jingji.tb"}, "password": {demo.Password}})
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "15 分钟后再试") {
			t.Fatalf("sixth attempt: status %d\n%s", res.StatusCode, body)
		}
		// Another account from the same address is not locked by these five.
		if res, _ := b.post("/signin", url.Values{"login": {"xincheng.tb"}, "password": {demo.Password}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("other account: status %d", res.StatusCode)
		}
		s.clock.Advance(15*time.Minute + time.Second)
		if res, _ := s.browser().post("/signin", url.Values{"login": {"jingji.tb"}, "password": {demo.Password}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("after the window: status %d", res.StatusCode)
		}
		// Every failure is in the audit trail.
		entries, err := audit.List(context.Background(), d, audit.Filter{Action: "session.signin_failed", Actor: "jingji.tb"})
		if err != nil || len(entries) != 5 {
			t.Fatalf("failed sign-ins in the trail = %d, %v", len(entries), err)
		}
	})
}

func TestAddressThrottling(t *testing.T) {
	s := newSite(t, dbtest.SQLite(t))
	b := s.browser()
	// Twenty failures spread over many accounts lock the address.
	for i := 0; i < 20; i++ {
		b.post("/signin", url.Values{"login": {"guess" + itoa(int64(i))}, "password": {"x"}})
	}
	if res, _ := b.post("/signin", url.Values{"login": {"kaohe"}, "password": {demo.Password}}); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after 20 failures from one address: status %d, want 429", res.StatusCode)
	}
}

func TestSessionExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		b := s.signIn("lingdao")
		// Used every hour, a session lives until its absolute end of 12 hours.
		for h := 1; h < 12; h++ {
			s.clock.Advance(time.Hour)
			if res, _ := b.get("/"); res.StatusCode != http.StatusOK {
				t.Fatalf("hour %d: status %d", h, res.StatusCode)
			}
		}
		s.clock.Advance(time.Hour)
		if res, _ := b.get("/"); res.StatusCode != http.StatusFound || !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
			t.Fatalf("after 12 hours: status %d, want a redirect to sign in", res.StatusCode)
		}
		// Idle for two hours ends a session too.
		b = s.signIn("lingdao")
		s.clock.Advance(2*time.Hour + time.Second)
		res, _ := b.get("/units")
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "/signin?expired=1&next=%2Funits" {
			t.Fatalf("after 2 idle hours: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
		}
		if _, body := b.get(res.Header.Get("Location")); !strings.Contains(body, "登录已过期，请重新登录。") {
			t.Fatal("the sign-in page does not say the session ended")
		}
	})
}

func TestSignOutEndsSession(t *testing.T) {
	s := newSite(t, dbtest.SQLite(t))
	b := s.signIn("kaohe")
	if res, _ := b.post("/signout", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", res.StatusCode)
	}
	// Even a copy of the old cookie no longer works.
	var n int
	s.db.QueryRow(context.Background(), "SELECT COUNT(*) FROM sessions").Scan(&n)
	if n != 0 {
		t.Fatalf("%d sessions remain after signing out", n)
	}
	if res, _ := b.get("/"); res.StatusCode != http.StatusFound {
		t.Fatalf("after sign-out: %d", res.StatusCode)
	}
}

func TestPasswordResetForcesChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		victim := s.signIn("jingji.tb")
		admin := s.signIn("admin")
		if res, _ := admin.post("/users/"+s.userID("jingji.tb")+"/reset", url.Values{"password": {"Temp-2019x"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("reset: %d", res.StatusCode)
		}
		if res, _ := victim.get("/"); res.StatusCode != http.StatusFound {
			t.Fatalf("the old session survived a reset: %d", res.StatusCode)
		}
		b := s.browser()
		if res, _ := b.post("/signin", url.Values{"login": {"jingji.tb"}, "password": {"Temp-2019x"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in with the temporary password: %d", res.StatusCode)
		}
		b.refreshCSRF()
		if res, _ := b.get("/units"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account" {
			t.Fatalf("before changing the password /units = %d → %q, want /account", res.StatusCode, res.Header.Get("Location"))
		}
		res, body := b.post("/account/password", url.Values{"old": {"Temp-2019x"}, "new": {"short"}, "again": {"short"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "密码至少 8 位") {
			t.Fatalf("short new password: %d", res.StatusCode)
		}
		if res, _ := b.post("/account/password", url.Values{"old": {"Temp-2019x"}, "new": {"Mine-2019x"}, "again": {"Mine-2019x"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("change password: %d", res.StatusCode)
		}
		if res, _ := b.get("/units"); res.StatusCode != http.StatusOK {
			t.Fatalf("after changing the password /units = %d", res.StatusCode)
		}
	})
}

func TestRefusedFormKeepsTyping(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		b := s.signIn("kaohe")
		res, body := b.post("/units", url.Values{"parent": {s.unitID("WFGX")}, "code": {"JFJ"}, "name": {"我刚输入的名称"}, "kind": {"park"}, "class": {"经济发展类"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("duplicate code: status %d", res.StatusCode)
		}
		for _, want := range []string{"编码“JFJ”已被其他单位使用。", `value="我刚输入的名称"`, `<option value="park" selected>`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused form lacks %q", want)
			}
		}
		// Moving the zone under one of its own streets is refused with the reason.
		res, body = b.post("/units/"+s.unitID("WFGX")+"/move", url.Values{"parent": {s.unitID("XCJD")}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不能把“潍坊高新区”移到它自己的下级“新城街道”之下") {
			t.Fatalf("move under own child: status %d", res.StatusCode)
		}
		// In English for a user who chose English.
		if res, _ := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatal("switch to English")
		}
		_, body = b.post("/units", url.Values{"parent": {s.unitID("WFGX")}, "code": {"JFJ"}, "name": {"x"}, "kind": {"park"}})
		if !strings.Contains(body, `The code “JFJ” is already used by another unit.`) || !strings.Contains(body, `<html lang="en">`) {
			t.Fatalf("English refusal missing:\n%s", body)
		}
	})
}

func TestScopeLimitsUnitPages(t *testing.T) {
	s := newSite(t, dbtest.SQLite(t))
	b := s.signIn("xincheng.tb")
	_, body := b.get("/units")
	if !strings.Contains(body, "新城街道") || strings.Contains(body, "经济发展局") {
		t.Fatalf("a street reporter's unit list should show the street and nothing outside it")
	}
	if res, _ := b.get("/units/" + s.unitID("JFJ")); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a unit outside scope: %d, want 403", res.StatusCode)
	}
	res, body := b.get("/units/export?format=csv")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "\ufeff编码,名称,类型") || strings.Contains(body, "JFJ") {
		t.Fatalf("scoped export: %d %.80q", res.StatusCode, body)
	}
}

func TestLanguageSwitch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		// A visitor picks English on the sign-in page; the page keeps where it was going.
		b := s.browser()
		_, body := b.get("/signin?next=%2Funits")
		if !strings.Contains(body, `name="back" value="/signin?next=%2Funits"`) || !strings.Contains(body, "登录高新") {
			t.Fatalf("the language switch does not return to the same address:\n%s", body)
		}
		res, _ := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/signin?next=%2Funits"}})
		if res.Header.Get("Location") != "/signin?next=%2Funits" {
			t.Fatalf("after switching: %q", res.Header.Get("Location"))
		}
		_, body = b.get("/signin?next=%2Funits")
		if !strings.Contains(body, "Sign in to gaoxin") {
			t.Fatal("the sign-in page is not in English after switching")
		}
		// Signing in keeps that choice on the account.
		res, _ = b.post("/signin", url.Values{"login": {"xincheng.tb"}, "password": {demo.Password}, "next": {"/units"}})
		if res.Header.Get("Location") != "/units" {
			t.Fatalf("sign in went to %q", res.Header.Get("Location"))
		}
		if _, body = b.get("/units"); !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "<h1>Units</h1>") {
			t.Fatal("the units page is not in English")
		}
		u, _ := s.users.ByLogin(context.Background(), "xincheng.tb")
		if u.Lang != "en" {
			t.Fatalf("the account's language is %q", u.Lang)
		}
		// A redirect target from elsewhere is refused.
		b.refreshCSRF()
		if res, _ := b.post("/lang", url.Values{"lang": {"zh"}, "back": {"//evil.example/"}}); res.Header.Get("Location") != "/" {
			t.Fatalf("open redirect: %q", res.Header.Get("Location"))
		}
		// Unknown addresses get the site's own page in the user's language.
		res, body = b.get("/no/such/page")
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "找不到该页面或记录。") {
			t.Fatalf("unknown address: %d", res.StatusCode)
		}
	})
}
