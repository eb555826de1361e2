package browsertest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gaoxin/internal/auth"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/web"
)

// envBrowser, when set, turns a missing Chromium from a skip into a failure.
const envBrowser = "GAOXIN_TEST_BROWSER"

// testTimeout bounds one test, browser start included; stepTimeout bounds
// one action, so that a missing element fails the test in seconds.
const (
	testTimeout = 60 * time.Second
	stepTimeout = 15 * time.Second
)

// chromiumNames are the browsers tried, in order: names on the PATH, then
// Debian's place for Chromium in case the PATH lacks /usr/bin.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "/usr/bin/chromium"}

// findChromium returns the path of a Chromium-based browser, or "".
func findChromium() string {
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// consoleEntry is one message from the page's console or the browser log.
type consoleEntry struct {
	kind   string // "exception", "console" or "log"
	level  string // error, warning, info...
	source string // for log entries: network, security, javascript...
	text   string
	url    string
}

func (e consoleEntry) String() string {
	s := e.kind + "/" + e.level + "/" + e.source + ": " + e.text
	if e.url != "" {
		s += " (" + e.url + ")"
	}
	return s
}

// cspRelated reports whether the message is the browser refusing something
// under the Content-Security-Policy.
func (e consoleEntry) cspRelated() bool {
	return e.source == string(log.EntrySourceSecurity) || strings.Contains(e.text, "Content Security Policy")
}

// browser is one test's site and the Chromium tab that visits it.
type browser struct {
	t    *testing.T
	ctx  context.Context // the tab; ends with the test's timeout
	base string          // the site, http://127.0.0.1:port

	mu      sync.Mutex
	console []consoleEntry
}

// start serves the demo from a fresh database and opens Chromium on it. It
// skips the test when no Chromium is installed, unless GAOXIN_TEST_BROWSER
// asks for the browser tests to run.
func start(t *testing.T) *browser {
	t.Helper()
	exe := findChromium()
	if exe == "" {
		if os.Getenv(envBrowser) != "" {
			t.Fatalf("%s is set but no Chromium was found (tried %s): install it, e.g. apt-get install chromium",
				envBrowser, strings.Join(chromiumNames, ", "))
		}
		t.Skipf("no Chromium found; install chromium or set %s=1 to make this a failure", envBrowser)
	}

	d := dbtest.Open(t)
	demotest.Year(t, d)
	site, err := web.New(d, auth.NewUsers(d), web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	srv := httptest.NewServer(site.Handler())
	t.Cleanup(srv.Close)

	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	// The profile directory is made before the allocator, so that its
	// removal comes after the browser has stopped.
	profile := t.TempDir()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// A browser in China asks for Chinese; the site's default
		// language for strangers follows Accept-Language.
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(profile),
	)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)

	b := &browser{t: t, ctx: tab, base: srv.URL}
	if err := chromedp.Listen(tab, b.record); err != nil {
		t.Fatalf("start Chromium (%s): %v", exe, err)
	}
	return b
}

// record keeps console messages and browser log entries. It runs on the
// tab's reading goroutine, so it only appends.
func (b *browser) record(ev any) {
	var e consoleEntry
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		e = consoleEntry{kind: "exception", level: "error", text: ev.ExceptionDetails.Text}
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			e.text += " " + ex.Description
		}
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			if a.Description != "" {
				parts = append(parts, a.Description)
			} else {
				parts = append(parts, string(a.Value))
			}
		}
		e = consoleEntry{kind: "console", level: string(ev.Type), text: strings.Join(parts, " ")}
	case *log.EventEntryAdded:
		e = consoleEntry{kind: "log", level: string(ev.Entry.Level), source: string(ev.Entry.Source), text: ev.Entry.Text, url: ev.Entry.URL}
	default:
		return
	}
	b.mu.Lock()
	b.console = append(b.console, e)
	b.mu.Unlock()
}

// consoleSoFar returns a copy of what the console has received.
func (b *browser) consoleSoFar() []consoleEntry {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]consoleEntry(nil), b.console...)
}

// step gives one action its own deadline within the test's.
func (b *browser) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, stepTimeout)
}

// do runs actions, failing the test on the first error.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that lead to a new page, waits for it and returns its
// HTTP status (after redirects).
func (b *browser) load(what string, steps ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return resp.Status
}

// visit opens a path of the site and returns the HTTP status.
func (b *browser) visit(path string) int64 {
	b.t.Helper()
	return b.load("visit "+path, chromedp.Navigate(b.base+path))
}

// click clicks what sel finds and waits for the page it leads to.
func (b *browser) click(sel string) int64 {
	b.t.Helper()
	return b.load("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// signIn fills in and submits the sign-in form and returns the status of
// the page it lands on.
func (b *browser) signIn(login, password string) int64 {
	b.t.Helper()
	if status := b.visit("/signin"); status != 200 {
		b.t.Fatalf("GET /signin: status %d", status)
	}
	b.do("fill in the sign-in form",
		chromedp.SendKeys(chromedp.CSS(`input[name="login"]`), login),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), password),
	)
	return b.click(`form[action="/signin"] button[type="submit"]`)
}

// path is the path of the page the tab shows, with its query if any.
func (b *browser) path() string {
	b.t.Helper()
	loc := b.eval(`location.href`)
	u, err := url.Parse(loc)
	if err != nil {
		b.t.Fatalf("parse location %q: %v", loc, err)
	}
	if !strings.HasPrefix(loc, b.base+"/") {
		b.t.Fatalf("browser left the site: %s", loc)
	}
	return u.RequestURI()
}

// eval evaluates a JavaScript expression that gives a string.
func (b *browser) eval(expr string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// count is the number of elements sel finds on the page.
func (b *browser) count(sel string) int {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.querySelectorAll("+jsString(sel)+").length"))
	if err != nil {
		b.t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

// text is the rendered text of the first element sel finds.
func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(v)
}

// visible reports whether the first element sel finds is rendered and shown.
func (b *browser) visible(sel string) bool {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("(e => !!e && e.checkVisibility())(document.querySelector("+jsString(sel)+"))"))
	if err != nil {
		b.t.Fatalf("visibility of %s: %v", sel, err)
	}
	return v
}

// value is the current value of the form field sel finds.
func (b *browser) value(sel string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// lang is the page's html lang attribute.
func (b *browser) lang() string {
	b.t.Helper()
	return b.eval(`document.documentElement.getAttribute("lang") || ""`)
}

// expect fails the test unless got equals want.
func (b *browser) expect(what, got, want string) {
	b.t.Helper()
	if got != want {
		b.t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

// expectContains fails the test unless s holds every one of subs.
func (b *browser) expectContains(what, s string, subs ...string) {
	b.t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			b.t.Errorf("%s: %q does not contain %q", what, s, sub)
		}
	}
}

// expectStatus fails the test unless an HTTP status is as wanted.
func (b *browser) expectStatus(what string, got, want int64) {
	b.t.Helper()
	if got != want {
		b.t.Errorf("%s: status %d, want %d", what, got, want)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
