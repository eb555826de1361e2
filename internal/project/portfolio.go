package project

import (
	"context"
	"slices"
	"sort"

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
	all, err := s.portfolio(ctx, s.db, year)
	if err != nil {
		return nil, Totals{}, err
	}
	var rows []Row
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

// portfolio reads the year in five queries and lights every project.
func (s *Store) portfolio(ctx context.Context, q db.Querier, year int) ([]Row, error) {
	rules, err := loadRules(ctx, q)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	d := &rollupData{plans: map[int64]Year{}, invest: map[int64]*[12]*float64{}, done: map[int64]map[Stage]int{},
		programmes: map[string]map[int64]bool{}}
	if err := d.loadProjects(ctx, q, year, nil); err != nil {
		return nil, err
	}
	if err := d.loadActivity(ctx, q, year); err != nil {
		return nil, err
	}
	nodes, err := nodesOfYear(ctx, q, year)
	if err != nil {
		return nil, err
	}
	problems, err := openProblems(ctx, q, year)
	if err != nil {
		return nil, err
	}
	names, err := labels(ctx, q)
	if err != nil {
		return nil, err
	}
	due, err := lastDueMonth(ctx, q, year, today)
	if err != nil {
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

func nodesOfYear(ctx context.Context, q db.Querier, year int) (map[int64][]Node, error) {
	rows, err := q.Query(ctx, "SELECT "+prefixed("n.", nodeColumns)+` FROM project_nodes n
		JOIN project_years y ON y.project_id = n.project_id WHERE y.year = $1`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]Node{}
	for rows.Next() {
		n, err := scanNode(rows)
		if err != nil {
			return nil, err
		}
		out[n.ProjectID] = append(out[n.ProjectID], n)
	}
	for _, list := range out {
		sortNodes(list)
	}
	return out, rows.Err()
}

func openProblems(ctx context.Context, q db.Querier, year int) (map[int64][]Problem, error) {
	rows, err := q.Query(ctx, "SELECT "+prefixed("p.", problemColumns)+` FROM project_problems p
		JOIN project_years y ON y.project_id = p.project_id WHERE y.year = $1 AND p.status = 'open' ORDER BY p.deadline, p.id`, year)
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
	rows, _, err := s.Portfolio(ctx, year, Filter{})
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
