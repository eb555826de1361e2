package project_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/plan"
	"gaoxin/internal/project"
)

// The benchmarks of this file share one data set, built the first time a
// benchmark asks for it (never by a test): the province data set of
// demo.ProvinceScale — its 2,000 units, plan of 2,000 indicators and
// 100,000 assignments, and a year of figures — and beside it a province's
// portfolio, 20,000 projects led by 200 units, each with a year plan for
// demo.ScaleYear, twelve monthly reports and the eleven stage nodes. It is
// written twice: base.db with no indicator bound, and bound.db, a copy of
// it in which six indicators are bound to the portfolio.
//
// Building it takes about half a minute. With GAOXIN_BENCH_PROJECTS_DIR
// set to a directory, the two files are kept there and used again by the
// next run, so that a run can be timed as a whole process without the
// build in it; the benchmarks only read base.db, and refreshing bound.db
// in its steady state writes nothing.

const (
	benchEnvDir    = "GAOXIN_BENCH_PROJECTS_DIR"
	benchProjects  = 20000
	benchLeadUnits = 200
	benchYear      = demo.ScaleYear
	benchCategory  = "industrial"
)

// benchToday is 10:00 China time on 20 January of the next year: every
// month of the year has opened and December's deadline has passed, so the
// lights measure the whole year's investment.
var benchToday = time.Date(benchYear+1, time.January, 20, 2, 0, 0, 0, time.UTC)

// benchBindings are the indicators bound in bound.db: for each, the widest
// monthly indicator of that name (the one shared to the most units) not
// already taken.
var benchBindings = []struct{ name, binding string }{
	{"固定资产投资", "project:invest"},
	{"固定资产投资", "project:invest category=industrial"},
	{"规上工业营业收入", "project:invest category=industrial,service"},
	{"新开工亿元以上项目", "project:done:start"},
	{"高新技术企业总数", "project:count"},
	{"省级以上研发平台", "project:count category=innovation"},
}

type benchSet struct {
	base, bound *db.DB
	paths       map[int64]string // unit → its materialised path
	zonePath    string           // the subtree the filtered benchmarks select
	filter      project.Filter   // one category within that subtree
}

var (
	benchOnce sync.Once
	benchData *benchSet
	benchErr  error
	benchTemp string // removed after the run; empty when the data set is kept
)

// TestMain removes the data set's temporary directory after the run; it
// adds nothing to a run that benchmarks nothing.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchData != nil {
		benchData.base.Close()
		benchData.bound.Close()
	}
	if benchTemp != "" {
		os.RemoveAll(benchTemp)
	}
	os.Exit(code)
}

