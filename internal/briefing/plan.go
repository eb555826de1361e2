package briefing

import (
	"cmp"
	"context"
	"slices"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
)

// statusOrder is the order the counts are shown in, best first.
var statusOrder = []progress.Status{progress.StatusAhead, progress.StatusOnTrack, progress.StatusBehind,
	progress.StatusSeriouslyBehind, progress.StatusNone}

// planStatus counts the zone's indicators by their status on the board.
func planStatus(board *dashboard.Board) Plan {
	by := map[progress.Status]int{}
	for _, in := range board.Indicators {
		by[in.Zone.Status]++
	}
	p := Plan{Indicators: len(board.Indicators)}
	for _, s := range statusOrder {
		p.Counts = append(p.Counts, StatusCount{Status: s.String(), N: by[s]})
	}
	p.Scored = p.Indicators - by[progress.StatusNone]
	p.OnTrack = by[progress.StatusAhead] + by[progress.StatusOnTrack]
	if p.Scored > 0 {
		p.OnTrackShare = 100 * float64(p.OnTrack) / float64(p.Scored)
	}
	return p
}

func lags(s progress.Status) bool {
	return s == progress.StatusBehind || s == progress.StatusSeriouslyBehind
}

// lagging lists the indicators behind 序时 for the zone, the seriously
// behind first and then by completion, each with its units that lag and
// what they wrote to explain it.
func lagging(ctx context.Context, d *db.DB, board *dashboard.Board) ([]Lag, error) {
	nodes := make(map[int64]string, len(board.Nodes))
	for _, n := range board.Nodes {
		nodes[n.ID] = n.Name
	}
	var out []Lag
	var want []wanted
	for _, in := range board.Indicators {
		if !lags(in.Zone.Status) {
			continue
		}
		lag := Lag{Code: in.Code, Name: in.Name, Node: nodes[in.NodeID], UOM: in.UOM, Precision: in.Precision, Bound: in.Bound(),
			Status: in.Zone.Status.String(), Target: ptr(in.YearEnd), YTD: ptr(in.Zone.YTD), Expected: ptr(in.Zone.Expected),
			Ratio: ptr(in.Zone.Ratio), Forecast: ptr(in.Zone.Forecast), Warning: in.Zone.Warning}
		var units []*dashboard.UnitProgress
		for i := range in.ByUnit {
			if lags(in.ByUnit[i].Status) {
				units = append(units, &in.ByUnit[i])
			}
		}
		slices.SortStableFunc(units, func(a, b *dashboard.UnitProgress) int {
			return cmp.Or(cmp.Compare(a.Ratio.V, b.Ratio.V), cmp.Compare(a.Unit.Order, b.Unit.Order), cmp.Compare(a.Unit.ID, b.Unit.ID))
		})
		for _, u := range units {
			lag.Units = append(lag.Units, LagUnit{Unit: u.Unit.Name, Status: u.Status.String(), YTD: ptr(u.YTD),
				Expected: ptr(u.Expected), Ratio: ptr(u.Ratio)})
			if m := latestMonth(&u.Series, board.Month); m > 0 {
				want = append(want, wanted{lag: len(out), unit: len(lag.Units) - 1, month: m, assignment: u.AssignmentID})
			}
		}
		out = append(out, lag)
	}
	if err := explain(ctx, d, board.Plan.Year, out, want); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Lag) int {
		return cmp.Or(cmp.Compare(severity(b.Status), severity(a.Status)), cmp.Compare(value(a.Ratio), value(b.Ratio)))
	})
	return out, nil
}

// wanted is a lagging unit's explanation to read: the figure of an
// assignment in a month, for one line of the lags.
type wanted struct {
	lag, unit  int
	month      int
	assignment int64
}

// explain reads the explanation of each lagging unit's latest counted
// figure up to the board's month — the figure that made its year to date —
// one read per month that holds such figures.
func explain(ctx context.Context, d *db.DB, year int, out []Lag, list []wanted) error {
	if len(list) == 0 {
		return nil
	}
	rs := report.NewStore(d)
	periods, err := rs.Periods(ctx, year)
	if err != nil {
		return err
	}
	byMonth := map[int][]wanted{}
	for _, w := range list {
		byMonth[w.month] = append(byMonth[w.month], w)
	}
	for _, p := range periods {
		of := byMonth[p.Month]
		if len(of) == 0 {
			continue
		}
		ids := make([]int64, len(of))
		for i, w := range of {
			ids[i] = w.assignment
		}
		figures, err := rs.Figures(ctx, p.ID, ids)
		if err != nil {
			return err
		}
		for _, w := range of {
			if f, ok := figures[w.assignment]; ok {
				u := &out[w.lag].Units[w.unit]
				u.Explanation, u.Explained = f.Explanation, p.Month
			}
		}
	}
	return nil
}

// severity ranks behind below seriously behind.
func severity(status string) int {
	if status == progress.StatusSeriouslyBehind.String() {
		return 2
	}
	return 1
}

func value(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// latestMonth is the latest month up to month whose figure counts in s, 0
// when none does.
func latestMonth(s *progress.Series, month int) int {
	for m := month; m >= 1; m-- {
		if _, ok := s.At(m); ok {
			return m
		}
	}
	return 0
}

func ptr(v progress.Value) *float64 {
	if !v.OK {
		return nil
	}
	x := v.V
	return &x
}
