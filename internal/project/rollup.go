package project

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// Bind binds a plan indicator to the portfolio and produces its figures at
// once; "" unbinds it (its produced figures stay as they are, as a record).
func (s *Store) Bind(ctx context.Context, who audit.Actor, indicatorID int64, text string) error {
	return plan.Bind(ctx, s.db, who, indicatorID, text, func(t string) (string, error) {
		b, err := ParseBinding(t)
		return b.String(), err
	},
		func(tx *db.Tx, year int) error { return s.refresh(ctx, tx, who, year, nil) })
}

// Refresh produces every bound indicator's figures of a year anew from the
// portfolio; only the figures whose value changed are written.
func (s *Store) Refresh(ctx context.Context, who audit.Actor, year int) error {
	return s.db.Write(ctx, func(tx *db.Tx) error { return s.refresh(ctx, tx, who, year, nil) })
}

// BoundIndicator is a plan indicator bound to the portfolio, with its
// binding parsed.
type BoundIndicator struct {
	plan.Indicator
	Parsed Binding
}

// Values are a bound indicator's produced figures: by assignment, the
// value of each month (nil where none is produced).
type Values map[int64]*[12]*float64

// Rollup is the roll-up of a year: every bound indicator and its values,
// and the projects that no assignment of an indicator takes (their lead
// unit and its ancestors are not shared the indicator).
type Rollup struct {
	Indicators []BoundIndicator
	Values     map[int64]Values   // by indicator
	Unassigned map[int64][]string // by indicator: codes of projects counted nowhere
}

// rollupData is what a roll-up is computed from, read in a few queries.
type rollupData struct {
	*report.Bound                  // the indicators bound to the portfolio, their assignments, units and periods
	indicators    []BoundIndicator // those whose binding this version reads
	projects      []Project
	plans         map[int64]Year
	invest        map[int64]*[12]*float64 // counted investment by project and month
	done          map[int64]map[Stage]int // month (1–12) a node was done this year
	programmes    map[string]map[int64]bool
}

// batched is a copy of the store that notes the years its writes touch
// instead of refreshing their bound figures after each write; flush
// refreshes them, every unit of each year, once.
func (s *Store) batched() *Store {
	b := *s
	b.pending = map[int]bool{}
	return &b
}

// flush refreshes the years a batched store noted.
func (s *Store) flush(ctx context.Context, tx *db.Tx, who audit.Actor) error {
	years := make([]int, 0, len(s.pending))
	for y := range s.pending {
		years = append(years, y)
	}
	slices.Sort(years)
	now := *s
	now.pending = nil
	for _, y := range years {
		if err := now.refresh(ctx, tx, who, y, nil); err != nil {
			return err
		}
	}
	return nil
}

// Rollup computes the year's roll-up without writing anything.
func (s *Store) Rollup(ctx context.Context, year int) (*Rollup, error) {
	d, err := s.loadRollup(ctx, s.db, year, nil)
	if err != nil || d == nil {
		return &Rollup{Values: map[int64]Values{}, Unassigned: map[int64][]string{}}, err
	}
	return d.compute(), nil
}

// refreshReports refreshes the bound figures the reports of these projects
// feed: those of their lead units in the period's year.
func (s *Store) refreshReports(ctx context.Context, tx *db.Tx, who audit.Actor, p report.Period, projectIDs []int64) error {
	units := map[int64]bool{}
	var list []int64
	for _, id := range projectIDs {
		var u int64
		if err := tx.QueryRow(ctx, "SELECT lead_unit_id FROM projects WHERE id = $1", id).Scan(&u); err != nil {
			return err
		}
		if !units[u] {
			units[u] = true
			list = append(list, u)
		}
	}
	return s.refresh(ctx, tx, who, p.Year, list)
}

// refreshProject refreshes every year a changed project has a plan for,
// for its lead unit before and after the change.
func (s *Store) refreshProject(ctx context.Context, tx *db.Tx, who audit.Actor, before, after Project) error {
	rows, err := tx.Query(ctx, "SELECT year FROM project_years WHERE project_id = $1", after.ID)
	if err != nil {
		return err
	}
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			rows.Close()
			return err
		}
		years = append(years, y)
	}
	rows.Close()
	for _, y := range years {
		if err := s.refresh(ctx, tx, who, y, []int64{before.LeadUnitID, after.LeadUnitID}); err != nil {
			return err
		}
	}
	return nil
}

