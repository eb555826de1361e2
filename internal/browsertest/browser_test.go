package browsertest

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gaoxin/internal/demo"
)

// A reporter signs in, sees a Chinese home page about herself, finds no way
// to the pages of other roles, and is refused when she goes there anyway.
func TestReporterHomeAndRefusal(t *testing.T) {
	b := start(t)

	b.expectStatus("sign in as xincheng.tb", b.signIn("xincheng.tb", demo.Password), 200)
	b.expect("page after sign-in", b.path(), "/")
	b.expect("html lang", b.lang(), "zh-CN")
	b.expectContains("heading", b.text("main h1"), "新城街道 陈静")
	if !b.visible("dl.facts") {
		t.Error("the facts about the user are not visible")
	}
	b.expectContains("facts on the home page", b.text("dl.facts"), "填报员", "新城街道")
	b.expectContains("account in the header", b.text("header .account"), "新城街道 陈静", "填报员")

	nav := b.text("nav.modules")
	b.expectContains("navigation", nav, "首页", "单位")
	for _, label := range []string{"用户", "审计日志"} {
		if strings.Contains(nav, label) {
			t.Errorf("reporter's navigation shows %q: %q", label, nav)
		}
	}
	for _, href := range []string{"/users", "/audit", "/tokens"} {
		if n := b.count(`a[href="` + href + `"]`); n != 0 {
			t.Errorf("reporter's home page has %d links to %s", n, href)
		}
	}

	for _, path := range []string{"/audit", "/users"} {
		b.expectStatus("GET "+path, b.visit(path), 403)
		b.expect("page after GET "+path, b.path(), path)
		b.expect("html lang of the refusal", b.lang(), "zh-CN")
		b.expect("refusal of "+path, b.text(`main .error[role="alert"]`), "您的角色或所属单位无权进行此操作。")
	}
}

// The assessment office signs in, browses the unit tree, switches the pages
// to English and back, and signs out.
func TestAssessorUnitsLanguageAndSignOut(t *testing.T) {
	b := start(t)

	b.expectStatus("sign in as kaohe", b.signIn("kaohe", demo.Password), 200)
	b.expect("page after sign-in", b.path(), "/")
	b.expect("html lang", b.lang(), "zh-CN")
	b.expectContains("heading", b.text("main h1"), "考核办 王敏")
	b.expectContains("facts on the home page", b.text("dl.facts"), "考核办", "潍坊高新区")
	b.expect("audit link", b.text(`nav.modules a[href="/audit"]`), "审计日志")
	if n := b.count(`nav.modules a[href="/users"]`); n != 0 {
		t.Errorf("assessor's navigation has %d links to /users, which only administrators may open", n)
	}

	b.expectStatus("open 单位 from the navigation", b.click(`nav.modules a[href="/units"]`), 200)
	b.expect("page of the units link", b.path(), "/units")
	b.expect("units heading", b.text("main h1"), "单位")
	b.expect("first column", b.text("table.tree thead th"), "名称")
	b.expectContains("unit tree", b.text("table.tree tbody"), "潍坊高新区", "经济发展局", "新城街道")
	b.expect("current navigation item", b.text(`nav.modules a[aria-current="page"]`), "单位")

	langButton := `header form[action="/lang"] button[name="lang"]`
	b.expect("language button", b.text(langButton), "English")
	b.expectStatus("switch to English", b.click(langButton), 200)
	b.expect("page after switching to English", b.path(), "/units")
	b.expect("html lang", b.lang(), "en")
	b.expect("units heading", b.text("main h1"), "Units")
	b.expect("first column", b.text("table.tree thead th"), "Name")
	b.expect("audit link", b.text(`nav.modules a[href="/audit"]`), "Audit trail")
	b.expectContains("account in the header", b.text("header .account"), "Assessment office")
	b.expect("sign-out button", b.text(`header form[action="/signout"] button`), "Sign out")
	b.expectContains("unit tree", b.text("table.tree tbody"), "潍坊高新区", "经济发展局", "新城街道")

	b.expect("language button", b.text(langButton), "中文")
	b.expectStatus("switch back to Chinese", b.click(langButton), 200)
	b.expect("page after switching to Chinese", b.path(), "/units")
	b.expect("html lang", b.lang(), "zh-CN")
	b.expect("units heading", b.text("main h1"), "单位")
	b.expect("first column", b.text("table.tree thead th"), "名称")

	signout := `header form[action="/signout"] button`
	b.expect("sign-out button", b.text(signout), "退出")
	b.expectStatus("sign out", b.click(signout), 200)
	b.expect("page after sign-out", b.path(), "/signin")
	b.expect("html lang", b.lang(), "zh-CN")
	b.expect("sign-in heading", b.text("main h1"), "登录高新")
	if n := b.count(`header .account, nav.modules`); n != 0 {
		t.Errorf("signed-out page still shows %d account or navigation elements", n)
	}

	b.expectStatus("GET / after sign-out", b.visit("/"), 200)
	b.expect("page for / after sign-out", b.path(), "/signin")
	b.expectStatus("GET /units after sign-out", b.visit("/units"), 200)
	b.expect("page for /units after sign-out", b.path(), "/signin?next=%2Funits")

	// Signing in from there leads back to the page that was asked for.
	b.do("fill in the sign-in form",
		chromedp.SendKeys(chromedp.CSS(`input[name="login"]`), "kaohe"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), demo.Password),
	)
	b.expectStatus("sign in again", b.click(`form[action="/signin"] button[type="submit"]`), 200)
	b.expect("page after signing in again", b.path(), "/units")
	b.expect("html lang", b.lang(), "zh-CN")
}

