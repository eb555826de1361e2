package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gaoxin/internal/api"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/demo/demotest"
)

type fixture struct {
	t      *testing.T
	srv    *httptest.Server
	users  *auth.Users
	tokens map[string]string // login → secret
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	demotest.Year(t, d)
	users := auth.NewUsers(d)
	a := api.New(d, users, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f := &fixture{t: t, srv: httptest.NewServer(a), users: users, tokens: map[string]string{}}
	t.Cleanup(f.srv.Close)
	for _, acc := range demo.Accounts {
		u, err := users.ByLogin(ctx, acc.Login)
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := users.CreateToken(ctx, audit.System, u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[acc.Login] = secret
	}
	return f
}

func (f *fixture) call(method, path, token, body string) (int, map[string]any) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	req.Body = io.NopCloser(strings.NewReader(body))
	conforms(f.t, req, res, got)
	var out map[string]any
	json.Unmarshal(got, &out)
	return res.StatusCode, out
}

func TestRoutesByRole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		logins := []string{"admin", "kaohe", "lingdao", "xincheng.fzr", "xincheng.tb", "chakan"}
		var tianrui string // a firm of 新城街道
		if err := d.QueryRow(context.Background(), "SELECT credit_code FROM enterprises WHERE name = '天瑞重工有限公司'").Scan(&tianrui); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			route, method, path, body string
			want                      [7]int // without a token, then per login above
		}{
			{"GET /api/v1/me", "GET", "/api/v1/me", "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			{"GET /api/v1/units", "GET", "/api/v1/units", "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			{"GET /api/v1/units/{code}", "GET", "/api/v1/units/XCJD", "", [7]int{401, 200, 200, 200, 200, 200, 403}},
			{"GET /api/v1/plans/{year}/indicators", "GET", "/api/v1/plans/2019/indicators", "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			{"GET /api/v1/projects", "GET", "/api/v1/projects?year=2019", "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			// A livelihood piece led by 新城街道, outside the viewer's 科技创新局.
			{"GET /api/v1/projects/{code}", "GET", "/api/v1/projects/MS-2019-077?year=2019", "", [7]int{401, 200, 200, 200, 200, 200, 403}},
			{"GET /api/v1/enterprises", "GET", "/api/v1/enterprises?view=gazelle", "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			// 新城街道's 天瑞重工: the viewer's 科技创新局 is a department and sees the zone's firms.
			{"GET /api/v1/enterprises/{code}", "GET", "/api/v1/enterprises/" + tianrui, "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			// A lead of 投资促进局, outside 新城街道 and 科技创新局.
			{"GET /api/v1/leads", "GET", "/api/v1/leads?channel=agency", "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			{"GET /api/v1/leads/{code}", "GET", "/api/v1/leads/ZS-2019-TCJ-010", "", [7]int{401, 200, 200, 200, 403, 403, 403}},
			// A task of 经济发展局 with 市场监督管理局, outside 新城街道 and 科技创新局; the leader answers for it.
			{"GET /api/v1/tasks", "GET", "/api/v1/tasks?colour=red", "", [7]int{401, 200, 200, 200, 200, 200, 200}},
			{"GET /api/v1/tasks/{code}", "GET", "/api/v1/tasks/" + demo.BrowserTask, "", [7]int{401, 200, 200, 200, 403, 403, 403}},
			// Writes refused as bad input where the role may make them, so the rows change nothing.
			{"POST /api/v1/tasks", "POST", "/api/v1/tasks", `{"content": "", "x": "%s"}`, [7]int{401, 422, 422, 403, 403, 403, 403}},
			// Nothing of 新城街道's November is submitted: whoever may confirm finds nothing to.
			{"POST /api/v1/figures/review", "POST", "/api/v1/figures/review", `{"year": 2019, "month": 11, "unit": "XCJD", "action": "confirm", "reason": "%s"}`,
				[7]int{401, 403, 403, 403, 422, 403, 403}},
			// 新城街道 leads livelihood pieces: its people may report them; an unknown project is refused.
			{"POST /api/v1/projects/reports", "POST", "/api/v1/projects/reports", `{"year": 2019, "month": 11, "unit": "XCJD", "entries": [{"project": "NOPE-%s"}]}`,
				[7]int{401, 403, 403, 403, 422, 422, 403}},
			{"GET /api/v1/figures", "GET", "/api/v1/figures?year=2019&month=11&unit=XCJD", "", [7]int{401, 200, 200, 200, 200, 200, 403}},
			{"POST /api/v1/figures", "POST", "/api/v1/figures", `{"year": 2019, "month": 11, "unit": "XCJD", "entries": [{"indicator": "NOPE-%s"}]}`,
				[7]int{401, 403, 403, 403, 422, 422, 403}},
			{"POST /api/v1/units", "POST", "/api/v1/units", `{"code":"API-%s","name":"接口新建","kind":"park","parent":"WFGX"}`,
				[7]int{401, 201, 201, 403, 403, 403, 403}},
		}
		covered := map[string]bool{}
		for _, c := range cases {
			covered[c.route] = true
		}
		for route := range api.New(nil, f.users, slog.Default()).Routes() {
			if !covered[route] {
				t.Errorf("API route %q has no row in this table", route)
			}
		}
		for _, c := range cases {
			for i := 0; i < 7; i++ {
				token, who := "", "no token"
				if i > 0 {
					who = logins[i-1]
					token = f.tokens[who]
				}
				body := c.body
				if strings.Contains(body, "%s") {
					body = strings.Replace(body, "%s", who, 1)
				}
				if got, out := f.call(c.method, c.path, token, body); got != c.want[i] {
					t.Errorf("%s as %s: %d, want %d (%v)", c.route, who, got, c.want[i], out)
				}
			}
		}
	})
}

func TestAPIValues(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		status, me := f.call("GET", "/api/v1/me", f.tokens["xincheng.tb"], "")
		if status != 200 || me["role"] != "reporter" || me["unit"] != "XCJD" || me["display_name"] != "新城街道 陈静" {
			t.Fatalf("me = %d %v", status, me)
		}
		_, list := f.call("GET", "/api/v1/units", f.tokens["xincheng.tb"], "")
		units := list["units"].([]any)
		if len(units) != 1 || units[0].(map[string]any)["name"] != "新城街道" || units[0].(map[string]any)["parent"] != "WFGX" {
			t.Fatalf("a street reporter's units = %v", units)
		}
		_, list = f.call("GET", "/api/v1/units", f.tokens["kaohe"], "")
		if n := len(list["units"].([]any)); n != 27 {
			t.Fatalf("the assessment office sees %d units, want 27", n)
		}
		status, out := f.call("POST", "/api/v1/units", f.tokens["kaohe"], `{"code":"JFJ","name":"重复","kind":"park","parent":"WFGX"}`)
		errObj, _ := out["error"].(map[string]any)
		if status != 422 || errObj["code"] != "unit.err.code_taken" || errObj["field"] != "code" {
			t.Fatalf("duplicate code = %d %v", status, out)
		}
		status, _ = f.call("POST", "/api/v1/units", f.tokens["kaohe"], `{"code":`)
		if status != 400 {
			t.Fatalf("malformed JSON = %d, want 400", status)
		}
	})
}

