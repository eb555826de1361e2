package project

import (
	"context"
	"errors"
	"slices"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// ledgerPlan is what one row will write: the project as it will stand,
// the one it replaces (nil for a new project), its plan for the year and
// the nodes whose planned date changes.
type ledgerPlan struct {
	row       *ledgerRow
	before    *Project
	p         Project
	changed   bool // the record differs from before
	y         Year
	setYear   bool
	nodes     []Node
	plannedOn int // stage nodes of the row with a planned date
}

// check reads the file row by row, matches every row to units,
// categories and stored projects and decides what each will write;
// problems go to f.problems. Plans are kept only while the file may still
// be accepted: once it has a problem, nothing of it will be written.
func (s *Store) check(ctx context.Context, tx *db.Tx, f *ledger) ([]*ledgerPlan, error) {
	refs, err := loadLedgerRefs(ctx, tx)
	if err != nil {
		return nil, err
	}
	f.problems, f.codes = i18n.ProblemList{}, map[string]int{}
	var plans []*ledgerPlan
	rows := 0
	for r, err := range f.t.All() {
		if err != nil {
			return nil, err // broken further down: the reader's refusal
		}
		rows++
		pl, err := s.checkRow(ctx, tx, f, refs, r)
		if err != nil {
			return nil, err
		}
		switch {
		case f.problems.Total > 0:
			plans = nil
		case pl != nil:
			plans = append(plans, pl)
		}
	}
	if rows == 0 {
		f.bad(2, "", "import.no_rows")
	}
	return plans, nil
}

// checkRow checks one row on its own, then against the database. Once
// the problems kept are full, the file is refused whatever follows: a
// further row is only checked on its own, to count its problems, which
// leaves the count a floor.
func (s *Store) checkRow(ctx context.Context, tx *db.Tx, f *ledger, refs *ledgerRefs, r xlsx.Row) (*ledgerPlan, error) {
	full := f.problems.Full()
	row := f.parse(r)
	if full {
		f.problems.Partial = true
		return nil, nil
	}
	file := f.resolve(row, refs)
	var before *Project
	var old *Year
	if id, ok := refs.projects[row.code]; ok && row.code != "" {
		p, err := projectByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		before = &p
		y, err := yearOf(ctx, tx, id, f.year)
		if err == nil {
			old = &y
		} else if !errors.Is(err, db.ErrNotFound) {
			return nil, err
		}
	}
	f.checkTotal(row, old)
	if !row.ok() {
		return nil, nil
	}
	return s.plan(ctx, tx, f, row, before, old, file)
}

// checkTotal refuses a year's plan that, with what was invested before
// the year, exceeds the total investment, whatever else is wrong with the
// row; the earlier investment is the stored one when the file lacks it.
func (f *ledger) checkTotal(row *ledgerRow, old *Year) {
	if row.bad["total_investment"] || row.bad["planned_investment"] || row.bad["invested_before"] || row.p.TotalInvestment <= 0 {
		return
	}
	before := row.before
	if !f.has("invested_before") && old != nil {
		before = old.InvestedBefore
	}
	if row.planned+before > row.p.TotalInvestment+1e-6 {
		f.rowBad(row, "planned_investment", "project.err.plan_over_total", amount(row.planned), amount(row.p.TotalInvestment), amount(before))
	}
}

// plan merges a valid row into the project it updates, its year and its
// nodes, and checks them by the rules the store's forms obey.
func (s *Store) plan(ctx context.Context, tx *db.Tx, f *ledger, row *ledgerRow, before *Project, old *Year, file Project) (*ledgerPlan, error) {
	pl := &ledgerPlan{row: row, before: before, p: f.merge(before, file)}
	if verr := pl.p.validate(); verr != nil {
		f.rowBad(row, verr.Field, verr.Key, verr.Args...)
		return nil, nil
	}
	pl.changed = before == nil || !sameRecord(*before, pl.p)
	pl.y = Year{ProjectID: pl.p.ID, Year: f.year, PlannedInvestment: row.planned, InvestedBefore: row.before, ProgressGoal: row.goal}
	if old != nil {
		if near(old.PlannedInvestment, row.planned) {
			pl.y.Profile = old.Profile // a 序时 profile fits only the plan it was made for
		}
		if !f.has("invested_before") {
			pl.y.InvestedBefore = old.InvestedBefore
		}
		if !f.has("progress_goal") {
			pl.y.ProgressGoal = old.ProgressGoal
		}
	}
	if verr := pl.y.validate(pl.p); verr != nil {
		field := verr.Field
		if field == "year" {
			field = "start_year"
		}
		f.rowBad(row, field, verr.Key, verr.Args...)
		return nil, nil
	}
	pl.setYear = old == nil || !sameYear(*old, pl.y)
	return pl, s.planNodes(ctx, tx, f, pl)
}

// planNodes takes the planned dates of the row's stage columns.
func (s *Store) planNodes(ctx context.Context, tx *db.Tx, f *ledger, pl *ledgerPlan) error {
	today := s.Today()
	for _, sc := range f.stages {
		day := pl.row.dates[sc.stage]
		n := Node{Stage: sc.stage}
		exists := false
		if pl.before != nil {
			old, err := nodeOf(ctx, tx, pl.before.ID, sc.stage)
			if err == nil {
				n, exists = old, true
			} else if !errors.Is(err, db.ErrNotFound) {
				return err
			}
		}
		if day != "" {
			pl.plannedOn++
		}
		if exists && n.PlannedOn == day || !exists && day == "" {
			continue
		}
		n.PlannedOn = day
		if verr := n.validate(today); verr != nil {
			f.bad(pl.row.line, f.t.Header[sc.index], verr.Key, verr.Args...)
			continue
		}
		pl.nodes = append(pl.nodes, n)
	}
	return nil
}

// merge lays a row over the project it updates: a column the file lacks
// leaves that field as it is; a new project starts empty.
func (f *ledger) merge(before *Project, file Project) Project {
	var p Project
	if before != nil {
		p = *before
		p.Cooperators = slices.Clone(before.Cooperators)
		p.Tags = slices.Clone(before.Tags)
	}
	p.Code, p.Name, p.Category, p.LeadUnitID = file.Code, file.Name, file.Category, file.LeadUnitID
	p.TotalInvestment, p.StartYear, p.EndYear = file.TotalInvestment, file.StartYear, file.EndYear
	keep := func(field string, into *string, v string) {
		if f.has(field) {
			*into = v
		}
	}
	keep("cluster", &p.Cluster, file.Cluster)
	keep("leader", &p.Leader, file.Leader)
	keep("investor", &p.Investor, file.Investor)
	keep("location", &p.Location, file.Location)
	keep("content", &p.Content, file.Content)
	keep("capacity", &p.Capacity, file.Capacity)
	if f.has("cooperators") {
		p.Cooperators = file.Cooperators
	}
	if f.has("level") {
		p.Level = file.Level
	}
	if f.has("tags") {
		p.Tags = file.Tags
	}
	return p
}

// sameRecord reports whether a file leaves a project's record as it is.
func sameRecord(a, b Project) bool {
	return a.Name == b.Name && a.Category == b.Category && a.Cluster == b.Cluster && a.LeadUnitID == b.LeadUnitID &&
		slices.Equal(cooperatorSet(a), cooperatorSet(b)) && a.Leader == b.Leader && a.Investor == b.Investor &&
		a.Location == b.Location && a.TotalInvestment == b.TotalInvestment && a.Content == b.Content &&
		a.Capacity == b.Capacity && a.StartYear == b.StartYear && a.EndYear == b.EndYear && a.Level == b.Level &&
		slices.Equal(a.Tags, b.Tags)
}

// cooperatorSet is a project's cooperating units as stored: sorted, once
// each, without the lead unit.
func cooperatorSet(p Project) []int64 {
	var out []int64
	for _, u := range p.Cooperators {
		if u != p.LeadUnitID && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}

func sameYear(a, b Year) bool {
	return a.PlannedInvestment == b.PlannedInvestment && a.InvestedBefore == b.InvestedBefore &&
		a.ProgressGoal == b.ProgressGoal && slices.Equal(a.Profile, b.Profile)
}