// A wrong password brings the form back with the problem and the login name
// as typed, and the form still works.
func TestWrongPasswordKeepsLogin(t *testing.T) {
	b := start(t)

	b.expectStatus("sign in with a wrong password", b.signIn("xincheng.tb", "not-the-password"), 401)
	b.expect("page after the failed sign-in", b.path(), "/signin")
	b.expect("html lang", b.lang(), "zh-CN")
	b.expect("error", b.text(`main .error[role="alert"]`), "用户名或密码错误。")
	b.expect("login field", b.value(`input[name="login"]`), "xincheng.tb")
	b.expect("password field", b.value(`input[name="password"]`), "")
	if n := b.count(`header .account`); n != 0 {
		t.Error("the failed sign-in shows an account in the header")
	}

	b.do("type the right password", chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), demo.Password))
	b.expectStatus("sign in with the kept login", b.click(`form[action="/signin"] button[type="submit"]`), 200)
	b.expect("page after sign-in", b.path(), "/")
	b.expectContains("heading", b.text("main h1"), "新城街道 陈静")
}

// The Content-Security-Policy lets the site's own stylesheet and script
// through on every page, and still blocks inline script.
func TestContentSecurityPolicyAllowsOwnFiles(t *testing.T) {
	b := start(t)

	// The brand red of .top comes from app.css; without the stylesheet the
	// header is transparent.
	const brand = "rgb(164, 22, 26)"
	checkPage := func(path string) {
		t.Helper()
		b.expect("background of .top on "+path, b.eval(`getComputedStyle(document.querySelector(".top")).backgroundColor`), brand)
		loaded := b.eval(`performance.getEntriesByType("resource").map(e => new URL(e.name).pathname).join(" ")`)
		for _, ext := range []string{"css", "js"} {
			if !regexp.MustCompile(`(^| )/static/app\.[0-9a-f]{8}\.` + ext + `( |$)`).MatchString(loaded) {
				t.Errorf("%s: app.%s was not loaded; resources: %q", path, ext, loaded)
			}
		}
	}

	b.expectStatus("GET /signin", b.visit("/signin"), 200)
	checkPage("/signin")
	b.expectStatus("sign in as kaohe", b.signIn("kaohe", demo.Password), 200)
	b.expectStatus("GET /units", b.visit("/units"), 200)
	xincheng := b.eval(`(Array.from(document.querySelectorAll("table.tree a")).find(a => a.textContent.trim() === "新城街道") || {}).pathname || ""`)
	if !strings.HasPrefix(xincheng, "/units/") {
		t.Fatalf("no link to 新城街道 in the unit tree: %q", xincheng)
	}
	for _, path := range []string{"/", "/units", xincheng, "/audit", "/account"} {
		b.expectStatus("GET "+path, b.visit(path), 200)
		checkPage(path)
	}

	// app.js asks before destructive buttons. Its confirm dialog proves that
	// the script ran; dismissing it must keep the form from being sent.
	b.expectStatus("GET "+xincheng, b.visit(xincheng), 200)
	ctx, cancel := b.step()
	defer cancel()
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	b.eval(`setTimeout(() => document.querySelector("button.danger[data-confirm]").click(), 0), ""`)
	var dialog page.EventJavascriptDialogOpening
	for ev, err := range dialogs {
		if err != nil {
			t.Fatalf("wait for the confirm dialog: %v", err)
		}
		dialog = ev
		break
	}
	if _, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false}); err != nil {
		t.Fatalf("dismiss the confirm dialog: %v", err)
	}
	b.expect("dialog type", string(dialog.Type), "confirm")
	b.expectContains("dialog question", dialog.Message, "确定停用")
	time.Sleep(200 * time.Millisecond) // time enough for a submit to start, if one wrongly did
	b.expect("page after dismissing", b.path(), xincheng)
	b.expectContains("unit status after dismissing", b.text("dl.facts"), "启用")

	for _, e := range b.consoleSoFar() {
		if e.cspRelated() {
			t.Errorf("Content-Security-Policy complaint: %s", e)
		}
		if e.kind == "exception" {
			t.Errorf("uncaught exception: %s", e)
		}
	}

	// Inline script stays blocked, and the complaint reaches the console:
	// the check above would have seen a real one.
	ran := b.eval(`(() => {
		const s = document.createElement("script");
		s.textContent = "window.inlineRan = true";
		document.head.appendChild(s);
		return window.inlineRan === true ? "ran" : "blocked";
	})()`)
	b.expect("inline script", ran, "blocked")
	deadline := time.Now().Add(5 * time.Second)
	for {
		found := false
		for _, e := range b.consoleSoFar() {
			found = found || e.cspRelated()
		}
		if found {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("blocked inline script left no Content-Security-Policy message; console: %v", b.consoleSoFar())
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
}