func TestPlanProgress(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	status, out := f.call("GET", "/api/v1/plans/2019/indicators?month=10", f.tokens["xincheng.tb"], "")
	if status != 200 || out["month"].(float64) != 10 {
		t.Fatalf("plan progress = %d %v", status, out["month"])
	}
	for _, x := range out["indicators"].([]any) {
		in := x.(map[string]any)
		if in["code"] != "CJ03" {
			continue
		}
		units := in["units"].([]any)
		if in["committed"].(float64) != 30 || len(units) != 1 || units[0].(map[string]any)["unit"] != "XCJD" {
			t.Fatalf("CJ03 for a street reporter = %v", in)
		}
		return
	}
	t.Fatal("CJ03 missing")
}

func TestRevokedTokenIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		secret := f.tokens["lingdao"]
		if status, _ := f.call("GET", "/api/v1/me", secret, ""); status != 200 {
			t.Fatalf("live token: %d", status)
		}
		u, _ := f.users.ByLogin(ctx, "lingdao")
		tokens, err := f.users.Tokens(ctx, u.ID)
		if err != nil || len(tokens) != 1 || tokens[0].LastUsedAt == nil || !strings.HasPrefix(secret, tokens[0].Prefix) {
			t.Fatalf("tokens = %+v, %v", tokens, err)
		}
		if err := f.users.RevokeToken(ctx, audit.System, tokens[0].ID, 0); err != nil {
			t.Fatal(err)
		}
		status, out := f.call("GET", "/api/v1/me", secret, "")
		if status != 401 || out["error"].(map[string]any)["code"] != "invalid_token" {
			t.Fatalf("revoked token: %d %v", status, out)
		}
		// A disabled account's tokens stop too.
		admin := f.tokens["kaohe"]
		k, _ := f.users.ByLogin(ctx, "kaohe")
		if err := f.users.SetActive(ctx, audit.System, k.ID, false); err != nil {
			t.Fatal(err)
		}
		if status, _ := f.call("GET", "/api/v1/me", admin, ""); status != 401 {
			t.Fatalf("disabled user's token: %d", status)
		}
		if status, _ := f.call("GET", "/api/v1/me", "gx_made-up", ""); status != 401 {
			t.Fatalf("made-up token: %d", status)
		}
	})
}
