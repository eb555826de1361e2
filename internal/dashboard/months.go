package dashboard

import (
	"context"

	"gaoxin/internal/db"
	"gaoxin/internal/plan"
)

// LoadMonths evaluates a year at several months from one read of the
// database, keeping only the indicators keep accepts (all when keep is
// nil). The assessment scores a year's checkpoints on the few indicators
// its schemes name: reading once and evaluating only those is what keeps
// scoring a province's four checkpoints within seconds. The node roll-up
// covers the kept indicators only.
func LoadMonths(ctx context.Context, d *db.DB, year int, months []int, keep func(plan.Indicator) bool) ([]*Board, error) {
	p, in, err := readYear(ctx, d, year)
	if err != nil {
		return nil, err
	}
	if keep != nil {
		in.keepOnly(keep)
	}
	t, err := thresholds(ctx, d)
	if err != nil {
		return nil, err
	}
	boards := make([]*Board, len(months))
	for i, m := range months {
		boards[i] = build(p, m, in, t)
	}
	return boards, nil
}

// keepOnly drops the indicators keep refuses, with their assignments.
func (in *inputs) keepOnly(keep func(plan.Indicator) bool) {
	kept := map[int64]bool{}
	indicators := in.indicators[:0:0]
	for _, ind := range in.indicators {
		if keep(ind) {
			kept[ind.ID] = true
			indicators = append(indicators, ind)
		}
	}
	assignments := in.assignments[:0:0]
	for _, a := range in.assignments {
		if kept[a.IndicatorID] {
			assignments = append(assignments, a)
		}
	}
	in.indicators, in.assignments = indicators, assignments
}
