package assess

import (
	"context"
	"fmt"
	"sort"

	"gaoxin/internal/score"
)

// Scores returns the submitted ratings of the year's checkpoint: unit id →
// item code → rater type key → scores. Drafts and forms never submitted do
// not count, whether or not the round is closed.
func (s *RatingStore) Scores(ctx context.Context, year int, period string) (map[int64]map[string]map[string][]score.Num, error) {
	rows, err := s.db.Query(ctx, `SELECT s.unit_id, r.item, f.rater_type, s.score FROM rating_scores s
		JOIN rating_forms f ON f.id = s.form_id JOIN rating_rounds r ON r.id = f.round_id
		WHERE r.year = $1 AND r.period = $2 AND f.status = $3 ORDER BY f.id, s.unit_id`, year, period, string(FormSubmitted))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[string]map[string][]score.Num{}
	for rows.Next() {
		var unit int64
		var item, typ, text string
		if err := rows.Scan(&unit, &item, &typ, &text); err != nil {
			return nil, err
		}
		n, err := score.Dec(text)
		if err != nil {
			return nil, fmt.Errorf("rating score %q of unit %d: %w", text, unit, err)
		}
		if out[unit] == nil {
			out[unit] = map[string]map[string][]score.Num{}
		}
		if out[unit][item] == nil {
			out[unit][item] = map[string][]score.Num{}
		}
		out[unit][item][typ] = append(out[unit][item][typ], n)
	}
	return out, rows.Err()
}

// UnitSummary is a unit's submitted scores in a round: per rater type the
// number of scores and their mean, the highest and lowest dropped when the
// item trims and there are at least three, as the engine counts them; and
// the types' means weighted.
type UnitSummary struct {
	RatedUnit
	Count    map[string]int
	Mean     map[string]score.Num
	Weighted score.Num
	Rated    bool // whether any submitted form scored it
}

// Summary gives the office the round's submitted scores by unit.
func (s *RatingStore) Summary(ctx context.Context, r RatingRound) ([]UnitSummary, error) {
	all, err := s.Scores(ctx, r.Year, r.Period)
	if err != nil {
		return nil, err
	}
	units, err := formUnits(ctx, s.db, r.Class, 0)
	if err != nil {
		return nil, err
	}
	var out []UnitSummary
	for _, u := range units {
		out = append(out, summarise(u, r, all[u.ID][r.Item]))
	}
	return out, nil
}

func summarise(u RatedUnit, r RatingRound, byType map[string][]score.Num) UnitSummary {
	sum := UnitSummary{RatedUnit: u, Count: map[string]int{}, Mean: map[string]score.Num{}}
	var weighted, weights score.Num
	for _, t := range r.Types {
		list := append([]score.Num(nil), byType[t.Key]...)
		sum.Count[t.Key] = len(list)
		if len(list) == 0 {
			continue
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Cmp(list[j]) < 0 })
		if r.Trim && len(list) >= 3 {
			list = list[1 : len(list)-1]
		}
		var total score.Num
		for _, n := range list {
			total = total.Add(n)
		}
		mean := total.Quo(score.Int(int64(len(list))))
		w, _ := t.Weight.Value()
		sum.Mean[t.Key], sum.Rated = mean, true
		weighted, weights = weighted.Add(mean.Mul(w)), weights.Add(w)
	}
	if weights.Sign() > 0 {
		sum.Weighted = weighted.Quo(weights)
	}
	return sum
}
