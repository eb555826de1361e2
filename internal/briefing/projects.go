package briefing

import (
	"context"
	"math"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/project"
)

// projects reads the year's portfolio — every project with a plan for the
// year, as the portfolio page lists it — lit on the briefing's day, and
// sums the investment reported for January to the month.
func projects(ctx context.Context, d *db.DB, year, month int, now func() time.Time) (Projects, error) {
	st := project.NewStore(d)
	st.SetClock(now)
	rows, totals, err := st.Portfolio(ctx, year, project.Filter{})
	if err != nil {
		return Projects{}, err
	}
	p := Projects{Count: totals.Count, Planned: totals.PlannedYear, Red: []RedProject{}}
	for _, c := range project.Colors {
		p.Lights = append(p.Lights, LightCount{Light: string(c), N: totals.ByColor[c]})
	}
	for _, r := range rows {
		invested := toMonth(r, month)
		p.Invested += invested
		if r.Light.Color != project.Red {
			continue
		}
		red := RedProject{Code: r.Code, Name: r.Name, Unit: r.LeadUnitName, Planned: r.Year.PlannedInvestment, Invested: invested}
		if len(r.Light.Reasons) > 0 {
			red.Reason = textOf(r.Light.Reasons[0].Msg)
		}
		p.Red = append(p.Red, red)
	}
	// Sums of many amounts carry binary noise in their last digits: kept
	// to the cent of a 万元, as the pages show them, a briefing computed
	// twice from the same rows is the same briefing.
	p.Planned, p.Invested = cents(p.Planned), cents(p.Invested)
	if p.Planned > 0 {
		p.Share = 100 * p.Invested / p.Planned
	}
	return p, nil
}

// toMonth is a project's counted investment from January to month, 万元.
func toMonth(r project.Row, month int) float64 {
	var sum float64
	for m := 0; m < month; m++ {
		if r.HasMonth[m] {
			sum += r.Months[m]
		}
	}
	return cents(sum)
}

func cents(v float64) float64 { return math.Round(v*100) / 100 }
