package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/org"
	"gaoxin/internal/web"
)

// BenchmarkDashboardPage is an assessor opening the year's dashboard of the
// province data set: 2,000 indicators under their plan nodes with the
// zone's progress of each. Goal: a median under 50 ms on 2 cores.
func BenchmarkDashboardPage(b *testing.B) {
	s := newBenchSite(b)
	s.measure(b, "/plan/"+strconv.Itoa(demo.ScaleYear))
}

// BenchmarkIndicatorPage is the same assessor opening one indicator: its
// facts and every unit's progress, for the indicator shared to the most
// units. Goal: a median under 50 ms on 2 cores.
func BenchmarkIndicatorPage(b *testing.B) {
	s := newBenchSite(b)
	s.measure(b, "/plan/"+strconv.Itoa(demo.ScaleYear)+"/indicators/"+strconv.FormatInt(s.widest, 10))
}

// benchSite serves the province data set, from a file database, to a
// signed-in assessor of the province.
type benchSite struct {
	srv    *httptest.Server
	client *http.Client
	widest int64 // the indicator shared to the most units
}

const benchPassword = "scale-benchmark-2024"

func newBenchSite(b *testing.B) *benchSite {
	b.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, filepath.Join(b.TempDir(), "province.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	start := time.Now()
	if err := demo.GenerateScale(ctx, d, demo.ProvinceScale); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated the province data set in %s", time.Since(start).Round(time.Millisecond))
	users := auth.NewUsers(d)
	if err := addAssessor(ctx, d, users); err != nil {
		b.Fatal(err)
	}
	w, err := web.New(d, users, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	s := &benchSite{srv: httptest.NewServer(w.Handler())}
	b.Cleanup(s.srv.Close)
	err = d.QueryRow(ctx, `SELECT indicator_id FROM assignments GROUP BY indicator_id
		ORDER BY COUNT(*) DESC, indicator_id LIMIT 1`).Scan(&s.widest)
	if err != nil {
		b.Fatal(err)
	}
	s.signIn(b)
	return s
}

func addAssessor(ctx context.Context, d *db.DB, users *auth.Users) error {
	root, err := org.NewStore(d).ByCode(ctx, demo.ScaleRoot)
	if err != nil {
		return err
	}
	_, err = users.Create(ctx, audit.System, auth.NewUser{Login: "kaohe", DisplayName: "省考核办", Role: auth.RoleAssessor,
		UnitID: root.ID, Password: benchPassword})
	return err
}

func (s *benchSite) signIn(b *testing.B) {
	b.Helper()
	jar, _ := cookiejar.New(nil)
	s.client = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// The sign-in page first, for the form's token and its cookie.
	res, err := s.client.Get(s.srv.URL + "/signin")
	if err != nil {
		b.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfInput.FindSubmatch(page)
	if m == nil {
		b.Fatalf("no token on the sign-in page")
	}
	res, err = s.client.PostForm(s.srv.URL+"/signin", url.Values{"login": {"kaohe"}, "password": {benchPassword}, "csrf": {string(m[1])}})
	if err != nil {
		b.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: status %d", res.StatusCode)
	}
}

// measure requests path over and over and reports, beside the mean, the
// median and the first request, which is the one that finds nothing
// cached.
func (s *benchSite) measure(b *testing.B, path string) {
	b.ReportAllocs()
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		s.get(b, path)
		times = append(times, time.Since(start))
	}
	b.ReportMetric(ms(times[0]), "ms-first")
	slices.Sort(times)
	b.ReportMetric(ms(times[len(times)/2]), "ms-median")
}

func (s *benchSite) get(b *testing.B, path string) {
	res, err := s.client.Get(s.srv.URL + path)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		b.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: status %d", path, res.StatusCode)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