// refresh produces the bound figures of year for the assignments that the
// projects of leadUnits feed (all of them when leadUnits is nil).
func (s *Store) refresh(ctx context.Context, tx *db.Tx, who audit.Actor, year int, leadUnits []int64) error {
	if s.pending != nil {
		s.pending[year] = true
		return nil
	}
	d, err := s.loadRollup(ctx, tx, year, leadUnits)
	if err != nil || d == nil {
		return err
	}
	r := d.compute()
	var list []report.Produced
	for _, in := range r.Indicators {
		affected := d.affected(in.ID, leadUnits)
		for assignment, months := range r.Values[in.ID] {
			if affected != nil && !affected[assignment] {
				continue
			}
			for m := 0; m < 12; m++ {
				if d.Opened[m] {
					list = append(list, report.Produced{AssignmentID: assignment, PeriodID: d.Periods[m], Value: months[m]})
				}
			}
		}
	}
	return s.reports.Produce(ctx, tx, who, list)
}

// affected lists the assignments of an indicator that the lead units'
// projects feed; nil means all.
func (d *rollupData) affected(indicatorID int64, leadUnits []int64) map[int64]bool {
	if leadUnits == nil {
		return nil
	}
	out := map[int64]bool{}
	for _, u := range leadUnits {
		if a, ok := d.assignmentOf(indicatorID, u); ok {
			out[a] = true
		}
	}
	return out
}

// assignmentOf is the assignment a project led by unit counts in: the
// indicator's assignment to that unit or to its nearest ancestor.
func (d *rollupData) assignmentOf(indicatorID, unit int64) (int64, bool) {
	return d.Bound.AssignmentOf(indicatorID, unit)
}

// compute produces every bound indicator's values from the rows.
func (d *rollupData) compute() *Rollup {
	r := &Rollup{Indicators: d.indicators, Values: map[int64]Values{}, Unassigned: map[int64][]string{}}
	for _, in := range d.indicators {
		vals := Values{}
		for a := range invert(d.Assignments[in.ID]) {
			vals[a] = new([12]*float64)
		}
		flow := in.Semantics == plan.Flow
		scale := 1.0
		if in.Parsed.Money() {
			scale = scaleTo(in.UOM)
		}
		for _, p := range d.projects {
			if !in.Parsed.Selects(p, d.programmes[in.Parsed.Programme][p.ID]) {
				continue
			}
			a, ok := d.assignmentOf(in.ID, p.LeadUnitID)
			if !ok {
				r.Unassigned[in.ID] = append(r.Unassigned[in.ID], p.Code)
				continue
			}
			d.add(vals[a], in.Parsed, p, flow, scale)
		}
		if in.Parsed.Measure == MeasureInvest && !flow {
			for _, months := range vals {
				cumulate(months)
			}
		}
		r.Values[in.ID] = vals
	}
	return r
}

// add adds one project's share to an assignment's months.
func (d *rollupData) add(months *[12]*float64, b Binding, p Project, flow bool, scale float64) {
	plus := func(m int, v float64) {
		if months[m] == nil {
			months[m] = new(float64)
		}
		*months[m] += v
	}
	for m := 0; m < 12; m++ {
		if !d.Opened[m] {
			continue
		}
		switch b.Measure {
		case MeasureCount:
			plus(m, 1)
		case MeasureTotal:
			plus(m, p.TotalInvestment*scale)
		case MeasureInvest:
			// The month's counted investment; a cumulative indicator's
			// year to date is summed from these once all projects are in
			// (see cumulate), not per project, so that a project that did
			// not report this month still counts its earlier months.
			if inv := d.invest[p.ID]; inv != nil && inv[m] != nil {
				plus(m, *inv[m]*scale)
			}
		case MeasureDone:
			month, ok := d.done[p.ID][b.Stage]
			switch {
			case ok && (month == m+1 || !flow && month <= m+1):
				plus(m, 1)
			default:
				plus(m, 0)
			}
		}
	}
}

// cumulate turns an assignment's monthly investment into the year to date
// of each month in which any of its projects reported: the figure of a
// cumulative indicator is the year to date, and a month nobody reported
// stays without one.
func cumulate(months *[12]*float64) {
	sum := 0.0
	for m := range months {
		if months[m] != nil {
			sum += *months[m]
			*months[m] = sum
		}
	}
}

func invert(m map[int64]int64) map[int64]int64 {
	out := make(map[int64]int64, len(m))
	for u, a := range m {
		out[a] = u
	}
	return out
}

// loadRollup reads what a roll-up needs; nil when the year has no plan or
// no indicator bound to the portfolio.
func (s *Store) loadRollup(ctx context.Context, q db.Querier, year int, leadUnits []int64) (*rollupData, error) {
	b, err := report.LoadBound(ctx, q, year, Prefix, s.Today())
	if err != nil || b == nil {
		return nil, err
	}
	d := &rollupData{Bound: b, plans: map[int64]Year{}, invest: map[int64]*[12]*float64{}, done: map[int64]map[Stage]int{},
		programmes: map[string]map[int64]bool{}}
	for _, in := range b.Indicators {
		parsed, err := ParseBinding(in.Binding)
		if err != nil {
			continue // a binding another gaoxin wrote and this one cannot read produces nothing
		}
		d.indicators = append(d.indicators, BoundIndicator{Indicator: in, Parsed: parsed})
	}
	if len(d.indicators) == 0 {
		return nil, nil
	}
	if err := d.loadProjects(ctx, q, year, leadUnits); err != nil {
		return nil, err
	}
	return d, d.loadActivity(ctx, q, year)
}

