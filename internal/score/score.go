package score

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// plan is a validated scheme with what every unit needs precomputed.
type plan struct {
	s      *Scheme
	nameEN []string
	prefix []Explanation  // "名称 ", "Name " per item
	wall   Num            // ΣW, the base of redistribution
	index  map[string]int // item index by code
	tie    []int          // tie-break item indexes
	ranks  []*ranking     // by item; nil unless the rule ranks the class
	repeat Num            // the deduction multiplier for repeats
}

func prepare(s *Scheme) (*plan, error) {
	if err := validate(s); err != nil {
		return nil, err
	}
	s.Items = slices.Clone(s.Items) // Explain reads them later
	for i := range s.Items {
		s.Items[i].Rule = byValue(s.Items[i].Rule)
	}
	p := &plan{s: s, index: make(map[string]int, len(s.Items)), repeat: s.Deduction.Repeat}
	if p.repeat.IsZero() {
		p.repeat = one
	}
	for i, it := range s.Items {
		p.index[it.Code] = i
		p.nameEN = append(p.nameEN, nameOr(it.NameEN, it.Code))
		p.prefix = append(p.prefix, Explanation{it.Name + " ", p.nameEN[i] + " "})
		p.wall = p.wall.Add(it.Points)
	}
	for _, code := range s.TieBreak {
		p.tie = append(p.tie, p.index[code])
	}
	return p, nil
}

// Score assesses one class of units under s at one checkpoint. It returns
// a *SchemeError when s is invalid. Results come in the order of units;
// Rank, GradeLevel and Grade place each unit in the class, and Notes
// explain everything but the items, whose explanations Explain writes.
// Units are scored in parallel; the results do not depend on how.
func Score(s Scheme, units []Unit) ([]Result, error) {
	p, err := prepare(&s)
	if err != nil {
		return nil, err
	}
	p.ranks = make([]*ranking, len(s.Items))
	var ranked []int
	for k := range s.Items {
		if _, ok := s.Items[k].Rule.(interface{ ranked() }); ok {
			ranked = append(ranked, k)
		}
	}
	parallel(len(ranked), func(i int, _ *scratch) {
		p.ranks[ranked[i]] = rankUnits(&p.s.Items[ranked[i]], units)
	})
	n := len(s.Items)
	res := make([]Result, len(units))
	cls := &class{p: p, units: units}
	parallel(len(units), func(i int, sc *scratch) {
		// Item results come from a slab per worker, a block of units at a
		// time: few allocations, and zeroed by the workers in parallel.
		if len(sc.slab) < n {
			sc.slab = make([]ItemResult, n*slabUnits)
		}
		items := sc.slab[:n:n]
		sc.slab = sc.slab[n:]
		p.scoreUnit(i, &units[i], &res[i], items, sc)
		res[i].class, res[i].index = cls, i
	})
	p.finish(res)
	return res, nil
}

// scratch is what one worker reuses from unit to unit.
type scratch struct {
	w    writer
	slab []ItemResult // room for the item results of the next units
	ins  []Input      // the unit's inputs by item
	why  []reason     // whether each item can be scored
	left []Num        // what each item has left for linked deductions
}

// slabUnits is how many units' item results a worker allocates at once.
const slabUnits = 32

// parallel calls f for 0 … n−1 on up to GOMAXPROCS workers, handing out
// blocks of indexes so that workers rarely meet on the counter; each
// worker has a scratch of its own.
func parallel(n int, f func(i int, sc *scratch)) {
	block := max(1, min(32, n/runtime.GOMAXPROCS(0)/4))
	workers := min(runtime.GOMAXPROCS(0), (n+block-1)/block)
	if workers <= 1 {
		sc := &scratch{}
		for i := range n {
			f(i, sc)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			sc := &scratch{}
			for {
				lo := int(next.Add(int64(block))) - block
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+block, n); i++ {
					f(i, sc)
				}
			}
		})
	}
	wg.Wait()
}

// scoreUnit scores one unit's items, bonus, deductions and vetoes, and
// writes the notes on all but the items; ranks and grades come later, for
// the class.
func (p *plan) scoreUnit(ui int, u *Unit, r *Result, items []ItemResult, sc *scratch) {
	w := &sc.w
	w.reset()
	w.on = false
	excluded := p.scoreItems(ui, u, items, sc)
	w.on = true
	var sum Num
	for k := range items {
		sum = sum.Add(items[k].Points)
	}
	*r = Result{UnitID: u.ID, Code: u.Code, Name: u.Name, Items: items, ItemsTotal: sum, GradeLevel: -1}
	p.noteExcluded(items, excluded, w)
	r.Bonus = p.bonus(u, w)
	r.Deduction = p.deduct(u, items, sc)
	r.VetoPoints, r.Vetoed = p.veto(u, w)
	r.Total = sum.Add(r.Bonus).Sub(r.Deduction).Sub(r.VetoPoints)
	p.noteTotal(r, w)
	zh, en := w.texts()
	// Room for the grade and quota notes that finish adds.
	r.Notes = make([]Explanation, 0, len(w.spans)+3)
	for i := range w.spans {
		r.Notes = append(r.Notes, w.get(i, zh, en))
	}
}
