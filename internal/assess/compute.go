package assess

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"gaoxin/internal/db"
)

// ErrNoScheme means no class has an adopted scheme for the year (or the
// class asked for has none).
var ErrNoScheme = errors.New("assess: no adopted scheme")

// Compute scores a checkpoint from the figures, records and ratings as they
// stand now: every class with an adopted scheme that declares the
// checkpoint, or only class when it is not empty.
func Compute(ctx context.Context, d *db.DB, year int, period, class string) ([]*Result, error) {
	all, err := ComputeCheckpoints(ctx, d, year, []string{period}, class)
	if err != nil {
		return nil, err
	}
	return all[period], nil
}

// ComputeCheckpoints scores several checkpoints at once from one read of the
// year's figures, by checkpoint. A checkpoint no adopted scheme declares
// is ErrNoScheme.
func ComputeCheckpoints(ctx context.Context, d *db.DB, year int, periods []string, class string) (map[string][]*Result, error) {
	schemes := make([][]Stored, len(periods))
	codes := map[string]bool{}
	for i, period := range periods {
		var err error
		if schemes[i], err = schemesFor(ctx, d, year, period, class); err != nil {
			return nil, err
		}
		for _, st := range schemes[i] {
			f, _, err := Parse(st.Class+".yaml", st.Body)
			if err != nil {
				return nil, err
			}
			for _, it := range f.Items {
				if it.Indicator != "" {
					codes[it.Indicator] = true
				}
			}
		}
	}
	inputs, err := loadCheckpoints(ctx, d, year, periods, codes)
	if err != nil {
		return nil, err
	}
	out := map[string][]*Result{}
	for i, in := range inputs {
		for _, st := range schemes[i] {
			r, err := Evaluate(in, st)
			if err != nil {
				return nil, err
			}
			out[in.Period] = append(out[in.Period], r)
		}
	}
	return out, nil
}

// schemesFor picks the adopted schemes that score a checkpoint.
func schemesFor(ctx context.Context, d *db.DB, year int, period, class string) ([]Stored, error) {
	if _, ok := PeriodMonth(period); !ok {
		return nil, ErrPeriod
	}
	current, err := NewStore(d).Current(ctx, year)
	if err != nil {
		return nil, err
	}
	var out []Stored
	for _, st := range current {
		if class != "" && st.Class != class {
			continue
		}
		if Declares(st, period) {
			out = append(out, st)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoScheme
	}
	return ByClass(out), nil
}

// Declares says whether a scheme scores the checkpoint: a scheme without
// checkpoints is assessed at every one.
func Declares(st Stored, period string) bool {
	f, _, err := Parse(st.Class+".yaml", st.Body)
	if err != nil || len(f.Checkpoints) == 0 {
		return err == nil
	}
	for _, c := range f.Checkpoints {
		if c.Period == period {
			return true
		}
	}
	return false
}

// ByClass orders schemes as a 通报 lists their classes: the usual 分类考核
// order, then any other class by name.
func ByClass(list []Stored) []Stored {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b Stored) int {
		return cmp.Or(cmp.Compare(classOrder(a.Class), classOrder(b.Class)), cmp.Compare(a.Class, b.Class))
	})
	return out
}

func classOrder(class string) int {
	for i, c := range []string{"经济发展类", "社会管理类", "党群类", "街道"} {
		if c == class {
			return i
		}
	}
	return 100
}

// WhatIfResult compares the adopted scheme with a draft on the same inputs.
type WhatIfResult struct {
	Current, Draft *Result
	// Changes are the units whose rank, total, grade or items move, the
	// greatest rise first.
	Changes []Change
}

// WhatIf scores a checkpoint's inputs under the adopted scheme and under a
// draft of it (a file not yet saved, or a saved draft version) and shows
// who moves and why, before the draft is adopted.
func WhatIf(in *Inputs, current Stored, draft Stored) (*WhatIfResult, error) {
	a, err := Evaluate(in, current)
	if err != nil {
		return nil, err
	}
	draft.Draft = true
	b, err := Evaluate(in, draft)
	if err != nil {
		return nil, err
	}
	changes := Diff(a, b)
	slices.SortStableFunc(changes, func(x, y Change) int {
		return cmp.Compare(y.OldRank-y.NewRank, x.OldRank-x.NewRank)
	})
	return &WhatIfResult{Current: a, Draft: b, Changes: changes}, nil
}