// loadProjects reads the projects with a plan for the year whose lead
// unit feeds an assignment that one of leadUnits feeds (all when nil).
func (d *rollupData) loadProjects(ctx context.Context, q db.Querier, year int, leadUnits []int64) error {
	rows, err := q.Query(ctx, "SELECT "+prefixed("p.", projectColumns)+`, y.planned_investment, y.profile, y.progress_goal, y.invested_before
		FROM projects p JOIN project_years y ON y.project_id = p.id WHERE y.year = $1 ORDER BY p.code`, year)
	if err != nil {
		return err
	}
	defer rows.Close()
	keep := d.keepUnits(leadUnits)
	for rows.Next() {
		p, y, err := scanProjectYear(rows)
		if err != nil {
			return err
		}
		if keep != nil && !keep(p.LeadUnitID) {
			continue
		}
		y.Year = year
		d.projects = append(d.projects, p)
		d.plans[p.ID] = y
	}
	return rows.Err()
}

// keepUnits says which lead units' projects can feed an assignment that
// leadUnits feed: those whose chain of ancestors meets theirs.
func (d *rollupData) keepUnits(leadUnits []int64) func(int64) bool {
	if leadUnits == nil {
		return nil
	}
	return func(u int64) bool {
		for _, in := range d.indicators {
			a, ok := d.assignmentOf(in.ID, u)
			if !ok {
				continue
			}
			for _, l := range leadUnits {
				if b, ok := d.assignmentOf(in.ID, l); ok && a == b {
					return true
				}
			}
		}
		return false
	}
}

func scanProjectYear(r interface{ Scan(...any) error }) (Project, Year, error) {
	var p Project
	var y Year
	var level, tags, profile string
	err := r.Scan(&p.ID, &p.Code, &p.Name, &p.Category, &p.Cluster, &p.LeadUnitID, &p.Leader, &p.Investor, &p.Location,
		&p.TotalInvestment, &p.Content, &p.Capacity, &p.StartYear, &p.EndYear, &level, &tags, &p.CreatedAt, &p.UpdatedAt,
		&y.PlannedInvestment, &profile, &y.ProgressGoal, &y.InvestedBefore)
	p.Level, y.ProjectID, y.Profile = Level(level), p.ID, splitAmounts(profile)
	if tags != "" {
		p.Tags = strings.Split(tags, ",")
	}
	return p, y, err
}

func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// loadActivity reads the counted investment, the nodes done this year and
// the programmes' pieces.
func (d *rollupData) loadActivity(ctx context.Context, q db.Querier, year int) error {
	rows, err := q.Query(ctx, `SELECT r.project_id, p.month, r.invest_month FROM project_reports r JOIN periods p ON p.id = r.period_id
		WHERE p.year = $1 AND r.invest_month IS NOT NULL AND r.status IN ('submitted', 'confirmed', 'approved')`, year)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var month int
		var v float64
		if err := rows.Scan(&id, &month, &v); err != nil {
			rows.Close()
			return err
		}
		if d.invest[id] == nil {
			d.invest[id] = new([12]*float64)
		}
		d.invest[id][month-1] = &v
	}
	rows.Close()
	y := strconv.Itoa(year)
	rows, err = q.Query(ctx, "SELECT project_id, stage, actual_on FROM project_nodes WHERE done AND actual_on >= $1 AND actual_on <= $2",
		y+"-01-01", y+"-12-31")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var stage, on string
		if err := rows.Scan(&id, &stage, &on); err != nil {
			rows.Close()
			return err
		}
		if d.done[id] == nil {
			d.done[id] = map[Stage]int{}
		}
		d.done[id][Stage(stage)] = atoi(on[5:7])
	}
	rows.Close()
	rows, err = q.Query(ctx, `SELECT g.code, i.project_id FROM programme_items i JOIN programmes g ON g.id = i.programme_id
		WHERE i.project_id IS NOT NULL`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return err
		}
		if d.programmes[code] == nil {
			d.programmes[code] = map[int64]bool{}
		}
		d.programmes[code][id] = true
	}
	return rows.Err()
}

// Describe is the binding in words, for pages: "由重点项目台账汇总".
func (b Binding) Describe() i18n.Msg { return i18n.M("project.binding." + string(b.Measure)) }
