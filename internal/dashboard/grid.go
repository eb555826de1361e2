package dashboard

import (
	"context"
	"errors"

	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
)

// Grid is what one unit reports for one month: a row per figure due, with
// what the reporter needs beside each cell.
type Grid struct {
	Plan   plan.Plan
	Period report.Period
	Unit   org.Unit
	Rows   []GridRow
	board  *Board
}

// GridRow is one figure due.
type GridRow struct {
	Indicator    plan.Indicator
	AssignmentID int64
	Figure       *report.Figure // nil until something was entered
	Previous     progress.Value // the unit's figure for the month before
	LastYear     progress.Value // the same month last year, when last year's plan had the indicator
	Expected     progress.Value // the unit's 序时 target at this month (year to date)
	YTD          progress.Value // year to date with this month's counted figure
	Status       progress.Status
	kinds        kinds
	target       plan.Target
	series       progress.Series
}

// LoadGrid assembles a unit's grid for a month of a year.
func LoadGrid(ctx context.Context, d *db.DB, year, month int, unitID int64) (*Grid, error) {
	b, err := Load(ctx, d, year, month)
	if err != nil {
		return nil, err
	}
	rs := report.NewStore(d)
	period, err := rs.PeriodOf(ctx, year, month)
	if err != nil {
		return nil, err
	}
	g := &Grid{Plan: b.Plan, Period: period, Unit: b.Units[unitID], board: b}
	if g.Unit.ID == 0 {
		return nil, db.ErrNotFound
	}
	var ids []int64
	for _, ind := range b.Indicators {
		// A bound indicator's figures are produced from a module's rows
		// (the key projects' reports, say): nobody types them.
		if !ind.Frequency.Due(month) || ind.Indicator.Bound() {
			continue
		}
		for _, u := range ind.ByUnit {
			if u.Unit.ID != unitID {
				continue
			}
			row := GridRow{Indicator: ind.Indicator, AssignmentID: u.AssignmentID, Expected: u.Expected, YTD: u.YTD,
				Status: u.Status, kinds: kindsOf(ind.Indicator), target: u.Target, series: u.Series}
			if v, ok := u.Series.At(month - 1); ok {
				row.Previous = progress.Value{V: v, OK: true}
			}
			g.Rows = append(g.Rows, row)
			ids = append(ids, u.AssignmentID)
		}
	}
	figures, err := rs.Figures(ctx, period.ID, ids)
	if err != nil {
		return nil, err
	}
	for i := range g.Rows {
		if f, ok := figures[g.Rows[i].AssignmentID]; ok {
			g.Rows[i].Figure = &f
		}
	}
	return g, g.fillLastYear(ctx, d, rs)
}

// fillLastYear looks up the same month of last year for indicators whose
// code last year's plan also had.
func (g *Grid) fillLastYear(ctx context.Context, d *db.DB, rs *report.Store) error {
	last, err := Load(ctx, d, g.Plan.Year-1, g.Period.Month)
	if errors.Is(err, ErrNoPlan) {
		return nil
	} else if err != nil {
		return err
	}
	byCode := map[string]*IndicatorRow{}
	for _, in := range last.Indicators {
		byCode[in.Code] = in
	}
	for i, row := range g.Rows {
		in := byCode[row.Indicator.Code]
		if in == nil {
			continue
		}
		for _, u := range in.ByUnit {
			if v, ok := u.Series.At(g.Period.Month); ok && u.Unit.ID == g.Unit.ID {
				g.Rows[i].LastYear = progress.Value{V: v, OK: true}
			}
		}
	}
	return nil
}

// AssignmentIDs lists the figures due.
func (g *Grid) AssignmentIDs() []int64 {
	ids := make([]int64, len(g.Rows))
	for i, r := range g.Rows {
		ids[i] = r.AssignmentID
	}
	return ids
}

// Behind says whether a value for this month would leave the unit behind
// its 序时 target, so that the unit must explain it before submitting.
func (g *Grid) Behind(assignmentID int64, value float64) bool {
	for _, r := range g.Rows {
		if r.AssignmentID != assignmentID {
			continue
		}
		s := r.series
		s.Set(g.Period.Month, value)
		res := progress.Evaluate(input(r.kinds, r.target, g.Plan.Year, s, g.Period.Month, g.board.thresholds))
		return res.Status == progress.StatusBehind || res.Status == progress.StatusSeriouslyBehind
	}
	return false
}

// Count is how many of the grid's figures are in a status.
func (g *Grid) Count(s report.Status) int {
	n := 0
	for _, r := range g.Rows {
		if r.Figure != nil && r.Figure.Status == s {
			n++
		}
	}
	return n
}
