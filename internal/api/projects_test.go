package api_test

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
)

// near compares sums of 万元 that the API and SQL add in different orders.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// projectRows is the projects of a list answer.
func projectRows(t *testing.T, out map[string]any) []map[string]any {
	t.Helper()
	list, ok := out["projects"].([]any)
	if !ok {
		t.Fatalf("no projects in %v", out)
	}
	rows := make([]map[string]any, len(list))
	for i, x := range list {
		rows[i] = x.(map[string]any)
	}
	return rows
}

func leadCode(row map[string]any) string {
	return row["lead_unit"].(map[string]any)["code"].(string)
}

func errorCode(out map[string]any) any {
	e, _ := out["error"].(map[string]any)
	return e["code"]
}

// xcjdProject is a project led by 新城街道, from the database.
func xcjdProject(t *testing.T, d *db.DB) string {
	t.Helper()
	var code string
	err := d.QueryRow(context.Background(), `SELECT p.code FROM projects p JOIN units u ON u.id = p.lead_unit_id
		WHERE u.code = 'XCJD' ORDER BY p.code LIMIT 1`).Scan(&code)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestProjectList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		var n int
		var total, planned float64
		if err := d.QueryRow(ctx, `SELECT COUNT(*), SUM(p.total_investment), SUM(y.planned_investment)
			FROM projects p JOIN project_years y ON y.project_id = p.id WHERE y.year = 2019`).Scan(&n, &total, &planned); err != nil {
			t.Fatal(err)
		}
		var invested float64
		if err := d.QueryRow(ctx, `SELECT SUM(r.invest_month) FROM project_reports r JOIN periods pe ON pe.id = r.period_id
			WHERE pe.year = 2019 AND r.invest_month IS NOT NULL AND r.status IN ('submitted', 'confirmed', 'approved')`).Scan(&invested); err != nil {
			t.Fatal(err)
		}
		if n != 441 {
			t.Fatalf("the demo plans %d projects for 2019, want 441", n)
		}

		status, out := f.call("GET", "/api/v1/projects?year=2019", f.tokens["kaohe"], "")
		if status != 200 || out["year"].(float64) != 2019 || out["today"] != demo.Today {
			t.Fatalf("the zone's list = %d year %v today %v", status, out["year"], out["today"])
		}
		rows := projectRows(t, out)
		totals := out["totals"].(map[string]any)
		if len(rows) != 441 || totals["count"].(float64) != 441 {
			t.Fatalf("the zone's list has %d rows, count %v, want 441", len(rows), totals["count"])
		}
		if !near(totals["total_investment"].(float64), total) || !near(totals["planned_investment"].(float64), planned) ||
			!near(totals["invested_ytd"].(float64), invested) {
			t.Fatalf("totals = %v, want total %v, planned %v, invested %v", totals, total, planned, invested)
		}
		if !near(totals["plan_share"].(float64), invested/planned) {
			t.Fatalf("plan share = %v, want %v", totals["plan_share"], invested/planned)
		}
		var rowsTotal float64
		for _, row := range rows {
			rowsTotal += row["total_investment"].(float64)
		}
		if !near(rowsTotal, total) {
			t.Fatalf("the rows add up to %v, want %v", rowsTotal, total)
		}
		byColor := totals["by_color"].(map[string]any)
		counted := 0
		for _, c := range []string{"green", "yellow", "red"} {
			counted += int(byColor[c].(float64))
		}
		if counted != 441 || byColor["red"].(float64) == 0 || byColor["yellow"].(float64) == 0 {
			t.Fatalf("by colour = %v", byColor)
		}

		// Without a year the latest year that has projects: the demo's.
		if _, out := f.call("GET", "/api/v1/projects", f.tokens["kaohe"], ""); out["year"] != 2019.0 || len(projectRows(t, out)) != 441 {
			t.Fatalf("the default year = %v", out["year"])
		}

		_, out = f.call("GET", "/api/v1/projects?year=2019&category=infrastructure", f.tokens["kaohe"], "")
		totals = out["totals"].(map[string]any)
		if totals["count"].(float64) != 152 || totals["total_investment"].(float64) != 540000 {
			t.Fatalf("infrastructure = %v", totals)
		}
		for _, row := range projectRows(t, out) {
			if row["category"] != "infrastructure" {
				t.Fatalf("the category filter kept %v", row)
			}
		}

		// The filters combine, each as on the page.
		var xcjdCount int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM projects p JOIN project_years y ON y.project_id = p.id
			JOIN units u ON u.id = p.lead_unit_id WHERE y.year = 2019 AND u.code = 'XCJD'`).Scan(&xcjdCount); err != nil {
			t.Fatal(err)
		}
		_, out = f.call("GET", "/api/v1/projects?year=2019&unit=XCJD", f.tokens["kaohe"], "")
		if got := len(projectRows(t, out)); got != xcjdCount || got == 0 {
			t.Fatalf("unit=XCJD gives %d, want %d", got, xcjdCount)
		}
		_, out = f.call("GET", "/api/v1/projects?year=2019&color=red&level=province", f.tokens["kaohe"], "")
		for _, row := range projectRows(t, out) {
			light := row["light"].(map[string]any)
			if light["color"] != "red" || row["level"] != "province" || len(light["reasons"].([]any)) == 0 {
				t.Fatalf("color=red&level=province kept %v", row)
			}
		}
		_, out = f.call("GET", "/api/v1/projects?year=2019&q="+demo.BrowserProject, f.tokens["kaohe"], "")
		if rows := projectRows(t, out); len(rows) != 1 || rows[0]["code"] != demo.BrowserProject {
			t.Fatalf("q=%s gives %v", demo.BrowserProject, rows)
		}
		for _, q := range []string{"year=19x", "color=blue", "level=national", "unit=NOPE", "category=nope"} {
			if status, out := f.call("GET", "/api/v1/projects?"+q, f.tokens["kaohe"], ""); status != 400 || errorCode(out) != "bad_query" {
				t.Errorf("?%s = %d %v, want 400 bad_query", q, status, out)
			}
		}
		if status, out := f.call("GET", "/api/v1/projects?year=2030", f.tokens["kaohe"], ""); status != 200 || len(projectRows(t, out)) != 0 {
			t.Fatalf("a year without projects = %d %v", status, out)
		}
	})
}

func TestProjectScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		xcjd := xcjdProject(t, d)

		// The viewer of 科技创新局 sees its own unit's projects only.
		var kcj int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM projects p JOIN project_years y ON y.project_id = p.id
			JOIN units u ON u.id = p.lead_unit_id JOIN units s ON s.code = 'KCJ'
			WHERE y.year = 2019 AND u.path LIKE s.path || '%'`).Scan(&kcj); err != nil {
			t.Fatal(err)
		}
		status, out := f.call("GET", "/api/v1/projects?year=2019", f.tokens["chakan"], "")
		rows := projectRows(t, out)
		if status != 200 || len(rows) != kcj || out["totals"].(map[string]any)["count"].(float64) != float64(kcj) {
			t.Fatalf("chakan sees %d projects (%d), want %d", len(rows), status, kcj)
		}
		for _, row := range rows {
			if leadCode(row) == "XCJD" {
				t.Fatalf("chakan sees %v of 新城街道", row["code"])
			}
		}
		if _, out := f.call("GET", "/api/v1/projects?year=2019&unit=XCJD", f.tokens["chakan"], ""); len(projectRows(t, out)) != 0 {
			t.Fatal("a unit filter outside the scope widens it")
		}
		if status, out := f.call("GET", "/api/v1/projects/"+xcjd+"?year=2019", f.tokens["chakan"], ""); status != 403 || errorCode(out) != "forbidden" {
			t.Fatalf("chakan on %s = %d %v, want 403", xcjd, status, out)
		}

		// The street's head sees the street's projects and no others.
		var street int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM projects p JOIN project_years y ON y.project_id = p.id
			JOIN units u ON u.id = p.lead_unit_id WHERE y.year = 2019 AND u.code = 'XCJD'`).Scan(&street); err != nil {
			t.Fatal(err)
		}
		_, out = f.call("GET", "/api/v1/projects?year=2019", f.tokens["xincheng.fzr"], "")
		rows = projectRows(t, out)
		if len(rows) != street || street == 0 {
			t.Fatalf("xincheng.fzr sees %d projects, want %d", len(rows), street)
		}
		for _, row := range rows {
			if leadCode(row) != "XCJD" {
				t.Fatalf("xincheng.fzr sees %v led by %s", row["code"], leadCode(row))
			}
		}
		if status, _ := f.call("GET", "/api/v1/projects/"+xcjd+"?year=2019", f.tokens["xincheng.fzr"], ""); status != 200 {
			t.Fatalf("xincheng.fzr on its own %s = %d", xcjd, status)
		}
		if status, _ := f.call("GET", "/api/v1/projects/"+demo.BrowserProject, f.tokens["xincheng.fzr"], ""); status != 403 {
			t.Fatalf("xincheng.fzr on %s of 投资促进局 = %d, want 403", demo.BrowserProject, status)
		}

		if status, out := f.call("GET", "/api/v1/projects/NO-SUCH-PROJECT", f.tokens["kaohe"], ""); status != 404 || errorCode(out) != "not_found" {
			t.Fatalf("unknown project = %d %v", status, out)
		}
		if status, _ := f.call("GET", "/api/v1/projects/"+xcjd+"?year=2001", f.tokens["kaohe"], ""); status != 404 {
			t.Fatalf("a year outside the project = %d, want 404", status)
		}
		for _, path := range []string{"/api/v1/projects", "/api/v1/projects/" + xcjd} {
			if status, out := f.call("GET", path, "", ""); status != 401 || errorCode(out) != "unauthenticated" {
				t.Fatalf("%s without a token = %d %v", path, status, out)
			}
		}
	})
}

// projectDetail decodes one project's answer into the shape the API
// documents, in the language asked for.
type projectDetail struct {
	Year    int `json:"year"`
	Project struct {
		Code            string  `json:"code"`
		TotalInvestment float64 `json:"total_investment"`
		StartYear       int     `json:"start_year"`
		EndYear         int     `json:"end_year"`
		LeadUnit        struct {
			Code string `json:"code"`
		} `json:"lead_unit"`
		Cooperators []struct {
			Code string `json:"code"`
		} `json:"cooperators"`
	} `json:"project"`
	Plan *struct {
		PlannedInvestment float64 `json:"planned_investment"`
	} `json:"plan"`
	Figures *struct {
		InvestedYTD float64 `json:"invested_ytd"`
		AsOfMonth   int     `json:"as_of_month"`
	} `json:"figures"`
	Light struct {
		Color   string `json:"color"`
		Reasons []struct {
			Text string `json:"text"`
		} `json:"reasons"`
	} `json:"light"`
	Nodes []struct {
		Stage     string `json:"stage"`
		PlannedOn string `json:"planned_on"`
		ActualOn  string `json:"actual_on"`
		Done      bool   `json:"done"`
	} `json:"nodes"`
	Problems []struct {
		Title     string `json:"title"`
		Closed    bool   `json:"closed"`
		OwnerUnit struct {
			Code string `json:"code"`
		} `json:"owner_unit"`
	} `json:"problems"`
	Months []struct {
		Month       int      `json:"month"`
		Status      string   `json:"status"`
		InvestMonth *float64 `json:"invest_month"`
		Counted     bool     `json:"counted"`
		YTD         *float64 `json:"ytd"`
		PlanYTD     *float64 `json:"plan_ytd"`
	} `json:"months"`
}

func (f *fixture) detail(code, token, lang string) (int, projectDetail) {
	f.t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+"/api/v1/projects/"+code+"?year=2019", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	conforms(f.t, req, res, body)
	var out projectDetail
	if res.StatusCode == 200 {
		if err := json.Unmarshal(body, &out); err != nil {
			f.t.Fatal(err)
		}
	}
	return res.StatusCode, out
}

func TestProjectDetail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		code := demo.BrowserProject
		status, got := f.detail(code, f.tokens["kaohe"], "")
		if status != 200 || got.Year != 2019 || got.Project.Code != code || got.Project.LeadUnit.Code != "TCJ" || got.Plan == nil || got.Figures == nil {
			t.Fatalf("%s = %d %+v", code, status, got)
		}
		var id int64
		var total, planned float64
		if err := d.QueryRow(ctx, `SELECT p.id, p.total_investment, y.planned_investment FROM projects p
			JOIN project_years y ON y.project_id = p.id AND y.year = 2019 WHERE p.code = $1`, code).Scan(&id, &total, &planned); err != nil {
			t.Fatal(err)
		}
		if got.Project.TotalInvestment != total || got.Plan.PlannedInvestment != planned {
			t.Fatalf("record %+v, plan %+v, want total %v, planned %v", got.Project, got.Plan, total, planned)
		}
		var coop int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM project_units WHERE project_id = $1", id).Scan(&coop); err != nil {
			t.Fatal(err)
		}
		if len(got.Project.Cooperators) != coop {
			t.Fatalf("cooperators %v, want %d", got.Project.Cooperators, coop)
		}

		// The months: every report of 2019 as stored, and the year to date
		// of those that count, up to the last of them.
		type month struct {
			status  string
			invest  *float64
			counted bool
		}
		var want [12]*month
		rs, err := d.Query(ctx, `SELECT pe.month, r.status, r.invest_month FROM project_reports r
			JOIN periods pe ON pe.id = r.period_id WHERE r.project_id = $1 AND pe.year = 2019`, id)
		if err != nil {
			t.Fatal(err)
		}
		reports := 0
		for rs.Next() {
			var m int
			var mo month
			if err := rs.Scan(&m, &mo.status, &mo.invest); err != nil {
				t.Fatal(err)
			}
			mo.counted = mo.invest != nil && (mo.status == "submitted" || mo.status == "confirmed" || mo.status == "approved")
			want[m-1] = &mo
			reports++
		}
		rs.Close()
		if reports == 0 || len(got.Months) != 12 {
			t.Fatalf("%d reports in the database, %d months in the answer", reports, len(got.Months))
		}
		last := -1
		for m, mo := range want {
			if mo != nil && mo.counted {
				last = m
			}
		}
		ytd := 0.0
		for m, mo := range want {
			g := got.Months[m]
			if g.Month != m+1 || g.PlanYTD == nil {
				t.Fatalf("month %d = %+v", m+1, g)
			}
			if mo == nil {
				if g.Status != "" || g.InvestMonth != nil || g.Counted {
					t.Errorf("month %d has no report, got %+v", m+1, g)
				}
			} else if g.Status != mo.status || (g.InvestMonth == nil) != (mo.invest == nil) ||
				g.InvestMonth != nil && *g.InvestMonth != *mo.invest || g.Counted != mo.counted {
				t.Errorf("month %d = %+v, want %+v", m+1, g, *mo)
			}
			if mo != nil && mo.counted {
				ytd += *mo.invest
			}
			switch {
			case m > last && g.YTD != nil:
				t.Errorf("month %d after the last counted one has a year to date %v", m+1, *g.YTD)
			case m <= last && (g.YTD == nil || !near(*g.YTD, ytd)):
				t.Errorf("month %d year to date %v, want %v", m+1, g.YTD, ytd)
			}
		}
		if !near(got.Figures.InvestedYTD, ytd) {
			t.Fatalf("invested_ytd = %v, the months add up to %v", got.Figures.InvestedYTD, ytd)
		}
		if got.Months[11].PlanYTD == nil || !near(*got.Months[11].PlanYTD, planned) {
			t.Fatalf("December's 序时 = %v, want the year's plan %v", got.Months[11].PlanYTD, planned)
		}

		// The nodes, as stored, in the order of the stages.
		type node struct {
			planned, actual string
			done            bool
		}
		nodes := map[string]node{}
		rs, err = d.Query(ctx, "SELECT stage, planned_on, actual_on, done FROM project_nodes WHERE project_id = $1", id)
		if err != nil {
			t.Fatal(err)
		}
		for rs.Next() {
			var stage string
			var n node
			if err := rs.Scan(&stage, &n.planned, &n.actual, &n.done); err != nil {
				t.Fatal(err)
			}
			nodes[stage] = n
		}
		rs.Close()
		if len(nodes) == 0 || len(got.Nodes) != len(nodes) {
			t.Fatalf("%d nodes, want %d", len(got.Nodes), len(nodes))
		}
		order := map[string]int{}
		for i, st := range []string{"plan", "sign", "approve", "land", "planning", "permit", "start", "topped", "complete", "operate", "effect"} {
			order[st] = i
		}
		for i, g := range got.Nodes {
			n, ok := nodes[g.Stage]
			if !ok || g.PlannedOn != n.planned || g.ActualOn != n.actual || g.Done != n.done {
				t.Errorf("node %+v, want %+v", g, n)
			}
			if i > 0 && order[got.Nodes[i-1].Stage] >= order[g.Stage] {
				t.Errorf("node %s follows %s", g.Stage, got.Nodes[i-1].Stage)
			}
		}

		// A project's problems, open ones first, each with its owner unit.
		var withProblems string
		var open, all int
		if err := d.QueryRow(ctx, `SELECT p.code, SUM(CASE WHEN q.status = 'open' THEN 1 ELSE 0 END), COUNT(*) FROM project_problems q
			JOIN projects p ON p.id = q.project_id GROUP BY p.code ORDER BY p.code LIMIT 1`).Scan(&withProblems, &open, &all); err != nil {
			t.Fatal(err)
		}
		if status, pd := f.detail(withProblems, f.tokens["kaohe"], ""); status != 200 || len(pd.Problems) != all {
			t.Fatalf("%s: %d, %d problems, want %d", withProblems, status, len(pd.Problems), all)
		} else {
			for i, pr := range pd.Problems {
				if pr.Closed != (i >= open) || pr.Title == "" || pr.OwnerUnit.Code == "" {
					t.Errorf("problem %d of %s = %+v (%d open)", i, withProblems, pr, open)
				}
			}
		}

		// The light's reasons come in the language the caller asks for,
		// Chinese by default.
		if got.Light.Color != "yellow" || len(got.Light.Reasons) == 0 {
			t.Fatalf("%s's light = %+v, want yellow with reasons", code, got.Light)
		}
		_, en := f.detail(code, f.tokens["kaohe"], "en-GB,en;q=0.9")
		if len(en.Light.Reasons) != len(got.Light.Reasons) || en.Light.Reasons[0].Text == got.Light.Reasons[0].Text {
			t.Fatalf("reasons in English %+v, in Chinese %+v", en.Light.Reasons, got.Light.Reasons)
		}
	})
}
