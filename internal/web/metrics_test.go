package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/web"
)

// scrape reads /metrics with a token ("" for none).
func scrape(t *testing.T, base, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// /metrics answers an administrator's token, or an allowed address, in a
// format Prometheus's own parser reads, with the requests counted by route
// pattern (never by path), the pools and the outbox.
func TestMetrics(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		token := func(login string) string {
			t.Helper()
			var id int64
			if err := d.QueryRow(t.Context(), "SELECT id FROM users WHERE login = $1", login).Scan(&id); err != nil {
				t.Fatal(err)
			}
			secret, _, err := s.users.CreateToken(t.Context(), audit.System, id, "metrics")
			if err != nil {
				t.Fatal(err)
			}
			return secret
		}
		if status, _ := scrape(t, s.srv.URL, ""); status != http.StatusUnauthorized {
			t.Fatalf("no token: %d", status)
		}
		if status, _ := scrape(t, s.srv.URL, token("xincheng.tb")); status != http.StatusForbidden {
			t.Fatalf("a reporter's token: %d", status)
		}
		b := s.signIn("kaohe")
		b.get("/plan/2019")
		b.get("/plan/2019")
		b.get("/no/such/page")
		admin := token("admin")
		req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/api/v1/units/XCJD", nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("the API: %v %v", res, err)
		}
		status, body := scrape(t, s.srv.URL, admin)
		if status != http.StatusOK {
			t.Fatalf("an admin's token: %d", status)
		}
		parser := expfmt.NewTextParser(model.LegacyValidation)
		families, err := parser.TextToMetricFamilies(strings.NewReader(body))
		if err != nil {
			t.Fatalf("Prometheus cannot read /metrics: %v", err)
		}
		requests := families["gaoxin_http_requests_total"]
		if requests == nil {
			t.Fatal("no gaoxin_http_requests_total")
		}
		plan := 0.0
		for _, m := range requests.Metric {
			labels := map[string]string{}
			for _, l := range m.Label {
				labels[l.GetName()] = l.GetValue()
			}
			if strings.Contains(labels["route"], "/plan/2019") || strings.Contains(labels["route"], "no/such") {
				t.Errorf("a path, not a pattern, in the labels: %v", labels)
			}
			if labels["route"] == "GET /plan/{year}" && labels["status"] == "200" {
				plan += m.GetCounter().GetValue()
			}
		}
		if plan != 2 {
			t.Errorf("GET /plan/{year} counted %v times, want 2", plan)
		}
		if !strings.Contains(body, `route="GET /api/v1/units/{code}",status="200"`) {
			t.Error("an API request is not counted by its route pattern")
		}
		for _, name := range []string{"gaoxin_http_request_duration_seconds", "gaoxin_db_connections_open", "gaoxin_outbox_messages",
			"gaoxin_figures_submitted_total", "go_goroutines"} {
			if families[name] == nil {
				t.Errorf("no %s", name)
			}
		}
		if pending := families["gaoxin_outbox_messages"]; pending != nil {
			states := map[string]bool{}
			for _, m := range pending.Metric {
				states[m.Label[0].GetValue()] = true
			}
			if !states["pending"] || !states["delivered"] || !states["failed"] {
				t.Errorf("outbox states %v", states)
			}
		}
		// A Prometheus server's address may scrape without a token.
		w, err := web.New(d, auth.NewUsers(d), web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MetricsFrom: "10.0.0.0/8, 127.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(w.Handler())
		defer srv.Close()
		if status, _ := scrape(t, srv.URL, ""); status != http.StatusOK {
			t.Fatalf("an allowed address: %d", status)
		}
		if _, err := web.New(d, auth.NewUsers(d), web.Options{MetricsFrom: "not-an-address"}); err == nil {
			t.Error("a metrics address that is not one was taken")
		}
	})
}
