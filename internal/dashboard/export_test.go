package dashboard

import (
	"context"

	"gaoxin/internal/db"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
)

// LoadFromFigures is Load with the year read from the figures themselves,
// one row a figure, as the dashboard read it before assignment_year: what
// the tests hold the year's rows to.
func LoadFromFigures(ctx context.Context, d *db.DB, year, month int) (*Board, error) {
	ps := plan.NewStore(d)
	p, err := ps.PlanByYear(ctx, year)
	if err != nil {
		return nil, err
	}
	in, err := loadInputs(ctx, d, ps, p)
	if err != nil {
		return nil, err
	}
	values, err := report.NewStore(d).CountedValues(ctx, year)
	if err != nil {
		return nil, err
	}
	in.series, in.latestMonth = map[int64]*progress.Series{}, 0
	for _, v := range values {
		s := in.series[v.AssignmentID]
		if s == nil {
			s = &progress.Series{}
			in.series[v.AssignmentID] = s
		}
		s.Set(v.Month, v.Value)
		in.latestMonth = max(in.latestMonth, v.Month)
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
