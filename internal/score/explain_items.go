package score

import (
	"errors"
	"sync"
)

// ErrChanged is returned by Explain when the units given to Score have
// changed since: the explanation would no longer show the figures scored.
var ErrChanged = errors.New("score: the units changed since they were scored")

var errNotScored = errors.New("score: the result did not come from Score")

// Explain writes Why for each of the unit's items. Score leaves them out:
// for a province's class they are over a million sentences, which cost more
// than the scoring and which ranking and what-if never read. Explain runs
// the unit's rules again, with the figures and the class ranking that Score
// used, so the text is exactly what scoring would have written; it reads
// the units given to Score and returns ErrChanged, writing nothing, when
// they no longer give the same points.
func (r *Result) Explain() error {
	if r.class == nil {
		return errNotScored
	}
	return r.class.p.explain(r, &r.class.units[r.index], &scratch{})
}

// ExplainAll explains every result, in parallel, and returns the first
// error met.
func ExplainAll(results []Result) error {
	var mu sync.Mutex
	var first error
	at := len(results) // the index of first, so that the error is always the same
	parallel(len(results), func(i int, sc *scratch) {
		r := &results[i]
		err := errNotScored
		if r.class != nil {
			err = r.class.p.explain(r, &r.class.units[r.index], sc)
		}
		if err != nil {
			mu.Lock()
			if i < at {
				at, first = i, err
			}
			mu.Unlock()
		}
	})
	return first
}

func (p *plan) explain(r *Result, u *Unit, sc *scratch) error {
	w := &sc.w
	w.reset()
	w.on = true
	items := make([]ItemResult, len(r.Items))
	p.scoreItems(r.index, u, items, sc)
	for k := range items {
		if items[k].State != r.Items[k].State || items[k].Points.Cmp(r.Items[k].Points) != 0 {
			return ErrChanged
		}
	}
	zh, en := w.texts()
	for k := range items {
		r.Items[k].Why = w.get(k, zh, en)
	}
	return nil
}
