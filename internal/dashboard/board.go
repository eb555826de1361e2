package dashboard

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

// Board is a year's progress at one month.
type Board struct {
	Plan       plan.Plan
	Month      int
	Nodes      []NodeRow
	Indicators []*IndicatorRow // in plan order
	byID       map[int64]*IndicatorRow
	Units      map[int64]org.Unit
	Gaps       map[int64]plan.SharingGap
	thresholds progress.Thresholds
}

// NodeRow is a plan node with the roll-up of everything beneath it.
type NodeRow struct {
	plan.Node
	Ratio      progress.Value
	Status     progress.Status
	Indicators []*IndicatorRow // its own indicators
}

// IndicatorRow is an indicator's progress for the zone and for each unit.
type IndicatorRow struct {
	plan.Indicator
	Target  plan.Target // the zone's, governing the board's month
	YearEnd progress.Value
	Zone    Progress
	ByUnit  []UnitProgress
}

// Progress is one evaluation with the series behind it, for charts.
type Progress struct {
	progress.Result
	Series  progress.Series
	ByMonth [12]progress.Result // the evaluation at each month, for the chart's lines
}

// UnitProgress is one unit's part of an indicator. It carries the
// evaluation at the board's month and the series behind it, but not the
// month-by-month evaluations the zone keeps for its chart: a province has
// 100,000 of these, and those twelve results would more than double the
// memory of each.
type UnitProgress struct {
	Unit         org.Unit
	AssignmentID int64
	Target       plan.Target
	HasTarget    bool
	progress.Result
	Series progress.Series
}

// Indicator returns one indicator's row, or nil.
func (b *Board) Indicator(id int64) *IndicatorRow { return b.byID[id] }

// ErrNoPlan means the year has no plan.
var ErrNoPlan = errors.New("no plan for that year")

// Load evaluates a year at month. Month 0 means the latest month with a
// counted figure (or, for a year with none, January).
func Load(ctx context.Context, d *db.DB, year, month int) (*Board, error) {
	p, in, err := readYear(ctx, d, year)
	if err != nil {
		return nil, err
	}
	if month < 1 || month > 12 {
		if month, err = defaultMonth(ctx, d, year, in.latestMonth); err != nil {
			return nil, err
		}
	}
	t, err := thresholds(ctx, d)
	if err != nil {
		return nil, err
	}
	return build(p, month, in, t), nil
}

// readYear reads a year's plan and everything evaluating it needs.
func readYear(ctx context.Context, d *db.DB, year int) (plan.Plan, *inputs, error) {
	ps := plan.NewStore(d)
	p, err := ps.PlanByYear(ctx, year)
	if errors.Is(err, db.ErrNotFound) {
		return p, nil, ErrNoPlan
	} else if err != nil {
		return p, nil, err
	}
	in, err := loadInputs(ctx, d, ps, p)
	return p, in, err
}

// defaultMonth is the latest month whose reporting deadline has passed,
// so that a board opened mid-round compares complete months; before any
// deadline, the latest month with figures.
func defaultMonth(ctx context.Context, d *db.DB, year, latest int) (int, error) {
	now, err := settings.Clock(ctx, d)
	if err != nil {
		return 0, err
	}
	today := now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	periods, err := report.NewStore(d).Periods(ctx, year)
	if err != nil {
		return 0, err
	}
	month := 0
	for _, p := range periods {
		if p.DueOn < today && p.Month <= latest {
			month = p.Month
		}
	}
	if month == 0 {
		month = latest
	}
	return max(month, 1), nil
}

// thresholds reads the office's status thresholds, "1.00,0.90,0.75".
func thresholds(ctx context.Context, d *db.DB) (progress.Thresholds, error) {
	v, err := settings.Get(ctx, d, settings.Thresholds)
	if err != nil || v == "" {
		return progress.DefaultThresholds(), err
	}
	parts := strings.Split(v, ",")
	if len(parts) != 3 {
		return progress.DefaultThresholds(), nil
	}
	var f [3]float64
	for i, s := range parts {
		if f[i], err = strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return progress.DefaultThresholds(), nil
		}
	}
	return progress.Thresholds{Ahead: f[0], OnTrack: f[1], Behind: f[2]}, nil
}

// inputs is everything read from the database for one year.
type inputs struct {
	nodes       []plan.Node
	indicators  []plan.Indicator
	assignments []plan.Assignment
	book        plan.TargetBook
	units       map[int64]org.Unit
	series      map[int64]*progress.Series // by assignment
	latestMonth int
}

func loadInputs(ctx context.Context, d *db.DB, ps *plan.Store, p plan.Plan) (*inputs, error) {
	in := &inputs{units: map[int64]org.Unit{}}
	var targets []plan.Target
	var units []org.Unit
	series := newSeriesSlab()
	// The reads do not depend on each other. Side by side on the pool of
	// readers they take about as long as the longest, the year's figures,
	// rather than all of them one after the other.
	err := concurrently(
		func() (err error) { in.nodes, err = ps.Nodes(ctx, p.ID); return err },
		func() (err error) { in.indicators, err = ps.Indicators(ctx, p.ID); return err },
		func() (err error) { in.assignments, err = ps.Assignments(ctx, p.ID); return err },
		func() (err error) { targets, err = ps.Targets(ctx, p.ID); return err },
		func() (err error) { units, err = org.NewStore(d).All(ctx); return err },
		func() error { return report.NewStore(d).EachCountedYear(ctx, p.Year, series.add) },
	)
	if err != nil {
		return nil, err
	}
	in.book = plan.NewTargetBook(targets)
	for _, u := range units {
		in.units[u.ID] = u
	}
	in.series, in.latestMonth = series.byAssignment, series.latestMonth
	return in, nil
}

// Gap returns where an indicator's unit targets fall short of the zone's,
// or nil when they add up.
func (b *Board) Gap(indicatorID int64) *plan.SharingGap {
	if g, ok := b.Gaps[indicatorID]; ok {
		return &g
	}
	return nil
}
