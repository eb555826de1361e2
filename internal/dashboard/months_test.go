package dashboard_test

import (
	"testing"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/plan"
)

// Several months from one read, kept to some indicators, evaluate those
// indicators exactly as a whole board of each month does.
func TestLoadMonthsKeepsWhatLoadGives(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Year(t, d)
		keep := map[string]bool{"CJ03": true, "ZL01": true}
		boards, err := dashboard.LoadMonths(ctx, d, 2019, []int{3, 9}, func(in plan.Indicator) bool { return keep[in.Code] })
		if err != nil {
			t.Fatal(err)
		}
		for i, month := range []int{3, 9} {
			whole, err := dashboard.Load(ctx, d, 2019, month)
			if err != nil {
				t.Fatal(err)
			}
			b := boards[i]
			if b.Month != month || len(b.Indicators) != 2 {
				t.Fatalf("month %d: board at %d with %d indicators", month, b.Month, len(b.Indicators))
			}
			for _, row := range b.Indicators {
				want := whole.Indicator(row.ID)
				if len(row.ByUnit) != len(want.ByUnit) || len(row.ByUnit) == 0 {
					t.Fatalf("%s: %d units, want %d", row.Code, len(row.ByUnit), len(want.ByUnit))
				}
				for k, u := range row.ByUnit {
					w := want.ByUnit[k]
					if u.Unit.ID != w.Unit.ID || u.YTD != w.YTD || u.Expected != w.Expected || u.Status != w.Status {
						t.Errorf("%s %s at %d: %+v, want %+v", row.Code, u.Unit.Code, month, u.Result, w.Result)
					}
				}
			}
		}
		if _, err := dashboard.LoadMonths(ctx, d, 2018, []int{3}, nil); err != dashboard.ErrNoPlan {
			t.Fatalf("a year without a plan: %v", err)
		}
	})
}