func benchSetFor(b *testing.B) *benchSet {
	b.Helper()
	benchOnce.Do(func() { benchData, benchErr = openBenchSet(b) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchData
}

func benchStore(d *db.DB) *project.Store {
	s := project.NewStore(d)
	s.SetClock(func() time.Time { return benchToday })
	return s
}

func openBenchSet(b *testing.B) (*benchSet, error) {
	ctx := context.Background()
	dir := os.Getenv(benchEnvDir)
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "gaoxin-projects-bench-"); err != nil {
			return nil, err
		}
		benchTemp = dir
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ready := filepath.Join(dir, "ready")
	if _, err := os.Stat(ready); err != nil {
		for _, name := range []string{"base.db", "base.db-wal", "base.db-shm", "bound.db", "bound.db-wal", "bound.db-shm"} {
			os.Remove(filepath.Join(dir, name))
		}
		if err := buildBenchSet(ctx, b, dir); err != nil {
			return nil, err
		}
		if err := os.WriteFile(ready, []byte("complete\n"), 0o644); err != nil {
			return nil, err
		}
	} else {
		b.Logf("using the data set kept in %s", dir)
	}
	s := &benchSet{}
	var err error
	if s.base, err = db.Open(ctx, filepath.Join(dir, "base.db")); err != nil {
		return nil, err
	}
	if s.bound, err = db.Open(ctx, filepath.Join(dir, "bound.db")); err != nil {
		return nil, err
	}
	if err := s.chooseFilter(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// chooseFilter selects the category of most projects inside the zone
// (a unit just under the root) whose subtree leads the most projects.
func (s *benchSet) chooseFilter(ctx context.Context) error {
	s.paths = map[int64]string{}
	rows, err := s.base.Query(ctx, "SELECT id, path FROM units")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			rows.Close()
			return err
		}
		s.paths[id] = path
	}
	rows.Close()
	rows, err = s.base.Query(ctx, "SELECT lead_unit_id, COUNT(*) FROM projects GROUP BY lead_unit_id")
	if err != nil {
		return err
	}
	byZone := map[string]int{}
	for rows.Next() {
		var unit int64
		var n int
		if err := rows.Scan(&unit, &n); err != nil {
			rows.Close()
			return err
		}
		if parts := strings.Split(strings.Trim(s.paths[unit], "/"), "/"); len(parts) >= 2 {
			byZone["/"+parts[0]+"/"+parts[1]+"/"] += n
		}
	}
	rows.Close()
	for zone, n := range byZone {
		if s.zonePath == "" || n > byZone[s.zonePath] || n == byZone[s.zonePath] && zone < s.zonePath {
			s.zonePath = zone
		}
	}
	zone := s.zonePath
	s.filter = project.Filter{Categories: []string{benchCategory},
		Units: func(id int64) bool { return strings.HasPrefix(s.paths[id], zone) }}
	return nil
}

// buildBenchSet writes base.db and bound.db into dir.
func buildBenchSet(ctx context.Context, b *testing.B, dir string) error {
	start := time.Now()
	d, err := db.Open(ctx, filepath.Join(dir, "base.db"))
	if err != nil {
		return err
	}
	defer d.Close()
	if err := demo.GenerateScale(ctx, d, demo.ProvinceScale); err != nil {
		return err
	}
	b.Logf("generated the province data set in %s", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	indicators, err := benchIndicators(ctx, d)
	if err != nil {
		return err
	}
	leads, err := benchLeads(ctx, d, indicators)
	if err != nil {
		return err
	}
	if err := d.Write(ctx, func(tx *db.Tx) error { return writeBenchPortfolio(ctx, tx, leads) }); err != nil {
		return err
	}
	b.Logf("wrote %d projects led by %d units in %s", benchProjects, len(leads), time.Since(start).Round(time.Millisecond))
	boundPath := filepath.Join(dir, "bound.db")
	if err := d.Backup(ctx, boundPath); err != nil {
		return err
	}
	bound, err := db.Open(ctx, boundPath)
	if err != nil {
		return err
	}
	defer bound.Close()
	s := benchStore(bound)
	for i, id := range indicators {
		start := time.Now()
		if err := s.Bind(ctx, audit.System, id, benchBindings[i].binding); err != nil {
			return fmt.Errorf("bind %q: %w", benchBindings[i].binding, err)
		}
		b.Logf("bound indicator %d (%s) to %q in %s", id, benchBindings[i].name, benchBindings[i].binding,
			time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// benchIndicators picks the indicators benchBindings name.
func benchIndicators(ctx context.Context, d *db.DB) ([]int64, error) {
	var ids []int64
	for _, want := range benchBindings {
		rows, err := d.Query(ctx, `SELECT i.id FROM indicators i JOIN assignments a ON a.indicator_id = i.id
			WHERE i.name = $1 AND i.frequency = $2 GROUP BY i.id ORDER BY COUNT(*) DESC, i.id`, want.name, string(plan.Monthly))
		if err != nil {
			return nil, err
		}
		var found int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			if found == 0 && !slices.Contains(ids, id) {
				found = id
			}
		}
		rows.Close()
		if found == 0 {
			return nil, fmt.Errorf("no monthly indicator %s left to bind", want.name)
		}
		ids = append(ids, found)
	}
	return ids, nil
}

// benchLeads chooses the lead units: those the bound indicators are shared
// to, most shared first, so that the roll-up has assignments to fill, and
// other units after them if those are too few.
func benchLeads(ctx context.Context, d *db.DB, indicators []int64) ([]int64, error) {
	in := make([]string, len(indicators))
	for i, id := range indicators {
		in[i] = strconv.FormatInt(id, 10)
	}
	rows, err := d.Query(ctx, `SELECT u.id FROM units u LEFT JOIN assignments a ON a.unit_id = u.id AND a.indicator_id IN (`+
		strings.Join(in, ", ")+`) WHERE u.parent_id IS NOT NULL GROUP BY u.id ORDER BY COUNT(a.id) DESC, u.id LIMIT $1`, benchLeadUnits)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var leads []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		leads = append(leads, id)
	}
	return leads, rows.Err()
}

// benchInserter writes rows with multi-row INSERTs, as the scale
// generator does: anonymous '?' on SQLite, at most 2,000 rows and 32,766
// parameters a statement.
type benchInserter struct {
	ctx       context.Context
	tx        *db.Tx
	head, row string
	per, n    int
	args      []any
}

func newBenchInserter(ctx context.Context, tx *db.Tx, head, row string) *benchInserter {
	return &benchInserter{ctx: ctx, tx: tx, head: head, row: row, per: min(2000, 32766/strings.Count(row, "?"))}
}

func (ins *benchInserter) add(values ...any) error {
	ins.args = append(ins.args, values...)
	if ins.n++; ins.n == ins.per {
		return ins.flush()
	}
	return nil
}

func (ins *benchInserter) flush() error {
	if ins.n == 0 {
		return nil
	}
	q := ins.head + strings.Repeat(ins.row+", ", ins.n-1) + ins.row
	_, err := ins.tx.Exec(ins.ctx, q, ins.args...)
	ins.args, ins.n = ins.args[:0], 0
	return err
}

func benchDate(t time.Time) string { return t.Format("2006-01-02") }

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// pick draws an index by weight.
func pick(rng *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := rng.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

var (
	benchCategories = []string{"industrial", "service", "innovation", "infrastructure", "social", "livelihood"}
	benchCatWeights = []int{35, 20, 15, 15, 10, 5}
	benchLevels     = []string{"province", "city", "district"}
	benchLvlWeights = []int{5, 25, 70}
	benchClusters   = []string{"新一代信息技术", "高端装备", "生物医药", "新材料", "现代物流", "数字经济", ""}
	benchTags       = []string{"", "", "双招双引", "技改", "双招双引,技改"}
)

// writeBenchPortfolio writes the projects, their year plans, nodes,
// reports with their versions and problems in one transaction. The lights
// come out mixed: most projects keep to their nodes and their 序时, some
// lag (yellow), some have an overdue node, an overdue problem or far too
// little invested (red).
func writeBenchPortfolio(ctx context.Context, tx *db.Tx, leads []int64) error {
	rng := rand.New(rand.NewPCG(20000, uint64(benchYear)))
	created := time.Date(benchYear-1, time.December, 20, 1, 0, 0, 0, time.UTC)
	periods := map[int]int64{}
	rows, err := tx.Query(ctx, "SELECT id, month FROM periods WHERE year = $1", benchYear)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var m int
		if err := rows.Scan(&id, &m); err != nil {
			rows.Close()
			return err
		}
		periods[m] = id
	}
	rows.Close()
	if len(periods) != 12 {
		return fmt.Errorf("%d periods in %d", len(periods), benchYear)
	}

	type planned struct {
		plan, pace float64
		start      int
		lead       int64
	}
	plans := make([]planned, benchProjects)
	projects := newBenchInserter(ctx, tx, `INSERT INTO projects (code, name, category, cluster, lead_unit_id, leader, investor,
		location, total_investment, content, capacity, start_year, end_year, level, tags, created_at, updated_at) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	type yearRow struct {
		plan, before float64
		profile      string
	}
	yearRows := make([]yearRow, benchProjects)
	for i := range plans {
		code := fmt.Sprintf("XM%d-%05d", benchYear, i+1)
		cluster := benchClusters[rng.IntN(len(benchClusters))]
		total := math.Round(5000 + rng.Float64()*495000) // 万元
		start := benchYear - rng.IntN(3)
		end := max(benchYear, start+1+rng.IntN(3))
		lead := leads[rng.IntN(len(leads))]
		if err := projects.add(code, fmt.Sprintf("%s产业项目（%05d）", cluster, i+1), benchCategories[pick(rng, benchCatWeights)],
			cluster, lead, "分管区长", fmt.Sprintf("投资企业%04d有限公司", rng.IntN(5000)), "园区", total,
			"建设厂房及配套设施", "", start, end, benchLevels[pick(rng, benchLvlWeights)], benchTags[rng.IntN(len(benchTags))],
			created, created); err != nil {
			return err
		}
		plan := math.Round(total * (0.15 + 0.25*rng.Float64()))
		before := 0.0
		if start < benchYear {
			before = math.Round(total * (0.1 + 0.3*rng.Float64()))
		}
		profile := ""
		if rng.IntN(5) == 0 { // one in five plans by an explicit 序时 profile
			var weights [12]float64
			sum := 0.0
			for m := range weights {
				weights[m] = 0.5 + rng.Float64()
				sum += weights[m]
			}
			parts := make([]string, 12)
			cum := 0.0
			for m := range weights {
				cum += weights[m]
				v := round1(plan * cum / sum)
				if m == 11 {
					v = plan
				}
				parts[m] = strconv.FormatFloat(v, 'f', -1, 64)
			}
			profile = strings.Join(parts, ",")
		}
		yearRows[i] = yearRow{plan, before, profile}
		// Most projects invest about at their 序时; one in six lags, a few
		// far behind.
		pace := 0.95 + 0.2*rng.Float64()
		if rng.IntN(6) == 0 {
			pace = 0.5 + 0.45*rng.Float64()
		}
		plans[i] = planned{plan: plan, pace: pace, start: start, lead: lead}
	}
	if err := projects.flush(); err != nil {
		return err
	}
	ids := make([]int64, benchProjects)
	rows, err = tx.Query(ctx, "SELECT id, code FROM projects")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			rows.Close()
			return err
		}
		n, _ := strconv.Atoi(code[len(code)-5:])
		ids[n-1] = id
	}
	rows.Close()

	yearIns := newBenchInserter(ctx, tx, `INSERT INTO project_years (project_id, year, planned_investment, profile, progress_goal,
		invested_before) VALUES `, "(?, ?, ?, ?, '主体完工', ?)")
	for i, y := range yearRows {
		if err := yearIns.add(ids[i], benchYear, y.plan, y.profile, y.before); err != nil {
			return err
		}
	}
	if err := yearIns.flush(); err != nil {
		return err
	}

	today := benchToday.In(time.FixedZone("CST", 8*3600))
	nodes := newBenchInserter(ctx, tx, `INSERT INTO project_nodes (project_id, stage, planned_on, actual_on, owner, evidence, done)
		VALUES `, "(?, ?, ?, ?, ?, ?, ?)")
	reports := newBenchInserter(ctx, tx, `INSERT INTO project_reports (project_id, period_id, invest_month, progress, problems,
		status, reason, late, version, submitted_at, updated_at, updated_by) VALUES `, "(?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, NULL)")
	problems := newBenchInserter(ctx, tx, `INSERT INTO project_problems (project_id, title, owner_unit_id, leader, deadline, status,
		resolution, raised_on, closed_on) VALUES `, "(?, ?, ?, ?, ?, ?, ?, ?, ?)")
	type reportRow struct {
		project        int64
		invest         any
		status, reason string
		version        int
	}
	var months [12][]reportRow
	for i, p := range plans {
		id := ids[i]
		// Stage nodes: from a first date in the start year, each 30–110
		// days after the one before; those planned before today are done,
		// but for one in seventy, which is then overdue.
		on := time.Date(p.start, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		for _, st := range project.Stages {
			on = on.AddDate(0, 0, 30+rng.IntN(80))
			actual, evidence, done := "", "", false
			if on.Before(today) && rng.IntN(70) != 0 {
				a := on.AddDate(0, 0, rng.IntN(25)-10)
				if !a.Before(today) {
					a = today.AddDate(0, 0, -1)
				}
				actual, evidence, done = benchDate(a), "批复文件", true
			}
			if err := nodes.add(id, string(st), benchDate(on), actual, "项目单位", evidence, done); err != nil {
				return err
			}
		}
		// Twelve reports: January–October approved, November confirmed,
		// December submitted; one in fifty returned, one in a hundred a
		// draft without its amount.
		for m := 1; m <= 12; m++ {
			v := round1(p.plan / 12 * p.pace * (0.7 + 0.6*rng.Float64()))
			status, version, reason := "approved", 2, ""
			switch {
			case m == 11:
				status = "confirmed"
			case m == 12:
				status, version = "submitted", 1
			}
			var invest any = v
			switch r := rng.IntN(100); {
			case r < 2:
				status, version, reason = "returned", 2, "数据需核实"
			case r < 3:
				status, version, invest = "draft", 1, nil
			}
			months[m-1] = append(months[m-1], reportRow{id, invest, status, reason, version})
		}
		// One project in eight has a problem on its list, two in three of
		// them open, some past their deadline.
		if rng.IntN(8) == 0 {
			deadline := today.AddDate(0, 0, rng.IntN(100)-40)
			status, resolution, closed := "open", "", ""
			if rng.IntN(3) == 0 {
				status, resolution, closed = "closed", "已协调解决", benchDate(deadline.AddDate(0, 0, -5))
			}
			if err := problems.add(id, "用地指标待落实", p.lead, "分管区长", benchDate(deadline), status, resolution,
				benchDate(deadline.AddDate(0, 0, -30)), closed); err != nil {
				return err
			}
		}
	}
	// The reports go in month by month, as a live portfolio receives them.
	for m, list := range months {
		at := time.Date(benchYear, time.Month(m+2), 3, 2, 0, 0, 0, time.UTC)
		for _, r := range list {
			var submitted any = at
			if r.status == "draft" {
				submitted = nil
			}
			if err := reports.add(r.project, periods[m+1], r.invest, "按计划施工", "", r.status, r.reason, r.version, submitted, at); err != nil {
				return err
			}
		}
	}
	for _, ins := range []*benchInserter{nodes, reports, problems} {
		if err := ins.flush(); err != nil {
			return err
		}
	}
	// Each report's versions, as the workflow leaves them: the edit or the
	// submission, then the step that brought it where it is.
	for _, q := range []string{
		`INSERT INTO project_report_versions (report_id, version, invest_month, progress, problems, status, action, reason, at, by_user)
			SELECT id, 1, invest_month, progress, problems, CASE WHEN status = 'draft' THEN 'draft' ELSE 'submitted' END,
			CASE WHEN status = 'draft' THEN 'edit' ELSE 'submit' END, '', updated_at, NULL FROM project_reports`,
		`INSERT INTO project_report_versions (report_id, version, invest_month, progress, problems, status, action, reason, at, by_user)
			SELECT id, 2, invest_month, progress, problems, status,
			CASE status WHEN 'approved' THEN 'approve' WHEN 'confirmed' THEN 'confirm' ELSE 'return' END, reason, updated_at, NULL
			FROM project_reports WHERE version = 2`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkPortfolioFiltered is the portfolio page's data for one
// category inside one zone's subtree: Store.Portfolio with that filter,
// its rows and Totals. Goal: under 100 ms.
func BenchmarkPortfolioFiltered(b *testing.B) {
	s := benchSetFor(b)
	st := benchStore(s.base)
	b.ReportAllocs()
	var rows []project.Row
	var t project.Totals
	for b.Loop() {
		var err error
		if rows, t, err = st.Portfolio(benchCtx, benchYear, s.filter); err != nil {
			b.Fatal(err)
		}
	}
	if len(rows) == 0 || t.Count != len(rows) {
		b.Fatalf("%d rows, totals of %d", len(rows), t.Count)
	}
	b.ReportMetric(float64(len(rows)), "rows")
}

// BenchmarkPortfolioAll lights all 20,000 projects: Store.Portfolio
// without a filter, which computes every row and its light (no call
// computes the lights alone). Goal: under 500 ms.
func BenchmarkPortfolioAll(b *testing.B) {
	s := benchSetFor(b)
	st := benchStore(s.base)
	b.ReportAllocs()
	var t project.Totals
	for b.Loop() {
		var err error
		if _, t, err = st.Portfolio(benchCtx, benchYear, project.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
	if t.Count != benchProjects {
		b.Fatalf("%d projects lit", t.Count)
	}
	b.ReportMetric(float64(t.ByColor[project.Green]), "green")
	b.ReportMetric(float64(t.ByColor[project.Yellow]), "yellow")
	b.ReportMetric(float64(t.ByColor[project.Red]), "red")
}

// benchFloor is the same sums as BenchmarkPortfolioFiltered's Totals —
// count, total investment, the year's plan and the year's counted
// investment — in one hand-written query: what the database alone costs.
// benchFloor is the filtered page's sums as one would write them by hand:
// from the selected projects, each one's counted reports summed through
// the reports' index on (project, period).
const benchFloor = `SELECT COUNT(*), COALESCE(SUM(p.total_investment), 0), COALESCE(SUM(y.planned_investment), 0),
	COALESCE(SUM((SELECT SUM(r.invest_month) FROM project_reports r
		WHERE r.project_id = p.id AND r.period_id IN (SELECT id FROM periods WHERE year = $1)
		AND r.invest_month IS NOT NULL AND r.status IN ('submitted', 'confirmed', 'approved'))), 0)
	FROM projects p JOIN project_years y ON y.project_id = p.id JOIN units u ON u.id = p.lead_unit_id
	WHERE y.year = $1 AND p.category = $2 AND u.path LIKE $3`

func benchFloorSums(b *testing.B, s *benchSet) project.Totals {
	var t project.Totals
	like := s.zonePath + "%"
	err := s.base.QueryRow(benchCtx, benchFloor, benchYear, benchCategory, like).
		Scan(&t.Count, &t.TotalInvestment, &t.PlannedYear, &t.InvestedYTD)
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// BenchmarkPortfolioFloor is the raw-SQL floor of BenchmarkPortfolioFiltered
// (BenchmarkPortfolioVsFloor holds its sums to the store's).
func BenchmarkPortfolioFloor(b *testing.B) {
	s := benchSetFor(b)
	b.ReportAllocs()
	for b.Loop() {
		benchFloorSums(b, s)
	}
}

// benchSameTotals holds the floor's sums to the store's.
func benchSameTotals(b *testing.B, t, floor project.Totals) {
	if t.Count != floor.Count || !pjNear(t.TotalInvestment, floor.TotalInvestment) ||
		!pjNear(t.PlannedYear, floor.PlannedYear) || !pjNear(t.InvestedYTD, floor.InvestedYTD) {
		b.Fatalf("floor %+v, portfolio %+v", floor, t)
	}
}

// BenchmarkPortfolioVsFloor runs the filtered portfolio and its floor one
// after the other in each iteration, so that both see the same state of a
// machine whose speed drifts, and reports the median of each and their
// ratio.
func BenchmarkPortfolioVsFloor(b *testing.B) {
	s := benchSetFor(b)
	st := benchStore(s.base)
	var portfolio, floor []time.Duration
	var t, sums project.Totals
	for b.Loop() {
		start := time.Now()
		var err error
		if _, t, err = st.Portfolio(benchCtx, benchYear, s.filter); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		sums = benchFloorSums(b, s)
		portfolio, floor = append(portfolio, mid.Sub(start)), append(floor, time.Since(mid))
	}
	benchSameTotals(b, t, sums)
	benchPair(b, "portfolio", portfolio, "floor", floor)
}

// benchPair reports two medians and their ratio.
func benchPair(b *testing.B, a string, as []time.Duration, c string, cs []time.Duration) {
	ma, mc := median(as), median(cs)
	b.ReportMetric(ms(ma), "ms-"+a)
	b.ReportMetric(ms(mc), "ms-"+c)
	b.ReportMetric(float64(ma)/float64(mc), "ratio")
}

func median(list []time.Duration) time.Duration {
	sorted := slices.Clone(list)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkRollup computes the six bound indicators' values from the
// portfolio without writing: Store.Rollup.
func BenchmarkRollup(b *testing.B) {
	s := benchSetFor(b)
	st := benchStore(s.bound)
	b.ReportAllocs()
	var r *project.Rollup
	for b.Loop() {
		var err error
		if r, err = st.Rollup(benchCtx, benchYear); err != nil {
			b.Fatal(err)
		}
	}
	if len(r.Indicators) != len(benchBindings) {
		b.Fatalf("%d bound indicators", len(r.Indicators))
	}
	assignments := 0
	for _, v := range r.Values {
		assignments += len(v)
	}
	b.ReportMetric(float64(assignments), "assignments")
}

// BenchmarkRefresh produces every bound indicator's figures of the year
// anew (Store.Refresh) when the portfolio has not changed since the last
// refresh: the roll-up read and computed, every produced figure compared
// with the one stored, nothing written.
func BenchmarkRefresh(b *testing.B) {
	s := benchSetFor(b)
	st := benchStore(s.bound)
	b.ReportAllocs()
	for b.Loop() {
		if err := st.Refresh(benchCtx, audit.System, benchYear); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDashboardLoad is dashboard.Load of the province's year, as
// internal/dashboard's BenchmarkLoadProvince, on the data set without a
// bound indicator and on the same data with six bound: what the roll-up
// adds to a dashboard load. Goal: under 20%.
func BenchmarkDashboardLoad(b *testing.B) {
	s := benchSetFor(b)
	for _, c := range []struct {
		name string
		d    *db.DB
	}{{"unbound", s.base}, {"bound", s.bound}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchLoad(b, c.d)
			}
		})
	}
}

// BenchmarkDashboardBoundVsUnbound loads both in each iteration, in turn,
// and reports the medians and their ratio (bound / unbound).
func BenchmarkDashboardBoundVsUnbound(b *testing.B) {
	s := benchSetFor(b)
	var bound, unbound []time.Duration
	for b.Loop() {
		start := time.Now()
		benchLoad(b, s.base)
		mid := time.Now()
		benchLoad(b, s.bound)
		unbound, bound = append(unbound, mid.Sub(start)), append(bound, time.Since(mid))
	}
	benchPair(b, "bound", bound, "unbound", unbound)
}

func benchLoad(b *testing.B, d *db.DB) {
	board, err := dashboard.Load(benchCtx, d, benchYear, 0)
	if err != nil {
		b.Fatal(err)
	}
	if len(board.Indicators) != demo.ProvinceScale.Indicators {
		b.Fatalf("board of %d indicators", len(board.Indicators))
	}
}

var benchCtx = context.Background()
