package assess

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"gaoxin/internal/db"
	"gaoxin/internal/score"
)

// Combined is a class's year so far: each unit's published checkpoint
// totals weighed into one (过程考核), by the adopted scheme's weights.
type Combined struct {
	Class string
	// Checkpoints are the scheme's, in order; those not yet published are
	// listed with Published false and left out of the weighing, whose
	// weights are then those of the published ones, shared out again.
	Checkpoints []CombinedCheckpoint
	Complete    bool // every checkpoint is published
	Units       []CombinedUnit
}

// CombinedCheckpoint is one checkpoint of the weighing.
type CombinedCheckpoint struct {
	Period    string
	Weight    score.Num
	Published bool
	Version   int
}

// CombinedUnit is one unit's weighed total with the checkpoint totals.
type CombinedUnit struct {
	score.Combined
	Totals []*score.Num // by checkpoint; nil where not published or absent
}

// CombineYear weighs the latest published results of a class's
// checkpoints. A class with nothing published yet gives no units.
func CombineYear(ctx context.Context, d *db.DB, year int, class string) (*Combined, error) {
	st, err := NewStore(d).Latest(ctx, year, class)
	if err != nil {
		return nil, err
	}
	f, _, err := Parse(class+".yaml", st.Body)
	if err != nil {
		return nil, err
	}
	out := &Combined{Class: class, Complete: true}
	var cps []score.Checkpoint
	var published []*Result
	store := NewResultStore(d)
	for _, c := range f.Checkpoints {
		w, _ := c.Weight.Value()
		cc := CombinedCheckpoint{Period: c.Period, Weight: w}
		p, err := store.Latest(ctx, year, c.Period, class)
		switch {
		case errors.Is(err, db.ErrNotFound):
			out.Complete = false
			published = append(published, nil)
		case err != nil:
			return nil, err
		default:
			r, err := p.Result()
			if err != nil {
				return nil, err
			}
			cc.Published, cc.Version = true, p.Version
			published = append(published, r)
			cps = append(cps, score.Checkpoint{Name: PeriodName(c.Period, "zh"), NameEN: PeriodName(c.Period, "en"), Weight: w, Results: engineTotals(r)})
		}
		out.Checkpoints = append(out.Checkpoints, cc)
	}
	if len(cps) == 0 {
		return out, nil
	}
	combined, err := score.CombineCheckpoints(cps)
	if err != nil {
		return nil, err
	}
	for _, c := range combined {
		u := CombinedUnit{Combined: c}
		for _, r := range published {
			var t *score.Num
			if r != nil {
				if ur := r.Unit(c.UnitID); ur != nil {
					t = &ur.Total
				}
			}
			u.Totals = append(u.Totals, t)
		}
		out.Units = append(out.Units, u)
	}
	sortCombined(out.Units)
	return out, nil
}

// engineTotals gives the engine what it weighs: each unit's total.
func engineTotals(r *Result) []score.Result {
	out := make([]score.Result, len(r.Units))
	for i, u := range r.Units {
		out[i] = score.Result{UnitID: u.UnitID, Code: u.Code, Name: u.Name, Total: u.Total, Rank: u.Rank}
	}
	return out
}

func sortCombined(units []CombinedUnit) {
	slices.SortFunc(units, func(a, b CombinedUnit) int { return cmp.Compare(a.Rank, b.Rank) })
}
