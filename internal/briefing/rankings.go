package briefing

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// rankings reads the last checkpoint closed by the month that has a
// published result — Q3 for October's briefing — and the latest version of
// each of its classes, as the results page shows them to everyone. A
// checkpoint closing after the month is not the month's news, even when it
// is published by the day the briefing is built.
func rankings(ctx context.Context, d *db.DB, year, month int) (Rankings, error) {
	rs := assess.NewResultStore(d)
	latest, err := rs.Year(ctx, year)
	if err != nil {
		return Rankings{}, err
	}
	period := ""
	for _, p := range assess.Periods {
		if p.Month > month {
			break
		}
		for _, pub := range latest {
			if pub.Period == p.Key {
				period = p.Key
			}
		}
	}
	if period == "" {
		return Rankings{Classes: []ClassRanking{}}, nil
	}
	r := Rankings{Period: period, Name: Text{ZH: assess.PeriodName(period, "zh"), EN: assess.PeriodName(period, "en")}}
	for _, pub := range latest {
		if pub.Period != period {
			continue
		}
		full, err := rs.Version(ctx, year, period, pub.Class, pub.Version)
		if err != nil {
			return Rankings{}, err
		}
		res, err := full.Result()
		if err != nil {
			return Rankings{}, err
		}
		c := ClassRanking{Class: pub.Class, Version: pub.Version, PublishedOn: full.PublishedAt.In(chinaTime).Format(dateLayout),
			Scheme: res.Scheme.Name, SchemeV: res.Scheme.Version, Units: make([]Ranked, 0, len(res.Units))}
		for _, u := range res.Units {
			c.Units = append(c.Units, Ranked{Rank: u.Rank, Unit: u.Name, Total: twoPlaces(u.Total),
				Grade: Text{ZH: u.GradeIn(i18n.ZH), EN: u.GradeIn(i18n.EN)}, GradeLevel: u.GradeLevel, Vetoed: u.Vetoed})
		}
		r.Classes = append(r.Classes, c)
	}
	// In Go's order, not the database's: PostgreSQL may collate Chinese
	// names otherwise than SQLite, and both must give the same briefing.
	slices.SortFunc(r.Classes, func(a, b ClassRanking) int { return strings.Compare(a.Class, b.Class) })
	return r, nil
}

// twoPlaces is a total as the 通报 prints it: rounded half away from zero
// to two places by the engine's rule, so that the briefing and the
// results page agree to the cent.
func twoPlaces(n score.Num) float64 {
	v, _ := strconv.ParseFloat(score.Round(n, 2).String(), 64)
	return v
}
