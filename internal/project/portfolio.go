package project

import (
	"context"
	"slices"
	"sort"
	"time"

	"golang.org/x/sync/errgroup"

	"gaoxin/internal/db"
)

// Row is one project of the portfolio with its year: plan, investment so
// far, and light.
type Row struct {
	Project
	Year          Year
	InvestedYTD   float64 // counted investment of the year, 万元
	Months        [12]float64
	HasMonth      [12]bool
	AsOf          int     // the month the light measures the investment at
	PlanShare     float64 // InvestedYTD / year plan, 0 without a plan
	SinceStart    float64 // invested before the year plus this year's
	TotalShare    float64 // SinceStart / total investment
	ExpectedYTD   float64 // 序时 plan at AsOf
	OpenProblems  int
	Light         Light
	LeadUnitName  string
	CategoryLabel string
}

// Filter selects projects of the portfolio; empty fields select all.
type Filter struct {
	Categories []string
	Clusters   []string
	Levels     []Level
	Colors     []Color
	Units      func(unitID int64) bool // e.g. the user's scope, or one unit's subtree
	Search     string                  // in code, name, investor
}

// Totals are the sums shown under a list.
type Totals struct {
	Count           int
	TotalInvestment float64
	PlannedYear     float64
	InvestedYTD     float64
	ByColor         map[Color]int
}

// Portfolio is the year's projects with their lights, as of the store's
// today, filtered and sorted by code; and their totals.
func (s *Store) Portfolio(ctx context.Context, year int, f Filter) ([]Row, Totals, error) {
	sel, err := f.selection(ctx, s.db)
	if err != nil {
		return nil, Totals{}, err
	}
	all, err := s.portfolio(ctx, s.db, year, sel)
	if err != nil {
		return nil, Totals{}, err
	}
	rows := make([]Row, 0, len(all))
	t := Totals{ByColor: map[Color]int{}}
	for _, r := range all {
		if !f.keeps(r) {
			continue
		}
		rows = append(rows, r)
		t.Count++
		t.TotalInvestment += r.TotalInvestment
		t.PlannedYear += r.Year.PlannedInvestment
		t.InvestedYTD += r.InvestedYTD
		t.ByColor[r.Light.Color]++
	}
	return rows, t, nil
}

func (f Filter) empty() bool {
	return len(f.Categories) == 0 && len(f.Clusters) == 0 && len(f.Levels) == 0 && len(f.Colors) == 0 && f.Units == nil && f.Search == ""
}

func (f Filter) keeps(r Row) bool {
	switch {
	case len(f.Categories) > 0 && !slices.Contains(f.Categories, r.Category):
	case len(f.Clusters) > 0 && !slices.Contains(f.Clusters, r.Cluster):
	case len(f.Levels) > 0 && !slices.Contains(f.Levels, r.Level):
	case len(f.Colors) > 0 && !slices.Contains(f.Colors, r.Light.Color):
	case f.Units != nil && !f.Units(r.LeadUnitID):
	case f.Search != "" && !containsFold(r.Code+" "+r.Name+" "+r.Investor, f.Search):
	default:
		return true
	}
	return false
}

func containsFold(s, sub string) bool {
	return len(sub) == 0 || indexFold(s, sub) >= 0
}

