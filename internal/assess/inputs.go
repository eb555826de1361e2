package assess

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/score"
)

// Inputs are what a checkpoint's scoring reads: the year's progress at the
// checkpoint's month, last year's at the same month when there is a plan
// for it, the units, and the approved records and submitted ratings up to
// the checkpoint. They are loaded once and shared by every class.
type Inputs struct {
	Year    int
	Period  string
	Month   int
	Through time.Time
	Board   *dashboard.Board
	last    *dashboard.Board // nil without last year's plan
	Units   []org.Unit
	Records map[int64]UnitRecords
	Ratings map[int64]map[string]map[string][]score.Num
}

// ErrPeriod means the checkpoint is not one of Periods.
var ErrPeriod = errors.New("assess: unknown checkpoint")

// LoadInputs reads everything scoring a year's checkpoint needs, for
// every indicator of the plan (what-if may bind items the adopted scheme
// does not).
func LoadInputs(ctx context.Context, d *db.DB, year int, period string) (*Inputs, error) {
	list, err := loadCheckpoints(ctx, d, year, []string{period}, nil)
	if err != nil {
		return nil, err
	}
	return list[0], nil
}

// loadCheckpoints reads the inputs of several checkpoints from one read of
// the plan's figures, evaluating only the indicators named in codes (all
// when codes is nil).
func loadCheckpoints(ctx context.Context, d *db.DB, year int, periods []string, codes map[string]bool) ([]*Inputs, error) {
	list := make([]*Inputs, len(periods))
	months := make([]int, len(periods))
	for i, period := range periods {
		month, ok := PeriodMonth(period)
		if !ok {
			return nil, fmt.Errorf("%w %q", ErrPeriod, period)
		}
		through, _ := PeriodEnd(year, period)
		list[i], months[i] = &Inputs{Year: year, Period: period, Month: month, Through: through}, month
	}
	var keep func(plan.Indicator) bool
	if codes != nil {
		keep = func(ind plan.Indicator) bool { return codes[ind.Code] }
	}
	boards, err := dashboard.LoadMonths(ctx, d, year, months, keep)
	if err != nil {
		return nil, err
	}
	last, err := dashboard.LoadMonths(ctx, d, year-1, months, keep)
	if errors.Is(err, dashboard.ErrNoPlan) {
		last = nil
	} else if err != nil {
		return nil, err
	}
	units, err := org.NewStore(d).All(ctx)
	if err != nil {
		return nil, err
	}
	records, ratings := NewRecordStore(d), NewRatingStore(d)
	for i, in := range list {
		in.Board, in.Units = boards[i], units
		if last != nil {
			in.last = last[i]
		}
		if in.Records, err = records.Approved(ctx, year, in.Through); err != nil {
			return nil, err
		}
		if in.Ratings, err = ratings.Scores(ctx, year, in.Period); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// ClassUnits are the active units of a class, in tree order.
func (in *Inputs) ClassUnits(class string) []org.Unit {
	var out []org.Unit
	for _, u := range org.TreeOrder(in.Units) {
		if u.Active && u.Class == class {
			out = append(out, u)
		}
	}
	return out
}

// binding is an item's source in the plan: the indicator it scores.
type binding struct {
	row *dashboard.IndicatorRow
	by  map[int64]*dashboard.UnitProgress // the indicator's units by id
}

// bind finds each item's indicator on the board. An item naming an
// indicator the year's plan lacks is an error naming both, because scoring
// it as missing for every unit would hide a mistake in the scheme.
func (in *Inputs) bind(f *File) (map[string]binding, error) {
	byCode := map[string]*dashboard.IndicatorRow{}
	for _, row := range in.Board.Indicators {
		byCode[row.Code] = row
	}
	out := map[string]binding{}
	for _, it := range f.Items {
		if it.Indicator == "" {
			continue
		}
		row, ok := byCode[it.Indicator]
		if !ok {
			return nil, &UnboundError{Class: f.Class, Item: it.Code, Indicator: it.Indicator, Year: in.Year}
		}
		b := binding{row: row, by: make(map[int64]*dashboard.UnitProgress, len(row.ByUnit))}
		for i := range row.ByUnit {
			b.by[row.ByUnit[i].Unit.ID] = &row.ByUnit[i]
		}
		out[it.Code] = b
	}
	return out, nil
}

// UnboundError is an item bound to an indicator the year's plan lacks.
type UnboundError struct {
	Class, Item, Indicator string
	Year                   int
}

func (e *UnboundError) Error() string {
	return fmt.Sprintf("scheme %s: item %s scores indicator %s, which the %d plan does not have", e.Class, e.Item, e.Indicator, e.Year)
}

// engineUnits builds the engine's units of a class and, beside them, what
// each item was scored on, for the result to show.
func (in *Inputs) engineUnits(f *File, units []org.Unit) ([]score.Unit, [][]InputView, error) {
	bound, err := in.bind(f)
	if err != nil {
		return nil, nil, err
	}
	out := make([]score.Unit, len(units))
	views := make([][]InputView, len(units))
	for i, u := range units {
		su := score.Unit{ID: u.ID, Code: u.Code, Name: u.Name, Values: map[string]score.Input{}}
		views[i] = make([]InputView, len(f.Items))
		for k, it := range f.Items {
			var v InputView
			var input score.Input
			switch {
			case it.Rule.Rating != nil:
				if r := in.Ratings[u.ID][it.Code]; len(r) > 0 {
					input.Ratings, v.Ratings = r, r
				} else {
					input.Missing = true
				}
			case it.Indicator != "":
				up := bound[it.Code].by[u.ID]
				if up == nil {
					input.NotAssigned, v.NotAssigned = true, true // not shared to this unit: another unit's 个性指标
					break
				}
				input, v = in.planInput(bound[it.Code].row, up, it)
			default:
				input.Missing = true
			}
			if !input.Missing || input.NotAssigned {
				su.Values[it.Code] = input
			}
			views[i][k] = v
		}
		recs := in.Records[u.ID]
		su.Bonuses, su.Deductions, su.Vetoes = recs.Bonuses, recs.Deductions, recs.Vetoes
		out[i] = su
	}
	return out, views, nil
}

// planInput is one unit's figures for an item bound to an indicator: the
// year to date at the checkpoint against the 序时 targets (确保 and 力争)
// at the same month, so that a checkpoint asks for the pace the year
// needs, and at the year's end for the annual targets themselves.
func (in *Inputs) planInput(row *dashboard.IndicatorRow, up *dashboard.UnitProgress, it Item) (score.Input, InputView) {
	var input score.Input
	v := InputView{AssignmentID: up.AssignmentID}
	input.Actual = num(up.YTD.V, up.YTD.OK)
	input.Target = num(up.Expected.V, up.Expected.OK && up.HasTarget)
	input.Stretch = num(up.StretchExpected.V, up.StretchExpected.OK && up.HasTarget && up.Target.Stretch != nil)
	input.LastYear, v.LastYearFrom = in.lastYear(row, up)
	if it.Rule.Count != nil && input.Actual != nil {
		n := int(math.Round(up.YTD.V))
		input.Count, v.Count = n, &n
	}
	if input.Actual == nil {
		input.Missing = true
	}
	v.Actual, v.Target, v.Stretch, v.LastYear = input.Actual, input.Target, input.Stretch, input.LastYear
	return input, v
}

// lastYear is the unit's figure a year earlier at the same month: from
// last year's figures when that year is in gaoxin, otherwise from the
// target's baseline (上年基数), which is a year-end value — kept as it is
// for a stock or a rate, time-proportioned for an amount that accumulates
// over the year.
func (in *Inputs) lastYear(row *dashboard.IndicatorRow, up *dashboard.UnitProgress) (*score.Num, string) {
	if in.last != nil {
		for _, lr := range in.last.Indicators {
			if lr.Code != row.Code {
				continue
			}
			for _, lu := range lr.ByUnit {
				if lu.Unit.ID == up.Unit.ID && lu.YTD.OK {
					return num(lu.YTD.V, true), "figures"
				}
			}
		}
	}
	if up.Target.Baseline == nil {
		return nil, ""
	}
	base := *up.Target.Baseline
	if row.Semantics == plan.Flow || row.Semantics == plan.Cumulative {
		base = base * float64(in.Month) / 12
	}
	return num(base, true), "baseline"
}

// num converts a figure through its shortest decimal form; figures are
// stored as binary floating point, and this gives back what was typed.
func num(v float64, ok bool) *score.Num {
	if !ok {
		return nil
	}
	n, err := score.Float(v)
	if err != nil {
		return nil
	}
	return &n
}