func indexFold(s, sub string) int {
	rs, rsub := []rune(s), []rune(sub)
	for i := 0; i+len(rsub) <= len(rs); i++ {
		match := true
		for j := range rsub {
			a, b := rs[i+j], rsub[j]
			if a != b && toLower(a) != toLower(b) {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

func toLower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 32
	}
	return r
}

// portfolio reads the year in a few queries and lights every project. The
// two long reads, the projects with their plans and the year's reports,
// run side by side on two of the pool's readers: each is a few hundred
// milliseconds of rows through the driver on the province's portfolio.
func (s *Store) portfolio(ctx context.Context, q *db.DB, year int, sel selection) ([]Row, error) {
	today := s.Today()
	d := &rollupData{plans: map[int64]Year{}, invest: map[int64]*[12]*float64{}}
	var rules Rules
	var nodes map[int64][]Node
	var problems map[int64][]Problem
	var names names
	var due int
	// A selection's records come first, and what its rows need besides is
	// read for those projects only, by id, through each table's index on
	// its project. The whole year is read as it lies, every read at once:
	// the records and the reports are each a few hundred milliseconds of
	// rows through the driver on a province's portfolio.
	var ids []int64
	loads := []func() error{func() error { return d.loadSelected(ctx, q, year, sel) }}
	if !sel.all() {
		if err := loads[0](); err != nil {
			return nil, err
		}
		if len(d.projects) == 0 {
			return nil, nil
		}
		ids = make([]int64, len(d.projects))
		for i, p := range d.projects {
			ids[i] = p.ID
		}
		loads = nil
	}
	var g errgroup.Group
	for _, load := range append(loads,
		func() error { return d.loadInvestment(ctx, q, year, ids) },
		func() error {
			var err error
			if rules, err = loadRules(ctx, q); err != nil {
				return err
			}
			if nodes, err = nodesThatLight(ctx, q, today, rules.WarnDays, ids); err != nil {
				return err
			}
			if problems, err = openProblems(ctx, q, year, ids); err != nil {
				return err
			}
			if names, err = labels(ctx, q); err != nil {
				return err
			}
			due, err = lastDueMonth(ctx, q, year, today)
			return err
		}) {
		g.Go(load)
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	rows := make([]Row, 0, len(d.projects))
	for _, p := range d.projects {
		r := Row{Project: p, Year: d.plans[p.ID], LeadUnitName: names.units[p.LeadUnitID], CategoryLabel: names.categories[p.Category]}
		r.AsOf = due
		if inv := d.invest[p.ID]; inv != nil {
			for m, v := range inv {
				if v != nil {
					r.Months[m], r.HasMonth[m] = *v, true
					r.AsOf = max(r.AsOf, m+1)
				}
			}
		}
		for m := 0; m < r.AsOf; m++ {
			r.InvestedYTD += r.Months[m]
		}
		r.fill()
		st := State{Plan: &r.Year, Nodes: nodes[p.ID], Problems: problems[p.ID], Invested: r.InvestedYTD, AsOf: r.AsOf}
		r.OpenProblems = len(problems[p.ID])
		r.Light = Evaluate(st, today, rules)
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
	return rows, nil
}

// fill computes the shares from the amounts.
func (r *Row) fill() {
	r.ExpectedYTD = r.Year.ExpectedBy(r.AsOf)
	if r.Year.PlannedInvestment > 0 {
		r.PlanShare = r.InvestedYTD / r.Year.PlannedInvestment
	}
	r.SinceStart = r.Year.InvestedBefore + r.InvestedYTD
	if r.TotalInvestment > 0 {
		r.TotalShare = r.SinceStart / r.TotalInvestment
	}
}

// lastDueMonth is the last month of year whose deadline has passed on
// today: the month a project's investment must have reached its 序时 by.
func lastDueMonth(ctx context.Context, q db.Querier, year int, today string) (int, error) {
	var m *int
	err := q.QueryRow(ctx, "SELECT MAX(month) FROM periods WHERE year = $1 AND due_on < $2", year, today).Scan(&m)
	if err != nil || m == nil {
		return 0, err
	}
	return *m, nil
}

// loadInvestment reads the year's counted investment by project and month
// (of the projects ids lists, all for nil): what a light and a row need of
// the reports (the nodes done and the programmes' pieces, which
// loadActivity reads too, serve only the roll-up). One row per report:
// summing them in the database by project and month costs more than
// reading them.
func (d *rollupData) loadInvestment(ctx context.Context, q db.Querier, year int, ids []int64) error {
	// The year's periods by id first, so that a selection's reports are
	// looked up by (project, period) through their unique index: joined
	// to periods, SQLite reads them through the index of periods instead,
	// every report of the year.
	monthOf := map[int64]int{}
	rows, err := q.Query(ctx, "SELECT id, month FROM periods WHERE year = $1", year)
	if err != nil {
		return err
	}
	var periods []int64
	for rows.Next() {
		var id int64
		var month int
		if err := rows.Scan(&id, &month); err != nil {
			rows.Close()
			return err
		}
		monthOf[id] = month
		periods = append(periods, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(periods) == 0 {
		return err
	}
	rows, err = q.Query(ctx, `SELECT project_id, period_id, invest_month FROM project_reports
		WHERE invest_month IS NOT NULL AND status IN ('submitted', 'confirmed', 'approved')`+
		idsIn("period_id", periods)+idsIn("project_id", ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, period int64
		var v float64
		if err := rows.Scan(&id, &period, &v); err != nil {
			return err
		}
		if d.invest[id] == nil {
			d.invest[id] = new([12]*float64)
		}
		d.invest[id][monthOf[period]-1] = &v
	}
	return rows.Err()
}

// loadSelected reads the selected projects with their plan for the year.
func (d *rollupData) loadSelected(ctx context.Context, q db.Querier, year int, sel selection) error {
	where, args := sel.where("(", "p.", 2)
	rows, err := q.Query(ctx, "SELECT "+prefixed("p.", projectColumns)+`, y.planned_investment, y.profile, y.progress_goal, y.invested_before
		FROM projects p JOIN project_years y ON y.project_id = p.id WHERE y.year = $1`+where+` ORDER BY p.code`, append([]any{year}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		p, y, err := scanProjectYear(rows)
		if err != nil {
			return err
		}
		y.Year = year
		d.projects = append(d.projects, p)
		d.plans[p.ID] = y
	}
	return rows.Err()
}

// nodesThatLight reads the nodes that can light a project on today: those not done whose planned date has passed or
// falls within the warning days. Evaluate passes over every other node (done,
// undated, or due later), so the light is the same as from all of them, and
// a portfolio reads a few thousand nodes instead of eleven per project.
// Only the stage and the planned date are read; that is all Evaluate uses.
// Nodes of projects without a plan for the year come too, and are never
// looked up.
func nodesThatLight(ctx context.Context, q db.Querier, today string, warnDays int, ids []int64) (map[int64][]Node, error) {
	day, err := time.Parse(dateLayout, today)
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT project_id, stage, planned_on FROM project_nodes
		WHERE NOT done AND planned_on <> '' AND planned_on <= $1`+idsIn("project_id", ids), day.AddDate(0, 0, warnDays).Format(dateLayout))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]Node{}
	for rows.Next() {
		var n Node
		var stage string
		if err := rows.Scan(&n.ProjectID, &stage, &n.PlannedOn); err != nil {
			return nil, err
		}
		n.Stage = Stage(stage)
		out[n.ProjectID] = append(out[n.ProjectID], n)
	}
	for _, list := range out {
		sortNodes(list)
	}
	return out, rows.Err()
}

func openProblems(ctx context.Context, q db.Querier, year int, ids []int64) (map[int64][]Problem, error) {
	rows, err := q.Query(ctx, "SELECT "+prefixed("p.", problemColumns)+` FROM project_problems p
		JOIN project_years y ON y.project_id = p.project_id WHERE y.year = $1 AND p.status = 'open'`+idsIn("p.project_id", ids)+`
		ORDER BY p.deadline, p.id`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]Problem{}
	for rows.Next() {
		p, err := scanProblem(rows)
		if err != nil {
			return nil, err
		}
		out[p.ProjectID] = append(out[p.ProjectID], p)
	}
	return out, rows.Err()
}

type names struct {
	units      map[int64]string
	categories map[string]string
}

func labels(ctx context.Context, q db.Querier) (names, error) {
	n := names{units: map[int64]string{}, categories: map[string]string{}}
	rows, err := q.Query(ctx, "SELECT id, name FROM units")
	if err != nil {
		return n, err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return n, err
		}
		n.units[id] = name
	}
	rows.Close()
	rows, err = q.Query(ctx, "SELECT code, name FROM project_categories")
	if err != nil {
		return n, err
	}
	defer rows.Close()
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return n, err
		}
		n.categories[code] = name
	}
	return n, rows.Err()
}

// RowOf is one project's row of the year, or db.ErrNotFound.
func (s *Store) RowOf(ctx context.Context, year int, projectID int64) (Row, error) {
	rows, err := s.portfolio(ctx, s.db, year, selection{ids: []int64{projectID}})
	if err != nil {
		return Row{}, err
	}
	for _, r := range rows {
		if r.ID == projectID {
			return r, nil
		}
	}
	return Row{}, db.ErrNotFound
}
